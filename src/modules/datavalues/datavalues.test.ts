import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { nextPeriod, periodOf } from '../../lib/periods.js';
import { testApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { EMPTY_CALENDAR } from '../../lib/calendar.js';
import { parsePeriod } from '../../lib/periods.js';
import { checkValueType, decideWindow, writableCells } from './rules.js';
import { createFixture, type Fixture } from './test-fixture.repo.js';

let t: TestApp;
let fx: Fixture;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));

beforeAll(async () => {
  t = await testApp();
  fx = await createFixture(t.database.db, TEST_DEMO_PASSWORD);
});

async function put(user: string, body: Record<string, unknown>, lang = 'vi') {
  return t.app.inject({ method: 'PUT', url: '/api/dataEntry/value', headers: { ...(await as(user)), 'accept-language': lang }, payload: body });
}
const cell = (de: string, extra: Record<string, unknown> = {}) => ({ dataElement: de, orgUnit: 'TYT15877', period: '202406', ...extra });

describe('value types', () => {
  it('normalises numbers and rejects junk', () => {
    expect(checkValueType('NUMBER', ' 1,5 ')).toEqual({ ok: true, value: '1.5', num: 1.5 });
    expect(checkValueType('NUMBER', '007')).toMatchObject({ ok: true, value: '7' });
    expect(checkValueType('NUMBER', '12abc')).toMatchObject({ ok: false, messageKey: 'dataValue.type.number' });
    expect(checkValueType('NUMBER', '1.200.000')).toMatchObject({ ok: false });
    expect(checkValueType('INTEGER', '1.5')).toMatchObject({ ok: false, messageKey: 'dataValue.type.integer' });
    expect(checkValueType('INTEGER_POSITIVE', '0')).toMatchObject({ ok: false });
    expect(checkValueType('INTEGER_ZERO_OR_POSITIVE', '-1')).toMatchObject({ ok: false });
    expect(checkValueType('INTEGER_NEGATIVE', '-3')).toMatchObject({ ok: true, num: -3 });
    expect(checkValueType('PERCENTAGE', '100.5')).toMatchObject({ ok: false });
    expect(checkValueType('UNIT_INTERVAL', '0,25')).toMatchObject({ ok: true, value: '0.25' });
    expect(checkValueType('BOOLEAN', 'Có')).toEqual({ ok: true, value: 'true', num: 1 });
    expect(checkValueType('TRUE_ONLY', 'false')).toMatchObject({ ok: false });
    expect(checkValueType('DATE', '31/05/2024')).toMatchObject({ ok: true, value: '2024-05-31' });
    expect(checkValueType('DATE', '2024-02-30')).toMatchObject({ ok: false });
  });

  it('refuses a wrong value through the API with a Vietnamese message per field', async () => {
    const r = await put('tyt.hoangxuan', cell('T_BIRTHS', { value: '12abc' }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
    expect(r.json().error.details.fields.value).toMatch(/phải là số/);
    const pct = await put('tyt.hoangxuan', cell('T_RATE', { value: '150' }), 'en');
    expect(pct.statusCode).toBe(400);
    expect(pct.json().error.message).toMatch(/percentage/);
    const ok = await put('tyt.hoangxuan', cell('T_RATE', { value: '87,5' }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ value: '87.5', storedBy: 'tyt.hoangxuan', conflict: null });
  });

  it('checks that the option combo belongs to the element', async () => {
    const r = await put('tyt.hoangxuan', cell('T_BIRTHS', { categoryOptionCombo: 'T_MALE', value: '1' }));
    expect(r.statusCode).toBe(400);
    const missing = await put('tyt.hoangxuan', cell('T_BIRTHS_SEX', { value: '1' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields.categoryOptionCombo).toBeTruthy();
  });
});

describe('entry windows', () => {
  it('refuses future periods but accepts the current month', async () => {
    const current = periodOf('Monthly', todayVn());
    const future = nextPeriod(current);
    const r = await put('admin', { ...cell('T_VISITS', { value: '5' }), orgUnit: 'TTYT399', period: future.iso });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.reason).toBe('future');
    const ok = await put('ttyt.hoanghoa', { ...cell('T_VISITS', { value: '5' }), orgUnit: 'TTYT399', period: current.iso });
    expect(ok.statusCode).toBe(200);
  });

  it('closes entry after deadline + grace days, except for system administrators', async () => {
    const r = await put('tyt.hoangxuan', cell('T_LATE', { value: '3' }));
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.reason).toBe('expired');
    expect(r.json().error.message).toMatch(/hết thời hạn/);
    const admin = await put('admin', cell('T_LATE', { value: '3' }));
    expect(admin.statusCode).toBe(200);
    // The window itself: 202406 ends Sunday 30/06 → 5 working days → Friday 05/07/2024, closes 15/07.
    const w = await writableCells(t.ctx(), [{ orgUnitId: fx.units.station, periodIso: '202406', dataElementId: fx.de.late }]);
    expect([...w.values()][0]).toMatchObject({ open: false, reason: 'expired', deadline: '2024-07-05', closesOn: '2024-07-15' });
  });

  it('decides windows: current month open, returned forms stay open after the grace days', () => {
    const base = {
      ds: { period_type: 'Monthly', deadline_working_days: 5, entry_grace_days: 10 },
      period: parsePeriod('202405')!,
      unit: { opening_date: '2000-01-01', closed_date: null },
      assignments: [{ valid_from: '2020-01-01', valid_to: 'infinity' }],
      state: undefined,
      cal: EMPTY_CALENDAR,
      canEditExpired: false,
    };
    expect(decideWindow({ ...base, today: '2024-05-15' })).toMatchObject({ open: true, deadline: '2024-06-07', closesOn: '2024-06-17' });
    expect(decideWindow({ ...base, today: '2024-04-30' }).reason).toBe('future');
    expect(decideWindow({ ...base, today: '2024-06-17' }).open).toBe(true);
    expect(decideWindow({ ...base, today: '2024-06-18' }).reason).toBe('expired');
    expect(decideWindow({ ...base, today: '2024-06-18', state: 'returned' }).open).toBe(true);
    expect(decideWindow({ ...base, today: '2024-06-18', canEditExpired: true }).open).toBe(true);
    expect(decideWindow({ ...base, today: '2024-05-15', state: 'approved' }).reason).toBe('approved');
    expect(decideWindow({ ...base, today: '2024-05-15', unit: { opening_date: '2000-01-01', closed_date: '2024-05-01' } }).reason).toBe('unitClosed');
    expect(decideWindow({ ...base, today: '2024-05-15', assignments: [{ valid_from: '2024-06-01', valid_to: 'infinity' }] }).reason).toBe('unitClosed');
  });

  it('refuses a unit that is closed in the period and an element the unit does not report', async () => {
    const r = await put('admin', { ...cell('T_VISITS', { value: '1' }), period: '202508' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.reason).toBe('unitClosed');
    const w = await writableCells(t.ctx(), [
      { orgUnitId: fx.units.otherCentre, periodIso: '202406', dataElementId: fx.de.visits },
      { orgUnitId: fx.units.station, periodIso: '2024Q2', dataElementId: fx.de.visits },
      { orgUnitId: fx.units.station, periodIso: '202406', dataElementId: fx.de.visits },
    ]);
    expect(w.get(`${fx.units.otherCentre}|202406|${fx.de.visits}`)!.reason).toBe('notAssigned');
    expect(w.get(`${fx.units.station}|2024Q2|${fx.de.visits}`)!.reason).toBe('wrongPeriodType');
    expect(w.get(`${fx.units.station}|202406|${fx.de.visits}`)!.open).toBe(true);
  });
});

describe('scope and roles', () => {
  it('a user of another centre cannot write or read TYT15877', async () => {
    const r = await put('t.other.entry', cell('T_VISITS', { value: '1' }));
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('OUT_OF_SCOPE');
    const f = await t.app.inject({ method: 'GET', url: '/api/dataEntry/form?dataSet=T_MONTHLY&orgUnit=TYT15877&period=202406', headers: await as('t.other.entry') });
    expect(f.statusCode).toBe(403);
  });

  it('a station cannot write another centre’s station; a viewer cannot write at all', async () => {
    const other = await t.database.db.selectFrom('org_unit').select('code').where('id', '=', fx.units.otherStation).executeTakeFirstOrThrow();
    const r = await put('tyt.hoangxuan', { ...cell('T_VISITS', { value: '1' }), orgUnit: other.code });
    expect(r.statusCode).toBe(403);
    const v = await put('syt.xem', cell('T_VISITS', { value: '1' }));
    expect(v.statusCode).toBe(403);
    expect(v.json().error.code).toBe('FORBIDDEN');
  });

  it('the centre writes its station for a period when the station belonged to it, not after the station closed', async () => {
    const ok = await put('ttyt.hoanghoa', cell('T_NOTE', { value: 'Ghi chú của trung tâm' }));
    expect(ok.statusCode).toBe(200);
    const after = await put('ttyt.hoanghoa', { ...cell('T_NOTE', { value: 'x' }), period: '202508' });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.details.reason).toBe('unitClosed');
  });

  it('a station that moved to another centre can no longer be written by its old centre (history stays)', async () => {
    const db = t.database.db;
    const st = await db
      .selectFrom('org_unit_closure as c').innerJoin('org_unit as u', 'u.id', 'c.descendant_id')
      .select(['u.id', 'u.code'])
      .where('c.ancestor_id', '=', fx.units.centre).where('c.depth', '=', 1)
      .where('c.valid_from', '<=', '2026-01-01').where('c.valid_to', '>', '2026-01-01')
      .orderBy('u.code').executeTakeFirstOrThrow();
    const mv = await t.app.inject({
      method: 'POST', url: `/api/orgunits/${st.id}/move`, headers: await as('admin'),
      payload: { parentId: fx.units.otherCentre, date: '2026-01-01', reason: 'Điều chỉnh địa giới' },
    });
    expect(mv.statusCode).toBe(200);
    const before = await put('ttyt.hoanghoa', { ...cell('T_NOTE', { value: 'tháng 12' }), orgUnit: st.code, period: '202512' });
    expect(before.statusCode).toBe(200);
    const after = await put('ttyt.hoanghoa', { ...cell('T_NOTE', { value: 'tháng 1' }), orgUnit: st.code, period: '202601' });
    expect(after.statusCode).toBe(403);
    expect(after.json().error.code).toBe('OUT_OF_SCOPE');
  });
});

describe('form, values, history', () => {
  it('lists data sets of a unit and returns the form with sections, grids, values and status', async () => {
    const ds = await t.app.inject({ method: 'GET', url: '/api/dataEntry/dataSets?orgUnit=TYT15877', headers: await as('tyt.hoangxuan') });
    expect(ds.json().map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['T_GRACE', 'T_MONTHLY']));
    expect(ds.json().find((d: { code: string }) => d.code === 'T_GRACE')).toMatchObject({ periodType: 'Monthly', entryGraceDays: 10, assignedFrom: '2020-01-01', assignedTo: null });
    await put('tyt.hoangxuan', cell('T_BIRTHS_SEX', { categoryOptionCombo: 'T_FEMALE', value: '4' }));
    const r = await t.app.inject({ method: 'GET', url: '/api/dataEntry/form?dataSet=T_MONTHLY&orgUnit=TYT15877&period=202406', headers: await as('tyt.hoangxuan') });
    expect(r.statusCode).toBe(200);
    const f = r.json();
    expect(f.dataSet).toMatchObject({ code: 'T_MONTHLY', periodType: 'Monthly' });
    expect(f.period).toEqual({ iso: '202406', start: '2024-06-01', end: '2024-06-30' });
    expect(f.sections.map((s: { code: string | null }) => s.code)).toEqual(['S1', 'S2', null]);
    const sex = f.sections[0].elements[1];
    expect(sex.code).toBe('T_BIRTHS_SEX');
    expect(sex.categories[0].options.map((o: { code: string }) => o.code)).toEqual(['T_MALE', 'T_FEMALE']);
    expect(sex.optionCombos.map((o: { options: string[] }) => o.options[0])).toEqual(['T_MALE', 'T_FEMALE']);
    expect(f.values).toEqual(expect.arrayContaining([expect.objectContaining({ dataElement: fx.de.birthsSex, categoryOptionCombo: fx.coc.female, value: '4' })]));
    expect(f.status).toMatchObject({ state: 'open', editable: true, reason: null, deadline: '2024-07-05', closesOn: null });
    expect(f.status.actions).toMatchObject({ complete: true, approve: false });
    expect(f.validationRules.map((r: { code: string }) => r.code)).toEqual(['T_BIRTHS_BY_SEX', 'T_INSURED_LE_VISITS', 'T_NOTE_PAIR']);
  });

  it('deletes with an empty value and keeps the whole history, newest first', async () => {
    await put('tyt.hoangxuan', cell('T_VISITS', { value: '30' }));
    await put('tyt.hoangxuan', cell('T_VISITS', { value: '31' }));
    const del = await put('tyt.hoangxuan', cell('T_VISITS', { value: '' }));
    expect(del.json().value).toBeNull();
    const h = await t.app.inject({ method: 'GET', url: '/api/dataEntry/history?dataElement=T_VISITS&orgUnit=TYT15877&period=202406', headers: await as('tyt.hoangxuan') });
    expect(h.json().map((x: { auditType: string; value: string | null }) => [x.auditType, x.value])).toEqual([
      ['DELETE', null], ['UPDATE', '31'], ['CREATE', '30'],
    ]);
    expect(h.json()[1]).toMatchObject({ previousValue: '30', modifiedBy: 'tyt.hoangxuan', source: 'form', conflict: false });
  });

  it('saves comments and follow-up; a comment needs a value', async () => {
    const none = await t.app.inject({ method: 'PUT', url: '/api/dataEntry/comment', headers: await as('tyt.hoangxuan'), payload: cell('T_VISITS_INS', { comment: 'x' }) });
    expect(none.statusCode).toBe(409);
    await put('tyt.hoangxuan', cell('T_VISITS_INS', { value: '5', comment: 'Bổ sung sau' }));
    const c = await t.app.inject({ method: 'PUT', url: '/api/dataEntry/comment', headers: await as('tyt.hoangxuan'), payload: cell('T_VISITS_INS', { comment: 'Đã kiểm tra', followUp: true }) });
    expect(c.statusCode).toBe(200);
    expect(c.json()).toMatchObject({ value: '5', comment: 'Đã kiểm tra', followUp: true });
    // A reviewer of the centre may flag for follow-up but not comment.
    const flag = await t.app.inject({ method: 'PUT', url: '/api/dataEntry/comment', headers: await as('t.centre.approver'), payload: cell('T_VISITS_INS', { followUp: false }) });
    expect(flag.statusCode).toBe(200);
    // The flag is a review mark: audited, but the entered value keeps its time (offline conflict
    // detection compares it).
    expect(flag.json().lastUpdated).toBe(c.json().lastUpdated);
    const marks = await t.database.db.selectFrom('audit_log').select(['action', 'username']).where('entity_type', '=', 'dataValue').orderBy('id').execute();
    expect(marks.slice(-2)).toEqual([{ action: 'dataValue.followUp', username: 'tyt.hoangxuan' }, { action: 'dataValue.followUpCleared', username: 't.centre.approver' }]);
    const cm = await t.app.inject({ method: 'PUT', url: '/api/dataEntry/comment', headers: await as('t.centre.approver'), payload: cell('T_VISITS_INS', { comment: 'x' }) });
    expect(cm.statusCode).toBe(403);
  });

  it('offline: last write wins, the overwritten value is reported and the audit row flagged', async () => {
    const first = await put('tyt.hoangxuan', { ...cell('T_VISITS', { value: '10' }), period: '202405' });
    const base = first.json().lastUpdated;
    const other = await put('ttyt.hoanghoa', { ...cell('T_VISITS', { value: '12' }), period: '202405', baseLastUpdated: base });
    expect(other.json().conflict).toBeNull();
    const offline = await put('tyt.hoangxuan', { ...cell('T_VISITS', { value: '11' }), period: '202405', baseLastUpdated: base, source: 'offline' });
    expect(offline.statusCode).toBe(200);
    expect(offline.json()).toMatchObject({ value: '11', conflict: { value: '12', storedBy: 'ttyt.hoanghoa' } });
    const h = await t.app.inject({ method: 'GET', url: '/api/dataEntry/history?dataElement=T_VISITS&orgUnit=TYT15877&period=202405', headers: await as('tyt.hoangxuan') });
    expect(h.json()[0]).toMatchObject({ value: '11', previousValue: '12', source: 'offline', conflict: true });
    // Saving on top of the latest value is no conflict; a replay of the same value changes nothing.
    const next = await put('tyt.hoangxuan', { ...cell('T_VISITS', { value: '13' }), period: '202405', baseLastUpdated: offline.json().lastUpdated });
    expect(next.json().conflict).toBeNull();
    const replay = await put('tyt.hoangxuan', { ...cell('T_VISITS', { value: '13' }), period: '202405', baseLastUpdated: base, source: 'offline' });
    expect(replay.json().conflict).toBeNull();
  });

  it('gives outlier bounds from the unit’s own history when there are at least 6 values', async () => {
    for (const m of ['01', '02', '03', '04', '05', '06', '07', '08']) {
      const r = await put('admin', { ...cell('T_BIRTHS', { value: String(20 + Number(m)) }), period: `2023${m}` });
      expect(r.statusCode).toBe(200);
    }
    const r = await t.app.inject({ method: 'GET', url: '/api/dataEntry/form?dataSet=T_MONTHLY&orgUnit=TYT15877&period=202402', headers: await as('tyt.hoangxuan') });
    const b = r.json().bounds.find((x: { dataElement: string }) => x.dataElement === fx.de.births);
    expect(b.categoryOptionCombo).toBe(fx.coc.default);
    expect(b.min).toBeGreaterThanOrEqual(0);
    expect(b.min).toBeLessThan(21);
    expect(b.max).toBeGreaterThan(28);
    expect(b.max).toBeLessThan(60);
  });
});

describe('validation', () => {
  it('reports blocking and warning violations in the caller’s language', async () => {
    const c = (de: string, value: string, coc?: string) => put('tyt.hoangxuan', { ...cell(de, { value, categoryOptionCombo: coc }), period: '202403' });
    await c('T_BIRTHS', '10');
    await c('T_BIRTHS_SEX', '6', 'T_MALE');
    await c('T_BIRTHS_SEX', '5', 'T_FEMALE');
    await c('T_VISITS', '12');
    await c('T_VISITS_INS', '20');
    const body = { dataSet: 'T_MONTHLY', orgUnit: 'TYT15877', period: '202403' };
    const r = await t.app.inject({ method: 'POST', url: '/api/dataEntry/validate', headers: await as('tyt.hoangxuan'), payload: body });
    const v = r.json().violations;
    expect(v.map((x: { rule: { code: string } }) => x.rule.code).sort()).toEqual(['T_BIRTHS_BY_SEX', 'T_INSURED_LE_VISITS', 'T_NOTE_PAIR']);
    const births = v.find((x: { rule: { code: string } }) => x.rule.code === 'T_BIRTHS_BY_SEX');
    expect(births).toMatchObject({ importance: 'HIGH', blocking: true, leftValue: 11, rightValue: 10, operator: 'equal_to' });
    expect(births.message).toMatch(/trai \+ gái/);
    expect(births.dataElements.sort()).toEqual([fx.de.births, fx.de.birthsSex].sort());
    const en = await t.app.inject({ method: 'POST', url: '/api/dataEntry/validate', headers: { ...(await as('tyt.hoangxuan')), 'accept-language': 'en' }, payload: body });
    expect(en.json().violations.map((x: { message: string }) => x.message)).toContain('Boys + girls must equal live births');
    // Fixing the figures clears them; a rate without visits breaks the compulsory pair.
    await c('T_BIRTHS_SEX', '4', 'T_FEMALE');
    await c('T_VISITS_INS', '12');
    await c('T_VISITS', '');
    await c('T_VISITS_INS', '');
    await c('T_RATE', '50');
    const again = await t.app.inject({ method: 'POST', url: '/api/dataEntry/validate', headers: await as('tyt.hoangxuan'), payload: body });
    expect(again.json().violations.map((x: { rule: { code: string } }) => x.rule.code)).toEqual(['T_NOTE_PAIR']);
  });
});
