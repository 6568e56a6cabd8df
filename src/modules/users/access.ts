// Who is acting, and what they may touch. Every service takes a Ctx and checks it here.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, forbidden, notFound, outOfScope } from '../../lib/errors.js';

export type Permission =
  | 'orgunit:read'
  | 'orgunit:write'
  | 'user:read'
  | 'user:write'
  | 'audit:read'
  | 'data:read'
  | 'data:write'
  | 'data:approve'
  | 'metadata:write'
  | 'plan:write'
  | 'system:admin';

export interface Actor {
  id: string | null; // null for the system itself (CLI, bootstrap)
  username: string;
  /** Root of the actor's scope; null = the whole system (system administrators only). */
  orgUnitId: string | null;
  roles: string[];
  permissions: ReadonlySet<string>;
}

export interface Ctx {
  db: Kysely<DB>;
  actor: Actor;
}

export const SYSTEM_ACTOR: Actor = {
  id: null,
  username: 'system',
  orgUnitId: null,
  roles: ['system_admin'],
  permissions: new Set([
    'orgunit:read', 'orgunit:write', 'user:read', 'user:write', 'audit:read',
    'data:read', 'data:write', 'data:approve', 'metadata:write', 'plan:write', 'system:admin',
  ]),
};

/**
 * Administrative powers: only someone who holds one may grant a role containing it. Operational
 * permissions (reading, entering, approving data) may be granted by any user administrator in scope.
 */
export const ADMIN_PERMISSIONS: ReadonlySet<string> = new Set(['orgunit:write', 'user:write', 'audit:read', 'metadata:write', 'system:admin']);

export function requirePermission(ctx: Ctx, permission: Permission): void {
  if (!ctx.actor.permissions.has(permission)) throw forbidden();
}

export function isGlobal(actor: Actor): boolean {
  return actor.orgUnitId === null;
}

/**
 * A unit is in the actor's scope when it is, or ever was, inside the subtree of the actor's unit
 * (history stays visible after a station moves or merges). With `asOf`, only as of that date.
 */
export async function unitInScope(ctx: Ctx, unitId: string, asOf?: string): Promise<boolean> {
  const root = ctx.actor.orgUnitId;
  let q = ctx.db
    .selectFrom('org_unit_closure')
    .select('descendant_id')
    .where('descendant_id', '=', unitId);
  if (root !== null) q = q.where('ancestor_id', '=', root);
  if (asOf) q = q.where('valid_from', '<=', asOf).where('valid_to', '>', asOf);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Throws NOT_FOUND for a unit that does not exist, OUT_OF_SCOPE for one outside the actor's scope.
 * Reads pass no date (history stays visible); changes pass their effective date, so a unit that has
 * moved out of the actor's subtree can no longer be changed by them.
 */
export async function requireUnitInScope(ctx: Ctx, unitId: string, asOf?: string): Promise<void> {
  if (await unitInScope(ctx, unitId, asOf)) return;
  const exists = await ctx.db.selectFrom('org_unit').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!exists) throw notFound('orgUnit', unitId);
  throw outOfScope();
}

export function requireActorUser(ctx: Ctx): string {
  if (!ctx.actor.id) throw new AppError('UNAUTHENTICATED');
  return ctx.actor.id;
}
