// The soyte HTTP server alone, on DATABASE_URL and PORT (used by bench/entry/run.ts as a child process).
import { loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/connection.js';
import { buildApp } from '../../src/server/app.js';

const config = loadConfig({ ...process.env, SOYTE_LOG_LEVEL: 'silent' } as Record<string, string>);
const database = connect(process.env.DATABASE_URL!, 'external');
const app = await buildApp({ db: database.db, dbKind: 'external', config, webDist: '/nonexistent' });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
process.on('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
