// The page's own state that every dashboard item follows (UI only; the API's shapes come from the
// modules' contracts: src/modules/dashboards/dashboards.contract.ts, src/modules/analytics/analytics.contract.ts).

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
