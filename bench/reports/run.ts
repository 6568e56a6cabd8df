// Benchmark of narrative report generation (issue 5) on the full demo province: one centre's monthly
// report (figures + build, then DOCX; a few PDFs), the province's 6-month report, a naive baseline
// that fills the same template with one analytics call per figure, and the batch for every centre.
// Targets: one report (DOCX) < 1 s on the demo data; the batch for all centres < 30 s, with progress.
//
//   npx tsx bench/reports/run.ts [--runs N] [--keep DIR] [--fast]
//   --runs   timed runs of the single report (default 10)
//   --keep   data directory kept after the run; when it already holds the loaded demo (marker file,
//            same migrations), loading is skipped and the reports of earlier runs are deleted.
//   --fast   PostgreSQL with fsync off (as the tests); default: production settings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connect } from '../../src/db/connection.js';
import { openBenchDatabase } from '../bench-db.js';
import { migrationsOf } from '../../src/core/modules.js';
import { modules } from '../../src/modules/index.js';
import { prepareDatabase } from '../../src/server/prepare.js';
import { loadConfig, testConfig } from '../../src/core/config.js';
import { contextOf } from '../../src/db/store.js';
import { parseRange } from '../../src/lib/periods.js';
import { cliProgressReporter } from '../../src/lib/progress.js';
import { runQuery } from '../../src/modules/analytics/engine.js';
import type { DataItem } from '../../src/modules/analytics/query.js';
import { isLoaded, loadDemo } from '../../src/modules/demo/demo.service.js';
import { runBatch, type BatchProgress } from '../../src/modules/reports/batch.service.js';
import { itemsOf } from '../../src/modules/reports/build.js';
import { computeFigures, rangesOf, resolveItems, RANGE_KEYS, type RangeKey } from '../../src/modules/reports/figures.js';
import { closePdfBrowser, pdfAvailable } from '../../src/modules/reports/render/pdf.js';
import { renderReport } from '../../src/modules/reports/render/index.js';
import { openReport, reportDocument } from '../../src/modules/reports/reports.service.js';
import { ensureDefaultTemplates, requireTemplate } from '../../src/modules/reports/templates.service.js';
import type { TemplateDefinition } from '../../src/modules/reports/template.schema.js';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.js';

const flag = (name: string) => process.argv.includes(name);
const opt = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(opt('--runs') ?? 10);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a positive integer');
const KEEP = opt('--keep');
const FAST = flag('--fast');
const BASELINE_RUNS = 3;
const PDF_RUNS = 3;

const CENTRE = { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202405' };
const PROVINCE = { template: 'BC_SYT_6THANG', orgUnit: 'SYT38', period: '2024S1' };
const TARGET_REPORT_MS = 1000;
const TARGET_BATCH_S = 30;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const en = (n: number) => n.toLocaleString('en-US');

interface Timed {
  docMs: number[];
  docxMs: number[];
  totalMs: number[];
  docxBytes: number;
}

/** N runs of reportDocument + renderReport(docx), after one warm-up run (caches, JIT). */
async function timeReport(ctx: Ctx, id: string, runs: number): Promise<Timed> {
  await renderReport(await reportDocument(ctx, id), 'docx', ctx.config);
  const t: Timed = { docMs: [], docxMs: [], totalMs: [], docxBytes: 0 };
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const doc = await reportDocument(ctx, id);
    const t1 = now();
    const file = await renderReport(doc, 'docx', ctx.config);
    const t2 = now();
    t.docMs.push(t1 - t0);
    t.docxMs.push(t2 - t1);
    t.totalMs.push(t2 - t0);
    t.docxBytes = file.body.length;
  }
  return t;
}

function printTimed(label: string, t: Timed) {
  const line = (part: string, xs: number[]) => `  ${part.padEnd(16)} p50 ${ms(pct(xs, 50)).padStart(6)} ms   max ${ms(Math.max(...xs)).padStart(6)} ms`;
  console.log(`${label} (${t.totalMs.length} runs, DOCX ${(t.docxBytes / 1024).toFixed(0)} kB):`);
  console.log(line('figures + build', t.docMs));
  console.log(line('DOCX', t.docxMs));
  console.log(line('total', t.totalMs));
}

async function main() {
  const dir = KEEP ? path.resolve(KEEP) : fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-bench-reports-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const marker = path.join(dir, 'bench-reports.json');
  const tag = { demo: 'full', schema: Object.keys(migrationsOf(modules)).sort() };
  const markerData = fs.existsSync(marker) ? (JSON.parse(fs.readFileSync(marker, 'utf8')) as { tag: unknown; loaded: unknown }) : null;
  const reuse = markerData !== null && JSON.stringify(markerData.tag) === JSON.stringify(tag);
  console.log(`reports bench: ${RUNS} runs; embedded PostgreSQL in ${dir}${FAST ? ' (fsync off)' : ''}`);
  const loadStart = load();
  console.log(`load average at start: ${loadStart}`);
  const { database, stop } = await openBenchDatabase(dir, { fast: FAST, reuse });
  const db = database.db;
  const ctx: Ctx = contextOf(db, { config: loadConfig() });
  try {
    // ------------------------------------------------------------ 1. the demo province
    if (reuse && !(await isLoaded(ctx))) throw new Error(`${dir} has a marker but no loaded demo: remove the directory and run again`);
    let demoLoadS: number | null = null;
    if (reuse) {
      console.log(`reusing the loaded demo (${JSON.stringify(markerData!.loaded)}); deleting the reports of earlier runs`);
      await sql`delete from report`.execute(db);
    } else {
      await prepareDatabase(database, testConfig());
      console.log('loading the demo province (history full)…');
      const p = cliProgressReporter();
      const t = now();
      const r = await loadDemo(ctx, { password: 'Demo@2024', history: 'full', progress: p.report });
      p.done();
      demoLoadS = (now() - t) / 1000;
      console.log(`demo loaded in ${demoLoadS.toFixed(1)} s: ${r.units} units, ${en(r.data.values)} values (${r.data.months} months), ${en(r.data.forms)} forms, ${en(r.data.planTargets)} plan targets`);
      if (KEEP) fs.writeFileSync(marker, JSON.stringify({ tag, loaded: { values: r.data.values, months: r.data.months, at: new Date().toISOString() } }, null, 2));
    }
    const { added } = await ensureDefaultTemplates(ctx);
    const size = (
      await sql<{ values: string; units: string; centres: string; stations: string; months: string }>`select
        (select count(*) from data_value) as values,
        (select count(*) from org_unit) as units,
        (select count(*) from org_unit where kind = 'health_centre') as centres,
        (select count(*) from org_unit where kind = 'station') as stations,
        (select count(distinct pe) from data_value) as months`.execute(db)
    ).rows[0]!;
    console.log(
      `demo size: ${en(Number(size.values))} data values over ${size.months} months; ${size.units} units (${size.centres} health centres, ${size.stations} stations ever); ` +
        `${added} default templates installed`,
    );

    // ------------------------------------------------------------ 2. single reports
    const { report: centre, created } = await openReport(ctx, CENTRE);
    console.log(`\n${created ? 'created' : 'opened'} the draft ${CENTRE.template} · ${CENTRE.orgUnit} · ${CENTRE.period} (id ${centre.id})${centre.warnings.length ? ` warnings: ${centre.warnings.map((w) => w.code).join(', ')}` : ''}`);
    const single = await timeReport(ctx, centre.id, RUNS);
    printTimed(`${CENTRE.template} ${CENTRE.orgUnit} ${CENTRE.period}`, single);

    // Figures alone (the part the baseline replaces): the same computeFigures call reportDocument makes.
    const templateRow = await requireTemplate(ctx, CENTRE.template);
    const template = templateRow.definition as TemplateDefinition;
    const items = itemsOf(template);
    const range = parseRange(CENTRE.period)!;
    const unit = await db.selectFrom('org_unit').select(['id']).where('code', '=', CENTRE.orgUnit).executeTakeFirstOrThrow();
    const figReq = { unitId: unit.id, range, items: items.unit, subunitItems: items.subunits };
    const ours = await computeFigures(ctx, figReq);
    const figMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = now();
      await computeFigures(ctx, figReq);
      figMs.push(now() - t);
    }
    console.log(`  figures alone    p50 ${ms(pct(figMs, 50)).padStart(6)} ms   max ${ms(Math.max(...figMs)).padStart(6)} ms  (computeFigures: ${items.unit.size} items, the ranges each is read over, one engine call per set of ranges + plan targets)`);

    let pdfMs: number[] = [];
    let pdfBytes = 0;
    if (pdfAvailable(ctx.config.chromiumPath)) {
      const doc = await reportDocument(ctx, centre.id);
      try {
        for (let i = 0; i < PDF_RUNS; i++) {
          const t = now();
          const f = await renderReport(doc, 'pdf', ctx.config);
          pdfMs.push(now() - t);
          pdfBytes = f.body.length;
        }
      } finally {
        await closePdfBrowser();
      }
      console.log(`  PDF              ${pdfMs.map((x) => `${ms(x)} ms`).join(', ')} (first launches Chromium; ${(pdfBytes / 1024).toFixed(0)} kB)`);
    } else {
      pdfMs = [];
      console.log('  PDF              skipped: no Chromium');
    }

    const { report: province } = await openReport(ctx, PROVINCE);
    const provinceRuns = Math.max(1, Math.min(RUNS, 5));
    const prov = await timeReport(ctx, province.id, provinceRuns);
    printTimed(`\n${PROVINCE.template} ${PROVINCE.orgUnit} ${PROVINCE.period} (tables read every centre)`, prov);

    // ------------------------------------------------------------ 3. naive baseline
    // One engine call per figure: each (item, range) pair of the template, for the report's unit.
    const { items: resolved } = await resolveItems(ctx, [...items.unit.keys()]);
    const ranges = rangesOf(range);
    const pairs: { ref: string; key: RangeKey; data: DataItem }[] = [];
    for (const [ref, keys] of items.unit) {
      const it = resolved.get(ref)!;
      const data: DataItem = it.kind === 'indicator' ? { kind: 'indicator', id: it.id } : { kind: 'dataElement', id: it.id, coc: it.coc };
      const distinct = RANGE_KEYS.filter((k) => keys.has(k)).filter((k, i, all) => all.findIndex((j) => ranges[j].id === ranges[k].id) === i);
      for (const key of distinct) pairs.push({ ref, key, data });
    }
    const baseMs: number[] = [];
    let mismatches = 0;
    for (let run = 0; run < BASELINE_RUNS; run++) {
      const t = now();
      const answers: (number | null)[] = [];
      for (const p of pairs) {
        const cells = await runQuery(ctx, { data: [p.data], periods: [ranges[p.key]], orgUnits: [{ kind: 'unit', id: unit.id }], structure: 'historical' });
        answers.push(cells[0]?.value ?? null);
      }
      baseMs.push(now() - t);
      if (run === 0) pairs.forEach((p, i) => {
        const a = answers[i] ?? null;
        const b = ours.value(p.ref, p.key);
        if (!(a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))))) mismatches++;
      });
    }
    const base = pct(baseMs, 50);
    const oursFig = pct(figMs, 50);
    const oursDoc = pct(single.docMs, 50);
    console.log(
      `\nbaseline: ${pairs.length} engine calls (one per item and range the template reads) for ${CENTRE.orgUnit}: ` +
        `${baseMs.map((x) => `${ms(x)} ms`).join(', ')} → median ${ms(base)} ms; ` +
        `answers ${mismatches === 0 ? 'equal to ours ✓' : `DIFFER in ${mismatches} of ${pairs.length} ✗`}`,
    );
    console.log(`  baseline ÷ computeFigures ${(base / oursFig).toFixed(1)}×; baseline ÷ (figures + build) ${(base / oursDoc).toFixed(1)}×`);

    // ------------------------------------------------------------ 4. batch for every centre
    const batches: { label: string; s: number; total: number; files: number; errors: number; created: number }[] = [];
    const countReports = async () =>
      Number(
        (
          await sql<{ n: string }>`select count(*) as n from report r join report_template t on t.id = r.template_id
            where t.code = ${CENTRE.template} and r.period = ${CENTRE.period}`.execute(db)
        ).rows[0]!.n,
      );
    for (const label of ['first (creates the drafts)', 'second (reopens them)']) {
      console.log(`\nbatch ${CENTRE.template} ${CENTRE.period}, ${label}:`);
      const before = await countReports();
      const t0 = now();
      let last = t0;
      let previous: string | null = null;
      // One line per unit: done/total, elapsed, the unit just finished and its time, the next one.
      const onProgress = (p: BatchProgress) => {
        const t = now();
        const finished = previous ? `${previous} ${ms(t - last).padStart(5)} ms` : 'start'.padEnd(16);
        last = t;
        previous = p.current;
        console.log(`  [${String(p.done).padStart(2)}/${p.total}] ${((t - t0) / 1000).toFixed(1).padStart(5)} s  ${finished}  → ${p.current ?? 'done'}`);
      };
      const r = await runBatch(ctx, { template: CENTRE.template, period: CENTRE.period }, onProgress);
      const s = (now() - t0) / 1000;
      const createdNow = (await countReports()) - before;
      const total = r.reports.length + r.errors.length;
      batches.push({ label, s, total, files: r.files.length, errors: r.errors.length, created: createdNow });
      console.log(`  ${total} centres, ${r.files.length} DOCX files (${(r.files.reduce((a, f) => a + f.body.length, 0) / 1024 / 1024).toFixed(1)} MB), ${createdNow} drafts created, ${r.errors.length} errors; ` +
        `${s.toFixed(1)} s, ${ms((s * 1000) / Math.max(1, total))} ms per report`);
      for (const e of r.errors) console.log(`    ${e.orgUnit}: ${e.message}`);
    }

    // ------------------------------------------------------------ 5. summary
    const loadEnd = load();
    const met = (ok: boolean) => (ok ? 'MET' : 'MISSED');
    console.log(`\nload average at start ${loadStart}; at end ${loadEnd}`);
    console.log('\n| what | p50 | max | target |');
    console.log('|---|---|---|---|');
    console.log(`| ${CENTRE.orgUnit} ${CENTRE.period}: figures + build | ${ms(pct(single.docMs, 50))} ms | ${ms(Math.max(...single.docMs))} ms | |`);
    console.log(`| ${CENTRE.orgUnit} ${CENTRE.period}: DOCX | ${ms(pct(single.docxMs, 50))} ms | ${ms(Math.max(...single.docxMs))} ms | |`);
    console.log(`| ${CENTRE.orgUnit} ${CENTRE.period}: total (DOCX) | ${ms(pct(single.totalMs, 50))} ms | ${ms(Math.max(...single.totalMs))} ms | < ${TARGET_REPORT_MS} ms: ${met(Math.max(...single.totalMs) < TARGET_REPORT_MS)} |`);
    console.log(`| ${CENTRE.orgUnit} ${CENTRE.period}: figures alone (computeFigures) | ${ms(oursFig)} ms | ${ms(Math.max(...figMs))} ms | |`);
    console.log(`| naive baseline, ${pairs.length} engine calls | ${ms(base)} ms | ${ms(Math.max(...baseMs))} ms | ${(base / oursFig).toFixed(1)}× computeFigures |`);
    if (pdfMs.length) console.log(`| ${CENTRE.orgUnit} ${CENTRE.period}: PDF (${PDF_RUNS} renders, first with launch) | ${ms(pct(pdfMs.slice(1).length ? pdfMs.slice(1) : pdfMs, 50))} ms (warm) | ${ms(Math.max(...pdfMs))} ms | |`);
    console.log(`| ${PROVINCE.orgUnit} ${PROVINCE.period}: figures + build | ${ms(pct(prov.docMs, 50))} ms | ${ms(Math.max(...prov.docMs))} ms | |`);
    console.log(`| ${PROVINCE.orgUnit} ${PROVINCE.period}: total (DOCX) | ${ms(pct(prov.totalMs, 50))} ms | ${ms(Math.max(...prov.totalMs))} ms | < ${TARGET_REPORT_MS} ms: ${met(Math.max(...prov.totalMs) < TARGET_REPORT_MS)} |`);
    for (const b of batches) {
      console.log(`| batch, ${b.label}: ${b.total} centres | ${b.s.toFixed(1)} s (${ms((b.s * 1000) / Math.max(1, b.total))} ms/report) | | < ${TARGET_BATCH_S} s: ${met(b.s < TARGET_BATCH_S && b.errors === 0)} |`);
    }
    if (demoLoadS !== null) console.log(`\n(demo load ${demoLoadS.toFixed(1)} s)`);
  } finally {
    await closePdfBrowser();
    await stop();
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
