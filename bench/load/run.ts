// Benchmark: many people using soyte at once, on the full demo province (≈ 2.2 M values).
//
//   npx tsx bench/load/run.ts [--users 150] [--seconds 60] [--ramp 30] [--keep DIR] [--fast]
//
// Virtual users, each logged in with their own session, working in a loop with the think time of
// people at work (the model is printed with the results):
//   60 % commune nurses   open this month's form of their station, then type values: one save every
//                         2 s (the form autosaves each cell), the validation after every 10th, the form
//                         opened again after 40 saves
//   30 % viewers          (province and centres) open a dashboard for a month and a unit of their
//                         scope picked at random — the list, the dashboard, and its items' data in
//                         parallel (KPIs with comparisons, a 12-month chart, the children's bars, the
//                         map, the reporting table) —, read it 10 s, then a pivot query (5 data items ×
//                         12 months × a centre's stations), read it 10 s
//   10 % log in and out   log in, read /api/me, 10 s, log out, 10 s
// Like a browser, a client keeps GET answers for as long as their Cache-Control allows (the map's
// boundaries, for instance). It prints each request kind's p50/p95/p99 and the errors, all requests'
// p99 against the target (p99 ≤ 500 ms, 0 errors), and the ratio to the same work done by one user of
// each kind in the same run (the baseline). Then it runs the largest analytics export the
// configuration allows while pinging /api/health every 20 ms (target p99 ≤ 100 ms). The server runs in
// its own Node process on the embedded PostgreSQL, as in production; the clients run in this process,
// on the same two cores.
//   --ramp S    users arrive over S seconds (default 30) before the measured period
//   --server F  measure another server script (e.g. an older checkout's bench/entry/server.ts)
//   --cpu-prof DIR  the server writes a V8 CPU profile there when it stops
//   --keep DIR  keep the database there; a later run with the same DIR reuses the loaded demo
//   --fast      PostgreSQL with fsync off (default: production settings)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import zlib from 'node:zlib';
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
/** Users arrive over this many seconds before the measured period. */
const RAMP = Number(opt('--ramp') ?? 30);
/** The server to measure (a script that serves soyte on DATABASE_URL and PORT and prints "ready"). */
const SERVER = path.resolve(opt('--server') ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../server.ts'));
const KEEP = opt('--keep');
const FAST = process.argv.includes('--fast');
const ADMIN_PASSWORD = 'Bench-admin-2026';
const USER_PASSWORD = 'Tram-y-te-bench-2026';
/** Think times (ms): between two saves, after reading a dashboard or a pivot, between logins. */
const THINK = { save: 2000, read: 10_000, login: 10_000 };
const SAVES_PER_FORM = 40;
const SAVES_PER_VALIDATION = 10;

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
  /** Answered from the client's own cache (not sent). */
  cached?: boolean;
}

/** A browser-like cache of GET answers, per session (cookie), kept for their Cache-Control max-age. */
const browserCache = new Map<string, { until: number; res: Res }>();

function request(method: string, url: string, opts: { headers?: Record<string, string>; body?: unknown; drain?: boolean } = {}): Promise<Res> {
  const cacheKey = method === 'GET' ? `${opts.headers?.cookie ?? ''} ${url}` : undefined;
  const cached = cacheKey ? browserCache.get(cacheKey) : undefined;
  if (cached && cached.until > Date.now()) return Promise.resolve({ ...cached.res, cached: true });
  return send(method, url, opts).then((res) => {
    const maxAge = /max-age=(\d+)/.exec(String(res.headers['cache-control'] ?? ''))?.[1];
    if (cacheKey && res.status === 200 && maxAge && Number(maxAge) > 0 && !/no-store|no-cache/.test(String(res.headers['cache-control']))) {
      browserCache.set(cacheKey, { until: Date.now() + Number(maxAge) * 1000, res });
    }
    return res;
  });
}

function send(method: string, url: string, opts: { headers?: Record<string, string>; body?: unknown; drain?: boolean }): Promise<Res> {
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
        res.on('end', () => {
          // Browsers accept compressed answers: so do these clients (and pay for decompressing).
          const raw = Buffer.concat(chunks);
          const enc = res.headers['content-encoding'];
          const body = opts.drain ? raw : enc === 'br' ? zlib.brotliDecompressSync(raw) : enc === 'gzip' ? zlib.gunzipSync(raw) : raw;
          resolve({ status: res.statusCode ?? 0, body: body.toString('utf8'), headers: res.headers });
        });
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
  /** Requests a browser would not send (answered from its cache). */
  cached = 0;

  async time<T extends Res>(kind: string, run: () => Promise<T>): Promise<T | undefined> {
    const t0 = now();
    try {
      const r = await run();
      const ms = now() - t0;
      if (r.cached) {
        this.cached++;
        return r;
      }
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

  /** Whole pages (several requests), reported apart: the targets are per request. */
  readonly pages = new Map<string, number[]>();

  page(kind: string, ms: number) {
    (this.pages.get(kind) ?? this.pages.set(kind, []).get(kind)!).push(ms);
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
  /** Units of the viewer's scope a dashboard may be opened for (the province viewers: any centre too). */
  units: { id: string; level: number }[];
  stationsOf: string; // the centre whose stations the pivot lays out
}

const MONTH = todayVn().slice(0, 7).replace('-', '');
/** One of the last 12 months, at random (people compare months). */
const recentMonth = () => {
  const back = 1 + Math.floor(Math.random() * 12);
  const y = Number(MONTH.slice(0, 4));
  const m = Number(MONTH.slice(4)) - back;
  return m <= 0 ? `${y - 1}${String(m + 12).padStart(2, '0')}` : `${y}${String(m).padStart(2, '0')}`;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

async function nurseLoop(stats: Stats, s: Session, n: Nurse, dataSet: string, until: number) {
  let k = 0;
  while (now() < until) {
    const form = await stats.time('form', () => request('GET', `/api/dataEntry/form?dataSet=${dataSet}&orgUnit=${n.station}&period=${MONTH}`, { headers: s.headers }));
    const cells = form ? formCells(form.body) : [];
    if (!cells.length) await sleep(THINK.save);
    for (let i = 1; i <= SAVES_PER_FORM && now() < until && cells.length; i++) {
      await sleep(THINK.save);
      const c = cells[(k++ * 7) % cells.length]!;
      await stats.time('save', () =>
        request('PUT', '/api/dataEntry/value', { headers: s.headers, body: { dataSet, dataElement: c.de, categoryOptionCombo: c.coc, orgUnit: n.station, period: MONTH, value: String(k % 50) } }),
      );
      if (i % SAVES_PER_VALIDATION === 0) {
        await stats.time('validate', () => request('POST', '/api/dataEntry/validate', { headers: s.headers, body: { dataSet, orgUnit: n.station, period: MONTH } }));
      }
    }
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
  const h = { headers: s.headers };
  while (now() < until) {
    // Opening a dashboard for a month and a unit: the list and the dashboard, then its items' data in
    // parallel, as the page does. Each request is timed on its own; the whole page as 'dashboard page'.
    const pe = recentMonth();
    const unit = pick(v.units);
    const ou = unit.id;
    const dash = unit.level === 1 ? 'builtin-province' : 'builtin-centre';
    const t0 = now();
    await stats.time('dash list', () => request('GET', '/api/dashboards', h));
    await stats.time('dash get', () => request('GET', `/api/dashboards/${dash}`, h));
    await Promise.all([
      stats.time('dash kpi', () => request('GET', `/api/analytics/values?dx=MCH_LIVE_BIRTHS;EPI_FULL_U1;OPD_VISITS&pe=${pe}&ou=${ou}&ouMode=self&compare=lastYear,previous,plan`, h)),
      stats.time('dash chart', () => request('GET', `/api/analytics?dimension=dx:OPD_VISITS&dimension=pe:LAST_12_MONTHS&dimension=ou:${ou}`, h)),
      stats.time('dash bars', () => request('GET', `/api/analytics/values?dx=MCH_LIVE_BIRTHS&pe=${pe}&ou=${ou}&ouMode=children&compare=lastYear`, h)),
      stats.time('dash map', () => request('GET', `/api/geo/orgUnits?parent=${ou}&level=${unit.level + 1}`, h)),
      stats.time('dash table', () => request('GET', `/api/analytics/values?dx=EPI_FULL_U1;EPI_MEASLES2;EPI_TT2_PREG&pe=${pe}&ou=${ou}&ouMode=children&compare=lastYear,reporting`, h)),
    ]);
    stats.page('dashboard page', now() - t0);
    await sleep(THINK.read);
    if (now() >= until) break;
    await stats.time('pivot', () =>
      request('GET', `/api/analytics?dimension=dx:MCH_LIVE_BIRTHS;EPI_FULL_U1;OPD_VISITS;FP_BIRTHS;EPI_MEASLES2&dimension=pe:LAST_12_MONTHS&dimension=ou:${v.stationsOf};LEVEL-3`, h),
    );
    await sleep(THINK.read);
  }
}

async function loginLoop(stats: Stats, username: string, until: number) {
  while (now() < until) {
    const s = await login(stats, username).catch(() => undefined);
    if (s) {
      await stats.time('me', () => request('GET', '/api/me', { headers: s.headers }));
      await sleep(THINK.login);
      await stats.time('logout', () => request('POST', '/api/auth/logout', { headers: s.headers }));
    }
    await sleep(THINK.login);
  }
}

// ---------------------------------------------------------------- set-up

/** The checkout a server script belongs to (the nearest folder above it with a package.json). */
function checkoutOf(file: string): string {
  let dir = path.dirname(file);
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

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
  const prof = opt('--cpu-prof');
  const profArgs = prof ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(prof)] : [];
  const child = spawn(process.execPath, [...profArgs, '--import', 'tsx', SERVER], {
    cwd: checkoutOf(SERVER),
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
    const units = atProvince ? [{ id: province!.id, level: 1 }, ...centres.map((x) => ({ id: x.id, level: 2 }))] : [{ id: c.id, level: 2 }];
    viewers.push({ username: `bench.viewer${i}`, unit, units, stationsOf: c.id });
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

/**
 * Users arrive over `rampSeconds` (people do not all start in the same second), work until the end,
 * and only what happens after the ramp is measured (the returned stats); the ramp's own requests go to
 * a throw-away Stats.
 */
async function runLoad(
  c: Cast,
  counts: { nurses: number; viewers: number; logins: number },
  seconds: number,
  rampSeconds: number,
  window: { start?: () => void; end?: () => void } = {},
): Promise<Stats> {
  const measured = new Stats();
  const ramp = new Stats();
  const sessions = await Promise.all([
    ...c.nurses.slice(0, counts.nurses).map((n) => login(null, n.username)),
    ...c.viewers.slice(0, counts.viewers).map((v) => login(null, v.username)),
  ]);
  const start = now();
  const measureFrom = start + rampSeconds * 1000;
  const until = measureFrom + seconds * 1000;
  const timers = [setTimeout(() => window.start?.(), rampSeconds * 1000), setTimeout(() => window.end?.(), (rampSeconds + seconds) * 1000)];
  // The same loops, recording into the ramp's stats before measureFrom and the measured ones after.
  const stats = new Proxy(measured, { get: (target, prop) => (now() < measureFrom ? Reflect.get(ramp, prop) : Reflect.get(target, prop)) }) as Stats;
  const arrive = () => sleep(Math.random() * rampSeconds * 1000);
  const work: Promise<void>[] = [];
  c.nurses.slice(0, counts.nurses).forEach((n, i) => work.push(arrive().then(() => nurseLoop(stats, sessions[i]!, n, c.dataSet, until))));
  c.viewers.slice(0, counts.viewers).forEach((v, i) => work.push(arrive().then(() => viewerLoop(stats, sessions[counts.nurses + i]!, v, until))));
  c.loginUsers.slice(0, counts.logins).forEach((u) => work.push(arrive().then(() => loginLoop(stats, u, until))));
  await Promise.all(work);
  timers.forEach(clearTimeout);
  return measured;
}

/** Busy and total CPU time of the whole machine so far (/proc/stat), in clock ticks. */
function machineTicks(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3]! + (cpu[4] ?? 0);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU seconds used so far by each process that matches (from /proc), to tell the server's share from PostgreSQL's. */
function cpuByPid(match: (cmd: string, pid: number) => boolean): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!match(cmd, Number(d))) continue;
      const f = fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(Number(d), (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** CPU seconds used between two samples (processes that started meanwhile count whole). */
function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let s = 0;
  for (const [pid, t] of after) s += t - (before.get(pid) ?? 0);
  return s;
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
  for (const [k, xs] of s.pages) console.log(`  (${k}: n ${xs.length}, p50 ${f(pct(xs, 50))}, p99 ${f(pct(xs, 99))} ms — all its requests)`);
  for (const e of s.samples) console.log(`  error: ${e}`);
}

/** Asks the server for its event-loop delays since the last call (bench/server.ts prints them on SIGUSR1). */
function eventLoopDelay(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    const on = (d: Buffer) => {
      const m = /event-loop delay .*/.exec(String(d));
      if (m) {
        child.stdout!.off('data', on);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', on);
    child.kill('SIGUSR1');
    setTimeout(() => resolve('event-loop delay: not reported by this server'), 2000);
  });
}

/** The largest analytics export the configuration allows, while /api/health is pinged every 20 ms. */
async function exportWhileHealth(admin: Session, c: Cast, child: ChildProcess) {
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
  await eventLoopDelay(child);
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
  console.log(`  server ${await eventLoopDelay(child)}`);
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

    console.log('Baseline: one user of each kind, 30 s…');
    const baseline = await runLoad(c, { nurses: 1, viewers: 1, logins: 1 }, 30, 0);
    console.log(`Load: ${USERS} users (${c.nurses.length} nurses, ${c.viewers.length} viewers, ${c.loginUsers.length} logging in and out) arriving over ${RAMP} s, then ${SECONDS} s measured…`);
    const serverPid = child.pid!;
    const cpu = () => ({
      server: cpuByPid((_, pid) => pid === serverPid),
      postgres: cpuByPid((cmd) => /^postgres|^\S*\/postgres /.test(cmd)),
      clients: cpuByPid((_, pid) => pid === process.pid),
    });
    let cpu0 = cpu();
    let cpu1 = cpu0;
    let m0 = machineTicks();
    let m1 = m0;
    const load = await runLoad(c, { nurses: c.nurses.length, viewers: c.viewers.length, logins: c.loginUsers.length }, SECONDS, RAMP, {
      start: () => {
        cpu0 = cpu();
        m0 = machineTicks();
      },
      end: () => {
        cpu1 = cpu();
        m1 = machineTicks();
      },
    });
    const elapsed = SECONDS;
    console.log('\n=== bench/load ===');
    console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; requests: ${load.all().length + load.errorCount()} in ${elapsed.toFixed(0)} s (${((load.all().length + load.errorCount()) / elapsed).toFixed(0)}/s), ${load.cached} more answered by the clients' caches`);
    const used = (k: 'server' | 'postgres' | 'clients') => (cpuDelta(cpu0[k], cpu1[k]) / elapsed).toFixed(2);
    const busy = ((m1.busy - m0.busy) / (m1.total - m0.total)) * 100;
    console.log(`CPU while measured: the machine ${busy.toFixed(0)} % busy; cores used by the server ${used('server')}, PostgreSQL ${used('postgres')}, the clients ${used('clients')} (of ${os.cpus().length})`);
    console.log(`think times: ${THINK.save / 1000} s between saves (validation every ${SAVES_PER_VALIDATION}, the form again after ${SAVES_PER_FORM}), ${THINK.read / 1000} s reading a dashboard or a pivot, ${THINK.login / 1000} s between logins`);
    printStats('baseline (1 user of each kind), ms', baseline);
    printStats(`${USERS} users, ms`, load, baseline);
    const p99 = pct(load.all(), 99);
    console.log(`\ntarget p99 ≤ 500 ms with 0 errors: p99 ${f(p99)} ms, ${load.errorCount()} errors → ${p99 <= 500 && load.errorCount() === 0 ? 'OK' : 'NOT MET'}`);
    await exportWhileHealth(admin, c, child);
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
