// The daily notices of equipment care (through the notification centre): each active schedule of a
// held asset, when it comes due within 30 days, within 7 days, and when it is overdue, is told once
// per stage and due date to the holding unit's users who report on equipment (equipment:report) and
// to the managers (equipment:manage) of the centre that keeps its books. Each stage is sent once: the
// dedupe key holds the schedule, the stage and the due date (a new due date after an inspection
// starts over); a day missed by the job is caught up the next day (stages are ranges, not exact days).
import type { Ctx } from '../../core/context.js';
import { notify, registerDailyJob } from '../notifications/notifications.service.js';
import { SCHEDULE_KIND_NAMES } from './care.contract.js';
import * as repo from './care.repo.js';
import * as assetsRepo from './equipment.repo.js';
import { addDays } from '../../lib/calendar.js';
import { daysBetween } from '../../lib/dates.js';

const PAGE = 500;

export type DueStage = 'due30' | 'due7' | 'overdue';

/** The stage of a schedule due on `nextDue` seen on `day` (null: not yet within 30 days). */
export function stageOf(nextDue: string, day: string): DueStage | null {
  const days = daysBetween(day, nextDue);
  if (days < 0) return 'overdue';
  if (days <= 7) return 'due7';
  if (days <= 30) return 'due30';
  return null;
}

export async function dailyDueNotices(ctx: Ctx, day: string): Promise<Record<DueStage, number>> {
  const counts: Record<DueStage, number> = { due30: 0, due7: 0, overdue: 0 };
  const centres = new Map<string, string>();
  const centreOf = async (unitId: string) => {
    let c = centres.get(unitId);
    if (c === undefined) {
      c = (await ctx.use(assetsRepo).accountingUnit(unitId, day))?.id ?? unitId;
      centres.set(unitId, c);
    }
    return c;
  };
  let after = '';
  for (;;) {
    const rows = await ctx.use(repo).dueForNotice(addDays(day, 30), after, PAGE);
    for (const s of rows) {
      const stage = stageOf(s.next_due, day)!;
      const base = {
        kind: stage === 'overdue' ? 'equipment.inspectionOverdue' : 'equipment.inspectionDue',
        params: {
          asset: `${s.tag} – ${s.name}`, what: SCHEDULE_KIND_NAMES[s.kind], date: { date: s.next_due }, unit: s.unit_name,
          days: Math.abs(daysBetween(day, s.next_due)),
        },
        link: `/equipment/assets/${s.asset_id}`,
        subject: { type: 'equipment_schedule', id: s.id },
        dedupeKey: `equipment.${stage}:${s.id}:${s.next_due}`,
      };
      const a = await notify(ctx, { ...base, unitIds: [s.unit_id], permission: 'equipment:report' });
      const b = await notify(ctx, { ...base, unitIds: [await centreOf(s.unit_id)], permission: 'equipment:manage' });
      if (a.userIds.length + b.userIds.length) counts[stage]++;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  return counts;
}

registerDailyJob('equipment.dueNotices', dailyDueNotices);
