// Completeness beside totals (GET /api/analytics/values and GET /api/analytics): a month in which some
// stations have not reported carries "reported x of expected y" and is flagged as incomplete below
// SOYTE_COMPLETENESS_THRESHOLD, so no client shows its partial total as a plain drop. Demo data of
// the test template: Hoằng Hóa (TTYT399, 36 stations), births in the monthly station form.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.js';
import type { Dhis2AnalyticsResponse, ValuesResponse } from './analytics.contract.js';

let t: TestApp;
let admin: Record<string, string>;
let stations: string[];

interface May {
  stations: string[];
  dataSetId: string;
  periodId: number;
}
let may: May;

/** The monthly station form holding FP_BIRTHS, the stations of TTYT399 it expects in May 2024, and May's id. */
async function mayOf(app: TestApp): Promise<May> {
  const db = app.database.db;
  const centre = await app.unit('TTYT399');
  const ds = await db
    .selectFrom('data_set as s')
    .innerJoin('data_set_element as m', 'm.data_set_id', 's.id')
    .innerJoin('data_element as e', 'e.id', 'm.data_element_id')
    .select(['s.id'])
    .where('e.code', '=', 'FP_BIRTHS')
    .where('s.period_type', '=', 'Monthly')
    .executeTakeFirstOrThrow();
  const r = await sql<{ id: string }>`
    select c.descendant_id as id from org_unit_closure c
    where c.ancestor_id = ${centre} and c.depth = 1 and c.valid_from <= '2024-05-01' and c.valid_to > '2024-05-01'
      and exists (select 1 from data_set_unit a where a.data_set_id = ${ds.id} and a.org_unit_id = c.descendant_id
                  and a.valid_from <= '2024-05-31' and a.valid_to > '2024-05-01')
    order by c.descendant_id`.execute(db);
  const periodId = (await db.selectFrom('period').select('id').where('iso', '=', '202405').executeTakeFirstOrThrow()).id;
  return { stations: r.rows.map((x) => x.id), dataSetId: ds.id, periodId };
}

/** Sets the May 2024 form of the first `n` stations to approved and of the others to open. */
async function reported(n: number, app: TestApp = t, m: May = may) {
  const db = app.database.db;
  await db.deleteFrom('form_status').where('data_set_id', '=', m.dataSetId).where('period_id', '=', m.periodId).where('org_unit_id', 'in', m.stations).execute();
  await db
    .insertInto('form_status')
    .values(m.stations.map((ou, i) => ({ data_set_id: m.dataSetId, org_unit_id: ou, period_id: m.periodId, state: i < n ? 'approved' : 'open', on_time: i < n ? true : null })))
    .execute();
}

beforeAll(async () => {
  t = await testApp({ SOYTE_COMPLETENESS_THRESHOLD: '90' });
  admin = t.basic('admin');
  may = await mayOf(t);
  stations = may.stations;
});

async function values(params: string): Promise<ValuesResponse> {
  const res = await t.app.inject({ method: 'GET', url: `/api/analytics/values?${params}`, headers: admin });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ValuesResponse;
}

describe('completeness beside totals', () => {
  it('the demo centre has stations assigned the monthly form', () => {
    expect(stations.length).toBeGreaterThan(10);
  });

  it('a month with some stations not reported: "reported 5 of expected N", incomplete, comparisons flagged', async () => {
    await reported(5);
    const body = await values('dx=FP_BIRTHS&pe=202405&ou=TTYT399&compare=lastYear,previous,plan,ytd');
    expect(body.completenessThreshold).toBe(90);
    const row = body.rows[0]!;
    expect(row.completeness).toMatchObject({
      expected: stations.length,
      reported: 5,
      complete: false,
      threshold: 90,
      formsPerUnit: 1,
      unitKind: 'station',
    });
    expect(row.completeness!.percent).toBe(Math.round((5 / stations.length) * 1000) / 10);
    expect(row.completeness!.dataSetName).not.toBe('');
    // The comparison with the previous month is still computed, but the row says it is not comparable.
    expect(row.changePrevious).not.toBeNull();
  });

  it('at or above the threshold the same month is complete', async () => {
    const n = Math.ceil(stations.length * 0.9);
    await reported(n);
    const row = (await values('dx=FP_BIRTHS&pe=202405&ou=TTYT399&compare=previous')).rows[0]!;
    expect(row.completeness).toMatchObject({ expected: stations.length, reported: n, complete: true });
  });

  it('children mode: each station row says whether its own form is in', async () => {
    await reported(5);
    const body = await values('dx=FP_BIRTHS&pe=202405&ou=TTYT399&ouMode=children&compare=previous');
    const byOu = new Map(body.rows.map((r) => [r.ou, r.completeness]));
    expect(byOu.get(stations[0]!)).toMatchObject({ expected: 1, reported: 1, complete: true });
    expect(byOu.get(stations.at(-1)!)).toMatchObject({ expected: 1, reported: 0, complete: false, percent: 0 });
  });

  it('the threshold comes from the server config (SOYTE_COMPLETENESS_THRESHOLD=10: 5 of 36 is enough)', async () => {
    const low = await testApp({ SOYTE_COMPLETENESS_THRESHOLD: '10' });
    const lowMay = await mayOf(low);
    await reported(5, low, lowMay);
    const res = await low.app.inject({ method: 'GET', url: '/api/analytics/values?dx=FP_BIRTHS&pe=202405&ou=TTYT399&compare=previous', headers: low.basic('admin') });
    const body = res.json() as ValuesResponse;
    expect(body.completenessThreshold).toBe(10);
    expect(body.rows[0]!.completeness).toMatchObject({ reported: 5, expected: lowMay.stations.length, threshold: 10, complete: true });
  });

  it('GET /api/analytics carries the completeness of each (period, unit) of the answer in metaData', async () => {
    await reported(5);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/analytics?dimension=dx:FP_BIRTHS&dimension=pe:202404;202405;2024Q2&dimension=ou:TTYT399',
      headers: admin,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Dhis2AnalyticsResponse;
    const centre = await t.unit('TTYT399');
    const may = body.metaData!.completeness!.cells.find((c) => c.pe === '202405' && c.ou === centre);
    expect(may).toMatchObject({ expected: stations.length, reported: 5, complete: false, unitKind: 'station' });
    const cells = body.metaData!.completeness!.cells;
    // April: every station's form is in (the demo); the quarter counts its three monthly forms per station.
    expect(cells.find((c) => c.pe === '202404' && c.ou === centre)).toMatchObject({ expected: stations.length, reported: stations.length, complete: true });
    const q2 = cells.find((c) => c.pe === '2024Q2' && c.ou === centre)!;
    expect(q2.formsPerUnit).toBe(3);
    expect(q2.reported).toBeGreaterThanOrEqual(stations.length + 5); // April + May (+ June, if any)
    expect(q2.expected).toBeGreaterThanOrEqual(2 * stations.length); // forms over the months, not units
    expect(q2.complete).toBe(false);
    expect(body.metaData!.completeness!.threshold).toBe(90);
  });
});
