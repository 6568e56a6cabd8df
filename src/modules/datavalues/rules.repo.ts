// SQL of entry windows: what decides whether a form (data set × unit × period) accepts data — the
// data sets' timing, the units' dates, assignments and form states. Single forms and batches (imports).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** Everything one form's window depends on, but the calendar. */
export async function windowFacts(db: Db, dataSetId: string, orgUnitId: string, periodIso: string) {
  const [ds, unit, assignments, status] = await Promise.all([
    db.selectFrom('data_set').select(['period_type', 'deadline_working_days', 'entry_grace_days']).where('id', '=', dataSetId).executeTakeFirstOrThrow(),
    db.selectFrom('org_unit').select(['opening_date', 'closed_date']).where('id', '=', orgUnitId).executeTakeFirst(),
    db.selectFrom('data_set_unit').select(['valid_from', 'valid_to']).where('data_set_id', '=', dataSetId).where('org_unit_id', '=', orgUnitId).execute(),
    db
      .selectFrom('form_status as f')
      .innerJoin('period as p', 'p.id', 'f.period_id')
      .select('f.state')
      .where('f.data_set_id', '=', dataSetId)
      .where('f.org_unit_id', '=', orgUnitId)
      .where('p.iso', '=', periodIso)
      .executeTakeFirst(),
  ]);
  return { ds, unit, assignments, state: status?.state };
}

/** The data sets containing each of the elements, with their timing. */
export function dataSetsOfElements(db: Db, elementIds: string[]) {
  return db
    .selectFrom('data_set_element as e')
    .innerJoin('data_set as d', 'd.id', 'e.data_set_id')
    .select(['e.data_element_id', 'd.id', 'd.period_type', 'd.deadline_working_days', 'd.entry_grace_days'])
    .where('e.data_element_id', 'in', elementIds)
    .execute();
}

export function unitDates(db: Db, unitIds: string[]) {
  return db.selectFrom('org_unit').select(['id', 'opening_date', 'closed_date']).where('id', 'in', unitIds).execute();
}

export function assignmentsOf(db: Db, unitIds: string[], dataSetIds: string[]) {
  return db
    .selectFrom('data_set_unit')
    .select(['data_set_id', 'org_unit_id', 'valid_from', 'valid_to'])
    .where('org_unit_id', 'in', unitIds)
    .where('data_set_id', 'in', dataSetIds)
    .execute();
}

export function formStatesOf(db: Db, unitIds: string[], dataSetIds: string[], periodIsos: string[]) {
  return db
    .selectFrom('form_status as f')
    .innerJoin('period as p', 'p.id', 'f.period_id')
    .select(['f.data_set_id', 'f.org_unit_id', 'p.iso', 'f.state'])
    .where('f.org_unit_id', 'in', unitIds)
    .where('f.data_set_id', 'in', dataSetIds)
    .where('p.iso', 'in', periodIsos)
    .execute();
}
