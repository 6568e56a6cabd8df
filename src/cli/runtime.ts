// Start-up pieces shared by the CLI commands.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../core/context.js';
import { openDatabase, type Database } from '../db/connection.js';
import { actorForUsername } from '../modules/users/auth.service.js';
import { WEB_DIST } from '../server/app.js';
import { prepareDatabase } from '../server/prepare.js';

/** Opens the database (embedded or DATABASE_URL), applies pending migrations and seeds the built-in roles. */
export async function openAndMigrate(config: Config, log = (m: string) => console.log(m)): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgOsUser: config.pgOsUser, poolSize: config.dbPoolSize, log });
  try {
    const applied = await prepareDatabase(database, config);
    if (applied.length) log(`Migrations applied: ${applied.join(', ')}`);
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** Runs `fn` with a context on the (migrated) database, as the system or as `user`; closes it afterwards. */
export async function withContext<T>(config: Config, fn: (ctx: Ctx) => Promise<T>, opts: { user?: string } = {}): Promise<T> {
  const database = await openAndMigrate(config);
  try {
    let ctx = new Ctx(SYSTEM_ACTOR, database.store, config, 'en');
    if (opts.user) {
      const actor = await actorForUsername(ctx, opts.user);
      if (!actor) throw new Error(`No active user "${opts.user}".`);
      ctx = ctx.as(actor);
    }
    return await fn(ctx);
  } finally {
    await database.close();
  }
}

/** Newest modification time of the web app's sources (0 when they are not shipped). */
function newestWebSource(root: string): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const f of fs.readdirSync(p)) visit(path.join(p, f));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['web/src', 'web/index.html', 'web/public', 'web/vite.config.ts']) visit(path.join(root, p));
  return newest;
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `npm start` (and the browser tests) build the web app when web/dist is missing or older than its
 * sources. A lock directory keeps two processes from building into the same folder at once.
 */
export function ensureWebBuilt(log = (m: string) => console.log(m)): boolean {
  const root = path.resolve(WEB_DIST, '../..');
  const index = path.join(WEB_DIST, 'index.html');
  const fresh = () => fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestWebSource(root);
  if (fresh()) return true;
  // vite's package exports do not expose bin/, so locate it on disk.
  const viteBin = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(viteBin)) {
    if (fs.existsSync(index)) return true;
    log('The web app is not built and Vite is not installed (npm install without --omit=dev builds it). The API works without it.');
    return false;
  }
  const lock = path.join(root, 'web', '.build-lock');
  let waiting = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Another process is building. A lock whose process is gone (killed mid-build) is taken over;
      // one without a pid yet is given a few seconds to write it.
      let stale: boolean;
      try {
        const pid = Number(fs.existsSync(path.join(lock, 'pid')) ? fs.readFileSync(path.join(lock, 'pid'), 'utf8') : 0);
        stale = pid ? !processAlive(pid) : Date.now() - fs.statSync(lock).mtimeMs > 10_000;
      } catch {
        continue; // the lock went away meanwhile: try again
      }
      if (stale) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waiting) log('Waiting for another process that is building the web app…');
      waiting = true;
      sleepSync(500);
    }
  }
  try {
    if (fresh()) return true;
    log('Building the web app…');
    const r = spawnSync(process.execPath, [viteBin, 'build', '--config', path.join(root, 'web/vite.config.ts'), '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (r.status !== 0) log('The web app could not be built; the API works without it.');
    return r.status === 0;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
