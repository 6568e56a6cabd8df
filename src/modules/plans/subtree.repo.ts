// SQL of aggregates over the tree below given units (values of a subtree, the links inside it): the
// units are ones the caller may read (the service checks them); nothing here decides access.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

export interface SubtreeValueRow {
  /** The unit whose subtree the value counts for. */
  unit: string;
  de: number;
  co: number;
  iso: string;
  start: string;
  end: string;
  value: number;
}

/**
 * Numeric values of data elements summed over each given unit's subtree, per period and option
 * combo. A value counts for a unit when the unit it was reported by was inside that subtree on the
 * period's first day (the effective-dated tree: history is aggregated as it was). Periods of any type
 * lying within [from, to] are included.
 */
export async function subtreeValues(db: Db, units: string[], des: number[], from: string, to: string): Promise<SubtreeValueRow[]> {
  if (units.length === 0 || des.length === 0) return [];
  const rows = await sql<SubtreeValueRow>`
    select c.ancestor_id as unit, v.de, v.co, p.iso, p.start_date as start, p.end_date as "end", sum(v.num)::float8 as value
    from data_value v
    join period p on p.id = v.pe
    join org_unit u on u.iid = v.ou
    join org_unit_closure c on c.descendant_id = u.id and c.valid_from <= p.start_date and c.valid_to > p.start_date
    where v.de = any(${des}::int[])
      and c.ancestor_id = any(${units}::text[])
      and p.start_date >= ${from}::date and p.end_date <= ${to}::date
      and v.num is not null
    group by c.ancestor_id, v.de, v.co, p.iso, p.start_date, p.end_date`.execute(db);
  return rows.rows;
}

/** Parent → child links inside the subtree of `unitId` as of a date (the link to the unit's own parent excluded). */
export async function subtreeLinks(db: Db, unitId: string, asOf: string): Promise<{ parent_id: string; org_unit_id: string }[]> {
  const units = await db
    .selectFrom('org_unit_closure')
    .select('descendant_id')
    .distinct()
    .where('ancestor_id', '=', unitId)
    .where('valid_from', '<=', asOf)
    .where('valid_to', '>', asOf)
    .execute();
  const ids = units.map((u) => u.descendant_id);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('org_unit_path')
    .select(['parent_id', 'org_unit_id'])
    .where('org_unit_id', 'in', ids)
    .where('valid_from', '<=', asOf)
    .where('valid_to', '>', asOf)
    .execute();
  return rows.filter((r): r is { parent_id: string; org_unit_id: string } => r.parent_id !== null && r.org_unit_id !== unitId);
}
