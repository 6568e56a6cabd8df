// Profiling helper (not part of the bench figures): sequential saves in-process, with per-statement
// timings and EXPLAIN ANALYZE of the save's statements. Run: npx tsx bench/entry/profile.ts [--fast]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { saveValue } from '../../src/modules/datavalues/datavalues.service.js';

const stmt = new Map<string, { n: number; ms: number }>();
let capture: { text: string; values: unknown[] }[] | undefined;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
  const key = text.replace(/\s+/g, ' ').slice(0, 70);
  capture?.push({ text, values: (typeof args[0] === 'string' ? args[1] : (args[0] as { values: unknown[] }).values) as unknown[] });
  const t0 = performance.now();
  const r = (query as (...a: unknown[]) => unknown).apply(this, args) as Promise<unknown>;
  const done = () => {
    const s = stmt.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += performance.now() - t0;
    stmt.set(key, s);
  };
  if (r && typeof (r as Promise<unknown>).then === 'function') r.then(done, done);
  return r;
} as typeof query;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-bench-prof-'));
fs.chmodSync(tmp, 0o755);
const server = await startEmbedded({ dataDir: tmp, fast: process.argv.includes('--fast') });
const admin = new pg.Client({ connectionString: server.adminUrl });
await admin.connect();
await admin.query('create database bench');
await admin.end();
const database = connect(server.urlFor('bench'), 'embedded');
const db = database.db;
try {
  await prepareDatabase(database, testConfig());
  await applyProvincePlan(contextOf(db), buildProvincePlan('38'), {});
  await sql`insert into data_set (id, code, name, period_type, category_combo_id, entry_grace_days)
    values ('beDataSet01', 'BE_DS', 'Bench entry', 'Monthly', 'bjDvmb4bfuf', null)`.execute(db);
  const elements = Array.from({ length: 100 }, (_, i) => `BE_DE_${String(i).padStart(3, '0')}`);
  await sql`insert into data_element (id, code, name, value_type, category_combo_id)
    select 'be' || lpad(i::text, 9, '0'), c, c, 'INTEGER_ZERO_OR_POSITIVE', 'bjDvmb4bfuf' from unnest(${elements}::text[]) with ordinality as t(c, i)`.execute(db);
  await sql`insert into data_set_element (data_set_id, data_element_id) select 'beDataSet01', id from data_element where code like 'BE_DE_%'`.execute(db);
  await sql`insert into data_set_unit (data_set_id, org_unit_id, valid_from) select 'beDataSet01', id, '2000-01-01' from org_unit`.execute(db);
  const units = (await sql<{ code: string }>`select code from org_unit where opening_date <= '2024-01-01' and (closed_date is null or closed_date > '2024-12-31') order by code`.execute(db)).rows.map((r) => r.code);
  const ctx = contextOf(db, { actor: { ...SYSTEM_ACTOR, orgUnitId: (await sql<{ id: string }>`select id from org_unit where code = 'SYT38'`.execute(db)).rows[0].id } });
  let k = 0;
  const body = () => {
    const i = k++;
    return { dataElement: elements[i % 100], categoryOptionCombo: 'default', orgUnit: units[Math.floor(i / 100) % units.length], period: '202403', value: String(i % 1000) };
  };
  for (let i = 0; i < 300; i++) await saveValue(ctx, body());
  stmt.clear();
  const N = 2000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await saveValue(ctx, body());
  const ms = performance.now() - t0;
  console.log(`sequential: ${(ms / N).toFixed(3)} ms/save`);
  for (const [k2, s] of stmt) console.log(`${(s.ms / s.n).toFixed(3)} ms × ${(s.n / N).toFixed(2)}/save  ${k2}`);
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  await Promise.all(Array.from({ length: 50 }, async () => { for (let i = 0; i < 40; i++) await saveValue(ctx, body()); }));
  const ms1 = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  console.log(`50 concurrent in-process: ${(2000 / (ms1 / 1000)).toFixed(0)} saves/s, node CPU ${((cpu.user + cpu.system) / 1000 / 2000).toFixed(3)} ms/save`);
  if (process.argv.includes('--explain')) {
    const { saveFacts, writeValue } = await import('../../src/modules/datavalues/datavalues.repo.js');
    const texts: { text: string; values: unknown[] }[] = [];
    capture = texts;
    await saveValue(ctx, body());
    capture = undefined;
    const c = new pg.Client({ connectionString: server.urlFor('bench') });
    await c.connect();
    for (const t of texts) {
      await c.query('begin');
      const types = t.values.map((v) => (Array.isArray(v) ? 'text[]' : typeof v === 'number' ? 'numeric' : typeof v === 'boolean' ? 'boolean' : 'text'));
      void types;
      await c.query({ name: 'x' + texts.indexOf(t), text: t.text, values: t.values });
      for (let i = 0; i < 8; i++) await c.query({ name: 'x' + texts.indexOf(t), text: t.text, values: t.values });
      const r = await c.query(`explain (analyze, summary) execute x${texts.indexOf(t)}(${t.values.map((v) => (v === null ? 'null' : Array.isArray(v) ? `'{${v.join(',')}}'` : `'${v instanceof Date ? v.toISOString() : String(v)}'`)).join(', ')})`);
      console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
      console.log(t.text.replace(/\s+/g, ' ').slice(0, 60));
      console.log(r.rows.map((x) => x['QUERY PLAN']).filter((l: string) => /Planning|Execution/.test(l)).join('\n'));
      await c.query('rollback');
    }
    await c.end();
    void saveFacts; void writeValue;
  }
} finally {
  await database.close();
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
