// The Store of the kernel (core/context.ts) on Kysely: binds repository modules to a connection or a
// transaction. Only repositories (`*.repo.ts`) and this folder see the query builder.
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../core/config.js';
import { testConfig } from '../core/config.js';
import { Ctx, SYSTEM_ACTOR, type Actor, type Bound, type DatabaseLocation, type Store } from '../core/context.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;
type DatabaseKind = Store['kind'];

class KyselyStore implements Store {
  private readonly bound = new WeakMap<object, object>();

  constructor(
    private readonly db: Kysely<DB> | Transaction<DB>,
    readonly kind: DatabaseKind,
    readonly location?: DatabaseLocation,
  ) {}

  get inTransaction(): boolean {
    return this.db.isTransaction;
  }

  bind<R extends object>(repo: R): Bound<R> {
    let b = this.bound.get(repo);
    if (!b) {
      const fns: Record<string, unknown> = {};
      for (const [name, fn] of Object.entries(repo)) {
        if (typeof fn === 'function') fns[name] = (...args: unknown[]) => (fn as (db: Db, ...a: unknown[]) => unknown)(this.db, ...args);
      }
      this.bound.set(repo, (b = Object.freeze(fns)));
    }
    return b as Bound<R>;
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return this.db.transaction().execute((tx) => fn(new KyselyStore(tx, this.kind, this.location)));
  }
}

/** The Store of a database: what contexts are built on. */
export function storeOf(db: Kysely<DB>, kind: DatabaseKind, location?: DatabaseLocation): Store {
  return new KyselyStore(db, kind, location);
}

/** A context on a database outside a request: the system (or `actor`), for the CLI, tests and tools. */
export function contextOf(db: Kysely<DB>, opts: { actor?: Actor; config?: Config; kind?: DatabaseKind } = {}): Ctx {
  return new Ctx(opts.actor ?? SYSTEM_ACTOR, storeOf(db, opts.kind ?? 'external'), opts.config ?? testConfig());
}
