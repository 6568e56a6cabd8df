// In-memory copies of what every analytics query needs besides the values, so that a dashboard query
// costs one round trip to PostgreSQL:
// - metadata (data elements, option combos, indicators with parsed formulas, constants), loaded whole.
//   Valid while the process-wide metadata signal (core/versions.ts, bumped by every metadata write in
//   this process) is unchanged, at most TTL_MS; a reference not found triggers one reload (at most
//   once a second), so a new element is usable at once even when created by another process.
// - the hierarchy (units, their effective-dated paths and closure), tagged with
//   analytics_state.hierarchy_version, which soyte_rebuild_hierarchy() bumps in the same transaction
//   as the structural change. The value query returns the version it read; on a mismatch the engine
//   reloads the hierarchy and answers again, so a structural change is never answered with an old tree.
//   A structural change made in this process (core/versions.ts hierarchySignal) drops it at once.
// Both are kept per Store (the server's database; a transaction gets its own copies). SQL in analytics.repo.ts.
import type { Ctx } from '../../core/context.js';
import { hierarchySignal, metadataSignal } from '../../core/versions.js';
import { parseExpression, type Expr } from '../../lib/expression.js';
import * as repo from './analytics.repo.js';

const TTL_MS = 10_000;
const MISS_RELOAD_MS = 1_000;

export interface ElementRow {
  id: string;
  iid: number;
  code: string;
  aggregation_type: 'SUM' | 'LAST' | 'AVERAGE' | 'NONE';
  category_combo_id: string;
}

export interface ComboRow {
  id: string;
  iid: number;
  code: string | null;
  category_combo_id: string;
}

export interface IndicatorRow {
  id: string;
  code: string;
  numerator: string;
  denominator: string;
  factor: number;
  num: Expr;
  den: Expr;
}

export interface Meta {
  version: number;
  loadedAt: number;
  elements: Map<string, ElementRow>; // by id and by code
  combos: ComboRow[];
  comboByIid: Map<number, ComboRow>;
  /** Option combos of each category combo (by category combo id). */
  combosOf: Map<string, ComboRow[]>;
  indicators: Map<string, IndicatorRow>; // by id and by code
  constants: Map<string, number>; // by id and by code
}

export interface UnitRow {
  id: string;
  iid: number;
  code: string | null;
}

export interface PathRow {
  unit: string;
  parent: string | null;
  level: number;
  name: string;
  from: string;
  to: string;
}

export interface ClosureRow {
  ancestor: string;
  descendant: string;
  from: string;
  to: string;
}

export interface Hierarchy {
  version: number;
  /** hierarchySignal.version when read: a structural change in this process makes the copy stale. */
  signal: number;
  units: Map<string, UnitRow>; // by id and by code
  unitByIid: Map<number, UnitRow>;
  paths: PathRow[]; // sorted by name, then unit id
  /** Closure rows (depth ≥ 0) by ancestor. */
  below: Map<string, ClosureRow[]>;
  /** Merge/split links: the predecessors of each successor. */
  predecessors: Map<string, string[]>;
}

interface Slot<T> {
  value?: T;
  loading?: Promise<T>;
}

/** Every data element, indicator, option combo and org-unit group with its names (answers' metaData). */
export type NamedMetadata = Awaited<ReturnType<typeof repo.namedMetadata>> & { signals: string; loadedAt: number };

interface Slots {
  meta: Slot<Meta>;
  named: Slot<NamedMetadata>;
  hierarchy: Slot<Hierarchy>;
}
/** One set of caches per store (the database's; a transaction's store gets its own, short-lived set). */
const byStore = new WeakMap<object, Slots>();

function slots(ctx: Ctx): Slots {
  let s = byStore.get(ctx.store);
  if (!s) byStore.set(ctx.store, (s = { meta: {}, named: {}, hierarchy: {} }));
  return s;
}

const repoOf = (ctx: Ctx) => ctx.use(repo);

async function load<T>(slot: Slot<T>, loader: () => Promise<T>): Promise<T> {
  slot.loading ??= loader().then(
    (v) => {
      slot.value = v;
      slot.loading = undefined;
      return v;
    },
    (e) => {
      slot.loading = undefined;
      throw e;
    },
  );
  return slot.loading;
}

/**
 * The named metadata, from memory while no metadata or tree change happened in this process and for
 * at most TTL_MS (changes made by another process, e.g. the CLI).
 */
export async function getNamedMetadata(ctx: Ctx): Promise<NamedMetadata> {
  const slot = slots(ctx).named;
  const signals = `${metadataSignal.version}.${hierarchySignal.version}`;
  const m = slot.value;
  if (m && m.signals === signals && Date.now() - m.loadedAt < TTL_MS) return m;
  return load(slot, async () => {
    const loadedAt = Date.now(); // signals and time BEFORE reading: a concurrent write leaves it stale
    return { ...(await repoOf(ctx).namedMetadata()), signals, loadedAt };
  });
}

/** The metadata, from memory when still valid. `missed`: a reference was not found (reload if not fresh). */
export async function getMeta(ctx: Ctx, missed = false): Promise<Meta> {
  const slot = slots(ctx).meta;
  const m = slot.value;
  const now = Date.now();
  if (m && m.version === metadataSignal.version && now - m.loadedAt < TTL_MS && !(missed && now - m.loadedAt > MISS_RELOAD_MS)) return m;
  return load(slot, () => loadMeta(ctx));
}

async function loadMeta(ctx: Ctx): Promise<Meta> {
  // The version BEFORE reading: a write committed while we read leaves the copy stale, never fresh.
  const version = metadataSignal.version;
  const loadedAt = Date.now();
  const { elements, combos, indicators, constants } = await repoOf(ctx).metadataRows();
  const meta: Meta = {
    version,
    loadedAt,
    elements: new Map(),
    combos,
    comboByIid: new Map(combos.map((c) => [c.iid, c])),
    combosOf: new Map(),
    indicators: new Map(),
    constants: new Map(),
  };
  for (const c of combos) {
    const list = meta.combosOf.get(c.category_combo_id);
    if (list) list.push(c);
    else meta.combosOf.set(c.category_combo_id, [c]);
  }
  for (const e of elements) meta.elements.set(e.id, e).set(e.code, e);
  for (const i of indicators) {
    // A formula that no longer parses is reported when the indicator is used, not for every query.
    let num: Expr, den: Expr;
    try {
      num = parseExpression(i.numerator);
      den = parseExpression(i.denominator);
    } catch {
      continue;
    }
    const row: IndicatorRow = { ...i, factor: Number(i.factor), num, den };
    meta.indicators.set(i.id, row).set(i.code, row);
  }
  for (const c of constants) meta.constants.set(c.id, Number(c.value)).set(c.code, Number(c.value));
  return meta;
}

/** The hierarchy, from memory unless `staleVersion` says it is older than the database's. */
export async function getHierarchy(ctx: Ctx, staleVersion?: number): Promise<Hierarchy> {
  const slot = slots(ctx).hierarchy;
  const h = slot.value;
  if (h && h.signal === hierarchySignal.version && (staleVersion === undefined || h.version > staleVersion)) return h;
  return load(slot, () => loadHierarchy(ctx));
}

/**
 * The hierarchy as the database holds it now: the cached copy unless a structural change has bumped
 * the version since (one small query). For callers that read the tree without a value query whose
 * version would tell (reports, batches, maps).
 */
export async function currentHierarchy(ctx: Ctx): Promise<Hierarchy> {
  const version = await repoOf(ctx).hierarchyVersion();
  return getHierarchy(ctx, version - 1);
}

async function loadHierarchy(ctx: Ctx): Promise<Hierarchy> {
  const signal = hierarchySignal.version;
  const { version, units, paths, closure, links } = await repoOf(ctx).hierarchyRows();
  const h: Hierarchy = { version, signal, units: new Map(), unitByIid: new Map(), paths, below: new Map(), predecessors: new Map() };
  for (const l of links) {
    const list = h.predecessors.get(l.successor_id);
    if (list) list.push(l.predecessor_id);
    else h.predecessors.set(l.successor_id, [l.predecessor_id]);
  }
  for (const u of units) {
    h.units.set(u.id, u);
    if (u.code) h.units.set(u.code, u);
    h.unitByIid.set(u.iid, u);
  }
  for (const c of closure) {
    let list = h.below.get(c.ancestor);
    if (!list) h.below.set(c.ancestor, (list = []));
    list.push(c);
  }
  return h;
}

/** A unit by id or code (reloads the hierarchy once when not found: it may have just been created). */
export async function findUnit(ctx: Ctx, h: Hierarchy, ref: string): Promise<{ unit?: UnitRow; h: Hierarchy }> {
  const u = h.units.get(ref);
  if (u) return { unit: u, h };
  const fresh = await getHierarchy(ctx, Infinity);
  return { unit: fresh.units.get(ref), h: fresh };
}

const on = (r: { from: string; to: string }, date: string) => r.from <= date && r.to > date;

/** Children of a unit on a date, by name. */
export function childrenOn(h: Hierarchy, parent: string, date: string): string[] {
  return unique(h.paths.filter((p) => p.parent === parent && on(p, date)).map((p) => p.unit));
}

/** Units of a level on a date, optionally inside the subtree of `within`, by name. */
export function levelOn(h: Hierarchy, level: number, date: string, within?: string): string[] {
  const inside = within ? new Set((h.below.get(within) ?? []).filter((c) => on(c, date)).map((c) => c.descendant)) : null;
  return unique(h.paths.filter((p) => p.level === level && on(p, date) && (!inside || inside.has(p.unit))).map((p) => p.unit));
}

/** True when some unit is, or ever was, below `x` (only then can x have rollup rows). */
export function hasEverBelow(h: Hierarchy, x: string): boolean {
  return (h.below.get(x) ?? []).some((c) => c.descendant !== x);
}

/** The units in the subtree of `x` (x included) on a date. */
export function subtreeOn(h: Hierarchy, x: string, date: string): string[] {
  return unique((h.below.get(x) ?? []).filter((c) => on(c, date)).map((c) => c.descendant));
}

/**
 * True when the rollup row of `x` answers the 'current' structure of `asOf` for months starting in
 * [from, to] (from ≤ every month start and asOf ≤ to): no closure row under x starts or ends inside
 * (from, to] (x had the same units on every day of the window, so "as the tree was in the month" and
 * "as it is on asOf" agree), and no unit that closed inside the window hands its values, through a
 * merge/split link, to a unit under x.
 */
export function stableForCurrent(h: Hierarchy, x: string, from: string, to: string, asOf: string): boolean {
  const inside = (d: string) => d > from && d <= to;
  const rows = h.below.get(x) ?? [];
  if (rows.some((c) => inside(c.from) || inside(c.to))) return false;
  for (const c of rows) {
    if (!on(c, asOf)) continue;
    for (const p of h.predecessors.get(c.descendant) ?? []) {
      if ((h.below.get(p) ?? []).some((own) => own.descendant === p && inside(own.to))) return false;
    }
  }
  return true;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
