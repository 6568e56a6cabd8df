// GET /api/analytics (DHIS2-compatible) through HTTP, on the demo data of the test template:
// Hoằng Hóa's (TTYT399) Jan–May 2024 values, seed 001's May 2024 report (258 births).
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  admin = t.basic('admin');
});

async function get(params: string, headers: Record<string, string> = admin, path = '/api/analytics') {
  return t.app.inject({ method: 'GET', url: `${path}?${params}`, headers });
}

async function ok(params: string, headers: Record<string, string> = admin) {
  const res = await get(params, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    headers: { name: string }[];
    metaData: { items: Record<string, { name: string; code?: string; uid?: string }>; dimensions: Record<string, string[]> };
    rows: string[][];
    height: number;
    width: number;
  };
}

const sum = (rows: string[][], col: number) => rows.reduce((s, r) => s + Number(r[col]), 0);

describe('GET /api/analytics', () => {
  it("answers seed 001's births (258) for TTYT399, May 2024, in DHIS2's shape", async () => {
    const body = await ok('dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:TTYT399&idScheme=CODE');
    expect(body.headers.map((h) => h.name)).toEqual(['dx', 'pe', 'value']);
    expect(body.width).toBe(3);
    expect(body.height).toBe(1);
    const de = body.rows[0][0];
    expect(body.rows).toEqual([[de, '202405', '258']]);
    expect(body.metaData.dimensions.dx).toEqual([de]);
    expect(body.metaData.dimensions.pe).toEqual(['202405']);
    expect(body.metaData.dimensions.ou).toEqual([await t.unit('TTYT399')]);
    expect(body.metaData.items[de]).toMatchObject({ code: 'FP_BIRTHS' });
    expect(body.metaData.items['202405'].name).toMatch(/2024/);
    // .json suffix is the same endpoint
    const again = await get('dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:TTYT399', admin, '/api/analytics.json');
    expect(again.json().rows).toEqual(body.rows);
  });

  it('outputIdScheme=CODE names items by code', async () => {
    const body = await ok('dimension=dx:FP_BIRTHS&dimension=pe:202405&dimension=ou:TTYT399&outputIdScheme=CODE');
    expect(body.rows).toEqual([['FP_BIRTHS', '202405', 'TTYT399', '258']]);
    expect(body.metaData.dimensions.ou).toEqual(['TTYT399']);
    expect(body.metaData.items.TTYT399.uid).toBe(await t.unit('TTYT399'));
  });

  it('dimension=co splits the births by option combo (140 + 118)', async () => {
    const body = await ok('dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:TTYT399&dimension=co');
    expect(body.headers.map((h) => h.name)).toEqual(['dx', 'pe', 'co', 'value']);
    expect(body.rows.map((r) => Number(r[3])).sort((a, b) => b - a)).toEqual([140, 118]);
    expect(body.metaData.dimensions.co).toHaveLength(2);
  });

  it('LEVEL-3 within TTYT399: the stations of the time (historical) or of today (current); both sum to 258', async () => {
    const hist = await ok('dimension=dx:FP_BIRTHS&dimension=pe:202405&dimension=ou:LEVEL-3;TTYT399&structure=historical');
    expect(hist.metaData.dimensions.ou).toHaveLength(36);
    expect(sum(hist.rows, 3)).toBe(258);
    // Named as they were in May 2024: 36 different names (today several share a merged commune's name).
    const names = hist.metaData.dimensions.ou.map((id: string) => hist.metaData.items[id]!.name);
    expect(new Set(names).size).toBe(36);
    const cur = await ok('dimension=dx:FP_BIRTHS&dimension=pe:202405&dimension=ou:LEVEL-3;TTYT399');
    expect(cur.rows.length).toBe(8);
    expect(sum(cur.rows, 3)).toBe(258);
  });

  it('a centre user asking LEVEL-3 gets their own stations', async () => {
    const body = await ok('dimension=dx:FP_BIRTHS&dimension=pe:202405&dimension=ou:LEVEL-3&structure=historical', t.basic('ttyt.hoanghoa'));
    expect(body.rows).toHaveLength(36);
    expect(sum(body.rows, 3)).toBe(258);
  });

  it('an indicator is computed from aggregated parts (sex ratio at birth 118.6)', async () => {
    const body = await ok('dimension=dx:IND_SEX_RATIO_BIRTH&dimension=pe:202405&filter=ou:TTYT399&includeNumDen=true');
    expect(body.headers.map((h) => h.name)).toEqual(['dx', 'pe', 'value', 'numerator', 'denominator', 'factor']);
    expect(body.rows[0][2]).toBe('118.6');
  });

  it('year-to-date of a stock element (LAST) is the latest month, not a sum', async () => {
    const ytd = await ok('dimension=dx:POP_TOTAL&dimension=pe:2024YTD05;202405;202404&filter=ou:TTYT399');
    const v = Object.fromEntries(ytd.rows.map((r) => [r[1], Number(r[2])]));
    expect(v['2024YTD05']).toBe(v['202405']);
    expect(v['2024YTD05']).toBeGreaterThan(0);
    expect(v['2024YTD05']).toBeLessThan(v['202405'] + v['202404']);
  });

  it('a relative period keyword parses into its months', async () => {
    const body = await ok('dimension=dx:FP_BIRTHS&dimension=pe:LAST_12_MONTHS&filter=ou:TTYT399');
    expect(body.metaData.dimensions.pe).toHaveLength(12);
  });

  it('an unsupported parameter gets 409 UNSUPPORTED', async () => {
    const res = await get('dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:TTYT399&approvalLevel=1');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('UNSUPPORTED');
    expect(res.json().error.message).toContain('approvalLevel');
  });

  it('an unknown item gets a validation error, not a stack trace', async () => {
    const res = await get('dimension=dx:NO_SUCH_THING&dimension=pe:202405&filter=ou:TTYT399');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('a station user cannot read another centre (403 OUT_OF_SCOPE), but reads their own station', async () => {
    const other = await t.database.db
      .selectFrom('org_unit')
      .select('code')
      .where('code', 'like', 'TTYT%')
      .where('code', '!=', 'TTYT399')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const station = t.basic('tyt.hoangxuan');
    const res = await get(`dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:${other.code}`, station);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    const up = await get('dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:TTYT399', station);
    expect(up.statusCode).toBe(403);
    expect((await get('dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:USER_ORGUNIT', station)).statusCode).toBe(200);
  });

  it('needs a login', async () => {
    const res = await get('dimension=dx:FP_BIRTHS&dimension=pe:202405&filter=ou:TTYT399', {});
    expect(res.statusCode).toBe(401);
  });
});
