import { sql, type Kysely } from 'kysely';

// The notification centre (issue 13 §5), shared by every module.
// - notification: one notice for one user. Its text is not stored: `kind` names the messages
//   (notification.<kind>.title / .body) and `params` fills them, so it is written in the reader's
//   language when read (the request's) or mailed (the user's). `dedupe_key` is unique per user, so a
//   daily notice ("due soon", "overdue") is never written twice, whoever computes it.
// - notification_email: the outbox of mails, written in the same transaction as the notification
//   (a restart never loses one); a sender claims rows with a lease (never two senders on one mail).
// - scheduler_run: one row per daily job and day; claimed in the job's own transaction, so a run is
//   done once (two processes, a restart) and a failed one is tried again later that day.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table notification (
  id bigserial primary key,
  user_id text not null references app_user (id) on delete cascade,
  kind text not null,
  params jsonb not null default '{}'::jsonb,
  link text,
  subject_type text,
  subject_id text,
  dedupe_key text,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  emailed_at timestamptz,
  unique (user_id, dedupe_key)
);
create index notification_user_idx on notification (user_id, id desc);
create index notification_unread_idx on notification (user_id) where read_at is null;
create index notification_subject_idx on notification (subject_type, subject_id);

create table notification_email (
  id bigserial primary key,
  notification_id bigint not null unique references notification (id) on delete cascade,
  to_address text not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  attempts int not null default 0,
  last_error text,
  next_attempt_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notification_email_due_idx on notification_email (next_attempt_at) where status = 'queued';

create table scheduler_run (
  job text not null,
  run_key text not null,
  status text not null check (status in ('running', 'done', 'failed')),
  attempts int not null default 1,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  next_attempt_at timestamptz,
  result jsonb,
  error text,
  primary key (job, run_key)
);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists notification_email; drop table if exists notification; drop table if exists scheduler_run;`.execute(db);
}
