// Table types of the audit log (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended
// validity is 'infinity'. Declaration merging adds the tables to the database's DB type.
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string | undefined, string>;

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  user_id: string | null;
  username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  entity_code: string | null;
  before: Json | null;
  after: Json | null;
  details: Json | null;
}

declare module '../../db/schema.js' {
  interface DB {
    audit_log: AuditLogTable;
  }
}
