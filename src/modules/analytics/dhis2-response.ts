// AnalyticsCell[] → DHIS2's /api/analytics JSON (headers, metaData, rows, height, width, headerWidth).
// Pure: names and codes come in `meta`, built by the route from the database. Linear in the number of
// cells (lookups by Map, rows ordered by a counting sort), and it gives the event loop back every few
// milliseconds (slices.ts): an answer of half a million cells must not hold up other requests.
import { periodLabel, type PeriodLocale, type PeriodRange } from '../../lib/periods.js';
import type { Dhis2AnalyticsResponse, Dhis2Header, Dhis2MetaItem, DimensionId } from './analytics.contract.js';
import type { AnalyticsLayout, DxLayoutItem } from './dhis2-request.js';
import type { AnalyticsCell, AnalyticsQuery } from './query.js';
import { TimeSlicer } from './slices.js';

export type { Dhis2AnalyticsResponse, Dhis2Header, Dhis2MetaItem } from './analytics.contract.js';

/** What the route knows about one metadata object, keyed by its uid in `ShapeMeta.items`. */
export interface ShapeMetaItem {
  name: string;
  shortName?: string | null;
  code?: string | null;
  /** Register figures are named as DHIS2 clients know them: a count as DATA_ELEMENT, a share as INDICATOR. */
  type: 'DATA_ELEMENT' | 'INDICATOR' | 'ORGANISATION_UNIT' | 'CATEGORY_OPTION_COMBO';
  /** Indicators (and share figures: 100): the factor (100 for %), for includeNumDen and summed ou filters. */
  factor?: number;
}

export interface ShapeMeta {
  /** Every data element, indicator, option combo and org unit that may appear, by uid. */
  items: Record<string, ShapeMetaItem>;
  /** The org units the ou dimension resolved to (rows, in display order); default: those in the cells. */
  orgUnits?: string[];
  /** The option combos of the co dimension / DE.* items, in display order; default: those in the cells. */
  optionCombos?: string[];
}

export interface ShapeOptions {
  /** Language of period names (DHIS2 answers in English; default 'en'). */
  locale?: PeriodLocale;
  /** The request's time slices (shared with the engine); default: a new one. */
  slicer?: TimeSlicer;
}

const HEADER: Record<DimensionId, string> = {
  dx: 'Data',
  pe: 'Period',
  ou: 'Organisation unit',
  co: 'Category option combo',
};

const textHeader = (name: string, column: string): Dhis2Header => ({
  name,
  column,
  valueType: 'TEXT',
  type: 'java.lang.String',
  hidden: false,
  meta: true,
});
const numberHeader = (name: string, column: string): Dhis2Header => ({
  name,
  column,
  valueType: 'NUMBER',
  type: 'java.lang.Double',
  hidden: false,
  meta: false,
});

/**
 * DHIS2's rounding of analytics values (MathUtils.getRounded): 2 decimals strictly between -1 and 1,
 * else 1 decimal, half away from zero; written as a plain decimal string ("258", "118.6", "0.35").
 */
export function formatDhis2Number(value: number, skipRounding = false): string {
  if (!Number.isFinite(value)) return '';
  if (skipRounding) return String(value);
  const scale = value < 1 && value > -1 ? 2 : 1;
  const abs = Math.abs(value);
  // Exponent arithmetic on the decimal string avoids binary artefacts (1.005 → 1.01 at 2 decimals).
  const rounded = Number(`${Math.round(Number(`${abs}e${scale}`))}e-${scale}`);
  const signed = value < 0 && rounded !== 0 ? -rounded : rounded;
  return String(signed);
}

/** Which requested dx item (and its answer key, uids) a cell belongs to; null when it belongs to none. */
function dxKeyOf(cell: AnalyticsCell, candidates: readonly DxLayoutItem[] | undefined, coColumn: boolean): { key: string; de: string; coc?: string } | null {
  for (const d of candidates ?? []) {
    const it = d.item;
    if (it.kind === 'indicator' || it.kind === 'figure') return { key: it.id, de: it.id };
    if (d.wildcard) {
      if (cell.co) return { key: `${it.id}.${cell.co}`, de: it.id, coc: cell.co };
      continue;
    }
    if (it.coc) {
      if (cell.co === it.coc) return { key: `${it.id}.${it.coc}`, de: it.id, coc: it.coc };
      continue;
    }
    if (coColumn ? cell.co !== undefined : cell.co === undefined) return { key: it.id, de: it.id };
  }
  return null;
}

interface Group {
  dx: { key: string; de: string; coc?: string };
  pe: string;
  ou: string;
  co?: string;
  values: number[];
  numerator: number;
  denominator: number;
  hasNumDen: boolean;
  cells: AnalyticsCell[];
}

/** Items in first-seen order, each once. */
class Seen {
  readonly list: string[] = [];
  private readonly set = new Set<string>();
  add(v: string): void {
    if (this.set.has(v)) return;
    this.set.add(v);
    this.list.push(v);
  }
  has(v: string): boolean {
    return this.set.has(v);
  }
}

/** Position of each item of a list (the first one for repeats). */
function positions(list: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  list.forEach((v, i) => {
    if (!m.has(v)) m.set(v, i);
  });
  return m;
}

/**
 * The order of n rows by their ranks, column by column (a stable LSD counting sort: ranks are small
 * integers 0..size, so no comparisons; ties keep the input order).
 */
async function orderByRanks(n: number, ranks: Int32Array[], sizes: number[], slicer: TimeSlicer): Promise<Uint32Array> {
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let c = ranks.length - 1; c >= 0; c--) {
    const r = ranks[c]!;
    const buckets = sizes[c]! + 1;
    const start = new Uint32Array(buckets + 1);
    for (let i = 0; i < n; i++) start[r[i]! + 1]!++;
    for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
    if (slicer.due()) await slicer.pause();
    const next = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const g = order[i]!;
      next[start[r[g]!]!++] = g;
      if (slicer.due()) await slicer.pause();
    }
    order = next;
  }
  return order;
}

export async function shapeAnalyticsResponse(
  query: AnalyticsQuery,
  layout: AnalyticsLayout,
  cells: AnalyticsCell[],
  meta: ShapeMeta,
  opts: ShapeOptions = {},
): Promise<Dhis2AnalyticsResponse> {
  const locale = opts.locale ?? 'en';
  const slicer = opts.slicer ?? new TimeSlicer();
  const columns = layout.columns;
  const isColumn = (d: DimensionId) => columns.includes(d);
  const coColumn = isColumn('co');
  const dxCandidates = new Map<string, DxLayoutItem[]>();
  for (const d of layout.dx) {
    const list = dxCandidates.get(d.item.id);
    if (list) list.push(d);
    else dxCandidates.set(d.item.id, [d]);
  }
  const coItems = layout.coItems ? new Set(layout.coItems) : null;
  const indicatorIds = new Set(layout.dx.flatMap((d) => (d.item.kind === 'indicator' ? [d.item.id] : [])));
  const peColumn = isColumn('pe');
  const ouColumn = isColumn('ou');

  // 1. Group cells by the column dimensions: filter dimensions are aggregated over.
  const groups = new Map<string, Group>();
  const dxOrder: string[] = [];
  const dxParts = new Map<string, { de: string; coc?: string }>();
  const cocSeen = new Seen();
  const ouSeen = new Seen();
  for (const cell of cells) {
    if (slicer.due()) await slicer.pause();
    const dx = dxKeyOf(cell, dxCandidates.get(cell.dx), coColumn);
    if (!dx) continue;
    if (coColumn && coItems && !coItems.has(cell.co!)) continue;
    if (!dxParts.has(dx.key)) dxParts.set(dx.key, dx);
    if (cell.co) cocSeen.add(cell.co);
    ouSeen.add(cell.ou);
    const pe = peColumn ? cell.pe : '';
    const ou = ouColumn ? cell.ou : '';
    const co = coColumn ? cell.co : undefined;
    const key = `${dx.key}\u0001${pe}\u0001${ou}\u0001${co ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { dx, pe, ou, co, values: [], numerator: 0, denominator: 0, hasNumDen: false, cells: [] };
      groups.set(key, g);
    }
    g.cells.push(cell);
    if (cell.value !== null && Number.isFinite(cell.value)) g.values.push(cell.value);
    if (cell.numerator != null && cell.denominator != null) {
      g.hasNumDen = true;
      g.numerator += cell.numerator;
      g.denominator += cell.denominator;
    }
  }

  // The dx items in request order (DE.* expands into its combos, in option-combo order).
  const cocOrder = layout.coItems ?? meta.optionCombos ?? cocSeen.list;
  for (const d of layout.dx) {
    const it = d.item;
    if (d.wildcard) {
      for (const coc of cocOrder) if (dxParts.has(`${it.id}.${coc}`)) dxOrder.push(`${it.id}.${coc}`);
    } else if (it.kind === 'dataElement' && it.coc) {
      dxOrder.push(`${it.id}.${it.coc}`);
      dxParts.set(`${it.id}.${it.coc}`, { de: it.id, coc: it.coc });
    } else {
      dxOrder.push(it.id);
      dxParts.set(it.id, { de: it.id });
    }
  }
  const dxUnique = [...new Set(dxOrder)];
  dxOrder.length = 0;
  for (const k of dxUnique) dxOrder.push(k);
  const peOrder = (peColumn ? query.periods : layout.periods).map((p) => p.id);
  const ouOrder = meta.orgUnits ?? ouSeen.list;

  const factorOf = (g: Group): number | null => {
    const f = meta.items[g.dx.de]?.factor;
    if (f !== undefined) return f;
    for (const c of g.cells) {
      if (c.value != null && c.numerator && c.denominator) return (c.value * c.denominator) / c.numerator;
    }
    return null;
  };
  const valueOf = (g: Group): number | null => {
    if (g.values.length === 0) return null;
    if (g.cells.length === 1) return g.values[0]!;
    const isIndicator = meta.items[g.dx.de]?.type === 'INDICATOR' || indicatorIds.has(g.dx.de);
    if (isIndicator) {
      // Several units of an ou filter: the rate of the summed parts, never a sum or mean of rates.
      const factor = factorOf(g);
      if (!g.hasNumDen || g.denominator === 0 || factor === null) return null;
      return (g.numerator / g.denominator) * factor;
    }
    let total = 0;
    for (const v of g.values) total += v;
    return total;
  };

  // 2. Output ids.
  const outId = (uid: string): string => {
    const item = meta.items[uid];
    if (!item) return uid;
    if (layout.outputIdScheme === 'CODE') return item.code ?? uid;
    if (layout.outputIdScheme === 'NAME') return displayName(uid);
    return uid;
  };
  const displayName = (uid: string): string => {
    const item = meta.items[uid];
    if (!item) return uid;
    return layout.displayProperty === 'SHORTNAME' ? item.shortName ?? item.name : item.name;
  };
  const dxOut = (key: string): string => {
    const p = dxParts.get(key)!;
    if (!p.coc) return outId(p.de);
    return layout.outputIdScheme === 'NAME' ? `${outId(p.de)} ${outId(p.coc)}` : `${outId(p.de)}.${outId(p.coc)}`;
  };
  const idOf: Record<DimensionId, (v: string) => string> = {
    dx: dxOut,
    pe: (v) => v,
    ou: outId,
    co: outId,
  };

  // 3. Headers and rows, ordered by the position of each column's item in its dimension's order.
  const headers: Dhis2Header[] = columns.map((d) => textHeader(d, HEADER[d]));
  headers.push(numberHeader('value', 'Value'));
  if (layout.includeNumDen) {
    headers.push(numberHeader('numerator', 'Numerator'), numberHeader('denominator', 'Denominator'), numberHeader('factor', 'Factor'));
  }
  const fmt = (n: number | null) => (n === null ? '' : formatDhis2Number(n, layout.skipRounding));
  const kept: { g: Group; value: number }[] = [];
  for (const g of groups.values()) {
    const value = valueOf(g);
    if (value !== null) kept.push({ g, value });
    if (slicer.due()) await slicer.pause();
  }
  const orders: Record<DimensionId, string[]> = { dx: dxOrder, pe: peOrder, ou: ouOrder, co: cocOrder };
  const itemOf: Record<DimensionId, (g: Group) => string> = { dx: (g) => g.dx.key, pe: (g) => g.pe, ou: (g) => g.ou, co: (g) => g.co ?? '' };
  const ranks: Int32Array[] = [];
  for (const d of columns) {
    const pos = positions(orders[d]);
    const size = orders[d].length;
    const r = new Int32Array(kept.length);
    for (let i = 0; i < kept.length; i++) {
      r[i] = pos.get(itemOf[d](kept[i]!.g)) ?? size; // not listed: last
      if (slicer.due()) await slicer.pause();
    }
    ranks.push(r);
  }
  const order = await orderByRanks(kept.length, ranks, columns.map((d) => orders[d].length), slicer);
  const rows: string[][] = [];
  if (!layout.skipData) {
    for (const i of order) {
      const { g, value } = kept[i]!;
      const row = columns.map((d) => idOf[d](itemOf[d](g)));
      row.push(fmt(value));
      if (layout.includeNumDen) {
        const factor = g.hasNumDen ? factorOf(g) : null;
        row.push(g.hasNumDen ? fmt(g.numerator) : '', g.hasNumDen ? fmt(g.denominator) : '', fmt(factor));
      }
      rows.push(row);
      if (slicer.due()) await slicer.pause();
    }
  }

  const response: Dhis2AnalyticsResponse = { headers, rows, height: rows.length, width: headers.length, headerWidth: headers.length };
  if (layout.skipMeta) return response;

  // 4. metaData: every dimension (columns and filters) with its items. Keys are ids and codes of the
  //    database, so the object has no prototype (a code "__proto__" stays a key like any other).
  const dimensions: Partial<Record<DimensionId, string[]>> = {};
  const items = Object.create(null) as Record<string, Dhis2MetaItem>;
  const all = [...columns, ...layout.filters];
  const addObject = (uid: string) => {
    const item = meta.items[uid];
    const id = outId(uid);
    items[id] = {
      uid,
      ...(item?.code ? { code: item.code } : {}),
      name: displayName(uid),
      ...(item ? { dimensionItemType: item.type } : {}),
    };
    return id;
  };
  const addPeriod = (r: PeriodRange) => {
    items[r.id] = {
      uid: r.id,
      code: r.id,
      name: periodLabel(r, locale),
      dimensionItemType: 'PERIOD',
      startDate: r.start,
      endDate: r.end,
    };
    return r.id;
  };
  for (const d of all) {
    items[d] = { name: HEADER[d] };
    if (d === 'dx') {
      dimensions.dx = dxOrder.map((key) => {
        const p = dxParts.get(key)!;
        const id = dxOut(key);
        if (p.coc) {
          items[id] = { name: `${displayName(p.de)} ${displayName(p.coc)}`, dimensionItemType: 'DATA_ELEMENT_OPERAND' };
          addObject(p.de);
          addObject(p.coc);
        } else addObject(p.de);
        return id;
      });
    } else if (d === 'pe') {
      dimensions.pe = layout.periods.map(addPeriod);
    } else if (d === 'ou') {
      dimensions.ou = ouOrder.map(addObject);
    } else {
      dimensions.co = cocOrder.filter((c) => cocSeen.has(c) || coItems?.has(c)).map(addObject);
    }
  }
  // Wildcard DE.* items also name their combos.
  for (const key of dxOrder) {
    const p = dxParts.get(key)!;
    if (p.coc && !(outId(p.coc) in items)) addObject(p.coc);
  }
  response.metaData = { items, dimensions };
  return response;
}

const JSON_CHUNK = 64 * 1024;

/**
 * The answer as JSON text in chunks of about 64 KiB, for a reply that is streamed: stringifying a
 * large answer at once would hold the event loop for as long as that takes. DHIS2's key order is kept.
 */
export async function* dhis2JsonChunks(res: Dhis2AnalyticsResponse, slicer = new TimeSlicer()): AsyncGenerator<string> {
  const head = JSON.stringify(res.metaData ? { headers: res.headers, metaData: res.metaData } : { headers: res.headers });
  let chunk = `${head.slice(0, -1)},"rows":[`;
  for (let i = 0; i < res.rows.length; i++) {
    chunk += i === 0 ? JSON.stringify(res.rows[i]) : `,${JSON.stringify(res.rows[i])}`;
    if (chunk.length >= JSON_CHUNK) {
      yield chunk;
      chunk = '';
    }
    if (slicer.due()) await slicer.pause();
  }
  yield `${chunk}],"height":${res.height},"width":${res.width},"headerWidth":${res.headerWidth}}`;
}
