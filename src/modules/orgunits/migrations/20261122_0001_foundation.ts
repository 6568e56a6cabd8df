import { sql, type Kysely } from 'kysely';

// Foundation: roles, users, sessions, tokens, audit log, and the effective-dated org-unit tree.
// org_unit_version is the source of truth for names and parents over time; org_unit_path and
// org_unit_closure are derived from it by soyte_rebuild_hierarchy() after every structural change.
// No foreign keys point from derived tables, so they can become reference tables on Citus.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table app_setting (key text primary key, value jsonb not null);

create table role (
  code text primary key,
  name text not null,
  name_en text not null,
  permissions text[] not null,
  builtin boolean not null default false
);

create table org_unit_level (level int primary key, name text not null, name_en text not null);

create table org_unit (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  short_name text,
  kind text not null,
  admin_code text,
  admin_level text,
  opening_date date not null,
  closed_date date,
  search_key text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (closed_date is null or closed_date > opening_date)
);
create index org_unit_admin_code_idx on org_unit (admin_code);

create table org_unit_version (
  org_unit_id text not null references org_unit (id) on delete cascade,
  valid_from date not null,
  valid_to date not null default 'infinity',
  parent_id text references org_unit (id),
  name text not null,
  primary key (org_unit_id, valid_from),
  check (valid_to > valid_from),
  check (parent_id is null or parent_id <> org_unit_id)
);
create index org_unit_version_parent_idx on org_unit_version (parent_id);

create table org_unit_path (
  org_unit_id text not null,
  valid_from date not null,
  valid_to date not null,
  parent_id text,
  level int not null,
  path text[] not null,
  name text not null
);
create index org_unit_path_unit_idx on org_unit_path (org_unit_id, valid_from);
create index org_unit_path_parent_idx on org_unit_path (parent_id, valid_from);
create index org_unit_path_level_idx on org_unit_path (level, valid_from);

create table org_unit_closure (
  ancestor_id text not null,
  descendant_id text not null,
  depth int not null,
  valid_from date not null,
  valid_to date not null
);
create index org_unit_closure_anc_idx on org_unit_closure (ancestor_id, descendant_id);
create index org_unit_closure_desc_idx on org_unit_closure (descendant_id);

create table app_user (
  id text primary key,
  username text not null,
  display_name text not null,
  email text,
  password_hash text not null,
  org_unit_id text references org_unit (id),
  locale text not null default 'vi',
  disabled boolean not null default false,
  failed_logins int not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index app_user_username_idx on app_user (lower(username));

create table user_role (
  user_id text not null references app_user (id) on delete cascade,
  role_code text not null references role (code),
  primary key (user_id, role_code)
);

create table user_session (
  id text primary key,
  user_id text not null references app_user (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index user_session_user_idx on user_session (user_id);

create table api_token (
  id text primary key,
  user_id text not null references app_user (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table org_unit_event (
  id bigserial primary key,
  type text not null check (type in ('open', 'close', 'rename', 'move', 'merge', 'split')),
  event_date date not null,
  reason text not null,
  created_by text references app_user (id),
  created_at timestamptz not null default now()
);

create table org_unit_event_unit (
  event_id bigint not null references org_unit_event (id) on delete cascade,
  org_unit_id text not null references org_unit (id),
  role text not null check (role in ('subject', 'predecessor', 'successor')),
  primary key (event_id, org_unit_id, role)
);
create index org_unit_event_unit_unit_idx on org_unit_event_unit (org_unit_id);

create table org_unit_link (
  id bigserial primary key,
  event_id bigint not null references org_unit_event (id) on delete cascade,
  predecessor_id text not null references org_unit (id),
  successor_id text not null references org_unit (id),
  kind text not null check (kind in ('full', 'partial')),
  weight numeric check (weight is null or (weight > 0 and weight <= 1)),
  unique (predecessor_id, successor_id),
  check (predecessor_id <> successor_id)
);
create index org_unit_link_successor_idx on org_unit_link (successor_id);

create table org_unit_group_set (id text primary key, code text not null unique, name text not null, name_en text);
create table org_unit_group (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  group_set_id text references org_unit_group_set (id)
);
create table org_unit_group_member (
  group_id text not null references org_unit_group (id) on delete cascade,
  org_unit_id text not null references org_unit (id) on delete cascade,
  primary key (group_id, org_unit_id)
);
create index org_unit_group_member_unit_idx on org_unit_group_member (org_unit_id);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  user_id text,
  username text,
  action text not null,
  entity_type text not null,
  entity_id text,
  entity_code text,
  before jsonb,
  after jsonb,
  details jsonb
);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_user_idx on audit_log (user_id, at desc);

-- Intervals of stable ancestry: for each unit, the maximal pieces of time during which its whole
-- chain of parents is unchanged, with level and path (ids root..unit). Half-open [valid_from, valid_to).
create function soyte_rebuild_hierarchy() returns void language sql as $fn$
  delete from org_unit_path;
  insert into org_unit_path (org_unit_id, valid_from, valid_to, parent_id, level, path, name)
  with recursive p as (
    select v.org_unit_id, v.valid_from, v.valid_to, v.parent_id, 1 as level, array[v.org_unit_id] as path, v.name
    from org_unit_version v where v.parent_id is null
    union all
    select v.org_unit_id, greatest(v.valid_from, p.valid_from), least(v.valid_to, p.valid_to),
           v.parent_id, p.level + 1, p.path || v.org_unit_id, v.name
    from org_unit_version v
    join p on v.parent_id = p.org_unit_id and v.valid_from < p.valid_to and p.valid_from < v.valid_to
    where p.level < 20
  )
  select org_unit_id, valid_from, valid_to, parent_id, level, path, name from p;
  delete from org_unit_closure;
  insert into org_unit_closure (ancestor_id, descendant_id, depth, valid_from, valid_to)
  select p.path[i], p.org_unit_id, p.level - i, p.valid_from, p.valid_to
  from org_unit_path p, generate_subscripts(p.path, 1) as i;
$fn$;
`.execute(db);

  await sql`
insert into role (code, name, name_en, permissions, builtin) values
  ('system_admin', 'Quản trị hệ thống', 'System administrator',
   array['orgunit:read','orgunit:write','user:read','user:write','audit:read','data:read','data:write','data:approve','metadata:write','system:admin'], true),
  ('unit_admin', 'Quản trị đơn vị', 'Unit administrator',
   array['orgunit:read','orgunit:write','user:read','user:write','audit:read','data:read'], true),
  ('data_entry', 'Nhập liệu', 'Data entry', array['orgunit:read','data:read','data:write'], true),
  ('approver', 'Phê duyệt', 'Approver', array['orgunit:read','data:read','data:approve'], true),
  ('viewer', 'Xem', 'Viewer', array['orgunit:read','data:read'], true);
insert into org_unit_level (level, name, name_en) values
  (1, 'Sở Y tế', 'Department of Health'),
  (2, 'Trung tâm Y tế / Bệnh viện', 'Health centre / hospital'),
  (3, 'Trạm Y tế', 'Commune health station');
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop function if exists soyte_rebuild_hierarchy();
drop table if exists audit_log, org_unit_group_member, org_unit_group, org_unit_group_set, org_unit_link,
  org_unit_event_unit, org_unit_event, api_token, user_session, user_role, app_user, org_unit_closure,
  org_unit_path, org_unit_version, org_unit, org_unit_level, role, app_setting cascade;
`.execute(db);
}
