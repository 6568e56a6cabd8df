// The form workflow: complete (validation gate) → approve by the parent level (locks) or return
// with a comment; reopen an approved form with a reason. Every step writes a form_event row and an
// audit_log entry. Plus the parent's overview of its children's forms.
import { z } from 'zod';
import type { FormState } from './workflow.tables.js';
import { conflict, forbidden, notFound, validation } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import { todayVn } from '../../lib/dates.js';
import { parsePeriod } from '../../lib/periods.js';
import { parse } from '../../core/input.js';
import { insertAudit } from '../audit/audit.service.js';
import { type Ctx } from '../../core/context.js';
import { isGlobal, requirePermission, requireUnitInScope } from '../../core/access.js';
import { scopeDate, unitOrFail, unitRef, windowError, writeDate } from '../datavalues/datavalues.service.js';
import { ensurePeriod } from '../datavalues/periods.repo.js';
import { loadCalendar } from '../calendar/calendar.repo.js';
import { deadlineOf, entryWindow } from '../datavalues/rules.js';
import { runValidation } from '../datavalues/validation.js';
import { isApproverOf } from './access.js';
import * as repo from './workflow.repo.js';

const ref = z.string().trim().min(1).max(100);
const periodIso = z.string().trim().refine((s) => parsePeriod(s) !== null, 'field.period');
const formSchema = z.object({ dataSet: ref, orgUnit: ref, period: periodIso });
const text = z.string().trim().max(2000);

type Action = 'complete' | 'uncomplete' | 'approve' | 'return' | 'reopen';

async function resolve(ctx: Ctx, q: z.infer<typeof formSchema>) {
  const ds = await repo.findDataSet(ctx.db, q.dataSet);
  if (!ds) throw notFound('dataSet', q.dataSet);
  const period = parsePeriod(q.period)!;
  if (period.type !== ds.period_type) throw validation({ period: 'workflow.periodType' }, 'workflow.periodType');
  const unit = await unitOrFail(ctx, q.orgUnit);
  return { ds, period, unit };
}

type Resolved = Awaited<ReturnType<typeof resolve>>;

/** Approver checks: data:approve, the unit visible, and the actor at a strict ancestor level. */
async function requireApprover(ctx: Ctx, r: Resolved) {
  requirePermission(ctx, 'data:approve');
  await requireUnitInScope(ctx, r.unit.id);
  if (!(await isApproverOf(ctx, r.unit.id, scopeDate(r.unit, r.period)))) throw forbidden('workflow.notParentLevel');
}

async function record(ctx: Ctx, r: Resolved, action: Action, change: repo.StatusChange, comment: string | null, before: FormState) {
  return ctx.transaction(async (tctx) => {
    const trx = tctx.db;
    const pe = await ensurePeriod(trx, r.period.iso);
    const current = await repo.lockStatus(trx, r.ds.id, r.unit.id, pe);
    // Re-check the state under the row lock (two approvers clicking at once).
    if ((current?.state ?? 'open') !== before) throw conflict('CONFLICT');
    await repo.setStatus(trx, r.ds.id, r.unit.id, pe, change);
    await trx.insertInto('form_event').values({
      data_set_id: r.ds.id, org_unit_id: r.unit.id, period_id: pe, action, comment, user_id: ctx.actor.id, username: ctx.actor.username,
    }).execute();
    await insertAudit(trx, ctx.actor, {
      action: `form.${action}`, entityType: 'form', entityId: r.unit.id, entityCode: r.unit.code,
      before: { state: before }, after: { state: change.state },
      details: { dataSet: r.ds.code, period: r.period.iso, comment },
    });
    return statusOf(tctx, r);
  });
}

async function currentState(ctx: Ctx, r: Resolved) {
  const row = await ctx.db
    .selectFrom('form_status as f')
    .innerJoin('period as p', 'p.id', 'f.period_id')
    .selectAll('f')
    .where('f.data_set_id', '=', r.ds.id)
    .where('f.org_unit_id', '=', r.unit.id)
    .where('p.iso', '=', r.period.iso)
    .executeTakeFirst();
  return { row, state: (row?.state ?? 'open') as FormState };
}

async function statusOf(ctx: Ctx, r: Resolved) {
  const { row, state } = await currentState(ctx, r);
  return {
    dataSet: r.ds.code,
    orgUnit: unitRef(r.unit),
    period: r.period.iso,
    state,
    completedAt: row?.completed_at ?? null,
    completedBy: row?.completed_by ?? null,
    onTime: row?.on_time ?? null,
    approvedAt: row?.approved_at ?? null,
    approvedBy: row?.approved_by ?? null,
    comment: row?.completion_comment ?? null,
  };
}

/** Completes a form: blocking violations stop it, warnings need a comment. */
export async function complete(ctx: Ctx, input: unknown, locale: Locale) {
  requirePermission(ctx, 'data:write');
  const q = parse(formSchema.extend({ comment: text.nullable().optional() }), input);
  const r = await resolve(ctx, q);
  await requireUnitInScope(ctx, r.unit.id, writeDate(r.unit, r.period));
  const w = await entryWindow(ctx.db, r.ds.id, r.unit.id, r.period.iso, { canEditExpired: ctx.actor.permissions.has('system:admin') });
  if (!w.open) {
    if (w.reason === 'completed') throw conflict('workflow.alreadyCompleted');
    if (w.reason === 'approved') throw conflict('workflow.alreadyApproved');
    throw windowError(w);
  }
  const { violations } = await runValidation(ctx.db, { dataSetId: r.ds.id, orgUnitId: r.unit.id, periodIso: r.period.iso, locale });
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
export async function uncomplete(ctx: Ctx, input: unknown) {
  const q = parse(formSchema.extend({ comment: text.nullable().optional() }), input);
  const r = await resolve(ctx, q);
  const { row, state } = await currentState(ctx, r);
  const own = row?.completed_by === ctx.actor.username && ctx.actor.permissions.has('data:write');
  if (!own) {
    requirePermission(ctx, 'data:write');
    await requireUnitInScope(ctx, r.unit.id, writeDate(r.unit, r.period));
  } else {
    await requireUnitInScope(ctx, r.unit.id);
  }
  if (state !== 'completed') throw conflict(state === 'approved' ? 'workflow.alreadyApproved' : 'workflow.notCompleted');
  // Past the entry window an uncompleted form could no longer be edited nor completed again: only
  // the parent level's "return" reopens it then.
  const { closesOn } = deadlineOf(r.ds, r.period, await loadCalendar(ctx.db));
  if (closesOn !== null && todayVn() > closesOn && !ctx.actor.permissions.has('system:admin')) {
    throw conflict('workflow.uncompleteExpired', { closesOn }, { date: closesOn });
  }
  return record(ctx, r, 'uncomplete', {
    state: 'open', completed_at: null, completed_by: null, completion_comment: null, on_time: null,
  }, q.comment?.trim() || null, state);
}

/** Approves a completed form; the form is then locked. */
export async function approve(ctx: Ctx, input: unknown) {
  const q = parse(formSchema.extend({ comment: text.nullable().optional() }), input);
  const r = await resolve(ctx, q);
  await requireApprover(ctx, r);
  const { state } = await currentState(ctx, r);
  if (state === 'approved') throw conflict('workflow.alreadyApproved');
  if (state !== 'completed') throw conflict('workflow.notCompleted');
  return record(ctx, r, 'approve', { state: 'approved', approved_at: new Date(), approved_by: ctx.actor.username }, q.comment?.trim() || null, state);
}

/** Returns a completed form to its unit for correction, with a comment (required). */
export async function returnForm(ctx: Ctx, input: unknown) {
  const q = parse(formSchema.extend({ comment: text.min(1) }), input);
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
export async function reopen(ctx: Ctx, input: unknown) {
  const q = parse(formSchema.extend({ reason: text.min(1) }), input);
  const r = await resolve(ctx, q);
  await requireApprover(ctx, r);
  const { state } = await currentState(ctx, r);
  if (state !== 'approved') throw conflict('workflow.notApproved');
  return record(ctx, r, 'reopen', {
    state: 'returned', completed_at: null, completed_by: null, on_time: null, approved_at: null, approved_by: null,
  }, q.reason, state);
}

/** The parent's overview: its children's forms (and its own) for a period. */
export async function formStatuses(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'data:read');
  const q = parse(formSchema, input);
  const r = await resolve(ctx, q);
  await requireUnitInScope(ctx, r.unit.id);
  const units = await repo.formsUnder(ctx.db, r.ds.id, r.unit.id, r.period);
  const pe = await ctx.db.selectFrom('period').select('id').where('iso', '=', r.period.iso).executeTakeFirst();
  const [statuses, counts, cal] = await Promise.all([
    pe ? repo.statusesOf(ctx.db, r.ds.id, units.map((u) => u.id), pe.id) : Promise.resolve([]),
    pe ? repo.valueCounts(ctx.db, r.ds.id, units.map((u) => u.iid), pe.id) : Promise.resolve(new Map<number, number>()),
    loadCalendar(ctx.db),
  ]);
  const { deadline, closesOn } = deadlineOf(r.ds, r.period, cal);
  const canApprove = ctx.actor.permissions.has('data:approve');
  const approvable = !canApprove
    ? new Set<string>()
    : isGlobal(ctx.actor)
      ? new Set(units.map((u) => u.id))
      : await repo.strictDescendantsOf(ctx.db, ctx.actor.orgUnitId!, units.map((u) => u.id), r.period.start);
  const byUnit = new Map(statuses.map((s) => [s.org_unit_id, s]));
  return units.map((u) => {
    const s = byUnit.get(u.id);
    const state = s?.state ?? 'open';
    return {
      orgUnit: { id: u.id, code: u.code, name: u.name },
      self: u.self,
      state,
      completedAt: s?.completed_at ?? null,
      completedBy: s?.completed_by ?? null,
      onTime: s?.on_time ?? null,
      deadline,
      closesOn,
      approvedAt: s?.approved_at ?? null,
      approvedBy: s?.approved_by ?? null,
      comment: s?.completion_comment ?? null,
      valueCount: counts.get(u.iid) ?? 0,
      canApprove: state === 'completed' && approvable.has(u.id),
    };
  });
}

/** Form events of a form, oldest first (also part of GET /api/dataEntry/form). */
export async function events(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'data:read');
  const q = parse(formSchema, input);
  const r = await resolve(ctx, q);
  await requireUnitInScope(ctx, r.unit.id);
  return ctx.db
    .selectFrom('form_event as e')
    .innerJoin('period as p', 'p.id', 'e.period_id')
    .select(['e.action', 'e.comment', 'e.username', 'e.at'])
    .where('e.data_set_id', '=', r.ds.id)
    .where('e.org_unit_id', '=', r.unit.id)
    .where('p.iso', '=', r.period.iso)
    .orderBy('e.id')
    .execute();
}
