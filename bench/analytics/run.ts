// Benchmark of the analytics engine: generated data (generate.ts), a fixed set of dashboard-like
// queries (queries.ts), each run through runQuery N times and once through a naive SQL baseline
// (baseline.ts) in the same run; answers compared; freshness of a single saved value.
//
//   npx tsx bench/analytics/run.ts [--dataset province-10y|national-5y] [--runs N] [--fast]
//                                  [--scale F] [--cells N] [--keep DIR] [--only name,name]
//   --fast   PostgreSQL with fsync off (as the tests); default: production settings.
//   --scale  keep only that share of the cells per unit-month (query elements always kept).
//   --cells  cells per station-month, the default package's 163 padded with plain SUM elements of a
//            separate data set (default 350 → ≈ 23 M values for province-10y; 163 = no padding).
//   --keep   data directory kept after the run; when it already holds a generated database of the
//            same dataset and scale, generation is skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connect } from '../../src/db/connection.js';
import { openBenchDatabase } from '../bench-db.js';
import { migrationsOf } from '../../src/core/modules.js';
import { modules } from '../../src/modules/index.js';
import { prepareDatabase } from '../../src/server/prepare.js';
import { testConfig } from '../../src/core/config.js';
import { contextOf } from '../../src/db/store.js';
import { runQuery } from '../../src/modules/analytics/engine.js';
import type { AnalyticsCell } from '../../src/modules/analytics/query.js';
import { parseRange } from '../../src/lib/periods.js';
import { SYSTEM_ACTOR } from '../../src/core/context.js';
import { baselineAnswer, baselineSupport, cellKey, compareAnswers, type Answer } from './baseline.js';
import { datasetSpec, generate, type Dataset } from './generate.js';
import { benchQueries } from './queries.js';

const flag = (name: string) => process.argv.includes(name);
const opt = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dataset = (opt('--dataset') ?? 'province-10y') as Dataset;
if (dataset !== 'province-10y' && dataset !== 'national-5y') throw new Error(`unknown dataset ${dataset}`);
const RUNS = Number(opt('--runs') ?? 10);
const SCALE = Number(opt('--scale') ?? 1);
const KEEP = opt('--keep');
const CELLS = Number(opt('--cells') ?? 350);
const ONLY = opt('--only')?.split(',');
/** A kept database is reused only when it was generated under the same migrations. */
const MIGRATIONS = Object.keys(migrationsOf(modules)).sort();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const f1 = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const answerOf = (cells: AnalyticsCell[]): Answer => new Map(cells.map((c) => [cellKey(c.dx, c.co, c.pe, c.ou), c.value]));
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function main() {
  const dir = KEEP ? path.resolve(KEEP) : fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-bench-analytics-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const marker = path.join(dir, 'bench-analytics.json');
  const tag = { dataset, scale: SCALE, cells: CELLS, schema: MIGRATIONS };
  const reuse = fs.existsSync(marker) && JSON.stringify(JSON.parse(fs.readFileSync(marker, 'utf8')).tag) === JSON.stringify(tag);
  console.log(`analytics bench: ${dataset}${SCALE !== 1 ? ` scale ${SCALE}` : ''}, ${RUNS} runs; embedded PostgreSQL in ${dir}${flag('--fast') ? ' (fsync off)' : ''}`);
  console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const { database, stop } = await openBenchDatabase(dir, { fast: flag('--fast'), reuse });
  const db = database.db;
  const ctx = contextOf(db);
  try {
    let gen: unknown;
    if (reuse) {
      gen = JSON.parse(fs.readFileSync(marker, 'utf8')).gen;
      console.log(`reusing the generated database (${JSON.stringify(gen)})`);
    } else {
      await prepareDatabase(database, testConfig());
      const t = Date.now();
      gen = await generate(db, dataset, { scale: SCALE, stationCells: CELLS });
      console.log(`generation total: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      if (KEEP) fs.writeFileSync(marker, JSON.stringify({ tag, gen }, null, 2));
    }
    const count = await sql<{ n: string }>`select count(*) as n from data_value`.execute(db);
    // Partitioned tables: their size is the sum of their partitions'.
    const sizeOf = async (table: string) =>
      (await sql<{ s: string }>`select pg_size_pretty(sum(pg_total_relation_size(inhrelid))) as s from pg_inherits where inhparent = ${table}::regclass`.execute(db)).rows[0]!.s;
    const rollups = await sql<{ n: string }>`select count(*) as n from data_value_rollup`.execute(db);
    console.log(`data_value: ${Number(count.rows[0]!.n).toLocaleString('en-US')} rows, ${await sizeOf('data_value')}; data_value_rollup: ${Number(rollups.rows[0]!.n).toLocaleString('en-US')} rows, ${await sizeOf('data_value_rollup')}`);

    const spec = datasetSpec(dataset);
    const root = (await sql<{ code: string }>`select u.code from org_unit_path p join org_unit u on u.id = p.org_unit_id where p.level = 1 order by u.code limit 1`.execute(db)).rows[0]!.code;
    const centre = (await sql<{ code: string }>`select code from org_unit where code = 'TTYT399' union all select min(code) from org_unit where kind = 'health_centre' limit 1`.execute(db)).rows[0]!.code;
    const group = (
      await sql<{ code: string }>`select g.code from org_unit_group g join org_unit_group_member m on m.group_id = g.id
        where g.code like 'ZONE_%' or g.code like 'AT_%' group by g.code order by count(*) desc limit 1`.execute(db)
    ).rows[0]!.code;
    let queries = benchQueries({ root, centre, group, firstYear: spec.firstYear, lastYear: spec.lastYear });
    if (ONLY) queries = queries.filter((q) => ONLY.includes(q.name));

    interface Row { name: string; cells: number; p50: number; p95: number; max: number; base: number | null; ok: string }
    const results: Row[] = [];
    for (const bq of queries) {
      const warm = await runQuery(ctx, bq.q);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = now();
        await runQuery(ctx, bq.q);
        times.push(now() - t);
      }
      let base: number | null = null;
      let ok = '—';
      const why = baselineSupport(bq.q);
      if (!why) {
        const bt: number[] = [];
        let answer: Answer | undefined;
        for (let i = 0; i < Math.max(1, Math.min(3, RUNS)); i++) {
          const t = now();
          answer = await baselineAnswer(db, bq.q);
          bt.push(now() - t);
        }
        base = pct(bt, 50);
        const diff = compareAnswers(answerOf(warm), answer!);
        ok = diff ? `✗ ${diff}` : '✓';
      } else ok = `no baseline: ${why}`;
      const r: Row = { name: bq.name, cells: warm.length, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), base, ok };
      results.push(r);
      console.log(
        `${bq.name.padEnd(22)} ${String(r.cells).padStart(5)} cells  p50 ${f1(r.p50).padStart(6)}  p95 ${f1(r.p95).padStart(6)}  max ${f1(r.max).padStart(6)} ms` +
          `  baseline ${base === null ? '     —' : f1(base).padStart(6)} ms  ×${base === null ? ' —' : (base / r.p50).toFixed(1)}  ${ok}   (${bq.what})`,
      );
    }

    // Freshness: one value saved (direct upsert, as the data-entry write does) → first answer that has it.
    const station = (
      await sql<{ iid: number; id: string }>`select u.iid, u.id from org_unit u join org_unit_path p on p.org_unit_id = u.id
        join org_unit c on c.id = p.parent_id where c.code = ${centre} and u.kind = 'station'
        and p.valid_from <= '2024-05-01' and p.valid_to > '2024-05-01' order by u.code limit 1`.execute(db)
    ).rows[0]!;
    const cellRow = (
      await sql<{ de: number; pe: number; co: number; ao: number; num: number }>`select dv.de, dv.pe, dv.co, dv.ao, dv.num from data_value dv
        join data_element e on e.iid = dv.de join period p on p.id = dv.pe
        where dv.ou = ${station.iid} and e.code = 'OPD_VISITS' and p.iso = ${`${spec.lastYear - 1}05`}`.execute(db)
    ).rows[0]!;
    const fq = { data: [{ kind: 'dataElement' as const, id: 'OPD_VISITS' }], periods: [parseRange(`${spec.lastYear - 1}05`)!], orgUnits: [{ kind: 'unit' as const, id: root }], structure: 'historical' as const };
    const before = (await runQuery(ctx, fq))[0]!.value!;
    const newValue = cellRow.num + 1000;
    const t0 = now();
    await sql`insert into data_value (ou, de, pe, co, ao, value, num, stored_by) values (${station.iid}, ${cellRow.de}, ${cellRow.pe}, ${cellRow.co}, ${cellRow.ao}, ${String(newValue)}, ${newValue}, 'bench')
      on conflict (ou, de, pe, co, ao) do update set value = excluded.value, num = excluded.num, last_updated = now()`.execute(db);
    const tSaved = now();
    let polls = 0;
    for (;;) {
      polls++;
      const v = (await runQuery(ctx, fq))[0]!.value!;
      if (Math.abs(v - (before + 1000)) < 1e-9) break;
      if (now() - t0 > 10_000) throw new Error('freshness: value not seen after 10 s');
    }
    const fresh = now() - t0;
    await sql`update data_value set value = ${String(cellRow.num)}, num = ${cellRow.num} where ou = ${station.iid} and de = ${cellRow.de} and pe = ${cellRow.pe} and co = ${cellRow.co} and ao = ${cellRow.ao}`.execute(db);
    console.log(`\nfreshness: save (upsert, committed) ${f1(tSaved - t0)} ms; save → province answer includes it: ${f1(fresh)} ms (${polls} ${polls === 1 ? 'query' : 'queries'})`);

    // Summary and targets.
    const p50s = results.map((r) => r.p50);
    const medianP50 = pct(p50s, 50);
    const worst = Math.max(...results.map((r) => r.max));
    const ratios = results.filter((r) => r.base !== null).map((r) => r.base! / r.p50);
    const medianRatio = ratios.length ? pct(ratios, 50) : NaN;
    const bad = results.filter((r) => r.ok.startsWith('✗')).length;
    console.log('\n| query | cells | p50 ms | p95 ms | max ms | baseline p50 ms | baseline / engine | equal |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of results) {
      console.log(`| ${r.name} | ${r.cells} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.max)} | ${r.base === null ? '—' : f1(r.base)} | ${r.base === null ? '—' : `${(r.base / r.p50).toFixed(2)}×`} | ${r.ok.startsWith('no baseline') ? 'no baseline' : r.ok.slice(0, 1)} |`);
    }
    const target = dataset === 'province-10y' ? { p50: 30, max: 300 } : { p50: 100, max: 1000 };
    console.log(`\nTargets (${dataset}):`);
    const over = results.filter((r) => r.p50 > target.p50).length;
    console.log(`  median of the queries' p50 ${f1(medianP50)} ms ≤ ${target.p50} ms: ${medianP50 <= target.p50 ? 'MET' : 'MISSED'} (${over} of ${results.length} queries have p50 > ${target.p50} ms)`);
    console.log(`  every query ≤ ${target.max} ms (worst run ${f1(worst)} ms): ${worst <= target.max ? 'MET' : 'MISSED'}`);
    if (dataset === 'province-10y') console.log(`  ≥ 20× faster than the naive baseline at the median (median ratio ${medianRatio.toFixed(2)}× over ${ratios.length} queries): ${medianRatio >= 20 ? 'MET' : 'MISSED'}`);
    console.log(`  freshness ${f1(fresh)} ms ≤ 1000 ms: ${fresh <= 1000 ? 'MET' : 'MISSED'}`);
    console.log(`  answers equal to the baseline: ${results.filter((r) => r.ok === '✓').length}/${ratios.length}${bad ? ` (${bad} DIFFER)` : ''}`);
    console.log(`load average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await stop();
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
