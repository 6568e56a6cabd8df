// Test helpers: a fresh database per test file (a clone of the demo template) and the HTTP app on it.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testConfig, type Config } from '../core/config.js';
import { Ctx, SYSTEM_ACTOR, type Actor } from '../core/context.js';
import { connect, type Database } from '../db/connection.js';
import { buildApp } from '../server/app.js';
import { TEST_ADMIN_PASSWORD, TEST_DEMO_PASSWORD } from './constants.js';

export { TEST_ADMIN_PASSWORD, TEST_DEMO_PASSWORD };

/** A new database cloned from the migrated, demo-loaded template; dropped after the file. `url` reaches it (e.g. for the CLI). */
export async function freshDatabase(): Promise<Database & { url: string }> {
  const adminUrl = inject('adminUrl');
  const name = `soyte_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('templateDb')}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const database = Object.assign(connect(u.toString(), inject('dbKind')), { url: u.toString() });
  afterAll(async () => {
    await database.close();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  });
  return database;
}

/** A context on a test database: the system, or `actor`. */
export function testCtx(database: Database, actor: Actor = SYSTEM_ACTOR, config: Config = testConfig()): Ctx {
  return new Ctx(actor, database.store, config);
}

export interface TestApp {
  app: FastifyInstance;
  database: Database & { url: string };
  config: Config;
  /** A context on the app's database, as the system (default) or `actor`. */
  ctx(actor?: Actor): Ctx;
  /** Logs in through the API; returns headers to send as that user (cookie + CSRF token). */
  login(username: string, password?: string): Promise<Record<string, string>>;
  basic(username: string, password?: string): Record<string, string>;
  /** Unit id by code. */
  unit(code: string): Promise<string>;
}

export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config = testConfig(env);
  const app = await buildApp({ store: database.store, config, webDist: '/nonexistent' });
  afterAll(() => app.close());
  const passwordOf = (u: string) => (u === 'admin' ? TEST_ADMIN_PASSWORD : TEST_DEMO_PASSWORD);
  return {
    app,
    database,
    config,
    ctx: (actor = SYSTEM_ACTOR) => new Ctx(actor, database.store, config),
    async login(username, password = passwordOf(username)) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      return { cookie, 'x-csrf-token': res.json().csrfToken };
    },
    basic(username, password = passwordOf(username)) {
      return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
    },
    async unit(code) {
      const r = await database.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      return r.id;
    },
  };
}

export function json<T = any>(res: LightMyRequestResponse): T {
  return res.json() as T;
}
