// The analytics engine (first step: exact semantics over live data, no rollups yet).
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
import { notFound, outOfScope, validation } from '../../lib/errors.js';
import { todayVn } from '../../lib/dates.js';
import { evaluate, parseExpression, references, type Expr } from '../../lib/expression.js';
import type { PeriodRange } from '../../lib/periods.js';
import { isGlobal, requirePermission, type Ctx } from '../users/access.js';
import * as repo from './analytics.repo.js';
import type { AnalyticsCell, AnalyticsQuery, OrgUnitSelection } from './query.js';

type AggType = repo.ElementRow['aggregation_type'];

/** One row of the answer: the unit it stands for (its subtree is aggregated). */
interface RowUnit {
  id: string;
}

/** Aggregated value of (row unit, range, element) per option-combo iid. */
type ComboValues = Map<number, number>;

export async function runQuery(ctx: Ctx, q: AnalyticsQuery): Promise<AnalyticsCell[]> {
  requirePermission(ctx, 'data:read');
  const asOf = q.asOf ?? todayVn();
  if (q.periods.length === 0 || q.data.length === 0 || q.orgUnits.length === 0) return [];

  // 1. Data items → elements (by id or code), option combos, indicators with parsed expressions.
  const deItems = q.data.filter((d) => d.kind === 'dataElement');
  const inItems = q.data.filter((d) => d.kind === 'indicator');
  const indicators = await repo.findIndicators(ctx.db, inItems.map((d) => d.id));
  const indicatorOf = new Map<string, repo.IndicatorRow & { num: Expr; den: Expr }>();
  for (const ind of indicators) {
    const parsed = { ...ind, num: parseExpression(ind.numerator), den: parseExpression(ind.denominator) };
    indicatorOf.set(ind.id, parsed);
    indicatorOf.set(ind.code, parsed);
  }
  for (const d of inItems) if (!indicatorOf.has(d.id)) throw notFound('indicator', d.id);

  const exprRefs = [...indicatorOf.values()].flatMap((i) => [references(i.num), references(i.den)]);
  const elementRefs = new Set<string>([...deItems.map((d) => d.id), ...exprRefs.flatMap((r) => r.dataElements.map((x) => x.de))]);
  const elements = await repo.findElements(ctx.db, [...elementRefs]);
  const elementOf = new Map<string, repo.ElementRow>();
  for (const e of elements) {
    elementOf.set(e.id, e);
    elementOf.set(e.code, e);
  }
  for (const ref of elementRefs) if (!elementOf.has(ref)) throw notFound('dataElement', ref);

  const comboRefs = new Set<string>([
    ...deItems.flatMap((d) => (d.coc ? [d.coc] : [])),
    ...exprRefs.flatMap((r) => r.dataElements.flatMap((x) => (x.coc ? [x.coc] : []))),
  ]);
  const combos = await repo.findOptionCombos(ctx.db, [...comboRefs]);
  /** Option combo of an element by id or code; NOT_FOUND when unknown or not of the element's combo. */
  const comboFor = (el: repo.ElementRow, ref: string): repo.ComboRow => {
    const c = combos.find((x) => (x.id === ref || x.code === ref) && x.category_combo_id === el.category_combo_id);
    if (!c) throw notFound('categoryOptionCombo', ref);
    return c;
  };
  for (const d of deItems) if (d.coc) comboFor(elementOf.get(d.id)!, d.coc);
  for (const r of exprRefs) for (const x of r.dataElements) if (x.coc) comboFor(elementOf.get(x.de)!, x.coc);

  const constRefs = [...new Set(exprRefs.flatMap((r) => r.constants.map((c) => c.ref)))];
  const constants = await repo.findConstants(ctx.db, constRefs);
  const constantOf = new Map<string, number>();
  for (const c of constants) {
    constantOf.set(c.id, c.value);
    constantOf.set(c.code, c.value);
  }
  for (const ref of constRefs) if (!constantOf.has(ref)) throw notFound('constant', ref);

  // 2. Org-unit selections → row units, checked against the actor's scope.
  const structureDate = q.structure === 'current' ? asOf : maxEnd(q.periods);
  const rows: RowUnit[] = [];
  for (const sel of q.orgUnits) for (const id of await selectionUnits(ctx, sel, structureDate)) rows.push({ id });
  await requireAllInScope(ctx, rows.map((r) => r.id));
  const rowIds = [...new Set(rows.map((r) => r.id))];

  // 3. One value query: per (row unit, storing unit, element, combo, month).
  const allMonths = [...new Set(q.periods.flatMap((p) => p.months))];
  const contribution = await repo.contributions(ctx.db, {
    rowUnits: rowIds,
    elements: [...new Set(elements.map((e) => e.iid))],
    months: allMonths,
    structure: q.structure,
    asOf,
  });
  // x → de → src → co → month → num
  const tree = new Map<string, Map<number, Map<number, Map<number, Map<string, number>>>>>();
  for (const c of contribution) {
    const byMonth = at(at(at(at(tree, c.x), c.de), c.src), c.co);
    byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + Number(c.num));
  }
  const aggTypeOf = new Map(elements.map((e) => [e.iid, e.aggregation_type]));

  // 4. Time aggregation per (storing unit, combo), then sum over units: per (x, range, de) → combo → value.
  const cache = new Map<string, ComboValues>();
  const aggregated = (x: string, range: PeriodRange, de: number): ComboValues => {
    const key = `${x}|${range.id}|${de}`;
    let out = cache.get(key);
    if (out) return out;
    out = new Map();
    const inRange = new Set(range.months);
    for (const bySrc of tree.get(x)?.get(de)?.values() ?? []) {
      for (const [co, byMonth] of bySrc) {
        const v = overTime(byMonth, inRange, aggTypeOf.get(de)!);
        if (v !== null) out.set(co, (out.get(co) ?? 0) + v);
      }
    }
    cache.set(key, out);
    return out;
  };

  const comboIids = new Set(contribution.map((c) => c.co));
  const comboById = new Map((await repo.optionCombosByIid(ctx.db, [...comboIids])).map((c) => [c.iid, c]));

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
            constant: (ref: string) => constantOf.get(ref) ?? null,
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
  return cells;
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

/** The row units of one selection, as the tree is on `date` (children, level) or by membership (group). */
async function selectionUnits(ctx: Ctx, sel: OrgUnitSelection, date: string): Promise<string[]> {
  switch (sel.kind) {
    case 'unit':
      return [await unitId(ctx, sel.id)];
    case 'children':
      return repo.childrenOn(ctx.db, await unitId(ctx, sel.id), date);
    case 'level': {
      if (!Number.isInteger(sel.level) || sel.level < 1) throw validation({ level: 'field.invalid' });
      const within = sel.within ? await unitId(ctx, sel.within) : undefined;
      return repo.levelOn(ctx.db, sel.level, date, within);
    }
    case 'group': {
      const g = await repo.findGroup(ctx.db, sel.id);
      if (!g) throw notFound('orgUnitGroup', sel.id);
      return repo.groupMembers(ctx.db, g.id);
    }
  }
}

/** A unit by id or code; NOT_FOUND when unknown; OUT_OF_SCOPE when never in the actor's subtree. */
async function unitId(ctx: Ctx, ref: string): Promise<string> {
  const [u] = await repo.findUnits(ctx.db, [ref]);
  if (!u) throw notFound('orgUnit', ref);
  await requireAllInScope(ctx, [u.id]);
  return u.id;
}

/** Reads: a unit counts as in scope when it is, or ever was, in the actor's subtree. */
async function requireAllInScope(ctx: Ctx, ids: readonly string[]): Promise<void> {
  if (isGlobal(ctx.actor) || ids.length === 0) return;
  const unique = [...new Set(ids)];
  const inScope = await repo.unitsEverUnder(ctx.db, ctx.actor.orgUnitId!, unique);
  if (unique.some((id) => !inScope.has(id))) throw outOfScope();
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
