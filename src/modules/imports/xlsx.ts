// Excel template of one form (data set × unit × period) and reading it back into data values.
// Layout: a visible, protected sheet "Báo cáo" (title, sections as header rows, one row per data
// element, one column per option combo; only value cells are unlocked) and a very hidden sheet
// "_codes" that maps each value cell to its data element and option combo uids.
// Uploaded workbooks are checked as zips first (zip.ts: sizes before inflating, real sizes while
// inflating), then read as a stream (exceljs WorkbookReader): rows go by one at a time and only the
// non-empty cells of the form sheet and the code rows are kept, never the workbook's whole model.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { requireAccess, requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { parsePeriod, type Period } from '../../lib/periods.js';
import { safeCell, safeValue } from '../../lib/spreadsheet.js';
import { loadFormDefinition, type FormElement } from '../datavalues/form.js';
import { TemplateQuery } from './imports.contract.js';
import { restoreCell, type ParsedSet, type RawValue } from './parse.js';
import * as templateRepo from './template.repo.js';
import { checkDeclaredSizes, readZipDirectory, reorderedZip, verifyZip, type ZipEntry, type ZipLimits } from './zip.js';

const MAIN = 'Báo cáo';
const CODES = '_codes';
const FORMAT = 'soyte-template-1';

const MB = 1024 * 1024;
/**
 * Limits of an uploaded workbook, checked on the zip's declared sizes before inflating and on the real
 * sizes while inflating (zip.ts). A template of the largest form has well under 1 MB of sheet XML, and
 * Excel or LibreOffice saving it again (styles per cell, shared strings) stays far below these; the
 * total is `upload.maxInflatedBytes` of the configuration.
 */
export const XLSX_LIMITS = {
  /** An .xlsx has 10–30 entries (sheets, styles, theme, properties, perhaps images). */
  maxEntries: 500,
  /** One worksheet's XML. */
  maxSheetBytes: 64 * MB,
  /** The shared strings table (all text cells). */
  maxSharedStringsBytes: 16 * MB,
  /** Any other entry (styles, theme, drawings, images). */
  maxOtherEntryBytes: 32 * MB,
  /**
   * Highest inflate ratio of an entry larger than ratioGraceBytes: Apache POI's default for Office files
   * (ZipSecureFile's minimum inflate ratio 0.01). Real sheets compress 10–30×; deflate can reach ~1000×.
   */
  maxRatio: 100,
  ratioGraceBytes: 1 * MB,
  /** Non-empty cells of the form sheet plus code rows kept while reading (a template has a few thousand). */
  maxCells: 200_000,
} as const;

/** The zip limits of an uploaded workbook, with the configured total. */
export function xlsxZipLimits(maxInflatedBytes: number): ZipLimits {
  return {
    maxEntries: XLSX_LIMITS.maxEntries,
    maxTotalBytes: maxInflatedBytes,
    maxEntryBytes: (name) =>
      /^xl\/worksheets\/[^/]+\.xml$/i.test(name)
        ? XLSX_LIMITS.maxSheetBytes
        : /^xl\/sharedStrings\.xml$/i.test(name)
          ? XLSX_LIMITS.maxSharedStringsBytes
          : XLSX_LIMITS.maxOtherEntryBytes,
    maxRatio: XLSX_LIMITS.maxRatio,
    ratioGraceBytes: XLSX_LIMITS.ratioGraceBytes,
  };
}

export function periodLabel(p: Period): string {
  switch (p.type) {
    case 'Monthly':
      return `tháng ${p.index}/${p.year}`;
    case 'Quarterly':
      return `quý ${p.index}/${p.year}`;
    case 'SixMonthly':
      return `6 tháng ${p.index === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
    default:
      return `năm ${p.year}`;
  }
}

/** Builds the template workbook; values already stored are pre-filled. Text cells are safe from formula injection. */
export async function buildTemplate(ctx: Ctx, input: unknown): Promise<{ buffer: Buffer; filename: string }> {
  requirePermission(ctx, 'data:read');
  const q = parse(TemplateQuery, input);
  const period = parsePeriod(q.period);
  if (!period) throw new AppError('VALIDATION_FAILED', 'imports.export.badPeriod', { fields: { period: 'field.invalid' } }, { period: q.period });
  const form = await loadFormDefinition(ctx, q.dataSet);
  const repo = ctx.use(templateRepo);
  const unit = await repo.unitByKey(q.orgUnit);
  if (!unit) throw new AppError('NOT_FOUND', 'notFound.orgUnit', { id: q.orgUnit }, { id: q.orgUnit });
  // Readable: inside the actor's subtree at some time (history stays readable after a unit moves).
  await requireAccess(ctx, { unit: unit.id });
  const unitName = (await repo.unitNameOn(unit.id, period.end)) ?? unit.name;
  const existing = await repo.storedFormValues(unit.iid, period.iso, [...form.elements.values()].map((e) => e.iid));
  const values = new Map(existing.map((r) => [`${r.de}|${r.co}`, r.value]));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'soyte';
  wb.created = new Date();
  const ws = wb.addWorksheet(MAIN, { views: [{ state: 'frozen', ySplit: 4 }], properties: { defaultColWidth: 14 } });
  const codes = wb.addWorksheet(CODES);
  codes.state = 'veryHidden';
  // Names and codes come from metadata: text that a spreadsheet could take for a formula is neutralised
  // (lib/spreadsheet.ts); the uids read back are plain identifiers.
  codes.addRow(['format', FORMAT]);
  codes.addRow(['dataSet', form.dataSet.id, safeCell(form.dataSet.code)]);
  codes.addRow(['orgUnit', unit.id, safeCell(unit.code)]);
  codes.addRow(['period', period.iso]);
  codes.addRow(['cell', 'dataElement', 'categoryOptionCombo', 'dataElementCode', 'categoryOptionComboCode']);

  const sections = [...form.sections.filter((s) => s.elements.length), ...(form.unsectioned.length ? [{ name: 'Khác', elements: form.unsectioned }] : [])];
  const width = Math.max(2, ...[...form.elements.values()].map((e) => e.optionCombos.length + 1));
  const codeCol = width + 2; // hidden column with element codes, after the value columns

  const title = `Báo cáo ${periodLabel(period)} — ${unitName}`;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = safeCell(title);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = safeCell(`Bộ biểu mẫu: ${form.dataSet.name} (${form.dataSet.code}) · Đơn vị: ${unitName} (${unit.code}) · Kỳ: ${period.iso}`);
  ws.mergeCells(3, 1, 3, width);
  ws.getCell(3, 1).value = 'Chỉ nhập số liệu vào các ô trắng; không thêm, xóa hay di chuyển dòng, cột. Tải lên tại mục "Nhập dữ liệu".';
  ws.getCell(3, 1).font = { italic: true, color: { argb: 'FF555555' } };
  ws.getColumn(1).width = 60;
  ws.getColumn(codeCol).hidden = true;

  const thin = { style: 'thin' as const, color: { argb: 'FFBBBBBB' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  let rowNo = 5;
  const headerFor = (e: FormElement) => e.optionCombos.map((c) => (e.categoryCombo.isDefault ? 'Giá trị' : safeCell(c.name)));
  for (const s of sections) {
    const sr = ws.getRow(rowNo++);
    sr.getCell(1).value = safeCell(s.name);
    sr.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    for (let c = 1; c <= width; c++) sr.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1C7ED6' } };
    let lastCombo = '';
    for (const e of s.elements) {
      if (e.categoryCombo.id !== lastCombo) {
        lastCombo = e.categoryCombo.id;
        const hr = ws.getRow(rowNo++);
        hr.getCell(1).value = 'Chỉ tiêu';
        headerFor(e).forEach((h, k) => (hr.getCell(k + 2).value = h));
        hr.font = { bold: true };
        for (let c = 1; c <= e.optionCombos.length + 1; c++) {
          hr.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7F5FF' } };
          hr.getCell(c).border = border;
        }
      }
      const r = ws.getRow(rowNo++);
      r.getCell(1).value = safeCell(e.formName || e.name);
      r.getCell(1).border = border;
      r.getCell(codeCol).value = safeCell(e.code);
      e.optionCombos.forEach((c, k) => {
        const cell = r.getCell(k + 2);
        const v = values.get(`${e.iid}|${c.iid}`);
        // Stored text is neutralised too; reading the template back removes the apostrophe again.
        if (v !== undefined) cell.value = safeValue(v !== '' && !Number.isNaN(Number(v)) && /^-?\d/.test(v) ? Number(v) : v);
        cell.protection = { locked: false };
        cell.border = border;
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };
        if (e.valueType !== 'TEXT' && e.valueType !== 'LONG_TEXT' && e.valueType !== 'DATE') cell.numFmt = '#,##0.##';
        codes.addRow([cell.address, e.id, c.id, safeCell(e.code), safeCell(c.code ?? '')]);
      });
    }
    rowNo++;
  }
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const safe = `${form.dataSet.code}_${unit.code}_${period.iso}.xlsx`.replace(/[^\w.-]+/g, '_');
  return { buffer, filename: safe };
}

function cellText(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'string') return v.trim() === '' ? null : restoreCell(v.trim());
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in v && Array.isArray(v.richText)) return cellText(v.richText.map((t) => String(t?.text ?? '')).join(''));
    if ('text' in v) return cellText((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return null;
}

export interface ReadTemplateOptions {
  /** Most uncompressed bytes of the whole workbook (configuration: upload.maxInflatedBytes). */
  maxInflatedBytes: number;
  /**
   * Called with the workbook's declared uncompressed size once it passed the limits, before anything is
   * inflated: where the server reserves its memory budget (it may throw to refuse).
   */
  beforeInflate?(bytes: number): void;
}

const tooManyCells = () =>
  new AppError('PAYLOAD_TOO_LARGE', 'imports.xlsx.tooManyCells', { reason: 'TOO_MANY_CELLS', max: XLSX_LIMITS.maxCells }, { max: XLSX_LIMITS.maxCells });

interface CodeRow {
  address: string;
  dataElement: string;
  categoryOptionCombo: string;
}

/** What reading the sheets keeps: the non-empty cells of the form sheet and the rows of the code sheet. */
interface TemplateSheets {
  cells: Map<string, string> | null;
  header: Map<string, string>;
  codes: CodeRow[] | null;
}

type SheetReader = AsyncIterable<ExcelJS.Row> & { name?: string };

/**
 * The workbook's parts before its sheets: the streaming reader parks a sheet that comes before the
 * shared strings (Excel and exceljs write them after) in a temporary file and reads it again at the end;
 * read in this order, sheets go straight through (~6× faster for a template).
 */
function partRank(name: string): number {
  if (/^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml)$/i.test(name)) return 0;
  return /^xl\/worksheets\//i.test(name) ? 2 : 1;
}

/** Reads the sheets as a stream, keeping only what readTemplate needs (at most XLSX_LIMITS.maxCells cells). */
async function readSheets(buffer: Buffer, entries: ZipEntry[]): Promise<TemplateSheets> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(reorderedZip(buffer, entries, partRank)), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // number formats tell dates from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const out: TemplateSheets = { cells: null, header: new Map(), codes: null };
  let named = false; // the form sheet found by its name (else: the first sheet that is not the code sheet)
  let budget: number = XLSX_LIMITS.maxCells;
  const spend = () => {
    if (--budget < 0) throw tooManyCells();
  };
  for await (const sheet of reader as AsyncIterable<SheetReader>) {
    let kind: 'codes' | 'form' | 'skip' | undefined;
    let cells: Map<string, string> | null = null;
    let codes: CodeRow[] | null = null;
    for await (const row of sheet) {
      if (kind === undefined) {
        // The code sheet is known by its first row (its name may be lost by other spreadsheet programs).
        if (row.number === 1 && cellText(row.getCell(1).value) === 'format' && cellText(row.getCell(2).value) === FORMAT) kind = out.codes ? 'skip' : 'codes';
        else if (sheet.name === MAIN && !named) kind = 'form';
        else kind = out.cells || named ? 'skip' : 'form';
        if (kind === 'codes') codes = [];
        if (kind === 'form') cells = new Map();
      }
      if (kind === 'codes') {
        if (row.number <= 4) out.header.set(`B${row.number}`, cellText(row.getCell(2).value) ?? '');
        if (row.number <= 5) continue;
        const address = cellText(row.getCell(1).value) ?? '';
        if (!/^[A-Z]{1,3}\d{1,7}$/.test(address)) continue;
        spend();
        codes!.push({ address, dataElement: cellText(row.getCell(2).value) ?? '', categoryOptionCombo: cellText(row.getCell(3).value) ?? '' });
      } else if (kind === 'form') {
        row.eachCell((cell) => {
          const text = cellText(cell.value);
          if (text === null) return;
          spend();
          cells!.set(cell.address, text);
        });
      }
    }
    if (kind === 'codes') out.codes = codes;
    if (kind === 'form') {
      if (out.cells) budget += out.cells.size; // an unnamed candidate replaced by the sheet named MAIN
      out.cells = cells;
      named ||= sheet.name === MAIN;
    }
  }
  return out;
}

/**
 * Reads a filled template back as uid-keyed rows; `cells` gives each row's cell address. The upload is
 * checked as a zip first (limits, then real sizes: zip.ts) and only then read, as a stream.
 */
export async function readTemplate(buffer: Buffer, opts: ReadTemplateOptions): Promise<ParsedSet & { cells: string[] }> {
  const entries = readZipDirectory(buffer, XLSX_LIMITS.maxEntries);
  const declared = checkDeclaredSizes(entries, xlsxZipLimits(opts.maxInflatedBytes));
  opts.beforeInflate?.(declared);
  await verifyZip(buffer, entries);
  let sheets: TemplateSheets;
  try {
    sheets = await readSheets(buffer, entries);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION_FAILED', 'imports.malformed.xlsx', { reason: 'MALFORMED_XLSX' });
  }
  const { cells: main, codes, header } = sheets;
  if (!codes || !main || header.get('B1') !== FORMAT) {
    throw new AppError('VALIDATION_FAILED', 'imports.malformed.xlsxTemplate', { reason: 'MALFORMED_XLSX' });
  }
  const dataSet = header.get('B2') ?? '';
  const orgUnit = header.get('B3') ?? '';
  const period = header.get('B4') ?? '';
  const rows: RawValue[] = [];
  const addresses: string[] = [];
  for (const c of codes) {
    const value = main.get(c.address);
    if (value === undefined) continue;
    rows.push({
      dataElement: c.dataElement,
      categoryOptionCombo: c.categoryOptionCombo,
      attributeOptionCombo: '',
      orgUnit,
      period,
      value,
      comment: null,
      followup: null,
      deleted: false,
    });
    addresses.push(c.address);
  }
  return { dataSet, rows, cells: addresses };
}
