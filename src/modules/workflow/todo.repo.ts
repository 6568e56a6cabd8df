// SQL of "Việc cần làm": a unit's data-set assignments and the states of its forms (with the last
// return's reason) for the periods the service asks about, plus every form still returned.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FormState } from './workflow.contract.js';

type Db = Kysely<DB>;

/** The unit's data-set assignments (one row per assignment interval), optionally of one data set. */
export function assignments(db: Db, unitId: string, dataSet?: string) {
  return db
    .selectFrom('data_set_unit as a')
    .innerJoin('data_set as d', 'd.id', 'a.data_set_id')
    .select(['d.id', 'd.code', 'd.name', 'd.name_en', 'd.period_type', 'd.deadline_working_days', 'd.entry_grace_days', 'a.valid_from', 'a.valid_to'])
    .where('a.org_unit_id', '=', unitId)
    .$if(dataSet !== undefined, (qb) => qb.where((eb) => eb.or([eb('d.id', '=', dataSet!), eb('d.code', '=', dataSet!)])))
    .orderBy('d.code')
    .execute();
}

export interface FormRow {
  data_set_id: string;
  iso: string;
  state: FormState;
  return_comment: string | null;
  return_by: string | null;
  return_at: Date | null;
}

/**
 * States of the unit's forms of the data sets for the periods `isos`, and of every form of theirs
 * that is still returned (any period); a returned form carries its last return or reopen event.
 */
export async function formStates(db: Db, unitId: string, dataSetIds: string[], isos: string[]): Promise<FormRow[]> {
  if (dataSetIds.length === 0) return [];
  const periods = isos.length ? sql`p.iso in (${sql.join(isos)})` : sql`false`;
  const r = await sql<FormRow>`
    select fs.data_set_id, p.iso, fs.state, ev.comment as return_comment, ev.username as return_by, ev.at as return_at
    from form_status fs
    join period p on p.id = fs.period_id
    left join lateral (
      select e.comment, e.username, e.at from form_event e
      where e.data_set_id = fs.data_set_id and e.org_unit_id = fs.org_unit_id and e.period_id = fs.period_id
        and e.action in ('return', 'reopen')
      order by e.id desc limit 1
    ) ev on fs.state = 'returned'
    where fs.org_unit_id = ${unitId} and fs.data_set_id in (${sql.join(dataSetIds)})
      and (${periods} or fs.state = 'returned')`.execute(db);
  return r.rows;
}
