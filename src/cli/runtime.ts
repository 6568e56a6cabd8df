// Start-up pieces shared by the CLI commands.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { WEB_DIST } from '../server/app.js';

export async function openAndMigrate(config: Config, log = (m: string) => console.log(m)): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) log(`Migrations applied: ${applied.join(', ')}`);
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** `npm start` builds the web app when web/dist is missing. */
export function ensureWebBuilt(log = (m: string) => console.log(m)): boolean {
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) return true;
  const root = path.resolve(WEB_DIST, '../..');
  // vite's package exports do not expose bin/, so locate it on disk.
  const viteBin = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(viteBin)) {
    log('The web app is not built and Vite is not installed (npm install without --omit=dev builds it). The API works without it.');
    return false;
  }
  log('Building the web app (first start only)…');
  const r = spawnSync(process.execPath, [viteBin, 'build', '--config', path.join(root, 'web/vite.config.ts'), '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) log('The web app could not be built; the API works without it.');
  return r.status === 0;
}
