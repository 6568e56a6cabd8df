// Large analytics requests (issue 12, "What breaks"): the maximal GET /api/analytics (139 elements ×
// 47 months × LEVEL-3) used to die with "Maximum call stack size exceeded" at rows.push(...d) in the
// engine; queries and exports above a configured number of cells now answer 409 QUERY_TOO_LARGE with
// what to narrow, before anything is read; exports neutralise text that a spreadsheet would run as a
// formula.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../../core/context.js';
import { metadataSignal } from '../../core/versions.js';
import { testApp, type TestApp } from '../../test/harness.js';
import { ensurePeriods } from '../datavalues/periods.repo.js';
import { analyticsValues } from './values.service.js';

let t: TestApp; // the default limits (200,000 cells per answer, 500,000 per file)
let big: TestApp; // limits raised, 47 months of values
let elements: string[];

/** 202001 … 202311: the 47 months of the issue's maximal request. */
const MONTHS_47 = Array.from({ length: 47 }, (_, i) => `${2020 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`);

beforeAll(async () => {
  [t, big] = await Promise.all([testApp(), testApp({ SOYTE_MAX_QUERY_CELLS: '50000000', SOYTE_MAX_EXPORT_CELLS: '50000000' })]);
  elements = (await t.database.db.selectFrom('data_element').select('code').orderBy('code').execute()).map((r) => r.code);
  // Hoằng Hóa's values of January–May 2024 copied into each of the 47 months (≈ 190,000 values).
  const db = big.database.db;
  const pe = await ensurePeriods(db, [...MONTHS_47, '202401', '202402', '202403', '202404', '202405']);
  await db.transaction().execute(async (tx) => {
    for (const [i, m] of MONTHS_47.entries()) {
      const source = pe.get(`20240${(i % 5) + 1}`)!;
      await sql`insert into data_value (ou, de, pe, co, ao, value, num)
        select ou, de, ${pe.get(m)!}, co, ao, value, num from data_value where pe = ${source}`.execute(tx);
    }
  });
  await sql`analyze data_value`.execute(db);
}, 180_000);

const params = (dx: string[], pe: string[], ou: string, extra = '') =>
  `dimension=dx:${dx.join(';')}&dimension=pe:${pe.join(';')}&dimension=ou:${ou}${extra}`;

describe('the maximal request', () => {
  it('139 elements × 47 months × LEVEL-3 answers (no stack overflow) when the limit allows it', { timeout: 120_000 }, async () => {
    expect(elements).toHaveLength(139);
    const values = Number((await sql<{ n: string }>`select count(*) as n from data_value`.execute(big.database.db)).rows[0]!.n);
    expect(values).toBeGreaterThan(150_000); // more rows than a spread into push() survives
    const res = await big.app.inject({ method: 'GET', url: `/api/analytics?${params(elements, MONTHS_47, 'SYT38;LEVEL-3')}`, headers: big.basic('admin') });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const body = res.json() as { rows: string[][]; headers: { name: string }[] };
    expect(body.headers.map((h) => h.name)).toEqual(['dx', 'pe', 'ou', 'value']);
    expect(body.rows.length).toBeGreaterThan(10_000);
    // The copies add up: 202001 holds January 2024's values; the stations' births are the province's.
    const birthsId = (await big.database.db.selectFrom('data_element').select('id').where('code', '=', 'FP_BIRTHS').executeTakeFirstOrThrow()).id;
    const stations = body.rows.filter((r) => r[0] === birthsId && r[1] === '202001').reduce((s, r) => s + Number(r[3]), 0);
    const province = await big.app.inject({ method: 'GET', url: `/api/analytics?${params(['FP_BIRTHS'], ['202401'], 'SYT38')}`, headers: big.basic('admin') });
    expect(stations).toBeGreaterThan(0);
    expect(stations).toBe(Number(province.json().rows[0][3]));
  });

  it('under the default limit, the same request is refused before it runs: 409 QUERY_TOO_LARGE naming size, limit and parts', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const t0 = Date.now();
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/analytics?${params(elements, MONTHS_47, 'SYT38;LEVEL-3')}`,
        headers: { ...t.basic('syt.xem'), 'accept-language': lang },
      });
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(res.statusCode).toBe(409);
      const { error } = res.json();
      expect(error.code).toBe('QUERY_TOO_LARGE');
      const units = error.details.orgUnits as number;
      expect(units).toBeGreaterThan(100); // today's stations of the province
      expect(error.details).toEqual({ cells: 139 * 47 * units, limit: 200_000, dataItems: 139, periods: 47, orgUnits: units, kind: 'query' });
      expect(error.message).toContain(String(139 * 47 * units));
      expect(error.message).toContain('200000');
      expect(error.message).toMatch(lang === 'vi' ? /vượt giới hạn.*ít chỉ tiêu hơn, ít kỳ hơn/ : /above the limit.*fewer data items, fewer periods/);
    }
  });
});

describe('limits of answers and of files', () => {
  // 139 elements × 12 months × today's stations: above an answer's 200,000 cells, below a file's 500,000.
  const year = Array.from({ length: 12 }, (_, i) => `2024${String(i + 1).padStart(2, '0')}`);

  it('the JSON answer is refused while the same request as CSV or XLSX (the export limit) is written', async () => {
    const q = params(elements, year, 'SYT38;LEVEL-3');
    const json = await t.app.inject({ method: 'GET', url: `/api/analytics.json?${q}`, headers: t.basic('syt.xem') });
    expect(json.statusCode).toBe(409);
    expect(json.json().error.details.kind).toBe('query');
    for (const ext of ['csv', 'xlsx']) {
      const file = await t.app.inject({ method: 'GET', url: `/api/analytics.${ext}?${q}`, headers: t.basic('syt.xem') });
      expect(file.statusCode, file.body.slice(0, 300)).toBe(200);
      expect(file.rawPayload.length).toBeGreaterThan(1000);
    }
  });

  it('a file above the export limit is refused with its own message, before the first byte', async () => {
    const q = params(elements, year, 'SYT38;LEVEL-3', '&structure=historical'); // 547 stations of 2024
    for (const ext of ['csv', 'xlsx']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/analytics.${ext}?${q}`, headers: { ...t.basic('syt.xem'), 'accept-language': 'en' } });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/json/);
      const { error } = res.json();
      expect(error).toMatchObject({ code: 'QUERY_TOO_LARGE', details: { kind: 'export', limit: 500_000, dataItems: 139, periods: 12, orgUnits: 547 } });
      expect(error.message).toMatch(/export needs 912396 cells .* above the limit of 500000 for one file/);
    }
  });

  it('counts each option combo of a disaggregated item (dimension=co, DE.*)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/analytics?${params(elements.map((e) => `${e}.*`), year, 'SYT38;LEVEL-3', '&structure=historical')}`,
      headers: t.basic('admin'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.dataItems).toBeGreaterThan(139);
  });

  it('GET /api/analytics/values is held to the same limit', async () => {
    const ctx = new Ctx(SYSTEM_ACTOR, t.database.store, testConfig({ SOYTE_MAX_QUERY_CELLS: '100' }));
    // 2 items × 4 ranges (the month, last year, previous, year to date) × the centre's stations.
    await expect(analyticsValues(ctx, { dx: 'FP_BIRTHS;EPI_FULL_U1', pe: '202405', ou: 'TTYT399', ouMode: 'children' })).rejects.toMatchObject({
      code: 'QUERY_TOO_LARGE',
      details: { limit: 100, dataItems: 2, periods: 4 },
    });
    const small = await analyticsValues(ctx, { dx: 'FP_BIRTHS', pe: '202405', ou: 'TTYT399', compare: 'previous' });
    expect(small.rows[0]!.value).toBe(258);
  });
});

describe('spreadsheet formula injection', () => {
  it('CSV and XLSX exports neutralise names that begin with = + - @; numbers stay numbers', async () => {
    await t.database.db.updateTable('data_element').set({ name: '=HYPERLINK("http://x.invalid","Bấm")', name_en: '@SUM(A1:A9)' }).where('code', '=', 'FP_BIRTHS').execute();
    await t.database.db.updateTable('org_unit').set({ name_en: '+cmd|calc' }).where('code', '=', 'TTYT399').execute();
    await t.database.db.updateTable('org_unit_path').set({ name: '-2+3' }).where('org_unit_id', '=', await t.unit('TTYT399')).execute();
    // Written straight to the tables: signal the change as the metadata and tree services do after theirs.
    metadataSignal.bump();
    const q = 'dimension=dx:FP_BIRTHS&dimension=pe:202405&dimension=ou:TTYT399&structure=historical';
    const csv = await t.app.inject({ method: 'GET', url: `/api/analytics.csv?${q}`, headers: t.basic('admin') });
    expect(csv.statusCode).toBe(200);
    const line = csv.body.replace(/^\ufeff/, '').split('\r\n')[1]!;
    expect(line).toBe(`"'=HYPERLINK(""http://x.invalid"",""Bấm"")",tháng 5 năm 2024,'-2+3,258`);

    const xlsx = await t.app.inject({ method: 'GET', url: `/api/analytics.xlsx?${q}`, headers: { ...t.basic('admin'), 'accept-language': 'en' } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = wb.worksheets[0]!.getRow(2).values as unknown[];
    expect(row.slice(1)).toEqual(["'@SUM(A1:A9)", 'May 2024', "'+cmd|calc", 258]);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).formula).toBeUndefined();
  });
});
