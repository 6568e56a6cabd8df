// SQL of the metadata catalogue: reading it in package shape (objects referring to each other by
// code), the checks and writes of the CRUD API, and data set assignments. The package importer's
// writes are in package.repo.ts.
import { sql, type Kysely } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';
import { group } from './group.js';
import type {
  Category, CategoryCombo, CategoryOption, Constant, DataElement, DataSet, Indicator, IndicatorType, OrgUnitGroup, OrgUnitGroupSet,
  ValidationRule,
} from './metadata.contract.js';

type Db = Kysely<DB>;

export type {
  Category, CategoryCombo, CategoryOption, Constant, DataElement, DataSet, Indicator, IndicatorType, OrgUnitGroup, OrgUnitGroupSet,
  ValidationRule,
} from './metadata.contract.js';

/**
 * Which assigned (or member) units a read lists: all, none, or those in a scope (core/access.ts
 * `scopeOf`). Callers decide: unit lists are only shown in full to metadata administrators.
 */
export type UnitsFilter = Scope | 'all' | 'none';

/** The tables of the CRUD types. */
export type MetaTable =
  | 'category_option' | 'category' | 'category_combo' | 'data_element' | 'data_set' | 'indicator_type' | 'indicator' | 'constant'
  | 'validation_rule';

export interface OptionCombo {
  id: string;
  iid: number;
  code: string | null;
  name: string;
  nameEn?: string;
  categoryCombo: string;
  categoryComboId: string;
  sortOrder: number;
  /** Option ids, in category order. */
  optionIds: string[];
}

const u = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

// ------------------------------------------------------------------ the catalogue

export async function categoryOptions(db: Db): Promise<CategoryOption[]> {
  const rows = await db.selectFrom('category_option').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: u(r.name_en), shortName: u(r.short_name) }));
}

export async function categories(db: Db): Promise<Category[]> {
  const [rows, links] = await Promise.all([
    db.selectFrom('category').selectAll().orderBy('code').execute(),
    db
      .selectFrom('category_option_in_category as l')
      .innerJoin('category_option as o', 'o.id', 'l.category_option_id')
      .select(['l.category_id', 'o.code'])
      .orderBy('l.category_id')
      .orderBy('l.sort_order')
      .execute(),
  ]);
  const opts = group(links, (l) => l.category_id, (l) => l.code);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: u(r.name_en),
    dataDimensionType: r.data_dimension_type,
    options: opts.get(r.id) ?? [],
  }));
}

export async function categoryCombos(db: Db): Promise<CategoryCombo[]> {
  const [rows, links] = await Promise.all([
    db.selectFrom('category_combo').selectAll().orderBy('is_default', 'desc').orderBy('code').execute(),
    db
      .selectFrom('category_in_combo as l')
      .innerJoin('category as c', 'c.id', 'l.category_id')
      .select(['l.category_combo_id', 'c.code'])
      .orderBy('l.category_combo_id')
      .orderBy('l.sort_order')
      .execute(),
  ]);
  const cats = group(links, (l) => l.category_combo_id, (l) => l.code);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: u(r.name_en),
    dataDimensionType: r.data_dimension_type,
    categories: cats.get(r.id) ?? [],
    isDefault: r.is_default,
  }));
}

export async function optionCombos(db: Db, comboIds?: string[]): Promise<OptionCombo[]> {
  if (comboIds && !comboIds.length) return [];
  const rows = await sql<{
    id: string; iid: number; code: string | null; name: string; name_en: string | null; category_combo_id: string;
    combo_code: string; sort_order: number; option_ids: string[] | null;
  }>`
    select c.id, c.iid, c.code, c.name, c.name_en, c.category_combo_id, cc.code as combo_code, c.sort_order,
      (select array_agg(x.category_option_id order by ic.sort_order)
         from category_option_combo_option x
         left join category_option_in_category oc on oc.category_option_id = x.category_option_id
         left join category_in_combo ic on ic.category_id = oc.category_id and ic.category_combo_id = c.category_combo_id
        where x.category_option_combo_id = c.id and (ic.category_id is not null or oc.category_id is null)) as option_ids
    from category_option_combo c join category_combo cc on cc.id = c.category_combo_id
    ${comboIds ? sql`where c.category_combo_id = any(${comboIds}::text[])` : sql``}
    order by cc.code, c.sort_order, c.code`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    iid: r.iid,
    code: r.code,
    name: r.name,
    nameEn: u(r.name_en),
    categoryCombo: r.combo_code,
    categoryComboId: r.category_combo_id,
    sortOrder: r.sort_order,
    optionIds: r.option_ids ?? [],
  }));
}

export async function dataElements(db: Db, ids?: string[]): Promise<DataElement[]> {
  if (ids && !ids.length) return [];
  let q = db
    .selectFrom('data_element as d')
    .innerJoin('category_combo as cc', 'cc.id', 'd.category_combo_id')
    .selectAll('d')
    .select('cc.code as combo_code')
    .orderBy('d.code');
  if (ids) q = q.where('d.id', '=', sql<string>`any(${ids}::text[])`);
  return (await q.execute()).map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: u(r.name_en),
    shortName: u(r.short_name),
    formName: u(r.form_name),
    description: u(r.description),
    valueType: r.value_type,
    aggregationType: r.aggregation_type,
    zeroIsSignificant: r.zero_is_significant,
    categoryCombo: r.combo_code,
    unit: u(r.unit),
  }));
}

/**
 * Data sets with sections and elements, and the codes of their assigned units (`units` says which:
 * every unit, none, or those in a scope).
 */
export async function dataSets(db: Db, opts: { ids?: string[]; units: UnitsFilter }): Promise<DataSet[]> {
  if (opts.ids && !opts.ids.length) return [];
  let q = db
    .selectFrom('data_set as s')
    .innerJoin('category_combo as cc', 'cc.id', 's.category_combo_id')
    .selectAll('s')
    .select('cc.code as combo_code')
    .orderBy('s.code');
  if (opts.ids) q = q.where('s.id', '=', sql<string>`any(${opts.ids}::text[])`);
  const rows = await q.execute();
  const setIds = rows.map((r) => r.id);
  if (!setIds.length) return [];
  const [sections, elements, units] = await Promise.all([
    db.selectFrom('data_set_section').selectAll().where('data_set_id', 'in', setIds).orderBy('data_set_id').orderBy('sort_order').execute(),
    db
      .selectFrom('data_set_element as e')
      .innerJoin('data_element as d', 'd.id', 'e.data_element_id')
      .select(['e.data_set_id', 'e.section_id', 'd.code', 'e.sort_order'])
      .where('e.data_set_id', 'in', setIds)
      .orderBy('e.data_set_id')
      .orderBy('e.sort_order')
      .orderBy('d.code')
      .execute(),
    opts.units === 'none' ? Promise.resolve([]) : assignedUnitCodes(db, setIds, opts.units),
  ]);
  const bySection = group(elements.filter((e) => e.section_id), (e) => e.section_id!, (e) => e.code);
  const loose = group(elements.filter((e) => !e.section_id), (e) => e.data_set_id, (e) => e.code);
  const secs = group(sections, (s) => s.data_set_id, (s) => s);
  const unitCodes = group(units, (a) => a.data_set_id, (a) => a.code);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: u(r.name_en),
    shortName: u(r.short_name),
    description: u(r.description),
    periodType: r.period_type,
    categoryCombo: r.combo_code,
    deadlineWorkingDays: r.deadline_working_days,
    entryGraceDays: r.entry_grace_days,
    sections: (secs.get(r.id) ?? []).map((s) => ({
      id: s.id,
      code: u(s.code),
      name: s.name,
      nameEn: u(s.name_en),
      description: u(s.description),
      dataElements: bySection.get(s.id) ?? [],
    })),
    dataElements: loose.get(r.id) ?? [],
    orgUnits: unitCodes.get(r.id) ?? [],
    orgUnitKinds: [],
  }));
}

function assignedUnitCodes(db: Db, setIds: string[], units: Scope | 'all') {
  let q = db
    .selectFrom('data_set_unit as a')
    .innerJoin('org_unit as o', 'o.id', 'a.org_unit_id')
    .select(['a.data_set_id', 'o.code'])
    .distinct()
    .where('a.data_set_id', 'in', setIds);
  if (units !== 'all') q = q.where(inScope(units, 'a.org_unit_id'));
  return q.orderBy('a.data_set_id').orderBy('o.code').execute();
}

export async function indicatorTypes(db: Db): Promise<IndicatorType[]> {
  const rows = await db.selectFrom('indicator_type').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: u(r.name_en), factor: Number(r.factor), number: r.number }));
}

export async function indicators(db: Db): Promise<Indicator[]> {
  const rows = await db
    .selectFrom('indicator as i')
    .innerJoin('indicator_type as t', 't.id', 'i.indicator_type_id')
    .selectAll('i')
    .select('t.code as type_code')
    .orderBy('i.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: u(r.name_en),
    shortName: u(r.short_name),
    description: u(r.description),
    indicatorType: r.type_code,
    numerator: r.numerator,
    numeratorDescription: u(r.numerator_description),
    denominator: r.denominator,
    denominatorDescription: u(r.denominator_description),
    decimals: r.decimals,
    annualized: r.annualized,
  }));
}

export async function constants(db: Db): Promise<Constant[]> {
  const rows = await db.selectFrom('constant').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: u(r.name_en), value: r.value }));
}

export async function validationRules(db: Db): Promise<ValidationRule[]> {
  const rows = await db.selectFrom('validation_rule').selectAll().orderBy('code').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: u(r.name_en),
    description: u(r.description),
    importance: r.importance,
    periodType: r.period_type as ValidationRule['periodType'],
    leftSide: { expression: r.left_expression, description: u(r.left_description), missingValueStrategy: r.left_missing_value_strategy },
    operator: r.operator,
    rightSide: { expression: r.right_expression, description: u(r.right_description), missingValueStrategy: r.right_missing_value_strategy },
    message: r.message,
    messageEn: u(r.message_en),
  }));
}

export async function orgUnitGroupSets(db: Db): Promise<OrgUnitGroupSet[]> {
  const rows = await db.selectFrom('org_unit_group_set').select(['id', 'code', 'name', 'name_en']).orderBy('code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: u(r.name_en) }));
}

/** Org unit groups with the codes of their members (`units` says which members are listed). */
export async function orgUnitGroups(db: Db, units: UnitsFilter): Promise<OrgUnitGroup[]> {
  const [rows, members] = await Promise.all([
    db
      .selectFrom('org_unit_group as g')
      .leftJoin('org_unit_group_set as s', 's.id', 'g.group_set_id')
      .select(['g.id', 'g.code', 'g.name', 'g.name_en', 's.code as set_code'])
      .orderBy('g.code')
      .execute(),
    units === 'none'
      ? Promise.resolve([])
      : db
          .selectFrom('org_unit_group_member as m')
          .innerJoin('org_unit as o', 'o.id', 'm.org_unit_id')
          .select(['m.group_id', 'o.code'])
          .where(units === 'all' ? sql<boolean>`true` : inScope(units, 'm.org_unit_id'))
          .orderBy('o.code')
          .execute(),
  ]);
  const mem = group(members, (m) => m.group_id, (m) => m.code);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: u(r.name_en), groupSet: u(r.set_code), orgUnits: mem.get(r.id) ?? [] }));
}

/** Data elements, option combos (with their option codes joined by '_') and constants, for checking expressions. */
export async function expressionLookups(db: Db) {
  const [dataElements, optionCombos, constants] = await Promise.all([
    db.selectFrom('data_element').select(['id', 'code', 'category_combo_id']).execute(),
    sql<{ id: string; code: string | null; category_combo_id: string; option_key: string | null }>`
      select c.id, c.code, c.category_combo_id,
        (select string_agg(o.code, '_' order by ic.sort_order)
           from category_option_combo_option x
           join category_option o on o.id = x.category_option_id
           join category_option_in_category oc on oc.category_option_id = o.id
           join category_in_combo ic on ic.category_id = oc.category_id and ic.category_combo_id = c.category_combo_id
          where x.category_option_combo_id = c.id) as option_key
      from category_option_combo c`.execute(db).then((r) => r.rows),
    db.selectFrom('constant').select(['id', 'code']).execute(),
  ]);
  return { dataElements, optionCombos, constants };
}

/** Units by id or code (for assignments and groups). */
export async function findUnits(db: Db, refs: string[]) {
  if (!refs.length) return [];
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'kind', 'opening_date', 'closed_date'])
    .where((eb) => eb.or([eb('id', '=', sql<string>`any(${refs}::text[])`), eb('code', '=', sql<string>`any(${refs}::text[])`)]))
    .execute();
}

// ------------------------------------------------------------------ CRUD checks and writes

/** Whether an object of the table already has this code. */
export async function codeTaken(db: Db, table: MetaTable, code: string): Promise<boolean> {
  return (await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function deleteObject(db: Db, table: MetaTable, id: string): Promise<void> {
  await db.deleteFrom(table).where('id', '=', id).execute();
}

/** A category combo or data set by id or code. */
export function findRef(db: Db, table: 'category_combo' | 'data_set', idOrCode: string): Promise<{ id: string; code: string } | undefined> {
  return db
    .selectFrom(table)
    .select(['id', 'code'])
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

const codes = (rows: { code: string }[]) => rows.map((r) => r.code);

/** Codes of the categories holding a category option. */
export async function categoriesWithOption(db: Db, optionId: string): Promise<string[]> {
  return codes(
    await db
      .selectFrom('category_option_in_category as l')
      .innerJoin('category as c', 'c.id', 'l.category_id')
      .select('c.code')
      .where('l.category_option_id', '=', optionId)
      .execute(),
  );
}

/** Codes of the combos using a category. */
export async function combosWithCategory(db: Db, categoryId: string): Promise<string[]> {
  return codes(
    await db
      .selectFrom('category_in_combo as l')
      .innerJoin('category_combo as c', 'c.id', 'l.category_combo_id')
      .select('c.code')
      .where('l.category_id', '=', categoryId)
      .execute(),
  );
}

/** Codes of the data elements and data sets using a combo. */
export async function usersOfCombo(db: Db, comboId: string): Promise<string[]> {
  const [des, sets] = await Promise.all([
    db.selectFrom('data_element').select('code').where('category_combo_id', '=', comboId).execute(),
    db.selectFrom('data_set').select('code').where('category_combo_id', '=', comboId).execute(),
  ]);
  return [...codes(des), ...codes(sets)];
}

/** Codes of the data sets holding a data element. */
export async function dataSetsWithElement(db: Db, elementId: string): Promise<string[]> {
  return codes(
    await db
      .selectFrom('data_set_element as e')
      .innerJoin('data_set as s', 's.id', 'e.data_set_id')
      .select('s.code')
      .where('e.data_element_id', '=', elementId)
      .execute(),
  );
}

/** Codes of the indicators of an indicator type. */
export async function indicatorsOfType(db: Db, typeId: string): Promise<string[]> {
  return codes(await db.selectFrom('indicator').select('code').where('indicator_type_id', '=', typeId).execute());
}

export async function elementHasData(db: Db, elementId: string): Promise<boolean> {
  const r = await sql`select 1 from data_value v join data_element d on d.iid = v.de where d.id = ${elementId} limit 1`.execute(db);
  return r.rows.length > 0;
}

export async function hasPlanTargets(db: Db, targetType: 'dataElement' | 'indicator', id: string): Promise<boolean> {
  const r = await db.selectFrom('plan_target').select('year').where('target_type', '=', targetType).where('target_id', '=', id).limit(1).execute();
  return r.length > 0;
}

export async function dataSetHasForms(db: Db, setId: string): Promise<boolean> {
  return (await db.selectFrom('form_status').select('state').where('data_set_id', '=', setId).limit(1).execute()).length > 0;
}

// ------------------------------------------------------------------ data set assignments

/** How many distinct units of `units` each data set is assigned to. */
export async function assignedUnitCounts(db: Db, setIds: string[], units: Scope | 'all'): Promise<Map<string, number>> {
  if (!setIds.length) return new Map();
  let q = db
    .selectFrom('data_set_unit as a')
    .select(['a.data_set_id', (eb) => eb.fn.count<number>('a.org_unit_id').distinct().as('n')])
    .where('a.data_set_id', 'in', setIds);
  if (units !== 'all') q = q.where(inScope(units, 'a.org_unit_id'));
  const rows = await q.groupBy('a.data_set_id').execute();
  return new Map(rows.map((c) => [c.data_set_id, Number(c.n)]));
}

/** A data set's assignments (of the units in `units`), by unit code and start. */
export async function assignments(db: Db, setId: string, units: Scope | 'all') {
  let q = db
    .selectFrom('data_set_unit as a')
    .innerJoin('org_unit as u', 'u.id', 'a.org_unit_id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind', 'a.valid_from', 'a.valid_to'])
    .where('a.data_set_id', '=', setId);
  if (units !== 'all') q = q.where(inScope(units, 'u.id'));
  return q.orderBy('u.code').orderBy('a.valid_from').execute();
}

export async function countAssignments(db: Db, setId: string): Promise<number> {
  const r = await db.selectFrom('data_set_unit').select((eb) => eb.fn.countAll<number>().as('n')).where('data_set_id', '=', setId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Replaces every assignment of a data set. */
export async function replaceAssignments(
  db: Db,
  setId: string,
  rows: { org_unit_id: string; valid_from: string; valid_to: string }[],
): Promise<void> {
  await db.deleteFrom('data_set_unit').where('data_set_id', '=', setId).execute();
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('data_set_unit').values(rows.slice(i, i + 1000).map((r) => ({ data_set_id: setId, ...r }))).execute();
  }
}

/** Every data set's currently open assignments (valid_to infinity) of the units in `units`. */
export async function openAssignments(db: Db, units: Scope | 'all') {
  let q = db
    .selectFrom('data_set_unit as a')
    .innerJoin('org_unit as u', 'u.id', 'a.org_unit_id')
    .select(['a.data_set_id', 'u.id', 'u.code'])
    .distinct()
    .where('a.valid_to', '=', 'infinity');
  if (units !== 'all') q = q.where(inScope(units, 'u.id'));
  return q.execute();
}
