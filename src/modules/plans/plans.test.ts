import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, testApp, type TestApp } from '../../test/harness.js';
import { ensurePeriods } from '../datavalues/periods.repo.js';
import { aggregateOverTime, largestRemainder } from './plans.aggregate.js';
import { planProgress } from './plans.service.js';


let t: TestApp;
let admin: Record<string, string>;
let syt: Record<string, string>;
let hoanghoa: Record<string, string>;
let ttyt399: string;
let stations: { id: string; code: string; iid: number }[]; // TTYT399's stations on 2024-01-01
let otherStation: { id: string; code: string; iid: number };
let defaultCoc: number;
const de: Record<string, { id: string; iid: number }> = {};
const coc: Record<string, { id: string; iid: number }> = {};

const req = (method: 'GET' | 'PUT' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function unitIid(code: string) {
  return (await t.database.db.selectFrom('org_unit').select(['id', 'code', 'iid']).where('code', '=', code).executeTakeFirstOrThrow());
}

async function makeDataElement(code: string, aggregation: 'SUM' | 'LAST', comboId = 'bjDvmb4bfuf') {
  const row = await t.database.db
    .insertInto('data_element')
    .values({ id: `de${code}`.slice(0, 11).padEnd(11, 'x'), code, name: `Test ${code}`, aggregation_type: aggregation, category_combo_id: comboId, value_type: 'INTEGER' } as never)
    .returning(['id', 'iid'])
    .executeTakeFirstOrThrow();
  de[code] = row;
}

/** Stores a value (unit code or iid, ISO period). */
async function put(unit: number, deCode: string, iso: string, value: number, co = defaultCoc) {
  const pe = (await ensurePeriods(t.database.db, [iso])).get(iso)!;
  await t.database.db
    .insertInto('data_value')
    .values({ ou: unit, de: de[deCode]!.iid, pe, co, ao: defaultCoc, value: String(value), num: value })
    .onConflict((oc) => oc.columns(['ou', 'de', 'pe', 'co', 'ao']).doUpdateSet({ value: String(value), num: value }))
    .execute();
}

beforeAll(async () => {
  t = await testApp();
  admin = t.basic('admin');
  syt = t.basic('syt.admin');
  hoanghoa = t.basic('ttyt.hoanghoa');
  const db = t.database.db;
  ttyt399 = await t.unit('TTYT399');
  stations = await db
    .selectFrom('org_unit_path as p').innerJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .select(['u.id', 'u.code', 'u.iid'])
    .where('p.parent_id', '=', ttyt399).where('p.valid_from', '<=', '2024-01-01').where('p.valid_to', '>', '2024-01-01')
    .orderBy('u.code').execute();
  otherStation = await db
    .selectFrom('org_unit_path as p').innerJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .select(['u.id', 'u.code', 'u.iid'])
    .where('p.level', '=', 3).where('p.parent_id', '<>', ttyt399).where('p.valid_from', '<=', '2024-01-01').where('p.valid_to', '>', '2024-01-01')
    .orderBy('u.code').limit(1).executeTakeFirstOrThrow();
  defaultCoc = (await db.selectFrom('category_option_combo').select('iid').where('id', '=', 'HllvX50cXC0').executeTakeFirstOrThrow()).iid;

  // A sex disaggregation of our own.
  await sql`
    insert into category_option (id, code, name) values ('tpCoMale001', 'TP_MALE', 'Nam'), ('tpCoFemal01', 'TP_FEMALE', 'Nữ');
    insert into category (id, code, name) values ('tpCatSex001', 'TP_SEX', 'Giới tính');
    insert into category_option_in_category values ('tpCatSex001', 'tpCoMale001', 0), ('tpCatSex001', 'tpCoFemal01', 1);
    insert into category_combo (id, code, name) values ('tpCcSex0001', 'TP_SEX_CC', 'Giới tính');
    insert into category_in_combo values ('tpCcSex0001', 'tpCatSex001', 0);
    insert into category_option_combo (id, code, name, category_combo_id) values
      ('tpCocMale01', 'TP_M', 'Nam', 'tpCcSex0001'), ('tpCocFemal1', 'TP_F', 'Nữ', 'tpCcSex0001');
    insert into category_option_combo_option values ('tpCocMale01', 'tpCoMale001'), ('tpCocFemal1', 'tpCoFemal01');
  `.execute(db);
  for (const c of await db.selectFrom('category_option_combo').select(['id', 'iid', 'code']).where('code', 'in', ['TP_M', 'TP_F']).execute()) {
    coc[c.code!] = { id: c.id, iid: c.iid };
  }
  await makeDataElement('TP_VACC', 'SUM'); // a flow: children vaccinated
  await makeDataElement('TP_MANAGED', 'LAST'); // a stock: patients under management
  await makeDataElement('TP_BIRTHS', 'SUM', 'tpCcSex0001');
  if (!(await db.selectFrom('data_element').select('id').where('code', '=', 'POP_TOTAL').executeTakeFirst())) {
    await makeDataElement('POP_TOTAL', 'LAST');
  } else {
    de.POP_TOTAL = await db.selectFrom('data_element').select(['id', 'iid']).where('code', '=', 'POP_TOTAL').executeTakeFirstOrThrow();
    await db.deleteFrom('data_value').where('de', '=', de.POP_TOTAL.iid).execute();
  }
  await sql`
    insert into indicator_type (id, code, name, factor) values ('tpItRatio01', 'TP_PER100', 'Trên 100', 100);
    insert into indicator (id, code, name, indicator_type_id, numerator, denominator) values
      ('tpIndSrb001', 'TP_SRB', 'Tỷ số giới tính khi sinh', 'tpItRatio01', '#{TP_BIRTHS.TP_M}', '#{TP_BIRTHS.TP_F}');
  `.execute(db);
});

describe('pure helpers', () => {
  it('splits a total exactly by largest remainder', () => {
    expect(largestRemainder(1000, [10, 20, 30])).toEqual([167, 333, 500]);
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(7, [0, 0, 1, 1])).toEqual([0, 0, 4, 3]);
    expect(largestRemainder(100.5, [1, 1])).toEqual([50.3, 50.2]);
    const parts = largestRemainder(3530, [17, 23, 5, 41, 9, 13, 2]);
    expect(parts.reduce((s, p) => s + p, 0)).toBe(3530);
  });

  it('adds flows up over time and takes the latest value of stocks', () => {
    const v = [
      { iso: '202401', start: '2024-01-01', end: '2024-01-31', value: 100 },
      { iso: '202403', start: '2024-03-01', end: '2024-03-31', value: 40 },
      { iso: '202402', start: '2024-02-01', end: '2024-02-29', value: 70 },
    ];
    expect(aggregateOverTime(v, 'SUM')).toBe(210);
    expect(aggregateOverTime(v, 'LAST')).toBe(40);
    expect(aggregateOverTime([], 'SUM')).toBeNull();
  });
});

describe('setting targets top-down, with scope', () => {
  it('lets the province set a centre target, audited', async () => {
    const res = await req('PUT', '/api/plans', syt, {
      year: 2024, orgUnit: 'TTYT399', targets: [{ targetType: 'dataElement', target: 'TP_VACC', value: 3530 }],
    });
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body.changed).toBe(1);
    const target = body.plans.targets.find((x: any) => x.target.code === 'TP_VACC');
    expect(target).toMatchObject({ value: 3530, method: 'manual', status: 'notDistributed', missingChildren: stations.length });
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'plan.set').where('entity_code', '=', 'TTYT399').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ username: 'syt.admin', after: { value: 3530, method: 'manual' } });
  });

  it('does not let a centre change its own target, another centre’s stations, or the province', async () => {
    const own = await req('PUT', '/api/plans', hoanghoa, { year: 2024, orgUnit: 'TTYT399', targets: [{ targetType: 'dataElement', target: 'TP_VACC', value: 1 }] });
    expect(own.statusCode).toBe(403);
    expect(json(own).error.code).toBe('FORBIDDEN');
    expect(json(own).error.message).toContain('chính đơn vị mình');
    const other = await req('PUT', '/api/plans', hoanghoa, { year: 2024, orgUnit: otherStation.code, targets: [{ targetType: 'dataElement', target: 'TP_VACC', value: 1 }] });
    expect(other.statusCode).toBe(403);
    expect(json(other).error.code).toBe('OUT_OF_SCOPE');
    const up = await req('PUT', '/api/plans', hoanghoa, { year: 2024, orgUnit: 'SYT38', targets: [{ targetType: 'dataElement', target: 'TP_VACC', value: 1 }] });
    expect(json(up).error.code).toBe('OUT_OF_SCOPE');
    const distOther = await req('POST', '/api/plans/distribute', hoanghoa, {
      year: 2024, orgUnit: (await t.database.db.selectFrom('org_unit_path').select('parent_id').where('org_unit_id', '=', otherStation.id).executeTakeFirstOrThrow()).parent_id,
      targetType: 'dataElement', target: 'TP_VACC', method: 'manual', values: { [otherStation.code]: 5 },
    });
    expect(json(distOther).error.code).toBe('OUT_OF_SCOPE');
    // A data-entry user has no plan:write at all.
    const nurse = await req('PUT', '/api/plans', t.basic('tyt.hoangxuan'), { year: 2024, orgUnit: 'TYT15877', targets: [{ targetType: 'dataElement', target: 'TP_VACC', value: 1 }] });
    expect(json(nurse).error.code).toBe('FORBIDDEN');
    const unchanged = json(await req('GET', '/api/plans?year=2024&orgUnit=TTYT399', hoanghoa));
    expect(unchanged.targets.find((x: any) => x.target.code === 'TP_VACC').value).toBe(3530);
    expect(unchanged).toMatchObject({ canEdit: false, canDistribute: true });
  });

  it('lets the centre set its stations’ targets and reading stays within scope', async () => {
    const res = await req('PUT', '/api/plans', hoanghoa, { year: 2024, orgUnit: 'TYT15877', targets: [{ targetType: 'dataElement', target: 'TP_VACC', value: 100 }] });
    expect(res.statusCode).toBe(200);
    const nurse = t.basic('tyt.hoangxuan');
    expect((await req('GET', '/api/plans?year=2024&orgUnit=TYT15877', nurse)).statusCode).toBe(200);
    const far = await req('GET', '/api/plans?year=2024&orgUnit=TTYT399', nurse);
    expect(json(far).error.code).toBe('OUT_OF_SCOPE');
    expect((await req('GET', '/api/plans?year=2024&orgUnit=TTYT399', t.basic('syt.xem'))).statusCode).toBe(200);
  });

  it('judges a station opened during the year on its opening day: its centre plans it, it cannot plan itself', async () => {
    const created = await req('POST', '/api/orgunits', admin, {
      code: 'TP_NEW_ST', name: 'Trạm Y tế mới (thử)', parentId: ttyt399, kind: 'station', openingDate: '2024-07-01', reason: 'Thành lập trạm',
    });
    expect(created.statusCode).toBe(201);
    const set = (headers: Record<string, string>) =>
      req('PUT', '/api/plans', headers, { year: 2024, orgUnit: 'TP_NEW_ST', targets: [{ targetType: 'dataElement', target: 'TP_VACC', value: 40 }] });
    // Not below the centre on 1 January (it did not exist yet), but from 1 July it is.
    const byCentre = await set(hoanghoa);
    expect(byCentre.statusCode).toBe(200);
    expect(json(byCentre).plans).toMatchObject({ canEdit: true, orgUnit: { code: 'TP_NEW_ST' } });
    expect((await set(t.basic('tyt.hoangxuan'))).statusCode).toBe(403);
    // A year before it opened: it is nowhere in the centre's subtree then.
    const before = await req('PUT', '/api/plans', hoanghoa, { year: 2023, orgUnit: 'TP_NEW_ST', targets: [{ targetType: 'dataElement', target: 'TP_VACC', value: 1 }] });
    expect(json(before).error.code).toBe('OUT_OF_SCOPE');
  });

  it('rejects bad input with clear errors', async () => {
    const badYear = await req('GET', '/api/plans?year=abc&orgUnit=TTYT399', admin);
    expect(badYear.statusCode).toBe(400);
    expect(json(badYear).error.details.fields.year).toBeTruthy();
    const unknown = await req('PUT', '/api/plans', admin, { year: 2024, orgUnit: 'TTYT399', targets: [{ targetType: 'dataElement', target: 'NO_SUCH', value: 1 }] });
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown).error.message).toContain('NO_SUCH');
    const negative = await req('PUT', '/api/plans', admin, { year: 2024, orgUnit: 'TTYT399', targets: [{ targetType: 'dataElement', target: 'TP_VACC', value: -5 }] });
    expect(negative.statusCode).toBe(400);
    const dup = await req('PUT', '/api/plans', admin, {
      year: 2024, orgUnit: 'TTYT399',
      targets: [{ targetType: 'dataElement', target: 'TP_VACC', value: 1 }, { targetType: 'dataElement', target: de.TP_VACC!.id, value: 2 }],
    });
    expect(dup.statusCode).toBe(400);
    const wrongCoc = await req('PUT', '/api/plans', admin, { year: 2024, orgUnit: 'TTYT399', targets: [{ targetType: 'dataElement', target: 'TP_VACC', categoryOptionCombo: 'TP_M', value: 1 }] });
    expect(wrongCoc.statusCode).toBe(400);
    const quarter = await req('GET', '/api/plans/progress?year=2024&orgUnit=TTYT399&period=2024Q2', admin);
    expect(quarter.statusCode).toBe(400);
  });
});

describe('distribution', () => {
  it('by hand: writes the given children and reports the mismatch', async () => {
    const [a, b] = stations;
    const res = await req('POST', '/api/plans/distribute', hoanghoa, {
      year: 2024, orgUnit: 'TTYT399', targetType: 'dataElement', target: 'TP_VACC', method: 'manual', values: { [a!.code]: 1000, [b!.id]: 500 },
    });
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body).toMatchObject({ dryRun: false, status: 'mismatch', parentValue: 3530 });
    const plans = json(await req('GET', '/api/plans?year=2024&orgUnit=TTYT399', hoanghoa));
    const row = plans.targets.find((x: any) => x.target.code === 'TP_VACC');
    expect(row.children[a!.id]).toEqual({ value: 1000, method: 'manual' });
    expect(row.children[b!.id]).toEqual({ value: 500, method: 'manual' });
    expect(row.status).toBe('mismatch');
    const check = json(await req('GET', '/api/plans/check?year=2024&orgUnit=SYT38', syt));
    expect(check.mismatches.find((m: any) => m.parent.code === 'TTYT399' && m.target.code === 'TP_VACC')).toMatchObject({ value: 3530 });
    const notChild = await req('POST', '/api/plans/distribute', hoanghoa, {
      year: 2024, orgUnit: 'TTYT399', targetType: 'dataElement', target: 'TP_VACC', method: 'manual', values: { [otherStation.code]: 1 },
    });
    expect(notChild.statusCode).toBe(400);
  });

  it('by last year’s share (flows: the year’s sum), exact, with a dry run first', async () => {
    const [a, b, c] = stations;
    await put(a!.iid, 'TP_VACC', '202301', 4);
    await put(a!.iid, 'TP_VACC', '202307', 6); // a: 10
    await put(b!.iid, 'TP_VACC', '202312', 20); // b: 20
    await put(c!.iid, 'TP_VACC', '202305', 30); // c: 30
    await put(otherStation.iid, 'TP_VACC', '202305', 999); // another centre's: ignored
    const body = { year: 2024, orgUnit: 'TTYT399', targetType: 'dataElement', target: 'TP_VACC', method: 'lastYearShare' };
    const dry = json(await req('POST', '/api/plans/distribute', hoanghoa, { ...body, dryRun: true }));
    expect(dry.dryRun).toBe(true);
    const after = (code: string) => dry.rows.find((r: any) => r.orgUnit.code === code).after;
    expect([after(a!.code), after(b!.code), after(c!.code)]).toEqual([588, 1177, 1765]);
    expect(dry.rows.reduce((s: number, r: any) => s + r.after, 0)).toBe(3530);
    expect(dry.status).toBe('ok');
    // Nothing written by the dry run.
    const still = json(await req('GET', '/api/plans?year=2024&orgUnit=TTYT399', hoanghoa)).targets.find((x: any) => x.target.code === 'TP_VACC');
    expect(still.children[a!.id].value).toBe(1000);

    const done = json(await req('POST', '/api/plans/distribute', hoanghoa, body));
    expect(done.status).toBe('ok');
    const row = json(await req('GET', '/api/plans?year=2024&orgUnit=TTYT399', hoanghoa)).targets.find((x: any) => x.target.code === 'TP_VACC');
    expect(row).toMatchObject({ status: 'ok', childrenSum: 3530, difference: 0, missingChildren: 0 });
    expect(row.children[c!.id]).toEqual({ value: 1765, method: 'lastYearShare' });
    expect(row.children[stations[5]!.id]).toEqual({ value: 0, method: 'lastYearShare' });
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'plan.distribute').execute();
    expect(audits.length).toBe(2); // the manual one and this one
  });

  it('by last year’s share of a stock: the last value, not the sum', async () => {
    const [a, b] = stations;
    await put(a!.iid, 'TP_MANAGED', '202301', 100);
    await put(a!.iid, 'TP_MANAGED', '202312', 40);
    await put(b!.iid, 'TP_MANAGED', '202301', 10);
    await put(b!.iid, 'TP_MANAGED', '202312', 60);
    await req('PUT', '/api/plans', syt, { year: 2024, orgUnit: 'TTYT399', targets: [{ targetType: 'dataElement', target: 'TP_MANAGED', value: 200 }] });
    const res = json(await req('POST', '/api/plans/distribute', hoanghoa, {
      year: 2024, orgUnit: 'TTYT399', targetType: 'dataElement', target: 'TP_MANAGED', method: 'lastYearShare', dryRun: true,
    }));
    const after = (code: string) => res.rows.find((r: any) => r.orgUnit.code === code).after;
    expect([after(a!.code), after(b!.code)]).toEqual([80, 120]);
  });

  it('by population: a clear error when figures are missing, then exact shares', async () => {
    await req('PUT', '/api/plans', syt, { year: 2024, orgUnit: 'TTYT399', targets: [{ targetType: 'dataElement', target: 'TP_BIRTHS', value: 1000 }] });
    const body = { year: 2024, orgUnit: 'TTYT399', targetType: 'dataElement', target: 'TP_BIRTHS', method: 'population' };
    const missing = await req('POST', '/api/plans/distribute', hoanghoa, body);
    expect(missing.statusCode).toBe(409);
    expect(json(missing).error.message).toContain('Thiếu số liệu dân số năm 2023');
    expect(json(missing).error.details.units).toHaveLength(stations.length);
    // Population: 1000 for every station but the first (3000); an older, larger figure is superseded.
    for (const [i, s] of stations.entries()) {
      await put(s.iid, 'POP_TOTAL', '202301', 99999);
      await put(s.iid, 'POP_TOTAL', '202312', i === 0 ? 3000 : 1000);
    }
    const res = json(await req('POST', '/api/plans/distribute', hoanghoa, body));
    const total = 3000 + 1000 * (stations.length - 1);
    expect(res.rows[0].share).toBeCloseTo(3000 / total);
    expect(res.rows.reduce((s: number, r: any) => s + r.after, 0)).toBe(1000);
    expect(res.status).toBe('ok');
    const first = res.rows.find((r: any) => r.orgUnit.code === stations[0]!.code);
    expect(first.after).toBeGreaterThanOrEqual(Math.floor((1000 * 3000) / total));
  });

  it('refuses share and population for indicator (rate) targets', async () => {
    await req('PUT', '/api/plans', admin, { year: 2024, orgUnit: 'TTYT399', targets: [{ targetType: 'indicator', target: 'TP_SRB', value: 110 }] });
    const res = await req('POST', '/api/plans/distribute', admin, {
      year: 2024, orgUnit: 'TTYT399', targetType: 'indicator', target: 'TP_SRB', method: 'population',
    });
    expect(json(res).error.code).toBe('UNSUPPORTED');
  });
});

describe('% of plan', () => {
  it('gives YTD and the month against the annual target (seed 001: 307 trẻ đạt 8,7 % kế hoạch)', async () => {
    const [a, b] = stations;
    const ttyt = await unitIid('TTYT399');
    // Jan–Apr 2024: 1000 in all; May: 307 (200 + 100 + 7 reported by the centre itself).
    await put(a!.iid, 'TP_VACC', '202401', 600);
    await put(b!.iid, 'TP_VACC', '202403', 400);
    await put(a!.iid, 'TP_VACC', '202405', 200);
    await put(b!.iid, 'TP_VACC', '202405', 100);
    await put(ttyt.iid, 'TP_VACC', '202405', 7);
    await put(otherStation.iid, 'TP_VACC', '202405', 5000); // not in the subtree
    await put(a!.iid, 'TP_VACC', '202406', 50); // after the month
    // Stock: patients managed, latest month's value.
    await put(a!.iid, 'TP_MANAGED', '202402', 150);
    await put(a!.iid, 'TP_MANAGED', '202405', 90);
    await put(b!.iid, 'TP_MANAGED', '202405', 60);

    const res = await req('GET', '/api/plans/progress?orgUnit=TTYT399&year=2024&period=202405', hoanghoa);
    expect(res.statusCode).toBe(200);
    const items = json(res).items;
    const vacc = items.find((i: any) => i.target.code === 'TP_VACC');
    expect(vacc).toMatchObject({ targetValue: 3530, ytdValue: 1307, periodValue: 307 });
    expect(vacc.periodPercent).toBeCloseTo(8.697, 2);
    expect(vacc.ytdPercent).toBeCloseTo((1307 / 3530) * 100, 6);
    const managed = items.find((i: any) => i.target.code === 'TP_MANAGED');
    expect(managed).toMatchObject({ targetValue: 200, ytdValue: 150, periodValue: 150, ytdPercent: 75 });

    // A station's own progress: its share of the centre's distribution.
    const station = await planProgress(t.ctx(), { orgUnitId: a!.code, year: 2024, upToPeriod: '202405' });
    const own = station.items.find((i) => i.target.code === 'TP_VACC')!;
    expect(own).toMatchObject({ targetValue: 588, ytdValue: 800, periodValue: 200 });
  });

  it('computes indicator targets from aggregated numerator and denominator, not an average of rates', async () => {
    const [a, b] = stations;
    await put(a!.iid, 'TP_BIRTHS', '202402', 10, coc.TP_M!.iid);
    await put(a!.iid, 'TP_BIRTHS', '202402', 10, coc.TP_F!.iid); // ratio 100
    await put(b!.iid, 'TP_BIRTHS', '202405', 30, coc.TP_M!.iid);
    await put(b!.iid, 'TP_BIRTHS', '202405', 20, coc.TP_F!.iid); // ratio 150
    const items = json(await req('GET', '/api/plans/progress?orgUnit=TTYT399&year=2024&period=202405', admin)).items;
    const srb = items.find((i: any) => i.target.code === 'TP_SRB');
    expect(srb.targetValue).toBe(110);
    expect(srb.ytdValue).toBeCloseTo((40 / 30) * 100, 6); // 133.3, not (100 + 150) / 2
    expect(srb.periodValue).toBeCloseTo(150, 6);
    expect(srb.ytdPercent).toBeCloseTo(((40 / 30) * 100 / 110) * 100, 6);
    const births = items.find((i: any) => i.target.code === 'TP_BIRTHS');
    expect(births).toMatchObject({ targetValue: 1000, ytdValue: 70, periodValue: 50 });
  });

  it('answers only within the reader’s scope', async () => {
    const res = await req('GET', `/api/plans/progress?orgUnit=TTYT399&year=2024&period=202405`, t.basic('tyt.hoangxuan'));
    expect(json(res).error.code).toBe('OUT_OF_SCOPE');
  });
});
