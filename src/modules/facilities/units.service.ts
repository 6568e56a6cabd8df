// The unit a facilities request names (id or code), or a 404 naming the field.
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import * as repo from './facilities.repo.js';

export async function unitOf(ctx: Ctx, ref: string, field = 'orgUnit'): Promise<repo.UnitRow> {
  const [u] = await ctx.use(repo).findUnits([ref]);
  if (!u) throw new AppError('NOT_FOUND', 'notFound.orgUnit', { fields: { [field]: 'facility.unknownUnit' }, id: ref }, { id: ref });
  return u;
}
