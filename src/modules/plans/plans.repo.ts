// SQL of the plans module: targets, the metadata they refer to, units and their children.
// (Aggregates over the tree below a unit: subtree.repo.ts.)
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AggregationType, PlanMethod, TargetType } from './plans.contract.js';

type Db = Kysely<DB>;

export interface TargetRow {
  year: number;
  org_unit_id: string;
  target_type: TargetType;
  target_id: string;
  category_option_combo_id: string;
  value: number;
  method: PlanMethod;
  updated_by: string | null;
  updated_at: Date;
}

export function findUnit(db: Db, idOrCode: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'iid', 'opening_date', 'closed_date'])
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export function findDataElement(db: Db, idOrCode: string) {
  return db
    .selectFrom('data_element')
    .select(['id', 'iid', 'code', 'name', 'name_en', 'aggregation_type', 'category_combo_id'])
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export function dataElementsByRef(db: Db, refs: string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('data_element')
    .select(['id', 'iid', 'code', 'name', 'name_en', 'aggregation_type', 'category_combo_id'])
    .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)]))
    .execute();
}

export function findIndicator(db: Db, idOrCode: string) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('indicator_type as t', 't.id', 'i.indicator_type_id')
    .select(['i.id', 'i.code', 'i.name', 'i.name_en', 'i.numerator', 'i.denominator', 'i.decimals', 't.factor'])
    .where((eb) => eb.or([eb('i.id', '=', idOrCode), eb('i.code', '=', idOrCode)]))
    .executeTakeFirst();
}

export function findOptionCombo(db: Db, idOrCode: string) {
  return db
    .selectFrom('category_option_combo')
    .select(['id', 'iid', 'code', 'name', 'name_en', 'category_combo_id'])
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export function optionCombosByRef(db: Db, refs: string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('category_option_combo')
    .select(['id', 'iid', 'code', 'name', 'name_en', 'category_combo_id'])
    .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)]))
    .execute();
}

export function constants(db: Db) {
  return db.selectFrom('constant').select(['id', 'code', 'value']).execute();
}

/** Children of a unit as of a date, by name. */
export function childrenOn(db: Db, parentId: string, asOf: string) {
  return db
    .selectFrom('org_unit_path as p')
    .innerJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .select(['u.id', 'u.code', 'p.name', 'u.iid'])
    .where('p.parent_id', '=', parentId)
    .where('p.valid_from', '<=', asOf)
    .where('p.valid_to', '>', asOf)
    .orderBy('p.name')
    .execute();
}

export function targetsOf(db: Db, year: number, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([] as TargetRow[]);
  return db.selectFrom('plan_target').selectAll().where('year', '=', year).where('org_unit_id', 'in', unitIds).execute() as Promise<TargetRow[]>;
}

export interface TargetKey {
  year: number;
  orgUnitId: string;
  targetType: TargetType;
  targetId: string;
  coc: string;
}

export function findTarget(db: Db, k: TargetKey) {
  return db
    .selectFrom('plan_target')
    .selectAll()
    .where('year', '=', k.year)
    .where('org_unit_id', '=', k.orgUnitId)
    .where('target_type', '=', k.targetType)
    .where('target_id', '=', k.targetId)
    .where('category_option_combo_id', '=', k.coc)
    .executeTakeFirst() as Promise<TargetRow | undefined>;
}

export async function upsertTarget(db: Db, k: TargetKey, value: number, method: TargetRow['method'], username: string) {
  await db
    .insertInto('plan_target')
    .values({
      year: k.year, org_unit_id: k.orgUnitId, target_type: k.targetType, target_id: k.targetId,
      category_option_combo_id: k.coc, value, method, updated_by: username,
    })
    .onConflict((oc) =>
      oc.columns(['year', 'org_unit_id', 'target_type', 'target_id', 'category_option_combo_id']).doUpdateSet({
        value, method, updated_by: username, updated_at: sql`now()`,
      }),
    )
    .execute();
}

export async function deleteTarget(db: Db, k: TargetKey) {
  await db
    .deleteFrom('plan_target')
    .where('year', '=', k.year)
    .where('org_unit_id', '=', k.orgUnitId)
    .where('target_type', '=', k.targetType)
    .where('target_id', '=', k.targetId)
    .where('category_option_combo_id', '=', k.coc)
    .execute();
}

/** Data elements whose values are numbers (what can be planned), by code. */
export function plannableElements(db: Db) {
  return db
    .selectFrom('data_element')
    .select(['id', 'code', 'name', 'name_en', 'aggregation_type', 'category_combo_id'])
    .where('value_type', 'in', ['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE', 'PERCENTAGE', 'UNIT_INTERVAL'])
    .orderBy('code')
    .execute() as Promise<{ id: string; code: string; name: string; name_en: string | null; aggregation_type: AggregationType; category_combo_id: string }[]>;
}

/** Option combos of the disaggregations (the default combo left out). */
export function disaggregations(db: Db) {
  return db
    .selectFrom('category_option_combo as c')
    .innerJoin('category_combo as cc', 'cc.id', 'c.category_combo_id')
    .select(['c.id', 'c.code', 'c.name', 'c.category_combo_id'])
    .where('cc.is_default', '=', false)
    .orderBy('c.sort_order')
    .orderBy('c.name')
    .execute();
}

export function indicators(db: Db) {
  return db.selectFrom('indicator').select(['id', 'code', 'name', 'name_en']).orderBy('code').execute();
}
