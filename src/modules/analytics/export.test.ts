// GET /api/analytics.csv and /api/analytics.xlsx: the DHIS2 answer as a flat table of names and
// numbers, on the demo data (TTYT399 May 2024 = seed 001: 258 births).
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  admin = t.basic('admin');
});

const get = (path: string, params: string, headers: Record<string, string> = admin) =>
  t.app.inject({ method: 'GET', url: `${path}?${params}`, headers });

async function workbook(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { ws, rows };
}

async function unitName(code: string) {
  const u = await t.database.db.selectFrom('org_unit').select(['name', 'name_en']).where('code', '=', code).executeTakeFirstOrThrow();
  return u;
}

describe('GET /api/analytics.xlsx and .csv', () => {
  it('XLSX: headers in Vietnamese, names not ids, 258 births stored as a number with a thousands format', async () => {
    const res = await get('/api/analytics.xlsx', 'dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:TTYT399');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="soyte-analytics-${todayVn()}.xlsx"`);
    const { ws, rows } = await workbook(res.rawPayload);
    expect(rows[0]).toEqual(['Dữ liệu', 'Kỳ', 'Đơn vị', 'Giá trị']);
    expect(rows).toHaveLength(2);
    const births = await t.database.db.selectFrom('data_element').select('name').where('code', '=', 'FP_BIRTHS').executeTakeFirstOrThrow();
    expect(rows[1]).toEqual([births.name, 'tháng 5 năm 2024', (await unitName('TTYT399')).name, 258]);
    expect(typeof ws.getRow(2).getCell(4).value).toBe('number');
    expect(ws.getRow(2).getCell(4).numFmt).toBe('#,##0');
  });

  it('XLSX with the stations as rows and the option combos as a column (Phân tổ); values add up to 258', async () => {
    const res = await get('/api/analytics.xlsx', 'dimension=dx:FP_BIRTHS&dimension=pe:202405&dimension=ou:TTYT399;LEVEL-3&dimension=co&structure=historical');
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await workbook(res.rawPayload);
    expect(rows[0]).toEqual(['Dữ liệu', 'Kỳ', 'Đơn vị', 'Phân tổ', 'Giá trị']);
    const body = rows.slice(1);
    expect(body.reduce((s, r) => s + (r[4] as number), 0)).toBe(258);
    const json = await get('/api/analytics', 'dimension=dx:FP_BIRTHS&dimension=pe:202405&dimension=ou:TTYT399;LEVEL-3&dimension=co&structure=historical');
    expect(body).toHaveLength(json.json().rows.length);
    const meta = json.json().metaData.items as Record<string, { name: string }>;
    // names, in the engine's row order (several stations share a name today: see org_unit_path)
    expect(body.map((r) => r[2])).toEqual(json.json().rows.map((r: string[]) => meta[r[2]!]!.name));
    expect(body.every((r) => typeof r[2] === 'string' && !/^[A-Za-z0-9]{11}$/.test(r[2] as string))).toBe(true);
  });

  it('CSV: UTF-8 with BOM, English headers with Accept-Language en, an indicator with its decimals', async () => {
    const res = await get(
      '/api/analytics.csv',
      'dimension=dx:FP_BIRTHS;IND_SEX_RATIO_BIRTH&dimension=pe:202404;202405&filter=ou:TTYT399',
      { ...admin, 'accept-language': 'en' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="soyte-analytics-${todayVn()}.csv"`);
    expect(res.body.startsWith('\ufeff')).toBe(true);
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Data,Period,Organisation unit,Value');
    const { name_en } = await unitName('TTYT399');
    const births = await t.database.db.selectFrom('data_element').select('name_en').where('code', '=', 'FP_BIRTHS').executeTakeFirstOrThrow();
    expect(lines).toContain(`${births.name_en},May 2024,${name_en},258`);
    expect(lines.some((l) => l.endsWith(',118.6') && l.includes('May 2024'))).toBe(true);
    expect(lines).toHaveLength(5);
  });

  it('scope and errors as /api/analytics: a station user cannot export another centre; bad periods get 409', async () => {
    const station = t.basic('tyt.hoangxuan');
    const res = await get('/api/analytics.csv', 'dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:TTYT399', station);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    const own = await get('/api/analytics.xlsx', 'dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:USER_ORGUNIT', station);
    expect(own.statusCode).toBe(200);
    const bad = await get('/api/analytics.xlsx', 'dimension=dx:FP_BIRTHS&dimension=pe:2024M13&filter=ou:TTYT399');
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.message).toContain('2024M13');
    expect((await get('/api/analytics.csv', 'dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:TTYT399', {})).statusCode).toBe(401);
  });
});
