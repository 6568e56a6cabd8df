// Table types of documents, tasks and their history (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD'
// strings. Declaration merging adds the tables to the database's DB type.
import type { ColumnType, Generated } from 'kysely';
import type { DocumentKind, Recurrence, TaskKind, TaskStatus } from './directives.contract.js';

type Json<T> = ColumnType<T, string | null, string | null>;

export interface IssuerTable {
  id: string;
  name: string;
  org_unit_id: string | null;
  created_at: Generated<Date>;
}

export interface DirectiveDocumentTable {
  id: string;
  kind: DocumentKind;
  number: string | null;
  issued_on: string;
  issuer_id: string;
  signer: string | null;
  title: string | null;
  meeting_name: string | null;
  meeting_date: string | null;
  meeting_chair: string | null;
  assigner_unit_id: string;
  body: Generated<string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface TaskTable {
  id: string;
  document_id: string;
  kind: Generated<TaskKind>;
  parent_id: string | null;
  series_id: string | null;
  period: string | null;
  item: string | null;
  content: string;
  quote: string | null;
  output: string | null;
  lead_unit_id: string | null;
  collective: string | null;
  assigner_unit_id: string;
  assigner_user_id: string | null;
  status: Generated<TaskStatus>;
  paused_from: string | null;
  deadline: string | null;
  original_deadline: string | null;
  ongoing: Generated<boolean>;
  recurrence: Json<Recurrence | null>;
  progress: Generated<number>;
  completed_on: string | null;
  position: Generated<number>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TaskCooperatorTable {
  task_id: string;
  org_unit_id: string;
}

export interface TaskEventTable {
  id: Generated<number>;
  task_id: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  comment: string | null;
  progress: number | null;
  details: Json<unknown>;
  user_id: string | null;
  username: string | null;
  at: Generated<Date>;
}

export interface TaskExtensionTable {
  id: string;
  task_id: string;
  previous_deadline: string | null;
  requested_deadline: string;
  reason: string;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  requested_by: string | null;
  requested_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Date | null;
  comment: string | null;
}

export interface DirectiveAttachmentTable {
  id: string;
  document_id: string | null;
  task_id: string | null;
  event_id: number | null;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  text: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TaskFeedTokenTable {
  user_id: string;
  token_hash: string;
  created_at: Generated<Date>;
}

declare module '../../db/schema.js' {
  interface DB {
    issuer: IssuerTable;
    directive_document: DirectiveDocumentTable;
    task: TaskTable;
    task_cooperator: TaskCooperatorTable;
    task_event: TaskEventTable;
    task_extension: TaskExtensionTable;
    directive_attachment: DirectiveAttachmentTable;
    task_feed_token: TaskFeedTokenTable;
  }
}
