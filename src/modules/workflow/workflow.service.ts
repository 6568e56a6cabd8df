// The form workflow: complete (validation gate) → approve by the parent level (locks) or return
// with a comment; reopen an approved form with a reason. Every step writes a form_event row and an
// audit_log entry. Plus the parent's overview of its children's forms.
//
// Who may act: entering data (complete, uncomplete) needs data:write and the unit in scope on the
// write date; approving, returning and reopening need data:approve and the unit STRICTLY below the
// actor's unit on that date (a station's own user cannot approve its own form, even with the role).
import { canAccess, hasPermission, requireAccess, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { conflict, forbidden, notFound, validation } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { parsePeriod } from '../../lib/periods.js';
import { audit } from '../audit/audit.service.js';
import * as calendarRepo from '../calendar/calendar.repo.js';
import * as dataValuesRepo from '../datavalues/datavalues.repo.js';
import { scopeDate, unitOrFail, unitRef, windowError, writeDate } from '../datavalues/datavalues.service.js';
import * as periodsRepo from '../datavalues/periods.repo.js';
import { deadlineOf, entryWindow } from '../datavalues/rules.js';
import { runValidation } from '../datavalues/validation.js';
import { notify } from '../notifications/notifications.service.js';
import {
  FormActionInput,
  FormStatusQuery,
  ReopenInput,
  ReturnInput,
  type FormAction,
  type FormState,
  type UnitFormStatus,
  type WorkflowEvent,
  type WorkflowStatus,
} from './workflow.contract.js';
import { formNotice } from './reminders.service.js';
import * as repo from './workflow.repo.js';

const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function resolve(ctx: Ctx, q: { dataSet: string; orgUnit: string; period: string }) {
  const ds = await ctx.use(repo).findDataSet(q.dataSet);
  if (!ds) throw notFound('dataSet', q.dataSet);
  const period = parsePeriod(q.period)!; // the contract accepts only valid periods
  if (period.type !== ds.period_type) throw validation({ period: 'workflow.periodType' }, 'workflow.periodType');
  const unit = await unitOrFail(ctx, q.orgUnit);
  return { ds, period, unit };
}

type Resolved = Awaited<ReturnType<typeof resolve>>;

/** Approver checks: data:approve, the unit visible, and the actor at a strictly higher level on the write date. */
async function requireApprover(ctx: Ctx, r: Resolved) {
  await requireAccess(ctx, { permission: 'data:approve', unit: r.unit.id });
  const above = await canAccess(ctx, { permission: 'data:approve', unit: r.unit.id, asOf: scopeDate(r.unit, r.period), below: true });
  if (!above) throw forbidden('workflow.notParentLevel');
}

/** Data entry rights on the form's unit: data:write and the unit in scope on the write date. */
function requireWriter(ctx: Ctx, r: Resolved) {
  return requireAccess(ctx, { permission: 'data:write', unit: r.unit.id, asOf: writeDate(r.unit, r.period) });
}

async function record(ctx: Ctx, r: Resolved, action: FormAction, change: repo.StatusChange, comment: string | null, before: FormState) {
  return ctx.transaction(async (tx) => {
    const forms = tx.use(repo);
    const pe = await tx.use(periodsRepo).ensurePeriod(r.period.iso);
    const current = await forms.lockStatus(r.ds.id, r.unit.id, pe);
    // Re-check the state under the row lock (two approvers clicking at once).
    if ((current?.state ?? 'open') !== before) throw conflict('CONFLICT');
    await forms.setStatus(r.ds.id, r.unit.id, pe, change);
    await forms.insertEvent({
      dataSetId: r.ds.id, orgUnitId: r.unit.id, periodId: pe, action, comment, userId: ctx.actor.id, username: ctx.actor.username,
    });
    await audit(tx, {
      action: `form.${action}`, entityType: 'form', entityId: r.unit.id, entityCode: r.unit.code,
      before: { state: before }, after: { state: change.state },
      details: { dataSet: r.ds.code, period: r.period.iso, comment },
    });
    // Returned or reopened for correction: the unit's data-entry users are told why (same transaction).
    if (change.state === 'returned') {
      await notify(tx, {
        unitIds: [r.unit.id], permission: 'data:write', kind: 'form.returned',
        ...formNotice(r.ds, r.unit, r.period, { by: ctx.actor.username, reason: comment ?? '' }),
      });
    }
    return statusOf(tx, r);
  });
}

async function currentState(ctx: Ctx, r: Resolved) {
  const row = await ctx.use(repo).statusOf(r.ds.id, r.unit.id, r.period.iso);
  return { row, state: (row?.state ?? 'open') as FormState };
}

async function statusOf(ctx: Ctx, r: Resolved): Promise<WorkflowStatus> {
  const { row, state } = await currentState(ctx, r);
  return {
    dataSet: r.ds.code,
    orgUnit: unitRef(r.unit),
    period: r.period.iso,
    state,
    completedAt: isoOrNull(row?.completed_at),
    completedBy: row?.completed_by ?? null,
    onTime: row?.on_time ?? null,
    approvedAt: isoOrNull(row?.approved_at),
    approvedBy: row?.approved_by ?? null,
    comment: row?.completion_comment ?? null,
  };
}

/** Completes a form: blocking violations stop it, warnings need a comment. */
export async function complete(ctx: Ctx, input: unknown, locale: Locale = ctx.locale): Promise<WorkflowStatus> {
  requirePermission(ctx, 'data:write');
  const q = parse(FormActionInput, input);
  const r = await resolve(ctx, q);
  await requireWriter(ctx, r);
  const w = await entryWindow(ctx, r.ds.id, r.unit.id, r.period.iso, { canEditExpired: hasPermission(ctx, 'system:admin') });
  if (!w.open) {
    if (w.reason === 'completed') throw conflict('workflow.alreadyCompleted');
    if (w.reason === 'approved') throw conflict('workflow.alreadyApproved');
    throw windowError(w);
  }
  const { violations } = await runValidation(ctx, { dataSetId: r.ds.id, orgUnitId: r.unit.id, periodIso: r.period.iso, locale });
  const blocking = violations.filter((v) => v.blocking);
  if (blocking.length) throw conflict('workflow.blockingViolations', { violations }, { count: blocking.length });
  const comment = q.comment?.trim() || null;
  if (violations.length && !comment) throw conflict('workflow.warningsNeedComment', { violations }, { count: violations.length });
  const today = todayVn();
  return record(ctx, r, 'complete', {
    state: 'completed', completed_at: new Date(), completed_by: ctx.actor.username, completion_comment: comment,
    on_time: today <= w.deadline, approved_at: null, approved_by: null,
  }, comment, w.state);
}

/** Undoes a completion (the user who completed it, or anyone who may enter the unit's data). */
export async function uncomplete(ctx: Ctx, input: unknown): Promise<WorkflowStatus> {
  const q = parse(FormActionInput, input);
  const r = await resolve(ctx, q);
  const { row, state } = await currentState(ctx, r);
  const own = row?.completed_by === ctx.actor.username && hasPermission(ctx, 'data:write');
  if (own) await requireAccess(ctx, { permission: 'data:write', unit: r.unit.id });
  else await requireWriter(ctx, r);
  if (state !== 'completed') throw conflict(state === 'approved' ? 'workflow.alreadyApproved' : 'workflow.notCompleted');
  // Past the entry window an uncompleted form could no longer be edited nor completed again: only
  // the parent level's "return" reopens it then.
  const { closesOn } = deadlineOf(r.ds, r.period, await ctx.use(calendarRepo).loadCalendar());
  if (closesOn !== null && todayVn() > closesOn && !hasPermission(ctx, 'system:admin')) {
    throw conflict('workflow.uncompleteExpired', { closesOn }, { date: closesOn });
  }
  return record(ctx, r, 'uncomplete', {
    state: 'open', completed_at: null, completed_by: null, completion_comment: null, on_time: null,
  }, q.comment?.trim() || null, state);
}

/** Approves a completed form; the form is then locked. */
export async function approve(ctx: Ctx, input: unknown): Promise<WorkflowStatus> {
  const q = parse(FormActionInput, input);
  const r = await resolve(ctx, q);
  await requireApprover(ctx, r);
  const { state } = await currentState(ctx, r);
  if (state === 'approved') throw conflict('workflow.alreadyApproved');
  if (state !== 'completed') throw conflict('workflow.notCompleted');
  return record(ctx, r, 'approve', { state: 'approved', approved_at: new Date(), approved_by: ctx.actor.username }, q.comment?.trim() || null, state);
}

/** Returns a completed form to its unit for correction, with a comment (required). */
export async function returnForm(ctx: Ctx, input: unknown): Promise<WorkflowStatus> {
  const q = parse(ReturnInput, input);
  const r = await resolve(ctx, q);
  await requireApprover(ctx, r);
  const { state } = await currentState(ctx, r);
  if (state === 'approved') throw conflict('workflow.approvedUseReopen');
  if (state !== 'completed') throw conflict('workflow.notCompleted');
  return record(ctx, r, 'return', {
    state: 'returned', completed_at: null, completed_by: null, on_time: null, approved_at: null, approved_by: null,
  }, q.comment, state);
}

/**
 * Reopens an approved form with a reason (required). The form goes to 'returned': open for
 * correction even after the entry window has closed, then completed and approved again.
 */
export async function reopen(ctx: Ctx, input: unknown): Promise<WorkflowStatus> {
  const q = parse(ReopenInput, input);
  const r = await resolve(ctx, q);
  await requireApprover(ctx, r);
  const { state } = await currentState(ctx, r);
  if (state !== 'approved') throw conflict('workflow.notApproved');
  return record(ctx, r, 'reopen', {
    state: 'returned', completed_at: null, completed_by: null, on_time: null, approved_at: null, approved_by: null,
  }, q.reason, state);
}

/** The parent's overview: its children's forms (and its own) for a period. */
export async function formStatuses(ctx: Ctx, input: unknown): Promise<UnitFormStatus[]> {
  requirePermission(ctx, 'data:read');
  const q = parse(FormStatusQuery, input);
  const r = await resolve(ctx, q);
  await requireAccess(ctx, { permission: 'data:read', unit: r.unit.id });
  const forms = ctx.use(repo);
  const units = await forms.formsUnder(scopeOf(ctx), r.ds.id, r.unit.id, r.period);
  const pe = await ctx.use(dataValuesRepo).periodId(r.period.iso);
  const [statuses, counts, cal] = await Promise.all([
    pe ? forms.statusesOf(r.ds.id, units.map((u) => u.id), pe.id) : Promise.resolve([]),
    pe ? forms.valueCounts(r.ds.id, units.map((u) => u.iid), pe.id) : Promise.resolve(new Map<number, number>()),
    ctx.use(calendarRepo).loadCalendar(),
  ]);
  const { deadline, closesOn } = deadlineOf(r.ds, r.period, cal);
  const approver = hasPermission(ctx, 'data:approve');
  const byUnit = new Map(statuses.map((s) => [s.org_unit_id, s]));
  return units.map((u) => {
    const s = byUnit.get(u.id);
    const state = s?.state ?? 'open';
    return {
      orgUnit: { id: u.id, code: u.code, name: u.name },
      self: u.self,
      state,
      completedAt: isoOrNull(s?.completed_at),
      completedBy: s?.completed_by ?? null,
      onTime: s?.on_time ?? null,
      deadline,
      closesOn,
      approvedAt: isoOrNull(s?.approved_at),
      approvedBy: s?.approved_by ?? null,
      comment: s?.completion_comment ?? null,
      valueCount: counts.get(u.iid) ?? 0,
      canApprove: state === 'completed' && approver && u.approvable,
    };
  });
}

/** Form events of a form, oldest first (also part of GET /api/dataEntry/form). */
export async function events(ctx: Ctx, input: unknown): Promise<WorkflowEvent[]> {
  requirePermission(ctx, 'data:read');
  const q = parse(FormStatusQuery, input);
  const r = await resolve(ctx, q);
  await requireAccess(ctx, { permission: 'data:read', unit: r.unit.id });
  const rows = await ctx.use(repo).eventsOf(r.ds.id, r.unit.id, r.period.iso);
  return rows.map((e) => ({ action: e.action, comment: e.comment, username: e.username, at: e.at.toISOString() }));
}
