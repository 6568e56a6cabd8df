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
// - missing data gives no cell (a stored 0 is a 0); an indicator gives a cell when either part has data.
// Speed: metadata and the hierarchy come from memory (analytics.cache.ts); the values of a row unit
// come from data_value_rollup (sums below the unit, kept by triggers in every write transaction)
// wherever that is exact, and from the detailed per-unit query elsewhere (fetchValues).
import { todayVn } from '../../lib/dates.js';
import { notFound, outOfScope, validation, type AppError } from '../../core/errors.js';
import { evaluate, references } from '../../lib/expression.js';
import type { PeriodRange } from '../../lib/periods.js';
import { type Ctx } from '../../core/context.js';
import { isGlobal, requirePermission } from '../../core/access.js';
import * as cache from './analytics.cache.js';
import { getHierarchy, getMeta, type ComboRow, type ElementRow, type Hierarchy, type IndicatorRow, type Meta } from './analytics.cache.js';
import * as repo from './analytics.repo.js';
import type { AnalyticsCell, AnalyticsQuery, OrgUnitSelection } from './query.js';

type AggType = ElementRow['aggregation_type'];

/** One row of the answer: the unit it stands for (its subtree is aggregated). */
interface RowUnit {
  id: string;
}

/** Aggregated value of (row unit, range, element) per option-combo iid. */
type ComboValues = Map<number, number>;

export async function runQuery(ctx: Ctx, q: AnalyticsQuery): Promise<AnalyticsCell[]> {
  return (await runQueryWithUnits(ctx, q)).cells;
}

/**
 * runQuery, plus the row units the selections gave (in order, each once, scope-checked), also those
 * without any cell: for answers that list every unit (GET /api/analytics/values).
 */
export async function runQueryWithUnits(ctx: Ctx, q: AnalyticsQuery): Promise<{ cells: AnalyticsCell[]; rowUnits: string[] }> {
  requirePermission(ctx, 'data:read');
  const asOf = q.asOf ?? todayVn();
  if (q.periods.length === 0 || q.data.length === 0 || q.orgUnits.length === 0) return { cells: [], rowUnits: [] };

  // 1. Data items → elements (by id or code), option combos, indicators (from the metadata cache;
  //    a reference not found reloads it once).
  let meta = await getMeta(ctx.db);
  let refs = resolveItems(meta, q);
  if (!refs.ok) {
    meta = await getMeta(ctx.db, true);
    refs = resolveItems(meta, q);
    if (!refs.ok) throw refs.error;
  }
  const { elementOf, indicatorOf, elements } = refs;
  const comboFor = (el: ElementRow, ref: string): ComboRow => findCombo(meta, el, ref)!;

  // 2 and 3, retried once if the value query saw a newer hierarchy than the cached one.
  let h = await getHierarchy(ctx.db);
  let rows: RowUnit[] = [];
  let contribution: repo.ContributionRow[] = [];
  for (let attempt = 0; ; attempt++) {
    // 2. Org-unit selections → row units, checked against the actor's scope.
    const structureDate = q.structure === 'current' ? asOf : maxEnd(q.periods);
    rows = [];
    for (const sel of q.orgUnits) {
      const r = await selectionUnits(ctx, h, sel, structureDate);
      h = r.h;
      for (const id of r.ids) rows.push({ id });
    }
    // A group member created after the tree was cached: read the tree again before using it.
    if (rows.some((r) => !h.units.has(r.id))) h = await getHierarchy(ctx.db, Infinity);
    requireAllInScope(ctx, h, rows.map((r) => r.id));
    const rowIds = [...new Set(rows.map((r) => r.id))];

    // 3. Values: rollup rows where they are exact, the detailed query elsewhere.
    const fetched = await fetchValues(ctx, h, q, asOf, rowIds, elements);
    if (fetched.hierarchyVersion > h.version && attempt === 0) {
      h = await getHierarchy(ctx.db, h.version);
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
  }
  const aggTypeOf = new Map(elements.map((e) => [e.iid, e.aggregation_type]));

  // 4. Time aggregation per (storing unit, combo), then sum over units: per (x, range, de) → combo → value.
  const memo = new Map<string, ComboValues>();
  const aggregated = (x: string, range: PeriodRange, de: number): ComboValues => {
    const key = `${x}|${range.id}|${de}`;
    let out = memo.get(key);
    if (out) return out;
    out = new Map();
    const inRange = new Set(range.months);
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

  // 5. Cells.
  const cells: AnalyticsCell[] = [];
  for (const item of q.data) {
    for (const range of q.periods) {
      for (const row of rows) {
        if (item.kind === 'dataElement') {
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
  return { cells, rowUnits: [...new Set(rows.map((r) => r.id))] };
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
  return { ok: true as const, indicatorOf, elementOf, elements };
}

/** An option combo of the element's category combo, by id or code. */
function findCombo(meta: Meta, el: ElementRow, ref: string): ComboRow | undefined {
  return meta.combos.find((x) => (x.id === ref || x.code === ref) && x.category_combo_id === el.category_combo_id);
}

/** The row units of one selection, as the tree is on `date` (children, level) or by membership (group). */
async function selectionUnits(ctx: Ctx, h: Hierarchy, sel: OrgUnitSelection, date: string): Promise<{ ids: string[]; h: Hierarchy }> {
  switch (sel.kind) {
    case 'unit': {
      const r = await unitId(ctx, h, sel.id);
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
      const g = await repo.findGroup(ctx.db, sel.id);
      if (!g) throw notFound('orgUnitGroup', sel.id);
      return { ids: await repo.groupMembers(ctx.db, g.id), h };
    }
  }
}

/** A unit by id or code; NOT_FOUND when unknown; OUT_OF_SCOPE when never in the actor's subtree. */
async function unitId(ctx: Ctx, h: Hierarchy, ref: string): Promise<{ id: string; h: Hierarchy }> {
  const r = await cache.findUnit(ctx.db, h, ref);
  if (!r.unit) throw notFound('orgUnit', ref);
  requireAllInScope(ctx, r.h, [r.unit.id]);
  return { id: r.unit.id, h: r.h };
}

/** Reads: a unit counts as in scope when it is, or ever was, in the actor's subtree. */
function requireAllInScope(ctx: Ctx, h: Hierarchy, ids: readonly string[]): void {
  if (isGlobal(ctx.actor) || ids.length === 0) return;
  const unique = [...new Set(ids)];
  const inScope = cache.everUnder(h, ctx.actor.orgUnitId!, unique);
  if (unique.some((id) => !inScope.has(id))) throw outOfScope();
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
async function fetchValues(ctx: Ctx, h: Hierarchy, q: AnalyticsQuery, asOf: string, rowIds: string[], elements: ElementRow[]) {
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
  const slowX = rowIds.filter((x) => !fastX.includes(x));
  const iidOf = (id: string) => h.units.get(id)!.iid;
  const [rolled, ...detailed] = await Promise.all([
    repo.rollupContributions(ctx.db, {
      rollupUnits: fastX.filter((x) => cache.hasEverBelow(h, x)).map(iidOf),
      ownUnits: fastX.map(iidOf),
      elements: fastEls.map((e) => e.iid),
      months,
    }),
    ...(slowX.length ? [repo.contributions(ctx.db, { rowUnits: slowX, elements: elements.map((e) => e.iid), months, structure: q.structure, asOf })] : []),
    ...(fastX.length && slowEls.length
      ? [repo.contributions(ctx.db, { rowUnits: fastX, elements: slowEls.map((e) => e.iid), months, structure: q.structure, asOf })]
      : []),
  ]);
  const rows: repo.ContributionRow[] = rolled.rows.map((r) => ({ ...r, x: h.unitByIid.get(r.x)!.id }));
  for (const d of detailed) rows.push(...d);
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
