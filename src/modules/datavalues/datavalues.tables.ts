// Table types of periods and data values (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended
// validity is 'infinity'. Declaration merging adds the tables to the database's DB type.
import type { Generated } from 'kysely';

export interface PeriodTable {
  id: Generated<number>;
  iso: string;
  period_type: string;
  start_date: string;
  end_date: string;
}

export interface DataValueTable {
  ou: number;
  de: number;
  pe: number;
  co: number;
  ao: number;
  value: string;
  num: number | null;
  comment: string | null;
  follow_up: Generated<boolean>;
  stored_by: string | null;
  created: Generated<Date>;
  last_updated: Generated<Date>;
}

export interface DataValueAuditTable {
  id: Generated<number>;
  ou: number;
  de: number;
  pe: number;
  co: number;
  ao: number;
  audit_type: 'CREATE' | 'UPDATE' | 'DELETE';
  value: string | null;
  previous_value: string | null;
  comment: string | null;
  source: Generated<string>;
  conflict: Generated<boolean>;
  modified_by: string | null;
  created: Generated<Date>;
}

declare module '../../db/schema.js' {
  interface DB {
    period: PeriodTable;
    data_value: DataValueTable;
    data_value_audit: DataValueAuditTable;
  }
}
