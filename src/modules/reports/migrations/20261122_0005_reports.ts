import { sql, type Kysely } from 'kysely';

// Narrative reports (issue 5).
// - report_template: the current definition of each template (JSON validated by the service on every
//   save) and its version number; report_template_version keeps every version, so a report always
//   renders with the version it was drafted on.
// - report: one per (template, unit, period): the users' free texts, the document number, date and
//   signer. Finalising freezes the resolved document and its figures (frozen, figures) and records
//   the state of the data it read (data_state), so a later correction shows as a difference.
// - report_version: every saved state of a report (drafts saved, versions kept).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table report_template (
  id text primary key,
  code text not null unique,
  name text not null,
  unit_kind text not null check (unit_kind in ('province', 'centre', 'station')),
  version int not null default 1,
  definition jsonb not null,
  builtin boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by text
);
create table report_template_version (
  template_id text not null references report_template (id) on delete cascade,
  version int not null,
  definition jsonb not null,
  created_at timestamptz not null default now(),
  created_by text,
  primary key (template_id, version)
);
create table report (
  id text primary key,
  template_id text not null references report_template (id),
  template_version int not null,
  org_unit_id text not null references org_unit (id),
  period text not null,
  status text not null default 'draft' check (status in ('draft', 'final')),
  number text,
  issued_on date,
  signer text,
  texts jsonb not null default '{}'::jsonb,
  version int not null default 1,
  created_at timestamptz not null default now(),
  created_by text,
  updated_at timestamptz not null default now(),
  updated_by text,
  finalised_at timestamptz,
  finalised_by text,
  frozen jsonb,
  figures jsonb,
  data_state jsonb,
  unique (template_id, org_unit_id, period)
);
create index report_unit_period on report (org_unit_id, period);
create table report_version (
  report_id text not null references report (id) on delete cascade,
  version int not null,
  status text not null,
  texts jsonb not null,
  number text,
  issued_on date,
  signer text,
  note text,
  saved_at timestamptz not null default now(),
  saved_by text,
  primary key (report_id, version)
);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists report_version, report, report_template_version, report_template`.execute(db);
}
