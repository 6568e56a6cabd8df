// Builds the health-sector org-unit plan of a province, before and after the reform of 01/07/2025,
// from the bundled administrative unit lists (data/vn-admin.json, made by scripts/bundle-vn-admin.ts).
// Pure: no database; the orgunits service turns the plan into rows.
import fs from 'node:fs';
import { DEPARTMENT_OFFICES, officeCode } from './offices.js';
import type { PlannedEvent, PlannedGroupSet, PlannedLink, PlannedUnit, ProvincePlan, UnitKind } from './plan.types.js';

type Row = [code: string, parent: string, fullName: string, nameEn: string];
interface Bundle {
  np: [code: string, fullName: string, nameEn: string, oldCodes: string[]][];
  op: [code: string, fullName: string, nameEn: string][];
  d: Row[]; // old districts, parent = province
  ow: Row[]; // old communes, parent = district
  nw: Row[]; // 2025 communes, parent = province
  m: [newCode: string, oldCode: string, full: 0 | 1][];
  x: Record<string, string>; // old codes of the mapping absent from the old lists
  a: [mappingCode: string, listCode: string][];
}

interface Admin { code: string; parent: string; fullName: string; nameEn: string }
interface Province { code: string; fullName: string; nameEn: string; oldCodes: string[] }
interface Index {
  current: Map<string, Province>;
  old: Map<string, Province & { mergedInto: string }>;
  districtsOf: Map<string, Admin[]>;
  district: Map<string, Admin>;
  communesOf: Map<string, Admin[]>; // old communes by district
  oldCommune: Map<string, Admin>;
  newCommunesOf: Map<string, Admin[]>; // 2025 communes by province
  newCommune: Map<string, Admin>;
  mapping: Map<string, { oldCode: string; full: boolean }[]>;
  absent: Record<string, string>;
  aliases: [string, string][];
}

let index: Index | undefined;

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

function load(): Index {
  if (index) return index;
  const b = JSON.parse(fs.readFileSync(new URL('./data/vn-admin.json', import.meta.url), 'utf8')) as Bundle;
  const admin = ([code, parent, fullName, nameEn]: Row): Admin => ({ code, parent, fullName, nameEn });
  const current = new Map(b.np.map(([code, fullName, nameEn, oldCodes]) => [code, { code, fullName, nameEn, oldCodes }]));
  const mergedInto = new Map(b.np.flatMap(([code, , , olds]) => olds.map((o) => [o, code] as const)));
  const old = new Map(b.op.map(([code, fullName, nameEn]) =>
    [code, { code, fullName, nameEn, oldCodes: [code], mergedInto: mergedInto.get(code) ?? code }]));
  const districts = b.d.map(admin);
  const oldCommunes = b.ow.map(admin);
  const newCommunes = b.nw.map(admin);
  index = {
    current,
    old,
    districtsOf: groupBy(districts, (x) => x.parent),
    district: new Map(districts.map((x) => [x.code, x])),
    communesOf: groupBy(oldCommunes, (x) => x.parent),
    oldCommune: new Map(oldCommunes.map((x) => [x.code, x])),
    newCommunesOf: groupBy(newCommunes, (x) => x.parent),
    newCommune: new Map(newCommunes.map((x) => [x.code, x])),
    mapping: new Map([...groupBy(b.m, (r) => r[0])].map(([k, rows]) =>
      [k, rows.map(([, oldCode, full]) => ({ oldCode, full: full === 1 }))])),
    absent: b.x,
    aliases: b.a,
  };
  return index;
}

const PROVINCE_PREFIX = /^(Tỉnh|Thành phố) /;
const shortProvinceName = (fullName: string) => fullName.replace(PROVINCE_PREFIX, '');
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

// Vietnamese type prefix -> English type word, area-type group (communes only).
const DISTRICT_TYPES: [string, string][] = [['Quận', 'District'], ['Huyện', 'District'], ['Thị xã', 'Town'], ['Thành phố', 'City']];
const COMMUNE_TYPES: [string, string, string][] = [
  ['Thị trấn', 'Township', 'AT_TOWNSHIP'], ['Phường', 'Ward', 'AT_URBAN'], ['Xã', 'Commune', 'AT_RURAL'], ['Đặc khu', 'Special Zone', 'AT_SPECIAL'],
];

function englishName(a: Admin, types: [string, string, ...string[]][]): string | undefined {
  const type = types.find(([vi]) => a.fullName.startsWith(vi + ' '));
  if (!type || !a.nameEn) return undefined;
  return /^\d+$/.test(a.nameEn) ? `${type[1]} ${a.nameEn}` : `${a.nameEn} ${type[1]}`; // "District 1", "Hoang Hoa District"
}

function areaGroup(fullName: string): string | undefined {
  return COMMUNE_TYPES.find(([vi]) => fullName.startsWith(vi + ' '))?.[2];
}

const UNIT_TYPE_GROUP: Record<UnitKind, string> = {
  department: 'UT_DEPARTMENT', office: 'UT_OFFICE', health_centre: 'UT_HEALTH_CENTRE', hospital: 'UT_HOSPITAL', cdc: 'UT_CDC', station: 'UT_STATION',
};

const KIND_ORDER: Record<UnitKind, number> = { department: 0, office: 1, hospital: 1, cdc: 1, health_centre: 2, station: 3 };

const GROUP_SETS: PlannedGroupSet[] = [
  {
    code: 'UNIT_TYPE', name: 'Loại đơn vị', nameEn: 'Unit type', groups: [
      { code: 'UT_DEPARTMENT', name: 'Sở Y tế', nameEn: 'Department of Health' },
      { code: 'UT_OFFICE', name: 'Phòng chức năng thuộc Sở', nameEn: 'Department office' },
      { code: 'UT_HOSPITAL', name: 'Bệnh viện', nameEn: 'Hospital' },
      { code: 'UT_CDC', name: 'Trung tâm Kiểm soát bệnh tật', nameEn: 'Centre for Disease Control' },
      { code: 'UT_HEALTH_CENTRE', name: 'Trung tâm Y tế', nameEn: 'Health centre' },
      { code: 'UT_STATION', name: 'Trạm Y tế', nameEn: 'Commune health station' },
    ],
  },
  {
    code: 'AREA_TYPE', name: 'Loại địa bàn', nameEn: 'Area type', groups: [
      { code: 'AT_URBAN', name: 'Phường', nameEn: 'Urban ward' },
      { code: 'AT_RURAL', name: 'Xã', nameEn: 'Rural commune' },
      { code: 'AT_TOWNSHIP', name: 'Thị trấn', nameEn: 'Township' },
      { code: 'AT_SPECIAL', name: 'Đặc khu', nameEn: 'Special zone' },
    ],
  },
  {
    code: 'ZONE', name: 'Khu vực', nameEn: 'Zone', groups: [
      { code: 'ZONE_1', name: 'Khu vực 1', nameEn: 'Zone 1' },
      { code: 'ZONE_2', name: 'Khu vực 2', nameEn: 'Zone 2' },
      { code: 'ZONE_3', name: 'Khu vực 3', nameEn: 'Zone 3' },
    ],
  },
];

const LEVELS = [
  { level: 1, name: 'Sở Y tế', nameEn: 'Department of Health' },
  { level: 2, name: 'Trung tâm Y tế / Bệnh viện', nameEn: 'Health centre / hospital' },
  { level: 3, name: 'Trạm Y tế', nameEn: 'Commune health station' },
];

export function listProvinces(): { code: string; name: string; nameEn: string; current: boolean; mergedInto?: string }[] {
  const { current, old } = load();
  const list = [
    ...[...current.values()].map((p) => ({ code: p.code, name: shortProvinceName(p.fullName), nameEn: p.nameEn, current: true })),
    ...[...old.values()].filter((p) => !current.has(p.code)).map((p) =>
      ({ code: p.code, name: shortProvinceName(p.fullName), nameEn: p.nameEn, current: false, mergedInto: p.mergedInto })),
  ];
  return list.sort((a, b) => a.code.localeCompare(b.code));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const viDate = (iso: string) => iso.split('-').reverse().join('/');

export function buildProvincePlan(gsoCode: string, opts: { historyStart?: string; reformDate?: string } = {}): ProvincePlan {
  const historyStart = opts.historyStart ?? '2015-01-01';
  const reformDate = opts.reformDate ?? '2025-07-01';
  if (!DATE.test(historyStart) || !DATE.test(reformDate) || historyStart >= reformDate) {
    throw new Error(`Invalid dates: historyStart (${historyStart}) and reformDate (${reformDate}) must be YYYY-MM-DD, historyStart first`);
  }
  const ix = load();
  const province = ix.current.get(gsoCode);
  if (!province) {
    const old = ix.old.get(gsoCode);
    if (!old) throw new Error(`Unknown province code "${gsoCode}"`);
    const into = ix.current.get(old.mergedInto)!;
    throw new Error(`Province ${gsoCode} (${shortProvinceName(old.fullName)}) was merged into ${into.code} ` +
      `(${shortProvinceName(into.fullName)}) on ${reformDate}; use ${into.code}`);
  }

  const name = shortProvinceName(province.fullName);
  const rootCode = `SYT${province.code}`;
  const units = new Map<string, PlannedUnit>();
  const area = new Map<string, string | undefined>(); // station code -> area-type group
  const warnings: string[] = [];
  const events: PlannedEvent[] = [];
  const add = (u: Omit<PlannedUnit, 'groups'>) => units.set(u.code, { ...u, groups: [] });

  // Level 1: the 2025 department; it continues the old department with the same code, if any.
  const sameCodeOld = province.oldCodes.includes(province.code) ? ix.old.get(province.code)! : undefined;
  const rootName = `Sở Y tế ${name}`;
  const oldRootName = sameCodeOld ? `Sở Y tế ${shortProvinceName(sameCodeOld.fullName)}` : rootName;
  add({
    code: rootCode, nameEn: `${province.nameEn} Department of Health`, kind: 'department', adminCode: province.code,
    adminLevel: 'province', openingDate: historyStart,
    versions: [
      { validFrom: historyStart, parentCode: null, name: oldRootName },
      ...(oldRootName !== rootName ? [{ validFrom: reformDate, parentCode: null, name: rootName }] : []),
    ],
  });
  for (const o of DEPARTMENT_OFFICES) {
    add({
      code: officeCode(rootCode, o.suffix), nameEn: o.nameEn, shortName: o.shortName, kind: 'office', adminCode: province.code,
      adminLevel: 'province', openingDate: historyStart, versions: [{ validFrom: historyStart, parentCode: rootCode, name: o.name }],
    });
  }
  const city = province.fullName.startsWith('Thành phố');
  add({
    code: `BVDK${province.code}`, nameEn: `${province.nameEn} ${city ? 'City' : 'Provincial'} General Hospital`, kind: 'hospital',
    adminCode: province.code, adminLevel: 'province', openingDate: historyStart,
    versions: [{ validFrom: historyStart, parentCode: rootCode, name: `Bệnh viện Đa khoa ${city ? 'thành phố' : 'tỉnh'} ${name}` }],
  });
  add({
    code: `CDC${province.code}`, nameEn: `${province.nameEn} ${city ? 'City' : 'Provincial'} Centre for Disease Control`, kind: 'cdc',
    adminCode: province.code, adminLevel: 'province', openingDate: historyStart,
    versions: [{ validFrom: historyStart, parentCode: rootCode, name: `Trung tâm Kiểm soát bệnh tật ${city ? 'thành phố' : 'tỉnh'} ${name}` }],
  });

  // A 2025 commune code may equal the code of an old commune that is not among its predecessors (the GSO
  // reused a code): the old, closed station then takes the code TYT<code>_OLD so that codes stay unique.
  const newCommunes = ix.newCommunesOf.get(province.code) ?? [];
  const reused = new Set(newCommunes.map((c) => c.code).filter((c) =>
    ix.oldCommune.has(c) && !(ix.mapping.get(c) ?? []).some((r) => r.oldCode === c)));
  const stationCode = (oldCode: string) => (reused.has(oldCode) ? `TYT${oldCode}_OLD` : `TYT${oldCode}`);

  // Old departments, their health centres (which outlive the reform) and pre-reform stations.
  for (const oldCode of [...province.oldCodes].sort()) {
    const old = ix.old.get(oldCode)!;
    const sytCode = `SYT${oldCode}`;
    const continues = oldCode === province.code;
    if (!continues) {
      add({
        code: sytCode, nameEn: `${old.nameEn} Department of Health`, kind: 'department', adminCode: oldCode,
        adminLevel: 'province', openingDate: historyStart, closedDate: reformDate,
        versions: [{ validFrom: historyStart, parentCode: null, name: `Sở Y tế ${shortProvinceName(old.fullName)}` }],
      });
    }
    for (const d of ix.districtsOf.get(oldCode) ?? []) {
      const centre = `Trung tâm Y tế ${lowerFirst(d.fullName)}`;
      const en = englishName(d, DISTRICT_TYPES);
      add({
        code: `TTYT${d.code}`, nameEn: en && `${en} Health Centre`, kind: 'health_centre', adminCode: d.code,
        adminLevel: 'district', openingDate: historyStart,
        versions: [
          { validFrom: historyStart, parentCode: sytCode, name: centre },
          ...(continues ? [] : [{ validFrom: reformDate, parentCode: rootCode, name: centre }]),
        ],
      });
      for (const c of ix.communesOf.get(d.code) ?? []) {
        const code = stationCode(c.code);
        const en2 = englishName(c, COMMUNE_TYPES);
        add({
          code, nameEn: en2 && `${en2} Health Station`, kind: 'station', adminCode: c.code, adminLevel: 'commune',
          openingDate: historyStart, closedDate: reformDate,
          versions: [{ validFrom: historyStart, parentCode: `TTYT${d.code}`, name: `Trạm Y tế ${lowerFirst(c.fullName)}` }],
        });
        area.set(code, areaGroup(c.fullName));
      }
    }
  }
  for (const c of reused) {
    warnings.push(`Code ${c} of ${ix.newCommune.get(c)!.fullName} (2025) was used before by ${ix.oldCommune.get(c)!.fullName}, ` +
      `which is not among its predecessors: the old station is TYT${c}_OLD`);
  }

  if (province.oldCodes.length > 1) {
    // Province-level merge; the department sharing the new code is both a predecessor and the successor.
    const preds = [...province.oldCodes].sort().map((c) => `SYT${c}`);
    events.push({
      type: 'merge', date: reformDate,
      reason: `Sắp xếp đơn vị hành chính cấp tỉnh từ ${viDate(reformDate)} (Nghị quyết số 202/2025/QH15 của Quốc hội)`,
      predecessorCodes: preds, successorCodes: [rootCode],
      links: preds.map((p) => ({ predecessorCode: p, successorCode: rootCode, kind: 'full', weight: 1 })),
    });
  }

  // Post-reform stations and the commune-level merge events.
  const absent: string[] = [];
  for (const nc of newCommunes) {
    const code = `TYT${nc.code}`;
    const stationName = `Trạm Y tế ${lowerFirst(nc.fullName)}`;
    const links: PlannedLink[] = [];
    const districtVotes = new Map<string, number>();
    let ownDistrict: string | undefined;
    for (const { oldCode, full } of ix.mapping.get(nc.code) ?? []) {
      const oc = ix.oldCommune.get(oldCode);
      const island = ix.district.get(oldCode);
      if (oc && province.oldCodes.includes(ix.district.get(oc.parent)!.parent)) {
        districtVotes.set(oc.parent, (districtVotes.get(oc.parent) ?? 0) + 1);
        if (oldCode === nc.code) ownDistrict = oc.parent;
        // A continuing station keeps its link to itself: it carries the merge type and lets historical
        // figures of the successor be re-aggregated from all its predecessors, the station itself included.
        links.push({ predecessorCode: stationCode(oldCode), successorCode: code, kind: full ? 'full' : 'partial', weight: full ? 1 : null });
      } else if (oc) {
        const from = ix.old.get(ix.district.get(oc.parent)!.parent)!;
        warnings.push(`Mapping link ${oldCode} ${oc.fullName} (${shortProvinceName(from.fullName)}) → ${nc.code} ` +
          `${nc.fullName} ignored: that old province is not part of ${name}`);
      } else if (island && province.oldCodes.includes(island.parent)) {
        // Island districts without communes (Côn Đảo, Lý Sơn...) became special zones (đặc khu).
        districtVotes.set(island.code, (districtVotes.get(island.code) ?? 0) + 1);
        warnings.push(`${nc.fullName} (${nc.code}) replaces ${island.fullName} (${island.code}), which had no ` +
          `communes: its station opens on ${reformDate} under TTYT${island.code}, without predecessor station`);
      } else {
        absent.push(`${oldCode} ${ix.absent[oldCode] ?? '?'} → ${nc.code}`);
      }
    }
    const best = Math.max(0, ...districtVotes.values());
    const tied = [...districtVotes].filter(([, n]) => n === best).map(([d]) => d).sort();
    const district = ownDistrict && tied.includes(ownDistrict) ? ownDistrict : tied[0];
    const parentCode = district ? `TTYT${district}` : rootCode;
    if (!district) warnings.push(`${nc.fullName} (${nc.code}) has no predecessor with a known district: its station is placed under ${rootCode}`);

    const continued = units.get(code);
    const en = englishName(nc, COMMUNE_TYPES);
    if (continued && links.some((l) => l.predecessorCode === code)) {
      delete continued.closedDate;
      const last = continued.versions[continued.versions.length - 1];
      // Only add a version when something changes: an identical row would record nothing.
      if (last.name !== stationName || last.parentCode !== parentCode) {
        continued.versions.push({ validFrom: reformDate, parentCode, name: stationName });
      }
      if (en) continued.nameEn = `${en} Health Station`;
    } else {
      add({
        code, nameEn: en && `${en} Health Station`, kind: 'station', adminCode: nc.code, adminLevel: 'commune',
        openingDate: reformDate, versions: [{ validFrom: reformDate, parentCode, name: stationName }],
      });
    }
    area.set(code, areaGroup(nc.fullName));
    if (links.length > 0) {
      events.push({
        type: 'merge', date: reformDate,
        reason: `Sắp xếp đơn vị hành chính cấp xã từ ${viDate(reformDate)} (Nghị quyết của Ủy ban Thường vụ Quốc hội)`,
        predecessorCodes: [...new Set(links.map((l) => l.predecessorCode))], successorCodes: [code], links,
      });
    }
  }
  if (absent.length > 0) {
    warnings.push(`${absent.length} mapping link(s) skipped: old commune absent from the pre-2025 list (${absent.join('; ')})`);
  }
  for (const [from, to] of ix.aliases) {
    if (newCommunes.some((c) => c.code === to)) {
      warnings.push(`The mapping's commune code ${from} is ${to} in the 2025 list (${ix.newCommune.get(to)!.fullName}); ${to} was used`);
    }
  }
  const linked = new Set(events.flatMap((e) => e.links.map((l) => l.predecessorCode)));
  const orphans = [...units.values()].filter((u) => u.kind === 'station' && u.closedDate && !linked.has(u.code));
  if (orphans.length > 0) {
    warnings.push(`${orphans.length} pre-reform station(s) close with no successor in the mapping: ` +
      orphans.map((u) => `${u.code} (${u.versions[0].name})`).join(', '));
  }

  for (const u of units.values()) {
    u.groups = [UNIT_TYPE_GROUP[u.kind]];
    const a = area.get(u.code);
    if (a) u.groups.push(a);
  }
  return {
    province: { code: province.code, name, nameEn: province.nameEn },
    levels: structuredClone(LEVELS),
    groupSets: structuredClone(GROUP_SETS),
    // Parents before children (stations may move to a centre listed after them in the loop above).
    units: [...units.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]),
    events,
    warnings,
  };
}
