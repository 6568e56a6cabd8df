// One PostgreSQL per test run: the embedded server in a temporary directory, or TEST_DATABASE_URL.
// A template database is migrated and loaded with the demo province once; each test file clones it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect } from '../db/connection.js';
import { startEmbedded, type EmbeddedServer } from '../db/embedded.js';
import { testConfig } from '../core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../core/context.js';
import { loadDemo } from '../modules/demo/demo.service.js';
import { ensureAdmin } from '../modules/users/users.service.js';
import { prepareDatabase } from '../server/prepare.js';
import { TEST_ADMIN_PASSWORD, TEST_DEMO_PASSWORD } from './constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
    dbKind: 'embedded' | 'external';
  }
}

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

interface Shared {
  adminUrl: string;
  templateDb: string;
  dbKind: 'embedded' | 'external';
  stop(): Promise<void>;
}

// The db and browser tiers are two projects of one run: they share one server and one template
// (the second project's setup finds it started), torn down when the last project is done. Each
// project evaluates this file anew, so the shared state lives on the process.
const state = ((globalThis as { __soyteTestDatabase?: { shared?: Promise<Shared>; users: number } }).__soyteTestDatabase ??= { users: 0 });

async function start(): Promise<Shared> {
  let server: EmbeddedServer | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-test-'));
    fs.chmodSync(tmp, 0o755);
    server = await startEmbedded({ dataDir: tmp, fast: true });
    adminUrl = server.adminUrl;
  }
  const templateDb = `soyte_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${templateDb}`);
  await admin.query(`create database ${templateDb}`);
  const database = connect(withDatabase(adminUrl, templateDb), 'external');
  const config = testConfig();
  await prepareDatabase(database, config);
  const ctx = new Ctx(SYSTEM_ACTOR, database.store, config);
  await ensureAdmin(ctx, TEST_ADMIN_PASSWORD);
  await loadDemo(ctx, { password: TEST_DEMO_PASSWORD, history: 'seed' });
  // Planner statistics travel with the template to every clone; without them joins over the
  // hierarchy pick poor plans.
  await sql`analyze`.execute(database.db);
  await database.close();
  return {
    adminUrl,
    templateDb,
    dbKind: server ? 'embedded' : 'external',
    async stop() {
      // Drop what this run made (clones are dropped by their files; sweep leftovers too).
      const r = await admin.query(`select datname from pg_database where datname like 'soyte_t_%' or datname = $1`, [templateDb]);
      for (const { datname } of r.rows) await admin.query(`drop database if exists "${datname}" with (force)`).catch(() => {});
      await admin.end();
      await server?.stop();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  state.users++;
  state.shared ??= start();
  const s = await state.shared;
  project.provide('adminUrl', s.adminUrl);
  project.provide('templateDb', s.templateDb);
  project.provide('dbKind', s.dbKind);
  return async () => {
    if (--state.users === 0) {
      state.shared = undefined;
      await s.stop();
    }
  };
}
