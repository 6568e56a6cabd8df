// Exports of the pivot table as laid out on screen: XLSX (exceljs, loaded only when asked for) and CSV.
import { safeCell } from '../../../../src/lib/spreadsheet.js';
import { gridToCsv, type PivotGrid } from './pivot';

export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const exportName = (ext: 'xlsx' | 'csv', date = new Date()) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `soyte-pivot-${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}.${ext}`;
};

export function exportCsv(grid: PivotGrid, caption: string[]) {
  const lines = caption.map(safeCell).map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c));
  const csv = gridToCsv(grid);
  const body = caption.length ? '\uFEFF' + lines.join('\r\n') + '\r\n' + csv.slice(1) : csv;
  downloadBlob(new Blob([body], { type: 'text/csv;charset=utf-8' }), exportName('csv'));
}

/**
 * XLSX with the caption lines on top, then the grid: numbers stored as numbers with a thousands
 * format (Excel shows 509.591 in Vietnamese settings), merged header cells, bold headers and totals.
 */
export async function exportXlsx(grid: PivotGrid, caption: string[], sheetName: string) {
  // The browser build of exceljs is a UMD bundle: its exports may arrive as the module's default.
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'soyte';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName.slice(0, 31) || 'Pivot');
  const top = caption.length ? caption.length + 1 : 0; // a blank line after the caption
  caption.forEach((line, i) => {
    ws.getCell(i + 1, 1).value = safeCell(line);
    ws.getCell(i + 1, 1).font = { bold: i === 0 };
  });
  const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
  grid.cells.forEach((row, r) => {
    row.forEach((c, col) => {
      const cell = ws.getCell(top + r + 1, col + 1);
      const header = r < grid.headerRows || col < grid.headerCols;
      const total = grid.totalRows.includes(r) || grid.totalCols.includes(col);
      if (c !== null) {
        if ('number' in c) {
          cell.value = c.number;
          cell.numFmt = Number.isInteger(c.number) ? '#,##0' : '#,##0.0##';
        } else cell.value = safeCell(c.text);
      }
      if (header || total) cell.font = { bold: true };
      if (r < grid.headerRows) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F3F5' } };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      } else if (col < grid.headerCols) cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
    });
  });
  for (const [t, l, b, r] of grid.merges) ws.mergeCells(top + t + 1, l + 1, top + b + 1, r + 1);
  const width = grid.cells.reduce((w, r) => Math.max(w, r.length), 0);
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = c <= grid.headerCols ? 36 : 14;
  ws.views = [{ state: 'frozen', xSplit: grid.headerCols, ySplit: top + grid.headerRows }];
  const buf = await wb.xlsx.writeBuffer();
  downloadBlob(
    new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    exportName('xlsx'),
  );
}
