// Recognising the units a notice names, against the organisation tree: by name with or without tone
// marks and with the usual abbreviations ("TTYT TP. Hạ Long", "Trạm Y tế xã Hoằng Xuân", "BVĐK tỉnh"),
// the department itself ("Sở Y tế", "SYT") and its offices ("Phòng KH-TC", "phòng Kế hoạch tài chính",
// "Văn phòng Sở", "Thanh tra Sở"), and collective phrases expanded to their sets ("Giám đốc các Trung tâm
// Y tế", "Trung tâm Y tế các huyện, thị xã, thành phố", "các Trạm Y tế", "các bệnh viện tuyến tỉnh",
// "các đơn vị trực thuộc", "các phòng chức năng"). A unit named but not found is kept with its words
// (another province's unit, "Phòng Y tế" of a district — a body outside the sector's tree), so the
// reviewer sees it and chooses; an alias map (phrase → unit id) lets a deployment, or the demo, say
// which of its units a foreign name stands for.
import { searchKey } from '../../../lib/text.js';
import { findOfficeMentions } from './office-names.js';

export type { UnitEntry, UnitMention, UnitOptions, UnitRef } from './mentions.js';
import type { UnitEntry, UnitMention, UnitOptions, UnitRef } from './mentions.js';

/** The text as search keys, one key character per UTF-16 unit of the text (positions carry over). */
export function keyed(text: string): string {
  let out = '';
  for (const ch of text) {
    const k = ch === '\n' ? '\n' : searchKey(ch);
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
type UnitType = keyof typeof TYPE;
const KIND_OF: Record<UnitType, string> = { centre: 'health_centre', station: 'station', hospital: 'hospital', cdc: 'cdc' };
const LOCALITY = String.raw`(?:huyen|thanh pho|tp\.?|thi xa|tx\.?|quan|xa|phuong|thi tran|tinh|khu vuc)`;

export const ref = (u: UnitEntry): UnitRef => ({ id: u.id, code: u.code, name: u.name });

/** The units with what the finders ask of them again and again, computed once per text. */
class Tree {
  readonly byId: Map<string, UnitEntry>;
  private readonly keys = new Map<UnitEntry, string>();
  private readonly sets = new Map<string, UnitEntry[]>();

  constructor(readonly all: UnitEntry[]) {
    this.byId = new Map(all.map((u) => [u.id, u]));
    for (const u of all) this.keys.set(u, searchKey(u.name));
  }

  /** The name's search key. */
  key(u: UnitEntry): string {
    return this.keys.get(u)!;
  }

  ofKind(kind: string): UnitEntry[] {
    return this.memo(`kind:${kind}`, () => this.all.filter((u) => u.kind === kind));
  }

  /** The department's own units, its offices aside ("các đơn vị trực thuộc"). */
  direct(): UnitEntry[] {
    return this.memo('direct', () => {
      const roots = new Set(this.all.filter((u) => u.parentId === null).map((u) => u.id));
      return this.all.filter((u) => u.parentId !== null && roots.has(u.parentId) && u.kind !== 'office');
    });
  }

  /** The province-level units: hospitals, the CDC and the like, not the district health centres. */
  province(): UnitEntry[] {
    return this.memo('province', () => this.direct().filter((u) => u.kind !== 'health_centre'));
  }

  children(id: string, kind: string): UnitEntry[] {
    return this.memo(`children:${id}:${kind}`, () => this.all.filter((u) => u.parentId === id && u.kind === kind));
  }

  private memo(k: string, make: () => UnitEntry[]): UnitEntry[] {
    let v = this.sets.get(k);
    if (!v) this.sets.set(k, (v = make()));
    return v;
  }
}

interface Collective {
  re: RegExp;
  members(tree: Tree): UnitEntry[];
  office?: boolean;
}

const CENTRES_OF_DISTRICTS = String.raw`(?:[ ,/]+(?:thi xa|thanh pho|tp)(?![a-z]))*`;
const COLLECTIVES: Collective[] = [
  {
    // "Giám đốc các Trung tâm Y tế", "Trung tâm Y tế các huyện/thị xã/thành phố", "các TTYT",
    // "Trung tâm Y tế các địa phương"
    re: new RegExp(String.raw`(?:giam doc )?(?:cac ${TYPE.centre}(?: cac huyen)?|${TYPE.centre} cac (?:huyen|dia phuong))${CENTRES_OF_DISTRICTS}`, 'g'),
    members: (t) => t.ofKind('health_centre'),
  },
  {
    // "các Trạm Y tế", "các TYT xã, phường", "TYT các xã", "Trạm Y tế các xã, phường, thị trấn"
    re: new RegExp(String.raw`(?:cac ${TYPE.station}(?: xa(?:[ ,/]+(?:phuong|thi tran))*)?|${TYPE.station} cac xa(?:[ ,/]+(?:phuong|thi tran))*)`, 'g'),
    members: (t) => t.ofKind('station'),
  },
  { re: /cac benh vien(?: tuyen tinh)?/g, members: (t) => t.ofKind('hospital') },
  { re: /cac (?:co quan, )?don vi truc thuoc(?: so(?: y te)?)?/g, members: (t) => t.direct() },
  { re: /cac (?:co quan, )?don vi tuyen tinh/g, members: (t) => t.province() },
  {
    // "các phòng chức năng (thuộc Sở)", "các phòng chuyên môn Sở Y tế", "Văn phòng và các phòng"
    // (not "các phòng, ban … tại địa phương": the district's)
    re: /van phong (?:so )?va cac phong(?: (?:chuc nang|chuyen mon))?(?: (?:thuoc|cua) so(?: y te)?| so(?: y te)?)?|(?:cac )?phong (?:chuc nang|chuyen mon)(?: (?:thuoc|cua) so(?: y te)?| so(?: y te)?)?|cac phong(?: ban)? (?:thuoc|cua) so(?: y te)?/g,
    members: (t) => t.ofKind('office'),
    office: true,
  },
];

/** Words that start a unit's own name in the original text (capitalised), after its type. */
const NAME = /^[ \t]*((?:\p{Lu}\p{L}*|\d+)(?:[ \t]+(?:\p{Lu}\p{L}*|\d+)){0,3})/u;

type Add = (m: UnitMention) => void;
const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);
const wordAt = (key: string, start: number, end: number) => !isWordChar(key[start - 1]) && !isWordChar(key[end]);

/** Every unit mention in `text`, in order; overlapping phrases keep the longest. */
export function findUnitMentions(text: string, units: UnitEntry[], options: UnitOptions = {}): UnitMention[] {
  const key = keyed(text);
  const tree = new Tree(units);
  const candidates: UnitMention[] = [];
  const add: Add = (m) => candidates.push(m);
  findAliases(text, key, tree, options.aliases ?? {}, add);
  findCollectives(text, key, tree, add);
  findNamed(text, key, tree, add);
  for (const m of findOfficeMentions(text, key, units)) add(m);
  findDepartment(text, key, tree, add);
  findBare(text, key, tree, add);
  const sorted = longestFirst(candidates, text.length);
  resolveAliases(sorted, tree, options.aliases ?? {});
  continueLists(text, key, tree, sorted);
  narrowStations(text, tree, sorted);
  return absorbQualifiers(text, sorted);
}

/** Overlapping phrases keep the longest (the first found among equals); the rest, in the text's order. */
function longestFirst(candidates: UnitMention[], length: number): UnitMention[] {
  const taken = new Uint8Array(length + 1);
  const kept: UnitMention[] = [];
  const order = candidates.map((m, i) => ({ m, i })).sort((a, b) => b.m.end - b.m.start - (a.m.end - a.m.start) || a.i - b.i);
  for (const { m } of order) {
    if (taken.subarray(m.start, m.end).some((x) => x === 1)) continue;
    taken.fill(1, m.start, m.end);
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function findCollectives(text: string, key: string, tree: Tree, add: Add) {
  for (const c of COLLECTIVES) {
    c.re.lastIndex = 0;
    for (let m = c.re.exec(key); m; m = c.re.exec(key)) {
      const end = m.index + m[0].replace(/[ ,/]+$/u, '').length;
      if (!wordAt(key, m.index, end)) continue;
      const mention: UnitMention = { quote: text.slice(m.index, end), start: m.index, end, collective: true, units: c.members(tree).map(ref) };
      if (c.office) mention.office = true;
      add(mention);
    }
  }
}

/** A unit by its type and name: "Trung tâm Y tế huyện Hoằng Hóa", "TTYT TP. Hạ Long", "CDC tỉnh". */
function findNamed(text: string, key: string, tree: Tree, add: Add) {
  for (const [type, pattern] of Object.entries(TYPE) as [UnitType, string][]) {
    const re = new RegExp(String.raw`${pattern}(?: (${LOCALITY}))?`, 'g');
    for (let m = re.exec(key); m; m = re.exec(key)) {
      if (!wordAt(key, m.index, m.index + m[0].length)) continue;
      const name = NAME.exec(text.slice(m.index + m[0].length));
      if (!name) {
        // "Trung tâm Kiểm soát bệnh tật tỉnh", "Bệnh viện Đa khoa tỉnh": the province's only one
        const only = provinceSingleton(type, m[1], m[0], tree);
        if (only) add({ quote: text.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length, collective: false, units: [ref(only)] });
        continue;
      }
      const end = m.index + m[0].length + name[0].length;
      const wanted = searchKey(name[1]!);
      const locality = m[1] ? searchKey(m[1]).replace(/^tp\.?$/u, 'thanh pho').replace(/^tx\.?$/u, 'thi xa') : null;
      const matches = tree.ofKind(KIND_OF[type]).filter((u) => {
        const k = tree.key(u);
        return k.endsWith(` ${wanted}`) && (!locality || k.includes(`${locality} ${wanted}`));
      });
      add({ quote: text.slice(m.index, end), start: m.index, end, collective: false, units: matches.map(ref) });
      if (matches.length > 0) namesListed(text, end, tree.ofKind(KIND_OF[type]).filter((u) => !locality || tree.key(u).includes(`${locality} `)), tree, add);
    }
  }
}

/** "các TYT xã Hoằng Xuân, Hoằng Lộc": the names that follow, of the same type and locality, when the tree has them. */
function namesListed(text: string, from: number, sameType: UnitEntry[], tree: Tree, add: Add) {
  for (let at = from; ; ) {
    const sep = /^[ 	]*(?:,|và|,[ 	]*và)[ 	]*/u.exec(text.slice(at));
    const name = sep && NAME.exec(text.slice(at + sep[0].length));
    if (!sep || !name) return;
    const wanted = searchKey(name[1]!);
    const matches = sameType.filter((u) => tree.key(u).endsWith(` ${wanted}`));
    if (matches.length === 0) return;
    const start = at + sep[0].length + (name[0].length - name[0].trimStart().length);
    at = at + sep[0].length + name[0].length;
    add({ quote: text.slice(start, at), start, end: at, collective: false, units: matches.map(ref) });
  }
}

function provinceSingleton(type: UnitType, locality: string | undefined, words: string, tree: Tree): UnitEntry | null {
  const direct = tree.direct();
  if (type === 'cdc' && (!locality || locality === 'tinh')) {
    const all = direct.filter((u) => u.kind === 'cdc');
    return all.length === 1 ? all[0]! : null;
  }
  if (type === 'hospital' && locality === 'tinh' && /da khoa|bvdk/.test(words)) {
    const all = direct.filter((u) => u.kind === 'hospital' && tree.key(u).includes('da khoa tinh'));
    return all.length === 1 ? all[0]! : null;
  }
  return null;
}

/** "Sở Y tế", "Sở Y tế Thanh Hóa", "SYT": the department (the one of the tree, or by its name). */
function findDepartment(text: string, key: string, tree: Tree, add: Add) {
  const departments = tree.ofKind('department');
  const re = /so y te|syt/g;
  for (let m = re.exec(key); m; m = re.exec(key)) {
    let end = m.index + m[0].length;
    if (!wordAt(key, m.index, end)) continue;
    if (m[0] === 'syt' && text.slice(m.index, end) !== 'SYT') continue;
    const name = NAME.exec(text.slice(end));
    let meant = departments;
    if (name) {
      const named = departments.filter((u) => tree.key(u).endsWith(` ${searchKey(name[1]!)}`));
      // Another province's department is still "the department" of the notice when the tree has one.
      if (named.length > 0 || departments.length === 1) end += name[0].length;
      if (named.length > 0) meant = named;
    }
    add({ quote: text.slice(m.index, end), start: m.index, end, collective: false, units: meant.length === 1 ? [ref(meant[0]!)] : [] });
  }
}

/** "Trung tâm Y tế", "Trạm Y tế" capitalised and alone: every unit of the kind, used by roles only. */
function findBare(text: string, key: string, tree: Tree, add: Add) {
  const re = /(trung tam y te|tram y te)(?= *[^ a-z0-9#]| +[a-z]|$)/g;
  for (let m = re.exec(key); m; m = re.exec(key)) {
    const end = m.index + m[0].length;
    if (!wordAt(key, m.index, end) || !/^(?:Trung tâm|Trạm) Y tế$/u.test(text.slice(m.index, end))) continue;
    if (NAME.test(text.slice(end))) continue;
    const kind = m[1] === 'trung tam y te' ? 'health_centre' : 'station';
    add({ quote: text.slice(m.index, end), start: m.index, end, collective: true, bare: true, units: tree.ofKind(kind).map(ref) });
  }
}

// ---- aliases: "TTYT TP. Hạ Long" → a stand-in ---------------------------------------------------------

/** Abbreviations written either way: the canonical token and what the text may say. */
const CANON: [RegExp, string, string][] = [
  [/\btrung tam y te\b|\bttyt\b/g, 'ttyt', String.raw`(?:trung tam y te|ttyt)`],
  [/\btram y te\b|\btyt\b/g, 'tyt', String.raw`(?:tram y te|tyt)`],
  [/\btrung tam kiem soat benh tat\b|\bcdc\b/g, 'cdc', String.raw`(?:trung tam kiem soat benh tat|cdc)`],
  [/\bbenh vien da khoa\b|\bbvdk\b/g, 'bvdk', String.raw`(?:benh vien da khoa|bvdk)`],
  [/\bthanh pho\b|\btp\b/g, 'tp', String.raw`(?:thanh pho|tp)`],
  [/\bthi xa\b|\btx\b/g, 'tx', String.raw`(?:thi xa|tx)`],
  [/\bso y te\b|\bsyt\b/g, 'syt', String.raw`(?:so y te|syt)`],
];

/** A phrase's canonical form: no tone marks, abbreviations one way, no punctuation. */
export function canonicalName(phrase: string): string {
  let s = searchKey(phrase).replace(/[.,;:()]/g, ' ');
  for (const [re, token] of CANON) s = s.replace(re, token);
  return s.replace(/\s*[-–—&]\s*/g, ' ').replace(/\s+/g, ' ').trim();
}

function aliasPattern(phrase: string): RegExp {
  const parts = canonicalName(phrase)
    .split(' ')
    .map((t) => CANON.find(([, token]) => token === t)?.[2] ?? t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join(String.raw`\.?[ \t]*[-–—&]?[ \t]*`), 'g');
}

function findAliases(text: string, key: string, tree: Tree, aliases: Readonly<Record<string, string>>, add: Add) {
  for (const [phrase, id] of Object.entries(aliases)) {
    const unit = tree.byId.get(id);
    if (!unit || canonicalName(phrase) === '') continue;
    const re = aliasPattern(phrase);
    for (let m = re.exec(key); m; m = re.exec(key)) {
      const end = m.index + m[0].length;
      if (!wordAt(key, m.index, end)) continue;
      const mention: UnitMention = { quote: text.slice(m.index, end), start: m.index, end, collective: false, units: [ref(unit)] };
      if (unit.kind === 'office') mention.office = true;
      add(mention);
    }
  }
}

/** A named unit the tree lacks, whose words an alias gives ("Trung tâm Y tế TP. Hạ Long"). */
function resolveAliases(mentions: UnitMention[], tree: Tree, aliases: Readonly<Record<string, string>>) {
  const byName = new Map(Object.entries(aliases).map(([p, id]) => [canonicalName(p), id]));
  for (const m of mentions) {
    if (m.units.length > 0 || m.collective) continue;
    const id = byName.get(canonicalName(m.quote));
    const unit = id === undefined ? undefined : tree.byId.get(id);
    if (unit) m.units = [ref(unit)];
  }
}

// ---- lists and context -------------------------------------------------------------------------------

/** "Các Trung tâm Y tế, Trạm Y tế": the second type word is a collective too ("các" covers both). */
function continueLists(text: string, key: string, tree: Tree, mentions: UnitMention[]) {
  const at = new Map(mentions.map((m) => [m.start, m]));
  for (const m of mentions) {
    if (!m.collective || m.bare) continue; // "Các Phòng Y tế, Trạm Y tế" too: external, yet a list
    const after = /^(,? (?:va )?)(trung tam y te|ttyt|tram y te|tyt)(?![a-z0-9])/.exec(key.slice(m.end));
    if (!after || NAME.test(text.slice(m.end + after[0].length))) continue;
    const next = at.get(m.end + after[1]!.length);
    if (next?.bare) {
      next.bare = false;
      next.units = tree.ofKind(/tram|tyt/.test(after[2]!) ? 'station' : 'health_centre').map(ref);
    }
  }
}

/** "Trung tâm Y tế TP. Hạ Long … cho các Trạm Y tế": the stations of the centre named in the sentence. */
function narrowStations(text: string, tree: Tree, mentions: UnitMention[]) {
  mentions.forEach((m, i) => {
    if (!m.collective || m.bare || m.units.length === 0 || !m.units.every((u) => tree.byId.get(u.id)?.kind === 'station')) return;
    for (let j = i - 1; j >= 0 && m.start - mentions[j]!.end < 600; j--) {
      const c = mentions[j]!;
      if (/[.!?]\s|\n/u.test(text.slice(c.end, mentions[j + 1]!.start))) break; // the sentence's start
      const centre = c.units.length === 1 && !c.collective ? tree.byId.get(c.units[0]!.id) : undefined;
      if (centre?.kind !== 'health_centre') continue;
      const own = tree.children(centre.id, 'station');
      if (own.length > 0) m.units = own.map(ref);
      return;
    }
  });
}

/**
 * "Phòng Kế hoạch-Tài chính, Sở Y tế", "phòng Nghiệp vụ thuộc Sở": the department there only says
 * whose office it is. The office's mention takes the words; the department is no unit of its own.
 */
function absorbQualifiers(text: string, mentions: UnitMention[]): UnitMention[] {
  const out: UnitMention[] = [];
  for (const m of mentions) {
    const prev = out[out.length - 1];
    const isDepartment = !m.collective && /^(?:Sở Y tế|SYT)/iu.test(m.quote);
    if (prev && isDepartment && prev.office && /^\s*,?\s*(?:thuộc\s+|của\s+)?$/u.test(text.slice(prev.end, m.start))) {
      prev.end = m.end;
      prev.quote = text.slice(prev.start, prev.end);
      continue;
    }
    out.push(m);
  }
  return out;
}
