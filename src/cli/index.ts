// The `soyte` command: start, db migrate, db check, and every module's own commands.
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { translate } from '../core/i18n.js';
import { installModules, type CliDeps } from '../core/modules.js';
import { EmbeddedDbError } from '../db/embedded.js';
import { modules } from '../modules/index.js';
import { buildApp } from '../server/app.js';
import { runChecks } from '../server/checks.js';
import { ensureWebBuilt, openAndMigrate, withContext } from './runtime.js';

installModules(modules);

async function start(config: Config) {
  const t0 = Date.now();
  const database = await openAndMigrate(config);
  const system = new Ctx(SYSTEM_ACTOR, database.store, config, 'en');
  const notices: string[] = [];
  for (const m of modules) {
    const lines = await m.serve?.(system, { log: (s) => console.log(s) });
    if (lines) notices.push(...lines);
  }
  ensureWebBuilt();
  const app = await buildApp({ store: database.store, config });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping soyte…`);
    await app.close().catch(() => {});
    await database.close();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await database.close();
    throw e;
  }
  const port = (app.server.address() as { port: number }).port;
  console.log(`\nsoyte is ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: http://localhost:${port}  (database: ${database.kind})`);
  for (const line of notices) console.log(line);
}

const program = new Command('soyte').description('soyte — health-sector management for Vietnamese provincial Departments of Health');

program.command('start', { isDefault: true }).description('start the server (migrates, loads the demo on first start)').action(() => start(loadConfig()));

const db = program.command('db').description('database commands');
db.command('migrate')
  .description('apply pending migrations')
  .action(() => withContext(loadConfig(), async () => console.log('Database is up to date.')));
db.command('check')
  .description("check the database's invariants (e.g. the organisation tree is a tree on every date); exit code 1 on a problem")
  .action(() =>
    withContext(loadConfig(), async (ctx) => {
      const problems = await runChecks(ctx, modules, (line) => console.log(line));
      if (problems) process.exitCode = 1;
    }),
  );

const deps: CliDeps = { config: () => loadConfig(), withContext: (fn, opts) => withContext(loadConfig(), fn, opts) };
for (const m of modules) m.cli?.(program, deps);

program.parseAsync().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof EmbeddedDbError) console.error(e.message);
  else if (e instanceof AppError) console.error(translate(e.messageKey ?? e.code, 'en', e.params));
  else if (e instanceof Error && !(e as NodeJS.ErrnoException).code?.startsWith?.('ERR_')) console.error(`Error: ${e.message}`);
  else console.error(e);
  process.exit(1);
});
