// Pivot-table model: a DHIS2 analytics response (dimensions dx, pe, ou; some of them filters) laid
// out in rows and columns, with totals only where a sum means something. Pure: no React.

import type { Dhis2AnalyticsResponse, Dhis2MetaItem, DimensionId } from '../../../../src/modules/analytics/analytics.contract.js';
import { safeCell } from '../../../../src/lib/spreadsheet.js';

export type Dim = Exclude<DimensionId, 'co'>;
export const DIMS: Dim[] = ['dx', 'pe', 'ou'];

/** GET /api/analytics (the analytics module's contract), asked with its metaData (never skipMeta). */
export type Dhis2Response = Dhis2AnalyticsResponse & { metaData: NonNullable<Dhis2AnalyticsResponse['metaData']> };

export interface PivotLayout {
  rows: Dim[];
  cols: Dim[];
  filters: Dim[];
}

/** The third dimension: aggregated over (filter) or nested inside the rows or the columns. */
export type ThirdPlacement = 'filter' | 'rows' | 'cols';

export function layoutOf(rows: Dim, cols: Dim, third: ThirdPlacement): PivotLayout {
  const other = DIMS.find((d) => d !== rows && d !== cols)!;
  return {
    rows: third === 'rows' ? [rows, other] : [rows],
    cols: third === 'cols' ? [cols, other] : [cols],
    filters: third === 'filter' ? [other] : [],
  };
}

export interface PivotTable {
  layout: PivotLayout;
  /** Item ids per row (one per row dimension), in the order of metaData.dimensions. */
  rowKeys: string[][];
  colKeys: string[][];
  values: (number | null)[][];
  /** Per row: the sum over the columns, null where a sum means nothing; null when there is no total column. */
  rowTotals: (number | null)[] | null;
  /** Per column: the sum over the rows; null when there is no total row. */
  colTotals: (number | null)[] | null;
  grandTotal: number | null;
  /** Items of each filter dimension (for the caption). */
  filterItems: Record<string, string[]>;
  name: (id: string) => string;
}

export interface PivotOptions {
  /** Aggregation type of each data element by id (SUM, LAST, AVERAGE…); summing periods needs SUM. */
  aggregationOf: (dxId: string) => string | undefined;
  hideEmptyRows: boolean;
  /** Display name of a period id (default: the server's name). */
  periodName?: (id: string, serverName: string) => string;
}

export const keyOf = (ids: string[]) => ids.join('.');

function cartesian(lists: string[][]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]);
}

/** True when no two of the periods overlap in time (they can be summed without double counting). */
export function periodsDisjoint(ids: string[], items: Record<string, Dhis2MetaItem>): boolean {
  const spans = ids.map((id) => ({ start: items[id]?.startDate, end: items[id]?.endDate }));
  if (spans.some((s) => !s.start || !s.end)) return false;
  spans.sort((a, b) => (a.start! < b.start! ? -1 : 1));
  for (let i = 1; i < spans.length; i++) if (spans[i]!.start! <= spans[i - 1]!.end!) return false;
  return true;
}

export function buildPivot(res: Dhis2Response, layout: PivotLayout, opts: PivotOptions): PivotTable {
  const { items, dimensions } = res.metaData;
  const colIndex = new Map(res.headers.map((h, i) => [h.name, i]));
  const valueIdx = colIndex.get('value');
  if (valueIdx === undefined) throw new Error('analytics response without a value column');
  const present = DIMS.filter((d) => colIndex.has(d));
  const itemsOf = (d: Dim) => dimensions[d] ?? [];

  const cells = new Map<string, number>();
  for (const row of res.rows) {
    const v = Number(row[valueIdx]);
    if (row[valueIdx] === '' || !Number.isFinite(v)) continue;
    cells.set(keyOf(present.map((d) => row[colIndex.get(d)!]!)), v);
  }
  const lookup = (fixed: Partial<Record<Dim, string>>) => {
    const v = cells.get(keyOf(present.map((d) => fixed[d] ?? '')));
    return v === undefined ? null : v;
  };

  let rowKeys = cartesian(layout.rows.map(itemsOf));
  const colKeys = cartesian(layout.cols.map(itemsOf));
  const assign = (rk: string[], ck: string[]) => {
    const fixed: Partial<Record<Dim, string>> = {};
    layout.rows.forEach((d, i) => (fixed[d] = rk[i]));
    layout.cols.forEach((d, i) => (fixed[d] = ck[i]));
    return fixed;
  };
  let values = rowKeys.map((rk) => colKeys.map((ck) => lookup(assign(rk, ck))));
  if (opts.hideEmptyRows) {
    const keep = values.map((r) => r.some((v) => v !== null));
    rowKeys = rowKeys.filter((_, i) => keep[i]);
    values = values.filter((_, i) => keep[i]);
  }

  // Can the cells that differ only in `varying` be summed? Same data element (never an indicator),
  // and across periods only a flow (SUM) over periods that do not overlap.
  const dxFilter = layout.filters.includes('dx') ? itemsOf('dx') : null;
  const periodsOk = periodsDisjoint(itemsOf('pe'), items);
  const summable = (dx: string | undefined, varying: Dim[]): boolean => {
    if (varying.includes('dx') && itemsOf('dx').length > 1) return false;
    const id = dx ?? (dxFilter && dxFilter.length === 1 ? dxFilter[0] : itemsOf('dx').length === 1 ? itemsOf('dx')[0] : undefined);
    if (!id) return false;
    const type = items[id]?.dimensionItemType;
    if (type !== 'DATA_ELEMENT') return false;
    if (varying.includes('pe') && itemsOf('pe').length > 1 && (!periodsOk || opts.aggregationOf(id) !== 'SUM')) return false;
    return true;
  };
  const dxOfKey = (dims: Dim[], key: string[]) => {
    const i = dims.indexOf('dx');
    return i < 0 ? undefined : key[i];
  };
  const sum = (list: (number | null)[]) => {
    const nums = list.filter((v): v is number => v !== null);
    return nums.length ? nums.reduce((a, b) => a + b, 0) : null;
  };

  const rowTotals = colKeys.length > 1
    ? rowKeys.map((rk, r) => (summable(dxOfKey(layout.rows, rk), layout.cols) ? sum(values[r]!) : null))
    : null;
  const colTotals = rowKeys.length > 1
    ? colKeys.map((ck, c) => (summable(dxOfKey(layout.cols, ck), layout.rows) ? sum(values.map((r) => r[c]!)) : null))
    : null;
  const all = [...layout.rows, ...layout.cols];
  const grandTotal = rowTotals && colTotals && summable(undefined, all) ? sum(values.flat()) : null;

  const filterItems: Record<string, string[]> = {};
  for (const d of layout.filters) filterItems[d] = itemsOf(d);
  // Units sharing a name (e.g. a station renamed in a merger) are told apart by their code.
  const ouNames = new Map<string, number>();
  for (const id of itemsOf('ou')) ouNames.set(items[id]?.name ?? id, (ouNames.get(items[id]?.name ?? id) ?? 0) + 1);
  const name = (id: string) => {
    const it = items[id];
    if (!it) return id;
    if (it.dimensionItemType === 'PERIOD' && opts.periodName) return opts.periodName(id, it.name);
    if ((ouNames.get(it.name) ?? 0) > 1 && it.code && itemsOf('ou').includes(id)) return `${it.name} (${it.code})`;
    return it.name;
  };
  return {
    layout,
    rowKeys,
    colKeys,
    values,
    rowTotals: rowTotals && rowTotals.some((v) => v !== null) ? rowTotals : null,
    colTotals: colTotals && colTotals.some((v) => v !== null) ? colTotals : null,
    grandTotal,
    filterItems,
    name,
  };
}

/** One cell of the laid-out grid (what the exports write). */
export type GridCell = { text: string } | { number: number } | null;
export interface PivotGrid {
  cells: GridCell[][];
  /** Merged ranges, 0-based inclusive [top, left, bottom, right]. */
  merges: [number, number, number, number][];
  headerRows: number;
  headerCols: number;
  /** Rows/columns that hold totals (for bold styling). */
  totalRows: number[];
  totalCols: number[];
}

/** Spans of equal consecutive values in one level of keys: [start, length][] */
export function spans(keys: string[][], level: number): [number, number][] {
  const out: [number, number][] = [];
  keys.forEach((k, i) => {
    const prefix = keyOf(k.slice(0, level + 1));
    const last = out[out.length - 1];
    if (last && keyOf(keys[last[0]]!.slice(0, level + 1)) === prefix) last[1]++;
    else out.push([i, 1]);
  });
  return out;
}

/** The table as a grid of cells: column headers on top, row headers on the left, totals last. */
export function toGrid(t: PivotTable, labels: { dims: Record<Dim, string>; total: string }): PivotGrid {
  const hr = t.layout.cols.length;
  const hc = t.layout.rows.length;
  const width = hc + t.colKeys.length + (t.rowTotals ? 1 : 0);
  const cells: GridCell[][] = [];
  const merges: PivotGrid['merges'] = [];
  for (let level = 0; level < hr; level++) {
    const row: GridCell[] = Array.from({ length: width }, () => null);
    // Corner: the row dimensions' names on the last header row.
    if (level === hr - 1) t.layout.rows.forEach((d, i) => (row[i] = { text: labels.dims[d] }));
    for (const [start, len] of spans(t.colKeys, level)) {
      row[hc + start] = { text: t.name(t.colKeys[start]![level]!) };
      if (len > 1) merges.push([level, hc + start, level, hc + start + len - 1]);
    }
    if (t.rowTotals) {
      row[width - 1] = level === 0 ? { text: labels.total } : null;
      if (level === 0 && hr > 1) merges.push([0, width - 1, hr - 1, width - 1]);
    }
    cells.push(row);
  }
  const num = (v: number | null): GridCell => (v === null ? null : { number: v });
  t.rowKeys.forEach((rk, r) => {
    // concat, not push(...): a wide row must not become a function call's arguments
    const row: GridCell[] = rk.map((id): GridCell => ({ text: t.name(id) })).concat(t.values[r]!.map(num));
    if (t.rowTotals) row.push(num(t.rowTotals[r]!));
    cells.push(row);
  });
  for (let level = 0; level < hc - 1; level++) {
    for (const [start, len] of spans(t.rowKeys, level)) {
      if (len > 1) merges.push([hr + start, level, hr + start + len - 1, level]);
      for (let i = 1; i < len; i++) cells[hr + start + i]![level] = null;
    }
  }
  const totalRows: number[] = [];
  if (t.colTotals) {
    const row: GridCell[] = Array.from({ length: hc }, (_, i): GridCell => (i === 0 ? { text: labels.total } : null)).concat(t.colTotals.map(num));
    if (hc > 1) merges.push([cells.length, 0, cells.length, hc - 1]);
    if (t.rowTotals) row.push(num(t.grandTotal));
    totalRows.push(cells.length);
    cells.push(row);
  }
  return { cells, merges, headerRows: hr, headerCols: hc, totalRows, totalCols: t.rowTotals ? [width - 1] : [] };
}

/** CSV of the grid (RFC 4180, UTF-8 with BOM so Excel reads the Vietnamese letters; plain numbers). */
export function gridToCsv(g: PivotGrid): string {
  // Names that a spreadsheet would run as a formula (= + - @) are neutralised.
  const esc = (text: string) => {
    const s = safeCell(text);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = g.cells.map((row) =>
    row.map((c) => (c === null ? '' : 'number' in c ? String(c.number) : esc(c.text))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The reporting behind each (period, unit) of an answer (metaData.completeness), by "pe|ou". */
export type CompletenessCell = NonNullable<NonNullable<Dhis2AnalyticsResponse['metaData']>['completeness']>['cells'][number];

/**
 * The period and unit a cell stands for (from its row, its column or a filter of one item), and the
 * reporting behind it; null when the cell sums several periods or units, or nothing was expected.
 */
export function completenessAt(table: PivotTable, r: number | null, c: number | null, cells: readonly CompletenessCell[]): CompletenessCell | null {
  if (cells.length === 0) return null;
  const at: Partial<Record<Dim, string>> = {};
  if (r !== null) table.layout.rows.forEach((d, i) => (at[d] = table.rowKeys[r]?.[i]));
  if (c !== null) table.layout.cols.forEach((d, i) => (at[d] = table.colKeys[c]?.[i]));
  for (const d of table.layout.filters) if (table.filterItems[d]?.length === 1) at[d] = table.filterItems[d]![0];
  if (!at.pe || !at.ou) return null;
  return cells.find((x) => x.pe === at.pe && x.ou === at.ou) ?? null;
}
