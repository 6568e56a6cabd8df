// SQL of the plans module: targets, the metadata they refer to, units and subtree aggregates.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

export interface TargetRow {
  year: number;
  org_unit_id: string;
  target_type: 'dataElement' | 'indicator';
  target_id: string;
  category_option_combo_id: string;
  value: number;
  method: 'manual' | 'lastYearShare' | 'population';
  updated_by: string | null;
  updated_at: Date;
}

export function findUnit(db: Db, idOrCode: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'iid'])
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

/** Depth of `unitId` below `ancestorId` at some time in [from, to) (0 = itself); undefined when never below. */
export async function minDepthBelow(db: Db, ancestorId: string, unitId: string, from: string, to: string): Promise<number | undefined> {
  const r = await db
    .selectFrom('org_unit_closure')
    .select((eb) => eb.fn.min<number>('depth').as('depth'))
    .where('ancestor_id', '=', ancestorId)
    .where('descendant_id', '=', unitId)
    .where('valid_from', '<', to)
    .where('valid_to', '>', from)
    .executeTakeFirst();
  return r?.depth ?? undefined;
}

export function targetsOf(db: Db, year: number, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([] as TargetRow[]);
  return db.selectFrom('plan_target').selectAll().where('year', '=', year).where('org_unit_id', 'in', unitIds).execute() as Promise<TargetRow[]>;
}

export interface TargetKey {
  year: number;
  orgUnitId: string;
  targetType: 'dataElement' | 'indicator';
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

export interface SubtreeValueRow {
  root: string;
  de: number;
  co: number;
  iso: string;
  start: string;
  end: string;
  value: number;
}

/**
 * Numeric values of data elements summed over each root's subtree, per period and option combo. A
 * value counts for a root when its unit was inside the root's subtree on the period's first day
 * (the effective-dated tree: history is aggregated as it was). Periods of any type lying within
 * [from, to] are included.
 */
export async function subtreeValues(db: Db, roots: string[], des: number[], from: string, to: string): Promise<SubtreeValueRow[]> {
  if (roots.length === 0 || des.length === 0) return [];
  const rows = await sql<SubtreeValueRow>`
    select c.ancestor_id as root, v.de, v.co, p.iso, p.start_date as start, p.end_date as "end", sum(v.num)::float8 as value
    from data_value v
    join period p on p.id = v.pe
    join org_unit u on u.iid = v.ou
    join org_unit_closure c on c.descendant_id = u.id and c.valid_from <= p.start_date and c.valid_to > p.start_date
    where v.de = any(${des}::int[])
      and c.ancestor_id = any(${roots}::text[])
      and p.start_date >= ${from}::date and p.end_date <= ${to}::date
      and v.num is not null
    group by c.ancestor_id, v.de, v.co, p.iso, p.start_date, p.end_date`.execute(db);
  return rows.rows;
}

/** Parent → child links inside the subtree of `rootId` as of a date (the root's own parent excluded). */
export async function subtreeLinks(db: Db, rootId: string, asOf: string): Promise<{ parent_id: string; org_unit_id: string }[]> {
  const units = await db
    .selectFrom('org_unit_closure')
    .select('descendant_id')
    .distinct()
    .where('ancestor_id', '=', rootId)
    .where('valid_from', '<=', asOf)
    .where('valid_to', '>', asOf)
    .execute();
  const ids = units.map((u) => u.descendant_id);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('org_unit_path')
    .select(['parent_id', 'org_unit_id'])
    .where('org_unit_id', 'in', ids)
    .where('valid_from', '<=', asOf)
    .where('valid_to', '>', asOf)
    .execute();
  return rows.filter((r): r is { parent_id: string; org_unit_id: string } => r.parent_id !== null && r.org_unit_id !== rootId);
}
