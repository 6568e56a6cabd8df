// Benchmark: many people using soyte at once, on the full demo province (≈ 2.2 M values).
//
//   npx tsx bench/load/run.ts [--users 150] [--seconds 60] [--keep DIR] [--fast]
//
// Virtual users, each logged in with their own session and working in a loop with think time:
//   60 % commune nurses   open this month's form of their station, save 10 values (1 s apart) as the
//                         form autosaves, run the validation, pause 2 s
//   30 % viewers          (province and centres) open a dashboard — the list, the dashboard, and its
//                         items' data in parallel (KPIs with comparisons, a 12-month chart, the
//                         children's bars, the map, the reporting table) —, pause 3 s, then a pivot
//                         query (5 data items × 12 months × the centre's stations), pause 3 s
//   10 % log in and out   log in, read /api/me, log out, pause 3 s
// It prints each kind's p50/p95/p99 and the errors, all requests' p99 against the targets (p99 ≤ 500 ms,
// 0 errors), and the ratio to the same work done by one user of each kind in the same run (the
// baseline). Then it runs the largest analytics export the configuration allows while pinging
// /api/health every 20 ms (target p99 ≤ 100 ms). The server runs in its own Node process on the
// embedded PostgreSQL, as in production; clients run in this process (the same two cores).
//   --keep DIR  keep the database there; a later run with the same DIR reuses the loaded demo
//   --fast      PostgreSQL with fsync off (default: production settings)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testConfig } from '../../src/core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../../src/core/context.js';
import { isLoaded, loadDemo } from '../../src/modules/demo/demo.service.js';
import { ensureAdmin } from '../../src/modules/users/users.service.js';
import { prepareDatabase } from '../../src/server/prepare.js';
import { cliProgressReporter } from '../../src/lib/progress.js';
import { todayVn } from '../../src/lib/dates.js';
import { openBenchDatabase } from '../bench-db.js';

const opt = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const USERS = Number(opt('--users') ?? 150);
const SECONDS = Number(opt('--seconds') ?? 60);
const KEEP = opt('--keep');
const FAST = process.argv.includes('--fast');
const ADMIN_PASSWORD = 'Bench-admin-2026';
const USER_PASSWORD = 'Tram-y-te-bench-2026';
const here = path.dirname(fileURLToPath(import.meta.url));

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const f = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n.toFixed(1));

// ---------------------------------------------------------------- HTTP client

const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
let base = '';

interface Res {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(method: string, url: string, opts: { headers?: Record<string, string>; body?: unknown; drain?: boolean } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const data = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      `${base}${url}`,
      {
        method,
        agent,
        headers: { accept: 'application/json', 'accept-encoding': 'gzip, br', ...(data ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          if (!opts.drain) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

// ---------------------------------------------------------------- measurements

class Stats {
  readonly times = new Map<string, number[]>();
  readonly errors = new Map<string, number>();
  readonly samples: string[] = [];

  async time<T extends Res>(kind: string, run: () => Promise<T>): Promise<T | undefined> {
    const t0 = now();
    try {
      const r = await run();
      const ms = now() - t0;
      if (r.status >= 400) {
        this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
        if (this.samples.length < 10) this.samples.push(`${kind}: ${r.status} ${r.body.slice(0, 200)}`);
      } else {
        (this.times.get(kind) ?? this.times.set(kind, []).get(kind)!).push(ms);
      }
      return r;
    } catch (e) {
      this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
      if (this.samples.length < 10) this.samples.push(`${kind}: ${(e as Error).message}`);
      return undefined;
    }
  }

  all(): number[] {
    return [...this.times.values()].flat();
  }

  errorCount(): number {
    return [...this.errors.values()].reduce((a, b) => a + b, 0);
  }
}

// ---------------------------------------------------------------- the users' work

interface Session {
  headers: Record<string, string>;
}

async function login(stats: Stats | null, username: string, password = USER_PASSWORD): Promise<Session> {
  const run = () => request('POST', '/api/auth/login', { body: { username, password } });
  const r = stats ? await stats.time('login', run) : await run();
  if (!r || r.status !== 200) throw new Error(`login ${username}: ${r?.status} ${r?.body}`);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  return { headers: { cookie, 'x-csrf-token': (JSON.parse(r.body) as { csrfToken: string }).csrfToken } };
}

interface Nurse {
  username: string;
  station: string;
}
interface Viewer {
  username: string;
  unit: { id: string; code: string; level: number };
  stationsOf: string; // the centre whose stations the pivot lays out
}

const MONTH = todayVn().slice(0, 7).replace('-', '');
const lastMonth = () => {
  const y = Number(MONTH.slice(0, 4));
  const m = Number(MONTH.slice(4));
  return m === 1 ? `${y - 1}12` : `${y}${String(m - 1).padStart(2, '0')}`;
};

async function nurseLoop(stats: Stats, s: Session, n: Nurse, dataSet: string, until: number) {
  let k = 0;
  while (now() < until) {
    const form = await stats.time('form', () => request('GET', `/api/dataEntry/form?dataSet=${dataSet}&orgUnit=${n.station}&period=${MONTH}`, { headers: s.headers }));
    const cells = form ? formCells(form.body) : [];
    for (let i = 0; i < 10 && now() < until && cells.length; i++) {
      const c = cells[(k++ * 7) % cells.length]!;
      await stats.time('save', () =>
        request('PUT', '/api/dataEntry/value', { headers: s.headers, body: { dataSet, dataElement: c.de, categoryOptionCombo: c.coc, orgUnit: n.station, period: MONTH, value: String(k % 50) } }),
      );
      await sleep(1000);
    }
    await stats.time('validate', () => request('POST', '/api/dataEntry/validate', { headers: s.headers, body: { dataSet, orgUnit: n.station, period: MONTH } }));
    await sleep(2000);
  }
}

/** The editable cells of a form answer (data element × option combo), numbers only. */
function formCells(body: string): { de: string; coc: string }[] {
  const form = JSON.parse(body) as { sections?: { elements?: { id: string; valueType?: string; categoryCombo?: { optionCombos?: { id: string }[] }; optionCombos?: { id: string }[] }[] }[] };
  const out: { de: string; coc: string }[] = [];
  for (const sec of form.sections ?? []) {
    for (const e of sec.elements ?? []) {
      if (e.valueType && !/INTEGER|NUMBER/.test(e.valueType)) continue;
      for (const c of e.categoryCombo?.optionCombos ?? e.optionCombos ?? []) out.push({ de: e.id, coc: c.id });
    }
  }
  return out;
}

async function viewerLoop(stats: Stats, s: Session, v: Viewer, until: number) {
  const pe = lastMonth();
  const dash = v.unit.level === 1 ? 'builtin-province' : 'builtin-centre';
  const ou = v.unit.id;
  while (now() < until) {
    await stats.time('dashboard', async () => {
      const list = await request('GET', '/api/dashboards', { headers: s.headers });
      if (list.status >= 400) return list;
      const d = await request('GET', `/api/dashboards/${dash}`, { headers: s.headers });
      if (d.status >= 400) return d;
      // What the page asks for its items, in parallel (as the browser does).
      const items = await Promise.all([
        request('GET', `/api/analytics/values?dx=MCH_LIVE_BIRTHS;EPI_FULL_U1;OPD_VISITS&pe=${pe}&ou=${ou}&ouMode=self&compare=lastYear,previous,plan`, { headers: s.headers }),
        request('GET', `/api/analytics?dimension=dx:OPD_VISITS&dimension=pe:LAST_12_MONTHS&dimension=ou:${ou}`, { headers: s.headers }),
        request('GET', `/api/analytics/values?dx=MCH_LIVE_BIRTHS&pe=${pe}&ou=${ou}&ouMode=children&compare=lastYear`, { headers: s.headers }),
        request('GET', `/api/geo/orgUnits?parent=${ou}&level=${v.unit.level + 1}`, { headers: s.headers }),
        request('GET', `/api/analytics/values?dx=EPI_FULL_U1;EPI_MEASLES2;EPI_TT2_PREG&pe=${pe}&ou=${ou}&ouMode=children&compare=lastYear,reporting`, { headers: s.headers }),
      ]);
      return items.find((r) => r.status >= 400) ?? items[0]!;
    });
    await sleep(3000);
    if (now() >= until) break;
    await stats.time('pivot', () =>
      request('GET', `/api/analytics?dimension=dx:MCH_LIVE_BIRTHS;EPI_FULL_U1;OPD_VISITS;FP_BIRTHS;EPI_MEASLES2&dimension=pe:LAST_12_MONTHS&dimension=ou:${v.stationsOf};LEVEL-3`, { headers: s.headers }),
    );
    await sleep(3000);
  }
}

async function loginLoop(stats: Stats, username: string, until: number) {
  while (now() < until) {
    const s = await login(stats, username).catch(() => undefined);
    if (s) {
      await stats.time('me', () => request('GET', '/api/me', { headers: s.headers }));
      await stats.time('logout', () => request('POST', '/api/auth/logout', { headers: s.headers }));
    }
    await sleep(3000);
  }
}

// ---------------------------------------------------------------- set-up

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(url: string, dir: string): Promise<ChildProcess> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, '../server.ts')], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), SOYTE_DATA_DIR: dir, SOYTE_LOG_LEVEL: 'silent', SOYTE_LOGIN_RATE_PER_MINUTE: '1000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return child;
}

interface Cast {
  nurses: Nurse[];
  viewers: Viewer[];
  loginUsers: string[];
  dataSet: string;
}

/** Bench users: a nurse per open station, viewers at the province and the centres (created once). */
async function cast(admin: Session, users: number): Promise<Cast> {
  const get = async <T>(url: string) => {
    const r = await request('GET', url, { headers: admin.headers });
    if (r.status !== 200) throw new Error(`${url}: ${r.status} ${r.body}`);
    return JSON.parse(r.body) as T;
  };
  const [province] = await get<{ id: string; code: string }[]>('/api/orgunits/roots');
  const centres = (await get<{ id: string; code: string; kind: string }[]>(`/api/orgunits/${province!.id}/children`)).filter((c) => c.kind === 'health_centre');
  const stations: { id: string; code: string; centre: string }[] = [];
  for (const c of centres) for (const s of await get<{ id: string; code: string }[]>(`/api/orgunits/${c.id}/children`)) stations.push({ ...s, centre: c.id });
  const nNurses = Math.round(users * 0.6);
  const nViewers = Math.round(users * 0.3);
  const nLogin = users - nNurses - nViewers;
  const existing = new Set((await get<{ items: { username: string }[] }>('/api/users?q=bench.&pageSize=500')).items.map((u) => u.username));
  const create = async (username: string, orgUnitId: string, roles: string[]) => {
    if (existing.has(username)) return;
    const r = await request('POST', '/api/users', { headers: admin.headers, body: { username, displayName: username, password: USER_PASSWORD, orgUnitId, roles } });
    if (r.status !== 201) throw new Error(`create ${username}: ${r.status} ${r.body}`);
  };
  const nurses: Nurse[] = [];
  for (let i = 0; i < nNurses; i++) {
    const st = stations[i % stations.length]!;
    nurses.push({ username: `bench.nurse${i}`, station: st.id });
    await create(`bench.nurse${i}`, st.id, ['data_entry']);
  }
  const viewers: Viewer[] = [];
  for (let i = 0; i < nViewers; i++) {
    const atProvince = i % 5 === 0;
    const c = centres[i % centres.length]!;
    const unit = atProvince ? { id: province!.id, code: province!.code, level: 1 } : { id: c.id, code: c.code, level: 2 };
    viewers.push({ username: `bench.viewer${i}`, unit, stationsOf: c.id });
    await create(`bench.viewer${i}`, unit.id, ['viewer']);
  }
  const loginUsers: string[] = [];
  for (let i = 0; i < nLogin; i++) {
    loginUsers.push(`bench.login${i}`);
    await create(`bench.login${i}`, stations[(i * 13) % stations.length]!.id, ['viewer']);
  }
  const sets = await get<{ id: string; code: string }[]>(`/api/dataEntry/dataSets?orgUnit=${stations[0]!.id}`);
  const dataSet = (sets.find((d) => d.code === 'BCTK_TYT_THANG') ?? sets[0])!.id;
  return { nurses, viewers, loginUsers, dataSet };
}

async function runLoad(c: Cast, counts: { nurses: number; viewers: number; logins: number }, seconds: number): Promise<Stats> {
  const stats = new Stats();
  const sessions = await Promise.all([
    ...c.nurses.slice(0, counts.nurses).map((n) => login(null, n.username)),
    ...c.viewers.slice(0, counts.viewers).map((v) => login(null, v.username)),
  ]);
  const until = now() + seconds * 1000;
  const work: Promise<void>[] = [];
  c.nurses.slice(0, counts.nurses).forEach((n, i) => work.push(sleep(Math.random() * 2000).then(() => nurseLoop(stats, sessions[i]!, n, c.dataSet, until))));
  c.viewers.slice(0, counts.viewers).forEach((v, i) => work.push(sleep(Math.random() * 3000).then(() => viewerLoop(stats, sessions[counts.nurses + i]!, v, until))));
  c.loginUsers.slice(0, counts.logins).forEach((u) => work.push(sleep(Math.random() * 3000).then(() => loginLoop(stats, u, until))));
  await Promise.all(work);
  return stats;
}

function printStats(title: string, s: Stats, baseline?: Stats) {
  console.log(`\n${title}`);
  console.log('  kind          n      p50     p95     p99     max   errors' + (baseline ? '   p99 / baseline p99' : ''));
  const kinds = [...new Set([...s.times.keys(), ...s.errors.keys()])].sort();
  for (const k of kinds) {
    const xs = s.times.get(k) ?? [];
    const b = baseline?.times.get(k) ?? [];
    const ratio = baseline && b.length ? `   ${(pct(xs, 99) / pct(b, 99)).toFixed(1)}×` : '';
    console.log(`  ${k.padEnd(10)} ${String(xs.length).padStart(5)} ${f(pct(xs, 50)).padStart(8)} ${f(pct(xs, 95)).padStart(7)} ${f(pct(xs, 99)).padStart(7)} ${f(Math.max(0, ...xs)).padStart(7)} ${String(s.errors.get(k) ?? 0).padStart(8)}${ratio}`);
  }
  const all = s.all();
  const ball = baseline?.all() ?? [];
  console.log(`  ${'all'.padEnd(10)} ${String(all.length).padStart(5)} ${f(pct(all, 50)).padStart(8)} ${f(pct(all, 95)).padStart(7)} ${f(pct(all, 99)).padStart(7)} ${f(Math.max(0, ...all)).padStart(7)} ${String(s.errorCount()).padStart(8)}${baseline && ball.length ? `   ${(pct(all, 99) / pct(ball, 99)).toFixed(1)}×` : ''}`);
  for (const e of s.samples) console.log(`  error: ${e}`);
}

/** The largest analytics export the configuration allows, while /api/health is pinged every 20 ms. */
async function exportWhileHealth(admin: Session, c: Cast) {
  const maxCells = testConfig().maxExportCells;
  // Rows of the flat export: data items × months × stations of the province (LEVEL-3).
  const stations = new Set(c.nurses.map((n) => n.station)).size;
  const itemsR = await request('GET', '/api/metadata/dataElements?pageSize=500', { headers: admin.headers });
  const codes = (JSON.parse(itemsR.body) as { items: { code: string }[] }).items.map((x) => x.code);
  let months = 12;
  let items = Math.max(1, Math.min(codes.length, Math.floor(maxCells / (months * Math.max(stations, 1) * 1.2))));
  const query = () =>
    `/api/analytics.xlsx?dimension=dx:${codes.slice(0, items).join(';')}&dimension=pe:LAST_12_MONTHS&dimension=ou:LEVEL-3`;
  // Find the largest accepted query: shrink until the server takes it.
  let probe = await request('GET', query(), { headers: admin.headers, drain: true });
  while (probe.status === 409 && items > 1) {
    items = Math.max(1, Math.floor(items * 0.8));
    probe = await request('GET', query(), { headers: admin.headers, drain: true });
  }
  if (probe.status !== 200) {
    console.log(`\nexport: the server refused every size (${probe.status}); skipped`);
    return;
  }
  const health: number[] = [];
  let running = true;
  const pinger = (async () => {
    while (running) {
      const t0 = now();
      await request('GET', '/api/health');
      health.push(now() - t0);
      await sleep(20);
    }
  })();
  const t0 = now();
  const r = await request('GET', query(), { headers: admin.headers, drain: true });
  const exportMs = now() - t0;
  running = false;
  await pinger;
  console.log(`\nThe largest allowed export (${items} data items × ${months} months × every station, limit ${maxCells.toLocaleString('vi-VN')} cells): ${r.status} in ${(exportMs / 1000).toFixed(1)} s`);
  console.log(`  /api/health meanwhile: n ${health.length}  p50 ${f(pct(health, 50))} ms  p99 ${f(pct(health, 99))} ms  max ${f(Math.max(...health))} ms   target p99 ≤ 100 ms: ${pct(health, 99) <= 100 ? 'OK' : 'ABOVE TARGET'}`);
}

async function main() {
  const dir = KEEP ? path.resolve(KEEP) : fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-bench-load-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const marker = path.join(dir, 'bench-load.json');
  const reuse = fs.existsSync(marker);
  const { database, url, stop } = await openBenchDatabase(dir, { fast: FAST, reuse });
  let child: ChildProcess | undefined;
  try {
    const config = testConfig();
    await prepareDatabase(database, config);
    const ctx = new Ctx(SYSTEM_ACTOR, database.store, config);
    if (!reuse || !(await isLoaded(ctx))) {
      console.log('Loading the full demo province (once; --keep DIR keeps it)…');
      const p = cliProgressReporter();
      await loadDemo(ctx, { password: 'Demo@2024', history: 'full', progress: p.report });
      p.done();
      await ensureAdmin(ctx, ADMIN_PASSWORD);
      if (KEEP) fs.writeFileSync(marker, JSON.stringify({ at: new Date().toISOString() }));
    }
    child = await startServer(url, dir);
    const admin = await login(null, 'admin', ADMIN_PASSWORD);
    console.log(`Preparing ${USERS} users…`);
    const c = await cast(admin, USERS);

    console.log('Baseline: one user of each kind, 20 s…');
    const baseline = await runLoad(c, { nurses: 1, viewers: 1, logins: 1 }, 20);
    console.log(`Load: ${USERS} users (${c.nurses.length} nurses, ${c.viewers.length} viewers, ${c.loginUsers.length} logging in and out), ${SECONDS} s…`);
    const t0 = now();
    const load = await runLoad(c, { nurses: c.nurses.length, viewers: c.viewers.length, logins: c.loginUsers.length }, SECONDS);
    const elapsed = (now() - t0) / 1000;
    console.log('\n=== bench/load ===');
    console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; requests: ${load.all().length + load.errorCount()} in ${elapsed.toFixed(0)} s (${((load.all().length + load.errorCount()) / elapsed).toFixed(0)}/s)`);
    printStats('baseline (1 user of each kind), ms', baseline);
    printStats(`${USERS} users, ms`, load, baseline);
    const p99 = pct(load.all(), 99);
    console.log(`\ntarget p99 ≤ 500 ms with 0 errors: p99 ${f(p99)} ms, ${load.errorCount()} errors → ${p99 <= 500 && load.errorCount() === 0 ? 'OK' : 'NOT MET'}`);
    await exportWhileHealth(admin, c);
  } finally {
    child?.kill('SIGTERM');
    await sleep(500);
    await stop();
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
