// DHIS2's `children=true` in exports: the units below the chosen ones, with the intervals during which
// they were below. This aggregates over the tree and decides no access — the export applies the
// kernel's filter (inScope) to every value it returns.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Descendants (the units themselves included) of `unitIds` with their intervals overlapping from–to. */
export async function descendantIntervals(db: Kysely<DB>, unitIds: string[], from: string, to: string): Promise<{ unitId: string; from: string; to: string }[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('org_unit_closure')
    .select(['descendant_id', 'valid_from', 'valid_to'])
    .where('ancestor_id', 'in', unitIds)
    .where('valid_from', '<=', to)
    .where('valid_to', '>', from)
    .execute();
  return rows.map((r) => ({ unitId: r.descendant_id, from: String(r.valid_from), to: String(r.valid_to) }));
}
