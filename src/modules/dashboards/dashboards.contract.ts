// The dashboards module's contract: a dashboard and its items as the API takes them (zod, validated on
// every save) and answers them (types, imported by the web app). Pure: no server code.
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
// The items' numbers come from GET /api/analytics and /api/analytics/values, which refuse what is too
// large (409 QUERY_TOO_LARGE); an item is at most 20 data items × 12 periods (one each for the single-
// period kinds) × the units of one level below the dashboard's unit.
import { z } from 'zod';
import { isRelativePeriod, parseRange } from '../../lib/periods.js';
import { nonEmpty } from '../../core/fields.js';
import { LEVEL_KINDS, type LevelKind } from './dashboards.levels.js';

export { LEVEL_KINDS, levelKindOf, type LevelKind } from './dashboards.levels.js';

export const ITEM_TYPES = ['chart', 'table', 'kpi', 'map'] as const;
export const CHART_TYPES = ['line', 'bar', 'stacked', 'pie'] as const;
export const COMPARISONS = ['plan', 'lastYear', 'previous'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export type ChartType = (typeof CHART_TYPES)[number];
/** What a KPI tile compares its value with. */
export type KpiComparison = (typeof COMPARISONS)[number];

const periodSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dashboard') }).strict(),
  z.object({ kind: z.literal('dashboardMonths') }).strict(),
  z.object({ kind: z.literal('dashboardLast12Months') }).strict(),
  z.object({ kind: z.literal('dashboardYtd') }).strict(),
  z.object({ kind: z.literal('relative'), keyword: z.string().max(40).refine(isRelativePeriod, 'dashboard.badRelativePeriod') }).strict(),
  z.object({ kind: z.literal('fixed'), id: z.string().max(40).refine((s) => parseRange(s) !== null, 'dashboard.badPeriod') }).strict(),
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

/** What a save sends (the web app's form). */
export type DashboardInput = z.input<typeof dashboardInput>;
/** A save as the server reads it (parsed). */
export type DashboardData = z.output<typeof dashboardInput>;

export const copyInput = z.object({ name: nonEmpty(200).optional() }).strict();

export type CopyInput = z.input<typeof copyInput>;

// ---------------------------------------------------------------------------------------------
// Answers

/** GET /api/dashboards: one dashboard of the list. */
export interface DashboardSummary {
  id: string;
  name: string;
  builtin: boolean;
  /** The dashboard to open first for this user (the built-in of their unit kind). */
  isDefault: boolean;
  levelKind: LevelKind | null;
  owner: { id: string; username: string } | null;
  orgUnit: { id: string; code: string; name: string } | null;
  shared: boolean;
  sortOrder: number;
  editable: boolean;
  itemCount: number;
  updatedAt: string | null;
}

/** GET /api/dashboards/:id, and the answer of every change. */
export interface Dashboard extends DashboardSummary {
  items: DashboardItem[];
}

export interface DashboardList {
  dashboards: DashboardSummary[];
}

export interface DashboardDeleted {
  deleted: string;
}
