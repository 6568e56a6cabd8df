// The analytics module's contract: the parameters of GET /api/analytics (.json, .csv, .xlsx) and of
// GET /api/analytics/values (zod, validated by the server), and their answers (types, imported by the
// web app). Pure: no server code.
import { z } from 'zod';
import { isoDate } from '../../core/fields.js';

// ---------------------------------------------------------------------------------------------
// GET /api/analytics — DHIS2's parameters. The meaning of each (dimension=dx:A;B, filter=pe:…,
// idScheme, structure …) is checked by dhis2-request.ts, which answers in DHIS2's terms (an unknown
// parameter is UNSUPPORTED, 409, not a validation error); here only the shape and the sizes.

/** Longest value of one parameter: a dx dimension of a few thousand codes fits, a megabyte does not. */
export const MAX_PARAM_CHARS = 100_000;
/** `dimension` and `filter` may repeat; more than this many of them is never a real request. */
export const MAX_PARAM_REPEATS = 20;

const paramValue = z.string().max(MAX_PARAM_CHARS, 'field.tooLong');
const param = z.union([paramValue, z.array(paramValue).max(MAX_PARAM_REPEATS, 'field.tooLong')]);

/** Query string of GET /api/analytics: every parameter a string or a repeated string. */
export const AnalyticsParams = z.record(param);
export type AnalyticsParams = Record<string, string | string[]>;

export type DimensionId = 'dx' | 'pe' | 'ou' | 'co';

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

/** GET /api/analytics(.json): DHIS2's answer. Rows hold ids (per outputIdScheme) and the value as text. */
export interface Dhis2AnalyticsResponse {
  headers: Dhis2Header[];
  metaData?: {
    items: Record<string, Dhis2MetaItem>;
    dimensions: Partial<Record<DimensionId, string[]>>;
    /** soyte's addition (DHIS2 clients ignore it): reporting behind each (period, unit) of the answer. */
    completeness?: AnswerCompleteness;
  };
  rows: string[][];
  height: number;
  width: number;
  headerWidth: number;
}

/**
 * `details` of a 409 QUERY_TOO_LARGE: the answer would have `cells` cells (data items — each option
 * combo of a disaggregated item counts — × periods × units), above `limit` (the server's
 * SOYTE_MAX_QUERY_CELLS for answers, SOYTE_MAX_EXPORT_CELLS for .csv/.xlsx files).
 */
export interface QueryTooLargeDetails {
  cells: number;
  limit: number;
  /** Data items after expanding disaggregations (DE.*, dimension=co). */
  dataItems: number;
  periods: number;
  orgUnits: number;
  kind: 'query' | 'export';
}

// ---------------------------------------------------------------------------------------------
// GET /api/analytics/values — values with their comparisons (contract A of issue 4)

export const COMPARISONS = ['lastYear', 'previous', 'ytd', 'plan', 'reporting'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** At most this many data items in one values request. */
export const MAX_VALUES_ITEMS = 50;

export const ValuesQuery = z.object({
  /** Data items by uid or code, `;`-separated; DE.COC for one option combo. */
  dx: z.string().trim().min(1).max(4000),
  /** One period: a range id (202405, 2024Q2, 2024YTD05, 202401-202405 …) or a relative keyword. */
  pe: z.string().trim().min(1).max(40),
  ou: z.string().trim().min(1).max(100),
  ouMode: z
    .string()
    .trim()
    .regex(/^(self|children|level-([1-9]|1\d|20))$/i, 'analytics.values.badOuMode')
    .default('self'),
  /** Comparisons to compute, `,`-separated (default: all). */
  compare: z.string().trim().max(200).optional(),
  structure: z.enum(['historical', 'current'], { message: 'analytics.values.badStructure' }).default('historical'),
  asOf: isoDate.optional(),
});
export type ValuesQuery = z.input<typeof ValuesQuery>;

export interface ValuesPeriod {
  id: string;
  name: string;
  start: string;
  end: string;
}

export interface ValuesItem {
  /** The data element or indicator id; "deId.cocId" for one option combo of an element; a register figure's code. */
  id: string;
  code: string;
  name: string;
  kind: 'dataElement' | 'indicator' | 'figure';
  /** Register figures: a count, or a share (its value is a percent). */
  figureKind?: 'count' | 'share';
}

export interface ValuesOrgUnit {
  id: string;
  code: string;
  name: string;
  level: number;
}

export interface Change {
  abs: number;
  /** abs ÷ the earlier value × 100 (2 decimals); null when the earlier value is 0. */
  percent: number | null;
}

export interface ValuesRow {
  dx: string;
  ou: string;
  value: number | null;
  lastYear: number | null;
  previous: number | null;
  ytd: number | null;
  changeLastYear: Change | null;
  changePrevious: Change | null;
  /** The unit's annual target of the period's year (plan_target); percents with 2 decimals. */
  plan: { target: number; ytdPercent: number | null; periodPercent: number | null } | null;
  /**
   * How many of the units expected to report this item for the period did (the least complete of
   * the data sets holding the item); null when no data set of the item has a form inside the period.
   * Below the threshold, `changeLastYear`, `changePrevious` and `plan` compare a partial total: a
   * client must not show them as a plain rise or drop (docs/analytics.md, "Completeness").
   */
  completeness: Completeness | null;
}

/** GET /api/analytics: completeness per (period id, unit uid) of the answer; absent cells: nothing expected. */
export interface AnswerCompleteness {
  threshold: number;
  cells: (Completeness & { pe: string; ou: string })[];
}

/** Units that report: "5/8 trạm đã báo cáo" (station), "trung tâm" (centre), "đơn vị" (other). */
export type ReportingUnitKind = 'station' | 'centre' | 'unit';

/** Forms expected and reported behind a total, with the threshold below which it is incomplete. */
export interface Completeness {
  /** Code and name of the data set (the least complete one when the item is in several). */
  dataSet: string;
  dataSetName: string;
  expected: number;
  reported: number;
  /** reported ÷ expected × 100 (one decimal); null when nothing is expected. */
  percent: number | null;
  /** The server's SOYTE_COMPLETENESS_THRESHOLD (percent, default 90). */
  threshold: number;
  /** percent ≥ threshold: the total is comparable with another period or a plan. */
  complete: boolean;
  /** Forms per unit inside the period (1: expected/reported count units; 3: a quarter of a monthly form). */
  formsPerUnit: number;
  unitKind: ReportingUnitKind;
}

export interface ReportingRow {
  ou: string;
  /** The data set's code (for programs); `dataSetName` is what a user reads. */
  dataSet: string;
  dataSetName: string;
  expected: number;
  reported: number;
  onTime: number;
  /** Percent with one decimal (as the workflow's completeness); null when nothing is expected. */
  reportingRate: number | null;
  onTimeRate: number | null;
}

/** GET /api/analytics/values. A comparison period is null when not asked for (or before 1900). */
export interface ValuesResponse {
  period: ValuesPeriod;
  lastYearPeriod: ValuesPeriod | null;
  previousPeriod: ValuesPeriod | null;
  ytdPeriod: ValuesPeriod | null;
  items: ValuesItem[];
  orgUnits: ValuesOrgUnit[];
  rows: ValuesRow[];
  reporting: ReportingRow[];
  /** SOYTE_COMPLETENESS_THRESHOLD: a row whose completeness is below it has partial totals. */
  completenessThreshold: number;
}

/** GET /api/analytics/figures: one register figure (analytics/figures.ts), usable as a data item by its code. */
export interface FigureSummary {
  code: string;
  /** In the caller's language. */
  name: string;
  /** 'count' (summed over a subtree) or 'share' (a percent of summed parts). */
  kind: 'count' | 'share';
  /** The module that computes it (equipment, facilities …). */
  module: string;
}
