// Completeness beside totals: how many of the units expected to report the data behind a total did,
// for the period(s) of an analytics answer, and whether that reaches the configured threshold
// (SOYTE_COMPLETENESS_THRESHOLD). A total of a month in which 3 of 8 stations have not reported is
// not comparable with last year or with the plan: the answers say so (docs/analytics.md,
// "Completeness"), the clients mark or withhold the comparison.
//
// Counts come from the workflow's completeness (forms completed or approved among those expected,
// over the tree as of each period's start), which checks the caller's scope itself.
import { scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { parseExpression, references } from '../../lib/expression.js';
import { nextPeriod, periodOf, periodsBetween, type PeriodLocale, type PeriodRange } from '../../lib/periods.js';
import { completenessReport, rate } from '../workflow/completeness.service.js';
import type { AnswerCompleteness, Completeness, ReportingRow, ReportingUnitKind } from './analytics.contract.js';
import { getMeta } from './analytics.cache.js';
import * as repo from './analytics.repo.js';
import type { AnalyticsQuery } from './query.js';

/** At most this many data-set periods are counted for one answer (beyond: no completeness). */
const MAX_COUNTED_PERIODS = 120;

/** One data set's forms expected / reported per row unit inside a range. */
export interface DataSetReporting {
  id: string;
  code: string;
  name: string;
  periodCount: number;
  unitKind: ReportingUnitKind;
  byOu: Map<string, { expected: number; reported: number; onTime: number }>;
  /** Row unit id → its name (for sentences that name the units that did not report). */
  names: Map<string, string>;
}

type Counts = { expected: number; reported: number; onTime: number };

function reportingKindOf(kind: string | null): ReportingUnitKind {
  return kind === 'station' ? 'station' : kind === 'health_centre' ? 'centre' : 'unit';
}

interface DataSetRow {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  period_type: Parameters<typeof periodOf>[0];
}

/** The data sets holding the elements, and element id or code → its data sets. */
async function dataSetsOf(ctx: Ctx, elementRefs: readonly string[]) {
  const elementSets = new Map<string, Set<string>>();
  const dataSets = new Map<string, DataSetRow>();
  if (elementRefs.length === 0) return { dataSets, elementSets };
  for (const l of await ctx.use(repo).dataSetsByElement([...new Set(elementRefs)])) {
    if (!dataSets.has(l.id)) dataSets.set(l.id, l);
    for (const ref of [l.element_id, l.element_code]) {
      const set = elementSets.get(ref) ?? new Set<string>();
      set.add(l.id);
      elementSets.set(ref, set);
    }
  }
  return { dataSets, elementSets };
}

/** The data set's periods inside a range (a quarterly set has none inside one month), or null. */
function periodsInside(ds: DataSetRow, range: PeriodRange) {
  let first = periodOf(ds.period_type, range.start);
  if (first.start < range.start) first = nextPeriod(first);
  const last = periodOf(ds.period_type, range.end);
  if (last.end > range.end || first.start > last.start) return null;
  const list = periodsBetween(first, last);
  return list.length > MAX_COUNTED_PERIODS ? null : list;
}

function add(map: Map<string, Counts>, key: string, l: Counts) {
  const s = map.get(key) ?? { expected: 0, reported: 0, onTime: 0 };
  s.expected += l.expected;
  s.reported += l.reported;
  s.onTime += l.onTime;
  map.set(key, s);
}

const dsName = (ds: DataSetRow, locale: PeriodLocale) => (locale === 'en' && ds.name_en ? ds.name_en : ds.name);

/**
 * Forms expected and reported, per row unit, of the data sets that hold `elementRefs`, summed over
 * the data set's periods inside `period`. Rows: `mode` 'self' (the unit's whole subtree), its
 * children, or its descendants at an absolute level.
 */
export async function reportingOf(
  ctx: Ctx,
  elementRefs: readonly string[],
  unitId: string,
  mode: 'self' | 'children' | number,
  period: PeriodRange,
  locale: PeriodLocale,
): Promise<{ sets: DataSetReporting[]; elementSets: Map<string, Set<string>> }> {
  const { dataSets, elementSets } = await dataSetsOf(ctx, elementRefs);
  const sets: DataSetReporting[] = [];
  for (const ds of dataSets.values()) {
    const inside = periodsInside(ds, period);
    if (!inside) continue;
    const [{ report }, kind] = await Promise.all([
      completenessReport(ctx, {
        dataSet: ds.id,
        orgUnit: unitId,
        startPeriod: inside[0]!.iso,
        endPeriod: inside.at(-1)!.iso,
        level: mode === 'self' ? 'children' : mode,
      }),
      ctx.use(repo).reportingUnitKind(ds.id, period.start, period.end),
    ]);
    const byOu = new Map<string, Counts>();
    const names = new Map<string, string>();
    if (mode === 'self') for (const l of report.totals) add(byOu, unitId, l);
    else for (const l of report.rows) {
      add(byOu, l.orgUnit.id, l);
      names.set(l.orgUnit.id, l.orgUnit.name);
    }
    sets.push({ id: ds.id, code: ds.code, name: dsName(ds, locale), periodCount: inside.length, unitKind: reportingKindOf(kind), byOu, names });
  }
  return { sets, elementSets };
}

/** The `reporting` rows of GET /api/analytics/values: every data set × row unit that expected something. */
export function reportingRows(sets: readonly DataSetReporting[]): ReportingRow[] {
  const out: ReportingRow[] = [];
  for (const ds of sets) {
    for (const [ou, s] of ds.byOu) {
      if (s.expected === 0) continue;
      out.push({ ou, dataSet: ds.code, dataSetName: ds.name, ...s, reportingRate: rate(s.reported, s.expected), onTimeRate: rate(s.onTime, s.expected) });
    }
  }
  return out;
}

/**
 * The completeness behind one total: of the data sets holding the item's elements, the least
 * complete one for the unit (a total is only as complete as its weakest part); null when none of
 * them expected a form of the unit inside the period.
 */
export function rowCompleteness(
  elementRefs: readonly string[],
  ou: string,
  sets: readonly DataSetReporting[],
  elementSets: ReadonlyMap<string, ReadonlySet<string>>,
  threshold: number,
): Completeness | null {
  const ids = new Set(elementRefs.flatMap((r) => [...(elementSets.get(r) ?? [])]));
  let worst: Completeness | null = null;
  for (const ds of sets) {
    if (!ids.has(ds.id)) continue;
    const s = ds.byOu.get(ou);
    if (!s || s.expected === 0) continue;
    const percent = rate(s.reported, s.expected);
    const c: Completeness = {
      dataSet: ds.code,
      dataSetName: ds.name,
      expected: s.expected,
      reported: s.reported,
      percent,
      threshold,
      complete: percent !== null && percent >= threshold,
      formsPerUnit: ds.periodCount,
      unitKind: ds.unitKind,
    };
    if (!worst || (c.percent ?? 100) < (worst.percent ?? 100)) worst = c;
  }
  return worst;
}

/** Data element ids or codes an indicator's formulas read (none when a formula does not parse). */
export function indicatorElements(numerator: string, denominator: string): string[] {
  try {
    return [parseExpression(numerator), parseExpression(denominator)].flatMap((e) => references(e).dataElements.map((d) => d.de));
  } catch {
    return []; // an invalid expression: the engine reports it; no completeness
  }
}

/**
 * Completeness of every (period, row unit) of a GET /api/analytics answer, over the data sets of
 * all its data items (the least complete one). Units are counted as the tree was at each period's
 * start, from the root of the caller's scope (or the top of the tree) at the row unit's level.
 */
export async function answerCompleteness(
  ctx: Ctx,
  q: AnalyticsQuery,
  rowUnits: readonly { id: string; level: number | null }[],
  locale: PeriodLocale,
): Promise<AnswerCompleteness> {
  const threshold = ctx.config.completenessThreshold;
  const out: AnswerCompleteness = { threshold, cells: [] };
  const byIndicator = (await getMeta(ctx)).indicators;
  const refs = q.data.flatMap((d) => {
    if (d.kind === 'figure') return []; // read from a register, not reported on forms: no completeness
    if (d.kind === 'dataElement') return [d.id];
    const i = byIndicator.get(d.id);
    return i ? indicatorElements(i.numerator, i.denominator) : [];
  });
  const { dataSets } = await dataSetsOf(ctx, refs);
  if (dataSets.size === 0 || rowUnits.length === 0) return out;
  const analytics = ctx.use(repo);
  const root = scopeOf(ctx).root ?? (await analytics.topUnit());
  if (!root) return out;
  const levels = [...new Set(rowUnits.map((u) => u.level).filter((l): l is number => l !== null))];
  const wanted = new Set(rowUnits.map((u) => u.id));

  // (pe|ou) → the least complete data set's counts.
  const worst = new Map<string, Completeness>();
  const starts = q.periods.map((r) => r.start).sort();
  const ends = q.periods.map((r) => r.end).sort();
  for (const ds of dataSets.values()) {
    const kind = reportingKindOf(await analytics.reportingUnitKind(ds.id, starts[0]!, ends.at(-1)!));
    const insideOf = new Map(q.periods.map((r) => [r.id, periodsInside(ds, r)]));
    const all = [...insideOf.values()].flatMap((x) => x ?? []).sort((x, y) => x.start.localeCompare(y.start));
    if (all.length === 0) continue;
    // Counts per (data-set period, row unit): one call per level over the whole span when it is short
    // enough, else one per range. Each (period, unit) is read once (ranges may overlap: 2024Q2, 202405).
    const counts = new Map<string, Counts>();
    const read = async (first: string, last: string) => {
      for (const level of levels) {
        const { report } = await completenessReport(ctx, { dataSet: ds.id, orgUnit: root, startPeriod: first, endPeriod: last, level });
        for (const l of report.rows) if (wanted.has(l.orgUnit.id)) counts.set(`${l.period}|${l.orgUnit.id}`, l);
      }
    };
    if (periodsBetween(all[0]!, all.at(-1)!).length <= MAX_COUNTED_PERIODS) await read(all[0]!.iso, all.at(-1)!.iso);
    else for (const inside of insideOf.values()) if (inside) await read(inside[0]!.iso, inside.at(-1)!.iso);
    for (const range of q.periods) {
      const inside = insideOf.get(range.id);
      if (!inside) continue;
      const byOu = new Map<string, Counts>();
      for (const ou of wanted) {
        for (const p of inside) {
          const c = counts.get(`${p.iso}|${ou}`);
          if (c) add(byOu, ou, c);
        }
      }
      for (const [ou, s] of byOu) {
        if (s.expected === 0) continue;
        const percent = rate(s.reported, s.expected);
        const key = `${range.id}|${ou}`;
        const prev = worst.get(key);
        if (prev && (prev.percent ?? 100) <= (percent ?? 100)) continue;
        worst.set(key, {
          dataSet: ds.code,
          dataSetName: dsName(ds, locale),
          expected: s.expected,
          reported: s.reported,
          percent,
          threshold,
          complete: percent !== null && percent >= threshold,
          formsPerUnit: inside.length,
          unitKind: kind,
        });
      }
    }
  }
  for (const [key, c] of worst) {
    const [pe, ou] = key.split('|') as [string, string];
    out.cells.push({ pe, ou, ...c });
  }
  return out;
}
