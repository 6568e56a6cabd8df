// Tasks as reports read them (the reports engine's task blocks and the "Báo cáo kết quả thực hiện"
// of a document): lists and counts for a unit or a document over a period, in the follow-up's terms.
// Reading needs task:read and the unit in scope (checked here, through the kernel).
import { requireAccess, requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { DocumentSummaryCounts, FollowUpState, TaskItem } from './directives.contract.js';
import * as repo from './directives.repo.js';
import * as summaryRepo from './summary.repo.js';
import { countsOf } from './documents.service.js';
import { clockOf, toTaskItems } from './task-view.js';

export interface ReportTaskQuery {
  /** led: tasks led by the unit or a unit below it; assigned: tasks the unit assigned. */
  source: 'led' | 'assigned';
  unitId: string;
  /** Tasks with a deadline in [from, to] (and, with `undated`, the open ones without a deadline). */
  from: string;
  to: string;
  undated?: boolean;
  /** Judge states as of this day (the report's period end, or today if earlier). */
  asOf?: string;
  /** Only the tasks of this document. */
  documentId?: string;
}

export interface ReportTasks {
  tasks: TaskItem[];
  counts: DocumentSummaryCounts;
  /** Per child unit of `unitId` (source led): the same counts. */
  byUnit: { unit: { id: string; code: string; name: string }; counts: DocumentSummaryCounts }[];
  /** More tasks than listed (a report lists at most `LIMIT`). */
  truncated: boolean;
}

const LIMIT = 300;

export async function tasksForReport(ctx: Ctx, q: ReportTaskQuery): Promise<ReportTasks> {
  requirePermission(ctx, 'task:read');
  await requireAccess(ctx, { unit: q.unitId });
  const clock = await clockOf(ctx, q.asOf);
  const { rows, total } = await ctx.use(repo).listTasks({
    scope: { root: q.source === 'led' ? q.unitId : null }, view: q.source === 'assigned' ? 'assigned' : 'all', actorUnit: q.unitId,
    document: q.documentId, today: clock.today, dueSoonLimit: clock.dueSoonLimit, page: 1, pageSize: LIMIT,
    ...(q.source === 'led' ? { unit: q.unitId } : {}),
    from: q.from, to: q.to,
  });
  const inRange = rows.filter((r) => (r.deadline ? r.deadline >= q.from && r.deadline <= q.to : q.undated === true));
  const tasks = await toTaskItems(ctx, inRange, clock);
  const counts = countTasks(tasks);
  let byUnit: ReportTasks['byUnit'] = [];
  if (q.source === 'led') {
    const filter = { ...clock, from: q.from, to: q.to, documents: q.documentId ? [q.documentId] : undefined };
    const db = ctx.use(summaryRepo);
    const [c, kids] = await Promise.all([db.countsByUnit(q.unitId, filter), db.childUnits(q.unitId, clock.today)]);
    const byKey = new Map(c.map((x) => [x.key, x]));
    byUnit = kids.filter((k) => byKey.has(k.id)).map((k) => ({ unit: { id: k.id, code: k.code, name: k.name }, counts: countsOf(byKey.get(k.id)!) }));
  }
  return { tasks, counts, byUnit, truncated: total > LIMIT };
}

function countTasks(tasks: TaskItem[]): DocumentSummaryCounts {
  const c: DocumentSummaryCounts = { total: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, noDeadline: 0, dueSoon: 0 };
  for (const t of tasks) {
    if (!t.state) continue;
    c.total++;
    c[t.state as FollowUpState]++;
    if (t.dueSoon) c.dueSoon++;
  }
  return c;
}

/** A document with every task of it (for its "Báo cáo kết quả thực hiện"). */
export async function documentForReport(ctx: Ctx, documentId: string) {
  requirePermission(ctx, 'task:read');
  const doc = await ctx.use(repo).findDocument(documentId);
  if (!doc) throw notFound('directive', documentId);
  await requireAccess(ctx, { unit: doc.assigner_unit_id });
  const clock = await clockOf(ctx);
  const { rows } = await ctx.use(repo).listTasks({
    scope: { root: null }, view: 'all', actorUnit: null, document: documentId, today: clock.today, dueSoonLimit: clock.dueSoonLimit, page: 1, pageSize: 2000,
  });
  const tasks = await toTaskItems(ctx, rows, clock);
  return { document: doc, tasks, counts: countTasks(tasks), today: clock.today };
}
