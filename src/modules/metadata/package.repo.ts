// SQL of the package importer (metadata.package.ts): the writes of each object type, the option
// combos it regenerates, data set structure and assignments, group members, and the import's lock
// and savepoint.
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;
type Row<T extends keyof DB> = Omit<Insertable<DB[T]>, 'id'>;

/** Chunks keep every statement far below PostgreSQL's 65,535 parameters, whatever the package holds. */
const CHUNK = 1000;
async function insertChunked<T extends keyof DB & string>(db: Db, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // (Kysely cannot check a generic table's rows; the callers' row types are checked.)
    await db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
  }
}

/** One metadata import at a time (they read the whole catalogue, then write). */
export async function lockImports(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(7242003)`.execute(db);
}

// An import inside a caller's transaction is isolated by a savepoint, so that its rollback (errors,
// dry run) leaves the caller's work alone.
export async function savepoint(db: Db): Promise<void> {
  await sql`savepoint soyte_metadata_import`.execute(db);
}
export async function releaseSavepoint(db: Db): Promise<void> {
  await sql`release savepoint soyte_metadata_import`.execute(db);
}
export async function rollbackToSavepoint(db: Db): Promise<void> {
  await sql`rollback to savepoint soyte_metadata_import`.execute(db);
}

// ------------------------------------------------------------------ options, categories, combos

export async function upsertCategoryOption(db: Db, id: string, row: Row<'category_option'>): Promise<void> {
  await db.insertInto('category_option').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
}

export async function upsertCategory(db: Db, id: string, row: Row<'category'>): Promise<void> {
  await db.insertInto('category').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
}

/** Sets a category's options (ids, in order). */
export async function setCategoryOptions(db: Db, categoryId: string, optionIds: string[]): Promise<void> {
  await db.deleteFrom('category_option_in_category').where('category_id', '=', categoryId).execute();
  await insertChunked(db, 'category_option_in_category', optionIds.map((o, i) => ({ category_id: categoryId, category_option_id: o, sort_order: i })));
}

export async function upsertCategoryCombo(db: Db, id: string, row: Row<'category_combo'>): Promise<void> {
  await db.insertInto('category_combo').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
}

/** Sets a combo's categories (ids, in order). */
export async function setComboCategories(db: Db, comboId: string, categoryIds: string[]): Promise<void> {
  await db.deleteFrom('category_in_combo').where('category_combo_id', '=', comboId).execute();
  await insertChunked(db, 'category_in_combo', categoryIds.map((c, i) => ({ category_combo_id: comboId, category_id: c, sort_order: i })));
}

/** Every (category, option) link, in option order. */
export function categoryOptionLinks(db: Db) {
  return db.selectFrom('category_option_in_category').select(['category_id', 'category_option_id']).orderBy('sort_order').execute();
}

/** What the option combos are generated from: combos, their categories and the options of those. */
export async function optionComboSources(db: Db) {
  const [combos, comboCategories, options] = await Promise.all([
    db.selectFrom('category_combo').select(['id', 'code', 'is_default']).orderBy('is_default', 'desc').orderBy('code').execute(),
    db.selectFrom('category_in_combo').select(['category_combo_id', 'category_id']).orderBy('sort_order').execute(),
    db.selectFrom('category_option').select(['id', 'code', 'name', 'name_en']).execute(),
  ]);
  return { combos, comboCategories, options };
}

/**
 * The option combos (by iid) among `combos` that hold data values. Disaggregations are looked up
 * through the elements that use the combo (indexed by de); attribute combos (rare) by a plain scan.
 */
export async function optionCombosWithData(db: Db, combos: { iid: number; comboId: string }[]): Promise<Set<number>> {
  if (!combos.length) return new Set();
  const used = await sql<{ co: number }>`
    select distinct x.iid as co
      from unnest(${combos.map((c) => c.iid)}::int[], ${combos.map((c) => c.comboId)}::text[]) as x(iid, combo)
     where exists (select 1 from data_value v join data_element d on d.iid = v.de
                    where d.category_combo_id = x.combo and v.co = x.iid)
        or (exists (select 1 from data_set s where s.category_combo_id = x.combo)
            and exists (select 1 from data_value v where v.ao = x.iid))`.execute(db);
  return new Set(used.rows.map((r) => r.co));
}

export async function deleteOptionCombos(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('category_option_combo').where('id', '=', sql<string>`any(${ids}::text[])`).execute();
}

/** Frees the codes of option combos whose code moves (the column is unique). */
export async function clearOptionComboCodes(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.updateTable('category_option_combo').set({ code: null }).where('id', '=', sql<string>`any(${ids}::text[])`).execute();
}

export async function updateOptionCombo(db: Db, id: string, row: Updateable<DB['category_option_combo']>): Promise<void> {
  await db.updateTable('category_option_combo').set(row).where('id', '=', id).execute();
}

export async function insertOptionCombo(db: Db, id: string, row: Row<'category_option_combo'>, optionIds: string[]): Promise<void> {
  await db.insertInto('category_option_combo').values({ id, ...row }).execute();
  if (optionIds.length) {
    await db.insertInto('category_option_combo_option').values(optionIds.map((o) => ({ category_option_combo_id: id, category_option_id: o }))).execute();
  }
}

// ------------------------------------------------------------------ constants, types, elements, data sets

export async function upsertConstant(db: Db, id: string, row: Row<'constant'>): Promise<void> {
  await db.insertInto('constant').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
}

export async function upsertIndicatorType(db: Db, id: string, row: Row<'indicator_type'>): Promise<void> {
  await db.insertInto('indicator_type').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
}

export async function insertDataElement(db: Db, id: string, row: Row<'data_element'>): Promise<void> {
  await db.insertInto('data_element').values({ id, ...row }).execute();
}

export async function updateDataElement(db: Db, id: string, row: Row<'data_element'>): Promise<void> {
  await db.updateTable('data_element').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertDataSet(db: Db, id: string, row: Row<'data_set'>): Promise<void> {
  await db.insertInto('data_set').values({ id, ...row }).execute();
}

export async function updateDataSet(db: Db, id: string, row: Row<'data_set'>): Promise<void> {
  await db.updateTable('data_set').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
}

export function sectionsOf(db: Db, setId: string) {
  return db.selectFrom('data_set_section').select(['id', 'code', 'name']).where('data_set_id', '=', setId).execute();
}

/** Which of these section ids belong to another data set. */
export async function sectionsElsewhere(db: Db, ids: string[], setId: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('data_set_section')
    .select('id')
    .where('id', '=', sql<string>`any(${ids}::text[])`)
    .where('data_set_id', '<>', setId)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Replaces a data set's sections (kept ones updated by id, `stale` ones deleted) and its element order. */
export async function replaceDataSetStructure(
  db: Db,
  setId: string,
  s: {
    sections: { id: string; code: string | null; name: string; name_en: string | null; description: string | null }[];
    stale: string[];
    elements: { data_element_id: string; section_id: string | null }[];
  },
): Promise<void> {
  await db.deleteFrom('data_set_element').where('data_set_id', '=', setId).execute();
  if (s.stale.length) await db.deleteFrom('data_set_section').where('id', '=', sql<string>`any(${s.stale}::text[])`).execute();
  // Clear codes first so that swapping section codes does not trip the unique constraint.
  await db.updateTable('data_set_section').set({ code: null }).where('data_set_id', '=', setId).execute();
  for (const [i, { id, ...fields }] of s.sections.entries()) {
    const row = { data_set_id: setId, ...fields, sort_order: i };
    await db.insertInto('data_set_section').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
  }
  await insertChunked(db, 'data_set_element', s.elements.map((e, i) => ({ data_set_id: setId, ...e, sort_order: i })));
}

/**
 * Assigns a data set to the given units and every unit of the given kinds, over each unit's open
 * life, unless already assigned. Returns how many units were added.
 */
export async function assignOpenLife(db: Db, setId: string, unitIds: string[], kinds: string[]): Promise<number> {
  if (!unitIds.length && !kinds.length) return 0;
  const res = await sql<{ org_unit_id: string }>`
    insert into data_set_unit (data_set_id, org_unit_id, valid_from, valid_to)
    select ${setId}, u.id, u.opening_date, coalesce(u.closed_date, 'infinity'::date)
      from org_unit u
     where (u.id = any(${unitIds}::text[]) or u.kind = any(${kinds}::text[]))
       and not exists (select 1 from data_set_unit a where a.data_set_id = ${setId} and a.org_unit_id = u.id)
    returning org_unit_id`.execute(db);
  return res.rows.length;
}

// ------------------------------------------------------------------ indicators, rules, groups

export async function upsertIndicator(db: Db, id: string, row: Row<'indicator'>): Promise<void> {
  await db.insertInto('indicator').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
}

export async function upsertValidationRule(db: Db, id: string, row: Row<'validation_rule'>): Promise<void> {
  await db.insertInto('validation_rule').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
}

export async function upsertGroupSet(db: Db, id: string, row: Row<'org_unit_group_set'>): Promise<void> {
  await db.insertInto('org_unit_group_set').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
}

export async function upsertGroup(db: Db, id: string, row: Row<'org_unit_group'>): Promise<void> {
  await db.insertInto('org_unit_group').values({ id, ...row }).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
}

/** Adds units to a group (those already in it are left); returns how many were added. */
export async function addGroupMembers(db: Db, groupId: string, unitIds: string[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < unitIds.length; i += CHUNK) {
    const res = await db
      .insertInto('org_unit_group_member')
      .values(unitIds.slice(i, i + CHUNK).map((u) => ({ group_id: groupId, org_unit_id: u })))
      .onConflict((c) => c.doNothing())
      .returning('org_unit_id')
      .execute();
    added += res.length;
  }
  return added;
}
