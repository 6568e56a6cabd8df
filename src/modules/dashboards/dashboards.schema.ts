// The shape of a dashboard and its items, validated with zod on every save. The web app keeps a copy
// of these types (web/src/pages/dashboards/types.ts).
//
// An item reads data items (codes: a data element, `DE.COC` for one option combo, or an indicator)
// for a period and units given RELATIVE to the dashboard, so one definition serves any unit/period:
//   period  dashboard        the dashboard's period (e.g. 202405)
//           dashboardMonths  each month from January of that period's year to its last month
//           dashboardLast12Months  the 12 months ending with the dashboard period
//           dashboardYtd     year to date up to the end of the dashboard period ("lũy kế", 2024YTD05)
//           relative         a DHIS2 relative keyword (LAST_12_MONTHS …), relative to today
//           fixed            a period id (202405, 2024Q2, 2024N9, 202401-202405 …)
//   unit    dashboard        the dashboard's unit (its whole subtree, one row)
//           children         each child unit of the dashboard unit
//           level            each unit of that level inside the dashboard unit
import { z } from 'zod';
import { isRelativePeriod, parseRange } from '../../lib/periods.js';

export const LEVEL_KINDS = ['province', 'centre', 'station'] as const;
export type LevelKind = (typeof LEVEL_KINDS)[number];

export const ITEM_TYPES = ['chart', 'table', 'kpi', 'map'] as const;
export const CHART_TYPES = ['line', 'bar', 'stacked', 'pie'] as const;
export const COMPARISONS = ['plan', 'lastYear', 'previous'] as const;

const periodSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dashboard') }).strict(),
  z.object({ kind: z.literal('dashboardMonths') }).strict(),
  z.object({ kind: z.literal('dashboardLast12Months') }).strict(),
  z.object({ kind: z.literal('dashboardYtd') }).strict(),
  z.object({ kind: z.literal('relative'), keyword: z.string().refine(isRelativePeriod, 'dashboard.badRelativePeriod') }).strict(),
  z.object({ kind: z.literal('fixed'), id: z.string().refine((s) => parseRange(s) !== null, 'dashboard.badPeriod') }).strict(),
], { errorMap: (issue, ctx) => ({ message: issue.code === 'invalid_union_discriminator' ? 'dashboard.badPeriodKind' : ctx.defaultError }) });

const unitSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dashboard') }).strict(),
  z.object({ kind: z.literal('children') }).strict(),
  z.object({ kind: z.literal('level'), level: z.number().int().min(1).max(10) }).strict(),
], { errorMap: (issue, ctx) => ({ message: issue.code === 'invalid_union_discriminator' ? 'dashboard.badUnitKind' : ctx.defaultError }) });

/** A data item reference: CODE or CODE.OPTIONCOMBO (codes are upper-case words). */
const dataRef = z.string().trim().regex(/^[A-Za-z0-9_]{1,100}(\.[A-Za-z0-9_]{1,100})?$/, 'dashboard.badDataRef');

export const itemSchema = z
  .object({
    id: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, 'dashboard.badItemId'),
    type: z.enum(ITEM_TYPES),
    chartType: z.enum(CHART_TYPES).optional(),
    title: z.string().trim().max(200).optional(),
    titleEn: z.string().trim().max(200).optional(),
    data: z.array(dataRef).min(1, 'dashboard.dataRequired').max(20),
    period: periodSpec,
    unit: unitSpec,
    /** kpi: which comparisons the tile shows. */
    compare: z.array(z.enum(COMPARISONS)).max(3).optional(),
    /** table: values of the data items, or the reporting rates of the units. */
    show: z.enum(['values', 'reporting']).optional(),
    /** Grid columns out of 12. */
    width: z.number().int().min(3).max(12).optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (item.type === 'chart' && !item.chartType) issue('chartType', 'dashboard.chartTypeRequired');
    if (item.type !== 'chart' && item.chartType) issue('chartType', 'dashboard.chartTypeOnlyForCharts');
    if (item.type === 'kpi') {
      if (item.data.length !== 1) issue('data', 'dashboard.kpiOneItem');
      if (item.unit.kind !== 'dashboard') issue('unit', 'dashboard.kpiUnit');
      if (!isSinglePeriod(item.period)) issue('period', 'dashboard.singlePeriod');
    } else if (item.compare) issue('compare', 'dashboard.compareOnlyForKpi');
    if (item.type === 'map') {
      if (item.data.length !== 1) issue('data', 'dashboard.mapOneItem');
      if (item.unit.kind === 'dashboard') issue('unit', 'dashboard.mapUnit');
      if (!isSinglePeriod(item.period)) issue('period', 'dashboard.singlePeriod');
    }
    if (item.type === 'table' && item.show === 'reporting' && !isSinglePeriod(item.period)) issue('period', 'dashboard.singlePeriod');
    if (item.type !== 'table' && item.show) issue('show', 'dashboard.showOnlyForTables');
  });

export type PeriodSpec = z.infer<typeof periodSpec>;
export type UnitSpec = z.infer<typeof unitSpec>;
export type DashboardItem = z.infer<typeof itemSchema>;

/** Whether a period spec stands for one period (KPI tiles, maps and reporting tables need one). */
export function isSinglePeriod(p: PeriodSpec): boolean {
  if (p.kind === 'dashboardMonths' || p.kind === 'dashboardLast12Months') return false;
  if (p.kind === 'relative') return ['THIS_MONTH', 'LAST_MONTH', 'THIS_QUARTER', 'LAST_QUARTER', 'THIS_SIX_MONTH', 'LAST_SIX_MONTH', 'THIS_YEAR', 'LAST_YEAR', 'YEAR_TO_DATE', 'LAST_MONTH_YEAR_TO_DATE'].includes(p.keyword);
  return true;
}

export const itemsSchema = z.array(itemSchema).max(40).superRefine((items, ctx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'id'], message: 'dashboard.duplicateItemId' });
    seen.add(item.id);
  });
});

export const dashboardInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    levelKind: z.enum(LEVEL_KINDS).nullable().optional(),
    items: itemsSchema,
    sortOrder: z.number().int().min(-1000).max(1000).optional(),
    shared: z.boolean().optional(),
  })
  .strict();

export type DashboardInput = z.infer<typeof dashboardInput>;

export const copyInput = z.object({ name: z.string().trim().min(1).max(200).optional() }).strict();
