// The audit trail: every change is recorded with who, when, what, before → after; reading it is
// limited to the actor's scope.
import { requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { parse } from '../../core/input.js';
import { AuditQuery, type AuditItem, type AuditPage } from './audit.contract.js';
import * as auditRepo from './audit.repo.js';
import type { AuditEntry } from './audit.repo.js';

export type { AuditEntry } from './audit.repo.js';

/** Records a change made by the context's actor (inside the context's transaction, if any). */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await ctx.use(auditRepo).insertAudit(ctx.actor, entry);
}

/** The audit trail, limited to what concerns the actor's scope. */
export async function listAudit(ctx: Ctx, input: unknown): Promise<AuditPage> {
  requirePermission(ctx, 'audit:read');
  const q = parse(AuditQuery, input);
  const { total, rows } = await ctx.use(auditRepo).queryAudit({ ...q, scope: scopeOf(ctx) });
  return {
    total,
    items: rows.map(
      (r): AuditItem => ({
        id: String(r.id),
        at: r.at.toISOString(),
        user: r.user_id || r.username ? { id: r.user_id, username: r.username } : null,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        entityCode: r.entity_code,
        before: r.before,
        after: r.after,
        details: r.details,
      }),
    ),
  };
}
