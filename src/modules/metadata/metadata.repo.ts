// SQL of the metadata module: reading the whole catalogue in package shape (objects referring to
// each other by code), and the writes shared by the CRUD service and the package importer.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  categoryComboSchema, categoryOptionSchema, categorySchema, constantSchema, dataElementSchema, dataSetSchema,
  indicatorSchema, indicatorTypeSchema, orgUnitGroupSchema, validationRuleSchema,
} from './package.schema.js';
import type { z } from 'zod';

type WithId<T> = Omit<T, 'id'> & { id: string };
export type CategoryOption = WithId<z.infer<typeof categoryOptionSchema>>;
export type Category = WithId<z.infer<typeof categorySchema>>;
export type CategoryCombo = WithId<z.infer<typeof categoryComboSchema>> & { isDefault?: boolean };
export type DataElement = WithId<z.infer<typeof dataElementSchema>>;
export type DataSet = WithId<z.infer<typeof dataSetSchema>>;
export type IndicatorType = WithId<z.infer<typeof indicatorTypeSchema>>;
export type Indicator = WithId<z.infer<typeof indicatorSchema>>;
export type Constant = WithId<z.infer<typeof constantSchema>>;
export type ValidationRule = WithId<z.infer<typeof validationRuleSchema>>;
export type OrgUnitGroup = WithId<z.infer<typeof orgUnitGroupSchema>>;
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

export async function categoryOptions(db: Kysely<DB>): Promise<CategoryOption[]> {
  const rows = await db.selectFrom('category_option').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: u(r.name_en), shortName: u(r.short_name) }));
}

export async function categories(db: Kysely<DB>): Promise<Category[]> {
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

export async function categoryCombos(db: Kysely<DB>): Promise<CategoryCombo[]> {
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

export async function optionCombos(db: Kysely<DB>, comboIds?: string[]): Promise<OptionCombo[]> {
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
    ${comboIds ? sql`where c.category_combo_id = any(${comboIds})` : sql``}
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

export async function dataElements(db: Kysely<DB>, ids?: string[]): Promise<DataElement[]> {
  if (ids && !ids.length) return [];
  let q = db
    .selectFrom('data_element as d')
    .innerJoin('category_combo as cc', 'cc.id', 'd.category_combo_id')
    .selectAll('d')
    .select('cc.code as combo_code')
    .orderBy('d.code');
  if (ids) q = q.where('d.id', 'in', ids);
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

export async function dataSets(db: Kysely<DB>, ids?: string[]): Promise<DataSet[]> {
  if (ids && !ids.length) return [];
  let q = db
    .selectFrom('data_set as s')
    .innerJoin('category_combo as cc', 'cc.id', 's.category_combo_id')
    .selectAll('s')
    .select('cc.code as combo_code')
    .orderBy('s.code');
  if (ids) q = q.where('s.id', 'in', ids);
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
    db
      .selectFrom('data_set_unit as a')
      .innerJoin('org_unit as o', 'o.id', 'a.org_unit_id')
      .select(['a.data_set_id', 'o.code'])
      .distinct()
      .where('a.data_set_id', 'in', setIds)
      .orderBy('a.data_set_id')
      .orderBy('o.code')
      .execute(),
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

export async function indicatorTypes(db: Kysely<DB>): Promise<IndicatorType[]> {
  const rows = await db.selectFrom('indicator_type').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: u(r.name_en), factor: Number(r.factor), number: r.number }));
}

export async function indicators(db: Kysely<DB>): Promise<Indicator[]> {
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

export async function constants(db: Kysely<DB>): Promise<Constant[]> {
  const rows = await db.selectFrom('constant').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: u(r.name_en), value: r.value }));
}

export async function validationRules(db: Kysely<DB>): Promise<ValidationRule[]> {
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

export async function orgUnitGroups(db: Kysely<DB>): Promise<OrgUnitGroup[]> {
  const [rows, members] = await Promise.all([
    db
      .selectFrom('org_unit_group as g')
      .leftJoin('org_unit_group_set as s', 's.id', 'g.group_set_id')
      .select(['g.id', 'g.code', 'g.name', 'g.name_en', 's.code as set_code'])
      .orderBy('g.code')
      .execute(),
    db
      .selectFrom('org_unit_group_member as m')
      .innerJoin('org_unit as o', 'o.id', 'm.org_unit_id')
      .select(['m.group_id', 'o.code'])
      .orderBy('o.code')
      .execute(),
  ]);
  const mem = group(members, (m) => m.group_id, (m) => m.code);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: u(r.name_en), groupSet: u(r.set_code), orgUnits: mem.get(r.id) ?? [] }));
}

export async function calendarDays(db: Kysely<DB>, from?: string, to?: string) {
  let q = db.selectFrom('calendar_day').selectAll().orderBy('day');
  if (from) q = q.where('day', '>=', from);
  if (to) q = q.where('day', '<=', to);
  return (await q.execute()).map((r) => ({ day: r.day, kind: r.kind, name: r.name, nameEn: u(r.name_en) }));
}

/** Units by id or code (for assignments and groups). */
export async function findUnits(db: Kysely<DB>, refs: string[]) {
  if (!refs.length) return [];
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'kind', 'opening_date', 'closed_date'])
    .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)]))
    .execute();
}

export function group<T, K, V>(items: T[], key: (t: T) => K, value: (t: T) => V): Map<K, V[]> {
  const m = new Map<K, V[]>();
  for (const it of items) {
    const k = key(it);
    const arr = m.get(k);
    if (arr) arr.push(value(it));
    else m.set(k, [value(it)]);
  }
  return m;
}
