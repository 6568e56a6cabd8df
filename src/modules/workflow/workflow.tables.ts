// Table types of form states and their events (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended
// validity is 'infinity'. Declaration merging adds the tables to the database's DB type.
import type { Generated } from 'kysely';
import type { FormAction, FormState } from './workflow.contract.js';

export type { FormState } from './workflow.contract.js';

export interface FormStatusTable {
  data_set_id: string;
  org_unit_id: string;
  period_id: number;
  state: FormState;
  completed_at: Date | null;
  completed_by: string | null;
  completion_comment: string | null;
  on_time: boolean | null;
  approved_at: Date | null;
  approved_by: string | null;
  updated_at: Generated<Date>;
}

export interface FormEventTable {
  id: Generated<number>;
  data_set_id: string;
  org_unit_id: string;
  period_id: number;
  action: FormAction;
  comment: string | null;
  user_id: string | null;
  username: string | null;
  at: Generated<Date>;
}

declare module '../../db/schema.js' {
  interface DB {
    form_status: FormStatusTable;
    form_event: FormEventTable;
  }
}
