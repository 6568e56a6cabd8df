// SQL of the data a report reads: the values stored in a unit's subtree for the report's months
// (aggregation over the tree, as analytics does; access is decided by the service, not here).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The values stored in a unit's subtree for some months. */
function subtreeValues(unitId: string, months: string[]) {
  return sql`
      from data_value v
      join period p on p.id = v.pe
     where p.iso = any(${months})
       and v.ou in (select d.iid from org_unit d
                     where exists (select 1 from org_unit_closure c where c.descendant_id = d.id and c.ancestor_id = ${unitId}))`;
}

/** Whether any value is stored in the unit's subtree for those months. */
export async function hasData(db: Db, unitId: string, months: string[]): Promise<boolean> {
  const r = await sql<{ x: number }>`select 1 as x ${subtreeValues(unitId, months)} limit 1`.execute(db);
  return r.rows.length > 0;
}

/** How many values the unit's subtree holds for those months and their latest change (the data state a report read). */
export async function dataState(db: Db, unitId: string, months: string[]): Promise<{ values: number; lastChange: string | null }> {
  const r = await sql<{ n: number; last: Date | null }>`select count(*)::int as n, max(v.last_updated) as last ${subtreeValues(unitId, months)}`.execute(db);
  const row = r.rows[0];
  return { values: row?.n ?? 0, lastChange: row?.last ? new Date(row.last).toISOString() : null };
}
