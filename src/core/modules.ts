// The module registry. Each domain folder exports one descriptor (its index.ts): routes, permissions
// (and which built-in roles hold them), messages, migrations, CLI commands and start-up work. The
// server, the migrator, the message catalogue, the role seed and the CLI loop over the list in
// src/modules/index.ts; a new module is its folder plus one line there.
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './config.js';
import type { Ctx, Permission } from './context.js';
import { registerMessages, type Messages } from './i18n.js';

/** A migration (Kysely's shape): `up` and `down` receive the database. Names sort in order of application. */
export interface Migration {
  up(db: never): Promise<void>;
  down?(db: never): Promise<void>;
}

export const BUILTIN_ROLES = {
  system_admin: { name: 'Quản trị hệ thống', nameEn: 'System administrator' },
  unit_admin: { name: 'Quản trị đơn vị', nameEn: 'Unit administrator' },
  data_entry: { name: 'Nhập liệu', nameEn: 'Data entry' },
  approver: { name: 'Phê duyệt', nameEn: 'Approver' },
  viewer: { name: 'Xem', nameEn: 'Viewer' },
} as const;
export type BuiltinRole = keyof typeof BUILTIN_ROLES;

/** What a module's routes get from the server. */
export interface RouteDeps {
  /** The request's context (UNAUTHENTICATED when nobody is logged in). */
  ctx(req: FastifyRequest): Ctx;
  /** A context for a request that may be anonymous (login); its actor is whoever is logged in, if anyone. */
  anonymous(req: FastifyRequest): Ctx;
  /** Runs a password check, counting a failure against the caller's address (429 after too many). */
  authAttempt<T>(req: FastifyRequest, attempt: () => Promise<T>): Promise<T>;
  /**
   * Runs a job module (its default export, a `WorkerJob`) in a worker thread with this context's
   * actor, configuration and language, on its own database connection and its own heap: for work that
   * builds large answers (exports), whose garbage collection would otherwise pause every other
   * request. Errors the job throws before its first byte (403, 409 …) are thrown here as they were.
   */
  inWorker(ctx: Ctx, job: URL, input: unknown): Promise<WorkerOutput>;
  config: Config;
}

/** What a job run by `RouteDeps.inWorker` returns: a few strings (a file name …) and its bytes. */
export interface WorkerJobResult {
  meta: Record<string, string>;
  body: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
}
export type WorkerJob = (ctx: Ctx, input: never) => Promise<WorkerJobResult>;

/** The job's result in the server: its strings, and its bytes as they come (read to pull more). */
export interface WorkerOutput {
  meta: Record<string, string>;
  body: Readable;
}

/** What a module's CLI commands get. */
export interface CliDeps {
  config(): Config;
  /**
   * Opens the (migrated) database, runs `fn` with a context of the system or of `user` (their scope
   * and roles), and closes the database afterwards.
   */
  withContext<T>(fn: (ctx: Ctx) => Promise<T>, opts?: { user?: string }): Promise<T>;
}

export interface ModuleDescriptor {
  /** Folder name, e.g. 'orgunits'. */
  name: string;
  /** Permissions this module defines, with the built-in roles that hold them. */
  permissions?: { [P in Permission]?: readonly BuiltinRole[] };
  /** Server messages (errors, documents), Vietnamese and English. */
  messages?: Messages;
  /** Migrations by name ('yyyymmdd_nnnn_what'); all modules' migrations run in name order. */
  migrations?: Record<string, Migration>;
  routes?(app: FastifyInstance, deps: RouteDeps): void;
  cli?(program: Command, deps: CliDeps): void;
  /** Work whenever an app is built on a database (server and tests), e.g. default templates. List order. */
  start?(ctx: Ctx): Promise<unknown>;
  /**
   * Work of `soyte start` only, before the server listens (the admin account, the demo on first start).
   * Returns lines to print once the server is ready. List order.
   */
  serve?(ctx: Ctx, io: { log(line: string): void }): Promise<string[] | void>;
  /** Invariants of the module's data (`soyte db check`, and tests after structural changes). */
  check?(ctx: Ctx): Promise<CheckProblem[]>;
}

/** A broken invariant found by a module's check. */
export interface CheckProblem {
  check: string;
  message: string;
  details?: unknown;
}

export function defineModule<M extends ModuleDescriptor>(m: M): M {
  return m;
}

const installed = new WeakSet<readonly ModuleDescriptor[]>();

/** Registers the modules' messages once; checks that names and migrations are unique. */
export function installModules(modules: readonly ModuleDescriptor[]): void {
  if (installed.has(modules)) return;
  const names = new Set<string>();
  const migrations = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`Module ${m.name} is listed twice`);
    names.add(m.name);
    for (const key of Object.keys(m.migrations ?? {})) {
      if (migrations.has(key)) throw new Error(`Migration ${key} of ${m.name} is defined by another module too`);
      migrations.add(key);
    }
    if (m.messages) registerMessages(m.messages, m.name);
  }
  installed.add(modules);
}

/** Every module's migrations, by name. */
export function migrationsOf(modules: readonly ModuleDescriptor[]): Record<string, Migration> {
  return Object.assign({}, ...modules.map((m) => m.migrations ?? {}));
}

/** The permissions of each built-in role, as the modules declare them (sorted). */
export function builtinRolePermissions(modules: readonly ModuleDescriptor[]): Record<BuiltinRole, string[]> {
  const out = Object.fromEntries(Object.keys(BUILTIN_ROLES).map((r) => [r, new Set<string>()])) as Record<BuiltinRole, Set<string>>;
  out.system_admin.add('system:admin');
  for (const m of modules) {
    for (const [permission, roles] of Object.entries(m.permissions ?? {})) {
      for (const role of roles as readonly BuiltinRole[]) out[role].add(permission);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([r, s]) => [r, [...s].sort()])) as Record<BuiltinRole, string[]>;
}

/** Every permission the modules declare. */
export function allPermissions(modules: readonly ModuleDescriptor[]): string[] {
  return [...new Set(['system:admin', ...modules.flatMap((m) => Object.keys(m.permissions ?? {}))])].sort();
}
