// The reporting completeness a report states: for the data sets holding the template's data
// elements, which of the unit's sub-units sent their forms (completed or approved) over the period.
// The counting is analytics' (the same figures dashboards show beside their totals, read through the
// workflow's completeness, which checks permission and scope); this adds the words of a sentence.
import type { Ctx } from '../../core/context.js';
import type { PeriodRange } from '../../lib/periods.js';
import { reportingOf } from '../analytics/completeness.service.js';
import type { Completeness } from './completeness.js';
import * as repo from './reports.repo.js';

const NOUN: Record<string, string> = { station: 'trạm y tế', health_centre: 'trung tâm y tế' };

/** Completeness of the sub-units' forms for the data sets of `elementIds`; null when none is expected. */
export async function reportCompleteness(ctx: Ctx, unitId: string, range: PeriodRange, elementIds: string[]): Promise<Completeness | null> {
  if (elementIds.length === 0) return null;
  const { sets } = await reportingOf(ctx, elementIds, unitId, 'children', range, 'vi');
  const byUnit = new Map<string, { id: string; name: string; expected: number; reported: number }>();
  let periodsCount = 0;
  for (const ds of sets) {
    if (ds.byOu.size === 0) continue;
    periodsCount += ds.periodCount;
    for (const [id, c] of ds.byOu) {
      const u = byUnit.get(id) ?? { id, name: ds.names.get(id) ?? id, expected: 0, reported: 0 };
      u.expected += c.expected;
      u.reported += c.reported;
      byUnit.set(id, u);
    }
  }
  const units = [...byUnit.values()].filter((u) => u.expected > 0).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  if (units.length === 0) return null;
  const kinds = new Set((await ctx.use(repo).unitKinds(units.map((u) => u.id))).map((k) => k.kind));
  const kind = kinds.size === 1 ? [...kinds][0]! : '';
  return {
    expected: units.reduce((n, u) => n + u.expected, 0),
    reported: units.reduce((n, u) => n + u.reported, 0),
    units,
    oneFormEach: units.every((u) => u.expected === periodsCount),
    withBelow: units.some((u) => u.expected > periodsCount),
    noun: NOUN[kind] ?? 'đơn vị',
    threshold: ctx.config.completenessThreshold,
  };
}
