// In-memory copies of what every analytics query needs besides the values, so that a dashboard query
// costs one round trip to PostgreSQL:
// - metadata (data elements, option combos, indicators with parsed formulas, constants), loaded whole.
//   Valid while the process-wide metadata version (datavalues/entry-cache.ts, bumped by every metadata
//   write in this process) is unchanged, at most TTL_MS; a reference not found triggers one reload
//   (at most once a second), so a new element is usable at once even when created by another process.
// - the hierarchy (units, their effective-dated paths and closure), tagged with
//   analytics_state.hierarchy_version, which soyte_rebuild_hierarchy() bumps in the same transaction
//   as the structural change. The value query returns the version it read; on a mismatch the engine
//   reloads the hierarchy and answers again, so a structural change is never answered with an old tree.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { parseExpression, type Expr } from '../../lib/expression.js';
import { metadataVersion } from '../datavalues/entry-cache.js';

type Db = Kysely<DB>;

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

const byDb = new WeakMap<object, { meta: Slot<Meta>; hierarchy: Slot<Hierarchy> }>();

function slots(db: Db) {
  let s = byDb.get(db);
  if (!s) byDb.set(db, (s = { meta: {}, hierarchy: {} }));
  return s;
}

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

/** The metadata, from memory when still valid. `missed`: a reference was not found (reload if not fresh). */
export async function getMeta(db: Db, missed = false): Promise<Meta> {
  const slot = slots(db).meta;
  const m = slot.value;
  const now = Date.now();
  if (m && m.version === metadataVersion() && now - m.loadedAt < TTL_MS && !(missed && now - m.loadedAt > MISS_RELOAD_MS)) return m;
  return load(slot, () => loadMeta(db));
}

async function loadMeta(db: Db): Promise<Meta> {
  const version = metadataVersion();
  const loadedAt = Date.now();
  const [elements, combos, indicators, constants] = await Promise.all([
    db.selectFrom('data_element').select(['id', 'iid', 'code', 'aggregation_type', 'category_combo_id']).execute(),
    db.selectFrom('category_option_combo').select(['id', 'iid', 'code', 'category_combo_id']).execute(),
    db
      .selectFrom('indicator as i')
      .innerJoin('indicator_type as t', 't.id', 'i.indicator_type_id')
      .select(['i.id', 'i.code', 'i.numerator', 'i.denominator', 't.factor'])
      .execute(),
    db.selectFrom('constant').select(['id', 'code', 'value']).execute(),
  ]);
  const meta: Meta = {
    version,
    loadedAt,
    elements: new Map(),
    combos,
    comboByIid: new Map(combos.map((c) => [c.iid, c])),
    indicators: new Map(),
    constants: new Map(),
  };
  for (const e of elements as ElementRow[]) meta.elements.set(e.id, e).set(e.code, e);
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
export async function getHierarchy(db: Db, staleVersion?: number): Promise<Hierarchy> {
  const slot = slots(db).hierarchy;
  const h = slot.value;
  if (h && (staleVersion === undefined || h.version > staleVersion)) return h;
  return load(slot, () => loadHierarchy(db));
}

/**
 * The hierarchy as the database holds it now: the cached copy unless a structural change has bumped
 * the version since (one small query). For callers that read the tree without a value query whose
 * version would tell (reports, batches).
 */
export async function currentHierarchy(db: Db): Promise<Hierarchy> {
  const r = await db.selectFrom('analytics_state').select('hierarchy_version').executeTakeFirst();
  return getHierarchy(db, Number(r?.hierarchy_version ?? 0) - 1);
}

async function loadHierarchy(db: Db): Promise<Hierarchy> {
  // One snapshot for the version and the rows (a structural change commits all of them at once).
  return db.transaction().setIsolationLevel('repeatable read').execute(async (tx) => {
    const version = Number((await tx.selectFrom('analytics_state').select('hierarchy_version').executeTakeFirstOrThrow()).hierarchy_version);
    const [units, paths, closure, links] = await Promise.all([
      tx.selectFrom('org_unit').select(['id', 'iid', 'code']).execute(),
      sql<PathRow>`select org_unit_id as unit, parent_id as parent, level, name, valid_from::text as "from", valid_to::text as "to"
        from org_unit_path order by name, org_unit_id`.execute(tx),
      sql<ClosureRow>`select ancestor_id as ancestor, descendant_id as descendant, valid_from::text as "from", valid_to::text as "to"
        from org_unit_closure`.execute(tx),
      tx.selectFrom('org_unit_link').select(['predecessor_id', 'successor_id']).execute(),
    ]);
    const h: Hierarchy = { version, units: new Map(), unitByIid: new Map(), paths: paths.rows, below: new Map(), predecessors: new Map() };
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
    for (const c of closure.rows) {
      let list = h.below.get(c.ancestor);
      if (!list) h.below.set(c.ancestor, (list = []));
      list.push(c);
    }
    return h;
  });
}

/** A unit by id or code (reloads the hierarchy once when not found: it may have just been created). */
export async function findUnit(db: Db, h: Hierarchy, ref: string): Promise<{ unit?: UnitRow; h: Hierarchy }> {
  const u = h.units.get(ref);
  if (u) return { unit: u, h };
  const fresh = await getHierarchy(db, Infinity);
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

/** Which of `ids` are, or ever were, in the subtree of `root`. */
export function everUnder(h: Hierarchy, root: string, ids: readonly string[]): Set<string> {
  const below = new Set((h.below.get(root) ?? []).map((c) => c.descendant));
  return new Set(ids.filter((id) => below.has(id)));
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
