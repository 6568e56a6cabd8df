// Serves a built web app (its dist folder) with the soyte server on an existing database, to measure
// one build against another on the same data:
//   DATABASE_URL=postgres://… npx tsx bench/transfer/serve.ts --web web/dist --port 4102
// (A database with the demo: start `soyte start` once with SOYTE_DATA_DIR=…; its embedded PostgreSQL
// is reachable at the port in <data>/pg/postmaster.pid, user soyte, password in <data>/pg-password.)
import path from 'node:path';
import { loadConfig } from '../../src/core/config.js';
import { connect } from '../../src/db/connection.js';
import { buildApp } from '../../src/server/app.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const webDist = path.resolve(opt('web', 'web/dist'));
const port = Number(opt('port', '4102'));

const config = loadConfig({ ...process.env, SOYTE_LOG_LEVEL: 'warn' } as Record<string, string>);
const database = connect(url, 'external');
const app = await buildApp({ store: database.store, config, webDist });
await app.listen({ port, host: '127.0.0.1' });
console.log(`serving ${webDist} on http://127.0.0.1:${port}`);
const stop = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
