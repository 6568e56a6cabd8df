import type { Kysely } from 'kysely';
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

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function insertAudit(
  db: Kysely<DB>,
  actor: { id: string | null; username: string },
  e: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: actor.id,
      username: actor.username,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId ?? null,
      entity_code: e.entityCode ?? null,
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
  /** Restrict to entries by users, or about units/users, inside this scope root (null = all). */
  scopeRoot: string | null;
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
  if (q.scopeRoot !== null) {
    const root = q.scopeRoot;
    // Entries about a unit (or one of its forms) in scope, about a user of a unit in scope, or made by
    // a user of a unit in scope.
    base = base.where((eb) =>
      eb.or([
        eb.and([
          eb('a.entity_type', 'in', ['orgUnit', 'form']),
          eb.exists(
            eb.selectFrom('org_unit_closure as c').select('c.descendant_id')
              .whereRef('c.descendant_id', '=', 'a.entity_id').where('c.ancestor_id', '=', root),
          ),
        ]),
        eb.exists(
          eb.selectFrom('app_user as u').innerJoin('org_unit_closure as c', 'c.descendant_id', 'u.org_unit_id')
            .select('u.id').where('c.ancestor_id', '=', root)
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
