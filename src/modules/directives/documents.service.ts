// Documents (conclusion notices, official letters, plans …) and the tasks they assign: reading a
// pasted notice into proposals, creating a document with its tasks (a collective lead fans out to
// one task per unit under a group; a recurrence makes a series), listing and reading documents.
//
// Access: creating and editing need directive:write and the assigner unit (the one that follows
// the document up) in scope; every lead and cooperating unit must be in the actor's scope too.
// A document is seen by the assigner's scope and by the units of its tasks.
import { canAccess, requireAccess, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, notFound, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import {
  CreateDocumentInput,
  DocumentsQuery,
  ParseInput,
  TaskInput,
  UpdateDocumentInput,
  type DocumentDetail,
  type DocumentItem,
  type DocumentSummaryCounts,
  type Issuer,
  type ParseResult,
  type TaskItem,
} from './directives.contract.js';
import * as repo from './directives.repo.js';
import { announce } from './notices.js';
import { readNotice } from './read-notice.js';
import * as summaryRepo from './summary.repo.js';
import { clockOf, toTaskItems } from './task-view.js';
import { attachmentInfo, extendSeries, unitIdOf } from './tasks.service.js';

// ---------------------------------------------------------------------------------------------
// Reading a notice (nothing written)

export async function parseText(ctx: Ctx, input: unknown): Promise<ParseResult> {
  requirePermission(ctx, 'task:read');
  const p = parse(ParseInput, input);
  const date = p.date ?? todayVn();
  const units = await ctx.use(repo).unitsOn(date, scopeOf(ctx));
  return readNotice(p.text, { units, date: p.date ?? null });
}

export async function listIssuers(ctx: Ctx): Promise<Issuer[]> {
  requirePermission(ctx, 'task:read');
  const rows = await ctx.use(repo).listIssuers();
  return rows.map((r) => ({ id: r.id, name: r.name, unit: r.unit_id ? { id: r.unit_id, code: r.unit_code!, name: r.unit_name! } : null }));
}

// ---------------------------------------------------------------------------------------------
// Creating

export async function createDocument(ctx: Ctx, input: unknown): Promise<DocumentDetail> {
  const d = parse(CreateDocumentInput, input);
  requirePermission(ctx, 'directive:write');
  const id = uid();
  await ctx.transaction(async (tx) => {
    const assigner = d.assignerUnit ? await unitIdOf(tx, d.assignerUnit) : scopeOf(tx).root;
    if (!assigner) throw validation({ assignerUnit: 'directive.assignerRequired' });
    await requireAccess(tx, { permission: 'directive:write', unit: assigner });
    const issuer = await issuerOf(tx, d.issuer);
    const db = tx.use(repo);
    await db.insertDocument({
      id, kind: d.kind, number: d.number, issued_on: d.date, issuer_id: issuer.id, signer: d.signer, title: d.title,
      meeting_name: d.meetingName, meeting_date: d.meetingDate, meeting_chair: d.meetingChair, assigner_unit_id: assigner,
      body: d.body, created_by: tx.actor.username, updated_by: tx.actor.username,
    });
    for (const [i, t] of d.tasks.entries()) await insertTaskTree(tx, id, assigner, d.date, t, i, `tasks.${i}`);
    const files = new Set(d.attachments);
    if ((await db.linkDocumentAttachments([...files], id, tx.actor.id)) !== files.size) throw validation({ attachments: 'directive.attachmentUnknown' });
    await audit(tx, { action: 'directive.create', entityType: 'directive', entityId: id, entityCode: d.number, after: { kind: d.kind, number: d.number, date: d.date, issuer: issuer.name, tasks: d.tasks.length } });
  });
  return getDocument(ctx, id);
}

export async function addTask(ctx: Ctx, documentId: string, input: unknown): Promise<TaskItem[]> {
  const t = parse(TaskInput, input);
  const created = await ctx.transaction(async (tx) => {
    const doc = await tx.use(repo).findDocument(documentId);
    if (!doc) throw notFound('directive', documentId);
    await requireAccess(tx, { permission: 'directive:write', unit: doc.assigner_unit_id });
    const position = (await tx.use(repo).documentTasks(documentId, { root: null })).length;
    const taskId = await insertTaskTree(tx, documentId, doc.assigner_unit_id, doc.issued_on, t, position, 'task');
    await audit(tx, { action: 'task.create', entityType: 'task', entityId: taskId, details: { document: documentId } });
    return taskId;
  });
  const clock = await clockOf(ctx);
  return toTaskItems(ctx, [(await ctx.use(repo).findTask(created))!], clock);
}

/**
 * Writes a task as given: one lead → a task (or a series when recurring); several leads → a group
 * with one child per unit. Returns the top task's id.
 */
async function insertTaskTree(ctx: Ctx, documentId: string, assigner: string, docDate: string, t: TaskInput, position: number, field: string): Promise<string> {
  const leads = await unitIds(ctx, t.lead, `${field}.lead`);
  const cooperating = (await unitIds(ctx, t.cooperating, `${field}.cooperating`)).filter((u) => !leads.includes(u));
  if (t.deadline && t.recurrence) throw validation({ [`${field}.deadline`]: 'directive.deadlineAndRecurrence' });
  const db = ctx.use(repo);
  const base = {
    document_id: documentId, item: t.item, content: t.content, quote: t.quote, output: t.output, assigner_unit_id: assigner,
    assigner_user_id: ctx.actor.id, ongoing: t.ongoing && !t.deadline, position,
  };
  const recurrence = t.recurrence ? { ...t.recurrence, from: t.recurrence.from ?? docDate } : null;
  const one = async (lead: string, parentId: string | null) => {
    const id = uid();
    await db.insertTask({
      ...base, id, parent_id: parentId, kind: recurrence ? 'series' : 'task', lead_unit_id: lead,
      deadline: recurrence ? null : t.deadline, recurrence: recurrence ? JSON.stringify(recurrence) : null,
    }, cooperating);
    await db.insertEvent({ task_id: id, action: 'assign', from_status: null, to_status: 'assigned', comment: null, progress: null, details: { deadline: t.deadline, recurrence }, user_id: ctx.actor.id, username: ctx.actor.username });
    if (recurrence) await extendSeries(ctx, todayVn(), id);
    const row = (await db.findTask(id))!;
    if (!recurrence) await announce(ctx, 'assign', row, null);
    return id;
  };
  if (leads.length === 1) return one(leads[0], null);
  const groupId = uid();
  await db.insertTask({ ...base, id: groupId, parent_id: null, kind: 'group', lead_unit_id: null, collective: t.collective ?? null, deadline: t.deadline, recurrence: null }, cooperating);
  for (const lead of leads) await one(lead, groupId);
  return groupId;
}

/** Unit ids (by id or code) for the document's tasks, each in the actor's scope. */
async function unitIds(ctx: Ctx, refs: readonly string[], field: string): Promise<string[]> {
  if (!refs.length) return [];
  const found = await ctx.use(repo).findUnits(refs);
  const byRef = new Map<string, string>();
  for (const u of found) byRef.set(u.id, u.id).set(u.code, u.id);
  const missing = refs.filter((r) => !byRef.has(r));
  if (missing.length) throw new AppError('VALIDATION_FAILED', 'directive.unknownUnits', { fields: { [field]: 'directive.unknownUnits' }, units: missing }, { units: missing.join(', ') });
  const ids = [...new Set(refs.map((r) => byRef.get(r)!))];
  for (const unit of ids) await requireAccess(ctx, { unit });
  return ids;
}

/** The issuer register: an existing entry by id or name, or a new one (linked to a unit of that name). */
async function issuerOf(ctx: Ctx, ref: string) {
  const db = ctx.use(repo);
  const found = await db.findIssuer(ref);
  if (found) return found;
  return db.insertIssuer({ id: uid(), name: ref, org_unit_id: null });
}

// ---------------------------------------------------------------------------------------------
// Reading documents

const NO_COUNTS: DocumentSummaryCounts = { total: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, noDeadline: 0, dueSoon: 0 };

export async function listDocuments(ctx: Ctx, input: unknown): Promise<{ total: number; items: DocumentItem[] }> {
  requirePermission(ctx, 'task:read');
  const q = parse(DocumentsQuery, input);
  const { total, rows } = await ctx.use(repo).listDocuments({ ...q, scope: scopeOf(ctx) });
  const clock = await clockOf(ctx);
  const counted = rows.length ? await ctx.use(summaryRepo).countsByDocument(scopeOf(ctx), { ...clock, documents: rows.map((r) => r.id) }) : [];
  const counts = new Map(counted.map((c) => [c.key, countsOf(c)]));
  return { total, items: rows.map((r) => documentItem(r, counts.get(r.id) ?? NO_COUNTS)) };
}

export function countsOf(c: summaryRepo.CountRow): DocumentSummaryCounts {
  return {
    total: c.done_on_time + c.done_late + c.in_progress + c.overdue + c.no_deadline,
    doneOnTime: c.done_on_time, doneLate: c.done_late, inProgress: c.in_progress, overdue: c.overdue, noDeadline: c.no_deadline, dueSoon: c.due_soon,
  };
}

function documentItem(r: repo.DocumentRow, counts: DocumentSummaryCounts): DocumentItem {
  return {
    id: r.id, kind: r.kind, number: r.number, date: r.issued_on, signer: r.signer, title: r.title,
    issuer: { id: r.issuer_id, name: r.issuer_name, unit: null },
    assignerUnit: { id: r.assigner_unit_id, code: r.assigner_code, name: r.assigner_name },
    counts,
  };
}

export async function getDocument(ctx: Ctx, id: string): Promise<DocumentDetail> {
  requirePermission(ctx, 'task:read');
  const db = ctx.use(repo);
  const doc = await db.findDocument(id);
  if (!doc) throw notFound('directive', id);
  const manage = await canAccess(ctx, { permission: 'directive:write', unit: doc.assigner_unit_id });
  const followUp = manage || (await canAccess(ctx, { unit: doc.assigner_unit_id }));
  const tasks = await db.documentTasks(id, followUp ? { root: null } : scopeOf(ctx));
  if (!followUp && !tasks.length) throw new AppError('OUT_OF_SCOPE');
  const clock = await clockOf(ctx);
  const [items, files, [c]] = await Promise.all([
    toTaskItems(ctx, tasks, clock),
    db.attachmentsOf({ documentId: id }),
    ctx.use(summaryRepo).countsByDocument(followUp ? { root: null } : scopeOf(ctx), { ...clock, documents: [id] }),
  ]);
  return {
    ...documentItem(doc, c ? countsOf(c) : NO_COUNTS),
    meetingName: doc.meeting_name, meetingDate: doc.meeting_date, meetingChair: doc.meeting_chair,
    body: doc.body, version: doc.version, attachments: files.map(attachmentInfo), tasks: items, canManage: manage,
  };
}

export async function updateDocument(ctx: Ctx, id: string, input: unknown): Promise<DocumentDetail> {
  const u = parse(UpdateDocumentInput, input);
  await ctx.transaction(async (tx) => {
    const db = tx.use(repo);
    const doc = await db.findDocument(id);
    if (!doc) throw notFound('directive', id);
    await requireAccess(tx, { permission: 'directive:write', unit: doc.assigner_unit_id });
    const set: Record<string, unknown> = {};
    if (u.kind !== undefined) set.kind = u.kind;
    if (u.number !== undefined) set.number = u.number;
    if (u.date !== undefined) set.issued_on = u.date;
    if (u.signer !== undefined) set.signer = u.signer;
    if (u.title !== undefined) set.title = u.title;
    if (u.meetingName !== undefined) set.meeting_name = u.meetingName;
    if (u.meetingDate !== undefined) set.meeting_date = u.meetingDate;
    if (u.meetingChair !== undefined) set.meeting_chair = u.meetingChair;
    if (u.body !== undefined) set.body = u.body;
    if (u.issuer !== undefined) set.issuer_id = (await issuerOf(tx, u.issuer)).id;
    if (!(await db.updateDocument(id, u.version, set, tx.actor.username))) throw conflict('directive.staleDocument');
    await audit(tx, { action: 'directive.update', entityType: 'directive', entityId: id, entityCode: doc.number, after: set });
  });
  return getDocument(ctx, id);
}
