// Benchmark of the equipment register (issue 15): lists and KPIs over 1,000,000 assets — a national
// register — answered by the services behind the endpoints, as the Department and as a centre;
// against a plain GROUP BY status over the same table in the same run (the floor of any count over
// the register). Target: lists and KPIs ≤ 100 ms p50.
//
//   npx tsx bench/equipment/run.ts [--assets N] [--runs N] [--fast]
//
// The Thanh Hóa hierarchy holds 192 open stations and centres, so a million assets put about 5,200 on
// each unit (a national register spreads the same million over ~4,000 units): the province's KPI
// reads every asset, a centre's about 40,000.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { testConfig } from '../../src/core/config.js';
import { Ctx, SYSTEM_ACTOR, type Actor } from '../../src/core/context.js';
import { todayVn } from '../../src/lib/dates.js';
import { searchKey } from '../../src/lib/text.js';
import { listAssets } from '../../src/modules/equipment/assets.service.js';
import { CATEGORIES, defaultSchedules } from '../../src/modules/equipment/catalogue.js';
import { equipmentKpi } from '../../src/modules/equipment/kpi.service.js';
import { missingList } from '../../src/modules/equipment/missing.service.js';
import { buildProvincePlan } from '../../src/modules/orgunits/bootstrap/plan.js';
import { applyProvincePlan } from '../../src/modules/orgunits/orgunits.bootstrap.js';
import { prepareDatabase } from '../../src/server/prepare.js';
import { modules } from '../../src/modules/index.js';
import { openBenchDatabase } from '../bench-db.js';
import { fmt, now, opt, pct, time } from '../timing.js';

const ASSETS = opt('--assets', 1_000_000);
const RUNS = opt('--runs', 30);
const FAST = process.argv.includes('--fast');
const TARGET_MS = 100;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-bench-equipment-'));
  fs.chmodSync(dir, 0o755);
  const bench = await openBenchDatabase(dir, { fast: FAST, reuse: false });
  const db = bench.database.db;
  const config = testConfig();
  try {
    await prepareDatabase(bench.database, config);
    const ctx = new Ctx(SYSTEM_ACTOR, bench.database.store, config);
    await applyProvincePlan(ctx, buildProvincePlan('38'), {});
    for (const m of modules) if (m.name === 'equipment') await m.start?.(ctx); // the catalogue
    const today = todayVn();

    // A million assets over the open stations and centres: categories in catalogue order, ages 2008 on,
    // statuses as the demo spreads them; an inspection schedule for the categories that have one
    // (next due spread from 150 days ago to two years ahead: about one in seven overdue); an open work order for the broken ones and finished repairs over the year.
    const t0 = now();
    const cats = CATEGORIES.map((c) => c.code);
    const names = CATEGORIES.map((c) => searchKey(c.name)); // the search key of the name (no tone marks)
    const scheduled = CATEGORIES.filter((c) => defaultSchedules(c.code, today).length).map((c) => c.code);
    await sql`
      with units as (select array_agg(id order by code) as ids from org_unit
                     where kind in ('station', 'health_centre') and (closed_date is null or closed_date > ${today}::date)),
      gen as (select i, (hashint4(i) & 2147483647) as h, (hashint4(i * 7 + 3) & 2147483647) as h2 from generate_series(1, ${ASSETS}) i)
      insert into equipment_asset (id, tag, org_unit_id, category_code, name, search_key, acquired, cost, quantity, fixed_asset, fully_worn_on, status, status_since)
      select 'a' || i, 'B' || lpad(i::text, 8, '0'), ids[1 + h % array_length(ids, 1)], c.code, c.name, lower(c.name || ' b' || lpad(i::text, 8, '0')),
        d.acquired, 10000000 + (h2 % 500) * 1000000, 1, true, make_date(extract(year from d.acquired)::int + 4 + h2 % 5, 12, 31),
        case when h2 % 100 < 84 then 'in_use' when h2 % 100 < 89 then 'idle' when h2 % 100 < 93 then 'broken' when h2 % 100 < 95 then 'in_repair'
             when h2 % 100 < 97 then 'pending_disposal' when h2 % 100 < 98 then 'locked' when h2 % 100 < 99 then 'disposed' else 'transferred' end,
        d.acquired
      from gen, units,
        lateral (select (${cats}::text[])[1 + h2 % ${cats.length}] as code, (${names}::text[])[1 + h2 % ${cats.length}] as name) c,
        lateral (select make_date(2008 + h % 19, 1 + h % 12, 1 + h2 % 28) as acquired) d`.execute(db);
    await sql`insert into equipment_schedule (id, asset_id, kind, interval_months, last_done, next_due)
      select 's' || a.id, a.id, 'kiem_dinh', 12, d.due - 365, d.due
      from equipment_asset a, lateral (select ${today}::date + ((hashtext(a.id) & 1023) - 150) as due) d
      where a.category_code = any(${scheduled}::text[])`.execute(db);
    await sql`insert into equipment_work_order (id, asset_id, org_unit_id, kind, status, fault, reported_at, started_at, finished_at, outcome)
      select 'w' || a.id, a.id, a.org_unit_id, 'corrective',
        case when a.status = 'broken' then 'reported' when a.status = 'in_repair' then 'in_repair' else 'done' end, 'Hỏng',
        now() - interval '1 day' * (hashint4(length(a.id)) & 300) - interval '20 days',
        case when a.status <> 'broken' then now() - interval '19 days' end,
        case when a.status not in ('broken', 'in_repair') then now() - interval '1 day' * (hashint4(ascii(right(a.id, 2))) & 15) end,
        case when a.status not in ('broken', 'in_repair') then 'repaired' end
      from equipment_asset a where a.status in ('broken', 'in_repair') or right(a.id, 2) = '42'`.execute(db);
    await sql`vacuum analyze`.execute(db); // as autovacuum leaves a table that has settled
    const counts = await sql<{ t: string; n: number }>`
      select 'assets' as t, count(*)::int as n from equipment_asset union all select 'schedules', count(*)::int from equipment_schedule
      union all select 'work orders', count(*)::int from equipment_work_order`.execute(db);
    console.log(`generated in ${fmt((now() - t0) / 1000)} s: ${counts.rows.map((r) => `${r.n.toLocaleString('en')} ${r.t}`).join(', ')}; machine load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

    const centreId = (await sql<{ id: string }>`select id from org_unit where code = 'TTYT399'`.execute(db)).rows[0]!.id;
    const centre: Actor = { id: null, username: 'bench.centre', orgUnitId: centreId, roles: ['unit_admin'], permissions: new Set(['equipment:read']) };
    const asCentre = new Ctx(centre, bench.database.store, config);

    const kpi = await equipmentKpi(ctx, { orgUnit: 'SYT38' });
    console.log(`province KPI: ${kpi.children.length} centres; ${JSON.stringify(kpi.unit)}`);

    const cases: [string, () => Promise<unknown>][] = [
      ['plain GROUP BY status over the register (baseline)', () => sql`select status, count(*) from equipment_asset group by status`.execute(db)],
      ['KPIs per centre — Department', () => equipmentKpi(ctx, { orgUnit: 'SYT38' })],
      ['KPIs per station — a centre (scoped)', () => equipmentKpi(asCentre, {})],
      ['asset list, first page — Department', () => listAssets(ctx, { orgUnit: 'SYT38' })],
      ['asset list, page 20 — Department', () => listAssets(ctx, { orgUnit: 'SYT38', page: 20 })],
      ['asset list, broken, first page — Department', () => listAssets(ctx, { orgUnit: 'SYT38', status: 'broken' })],
      ['asset list, search "sieu am" — a centre (scoped)', () => listAssets(asCentre, { q: 'sieu am' })],
      ['asset list, search "may sieu am" — Department', () => listAssets(ctx, { orgUnit: 'SYT38', q: 'may sieu am' })],
      ['asset list, first page — a centre (scoped)', () => listAssets(asCentre, {})],
      ['missing list — a centre (scoped)', () => missingList(asCentre, {})],
    ];
    const results: { name: string; p50: number; p90: number }[] = [];
    for (const [name, fn] of cases) {
      const xs = await time(RUNS, fn);
      results.push({ name, p50: pct(xs, 50), p90: pct(xs, 90) });
    }
    const base = results[0]!.p50;
    console.log(`\n${ASSETS.toLocaleString('en')} assets, ${RUNS} runs each (ms)`);
    console.log('| query | p50 | p90 | × baseline |');
    console.log('|---|---|---|---|');
    for (const r of results) console.log(`| ${r.name} | ${fmt(r.p50)} | ${fmt(r.p90)} | ${(r.p50 / base).toFixed(2)} |`);
    const worst = Math.max(...results.slice(1).map((r) => r.p50));
    console.log(`\nslowest p50 ${fmt(worst)} ms — target ≤ ${TARGET_MS} ms: ${worst <= TARGET_MS ? 'met' : 'NOT met'}`);
  } finally {
    await bench.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
