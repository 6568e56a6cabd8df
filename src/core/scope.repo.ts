// The SQL of access: whether units are inside an actor's scope, and the scope filter every list query
// applies (`inScope`). Scope is the subtree of the actor's unit over time (org_unit_closure holds one
// row per ancestor, descendant and interval of unchanged ancestry).
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Scope } from './context.js';

type Db = Kysely<DB>;

export interface ScopeOptions {
  /** Inside the subtree on this date (a 'YYYY-MM-DD' value or a date column); default: ever. */
  asOf?: string | Expression<string>;
  /** Strictly below the scope's root. */
  below?: boolean;
}

/**
 * SQL condition: the unit in `unitColumn` is inside `scope`. For `.where(inScope(…))` in the query
 * builder and `${inScope(…)}` in sql templates. The whole system (root null) is always true.
 */
export function inScope(scope: Scope, unitColumn: string | Expression<string>, opts: ScopeOptions = {}): RawBuilder<boolean> {
  if (scope.root === null) return sql<boolean>`true`;
  const unit = typeof unitColumn === 'string' ? sql.ref(unitColumn) : unitColumn;
  const below = opts.below ? sql` and sc.depth >= 1` : sql``;
  const asOf = opts.asOf === undefined ? sql`` : sql` and sc.valid_from <= ${opts.asOf} and sc.valid_to > ${opts.asOf}`;
  return sql<boolean>`exists (select 1 from org_unit_closure sc where sc.descendant_id = ${unit} and sc.ancestor_id = ${scope.root}${below}${asOf})`;
}

export async function unitInScope(db: Db, scope: Scope, unitId: string, asOf: string | undefined, below: boolean): Promise<boolean> {
  if (scope.root === null) return !below || (await unitExists(db, unitId));
  const r = await sql<{ ok: number }>`select 1 as ok where ${inScope(scope, sql.val(unitId), { asOf, below })}`.execute(db);
  return r.rows.length > 0;
}

export async function unitExists(db: Db, unitId: string): Promise<boolean> {
  return (await db.selectFrom('org_unit').select('id').where('id', '=', unitId).executeTakeFirst()) !== undefined;
}

export async function unitsInScope(db: Db, scope: Scope, unitIds: string[], asOf?: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select u.id from unnest(${unitIds}::text[]) as u(id) where ${inScope(scope, sql.ref('u.id'), { asOf })}`.execute(db);
  return r.rows.map((x) => x.id);
}
