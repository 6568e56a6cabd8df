// Register figures (figures.ts) read like data elements, by code, through GET /api/analytics, GET
// /api/analytics/values, the catalogue and the report templates. Two figures are registered here,
// computed from real tables (figures.test-helper.ts), checkable by hand against the demo tree:
// TTYT399 Hoằng Hóa has 36 stations until 30/6/2025 and 8 from 1/7/2025 (28 closed in the reform);
// two stations have a user account (tyt.hoangxuan at Hoằng Xuân TYT15877, closed 1/7/2025, and
// tyt.hoangloc at Hoằng Lộc), so the share of stations with an account is 2/36 = 5,6 % in June 2025
// and 1/8 = 12,5 % in August 2025.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { testApp, type TestApp } from '../../test/harness.js';
import { docxText } from '../reports/render/docx-text.test-helper.js';
import type { ValuesResponse } from './analytics.contract.js';
import { figureByCode } from './figures.js';
import { registerTestFigures } from './figures.test-helper.js';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  registerTestFigures();
  t = await testApp();
  admin = t.basic('admin');
});

const get = (url: string, headers: Record<string, string> = admin) => t.app.inject({ method: 'GET', url, headers });

async function analytics(params: string, headers: Record<string, string> = admin) {
  const res = await get(`/api/analytics?${params}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { headers: { name: string }[]; rows: string[][]; metaData: { items: Record<string, { name: string; code?: string; dimensionItemType?: string }>; dimensions: Record<string, string[]>; completeness?: { cells: unknown[] } } };
}

async function values(params: string, headers: Record<string, string> = admin): Promise<ValuesResponse> {
  const res = await get(`/api/analytics/values?${params}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ValuesResponse;
}

describe('GET /api/analytics with a register figure', () => {
  it('counts the stations of TTYT399 on the last day of each month across the 2025 reform: 36 in June, 8 in August', async () => {
    const body = await analytics('dimension=dx:TEST_OPEN_STATIONS&dimension=pe:202506;202508&filter=ou:TTYT399');
    expect(body.rows).toEqual([
      ['TEST_OPEN_STATIONS', '202506', '36'],
      ['TEST_OPEN_STATIONS', '202508', '8'],
    ]);
    // Named for DHIS2 clients: a count is a data element; the code is its id (figures have no uid).
    expect(body.metaData.items.TEST_OPEN_STATIONS).toEqual({ uid: 'TEST_OPEN_STATIONS', code: 'TEST_OPEN_STATIONS', name: 'Số trạm y tế đang hoạt động (thử nghiệm)', dimensionItemType: 'DATA_ELEMENT' });
    expect(body.metaData.dimensions.dx).toEqual(['TEST_OPEN_STATIONS']);
    // Not reported on forms: no completeness beside it (never "incomplete").
    expect(body.metaData.completeness?.cells ?? []).toEqual([]);
    // The code answers in either id scheme, and in the output scheme CODE or NAME.
    const centreId = await t.unit('TTYT399');
    for (const [scheme, ou] of [['idScheme=CODE', 'TTYT399'], ['idScheme=UID', centreId], ['inputIdScheme=CODE', 'TTYT399']]) {
      const again = await analytics(`dimension=dx:TEST_OPEN_STATIONS&dimension=pe:202506;202508&filter=ou:${ou}&${scheme}`);
      expect(again.rows, scheme).toEqual(body.rows);
    }
    const named = await analytics('dimension=dx:TEST_OPEN_STATIONS&dimension=pe:202508&filter=ou:TTYT399&outputIdScheme=NAME', { ...admin, 'accept-language': 'en' });
    expect(named.rows).toEqual([['Open stations (test)', '202508', '8']]);
  });

  it('ou=LEVEL-3;TTYT399 resolves as for data elements: the 36 stations of June 2025 (historical), the 8 of today (current)', async () => {
    const june = await analytics('dimension=dx:TEST_OPEN_STATIONS&dimension=pe:202506&dimension=ou:LEVEL-3;TTYT399&structure=historical');
    expect(june.rows).toHaveLength(36);
    expect(june.rows.every((r) => r[3] === '1')).toBe(true); // each station's subtree holds itself
    expect(june.metaData.dimensions.ou).toHaveLength(36);
    const aug = await analytics('dimension=dx:TEST_OPEN_STATIONS&dimension=pe:202508&dimension=ou:LEVEL-3;TTYT399');
    expect(aug.rows).toHaveLength(8);
    expect(aug.rows.reduce((s, r) => s + Number(r[3]), 0)).toBe(8);
    // A station closed in the reform, asked for August 2025: open stations 0 (a count is 0, not missing).
    const closed = await analytics('dimension=dx:TEST_OPEN_STATIONS&dimension=pe:202506;202508&dimension=ou:TYT15877&structure=historical');
    expect(closed.rows.map((r) => [r[1], r[3]])).toEqual([['202506', '1'], ['202508', '0']]);
    // The children of TTYT399 as a DE.COC-free figure with ou as filter: their sum is the centre's count.
    const summed = await analytics('dimension=dx:TEST_OPEN_STATIONS&dimension=pe:202506&filter=ou:LEVEL-3;TTYT399&structure=historical');
    expect(summed.rows).toEqual([['TEST_OPEN_STATIONS', '202506', '36']]);
  });

  it('a share is a percent of summed parts (indicator-like), and gives no row where its denominator is 0', async () => {
    const body = await analytics('dimension=dx:TEST_STATIONS_WITH_USER_PCT&dimension=pe:202506;202508&filter=ou:TTYT399&includeNumDen=true');
    expect(body.headers.map((h) => h.name)).toEqual(['dx', 'pe', 'value', 'numerator', 'denominator', 'factor']);
    expect(body.rows).toEqual([
      ['TEST_STATIONS_WITH_USER_PCT', '202506', '5.6', '2', '36', '100'],
      ['TEST_STATIONS_WITH_USER_PCT', '202508', '12.5', '1', '8', '100'],
    ]);
    expect(body.metaData.items.TEST_STATIONS_WITH_USER_PCT!.dimensionItemType).toBe('INDICATOR');
    // Several units in an ou filter: 2 of the 36 June stations → 5.6, never a sum or mean of percents.
    const june = await analytics('dimension=dx:TEST_STATIONS_WITH_USER_PCT&dimension=pe:202506&filter=ou:LEVEL-3;TTYT399&structure=historical');
    expect(june.rows).toEqual([['TEST_STATIONS_WITH_USER_PCT', '202506', '5.6']]);
    // Hoằng Xuân closed on 1/7/2025: in August it has no open station → no row (unknown, never 0 %).
    const closed = await analytics('dimension=dx:TEST_STATIONS_WITH_USER_PCT&dimension=pe:202506;202508&dimension=ou:TYT15877&structure=historical');
    expect(closed.rows.map((r) => [r[1], r[3]])).toEqual([['202506', '100']]);
  });

  it('a running period is read today, one that has not started gives nothing', async () => {
    const thisYear = Number(todayVn().slice(0, 4));
    const body = await analytics(`dimension=dx:TEST_OPEN_STATIONS&dimension=pe:THIS_YEAR;${thisYear + 1}&filter=ou:TTYT399`);
    expect(body.rows).toEqual([['TEST_OPEN_STATIONS', String(thisYear), '8']]);
  });

  it('mixes with data elements in one answer; the data element keeps its completeness', async () => {
    const body = await analytics('dimension=dx:FP_BIRTHS;TEST_OPEN_STATIONS&dimension=pe:202405&filter=ou:TTYT399');
    expect(body.rows.map((r) => [r[0] === 'TEST_OPEN_STATIONS' ? r[0] : 'FP_BIRTHS', r[2]])).toEqual([
      ['FP_BIRTHS', '258'],
      ['TEST_OPEN_STATIONS', '36'],
    ]);
    const { completeness } = (await analytics('dimension=dx:FP_BIRTHS;TEST_OPEN_STATIONS&dimension=pe:202405&dimension=ou:TTYT399')).metaData;
    expect(completeness!.cells.length).toBeGreaterThan(0);
  });

  it('scope and bad input as for data elements: another centre is OUT_OF_SCOPE; an unknown code 400; co 400', async () => {
    const centre = t.basic('ttyt.hoanghoa');
    const own = await analytics('dimension=dx:TEST_OPEN_STATIONS&dimension=pe:202506&dimension=ou:LEVEL-3&structure=historical', centre);
    expect(own.rows).toHaveLength(36);
    const other = await t.database.db.selectFrom('org_unit').select('code').where('code', 'like', 'TTYT%').where('code', '!=', 'TTYT399').orderBy('code').executeTakeFirstOrThrow();
    for (const ou of [other.code, `LEVEL-3;${other.code}`, 'SYT38']) {
      const res = await get(`/api/analytics?dimension=dx:TEST_OPEN_STATIONS&dimension=pe:202506&dimension=ou:${ou}`, centre);
      expect(res.statusCode, ou).toBe(403);
      expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    }
    const unknown = await get('/api/analytics?dimension=dx:TEST_NO_SUCH_FIGURE&dimension=pe:202506&filter=ou:TTYT399');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    const co = await get('/api/analytics?dimension=dx:TEST_OPEN_STATIONS&dimension=co&dimension=pe:202506&filter=ou:TTYT399');
    expect(co.statusCode).toBe(400);
    const operand = await get('/api/analytics?dimension=dx:TEST_OPEN_STATIONS.MALE&dimension=pe:202506&filter=ou:TTYT399');
    expect(operand.statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/analytics?dimension=dx:TEST_OPEN_STATIONS&dimension=pe:202506&filter=ou:TTYT399' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('GET /api/analytics/values with a register figure', () => {
  it('the centre in August 2025: 8, previous month 8, same month last year 36; no plan, no completeness', async () => {
    const body = await values('dx=TEST_OPEN_STATIONS&pe=202508&ou=TTYT399');
    expect(body.items).toEqual([{ id: 'TEST_OPEN_STATIONS', code: 'TEST_OPEN_STATIONS', name: 'Số trạm y tế đang hoạt động (thử nghiệm)', kind: 'figure', figureKind: 'count' }]);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({ dx: 'TEST_OPEN_STATIONS', value: 8, previous: 8, lastYear: 36, ytd: 8, plan: null, completeness: null });
    expect(body.rows[0]!.changeLastYear).toEqual({ abs: -28, percent: -77.78 });
    expect(body.reporting).toEqual([]);
  });

  it('children in June 2025 (historical): the 36 stations, 1 each; the share 2/36 = 5,56 % at the centre', async () => {
    const kids = await values('dx=TEST_OPEN_STATIONS;TEST_STATIONS_WITH_USER_PCT&pe=202506&ou=TTYT399&ouMode=children&structure=historical&compare=previous');
    expect(kids.orgUnits).toHaveLength(36);
    const count = kids.rows.filter((r) => r.dx === 'TEST_OPEN_STATIONS');
    expect(count.every((r) => r.value === 1 && r.completeness === null)).toBe(true);
    const share = kids.rows.filter((r) => r.dx === 'TEST_STATIONS_WITH_USER_PCT');
    expect(share.filter((r) => r.value === 100)).toHaveLength(2);
    expect(share.filter((r) => r.value === 0)).toHaveLength(34);
    const centre = await values('dx=TEST_STATIONS_WITH_USER_PCT&pe=202508&ou=TTYT399&compare=lastYear');
    expect(centre.items[0]).toMatchObject({ kind: 'figure', figureKind: 'share' });
    expect(centre.rows[0]).toMatchObject({ value: 12.5 });
    expect(centre.rows[0]!.lastYear).toBeCloseTo((2 / 36) * 100, 6);
  });

  it('a centre user asking for another centre is refused like for data elements; an unknown code is 400', async () => {
    const other = await t.database.db.selectFrom('org_unit').select('code').where('code', 'like', 'TTYT%').where('code', '!=', 'TTYT399').orderBy('code').executeTakeFirstOrThrow();
    const res = await get(`/api/analytics/values?dx=TEST_OPEN_STATIONS&pe=202508&ou=${other.code}`, t.basic('ttyt.hoanghoa'));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    const station = await get('/api/analytics/values?dx=TEST_OPEN_STATIONS&pe=202506&ou=TTYT399', t.basic('tyt.hoangxuan'));
    expect(station.statusCode).toBe(403);
    const unknown = await get('/api/analytics/values?dx=TEST_NO_SUCH_FIGURE&pe=202508&ou=TTYT399');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('a real equipment figure (registered by the equipment module when it is loaded)', () => {
  // Five items entered through the equipment API in two stations of TTYT399, read this month (today):
  // Hoằng Lộc 3 in use + 1 broken → 75 %; Hoằng Hóa 1 idle (idle counts as functional) → 100 %;
  // the centre 4/5 = 80 %; the other stations hold nothing → no row (unknown, never 0 %).
  it.runIf(figureByCode('EQ_FUNCTIONAL_PCT') !== undefined)('EQ_FUNCTIONAL_PCT of TTYT399 and its stations, by hand and as the equipment KPI says', async () => {
    const session = await t.login('admin');
    const add = async (orgUnit: string, status: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await t.app.inject({
          method: 'POST', url: '/api/equipment/assets', headers: session,
          payload: { orgUnit, category: 'ECG', name: `Máy điện tim ${orgUnit} ${status} ${i + 1}`, acquired: '2024-01-10', cost: 25_000_000, status },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
    };
    await add('TYT15961', 'in_use', 3);
    await add('TYT15961', 'broken', 1);
    await add('TYT15865', 'idle', 1);
    const body = await analytics('dimension=dx:EQ_FUNCTIONAL_PCT&dimension=pe:THIS_MONTH&dimension=ou:LEVEL-3;TTYT399&includeNumDen=true');
    const [hoangLoc, hoangHoa] = await Promise.all(['TYT15961', 'TYT15865'].map((c) => t.unit(c)));
    const got = Object.fromEntries(body.rows.map((r) => [r[2], r.slice(3, 5)]));
    expect(got).toEqual({ [hoangLoc]: ['75', '3'], [hoangHoa]: ['100', '1'] });
    const centre = await analytics('dimension=dx:EQ_FUNCTIONAL_PCT&dimension=pe:THIS_MONTH&filter=ou:TTYT399&includeNumDen=true');
    expect(centre.rows.map((r) => r.slice(2))).toEqual([['80', '4', '5', '100']]);
    expect(body.metaData.items.EQ_FUNCTIONAL_PCT).toMatchObject({ name: 'Tỷ lệ trang thiết bị hoạt động tốt (%)', dimensionItemType: 'INDICATOR' });
    // The equipment module's own KPI agrees.
    const kpi = (await get('/api/equipment/kpi?orgUnit=TTYT399')).json() as { unit: { functionalPct: number | null } };
    expect(kpi.unit.functionalPct).toBe(80);
  });
});

describe('GET /api/analytics/figures', () => {
  it('lists the registered figures in the user’s language, with the facilities module’s', async () => {
    const res = await get('/api/analytics/figures');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { code: string; name: string; kind: string; module: string }[];
    expect(list).toContainEqual({ code: 'TEST_OPEN_STATIONS', name: 'Số trạm y tế đang hoạt động (thử nghiệm)', kind: 'count', module: 'analytics-test' });
    expect(list).toContainEqual({ code: 'TEST_STATIONS_WITH_USER_PCT', name: 'Tỷ lệ trạm y tế có tài khoản người dùng (thử nghiệm)', kind: 'share', module: 'analytics-test' });
    if (figureByCode('FAC_DISBURSED_PCT')) expect(list.map((f) => f.code)).toContain('FAC_DISBURSED_PCT');
    const en = (await get('/api/analytics/figures', { ...admin, 'accept-language': 'en' })).json() as { code: string; name: string }[];
    expect(en.find((f) => f.code === 'TEST_OPEN_STATIONS')!.name).toBe('Open stations (test)');
    expect((await t.app.inject({ method: 'GET', url: '/api/analytics/figures' })).statusCode).toBe(401);
  });
});

describe('report templates', () => {
  it('{{CODE}}, {{lastYear CODE}} and {{vsLastYear CODE}} render a figure for the report’s unit and period end; a share as "12,5 %"', async () => {
    const adminSession = await t.login('admin');
    const tpl = (await get('/api/reportTemplates/BC_TTYT_THANG')).json();
    const def = {
      ...tpl.definition,
      code: 'BC_THU_SO_LIEU_SO',
      name: 'Thử số liệu từ sổ quản lý',
      blocks: [
        { type: 'text', text: 'Số trạm: {{TEST_OPEN_STATIONS}}; cùng kỳ: {{lastYear TEST_OPEN_STATIONS}}.' },
        { type: 'text', text: 'Có tài khoản: {{TEST_STATIONS_WITH_USER_PCT}}; {{vsLastYear TEST_STATIONS_WITH_USER_PCT}}.' },
      ],
    };
    const created = await t.app.inject({ method: 'POST', url: '/api/reportTemplates', headers: adminSession, payload: def });
    expect(created.statusCode, created.body).toBe(201);
    const res = await t.app.inject({ method: 'POST', url: '/api/reports?format=docx', headers: adminSession, payload: { template: 'BC_THU_SO_LIEU_SO', orgUnit: 'TTYT399', period: '202508' } });
    expect(res.statusCode, res.body).toBe(200);
    const text = await docxText(res.rawPayload);
    expect(text).toContain('Số trạm: 8; cùng kỳ: 36.');
    expect(text).toContain('Có tài khoản: 12,5 %; tăng 6,9 điểm phần trăm so với cùng kỳ.');
    // A bad code in braces is still reported when the template is checked.
    const bad = await t.app.inject({ method: 'POST', url: '/api/reportTemplates/validate', headers: adminSession, payload: { ...def, code: 'BC_THU_2', blocks: [{ type: 'text', text: '{{TEST_NO_SUCH_FIGURE}}' }] } });
    expect(bad.json().ok).toBe(false);
  });
});
