// In-process caches of the metadata the single-value save path reads on every request: data elements
// (value type, combo) by uid or code, option combos of a combo, the data sets containing an element
// with their timing, the working-day calendar and period ids.
//
// Correctness: every entry carries the process-wide metadata version (metadataSignal, core/versions.ts)
// it was read under and expires after TTL_MS. Metadata writes in this process (metadata CRUD, package
// import, calendar days) bump the signal, which makes every entry read before the bump invalid at once
// (the version is captured BEFORE the query, so a read racing with a commit cannot store stale data
// under the new version). Writes by another process (CLI, a second server) are seen after at most TTL_MS.
//
// Deliberately NOT cached (read fresh on every save): org units (dates, scope), data set assignments,
// form state (completed/approved), the value itself.
import type { Ctx } from '../../core/context.js';
import { metadataSignal } from '../../core/versions.js';
import type { CalendarConfig } from '../../lib/calendar.js';
import { parsePeriod } from '../../lib/periods.js';
import * as calendarRepo from '../calendar/calendar.repo.js';
import * as repo from './datavalues.repo.js';
import * as periodsRepo from './periods.repo.js';
import type { DataSetTiming } from './rules.js';
import * as validationRepo from './validation.repo.js';

export const TTL_MS = 10_000;
const MAX_ENTRIES = 20_000;

interface Entry<V> {
  value: V;
  version: number;
  at: number;
}

class VersionedCache<V> {
  private map = new Map<string, Entry<V>>();

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.version !== metadataSignal.version || Date.now() - e.at > TTL_MS) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V, readVersion: number): void {
    if (readVersion !== metadataSignal.version) return; // metadata changed while we were reading
    if (this.map.size >= MAX_ENTRIES) this.map.clear();
    this.map.set(key, { value, version: readVersion, at: Date.now() });
  }

  /** Cached value, else loads it; undefined results are not cached. */
  async load(key: string, loader: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const v0 = metadataSignal.version;
    const value = await loader();
    if (value !== undefined) this.set(key, value, v0);
    return value;
  }
}

export interface CachedElement {
  id: string;
  iid: number;
  code: string;
  value_type: string;
  category_combo_id: string;
  is_default: boolean;
}

export interface CachedCoc {
  id: string;
  iid: number;
  code: string | null;
  category_combo_id: string;
}

export type ElementDataSet = DataSetTiming & { id: string };

interface Caches {
  elements: VersionedCache<CachedElement>;
  cocs: VersionedCache<CachedCoc>;
  setsOfElement: VersionedCache<ElementDataSet[]>;
  calendar: VersionedCache<CalendarConfig>;
  /** Period rows are never changed or deleted: ids are cached for the life of the process. */
  periods: Map<string, number>;
  /** The default attribute option combo: created by a migration, never changes. */
  attributeCombo?: number;
}

// One set of caches per database: contexts of one server share its Store (a transaction's Store is
// its own, so nothing read inside a transaction that may roll back outlives it).
const byStore = new WeakMap<object, Caches>();

function caches(ctx: Ctx): Caches {
  let c = byStore.get(ctx.store);
  if (!c) {
    c = {
      elements: new VersionedCache(),
      cocs: new VersionedCache(),
      setsOfElement: new VersionedCache(),
      calendar: new VersionedCache(),
      periods: new Map(),
    };
    byStore.set(ctx.store, c);
  }
  return c;
}

/** A data element by uid or code (with its combo's default flag). */
export function elementByRef(ctx: Ctx, ref: string): Promise<CachedElement | undefined> {
  return caches(ctx).elements.load(ref, () => ctx.use(repo).findElement(ref));
}

/** An option combo of a category combo by uid or code; ref null = the combo's first (default) one. */
export function comboOption(ctx: Ctx, comboId: string, ref: string | null): Promise<CachedCoc | undefined> {
  return caches(ctx).cocs.load(`${comboId}|${ref ?? ''}`, () => ctx.use(repo).findComboOption(comboId, ref));
}

/** The data sets containing an element, with what their entry windows depend on. */
export async function dataSetsOfElement(ctx: Ctx, elementId: string): Promise<ElementDataSet[]> {
  const r = await caches(ctx).setsOfElement.load(elementId, () => ctx.use(repo).dataSetsOfElement(elementId));
  return r ?? [];
}

/** The configured working-day calendar. */
export async function calendar(ctx: Ctx): Promise<CalendarConfig> {
  return (await caches(ctx).calendar.load('', () => ctx.use(calendarRepo).loadCalendar()))!;
}

/** Id of an ISO period, creating the row on first use. */
export async function periodIdOf(ctx: Ctx, iso: string): Promise<number> {
  const c = caches(ctx).periods;
  const hit = c.get(iso);
  if (hit !== undefined) return hit;
  const p = parsePeriod(iso);
  if (!p) throw new Error(`not an ISO period: ${iso}`);
  const id = await ctx.use(periodsRepo).ensurePeriod(p.iso);
  if (c.size >= MAX_ENTRIES) c.clear();
  c.set(iso, id);
  return id;
}

/** iid of the default option combo: the attribute option combo of every value. */
export async function attributeCombo(ctx: Ctx): Promise<number> {
  const c = caches(ctx);
  return (c.attributeCombo ??= await ctx.use(validationRepo).defaultAttributeCombo());
}
