// The database of a benchmark: embedded PostgreSQL in `dir`, database `bench` (created anew unless
// an earlier run's database is reused).
import pg from 'pg';
import { connect, type Database } from '../src/db/connection.js';
import { startEmbedded } from '../src/db/embedded.js';

export async function openBenchDatabase(dir: string, o: { fast: boolean; reuse: boolean }): Promise<{ database: Database; url: string; stop(): Promise<void> }> {
  const server = await startEmbedded({ dataDir: dir, fast: o.fast });
  if (!o.reuse) {
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('drop database if exists bench');
    await admin.query('create database bench');
    await admin.end();
  }
  const url = server.urlFor('bench');
  const database = connect(url, 'embedded');
  return {
    database,
    url,
    async stop() {
      await database.close();
      await server.stop();
    },
  };
}
