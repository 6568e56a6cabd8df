import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Store } from '../core/context.js';
import type { DB } from './schema.js';
import { startEmbedded, type EmbeddedServer } from './embedded.js';
import { storeOf } from './store.js';

// SQL `date` stays a 'YYYY-MM-DD' string (no time-zone shifts); bigint counts become numbers.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export type DatabaseKind = 'embedded' | 'external';

export interface Database {
  /** The query builder: for repositories (through `store`), migrations, tests and tools. */
  db: Kysely<DB>;
  /** What contexts are built on: repositories bound to this database. */
  store: Store;
  kind: DatabaseKind;
  close(): Promise<void>;
}

/**
 * Statements whose SQL starts with this comment are sent as named prepared statements: parsed and
 * planned once per connection instead of on every execution. For the few hot, fixed statements of
 * request paths (e.g. saving one data value), whose planning costs more than their execution.
 */
export const PREPARED = '/* soyte:prepared */ ';

function preparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const names = new Map<string, string>();
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const text = args[0];
    if (typeof text !== 'string' || !text.startsWith(PREPARED)) return query(...args);
    let name = names.get(text);
    if (!name) names.set(text, (name = `soyte_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
    return query({ name, text, values: args[1] }, ...args.slice(2));
  };
}

export function connect(url: string, kind: DatabaseKind, onClose?: () => Promise<void>, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {}); // an idle client lost (e.g. server stopping) must not crash the process
  pool.on('connect', (client) => {
    preparedStatements(client);
    // A connection lost while checked out (the server restarting mid-transaction) fails its queries
    // (the request gets its error and the client is discarded on release); its 'error' event must not
    // crash the process.
    client.on('error', () => {});
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  return {
    db,
    store: storeOf(db, kind, { url, kind }),
    kind,
    close() {
      closing ??= (async () => {
        await db.destroy();
        await onClose?.();
      })();
      return closing;
    },
  };
}

async function ensureDatabase(server: EmbeddedServer, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    const r = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Opens the database soyte runs on: DATABASE_URL when given, else the embedded server in dataDir. */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  pgOsUser?: string;
  poolSize?: number;
  log?: (msg: string) => void;
}): Promise<Database> {
  if (opts.databaseUrl) return connect(opts.databaseUrl, 'external', undefined, opts.poolSize);
  const server = await startEmbedded({ dataDir: opts.dataDir, osUser: opts.pgOsUser, log: opts.log });
  try {
    await ensureDatabase(server, 'soyte');
  } catch (e) {
    await server.stop();
    throw e;
  }
  return connect(server.urlFor('soyte'), 'embedded', () => server.stop(), opts.poolSize);
}
