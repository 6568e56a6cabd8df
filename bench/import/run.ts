// Benchmark: a 1,000,000-value dataValueSets JSON import on the embedded database, through the same
// service function POST /api/dataValueSets uses, against a raw COPY of the same rows into an
// equivalent plain table in the same run.  Run: npx tsx bench/import/run.ts [--values N] [--http] [--fast]
//   --fast  starts PostgreSQL with fsync off (as the tests do); default is the production settings.
//   --http  also imports the same values as CSV through the HTTP route (app.inject).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import pgCopy from 'pg-copy-streams';
import { loadConfig } from '../../src/core/config.js';
import { connect } from '../../src/db/connection.js';
import { startEmbedded } from '../../src/db/embedded.js';
import { prepareDatabase } from '../../src/server/prepare.js';
import { testConfig } from '../../src/core/config.js';
import { contextOf } from '../../src/db/store.js';
import { buildProvincePlan } from '../../src/modules/orgunits/bootstrap/plan.js';
import { applyProvincePlan } from '../../src/modules/orgunits/orgunits.bootstrap.js';
import { ensureAdmin } from '../../src/modules/users/users.service.js';
import { importDataValues, parseImportOptions } from '../../src/modules/imports/imports.service.js';
import { parseJsonSet } from '../../src/modules/imports/parse.js';
import { SYSTEM_ACTOR } from '../../src/core/context.js';
import { buildApp } from '../../src/server/app.js';

const arg = (name: string) => process.argv.includes(name);
const argValue = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const TARGET = argValue('--values', 1_000_000);
const ELEMENTS = 100; // × 2 option combos = 200 values per unit and month
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-bench-import-'));
  fs.chmodSync(tmp, 0o755);
  console.log(`Starting the embedded PostgreSQL in ${tmp}${arg('--fast') ? ' (fsync off)' : ''}…`);
  const server = await startEmbedded({ dataDir: tmp, fast: arg('--fast') });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query('create database bench');
  await admin.end();
  const database = connect(server.urlFor('bench'), 'embedded');
  const db = database.db;
  try {
    await prepareDatabase(database, testConfig());
    console.log('Building the Thanh Hóa hierarchy (org units only, no demo data)…');
    await applyProvincePlan(contextOf(db), buildProvincePlan('38'), {});
    await ensureAdmin(contextOf(db), 'Bench@2024');

    // Synthetic metadata: 100 elements disaggregated by sex in one monthly data set, assigned to every unit.
    await sql`insert into category_option (id, code, name) values ('bnOptMale01', 'BN_M', 'Nam'), ('bnOptFemal1', 'BN_F', 'Nữ')`.execute(db);
    await sql`insert into category (id, code, name) values ('bnCatSex001', 'BN_SEX', 'Giới tính')`.execute(db);
    await sql`insert into category_option_in_category values ('bnCatSex001', 'bnOptMale01', 0), ('bnCatSex001', 'bnOptFemal1', 1)`.execute(db);
    await sql`insert into category_combo (id, code, name) values ('bnComboSex1', 'BN_SEX', 'Giới tính')`.execute(db);
    await sql`insert into category_in_combo values ('bnComboSex1', 'bnCatSex001', 0)`.execute(db);
    await sql`insert into category_option_combo (id, code, name, category_combo_id, sort_order) values
      ('bnCocMale01', 'BN_M', 'Nam', 'bnComboSex1', 0), ('bnCocFemal1', 'BN_F', 'Nữ', 'bnComboSex1', 1)`.execute(db);
    await sql`insert into data_set (id, code, name, period_type, category_combo_id, entry_grace_days)
      values ('bnDataSet01', 'BN_DS', 'Bench', 'Monthly', 'bjDvmb4bfuf', null)`.execute(db);
    const elements: string[] = [];
    for (let i = 0; i < ELEMENTS; i++) elements.push(`bnDe${String(i).padStart(7, '0')}`);
    await sql`insert into data_element (id, code, name, value_type, category_combo_id)
      select e, 'BN_DE_' || e, 'Bench ' || e, 'INTEGER_ZERO_OR_POSITIVE', 'bnComboSex1' from unnest(${elements}::text[]) e`.execute(db);
    await sql`insert into data_set_element (data_set_id, data_element_id, sort_order) select 'bnDataSet01', e, 0 from unnest(${elements}::text[]) e`.execute(db);
    await sql`insert into data_set_unit (data_set_id, org_unit_id, valid_from) select 'bnDataSet01', id, '2000-01-01' from org_unit`.execute(db);
    const units = (
      await sql<{ id: string }>`select id from org_unit where opening_date <= '2024-01-01' and (closed_date is null or closed_date > '2024-12-31') order by code`.execute(db)
    ).rows.map((r) => r.id);
    const perMonth = units.length * ELEMENTS * 2;
    const months = Math.ceil(TARGET / perMonth);
    if (months > 12) throw new Error('too many values for one year of this hierarchy');
    console.log(`Metadata: ${ELEMENTS} elements × 2 option combos, ${units.length} units, ${months} months.`);

    // The payload: DHIS2 dataValueSets JSON with uids.
    let t = Date.now();
    const parts: string[] = ['{"dataSet":"bnDataSet01","dataValues":['];
    let count = 0;
    outer: for (let m = 1; m <= months; m++) {
      const period = `2024${String(m).padStart(2, '0')}`;
      for (const ou of units) {
        for (const de of elements) {
          for (const coc of ['bnCocMale01', 'bnCocFemal1']) {
            if (count >= TARGET) break outer;
            parts.push(`${count ? ',' : ''}{"dataElement":"${de}","period":"${period}","orgUnit":"${ou}","categoryOptionCombo":"${coc}","value":"${(count * 7919) % 1000}"}`);
            count++;
          }
        }
      }
    }
    parts.push(']}');
    const body = parts.join('');
    parts.length = 0;
    console.log(`Generated ${fmt(count)} values, ${(body.length / 1048576).toFixed(1)} MB of JSON in ${secs(Date.now() - t)}.`);

    const ctx = contextOf(db);
    const timings: Record<string, number> = {};
    const options = parseImportOptions({}, { progress: () => {}, timings });

    // 1. Import through the service (parse + checks + COPY staging + merge + audit).
    t = Date.now();
    const set = parseJsonSet(body);
    const tParse = Date.now() - t;
    const tCall = Date.now();
    const summary = await importDataValues(ctx, set, options);
    const tImport = Date.now() - t;
    if (process.env.BENCH_DEBUG) console.log(`debug: call ${Date.now() - tCall} ms, before call ${tCall - t} ms`);
    if (summary.importCount.imported !== count) throw new Error(`imported ${JSON.stringify(summary.importCount)} ${JSON.stringify(summary.conflicts.slice(0, 3))}`);
    const rate = count / (tImport / 1000);
    console.log(`Phases (ms): ${JSON.stringify(timings)}`);
    for (const k of Object.keys(timings)) delete timings[k];
    console.log(`\nImport (JSON parse ${secs(tParse)} + checks + write): ${secs(tImport)} → ${fmt(rate)} values/s  [${JSON.stringify(summary.importCount)}]`);

    // 2. The same file again: every value unchanged (ignored).
    t = Date.now();
    const again = await importDataValues(ctx, parseJsonSet(body), options);
    const tAgain = Date.now() - t;
    console.log(`Phases (ms): ${JSON.stringify(timings)}`);
    console.log(`Re-import, nothing changed: ${secs(tAgain)} → ${fmt(count / (tAgain / 1000))} values/s  [ignored ${fmt(again.importCount.ignored)}]`);

    // 3. Raw COPY of the same rows into an equivalent plain table (same columns and primary key,
    //    no checks, no audit), integer keys already resolved.
    const keyRows = await sql<{ ou: number; id: string }>`select iid as ou, id from org_unit`.execute(db);
    const ouIid = new Map(keyRows.rows.map((r) => [r.id, r.ou]));
    const deIid = new Map((await sql<{ iid: number; id: string }>`select iid, id from data_element`.execute(db)).rows.map((r) => [r.id, r.iid]));
    const cocIid = new Map((await sql<{ iid: number; id: string }>`select iid, id from category_option_combo`.execute(db)).rows.map((r) => [r.id, r.iid]));
    const peId = new Map((await sql<{ id: number; iso: string }>`select id, iso from period`.execute(db)).rows.map((r) => [r.iso, r.id]));
    const dflt = cocIid.get('HllvX50cXC0');
    const lines: string[] = [];
    const auditLines: string[] = [];
    let buf = '';
    let abuf = '';
    for (const r of set.rows) {
      const k = `${ouIid.get(r.orgUnit)}\t${deIid.get(r.dataElement)}\t${peId.get(r.period)}\t${cocIid.get(r.categoryOptionCombo)}\t${dflt}`;
      buf += `${k}\t${r.value}\t${r.value}\tbench\n`;
      abuf += `${k}\tCREATE\t${r.value}\timport\tbench\n`;
      if (buf.length > 1 << 20) {
        lines.push(buf);
        buf = '';
      }
      if (abuf.length > 1 << 20) {
        auditLines.push(abuf);
        abuf = '';
      }
    }
    lines.push(buf);
    auditLines.push(abuf);
    const client = new pg.Client({ connectionString: server.urlFor('bench') });
    await client.connect();
    const rawCopy = async (table: string, like = 'data_value', data = lines, columns = 'ou, de, pe, co, ao, value, num, stored_by') => {
      await client.query(`create table ${table} (like ${like} including defaults including identity${table.endsWith('pk') ? ' including indexes' : ''})`);
      const t0 = Date.now();
      await client.query('begin');
      const stream = client.query(pgCopy.from(`copy ${table} (${columns}) from stdin`));
      for (const chunk of data) if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
      stream.end();
      await new Promise<void>((resolve, reject) => {
        stream.on('finish', () => resolve());
        stream.on('error', reject);
      });
      await client.query('commit');
      return Date.now() - t0;
    };
    const tCopyPk = await rawCopy('raw_copy_pk');
    const tCopyHeap = await rawCopy('raw_copy_heap');
    // The floor of a fully audited import: the same rows COPYed raw into a copy of data_value AND one
    // audit row each into a copy of data_value_audit, both with all their indexes (no checks at all).
    const tCopyAudit = await rawCopy('raw_audit_pk', 'data_value_audit', auditLines, 'ou, de, pe, co, ao, audit_type, value, source, modified_by');
    // The analytics design's share (docs/analytics.md): the same raw COPY into data_value itself
    // (hash-partitioned by unit), with its rollup triggers on, then off.
    const copyIntoDataValue = async (triggers: boolean) => {
      await client.query('truncate data_value, data_value_audit');
      if (!triggers) await client.query('alter table data_value disable trigger user');
      const t0 = Date.now();
      await client.query('begin');
      const stream = client.query(pgCopy.from('copy data_value (ou, de, pe, co, ao, value, num, stored_by) from stdin'));
      for (const chunk of lines) if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
      stream.end();
      await new Promise<void>((resolve, reject) => {
        stream.on('finish', () => resolve());
        stream.on('error', reject);
      });
      await client.query('commit');
      const ms = Date.now() - t0;
      if (!triggers) await client.query('alter table data_value enable trigger user');
      return ms;
    };
    const tPartTrig = await copyIntoDataValue(true);
    const tPartNoTrig = await copyIntoDataValue(false);
    await client.query('truncate data_value, data_value_audit');
    await client.end();
    const copyRate = count / (tCopyPk / 1000);
    console.log(`Raw COPY into a copy of data_value (same PK and indexes): ${secs(tCopyPk)} → ${fmt(copyRate)} values/s`);
    console.log(`Raw COPY into a plain table without any index:            ${secs(tCopyHeap)} → ${fmt(count / (tCopyHeap / 1000))} values/s`);
    console.log(`Raw COPY of one audit row each into a copy of data_value_audit (its indexes): ${secs(tCopyAudit)}`);
    console.log(`  → raw floor of a fully audited write (values + audit rows): ${secs(tCopyPk + tCopyAudit)} → ${fmt(count / ((tCopyPk + tCopyAudit) / 1000))} values/s`);
    console.log(`Raw COPY into data_value itself (partitioned), rollup triggers on:  ${secs(tPartTrig)} → ${fmt(count / (tPartTrig / 1000))} values/s`);
    console.log(`Raw COPY into data_value itself (partitioned), rollup triggers off: ${secs(tPartNoTrig)} → ${fmt(count / (tPartNoTrig / 1000))} values/s`);

    let httpRate: number | undefined;
    if (arg('--http')) {
      await sql`truncate data_value, data_value_audit`.execute(db);
      const csv = set.rows.map((r) => `${r.dataElement},${r.period},${r.orgUnit},${r.categoryOptionCombo},,${r.value}\n`).join('');
      const app = await buildApp({ store: database.store, config: loadConfig({ SOYTE_LOG_LEVEL: 'silent', SOYTE_DATA_DIR: tmp }), webDist: '/nonexistent' });
      const adminAuth = `Basic ${Buffer.from('admin:Bench@2024').toString('base64')}`;
      t = Date.now();
      const res = await app.inject({ method: 'POST', url: '/api/dataValueSets', payload: csv, headers: { authorization: adminAuth, 'content-type': 'application/csv' } });
      const tHttp = Date.now() - t;
      const s = res.json();
      httpRate = count / (tHttp / 1000);
      console.log(`HTTP POST /api/dataValueSets (CSV, ${(csv.length / 1048576).toFixed(1)} MB, as admin): ${res.statusCode} in ${secs(tHttp)} → ${fmt(httpRate)} values/s  [${JSON.stringify(s.importCount)}]`);
      await app.close();
    }

    const ratio = rate / copyRate;
    console.log('\n=== bench/import ===');
    console.log(`values:               ${fmt(count)}`);
    console.log(`import values/s:      ${fmt(rate)}   (target ≥ 150,000)  ${rate >= 150_000 ? 'OK' : 'BELOW TARGET'}`);
    console.log(`raw COPY values/s:    ${fmt(copyRate)}`);
    console.log(`import / raw COPY:    ${(ratio * 100).toFixed(1)} %   (target ≥ 10 %)  ${ratio >= 0.1 ? 'OK' : 'BELOW TARGET'}`);
    if (httpRate) console.log(`HTTP CSV values/s:    ${fmt(httpRate)}`);
  } finally {
    await database.close();
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
