// SQL of validation rules: the rules of a period type, what their expressions refer to (elements,
// option combos, constants) and the values they are evaluated on.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PeriodType } from '../../lib/periods.js';

type Db = Kysely<DB>;

export function rulesOfPeriodType(db: Db, periodType: PeriodType) {
  return db.selectFrom('validation_rule').selectAll().where('period_type', '=', periodType).orderBy('code').execute();
}

export type RuleRow = Awaited<ReturnType<typeof rulesOfPeriodType>>[number];

/** Data elements by uid or code. */
export function elementsByRef(db: Db, refs: string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db.selectFrom('data_element').select(['id', 'code', 'iid']).where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
}

/** Option combos by uid or code. */
export function optionCombosByRef(db: Db, refs: string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('category_option_combo')
    .select(['id', 'code', 'iid'])
    .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)]))
    .execute();
}

/** Constants by uid or code. */
export function constantsByRef(db: Db, refs: string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db.selectFrom('constant').select(['id', 'code', 'value']).where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
}

/** Numbers of a unit (iid) for a period (id) and some elements (iids). */
export function numbersOf(db: Db, ou: number, pe: number, ao: number, deIids: number[]) {
  if (deIids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('data_value')
    .select(['de', 'co', 'num'])
    .where('ou', '=', ou)
    .where('pe', '=', pe)
    .where('ao', '=', ao)
    .where('de', 'in', deIids)
    .execute();
}

/** iid of the default option combo: the attribute option combo of every value (created by a migration). */
export async function defaultAttributeCombo(db: Db): Promise<number> {
  const r = await db
    .selectFrom('category_option_combo as c')
    .innerJoin('category_combo as cc', 'cc.id', 'c.category_combo_id')
    .select('c.iid')
    .where('cc.is_default', '=', true)
    .orderBy('c.iid')
    .executeTakeFirstOrThrow();
  return r.iid;
}
