// The analytics query: what the engine computes, independent of how it was asked (DHIS2's
// /api/analytics parameters, soyte's own endpoint, a report template, a dashboard item).
import type { PeriodRange } from '../../lib/periods.js';

/**
 * A data item: a data element (its total, one option combo, or every option combo), an indicator, or
 * a register figure (figures.ts; its id is its code: figures have no uid).
 */
export type DataItem =
  | { kind: 'dataElement'; id: string; coc?: string | null; byCoc?: boolean }
  | { kind: 'indicator'; id: string }
  | { kind: 'figure'; id: string };

/** Which units' values are aggregated into one row. */
export type OrgUnitSelection =
  | { kind: 'unit'; id: string } // the unit and its whole subtree
  | { kind: 'children'; id: string } // each child of the unit (one row per child)
  | { kind: 'level'; level: number; within?: string } // each unit of a level (optionally inside a subtree)
  | { kind: 'group'; id: string }; // each member unit of an org-unit group

export interface AnalyticsQuery {
  data: DataItem[];
  periods: PeriodRange[];
  orgUnits: OrgUnitSelection[];
  /**
   * 'historical': a value counts for the units above it as the tree was in the value's month.
   * 'current': history is carried into the structure of `asOf` through merge/split links (a closed
   * unit's values go to its successors, split by weight), then aggregated up that structure.
   */
  structure: 'historical' | 'current';
  /** The date of the 'current' structure (default: today in Vietnam). */
  asOf?: string;
}

/** One computed value. `ou` is the id of the unit the row stands for; `co` only when by option combo. */
export interface AnalyticsCell {
  dx: string; // data element or indicator id, or a register figure's code
  co?: string; // option combo id, for byCoc / a single-combo item
  pe: string; // PeriodRange id
  ou: string;
  value: number | null;
  /** For indicators and share figures: the aggregated parts (the value is never an average of rates). */
  numerator?: number | null;
  denominator?: number | null;
}
