// SQL of the demo: whether it is loaded, the ids its generator needs, and the bulk load of its values,
// form states and plan targets (COPY through src/db/copy.ts: no per-value audit for the demo).
import { sql, type Kysely, type Transaction } from 'kysely';
import { copyIn } from '../../db/copy.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

const LOADED_KEY = 'demo.loaded';

export async function isLoaded(db: Db): Promise<boolean> {
  return (await db.selectFrom('app_setting').select('value').where('key', '=', LOADED_KEY).executeTakeFirst()) !== undefined;
}

export async function markLoaded(db: Db, province: string): Promise<void> {
  await db.insertInto('app_setting').values({ key: LOADED_KEY, value: JSON.stringify({ province, at: new Date() }) }).execute();
}

/** True when the database holds no organisation unit yet (a first start). */
export async function hasNoUnits(db: Db): Promise<boolean> {
  return !(await db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst());
}

export function units(db: Db): Promise<{ id: string; iid: number; code: string }[]> {
  return db.selectFrom('org_unit').select(['id', 'iid', 'code']).execute();
}

export function dataElements(db: Db) {
  return db.selectFrom('data_element').select(['id', 'iid', 'code', 'zero_is_significant', 'category_combo_id']).execute();
}

export function optionCombos(db: Db) {
  return db.selectFrom('category_option_combo').select(['iid', 'code', 'category_combo_id']).execute();
}

export function dataSets(db: Db, codes: string[]) {
  return db.selectFrom('data_set').select(['id', 'code', 'deadline_working_days']).where('code', 'in', codes).execute();
}

/** Streams data_value rows (tab-separated: ou, de, pe, co, ao, value, num, stored_by, created, last_updated). */
export function copyValues(db: Db, chunks: Iterable<string>): Promise<void> {
  return copyIn(db, 'copy data_value (ou, de, pe, co, ao, value, num, stored_by, created, last_updated) from stdin', chunks);
}

/** Streams form_status rows (tab-separated, in the column order below). */
export function copyForms(db: Db, chunks: Iterable<string>): Promise<void> {
  return copyIn(
    db,
    'copy form_status (data_set_id, org_unit_id, period_id, state, completed_at, completed_by, completion_comment, on_time, approved_at, approved_by) from stdin',
    chunks,
  );
}

export interface PlanTargetRow {
  year: number;
  org_unit_id: string;
  target_type: 'dataElement';
  target_id: string;
  value: number;
  method: 'manual' | 'population';
  updated_by: string;
}

export async function insertPlanTargets(db: Db, rows: PlanTargetRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('plan_target').values(rows.slice(i, i + 1000)).execute();
}

/** Fresh planner statistics after the bulk load (queries over the hierarchy pick poor plans without them). */
export async function analyzeValues(db: Db): Promise<void> {
  await sql`analyze data_value`.execute(db);
}
