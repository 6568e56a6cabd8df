// Task rows as the API shows them: the follow-up bucket, due soon, days late, cooperating units,
// children counts and the pending extension, read in a few queries for a whole page of tasks.
import type { Ctx } from '../../core/context.js';
import * as calendarRepo from '../calendar/calendar.repo.js';
import { todayVn } from '../../lib/dates.js';
import type { TaskItem } from './directives.contract.js';
import * as repo from './directives.repo.js';
import { daysLate, dueSoonLimit, followUpState, isDueSoon } from './followup.js';

export interface Clock {
  today: string;
  dueSoonLimit: string;
}

/** Today (Vietnam) and the last day that is "sắp đến hạn", on the working-day calendar. */
export async function clockOf(ctx: Ctx, today = todayVn()): Promise<Clock> {
  const cal = await ctx.use(calendarRepo).loadCalendar({ from: today });
  return { today, dueSoonLimit: dueSoonLimit(today, ctx.config.dueSoonWorkingDays, cal) };
}

export async function toTaskItems(ctx: Ctx, rows: repo.TaskRow[], clock: Clock): Promise<TaskItem[]> {
  const ids = rows.map((r) => r.id);
  const db = ctx.use(repo);
  const [coops, counts, pending] = await Promise.all([
    db.cooperatorsOf(ids),
    db.childCounts(rows.filter((r) => r.kind !== 'task').map((r) => r.id)),
    db.pendingExtensions(ids),
  ]);
  const coopOf = new Map<string, TaskItem['cooperating']>();
  for (const c of coops) coopOf.set(c.task_id, [...(coopOf.get(c.task_id) ?? []), { id: c.id, code: c.code, name: c.name }]);
  const countOf = new Map(counts.map((c) => [c.parent, { total: c.total, done: c.done }]));
  const pendingOf = new Map(pending.map((p) => [p.task_id, { id: p.id, deadline: p.requested_deadline, reason: p.reason }]));
  return rows.map((r) => toTaskItem(r, clock, coopOf.get(r.id) ?? [], countOf.get(r.id) ?? null, pendingOf.get(r.id) ?? null));
}

function toTaskItem(r: repo.TaskRow, clock: Clock, cooperating: TaskItem['cooperating'], children: TaskItem['children'], pending: TaskItem['pendingExtension']): TaskItem {
  const facts = { status: r.status, deadline: r.deadline, completedOn: r.completed_on };
  const counted = r.kind === 'task';
  return {
    id: r.id,
    kind: r.kind,
    document: { id: r.document_id, kind: r.doc_kind, number: r.doc_number, date: r.doc_date, title: r.doc_title },
    parentId: r.parent_id,
    seriesId: r.series_id,
    period: r.period,
    item: r.item,
    content: r.content,
    output: r.output,
    lead: r.lead_unit_id ? { id: r.lead_unit_id, code: r.lead_code!, name: r.lead_name! } : null,
    collective: r.collective,
    cooperating,
    assignerUnit: { id: r.assigner_unit_id, code: r.assigner_code, name: r.assigner_name },
    status: r.status,
    state: counted ? followUpState(facts, clock.today) : null,
    dueSoon: counted && isDueSoon(facts, clock.today, clock.dueSoonLimit),
    deadline: r.deadline,
    originalDeadline: r.original_deadline,
    ongoing: r.ongoing,
    recurrence: r.recurrence,
    progress: r.progress,
    completedOn: r.completed_on,
    daysOverdue: counted ? daysLate(facts, clock.today) : null,
    children: r.kind === 'task' ? null : (children ?? { total: 0, done: 0 }),
    pendingExtension: pending,
    version: r.version,
  };
}
