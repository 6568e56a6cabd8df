// soyte's own analytics endpoint, GET /api/analytics/values: values WITH their comparisons in one
// call (contract A of issue 4). For each (data item, row unit): the value of one period, the same
// period last year, the previous period, the year to date, "% of plan" (ytd ÷ annual target and
// period ÷ annual target) and the reporting rates of the data sets holding the items.
//
// - Every value comes from ONE engine call (runQueryWithUnits) over all the ranges; the engine lists
//   the row units, checks the permission and every row unit's scope.
// - Plans are read from plan_target (plans.repo.targetsOf); reporting rates from the workflow's
//   completenessReport (which checks scope itself). Both run after the engine call, so nothing
//   outside the actor's subtree is read.
// - Register figures (figures.ts) are items too, by code: the engine reads each range's figure as on
//   its last day; they have no plan and no forms behind them (completeness null, never "incomplete").
import { todayVn } from '../../lib/dates.js';
import { AppError } from '../../core/errors.js';
import {
  addMonths, monthSpanRange, nextPeriod, periodLabel, periodOf, periodsBetween, previousRange, resolvePeriodItem,
  sameRangeLastYear, yearRange, yearToDateRange, type PeriodLocale, type PeriodRange,
} from '../../lib/periods.js';
import { parse } from '../../core/input.js';
import { percentOf } from '../plans/plans.aggregate.js';
import * as plansRepo from '../plans/plans.repo.js';
import { type Ctx } from '../../core/context.js';
import { requirePermission } from '../../core/access.js';
import {
  COMPARISONS, MAX_VALUES_ITEMS, ValuesQuery, type Change, type Comparison, type ReportingRow, type ValuesItem,
  type ValuesOrgUnit, type ValuesPeriod, type ValuesResponse, type ValuesRow,
} from './analytics.contract.js';
import * as repo from './analytics.repo.js';
import { unitsWithLevel } from './analytics.service.js';
import { lookupItems } from './items.js';
import { runQueryWithUnits } from './engine.js';
import { indicatorElements, reportingOf, reportingRows, rowCompleteness } from './completeness.service.js';
import type { AnalyticsCell, DataItem, OrgUnitSelection } from './query.js';

export { COMPARISONS };
export type { Change, Comparison, ReportingRow, ValuesItem, ValuesOrgUnit, ValuesPeriod, ValuesResponse, ValuesRow };

// ---------------------------------------------------------------------------------------------
// Input

type OuMode = { kind: 'self' } | { kind: 'children' } | { kind: 'level'; level: number };

function parseOuMode(s: string): OuMode {
  const m = s.toLowerCase();
  if (m === 'self' || m === 'children') return { kind: m };
  return { kind: 'level', level: Number(m.slice('level-'.length)) };
}

function parseCompare(s: string | undefined): Set<Comparison> {
  if (s === undefined || s === '') return new Set(COMPARISONS);
  const out = new Set<Comparison>();
  for (const raw of s.split(',')) {
    const c = raw.trim();
    if (!c) continue;
    if (!(COMPARISONS as readonly string[]).includes(c)) {
      throw new AppError('VALIDATION_FAILED', 'analytics.values.badCompare', { fields: { compare: 'field.invalid' } }, { value: c });
    }
    out.add(c as Comparison);
  }
  return out;
}

/**
 * The one period of the request: a range id or a relative keyword (resolved against today). A
 * keyword giving several consecutive ranges (LAST_3_MONTHS) becomes the run of months they cover.
 */
export function resolveOnePeriod(pe: string, today: string = todayVn()): PeriodRange {
  const res = resolvePeriodItem(pe, today);
  if (!res.ok) {
    const details = res.error.code === 'VALIDATION_FAILED' ? { fields: { pe: res.error.messageKey } } : undefined;
    throw new AppError(res.error.code, res.error.messageKey, details, res.error.params);
  }
  const ranges = res.ranges;
  if (ranges.length === 1) return ranges[0]!;
  for (let i = 1; i < ranges.length; i++) {
    const next = addMonths(ranges[i - 1]!.to, 1);
    if (ranges[i]!.from.year !== next.year || ranges[i]!.from.month !== next.month) {
      throw new AppError('UNSUPPORTED', 'analytics.values.onePeriod', undefined, { period: pe });
    }
  }
  return monthSpanRange(ranges[0]!.from, ranges.at(-1)!.to);
}

/** Year to date through the range's last month: 202405 → 2024YTD05, 2024Q2 → 2024YTD06, 2024 → 2024. */
export function ytdRangeOf(r: PeriodRange): PeriodRange {
  return r.to.month === 12 ? yearRange(r.to.year) : yearToDateRange(r.to.year, r.to.month);
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

function describePeriod(r: PeriodRange, locale: PeriodLocale): ValuesPeriod {
  return { id: r.id, name: capitalise(periodLabel(r, locale)), start: r.start, end: r.end };
}

// ---------------------------------------------------------------------------------------------
// Data items (by uid or code; DE.COC for one option combo)

interface ResolvedItem {
  out: ValuesItem;
  query: DataItem;
  /** Matches an engine cell to this item. */
  matches: (c: AnalyticsCell) => boolean;
  /** plan_target key; null for register figures (they have no plan). */
  plan: { type: 'dataElement' | 'indicator'; id: string; coc: string } | null;
  /** Data element ids whose data sets report this item (none for a register figure: no completeness). */
  elementRefs: string[];
}

const itemNotFound = (item: string) =>
  new AppError('VALIDATION_FAILED', 'analytics.itemNotFound', { fields: { dx: 'field.invalid' } }, { dimension: 'dx', item });

async function resolveItems(ctx: Ctx, dx: string, locale: PeriodLocale): Promise<ResolvedItem[]> {
  const refs = [...new Set(dx.split(';').map((s) => s.trim()).filter(Boolean))];
  if (refs.length === 0) throw itemNotFound(dx);
  if (refs.length > MAX_VALUES_ITEMS) {
    throw new AppError('VALIDATION_FAILED', 'analytics.values.tooManyItems', { fields: { dx: 'field.tooLong' } }, { max: MAX_VALUES_ITEMS });
  }
  for (const r of refs) if (r.includes('*')) throw new AppError('UNSUPPORTED', 'analytics.values.wildcard', undefined, { item: r });
  const { items, unknown } = await lookupItems(ctx, refs, locale);
  if (unknown.length) throw itemNotFound(unknown[0]!);

  const out: ResolvedItem[] = [];
  for (const ref of refs) {
    const it = items.get(ref)!;
    if (it.kind === 'figure') {
      // Read live from a register: no plan, no forms behind it (completeness stays null, never "incomplete").
      out.push({
        out: { id: it.id, code: it.code, name: it.name, kind: 'figure', figureKind: it.figureKind! },
        query: { kind: 'figure', id: it.id },
        matches: (c) => c.dx === it.id,
        plan: null,
        elementRefs: [],
      });
    } else if (it.combo) {
      const combo = it.combo;
      out.push({
        out: { id: `${it.id}.${combo.id}`, code: `${it.code}.${combo.code}`, name: `${it.name} ${combo.name}`, kind: 'dataElement' },
        query: { kind: 'dataElement', id: it.id, coc: combo.id },
        matches: (c) => c.dx === it.id && c.co === combo.id,
        plan: { type: 'dataElement', id: it.id, coc: combo.id },
        elementRefs: [it.id],
      });
    } else if (it.kind === 'indicator') {
      const elementRefs = indicatorElements(it.numerator!, it.denominator!);
      out.push({
        out: { id: it.id, code: it.code, name: it.name, kind: 'indicator' },
        query: { kind: 'indicator', id: it.id },
        matches: (c) => c.dx === it.id,
        plan: { type: 'indicator', id: it.id, coc: '' },
        elementRefs,
      });
    } else {
      out.push({
        out: { id: it.id, code: it.code, name: it.name, kind: 'dataElement' },
        query: { kind: 'dataElement', id: it.id },
        matches: (c) => c.dx === it.id && c.co === undefined,
        plan: { type: 'dataElement', id: it.id, coc: '' },
        elementRefs: [it.id],
      });
    }
  }
  // The same item named twice (by uid and by code) counts once.
  return out.filter((x, i) => out.findIndex((y) => y.out.id === x.out.id) === i);
}

// ---------------------------------------------------------------------------------------------
// The endpoint

export async function analyticsValues(ctx: Ctx, input: unknown, locale: PeriodLocale = 'vi'): Promise<ValuesResponse> {
  requirePermission(ctx, 'data:read');
  const q = parse(ValuesQuery, input);
  const ouMode = parseOuMode(q.ouMode);
  const compare = parseCompare(q.compare);
  const today = todayVn();
  const period = resolveOnePeriod(q.pe, today);

  // Ranges: the comparisons are computed by the same single engine call. Before 1900 there is
  // nothing to compare with (the periods' bounds): no comparison rather than an error.
  const lastYearRange = compare.has('lastYear') ? inBounds(() => sameRangeLastYear(period)) : null;
  const previous = compare.has('previous') ? inBounds(() => previousRange(period)) : null;
  const needYtd = compare.has('ytd') || compare.has('plan');
  const ytd = needYtd ? ytdRangeOf(period) : null;
  const ranges: PeriodRange[] = [];
  for (const r of [period, lastYearRange, previous, ytd]) if (r && !ranges.some((x) => x.id === r.id)) ranges.push(r);

  // The unit and the row units, as the engine selects them (structure date: asOf for 'current',
  // else the end of the latest range, which is the period's own end).
  const asOf = q.asOf ?? today;
  const structureDate = q.structure === 'current' ? asOf : ranges.reduce((m, r) => (r.end > m ? r.end : m), period.end);
  const [unit] = (await unitsWithLevel(ctx, [q.ou], structureDate)).sort((a, b) => Number(b.id === q.ou) - Number(a.id === q.ou));
  if (!unit) throw new AppError('VALIDATION_FAILED', 'analytics.itemNotFound', { fields: { ou: 'field.invalid' } }, { dimension: 'ou', item: q.ou });

  const items = await resolveItems(ctx, q.dx, locale);

  const selection: OrgUnitSelection =
    ouMode.kind === 'self'
      ? { kind: 'unit', id: unit.id }
      : ouMode.kind === 'children'
        ? { kind: 'children', id: unit.id }
        : { kind: 'level', level: ouMode.level, within: unit.id };
  const rowLevel = ouMode.kind === 'self' ? unit.level : ouMode.kind === 'children' ? unit.level + 1 : ouMode.level;
  // The engine lists the row units as of the structure date and checks every one against the
  // actor's scope (OUT_OF_SCOPE) before anything below — plans, reporting rates — is read.
  const { cells, rowUnits: rowIds } = await runQueryWithUnits(
    ctx,
    { data: items.map((i) => i.query), periods: ranges, orgUnits: [selection], structure: q.structure, ...(q.asOf ? { asOf: q.asOf } : {}) },
    { maxCells: ctx.config.maxQueryCells },
  );

  // Plans of the period's year for the row units (already scope-checked).
  const targets = compare.has('plan') ? await ctx.use(plansRepo).targetsOf(period.to.year, rowIds) : [];
  const targetOf = new Map(targets.map((t) => [`${t.org_unit_id}|${t.target_type}|${t.target_id}|${t.category_option_combo_id}`, Number(t.value)]));

  const valueAt = new Map<string, number | null>();
  for (const it of items) for (const c of cells) if (it.matches(c)) valueAt.set(`${it.out.id}|${c.ou}|${c.pe}`, c.value);
  const get = (dx: string, ou: string, r: PeriodRange | null) => (r ? valueAt.get(`${dx}|${ou}|${r.id}`) ?? null : null);

  const rows: ValuesRow[] = [];
  for (const it of items) {
    for (const ou of rowIds) {
      const value = get(it.out.id, ou, period);
      const lastYear = get(it.out.id, ou, lastYearRange);
      const prev = get(it.out.id, ou, previous);
      const ytdValue = get(it.out.id, ou, ytd);
      const target = compare.has('plan') && it.plan ? targetOf.get(`${ou}|${it.plan.type}|${it.plan.id}|${it.plan.coc}`) : undefined;
      rows.push({
        dx: it.out.id,
        ou,
        value,
        lastYear,
        previous: prev,
        ytd: compare.has('ytd') ? ytdValue : null,
        changeLastYear: change(value, lastYear),
        changePrevious: change(value, prev),
        plan:
          target === undefined
            ? null
            : { target, ytdPercent: round2(percentOf(ytdValue, target)), periodPercent: round2(percentOf(value, target)) },
        completeness: null,
      });
    }
  }

  // Reporting behind every total (always: a partial total must never pass for a complete one).
  const [orgUnits, { sets, elementSets }] = await Promise.all([
    describeUnits(ctx, rowIds, rowLevel, structureDate, locale),
    reportingOf(ctx, items.flatMap((i) => i.elementRefs), unit.id, ouMode.kind === 'level' ? ouMode.level : ouMode.kind, period, locale),
  ]);
  const threshold = ctx.config.completenessThreshold;
  const itemById = new Map(items.map((i) => [i.out.id, i]));
  for (const row of rows) row.completeness = rowCompleteness(itemById.get(row.dx)!.elementRefs, row.ou, sets, elementSets, threshold);

  return {
    period: describePeriod(period, locale),
    lastYearPeriod: lastYearRange ? describePeriod(lastYearRange, locale) : null,
    previousPeriod: previous ? describePeriod(previous, locale) : null,
    ytdPeriod: compare.has('ytd') && ytd ? describePeriod(ytd, locale) : null,
    items: items.map((i) => i.out),
    orgUnits,
    rows,
    reporting: compare.has('reporting') ? reportingRows(sets) : [],
    completenessThreshold: threshold,
  };
}

/** A comparison range, or null when it falls outside the years soyte knows (lib/periods.ts bounds). */
function inBounds(make: () => PeriodRange): PeriodRange | null {
  try {
    return make();
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

function change(value: number | null, before: number | null): Change | null {
  if (value === null || before === null) return null;
  const abs = Number((value - before).toPrecision(12));
  return { abs, percent: before === 0 ? null : round2((abs / before) * 100) };
}

function round2(v: number | null): number | null {
  return v === null ? null : Math.round(v * 100) / 100;
}

/**
 * The row units with their code, level and name as of the structure date (a station renamed in
 * the 2025 reform keeps its old name in a historical answer); English names only when not renamed.
 */
async function describeUnits(ctx: Ctx, ids: string[], level: number, date: string, locale: PeriodLocale): Promise<ValuesOrgUnit[]> {
  const byId = new Map((await ctx.use(repo).unitNamesOn(ids, date)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const u = byId.get(id);
    if (!u) return [];
    const name = locale === 'en' && u.name_en && u.name === u.current_name ? u.name_en : u.name;
    return [{ id, code: u.code, name, level: u.level ?? level }];
  });
}

