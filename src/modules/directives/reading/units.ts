// Recognising the units a notice names, against the organisation tree: by name with or without tone
// marks and with the usual abbreviations ("TTYT TP. Hạ Long", "Trạm Y tế xã Hoằng Xuân", "BVĐK tỉnh"),
// and collective phrases expanded to their sets ("Giám đốc các Trung tâm Y tế", "Trung tâm Y tế các
// huyện, thị xã, thành phố", "các Trạm Y tế", "các bệnh viện tuyến tỉnh", "các đơn vị trực thuộc").
// A unit named but not found is kept with its words (another province's unit, an office soyte does
// not have yet), so the reviewer sees it and chooses.
import { searchKey } from '../../../lib/text.js';

export interface UnitEntry {
  id: string;
  code: string;
  name: string;
  /** department, health_centre, hospital, cdc, station (orgunits' kinds). */
  kind: string;
  /** The parent's id (the Sở Y tế's own children are "các đơn vị trực thuộc"). */
  parentId: string | null;
}

export interface UnitMention {
  /** The words, and where they are in the text. */
  quote: string;
  start: number;
  end: number;
  /** A collective phrase ("các Trung tâm Y tế"): every unit of the set. */
  collective: boolean;
  /** The units meant; empty when nothing matched (the words are then all there is). */
  units: { id: string; code: string; name: string }[];
}

/** The text as search keys, one key character per character of the text (positions carry over). */
function keyed(text: string): string {
  let out = '';
  for (const ch of text) {
    const k = searchKey(ch);
    // One key character per UTF-16 unit of the original, so positions are the same in both.
    out += (k.length === 1 ? k : /\s/u.test(ch) ? ' ' : '#').padEnd(ch.length, '#');
  }
  return out;
}

const TYPE = {
  centre: String.raw`(?:trung tam y te|ttyt)`,
  station: String.raw`(?:tram y te|tyt)`,
  hospital: String.raw`(?:benh vien(?: da khoa)?|bvdk|bv)`,
  cdc: String.raw`(?:trung tam kiem soat benh tat|cdc)`,
};
const KIND_OF: Record<keyof typeof TYPE, string> = { centre: 'health_centre', station: 'station', hospital: 'hospital', cdc: 'cdc' };
const LOCALITY = String.raw`(?:huyen|thanh pho|tp\.?|thi xa|tx\.?|quan|xa|phuong|thi tran|tinh|khu vuc)`;

interface Collective {
  re: RegExp;
  members(units: UnitEntry[]): UnitEntry[];
}

const rootChildren = (units: UnitEntry[]) => {
  const roots = new Set(units.filter((u) => u.parentId === null).map((u) => u.id));
  return units.filter((u) => u.parentId !== null && roots.has(u.parentId));
};

const COLLECTIVES: Collective[] = [
  {
    // "Giám đốc các Trung tâm Y tế", "Trung tâm Y tế các huyện/thị xã/thành phố", "các TTYT"
    re: new RegExp(String.raw`(?:giam doc )?(?:cac ${TYPE.centre}(?: cac huyen)?|${TYPE.centre} cac huyen)(?:[ ,/]+(?:thi xa|thanh pho|tp)(?![a-z]))*`, 'g'),
    members: (u) => u.filter((x) => x.kind === 'health_centre'),
  },
  { re: new RegExp(String.raw`cac ${TYPE.station}(?: xa(?:[ ,/]+(?:phuong|thi tran))*)?`, 'g'), members: (u) => u.filter((x) => x.kind === 'station') },
  { re: /cac benh vien(?: tuyen tinh)?/g, members: (u) => u.filter((x) => x.kind === 'hospital') },
  { re: /cac (?:co quan, )?don vi truc thuoc(?: so(?: y te)?)?/g, members: rootChildren },
];

/** Words that start a unit's own name in the original text (capitalised), after its type. */
const NAME = /^[ \t]*((?:\p{Lu}\p{L}*|\d+)(?:[ \t]+(?:\p{Lu}\p{L}*|\d+)){0,3})/u;

/** Every unit mention in `text`, in order; overlapping phrases keep the longest. */
export function findUnitMentions(text: string, units: UnitEntry[]): UnitMention[] {
  const key = keyed(text);
  const found: UnitMention[] = [];
  const add = (m: UnitMention) => {
    if (found.some((f) => f.start < m.end && m.start < f.end && f.end - f.start >= m.end - m.start)) return;
    for (let i = found.length - 1; i >= 0; i--) if (found[i]!.start < m.end && m.start < found[i]!.end) found.splice(i, 1);
    found.push(m);
  };
  const wordAt = (start: number, end: number) => (start === 0 || /[^a-z0-9]/.test(key[start - 1]!)) && (end === key.length || /[^a-z0-9]/.test(key[end]!));

  for (const c of COLLECTIVES) {
    c.re.lastIndex = 0;
    for (let m = c.re.exec(key); m; m = c.re.exec(key)) {
      const end = m.index + m[0].replace(/[ ,/]+$/u, '').length;
      if (!wordAt(m.index, end)) continue;
      add({ quote: text.slice(m.index, end), start: m.index, end, collective: true, units: c.members(units).map(ref) });
    }
  }

  for (const [type, pattern] of Object.entries(TYPE) as [keyof typeof TYPE, string][]) {
    const re = new RegExp(String.raw`${pattern}(?: (${LOCALITY}))?`, 'g');
    for (let m = re.exec(key); m; m = re.exec(key)) {
      if (!wordAt(m.index, m.index + m[0].length)) continue;
      const name = NAME.exec(text.slice(m.index + m[0].length));
      if (!name) continue; // "trung tâm y tế" alone: a common noun, not a unit
      const end = m.index + m[0].length + name[0].length;
      const wanted = searchKey(name[1]!);
      const locality = m[1] ? searchKey(m[1]).replace(/^tp\.?$/u, 'thanh pho').replace(/^tx\.?$/u, 'thi xa') : null;
      const matches = units.filter((u) => {
        if (u.kind !== KIND_OF[type] && !(type === 'hospital' && u.kind === 'hospital')) return false;
        const k = searchKey(u.name);
        return k.endsWith(` ${wanted}`) && (!locality || k.includes(`${locality} ${wanted}`));
      });
      add({ quote: text.slice(m.index, end), start: m.index, end, collective: false, units: matches.map(ref) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const ref = (u: UnitEntry) => ({ id: u.id, code: u.code, name: u.name });
