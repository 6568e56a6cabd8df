// SQL of equipment care: schedules, inspections, the lock of a failed inspection, work orders and
// the due lists. Lists read a unit's subtree as it stands on a date (org_unit_closure); the caller has
// checked that the unit is in the actor's scope on that date, so the subtree is inside the scope too.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AssetStatus, ScheduleKind } from './equipment.contract.js';
import type { EquipmentInspectionTable, EquipmentScheduleTable, EquipmentWorkOrderTable } from './equipment.tables.js';

type Db = Kysely<DB>;
export type ScheduleRow = Selectable<EquipmentScheduleTable>;
export type InspectionRow = Selectable<EquipmentInspectionTable>;
export type WorkOrderRow = Selectable<EquipmentWorkOrderTable>;

const OPEN = ['reported', 'assigned', 'in_repair'];

/** The units of a subtree on `date` (the asked unit; access was checked on it). */
function subtree(unitId: string, date: string) {
  return sql`(select c.descendant_id from org_unit_closure c
    where c.ancestor_id = ${unitId} and c.valid_from <= ${date}::date and c.valid_to > ${date}::date)`;
}

// ------------------------------------------------------------------ schedules

/** Adds schedules (one per asset and kind; an existing kind is left as it is). */
export async function insertSchedules(db: Db, rows: { id: string; asset_id: string; kind: ScheduleKind; interval_months: number; last_done: string | null; next_due: string | null; active: boolean }[]) {
  if (!rows.length) return;
  await db.insertInto('equipment_schedule').values(rows).onConflict((oc) => oc.columns(['asset_id', 'kind']).doNothing()).execute();
}

export function schedulesOf(db: Db, assetId: string) {
  return db.selectFrom('equipment_schedule').selectAll().where('asset_id', '=', assetId).orderBy('next_due').orderBy('kind').execute();
}

export function getSchedule(db: Db, id: string) {
  return db.selectFrom('equipment_schedule').selectAll().where('id', '=', id).executeTakeFirst();
}

export function scheduleOfKind(db: Db, assetId: string, kind: ScheduleKind) {
  return db.selectFrom('equipment_schedule').selectAll().where('asset_id', '=', assetId).where('kind', '=', kind).executeTakeFirst();
}

export async function updateSchedule(db: Db, id: string, set: Partial<Pick<ScheduleRow, 'interval_months' | 'active' | 'next_due' | 'last_done' | 'last_result'>>) {
  return db.updateTable('equipment_schedule').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Active schedules of an asset whose latest inspection failed (what keeps it locked). */
export async function failingSchedules(db: Db, assetId: string): Promise<number> {
  const r = await db
    .selectFrom('equipment_schedule')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('asset_id', '=', assetId)
    .where('active', '=', true)
    .where('last_result', '=', 'fail')
    .executeTakeFirstOrThrow();
  return r.n;
}

// ------------------------------------------------------------------ inspections

export async function insertInspection(db: Db, row: Omit<InspectionRow, 'created_at'>) {
  return db.insertInto('equipment_inspection').values(row).returningAll().executeTakeFirstOrThrow();
}

export function getInspection(db: Db, id: string) {
  return db.selectFrom('equipment_inspection').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setInspectionFile(db: Db, id: string, fileId: string) {
  await db.updateTable('equipment_inspection').set({ file_id: fileId }).where('id', '=', id).execute();
}

export interface InspectionListRow extends InspectionRow {
  kind: ScheduleKind;
  file_name: string | null;
  username: string | null;
}

/** An asset's inspections, newest first (or one by id). */
export async function inspectionsOf(db: Db, f: { assetId?: string; id?: string; limit?: number }): Promise<InspectionListRow[]> {
  let q = db
    .selectFrom('equipment_inspection as i')
    .innerJoin('equipment_schedule as s', 's.id', 'i.schedule_id')
    .leftJoin('equipment_file as f', 'f.id', 'i.file_id')
    .leftJoin('app_user as u', 'u.id', 'i.created_by')
    .selectAll('i')
    .select(['s.kind', 'f.file_name', 'u.username']);
  if (f.assetId) q = q.where('i.asset_id', '=', f.assetId);
  if (f.id) q = q.where('i.id', '=', f.id);
  return (await q.orderBy('i.done_on', 'desc').orderBy('i.created_at', 'desc').limit(f.limit ?? 100).execute()) as InspectionListRow[];
}

/** A file's owner and kind (without its content). */
export function fileMeta(db: Db, id: string) {
  return db.selectFrom('equipment_file').select(['id', 'asset_id', 'kind', 'file_name']).where('id', '=', id).executeTakeFirst();
}

/** The photos tied to a history entry (a reported breakdown). */
export async function filesOfEvent(db: Db, eventId: number) {
  return db.selectFrom('equipment_file').select(['id', 'file_name', 'size', 'created_at']).where('event_id', '=', eventId).orderBy('created_at').execute();
}

// ------------------------------------------------------------------ the lock

export async function getLock(db: Db, assetId: string): Promise<{ status_before: AssetStatus; schedule_id: string | null; locked_on: string } | undefined> {
  const r = await sql<{ status_before: AssetStatus; schedule_id: string | null; locked_on: string }>`
    select status_before, schedule_id, locked_on::text as locked_on from equipment_lock where asset_id = ${assetId}`.execute(db);
  return r.rows[0];
}

export async function putLock(db: Db, assetId: string, statusBefore: AssetStatus, scheduleId: string | null, on: string) {
  await sql`insert into equipment_lock (asset_id, status_before, schedule_id, locked_on) values (${assetId}, ${statusBefore}, ${scheduleId}, ${on}::date)
    on conflict (asset_id) do update set status_before = excluded.status_before`.execute(db);
}

export async function setLockStatus(db: Db, assetId: string, statusBefore: AssetStatus) {
  await sql`update equipment_lock set status_before = ${statusBefore} where asset_id = ${assetId}`.execute(db);
}

export async function deleteLock(db: Db, assetId: string) {
  await sql`delete from equipment_lock where asset_id = ${assetId}`.execute(db);
}

// ------------------------------------------------------------------ due lists

export interface DueRow {
  id: string;
  kind: ScheduleKind;
  interval_months: number;
  last_done: string | null;
  next_due: string;
  asset_id: string;
  tag: string;
  name: string;
  category_code: string;
  status: AssetStatus;
  unit_id: string;
  unit_code: string;
  unit_name: string;
}

export interface DueFilter {
  root: string;
  date: string;
  /** Due on or before this day (overdue ones included). */
  until: string;
  kind?: ScheduleKind;
  limit?: number;
  offset?: number;
}

function dueWhere(f: DueFilter) {
  const parts = [
    sql`s.active and s.held and s.next_due <= ${f.until}::date`,
    sql`s.org_unit_id in ${subtree(f.root, f.date)}`,
  ];
  if (f.kind) parts.push(sql`s.kind = ${f.kind}`);
  return sql.join(parts, sql` and `);
}

/** Schedules of held assets in a subtree due on or before `until`, the most overdue first. */
export async function dueList(db: Db, f: DueFilter): Promise<DueRow[]> {
  const r = await sql<DueRow>`
    select s.id, s.kind, s.interval_months, s.last_done::text as last_done, s.next_due::text as next_due,
           a.id as asset_id, a.tag, a.name, a.category_code, a.status, u.id as unit_id, u.code as unit_code, u.name as unit_name
      from equipment_schedule s
      join equipment_asset a on a.id = s.asset_id
      join org_unit u on u.id = s.org_unit_id
     where ${dueWhere(f)}
     order by s.next_due, u.code, a.tag, s.kind
     limit ${f.limit ?? 500} offset ${f.offset ?? 0}`.execute(db);
  return r.rows;
}

export async function countDue(db: Db, f: DueFilter): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from equipment_schedule s where ${dueWhere(f)}`.execute(db);
  return r.rows[0]!.n;
}

/** Every schedule of a held asset due on or before `until` (the daily notices), in pages by id. */
export async function dueForNotice(db: Db, until: string, after: string, limit: number): Promise<DueRow[]> {
  const r = await sql<DueRow>`
    select s.id, s.kind, s.interval_months, s.last_done::text as last_done, s.next_due::text as next_due,
           a.id as asset_id, a.tag, a.name, a.category_code, a.status, u.id as unit_id, u.code as unit_code, u.name as unit_name
      from equipment_schedule s
      join equipment_asset a on a.id = s.asset_id
      join org_unit u on u.id = s.org_unit_id
     where s.active and s.held and s.next_due <= ${until}::date and s.id > ${after}
     order by s.id limit ${limit}`.execute(db);
  return r.rows;
}

// ------------------------------------------------------------------ work orders

export async function insertWorkOrder(db: Db, row: Omit<WorkOrderRow, 'status' | 'reported_at' | 'version' | 'assigned_at' | 'started_at' | 'finished_at' | 'finished_on' | 'cost' | 'parts' | 'outcome'> & Partial<WorkOrderRow>) {
  return db.insertInto('equipment_work_order').values(row).returningAll().executeTakeFirstOrThrow();
}

export function getWorkOrder(db: Db, id: string) {
  return db.selectFrom('equipment_work_order').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Applies a change when the work order is still at `version`; undefined when someone changed it meanwhile. */
export async function updateWorkOrder(db: Db, id: string, version: number, set: Partial<WorkOrderRow>) {
  return db
    .updateTable('equipment_work_order')
    .set({ ...set, version: sql`version + 1` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function openCorrectiveOf(db: Db, assetId: string) {
  return db
    .selectFrom('equipment_work_order')
    .selectAll()
    .where('asset_id', '=', assetId)
    .where('kind', '=', 'corrective')
    .where('status', 'in', OPEN as never)
    .executeTakeFirst();
}

export interface WorkOrderFilter {
  root?: string;
  assetId?: string;
  date: string;
  statuses?: readonly string[];
  kind?: string;
  outcome?: string;
  limit: number;
  offset: number;
}

function workOrderWhere(f: WorkOrderFilter) {
  const parts = [sql<boolean>`true`];
  if (f.root) parts.push(sql`w.org_unit_id in ${subtree(f.root, f.date)}`);
  if (f.assetId) parts.push(sql`w.asset_id = ${f.assetId}`);
  if (f.statuses?.length) parts.push(sql`w.status = any(${[...f.statuses]}::text[])`);
  if (f.kind) parts.push(sql`w.kind = ${f.kind}`);
  if (f.outcome) parts.push(sql`w.outcome = ${f.outcome}`);
  return sql.join(parts, sql` and `);
}

export interface WorkOrderListRow extends WorkOrderRow {
  tag: string;
  asset_name: string;
  category_code: string;
  asset_status: AssetStatus;
  unit_code: string;
  unit_name: string;
  reporter: string | null;
}

export async function listWorkOrders(db: Db, f: WorkOrderFilter): Promise<WorkOrderListRow[]> {
  const r = await sql<WorkOrderListRow>`
    select w.*, w.finished_on::text as finished_on, a.tag, a.name as asset_name, a.category_code, a.status as asset_status,
           u.code as unit_code, u.name as unit_name, p.username as reporter
      from equipment_work_order w
      join equipment_asset a on a.id = w.asset_id
      join org_unit u on u.id = w.org_unit_id
      left join app_user p on p.id = w.reported_by
     where ${workOrderWhere(f)}
     order by w.reported_at desc, w.id
     limit ${f.limit} offset ${f.offset}`.execute(db);
  return r.rows;
}

export async function countWorkOrders(db: Db, f: WorkOrderFilter): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from equipment_work_order w where ${workOrderWhere(f)}`.execute(db);
  return r.rows[0]!.n;
}

export async function usernameOf(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const r = await db.selectFrom('app_user').select('username').where('id', '=', userId).executeTakeFirst();
  return r?.username ?? null;
}
