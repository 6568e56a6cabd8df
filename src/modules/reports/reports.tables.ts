// Table types of report templates and reports (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended
// validity is 'infinity'. Declaration merging adds the tables to the database's DB type.
import type { ColumnType, Generated } from 'kysely';

export interface ReportTemplateTable {
  id: string;
  code: string;
  name: string;
  unit_kind: 'province' | 'centre' | 'station';
  version: Generated<number>;
  definition: ColumnType<unknown, string, string>;
  builtin: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface ReportTemplateVersionTable {
  template_id: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface ReportTable {
  id: string;
  template_id: string;
  template_version: number;
  org_unit_id: string;
  period: string;
  status: Generated<'draft' | 'final'>;
  number: string | null;
  issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  signer: string | null;
  texts: ColumnType<Record<string, string>, string, string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
  finalised_at: Date | null;
  finalised_by: string | null;
  frozen: ColumnType<unknown, string | null, string | null>;
  figures: ColumnType<unknown, string | null, string | null>;
  data_state: ColumnType<unknown, string | null, string | null>;
}

export interface ReportVersionTable {
  report_id: string;
  version: number;
  status: 'draft' | 'final';
  texts: ColumnType<Record<string, string>, string, string>;
  number: string | null;
  issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  signer: string | null;
  note: string | null;
  saved_at: Generated<Date>;
  saved_by: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    report_template: ReportTemplateTable;
    report_template_version: ReportTemplateVersionTable;
    report: ReportTable;
    report_version: ReportVersionTable;
  }
}
