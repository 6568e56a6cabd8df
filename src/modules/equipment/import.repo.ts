// SQL of the register import and the labels: the units an import may name, and what a re-upload
// finds already in the register (same tag, same serial in the same unit, or a row imported before).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

export interface ImportUnit {
  id: string;
  code: string;
  name: string;
  short_name: string | null;
  kind: string;
  closed_date: string | null;
}

/** The units of the subtree of `unitId` (a unit the caller has checked) on `date`, itself included, open or closed. */
export async function unitsBelow(db: Db, unitId: string, date: string): Promise<ImportUnit[]> {
  const r = await sql<ImportUnit>`
    select u.id, u.code, u.name, u.short_name, u.kind, u.closed_date::text as closed_date
      from org_unit_closure c join org_unit u on u.id = c.descendant_id
     where c.ancestor_id = ${unitId} and c.valid_from <= ${date}::date and c.valid_to > ${date}::date
     order by c.depth, u.code`.execute(db);
  return r.rows;
}

/** Units anywhere in the tree by code (case-insensitive): to tell "unknown" from "outside your scope". */
export async function unitsByCodes(db: Db, codes: readonly string[]): Promise<{ id: string; code: string }[]> {
  if (!codes.length) return [];
  return db.selectFrom('org_unit').select(['id', 'code']).where(sql<string>`lower(code)`, 'in', codes.map((c) => c.toLowerCase())).execute();
}

export interface Existing {
  id: string;
  tag: string;
}

/** Assets holding any of these tags (case-insensitive), by lower-case tag. */
export async function assetsByTags(db: Db, tags: readonly string[]): Promise<Map<string, Existing>> {
  if (!tags.length) return new Map();
  const rows = await db
    .selectFrom('equipment_asset')
    .select(['id', 'tag'])
    .where(sql<string>`lower(tag)`, 'in', [...new Set(tags.map((t) => t.toLowerCase()))])
    .execute();
  return new Map(rows.map((r) => [r.tag.toLowerCase(), r]));
}

/** Assets of these units with these serials (case-insensitive), by "unitId|serial". */
export async function assetsBySerials(db: Db, pairs: readonly { unitId: string; serial: string }[]): Promise<Map<string, Existing>> {
  if (!pairs.length) return new Map();
  const r = await sql<Existing & { k: string }>`
    select a.id, a.tag, a.org_unit_id || '|' || lower(a.serial) as k
      from equipment_asset a
      join unnest(${pairs.map((p) => p.unitId)}::text[], ${pairs.map((p) => p.serial.toLowerCase())}::text[]) as x(unit_id, serial)
        on a.org_unit_id = x.unit_id and lower(a.serial) = x.serial
     where a.serial is not null`.execute(db);
  return new Map(r.rows.map((x) => [x.k, { id: x.id, tag: x.tag }]));
}

/** Assets written by an earlier import of the same row (the key kept in its history), by key. */
export async function assetsByImportKeys(db: Db, keys: readonly string[]): Promise<Map<string, Existing>> {
  if (!keys.length) return new Map();
  const r = await sql<Existing & { k: string }>`
    select distinct on (e.after->>'key') e.after->>'key' as k, a.id, a.tag
      from equipment_event e join equipment_asset a on a.id = e.asset_id
     where e.action = 'import' and e.after->>'key' = any(${[...keys]}::text[])
     order by e.after->>'key', e.id`.execute(db);
  return new Map(r.rows.map((x) => [x.k, { id: x.id, tag: x.tag }]));
}

export interface LabelRow {
  id: string;
  tag: string;
  name: string;
  org_unit_id: string;
  unit_name: string;
  room: string | null;
}

/** The assets of the labels, by ids (in the order of the register: unit, tag). */
export async function labelAssets(db: Db, ids: readonly string[]): Promise<LabelRow[]> {
  if (!ids.length) return [];
  const r = await sql<LabelRow>`
    select a.id, a.tag, a.name, a.org_unit_id, u.name as unit_name, a.room
      from equipment_asset a join org_unit u on u.id = a.org_unit_id
     where a.id = any(${[...ids]}::text[])
     order by u.code, a.tag`.execute(db);
  return r.rows;
}
