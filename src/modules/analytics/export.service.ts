// GET /api/analytics.csv and /api/analytics.xlsx (contract B of issue 4): the same parameters as
// GET /api/analytics, answered by analyticsDhis2 and flattened into a table with human headers
// (Dữ liệu, Kỳ, Đơn vị, [Phân tổ], Giá trị; English with Accept-Language en) and names, not ids.
// Dimensions given as filters become a column too (their items' names), so every line reads alone.
import ExcelJS from 'exceljs';
import { todayVn } from '../../lib/dates.js';
import type { PeriodLocale } from '../../lib/periods.js';
import type { Ctx } from '../../core/context.js';
import { analyticsDhis2 } from './analytics.service.js';
import type { Dhis2AnalyticsResponse } from './dhis2-response.js';

export type ExportFormat = 'csv' | 'xlsx';

const HEADERS: Record<PeriodLocale, Record<string, string>> = {
  vi: { dx: 'Dữ liệu', pe: 'Kỳ', ou: 'Đơn vị', co: 'Phân tổ', value: 'Giá trị', numerator: 'Tử số', denominator: 'Mẫu số', factor: 'Hệ số' },
  en: { dx: 'Data', pe: 'Period', ou: 'Organisation unit', co: 'Category option combo', value: 'Value', numerator: 'Numerator', denominator: 'Denominator', factor: 'Factor' },
};

const DIMENSIONS = ['dx', 'pe', 'ou', 'co'] as const;
const NUMBERS = ['value', 'numerator', 'denominator', 'factor'] as const;

export interface FlatTable {
  headers: string[];
  /** Text columns first (names), then numbers (null when empty). */
  rows: (string | number | null)[][];
  /** How many leading columns are text. */
  textColumns: number;
}

/** A DHIS2 analytics response → a flat table of names and numbers. */
export function flatten(res: Dhis2AnalyticsResponse, locale: PeriodLocale): FlatTable {
  const items = res.metaData?.items ?? {};
  const dims = res.metaData?.dimensions ?? {};
  const col = new Map(res.headers.map((h, i) => [h.name, i]));
  const nameOf = (id: string) => items[id]?.name ?? id;
  // A dimension is a column of the table when it is a column of the answer, or a filter (then every
  // line carries the filter's items, joined).
  const text = DIMENSIONS.filter((d) => col.has(d) || (d !== 'co' && (dims[d]?.length ?? 0) > 0));
  const numbers = NUMBERS.filter((n) => col.has(n));
  const headers = [...text.map((d) => HEADERS[locale][d]!), ...numbers.map((n) => HEADERS[locale][n]!)];
  const rows = res.rows.map((r) => [
    ...text.map((d) => (col.has(d) ? nameOf(r[col.get(d)!]!) : (dims[d] ?? []).map(nameOf).join(', '))),
    ...numbers.map((n) => {
      const s = r[col.get(n)!];
      return s === undefined || s === '' ? null : Number(s);
    }),
  ]);
  return { headers, rows, textColumns: text.length };
}

/** Fastify's query minus what makes no sense in a file (no data, no names). */
function exportQuery(raw: unknown): Record<string, unknown> {
  const q = { ...((raw ?? {}) as Record<string, unknown>) };
  delete q.skipData;
  delete q.skipMeta;
  return q;
}

export async function analyticsExport(ctx: Ctx, rawQuery: unknown, format: ExportFormat, locale: PeriodLocale) {
  const res = await analyticsDhis2(ctx, exportQuery(rawQuery), locale);
  const table = flatten(res, locale);
  const fileName = `soyte-analytics-${todayVn()}.${format}`;
  if (format === 'csv') return { fileName, contentType: 'text/csv; charset=utf-8', body: toCsv(table) };
  return { fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(table, locale) };
}

const csvCell = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV, UTF-8 with a BOM (Excel then shows Vietnamese letters); numbers as plain decimals (118.6). */
export function toCsv(t: FlatTable): string {
  return `\ufeff${[t.headers, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** XLSX: numbers stored as numbers with a thousands format (Excel in vi-VN shows 509.591 and 118,6). */
export async function toXlsx(t: FlatTable, locale: PeriodLocale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'soyte';
  const ws = wb.addWorksheet(locale === 'vi' ? 'Số liệu' : 'Data');
  const head = ws.addRow(t.headers);
  head.font = { bold: true };
  for (const r of t.rows) {
    const row = ws.addRow(r);
    for (let i = t.textColumns; i < r.length; i++) {
      const v = r[i];
      if (typeof v === 'number') row.getCell(i + 1).numFmt = Number.isInteger(v) ? '#,##0' : '#,##0.0#';
    }
  }
  t.headers.forEach((_, i) => (ws.getColumn(i + 1).width = i < t.textColumns ? 36 : 14));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
