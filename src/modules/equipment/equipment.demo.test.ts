// The demo register on a fresh database: every open station and centre holds a plausible register
// that the API reads back (lists, values, the missing list), with every status, overdue inspections
// and open work orders present for the pages and the KPIs.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, json, type TestApp } from '../../test/harness.js';
import { loadDemoEquipment } from './equipment.demo.js';

let t: TestApp;
let loaded: Awaited<ReturnType<typeof loadDemoEquipment>>;
const TODAY = '2026-12-06';

beforeAll(async () => {
  t = await testApp();
  // As on a first start, where the demo is loaded before the modules' start-up work: no catalogue yet.
  await sql`delete from equipment_category`.execute(t.database.db);
  loaded = await loadDemoEquipment(t.ctx(), TODAY);
}, 300_000);

describe('the demo register', () => {
  it('gives every open station and centre its equipment, and is not loaded twice', async () => {
    // 166 stations and 26 centres are open after the 2025 reform.
    const per = await t.database.db
      .selectFrom('equipment_asset as a')
      .innerJoin('org_unit as u', 'u.id', 'a.org_unit_id')
      .select(['u.kind', (eb) => eb.fn.count<number>('a.id').distinct().as('n'), (eb) => eb.fn.count<number>('u.id').distinct().as('units')])
      .groupBy('u.kind')
      .execute();
    const by = Object.fromEntries(per.map((p) => [p.kind, { n: Number(p.n), units: Number(p.units) }]));
    expect(by.station!.units).toBe(166);
    expect(by.health_centre!.units).toBe(26);
    expect(by.station!.n / 166).toBeGreaterThan(15);
    expect(by.health_centre!.n / 26).toBeGreaterThan(80);
    expect(loaded.assets).toBe(by.station!.n + by.health_centre!.n);
    expect(await loadDemoEquipment(t.ctx(), TODAY)).toMatchObject({ assets: 0 });
  });

  it('holds every status, overdue inspections, failed ones locking their asset, and open repairs', async () => {
    const statuses = await t.database.db.selectFrom('equipment_asset').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const s = Object.fromEntries(statuses.map((x) => [x.status, Number(x.n)]));
    for (const k of ['in_use', 'idle', 'broken', 'in_repair', 'pending_disposal', 'disposed', 'locked']) expect(s[k], k).toBeGreaterThan(0);
    expect(s.in_use! / loaded.assets).toBeGreaterThan(0.75);
    const overdue = await t.database.db.selectFrom('equipment_schedule').select((eb) => eb.fn.countAll<number>().as('n')).where('next_due', '<', TODAY).executeTakeFirstOrThrow();
    expect(Number(overdue.n)).toBeGreaterThan(0);
    expect(Number(overdue.n) / loaded.schedules).toBeLessThan(0.2);
    // Every locked asset's latest inspection failed.
    const locked = await t.database.db
      .selectFrom('equipment_asset as a')
      .select((eb) => eb.selectFrom('equipment_inspection as i').select('i.result').whereRef('i.asset_id', '=', 'a.id').orderBy('i.done_on', 'desc').limit(1).as('last'))
      .where('a.status', '=', 'locked')
      .execute();
    expect(locked.every((x) => x.last === 'fail')).toBe(true);
    const open = await t.database.db.selectFrom('equipment_work_order').select('status').where('status', 'in', ['reported', 'assigned', 'in_repair']).execute();
    expect(open.length).toBeGreaterThan(0);
  });

  it('is read back through the API: a centre with its stations, values and the missing list', async () => {
    const h = await t.login('ttyt.hoanghoa');
    const list = json(await t.app.inject({ url: '/api/equipment/assets?orgUnit=TTYT399&paging=false', headers: h }));
    const units = new Set(list.assets.map((a: { orgUnit: { code: string } }) => a.orgUnit.code));
    expect(units.size).toBe(9); // the centre and its 8 open stations
    const xray = list.assets.find((a: { category: string }) => a.category === 'XRAY');
    const v = json(await t.app.inject({ url: `/api/equipment/assets/${xray.id}/value?date=${TODAY}`, headers: h }));
    expect(v.accumulatedWear + v.residual).toBe(xray.cost);
    const m = json(await t.app.inject({ url: '/api/equipment/missing?orgUnit=TTYT399', headers: h }));
    expect(m.items.some((i: { missing: number }) => i.missing > 0)).toBe(true);
  });
});
