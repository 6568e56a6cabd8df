import { sql, type Kysely } from 'kysely';

// Live analytics (issue 4; docs/analytics.md):
// 1. data_value is hash-partitioned by org unit (ou), the distribution key of a Citus deployment
//    (docs/scaling.md). Every query of the write paths names ou, so it prunes to one partition.
// 2. data_value_rollup holds, for every unit X and every (element, month, option combo), the sum of
//    the monthly values stored by the units strictly below X as the tree was on the month's first
//    day (n = how many stored values, so a sum of 0 is told apart from "no data"). X's own values
//    stay in data_value. The rollup is kept exact IN THE WRITE TRANSACTION by statement-level
//    triggers with transition tables:
//    - on data_value (insert / update / delete, COPY included): the changed values' deltas are
//      added to the rows of their ancestors;
//    - on org_unit_closure (a structural change): the values of a descendant are added to / taken
//      from an ancestor for the months of the closure row that appears / disappears.
//    soyte_rebuild_hierarchy() now applies only the difference to org_unit_closure, so a structural
//    change costs in proportion to the data of the units it moves, and bumps
//    analytics_state.hierarchy_version (the engine's in-memory hierarchy cache checks it).
// 3. Value writers take the structure lock (advisory 7242001) SHARED inside the trigger; structural
//    changes take it exclusively, so a value write and a structural change never interleave (either
//    would otherwise add the value under the ancestors of a snapshot the other has just replaced).
export const PARTITIONS = 8;

const partitions = (table: string) =>
  Array.from({ length: PARTITIONS }, (_, i) => `create table ${table}_p${i} partition of ${table} for values with (modulus ${PARTITIONS}, remainder ${i});`).join('\n');

/**
 * The rollup delta of a set of value rows (ou, de, pe, co, num, n), per (ancestor, de, pe, co): first
 * summed per parent (as of the month's first day), then the parent's sums spread to the parent and
 * its own ancestors — one join of the written rows instead of one per ancestor.
 */
const valueDelta = (rows: string) => `
    select a.iid as x, b.de, b.pe, b.co, sum(b.num) as num, sum(b.n)::int as n
    from (
      select c.ancestor_id as parent, p.start_date, d.de, d.pe, d.co, sum(d.num) as num, sum(d.n) as n
      from (${rows}) d
      join period p on p.id = d.pe and p.period_type = 'Monthly'
      join org_unit u on u.iid = d.ou
      join org_unit_closure c on c.descendant_id = u.id and c.depth = 1
        and c.valid_from <= p.start_date and c.valid_to > p.start_date
      group by 1, 2, 3, 4, 5
    ) b
    join org_unit_closure c on c.descendant_id = b.parent and c.valid_from <= b.start_date and c.valid_to > b.start_date
    join org_unit a on a.id = c.ancestor_id
    group by 1, 2, 3, 4`;

/** The rollup delta of a set of closure rows (sign +1 or −1): the descendant's values in the row's months. */
const closureDelta = (rows: string, sign: string) => `
    select a.iid as x, dv.de, dv.pe, dv.co, ${sign} * sum(dv.num) as num, ${sign} * count(*)::int as n
    from ${rows} c
    join org_unit d on d.id = c.descendant_id
    join org_unit a on a.id = c.ancestor_id
    join data_value dv on dv.ou = d.iid and dv.num is not null
    join period p on p.id = dv.pe and p.period_type = 'Monthly'
      and p.start_date >= c.valid_from and p.start_date < c.valid_to
    where c.depth > 0
    group by 1, 2, 3, 4`;

/** Adds a delta to the rollup, in key order (concurrent writers lock rows in the same order). */
const apply = (delta: string) => `
    insert into data_value_rollup as r (x, de, pe, co, num, n)
    select x, de, pe, co, num, n from (${delta}) t order by de, pe, co, x
    on conflict (x, de, pe, co) do update set num = r.num + excluded.num, n = r.n + excluded.n;`;

/** The signed value rows of a data_value statement, by trigger operation (transition tables). */
const changedRows = {
  INSERT: `select ou, de, pe, co, num, 1 as n from new_rows where num is not null`,
  DELETE: `select ou, de, pe, co, -num as num, -1 as n from old_rows where num is not null`,
  UPDATE: `
      select ou, de, pe, co, coalesce(nr.num, 0) - coalesce(orow.num, 0) as num,
             (nr.num is not null)::int - (orow.num is not null)::int as n
      from new_rows nr join old_rows orow using (ou, de, pe, co, ao)
      where nr.num is distinct from orow.num`,
};

/**
 * One operation's branch of the value trigger: a bulk statement's delta set-based (hash joins, more
 * memory: transition tables have no statistics, so the planner would otherwise join them row by
 * row); a small one row by row through soyte_rollup_add, whose plan is cached for the session (a
 * statement over a transition table is planned again on every call, which a single save pays for).
 */
const branch = (rows: string) => `
    if big then
      perform set_config('enable_nestloop', 'off', true);
      perform set_config('work_mem', '64MB', true);
      ${apply(valueDelta(rows))}
      perform set_config('enable_nestloop', nestloop, true);
      perform set_config('work_mem', mem, true);
    else
      for v in select * from (${rows}) d order by de, pe, co, ou loop
        perform soyte_rollup_add(v.ou, v.de, v.pe, v.co, v.num, v.n);
      end loop;
    end if;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
-- 1. data_value, hash-partitioned by org unit.
alter table data_value rename to data_value_unpartitioned;
alter index data_value_pkey rename to data_value_unpartitioned_pkey;
alter index data_value_de_pe_idx rename to data_value_unpartitioned_de_pe_idx;
-- Same columns and defaults as before (0002); keys and indexes are created on the partitioned table.
create table data_value (like data_value_unpartitioned including defaults including constraints)
  partition by hash (ou);
alter table data_value add primary key (ou, de, pe, co, ao);
${partitions('data_value')}
insert into data_value select * from data_value_unpartitioned;
drop table data_value_unpartitioned;
create index data_value_de_pe_idx on data_value (de, pe);

-- 2. The rollup (partitioned by the unit it stands for, like data_value).
create table data_value_rollup (
  x int not null,                  -- org_unit.iid of the ancestor
  de int not null,
  pe int not null,                 -- a monthly period.id
  co int not null,
  num double precision not null,   -- sum of the numeric values below x (every attribute combo)
  n int not null,                  -- how many values; 0 = no data (all deleted)
  primary key (x, de, pe, co)
) partition by hash (x);
${partitions('data_value_rollup')}

create table analytics_state (
  id boolean primary key default true check (id),
  hierarchy_version bigint not null default 0
);
insert into analytics_state default values;

-- One value's delta added to the rows of its ancestors (as of the month's first day).
create function soyte_rollup_add(p_ou int, p_de int, p_pe int, p_co int, p_num double precision, p_n int)
returns void language plpgsql as $fn$
begin
  insert into data_value_rollup as r (x, de, pe, co, num, n)
  select a.iid, p_de, p_pe, p_co, p_num, p_n
  from period p
  join org_unit u on u.iid = p_ou
  join org_unit_closure c on c.descendant_id = u.id and c.depth > 0
    and c.valid_from <= p.start_date and c.valid_to > p.start_date
  join org_unit a on a.id = c.ancestor_id
  where p.id = p_pe and p.period_type = 'Monthly'
  order by a.iid
  on conflict (x, de, pe, co) do update set num = r.num + excluded.num, n = r.n + excluded.n;
end
$fn$;

create function soyte_rollup_values() returns trigger language plpgsql as $fn$
declare
  big boolean;
  v record;
  nestloop text := current_setting('enable_nestloop');
  mem text := current_setting('work_mem');
begin
  perform pg_advisory_xact_lock_shared(7242001);
  if tg_op = 'DELETE' then
    select count(*) > 1000 into big from old_rows;
  else
    select count(*) > 1000 into big from new_rows;
  end if;
  if tg_op = 'INSERT' then${branch(changedRows.INSERT)}
  elsif tg_op = 'DELETE' then${branch(changedRows.DELETE)}
  else${branch(changedRows.UPDATE)}
  end if;
  return null;
end
$fn$;
create trigger data_value_rollup_ins after insert on data_value
  referencing new table as new_rows for each statement execute function soyte_rollup_values();
create trigger data_value_rollup_upd after update on data_value
  referencing old table as old_rows new table as new_rows for each statement execute function soyte_rollup_values();
create trigger data_value_rollup_del after delete on data_value
  referencing old table as old_rows for each statement execute function soyte_rollup_values();
create function soyte_rollup_truncate() returns trigger language plpgsql as $fn$
begin
  truncate data_value_rollup;
  return null;
end
$fn$;
create trigger data_value_rollup_trunc after truncate on data_value for each statement execute function soyte_rollup_truncate();

create function soyte_rollup_closure() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    ${apply(closureDelta('new_rows', '1'))}
  else
    ${apply(closureDelta('old_rows', '-1'))}
  end if;
  return null;
end
$fn$;
create trigger org_unit_closure_rollup_ins after insert on org_unit_closure
  referencing new table as new_rows for each statement execute function soyte_rollup_closure();
create trigger org_unit_closure_rollup_del after delete on org_unit_closure
  referencing old table as old_rows for each statement execute function soyte_rollup_closure();

-- The whole rollup from data_value (first fill; a repair tool: soyte db rebuild-rollups).
create function soyte_rebuild_rollups() returns void language plpgsql as $fn$
begin
  perform pg_advisory_xact_lock(7242001);
  truncate data_value_rollup;
  insert into data_value_rollup (x, de, pe, co, num, n)
  ${valueDelta(`select ou, de, pe, co, num, 1 as n from data_value where num is not null`)};
end
$fn$;
select soyte_rebuild_rollups();

-- Hierarchy rebuild: the same derivation as before, but org_unit_closure only receives the
-- difference (so the rollup trigger moves only the data of units whose ancestry changed).
create or replace function soyte_rebuild_hierarchy() returns void language plpgsql as $fn$
begin
  perform pg_advisory_xact_lock(7242001);
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
  create temp table new_closure on commit drop as
    select p.path[i] as ancestor_id, p.org_unit_id as descendant_id, p.level - i as depth, p.valid_from, p.valid_to
    from org_unit_path p, generate_subscripts(p.path, 1) as i;
  delete from org_unit_closure c where not exists (
    select 1 from new_closure n where n.ancestor_id = c.ancestor_id and n.descendant_id = c.descendant_id
      and n.depth = c.depth and n.valid_from = c.valid_from and n.valid_to = c.valid_to);
  insert into org_unit_closure (ancestor_id, descendant_id, depth, valid_from, valid_to)
    select n.ancestor_id, n.descendant_id, n.depth, n.valid_from, n.valid_to from new_closure n
    where not exists (select 1 from org_unit_closure c where n.ancestor_id = c.ancestor_id and n.descendant_id = c.descendant_id
      and n.depth = c.depth and n.valid_from = c.valid_from and n.valid_to = c.valid_to);
  drop table new_closure;
  update analytics_state set hierarchy_version = hierarchy_version + 1;
end
$fn$;
`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop trigger if exists org_unit_closure_rollup_ins on org_unit_closure;
drop trigger if exists org_unit_closure_rollup_del on org_unit_closure;
drop function if exists soyte_rollup_closure();
drop function if exists soyte_rebuild_rollups();
drop table if exists data_value_rollup, analytics_state;
drop trigger if exists data_value_rollup_ins on data_value;
drop trigger if exists data_value_rollup_upd on data_value;
drop trigger if exists data_value_rollup_del on data_value;
drop trigger if exists data_value_rollup_trunc on data_value;
drop function if exists soyte_rollup_values();
drop function if exists soyte_rollup_add(int, int, int, int, double precision, int);
drop function if exists soyte_rollup_truncate();
`.execute(db);
}
