// Maintenance work orders. Corrective: a station (equipment:report) reports a breakdown with an
// optional photo → the asset is "broken"; the centre (equipment:manage) assigns it, starts the repair
// (asset "in repair") and finishes it with cost, parts and an outcome: repaired or no fault (asset
// back in use), beyond repair (asset stays broken: a candidate for liquidation, listed with
// outcome=beyond_repair); or cancels it (a report made by mistake: back in use). Preventive: from a
// maintenance schedule; done sets the schedule's last and next dates. While an asset is locked by a
// failed inspection, none of this puts it back in use (inspections.service setWorkingStatus).
// Downtime: from the report to the end of the work order.
import { canAccess, requireActorUser, requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { conflict, notFound, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { notify } from '../notifications/notifications.service.js';
import { assetFor, recordEvent, ruleFor, unitFor, uploadFile, type UploadedFile } from './assets.service.js';
import {
  OPEN_WORK_ORDER_STATUSES, PreventiveInput, ReportInput, WorkOrderAction, WorkOrderQuery,
  type WorkOrder, type WorkOrderList, type WorkOrderStatus, type WorkOrderSummary,
} from './care.contract.js';
import * as repo from './care.repo.js';
import type { WorkOrderListRow, WorkOrderRow } from './care.repo.js';
import { GONE_STATUSES, type AssetStatus } from './equipment.contract.js';
import * as assetsRepo from './equipment.repo.js';
import { addMonths } from '../../lib/dates.js';
import { setWorkingStatus } from './inspections.service.js';

/** Statuses from which a breakdown may be reported (in repair: one is open already; gone: not held). */
const REPORTABLE: readonly AssetStatus[] = ['in_use', 'idle', 'broken', 'locked'];
/** Statuses a work order may change (an asset pending disposal or gone keeps its status). */
const WORKING: readonly AssetStatus[] = ['in_use', 'idle', 'broken', 'in_repair', 'locked'];

const isOpen = (s: WorkOrderStatus) => OPEN_WORK_ORDER_STATUSES.includes(s);
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const downtime = (w: Pick<WorkOrderRow, 'reported_at' | 'finished_at'>) =>
  Math.round((((w.finished_at ? new Date(w.finished_at) : new Date()).getTime() - new Date(w.reported_at).getTime()) / 86_400_000) * 10) / 10;

function summary(w: WorkOrderListRow): WorkOrderSummary {
  return {
    id: w.id, kind: w.kind, status: w.status, fault: w.fault,
    asset: { id: w.asset_id, tag: w.tag, name: w.asset_name, category: w.category_code, status: w.asset_status },
    orgUnit: { id: w.org_unit_id, code: w.unit_code, name: w.unit_name },
    reportedAt: iso(w.reported_at)!, reportedBy: w.reporter, assignee: w.assignee, finishedAt: iso(w.finished_at), outcome: w.outcome,
    cost: w.cost === null ? null : Number(w.cost), downtimeDays: downtime(w), version: w.version,
  };
}

async function detail(ctx: Ctx, w: WorkOrderRow): Promise<WorkOrder> {
  const r = ctx.use(assetsRepo);
  const [a, units, reporter, photos] = await Promise.all([
    r.getAsset(w.asset_id), r.unitsByIds([w.org_unit_id]), ctx.use(repo).usernameOf(w.reported_by),
    w.report_event_id ? ctx.use(repo).filesOfEvent(w.report_event_id) : Promise.resolve([]),
  ]);
  const u = units.get(w.org_unit_id)!;
  const today = todayVn();
  const [manage, report] = await Promise.all([canAccess(ctx, ruleFor(a!.org_unit_id, 'manage', today)), canAccess(ctx, ruleFor(a!.org_unit_id, 'report', today))]);
  const open = isOpen(w.status);
  return {
    ...summary({ ...w, tag: a!.tag, asset_name: a!.name, category_code: a!.category_code, asset_status: a!.status, unit_code: u.code, unit_name: u.name, reporter }),
    scheduleId: w.schedule_id, assignedAt: iso(w.assigned_at), startedAt: iso(w.started_at), parts: w.parts, note: w.note,
    photos: photos.map((p) => ({ id: p.id, fileName: p.file_name, size: p.size, at: iso(p.created_at)! })),
    can: { manage: manage && open, report: report && open && w.kind === 'corrective' },
  };
}

async function load(ctx: Ctx, id: string): Promise<WorkOrderRow> {
  const w = await ctx.use(repo).getWorkOrder(id);
  if (!w) throw notFound('workOrder', id);
  return w;
}

/** GET /api/equipment/work-orders/:id: anyone who may read the asset. */
export async function getWorkOrder(ctx: Ctx, id: string): Promise<WorkOrder> {
  requirePermission(ctx, 'equipment:read');
  const w = await load(ctx, id);
  await assetFor(ctx, w.asset_id, 'read');
  return detail(ctx, w);
}

// ------------------------------------------------------------------ reporting

/** POST /api/equipment/assets/:id/work-orders: a breakdown reported by the station (or the centre). */
export async function reportBreakdown(ctx: Ctx, assetId: string, input: unknown): Promise<WorkOrder> {
  const x = parse(ReportInput, input);
  const user = requireActorUser(ctx);
  const a = await assetFor(ctx, assetId, 'report');
  if (!REPORTABLE.includes(a.status)) throw conflict('equipment.cannotReport', undefined, { status: a.status });
  const open = await ctx.use(repo).openCorrectiveOf(a.id);
  if (open) throw conflict('equipment.workOrderOpen', { id: open.id });
  const id = uid();
  await ctx.transaction(async (tx) => {
    const eventId = await recordEvent(tx, a.id, a.tag, { action: 'workorder.report', after: { workOrder: id, fault: x.fault }, note: x.note });
    await tx.use(repo).insertWorkOrder({
      id, asset_id: a.id, org_unit_id: a.org_unit_id, kind: 'corrective', schedule_id: null, fault: x.fault, reported_by: user,
      report_event_id: eventId, assignee: null, note: x.note,
    });
    if (a.status !== 'broken') await setWorkingStatus(tx, a, 'broken', { action: 'workorder.broken', note: x.fault });
    // The centre that keeps the books (and so manages the asset) hears of it.
    const centre = await tx.use(assetsRepo).accountingUnit(a.org_unit_id, todayVn());
    await notify(tx, {
      unitIds: [centre?.id ?? a.org_unit_id], permission: 'equipment:manage', kind: 'equipment.breakdown',
      params: { asset: `${a.tag} – ${a.name}`, fault: short(x.fault) }, link: `/equipment/work-orders/${id}`, subject: { type: 'equipment_work_order', id },
    });
  }).catch((e: unknown) => {
    // Two reports of the same asset at once: the second meets the one-open-breakdown index.
    if ((e as { code?: string }).code === '23505') throw conflict('equipment.workOrderOpen');
    throw e;
  });
  return detail(ctx, await load(ctx, id));
}

const short = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

/** POST /api/equipment/work-orders/:id/photos: a photo of the breakdown, while the work order is open. */
export async function addPhoto(ctx: Ctx, id: string, file: UploadedFile | undefined): Promise<WorkOrder> {
  requirePermission(ctx, 'equipment:report');
  const w = await load(ctx, id);
  await assetFor(ctx, w.asset_id, 'report');
  if (!isOpen(w.status) || w.kind !== 'corrective' || !w.report_event_id) throw conflict('equipment.workOrderClosed');
  await uploadFile(ctx, w.asset_id, { kind: 'photo' }, file, w.report_event_id);
  return detail(ctx, await load(ctx, id));
}

/** POST /api/equipment/schedules/:id/work-orders: preventive maintenance of a maintenance schedule. */
export async function createPreventive(ctx: Ctx, scheduleId: string, input: unknown): Promise<WorkOrder> {
  const x = parse(PreventiveInput, input);
  const user = requireActorUser(ctx);
  requirePermission(ctx, 'equipment:manage');
  const s = await ctx.use(repo).getSchedule(scheduleId);
  if (!s) throw notFound('schedule', scheduleId);
  const a = await assetFor(ctx, s.asset_id, 'manage');
  if (GONE_STATUSES.includes(a.status)) throw conflict('equipment.assetGone');
  if (s.kind !== 'maintenance') throw validation({ schedule: 'equipment.notMaintenance' });
  const id = uid();
  await ctx.transaction(async (tx) => {
    await tx.use(repo).insertWorkOrder({
      id, asset_id: a.id, org_unit_id: a.org_unit_id, kind: 'preventive', schedule_id: s.id, fault: x.fault ?? 'Bảo dưỡng định kỳ',
      reported_by: user, report_event_id: null, assignee: x.assignee, note: x.note,
      ...(x.assignee ? { status: 'assigned' as const, assigned_at: new Date() } : {}),
    });
    await recordEvent(tx, a.id, a.tag, { action: 'workorder.preventive', after: { workOrder: id, assignee: x.assignee }, note: x.note });
  });
  return detail(ctx, await load(ctx, id));
}

// ------------------------------------------------------------------ the centre's steps

/** POST /api/equipment/work-orders/:id/actions: assign, start, finish, cancel (equipment:manage). */
export async function act(ctx: Ctx, id: string, input: unknown): Promise<WorkOrder> {
  const x = parse(WorkOrderAction, input);
  requirePermission(ctx, 'equipment:manage');
  const w = await load(ctx, id);
  const a = await assetFor(ctx, w.asset_id, 'manage');
  if (!isOpen(w.status)) throw conflict('equipment.workOrderClosed');
  if (x.action === 'start' && w.status === 'in_repair') throw conflict('equipment.workOrderStep', undefined, { status: w.status });
  if (x.action === 'assign' && w.status === 'in_repair') throw conflict('equipment.workOrderStep', undefined, { status: w.status });
  const now = new Date();
  const today = todayVn();
  const corrective = w.kind === 'corrective';
  const working = WORKING.includes(a.status);
  await ctx.transaction(async (tx) => {
    const save = async (set: Partial<WorkOrderRow>) => {
      const r = await tx.use(repo).updateWorkOrder(w.id, x.version, set);
      if (!r) throw conflict('equipment.staleWorkOrder');
      return r;
    };
    switch (x.action) {
      case 'assign':
        await save({ status: 'assigned', assignee: x.assignee, assigned_at: now, ...(x.note ? { note: x.note } : {}) });
        await recordEvent(tx, a.id, a.tag, { action: 'workorder.assign', after: { workOrder: w.id, assignee: x.assignee }, note: x.note });
        break;
      case 'start':
        await save({ status: 'in_repair', started_at: now, ...(x.assignee ? { assignee: x.assignee } : {}), ...(x.note ? { note: x.note } : {}) });
        if (corrective && working) await setWorkingStatus(tx, a, 'in_repair', { action: 'workorder.start', note: x.note });
        else await recordEvent(tx, a.id, a.tag, { action: 'workorder.start', after: { workOrder: w.id }, note: x.note });
        break;
      case 'finish': {
        const r = await save({ status: 'done', finished_at: now, finished_on: today, outcome: x.outcome, cost: x.cost, parts: x.parts, ...(x.note ? { note: x.note } : {}) });
        const after = { workOrder: w.id, outcome: x.outcome, cost: x.cost, parts: x.parts, downtimeDays: downtime(r) };
        await recordEvent(tx, a.id, a.tag, { action: 'workorder.finish', after, note: x.note });
        if (working) {
          if (x.outcome === 'beyond_repair') await setWorkingStatus(tx, a, 'broken', { action: 'workorder.beyondRepair', note: x.note });
          else if (corrective) await setWorkingStatus(tx, a, 'in_use', { action: 'workorder.repaired', note: x.note });
        }
        if (w.schedule_id) {
          const s = await tx.use(repo).getSchedule(w.schedule_id);
          if (s && (!s.last_done || today >= s.last_done)) {
            await tx.use(repo).updateSchedule(s.id, { last_done: today, next_due: addMonths(today, s.interval_months), last_result: 'pass' });
          }
        }
        await notify(tx, {
          unitIds: [a.org_unit_id], permission: 'equipment:report', kind: 'equipment.workOrderDone',
          params: { asset: `${a.tag} – ${a.name}`, outcome: OUTCOME_NAMES[x.outcome] }, link: `/equipment/work-orders/${w.id}`,
          subject: { type: 'equipment_work_order', id: w.id },
        });
        break;
      }
      case 'cancel':
        await save({ status: 'cancelled', finished_at: now, ...(x.note ? { note: x.note } : {}) });
        await recordEvent(tx, a.id, a.tag, { action: 'workorder.cancel', after: { workOrder: w.id }, note: x.note });
        if (corrective && working && ['broken', 'in_repair', 'locked'].includes(a.status)) {
          await setWorkingStatus(tx, a, 'in_use', { action: 'workorder.cancelled', note: x.note });
        }
        break;
    }
  });
  return detail(ctx, await load(ctx, id));
}

const OUTCOME_NAMES = {
  repaired: { vi: 'đã sửa xong, đưa vào sử dụng', en: 'repaired, back in use' },
  beyond_repair: { vi: 'không sửa được (đề xuất thanh lý)', en: 'beyond repair (a candidate for liquidation)' },
  no_fault: { vi: 'không phát hiện hỏng', en: 'no fault found' },
} as const;

// ------------------------------------------------------------------ lists

const STATUS_SETS: Record<string, readonly WorkOrderStatus[] | undefined> = {
  open: OPEN_WORK_ORDER_STATUSES,
  closed: ['done', 'cancelled'],
  all: undefined,
};

function statusesOf(s: string): readonly WorkOrderStatus[] | undefined {
  return s in STATUS_SETS ? STATUS_SETS[s] : [s as WorkOrderStatus];
}

/** GET /api/equipment/work-orders: a unit's subtree (today), open ones by default, newest first. */
export async function listWorkOrders(ctx: Ctx, input: unknown): Promise<WorkOrderList> {
  const q = parse(WorkOrderQuery, input);
  const date = todayVn();
  const unit = await unitFor(ctx, q.orgUnit, 'read', date);
  return page(ctx, { root: unit.id, date, statuses: statusesOf(q.status), kind: q.kind, outcome: q.outcome, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }, q);
}

/** GET /api/equipment/assets/:id/work-orders: one asset's, all statuses unless asked. */
export async function assetWorkOrders(ctx: Ctx, assetId: string, input: unknown): Promise<WorkOrderList> {
  const q = parse(WorkOrderQuery, { status: 'all', ...(input as object) });
  const a = await assetFor(ctx, assetId, 'read');
  return page(ctx, { assetId: a.id, date: todayVn(), statuses: statusesOf(q.status), kind: q.kind, outcome: q.outcome, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }, q);
}

async function page(ctx: Ctx, f: repo.WorkOrderFilter, q: { page: number; pageSize: number }): Promise<WorkOrderList> {
  const [rows, total] = await Promise.all([ctx.use(repo).listWorkOrders(f), ctx.use(repo).countWorkOrders(f)]);
  return { workOrders: rows.map(summary), pager: { page: q.page, pageSize: q.pageSize, total, pageCount: Math.ceil(total / q.pageSize) } };
}
