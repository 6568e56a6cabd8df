// SQL of entry forms: a data set with its sections and elements, the disaggregation of category
// combos (categories, options, option combos), and the data sets a unit reports.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** A data set by uid or code. */
export function dataSetByRef(db: Db, idOrCode: string) {
  return db
    .selectFrom('data_set')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export function sectionsOf(db: Db, dataSetId: string) {
  return db.selectFrom('data_set_section').selectAll().where('data_set_id', '=', dataSetId).orderBy('sort_order').orderBy('name').execute();
}

/** The elements of a data set with their section, in form order. */
export function membersOf(db: Db, dataSetId: string) {
  return db
    .selectFrom('data_set_element as m')
    .innerJoin('data_element as e', 'e.id', 'm.data_element_id')
    .select([
      'm.section_id', 'm.sort_order', 'e.id', 'e.iid', 'e.code', 'e.name', 'e.name_en', 'e.form_name', 'e.value_type',
      'e.aggregation_type', 'e.zero_is_significant', 'e.unit', 'e.category_combo_id',
    ])
    .where('m.data_set_id', '=', dataSetId)
    .orderBy('m.sort_order')
    .orderBy('e.code')
    .execute();
}

/** The rows behind category combos: combos, their categories, options, option combos and their options. */
export async function comboRows(db: Db, comboIds: string[]) {
  const [combos, cats, opts, cocs, cocOpts] = await Promise.all([
    db.selectFrom('category_combo').select(['id', 'code', 'is_default']).where('id', 'in', comboIds).execute(),
    db
      .selectFrom('category_in_combo as ic')
      .innerJoin('category as c', 'c.id', 'ic.category_id')
      .select(['ic.category_combo_id', 'ic.sort_order', 'c.id', 'c.code', 'c.name', 'c.name_en'])
      .where('ic.category_combo_id', 'in', comboIds)
      .orderBy('ic.sort_order')
      .execute(),
    db
      .selectFrom('category_in_combo as ic')
      .innerJoin('category_option_in_category as oc', 'oc.category_id', 'ic.category_id')
      .innerJoin('category_option as o', 'o.id', 'oc.category_option_id')
      .select(['oc.category_id', 'oc.sort_order', 'o.id', 'o.code', 'o.name', 'o.name_en'])
      .where('ic.category_combo_id', 'in', comboIds)
      .orderBy('oc.sort_order')
      .execute(),
    db
      .selectFrom('category_option_combo')
      .select(['id', 'iid', 'code', 'name', 'name_en', 'category_combo_id', 'sort_order'])
      .where('category_combo_id', 'in', comboIds)
      .orderBy('sort_order')
      .orderBy('iid')
      .execute(),
    db
      .selectFrom('category_option_combo_option as x')
      .innerJoin('category_option_combo as coc', 'coc.id', 'x.category_option_combo_id')
      .select(['x.category_option_combo_id', 'x.category_option_id'])
      .where('coc.category_combo_id', 'in', comboIds)
      .execute(),
  ]);
  return { combos, cats, opts, cocs, cocOpts };
}

/** Data sets assigned to the unit (ever), or with `descendants`, to it or any unit ever below it. */
export function dataSetsOfUnit(db: Db, unitId: string, descendants = false) {
  const q = db
    .selectFrom('data_set_unit as a')
    .innerJoin('data_set as d', 'd.id', 'a.data_set_id')
    .select([
      'd.id', 'd.code', 'd.name', 'd.name_en', 'd.period_type', 'd.deadline_working_days', 'd.entry_grace_days',
      (eb) => eb.fn.min('a.valid_from').as('from'),
      (eb) => eb.fn.max('a.valid_to').as('to'),
      sql<boolean>`bool_or(a.org_unit_id = ${unitId})`.as('own'),
    ])
    .$if(!descendants, (qb) => qb.where('a.org_unit_id', '=', unitId))
    .$if(descendants, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb.selectFrom('org_unit_closure as c').select('c.descendant_id')
            .whereRef('c.descendant_id', '=', 'a.org_unit_id').where('c.ancestor_id', '=', unitId),
        ),
      ),
    )
    .groupBy(['d.id', 'd.code', 'd.name', 'd.name_en', 'd.period_type', 'd.deadline_working_days', 'd.entry_grace_days'])
    .orderBy('d.code');
  return q.execute();
}

