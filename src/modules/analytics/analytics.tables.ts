// Table types of the rollup of values up the tree (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended
// validity is 'infinity'. Declaration merging adds the tables to the database's DB type.
import type { Generated } from 'kysely';

export interface DataValueRollupTable {
  x: number;
  de: number;
  pe: number;
  co: number;
  num: number;
  n: number;
}

export interface AnalyticsStateTable {
  id: Generated<boolean>;
  hierarchy_version: Generated<number>;
}

declare module '../../db/schema.js' {
  interface DB {
    data_value_rollup: DataValueRollupTable;
    analytics_state: AnalyticsStateTable;
  }
}
