import { sql, type Kysely } from 'kysely';

// Aggregate reporting: DHIS2-style metadata (category options → categories → combos → option combos,
// data elements, data sets with sections and effective-dated assignments, indicators, constants,
// validation rules), the working-day calendar, periods, data values with their audit trail, the
// form workflow (complete → approve → lock), and annual plans.
//
// Metadata rows are keyed by DHIS2-style uids (text) and unique codes. Tables that grow with data
// (data_value, data_value_audit) use compact integer keys (`iid`) for speed; org_unit gains one too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table org_unit add column iid int generated always as identity unique;

create table category_option (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  short_name text,
  sort_order int not null default 0
);

create table category (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  data_dimension_type text not null default 'DISAGGREGATION' check (data_dimension_type in ('DISAGGREGATION', 'ATTRIBUTE'))
);

create table category_option_in_category (
  category_id text not null references category (id) on delete cascade,
  category_option_id text not null references category_option (id),
  sort_order int not null,
  primary key (category_id, category_option_id)
);

create table category_combo (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  data_dimension_type text not null default 'DISAGGREGATION' check (data_dimension_type in ('DISAGGREGATION', 'ATTRIBUTE')),
  is_default boolean not null default false
);
create unique index category_combo_one_default on category_combo (is_default) where is_default;

create table category_in_combo (
  category_combo_id text not null references category_combo (id) on delete cascade,
  category_id text not null references category (id),
  sort_order int not null,
  primary key (category_combo_id, category_id)
);

-- One row per combination of options of a combo's categories (the cartesian product), generated.
create table category_option_combo (
  id text primary key,
  iid int generated always as identity unique,
  code text unique,
  name text not null,
  name_en text,
  category_combo_id text not null references category_combo (id) on delete cascade,
  sort_order int not null default 0
);
create index category_option_combo_combo_idx on category_option_combo (category_combo_id);

create table category_option_combo_option (
  category_option_combo_id text not null references category_option_combo (id) on delete cascade,
  category_option_id text not null references category_option (id),
  primary key (category_option_combo_id, category_option_id)
);

create table data_element (
  id text primary key,
  iid int generated always as identity unique,
  code text not null unique,
  name text not null,
  name_en text,
  short_name text,
  form_name text,
  description text,
  value_type text not null default 'NUMBER',
  aggregation_type text not null default 'SUM' check (aggregation_type in ('SUM', 'LAST', 'AVERAGE', 'NONE')),
  zero_is_significant boolean not null default false,
  category_combo_id text not null references category_combo (id),
  unit text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table data_set (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  short_name text,
  description text,
  period_type text not null default 'Monthly' check (period_type in ('Monthly', 'Quarterly', 'SixMonthly', 'Yearly')),
  category_combo_id text not null references category_combo (id),
  -- Deadline: this many working days after the period ends (Vietnamese holidays counted).
  deadline_working_days int not null default 5 check (deadline_working_days >= 0),
  -- Entry stays open this many calendar days after the deadline; null = no limit.
  entry_grace_days int check (entry_grace_days >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table data_set_section (
  id text primary key,
  data_set_id text not null references data_set (id) on delete cascade,
  code text,
  name text not null,
  name_en text,
  description text,
  sort_order int not null,
  unique (data_set_id, code)
);

create table data_set_element (
  data_set_id text not null references data_set (id) on delete cascade,
  data_element_id text not null references data_element (id),
  section_id text references data_set_section (id) on delete set null,
  sort_order int not null default 0,
  primary key (data_set_id, data_element_id)
);

-- Which units report a data set, and from/until when.
create table data_set_unit (
  data_set_id text not null references data_set (id) on delete cascade,
  org_unit_id text not null references org_unit (id),
  valid_from date not null,
  valid_to date not null default 'infinity',
  primary key (data_set_id, org_unit_id, valid_from),
  check (valid_to > valid_from)
);
create index data_set_unit_unit_idx on data_set_unit (org_unit_id);

create table indicator_type (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  factor numeric not null,
  number boolean not null default false
);

create table indicator (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  short_name text,
  description text,
  indicator_type_id text not null references indicator_type (id),
  numerator text not null,
  numerator_description text,
  denominator text not null,
  denominator_description text,
  decimals int,
  annualized boolean not null default false
);

create table constant (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  value double precision not null
);

create table validation_rule (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  description text,
  -- HIGH blocks completion; MEDIUM and LOW are warnings that need a comment.
  importance text not null default 'MEDIUM' check (importance in ('HIGH', 'MEDIUM', 'LOW')),
  period_type text not null default 'Monthly',
  left_expression text not null,
  left_description text,
  left_missing_value_strategy text not null default 'SKIP_IF_ALL_VALUES_MISSING',
  operator text not null check (operator in ('equal_to', 'not_equal_to', 'greater_than', 'greater_than_or_equal_to',
    'less_than', 'less_than_or_equal_to', 'compulsory_pair', 'exclusive_pair')),
  right_expression text not null,
  right_description text,
  right_missing_value_strategy text not null default 'SKIP_IF_ALL_VALUES_MISSING',
  message text not null,
  message_en text
);

-- Days that change the working-day calendar beyond the statutory holidays computed by rule:
-- compensatory days off ('off') and Saturdays/Sundays worked in exchange ('work').
create table calendar_day (
  day date primary key,
  kind text not null check (kind in ('off', 'work')),
  name text not null,
  name_en text
);

create table period (
  id int generated always as identity primary key,
  iso text not null unique,
  period_type text not null,
  start_date date not null,
  end_date date not null
);

create table data_value (
  ou int not null,                 -- org_unit.iid
  de int not null,                 -- data_element.iid
  pe int not null,                 -- period.id
  co int not null,                 -- category_option_combo.iid (disaggregation)
  ao int not null,                 -- category_option_combo.iid (attribute; the default combo)
  value text not null,
  num double precision,            -- the numeric value, for numeric value types
  comment text,
  follow_up boolean not null default false,
  stored_by text,
  created timestamptz not null default now(),
  last_updated timestamptz not null default now(),
  primary key (ou, de, pe, co, ao)
);
create index data_value_de_pe_idx on data_value (de, pe);

create table data_value_audit (
  id bigint generated always as identity primary key,
  ou int not null,
  de int not null,
  pe int not null,
  co int not null,
  ao int not null,
  audit_type text not null check (audit_type in ('CREATE', 'UPDATE', 'DELETE')),
  value text,
  previous_value text,
  comment text,
  source text not null default 'form',   -- form | offline | import | demo
  conflict boolean not null default false, -- an offline save overwrote someone else's newer value
  modified_by text,
  created timestamptz not null default now()
);
create index data_value_audit_key_idx on data_value_audit (ou, de, pe, co);

-- The state of one form (data set × unit × period): open → completed → approved (locked);
-- returned sends it back for correction, reopen undoes an approval. Absent row = open.
create table form_status (
  data_set_id text not null references data_set (id) on delete cascade,
  org_unit_id text not null references org_unit (id),
  period_id int not null references period (id),
  state text not null check (state in ('open', 'completed', 'approved', 'returned')),
  completed_at timestamptz,
  completed_by text,
  completion_comment text,
  on_time boolean,
  approved_at timestamptz,
  approved_by text,
  updated_at timestamptz not null default now(),
  primary key (data_set_id, org_unit_id, period_id)
);
create index form_status_unit_idx on form_status (org_unit_id, period_id);

create table form_event (
  id bigint generated always as identity primary key,
  data_set_id text not null,
  org_unit_id text not null,
  period_id int not null,
  action text not null check (action in ('complete', 'approve', 'return', 'reopen', 'uncomplete')),
  comment text,
  user_id text,
  username text,
  at timestamptz not null default now()
);
create index form_event_key_idx on form_event (data_set_id, org_unit_id, period_id);

-- Annual targets per unit for a data element (optionally one option combo) or an indicator.
create table plan_target (
  year int not null,
  org_unit_id text not null references org_unit (id),
  target_type text not null check (target_type in ('dataElement', 'indicator')),
  target_id text not null,
  category_option_combo_id text not null default '',   -- '' = the total
  value double precision not null check (value >= 0),
  method text not null default 'manual' check (method in ('manual', 'lastYearShare', 'population')),
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (year, org_unit_id, target_type, target_id, category_option_combo_id)
);

-- DHIS2's "default" disaggregation, with DHIS2's own uids so packages that reference it match.
insert into category_option (id, code, name, name_en) values ('xYerKDKCefk', 'default', 'default', 'default');
insert into category (id, code, name, name_en) values ('GLevLNI9wkl', 'default', 'default', 'default');
insert into category_option_in_category values ('GLevLNI9wkl', 'xYerKDKCefk', 0);
insert into category_combo (id, code, name, name_en, is_default) values ('bjDvmb4bfuf', 'default', 'default', 'default', true);
insert into category_in_combo values ('bjDvmb4bfuf', 'GLevLNI9wkl', 0);
insert into category_option_combo (id, code, name, name_en, category_combo_id) values ('HllvX50cXC0', 'default', 'default', 'default', 'bjDvmb4bfuf');
insert into category_option_combo_option values ('HllvX50cXC0', 'xYerKDKCefk');

update role set permissions = permissions || array['plan:write']
  where code in ('system_admin', 'unit_admin');
update role set permissions = permissions || array['data:write']
  where code = 'unit_admin';
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop table if exists plan_target, form_event, form_status, data_value_audit, data_value, period, calendar_day,
  validation_rule, constant, indicator, indicator_type, data_set_unit, data_set_element,
  data_set_section, data_set, data_element, category_option_combo_option, category_option_combo, category_in_combo,
  category_combo, category_option_in_category, category, category_option cascade;
alter table org_unit drop column if exists iid;
update role set permissions = array_remove(permissions, 'plan:write');
`.execute(db);
}
