// Tasks: their lists, their life (assigned → accepted → in progress → submitted → done, or refused,
// returned, paused, withdrawn), extensions of their deadlines, and the occurrences of recurring ones.
//
// Access (through core/access): a task is seen by the units in scope of its lead unit, of a
// cooperating unit or of the unit that assigned it. The lead side (task:work, the lead unit in scope)
// accepts, refuses, reports progress, submits and asks for extensions; the assigner side
// (directive:write, the assigner unit in scope) confirms, returns, pauses, withdraws, edits and
// decides extensions. A cooperating unit only reads. Every change is audited and kept as an event.
import { canAccess, requireAccess, requirePermission, scopeOf, unitsInScope } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, forbidden, notFound, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { audit } from '../audit/audit.service.js';
import * as calendarRepo from '../calendar/calendar.repo.js';
import {
  CalendarQuery,
  ExtensionDecisionInput,
  ExtensionRequestInput,
  TaskActionInput,
  TasksQuery,
  UpdateTaskInput,
  type CalendarEntry,
  type TaskAction,
  type TaskDetail,
  type TaskItem,
  type TaskList,
  type TaskStatus,
} from './directives.contract.js';
import * as repo from './directives.repo.js';
import { occurrencesUpTo } from './followup.js';
import { announce } from './notices.js';
import { clockOf, toTaskItems } from './task-view.js';
import { uid } from '../../lib/uid.js';

// ---------------------------------------------------------------------------------------------
// Reading

export async function listTasks(ctx: Ctx, input: unknown): Promise<TaskList> {
  requirePermission(ctx, 'task:read');
  const q = parse(TasksQuery, input);
  const clock = await clockOf(ctx);
  let unit: string | undefined;
  if (q.unit) {
    unit = await unitIdOf(ctx, q.unit);
    await requireAccess(ctx, { unit });
  }
  const { total, rows } = await ctx.use(repo).listTasks({
    scope: scopeOf(ctx), view: q.view, actorUnit: scopeOf(ctx).root, document: q.document, unit, state: q.state,
    today: clock.today, dueSoonLimit: clock.dueSoonLimit, from: q.from, to: q.to, q: q.q, page: q.page, pageSize: q.pageSize,
  });
  return { total, items: await toTaskItems(ctx, rows, clock) };
}

export async function calendar(ctx: Ctx, input: unknown): Promise<CalendarEntry[]> {
  requirePermission(ctx, 'task:read');
  const q = parse(CalendarQuery, input);
  if (q.to < q.from) throw validation({ to: 'directive.rangeReversed' });
  const clock = await clockOf(ctx);
  const rows = await ctx.use(repo).tasksDueBetween(scopeOf(ctx), q.from, q.to, scopeOf(ctx).root);
  const items = await toTaskItems(ctx, rows, clock);
  return items.map((task) => ({ date: task.deadline!, task }));
}

export async function getTask(ctx: Ctx, id: string): Promise<TaskDetail> {
  requirePermission(ctx, 'task:read');
  const row = await ctx.use(repo).findTask(id);
  if (!row) throw notFound('task', id);
  const sides = await sidesOf(ctx, row);
  if (!sides.sees) throw new AppError('OUT_OF_SCOPE');
  return detail(ctx, row, sides);
}

interface Sides {
  sees: boolean;
  lead: boolean;
  assigner: boolean;
}

/** What the actor may do with the task: see it, act as its lead, act as its assigner. */
async function sidesOf(ctx: Ctx, row: repo.TaskRow): Promise<Sides> {
  const assigner = await canAccess(ctx, { permission: 'directive:write', unit: row.assigner_unit_id });
  const lead = row.lead_unit_id !== null && (await canAccess(ctx, { permission: 'task:work', unit: row.lead_unit_id }));
  if (assigner || lead) return { sees: true, lead, assigner };
  const db = ctx.use(repo);
  const related = [row.assigner_unit_id, ...(row.lead_unit_id ? [row.lead_unit_id] : []), ...(await db.cooperatorsOf([row.id])).map((c) => c.id)];
  if (row.kind !== 'task') related.push(...(await db.childTasks(row.id)).map((c) => c.lead_unit_id).filter((u): u is string => u !== null));
  return { sees: (await unitsInScope(ctx, related)).size > 0, lead, assigner };
}

/** The actions of the lifecycle allowed from each status, and by which side. */
const LEAD_ACTIONS: Partial<Record<TaskAction, readonly TaskStatus[]>> = {
  accept: ['assigned'],
  refuse: ['assigned'],
  // Reporting progress or the result accepts the task too.
  progress: ['assigned', 'accepted', 'in_progress', 'returned'],
  submit: ['assigned', 'accepted', 'in_progress', 'returned'],
};
const ASSIGNER_ACTIONS: Partial<Record<TaskAction, readonly TaskStatus[]>> = {
  confirm: ['submitted'],
  return: ['submitted'],
  pause: ['assigned', 'accepted', 'in_progress', 'returned', 'refused'],
  resume: ['paused'],
  withdraw: ['assigned', 'accepted', 'in_progress', 'returned', 'refused', 'paused', 'submitted'],
};
const NEXT: Record<TaskAction, TaskStatus | null> = {
  accept: 'accepted', refuse: 'refused', progress: 'in_progress', submit: 'submitted', confirm: 'done', return: 'returned',
  pause: 'paused', resume: null, withdraw: 'withdrawn',
};

function allowedActions(row: repo.TaskRow, sides: Sides, pendingExtension: boolean): TaskDetail['actions'] {
  const out: TaskDetail['actions'] = [];
  if (row.kind !== 'task') {
    if (sides.assigner && row.status !== 'withdrawn') out.push('withdraw', 'edit');
    return out;
  }
  if (sides.lead) for (const [a, from] of Object.entries(LEAD_ACTIONS)) if (from!.includes(row.status)) out.push(a as TaskAction);
  if (sides.assigner) for (const [a, from] of Object.entries(ASSIGNER_ACTIONS)) if (from!.includes(row.status)) out.push(a as TaskAction);
  const open = !['done', 'withdrawn'].includes(row.status);
  if (sides.lead && open && row.deadline && !pendingExtension) out.push('requestExtension');
  if (sides.assigner && pendingExtension) out.push('decideExtension');
  if (sides.assigner && open) out.push('edit');
  return out;
}

async function detail(ctx: Ctx, row: repo.TaskRow, sides: Sides): Promise<TaskDetail> {
  const db = ctx.use(repo);
  const clock = await clockOf(ctx);
  const [[item], events, extensions, children, files] = await Promise.all([
    toTaskItems(ctx, [row], clock),
    db.eventsOf(row.id),
    db.extensionsOf(row.id),
    row.kind === 'task' ? Promise.resolve([]) : db.childTasks(row.id),
    db.attachmentsOf({ taskId: row.id }),
  ]);
  const visibleChildren = children.length ? await unitsInScope(ctx, children.map((c) => c.lead_unit_id!).filter(Boolean)) : new Set<string>();
  const shownChildren = sides.assigner ? children : children.filter((c) => c.lead_unit_id && visibleChildren.has(c.lead_unit_id));
  const filesOf = (eventId: string) => files.filter((f) => String(f.event_id) === eventId).map(attachmentInfo);
  return {
    ...item,
    quote: row.quote,
    events: events.map((e) => ({
      id: String(e.id), action: e.action, fromStatus: e.from_status, toStatus: e.to_status, comment: e.comment, progress: e.progress,
      user: e.username, at: e.at.toISOString(), attachments: filesOf(String(e.id)),
    })),
    extensions: extensions.map((x) => ({
      id: x.id, previousDeadline: x.previous_deadline, requestedDeadline: x.requested_deadline, reason: x.reason, status: x.status,
      requestedBy: x.requested_by, requestedAt: x.requested_at.toISOString(), decidedBy: x.decided_by,
      decidedAt: x.decided_at ? x.decided_at.toISOString() : null, comment: x.comment,
    })),
    children_: await toTaskItems(ctx, shownChildren, clock),
    actions: allowedActions(row, sides, item.pendingExtension !== null),
  };
}

export function attachmentInfo(f: { id: string; file_name: string; size: number; sha256: string; mime: string; has_text: boolean; created_at: Date }) {
  return { id: f.id, fileName: f.file_name, size: f.size, sha256: f.sha256, mime: f.mime, hasText: f.has_text, createdAt: f.created_at.toISOString() };
}

// ---------------------------------------------------------------------------------------------
// The lifecycle

/** Loads the task for a change (row lock) and checks the side; the version must match. */
async function lockFor(ctx: Ctx, id: string, side: 'lead' | 'assigner', version?: number) {
  const row = await ctx.use(repo).findTask(id, true);
  if (!row) throw notFound('task', id);
  const sides = await sidesOf(ctx, row);
  if (!sides.sees) throw new AppError('OUT_OF_SCOPE');
  if (side === 'lead' && !sides.lead) throw forbidden(sides.assigner ? 'directive.leadOnly' : 'directive.notLead');
  if (side === 'assigner' && !sides.assigner) throw forbidden('directive.assignerOnly');
  if (version !== undefined && version !== row.version) throw conflict('directive.staleTask', { current: row.version });
  return { row, sides };
}

export async function act(ctx: Ctx, id: string, input: unknown): Promise<TaskDetail> {
  const a = parse(TaskActionInput, input);
  const side = a.action in LEAD_ACTIONS ? 'lead' : 'assigner';
  await ctx.transaction(async (tx) => {
    const { row } = await lockFor(tx, id, side, a.version);
    if (row.kind !== 'task' && a.action !== 'withdraw') throw conflict('directive.notOnGroup');
    const allowed = (side === 'lead' ? LEAD_ACTIONS : ASSIGNER_ACTIONS)[a.action]!;
    if (!allowed.includes(row.status)) throw conflict('directive.actionNotAllowed', { status: row.status }, { status: row.status });
    const to: TaskStatus = a.action === 'resume' ? ((row.paused_from as TaskStatus | null) ?? 'accepted') : NEXT[a.action]!;
    const set: Record<string, unknown> = { status: to };
    if (a.action === 'pause') set.paused_from = row.status;
    if (a.action === 'progress' && a.progress != null) set.progress = a.progress;
    if (a.action === 'submit') set.progress = 100;
    if (a.action === 'confirm') set.completed_on = a.completedOn ?? (await lastSubmitDay(tx, row.id)) ?? todayVn();
    if (a.action === 'return') set.progress = Math.min(row.progress, 90);
    if (a.action === 'confirm' && set.completed_on! > todayVn()) throw validation({ completedOn: 'directive.completedInFuture' });
    const db = tx.use(repo);
    if (!(await db.updateTask(row.id, row.version, set))) throw conflict('directive.staleTask');
    const eventId = await db.insertEvent({
      task_id: row.id, action: a.action, from_status: row.status, to_status: to, comment: a.comment ?? null,
      progress: (set.progress as number | undefined) ?? null, details: a.action === 'confirm' ? { completedOn: set.completed_on } : null,
      user_id: tx.actor.id, username: tx.actor.username,
    });
    if ('attachments' in a && a.attachments.length) {
      const linked = await db.linkAttachments(a.attachments, row.id, eventId, tx.actor.id);
      if (linked !== new Set(a.attachments).size) throw validation({ attachments: 'directive.attachmentUnknown' });
    }
    if (row.kind === 'group' && a.action === 'withdraw') await withdrawChildren(tx, row.id, a.comment);
    if (row.parent_id) await db.rollUp(row.parent_id);
    await audit(tx, { action: `task.${a.action}`, entityType: 'task', entityId: row.id, before: { status: row.status }, after: set, details: { comment: a.comment ?? null } });
    await announce(tx, a.action, row, a.comment ?? null);
  });
  return getTask(ctx, id);
}

async function lastSubmitDay(ctx: Ctx, taskId: string): Promise<string | null> {
  const events = await ctx.use(repo).eventsOf(taskId);
  const submit = events.filter((e) => e.action === 'submit').pop();
  return submit ? todayVn(submit.at) : null;
}

async function withdrawChildren(ctx: Ctx, parentId: string, comment: string | null): Promise<void> {
  const db = ctx.use(repo);
  for (const c of await db.childTasks(parentId)) {
    if (c.status === 'done' || c.status === 'withdrawn') continue;
    await db.updateTask(c.id, c.version, { status: 'withdrawn' });
    await db.insertEvent({ task_id: c.id, action: 'withdraw', from_status: c.status, to_status: 'withdrawn', comment, progress: null, details: { withParent: parentId }, user_id: ctx.actor.id, username: ctx.actor.username });
  }
}

// ---------------------------------------------------------------------------------------------
// Extensions

export async function requestExtension(ctx: Ctx, id: string, input: unknown): Promise<TaskDetail> {
  const x = parse(ExtensionRequestInput, input);
  await ctx.transaction(async (tx) => {
    const { row } = await lockFor(tx, id, 'lead');
    if (row.kind !== 'task' || ['done', 'withdrawn'].includes(row.status)) throw conflict('directive.extensionClosed');
    if (!row.deadline) throw conflict('directive.extensionNoDeadline');
    if (x.deadline <= row.deadline) throw validation({ deadline: 'directive.extensionNotLater' });
    const db = tx.use(repo);
    if ((await db.pendingExtensions([row.id])).length) throw conflict('directive.extensionPending');
    const extId = uid();
    await db.insertExtension({ id: extId, task_id: row.id, previous_deadline: row.deadline, requested_deadline: x.deadline, reason: x.reason, requested_by: tx.actor.username });
    await db.insertEvent({ task_id: row.id, action: 'requestExtension', from_status: row.status, to_status: row.status, comment: x.reason, progress: null, details: { deadline: x.deadline }, user_id: tx.actor.id, username: tx.actor.username });
    await audit(tx, { action: 'task.requestExtension', entityType: 'task', entityId: row.id, after: { deadline: x.deadline, reason: x.reason } });
    await announce(tx, 'requestExtension', row, x.reason, x.deadline);
  });
  return getTask(ctx, id);
}

export async function decideExtension(ctx: Ctx, id: string, extId: string, input: unknown): Promise<TaskDetail> {
  const d = parse(ExtensionDecisionInput, input);
  await ctx.transaction(async (tx) => {
    const { row } = await lockFor(tx, id, 'assigner');
    const db = tx.use(repo);
    const ext = await db.findExtension(row.id, extId);
    if (!ext) throw notFound('extension', extId);
    if (!(await db.decideExtension(ext.id, d.approve ? 'approved' : 'rejected', tx.actor.username, d.comment ?? null))) throw conflict('directive.extensionDecided');
    if (d.approve) {
      // The original deadline is kept; lateness is judged on the approved one from now on.
      await db.updateTask(row.id, row.version, { deadline: ext.requested_deadline, original_deadline: row.original_deadline ?? row.deadline });
    }
    await db.insertEvent({
      task_id: row.id, action: d.approve ? 'approveExtension' : 'rejectExtension', from_status: row.status, to_status: row.status,
      comment: d.comment ?? null, progress: null, details: { deadline: ext.requested_deadline, previous: row.deadline }, user_id: tx.actor.id, username: tx.actor.username,
    });
    await audit(tx, { action: d.approve ? 'task.approveExtension' : 'task.rejectExtension', entityType: 'task', entityId: row.id, before: { deadline: row.deadline }, after: { deadline: d.approve ? ext.requested_deadline : row.deadline } });
    await announce(tx, d.approve ? 'approveExtension' : 'rejectExtension', row, d.comment ?? null, d.approve ? ext.requested_deadline : row.deadline);
  });
  return getTask(ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Editing (the assigner): content, lead, cooperating units, deadline

export async function updateTask(ctx: Ctx, id: string, input: unknown): Promise<TaskDetail> {
  const u = parse(UpdateTaskInput, input);
  await ctx.transaction(async (tx) => {
    const { row } = await lockFor(tx, id, 'assigner', u.version);
    if (['done', 'withdrawn'].includes(row.status)) throw conflict('directive.taskClosed');
    const set: Record<string, unknown> = {};
    if (u.item !== undefined) set.item = u.item;
    if (u.content !== undefined) set.content = u.content;
    if (u.output !== undefined) set.output = u.output;
    if (u.ongoing !== undefined) set.ongoing = u.ongoing;
    if (u.deadline !== undefined) {
      set.deadline = u.deadline;
      if (row.original_deadline === null && row.deadline !== null && u.deadline !== row.deadline) set.original_deadline = row.deadline;
    }
    if (u.lead !== undefined) {
      if (row.kind !== 'task') throw conflict('directive.notOnGroup');
      const lead = await unitIdOf(tx, u.lead);
      await requireAccess(tx, { unit: lead });
      set.lead_unit_id = lead;
      // A task handed to another unit starts again with it.
      if (lead !== row.lead_unit_id) Object.assign(set, { status: 'assigned', progress: 0 });
    }
    const db = tx.use(repo);
    if (!(await db.updateTask(row.id, row.version, set))) throw conflict('directive.staleTask');
    if (u.cooperating) {
      const ids = await Promise.all(u.cooperating.map((r) => unitIdOf(tx, r)));
      await db.setCooperators(row.id, [...new Set(ids)].filter((x) => x !== (set.lead_unit_id ?? row.lead_unit_id)));
    }
    await db.insertEvent({ task_id: row.id, action: 'edit', from_status: row.status, to_status: (set.status as TaskStatus | undefined) ?? row.status, comment: u.reason ?? null, progress: null, details: set, user_id: tx.actor.id, username: tx.actor.username });
    await audit(tx, { action: 'task.update', entityType: 'task', entityId: row.id, before: pick(row, Object.keys(set)), after: set });
    if (set.lead_unit_id && set.lead_unit_id !== row.lead_unit_id) await announce(tx, 'assign', { ...row, lead_unit_id: set.lead_unit_id as string }, null);
  });
  return getTask(ctx, id);
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

export async function unitIdOf(ctx: Ctx, ref: string): Promise<string> {
  const [u] = await ctx.use(repo).findUnits([ref]);
  if (!u) throw notFound('orgUnit', ref);
  return u.id;
}

// ---------------------------------------------------------------------------------------------
// Recurrence: one occurrence per period, made when the period begins (daily, and on creation)

export async function extendSeries(ctx: Ctx, today = todayVn(), only?: string): Promise<number> {
  const db = ctx.use(repo);
  const cal = await ctx.use(calendarRepo).loadCalendar();
  let made = 0;
  for (const s of await db.seriesToExtend()) {
    if (only && s.id !== only) continue;
    const have = await db.existingPeriods(s.id);
    for (const o of occurrencesUpTo(s.recurrence!, s.created_at.toISOString().slice(0, 10), today, cal)) {
      if (have.has(o.period)) continue;
      const id = uid();
      await db.insertTask({
        id, document_id: s.document_id, kind: 'task', series_id: s.id, period: o.period, item: s.item, content: s.content, quote: s.quote,
        output: s.output, lead_unit_id: s.lead_unit_id, assigner_unit_id: s.assigner_unit_id, assigner_user_id: s.assigner_user_id,
        deadline: o.deadline, original_deadline: null, ongoing: false, position: s.position,
      }, []);
      made++;
    }
  }
  return made;
}

export type { TaskItem };
