// In-process caches of the metadata the single-value save path reads on every request: data elements
// (value type, combo) by uid or code, option combos of a combo, the data sets containing an element
// with their timing, the working-day calendar and period ids.
//
// Correctness: every entry carries the process-wide metadata version it was read under and expires
// after TTL_MS. Metadata writes in this process (metadata CRUD, package import, calendar days) call
// metadataChanged(), which makes every entry read before the bump invalid at once (the version is
// captured BEFORE the query, so a read racing with a commit cannot store stale data under the new
// version). Writes by another process (CLI, a second server) are seen after at most TTL_MS.
//
// Deliberately NOT cached (read fresh on every save): org units (dates, scope), data set assignments,
// form state (completed/approved), the value itself.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CalendarConfig } from '../../lib/calendar.js';
import { metadataSignal } from '../../core/versions.js';
import { parsePeriod } from '../../lib/periods.js';
import { loadCalendar } from '../calendar/calendar.repo.js';
import type { DataSetTiming } from './rules.js';

export const TTL_MS = 10_000;
const MAX_ENTRIES = 20_000;

/** @deprecated TRANSITION: use metadataSignal.bump() (core/versions.ts). */
export function metadataChanged(): void {
  metadataSignal.bump();
}

/** @deprecated TRANSITION: use metadataSignal.version (core/versions.ts). */
export function metadataVersion(): number {
  return metadataSignal.version;
}

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
}

const byDb = new WeakMap<object, Caches>();

function caches(db: Kysely<DB>): Caches {
  let c = byDb.get(db);
  if (!c) {
    c = {
      elements: new VersionedCache(),
      cocs: new VersionedCache(),
      setsOfElement: new VersionedCache(),
      calendar: new VersionedCache(),
      periods: new Map(),
    };
    byDb.set(db, c);
  }
  return c;
}

/** A data element by uid or code (with its combo's default flag). */
export function elementByRef(db: Kysely<DB>, ref: string): Promise<CachedElement | undefined> {
  return caches(db).elements.load(ref, () =>
    db
      .selectFrom('data_element as e')
      .innerJoin('category_combo as cc', 'cc.id', 'e.category_combo_id')
      .select(['e.id', 'e.iid', 'e.code', 'e.value_type', 'e.category_combo_id', 'cc.is_default'])
      .where((eb) => eb.or([eb('e.id', '=', ref), eb('e.code', '=', ref)]))
      .executeTakeFirst(),
  );
}

/** An option combo of a category combo by uid or code; ref null = the combo's first (default) one. */
export function comboOption(db: Kysely<DB>, comboId: string, ref: string | null): Promise<CachedCoc | undefined> {
  return caches(db).cocs.load(`${comboId}|${ref ?? ''}`, () => {
    let q = db.selectFrom('category_option_combo').select(['id', 'iid', 'code', 'category_combo_id']).where('category_combo_id', '=', comboId);
    if (ref !== null) q = q.where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)]));
    return q.orderBy('iid').executeTakeFirst();
  });
}

/** The data sets containing an element, with what their entry windows depend on. */
export async function dataSetsOfElement(db: Kysely<DB>, elementId: string): Promise<ElementDataSet[]> {
  const r = await caches(db).setsOfElement.load(elementId, () =>
    db
      .selectFrom('data_set_element as e')
      .innerJoin('data_set as d', 'd.id', 'e.data_set_id')
      .select(['d.id', 'd.period_type', 'd.deadline_working_days', 'd.entry_grace_days'])
      .where('e.data_element_id', '=', elementId)
      .orderBy('d.id')
      .execute(),
  );
  return r ?? [];
}

/** The configured working-day calendar. */
export async function calendar(db: Kysely<DB>): Promise<CalendarConfig> {
  return (await caches(db).calendar.load('', () => loadCalendar(db)))!;
}

/** Id of an ISO period, creating the row on first use. */
export async function periodIdOf(db: Kysely<DB>, iso: string): Promise<number> {
  const c = caches(db).periods;
  const hit = c.get(iso);
  if (hit !== undefined) return hit;
  const p = parsePeriod(iso);
  if (!p) throw new Error(`not an ISO period: ${iso}`);
  let row = await db.selectFrom('period').select('id').where('iso', '=', p.iso).executeTakeFirst();
  if (!row) {
    await db.insertInto('period').values({ iso: p.iso, period_type: p.type, start_date: p.start, end_date: p.end })
      .onConflict((oc) => oc.column('iso').doNothing()).execute();
    row = await db.selectFrom('period').select('id').where('iso', '=', p.iso).executeTakeFirstOrThrow();
  }
  if (c.size >= MAX_ENTRIES) c.clear();
  c.set(iso, row.id);
  return row.id;
}
