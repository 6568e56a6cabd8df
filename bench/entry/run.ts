// Benchmark: 50 concurrent clients saving single values through PUT /api/dataEntry/value (the form's
// autosave), every request a distinct cell. Reports saves/s and latency percentiles (target p99 ≤ 20 ms).
// Run: npx tsx bench/entry/run.ts [--seconds 20] [--connections 50] [--fast (fsync off)] [--cpu-prof DIR]
//      [--no-rollup (the analytics rollup triggers off: what they cost a save)]
// The server runs in its own Node process (as in production) on the embedded PostgreSQL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { connect } from '../../src/db/connection.js';
import { startEmbedded } from '../../src/db/embedded.js';
import { prepareDatabase } from '../../src/server/prepare.js';
import { testConfig } from '../../src/core/config.js';
import { contextOf } from '../../src/db/store.js';
import { buildProvincePlan } from '../../src/modules/orgunits/bootstrap/plan.js';
import { applyProvincePlan } from '../../src/modules/orgunits/orgunits.bootstrap.js';
import { SYSTEM_ACTOR } from '../../src/core/context.js';
import { ensureAdmin } from '../../src/modules/users/users.service.js';

const argValue = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = argValue('--seconds', 20);
const CONNECTIONS = argValue('--connections', 50);
const PASSWORD = 'Bench@2024';
const here = path.dirname(fileURLToPath(import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-bench-entry-'));
  fs.chmodSync(tmp, 0o755);
  const server = await startEmbedded({ dataDir: tmp, fast: process.argv.includes('--fast') });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query('create database bench');
  await admin.end();
  const url = server.urlFor('bench');
  const database = connect(url, 'embedded');
  const db = database.db;
  let child: ReturnType<typeof spawn> | undefined;
  try {
    await prepareDatabase(database, testConfig());
    if (process.argv.includes('--no-rollup')) await sql`alter table data_value disable trigger user`.execute(db);
    await applyProvincePlan(contextOf(db), buildProvincePlan('38'), {});
    await ensureAdmin(contextOf(db), PASSWORD);
    await sql`insert into data_set (id, code, name, period_type, category_combo_id, entry_grace_days)
      values ('beDataSet01', 'BE_DS', 'Bench entry', 'Monthly', 'bjDvmb4bfuf', null)`.execute(db);
    const elements = Array.from({ length: 100 }, (_, i) => `BE_DE_${String(i).padStart(3, '0')}`);
    await sql`insert into data_element (id, code, name, value_type, category_combo_id)
      select 'be' || lpad(i::text, 9, '0'), c, c, 'INTEGER_ZERO_OR_POSITIVE', 'bjDvmb4bfuf' from unnest(${elements}::text[]) with ordinality as t(c, i)`.execute(db);
    await sql`insert into data_set_element (data_set_id, data_element_id) select 'beDataSet01', id from data_element where code like 'BE_DE_%'`.execute(db);
    await sql`insert into data_set_unit (data_set_id, org_unit_id, valid_from) select 'beDataSet01', id, '2000-01-01' from org_unit`.execute(db);
    const units = (
      await sql<{ code: string }>`select code from org_unit where opening_date <= '2024-01-01' and (closed_date is null or closed_date > '2024-12-31') order by code`.execute(db)
    ).rows.map((r) => r.code);
    const periods = Array.from({ length: 12 }, (_, i) => `2024${String(i + 1).padStart(2, '0')}`);

    const port = await freePort();
    // --cpu-prof DIR: the server writes a V8 CPU profile there when it stops.
    const prof = process.argv.indexOf('--cpu-prof');
    const profArgs = prof >= 0 ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.argv[prof + 1])] : [];
    child = spawn(process.execPath, [...profArgs, '--import', 'tsx', path.join(here, '../server.ts')], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), SOYTE_DEMO: '0', SOYTE_DATA_DIR: tmp },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
      child!.on('exit', (c) => reject(new Error(`server exited ${c}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = String(login.headers.get('set-cookie')).split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    // Every request saves a different cell: unit × element × month.
    let n = 0;
    const nextBody = () => {
      const k = n++;
      const de = elements[k % elements.length];
      const ou = units[Math.floor(k / elements.length) % units.length];
      const pe = periods[Math.floor(k / (elements.length * units.length)) % periods.length];
      return JSON.stringify({ dataElement: de, categoryOptionCombo: 'default', orgUnit: ou, period: pe, value: String(k % 1000) });
    };
    const run = (duration: number) =>
      autocannon({
        url: `${base}/api/dataEntry/value`,
        method: 'PUT',
        connections: CONNECTIONS,
        duration,
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        requests: [{ method: 'PUT', setupRequest: (req) => ({ ...req, body: nextBody() }) }],
      });
    // A first request to see that saving works at all.
    const probe = await fetch(`${base}/api/dataEntry/value`, { method: 'PUT', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: nextBody() });
    if (!probe.ok) throw new Error(`PUT /api/dataEntry/value: ${probe.status} ${await probe.text()}`);
    console.log(`Warming up (3 s), then ${CONNECTIONS} connections for ${SECONDS} s…`);
    await run(3);
    const queryCount = () =>
      new Promise<number>((resolve) => {
        const on = (d: Buffer) => {
          const m = /queries (\d+)/.exec(String(d));
          if (m) {
            child!.stdout!.off('data', on);
            resolve(Number(m[1]));
          }
        };
        child!.stdout!.on('data', on);
        child!.kill('SIGUSR2');
      });
    const q0 = await queryCount();
    const r = await run(SECONDS);
    const q1 = await queryCount();
    const saved = (await sql<{ n: number }>`select count(*)::int as n from data_value`.execute(db)).rows[0].n;
    console.log('\n=== bench/entry ===');
    console.log(`requests:        ${r.requests.total} (2xx ${r['2xx']}, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts})`);
    console.log(`saves/s:         ${Math.round(r['2xx'] / SECONDS)}`);
    console.log(`latency ms:      p50 ${r.latency.p50}  p90 ${r.latency.p90}  p99 ${r.latency.p99}  max ${r.latency.max}`);
    console.log(`queries/save:    ${(r.requests.total ? (q1 - q0) / r.requests.total : 0).toFixed(2)} (statements sent to PostgreSQL, incl. transaction control)`);
    console.log(`p99 target ≤ 20 ms: ${r.latency.p99 <= 20 ? 'OK' : 'ABOVE TARGET'}`);
    console.log(`values stored:   ${saved}`);
  } finally {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await database.close();
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
