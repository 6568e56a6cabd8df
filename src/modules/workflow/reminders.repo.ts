// SQL of the reporting reminders: data sets, and the forms of a period still to be completed by
// units that have someone to enter them.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Period } from '../../lib/periods.js';

type Db = Kysely<DB> | Transaction<DB>;

export function dataSets(db: Db) {
  return db
    .selectFrom('data_set')
    .select(['id', 'code', 'name', 'name_en', 'period_type', 'deadline_working_days', 'entry_grace_days'])
    .orderBy('code')
    .execute();
}

/**
 * Units expected to report the data set for the period (assigned over it, open during it) whose form
 * is neither completed nor approved, and that have an active user holding `permission`.
 */
export async function incompleteForms(db: Db, dataSetId: string, period: Period, permission: string) {
  const r = await sql<{ id: string; code: string; name: string }>`
    select u.id, u.code, u.name
    from org_unit u
    where exists (select 1 from data_set_unit a where a.data_set_id = ${dataSetId} and a.org_unit_id = u.id
                  and a.valid_from <= ${period.end}::date and a.valid_to > ${period.start}::date)
      and u.opening_date <= ${period.end}::date and (u.closed_date is null or u.closed_date > ${period.start}::date)
      and not exists (select 1 from form_status fs join period pe on pe.id = fs.period_id
                      where fs.data_set_id = ${dataSetId} and fs.org_unit_id = u.id and pe.iso = ${period.iso}
                        and fs.state in ('completed', 'approved'))
      and exists (select 1 from app_user au join user_role ur on ur.user_id = au.id join role ro on ro.code = ur.role_code
                  where au.org_unit_id = u.id and not au.disabled and ${permission} = any(ro.permissions))
    order by u.code`.execute(db);
  return r.rows;
}
