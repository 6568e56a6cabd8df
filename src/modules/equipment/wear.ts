// Wear (hao mòn) of fixed assets, pure: straight line, booked once a year in December (TT 141/2025
// Điều 12.1.a, 14), whole đồng, the last year of the useful life taking the remainder (Điều 14.11), and
// assets already on the books moved onto a new table by the set's transition option (Điều 18.1).
// The rules are data (wear.rules.ts). Conventions (docs/equipment.md, "Wear and value"):
// - the wear of year Y is booked on 31/12/Y, so a value "as of" a date counts every year Y with
//   31/12/Y ≤ date: on 30/06/2025 the wear of 2025 is not booked yet, on 31/12/2025 it is;
// - the year of acquisition is worn for a whole year when the set says so (acquisitionYearCounts);
// - a fiscal year follows the rule set in force on its 31 December.
// No Date objects and no allocation on the fast path (`accumulatedWearAsOf`, `valueAsOf(…, false)`):
// a KPI runs it over a national register of a million assets.
import { WEAR_CLASSES, WEAR_RULE_SETS, ruleSetOn, type WearClass, type WearRounding, type WearRuleSet } from './wear.rules.js';

export type { WearClass, WearRuleSet };

export interface WearInput {
  /** Nguyên giá, whole đồng. */
  cost: number;
  /** Date put into use (YYYY-MM-DD). */
  acquired: string;
  wearClass: WearClass;
  /** The asset's own useful life in years, when it differs from its class's (kept across rule changes). */
  lifeYearsOverride?: number | null;
}

export interface WearYear {
  year: number;
  /** The rule set that booked it (its id). */
  rule: string;
  /** The table rate of the class (or 100 / the asset's own life) under that set. */
  ratePct: number;
  /** Wear booked that year, whole đồng. */
  wear: number;
}

export interface WearValue {
  cost: number;
  accumulatedWear: number;
  residual: number;
  fullyWorn: boolean;
  /** A fixed asset by the thresholds in force when it was acquired; other assets are not worn. */
  fixedAsset: boolean;
  /** The yearly wear booked up to the date (empty when asked without the breakdown). */
  years: WearYear[];
}

// ---- the rule sets compiled into flat arrays, once per array of sets ----

const NCLASS = WEAR_CLASSES.length;
const CLASS_INDEX: Record<string, number> = Object.fromEntries(WEAR_CLASSES.map((c, i) => [c, i]));
const ROUNDING: Record<WearRounding, number> = { half_up: 0, up: 1, down: 2 };

interface Compiled {
  sets: readonly WearRuleSet[];
  /** First fiscal year each set governs (the year of its first day: its 31 December is within it). */
  firstYear: Int32Array;
  /** First day of each set as yyyymmdd. */
  fromKey: Int32Array;
  minCost: Float64Array;
  minLife: Int32Array;
  rounding: Int8Array;
  spread: Uint8Array;
  acqCounts: Uint8Array;
  /** [set * NCLASS + class] */
  life: Int32Array;
  /** Rate in hundredths of a per cent (basis points): 12,5 % → 1250. */
  bp: Int32Array;
  alwaysFixed: Uint8Array;
}

const compiledCache = new WeakMap<readonly WearRuleSet[], Compiled>();

function compile(sets: readonly WearRuleSet[]): Compiled {
  let c = compiledCache.get(sets);
  if (c) return c;
  const n = sets.length;
  if (n === 0) throw new RangeError('wear: no rule sets');
  c = {
    sets,
    firstYear: new Int32Array(n),
    fromKey: new Int32Array(n),
    minCost: new Float64Array(n),
    minLife: new Int32Array(n),
    rounding: new Int8Array(n),
    spread: new Uint8Array(n),
    acqCounts: new Uint8Array(n),
    life: new Int32Array(n * NCLASS),
    bp: new Int32Array(n * NCLASS),
    alwaysFixed: new Uint8Array(n * NCLASS),
  };
  for (let i = 0; i < n; i++) {
    const s = sets[i];
    if (i > 0 && s.from < sets[i - 1].from) throw new RangeError('wear: rule sets must be in date order');
    c.fromKey[i] = dateKey(s.from);
    c.firstYear[i] = Math.floor(c.fromKey[i] / 10000);
    c.minCost[i] = s.fixedAssetMinCost;
    c.minLife[i] = s.fixedAssetMinLifeYears;
    c.rounding[i] = ROUNDING[s.rounding];
    c.spread[i] = s.transition === 'spread_residual' ? 1 : 0;
    c.acqCounts[i] = s.acquisitionYearCounts ? 1 : 0;
    for (let k = 0; k < NCLASS; k++) {
      const row = s.classes[WEAR_CLASSES[k]];
      c.life[i * NCLASS + k] = row.lifeYears;
      c.bp[i * NCLASS + k] = Math.round(row.ratePct * 100);
      c.alwaysFixed[i * NCLASS + k] = row.alwaysFixed ? 1 : 0;
    }
  }
  compiledCache.set(sets, c);
  return c;
}

/** The set governing fiscal year `y` (the earliest set for years before it). */
function setForYear(c: Compiled, y: number): number {
  for (let i = c.firstYear.length - 1; i > 0; i--) if (c.firstYear[i] <= y) return i;
  return 0;
}

/** The set in force on a day (yyyymmdd). */
function setForDay(c: Compiled, key: number): number {
  for (let i = c.fromKey.length - 1; i > 0; i--) if (c.fromKey[i] <= key) return i;
  return 0;
}

// ---- arithmetic in whole đồng ----

/** n ÷ d made whole, for n ≥ 0 and d > 0. */
function roundDiv(n: number, d: number, mode: number): number {
  const q = Math.floor(n / d);
  const r = n - q * d;
  if (r === 0) return q;
  if (mode === 1) return q + 1;
  if (mode === 2) return q;
  return 2 * r >= d ? q + 1 : q;
}

/** cost × bp / 10 000, exact for any safe integer cost (no product above 2^53). */
function ofRate(cost: number, bp: number, mode: number): number {
  const q = Math.floor(cost / 10000);
  return q * bp + roundDiv((cost - q * 10000) * bp, 10000, mode);
}

/** YYYY-MM-DD → yyyymmdd, without a Date. */
function dateKey(date: string): number {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    throw new RangeError(`wear: not a date (YYYY-MM-DD): ${String(date)}`);
  }
  let key = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = date.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError(`wear: not a date (YYYY-MM-DD): ${date}`);
    key = key * 10 + d;
  }
  const md = key % 10000;
  if (md < 101 || md > 1231 || md % 100 < 1 || md % 100 > 31) throw new RangeError(`wear: not a date (YYYY-MM-DD): ${date}`);
  return key;
}

/** The last fiscal year whose wear is booked on a day: that year on 31 December, else the year before. */
function lastBookedYear(key: number): number {
  const y = Math.floor(key / 10000);
  return key % 10000 === 1231 ? y : y - 1;
}

function classIndex(wearClass: string): number {
  const k = CLASS_INDEX[wearClass];
  if (k === undefined) throw new RangeError(`wear: unknown wear class ${wearClass}`);
  return k;
}

function checkCost(cost: number): void {
  if (!Number.isSafeInteger(cost) || cost < 0) throw new RangeError(`wear: cost must be whole đồng ≥ 0: ${cost}`);
}

/** The asset's own life, 0 when it has none; a life under one year makes it no fixed asset (-1). */
function overrideOf(v: number | null | undefined): number {
  if (v == null || v === 0) return 0;
  if (!Number.isInteger(v)) throw new RangeError(`wear: a useful life is whole years: ${v}`);
  return v < 1 ? -1 : v;
}
const overrideBp = (life: number): number => Math.round(10000 / life);

/** Whether an asset acquired on `acqKey` is a fixed asset (and therefore worn). */
function fixedAt(c: Compiled, cost: number, acqKey: number, k: number, override: number): boolean {
  const s = setForDay(c, acqKey);
  if (c.alwaysFixed[s * NCLASS + k]) return true;
  const life = override > 0 ? override : override < 0 ? 0 : c.life[s * NCLASS + k];
  return cost >= c.minCost[s] && life >= c.minLife[s];
}

// ---- the fast path: accumulated wear in closed form, segment by segment ----

/** Set by `accumulate`: the year the asset became fully worn, or 0 when it is not (yet) by `upTo`. */
let fullYear = 0;

/**
 * Accumulated wear of a fixed asset at the end of fiscal year `upTo`. Walks the rule sets as segments
 * of years (two today), not year by year.
 */
function accumulate(c: Compiled, cost: number, acqYear: number, k: number, override: number, upTo: number): number {
  fullYear = 0;
  if (cost === 0) return 0;
  const start = c.acqCounts[setForYear(c, acqYear)] ? acqYear : acqYear + 1;
  if (upTo < start) return 0;
  const last = c.firstYear.length - 1;
  let acc = 0;
  let first = true;
  let spreading = false;
  let annual = 0;
  let lastYear = 0;
  let curLife = 0;
  let curBp = 0;
  for (let i = setForYear(c, start); i <= last; i++) {
    const ys = i === 0 || c.firstYear[i] < start ? start : c.firstYear[i];
    const ye = Math.min(upTo, i < last ? c.firstYear[i + 1] - 1 : upTo);
    if (ys > ye) {
      if (ys > upTo) break;
      continue;
    }
    const life = override > 0 ? override : c.life[i * NCLASS + k];
    const bp = override > 0 ? overrideBp(override) : c.bp[i * NCLASS + k];
    const mode = c.rounding[i];
    if (first) {
      first = false;
      lastYear = start + life - 1;
    } else if (life !== curLife || bp !== curBp) {
      lastYear = start + life - 1;
      if (c.spread[i]) {
        const remaining = life - (ys - start);
        if (remaining <= 0) {
          fullYear = ys;
          return cost;
        }
        spreading = true;
        annual = roundDiv(cost - acc, remaining, mode);
      } else {
        spreading = false;
        if (lastYear < ys) {
          fullYear = ys;
          return cost;
        }
      }
    }
    curLife = life;
    curBp = bp;
    if (!spreading) annual = ofRate(cost, bp, mode);
    // Years ys…ye: `annual` each, capped at the cost, the last year of the life taking the remainder.
    const byCap = annual > 0 ? ys + Math.ceil((cost - acc) / annual) - 1 : lastYear;
    const full = byCap < lastYear ? byCap : lastYear;
    if (full <= ye) {
      fullYear = full < ys ? ys : full;
      return cost;
    }
    acc += (ye - ys + 1) * annual;
  }
  return acc;
}

// ---- the reference walk, year by year (the breakdown a user reads) ----

function walkYears(c: Compiled, cost: number, acqYear: number, k: number, override: number, upTo: number, out: WearYear[]): number {
  if (cost === 0) return 0;
  const start = c.acqCounts[setForYear(c, acqYear)] ? acqYear : acqYear + 1;
  let acc = 0;
  let set = -1;
  let spreading = false;
  let annual = 0;
  let lastYear = 0;
  let curLife = 0;
  let curBp = 0;
  for (let y = start; y <= upTo && acc < cost; y++) {
    const i = setForYear(c, y);
    const life = override > 0 ? override : c.life[i * NCLASS + k];
    const bp = override > 0 ? overrideBp(override) : c.bp[i * NCLASS + k];
    const mode = c.rounding[i];
    let wear: number;
    let allRest = false;
    if (set === -1) {
      lastYear = start + life - 1;
    } else if (i !== set && (life !== curLife || bp !== curBp)) {
      lastYear = start + life - 1;
      if (c.spread[i]) {
        const remaining = life - (y - start);
        if (remaining <= 0) allRest = true;
        else {
          spreading = true;
          annual = roundDiv(cost - acc, remaining, mode);
        }
      } else {
        spreading = false;
        if (lastYear < y) allRest = true;
      }
    }
    set = i;
    curLife = life;
    curBp = bp;
    if (!spreading) annual = ofRate(cost, bp, mode);
    if (allRest || y >= lastYear) wear = cost - acc;
    else wear = Math.min(annual, cost - acc);
    acc += wear;
    out.push({ year: y, rule: c.sets[i].id, ratePct: bp / 100, wear });
  }
  return acc;
}

// ---- the API ----

const NO_YEARS: WearYear[] = [];

/**
 * Value of an asset as of a date: accumulated wear booked up to it (every 31 December on or before
 * it), residual = cost − wear. Not a fixed asset (below the thresholds in force when acquired): no wear.
 * `withYears = false` skips the yearly breakdown and allocates nothing but the answer.
 */
export function valueAsOf(asset: WearInput, date: string, sets: readonly WearRuleSet[] = WEAR_RULE_SETS, withYears = true): WearValue {
  const c = compile(sets);
  const cost = asset.cost;
  checkCost(cost);
  const acqKey = dateKey(asset.acquired);
  const key = dateKey(date);
  const k = classIndex(asset.wearClass);
  const override = overrideOf(asset.lifeYearsOverride);
  const fixedAsset = fixedAt(c, cost, acqKey, k, override);
  let acc = 0;
  let years = NO_YEARS;
  if (fixedAsset && key >= acqKey) {
    const acqYear = Math.floor(acqKey / 10000);
    if (withYears) {
      years = [];
      acc = walkYears(c, cost, acqYear, k, override, lastBookedYear(key), years);
    } else {
      acc = accumulate(c, cost, acqYear, k, override, lastBookedYear(key));
    }
  }
  return { cost, accumulatedWear: acc, residual: cost - acc, fullyWorn: fixedAsset && cost > 0 && acc === cost, fixedAsset, years };
}

/** Accumulated wear as of a date, for lists and KPIs: a number, nothing allocated. */
export function accumulatedWearAsOf(
  cost: number, acquired: string, wearClass: WearClass, lifeYearsOverride: number | null | undefined, date: string,
  sets: readonly WearRuleSet[] = WEAR_RULE_SETS,
): number {
  const c = compile(sets);
  checkCost(cost);
  const acqKey = dateKey(acquired);
  const key = dateKey(date);
  const k = classIndex(wearClass);
  const override = overrideOf(lifeYearsOverride);
  if (key < acqKey || !fixedAt(c, cost, acqKey, k, override)) return 0;
  return accumulate(c, cost, Math.floor(acqKey / 10000), k, override, lastBookedYear(key));
}

/**
 * Whether an asset is a fixed asset by the thresholds in force on a date (its acquisition date):
 * cost and useful life at or above the set's minimums; houses and structures always (`wearClass`).
 */
export function isFixedAsset(cost: number, lifeYears: number, on: string, wearClass?: WearClass, sets: readonly WearRuleSet[] = WEAR_RULE_SETS): boolean {
  const s = ruleSetOn(on, sets);
  if (wearClass && s.classes[wearClass].alwaysFixed) return true;
  return cost >= s.fixedAssetMinCost && lifeYears >= s.fixedAssetMinLifeYears;
}

/** The day an asset became (or will become) fully worn: 31 December of its last year of wear; null if never worn. */
export function fullyWornOn(asset: WearInput, sets: readonly WearRuleSet[] = WEAR_RULE_SETS): string | null {
  const c = compile(sets);
  const cost = asset.cost;
  checkCost(cost);
  const acqKey = dateKey(asset.acquired);
  const k = classIndex(asset.wearClass);
  const override = overrideOf(asset.lifeYearsOverride);
  if (cost === 0 || !fixedAt(c, cost, acqKey, k, override)) return null;
  accumulate(c, cost, Math.floor(acqKey / 10000), k, override, 9999);
  return fullYear > 0 ? `${String(fullYear).padStart(4, '0')}-12-31` : null;
}
