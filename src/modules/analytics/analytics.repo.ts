// SQL of the analytics engine: org-unit selections, the rollup read, and the detailed value query that
// returns, for every row unit X of a query, the monthly values of every unit that contributes to X
// (with its share), per data element and option combo. Time and unit aggregation happen in engine.ts;
// metadata and the hierarchy are read whole by analytics.cache.ts.
import { sql, type Kysely } from 'kysely';
import { PREPARED } from '../../db/connection.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** Data elements and indicators by id or code, and option combos by id or code (for items named by users). */
export async function itemRows(db: Db, refs: string[], comboRefs: string[]) {
  const [elements, indicators, combos] = await Promise.all([
    refs.length
      ? db.selectFrom('data_element').select(['id', 'code', 'name', 'name_en', 'category_combo_id']).where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute()
      : Promise.resolve([]),
    refs.length
      ? db
          .selectFrom('indicator')
          .select(['id', 'code', 'name', 'name_en', 'numerator', 'denominator', 'decimals'])
          .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)]))
          .execute()
      : Promise.resolve([]),
    comboRefs.length
      ? db
          .selectFrom('category_option_combo')
          .select(['id', 'code', 'name', 'name_en', 'category_combo_id'])
          .where((eb) => eb.or([eb('id', 'in', comboRefs), eb('code', 'in', comboRefs)]))
          .execute()
      : Promise.resolve([]),
  ]);
  return { elements, indicators, combos };
}

export async function findGroup(db: Db, ref: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('org_unit_group')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)]))
    .executeTakeFirst();
}

/** Members of an org-unit group, by name. */
export async function groupMembers(db: Db, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('org_unit_group_member as m')
    .innerJoin('org_unit as u', 'u.id', 'm.org_unit_id')
    .select('u.id')
    .where('m.group_id', '=', groupId)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * One monthly value that contributes to a row unit: `src` is the unit that stored it, `num` its
 * value already multiplied by the share of `src` that belongs to `x` (1 in the historical structure).
 */
export interface ContributionRow {
  x: string;
  src: number;
  de: number;
  co: number;
  month: string;
  num: number;
}

export interface ValueQuery {
  rowUnits: readonly string[];
  elements: readonly number[];
  months: readonly string[];
  structure: 'historical' | 'current';
  asOf: string;
}

/**
 * THE value query. Monthly stored values (data_value.num not null, every attribute combo) of the
 * given elements and months, attributed to each row unit X:
 * - historical: the storing unit u counts for X when X is u or an ancestor of u on the month's first day;
 * - current: u's values are first carried to the units open on `asOf` (u itself when open, else its
 *   successors through org_unit_link, following chains, share = link weight or an equal part among
 *   u's successors when the weight is null), then counted for X when the receiving unit is X or
 *   below X on `asOf`. A unit reached along several paths adds its shares up.
 */
export async function contributions(db: Db, q: ValueQuery): Promise<ContributionRow[]> {
  if (q.rowUnits.length === 0 || q.elements.length === 0 || q.months.length === 0) return [];
  const xs = sql`${sql.val([...q.rowUnits])}::text[]`;
  const des = sql`${sql.val([...q.elements])}::int[]`;
  const months = sql`${sql.val([...q.months])}::text[]`;
  const values = sql`
    select dv.ou, dv.de, dv.co, p.iso as month, p.start_date, sum(dv.num) as num
    from data_value dv
    join period p on p.id = dv.pe and p.period_type = 'Monthly' and p.iso = any(${months})
    where dv.de = any(${des}) and dv.num is not null
    group by dv.ou, dv.de, dv.co, p.iso, p.start_date`;
  if (q.structure === 'historical') {
    const res = await sql<ContributionRow>`
      with v as (${values})
      select c.ancestor_id as x, v.ou as src, v.de, v.co, v.month, v.num::float8 as num
      from v
      join org_unit u on u.iid = v.ou
      join org_unit_closure c on c.descendant_id = u.id and c.ancestor_id = any(${xs})
        and c.valid_from <= v.start_date and c.valid_to > v.start_date`.execute(db);
    return res.rows;
  }
  const asOf = sql`${q.asOf}::date`;
  const res = await sql<ContributionRow>`
    with recursive
    v as (${values}),
    is_open as (
      select id, (opening_date <= ${asOf} and (closed_date is null or closed_date > ${asOf})) as open from org_unit
    ),
    link as (
      select l.predecessor_id, l.successor_id,
             coalesce(l.weight, 1.0 / count(*) over (partition by l.predecessor_id)) as w
      from org_unit_link l
    ),
    carry (src, cur, share, hops) as (
      select u.id, u.id, 1.0::numeric, 0
      from org_unit u where u.iid in (select distinct ou from v)
      union all
      select c.src, l.successor_id, c.share * l.w, c.hops + 1
      from carry c
      join is_open o on o.id = c.cur and not o.open
      join link l on l.predecessor_id = c.cur
      where c.hops < 20
    ),
    landed as (
      select c.src, c.cur as dst, sum(c.share) as share
      from carry c join is_open o on o.id = c.cur and o.open
      group by c.src, c.cur
    ),
    share_of_x as (
      select cl.ancestor_id as x, u.iid as src, sum(l.share) as share
      from landed l
      join org_unit u on u.id = l.src
      join org_unit_closure cl on cl.descendant_id = l.dst and cl.ancestor_id = any(${xs})
        and cl.valid_from <= ${asOf} and cl.valid_to > ${asOf}
      group by cl.ancestor_id, u.iid
    )
    select s.x, v.ou as src, v.de, v.co, v.month, (v.num * s.share)::float8 as num
    from v join share_of_x s on s.src = v.ou`.execute(db);
  return res.rows;
}

/** The contributing unit of a rollup row: every unit strictly below the row unit, already summed. */
export const ROLLUP_SRC = -1;

export interface RollupQuery {
  /** Row units (org_unit.iid) whose rollup rows are read: those that have, or had, units below them. */
  rollupUnits: readonly number[];
  /** Row units whose own stored values are read (every row unit). */
  ownUnits: readonly number[];
  elements: readonly number[];
  months: readonly string[];
}

/** Above this many row units, their own values are found through the (de, pe) index, not one probe per unit. */
const MANY_UNITS = 32;

/**
 * For each row unit X (by iid): the rollup rows of X (src = ROLLUP_SRC) and X's own stored values
 * (src = X), per element, combo and month; plus the hierarchy version of the same snapshot, so the
 * caller can tell that its in-memory tree is older than the data it just read.
 */
export async function rollupContributions(db: Db, q: RollupQuery): Promise<{ rows: (Omit<ContributionRow, 'x'> & { x: number })[]; hierarchyVersion: number }> {
  const ous = sql`${sql.val([...q.ownUnits])}::int[]`;
  const des = sql`${sql.val([...q.elements])}::int[]`;
  // Own values: a few row units → one primary-key probe per unit (LATERAL: each probe prunes to its
  // partition); many → one (de, pe) index scan filtered by unit (`ou + 0` keeps the planner off the
  // primary key, which would probe every unit in every partition).
  const own =
    q.ownUnits.length > MANY_UNITS
      ? sql`select dv.ou, dv.ou, dv.de, dv.co, p.iso, sum(dv.num)
          from p join data_value dv on dv.pe = p.id
          where dv.ou + 0 = any(${ous}) and dv.de = any(${des}) and dv.pe = any(array(select id from p)) and dv.num is not null
          group by dv.ou, dv.de, dv.co, p.iso`
      : sql`select o.ou, o.ou, v.de, v.co, p.iso, v.num
          from unnest(${ous}) as o(ou)
          cross join lateral (
            select dv.de, dv.co, dv.pe, sum(dv.num) as num from data_value dv
            where dv.ou = o.ou and dv.de = any(${des}) and dv.pe = any(array(select id from p)) and dv.num is not null
            group by dv.de, dv.co, dv.pe
          ) v
          join p on p.id = v.pe`;
  const res = await sql<{ x: number | null; src: number; de: number; co: number; month: string | null; num: number }>`${sql.raw(PREPARED)}
    with p as materialized (select id, iso from period where period_type = 'Monthly' and iso = any(${sql.val([...q.months])}::text[]))
    select null::int as x, 0 as src, 0 as de, 0 as co, null::text as month, hierarchy_version::float8 as num from analytics_state
    union all
    select r.x, ${ROLLUP_SRC}, r.de, r.co, p.iso, r.num
    from p join data_value_rollup r on r.pe = p.id
    where r.x = any(${sql.val([...q.rollupUnits])}::int[]) and r.de = any(${des})
      and r.pe = any(array(select id from p)) and r.n > 0
    union all
    ${own}`.execute(db);
  // The version row is the one with src 0 (a unit's own rows have its iid ≥ 1; rollup rows −1).
  const version = res.rows.find((r) => r.src === 0);
  const rows = res.rows.filter((r) => r.src !== 0) as (Omit<ContributionRow, 'x'> & { x: number })[];
  return { rows, hierarchyVersion: Number(version!.num) };
}
