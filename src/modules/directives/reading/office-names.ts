// The department's offices by name, alias or abbreviation, as notices write them: "Phòng Kế hoạch –
// Tài chính", "phòng Kế hoạch tài chính", "Phòng KH-TC", "P.KHTC", "Văn phòng Sở", "Thanh tra Sở", and in
// a list after a first office without the word "Phòng" ("phòng Kế hoạch tài chính, Nghiệp vụ y"). A full
// name written without "Phòng" counts only when capitalised ("công tác kế hoạch tài chính" is work, not
// an office). "Phòng Nghiệp vụ" (Y or Dược?) and "Phòng Y tế"/"PYT" (the district's health office, outside
// the sector's tree) are kept with their words and no unit.
import { searchKey } from '../../../lib/text.js';
import { DEPARTMENT_OFFICES, type DepartmentOffice } from './offices.js';
import type { UnitEntry, UnitMention } from './mentions.js';

const SEP = String.raw`(?:[ \t]*[-–—&][ \t]*|[ \t]+)`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (phrase: string) => searchKey(phrase).split(/\s*[-–—&]\s*|\s+/u).filter(Boolean).map(escape);

/** "Văn phòng Tỉnh ủy", "Văn phòng UBND tỉnh": other bodies' offices. */
const OTHER_BODY = /^[ \t]+(?:tinh uy|ubnd|uy ban|hdnd|hoi dong|chinh phu|quoc hoi|bo |trung uong|dang uy|huyen|tinh|cap|dien tu|lam viec|pham)/;
/** "Nghiệp vụ y tế" is no "Nghiệp vụ Y". */
const Y_TE = /^[ \t]+te(?![a-z])/;

interface Pattern {
  re: RegExp;
  /** Written without its "Phòng", it must start with a capital. */
  capital: boolean;
}

function officeEntry(unit: UnitEntry): DepartmentOffice | undefined {
  const name = searchKey(unit.name);
  return DEPARTMENT_OFFICES.find((o) => unit.code.endsWith(`_${o.suffix}`) || [o.name, ...o.aliases].some((a) => searchKey(a) === name));
}

function patternsOf(unit: UnitEntry): Pattern[] {
  const entry = officeEntry(unit);
  const names = [unit.name, ...(entry?.aliases ?? [])];
  const out: Pattern[] = [];
  for (const n of names) {
    const w = words(n);
    if (w[0] === 'phong') out.push({ re: new RegExp(String.raw`(?:phong[ \t]+)?${w.slice(1).join(SEP)}`, 'g'), capital: true });
    else out.push({ re: new RegExp(w.join(SEP), 'g'), capital: true });
  }
  for (const a of entry?.abbreviations ?? []) {
    out.push({ re: new RegExp(String.raw`(?:phong[ \t]+|p\.[ \t]*)${words(a).join(String.raw`[ \t]*[-–—&]?[ \t]*`)}`, 'g'), capital: false });
  }
  return out;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

/** Office mentions of `text` (whose search key is `key`), overlapping ones included: the caller keeps the longest. */
export function findOfficeMentions(text: string, key: string, units: UnitEntry[]): UnitMention[] {
  const out: UnitMention[] = [];
  const at = (start: number, end: number) => !isWordChar(key[start - 1]) && !isWordChar(key[end]) && !Y_TE.test(key.slice(end));
  for (const unit of units.filter((u) => u.kind === 'office')) {
    for (const p of patternsOf(unit)) {
      for (let m = p.re.exec(key); m; m = p.re.exec(key)) {
        const start = m.index;
        const end = start + m[0].length;
        if (!at(start, end)) continue;
        const withoutPhong = !/^(?:phong|p\.)/.test(m[0]);
        if (p.capital && withoutPhong && !/^\p{Lu}/u.test(text[start]!)) continue;
        if (/^van phong$/.test(m[0]) && OTHER_BODY.test(key.slice(end))) continue;
        out.push({ quote: text.slice(start, end), start, end, collective: false, office: true, units: [{ id: unit.id, code: unit.code, name: unit.name }] });
      }
    }
  }
  out.push(...unknownOffices(text, key, at));
  return out;
}

const DISTRICTS = String.raw`(?: cac (?:huyen|dia phuong)(?:[ ,/]+(?:thi xa|thanh pho|tp)(?![a-z]))*)?`;

function unknownOffices(text: string, key: string, at: (s: number, e: number) => boolean): UnitMention[] {
  const out: UnitMention[] = [];
  const scan = (re: RegExp, office: boolean, accept: (s: number, e: number) => boolean = () => true) => {
    for (let m = re.exec(key); m; m = re.exec(key)) {
      const end = m.index + m[0].length;
      if (!at(m.index, end) || !accept(m.index, end)) continue;
      // "các Phòng Y tế", "Phòng Y tế các huyện": every district's, still none of the tree's.
      const collective = /^cac |cac (?:huyen|dia phuong)/.test(m[0]);
      const mention: UnitMention = { quote: text.slice(m.index, end), start: m.index, end, collective, units: [] };
      if (office) mention.office = true;
      out.push(mention);
    }
  };
  // "Phòng Nghiệp vụ" alone: Y or Dược, the reviewer (or an alias) says which.
  scan(/phong nghiep vu(?! y(?![a-z])| duoc)/g, true);
  // The district's health office: a body of the district People's Committee, not of the tree.
  scan(new RegExp(String.raw`(?:cac )?phong y te${DISTRICTS}`, 'g'), false);
  scan(new RegExp(String.raw`(?:cac )?pyt${DISTRICTS}`, 'g'), false, (s) => /PYT/u.test(text.slice(s, s + 8)));
  return out;
}
