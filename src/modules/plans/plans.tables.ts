// Table types of annual plan targets (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended
// validity is 'infinity'. Declaration merging adds the tables to the database's DB type.
import type { Generated } from 'kysely';

export interface PlanTargetTable {
  year: number;
  org_unit_id: string;
  target_type: 'dataElement' | 'indicator';
  target_id: string;
  category_option_combo_id: Generated<string>;
  value: number;
  method: Generated<'manual' | 'lastYearShare' | 'population'>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

declare module '../../db/schema.js' {
  interface DB {
    plan_target: PlanTargetTable;
  }
}
