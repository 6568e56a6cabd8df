// Excel template of one form (data set × unit × period) and reading it back into data values.
// Layout: a visible, protected sheet "Báo cáo" (title, sections as header rows, one row per data
// element, one column per option combo; only value cells are unlocked) and a very hidden sheet
// "_codes" that maps each value cell to its data element and option combo uids.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError, outOfScope } from '../../core/errors.js';
import { parsePeriod, type Period } from '../../lib/periods.js';
import { parse } from '../../core/input.js';
import { loadFormDefinition, type FormElement } from '../datavalues/form.js';
import { type Ctx } from '../../core/context.js';
import { requirePermission } from '../../core/access.js';
import { readableUnits } from './imports.repo.js';
import type { ParsedSet, RawValue } from './parse.js';

const MAIN = 'Báo cáo';
const CODES = '_codes';
const FORMAT = 'soyte-template-1';

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

const templateQuery = z.object({ dataSet: z.string().min(1), orgUnit: z.string().min(1), period: z.string().min(1) });

/** Builds the template workbook; values already stored are pre-filled. */
export async function buildTemplate(ctx: Ctx, input: Record<string, unknown>): Promise<{ buffer: Buffer; filename: string }> {
  requirePermission(ctx, 'data:read');
  const q = parse(templateQuery, input);
  const period = parsePeriod(q.period);
  if (!period) throw new AppError('VALIDATION_FAILED', 'imports.export.badPeriod', { fields: { period: 'field.invalid' } }, { period: q.period });
  const form = await loadFormDefinition(ctx.db, q.dataSet);
  const unit = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'iid', 'code', 'name'])
    .where((eb) => eb.or([eb('id', '=', q.orgUnit), eb('code', '=', q.orgUnit)]))
    .executeTakeFirst();
  if (!unit) throw new AppError('NOT_FOUND', 'notFound.orgUnit', { id: q.orgUnit }, { id: q.orgUnit });
  if (!(await readableUnits(ctx.db, ctx.actor.orgUnitId, [unit.id])).has(unit.id)) throw outOfScope();
  // The unit's name as of the period (units are renamed and merged over time).
  const named = await ctx.db
    .selectFrom('org_unit_version')
    .select('name')
    .where('org_unit_id', '=', unit.id)
    .where('valid_from', '<=', period.end)
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  const unitName = named?.name ?? unit.name;

  const existing = await sql<{ de: number; co: number; value: string }>`
    select v.de, v.co, v.value from data_value v join period p on p.id = v.pe
    join category_option_combo ao on ao.iid = v.ao join category_combo cc on cc.id = ao.category_combo_id and cc.is_default
    where v.ou = ${unit.iid} and p.iso = ${period.iso}
      and v.de = any(${[...form.elements.values()].map((e) => e.iid)}::int[])`.execute(ctx.db);
  const values = new Map(existing.rows.map((r) => [`${r.de}|${r.co}`, r.value]));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'soyte';
  wb.created = new Date();
  const ws = wb.addWorksheet(MAIN, { views: [{ state: 'frozen', ySplit: 4 }], properties: { defaultColWidth: 14 } });
  const codes = wb.addWorksheet(CODES);
  codes.state = 'veryHidden';
  codes.addRow(['format', FORMAT]);
  codes.addRow(['dataSet', form.dataSet.id, form.dataSet.code]);
  codes.addRow(['orgUnit', unit.id, unit.code]);
  codes.addRow(['period', period.iso]);
  codes.addRow(['cell', 'dataElement', 'categoryOptionCombo', 'dataElementCode', 'categoryOptionComboCode']);

  const sections = [...form.sections.filter((s) => s.elements.length), ...(form.unsectioned.length ? [{ name: 'Khác', elements: form.unsectioned }] : [])];
  const width = Math.max(2, ...[...form.elements.values()].map((e) => e.optionCombos.length + 1));
  const codeCol = width + 2; // hidden column with element codes, after the value columns

  const title = `Báo cáo ${periodLabel(period)} — ${unitName}`;
  ws.mergeCells(1, 1, 1, width);
  Object.assign(ws.getCell(1, 1), { value: title });
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = `Bộ biểu mẫu: ${form.dataSet.name} (${form.dataSet.code}) · Đơn vị: ${unitName} (${unit.code}) · Kỳ: ${period.iso}`;
  ws.mergeCells(3, 1, 3, width);
  ws.getCell(3, 1).value = 'Chỉ nhập số liệu vào các ô trắng; không thêm, xóa hay di chuyển dòng, cột. Tải lên tại mục "Nhập dữ liệu".';
  ws.getCell(3, 1).font = { italic: true, color: { argb: 'FF555555' } };
  ws.getColumn(1).width = 60;
  ws.getColumn(codeCol).hidden = true;

  const thin = { style: 'thin' as const, color: { argb: 'FFBBBBBB' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  let rowNo = 5;
  const headerFor = (e: FormElement) => e.optionCombos.map((c) => (e.categoryCombo.isDefault ? 'Giá trị' : c.name));
  for (const s of sections) {
    const sr = ws.getRow(rowNo++);
    sr.getCell(1).value = s.name;
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
      r.getCell(1).value = e.formName || e.name;
      r.getCell(1).border = border;
      r.getCell(codeCol).value = e.code;
      e.optionCombos.forEach((c, k) => {
        const cell = r.getCell(k + 2);
        const v = values.get(`${e.iid}|${c.iid}`);
        if (v !== undefined) cell.value = v !== '' && !Number.isNaN(Number(v)) && /^-?\d/.test(v) ? Number(v) : v;
        cell.protection = { locked: false };
        cell.border = border;
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };
        if (e.valueType !== 'TEXT' && e.valueType !== 'LONG_TEXT' && e.valueType !== 'DATE') cell.numFmt = '#,##0.##';
        codes.addRow([cell.address, e.id, c.id, e.code, c.code ?? '']);
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
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in v) return cellText((v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join(''));
    if ('text' in v) return cellText((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return null;
}

/** Reads a filled template back as uid-keyed rows; `cells` gives each row's cell address. */
export async function readTemplate(buffer: Buffer): Promise<ParsedSet & { cells: string[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'imports.malformed.xlsx', { reason: 'MALFORMED_XLSX' });
  }
  const codes = wb.getWorksheet(CODES);
  const main = wb.getWorksheet(MAIN) ?? wb.worksheets.find((w) => w.name !== CODES);
  if (!codes || !main || String(codes.getCell('B1').value) !== FORMAT) {
    throw new AppError('VALIDATION_FAILED', 'imports.malformed.xlsxTemplate', { reason: 'MALFORMED_XLSX' });
  }
  const orgUnit = String(codes.getCell('B3').value ?? '');
  const period = String(codes.getCell('B4').value ?? '');
  const dataSet = String(codes.getCell('B2').value ?? '');
  const rows: RawValue[] = [];
  const cells: string[] = [];
  codes.eachRow((row, n) => {
    if (n <= 5) return;
    const address = String(row.getCell(1).value ?? '');
    if (!/^[A-Z]+\d+$/.test(address)) return;
    const value = cellText(main.getCell(address).value);
    if (value === null) return;
    rows.push({
      dataElement: String(row.getCell(2).value ?? ''),
      categoryOptionCombo: String(row.getCell(3).value ?? ''),
      attributeOptionCombo: '',
      orgUnit,
      period,
      value,
      comment: null,
      followup: null,
      deleted: false,
    });
    cells.push(address);
  });
  return { dataSet, rows, cells };
}
