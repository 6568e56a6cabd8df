// The notification centre's own daily job: read notices are kept 6 months, any notice a year, and
// the record of daily runs 3 months.
import type { Ctx } from '../../core/context.js';
import * as repo from './notifications.repo.js';
import * as runs from './scheduler.repo.js';

const DAY = 86_400_000;

export async function cleanupJob(ctx: Ctx, day: string): Promise<{ notifications: number; runs: number }> {
  const today = new Date(`${day}T00:00:00+07:00`).getTime();
  const notifications = await ctx.use(repo).deleteOld(new Date(today - 183 * DAY), new Date(today - 366 * DAY));
  const old = await ctx.use(runs).deleteRunsBefore(new Date(today - 92 * DAY));
  return { notifications, runs: old };
}
