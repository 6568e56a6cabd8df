// The soyte HTTP server alone, on DATABASE_URL and PORT, configured from the environment like
// `soyte start` (the benchmarks start it as a child process: bench/entry, bench/load).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../src/core/config.js';
import { connect } from '../src/db/connection.js';
import { buildApp } from '../src/server/app.js';

// Counts the statements sent to PostgreSQL; SIGUSR2 prints the count (run.ts reports queries per save).
let queries = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;
process.on('SIGUSR2', () => console.log(`queries ${queries}`));

// The event loop's delays (how long a ready request could not run); SIGUSR1 prints and resets them.
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.on('SIGUSR1', () => {
  console.log(`event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`);
  delay.reset();
});

const config = loadConfig({ ...process.env, SOYTE_LOG_LEVEL: 'silent' } as Record<string, string>);
const database = connect(process.env.DATABASE_URL!, 'external', undefined, config.dbPoolSize);
const app = await buildApp({ store: database.store, config, webDist: '/nonexistent' });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
process.on('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
