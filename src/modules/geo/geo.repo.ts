// SQL of the geo module: the units to draw, with their names and administrative codes. Which units
// lie below which comes from the tree in memory (analytics.cache.ts); scope from the kernel.
import { sql, type Kysely } from 'kysely';
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
  const { valid_from: _f, valid_to: _t, ...unit } = now ?? rows[0]!;
  return { ...unit, open: now !== undefined };
}

/** The units with their name and level on `asOf` (units not open then are left out), by name then code. */
export function unitsOn(db: Db, ids: readonly string[], asOf: string): Promise<GeoUnit[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_path as p', (j) => j.onRef('p.org_unit_id', '=', 'u.id').on('p.valid_from', '<=', asOf).on('p.valid_to', '>', asOf))
    .select(['u.id', 'u.code', 'p.name', 'u.name_en', 'u.kind', 'u.admin_code', 'u.admin_level', 'p.level'])
    .where('u.id', '=', sql<string>`any(${sql.val([...ids])}::text[])`)
    .orderBy('p.name')
    .orderBy('u.code')
    .execute();
}

/** GSO commune codes of the commune-level units (stations) among `ids`, by unit id. */
export async function communeCodes(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'admin_code'])
    .where('id', '=', sql<string>`any(${sql.val([...ids])}::text[])`)
    .where('admin_level', '=', 'commune')
    .where('admin_code', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.admin_code!]));
}
