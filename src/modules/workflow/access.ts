// Who may act on a form in the workflow. Kept free of service imports so datavalues can use it.
import { type Ctx } from '../../core/context.js';
import { isGlobal, unitInScope } from '../../core/access.js';

/**
 * Approvers are the parent level: the actor needs data:approve and their unit must be a STRICT
 * ancestor of the form's unit as of `asOf` (a station's own user cannot approve its own form even
 * with the role). Global administrators (no unit) may approve anything.
 */
export async function isApproverOf(ctx: Ctx, unitId: string, asOf: string): Promise<boolean> {
  if (!ctx.actor.permissions.has('data:approve')) return false;
  if (isGlobal(ctx.actor)) return true;
  const r = await ctx.db
    .selectFrom('org_unit_closure')
    .select('depth')
    .where('ancestor_id', '=', ctx.actor.orgUnitId!)
    .where('descendant_id', '=', unitId)
    .where('depth', '>=', 1)
    .where('valid_from', '<=', asOf)
    .where('valid_to', '>', asOf)
    .executeTakeFirst();
  return r !== undefined;
}

/** Data entry rights on a unit for a period: data:write and the unit in scope as of the period's start. */
export async function canWriteUnit(ctx: Ctx, unitId: string, periodStart: string): Promise<boolean> {
  return ctx.actor.permissions.has('data:write') && (await unitInScope(ctx, unitId, periodStart));
}
