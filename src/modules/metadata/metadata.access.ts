// Which units a reader of metadata may see listed (data set assignments, group members, exports).
import { hasPermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import type { UnitsFilter } from './metadata.repo.js';

/**
 * Unit ids and codes in assignment lists, group members and exports: all of them for metadata
 * administrators (they assign data sets across the tree), otherwise only the units in the caller's
 * scope — a station must not learn every unit of the province from a data set.
 */
export function visibleUnits(ctx: Ctx): Exclude<UnitsFilter, 'none'> {
  return hasPermission(ctx, 'metadata:write') ? 'all' : scopeOf(ctx);
}
