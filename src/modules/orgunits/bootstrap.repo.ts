// SQL of loading a whole province plan (orgunits.bootstrap.ts): bulk inserts in chunks.
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** The first of `codes` that is already a unit's code. */
export async function firstTakenCode(db: Db, codes: string[]): Promise<string | undefined> {
  if (!codes.length) return undefined;
  const r = await db.selectFrom('org_unit').select('code').where('code', 'in', codes).limit(1).executeTakeFirst();
  return r?.code;
}

export async function insertUnits(db: Db, rows: Insertable<DB['org_unit']>[]) {
  if (rows.length) await db.insertInto('org_unit').values(rows).execute();
}

export async function insertVersions(db: Db, rows: Insertable<DB['org_unit_version']>[]) {
  if (rows.length) await db.insertInto('org_unit_version').values(rows).execute();
}

export async function ensureLevel(db: Db, l: { level: number; name: string; nameEn: string }) {
  await db.insertInto('org_unit_level').values({ level: l.level, name: l.name, name_en: l.nameEn }).onConflict((oc) => oc.column('level').doNothing()).execute();
}

/** The id of the group set with this code, created when missing. */
export async function ensureGroupSet(db: Db, s: { id: string; code: string; name: string; nameEn: string | null }): Promise<string> {
  await db.insertInto('org_unit_group_set').values({ id: s.id, code: s.code, name: s.name, name_en: s.nameEn }).onConflict((oc) => oc.column('code').doNothing()).execute();
  return (await db.selectFrom('org_unit_group_set').select('id').where('code', '=', s.code).executeTakeFirstOrThrow()).id;
}

/** The id of the group with this code, created when missing. */
export async function ensureGroup(db: Db, g: { id: string; code: string; name: string; nameEn: string | null; setId: string }): Promise<string> {
  await db
    .insertInto('org_unit_group')
    .values({ id: g.id, code: g.code, name: g.name, name_en: g.nameEn, group_set_id: g.setId })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  return (await db.selectFrom('org_unit_group').select('id').where('code', '=', g.code).executeTakeFirstOrThrow()).id;
}

export async function insertMembers(db: Db, rows: { group_id: string; org_unit_id: string }[]) {
  if (rows.length) await db.insertInto('org_unit_group_member').values(rows).execute();
}

export async function insertEventUnits(db: Db, rows: { event_id: number; org_unit_id: string; role: 'subject' | 'predecessor' | 'successor' }[]) {
  if (rows.length) await db.insertInto('org_unit_event_unit').values(rows).execute();
}

/** Links of a plan event; a pair already linked is skipped. */
export async function insertLinks(db: Db, rows: Insertable<DB['org_unit_link']>[]) {
  if (rows.length) await db.insertInto('org_unit_link').values(rows).onConflict((oc) => oc.columns(['predecessor_id', 'successor_id']).doNothing()).execute();
}
