// SQL of the geo module: which units to draw, and the communes their stations stand for.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

export interface GeoUnit {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  kind: string;
  admin_code: string | null;
  admin_level: string | null;
  level: number;
}

/** The unit (by id or code) with its level on `asOf`, or its latest level if it is not open then. */
export async function findUnit(db: Db, idOrCode: string, asOf: string): Promise<(GeoUnit & { open: boolean }) | undefined> {
  const rows = await db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_path as p', 'p.org_unit_id', 'u.id')
    .select(['u.id', 'u.code', 'p.name', 'u.name_en', 'u.kind', 'u.admin_code', 'u.admin_level', 'p.level', 'p.valid_from', 'p.valid_to'])
    .where((eb) => eb.or([eb('u.id', '=', idOrCode), eb('u.code', '=', idOrCode)]))
    .orderBy('p.valid_from', 'desc')
    .execute();
  if (rows.length === 0) return undefined;
  const now = rows.find((r) => r.valid_from <= asOf && asOf < r.valid_to);
  const { valid_from: _f, valid_to: _t, ...unit } = now ?? rows[0];
  return { ...unit, open: now !== undefined };
}

/**
 * Units of `level` inside `parentId` (the parent itself when it has that level) on `asOf`; when
 * `scopeRoot` is given, only those inside it on that date.
 */
export function unitsAtLevel(db: Db, parentId: string, level: number, asOf: string, scopeRoot: string | null): Promise<GeoUnit[]> {
  return db
    .selectFrom('org_unit_closure as c')
    .innerJoin('org_unit as u', 'u.id', 'c.descendant_id')
    .innerJoin('org_unit_path as p', (j) =>
      j.onRef('p.org_unit_id', '=', 'u.id').on('p.valid_from', '<=', asOf).on('p.valid_to', '>', asOf))
    .select(['u.id', 'u.code', 'p.name', 'u.name_en', 'u.kind', 'u.admin_code', 'u.admin_level', 'p.level'])
    .where('c.ancestor_id', '=', parentId)
    .where('c.valid_from', '<=', asOf)
    .where('c.valid_to', '>', asOf)
    .where('p.level', '=', level)
    .$if(scopeRoot !== null, (q) =>
      q.where((eb) =>
        eb.exists(
          eb.selectFrom('org_unit_closure as s')
            .select('s.descendant_id')
            .whereRef('s.descendant_id', '=', 'u.id')
            .where('s.ancestor_id', '=', scopeRoot!)
            .where('s.valid_from', '<=', asOf)
            .where('s.valid_to', '>', asOf),
        ),
      ))
    .orderBy('p.name')
    .orderBy('u.code')
    .execute();
}

/** GSO commune codes of the commune-level units (stations) inside each of `unitIds` on `asOf`. */
export async function communesBelow(db: Db, unitIds: string[], asOf: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('org_unit_closure as c')
    .innerJoin('org_unit as u', 'u.id', 'c.descendant_id')
    .select(['c.ancestor_id', 'u.admin_code'])
    .where('c.ancestor_id', 'in', unitIds)
    .where('c.valid_from', '<=', asOf)
    .where('c.valid_to', '>', asOf)
    .where('u.admin_level', '=', 'commune')
    .where('u.admin_code', 'is not', null)
    .orderBy('u.admin_code')
    .execute();
  for (const r of rows) {
    const list = out.get(r.ancestor_id);
    if (list) list.push(r.admin_code!);
    else out.set(r.ancestor_id, [r.admin_code!]);
  }
  return out;
}

/** Top-level units open on `asOf` (the default parent of a global actor when there is only one). */
export function roots(db: Db, asOf: string) {
  return db
    .selectFrom('org_unit_path')
    .select('org_unit_id as id')
    .where('level', '=', 1)
    .where('valid_from', '<=', asOf)
    .where('valid_to', '>', asOf)
    .execute();
}
