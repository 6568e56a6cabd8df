// Benchmark of the follow-up summary (issue 13): `GET /api/tasks/summary` over 100,000 tasks — a
// national year of conclusions — answered by the service behind the endpoint, per unit (the
// province's children with their subtrees) and per document, as the Department and as a centre;
// against a plain GROUP BY over the same table in the same run (the floor of any count per unit).
// Target: the summary ≤ 100 ms p50.
//
//   npx tsx bench/directives/run.ts [--tasks N] [--runs N] [--fast]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { testConfig } from '../../src/core/config.js';
import { Ctx, SYSTEM_ACTOR, type Actor } from '../../src/core/context.js';
import { todayVn } from '../../src/lib/dates.js';
import { getSummary } from '../../src/modules/directives/summary.service.js';
import * as summaryRepo from '../../src/modules/directives/summary.repo.js';
import { buildProvincePlan } from '../../src/modules/orgunits/bootstrap/plan.js';
import { applyProvincePlan } from '../../src/modules/orgunits/orgunits.bootstrap.js';
import { prepareDatabase } from '../../src/server/prepare.js';
import { openBenchDatabase } from '../bench-db.js';
import { fmt, now, opt, pct, time } from '../timing.js';

const TASKS = opt('--tasks', 100_000);
const RUNS = opt('--runs', 30);
const FAST = process.argv.includes('--fast');
const TARGET_MS = 100;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-bench-directives-'));
  fs.chmodSync(dir, 0o755);
  const bench = await openBenchDatabase(dir, { fast: FAST, reuse: false });
  const db = bench.database.db;
  const config = testConfig();
  try {
    await prepareDatabase(bench.database, config);
    const ctx = new Ctx(SYSTEM_ACTOR, bench.database.store, config);
    await applyProvincePlan(ctx, buildProvincePlan('38'), {});
    const today = todayVn();
    const year = Number(today.slice(0, 4));

    // 100,000 tasks over the year, led by every open unit (stations, centres, hospitals, offices),
    // in 2,000 documents, every state present: done on time / late, open within or past the
    // deadline, no deadline, withdrawn; one in five with a cooperating unit; groups and series too.
    const t0 = now();
    await sql`insert into issuer (id, name) values ('benchIssuer', 'UBND tỉnh')`.execute(db);
    await sql`insert into directive_document (id, kind, number, issued_on, issuer_id, assigner_unit_id, title)
      select 'doc' || i, 'conclusion_notice', i || '/TB-SYT', make_date(${year}, 1, 1) + (i % 330), 'benchIssuer',
        (select id from org_unit where code = 'SYT38'), 'Thông báo kết luận ' || i
      from generate_series(1, 2000) i`.execute(db);
    await sql`
      with units as (select array_agg(u.id order by u.id) as ids from org_unit u join org_unit_path p on p.org_unit_id = u.id
                     where p.valid_from <= ${today}::date and p.valid_to > ${today}::date and u.kind <> 'department'),
      gen as (select i, (hashint4(i) & 2147483647) as h, (hashint4(i * 7 + 3) & 2147483647) as h2 from generate_series(1, ${TASKS}) i)
      insert into task (id, document_id, kind, content, lead_unit_id, assigner_unit_id, status, deadline, completed_on, progress)
      select 'task' || i, 'doc' || (1 + h % 2000), 'task', 'Nhiệm vụ ' || i, ids[1 + h % array_length(ids, 1)],
        (select id from org_unit where code = 'SYT38'),
        s.status, d.deadline,
        case when s.status = 'done' then least(coalesce(d.deadline, make_date(${year}, 6, 1)) + ((h2 % 21) - 12), ${today}::date) end,
        case when s.status = 'done' then 100 else h2 % 100 end
      from gen, units,
        lateral (select case h2 % 10 when 0 then 'assigned' when 1 then 'accepted' when 2 then 'in_progress' when 3 then 'submitted'
                 when 4 then 'withdrawn' when 5 then 'returned' else 'done' end as status) s,
        lateral (select case when h % 17 = 0 then null else make_date(${year}, 1, 1) + (h2 % 365) end as deadline) d`.execute(db);
    await sql`insert into task_cooperator (task_id, org_unit_id)
      select t.id, (select id from org_unit where code = 'CDC38') from task t where (hashint4(length(t.id) + ascii(right(t.id, 1))) & 4) = 0 and right(t.id, 1) in ('1', '6')`.execute(db);
    await sql`insert into task (id, document_id, kind, content, assigner_unit_id, collective)
      select 'group' || i, 'doc' || i, 'group', 'Nhóm ' || i, (select id from org_unit where code = 'SYT38'), 'Các Trung tâm Y tế' from generate_series(1, 500) i`.execute(db);
    await sql`vacuum analyze`.execute(db); // as autovacuum leaves a table that has settled
    const counts = await sql<{ kind: string; n: number }>`select kind, count(*)::int as n from task group by kind order by kind`.execute(db);
    console.log(`generated in ${fmt((now() - t0) / 1000)} s: ${counts.rows.map((r) => `${r.n.toLocaleString('en')} ${r.kind}`).join(', ')}; machine load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

    const centreId = (await sql<{ id: string }>`select id from org_unit where code = 'TTYT399'`.execute(db)).rows[0]!.id;
    const centre: Actor = { id: null, username: 'bench.centre', orgUnitId: centreId, roles: ['unit_admin'], permissions: new Set(['task:read']) };
    const asCentre = new Ctx(centre, bench.database.store, config);

    const check = await getSummary(ctx, { groupBy: 'unit' });
    const counted = check.total.total;
    console.log(`summary per unit: ${check.rows.length} rows, ${counted.toLocaleString('en')} tasks counted (withdrawn excluded), ` +
      `overdue ${check.total.overdue.toLocaleString('en')}, done late ${check.total.doneLate.toLocaleString('en')}`);

    const docIds = (await sql<{ id: string }>`select id from directive_document`.execute(db)).rows.map((r) => r.id);
    const cases: [string, () => Promise<unknown>][] = [
      ['plain GROUP BY lead unit (baseline)', () => ctx.use(summaryRepo).plainGroupBy()],
      ['summary per unit — Department', () => getSummary(ctx, { groupBy: 'unit' })],
      ['counts per document, SQL only', () => ctx.use(summaryRepo).countsByDocument({ root: null }, { today, dueSoonLimit: today })],
      ['document heads, SQL only', () => ctx.use(summaryRepo).documentHeads(docIds)],
      ['summary per unit — this year', () => getSummary(ctx, { groupBy: 'unit', from: `${year}-01-01`, to: `${year}-12-31` })],
      ['summary per document — Department', () => getSummary(ctx, { groupBy: 'document' })],
      ['summary per unit — a centre (scoped)', () => getSummary(asCentre, { groupBy: 'unit' })],
      ['summary per document — a centre (scoped)', () => getSummary(asCentre, { groupBy: 'document' })],
    ];
    const results: { name: string; p50: number; p90: number }[] = [];
    for (const [name, fn] of cases) {
      const xs = await time(RUNS, fn);
      results.push({ name, p50: pct(xs, 50), p90: pct(xs, 90) });
    }
    const base = results[0]!.p50;
    console.log(`\n${TASKS.toLocaleString('en')} tasks, ${RUNS} runs each (ms)`);
    console.log('| query | p50 | p90 | × baseline |');
    console.log('|---|---|---|---|');
    for (const r of results) console.log(`| ${r.name} | ${fmt(r.p50)} | ${fmt(r.p90)} | ${(r.p50 / base).toFixed(2)} |`);
    const worst = Math.max(...results.slice(1).map((r) => r.p50));
    console.log(`\nslowest summary p50 ${fmt(worst)} ms — target ≤ ${TARGET_MS} ms: ${worst <= TARGET_MS ? 'met' : 'NOT met'}`);
  } finally {
    await bench.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
