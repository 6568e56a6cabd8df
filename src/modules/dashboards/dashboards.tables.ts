// Table types of dashboards (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended
// validity is 'infinity'. Declaration merging adds the tables to the database's DB type.
import type { ColumnType, Generated } from 'kysely';

export interface DashboardTable {
  id: string;
  name: string;
  owner_id: string | null;
  org_unit_id: string | null;
  level_kind: 'province' | 'centre' | 'station' | null;
  items: ColumnType<unknown, string, string>;
  sort_order: Generated<number>;
  shared: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

declare module '../../db/schema.js' {
  interface DB {
    dashboard: DashboardTable;
  }
}
