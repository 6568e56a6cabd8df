// Does one large analytics export stall the other requests? The server runs in this process on the
// test-size demo database (the tests' template: the Thanh Hóa tree, Hoằng Hóa's values of January–May
// 2024); while the largest export allowed by the default limit (SOYTE_MAX_EXPORT_CELLS) runs, a pinger
// in the same process asks GET /api/health over HTTP every 20 ms. Printed: the export's time and size,
// the health latencies (max, p99, p50) and the process's peak RSS growth.
//
//   npx tsx bench/analytics/stall.ts [--format xlsx|csv|json] [--structure current|historical] [--runs N]
//                                    [--keep DIR] [--user syt.xem]
//
// A ping's latency is measured from its slot on the 20 ms grid (not from when the timer managed to
// fire), so a blocked event loop shows in full: a ping due at t answered at t + 12 s counts 12 s.
// Slots missed while a ping was outstanding are skipped (one ping at a time, as one impatient user).
// Also printed: the longest event-loop block the process saw (perf_hooks.monitorEventLoopDelay), which
// tells a blocked server apart from a machine that is merely busy (both lengthen the pings).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openBenchDatabase } from '../bench-db.js';
import { testConfig } from '../../src/core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../../src/core/context.js';
import { prepareDatabase } from '../../src/server/prepare.js';
import { buildApp } from '../../src/server/app.js';
import { loadDemo } from '../../src/modules/demo/demo.service.js';
import { ensureAdmin } from '../../src/modules/users/users.service.js';

const opt = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const FORMAT = (opt('--format') ?? 'xlsx') as 'xlsx' | 'csv' | 'json';
const RUNS = Number(opt('--runs') ?? 3);
const KEEP = opt('--keep');
const USER = opt('--user') ?? 'syt.xem';
const STRUCTURE = (opt('--structure') ?? 'current') as 'current' | 'historical';
const PASSWORD = 'Bench@2024x';
const INTERVAL_MS = 20;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! : NaN;
};
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);

/** Pings `url` on a 20 ms grid until stopped; latencies from each ping's slot. Also samples RSS. */
function startPinger(url: string) {
  const latencies: number[] = [];
  let peakRss = process.memoryUsage().rss;
  let running = true;
  const done = (async () => {
    const t0 = now();
    let slot = 0;
    while (running) {
      const due = t0 + slot * INTERVAL_MS;
      const wait = due - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`health answered ${res.status}`);
      latencies.push(now() - due);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      slot = Math.max(slot + 1, Math.ceil((now() - t0) / INTERVAL_MS)); // skip the slots already missed
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { latencies, peakRss };
    },
  };
}

async function main() {
  const dir = KEEP ? path.resolve(KEEP) : fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-bench-stall-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const marker = path.join(dir, 'bench-stall.json');
  const reuse = fs.existsSync(marker);
  console.log(`stall bench: GET /api/analytics.${FORMAT} (structure ${STRUCTURE}) as ${USER}, /api/health every ${INTERVAL_MS} ms; embedded PostgreSQL in ${dir}`);
  console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const { database, stop } = await openBenchDatabase(dir, { fast: true, reuse });
  const config = testConfig();
  const ctx = new Ctx(SYSTEM_ACTOR, database.store, config);
  try {
    await prepareDatabase(database, config);
    if (!reuse) {
      const t = now();
      await ensureAdmin(ctx, PASSWORD);
      await loadDemo(ctx, { password: PASSWORD, history: 'seed' }); // the tests' template
      await sql`analyze`.execute(database.db);
      fs.writeFileSync(marker, JSON.stringify({ demo: 'seed', at: new Date() }));
      console.log(`demo (test size) loaded in ${((now() - t) / 1000).toFixed(1)} s`);
    }
    const app = await buildApp({ store: database.store, config, webDist: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const auth = { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` };

    // The largest export under the default limit: every data element × as many months as fit ×
    // every station (LEVEL-3) of the province, cells = elements × months × stations ≤ the limit.
    const elements = (await database.db.selectFrom('data_element').select('code').orderBy('code').execute()).map((r) => r.code);
    const stations = Number(
      (await sql<{ n: string }>`select count(distinct org_unit_id) as n from org_unit_path where level = 3 and valid_from <= '2024-06-30' and valid_to > '2024-06-30'`.execute(database.db)).rows[0]!.n,
    );
    const limit = FORMAT === 'json' ? config.maxQueryCells : config.maxExportCells;
    const months = Math.max(1, Math.min(12, Math.floor(limit / (elements.length * stations))));
    const pe = Array.from({ length: months }, (_, i) => `2024${String(i + 1).padStart(2, '0')}`);
    const params = new URLSearchParams();
    params.append('dimension', `dx:${elements.join(';')}`);
    params.append('dimension', `pe:${pe.join(';')}`);
    params.append('dimension', 'ou:SYT38;LEVEL-3');
    params.set('structure', STRUCTURE);
    const exportUrl = `${base}/api/analytics.${FORMAT}?${params}`;
    const cells = elements.length * months * stations;
    console.log(`export: ${elements.length} elements × ${months} months × ${stations} stations = ${cells.toLocaleString('en')} cells (limit ${limit.toLocaleString('en')})`);

    // Warm-up: caches, connections, JIT.
    for (let i = 0; i < 20; i++) await (await fetch(`${base}/api/health`)).arrayBuffer();
    await (await fetch(`${base}/api/analytics.json?dimension=dx:${elements[0]}&dimension=pe:202405&dimension=ou:SYT38`, { headers: auth })).arrayBuffer();

    // Idle reference.
    const idle = startPinger(`${base}/api/health`);
    await new Promise((r) => setTimeout(r, 2000));
    const idleRes = await idle.stop();
    console.log(`idle: ${idleRes.latencies.length} pings, max ${ms(Math.max(...idleRes.latencies))} ms, p99 ${ms(pct(idleRes.latencies, 99))} ms`);

    const summary: { seconds: number; bytes: number; max: number; p99: number; p50: number; pings: number; rssGrowth: number; block: number }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      global.gc?.();
      await new Promise((r) => setTimeout(r, 500));
      const rss0 = process.memoryUsage().rss;
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const pinger = startPinger(`${base}/api/health`);
      await new Promise((r) => setTimeout(r, 200));
      const t = now();
      const res = await fetch(exportUrl, { headers: { ...auth, 'accept-language': 'vi' } });
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      const seconds = (now() - t) / 1000;
      await new Promise((r) => setTimeout(r, 200));
      const { latencies, peakRss } = await pinger.stop();
      loop.disable();
      if (res.status !== 200) console.log(`  export answered ${res.status}`);
      const row = {
        seconds, bytes, max: Math.max(...latencies), p99: pct(latencies, 99), p50: pct(latencies, 50), pings: latencies.length,
        rssGrowth: peakRss - rss0, block: loop.max / 1e6,
      };
      summary.push(row);
      console.log(
        `run ${run}: export ${res.status} ${seconds.toFixed(1)} s, ${(bytes / 1024).toFixed(0)} KiB; /api/health ${row.pings} pings: ` +
          `max ${ms(row.max)} ms, p99 ${ms(row.p99)} ms, p50 ${ms(row.p50)} ms; longest event-loop block ${ms(row.block)} ms; ` +
          `peak RSS +${mb(row.rssGrowth)} MB (from ${mb(rss0)} MB)`,
      );
    }
    const worst = (k: 'max' | 'p99' | 'rssGrowth' | 'block') => Math.max(...summary.map((s) => s[k]));
    console.log(
      `\nsummary (${RUNS} runs, ${FORMAT}): export ${pct(summary.map((s) => s.seconds), 50).toFixed(1)} s (median); ` +
        `/api/health max ${ms(worst('max'))} ms, p99 ${ms(worst('p99'))} ms, longest event-loop block ${ms(worst('block'))} ms (worst run); ` +
        `peak RSS growth ${mb(worst('rssGrowth'))} MB (worst run)`,
    );
    console.log(`load average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    await app.close();
  } finally {
    await stop();
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
