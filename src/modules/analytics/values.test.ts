// GET /api/analytics/values on the demo data of the test template: Hoằng Hóa (TTYT399 and its 36
// stations) January–May 2024 only (no 2023), the 2024 plans, seed 001 in May (258 births, 307 fully
// immunised children = 8,7 % of the annual plan).
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.js';
import { resolveOnePeriod, ytdRangeOf, type ValuesResponse } from './values.service.js';
import { parseRange } from '../../lib/periods.js';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  admin = t.basic('admin');
});

const get = (params: string, headers: Record<string, string> = admin) =>
  t.app.inject({ method: 'GET', url: `/api/analytics/values?${params}`, headers });

async function ok(params: string, headers: Record<string, string> = admin): Promise<ValuesResponse> {
  const res = await get(params, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ValuesResponse;
}

/** The value of one item for one unit through the DHIS2 endpoint (the engine's own answer). */
async function dhis2(dx: string, pe: string, ou: string): Promise<number | null> {
  const res = await t.app.inject({ method: 'GET', url: `/api/analytics?dimension=dx:${dx}&dimension=pe:${pe}&filter=ou:${ou}`, headers: admin });
  expect(res.statusCode, res.body).toBe(200);
  const rows = res.json().rows as string[][];
  return rows.length ? Number(rows[0]![2]) : null;
}

describe('GET /api/analytics/values', () => {
  it("gives seed 001's 258 births with previous month and year to date; no 2023 data → lastYear null, not 0", async () => {
    const body = await ok('dx=FP_BIRTHS&pe=202405&ou=TTYT399');
    const unit = await t.unit('TTYT399');
    expect(body.period).toEqual({ id: '202405', name: 'Tháng 5 năm 2024', start: '2024-05-01', end: '2024-05-31' });
    expect(body.lastYearPeriod).toMatchObject({ id: '202305', name: 'Tháng 5 năm 2023' });
    expect(body.previousPeriod).toMatchObject({ id: '202404' });
    expect(body.ytdPeriod).toMatchObject({ id: '2024YTD05', name: '5 tháng đầu năm 2024' });
    expect(body.items).toEqual([{ id: expect.any(String), code: 'FP_BIRTHS', name: expect.any(String), kind: 'dataElement' }]);
    expect(body.orgUnits).toEqual([{ id: unit, code: 'TTYT399', name: expect.stringContaining('Hoằng Hóa'), level: 2 }]);
    expect(body.rows).toHaveLength(1);
    const row = body.rows[0]!;
    expect(row).toMatchObject({ dx: body.items[0]!.id, ou: unit, value: 258, lastYear: null, changeLastYear: null });
    const april = await dhis2('FP_BIRTHS', '202404', 'TTYT399');
    expect(april).toBeGreaterThan(0);
    expect(row.previous).toBe(april);
    expect(row.changePrevious).toEqual({ abs: 258 - april!, percent: Math.round(((258 - april!) / april!) * 10000) / 100 });
    expect(row.ytd).toBe(await dhis2('FP_BIRTHS', '2024YTD05', 'TTYT399'));
    expect(row.ytd).toBeGreaterThan(258);
  });

  it('"307 trẻ tiêm chủng đầy đủ đạt 8,7 % kế hoạch": May ÷ the annual target of TTYT399', async () => {
    const body = await ok('dx=EPI_FULL_U1&pe=202405&ou=TTYT399&compare=plan,ytd');
    const row = body.rows[0]!;
    expect(row.value).toBe(307);
    const target = await t.database.db
      .selectFrom('plan_target')
      .select('value')
      .where('year', '=', 2024)
      .where('org_unit_id', '=', await t.unit('TTYT399'))
      .where('target_type', '=', 'dataElement')
      .where('target_id', '=', body.items[0]!.id)
      .where('category_option_combo_id', '=', '')
      .executeTakeFirstOrThrow();
    expect(row.plan!.target).toBe(Number(target.value));
    expect(row.plan!.periodPercent!.toFixed(1)).toBe('8.7');
    expect(row.plan!.ytdPercent).toBeCloseTo((row.ytd! / row.plan!.target) * 100, 2);
    // only what was asked: no last year, no previous
    expect(body.lastYearPeriod).toBeNull();
    expect(body.previousPeriod).toBeNull();
    expect(row.lastYear).toBeNull();
    expect(row.previous).toBeNull();
    expect(body.reporting).toEqual([]);
  });

  it('children mode lists the 36 stations of May 2024 (one row each, even without data); they add up to 258', async () => {
    const body = await ok('dx=FP_BIRTHS&pe=202405&ou=TTYT399&ouMode=children&compare=previous');
    expect(body.orgUnits).toHaveLength(36);
    expect(body.orgUnits.every((u) => u.level === 3 && u.code.startsWith('TYT'))).toBe(true);
    expect(body.rows.map((r) => r.ou)).toEqual(body.orgUnits.map((u) => u.id));
    expect(body.rows.reduce((s, r) => s + (r.value ?? 0), 0)).toBe(258);
    // names as of May 2024: TYT15961 was still "Hoằng Thành" (renamed Hoằng Lộc in the 2025 reform)
    expect(new Set(body.orgUnits.map((u) => u.name)).size).toBe(36);
    expect(body.orgUnits.find((u) => u.code === 'TYT15961')!.name).toBe('Trạm Y tế xã Hoằng Thành');
    // level-3 inside the centre is the same list
    const level = await ok('dx=FP_BIRTHS&pe=202405&ou=TTYT399&ouMode=level-3&compare=previous');
    expect(level.orgUnits.map((u) => u.id).sort()).toEqual(body.orgUnits.map((u) => u.id).sort());
  });

  it("structure=current: today's stations carry the merged stations' history, still 258 in all", async () => {
    const body = await ok('dx=FP_BIRTHS&pe=202405&ou=TTYT399&ouMode=children&structure=current&compare=previous');
    expect(body.orgUnits.length).toBeLessThan(36);
    expect(body.orgUnits.find((u) => u.code === 'TYT15961')!.name).toBe('Trạm Y tế xã Hoằng Lộc');
    expect(body.orgUnits.some((u) => u.code === 'TYT15877')).toBe(false); // closed 2025-07-01
    expect(body.rows.reduce((s, r) => s + (r.value ?? 0), 0)).toBe(258);
  });

  it('a centre user gets level-3 inside their centre; a station user cannot read another centre or their parent', async () => {
    const centre = await ok('dx=FP_BIRTHS&pe=202405&ou=TTYT399&ouMode=level-3&compare=plan,reporting', t.basic('ttyt.hoanghoa'));
    expect(centre.orgUnits).toHaveLength(36);

    const other = await t.database.db
      .selectFrom('org_unit')
      .select('code')
      .where('code', 'like', 'TTYT%')
      .where('code', '!=', 'TTYT399')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const station = t.basic('tyt.hoangxuan');
    for (const params of [
      `dx=EPI_FULL_U1&pe=202405&ou=${other.code}&compare=plan`,
      `dx=EPI_FULL_U1&pe=202405&ou=${other.code}&ouMode=children&compare=reporting`,
      'dx=EPI_FULL_U1&pe=202405&ou=TTYT399&compare=plan,reporting',
      'dx=EPI_FULL_U1&pe=202405&ou=SYT38&ouMode=level-2',
    ]) {
      const res = await get(params, station);
      expect(res.statusCode, params).toBe(403);
      expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    }
    const own = await ok('dx=EPI_FULL_U1&pe=202405&ou=TYT15877', station);
    expect(own.orgUnits[0]!.code).toBe('TYT15877');
    expect(own.rows[0]!.value).not.toBeNull();
  });

  it('an impossible period range (pe=000101-999912) is a 400 naming the years, not a 500', async () => {
    for (const [pe, key] of [['000101-999912', /1900–2199/], ['190001-219912', /240/], ['189912', /1900–2199/], ['2200Q1', /1900–2199/]] as const) {
      const res = await get(`dx=FP_BIRTHS&pe=${pe}&ou=TTYT399`);
      expect(res.statusCode, pe).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.fields).toHaveProperty('pe');
      expect(res.json().error.message, pe).toMatch(key);
      expect(res.json().error.message).toContain(pe);
    }
    const en = await get('dx=FP_BIRTHS&pe=000101-999912&ou=TTYT399', { ...admin, 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Period 000101-999912 is outside the years 1900–2199.');
    // The first year soyte knows has no "last year" and no "previous": no comparison, no error.
    const first = await ok('dx=FP_BIRTHS&pe=190001&ou=TTYT399');
    expect(first.lastYearPeriod).toBeNull();
    expect(first.previousPeriod).toBeNull();
    expect(first.rows[0]).toMatchObject({ value: null, lastYear: null, previous: null });
  });

  it('bad input gets a clear error, never a stack trace', async () => {
    const bad = await get('dx=FP_BIRTHS&pe=2024M13&ou=TTYT399');
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.code).toBe('UNSUPPORTED');
    expect(bad.json().error.message).toContain('2024M13');
    const en = await get('dx=FP_BIRTHS&pe=20240501&ou=TTYT399', { ...admin, 'accept-language': 'en' });
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toMatch(/20240501/);

    const cases: [string, number, string][] = [
      ['pe=202405&ou=TTYT399', 400, 'VALIDATION_FAILED'], // dx missing
      ['dx=NO_SUCH&pe=202405&ou=TTYT399', 400, 'VALIDATION_FAILED'],
      ['dx=FP_BIRTHS&pe=202405&ou=NO_SUCH_UNIT', 400, 'VALIDATION_FAILED'],
      ['dx=FP_BIRTHS&pe=202405&ou=TTYT399&ouMode=grandchildren', 400, 'VALIDATION_FAILED'],
      ['dx=FP_BIRTHS&pe=202405&ou=TTYT399&compare=lastYear,nextYear', 400, 'VALIDATION_FAILED'],
      ['dx=FP_BIRTHS.*&pe=202405&ou=TTYT399', 409, 'UNSUPPORTED'],
      ['dx=FP_BIRTHS&pe=202405&ou=TTYT399&asOf=2024-13-01', 400, 'VALIDATION_FAILED'],
    ];
    for (const [params, status, code] of cases) {
      const res = await get(params);
      expect(res.statusCode, params).toBe(status);
      expect(res.json().error.code, params).toBe(code);
      expect(res.json().error.message, params).not.toMatch(/at .*\.ts/);
    }
    expect((await get('dx=FP_BIRTHS&pe=202405&ou=TTYT399&compare=lastYear,nextYear')).json().error.message).toContain('nextYear');
    expect((await get('dx=FP_BIRTHS&pe=202405&ou=TTYT399', {})).statusCode).toBe(401);
  });

  it("reporting rates of TTYT399's stations in May 2024 are the workflow's completeness", async () => {
    const body = await ok('dx=FP_BIRTHS&pe=202405&ou=TTYT399&ouMode=children&compare=reporting');
    const sets = [...new Set(body.reporting.map((r) => r.dataSet))];
    expect(sets.length).toBeGreaterThan(0);
    for (const ds of sets) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/completeness?dataSet=${ds}&orgUnit=TTYT399&startPeriod=202405&endPeriod=202405&level=children`,
        headers: admin,
      });
      expect(res.statusCode).toBe(200);
      const expected = (res.json().rows as { orgUnit: { id: string }; expected: number; reported: number; onTime: number; reportingRate: number | null; onTimeRate: number | null }[])
        .filter((r) => r.expected > 0)
        .map((r) => ({ ou: r.orgUnit.id, dataSet: ds, expected: r.expected, reported: r.reported, onTime: r.onTime, reportingRate: r.reportingRate, onTimeRate: r.onTimeRate }));
      const got = body.reporting.filter((r) => r.dataSet === ds).map(({ dataSetName, ...r }) => {
        expect(dataSetName).toBe(res.json().dataSet.name); // what a user reads, not the code
        return r;
      });
      const byOu = (a: { ou: string }, b: { ou: string }) => a.ou.localeCompare(b.ou);
      expect(got.sort(byOu)).toEqual(expected.sort(byOu));
    }
    const stationRows = body.reporting.filter((r) => r.dataSet === 'BCTK_TYT_THANG');
    expect(stationRows).toHaveLength(36);
    expect(stationRows.every((r) => r.expected === 1)).toBe(true);
    // The centre as one row: the sum over its subtree, as the completeness report's totals.
    const self = await ok('dx=FP_BIRTHS&pe=202405&ou=TTYT399&compare=reporting');
    const own = self.reporting.find((r) => r.dataSet === 'BCTK_TYT_THANG')!;
    expect(own.expected).toBe(36);
    expect(own.reported).toBe(stationRows.reduce((s, r) => s + r.reported, 0));
  });

  it('a quarter, a year to date and an indicator; names in English with Accept-Language en', async () => {
    const q = await ok('dx=FP_BIRTHS;IND_SEX_RATIO_BIRTH&pe=2024Q2&ou=TTYT399', { ...admin, 'accept-language': 'en' });
    expect(q.period).toMatchObject({ id: '2024Q2', name: 'Q2 2024', start: '2024-04-01', end: '2024-06-30' });
    expect(q.previousPeriod!.id).toBe('2024Q1');
    expect(q.ytdPeriod!.id).toBe('2024YTD06');
    expect(q.items.map((i) => [i.code, i.kind])).toEqual([
      ['FP_BIRTHS', 'dataElement'],
      ['IND_SEX_RATIO_BIRTH', 'indicator'],
    ]);
    expect(q.items[0]!.name).toMatch(/birth/i);
    expect(q.rows[0]!.value).toBe(await dhis2('FP_BIRTHS', '2024Q2', 'TTYT399'));
    expect(q.rows[1]!.value).toBeCloseTo((await dhis2('IND_SEX_RATIO_BIRTH', '2024Q2', 'TTYT399'))!, 1);

    const ind = await ok('dx=IND_SEX_RATIO_BIRTH&pe=202405&ou=TTYT399&compare=ytd');
    expect(ind.rows[0]!.value).toBeCloseTo(118.6, 1);

    // a year-to-date period is its own ytd; one option combo of an element (DE.COC by code or uid)
    const combos = await t.app.inject({ method: 'GET', url: '/api/analytics?dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:TTYT399&dimension=co', headers: admin });
    const coc = combos.json().rows[0][2] as string;
    const cocValue = Number(combos.json().rows[0][3]);
    const ytd = await ok(`dx=FP_BIRTHS.${coc}&pe=2024YTD05&ou=TTYT399&compare=ytd,previous`);
    expect(ytd.ytdPeriod!.id).toBe('2024YTD05');
    expect(ytd.previousPeriod!.id).toBe('2024YTD04');
    expect(ytd.items[0]!.id.endsWith(`.${coc}`)).toBe(true);
    expect(ytd.rows[0]!.value).toBe(ytd.rows[0]!.ytd);
    const may = await ok(`dx=FP_BIRTHS.${coc}&pe=202405&ou=TTYT399&compare=previous`);
    expect(may.rows[0]!.value).toBe(cocValue);
  });

  it('the period rules: ytd through the last month, relative keywords against today', () => {
    const ytd = (id: string) => ytdRangeOf(parseRange(id)!).id;
    expect(ytd('202405')).toBe('2024YTD05');
    expect(ytd('2024Q2')).toBe('2024YTD06');
    expect(ytd('2024')).toBe('2024');
    expect(ytd('2024S2')).toBe('2024');
    expect(ytd('2024N9')).toBe('2024YTD09');
    expect(ytd('202311-202402')).toBe('2024YTD02');
    expect(resolveOnePeriod('LAST_MONTH', '2024-06-15').id).toBe('202405');
    expect(resolveOnePeriod('THIS_YEAR', '2024-06-15').id).toBe('2024');
    expect(resolveOnePeriod('LAST_3_MONTHS', '2024-06-15').id).toBe('202403-202405');
    expect(() => resolveOnePeriod('NEXT_CENTURY', '2024-06-15')).toThrow();
  });
});
