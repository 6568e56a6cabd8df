import { describe, it, expect } from 'vitest';
import { buildProvincePlan, listProvinces } from './plan.js';
import { normaliseName } from '../../../../scripts/bundle-vn-admin.js';
import type { PlannedUnit, PlannedVersion, ProvincePlan } from './plan.types.js';

const REFORM = '2025-07-01';

const isOpen = (u: PlannedUnit, date: string) => u.openingDate <= date && (!u.closedDate || date < u.closedDate);
/** Units open on a date (openingDate inclusive, closedDate exclusive). */
const openAsOf = (plan: ProvincePlan, date: string) => plan.units.filter((u) => isOpen(u, date));
const versionAt = (u: PlannedUnit, date: string): PlannedVersion | undefined =>
  u.versions.filter((v) => v.validFrom <= date).at(-1);
const byCode = (plan: ProvincePlan) => new Map(plan.units.map((u) => [u.code, u]));
const dayBefore = (iso: string) => new Date(Date.parse(iso) - 86_400_000).toISOString().slice(0, 10);

/** Structural checks every plan must pass; returns the problems found. */
function problems(plan: ProvincePlan): string[] {
  const out: string[] = [];
  const units = byCode(plan);
  if (units.size !== plan.units.length) out.push('duplicate unit codes');
  const seen = new Set<string>();
  for (const u of plan.units) {
    const vs = u.versions;
    if (vs.length === 0 || vs[0].validFrom !== u.openingDate) out.push(`${u.code}: first version must start at openingDate`);
    vs.forEach((v, i) => {
      if (i > 0 && v.validFrom <= vs[i - 1].validFrom) out.push(`${u.code}: versions out of order`);
      const end = vs[i + 1]?.validFrom ?? u.closedDate;
      if (end && v.validFrom >= end) out.push(`${u.code}: version ${v.validFrom} after the unit closed`);
      if (v.parentCode === null) {
        if (u.kind !== 'department') out.push(`${u.code}: only departments are roots`);
        return;
      }
      const p = units.get(v.parentCode);
      if (!p) out.push(`${u.code}: unknown parent ${v.parentCode}`);
      else if (!seen.has(p.code)) out.push(`${u.code}: parent ${p.code} listed after its child`);
      // The parent must be open over the whole validity of the version.
      else if (p.openingDate > v.validFrom || (p.closedDate && (!end || p.closedDate < end))) {
        out.push(`${u.code}: parent ${p.code} not open from ${v.validFrom} to ${end ?? '∞'}`);
      }
    });
    seen.add(u.code);
  }
  const groupSets = new Map(plan.groupSets.map((s) => [s.code, new Set(s.groups.map((g) => g.code))]));
  for (const u of plan.units) {
    const inSet = (set: string) => u.groups.filter((g) => groupSets.get(set)!.has(g)).length;
    if (inSet('UNIT_TYPE') !== 1) out.push(`${u.code}: must be in exactly one unit type`);
    if (inSet('AREA_TYPE') !== (u.kind === 'station' ? 1 : 0)) out.push(`${u.code}: area type only (and always) for stations`);
    if (inSet('ZONE') !== 0) out.push(`${u.code}: zones are left to users`);
    if (u.groups.length !== inSet('UNIT_TYPE') + inSet('AREA_TYPE')) out.push(`${u.code}: unknown group`);
  }
  for (const e of plan.events) {
    for (const l of e.links) {
      const p = units.get(l.predecessorCode);
      const s = units.get(l.successorCode);
      if (!p || !s) out.push(`event link ${l.predecessorCode} → ${l.successorCode}: unknown unit`);
      else if (!isOpen(p, dayBefore(e.date)) || !isOpen(s, e.date)) out.push(`event link ${p.code} → ${s.code}: not open around ${e.date}`);
      if (!e.predecessorCodes.includes(l.predecessorCode) || !e.successorCodes.includes(l.successorCode)) out.push('link outside its event');
      if (l.weight !== (l.kind === 'full' ? 1 : null)) out.push(`event link ${l.predecessorCode}: weight`);
    }
  }
  return out;
}

describe('listProvinces', () => {
  const list = listProvinces();
  it('lists the 34 current and 29 merged provinces once each', () => {
    expect(list.filter((p) => p.current)).toHaveLength(34);
    expect(list.filter((p) => !p.current)).toHaveLength(29);
    expect(new Set(list.map((p) => p.code)).size).toBe(63);
    expect(list.find((p) => p.code === '38')).toEqual({ code: '38', name: 'Thanh Hóa', nameEn: 'Thanh Hoa', current: true });
    expect(list.find((p) => p.code === '26')).toMatchObject({ name: 'Vĩnh Phúc', current: false, mergedInto: '25' });
  });
});

describe('buildProvincePlan: Thanh Hóa (38)', () => {
  const plan = buildProvincePlan('38');
  const units = byCode(plan);
  const stations = plan.units.filter((u) => u.kind === 'station');
  const centres = plan.units.filter((u) => u.kind === 'health_centre');
  const links = plan.events.flatMap((e) => e.links);

  it('is structurally consistent', () => {
    expect(problems(plan)).toEqual([]);
  });

  it('has the department, hospital and CDC', () => {
    expect(plan.province).toEqual({ code: '38', name: 'Thanh Hóa', nameEn: 'Thanh Hoa' });
    expect(plan.levels.map((l) => l.name)).toEqual(['Sở Y tế', 'Trung tâm Y tế / Bệnh viện', 'Trạm Y tế']);
    expect(units.get('SYT38')).toMatchObject({ kind: 'department', adminLevel: 'province', openingDate: '2015-01-01' });
    expect(units.get('SYT38')!.closedDate).toBeUndefined();
    expect(units.get('SYT38')!.versions).toEqual([{ validFrom: '2015-01-01', parentCode: null, name: 'Sở Y tế Thanh Hóa' }]);
    expect(versionAt(units.get('BVDK38')!, REFORM)).toMatchObject({ parentCode: 'SYT38', name: 'Bệnh viện Đa khoa tỉnh Thanh Hóa' });
    expect(versionAt(units.get('CDC38')!, REFORM)).toMatchObject({ parentCode: 'SYT38', name: 'Trung tâm Kiểm soát bệnh tật tỉnh Thanh Hóa' });
    expect(plan.units.filter((u) => u.kind === 'department')).toHaveLength(1);
  });

  it('has 26 health centres that stay open', () => {
    expect(centres).toHaveLength(26);
    expect(centres.map((u) => u.code)).toContain('TTYT380');
    expect(centres.every((u) => !u.closedDate && u.versions.every((v) => v.parentCode === 'SYT38'))).toBe(true);
    expect(units.get('TTYT399')).toMatchObject({ nameEn: 'Hoang Hoa District Health Centre', adminCode: '399', adminLevel: 'district' });
    expect(units.get('TTYT399')!.versions[0].name).toBe('Trung tâm Y tế huyện Hoằng Hóa');
    expect(units.get('TTYT380')!.versions[0].name).toBe('Trung tâm Y tế thành phố Thanh Hóa');
    expect(units.get('TTYT407')!.versions[0].name).toBe('Trung tâm Y tế thị xã Nghi Sơn');
  });

  it('has 547 stations before the reform and 166 after', () => {
    const pre = stations.filter((u) => u.openingDate < REFORM);
    expect(pre).toHaveLength(547);
    expect(stations.filter((u) => isOpen(u, REFORM))).toHaveLength(166);
    expect(openAsOf(plan, '2025-06-30').filter((u) => u.kind === 'station')).toHaveLength(547);
    expect(openAsOf(plan, REFORM).filter((u) => u.kind === 'station')).toHaveLength(166);
    expect(openAsOf(plan, REFORM)).toHaveLength(1 + 7 + 2 + 26 + 166); // the department, its 7 offices, BVĐK, CDC, centres, stations
    expect(pre.filter((u) => u.versions[0].parentCode === 'TTYT399')).toHaveLength(36);
  });

  it('names stations after their commune', () => {
    const hx = units.get('TYT15877')!;
    expect(hx).toMatchObject({ kind: 'station', adminCode: '15877', nameEn: 'Hoang Xuan Commune Health Station', closedDate: REFORM });
    expect(hx.versions).toEqual([{ validFrom: '2015-01-01', parentCode: 'TTYT399', name: 'Trạm Y tế xã Hoằng Xuân' }]);
    expect(hx.groups).toEqual(['UT_STATION', 'AT_RURAL']);
    const names = stations.map((u) => u.versions[0].name);
    expect(names.some((n) => n.startsWith('Trạm Y tế phường '))).toBe(true);
    expect(names.some((n) => n.startsWith('Trạm Y tế thị trấn '))).toBe(true);
    expect(stations.every((u) => u.versions.every((v) => /^Trạm Y tế (xã|phường|thị trấn|đặc khu) \S/.test(v.name)))).toBe(true);
  });

  it('links every post-reform station to its predecessors and every closed station to a successor', () => {
    const post = stations.filter((u) => isOpen(u, REFORM));
    expect(post.every((u) => links.some((l) => l.successorCode === u.code))).toBe(true);
    const closed = stations.filter((u) => u.closedDate === REFORM);
    expect(closed.length).toBe(547 - 166);
    expect(closed.every((u) => links.some((l) => l.predecessorCode === u.code))).toBe(true);
    expect(plan.events.filter((e) => e.reason.includes('cấp xã'))).toHaveLength(166);
    // Hoằng Xuân, Hoằng Giang... merged into Hoằng Giang (15880), which continues under TTYT399.
    const e = plan.events.find((ev) => ev.predecessorCodes.includes('TYT15877'))!;
    expect(e).toMatchObject({ type: 'merge', date: REFORM, successorCodes: ['TYT15880'] });
    expect(e.links).toContainEqual({ predecessorCode: 'TYT15877', successorCode: 'TYT15880', kind: 'full', weight: 1 });
    expect(e.links).toContainEqual({ predecessorCode: 'TYT15880', successorCode: 'TYT15880', kind: 'full', weight: 1 });
    expect(versionAt(units.get('TYT15880')!, REFORM)!.parentCode).toBe('TTYT399');
  });

  it('continues stations whose code is kept, with a new version when the name or parent changes', () => {
    const continuing = stations.filter((u) => u.openingDate < REFORM && !u.closedDate);
    expect(continuing).toHaveLength(166);
    const renamed = continuing.filter((u) => u.versions.length === 2);
    expect(renamed.length).toBeGreaterThan(0);
    expect(renamed.every((u) => u.versions[1].validFrom === REFORM)).toBe(true);
  });

  it('reports the mapping rows it skipped', () => {
    expect(plan.warnings).toEqual([expect.stringMatching(/^2 mapping link\(s\) skipped.*16411.*16387/)]);
  });

  it('defines the group sets', () => {
    expect(plan.groupSets.map((s) => s.code)).toEqual(['UNIT_TYPE', 'AREA_TYPE', 'ZONE']);
    expect(plan.groupSets[2].groups.map((g) => g.code)).toEqual(['ZONE_1', 'ZONE_2', 'ZONE_3']);
    expect(plan.units.filter((u) => u.groups.includes('AT_URBAN')).every((u) => u.kind === 'station')).toBe(true);
  });

  it('honours custom dates', () => {
    const p = buildProvincePlan('38', { historyStart: '2020-01-01', reformDate: '2025-08-01' });
    expect(problems(p)).toEqual([]);
    expect(openAsOf(p, '2025-07-31').filter((u) => u.kind === 'station')).toHaveLength(547);
    expect(openAsOf(p, '2025-08-01').filter((u) => u.kind === 'station')).toHaveLength(166);
    expect(() => buildProvincePlan('38', { reformDate: '2010-01-01' })).toThrow(/Invalid dates/);
  });
});

describe('buildProvincePlan: merged province Phú Thọ (25 ← 17, 25, 26)', () => {
  const plan = buildProvincePlan('25');
  const units = byCode(plan);

  it('is structurally consistent', () => {
    expect(problems(plan)).toEqual([]);
  });

  it('closes the old departments and re-parents their centres', () => {
    for (const [code, name] of [['SYT17', 'Sở Y tế Hòa Bình'], ['SYT26', 'Sở Y tế Vĩnh Phúc']]) {
      expect(units.get(code)).toMatchObject({ kind: 'department', closedDate: REFORM, versions: [{ parentCode: null, name }] });
    }
    expect(units.get('SYT25')!.closedDate).toBeUndefined();
    expect(openAsOf(plan, REFORM).filter((u) => u.kind === 'department').map((u) => u.code)).toEqual(['SYT25']);
    expect(openAsOf(plan, '2025-06-30').filter((u) => u.kind === 'department')).toHaveLength(3);
    const vinhYen = units.get('TTYT243')!; // Thành phố Vĩnh Yên, formerly of Vĩnh Phúc
    expect(vinhYen.closedDate).toBeUndefined();
    expect(vinhYen.versions.map((v) => [v.validFrom, v.parentCode])).toEqual([['2015-01-01', 'SYT26'], [REFORM, 'SYT25']]);
    const centres = openAsOf(plan, REFORM).filter((u) => u.kind === 'health_centre');
    expect(centres.every((u) => versionAt(u, REFORM)!.parentCode === 'SYT25')).toBe(true);
    expect(plan.units.filter((u) => u.kind === 'hospital' || u.kind === 'cdc').map((u) => u.code)).toEqual(['BVDK25', 'CDC25']);
  });

  it('records the province merge', () => {
    const e = plan.events.find((ev) => ev.successorCodes.includes('SYT25'))!;
    expect(e.predecessorCodes).toEqual(['SYT17', 'SYT25', 'SYT26']);
    expect(e.links.every((l) => l.kind === 'full' && l.weight === 1)).toBe(true);
    expect(openAsOf(plan, REFORM).filter((u) => u.kind === 'station')).toHaveLength(148);
  });
});

describe('buildProvincePlan: data anomalies', () => {
  it('renames the department that keeps its code but changes province name (52: Bình Định → Gia Lai)', () => {
    const plan = buildProvincePlan('52');
    const syt = byCode(plan).get('SYT52')!;
    expect(syt.versions.map((v) => v.name)).toEqual(['Sở Y tế Bình Định', 'Sở Y tế Gia Lai']);
    // 23710 was Xã A Dơk before the reform and is Xã Ia Băng (from Ia Pết + Ia Băng 23719) after it.
    expect(byCode(plan).get('TYT23710_OLD')).toMatchObject({ closedDate: REFORM, versions: [{ name: 'Trạm Y tế xã A Dơk' }] });
    expect(byCode(plan).get('TYT23710')).toMatchObject({ openingDate: REFORM, versions: [{ name: 'Trạm Y tế xã Ia Băng' }] });
    expect(plan.warnings!.some((w) => w.includes('TYT23710_OLD'))).toBe(true);
  });

  it('opens special-zone stations of island districts under the district centre (79: Côn Đảo)', () => {
    const plan = buildProvincePlan('79');
    const station = byCode(plan).get('TYT26732')!;
    expect(station).toMatchObject({ openingDate: REFORM, groups: ['UT_STATION', 'AT_SPECIAL'] });
    expect(station.versions[0]).toEqual({ validFrom: REFORM, parentCode: 'TTYT755', name: 'Trạm Y tế đặc khu Côn Đảo' });
  });

  it('builds a consistent plan for every current province', () => {
    for (const p of listProvinces().filter((x) => x.current)) {
      const plan = buildProvincePlan(p.code);
      expect(problems(plan), p.code).toEqual([]);
      expect(plan.units.filter((u) => u.kind === 'station' && isOpen(u, REFORM)).length, p.code)
        .toBe(plan.events.filter((e) => e.reason.includes('cấp xã')).length + plan.warnings!.filter((w) => w.includes('had no communes')).length);
    }
  });
});

describe('buildProvincePlan: errors', () => {
  it('rejects an unknown code', () => {
    expect(() => buildProvincePlan('99')).toThrow('Unknown province code "99"');
  });
  it('points a merged old code to its new province', () => {
    expect(() => buildProvincePlan('26')).toThrow('Province 26 (Vĩnh Phúc) was merged into 25 (Phú Thọ) on 2025-07-01; use 25');
  });
});

describe('normaliseName (bundle script)', () => {
  it('places tone marks in the modern style and tidies spaces and case', () => {
    expect(normaliseName('Tỉnh Thanh Hoá')).toBe('Tỉnh Thanh Hóa');
    expect(normaliseName('Huyện Kiến Thuỵ')).toBe('Huyện Kiến Thụy');
    expect(normaliseName('Xã Ứng Hoè')).toBe('Xã Ứng Hòe');
    expect(normaliseName('Phường Hoà Quý')).toBe('Phường Hòa Quý'); // qu + y keeps its mark
    expect(normaliseName('Huyện Quỳnh Lưu')).toBe('Huyện Quỳnh Lưu');
    expect(normaliseName('Xã Khoái Châu')).toBe('Xã Khoái Châu'); // oai: mark stays on a
    expect(normaliseName('xã  Bắc   Sơn ')).toBe('Xã Bắc Sơn');
  });
});
