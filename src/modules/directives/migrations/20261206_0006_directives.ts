import { sql, type Kysely } from 'kysely';

// Directives and tasks (issue 13).
// - issuer: the register of issuing bodies (UBND tỉnh, Tỉnh ủy, Bộ Y tế … or a unit of soyte).
// - directive_document: a conclusion notice, official letter, plan …; assigner_unit_id is the unit
//   that follows it up (assigns, confirms, extends its tasks).
// - task: kind 'task' is a unit of work counted in the follow-up; 'group' is a fan-out parent (one
//   child task per unit, progress rolled up); 'series' is a recurring obligation whose occurrences are
//   tasks with series_id and period. deadline is the current (approved) deadline, original_deadline
//   the first one (kept when extended).
// - task_cooperator, task_event (the history, every action), task_extension (requests and decisions),
//   directive_attachment (files with checksums, extracted text), task_feed_token (iCalendar feeds).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table issuer (
  id text primary key,
  name text not null,
  org_unit_id text references org_unit (id),
  created_at timestamptz not null default now()
);
create unique index issuer_name_key on issuer (lower(name));

create table directive_document (
  id text primary key,
  kind text not null check (kind in ('conclusion_notice', 'official_letter', 'plan', 'directive', 'decision', 'oral')),
  number text,
  issued_on date not null,
  issuer_id text not null references issuer (id),
  signer text,
  title text,
  meeting_name text,
  meeting_date date,
  meeting_chair text,
  assigner_unit_id text not null references org_unit (id),
  body text not null default '',
  version int not null default 1,
  created_at timestamptz not null default now(),
  created_by text,
  updated_at timestamptz not null default now(),
  updated_by text
);
create index directive_document_assigner on directive_document (assigner_unit_id, issued_on);

create table task (
  id text primary key,
  document_id text not null references directive_document (id) on delete cascade,
  kind text not null default 'task' check (kind in ('task', 'group', 'series')),
  parent_id text references task (id) on delete cascade,
  series_id text references task (id) on delete cascade,
  period text,
  item text,
  content text not null,
  quote text,
  output text,
  lead_unit_id text references org_unit (id),
  collective text,
  assigner_unit_id text not null references org_unit (id),
  assigner_user_id text,
  status text not null default 'assigned'
    check (status in ('assigned', 'accepted', 'refused', 'in_progress', 'submitted', 'done', 'returned', 'paused', 'withdrawn')),
  paused_from text,
  deadline date,
  original_deadline date,
  ongoing boolean not null default false,
  recurrence jsonb,
  progress int not null default 0 check (progress between 0 and 100),
  completed_on date,
  position int not null default 0,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'task') = (lead_unit_id is not null) or kind = 'series'),
  check (kind <> 'series' or recurrence is not null),
  check (status <> 'done' or completed_on is not null),
  unique (series_id, period)
);
create index task_document on task (document_id, position);
create index task_parent on task (parent_id) where parent_id is not null;
create index task_series on task (series_id) where series_id is not null;
create index task_lead on task (lead_unit_id, deadline);
-- The follow-up summary reads every counted task: the columns it needs, in one index.
create index task_followup on task (deadline) include (lead_unit_id, document_id, status, completed_on, kind);

create table task_cooperator (
  task_id text not null references task (id) on delete cascade,
  org_unit_id text not null references org_unit (id),
  primary key (task_id, org_unit_id)
);
create index task_cooperator_unit on task_cooperator (org_unit_id);

create table task_event (
  id bigint generated always as identity primary key,
  task_id text not null references task (id) on delete cascade,
  action text not null,
  from_status text,
  to_status text,
  comment text,
  progress int,
  details jsonb,
  user_id text,
  username text,
  at timestamptz not null default now()
);
create index task_event_task on task_event (task_id, id);

create table task_extension (
  id text primary key,
  task_id text not null references task (id) on delete cascade,
  previous_deadline date,
  requested_deadline date not null,
  reason text not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  requested_by text,
  requested_at timestamptz not null default now(),
  decided_by text,
  decided_at timestamptz,
  comment text
);
create unique index task_extension_pending on task_extension (task_id) where status = 'pending';

create table directive_attachment (
  id text primary key,
  document_id text references directive_document (id) on delete cascade,
  task_id text references task (id) on delete cascade,
  event_id bigint references task_event (id) on delete set null,
  file_name text not null,
  mime text not null,
  size int not null,
  sha256 text not null,
  content bytea not null,
  text text,
  created_by text,
  created_at timestamptz not null default now()
);
create index directive_attachment_document on directive_attachment (document_id);
create index directive_attachment_task on directive_attachment (task_id);

create table task_feed_token (
  user_id text primary key references app_user (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now()
);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists task_feed_token, directive_attachment, task_extension, task_event, task_cooperator, task, directive_document, issuer`.execute(db);
}
