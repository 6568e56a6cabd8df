import { sql, type Kysely } from 'kysely';

// Inspection, calibration and maintenance of equipment (issue 15).
// - equipment_schedule: a recurring obligation of one asset (kiểm định, hiệu chuẩn, kiểm chuẩn,
//   kiểm xạ, the X-ray licence, preventive maintenance) with its interval, the last time it was done
//   and when it is next due. org_unit_id and held (not disposed or transferred) are copies of the
//   asset's, kept by triggers, so that due lists and KPIs read schedules without reading assets.
// - equipment_inspection: each time it was done: date, result, certificate, body. A failed result
//   locks the asset (NĐ 98/2021 Điều 58) until a later inspection passes.
// - equipment_lock: the status a locked asset had before its lock (it returns to it on a pass; a
//   repair while locked changes this status instead of the asset's).
// - equipment_work_order: corrective (a breakdown reported by the station) or preventive work, from
//   the report through assignment and repair (cost, parts) back to service; downtime is from the
//   report to the end. At most one open corrective work order per asset.
//
// KPIs over a national register (1,000,000 assets) in well under 100 ms: per-unit tallies kept exact
// IN THE WRITE TRANSACTION by statement-level triggers with transition tables (a bulk import pays one
// grouped upsert per statement, not one per row):
// - equipment_unit_status (unit, status): asset records and items (quantities) per status;
// - equipment_unit_month (unit, metric, month): 'worn' items of held assets by the month they become
//   fully worn; 'due' active schedules of held assets by the month they are next due; 'repair' done
//   corrective work orders by the month they finished (n, and the sum of their days); 'open' work
//   orders still open by the month they were reported.
// A KPI over a subtree sums these rows for the units below (org_unit_closure on the date) and counts
// exactly only the days of the date's own month (and of the 12-month window's first month) through
// range indexes: a month's slice, never the whole register.
const GONE = `('disposed', 'transferred')`;

/** Adds (unit, status, n, q) deltas to the status tally, in key order (writers lock rows alike). */
const applyStatus = (rows: string) => `
    insert into equipment_unit_status as t (org_unit_id, status, assets, items)
    select org_unit_id, status, sum(n)::int, sum(q)::bigint from (${rows}) d
     group by 1, 2 having sum(n) <> 0 or sum(q) <> 0 order by 1, 2
    on conflict (org_unit_id, status) do update set assets = t.assets + excluded.assets, items = t.items + excluded.items;`;

/** Adds (unit, month, n, days) deltas of one metric to the monthly tally, in key order. */
const applyMonth = (metric: string, rows: string) => `
    insert into equipment_unit_month as t (org_unit_id, metric, month, n, days)
    select org_unit_id, '${metric}', month, sum(n)::bigint, sum(days)::float8 from (${rows}) d
     group by 1, 3 having sum(n) <> 0 or sum(days) <> 0 order by 1, 3
    on conflict (org_unit_id, metric, month) do update set n = t.n + excluded.n, days = t.days + excluded.days;`;

const statusRows = (t: string, sign: number) => `select org_unit_id, status, ${sign} as n, ${sign} * quantity::bigint as q from ${t}`;
const wornRows = (t: string, sign: number) => `
    select org_unit_id, date_trunc('month', fully_worn_on)::date as month, ${sign} * quantity::bigint as n, 0::float8 as days
      from ${t} where fully_worn_on is not null and status not in ${GONE}`;
const dueRows = (t: string, sign: number) => `
    select org_unit_id, date_trunc('month', next_due)::date as month, ${sign}::bigint as n, 0::float8 as days
      from ${t} where active and held and next_due is not null`;
const repairRows = (t: string, sign: number) => `
    select org_unit_id, date_trunc('month', finished_on)::date as month, ${sign}::bigint as n,
           ${sign} * extract(epoch from (finished_at - reported_at)) / 86400.0 as days
      from ${t} where status = 'done' and kind = 'corrective' and finished_on is not null and finished_at is not null`;
const openRows = (t: string, sign: number) => `
    select org_unit_id, date_trunc('month', reported_at at time zone 'Asia/Ho_Chi_Minh')::date as month, ${sign}::bigint as n, 0::float8 as days
      from ${t} where status in ('reported', 'assigned', 'in_repair')`;
const both = (f: (t: string, sign: number) => string) => `${f('new_rows', 1)} union all ${f('old_rows', -1)}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
create table equipment_schedule (
  id text primary key,
  asset_id text not null references equipment_asset (id) on delete cascade,
  kind text not null check (kind in ('kiem_dinh', 'hieu_chuan', 'kiem_chuan', 'kiem_xa', 'xray_licence', 'maintenance')),
  interval_months int not null check (interval_months between 1 and 120),
  last_done date,
  next_due date,
  active boolean not null default true,
  last_result text check (last_result in ('pass', 'fail')),
  org_unit_id text not null,
  held boolean not null,
  unique (asset_id, kind)
);
-- Due lists and KPIs: a date range of one unit's schedules, or of all of them (the province).
create index equipment_schedule_unit_due on equipment_schedule (org_unit_id, next_due) where active and held;
create index equipment_schedule_due on equipment_schedule (next_due) include (org_unit_id) where active and held;

create table equipment_inspection (
  id text primary key,
  schedule_id text not null references equipment_schedule (id) on delete cascade,
  asset_id text not null references equipment_asset (id) on delete cascade,
  done_on date not null,
  result text not null check (result in ('pass', 'fail')),
  certificate text,
  body text,
  next_due date,
  note text,
  file_id text references equipment_file (id) on delete set null,
  created_by text,
  created_at timestamptz not null default now()
);
create index equipment_inspection_asset on equipment_inspection (asset_id, done_on);
create index equipment_inspection_schedule on equipment_inspection (schedule_id, done_on);

create table equipment_lock (
  asset_id text primary key references equipment_asset (id) on delete cascade,
  status_before text not null,
  schedule_id text references equipment_schedule (id) on delete set null,
  locked_on date not null
);

create table equipment_work_order (
  id text primary key,
  asset_id text not null references equipment_asset (id) on delete cascade,
  org_unit_id text not null references org_unit (id),
  kind text not null check (kind in ('corrective', 'preventive')),
  schedule_id text references equipment_schedule (id) on delete set null,
  status text not null default 'reported' check (status in ('reported', 'assigned', 'in_repair', 'done', 'cancelled')),
  fault text not null,
  reported_at timestamptz not null default now(),
  reported_by text,
  -- The history entry of the report: the photos of the breakdown are tied to it.
  report_event_id bigint,
  assignee text,
  assigned_at timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  -- The day it finished in Vietnam (set by a trigger from finished_at; KPIs count repairs by day).
  finished_on date,
  cost bigint check (cost >= 0),
  parts text,
  outcome text check (outcome in ('repaired', 'beyond_repair', 'no_fault')),
  note text,
  version int not null default 1
);
create index equipment_work_order_asset on equipment_work_order (asset_id, reported_at);
create index equipment_work_order_open on equipment_work_order (org_unit_id, reported_at) where status in ('reported', 'assigned', 'in_repair');
create unique index equipment_work_order_one_open on equipment_work_order (asset_id)
  where kind = 'corrective' and status in ('reported', 'assigned', 'in_repair');
create index equipment_work_order_finished on equipment_work_order (finished_on) include (org_unit_id)
  where status = 'done' and kind = 'corrective';
create index equipment_work_order_unit on equipment_work_order (org_unit_id, reported_at);

-- ------------------------------------------------------------------ tallies

create table equipment_unit_status (
  org_unit_id text not null,
  status text not null,
  assets int not null default 0,
  items bigint not null default 0,
  primary key (org_unit_id, status)
);

create table equipment_unit_month (
  org_unit_id text not null,
  metric text not null check (metric in ('worn', 'due', 'repair', 'open')),
  month date not null,
  n bigint not null default 0,
  days double precision not null default 0,
  primary key (org_unit_id, metric, month)
);

-- A new schedule takes its asset's unit and whether it is held.
create function equipment_schedule_fill() returns trigger language plpgsql as $fn$
begin
  select a.org_unit_id, a.status not in ${GONE} into new.org_unit_id, new.held
    from equipment_asset a where a.id = new.asset_id;
  return new;
end
$fn$;
create trigger equipment_schedule_fill before insert or update of asset_id on equipment_schedule
  for each row execute function equipment_schedule_fill();

-- The day a work order finished in Vietnam, from its end (also for rows written by SQL: demo, bench).
create function equipment_work_order_fill() returns trigger language plpgsql as $fn$
begin
  new.finished_on := (new.finished_at at time zone 'Asia/Ho_Chi_Minh')::date;
  return new;
end
$fn$;
create trigger equipment_work_order_fill before insert or update of finished_at on equipment_work_order
  for each row execute function equipment_work_order_fill();

create function equipment_asset_tally() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    ${applyStatus(statusRows('new_rows', 1))}
    ${applyMonth('worn', wornRows('new_rows', 1))}
  elsif tg_op = 'DELETE' then
    ${applyStatus(statusRows('old_rows', -1))}
    ${applyMonth('worn', wornRows('old_rows', -1))}
  else
    ${applyStatus(both(statusRows))}
    ${applyMonth('worn', both(wornRows))}
    -- The schedules follow their asset's unit and status.
    update equipment_schedule s set org_unit_id = n.org_unit_id, held = n.status not in ${GONE}
      from new_rows n
     where s.asset_id = n.id and (s.org_unit_id <> n.org_unit_id or s.held <> (n.status not in ${GONE}));
  end if;
  return null;
end
$fn$;
create trigger equipment_asset_tally_ins after insert on equipment_asset
  referencing new table as new_rows for each statement execute function equipment_asset_tally();
create trigger equipment_asset_tally_upd after update on equipment_asset
  referencing old table as old_rows new table as new_rows for each statement execute function equipment_asset_tally();
create trigger equipment_asset_tally_del after delete on equipment_asset
  referencing old table as old_rows for each statement execute function equipment_asset_tally();

create function equipment_schedule_tally() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    ${applyMonth('due', dueRows('new_rows', 1))}
  elsif tg_op = 'DELETE' then
    ${applyMonth('due', dueRows('old_rows', -1))}
  else
    ${applyMonth('due', both(dueRows))}
  end if;
  return null;
end
$fn$;
create trigger equipment_schedule_tally_ins after insert on equipment_schedule
  referencing new table as new_rows for each statement execute function equipment_schedule_tally();
create trigger equipment_schedule_tally_upd after update on equipment_schedule
  referencing old table as old_rows new table as new_rows for each statement execute function equipment_schedule_tally();
create trigger equipment_schedule_tally_del after delete on equipment_schedule
  referencing old table as old_rows for each statement execute function equipment_schedule_tally();

create function equipment_work_order_tally() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    ${applyMonth('repair', repairRows('new_rows', 1))}
    ${applyMonth('open', openRows('new_rows', 1))}
  elsif tg_op = 'DELETE' then
    ${applyMonth('repair', repairRows('old_rows', -1))}
    ${applyMonth('open', openRows('old_rows', -1))}
  else
    ${applyMonth('repair', both(repairRows))}
    ${applyMonth('open', both(openRows))}
  end if;
  return null;
end
$fn$;
create trigger equipment_work_order_tally_ins after insert on equipment_work_order
  referencing new table as new_rows for each statement execute function equipment_work_order_tally();
create trigger equipment_work_order_tally_upd after update on equipment_work_order
  referencing old table as old_rows new table as new_rows for each statement execute function equipment_work_order_tally();
create trigger equipment_work_order_tally_del after delete on equipment_work_order
  referencing old table as old_rows for each statement execute function equipment_work_order_tally();

-- TRUNCATE skips row and statement triggers: the tallies of a truncated table are emptied with it.
create function equipment_tally_truncate() returns trigger language plpgsql as $fn$
begin
  if tg_table_name = 'equipment_asset' then
    delete from equipment_unit_status;
    delete from equipment_unit_month where metric = 'worn';
  elsif tg_table_name = 'equipment_schedule' then
    delete from equipment_unit_month where metric = 'due';
  else
    delete from equipment_unit_month where metric in ('repair', 'open');
  end if;
  return null;
end
$fn$;
create trigger equipment_asset_tally_trunc after truncate on equipment_asset for each statement execute function equipment_tally_truncate();
create trigger equipment_schedule_tally_trunc after truncate on equipment_schedule for each statement execute function equipment_tally_truncate();
create trigger equipment_work_order_tally_trunc after truncate on equipment_work_order for each statement execute function equipment_tally_truncate();

-- The tallies from the registers (first fill; a repair tool; tests compare it with the kept ones).
create function equipment_tally_rebuild() returns void language plpgsql as $fn$
begin
  delete from equipment_unit_status;
  delete from equipment_unit_month;
  ${applyStatus(statusRows('equipment_asset', 1))}
  ${applyMonth('worn', wornRows('equipment_asset', 1))}
  ${applyMonth('due', dueRows('equipment_schedule', 1))}
  ${applyMonth('repair', repairRows('equipment_work_order', 1))}
  ${applyMonth('open', openRows('equipment_work_order', 1))}
end
$fn$;
select equipment_tally_rebuild();
`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop trigger if exists equipment_asset_tally_ins on equipment_asset;
drop trigger if exists equipment_asset_tally_upd on equipment_asset;
drop trigger if exists equipment_asset_tally_del on equipment_asset;
drop trigger if exists equipment_asset_tally_trunc on equipment_asset;
drop table equipment_unit_month, equipment_unit_status, equipment_work_order, equipment_lock, equipment_inspection, equipment_schedule;
drop function equipment_tally_rebuild(), equipment_tally_truncate(), equipment_work_order_tally(), equipment_schedule_tally(),
  equipment_asset_tally(), equipment_schedule_fill(), equipment_work_order_fill();
`.execute(db);
}
