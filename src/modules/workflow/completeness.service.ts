// Completeness and timeliness of a data set over a subtree and a period range: per sub-unit and
// period, forms expected / reported (completed or approved) / on time / late / missing, with rates;
// as JSON, CSV or XLSX (Vietnamese headers). Text cells of the exports are neutralised (safeCell):
// a unit named "=HYPERLINK(…)" shows as text in a spreadsheet, it does not run.
import ExcelJS from 'exceljs';
import { requireAccess, requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, notFound, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { parsePeriod, periodOf, periodsBetween, previousPeriod, type Period, type PeriodType } from '../../lib/periods.js';
import { safeCell } from '../../lib/spreadsheet.js';
import { unitOrFail, unitRef } from '../datavalues/datavalues.service.js';
import * as completenessRepo from './completeness.repo.js';
import {
  CompletenessQuery,
  MAX_COMPLETENESS_PERIODS,
  type CompletenessCounts,
  type CompletenessReport,
} from './workflow.contract.js';
import * as repo from './workflow.repo.js';

export type { CompletenessCounts, CompletenessReport } from './workflow.contract.js';

/** Percent with one decimal (reporting and on-time rates). */
export const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

function counts(r: { expected: number; reported: number; on_time: number }): CompletenessCounts {
  return {
    expected: r.expected,
    reported: r.reported,
    onTime: r.on_time,
    late: r.reported - r.on_time,
    missing: r.expected - r.reported,
    reportingRate: rate(r.reported, r.expected),
    onTimeRate: rate(r.on_time, r.expected),
  };
}

function periodRange(type: PeriodType, start?: string, end?: string): Period[] {
  const parse1 = (iso: string, field: string) => {
    const p = parsePeriod(iso);
    if (!p || p.type !== type) throw validation({ [field]: 'workflow.periodType' });
    return p;
  };
  const to = end ? parse1(end, 'endPeriod') : periodOf(type, todayVn());
  let from: Period;
  if (start) from = parse1(start, 'startPeriod');
  else {
    from = to;
    for (let i = 0; i < (type === 'Monthly' ? 11 : type === 'Quarterly' ? 3 : 1); i++) from = previousPeriod(from);
  }
  if (from.start > to.start) throw validation({ startPeriod: 'field.invalid' });
  const list = periodsBetween(from, to);
  if (list.length > MAX_COMPLETENESS_PERIODS) {
    throw new AppError('VALIDATION_FAILED', 'workflow.tooManyPeriods', { fields: { startPeriod: 'workflow.tooManyPeriods' } }, { max: MAX_COMPLETENESS_PERIODS });
  }
  return list;
}

export async function completenessReport(ctx: Ctx, input: unknown): Promise<{ format: 'json' | 'csv' | 'xlsx'; report: CompletenessReport }> {
  requirePermission(ctx, 'data:read');
  const q = parse(CompletenessQuery, input);
  const ds = await ctx.use(repo).findDataSet(q.dataSet);
  if (!ds) throw notFound('dataSet', q.dataSet);
  const unit = await unitOrFail(ctx, q.orgUnit);
  await requireAccess(ctx, { permission: 'data:read', unit: unit.id });
  const periods = periodRange(ds.period_type, q.startPeriod, q.endPeriod);
  const tree = ctx.use(completenessRepo);
  const [rows, totals] = await Promise.all([
    tree.completeness(ds.id, unit.id, periods, q.level),
    tree.completeness(ds.id, unit.id, periods, 'self'),
  ]);
  return {
    format: q.format,
    report: {
      dataSet: { id: ds.id, code: ds.code, name: ds.name, nameEn: ds.name_en, periodType: ds.period_type },
      orgUnit: unitRef(unit),
      level: q.level,
      periods: periods.map((p) => p.iso),
      rows: rows.map((r) => ({ orgUnit: { id: r.unit_id, code: r.code, name: r.name }, period: r.iso, ...counts(r) })),
      totals: totals.map((r) => ({ period: r.iso, ...counts(r) })),
    },
  };
}

/** Vietnamese label of a period: "Tháng 5/2024", "Quý 2/2024", "6 tháng đầu năm 2024", "Năm 2024". */
export function periodLabelVi(iso: string): string {
  const p = parsePeriod(iso);
  if (!p) return iso;
  if (p.type === 'Monthly') return `Tháng ${p.index}/${p.year}`;
  if (p.type === 'Quarterly') return `Quý ${p.index}/${p.year}`;
  if (p.type === 'SixMonthly') return `6 tháng ${p.index === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
  return `Năm ${p.year}`;
}

const HEADERS = [
  'Mã đơn vị', 'Tên đơn vị', 'Kỳ', 'Mã kỳ', 'Số báo cáo phải nộp', 'Đã nộp', 'Nộp đúng hạn', 'Nộp muộn', 'Chưa nộp',
  'Tỷ lệ nộp (%)', 'Tỷ lệ đúng hạn (%)',
];

function tableRows(rep: CompletenessReport): (string | number | null)[][] {
  const line = (code: string, name: string, period: string, c: CompletenessCounts) => [
    code, name, periodLabelVi(period), period, c.expected, c.reported, c.onTime, c.late, c.missing, c.reportingRate, c.onTimeRate,
  ];
  return [
    ...rep.rows.map((r) => line(r.orgUnit.code, r.orgUnit.name, r.period, r)),
    ...rep.totals.map((t) => line(rep.orgUnit.code, `Tổng ${rep.orgUnit.name}`, t.period, t)),
  ];
}

const csvCell = (v: string | number | null) => {
  if (v === null) return '';
  const s = typeof v === 'string' ? safeCell(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV (UTF-8 with BOM so Excel shows Vietnamese letters). */
export function toCsv(rep: CompletenessReport): string {
  return `\ufeff${[HEADERS, ...tableRows(rep)].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(rep: CompletenessReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'soyte';
  const ws = wb.addWorksheet('Tính đầy đủ');
  ws.addRow([safeCell(`Tính đầy đủ và kịp thời: ${rep.dataSet.name}`)]).font = { bold: true, size: 13 };
  ws.addRow([safeCell(`Đơn vị: ${rep.orgUnit.name} (${rep.orgUnit.code}); kỳ ${periodLabelVi(rep.periods[0]!)} – ${periodLabelVi(rep.periods.at(-1)!)}`)]);
  ws.addRow([]);
  const head = ws.addRow(HEADERS);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  for (const r of tableRows(rep)) ws.addRow(r.map((v) => (typeof v === 'string' ? safeCell(v) : v)));
  const widths = [12, 36, 20, 10, 12, 10, 12, 10, 10, 12, 14];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(10).numFmt = '0.0';
  ws.getColumn(11).numFmt = '0.0';
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function fileName(rep: CompletenessReport, ext: string) {
  return `hoan-thanh_${rep.dataSet.code}_${rep.orgUnit.code}_${rep.periods[0]}-${rep.periods.at(-1)}.${ext}`;
}
