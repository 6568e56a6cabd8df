// The one access check of soyte. Every read and write of every module goes through `requireAccess`
// (or `canAccess`) for single units and through `scopeOf` + the SQL scope filter (core/scope.repo.ts,
// `inScope`) for lists. Nothing else decides what an actor may see or touch.
import type { Actor, Ctx, Permission, Scope } from './context.js';
import { AppError, forbidden, notFound, outOfScope } from './errors.js';
import * as scopeRepo from './scope.repo.js';

export type { Scope } from './context.js';

export function isGlobal(actor: Actor): boolean {
  return actor.orgUnitId === null;
}

/** The actor's scope, for the SQL scope filter of list queries. */
export function scopeOf(ctx: Ctx): Scope {
  return { root: ctx.actor.orgUnitId };
}

export function hasPermission(ctx: Ctx, permission: Permission): boolean {
  return ctx.actor.permissions.has(permission);
}

export function requirePermission(ctx: Ctx, permission: Permission): void {
  if (!ctx.actor.permissions.has(permission)) throw forbidden();
}

/** The logged-in user's id (UNAUTHENTICATED for the system and anonymous callers). */
export function requireActorUser(ctx: Ctx): string {
  if (!ctx.actor.id) throw new AppError('UNAUTHENTICATED');
  return ctx.actor.id;
}

export interface AccessRule {
  /** The permission needed; checked before the unit. */
  permission?: Permission;
  /** The unit acted on (its id). */
  unit?: string;
  /**
   * The unit must be in scope on this date. Without a date it must be, or have been, inside the
   * actor's subtree: history stays readable after a station moves or merges. Changes pass their
   * effective date, so a unit that has moved out of the actor's subtree can no longer be changed by them.
   */
  asOf?: string;
  /** Strictly below the actor's unit: approvers act on the level below, never on their own unit. */
  below?: boolean;
}

/** Whether the actor holds the permission and the unit is in scope (no error). */
export async function canAccess(ctx: Ctx, rule: AccessRule): Promise<boolean> {
  if (rule.permission && !ctx.actor.permissions.has(rule.permission)) return false;
  if (rule.unit === undefined) return true;
  return ctx.use(scopeRepo).unitInScope(scopeOf(ctx), rule.unit, rule.asOf, rule.below ?? false);
}

/**
 * Throws FORBIDDEN without the permission, NOT_FOUND for a unit that does not exist, OUT_OF_SCOPE for
 * one outside the actor's scope (on `asOf`, strictly below with `below`).
 */
export async function requireAccess(ctx: Ctx, rule: AccessRule): Promise<void> {
  if (rule.permission) requirePermission(ctx, rule.permission);
  if (rule.unit === undefined) return;
  const repo = ctx.use(scopeRepo);
  if (await repo.unitInScope(scopeOf(ctx), rule.unit, rule.asOf, rule.below ?? false)) return;
  if (!(await repo.unitExists(rule.unit))) throw notFound('orgUnit', rule.unit);
  throw outOfScope();
}

/** The ids among `unitIds` that are in the actor's scope (on `asOf` when given): one query for many units. */
export async function unitsInScope(ctx: Ctx, unitIds: readonly string[], asOf?: string): Promise<Set<string>> {
  if (isGlobal(ctx.actor)) return new Set(unitIds);
  if (!unitIds.length) return new Set();
  return new Set(await ctx.use(scopeRepo).unitsInScope(scopeOf(ctx), [...new Set(unitIds)], asOf));
}
