// SQL of the audit trail.
import type { Kysely } from 'kysely';
import type { Scope } from '../../core/context.js';
import { cleanText } from '../../core/input.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  entityCode?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

/** JSON for a jsonb column: strings without NUL or lone surrogates, which PostgreSQL's jsonb refuses. */
const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v, (_k, x) => (typeof x === 'string' ? cleanText(x) : x)));

export async function insertAudit(
  db: Kysely<DB>,
  actor: { id: string | null; username: string },
  e: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: actor.id,
      username: cleanText(actor.username),
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId == null ? null : cleanText(e.entityId),
      entity_code: e.entityCode == null ? null : cleanText(e.entityCode),
      before: json(e.before),
      after: json(e.after),
      details: json(e.details),
    })
    .execute();
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  userId?: string;
  from?: string;
  to?: string;
  /** Entries by users, or about units and users, inside this scope. */
  scope: Scope;
  page: number;
  pageSize: number;
}

export async function queryAudit(db: Kysely<DB>, q: AuditQuery) {
  let base = db.selectFrom('audit_log as a');
  if (q.entityType) base = base.where('a.entity_type', '=', q.entityType);
  if (q.entityId) base = base.where('a.entity_id', '=', q.entityId);
  if (q.userId) base = base.where('a.user_id', '=', q.userId);
  if (q.from) base = base.where('a.at', '>=', new Date(`${q.from}T00:00:00+07:00`));
  if (q.to) base = base.where('a.at', '<', new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000));
  if (q.scope.root !== null) {
    // Entries about a unit (or one of its forms) in scope, about a user of a unit in scope, or made by
    // a user of a unit in scope.
    base = base.where((eb) =>
      eb.or([
        eb.and([eb('a.entity_type', 'in', ['orgUnit', 'form']), inScope(q.scope, 'a.entity_id')]),
        eb.exists(
          eb.selectFrom('app_user as u').select('u.id')
            .where(inScope(q.scope, 'u.org_unit_id'))
            .where((w) => w.or([w('u.id', '=', w.ref('a.user_id')), w.and([w('a.entity_type', '=', 'user'), w('u.id', '=', w.ref('a.entity_id'))])])),
        ),
      ]),
    );
  }
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .selectAll('a')
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(total), rows };
}
