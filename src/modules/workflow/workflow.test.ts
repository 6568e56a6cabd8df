import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { periodOf } from '../../lib/periods.js';
import { testApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { createFixture, type Fixture } from '../datavalues/test-fixture.repo.js';

let t: TestApp;
let fx: Fixture;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));

beforeAll(async () => {
  t = await testApp();
  fx = await createFixture(t.database.db, TEST_DEMO_PASSWORD);
});

const form = { dataSet: 'T_MONTHLY', orgUnit: 'TYT15877', period: '202406' };
const post = async (user: string, action: string, body: Record<string, unknown> = {}, lang = 'vi') =>
  t.app.inject({ method: 'POST', url: `/api/forms/${action}`, headers: { ...(await as(user)), 'accept-language': lang }, payload: { ...form, ...body } });
const put = async (user: string, de: string, value: string, extra: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'PUT', url: '/api/dataEntry/value', headers: await as(user),
    payload: { dataElement: de, orgUnit: form.orgUnit, period: form.period, value, ...extra },
  });
const getForm = async (user = 'tyt.hoangxuan') =>
  (await t.app.inject({ method: 'GET', url: `/api/dataEntry/form?dataSet=T_MONTHLY&orgUnit=TYT15877&period=202406`, headers: await as(user) })).json();

describe('complete → approve / return → reopen', () => {
  it('completion runs validation: blocking errors stop it, warnings need a comment', async () => {
    await put('tyt.hoangxuan', 'T_BIRTHS', '10');
    await put('tyt.hoangxuan', 'T_BIRTHS_SEX', '6', { categoryOptionCombo: 'T_MALE' });
    await put('tyt.hoangxuan', 'T_BIRTHS_SEX', '5', { categoryOptionCombo: 'T_FEMALE' });
    const blocked = await post('tyt.hoangxuan', 'complete', { comment: 'xong' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toMatch(/1 lỗi/);
    expect(blocked.json().error.details.violations[0]).toMatchObject({ rule: { code: 'T_BIRTHS_BY_SEX' }, blocking: true });

    await put('tyt.hoangxuan', 'T_BIRTHS_SEX', '4', { categoryOptionCombo: 'T_FEMALE' });
    await put('tyt.hoangxuan', 'T_VISITS', '12');
    await put('tyt.hoangxuan', 'T_VISITS_INS', '20');
    const warn = await post('tyt.hoangxuan', 'complete', {}, 'en');
    expect(warn.statusCode).toBe(409);
    expect(warn.json().error.details.violations.map((v: { rule: { code: string } }) => v.rule.code)).toContain('T_INSURED_LE_VISITS');
    expect(warn.json().error.message).toMatch(/comment/);

    const ok = await post('tyt.hoangxuan', 'complete', { comment: 'Số BHYT gồm lượt khám tại điểm lẻ' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'completed', completedBy: 'tyt.hoangxuan', onTime: false, comment: 'Số BHYT gồm lượt khám tại điểm lẻ' });
    const again = await post('tyt.hoangxuan', 'complete', { comment: 'x' });
    expect(again.statusCode).toBe(409);
  });

  it('a completed form is read-only', async () => {
    const r = await put('tyt.hoangxuan', 'T_VISITS', '13');
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.reason).toBe('completed');
    const f = await getForm();
    expect(f.status).toMatchObject({ state: 'completed', editable: false, reason: 'completed', onTime: false });
  });

  it('data entry users cannot approve; a station user cannot approve its own form even with the approver role', async () => {
    const entry = await post('tyt.hoangxuan', 'approve');
    expect(entry.statusCode).toBe(403);
    const own = await post('t.station.approver', 'approve');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toMatch(/cấp trên/);
    const other = await post('t.other.entry', 'approve');
    expect(other.statusCode).toBe(403);
  });

  it('the centre’s approver approves: the form is locked', async () => {
    const ok = await post('ttyt.hoanghoa', 'approve', { comment: 'Đạt' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'approved', approvedBy: 'ttyt.hoanghoa' });
    const w = await put('tyt.hoangxuan', 'T_VISITS', '13');
    expect(w.statusCode).toBe(409);
    expect(w.json().error.details.reason).toBe('approved');
    const centre = await put('ttyt.hoanghoa', 'T_VISITS', '13');
    expect(centre.statusCode).toBe(409);
    expect((await post('tyt.hoangxuan', 'uncomplete')).statusCode).toBe(409);
    expect((await post('ttyt.hoanghoa', 'return', { comment: 'x' })).statusCode).toBe(409);
  });

  it('reopening needs a reason and opens the form for correction', async () => {
    const noReason = await post('ttyt.hoanghoa', 'reopen');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.fields.reason).toBeTruthy();
    const byStation = await post('t.station.approver', 'reopen', { reason: 'x' });
    expect(byStation.statusCode).toBe(403);
    const ok = await post('ttyt.hoanghoa', 'reopen', { reason: 'Sai số lượt khám BHYT' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().state).toBe('returned');
    const w = await put('tyt.hoangxuan', 'T_VISITS_INS', '12');
    expect(w.statusCode).toBe(200);
  });

  it('return needs a comment and reopens the form for editing', async () => {
    const done = await post('tyt.hoangxuan', 'complete');
    expect(done.statusCode).toBe(409); // the compulsory pair (rate ↔ visits) is still a warning
    expect((await post('tyt.hoangxuan', 'complete', { comment: 'Không có tỷ lệ' })).statusCode).toBe(200);
    const noComment = await post('ttyt.hoanghoa', 'return', { comment: '  ' });
    expect(noComment.statusCode).toBe(400);
    const ret = await post('ttyt.hoanghoa', 'return', { comment: 'Kiểm tra lại số trẻ sinh' });
    expect(ret.statusCode).toBe(200);
    expect(ret.json().state).toBe('returned');
    expect((await put('tyt.hoangxuan', 'T_BIRTHS', '10')).statusCode).toBe(200);
    const f = await getForm();
    expect(f.status).toMatchObject({ state: 'returned', editable: true });
    expect(f.events.map((e: { action: string }) => e.action)).toEqual(['complete', 'approve', 'reopen', 'complete', 'return']);
    expect(f.events[4]).toMatchObject({ comment: 'Kiểm tra lại số trẻ sinh', username: 'ttyt.hoanghoa' });
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'form').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['form.complete', 'form.approve', 'form.reopen', 'form.complete', 'form.return']);
  });

  it('uncomplete: only a completed form, by someone who may enter its data', async () => {
    expect((await post('tyt.hoangxuan', 'uncomplete')).statusCode).toBe(409); // returned, not completed
    expect((await post('tyt.hoangxuan', 'complete', { comment: 'ok' })).statusCode).toBe(200);
    expect((await post('t.other.entry', 'uncomplete')).statusCode).toBe(403);
    expect((await post('t.centre.approver', 'uncomplete')).statusCode).toBe(403);
    const r = await post('tyt.hoangxuan', 'uncomplete');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ state: 'open', completedAt: null });
  });

  it('uncomplete is refused once the entry window has closed (the form would be stuck); return still works', async () => {
    expect((await post('tyt.hoangxuan', 'complete', { comment: 'ok' })).statusCode).toBe(200);
    const db = t.database.db;
    await db.updateTable('data_set').set({ entry_grace_days: 5 }).where('code', '=', 'T_MONTHLY').execute();
    try {
      const late = await post('tyt.hoangxuan', 'uncomplete');
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toMatch(/hết hạn nhập liệu.*trả lại/);
      expect((await getForm()).status.state).toBe('completed');
      expect((await post('ttyt.hoanghoa', 'return', { comment: 'Sửa số liệu' })).statusCode).toBe(200);
    } finally {
      await db.updateTable('data_set').set({ entry_grace_days: null }).where('code', '=', 'T_MONTHLY').execute();
    }
  });
});

describe('overview and completeness', () => {
  const current = periodOf('Monthly', todayVn()).iso;

  it('lists the centre’s own form and its stations’ forms for a period', async () => {
    expect((await post('tyt.hoangxuan', 'complete', { comment: 'ok' })).statusCode).toBe(200);
    const r = await t.app.inject({ method: 'GET', url: '/api/forms/status?dataSet=T_MONTHLY&orgUnit=TTYT399&period=202406', headers: await as('ttyt.hoanghoa') });
    expect(r.statusCode).toBe(200);
    const rows = r.json();
    expect(rows[0]).toMatchObject({ orgUnit: { code: 'TTYT399' }, self: true, state: 'open', canApprove: false });
    const st = rows.find((x: { orgUnit: { code: string } }) => x.orgUnit.code === 'TYT15877');
    expect(st).toMatchObject({ state: 'completed', onTime: false, deadline: '2024-07-05', canApprove: true });
    expect(st.valueCount).toBeGreaterThanOrEqual(5);
    const stations = await t.database.db
      .selectFrom('org_unit_closure').select('descendant_id')
      .where('ancestor_id', '=', fx.units.centre).where('depth', '=', 1)
      .where('valid_from', '<=', '2024-06-30').where('valid_to', '>', '2024-06-01').execute();
    expect(rows.length).toBe(new Set(stations.map((s) => s.descendant_id)).size + 1);
    const out = await t.app.inject({ method: 'GET', url: '/api/forms/status?dataSet=T_MONTHLY&orgUnit=TTYT399&period=202406', headers: await as('t.other.entry') });
    expect(out.statusCode).toBe(403);
  });

  it('counts expected, reported, on time and late per sub-unit and period', async () => {
    // The centre completes its own current-month form before the deadline: on time.
    const own = await t.app.inject({
      method: 'POST', url: '/api/forms/complete', headers: await as('ttyt.hoanghoa'),
      payload: { dataSet: 'T_MONTHLY', orgUnit: 'TTYT399', period: current },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().onTime).toBe(true);

    const r = await t.app.inject({
      method: 'GET', url: `/api/completeness?dataSet=T_MONTHLY&orgUnit=SYT38&startPeriod=202405&endPeriod=${current}`, headers: await as('syt.xem'),
    });
    expect(r.statusCode).toBe(200);
    const rep = r.json();
    expect(rep.periods[0]).toBe('202405');
    expect(rep.periods.at(-1)).toBe(current);
    const expectedJune = await t.database.db
      .selectFrom('org_unit_closure').select('descendant_id')
      .where('ancestor_id', '=', fx.units.centre)
      .where('valid_from', '<=', '2024-06-01').where('valid_to', '>', '2024-06-01').execute();
    const june = rep.rows.find((x: { orgUnit: { code: string }; period: string }) => x.orgUnit.code === 'TTYT399' && x.period === '202406');
    expect(june).toMatchObject({ expected: expectedJune.length, reported: 1, onTime: 0, late: 1, missing: expectedJune.length - 1 });
    expect(june.reportingRate).toBeCloseTo((100 / expectedJune.length), 0);
    const other = rep.rows.find((x: { orgUnit: { id: string }; period: string }) => x.orgUnit.id === fx.units.otherCentre && x.period === '202406');
    expect(other).toMatchObject({ expected: 1, reported: 0, missing: 1, reportingRate: 0 });
    const now = rep.rows.find((x: { orgUnit: { code: string }; period: string }) => x.orgUnit.code === 'TTYT399' && x.period === current);
    expect(now).toMatchObject({ reported: 1, onTime: 1, late: 0 });
    const total = rep.totals.find((x: { period: string }) => x.period === '202406');
    expect(total).toMatchObject({ expected: expectedJune.length + 1, reported: 1 });

    // By level: stations of TTYT399 in June 2024.
    const lv = await t.app.inject({ method: 'GET', url: '/api/completeness?dataSet=T_MONTHLY&orgUnit=TTYT399&startPeriod=202406&endPeriod=202406&level=3', headers: await as('ttyt.hoanghoa') });
    const st = lv.json().rows.find((x: { orgUnit: { code: string } }) => x.orgUnit.code === 'TYT15877');
    expect(st).toMatchObject({ expected: 1, reported: 1, late: 1 });
    expect(lv.json().rows.length).toBe(expectedJune.length - 1);

    const denied = await t.app.inject({ method: 'GET', url: '/api/completeness?dataSet=T_MONTHLY&orgUnit=TTYT399', headers: await as('t.other.entry') });
    expect(denied.statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'GET', url: '/api/completeness?dataSet=T_MONTHLY&orgUnit=TTYT399&startPeriod=2024Q1', headers: await as('ttyt.hoanghoa') });
    expect(bad.statusCode).toBe(400);
  });

  it('exports CSV and XLSX with Vietnamese headers', async () => {
    const q = 'dataSet=T_MONTHLY&orgUnit=TTYT399&startPeriod=202405&endPeriod=202406';
    const csv = await t.app.inject({ method: 'GET', url: `/api/completeness?${q}&format=csv`, headers: await as('ttyt.hoanghoa') });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename=".*\.csv"/);
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Tỷ lệ nộp (%)');
    expect(lines.some((l) => l.startsWith('TYT15877,') && l.includes('Tháng 6/2024,202406,1,1,0,1,0,100,0'))).toBe(true);

    const x = await t.app.inject({ method: 'GET', url: `/api/completeness?${q}&format=xlsx`, headers: await as('ttyt.hoanghoa') });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(4).getCell(5).value).toBe('Số báo cáo phải nộp');
    const values: unknown[] = [];
    ws.eachRow((row) => values.push(row.getCell(1).value));
    expect(values).toContain('TYT15877');
  });
});

describe('formula injection in the completeness export', () => {
  it('neutralises unit names beginning with = + - @ in CSV and XLSX (numbers stay numbers)', async () => {
    const db = t.database.db;
    const stations = await db
      .selectFrom('org_unit_closure as c').innerJoin('org_unit as u', 'u.id', 'c.descendant_id')
      .select(['u.id', 'u.code', 'u.name'])
      .where('c.ancestor_id', '=', fx.units.centre).where('c.depth', '=', 1)
      .where('c.valid_from', '<=', '2024-06-01').where('c.valid_to', '>', '2024-06-01')
      .orderBy('u.code').limit(4).execute();
    const evil = ['=HYPERLINK("http://evil.example","Bấm")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)'];
    try {
      for (const [i, s] of stations.entries()) await db.updateTable('org_unit').set({ name: evil[i]! }).where('id', '=', s.id).execute();
      const q = 'dataSet=T_MONTHLY&orgUnit=TTYT399&startPeriod=202406&endPeriod=202406&level=3';
      const csv = await t.app.inject({ method: 'GET', url: `/api/completeness?${q}&format=csv`, headers: await as('ttyt.hoanghoa') });
      expect(csv.statusCode).toBe(200);
      const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
      for (const [i, s] of stations.entries()) {
        const line = lines.find((l) => l.startsWith(`${s.code},`))!;
        const name = line.slice(s.code.length + 1);
        // The name cell starts with an apostrophe (quoted when it holds a quote or comma), never with the formula character.
        expect(name.startsWith(`'${evil[i]![0]}`) || name.startsWith(`"'${evil[i]![0]}`)).toBe(true);
        expect(line).toMatch(/,202406,1,\d,/); // counts are still plain numbers
      }

      const x = await t.app.inject({ method: 'GET', url: `/api/completeness?${q}&format=xlsx`, headers: await as('ttyt.hoanghoa') });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const cells = new Map<string, unknown[]>();
      wb.worksheets[0]!.eachRow((row) => cells.set(String(row.getCell(1).value), [row.getCell(2).value, row.getCell(5).value]));
      for (const [i, s] of stations.entries()) {
        const [name, expected] = cells.get(s.code)!;
        expect(name).toBe(`'${evil[i]}`);
        expect(typeof expected).toBe('number');
      }
    } finally {
      for (const s of stations) await db.updateTable('org_unit').set({ name: s.name }).where('id', '=', s.id).execute();
    }
  });
});
