// SQL of the equipment KPIs and figures: per unit's subtree (org_unit_closure on the date), from the
// tallies the triggers of migration 0009 keep (equipment_unit_status, equipment_unit_month) plus
// exact counts of the date's own month (and of the first month of the 12-month repair window) read
// through range indexes. Never a scan of the register: over 1,000,000 assets a province answers from
// a few thousand tally rows and one month's slice of the dated indexes.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { UnitInfo } from './equipment.repo.js';

type Db = Kysely<DB>;

export interface TallyRow {
  unit_id: string;
  /** Held asset records and items (all but disposed and transferred). */
  assets: number;
  items: number;
  in_use: number;
  idle: number;
  broken: number;
  in_repair: number;
  locked: number;
  pending_disposal: number;
  fully_worn: number;
  overdue: number;
  due30: number;
  open_work_orders: number;
  repairs: number;
  repair_days: number;
}

export interface TallyDates {
  date: string;
  /** First day of the date's month. */
  monthStart: string;
  /** date − 12 months (the repair window is after it, up to the date). */
  windowStart: string;
  /** First day of the month after windowStart's (full months of the window start here). */
  windowFullFrom: string;
  /** date + 30 days. */
  due30: string;
}

/**
 * Each asked unit's tallies over its subtree as the tree stands on `d.date` (the unit included).
 * Status counts are of items (quantities) and are today's; dated counts are on `d.date`.
 */
export async function tally(db: Db, ids: readonly string[], d: TallyDates): Promise<Map<string, TallyRow>> {
  if (!ids.length) return new Map();
  const r = await tallyQuery(ids, d).execute(db);
  return new Map(r.rows.map((x) => [x.unit_id, x]));
}

/** The query of `tally` (also for EXPLAIN in the benchmark). */
export function tallyQuery(ids: readonly string[], d: TallyDates) {
  return sql<TallyRow>`
    with t as materialized (
      select c.ancestor_id as x, c.descendant_id as u from org_unit_closure c
       where c.ancestor_id = any(${[...ids]}::text[]) and c.valid_from <= ${d.date}::date and c.valid_to > ${d.date}::date
    ),
    st as (
      select t.x,
             sum(s.assets) filter (where s.status not in ('disposed', 'transferred')) as assets,
             sum(s.items) filter (where s.status not in ('disposed', 'transferred')) as items,
             sum(s.items) filter (where s.status = 'in_use') as in_use,
             sum(s.items) filter (where s.status = 'idle') as idle,
             sum(s.items) filter (where s.status = 'broken') as broken,
             sum(s.items) filter (where s.status = 'in_repair') as in_repair,
             sum(s.items) filter (where s.status = 'locked') as locked,
             sum(s.items) filter (where s.status = 'pending_disposal') as pending_disposal
        from t join equipment_unit_status s on s.org_unit_id = t.u
       group by t.x
    ),
    mo as (
      select t.x,
             sum(m.n) filter (where m.metric = 'worn') as worn,
             sum(m.n) filter (where m.metric = 'due') as overdue,
             sum(m.n) filter (where m.metric = 'repair') as repairs,
             sum(m.days) filter (where m.metric = 'repair') as repair_days,
             sum(m.n) filter (where m.metric = 'open') as open_work_orders
        from t join equipment_unit_month m on m.org_unit_id = t.u
       where (m.metric in ('worn', 'due') and m.month < ${d.monthStart}::date)
          or (m.metric = 'repair' and m.month >= ${d.windowFullFrom}::date and m.month < ${d.monthStart}::date)
          or m.metric = 'open'
       group by t.x
    ),
    wx as (
      select t.x, sum(a.quantity) as worn
        from equipment_asset a join t on t.u = a.org_unit_id
       where a.fully_worn_on >= ${d.monthStart}::date and a.fully_worn_on <= ${d.date}::date
         and a.status not in ('disposed', 'transferred')
       group by t.x
    ),
    dx as (
      select t.x, count(*) filter (where s.next_due < ${d.date}::date) as overdue,
             count(*) filter (where s.next_due >= ${d.date}::date) as due30
        from equipment_schedule s join t on t.u = s.org_unit_id
       where s.active and s.held and s.next_due >= ${d.monthStart}::date and s.next_due <= ${d.due30}::date
       group by t.x
    ),
    rx as (
      select t.x, count(*) as repairs, sum(extract(epoch from (w.finished_at - w.reported_at)) / 86400.0) as repair_days
        from equipment_work_order w join t on t.u = w.org_unit_id
       where w.status = 'done' and w.kind = 'corrective'
         and ((w.finished_on > ${d.windowStart}::date and w.finished_on < ${d.windowFullFrom}::date)
           or (w.finished_on >= ${d.monthStart}::date and w.finished_on <= ${d.date}::date))
       group by t.x
    )
    select i.id as unit_id,
           coalesce(st.assets, 0)::int as assets, coalesce(st.items, 0)::float8 as items,
           coalesce(st.in_use, 0)::float8 as in_use, coalesce(st.idle, 0)::float8 as idle,
           coalesce(st.broken, 0)::float8 as broken, coalesce(st.in_repair, 0)::float8 as in_repair,
           coalesce(st.locked, 0)::float8 as locked, coalesce(st.pending_disposal, 0)::float8 as pending_disposal,
           (coalesce(mo.worn, 0) + coalesce(wx.worn, 0))::float8 as fully_worn,
           (coalesce(mo.overdue, 0) + coalesce(dx.overdue, 0))::int as overdue,
           coalesce(dx.due30, 0)::int as due30,
           coalesce(mo.open_work_orders, 0)::int as open_work_orders,
           (coalesce(mo.repairs, 0) + coalesce(rx.repairs, 0))::int as repairs,
           (coalesce(mo.repair_days, 0) + coalesce(rx.repair_days, 0))::float8 as repair_days
      from unnest(${[...ids]}::text[]) as i(id)
      left join st on st.x = i.id
      left join mo on mo.x = i.id
      left join wx on wx.x = i.id
      left join dx on dx.x = i.id
      left join rx on rx.x = i.id`;
}

/** The children of a unit as the tree stands on `date`, by code. */
export async function childrenOn(db: Db, unitId: string, date: string): Promise<UnitInfo[]> {
  const r = await sql<UnitInfo>`
    select u.id, u.code, u.name, u.kind
      from org_unit_path p join org_unit u on u.id = p.org_unit_id
     where p.parent_id = ${unitId} and p.valid_from <= ${date}::date and p.valid_to > ${date}::date
     order by u.code`.execute(db);
  return r.rows;
}

/** The tallies recomputed from the registers (a repair tool; tests compare them with the kept ones). */
export async function rebuildTallies(db: Db): Promise<void> {
  await sql`select equipment_tally_rebuild()`.execute(db);
}

/** The kept tallies, for comparison (tests). */
export async function tallySnapshot(db: Db): Promise<string> {
  const r = await sql<{ s: string }>`
    select coalesce(string_agg(line, ';' order by line), '') as s from (
      select concat_ws(',', org_unit_id, status, assets, items) as line from equipment_unit_status where assets <> 0 or items <> 0
      union all
      select concat_ws(',', org_unit_id, metric, month, n, round(days::numeric, 6)) from equipment_unit_month where n <> 0 or abs(days) > 1e-9
    ) x`.execute(db);
  return r.rows[0]!.s;
}
