import fs from 'node:fs';
import pg from 'pg';
import pgCopy from 'pg-copy-streams';
import { startEmbedded } from '/work/main/src/db/embedded.js';
import { connect } from '/work/main/src/db/connection.js';
import { migrateToLatest } from '/work/main/src/db/migrate.js';

const dir = '/tmp/prof/pg';
const fresh = !fs.existsSync(dir);
fs.mkdirSync(dir, { recursive: true }); fs.chmodSync(dir, 0o755);
const server = await startEmbedded({ dataDir: dir });
if (fresh) {
  const a = new pg.Client({ connectionString: server.adminUrl }); await a.connect(); await a.query('create database bench'); await a.end();
  const d = connect(server.urlFor('bench'), 'embedded'); await migrateToLatest(d.db); await d.close();
}
const c = new pg.Client({ connectionString: server.urlFor('bench') });
await c.connect();
const N = 1_000_000;
function gen(sorted: boolean, audit = false) {
  const chunks: string[] = []; let buf = '';
  const emit = (ou: number, de: number, pe: number, co: number, v: number) => {
    buf += audit ? `${ou}\t${de}\t${pe}\t${co}\t1\tCREATE\t${v}\t\\N\t\\N\timport\tbench\n` : `${ou}\t${de}\t${pe}\t${co}\t1\t${v}\t${v}\t\\N\tf\tbench\n`;
    if (buf.length > 1 << 20) { chunks.push(buf); buf = ''; }
  };
  let n = 0;
  if (sorted) { for (let ou = 1; ou <= 556; ou++) for (let de = 1; de <= 100; de++) for (let pe = 1; pe <= 9; pe++) for (let co = 1; co <= 2; co++) if (n++ < N) emit(ou, de, pe, co, n % 1000); }
  else { for (let pe = 1; pe <= 9; pe++) for (let ou = 1; ou <= 556; ou++) for (let de = 1; de <= 100; de++) for (let co = 1; co <= 2; co++) if (n++ < N) emit(((ou * 7919) % 556) + 1, de, pe, co, n % 1000); }
  chunks.push(buf); return chunks;
}
async function copy(stmt: string, chunks: string[]) {
  const s = c.query(pgCopy.from(stmt));
  for (const ch of chunks) if (!s.write(ch)) await new Promise((r) => s.once('drain', r));
  s.end(); await new Promise<void>((res, rej) => { s.on('finish', () => res()); s.on('error', rej); });
}
const exps: Record<string, () => Promise<void>> = {};
const DV = 'ou, de, pe, co, ao, value, num, comment, follow_up, stored_by';
const AU = 'ou, de, pe, co, ao, audit_type, value, previous_value, comment, source, modified_by';
const sorted = gen(true), unsorted = gen(false), auditSorted = gen(true, true);
exps.copyDvSorted = () => copy(`copy data_value (${DV}) from stdin`, sorted);
exps.copyDvUnsorted = () => copy(`copy data_value (${DV}) from stdin`, unsorted);
exps.copyAuditSorted = () => copy(`copy data_value_audit (${AU}) from stdin`, auditSorted);
exps.copyBoth = async () => { await copy(`copy data_value (${DV}) from stdin`, sorted); await copy(`copy data_value_audit (${AU}) from stdin`, auditSorted); };
const stage = async (chunks: string[], extra = '') => {
  await c.query(`create temp table import_stage (ou int not null, de int not null, pe int not null, co int not null, ao int not null, value text, num double precision, comment text, follow_up boolean, del boolean not null) on commit drop`);
  const t = Date.now();
  await copy(`copy import_stage (ou, de, pe, co, ao, value, num, comment, follow_up, del) from stdin`, chunks.map((x) => x.replace(/\tbench\n/g, '\tf\n')));
  console.log(`  stage copy ${Date.now() - t} ms`);
};
const cur = `with ins as (insert into data_value (ou, de, pe, co, ao, value, num, comment, follow_up, stored_by, created, last_updated)
 select ou, de, pe, co, ao, value, num, comment, coalesce(follow_up, false), 'bench', now(), now() from import_stage where not del order by ou, de, pe, co, ao
 on conflict (ou, de, pe, co, ao) do nothing returning ou, de, pe, co, ao, value, comment),
 au as (insert into data_value_audit (ou, de, pe, co, ao, audit_type, value, previous_value, comment, source, modified_by)
 select ou, de, pe, co, ao, 'CREATE', value, null, comment, 'import', 'bench' from ins) select count(*) from ins`;
exps.mergeCurrent = async () => { await stage(unsorted); await c.query(`set local work_mem='256MB'`); const t = Date.now(); await c.query(cur); console.log(`  merge ${Date.now() - t} ms`); };
exps.mergeNoAudit = async () => { await stage(unsorted); await c.query(`set local work_mem='256MB'`); const t = Date.now(); await c.query(`insert into data_value (ou, de, pe, co, ao, value, num, comment, follow_up, stored_by) select ou, de, pe, co, ao, value, num, comment, false, 'b' from import_stage order by 1,2,3,4,5 on conflict do nothing`); console.log(`  merge ${Date.now() - t} ms`); };
exps.mergeNoConflict = async () => { await stage(unsorted); await c.query(`set local work_mem='256MB'`); const t = Date.now(); await c.query(`insert into data_value (ou, de, pe, co, ao, value, num, comment, follow_up, stored_by) select ou, de, pe, co, ao, value, num, comment, false, 'b' from import_stage order by 1,2,3,4,5`); console.log(`  merge ${Date.now() - t} ms`); };
exps.sortOnly = async () => { await stage(unsorted); await c.query(`set local work_mem='256MB'`); const t = Date.now(); await c.query(`select count(*) from (select * from import_stage order by 1,2,3,4,5 offset 0) x`); console.log(`  sort ${Date.now() - t} ms`); };

const which = process.argv.slice(2);
for (const name of which) {
  const [base, opt] = name.split(':');
  await c.query('truncate data_value, data_value_audit');
  if (opt?.includes('noidx')) await c.query('drop index if exists data_value_de_pe_idx');
  if (opt?.includes('noauidx')) await c.query('drop index if exists data_value_audit_key_idx');
  await c.query('checkpoint');
  const t = Date.now();
  await c.query('begin');
  if (opt?.includes('async')) await c.query('set local synchronous_commit = off');
  await exps[base]();
  const t1 = Date.now();
  await c.query('commit');
  console.log(`${name}: ${Date.now() - t} ms (commit ${Date.now() - t1})`);
  await c.query('create index if not exists data_value_de_pe_idx on data_value (de, pe)');
  await c.query('create index if not exists data_value_audit_key_idx on data_value_audit (ou, de, pe, co)');
}
await c.end(); await server.stop();
