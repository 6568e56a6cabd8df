// SQL of data entry: values of a form, their audit trail, outlier bounds.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, PeriodType } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findUnit(db: Db, idOrCode: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'iid', 'code', 'name', 'opening_date', 'closed_date'])
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export function findElement(db: Db, idOrCode: string) {
  return db
    .selectFrom('data_element as e')
    .innerJoin('category_combo as cc', 'cc.id', 'e.category_combo_id')
    .select(['e.id', 'e.iid', 'e.code', 'e.value_type', 'e.category_combo_id', 'cc.is_default'])
    .where((eb) => eb.or([eb('e.id', '=', idOrCode), eb('e.code', '=', idOrCode)]))
    .executeTakeFirst();
}

/** An option combo of a category combo, by uid or code. */
export function findComboOption(db: Db, comboId: string, idOrCode: string | null) {
  let q = db.selectFrom('category_option_combo').select(['id', 'iid', 'code', 'category_combo_id']).where('category_combo_id', '=', comboId);
  if (idOrCode !== null) q = q.where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]));
  return q.orderBy('iid').executeTakeFirst();
}

export function cocExists(db: Db, idOrCode: string) {
  return db
    .selectFrom('category_option_combo')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export function periodId(db: Db, iso: string) {
  return db.selectFrom('period').select('id').where('iso', '=', iso).executeTakeFirst();
}

export interface ValueKey {
  ou: number;
  de: number;
  pe: number;
  co: number;
  ao: number;
}

export function valueRow(db: Db, k: ValueKey, lock = false) {
  const q = db
    .selectFrom('data_value')
    .selectAll()
    .where('ou', '=', k.ou)
    .where('de', '=', k.de)
    .where('pe', '=', k.pe)
    .where('co', '=', k.co)
    .where('ao', '=', k.ao);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** Values of a unit and period for some elements, with uids of element and option combo. */
export function formValues(db: Db, ou: number, pe: number, ao: number, deIids: number[]) {
  if (deIids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('data_value as v')
    .innerJoin('data_element as e', 'e.iid', 'v.de')
    .innerJoin('category_option_combo as c', 'c.iid', 'v.co')
    .select(['e.id as de_id', 'c.id as coc_id', 'v.value', 'v.comment', 'v.follow_up', 'v.stored_by', 'v.last_updated'])
    .where('v.ou', '=', ou)
    .where('v.pe', '=', pe)
    .where('v.ao', '=', ao)
    .where('v.de', 'in', deIids)
    .execute();
}

export function valueCount(db: Db, ou: number, pe: number, deIids: number[]) {
  if (deIids.length === 0) return Promise.resolve(0);
  return db
    .selectFrom('data_value')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ou', '=', ou)
    .where('pe', '=', pe)
    .where('de', 'in', deIids)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/**
 * Statistics of a unit's own numeric history per (element, option combo): periods of the same type
 * starting within `months` months before `before`.
 */
export async function historyStats(db: Db, ou: number, ao: number, deIids: number[], periodType: PeriodType, before: string, months: number) {
  if (deIids.length === 0) return [];
  const r = await sql<{ de: number; co: number; n: number; mean: number; sd: number | null; lo: number }>`
    select v.de, v.co, count(v.num)::int as n, avg(v.num)::float8 as mean, stddev_samp(v.num)::float8 as sd, min(v.num)::float8 as lo
    from data_value v join period p on p.id = v.pe
    where v.ou = ${ou} and v.ao = ${ao} and v.de in (${sql.join(deIids)}) and v.num is not null
      and p.period_type = ${periodType} and p.start_date < ${before}::date
      and p.start_date >= (${before}::date - make_interval(months => ${months}))
    group by v.de, v.co
    having count(v.num) >= 6`.execute(db);
  return r.rows;
}

export function auditRows(db: Db, k: ValueKey, limit = 200) {
  return db
    .selectFrom('data_value_audit')
    .select(['audit_type', 'value', 'previous_value', 'comment', 'source', 'conflict', 'modified_by', 'created'])
    .where('ou', '=', k.ou)
    .where('de', '=', k.de)
    .where('pe', '=', k.pe)
    .where('co', '=', k.co)
    .where('ao', '=', k.ao)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function formStatus(db: Db, dataSetId: string, orgUnitId: string, pe: number) {
  return db
    .selectFrom('form_status')
    .selectAll()
    .where('data_set_id', '=', dataSetId)
    .where('org_unit_id', '=', orgUnitId)
    .where('period_id', '=', pe)
    .executeTakeFirst();
}

export function formEvents(db: Db, dataSetId: string, orgUnitId: string, pe: number) {
  return db
    .selectFrom('form_event')
    .select(['action', 'comment', 'username', 'at'])
    .where('data_set_id', '=', dataSetId)
    .where('org_unit_id', '=', orgUnitId)
    .where('period_id', '=', pe)
    .orderBy('id')
    .execute();
}

/** Data sets ever assigned to a unit, with the span of their assignments. */
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
