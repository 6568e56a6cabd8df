// Table types of the notification centre (Kysely): notices, the email outbox and the daily jobs' runs.
// Declaration merging adds the tables to the database's DB type.
import type { ColumnType, Generated } from 'kysely';

/** bigserial ids: numbers here (src/db/connection.ts parses int8), strings in the API. */
type BigId = ColumnType<number, never, never>;
type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface NotificationTable {
  id: BigId;
  user_id: string;
  kind: string;
  params: Json;
  link: string | null;
  subject_type: string | null;
  subject_id: string | null;
  dedupe_key: string | null;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
  emailed_at: Timestamp | null;
}

export type EmailStatus = 'queued' | 'sent' | 'failed';

export interface NotificationEmailTable {
  id: BigId;
  notification_id: number;
  to_address: string;
  status: Generated<EmailStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Generated<Date>;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
}

export type RunStatus = 'running' | 'done' | 'failed';

export interface SchedulerRunTable {
  job: string;
  run_key: string;
  status: RunStatus;
  attempts: Generated<number>;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  next_attempt_at: Timestamp | null;
  result: Json | null;
  error: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    notification: NotificationTable;
    notification_email: NotificationEmailTable;
    scheduler_run: SchedulerRunTable;
  }
}
