// SQL of the form workflow: form states and events, and the parent's overview of its children's forms.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';
import type { Period } from '../../lib/periods.js';
import type { FormAction, FormState } from './workflow.contract.js';

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

/** A form's status row, by period iso (none: the form is open). */
export function statusOf(db: Db, dataSetId: string, orgUnitId: string, periodIso: string) {
  return db
    .selectFrom('form_status as f')
    .innerJoin('period as p', 'p.id', 'f.period_id')
    .selectAll('f')
    .where('f.data_set_id', '=', dataSetId)
    .where('f.org_unit_id', '=', orgUnitId)
    .where('p.iso', '=', periodIso)
    .executeTakeFirst();
}

export async function insertEvent(
  db: Db,
  e: { dataSetId: string; orgUnitId: string; periodId: number; action: FormAction; comment: string | null; userId: string | null; username: string },
): Promise<void> {
  await db
    .insertInto('form_event')
    .values({
      data_set_id: e.dataSetId, org_unit_id: e.orgUnitId, period_id: e.periodId, action: e.action, comment: e.comment, user_id: e.userId,
      username: e.username,
    })
    .execute();
}

/** A form's events, oldest first. */
export function eventsOf(db: Db, dataSetId: string, orgUnitId: string, periodIso: string) {
  return db
    .selectFrom('form_event as e')
    .innerJoin('period as p', 'p.id', 'e.period_id')
    .select(['e.action', 'e.comment', 'e.username', 'e.at'])
    .where('e.data_set_id', '=', dataSetId)
    .where('e.org_unit_id', '=', orgUnitId)
    .where('p.iso', '=', periodIso)
    .orderBy('e.id')
    .execute();
}

/**
 * Units whose form a parent oversees for a period: the parent's direct children during the period
 * plus the parent itself, restricted to units assigned the data set over the period. `approvable`:
 * strictly below the actor's unit on the period's start (the kernel's scope filter), i.e. the actor
 * is at a level above.
 */
export async function formsUnder(db: Db, scope: Scope, dataSetId: string, parentId: string, period: Period) {
  const r = await sql<{
    id: string; iid: number; code: string; name: string; self: boolean; opening_date: string; closed_date: string | null; approvable: boolean;
  }>`
    with units as (
      select distinct p.org_unit_id as id, false as self from org_unit_path p
      where p.parent_id = ${parentId} and p.valid_from <= ${period.end}::date and p.valid_to > ${period.start}::date
      union all select ${parentId}, true
    )
    select u.id, u.iid, u.code, coalesce(
        (select p.name from org_unit_path p where p.org_unit_id = u.id and p.valid_from <= ${period.end}::date
         order by p.valid_from desc limit 1), u.name) as name,
      x.self, u.opening_date, u.closed_date,
      ${inScope(scope, sql.ref('u.id'), { asOf: period.start, below: true })} as approvable
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
