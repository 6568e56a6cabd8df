// The request context every service takes: who is acting (Actor), where data lives (Store), the
// configuration and the caller's language. Services reach the database only through repositories
// bound by `ctx.use(repo)`; they never hold a query builder.
import type { Config } from './config.js';
import type { Locale } from './i18n.js';

/**
 * Permissions, declared by the modules that define them (each module's descriptor augments this
 * interface, so `Permission` knows every permission of the installed modules):
 *
 *   declare module '../../core/context.js' { interface PermissionRegistry { 'plan:write': true } }
 */
export interface PermissionRegistry {
  'system:admin': true;
}
export type Permission = keyof PermissionRegistry;

/** The units an actor may see: the subtree of `root` (all units it ever held), or everything when null. */
export interface Scope {
  root: string | null;
}

export interface Actor {
  id: string | null; // null for the system itself (CLI, bootstrap) and anonymous callers
  username: string;
  /** Root of the actor's scope; null = the whole system (system administrators and the system only). */
  orgUnitId: string | null;
  roles: string[];
  permissions: ReadonlySet<string>;
}

/** Holds every permission, including those of modules installed later. */
class AllPermissions extends Set<string> {
  override has(): boolean {
    return true;
  }
}

/** The system itself: every permission, the whole tree. For the CLI, bootstrap and background work. */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  id: null,
  username: 'system',
  orgUnitId: null,
  roles: ['system_admin'],
  permissions: new AllPermissions(),
});

/** An actor as plain data (what a worker thread is given), and back. */
export interface ActorData {
  id: string | null;
  username: string;
  orgUnitId: string | null;
  roles: string[];
  /** 'all': every permission, as the system. */
  permissions: string[] | 'all';
}

export function actorToData(a: Actor): ActorData {
  const all = a.permissions instanceof AllPermissions;
  return { id: a.id, username: a.username, orgUnitId: a.orgUnitId, roles: [...a.roles], permissions: all ? 'all' : [...a.permissions] };
}

export function actorFromData(d: ActorData): Actor {
  return Object.freeze({
    id: d.id,
    username: d.username,
    orgUnitId: d.orgUnitId,
    roles: d.roles,
    permissions: d.permissions === 'all' ? new AllPermissions() : new Set(d.permissions),
  });
}

/** Nobody is logged in: no permission, and a scope root that is no unit (so no scope at all). */
export const ANONYMOUS_ACTOR: Actor = Object.freeze({
  id: null,
  username: 'anonymous',
  orgUnitId: '',
  roles: [],
  permissions: new Set<string>(),
});

/**
 * A repository is a module of functions whose first parameter is the database (`*.repo.ts`).
 * Bound<R> is the same functions with the database already given.
 */
type RepoFn = (db: never, ...args: never[]) => unknown;
export type Bound<R> = {
  [K in keyof R as R[K] extends RepoFn ? K : never]: R[K] extends (db: never, ...args: infer A) => infer T ? (...args: A) => T : never;
};

/** Where data lives: binds repositories to a connection or a transaction (implemented in src/db/store.ts). */
/** Where a database is: enough for a worker thread to open its own connection to it. */
export interface DatabaseLocation {
  url: string;
  kind: 'embedded' | 'external';
}

export interface Store {
  readonly kind: 'embedded' | 'external';
  /** Where this database is (absent for a store that cannot be reopened elsewhere). */
  readonly location?: DatabaseLocation;
  readonly inTransaction: boolean;
  bind<R extends object>(repo: R): Bound<R>;
  /** Runs `fn` in one transaction (joins the current one when already inside a transaction). */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
}

export class Ctx {
  constructor(
    readonly actor: Actor,
    readonly store: Store,
    readonly config: Config,
    readonly locale: Locale = 'vi',
  ) {}

  /** The repository's functions, bound to this context's connection (its transaction inside `transaction`). */
  use<R extends object>(repo: R): Bound<R> {
    return this.store.bind(repo);
  }

  /** Runs `fn` with a context whose repositories share one transaction. */
  transaction<T>(fn: (tx: Ctx) => Promise<T>): Promise<T> {
    if (this.store.inTransaction) return fn(this);
    return this.store.transaction((s) => fn(new Ctx(this.actor, s, this.config, this.locale)));
  }

  /** The same context acting as someone else (e.g. the actor a session resolved to). */
  as(actor: Actor): Ctx {
    return new Ctx(actor, this.store, this.config, this.locale);
  }

  /** The same context answering in another language. */
  inLocale(locale: Locale): Ctx {
    return locale === this.locale ? this : new Ctx(this.actor, this.store, this.config, locale);
  }
}
