// Pure aggregation helpers of plans and "% of plan", shared with data entry and analytics:
// aggregation over time by aggregation type, indicator values from aggregated parts, exact
// distribution of a total by weights (largest remainder), and percentages.
import { evaluate, type Expr } from '../../lib/expression.js';
import type { AggregationType } from './plans.contract.js';

export type { AggregationType } from './plans.contract.js';

/** A value of one period (already summed over units and, if wanted, option combos). */
export interface PeriodValue {
  iso: string;
  start: string;
  end: string;
  value: number;
}

/**
 * Aggregates period values over time: flows (SUM) add up; stocks (LAST) take the value of the latest
 * period that has data; AVERAGE averages the periods that have data. null when there is no value.
 */
export function aggregateOverTime(values: readonly PeriodValue[], type: AggregationType): number | null {
  if (values.length === 0) return null;
  if (type === 'LAST') {
    let latest = values[0]!;
    for (const v of values) if (v.end > latest.end || (v.end === latest.end && v.start > latest.start)) latest = v;
    // Several rows of the same latest period (e.g. per option combo) add up.
    return values.filter((v) => v.iso === latest.iso).reduce((s, v) => s + v.value, 0);
  }
  if (type === 'AVERAGE') {
    const byPeriod = new Map<string, number>();
    for (const v of values) byPeriod.set(v.iso, (byPeriod.get(v.iso) ?? 0) + v.value);
    return [...byPeriod.values()].reduce((s, v) => s + v, 0) / byPeriod.size;
  }
  return values.reduce((s, v) => s + v.value, 0);
}

/** Digits after the decimal point of a number as written (at most 6). */
export function decimalsOf(n: number): number {
  for (let d = 0; d <= 6; d++) if (Math.abs(Math.round(n * 10 ** d) - n * 10 ** d) < 1e-9) return d;
  return 6;
}

/**
 * Splits `total` by `weights` so that the parts add up to `total` exactly at `decimals` digits
 * (largest-remainder method: every part gets its quota rounded down, the units left over go to the
 * largest remainders, ties to the earlier item). Weights must be ≥ 0 with a positive sum.
 */
export function largestRemainder(total: number, weights: readonly number[], decimals = decimalsOf(total)): number[] {
  const sumW = weights.reduce((s, w) => s + w, 0);
  if (!(sumW > 0) || weights.some((w) => w < 0 || !Number.isFinite(w))) throw new RangeError('weights must be ≥ 0 with a positive sum');
  const scale = 10 ** decimals;
  const units = Math.round(total * scale);
  const quotas = weights.map((w) => (units * w) / sumW);
  const parts = quotas.map((q) => Math.floor(q + 1e-9));
  let left = units - parts.reduce((s, p) => s + p, 0);
  const order = quotas.map((q, i) => ({ i, r: q - parts[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!.i]!++;
  return parts.map((p) => p / scale);
}

/** value ÷ target × 100; null when either is missing or the target is 0. */
export function percentOf(value: number | null, target: number | null): number | null {
  if (value === null || target === null || target === 0) return null;
  return (value / target) * 100;
}

export interface IndicatorDefinition {
  numerator: Expr;
  denominator: Expr;
  /** The indicator type's factor (100 for %, 1 for ratios, 100 000 …). */
  factor: number;
}

/** Values of data elements (total when coc is null), already aggregated; constants by code or id. */
export interface AggregatedValues {
  value(de: string, coc: string | null): number | null;
  constant(ref: string): number | null;
}

/**
 * An indicator from aggregated numerator and denominator (never an average of rates):
 * numerator ÷ denominator × factor. null when nothing was reported or the denominator is 0.
 */
export function indicatorValue(def: IndicatorDefinition, values: AggregatedValues): number | null {
  const num = evaluate(def.numerator, values);
  const den = evaluate(def.denominator, values);
  if (num.value === null || den.value === null || den.value === 0) return null;
  if (num.items > 0 && num.missing === num.items) return null;
  return (num.value / den.value) * def.factor;
}
