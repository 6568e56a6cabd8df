import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { startEmbedded, type EmbeddedServer } from './embedded.js';

// SQL `date` stays a 'YYYY-MM-DD' string (no time-zone shifts); bigint counts become numbers.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export type DatabaseKind = 'embedded' | 'external';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export function connect(url: string, kind: DatabaseKind, onClose?: () => Promise<void>): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {}); // an idle client lost (e.g. server stopping) must not crash the process
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  return {
    db,
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
  log?: (msg: string) => void;
}): Promise<Database> {
  if (opts.databaseUrl) return connect(opts.databaseUrl, 'external');
  const server = await startEmbedded({ dataDir: opts.dataDir, log: opts.log });
  try {
    await ensureDatabase(server, 'soyte');
  } catch (e) {
    await server.stop();
    throw e;
  }
  return connect(server.urlFor('soyte'), 'embedded', () => server.stop());
}
