// SQL of the equipment register: the catalogue, assets, their history and files, the standard lists
// and the functional stock they are compared with. Lists read a unit's subtree as it stands on a date
// (org_unit_closure); the caller has checked that the unit is in the actor's scope on that date, so the
// subtree is inside the scope too.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AssetStatus } from './equipment.contract.js';
import { escapeLike } from '../../lib/text.js';
import type { EquipmentAssetTable } from './equipment.tables.js';

type Db = Kysely<DB>;
export type AssetRow = Selectable<EquipmentAssetTable>;

export interface UnitInfo {
  id: string;
  code: string;
  name: string;
  kind: string;
}

/** A unit by id or code. */
export async function findUnit(db: Db, ref: string): Promise<UnitInfo | undefined> {
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'kind'])
    .where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)]))
    .orderBy(sql`id = ${ref}`, 'desc')
    .executeTakeFirst();
}

export async function unitsByIds(db: Db, ids: readonly string[]): Promise<Map<string, UnitInfo>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The unit that keeps the books of `unitId` on `date`: itself when it is a health centre or the
 * Department, else its nearest such ancestor (a station's assets are on its centre's books).
 */
export async function accountingUnit(db: Db, unitId: string, date: string): Promise<UnitInfo | undefined> {
  const r = await sql<UnitInfo>`
    select u.id, u.code, u.name, u.kind
      from org_unit_closure c join org_unit u on u.id = c.ancestor_id
     where c.descendant_id = ${unitId} and c.valid_from <= ${date}::date and c.valid_to > ${date}::date
       and u.kind in ('health_centre', 'department', 'hospital')
     order by c.depth limit 1`.execute(db);
  return r.rows[0];
}

// ------------------------------------------------------------------ catalogue

export async function ensureCategories(db: Db, rows: { code: string; group_code: string; name: string; name_en: string; risk_class: string | null; wear_class: string; counted: boolean; position: number }[]) {
  if (!rows.length) return;
  await db.insertInto('equipment_category').values(rows as never).onConflict((oc) => oc.column('code').doNothing()).execute();
}

export function listCategories(db: Db) {
  return db.selectFrom('equipment_category').selectAll().orderBy('position').orderBy('code').execute();
}

export function getCategory(db: Db, code: string) {
  return db.selectFrom('equipment_category').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Seeds a unit kind's standard list when it has none (an edited list is left as it is). */
export async function seedStandardItems(db: Db, unitKind: string, rows: { id: string; code: string; name: string; name_en: string; categories: string[]; required: number; essential: boolean; position: number }[]) {
  const has = await db.selectFrom('equipment_standard_item').select('id').where('unit_kind', '=', unitKind).limit(1).executeTakeFirst();
  if (has || !rows.length) return;
  await db.insertInto('equipment_standard_item').values(rows.map((r) => ({ ...r, unit_kind: unitKind }))).execute();
}

export function standardItems(db: Db, unitKind: string) {
  return db.selectFrom('equipment_standard_item').selectAll().where('unit_kind', '=', unitKind).orderBy('position').orderBy('code').execute();
}

export async function upsertStandardItem(db: Db, row: { id: string; unit_kind: string; code: string; name: string; name_en: string | null; categories: string[]; required: number; essential: boolean }) {
  return db
    .insertInto('equipment_standard_item')
    .values({ ...row, position: sql`(select coalesce(max(position), 0) + 1 from equipment_standard_item where unit_kind = ${row.unit_kind})` })
    .onConflict((oc) => oc.columns(['unit_kind', 'code']).doUpdateSet({ name: row.name, name_en: row.name_en, categories: row.categories, required: row.required, essential: row.essential }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteStandardItem(db: Db, unitKind: string, code: string): Promise<boolean> {
  const r = await db.deleteFrom('equipment_standard_item').where('unit_kind', '=', unitKind).where('code', '=', code).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ------------------------------------------------------------------ assets

export function getAsset(db: Db, id: string) {
  return db.selectFrom('equipment_asset').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getAssetByTag(db: Db, tag: string) {
  return db.selectFrom('equipment_asset').selectAll().where(sql`lower(tag)`, '=', tag.toLowerCase()).executeTakeFirst();
}

export async function tagTaken(db: Db, tag: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('equipment_asset').select('id').where(sql`lower(tag)`, '=', tag.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The next free number of the tags `<prefix>-NNNN`. */
export async function nextTagNumber(db: Db, prefix: string): Promise<number> {
  const r = await sql<{ n: number | null }>`
    select max(substring(tag from ${`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{1,9})$`})::int) as n
      from equipment_asset where lower(tag) like ${`${prefix.toLowerCase().replace(/[%_\\]/g, '\\$&')}-%`}`.execute(db);
  return (r.rows[0]?.n ?? 0) + 1;
}

export async function insertAsset(db: Db, row: Omit<AssetRow, 'created_at' | 'updated_at' | 'version'>) {
  return db.insertInto('equipment_asset').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Applies a change when the asset is still at `version`; undefined when someone changed it meanwhile. */
export async function updateAsset(db: Db, id: string, version: number, set: Partial<AssetRow>, userId: string | null) {
  return db
    .updateTable('equipment_asset')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()`, updated_by: userId } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function insertEvent(db: Db, e: { asset_id: string; action: string; before: unknown; after: unknown; note: string | null; user_id: string | null; username: string | null }) {
  const r = await db
    .insertInto('equipment_event')
    .values({ ...e, before: e.before == null ? null : JSON.stringify(e.before), after: e.after == null ? null : JSON.stringify(e.after) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function listEvents(db: Db, assetId: string) {
  return db.selectFrom('equipment_event').selectAll().where('asset_id', '=', assetId).orderBy('id', 'desc').limit(500).execute();
}

export function listFiles(db: Db, assetId: string) {
  return db.selectFrom('equipment_file').select(['id', 'kind', 'file_name', 'size', 'created_at']).where('asset_id', '=', assetId).orderBy('created_at').execute();
}

export async function insertFile(db: Db, f: { id: string; asset_id: string; kind: 'photo' | 'document'; file_name: string; mime: string; size: number; sha256: string; content: Buffer; event_id: number | null; created_by: string | null }) {
  await db.insertInto('equipment_file').values(f).execute();
}

export function getFile(db: Db, id: string) {
  return db.selectFrom('equipment_file').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function fileBytesOf(db: Db, assetId: string): Promise<number> {
  const r = await db.selectFrom('equipment_file').select(sql<number>`coalesce(sum(size), 0)::int`.as('n')).where('asset_id', '=', assetId).executeTakeFirstOrThrow();
  return r.n;
}

/** Earliest next due date of each asset's active schedules. */
export async function nextDueOf(db: Db, assetIds: readonly string[]): Promise<Map<string, string>> {
  if (!assetIds.length) return new Map();
  const rows = await db
    .selectFrom('equipment_schedule')
    .select(['asset_id', sql<string>`min(next_due)::text`.as('due')])
    .where('asset_id', 'in', [...assetIds])
    .where('active', '=', true)
    .groupBy('asset_id')
    .execute();
  return new Map(rows.filter((r) => r.due).map((r) => [r.asset_id, r.due]));
}

export interface AssetFilter {
  root: string;
  date: string;
  q?: string;
  category?: string;
  group?: string;
  statuses?: readonly AssetStatus[];
  excludeStatuses?: readonly AssetStatus[];
  fullyWornOn?: string;
  /** The subtree's units, spelled out (searches: see filterSql); otherwise read from org_unit_closure. */
  unitIds?: string[];
  limit?: number;
  offset?: number;
}

/** The asset's unit is `unitId` or below it on `date` (the asked unit; access was checked on it). */
function subtreeCondition(unitId: string, date: string) {
  return sql<boolean>`a.org_unit_id in (select c.descendant_id from org_unit_closure c
    where c.ancestor_id = ${unitId} and c.valid_from <= ${date}::date and c.valid_to > ${date}::date)`;
}

function filterSql(f: AssetFilter) {
  const parts = [f.unitIds ? sql<boolean>`a.org_unit_id = any(${f.unitIds}::text[])` : subtreeCondition(f.root, f.date)];
  // The caller gives the search key of the words (searchKey: no case, no tone marks). With the units
  // spelled out, the two-column trigram index finds a centre's matches without reading the province's.
  if (f.q) parts.push(sql`a.search_key like ${`%${escapeLike(f.q)}%`}`);
  if (f.category) parts.push(sql`a.category_code = ${f.category}`);
  if (f.group) parts.push(sql`a.category_code in (select code from equipment_category where group_code = ${f.group})`);
  if (f.statuses?.length) parts.push(sql`a.status = any(${[...f.statuses]}::text[])`);
  if (f.excludeStatuses?.length) parts.push(sql`a.status <> all(${[...f.excludeStatuses]}::text[])`);
  if (f.fullyWornOn) parts.push(sql`a.fully_worn_on <= ${f.fullyWornOn}::date`);
  return sql.join(parts, sql` and `);
}

export interface AssetListRow {
  id: string;
  tag: string;
  name: string;
  category_code: string;
  category_name: string;
  status: AssetStatus;
  cost: number;
  quantity: number;
  acquired: string;
  room: string | null;
  risk_class: 'A' | 'B' | 'C' | 'D' | null;
  fully_worn_on: string | null;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  next_due: string | null;
}

export async function listAssets(db: Db, f: AssetFilter): Promise<AssetListRow[]> {
  const page = f.limit === undefined ? sql`` : sql` limit ${f.limit} offset ${f.offset ?? 0}`;
  const r = await sql<AssetListRow>`
    select a.id, a.tag, a.name, a.category_code, k.name as category_name, a.status, a.cost, a.quantity,
           a.acquired::text as acquired, a.room, a.risk_class, a.fully_worn_on::text as fully_worn_on,
           u.id as unit_id, u.code as unit_code, u.name as unit_name,
           (select min(s.next_due)::text from equipment_schedule s where s.asset_id = a.id and s.active) as next_due
      from equipment_asset a
      join org_unit u on u.id = a.org_unit_id
      join equipment_category k on k.code = a.category_code
     where ${filterSql(f)}
     order by lower(a.tag)${page}`.execute(db);
  return r.rows;
}

/**
 * How many assets match, counting at most `cap` (a search over a national register is not counted to
 * the end: "more than 10.000"). A filter by status only is read from the per-unit tallies the
 * triggers of migration 0009 keep, exactly and without reading the assets.
 */
export async function countAssets(db: Db, f: AssetFilter, cap: number): Promise<{ total: number; capped: boolean }> {
  if (!f.q && !f.category && !f.group && !f.fullyWornOn) return { total: await tallied(db, f.root, f.date, f.statuses, f.excludeStatuses), capped: false };
  const r = await sql<{ n: number }>`select count(*)::int as n from (select 1 from equipment_asset a where ${filterSql(f)} limit ${cap + 1}) x`.execute(db);
  const n = r.rows[0]!.n;
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

/** The units of a subtree on `date` (the asked unit itself included). */
export async function subtreeUnitIds(db: Db, unitId: string, date: string): Promise<string[]> {
  const r = await sql<{ id: string }>`select c.descendant_id as id from org_unit_closure c
    where c.ancestor_id = ${unitId} and c.valid_from <= ${date}::date and c.valid_to > ${date}::date`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Assets of a subtree with (or without) the given statuses, from the per-unit tallies (migration 0009). */
export async function tallied(db: Db, unitId: string, date: string, statuses?: readonly AssetStatus[], exclude?: readonly AssetStatus[]): Promise<number> {
  const only = statuses?.length ? sql`t.status = any(${[...statuses]}::text[])` : sql`true`;
  const not = exclude?.length ? sql`t.status <> all(${[...exclude]}::text[])` : sql`true`;
  const r = await sql<{ n: number }>`
    select coalesce(sum(t.assets), 0)::int as n from equipment_unit_status t
     where t.org_unit_id in (select c.descendant_id from org_unit_closure c
             where c.ancestor_id = ${unitId} and c.valid_from <= ${date}::date and c.valid_to > ${date}::date)
       and ${only} and ${not}`.execute(db);
  return r.rows[0]!.n;
}

/** Functional stock by category in a unit's subtree on `date` (quantities summed). */
export async function functionalByCategory(db: Db, root: string, date: string, functional: readonly AssetStatus[]): Promise<Map<string, number>> {
  const r = await sql<{ category_code: string; n: number }>`
    select a.category_code, sum(a.quantity)::int as n
      from equipment_asset a
     where ${subtreeCondition(root, date)} and a.status = any(${[...functional]}::text[]) and a.acquired <= ${date}::date
     group by a.category_code`.execute(db);
  return new Map(r.rows.map((x) => [x.category_code, x.n]));
}

/** The units of `kind` open on `date` in a unit's subtree (itself included). */
export async function unitsOfKindBelow(db: Db, unitId: string, kind: string, date: string): Promise<UnitInfo[]> {
  const r = await sql<UnitInfo>`
    select u.id, u.code, u.name, u.kind
      from org_unit_closure c join org_unit u on u.id = c.descendant_id
     where c.ancestor_id = ${unitId} and c.valid_from <= ${date}::date and c.valid_to > ${date}::date
       and u.kind = ${kind} and u.opening_date <= ${date}::date and (u.closed_date is null or u.closed_date > ${date}::date)
     order by u.code`.execute(db);
  return r.rows;
}

/** Functional stock by (unit, category) for many units at once (each unit's own assets only). */
export async function functionalByUnitCategory(db: Db, unitIds: readonly string[], date: string, functional: readonly AssetStatus[]): Promise<{ unit_id: string; category_code: string; n: number }[]> {
  if (!unitIds.length) return [];
  const r = await sql<{ unit_id: string; category_code: string; n: number }>`
    select a.org_unit_id as unit_id, a.category_code, sum(a.quantity)::int as n
      from equipment_asset a
     where a.org_unit_id = any(${[...unitIds]}::text[]) and a.status = any(${[...functional]}::text[]) and a.acquired <= ${date}::date
     group by 1, 2`.execute(db);
  return r.rows;
}

/** Median unit cost by category of the assets acquired since `since` (an estimate of today's price). */
export async function medianCosts(db: Db, categories: readonly string[], since: string): Promise<Map<string, number>> {
  if (!categories.length) return new Map();
  const r = await sql<{ category_code: string; p: number }>`
    select category_code, round(percentile_cont(0.5) within group (order by cost))::bigint as p
      from equipment_asset where category_code = any(${[...categories]}::text[]) and acquired >= ${since}::date and cost > 0
     group by category_code`.execute(db);
  return new Map(r.rows.map((x) => [x.category_code, Number(x.p)]));
}

/** The roots of the tree today (the Department): where province-wide settings are decided. */
export async function rootUnitIds(db: Db, date: string): Promise<string[]> {
  const r = await sql<{ id: string }>`select org_unit_id as id from org_unit_path where parent_id is null and valid_from <= ${date}::date and valid_to > ${date}::date`.execute(db);
  return r.rows.map((x) => x.id);
}

/** The units of `kind` open on `date` below (or equal to) each of `unitIds`: (unit asked, unit below) pairs. */
export async function unitsOfKindUnder(db: Db, unitIds: readonly string[], kind: string, date: string): Promise<{ top: string; id: string }[]> {
  if (!unitIds.length) return [];
  const r = await sql<{ top: string; id: string }>`
    select c.ancestor_id as top, u.id
      from org_unit_closure c join org_unit u on u.id = c.descendant_id
     where c.ancestor_id = any(${[...unitIds]}::text[]) and c.valid_from <= ${date}::date and c.valid_to > ${date}::date
       and u.kind = ${kind} and u.opening_date <= ${date}::date and (u.closed_date is null or u.closed_date > ${date}::date)`.execute(db);
  return r.rows;
}
