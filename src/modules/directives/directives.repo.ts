// The SQL of documents, tasks, their history, extensions and attachments. Which rows an actor may
// see is the scope filter of core/scope.repo.ts (`inScope`): a task is visible to the units in scope
// of its lead unit, of a cooperating unit, or of the unit that assigned it.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';
import type { DocumentKind, TaskStatus } from './directives.contract.js';
import type { DirectiveAttachmentTable, DirectiveDocumentTable, TaskExtensionTable, TaskTable } from './directives.tables.js';

type Db = Kysely<DB>;
type Insertable<T> = { [K in keyof T]?: unknown } & Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Units and issuers

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
}

/** Units open on `date`, with their parent then: what a notice's names are matched against. */
export async function unitsOn(db: Db, date: string, scope: Scope): Promise<UnitRow[]> {
  const r = await sql<UnitRow>`
    select u.id, u.code, u.name, u.kind, p.parent_id
    from org_unit u join org_unit_path p on p.org_unit_id = u.id and p.valid_from <= ${date} and p.valid_to > ${date}
    where ${inScope(scope, sql.ref('u.id'))}
    order by p.level, u.name`.execute(db);
  return r.rows;
}

export async function unitRefs(db: Db, ids: readonly string[]): Promise<Map<string, { id: string; code: string; name: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Units by id or code. */
export function findUnits(db: Db, refs: readonly string[]) {
  if (!refs.length) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where((eb) => eb.or([eb('id', 'in', [...refs]), eb('code', 'in', [...refs])])).execute();
}

export function listIssuers(db: Db) {
  return db.selectFrom('issuer as i').leftJoin('org_unit as u', 'u.id', 'i.org_unit_id')
    .select(['i.id', 'i.name', 'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name']).orderBy('i.name').execute();
}

export function findIssuer(db: Db, idOrName: string) {
  return db.selectFrom('issuer').selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb(sql`lower(name)`, '=', sql`lower(${idOrName})`)])).executeTakeFirst();
}

export async function insertIssuer(db: Db, row: { id: string; name: string; org_unit_id: string | null }) {
  await db.insertInto('issuer').values(row).onConflict((oc) => oc.expression(sql`lower(name)`).doNothing()).execute();
  return (await findIssuer(db, row.name))!;
}

// ---------------------------------------------------------------------------------------------
// Documents

export async function insertDocument(db: Db, row: Omit<DirectiveDocumentTable, 'version' | 'created_at' | 'updated_at' | 'body'> & { body: string }) {
  await db.insertInto('directive_document').values(row).execute();
}

export function findDocument(db: Db, id: string) {
  return db.selectFrom('directive_document as d').innerJoin('issuer as i', 'i.id', 'd.issuer_id').innerJoin('org_unit as a', 'a.id', 'd.assigner_unit_id')
    .selectAll('d').select(['i.name as issuer_name', 'i.org_unit_id as issuer_unit_id', 'a.code as assigner_code', 'a.name as assigner_name'])
    .where('d.id', '=', id).executeTakeFirst();
}
export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

export async function updateDocument(db: Db, id: string, version: number, set: Partial<DirectiveDocumentTable>, by: string | null): Promise<boolean> {
  const r = await db.updateTable('directive_document')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()`, updated_by: by } as never)
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A document is visible when its assigner unit is in scope or one of its tasks is. */
function documentVisibleSql(scope: Scope) {
  if (scope.root === null) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${inScope(scope, sql.ref('directive_document.assigner_unit_id'))}
    or exists (select 1 from task vt where vt.document_id = directive_document.id and ${taskVisibleSql(scope, 'vt')}))`;
}

export async function listDocuments(db: Db, q: { scope: Scope; q?: string; kind?: DocumentKind; from?: string; to?: string; page: number; pageSize: number }) {
  let base = db.selectFrom('directive_document').where(documentVisibleSql(q.scope));
  if (q.kind) base = base.where('directive_document.kind', '=', q.kind);
  if (q.from) base = base.where('directive_document.issued_on', '>=', q.from);
  if (q.to) base = base.where('directive_document.issued_on', '<=', q.to);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('directive_document.number', 'ilike', like), eb('directive_document.title', 'ilike', like), eb('directive_document.body', 'ilike', like)]));
  }
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .innerJoin('issuer as i', 'i.id', 'directive_document.issuer_id').innerJoin('org_unit as a', 'a.id', 'directive_document.assigner_unit_id')
    .selectAll('directive_document').select(['i.name as issuer_name', 'i.org_unit_id as issuer_unit_id', 'a.code as assigner_code', 'a.name as assigner_name'])
    .orderBy('directive_document.issued_on', 'desc').orderBy('directive_document.created_at', 'desc')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { total: Number(total), rows };
}

// ---------------------------------------------------------------------------------------------
// Tasks

/** SQL condition: the task aliased `alias` is visible in `scope`. */
export function taskVisibleSql(scope: Scope, alias: string) {
  if (scope.root === null) return sql<SqlBool>`true`;
  const a = sql.table(alias);
  return sql<SqlBool>`(${inScope(scope, sql.ref(`${alias}.lead_unit_id`))} or ${inScope(scope, sql.ref(`${alias}.assigner_unit_id`))}
    or exists (select 1 from task_cooperator vc where vc.task_id = ${a}.id and ${inScope(scope, sql.ref('vc.org_unit_id'))})
    or exists (select 1 from task vch where vch.parent_id = ${a}.id and ${inScope(scope, sql.ref('vch.lead_unit_id'))}))`;
}

export async function insertTask(db: Db, row: Insertable<TaskTable>, cooperators: readonly string[]) {
  await db.insertInto('task').values(row as never).execute();
  if (cooperators.length) await db.insertInto('task_cooperator').values(cooperators.map((u) => ({ task_id: row.id as string, org_unit_id: u }))).execute();
}

const taskColumns = [
  't.id', 't.document_id', 't.kind', 't.parent_id', 't.series_id', 't.period', 't.item', 't.content', 't.quote', 't.output',
  't.lead_unit_id', 't.collective', 't.assigner_unit_id', 't.assigner_user_id', 't.status', 't.paused_from', 't.deadline',
  't.original_deadline', 't.ongoing', 't.recurrence', 't.progress', 't.completed_on', 't.position', 't.version', 't.created_at',
] as const;

function taskBase(db: Db) {
  return db.selectFrom('task as t')
    .innerJoin('directive_document as d', 'd.id', 't.document_id')
    .innerJoin('org_unit as au', 'au.id', 't.assigner_unit_id')
    .leftJoin('org_unit as lu', 'lu.id', 't.lead_unit_id')
    .select(taskColumns)
    .select(['d.kind as doc_kind', 'd.number as doc_number', 'd.issued_on as doc_date', 'd.title as doc_title',
      'au.code as assigner_code', 'au.name as assigner_name', 'lu.code as lead_code', 'lu.name as lead_name']);
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskBase>['execute']>>[number];

export function findTask(db: Db, id: string, forUpdate = false) {
  const q = taskBase(db).where('t.id', '=', id);
  return (forUpdate ? q.forUpdate('t') : q).executeTakeFirst();
}

export function documentTasks(db: Db, documentId: string, scope: Scope) {
  return taskBase(db).where('t.document_id', '=', documentId).where('t.parent_id', 'is', null).where('t.series_id', 'is', null)
    .where(taskVisibleSql(scope, 't')).orderBy('t.position').orderBy('t.id').execute();
}

export function childTasks(db: Db, parentId: string) {
  return taskBase(db).where((eb) => eb.or([eb('t.parent_id', '=', parentId), eb('t.series_id', '=', parentId)]))
    .orderBy('t.period', 'desc').orderBy('lu.name').execute();
}

export interface TaskFilter {
  scope: Scope;
  /** mine: led or cooperated by this unit (null: any); assigned: assigned by this unit. */
  view: 'mine' | 'assigned' | 'all';
  actorUnit: string | null;
  document?: string;
  /** Led by this unit or one below it. */
  unit?: string;
  /** Bucket filters, computed with `today` and the due-soon limit. */
  state?: string;
  today: string;
  dueSoonLimit: string;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
}

const OPEN = sql`('assigned', 'accepted', 'refused', 'in_progress', 'submitted', 'returned', 'paused')`;

/** The follow-up bucket of task `t` in SQL (the rules of followup.ts). */
export function stateSql(today: string, alias = 't') {
  const t = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<string>`case
    when ${t('status')} = 'withdrawn' then null
    when ${t('status')} = 'done' then case when ${t('deadline')} is null or ${t('completed_on')} <= ${t('deadline')} then 'doneOnTime' else 'doneLate' end
    when ${t('deadline')} is null then 'noDeadline'
    when ${t('deadline')} >= ${today}::date then 'inProgress'
    else 'overdue' end`;
}

export async function listTasks(db: Db, f: TaskFilter) {
  let q = db.selectFrom('task as t').where('t.kind', '=', 'task').where(taskVisibleSql(f.scope, 't'));
  if (f.view === 'mine' && f.actorUnit) {
    const unit = f.actorUnit;
    q = q.where((eb) => eb.or([eb('t.lead_unit_id', '=', unit), eb.exists(eb.selectFrom('task_cooperator as c').select('c.task_id').whereRef('c.task_id', '=', 't.id').where('c.org_unit_id', '=', unit))]));
  }
  if (f.view === 'assigned' && f.actorUnit) q = q.where('t.assigner_unit_id', '=', f.actorUnit);
  if (f.document) q = q.where('t.document_id', '=', f.document);
  if (f.unit) q = q.where(inScope({ root: f.unit }, 't.lead_unit_id'));
  if (f.from) q = q.where((eb) => eb.or([eb('t.deadline', '>=', f.from!), eb('t.deadline', 'is', null)]));
  if (f.to) q = q.where((eb) => eb.or([eb('t.deadline', '<=', f.to!), eb.and([eb('t.deadline', 'is', null), eb('t.created_at', '<', sql<Date>`(${f.to}::date + 1)`)])]));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where('t.content', 'ilike', like);
  }
  const state = stateSql(f.today);
  switch (f.state) {
    case undefined:
      q = q.where('t.status', '<>', 'withdrawn');
      break;
    case 'dueSoon':
      q = q.where(sql<SqlBool>`t.status in ${OPEN} and t.deadline between ${f.today}::date and ${f.dueSoonLimit}::date`);
      break;
    case 'toDo':
      q = q.where('t.status', 'in', ['assigned', 'accepted', 'in_progress', 'returned']);
      break;
    case 'waiting':
      q = q.where('t.status', '=', 'submitted');
      break;
    case 'open':
      q = q.where(sql<SqlBool>`t.status in ${OPEN}`);
      break;
    default:
      q = q.where(sql<SqlBool>`${state} = ${f.state}`);
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const ids = await q.select('t.id').orderBy(sql`t.deadline nulls last`).orderBy('t.id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const rows = ids.length ? await taskBase(db).where('t.id', 'in', ids.map((r) => r.id)).execute() : [];
  const order = new Map(ids.map((r, i) => [r.id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { total: Number(total), rows };
}

/** Counted tasks with a deadline in [from, to], visible in scope (calendar). */
export function tasksDueBetween(db: Db, scope: Scope, from: string, to: string, unit: string | null) {
  let q = taskBase(db).where('t.kind', '=', 'task').where('t.deadline', '>=', from).where('t.deadline', '<=', to)
    .where('t.status', '<>', 'withdrawn').where(taskVisibleSql(scope, 't'));
  if (unit) {
    q = q.where((eb) => eb.or([eb('t.lead_unit_id', '=', unit), eb('t.assigner_unit_id', '=', unit),
      eb.exists(eb.selectFrom('task_cooperator as c').select('c.task_id').whereRef('c.task_id', '=', 't.id').where('c.org_unit_id', '=', unit))]));
  }
  return q.orderBy('t.deadline').limit(2000).execute();
}

export async function cooperatorsOf(db: Db, taskIds: readonly string[]) {
  if (!taskIds.length) return [];
  return db.selectFrom('task_cooperator as c').innerJoin('org_unit as u', 'u.id', 'c.org_unit_id')
    .select(['c.task_id', 'u.id', 'u.code', 'u.name']).where('c.task_id', 'in', [...taskIds]).orderBy('u.name').execute();
}

export async function setCooperators(db: Db, taskId: string, units: readonly string[]) {
  await db.deleteFrom('task_cooperator').where('task_id', '=', taskId).execute();
  if (units.length) await db.insertInto('task_cooperator').values(units.map((u) => ({ task_id: taskId, org_unit_id: u }))).execute();
}

/** Children (of a group) or occurrences (of a series): how many, how many done. */
export async function childCounts(db: Db, parentIds: readonly string[]) {
  if (!parentIds.length) return [];
  const r = await sql<{ parent: string; total: number; done: number }>`
    select coalesce(parent_id, series_id) as parent, count(*)::int as total, count(*) filter (where status = 'done')::int as done
    from task where (parent_id = any(${[...parentIds]}::text[]) or series_id = any(${[...parentIds]}::text[])) and status <> 'withdrawn'
    group by 1`.execute(db);
  return r.rows;
}

export async function pendingExtensions(db: Db, taskIds: readonly string[]) {
  if (!taskIds.length) return [];
  return db.selectFrom('task_extension').select(['id', 'task_id', 'requested_deadline', 'reason'])
    .where('task_id', 'in', [...taskIds]).where('status', '=', 'pending').execute();
}

export async function updateTask(db: Db, id: string, version: number, set: Partial<Record<keyof TaskTable, unknown>>): Promise<boolean> {
  const r = await db.updateTable('task').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A group's state from its children: progress is their average, done when all are done. */
export async function rollUp(db: Db, parentId: string): Promise<void> {
  await sql`
    update task g set
      progress = coalesce(c.progress, 0),
      status = case when c.total > 0 and c.done = c.total then 'done'
                    when c.started > 0 then 'in_progress'
                    when g.status = 'done' then 'in_progress' else g.status end,
      completed_on = case when c.total > 0 and c.done = c.total then c.last_done else null end,
      updated_at = now(), version = g.version + 1
    from (select count(*) as total, count(*) filter (where status = 'done') as done,
                 count(*) filter (where status not in ('assigned', 'withdrawn')) as started,
                 round(avg(case when status = 'done' then 100 else progress end))::int as progress, max(completed_on) as last_done
          from task where parent_id = ${parentId} and status <> 'withdrawn') c
    where g.id = ${parentId}`.execute(db);
}

export async function insertEvent(db: Db, e: { task_id: string; action: string; from_status: TaskStatus | null; to_status: TaskStatus | null;
  comment: string | null; progress: number | null; details: unknown; user_id: string | null; username: string | null }): Promise<number> {
  const r = await db.insertInto('task_event').values({ ...e, details: e.details == null ? null : JSON.stringify(e.details) })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function eventsOf(db: Db, taskId: string) {
  return db.selectFrom('task_event').selectAll().where('task_id', '=', taskId).orderBy('id').execute();
}

// ---------------------------------------------------------------------------------------------
// Extensions

export async function insertExtension(db: Db, row: Omit<TaskExtensionTable, 'status' | 'requested_at' | 'decided_by' | 'decided_at' | 'comment'>) {
  await db.insertInto('task_extension').values(row).execute();
}

export function extensionsOf(db: Db, taskId: string) {
  return db.selectFrom('task_extension').selectAll().where('task_id', '=', taskId).orderBy('requested_at').execute();
}

export function findExtension(db: Db, taskId: string, id: string) {
  return db.selectFrom('task_extension').selectAll().where('task_id', '=', taskId).where('id', '=', id).executeTakeFirst();
}

export async function decideExtension(db: Db, id: string, status: 'approved' | 'rejected', by: string | null, comment: string | null): Promise<boolean> {
  const r = await db.updateTable('task_extension').set({ status, decided_by: by, decided_at: sql`now()` as never, comment })
    .where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Recurrence

export function seriesToExtend(db: Db) {
  return db.selectFrom('task').selectAll().where('kind', '=', 'series').where('status', 'not in', ['withdrawn', 'paused']).execute();
}

export async function existingPeriods(db: Db, seriesId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('task').select('period').where('series_id', '=', seriesId).execute();
  return new Set(rows.map((r) => r.period!));
}

// ---------------------------------------------------------------------------------------------
// Attachments

export async function insertAttachment(db: Db, row: Omit<DirectiveAttachmentTable, 'created_at'>) {
  await db.insertInto('directive_attachment').values(row).execute();
}

const attachmentInfo = ['id', 'document_id', 'task_id', 'event_id', 'file_name', 'mime', 'size', 'sha256', 'created_at', 'created_by'] as const;

export function findAttachment(db: Db, id: string) {
  return db.selectFrom('directive_attachment').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAttachmentInfo(db: Db, id: string) {
  return db.selectFrom('directive_attachment').select(attachmentInfo).select(sql<boolean>`text is not null`.as('has_text'))
    .where('id', '=', id).executeTakeFirst();
}

export function attachmentsOf(db: Db, where: { documentId?: string; taskId?: string }) {
  let q = db.selectFrom('directive_attachment').select(attachmentInfo).select(sql<boolean>`text is not null`.as('has_text'));
  q = where.documentId ? q.where('document_id', '=', where.documentId).where('task_id', 'is', null) : q.where('task_id', '=', where.taskId!);
  return q.orderBy('created_at').execute();
}

/** Joins files the user uploaded and has not joined to anything yet to a document. */
export async function linkDocumentAttachments(db: Db, ids: readonly string[], documentId: string, by: string | null): Promise<number> {
  if (!ids.length) return 0;
  const r = await db.updateTable('directive_attachment').set({ document_id: documentId })
    .where('id', 'in', [...ids]).where('document_id', 'is', null).where('task_id', 'is', null)
    .where('created_by', 'is not distinct from', by).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Links uploaded files (not yet linked to an event) to a task's event. */
export async function linkAttachments(db: Db, ids: readonly string[], taskId: string, eventId: number, by: string | null): Promise<number> {
  if (!ids.length) return 0;
  const r = await db.updateTable('directive_attachment').set({ task_id: taskId, event_id: eventId })
    .where('id', 'in', [...ids]).where('event_id', 'is', null).where('created_by', 'is not distinct from', by)
    .where((eb) => eb.or([eb('task_id', 'is', null), eb('task_id', '=', taskId)])).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// iCalendar feed tokens

export async function saveFeedToken(db: Db, userId: string, tokenHash: string) {
  await db.insertInto('task_feed_token').values({ user_id: userId, token_hash: tokenHash })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash, created_at: sql`now()` as never })).execute();
}

export function feedTokenOwner(db: Db, tokenHash: string) {
  return db.selectFrom('task_feed_token as f').innerJoin('app_user as u', 'u.id', 'f.user_id')
    .select(['u.id', 'u.username', 'u.org_unit_id', 'u.disabled', 'u.locale']).where('f.token_hash', '=', tokenHash).executeTakeFirst();
}

export function hasFeedToken(db: Db, userId: string) {
  return db.selectFrom('task_feed_token').select('user_id').where('user_id', '=', userId).executeTakeFirst();
}

/** Users (active) of the given units: who receives a unit's notices. */
export function activeUsersOf(db: Db, unitIds: readonly string[]) {
  if (!unitIds.length) return Promise.resolve([]);
  return db.selectFrom('app_user').select(['id', 'org_unit_id']).where('org_unit_id', 'in', [...unitIds]).where('disabled', '=', false).execute();
}
