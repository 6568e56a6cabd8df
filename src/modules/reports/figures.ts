// The figures a report needs, computed by the analytics engine in one call per row selection: every
// item of the template for the report's unit over five ranges (the period, year to date, the same
// period last year and its year to date, the previous period), the sub-unit tables' items for the
// sub-units, and the annual plan targets. The engine checks the actor's permission and scope.
// Register figures (analytics/figures.ts: counts and shares computed live from the equipment and
// facilities registers) are items like data elements, by code; the engine reads each range's figure
// as on its last day (today while it runs). They have no plan.
import { previousRange, sameRangeLastYear, type PeriodRange } from '../../lib/periods.js';
import { AppError } from '../../core/errors.js';
import { ytdRangeOf } from '../analytics/values.service.js';
import { runQueryWithUnits } from '../analytics/engine.js';
import { lookupItems } from '../analytics/items.js';
import type { DataItem, OrgUnitSelection } from '../analytics/query.js';
import * as plansRepo from '../plans/plans.repo.js';
import type { Ctx } from '../../core/context.js';

export const RANGE_KEYS = ['current', 'ytd', 'lastYear', 'lastYearYtd', 'previous'] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];

export interface ItemInfo {
  /** As written in the template: CODE or CODE.OPTION. */
  ref: string;
  kind: 'dataElement' | 'indicator' | 'figure';
  /** Data element or indicator id; a register figure's code. */
  id: string;
  /** Option combo id for CODE.OPTION. */
  coc: string | null;
  name: string;
  /** Indicators: decimals to show (null: 1); share figures: 1. */
  decimals: number | null;
  /** Register figures: a count, or a share (a percent, written "87,5 %"); null for the others. */
  figureKind?: 'count' | 'share' | null;
}

/** The template's items (analytics' lookupItems); `unknown` lists those that do not exist. */
export async function resolveItems(ctx: Ctx, refs: string[], locale: 'vi' | 'en' = 'vi'): Promise<{ items: Map<string, ItemInfo>; unknown: string[] }> {
  const found = await lookupItems(ctx, refs, locale);
  const items = new Map<string, ItemInfo>();
  for (const [ref, it] of found.items) {
    items.set(ref, {
      ref, kind: it.kind, id: it.id, coc: it.combo?.id ?? null, name: it.combo ? `${it.name} (${it.combo.name})` : it.name, decimals: it.decimals, figureKind: it.figureKind,
    });
  }
  return { items, unknown: found.unknown };
}

/** Per item, the ranges it is read over. */
export type Needs = Map<string, Set<RangeKey>>;

export interface FigureRequest {
  unitId: string;
  range: PeriodRange;
  /** Items for the report's unit. */
  items: Needs;
  /** Items for each sub-unit (tables with one row per sub-unit). */
  subunitItems: Needs;
  locale?: 'vi' | 'en';
}

export interface Figures {
  ranges: Record<RangeKey, PeriodRange>;
  items: Map<string, ItemInfo>;
  /** The sub-units the engine listed (children as of the period's end), in name order. */
  subunits: string[];
  value(ref: string, range: RangeKey, ou?: string): number | null;
  target(ref: string, ou?: string): number | null;
}

export function rangesOf(range: PeriodRange): Record<RangeKey, PeriodRange> {
  const lastYear = sameRangeLastYear(range);
  return { current: range, ytd: ytdRangeOf(range), lastYear, lastYearYtd: ytdRangeOf(lastYear), previous: previousRange(range) };
}

export async function computeFigures(ctx: Ctx, req: FigureRequest): Promise<Figures> {
  const { items, unknown } = await resolveItems(ctx, [...req.items.keys(), ...req.subunitItems.keys()], req.locale);
  if (unknown.length) throw new AppError('VALIDATION_FAILED', 'reports.unknownItems', { fields: { template: 'field.invalid' } }, { items: unknown.join(', ') });
  const ranges = rangesOf(req.range);
  const dataOf = (refs: string[]): DataItem[] =>
    refs.map((ref) => {
      const it = items.get(ref)!;
      return it.kind === 'dataElement' ? { kind: 'dataElement', id: it.id, coc: it.coc } : { kind: it.kind, id: it.id };
    });
  // One engine call per set of ranges: most items are read for the period only, and a stock over
  // a multi-month range (year to date) costs far more than over one month.
  const run = async (needs: Needs, sel: OrgUnitSelection) => {
    const groups = new Map<string, { keys: RangeKey[]; refs: string[] }>();
    for (const [ref, set] of needs) {
      const keys = RANGE_KEYS.filter((k) => set.has(k));
      if (keys.length === 0) continue;
      const periodIds = [...new Set(keys.map((k) => ranges[k].id))].sort().join(',');
      const g = groups.get(periodIds) ?? { keys, refs: [] };
      g.refs.push(ref);
      groups.set(periodIds, g);
    }
    const out = { cells: [] as Awaited<ReturnType<typeof runQueryWithUnits>>['cells'], rowUnits: [] as string[] };
    for (const g of groups.values()) {
      const periods = [...new Map(g.keys.map((k) => [ranges[k].id, ranges[k]])).values()];
      const r = await runQueryWithUnits(ctx, { data: dataOf(g.refs), periods, orgUnits: [sel], structure: 'historical' });
      for (const c of r.cells) out.cells.push(c); // no spread: a large answer would overflow the stack
      out.rowUnits = r.rowUnits;
    }
    return out;
  };
  // The unit's own call first: it checks scope (OUT_OF_SCOPE) before anything else is read.
  const own = await run(req.items, { kind: 'unit', id: req.unitId });
  const below = await run(req.subunitItems, { kind: 'children', id: req.unitId });

  const values = new Map<string, number | null>();
  const keyOf = (id: string, coc: string | null | undefined, ou: string, pe: string) => `${id}|${coc ?? ''}|${ou}|${pe}`;
  for (const c of [...own.cells, ...below.cells]) values.set(keyOf(c.dx, c.co, c.ou, c.pe), c.value);

  const targets = await ctx.use(plansRepo).targetsOf(req.range.to.year, [req.unitId, ...below.rowUnits]);
  const targetOf = new Map(targets.map((t) => [`${t.org_unit_id}|${t.target_type}|${t.target_id}|${t.category_option_combo_id}`, Number(t.value)]));

  return {
    ranges,
    items,
    subunits: below.rowUnits,
    value(ref, range, ou = req.unitId) {
      const it = items.get(ref);
      if (!it) return null;
      return values.get(keyOf(it.id, it.coc, ou, ranges[range].id)) ?? null;
    },
    target(ref, ou = req.unitId) {
      const it = items.get(ref);
      if (!it || it.kind === 'figure') return null;
      return targetOf.get(`${ou}|${it.kind}|${it.id}|${it.coc ?? ''}`) ?? null;
    },
  };
}
