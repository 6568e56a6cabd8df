// The analytics engine: exact semantics over live data (docs/analytics.md).
//
// runQuery(ctx, q) answers an AnalyticsQuery with one cell per (data item, period range, row unit
// [, option combo]). Rules:
// - only monthly stored values are aggregated; a range is its months;
// - across time, per contributing unit and option combo: SUM adds the months, LAST takes the value of
//   the latest month of the range that has one (never a sum of months), AVERAGE averages the months
//   that have a value; NONE is treated as SUM. Then across units and combos: sum (DHIS2's
//   *_SUM_ORG_UNIT). The "contributing unit" is the unit that stored the value; in the 'current'
//   structure its time aggregate is multiplied by the share of it carried into the row unit, so the
//   stocks of merged predecessors add up in their successor;
// - indicators: numerator and denominator evaluated on the aggregated values of the same row unit
//   and range (each element with its own aggregation type), value = num / den × factor, null when
//   the denominator is 0 or missing (never an average of rates);
// - missing data gives no cell (a stored 0 is a 0); an indicator gives a cell when either part has data;
// - register figures (figures.ts: counts and shares other modules compute live from their registers)
//   are read through their own `compute`, for the row units (already scope-checked), as on the last
//   day of each range (today while the range runs; no cell for a range that has not started). A share
//   carries its numerator and denominator like an indicator (percent, factor 100), and gives no cell
//   where its denominator is 0 or unknown.
// Speed: metadata and the hierarchy come from memory (analytics.cache.ts); the values of a row unit
// come from data_value_rollup (sums below the unit, kept by triggers in every write transaction)
// wherever that is exact, and from the detailed per-unit query elsewhere (fetchValues).
// Size: the number of cells is known before any value is read (data items × periods × row units);
// above the caller's limit the query is refused (409 QUERY_TOO_LARGE) instead of run. Long loops give
// the event loop back every few milliseconds (slices.ts), and no array is ever spread into a call
// (push(...rows) overflows the stack beyond ~120,000 rows).
import { todayVn } from '../../lib/dates.js';
import { AppError, notFound, outOfScope, validation } from '../../core/errors.js';
import { evaluate, references } from '../../lib/expression.js';
import type { PeriodRange } from '../../lib/periods.js';
import { type Ctx } from '../../core/context.js';
import { canAccess, requirePermission, unitsInScope } from '../../core/access.js';
import type { QueryTooLargeDetails } from './analytics.contract.js';
import * as cache from './analytics.cache.js';
import { getHierarchy, getMeta, type ComboRow, type ElementRow, type Hierarchy, type IndicatorRow, type Meta } from './analytics.cache.js';
import * as repo from './analytics.repo.js';
import type { AnalyticsCell, AnalyticsQuery, DataItem, OrgUnitSelection } from './query.js';
import { figureByCode, figureDate, figureNumber, type FigureValue, type RegisterFigure } from './figures.js';
import { TimeSlicer } from './slices.js';

type AggType = ElementRow['aggregation_type'];

/** One row of the answer: the unit it stands for (its subtree is aggregated). */
interface RowUnit {
  id: string;
}

/** Aggregated value of (row unit, range, element) per option-combo iid. */
type ComboValues = Map<number, number>;

export interface RunOptions {
  /** Refuse the query (409 QUERY_TOO_LARGE) when it has more cells than this; checked before reading values. */
  maxCells?: number;
  /** Which limit `maxCells` is, for the message: an answer ('query', the default) or a file ('export'). */
  limitKind?: 'query' | 'export';
  /** The request's time slices, shared with the caller's own loops (shaping, writing a file). */
  slicer?: TimeSlicer;
}

export async function runQuery(ctx: Ctx, q: AnalyticsQuery, opts: RunOptions = {}): Promise<AnalyticsCell[]> {
  return (await runQueryWithUnits(ctx, q, opts)).cells;
}

/**
 * runQuery, plus the row units the selections gave (in order, each once, scope-checked), also those
 * without any cell: for answers that list every unit (GET /api/analytics/values).
 */
export async function runQueryWithUnits(ctx: Ctx, q: AnalyticsQuery, opts: RunOptions = {}): Promise<{ cells: AnalyticsCell[]; rowUnits: string[] }> {
  requirePermission(ctx, 'data:read');
  const asOf = q.asOf ?? todayVn();
  if (q.periods.length === 0 || q.data.length === 0 || q.orgUnits.length === 0) return { cells: [], rowUnits: [] };
  const slicer = opts.slicer ?? new TimeSlicer();

  // 1. Data items → elements (by id or code), option combos, indicators (from the metadata cache;
  //    a reference not found reloads it once).
  let meta = await getMeta(ctx);
  let refs = resolveItems(meta, q);
  if (!refs.ok) {
    meta = await getMeta(ctx, true);
    refs = resolveItems(meta, q);
    if (!refs.ok) throw refs.error;
  }
  const { elementOf, indicatorOf, elements, figureOf } = refs;
  const comboFor = (el: ElementRow, ref: string): ComboRow => findCombo(meta, el, ref)!;

  const dataItems = countDataItems(meta, q, elementOf);
  const checkSize = (rowCount: number) => {
    if (opts.maxCells === undefined) return;
    const size = { cells: dataItems * q.periods.length * rowCount, dataItems, periods: q.periods.length, orgUnits: rowCount };
    requireWithinLimit(size, opts.maxCells, opts.limitKind ?? 'query');
  };

  // 2 and 3, retried once if the value query saw a newer hierarchy than the cached one.
  let h = await getHierarchy(ctx);
  let rows: RowUnit[] = [];
  let contribution: repo.ContributionRow[] = [];
  for (let attempt = 0; ; attempt++) {
    // 2. Org-unit selections → row units, checked against the actor's scope.
    const structureDate = q.structure === 'current' ? asOf : maxEnd(q.periods);
    rows = [];
    const listed = new Set<string>(); // a unit given by two selections (LEVEL-3 of A and of B ⊂ A) is one row
    const checked = new Set<string>(); // units whose scope was checked when they were named
    for (const sel of q.orgUnits) {
      const r = await selectionUnits(ctx, h, sel, structureDate, checked);
      h = r.h;
      for (const id of r.ids) {
        if (listed.has(id)) continue;
        listed.add(id);
        rows.push({ id });
      }
      // Already too large with the units so far: stop listing (many LEVEL-n × many units). Scope
      // first: a unit outside it is OUT_OF_SCOPE, never counted in a 409.
      if (opts.maxCells !== undefined && dataItems * q.periods.length * rows.length > opts.maxCells) {
        await requireAllInScope(ctx, rows.map((r) => r.id));
        checkSize(rows.length);
      }
      if (slicer.due()) await slicer.pause();
    }
    // A group member created after the tree was cached: read the tree again before using it.
    if (rows.some((r) => !h.units.has(r.id))) h = await getHierarchy(ctx, Infinity);
    const rowIds = rows.map((r) => r.id);
    await requireAllInScope(ctx, rowIds.filter((id) => !checked.has(id)));
    checkSize(rows.length); // the size is known now, before any value is read

    // 3. Values: rollup rows where they are exact, the detailed query elsewhere (none when only
    //    register figures are asked).
    const fetched = elements.length > 0 ? await fetchValues(ctx, h, q, asOf, rowIds, elements, slicer) : { rows: [], hierarchyVersion: h.version };
    if (fetched.hierarchyVersion > h.version && attempt === 0) {
      h = await getHierarchy(ctx, h.version);
      continue;
    }
    contribution = fetched.rows;
    break;
  }
  // x → de → src → co → month → num
  const tree = new Map<string, Map<number, Map<number, Map<number, Map<string, number>>>>>();
  for (const c of contribution) {
    const byMonth = at(at(at(at(tree, c.x), c.de), c.src), c.co);
    byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + Number(c.num));
    if (slicer.due()) await slicer.pause();
  }
  contribution = [];
  const aggTypeOf = new Map(elements.map((e) => [e.iid, e.aggregation_type]));

  // 4. Time aggregation per (storing unit, combo), then sum over units: per (x, range, de) → combo → value.
  const monthsOf = new Map(q.periods.map((r) => [r.id, new Set(r.months)]));
  const memo = new Map<string, ComboValues>();
  const aggregated = (x: string, range: PeriodRange, de: number): ComboValues => {
    const key = `${x}|${range.id}|${de}`;
    let out = memo.get(key);
    if (out) return out;
    out = new Map();
    const inRange = monthsOf.get(range.id)!;
    for (const bySrc of tree.get(x)?.get(de)?.values() ?? []) {
      for (const [co, byMonth] of bySrc) {
        const v = overTime(byMonth, inRange, aggTypeOf.get(de)!);
        if (v !== null) out.set(co, (out.get(co) ?? 0) + v);
      }
    }
    memo.set(key, out);
    return out;
  };

  const comboById = meta.comboByIid;

  // Register figures: one compute per (figure, date) over every row unit.
  const rowUnitIds = rows.map((r) => r.id);
  const figureValues = await computeFigureValues(ctx, figureOf, q.periods, rowUnitIds);

  // 5. Cells.
  const cells: AnalyticsCell[] = [];
  for (const item of q.data) {
    for (const range of q.periods) {
      for (const row of rows) {
        if (slicer.due()) await slicer.pause();
        if (item.kind === 'figure') {
          const f = figureOf.get(item.id)!;
          const v = figureValues.get(`${f.code}|${range.id}`);
          if (!v) continue; // a range that has not started
          const n = figureNumber(f, v.get(row.id));
          if (n === null) continue; // a share without a denominator: unknown, never 0 %
          if (f.kind === 'share') {
            const parts = v.get(row.id)!;
            cells.push({ dx: f.code, pe: range.id, ou: row.id, value: round(n), numerator: round(parts.value), denominator: round(parts.denominator!) });
          } else cells.push({ dx: f.code, pe: range.id, ou: row.id, value: round(n) });
        } else if (item.kind === 'dataElement') {
          if (!tree.has(row.id)) continue; // no value at all for this unit: no cell
          const el = elementOf.get(item.id)!;
          const values = aggregated(row.id, range, el.iid);
          if (item.byCoc) {
            const sorted = [...values.keys()].map((iid) => comboById.get(iid)!).sort((a, b) => a.iid - b.iid);
            for (const c of sorted) cells.push({ dx: el.id, co: c.id, pe: range.id, ou: row.id, value: round(values.get(c.iid)!) });
          } else if (item.coc) {
            const c = comboFor(el, item.coc);
            const v = values.get(c.iid);
            if (v !== undefined) cells.push({ dx: el.id, co: c.id, pe: range.id, ou: row.id, value: round(v) });
          } else if (values.size > 0) {
            cells.push({ dx: el.id, pe: range.id, ou: row.id, value: round(sum(values.values())) });
          }
        } else {
          const ind = indicatorOf.get(item.id)!;
          const lookup = {
            value: (de: string, coc: string | null): number | null => {
              const el = elementOf.get(de)!;
              const values = aggregated(row.id, range, el.iid);
              if (coc) return values.get(comboFor(el, coc).iid) ?? null;
              return values.size > 0 ? sum(values.values()) : null;
            },
            constant: (ref: string) => meta.constants.get(ref) ?? null,
          };
          const num = evaluate(ind.num, lookup);
          const den = evaluate(ind.den, lookup);
          const numMissing = num.items > 0 && num.missing === num.items;
          const denMissing = den.items > 0 && den.missing === den.items;
          if (numMissing && denMissing) continue;
          const numerator = numMissing ? null : num.value;
          const denominator = denMissing ? null : den.value;
          const value = numerator === null || denominator === null || denominator === 0 ? null : round((numerator / denominator) * ind.factor);
          cells.push({ dx: ind.id, pe: range.id, ou: row.id, value, numerator: round(numerator), denominator: round(denominator) });
        }
      }
    }
  }
  return { cells, rowUnits: rowUnitIds };
}

/**
 * Each asked figure over the row units, per range (key `code|rangeId`), as on the range's last day
 * (today while it runs); ranges that have not started get no entry. Ranges ending on the same day
 * share one compute.
 */
async function computeFigureValues(
  ctx: Ctx,
  figureOf: ReadonlyMap<string, RegisterFigure>,
  periods: readonly PeriodRange[],
  rowIds: readonly string[],
): Promise<Map<string, Map<string, FigureValue>>> {
  const out = new Map<string, Map<string, FigureValue>>();
  if (figureOf.size === 0 || rowIds.length === 0) return out;
  const today = todayVn();
  for (const f of figureOf.values()) {
    const byDate = new Map<string, Map<string, FigureValue>>();
    for (const range of periods) {
      const date = figureDate(range, today);
      if (date === null) continue;
      let values = byDate.get(date);
      if (!values) {
        values = await f.compute(ctx, rowIds, date);
        byDate.set(date, values);
      }
      out.set(`${f.code}|${range.id}`, values);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Size

export interface QuerySize {
  cells: number;
  dataItems: number;
  periods: number;
  orgUnits: number;
}

/**
 * The data items of a query as the answer counts them: each option combo of a DE.* / dimension=co
 * item is one. The cells a query can have are these × periods × row units (missing data gives fewer).
 */
function countDataItems(meta: Meta, q: AnalyticsQuery, elementOf: Map<string, ElementRow>): number {
  let n = 0;
  for (const item of q.data) n += item.kind === 'dataElement' && item.byCoc ? Math.max(1, combosOfItem(meta, elementOf, item)) : 1;
  return n;
}

function combosOfItem(meta: Meta, elementOf: Map<string, ElementRow>, item: Extract<DataItem, { kind: 'dataElement' }>): number {
  const el = elementOf.get(item.id);
  return el ? (meta.combosOf.get(el.category_combo_id)?.length ?? 1) : 1;
}

/** 409 QUERY_TOO_LARGE naming the size, the limit and what makes it up (analytics.messages.ts). */
export function requireWithinLimit(size: QuerySize, limit: number, kind: 'query' | 'export'): void {
  if (size.cells <= limit) return;
  const details: QueryTooLargeDetails = { ...size, limit, kind };
  throw new AppError('QUERY_TOO_LARGE', kind === 'export' ? 'analytics.exportTooLarge' : 'analytics.queryTooLarge', { ...details }, {
    cells: size.cells,
    limit,
    dataItems: size.dataItems,
    periods: size.periods,
    orgUnits: size.orgUnits,
  });
}

/**
 * One unit's and combo's months → its value over the range: SUM (and NONE) adds, LAST takes the
 * latest month with a value, AVERAGE averages the months with a value. null when no month has one.
 */
export function overTime(byMonth: ReadonlyMap<string, number>, months: ReadonlySet<string>, type: AggType): number | null {
  let total = 0;
  let count = 0;
  let latest: string | null = null;
  for (const [month, v] of byMonth) {
    if (!months.has(month)) continue;
    total += v;
    count++;
    if (latest === null || month > latest) latest = month;
  }
  if (count === 0) return null;
  if (type === 'LAST') return byMonth.get(latest!)!;
  if (type === 'AVERAGE') return total / count;
  return total;
}

/** Data items of a query resolved against the metadata; `error` names the first reference not found. */
function resolveItems(meta: Meta, q: AnalyticsQuery) {
  const fail = (error: AppError) => ({ ok: false as const, error });
  const indicatorOf = new Map<string, IndicatorRow>();
  const figureOf = new Map<string, RegisterFigure>();
  for (const d of q.data) {
    if (d.kind !== 'figure') continue;
    const f = figureByCode(d.id);
    if (!f) return fail(notFound('figure', d.id));
    figureOf.set(d.id, f);
  }
  for (const d of q.data) {
    if (d.kind !== 'indicator') continue;
    const ind = meta.indicators.get(d.id);
    if (!ind) return fail(notFound('indicator', d.id));
    indicatorOf.set(d.id, ind);
  }
  const exprRefs = [...indicatorOf.values()].flatMap((i) => [references(i.num), references(i.den)]);
  const elementOf = new Map<string, ElementRow>();
  const operands: { de: string; coc: string | null | undefined }[] = [
    ...q.data.flatMap((d) => (d.kind === 'dataElement' ? [{ de: d.id, coc: d.coc }] : [])),
    ...exprRefs.flatMap((r) => r.dataElements.map((x) => ({ de: x.de, coc: x.coc }))),
  ];
  for (const { de, coc } of operands) {
    const el = meta.elements.get(de);
    if (!el) return fail(notFound('dataElement', de));
    elementOf.set(de, el);
    if (coc && !findCombo(meta, el, coc)) return fail(notFound('categoryOptionCombo', coc));
  }
  for (const r of exprRefs) for (const c of r.constants) if (!meta.constants.has(c.ref)) return fail(notFound('constant', c.ref));
  const elements = [...new Map([...elementOf.values()].map((e) => [e.iid, e])).values()];
  return { ok: true as const, indicatorOf, elementOf, elements, figureOf };
}

/** An option combo of the element's category combo, by id or code. */
function findCombo(meta: Meta, el: ElementRow, ref: string): ComboRow | undefined {
  return meta.combos.find((x) => (x.id === ref || x.code === ref) && x.category_combo_id === el.category_combo_id);
}

/** The row units of one selection, as the tree is on `date` (children, level) or by membership (group). */
async function selectionUnits(ctx: Ctx, h: Hierarchy, sel: OrgUnitSelection, date: string, checked: Set<string>): Promise<{ ids: string[]; h: Hierarchy }> {
  switch (sel.kind) {
    case 'unit': {
      const r = await unitId(ctx, h, sel.id);
      checked.add(r.id);
      return { ids: [r.id], h: r.h };
    }
    case 'children': {
      const r = await unitId(ctx, h, sel.id);
      return { ids: cache.childrenOn(r.h, r.id, date), h: r.h };
    }
    case 'level': {
      if (!Number.isInteger(sel.level) || sel.level < 1) throw validation({ level: 'field.invalid' });
      if (!sel.within) return { ids: cache.levelOn(h, sel.level, date), h };
      const r = await unitId(ctx, h, sel.within);
      return { ids: cache.levelOn(r.h, sel.level, date, r.id), h: r.h };
    }
    case 'group': {
      const groups = ctx.use(repo);
      const g = await groups.findGroup(sel.id);
      if (!g) throw notFound('orgUnitGroup', sel.id);
      return { ids: await groups.groupMembers(g.id), h };
    }
  }
}

/** A unit by id or code; NOT_FOUND when unknown; OUT_OF_SCOPE when never in the actor's subtree. */
async function unitId(ctx: Ctx, h: Hierarchy, ref: string): Promise<{ id: string; h: Hierarchy }> {
  const r = await cache.findUnit(ctx, h, ref);
  if (!r.unit) throw notFound('orgUnit', ref);
  // Reads: a unit counts as in scope when it is, or ever was, in the actor's subtree (no date).
  if (!(await canAccess(ctx, { unit: r.unit.id }))) throw outOfScope();
  return { id: r.unit.id, h: r.h };
}

/** Every row unit must be, or have been, in the actor's subtree (one query for all of them). */
async function requireAllInScope(ctx: Ctx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const inScope = await unitsInScope(ctx, ids);
  if (ids.some((id) => !inScope.has(id))) throw outOfScope();
}

/**
 * The monthly values behind a query, per (row unit, contributing unit, element, combo, month).
 * The rollup answers a (row unit, element) pair when it is exact:
 * - the element's time aggregation is a sum (SUM, NONE), or every range is a single month (then
 *   LAST and AVERAGE of a unit are its value of that month);
 * - in the 'current' structure, only when the row unit's subtree did not change between the
 *   earliest month and `asOf`, and no unit closed in that window handed its values into the subtree.
 * The rollup's contributing unit is the pseudo-unit ROLLUP_SRC (all units strictly below, already
 * summed), plus the row unit's own values. Everything else goes through the detailed query.
 */
async function fetchValues(ctx: Ctx, h: Hierarchy, q: AnalyticsQuery, asOf: string, rowIds: string[], elements: ElementRow[], slicer: TimeSlicer) {
  const months = [...new Set(q.periods.flatMap((p) => p.months))];
  const singleMonths = q.periods.every((p) => p.months.length === 1);
  const fastEls = elements.filter((e) => singleMonths || e.aggregation_type === 'SUM' || e.aggregation_type === 'NONE');
  const slowEls = elements.filter((e) => !fastEls.includes(e));
  let fastX = rowIds;
  if (q.structure === 'current') {
    const starts = q.periods.map((p) => p.start);
    const from = [asOf, ...starts].reduce((a, b) => (b < a ? b : a));
    const to = [asOf, ...starts].reduce((a, b) => (b > a ? b : a));
    fastX = rowIds.filter((x) => cache.stableForCurrent(h, x, from, to, asOf));
  }
  const fast = new Set(fastX);
  const slowX = rowIds.filter((x) => !fast.has(x));
  const iidOf = (id: string) => h.units.get(id)!.iid;
  const values = ctx.use(repo);
  const [rolled, ...detailed] = await Promise.all([
    values.rollupContributions({
      rollupUnits: fastX.filter((x) => cache.hasEverBelow(h, x)).map(iidOf),
      ownUnits: fastX.map(iidOf),
      elements: fastEls.map((e) => e.iid),
      months,
    }),
    ...(slowX.length ? [values.contributions({ rowUnits: slowX, elements: elements.map((e) => e.iid), months, structure: q.structure, asOf })] : []),
    ...(fastX.length && slowEls.length
      ? [values.contributions({ rowUnits: fastX, elements: slowEls.map((e) => e.iid), months, structure: q.structure, asOf })]
      : []),
  ]);
  // Row by row, never push(...d): a spread of a few hundred thousand rows overflows the stack.
  const rows: repo.ContributionRow[] = [];
  for (const r of rolled.rows) {
    rows.push({ ...r, x: h.unitByIid.get(r.x)!.id });
    if (slicer.due()) await slicer.pause();
  }
  for (const d of detailed) {
    for (const r of d) rows.push(r);
    if (slicer.due()) await slicer.pause();
  }
  return { rows, hierarchyVersion: rolled.hierarchyVersion };
}

function maxEnd(periods: readonly PeriodRange[]): string {
  return periods.reduce((m, p) => (p.end > m ? p.end : m), periods[0]!.end);
}

function at<K, V extends Map<unknown, unknown>>(m: Map<K, V>, k: K): V {
  let v = m.get(k);
  if (!v) {
    v = new Map() as V;
    m.set(k, v);
  }
  return v;
}

function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Removes floating-point noise from shares and averages (12 significant digits). */
function round(v: number): number;
function round(v: number | null): number | null;
function round(v: number | null): number | null {
  return v === null ? null : Number(v.toPrecision(12));
}
