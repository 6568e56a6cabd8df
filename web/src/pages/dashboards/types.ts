// Dashboards on the client: the API's shapes (mirroring src/modules/dashboards/dashboards.schema.ts)
// and the analytics answers the items read.

export type LevelKind = 'province' | 'centre' | 'station';
export type ItemType = 'chart' | 'table' | 'kpi' | 'map';
export type ChartType = 'line' | 'bar' | 'stacked' | 'pie';
export type Comparison = 'plan' | 'lastYear' | 'previous';

export type PeriodSpec =
  | { kind: 'dashboard' }
  | { kind: 'dashboardMonths' }
  | { kind: 'dashboardLast12Months' }
  | { kind: 'dashboardYtd' }
  | { kind: 'relative'; keyword: string }
  | { kind: 'fixed'; id: string };

export type UnitSpec = { kind: 'dashboard' } | { kind: 'children' } | { kind: 'level'; level: number };

export interface DashboardItem {
  id: string;
  type: ItemType;
  chartType?: ChartType;
  title?: string;
  titleEn?: string;
  data: string[];
  period: PeriodSpec;
  unit: UnitSpec;
  compare?: Comparison[];
  show?: 'values' | 'reporting';
  width?: number;
}

export interface DashboardSummary {
  id: string;
  name: string;
  builtin: boolean;
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

export interface Dashboard extends DashboardSummary {
  items: DashboardItem[];
}

export interface DashboardInput {
  name: string;
  levelKind?: LevelKind | null;
  items: DashboardItem[];
  shared?: boolean;
  sortOrder?: number;
}

/** The unit every item follows. */
export interface DashUnit {
  id: string;
  code: string;
  name: string;
  level: number;
  kind: string;
}

/** What every item follows: the dashboard's unit, period (an ISO/soyte period id) and structure. */
export interface DashContext {
  unit: DashUnit;
  period: string;
  structure: 'current' | 'historical';
  /** Drill-down: make this unit the dashboard unit. */
  onDrill: (unitId: string) => void;
}

// ---- GET /api/analytics (DHIS2 shape) ----
export interface Dhis2Response {
  headers: { name: string }[];
  rows: string[][];
  metaData?: {
    items: Record<string, { uid?: string; code?: string; name: string; dimensionItemType?: string }>;
    dimensions: Partial<Record<'dx' | 'pe' | 'ou' | 'co', string[]>>;
  };
}

// ---- GET /api/analytics/values (contract A) ----
export interface ValuesPeriod {
  id: string;
  name: string;
  start: string;
  end: string;
}
export interface ValuesChange {
  abs: number;
  percent: number | null;
}
export interface ValuesRow {
  dx: string;
  ou: string;
  value: number | null;
  lastYear: number | null;
  previous: number | null;
  ytd: number | null;
  changeLastYear: ValuesChange | null;
  changePrevious: ValuesChange | null;
  plan: { target: number; ytdPercent: number | null; periodPercent: number | null } | null;
}
export interface ReportingRow {
  ou: string;
  dataSet: string;
  expected: number;
  reported: number;
  onTime: number;
  reportingRate: number | null;
  onTimeRate: number | null;
}
export interface ValuesResponse {
  period: ValuesPeriod;
  lastYearPeriod: ValuesPeriod | null;
  previousPeriod: ValuesPeriod | null;
  ytdPeriod: ValuesPeriod | null;
  items: { id: string; code: string; name: string; kind: 'dataElement' | 'indicator' }[];
  orgUnits: { id: string; code: string; name: string; level: number }[];
  rows: ValuesRow[];
  reporting?: ReportingRow[];
}
