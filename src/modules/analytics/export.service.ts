// GET /api/analytics.csv and /api/analytics.xlsx (contract B of issue 4): the same parameters as
// GET /api/analytics, answered by analyticsDhis2 and flattened into a table with human headers
// (Dữ liệu, Kỳ, Đơn vị, [Phân tổ], Giá trị; English with Accept-Language en) and names, not ids.
// Dimensions given as filters become a column too (their items' names), so every line reads alone.
//
// Size and speed: an export is refused above SOYTE_MAX_EXPORT_CELLS (409, before anything is read);
// below it the file is written as a stream (CSV lines; XLSX through exceljs's streaming WorkbookWriter,
// whose zip deflates on libuv's threads), never built whole in memory, and the writing gives the event
// loop back every few milliseconds. Every error (scope, size, bad input) is found before the first
// byte is sent, so it still gets its JSON error answer.
//
// Spreadsheet formula injection: text cells that begin with = + - @ are neutralised (lib/spreadsheet.ts).
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { todayVn } from '../../lib/dates.js';
import type { PeriodLocale } from '../../lib/periods.js';
import { safeCell } from '../../lib/spreadsheet.js';
import type { Ctx } from '../../core/context.js';
import type { Dhis2AnalyticsResponse } from './analytics.contract.js';
import { analyticsDhis2 } from './analytics.service.js';
import { TimeSlicer } from './slices.js';

export type ExportFormat = 'csv' | 'xlsx';

const HEADERS: Record<PeriodLocale, Record<string, string>> = {
  vi: { dx: 'Dữ liệu', pe: 'Kỳ', ou: 'Đơn vị', co: 'Phân tổ', value: 'Giá trị', numerator: 'Tử số', denominator: 'Mẫu số', factor: 'Hệ số' },
  en: { dx: 'Data', pe: 'Period', ou: 'Organisation unit', co: 'Category option combo', value: 'Value', numerator: 'Numerator', denominator: 'Denominator', factor: 'Factor' },
};

const DIMENSIONS = ['dx', 'pe', 'ou', 'co'] as const;
const NUMBERS = ['value', 'numerator', 'denominator', 'factor'] as const;

type Cell = string | number | null;

export interface FlatTable {
  headers: string[];
  /** How many leading columns are text. */
  textColumns: number;
  rowCount: number;
  /** The lines, made one at a time: text columns first (names, neutralised), then numbers (null when empty). */
  rows(): Iterable<Cell[]>;
}

/** A DHIS2 analytics response → a flat table of names and numbers. */
export function flatten(res: Dhis2AnalyticsResponse, locale: PeriodLocale): FlatTable {
  const items = res.metaData?.items ?? {};
  const dims = res.metaData?.dimensions ?? {};
  const col = new Map(res.headers.map((h, i) => [h.name, i]));
  const nameOf = (id: string) => (Object.prototype.hasOwnProperty.call(items, id) ? items[id]!.name : id);
  // A dimension is a column of the table when it is a column of the answer, or a filter (then every
  // line carries the filter's items, joined).
  const text = DIMENSIONS.filter((d) => col.has(d) || (d !== 'co' && (dims[d]?.length ?? 0) > 0));
  const numbers = NUMBERS.filter((n) => col.has(n));
  const headers = [...text.map((d) => HEADERS[locale][d]!), ...numbers.map((n) => HEADERS[locale][n]!)];
  const filterText = new Map(text.filter((d) => !col.has(d)).map((d) => [d, safeCell((dims[d] ?? []).map(nameOf).join(', '))]));
  const textIndex = text.map((d) => col.get(d));
  const numberIndex = numbers.map((n) => col.get(n)!);
  return {
    headers,
    textColumns: text.length,
    rowCount: res.rows.length,
    *rows() {
      for (const r of res.rows) {
        const line: Cell[] = text.map((d, i) => {
          const at = textIndex[i];
          return at === undefined ? filterText.get(d)! : safeCell(nameOf(r[at]!));
        });
        for (const at of numberIndex) {
          const s = r[at];
          line.push(s === undefined || s === '' ? null : Number(s));
        }
        yield line;
      }
    },
  };
}

/** Fastify's query minus what makes no sense in a file (no data, no names). */
function exportQuery(raw: unknown): Record<string, unknown> {
  const q = { ...((raw ?? {}) as Record<string, unknown>) };
  delete q.skipData;
  delete q.skipMeta;
  return q;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  /** The file, written while it is sent. */
  body: Readable;
}

export async function analyticsExport(ctx: Ctx, rawQuery: unknown, format: ExportFormat, locale: PeriodLocale): Promise<ExportFile> {
  const slicer = new TimeSlicer();
  const res = await analyticsDhis2(ctx, exportQuery(rawQuery), locale, { kind: 'export', slicer });
  const table = flatten(res, locale);
  const fileName = `soyte-analytics-${todayVn()}.${format}`;
  if (format === 'csv') return { fileName, contentType: 'text/csv; charset=utf-8', body: Readable.from(csvChunks(table, slicer)) };
  return { fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: xlsxStream(table, locale, slicer) };
}

const csvCell = (v: Cell) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const CSV_CHUNK = 64 * 1024;

/**
 * CSV, UTF-8 with a BOM (Excel then shows Vietnamese letters); numbers as plain decimals (118.6).
 * Chunks of about 64 KiB, made as the reader asks for them.
 */
export async function* csvChunks(t: FlatTable, slicer = new TimeSlicer()): AsyncGenerator<string> {
  let chunk = `\ufeff${t.headers.map(csvCell).join(',')}\r\n`;
  for (const r of t.rows()) {
    chunk += `${r.map(csvCell).join(',')}\r\n`;
    if (chunk.length >= CSV_CHUNK) {
      yield chunk;
      chunk = '';
    }
    if (slicer.due(r.length)) await slicer.pause();
  }
  yield chunk;
}

/** The whole CSV as one string (small tables, tests). */
export async function toCsv(t: FlatTable): Promise<string> {
  let out = '';
  for await (const c of csvChunks(t)) out += c;
  return out;
}

/**
 * XLSX through exceljs's streaming writer: numbers stored as numbers with a thousands format (Excel
 * in vi-VN shows 509.591 and 118,6), bold headers, the header row frozen.
 */
export function xlsxStream(t: FlatTable, locale: PeriodLocale, slicer = new TimeSlicer()): Readable {
  const out = new PassThrough();
  writeXlsx(out, t, locale, slicer).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

const PLAIN: Partial<ExcelJS.Style> = {};
const WHOLE: Partial<ExcelJS.Style> = { numFmt: '#,##0' };
const DECIMAL: Partial<ExcelJS.Style> = { numFmt: '#,##0.0#' };

async function writeXlsx(out: PassThrough, t: FlatTable, locale: PeriodLocale, slicer: TimeSlicer): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'soyte';
  const ws = wb.addWorksheet(locale === 'vi' ? 'Số liệu' : 'Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.headers.map((_, i) => ({ width: i < t.textColumns ? 36 : 14 }));
  const head = ws.addRow(t.headers);
  head.font = { bold: true };
  head.commit();
  for (const r of t.rows()) {
    const row = ws.addRow(r);
    // One shared style object per kind of cell: exceljs recognises an object it has seen and skips
    // working out its style again (a style object per cell cost about a sixth of the export's time).
    for (let i = 0; i < r.length; i++) {
      const v = r[i];
      row.getCell(i + 1).style = typeof v !== 'number' || i < t.textColumns ? PLAIN : Number.isInteger(v) ? WHOLE : DECIMAL;
    }
    row.commit();
    if (slicer.due(r.length)) {
      await slicer.pause();
      // The client reads slower than we write: wait for it (or stop when it has gone away).
      if (out.writableNeedDrain) await drained(out);
      if (out.destroyed) return;
    }
  }
  ws.commit();
  await wb.commit();
}

/** Resolves when the stream can take more, or has been closed (a client that hung up). */
function drained(stream: PassThrough): Promise<void> {
  const ac = new AbortController();
  return Promise.race([once(stream, 'drain', { signal: ac.signal }), once(stream, 'close', { signal: ac.signal })])
    .then(() => undefined, () => undefined)
    .finally(() => ac.abort());
}
