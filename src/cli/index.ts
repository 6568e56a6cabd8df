// The `soyte` command.
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { EmbeddedDbError } from '../db/embedded.js';
import { AppError } from '../lib/errors.js';
import { translate } from '../lib/i18n.js';
import { cliProgressReporter } from '../lib/progress.js';
import { isLoaded, loadDemo, DEMO_USERS } from '../modules/demo/demo.service.js';
import { buildProvincePlan, listProvinces } from '../modules/orgunits/bootstrap/plan.js';
import { applyProvincePlan } from '../modules/orgunits/orgunits.bootstrap.js';
import { runImport, type ImportCliOptions } from '../modules/imports/imports.cli.js';
import { runReport, runReportBatch, type BatchCliOptions, type ReportCliOptions } from '../modules/reports/reports.cli.js';
import { SYSTEM_ACTOR } from '../modules/users/access.js';
import { hashPassword, randomToken, strongEnough } from '../modules/users/passwords.js';
import { ensureAdmin } from '../modules/users/users.service.js';
import { buildApp } from '../server/app.js';
import { ensureWebBuilt, openAndMigrate } from './runtime.js';

async function start(config: Config) {
  const t0 = Date.now();
  const database = await openAndMigrate(config);
  const ctx = { db: database.db, actor: SYSTEM_ACTOR };
  const admin = await ensureAdmin(ctx, config.adminPassword);
  if (config.loadDemo && !(await isLoaded(database.db)) && !(await database.db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst())) {
    console.log('Loading the demo province Thanh Hóa (38)…');
    const p = cliProgressReporter();
    const t = Date.now();
    const r = await loadDemo(database.db, { password: config.demoPassword, progress: p.report, history: 'full' });
    p.done();
    console.log(`Demo loaded in ${((Date.now() - t) / 1000).toFixed(1)} s: ${r.units} units, ${r.events} merge events, ${r.links} links; ` +
      `${r.data.values.toLocaleString('vi-VN')} data values (${r.data.months} months), ${r.data.forms.toLocaleString('vi-VN')} forms, ${r.data.planTargets.toLocaleString('vi-VN')} plan targets.`);
  }
  ensureWebBuilt();
  const app = await buildApp({ db: database.db, dbKind: database.kind, config });
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
  if (admin.password) {
    console.log(`Log in as admin with the password: ${admin.password}`);
    console.log('(printed once; set SOYTE_ADMIN_PASSWORD on first start to choose it, or run `soyte admin-password`)');
  } else if (admin.created) {
    console.log('Log in as admin with the password from SOYTE_ADMIN_PASSWORD.');
  } else {
    console.log('Log in as admin (password set on first start).');
  }
  if (config.loadDemo && (await isLoaded(database.db))) {
    console.log(`Demo users (password ${config.demoPassword === 'Demo@2024' ? 'Demo@2024' : 'from SOYTE_DEMO_PASSWORD'}): ${DEMO_USERS.map((u) => u.username).join(', ')}`);
  }
}

async function withDb<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openAndMigrate>>) => Promise<T>) {
  const database = await openAndMigrate(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

const program = new Command('soyte').description('soyte — health-sector management for Vietnamese provincial Departments of Health');

program.command('start', { isDefault: true }).description('start the server (migrates, loads the demo on first start)').action(() => start(loadConfig()));

program
  .command('db')
  .description('database commands')
  .command('migrate')
  .description('apply pending migrations')
  .action(() => withDb(loadConfig(), async () => console.log('Database is up to date.')));

program
  .command('init')
  .description("build a province's health hierarchy (before and after the 2025 reform) from the bundled official unit lists")
  .requiredOption('--province <code>', 'GSO province code, e.g. 38 for Thanh Hóa')
  .option('--list', 'only list the province codes')
  .action(async (o: { province: string; list?: boolean }) => {
    if (o.list) {
      for (const p of listProvinces()) console.log(`${p.code}  ${p.name}${p.mergedInto ? `  (merged into ${p.mergedInto})` : ''}`);
      return;
    }
    const plan = buildProvincePlan(o.province);
    await withDb(loadConfig(), async ({ db }) => {
      console.log(`Building the health hierarchy of ${plan.province.name} (${plan.units.length} units)…`);
      const p = cliProgressReporter();
      const r = await applyProvincePlan(db, plan, { progress: p.report });
      p.done();
      console.log(`Done: ${r.units} units, ${r.events} events, ${r.links} links.`);
      for (const w of plan.warnings ?? []) console.log(`  warning: ${w}`);
    });
  });

program
  .command('import')
  .description('import data values: DHIS2 dataValueSets JSON or CSV, or a filled Excel template (same checks as the API)')
  .argument('<file>', 'the file (.json, .csv or .xlsx)')
  .option('--format <format>', 'json | csv | xlsx (default: from the file name)')
  .option('--dry-run', 'check and count only; write nothing')
  .option('--atomic', 'all or nothing: write nothing if any row is refused')
  .option('--id-scheme <scheme>', 'identifiers in the file: uid | code | auto', 'uid')
  .option('--strategy <strategy>', 'CREATE_AND_UPDATE | CREATE | UPDATE | DELETE', 'CREATE_AND_UPDATE')
  .option('--user <username>', "import as this user (their scope and role); default: the system")
  .action(async (file: string, o: ImportCliOptions) => {
    await withDb(loadConfig(), ({ db }) => runImport(db, file, o));
  });

program
  .command('report')
  .description('write the report of a unit and period (opens or creates its draft): DOCX, PDF or HTML')
  .requiredOption('--template <code>', 'report template, e.g. BC_TTYT_THANG')
  .requiredOption('--org <code>', 'organisation unit, e.g. TTYT399')
  .requiredOption('--period <period>', 'e.g. 202405, 2024Q2, 2024S1, 2024N9, 2024')
  .option('--format <format>', 'docx | pdf | html (default: from --out, else docx)')
  .option('--out <file>', 'output file (default: <template>_<unit>_<period>.<format>)')
  .option('--user <username>', 'generate as this user (their scope and role); default: the system')
  .action(async (o: ReportCliOptions) => {
    await withDb(loadConfig(), ({ db }) => runReport(db, o));
  });

program
  .command('report-batch')
  .description('write the report of every unit of the template\'s kind inside a unit (e.g. every health centre), with progress')
  .requiredOption('--template <code>', 'report template, e.g. BC_TTYT_THANG')
  .requiredOption('--period <period>', 'e.g. 202405')
  .requiredOption('--out <dir|file.zip>', 'a folder, or a .zip file')
  .option('--parent <code>', 'the unit whose units get a report (default: the province)')
  .option('--format <format>', 'docx | pdf', 'docx')
  .option('--user <username>', 'generate as this user (their scope and role); default: the system')
  .action(async (o: BatchCliOptions) => {
    await withDb(loadConfig(), ({ db }) => runReportBatch(db, o));
  });

program
  .command('admin-password')
  .description('set a new password for the user admin (prints it)')
  .option('--password <password>', 'the new password (default: generated)')
  .action(async (o: { password?: string }) => {
    const pw = o.password ?? `${randomToken(9)}7a`;
    if (!strongEnough(pw)) throw new Error('The password needs at least 8 characters with letters and digits.');
    await withDb(loadConfig(), async ({ db }) => {
      const { created } = await ensureAdmin({ db, actor: SYSTEM_ACTOR }, pw);
      if (!created) await db.updateTable('app_user').set({ password_hash: await hashPassword(pw), failed_logins: 0, locked_until: null }).where('username', '=', 'admin').execute();
      console.log(`New password of admin: ${pw}`);
    });
  });

program.parseAsync().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof EmbeddedDbError) console.error(e.message);
  else if (e instanceof AppError) console.error(translate(e.messageKey ?? e.code, 'en', e.params));
  else if (e instanceof Error && !(e as NodeJS.ErrnoException).code?.startsWith?.('ERR_')) console.error(`Error: ${e.message}`);
  else console.error(e);
  process.exit(1);
});
