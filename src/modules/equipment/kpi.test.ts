// The equipment KPIs and figures on a small register built by hand under one centre (TTYT380 and two
// of its stations), every number counted by hand below; the tallies the triggers keep against the
// ones rebuilt from the registers; and the lines a unit must not cross.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { testApp, TEST_DEMO_PASSWORD, json, type TestApp } from '../../test/harness.js';
import { figureByCode, figureNumber } from '../analytics/figures.js';
import { addDays } from '../../lib/calendar.js';
import { addMonths } from '../../lib/dates.js';

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));
const today = todayVn();
const M = 'ttyt380.tb';

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { ...(await as(user)), 'accept-language': 'vi' }, payload: payload as never });
}
async function create(body: Record<string, unknown>) {
  const r = await call(M, 'POST', '/api/equipment/assets', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; fullyWornOn: string | null };
}
async function step(woId: string, body: Record<string, unknown>) {
  const w = json(await call(M, 'GET', `/api/equipment/work-orders/${woId}`));
  const r = await call(M, 'POST', `/api/equipment/work-orders/${woId}/actions`, { version: w.version, ...body });
  expect(r.statusCode, r.body).toBe(200);
}
async function report(assetId: string) {
  const r = await call(M, 'POST', `/api/equipment/assets/${assetId}/work-orders`, { fault: 'Hỏng' });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
/** Moves a finished work order in time: it ended `endDaysAgo` days ago after `days` days of repair. */
async function backdate(woId: string, endDaysAgo: number, days: number) {
  await sql`update equipment_work_order set finished_at = now() - make_interval(days => ${endDaysAgo}),
    reported_at = now() - make_interval(days => ${endDaysAgo + days}) where id = ${woId}`.execute(t.database.db);
}

let S1: string;
let S2: string;
let ecgWorn: string | null;

beforeAll(async () => {
  t = await testApp();
  const r = await call('admin', 'POST', '/api/users', { username: M, displayName: M, password: TEST_DEMO_PASSWORD, orgUnitId: await t.unit('TTYT380'), roles: ['unit_admin'] });
  expect(r.statusCode, r.body).toBe(201);
  const empty = json(await call(M, 'GET', '/api/equipment/kpi'));
  expect(empty.children.length).toBeGreaterThanOrEqual(2);
  [S1, S2] = [empty.children[0].orgUnit.code, empty.children[1].orgUnit.code];

  // S1: 3 BP meters (due 10/01/2026: overdue), an ECG of 2015 (due 2017: overdue; fully worn), a
  // defibrillator locked by a failed inspection, a suction pump (maintenance due a month ago: overdue)
  // repaired in 4 days this month, and once more 400 days ago (outside the 12 months).
  await create({ orgUnit: S1, category: 'BP_METER', name: 'Máy đo huyết áp', acquired: '2025-01-10', cost: 1_200_000, quantity: 3 });
  ecgWorn = (await create({ orgUnit: S1, category: 'ECG', name: 'Máy điện tim', acquired: '2015-06-01', cost: 45_000_000 })).fullyWornOn;
  const defib = await create({ orgUnit: S1, category: 'DEFIBRILLATOR', name: 'Máy sốc tim', acquired: addMonths(today, -3), cost: 80_000_000 });
  const sid = json(await call(M, 'GET', `/api/equipment/assets/${defib.id}/care`)).schedules[0].id;
  expect((await call(M, 'POST', `/api/equipment/schedules/${sid}/inspections`, { doneOn: today, result: 'fail' })).statusCode).toBe(201);
  const suction = await create({ orgUnit: S1, category: 'SUCTION', name: 'Máy hút dịch', acquired: addMonths(addDays(today, -1), -13), cost: 12_000_000 });
  const old = await report(suction.id);
  await step(old, { action: 'finish', outcome: 'no_fault' });
  await backdate(old, 400, 10);
  const w1 = await report(suction.id);
  await step(w1, { action: 'finish', outcome: 'repaired', cost: 500_000 });
  await backdate(w1, 0, 4);

  // S2: an ultrasound in repair (open work order), an idle computer, a monitor repaired in 2 days,
  // a suction pump disposed of (its overdue maintenance does not count: not held).
  const us = await create({ orgUnit: S2, category: 'ULTRASOUND', name: 'Máy siêu âm', acquired: addMonths(today, -2), cost: 150_000_000 });
  await step(await report(us.id), { action: 'start' });
  await create({ orgUnit: S2, category: 'COMPUTER', name: 'Máy vi tính', acquired: '2026-01-05', cost: 20_000_000, status: 'idle' });
  const mon = await create({ orgUnit: S2, category: 'MONITOR', name: 'Monitor', acquired: addMonths(today, -1), cost: 30_000_000 });
  const w2 = await report(mon.id);
  await step(w2, { action: 'finish', outcome: 'repaired' });
  await backdate(w2, 1, 2);
  await create({ orgUnit: S2, category: 'SUCTION', name: 'Máy hút dịch cũ', acquired: '2024-01-01', cost: 12_000_000, status: 'disposed' });

  // The centre itself: 10 contact thermometers, calibration due in 10 days.
  await create({ orgUnit: 'TTYT380', category: 'THERMO_CONTACT', name: 'Nhiệt kế điện tử', acquired: addDays(addMonths(today, -6), 10), cost: 150_000, quantity: 10 });
}, 180_000);

describe('KPIs', () => {
  it('for the centre and each station, counted by hand', async () => {
    expect(ecgWorn && ecgWorn <= today).toBeTruthy();
    const k = json(await call(M, 'GET', `/api/equipment/kpi?orgUnit=TTYT380&date=${today}`));
    expect(k.date).toBe(today);
    const s1 = k.children.find((c: { orgUnit: { code: string } }) => c.orgUnit.code === S1);
    const s2 = k.children.find((c: { orgUnit: { code: string } }) => c.orgUnit.code === S2);
    expect(s1).toEqual({
      orgUnit: expect.objectContaining({ code: S1, kind: 'station' }),
      assets: 4, items: 6, functional: 5, functionalPct: 83.3, broken: 0, inRepair: 0, locked: 1, idle: 0, pendingDisposal: 0,
      inspectionsOverdue: 3, inspectionsDue30: 0, fullyWorn: 1, openWorkOrders: 0, repairs: 1, meanRepairDays: 4,
    });
    expect(s2).toEqual({
      orgUnit: expect.objectContaining({ code: S2 }),
      assets: 3, items: 3, functional: 2, functionalPct: 66.7, broken: 0, inRepair: 1, locked: 0, idle: 1, pendingDisposal: 0,
      inspectionsOverdue: 0, inspectionsDue30: 0, fullyWorn: 0, openWorkOrders: 1, repairs: 1, meanRepairDays: 2,
    });
    expect(k.unit).toEqual({
      orgUnit: expect.objectContaining({ code: 'TTYT380', kind: 'health_centre' }),
      assets: 8, items: 19, functional: 17, functionalPct: 89.5, broken: 0, inRepair: 1, locked: 1, idle: 1, pendingDisposal: 0,
      inspectionsOverdue: 3, inspectionsDue30: 1, fullyWorn: 1, openWorkOrders: 1, repairs: 2, meanRepairDays: 3,
    });
    // The other stations hold nothing: zeros, no share.
    const rest = k.children.filter((c: { orgUnit: { code: string } }) => c.orgUnit.code !== S1 && c.orgUnit.code !== S2);
    for (const c of rest) expect(c).toMatchObject({ assets: 0, functionalPct: null, meanRepairDays: null });
  });

  it('counts the dated numbers on another date', async () => {
    // On 01/06/2025: only the ECG was overdue (the BP meters were due 10/01/2026, the suction pump later);
    // the ECG was already fully worn; the repairs of the 12 months before were none.
    const k = json(await call(M, 'GET', `/api/equipment/kpi?orgUnit=${S1}&date=2025-06-01`));
    expect(k.unit).toMatchObject({ inspectionsOverdue: 1, fullyWorn: 1, repairs: 0, meanRepairDays: null });
    // 400 days ago falls in the 12 months before a date 30 days later.
    const then = addDays(today, -370);
    const p = json(await call(M, 'GET', `/api/equipment/kpi?orgUnit=${S1}&date=${then}`));
    expect(p.unit).toMatchObject({ repairs: 1, meanRepairDays: 10 });
  });

  it('refuses another centre, a station above itself, and bad dates', async () => {
    const cross = await call('ttyt.hoanghoa', 'GET', '/api/equipment/kpi?orgUnit=TTYT380');
    expect(cross.statusCode).toBe(403);
    expect(cross.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await call('tyt.hoangloc', 'GET', '/api/equipment/kpi?orgUnit=TTYT399')).statusCode).toBe(403);
    expect((await call('tyt.hoangloc', 'GET', '/api/equipment/kpi')).json().unit.orgUnit.code).toBe('TYT15961');
    expect((await call(M, 'GET', '/api/equipment/kpi?date=2026-02-30')).statusCode).toBe(400);
    // The province sees the centre among its children.
    const p = json(await call('syt.admin', 'GET', '/api/equipment/kpi'));
    expect(p.children.find((c: { orgUnit: { code: string } }) => c.orgUnit.code === 'TTYT380')).toMatchObject({ assets: 8, items: 19 });
  });
});

describe('figures', () => {
  it('give analytics the KPIs’ numbers', async () => {
    const u = await t.unit('TTYT380');
    const v = async (code: string) => {
      const f = figureByCode(code)!;
      expect(f.module).toBe('equipment');
      return figureNumber(f, (await f.compute(t.ctx(), [u], today)).get(u));
    };
    expect(await v('EQ_FUNCTIONAL_PCT')).toBeCloseTo((17 / 19) * 100, 6);
    expect(await v('EQ_BROKEN')).toBe(2);
    expect(await v('EQ_INSPECTION_OVERDUE')).toBe(3);
    expect(await v('EQ_FULLY_WORN')).toBe(1);
    expect(await v('EQ_IDLE')).toBe(1);
    // A unit holding nothing: counts 0, shares unknown.
    const empty = json(await call(M, 'GET', '/api/equipment/kpi')).children.find((c: { assets: number }) => c.assets === 0).orgUnit.id;
    const f = figureByCode('EQ_FUNCTIONAL_PCT')!;
    expect(figureNumber(f, (await f.compute(t.ctx(), [empty], today)).get(empty))).toBeNull();
    expect(figureNumber(figureByCode('EQ_BROKEN')!, (await figureByCode('EQ_BROKEN')!.compute(t.ctx(), [empty], today)).get(empty))).toBe(0);
  });

  it('rest on tallies equal to those rebuilt from the registers', async () => {
    const snap = async () => (await sql<{ s: string }>`select string_agg(l, ';' order by l) as s from (
      select concat_ws(',', org_unit_id, status, assets, items) as l from equipment_unit_status where assets <> 0 or items <> 0
      union all select concat_ws(',', org_unit_id, metric, month, n, round(days::numeric, 6)) from equipment_unit_month where n <> 0 or abs(days) > 1e-9) x`.execute(t.database.db)).rows[0]!.s;
    const kept = await snap();
    await sql`select equipment_tally_rebuild()`.execute(t.database.db);
    expect(await snap()).toBe(kept);
  });
});
