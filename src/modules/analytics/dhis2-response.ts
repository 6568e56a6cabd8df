// AnalyticsCell[] → DHIS2's /api/analytics JSON (headers, metaData, rows, height, width, headerWidth).
// Pure: names and codes come in `meta`, built by the route from the database.
import { periodLabel, type PeriodLocale, type PeriodRange } from '../../lib/periods.js';
import type { AnalyticsLayout, DimensionId, DxLayoutItem } from './dhis2-request.js';
import type { AnalyticsCell, AnalyticsQuery } from './query.js';

export interface Dhis2Header {
  name: string;
  column: string;
  valueType: 'TEXT' | 'NUMBER';
  type: 'java.lang.String' | 'java.lang.Double';
  hidden: boolean;
  meta: boolean;
}

export interface Dhis2MetaItem {
  uid?: string;
  code?: string;
  name: string;
  dimensionItemType?: string;
  startDate?: string;
  endDate?: string;
}

export interface Dhis2AnalyticsResponse {
  headers: Dhis2Header[];
  metaData?: { items: Record<string, Dhis2MetaItem>; dimensions: Partial<Record<DimensionId, string[]>> };
  rows: string[][];
  height: number;
  width: number;
  headerWidth: number;
}

/** What the route knows about one metadata object, keyed by its uid in `ShapeMeta.items`. */
export interface ShapeMetaItem {
  name: string;
  shortName?: string | null;
  code?: string | null;
  type: 'DATA_ELEMENT' | 'INDICATOR' | 'ORGANISATION_UNIT' | 'CATEGORY_OPTION_COMBO';
  /** Indicators: the factor of the indicator type (100 for %), for includeNumDen and summed ou filters. */
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
function dxKeyOf(cell: AnalyticsCell, dx: DxLayoutItem[], coColumn: boolean): { key: string; de: string; coc?: string } | null {
  for (const d of dx) {
    const it = d.item;
    if (it.id !== cell.dx) continue;
    if (it.kind === 'indicator') return { key: it.id, de: it.id };
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

export function shapeAnalyticsResponse(
  query: AnalyticsQuery,
  layout: AnalyticsLayout,
  cells: AnalyticsCell[],
  meta: ShapeMeta,
  opts: ShapeOptions = {},
): Dhis2AnalyticsResponse {
  const locale = opts.locale ?? 'en';
  const columns = layout.columns;
  const isColumn = (d: DimensionId) => columns.includes(d);
  const coColumn = isColumn('co');

  // 1. Group cells by the column dimensions: filter dimensions are aggregated over.
  const groups = new Map<string, Group>();
  const dxOrder: string[] = [];
  const dxParts = new Map<string, { de: string; coc?: string }>();
  const cocSeen: string[] = [];
  const ouSeen: string[] = [];
  for (const cell of cells) {
    const dx = dxKeyOf(cell, layout.dx, coColumn);
    if (!dx) continue;
    if (coColumn && layout.coItems && !layout.coItems.includes(cell.co!)) continue;
    if (!dxParts.has(dx.key)) dxParts.set(dx.key, dx);
    if (cell.co && !cocSeen.includes(cell.co)) cocSeen.push(cell.co);
    if (!ouSeen.includes(cell.ou)) ouSeen.push(cell.ou);
    const pe = isColumn('pe') ? cell.pe : '';
    const ou = isColumn('ou') ? cell.ou : '';
    const co = coColumn ? cell.co : undefined;
    const key = JSON.stringify([dx.key, pe, ou, co ?? '']);
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
  const cocOrder = layout.coItems ?? meta.optionCombos ?? cocSeen;
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
  dxOrder.push(...dxUnique);
  const peOrder = (isColumn('pe') ? query.periods : layout.periods).map((p) => p.id);
  const ouOrder = meta.orgUnits ?? ouSeen;

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
    if (g.cells.length === 1) return g.values[0];
    const isIndicator = meta.items[g.dx.de]?.type === 'INDICATOR' || layout.dx.some((d) => d.item.kind === 'indicator' && d.item.id === g.dx.de);
    if (isIndicator) {
      // Several units of an ou filter: the rate of the summed parts, never a sum or mean of rates.
      const factor = factorOf(g);
      if (!g.hasNumDen || g.denominator === 0 || factor === null) return null;
      return (g.numerator / g.denominator) * factor;
    }
    return g.values.reduce((a, b) => a + b, 0);
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

  // 3. Headers and rows.
  const headers: Dhis2Header[] = columns.map((d) => textHeader(d, HEADER[d]));
  headers.push(numberHeader('value', 'Value'));
  if (layout.includeNumDen) {
    headers.push(numberHeader('numerator', 'Numerator'), numberHeader('denominator', 'Denominator'), numberHeader('factor', 'Factor'));
  }
  const fmt = (n: number | null) => (n === null ? '' : formatDhis2Number(n, layout.skipRounding));
  const order = (list: string[], v: string) => {
    const i = list.indexOf(v);
    return i < 0 ? list.length : i;
  };
  const rank = (g: Group): number[] =>
    columns.map((d) =>
      d === 'dx' ? order(dxOrder, g.dx.key) : d === 'pe' ? order(peOrder, g.pe) : d === 'ou' ? order(ouOrder, g.ou) : order(cocOrder, g.co ?? ''),
    );
  const sorted = [...groups.values()]
    .map((g) => ({ g, value: valueOf(g), rank: rank(g) }))
    .filter((r) => r.value !== null)
    .sort((a, b) => {
      for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
      return 0;
    });
  const rows: string[][] = layout.skipData
    ? []
    : sorted.map(({ g, value }) => {
        const row = columns.map((d) => idOf[d](d === 'dx' ? g.dx.key : d === 'pe' ? g.pe : d === 'ou' ? g.ou : g.co ?? ''));
        row.push(fmt(value));
        if (layout.includeNumDen) {
          const factor = g.hasNumDen ? factorOf(g) : null;
          row.push(g.hasNumDen ? fmt(g.numerator) : '', g.hasNumDen ? fmt(g.denominator) : '', fmt(factor));
        }
        return row;
      });

  const response: Dhis2AnalyticsResponse = { headers, rows, height: rows.length, width: headers.length, headerWidth: headers.length };
  if (layout.skipMeta) return response;

  // 4. metaData: every dimension (columns and filters) with its items.
  const dimensions: Partial<Record<DimensionId, string[]>> = {};
  const items: Record<string, Dhis2MetaItem> = {};
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
      dimensions.co = cocOrder.filter((c) => cocSeen.includes(c) || layout.coItems?.includes(c)).map(addObject);
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
