// SQL of the form workflow and of completeness/timeliness.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FormState } from './workflow.tables.js';
import type { Period } from '../../lib/periods.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findDataSet(db: Db, idOrCode: string) {
  return db
    .selectFrom('data_set')
    .select(['id', 'code', 'name', 'name_en', 'period_type', 'deadline_working_days', 'entry_grace_days'])
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export interface StatusChange {
  state: FormState;
  completed_at?: Date | null;
  completed_by?: string | null;
  completion_comment?: string | null;
  on_time?: boolean | null;
  approved_at?: Date | null;
  approved_by?: string | null;
}

export async function setStatus(db: Db, dataSetId: string, orgUnitId: string, periodId: number, change: StatusChange) {
  const values = { ...change, updated_at: new Date() };
  await db
    .insertInto('form_status')
    .values({ data_set_id: dataSetId, org_unit_id: orgUnitId, period_id: periodId, ...values })
    .onConflict((oc) => oc.columns(['data_set_id', 'org_unit_id', 'period_id']).doUpdateSet(values))
    .execute();
}

export function lockStatus(db: Db, dataSetId: string, orgUnitId: string, periodId: number) {
  return db
    .selectFrom('form_status')
    .selectAll()
    .where('data_set_id', '=', dataSetId)
    .where('org_unit_id', '=', orgUnitId)
    .where('period_id', '=', periodId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Units whose form a parent oversees for a period: the parent's direct children during the period
 * plus the parent itself, restricted to units assigned the data set over the period.
 */
export async function formsUnder(db: Db, dataSetId: string, parentId: string, period: Period) {
  const r = await sql<{
    id: string; iid: number; code: string; name: string; self: boolean; opening_date: string; closed_date: string | null;
  }>`
    with units as (
      select distinct p.org_unit_id as id, false as self from org_unit_path p
      where p.parent_id = ${parentId} and p.valid_from <= ${period.end}::date and p.valid_to > ${period.start}::date
      union all select ${parentId}, true
    )
    select u.id, u.iid, u.code, coalesce(
        (select p.name from org_unit_path p where p.org_unit_id = u.id and p.valid_from <= ${period.end}::date
         order by p.valid_from desc limit 1), u.name) as name,
      x.self, u.opening_date, u.closed_date
    from units x join org_unit u on u.id = x.id
    where exists (select 1 from data_set_unit a where a.data_set_id = ${dataSetId} and a.org_unit_id = u.id
                  and a.valid_from <= ${period.end}::date and a.valid_to > ${period.start}::date)
    order by x.self desc, u.code`.execute(db);
  return r.rows;
}

export function statusesOf(db: Db, dataSetId: string, unitIds: string[], periodId: number) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('form_status')
    .selectAll()
    .where('data_set_id', '=', dataSetId)
    .where('org_unit_id', 'in', unitIds)
    .where('period_id', '=', periodId)
    .execute();
}

export async function valueCounts(db: Db, dataSetId: string, unitIids: number[], periodId: number) {
  if (unitIids.length === 0) return new Map<number, number>();
  const r = await sql<{ ou: number; n: number }>`
    select v.ou, count(*)::int as n from data_value v
    where v.pe = ${periodId} and v.ou in (${sql.join(unitIids)})
      and v.de in (select e.iid from data_set_element m join data_element e on e.id = m.data_element_id where m.data_set_id = ${dataSetId})
    group by v.ou`.execute(db);
  return new Map(r.rows.map((x) => [x.ou, x.n]));
}

/** Units (of a set) of which the actor's unit is a strict ancestor on a date. */
export async function strictDescendantsOf(db: Db, ancestorId: string, unitIds: string[], asOf: string) {
  if (unitIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('org_unit_closure')
    .select('descendant_id')
    .where('ancestor_id', '=', ancestorId)
    .where('descendant_id', 'in', unitIds)
    .where('depth', '>=', 1)
    .where('valid_from', '<=', asOf)
    .where('valid_to', '>', asOf)
    .execute();
  return new Set(rows.map((r) => r.descendant_id));
}

export interface CompletenessRow {
  iso: string;
  unit_id: string;
  code: string;
  name: string;
  expected: number;
  reported: number;
  on_time: number;
}

/**
 * Completeness per (row unit, period): forms expected (units of the row unit's subtree, as of the
 * period's start, assigned the data set over the period) and reported (completed or approved), of
 * which on time. Row units: `mode` 'self' = the root; 'children' = its children; a number = its
 * descendants at that absolute level — each as of the period's start.
 */
export async function completeness(db: Db, dataSetId: string, rootId: string, periods: Period[], mode: 'self' | 'children' | number) {
  if (periods.length === 0) return [];
  const pers = sql.join(periods.map((p) => sql`(${p.iso}::text, ${p.start}::date, ${p.end}::date)`));
  const rowFilter =
    mode === 'self'
      ? sql`c.depth = 0`
      : mode === 'children'
        ? sql`c.depth = 1`
        : sql`exists (select 1 from org_unit_path op where op.org_unit_id = c.descendant_id and op.valid_from <= p.start_date
                      and op.valid_to > p.start_date and op.level = ${mode})`;
  const r = await sql<CompletenessRow>`
    with pers(iso, start_date, end_date) as (values ${pers}),
    rowunits as (
      select p.iso, p.start_date, p.end_date, c.descendant_id as unit_id
      from pers p join org_unit_closure c on c.ancestor_id = ${rootId} and c.valid_from <= p.start_date and c.valid_to > p.start_date
      where ${rowFilter}
    ),
    forms as (
      select r.iso, r.unit_id, d.descendant_id as form_unit
      from rowunits r join org_unit_closure d on d.ancestor_id = r.unit_id and d.valid_from <= r.start_date and d.valid_to > r.start_date
      where exists (select 1 from data_set_unit a where a.data_set_id = ${dataSetId} and a.org_unit_id = d.descendant_id
                    and a.valid_from <= r.end_date and a.valid_to > r.start_date)
    )
    select f.iso, f.unit_id, u.code, u.name,
      count(*)::int as expected,
      (count(*) filter (where fs.state in ('completed', 'approved')))::int as reported,
      (count(*) filter (where fs.state in ('completed', 'approved') and fs.on_time))::int as on_time
    from forms f
    join org_unit u on u.id = f.unit_id
    left join period pe on pe.iso = f.iso
    left join form_status fs on fs.data_set_id = ${dataSetId} and fs.org_unit_id = f.form_unit and fs.period_id = pe.id
    group by f.iso, f.unit_id, u.code, u.name
    order by f.iso, u.code`.execute(db);
  return r.rows;
}
