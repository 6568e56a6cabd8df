// SQL of the demo register: bulk inserts of generated assets, schedules, inspections and work orders
// (equipment.demo.ts), in chunks so that a province of thousands of assets loads in seconds.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AssetStatus, FundingSource, RiskClass, ScheduleKind } from './equipment.contract.js';

type Db = Kysely<DB>;

export interface DemoAsset {
  id: string; tag: string; org_unit_id: string; room: string | null; category_code: string; name: string; risk_class: RiskClass | null;
  make: string | null; model: string | null; serial: string | null; year_made: number | null; origin: string | null; supplier: string | null;
  acquired: string; cost: number; funding: FundingSource; warranty_until: string | null; accessories: string | null; quantity: number;
  life_years: number | null; fixed_asset: boolean; fully_worn_on: string | null; status: AssetStatus; status_since: string; notes: string | null;
  search_key: string;
}
export interface DemoSchedule { id: string; asset_id: string; kind: ScheduleKind; interval_months: number; last_done: string | null; next_due: string | null; last_result: 'pass' | 'fail' | null }
export interface DemoInspection {
  id: string; schedule_id: string; asset_id: string; done_on: string; result: 'pass' | 'fail'; certificate: string | null; body: string | null;
  next_due: string | null; note: string | null;
}
export interface DemoWorkOrder {
  id: string; asset_id: string; org_unit_id: string; kind: 'corrective' | 'preventive'; status: 'reported' | 'assigned' | 'in_repair' | 'done' | 'cancelled';
  fault: string; reported_at: string; assignee: string | null; assigned_at: string | null; started_at: string | null; finished_at: string | null;
  cost: number | null; parts: string | null; outcome: 'repaired' | 'beyond_repair' | 'no_fault' | null;
}

const CHUNK = 1000;
async function chunked<T>(rows: readonly T[], write: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function hasAssets(db: Db): Promise<boolean> {
  return (await db.selectFrom('equipment_asset').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Units of the given kinds open on `date`. */
export async function openUnits(db: Db, date: string, kinds: string[]): Promise<{ id: string; code: string; kind: string }[]> {
  const r = await sql<{ id: string; code: string; kind: string }>`
    select id, code, kind from org_unit
     where kind = any(${kinds}::text[]) and opening_date <= ${date}::date and (closed_date is null or closed_date > ${date}::date)
     order by code`.execute(db);
  return r.rows;
}

export function insertAssets(db: Db, rows: readonly DemoAsset[]) {
  return chunked(rows, (part) => db.insertInto('equipment_asset').values(part.map((a) => ({ ...a, created_by: null, updated_by: null }))).execute());
}

export function insertCreateEvents(db: Db, assetIds: readonly string[]) {
  return chunked(assetIds, (part) =>
    sql`insert into equipment_event (asset_id, action, after, note, username)
        select a.id, 'create', jsonb_build_object('tag', a.tag, 'acquired', a.acquired, 'cost', a.cost), 'Nhập từ sổ theo dõi thiết bị (dữ liệu mẫu)', 'system'
          from equipment_asset a where a.id = any(${part}::text[])`.execute(db));
}

export function insertSchedules(db: Db, rows: readonly DemoSchedule[]) {
  return chunked(rows, (part) => db.insertInto('equipment_schedule').values(part).execute());
}

export function insertInspections(db: Db, rows: readonly DemoInspection[]) {
  return chunked(rows, (part) => db.insertInto('equipment_inspection').values(part.map((x) => ({ ...x, file_id: null, created_by: null }))).execute());
}

export function insertWorkOrders(db: Db, rows: readonly DemoWorkOrder[]) {
  return chunked(rows, (part) =>
    db.insertInto('equipment_work_order').values(part.map((x) => ({ ...x, reported_at: new Date(x.reported_at), assigned_at: x.assigned_at ? new Date(x.assigned_at) : null,
      started_at: x.started_at ? new Date(x.started_at) : null, finished_at: x.finished_at ? new Date(x.finished_at) : null, reported_by: null, note: null }))).execute());
}

/** A locked asset remembers the status it had before its failed inspection (in use, for the demo). */
export function insertLocks(db: Db, rows: readonly { asset_id: string; schedule_id: string; locked_on: string }[]) {
  return chunked(rows, (part) =>
    sql`insert into equipment_lock (asset_id, status_before, schedule_id, locked_on)
        select x.asset_id, 'in_use', x.schedule_id, x.locked_on::date
          from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as x(asset_id text, schedule_id text, locked_on text)`.execute(db));
}
