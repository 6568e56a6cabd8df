// Inspection and calibration (kiểm định, hiệu chuẩn, kiểm chuẩn, kiểm xạ, the X-ray licence) and
// preventive maintenance schedules of each asset; the inspections recorded on them; the lock of a
// failed inspection (NĐ 98/2021 Điều 58: a device that fails may not be used until it passes again);
// and the due and overdue lists of a unit's subtree.
//
// - A new asset gets the schedules of its category (catalogue.defaultSchedules, the intervals in
//   force today: an obligation that began after the purchase applies to it too), first due on its
//   acquisition date + the interval (an old asset entered without its inspection history is then
//   overdue until its last inspection is recorded: we do not invent one).
// - An inspection recorded on a schedule sets its last date and next due date (the certificate's own
//   date when given, else done + interval) when it is the latest; an older one is kept as history.
//   A failed latest inspection (any kind but maintenance) locks the asset, remembering its status;
//   when no active schedule of it is failing any more, it returns to that status.
// - While an asset is locked, the work orders change the status it will return to (a repair does
//   not unlock it): `setWorkingStatus`.
import { canAccess, requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { conflict, notFound, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { assetFor, changeStatus, onAssetCreated, recordEvent, ruleFor, unitFor, uploadFile, type UploadedFile } from './assets.service.js';
import {
  DueQuery, InspectionInput, ScheduleInput, ScheduleUpdate,
  type AssetCare, type DueList, type Inspection, type Schedule,
} from './care.contract.js';
import * as repo from './care.repo.js';
import type { InspectionListRow, ScheduleRow } from './care.repo.js';
import { defaultSchedules } from './catalogue.js';
import { addDays } from '../../lib/calendar.js';
import { addMonths, daysBetween } from '../../lib/dates.js';
import { GONE_STATUSES, type AssetStatus } from './equipment.contract.js';
import type { AssetRow } from './equipment.repo.js';

// ------------------------------------------------------------------ answers

function schedule(r: ScheduleRow): Schedule {
  return {
    id: r.id, assetId: r.asset_id, kind: r.kind, intervalMonths: r.interval_months, lastDone: r.last_done, nextDue: r.next_due,
    active: r.active, lastResult: r.last_result,
  };
}

function inspection(r: InspectionListRow): Inspection {
  return {
    id: r.id, scheduleId: r.schedule_id, assetId: r.asset_id, kind: r.kind, doneOn: r.done_on, result: r.result, certificate: r.certificate,
    body: r.body, nextDue: r.next_due, note: r.note, file: r.file_id ? { id: r.file_id, fileName: r.file_name ?? '' } : null,
    by: r.username, at: new Date(r.created_at).toISOString(),
  };
}

// ------------------------------------------------------------------ schedules

/**
 * The default schedules of a new asset (run inside the transaction that creates it): first due one
 * interval after it was put into use. An older asset entered now (an Excel register …) with no
 * inspection on record is therefore overdue until its last certificate is recorded: a device whose
 * inspection nobody can show is out of compliance (NĐ 98/2021 Điều 58), and the register says so.
 */
export async function createDefaultSchedules(ctx: Ctx, a: AssetRow): Promise<void> {
  const today = todayVn();
  const rows = defaultSchedules(a.category_code, today).map((s) => ({
    id: uid(), asset_id: a.id, kind: s.kind, interval_months: s.months, last_done: null, next_due: addMonths(a.acquired, s.months), active: true,
  }));
  await ctx.use(repo).insertSchedules(rows);
}

onAssetCreated(createDefaultSchedules);

/** GET /api/equipment/assets/:id/care: the schedules and latest inspections of an asset. */
export async function careOf(ctx: Ctx, assetId: string): Promise<AssetCare> {
  const a = await assetFor(ctx, assetId, 'read');
  const today = todayVn();
  const [schedules, inspections, manage, report] = await Promise.all([
    ctx.use(repo).schedulesOf(a.id),
    ctx.use(repo).inspectionsOf({ assetId: a.id, limit: 100 }),
    canAccess(ctx, ruleFor(a.org_unit_id, 'manage', today)),
    canAccess(ctx, ruleFor(a.org_unit_id, 'report', today)),
  ]);
  const held = !GONE_STATUSES.includes(a.status);
  return {
    assetId: a.id, status: a.status, locked: a.status === 'locked', schedules: schedules.map(schedule), inspections: inspections.map(inspection),
    can: { manage: manage && held, report: report && held },
  };
}

async function heldAsset(ctx: Ctx, assetId: string): Promise<AssetRow> {
  const a = await assetFor(ctx, assetId, 'manage');
  if (GONE_STATUSES.includes(a.status)) throw conflict('equipment.assetGone');
  return a;
}

async function scheduleFor(ctx: Ctx, id: string): Promise<{ s: ScheduleRow; a: AssetRow }> {
  requirePermission(ctx, 'equipment:manage');
  const s = await ctx.use(repo).getSchedule(id);
  if (!s) throw notFound('schedule', id);
  return { s, a: await heldAsset(ctx, s.asset_id) };
}

/** POST /api/equipment/assets/:id/schedules: a schedule of a kind the asset has not yet. */
export async function addSchedule(ctx: Ctx, assetId: string, input: unknown): Promise<Schedule> {
  const x = parse(ScheduleInput, input);
  const a = await heldAsset(ctx, assetId);
  if (await ctx.use(repo).scheduleOfKind(a.id, x.kind)) throw conflict('equipment.scheduleExists');
  if (x.lastDone && x.lastDone > todayVn()) throw validation({ lastDone: 'equipment.dateInFuture' });
  const nextDue = x.nextDue ?? addMonths(x.lastDone ?? todayVn(), x.intervalMonths);
  const id = uid();
  await ctx.transaction(async (tx) => {
    await tx.use(repo).insertSchedules([{ id, asset_id: a.id, kind: x.kind, interval_months: x.intervalMonths, last_done: x.lastDone, next_due: nextDue, active: x.active }]);
    await recordEvent(tx, a.id, a.tag, { action: 'schedule.add', after: { kind: x.kind, intervalMonths: x.intervalMonths, nextDue } });
  });
  return schedule((await ctx.use(repo).getSchedule(id))!);
}

/**
 * PATCH /api/equipment/schedules/:id: the interval (the next due date follows from the last date
 * unless given), whether it is active, the next due date.
 */
export async function updateSchedule(ctx: Ctx, id: string, input: unknown): Promise<Schedule> {
  const x = parse(ScheduleUpdate, input);
  const { s, a } = await scheduleFor(ctx, id);
  const set: Parameters<typeof repo.updateSchedule>[2] = {};
  if (x.intervalMonths !== undefined && x.intervalMonths !== s.interval_months) {
    set.interval_months = x.intervalMonths;
    if (s.last_done && x.nextDue === undefined) set.next_due = addMonths(s.last_done, x.intervalMonths);
  }
  if (x.nextDue !== undefined) set.next_due = x.nextDue;
  if (x.active !== undefined && x.active !== s.active) set.active = x.active;
  if (!Object.keys(set).length) return schedule(s);
  const row = await ctx.transaction(async (tx) => {
    const r = await tx.use(repo).updateSchedule(s.id, set);
    await recordEvent(tx, a.id, a.tag, {
      action: 'schedule.update',
      before: { kind: s.kind, intervalMonths: s.interval_months, nextDue: s.next_due, active: s.active },
      after: { kind: r.kind, intervalMonths: r.interval_months, nextDue: r.next_due, active: r.active },
    });
    // A failing schedule switched off no longer holds the lock.
    if (set.active === false && s.last_result === 'fail') await unlockIfClear(tx, a, r.next_due ?? todayVn());
    return r;
  });
  return schedule(row);
}

// ------------------------------------------------------------------ the lock

/**
 * Sets the status an asset works in (broken, in repair, back in use) for the work orders: while it
 * is locked by a failed inspection, the status it will return to on a pass instead.
 */
export async function setWorkingStatus(ctx: Ctx, a: AssetRow, status: AssetStatus, c: { action: string; note?: string | null }): Promise<AssetRow> {
  if (a.status === 'locked') {
    const lock = await ctx.use(repo).getLock(a.id);
    await ctx.use(repo).putLock(a.id, status, lock?.schedule_id ?? null, todayVn());
    await recordEvent(ctx, a.id, a.tag, { action: c.action, before: { statusAfterLock: lock?.status_before ?? 'in_use' }, after: { statusAfterLock: status }, note: c.note });
    return a;
  }
  if (a.status === status) {
    await recordEvent(ctx, a.id, a.tag, { action: c.action, note: c.note });
    return a;
  }
  return changeStatus(ctx, a, status, { action: c.action, note: c.note });
}

/** Returns a locked asset to its status before the lock when none of its active schedules fails. */
async function unlockIfClear(ctx: Ctx, a: AssetRow, on: string): Promise<AssetRow> {
  if (a.status !== 'locked' || (await ctx.use(repo).failingSchedules(a.id)) > 0) return a;
  const lock = await ctx.use(repo).getLock(a.id);
  await ctx.use(repo).deleteLock(a.id);
  return changeStatus(ctx, a, lock?.status_before ?? 'in_use', { action: 'inspection.pass', note: null, on: on > todayVn() ? todayVn() : on });
}

// ------------------------------------------------------------------ inspections

/** POST /api/equipment/schedules/:id/inspections. */
export async function recordInspection(ctx: Ctx, scheduleId: string, input: unknown): Promise<Inspection> {
  const x = parse(InspectionInput, input);
  const { s, a } = await scheduleFor(ctx, scheduleId);
  const today = todayVn();
  if (x.doneOn > today) throw validation({ doneOn: 'equipment.dateInFuture' });
  if (x.validUntil && x.validUntil <= x.doneOn) throw validation({ validUntil: 'equipment.validUntilBeforeDone' });
  if (x.fileId) {
    const f = await ctx.use(repo).fileMeta(x.fileId);
    if (!f || f.asset_id !== a.id) throw validation({ fileId: 'equipment.fileNotOfAsset' });
  }
  const nextDue = x.validUntil ?? addMonths(x.doneOn, s.interval_months);
  const latest = !s.last_done || x.doneOn >= s.last_done;
  const id = uid();
  await ctx.transaction(async (tx) => {
    await tx.use(repo).insertInspection({
      id, schedule_id: s.id, asset_id: a.id, done_on: x.doneOn, result: x.result, certificate: x.certificate, body: x.body, next_due: nextDue,
      note: x.note, file_id: x.fileId, created_by: ctx.actor.id,
    });
    const what = { kind: s.kind, doneOn: x.doneOn, result: x.result, certificate: x.certificate, body: x.body, nextDue };
    if (!latest) {
      // An older inspection entered afterwards: history only.
      await recordEvent(tx, a.id, a.tag, { action: 'inspection.record', after: what, note: x.note });
      return;
    }
    await tx.use(repo).updateSchedule(s.id, { last_done: x.doneOn, next_due: nextDue, last_result: x.result });
    const locks = s.kind !== 'maintenance' && s.active;
    if (x.result === 'fail' && locks) {
      if (a.status === 'locked') {
        await recordEvent(tx, a.id, a.tag, { action: 'inspection.fail', after: what, note: x.note });
      } else {
        await tx.use(repo).putLock(a.id, a.status, s.id, x.doneOn);
        await changeStatus(tx, a, 'locked', { action: 'inspection.fail', note: x.note ?? x.certificate, on: x.doneOn });
      }
      return;
    }
    await recordEvent(tx, a.id, a.tag, { action: x.result === 'pass' ? 'inspection.record' : 'inspection.fail', after: what, note: x.note });
    if (x.result === 'pass') await unlockIfClear(tx, a, x.doneOn);
  });
  return inspection((await ctx.use(repo).inspectionsOf({ id }))[0]!);
}

/** POST /api/equipment/inspections/:id/file: the certificate (a document of the asset) of an inspection. */
export async function attachCertificate(ctx: Ctx, inspectionId: string, file: UploadedFile | undefined): Promise<Inspection> {
  requirePermission(ctx, 'equipment:manage');
  const i = await ctx.use(repo).getInspection(inspectionId);
  if (!i) throw notFound('inspection', inspectionId);
  await heldAsset(ctx, i.asset_id);
  const f = await uploadFile(ctx, i.asset_id, { kind: 'document' }, file);
  await ctx.use(repo).setInspectionFile(i.id, f.id);
  return inspection((await ctx.use(repo).inspectionsOf({ id: i.id }))[0]!);
}

// ------------------------------------------------------------------ due lists

/** GET /api/equipment/inspections/due: overdue first (the most overdue first), then due within N days. */
export async function dueList(ctx: Ctx, input: unknown): Promise<DueList> {
  const q = parse(DueQuery, input);
  const date = q.date ?? todayVn();
  const unit = await unitFor(ctx, q.orgUnit, 'read', date);
  const f: repo.DueFilter = { root: unit.id, date, until: addDays(date, q.within), kind: q.kind };
  const [rows, total] = await Promise.all([
    ctx.use(repo).dueList({ ...f, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    ctx.use(repo).countDue(f),
  ]);
  return {
    date, within: q.within,
    items: rows.map((r) => ({
      scheduleId: r.id, kind: r.kind, intervalMonths: r.interval_months, lastDone: r.last_done, nextDue: r.next_due,
      overdue: r.next_due < date, days: daysBetween(date, r.next_due),
      asset: { id: r.asset_id, tag: r.tag, name: r.name, category: r.category_code, status: r.status },
      orgUnit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    })),
    pager: { page: q.page, pageSize: q.pageSize, total, pageCount: Math.ceil(total / q.pageSize) },
  };
}
