import { sql, type Kysely } from 'kysely';

// Facilities and investment (issue 15, point 8).
// - facility_premises: the premises of a station or centre (one row per unit; absent = not recorded).
//   Its history is the audit trail (entity 'facility_premises', before/after of every change).
// - facility_programme: an investment programme owned by a unit (the Department's planning office).
// - facility_project (+ _unit, _allocation, _stage, _month, _issue): a project of a programme, the
//   units it covers, capital allocated per year, its seven stages with planned and actual dates, the
//   monthly disbursement plan and what was disbursed, and its issues.
// - facility_photo: photos of premises (org_unit_id) or of a project (project_id), stored with their
//   size and SHA-256.
// Money is in whole đồng (bigint).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table facility_premises (
  org_unit_id text primary key references org_unit (id),
  land_right_settled boolean,
  land_certificate text,
  land_area_m2 numeric(12, 1) check (land_area_m2 >= 0),
  year_built int check (year_built between 1900 and 2199),
  floor_area_m2 numeric(12, 1) check (floor_area_m2 >= 0),
  grade text check (grade in ('good', 'degraded', 'severe')),
  last_renovation_year int check (last_renovation_year between 1900 and 2199),
  rooms int check (rooms >= 0),
  notes text,
  version int not null default 1,
  updated_at timestamptz not null default now(),
  updated_by text
);

create table facility_programme (
  id text primary key,
  name text not null,
  owner_unit_id text not null references org_unit (id),
  start_year int not null,
  end_year int not null,
  description text,
  created_at timestamptz not null default now(),
  created_by text,
  check (end_year >= start_year)
);
create index facility_programme_owner on facility_programme (owner_unit_id);

create table facility_project (
  id text primary key,
  programme_id text not null references facility_programme (id) on delete cascade,
  name text not null,
  kind text not null check (kind in ('new_build', 'renovation', 'equipment_package')),
  investor text,
  budget_approved bigint check (budget_approved >= 0),
  notes text,
  version int not null default 1,
  created_at timestamptz not null default now(),
  created_by text,
  updated_at timestamptz not null default now()
);
create index facility_project_programme on facility_project (programme_id);

create table facility_project_unit (
  project_id text not null references facility_project (id) on delete cascade,
  org_unit_id text not null references org_unit (id),
  primary key (project_id, org_unit_id)
);
create index facility_project_unit_unit on facility_project_unit (org_unit_id);

create table facility_project_allocation (
  project_id text not null references facility_project (id) on delete cascade,
  year int not null,
  amount bigint not null check (amount >= 0),
  primary key (project_id, year)
);

create table facility_project_stage (
  project_id text not null references facility_project (id) on delete cascade,
  stage text not null check (stage in ('policy', 'approval', 'design', 'procurement', 'construction', 'handover', 'settlement')),
  position int not null,
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  note text,
  primary key (project_id, stage)
);

create table facility_project_month (
  project_id text not null references facility_project (id) on delete cascade,
  month date not null check (extract(day from month) = 1),
  planned bigint check (planned >= 0),
  disbursed bigint check (disbursed >= 0),
  primary key (project_id, month)
);

create table facility_project_issue (
  id text primary key,
  project_id text not null references facility_project (id) on delete cascade,
  text text not null,
  opened_on date not null,
  resolved_on date,
  resolution text,
  created_by text,
  created_at timestamptz not null default now(),
  check (resolved_on is null or resolved_on >= opened_on)
);
create index facility_project_issue_project on facility_project_issue (project_id);

create table facility_photo (
  id text primary key,
  org_unit_id text references org_unit (id),
  project_id text references facility_project (id) on delete cascade,
  file_name text not null,
  mime text not null,
  size int not null,
  sha256 text not null,
  content bytea not null,
  caption text,
  created_by text,
  created_at timestamptz not null default now(),
  check ((org_unit_id is null) <> (project_id is null))
);
create index facility_photo_unit on facility_photo (org_unit_id) where org_unit_id is not null;
create index facility_photo_project on facility_photo (project_id) where project_id is not null;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop table if exists facility_photo, facility_project_issue, facility_project_month, facility_project_stage,
  facility_project_allocation, facility_project_unit, facility_project, facility_programme, facility_premises;
`.execute(db);
}
