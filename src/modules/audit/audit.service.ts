import { z } from 'zod';
import { parse, isoDate } from '../../lib/validate.js';
import { requirePermission, type Ctx } from '../users/access.js';
import { queryAudit } from './audit.repo.js';

export { insertAudit, type AuditEntry } from './audit.repo.js';

const querySchema = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  userId: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** The audit trail, limited to what concerns the actor's scope. */
export async function listAudit(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'audit:read');
  const q = parse(querySchema, input);
  const { total, rows } = await queryAudit(ctx.db, { ...q, scopeRoot: ctx.actor.orgUnitId });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      user: r.user_id || r.username ? { id: r.user_id, username: r.username } : null,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      entityCode: r.entity_code,
      before: r.before,
      after: r.after,
      details: r.details,
    })),
  };
}
