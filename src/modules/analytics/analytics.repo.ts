// SQL of the analytics module: metadata and the hierarchy read whole (for analytics.cache.ts), the
// names of what an answer shows, org-unit selections, the rollup read, and the detailed value query
// that returns, for every row unit X of a query, the monthly values of every unit that contributes to X
// (with its share), per data element and option combo. Time and unit aggregation happen in engine.ts.
// Aggregating over the tree reads org_unit_closure here; access is decided by the kernel (core/access.ts).
import { sql, type Kysely } from 'kysely';
import { PREPARED } from '../../db/connection.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** `refs` (ids or codes) as one array parameter: any number of them, never thousands of parameters. */
const textArray = (refs: readonly string[]) => sql`${sql.val([...refs])}::text[]`;

// ---------------------------------------------------------------------------------------------
// Metadata and hierarchy, read whole (analytics.cache.ts)

export interface MetaRows {
  elements: { id: string; iid: number; code: string; aggregation_type: 'SUM' | 'LAST' | 'AVERAGE' | 'NONE'; category_combo_id: string }[];
  combos: { id: string; iid: number; code: string | null; category_combo_id: string }[];
  indicators: { id: string; code: string; numerator: string; denominator: string; factor: number | string }[];
  constants: { id: string; code: string; value: number | string }[];
}

export async function metadataRows(db: Db): Promise<MetaRows> {
  const [elements, combos, indicators, constants] = await Promise.all([
    db.selectFrom('data_element').select(['id', 'iid', 'code', 'aggregation_type', 'category_combo_id']).execute(),
    db.selectFrom('category_option_combo').select(['id', 'iid', 'code', 'category_combo_id']).execute(),
    db
      .selectFrom('indicator as i')
      .innerJoin('indicator_type as t', 't.id', 'i.indicator_type_id')
      .select(['i.id', 'i.code', 'i.numerator', 'i.denominator', 't.factor'])
      .execute(),
    db.selectFrom('constant').select(['id', 'code', 'value']).execute(),
  ]);
  return { elements: elements as MetaRows['elements'], combos, indicators, constants };
}

export interface HierarchyRows {
  version: number;
  units: { id: string; iid: number; code: string | null }[];
  /** Sorted by name, then unit id. */
  paths: { unit: string; parent: string | null; level: number; name: string; from: string; to: string }[];
  closure: { ancestor: string; descendant: string; from: string; to: string }[];
  links: { predecessor_id: string; successor_id: string }[];
}

/**
 * The statistics tree and its version in one snapshot (a structural change commits all of them at
 * once). The department's offices report no statistics and are left out of it.
 */
export async function hierarchyRows(db: Db): Promise<HierarchyRows> {
  const read = async (tx: Db): Promise<HierarchyRows> => {
    const version = Number((await tx.selectFrom('analytics_state').select('hierarchy_version').executeTakeFirstOrThrow()).hierarchy_version);
    const [units, paths, closure, links] = await Promise.all([
      tx.selectFrom('org_unit').select(['id', 'iid', 'code']).where('kind', '<>', 'office').execute(),
      sql<HierarchyRows['paths'][number]>`select org_unit_id as unit, parent_id as parent, level, name, valid_from::text as "from", valid_to::text as "to"
        from org_unit_path where org_unit_id not in (select id from org_unit where kind = 'office') order by name, org_unit_id`.execute(tx),
      sql<HierarchyRows['closure'][number]>`select ancestor_id as ancestor, descendant_id as descendant, valid_from::text as "from", valid_to::text as "to"
        from org_unit_closure where descendant_id not in (select id from org_unit where kind = 'office')`.execute(tx),
      tx.selectFrom('org_unit_link').select(['predecessor_id', 'successor_id']).execute(),
    ]);
    return { version, units, paths: paths.rows, closure: closure.rows, links };
  };
  if (db.isTransaction) return read(db);
  return db.transaction().setIsolationLevel('repeatable read').execute(read);
}

/** analytics_state.hierarchy_version: bumped by every structural change, in its transaction. */
export async function hierarchyVersion(db: Db): Promise<number> {
  const r = await db.selectFrom('analytics_state').select('hierarchy_version').executeTakeFirst();
  return Number(r?.hierarchy_version ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Names and lookups of what requests name and answers show

/** Every data element, indicator (with its factor), option combo (in display order) and org-unit group. */
export async function namedMetadata(db: Db) {
  const [elements, indicators, combos, groups] = await Promise.all([
    db.selectFrom('data_element').select(['id', 'code', 'name', 'name_en', 'short_name', 'category_combo_id']).execute(),
    db
      .selectFrom('indicator as i')
      .innerJoin('indicator_type as t', 't.id', 'i.indicator_type_id')
      .select(['i.id', 'i.code', 'i.name', 'i.name_en', 'i.short_name', 't.factor'])
      .execute(),
    db.selectFrom('category_option_combo').select(['id', 'code', 'name', 'name_en', 'category_combo_id', 'sort_order']).orderBy('sort_order').orderBy('iid').execute(),
    db.selectFrom('org_unit_group').select(['id', 'code', 'name', 'name_en']).execute(),
  ]);
  return { elements, indicators, combos, groups };
}

/** Org units named by id or code, with their level on `date` (or their last level when not open then). */
export async function unitsWithLevel(db: Db, refs: readonly string[], date: string): Promise<{ id: string; code: string | null; level: number }[]> {
  if (refs.length === 0) return [];
  const rows = await sql<{ id: string; code: string | null; level: number | null }>`
    select u.id, u.code,
      (select p.level from org_unit_path p where p.org_unit_id = u.id
       order by (p.valid_from <= ${date} and p.valid_to > ${date}) desc, p.valid_from desc limit 1) as level
    from org_unit u
    where u.id = any(${textArray(refs)}) or u.code = any(${textArray(refs)})`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, code: r.code, level: Number(r.level ?? 0) }));
}

/** Units by id with their name on `date` (a renamed or merged unit keeps the name of its time). */
export async function unitNamesOn(db: Db, ids: readonly string[], date: string) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit_path as p', (j) => j.onRef('p.org_unit_id', '=', 'u.id').on('p.valid_from', '<=', date).on('p.valid_to', '>', date))
    .select(['u.id', 'u.code', 'u.name_en', 'u.short_name', 'u.name as current_name', sql<string>`coalesce(p.name, u.name)`.as('name'), 'p.level'])
    .where('u.id', '=', sql<string>`any(${textArray(ids)})`)
    .execute();
}

/** The data sets holding the data elements (by id or code), one row per (data set, element id). */
export async function dataSetsByElement(db: Db, refs: readonly string[]) {
  if (refs.length === 0) return [];
  return db
    .selectFrom('data_set as s')
    .innerJoin('data_set_element as m', 'm.data_set_id', 's.id')
    .innerJoin('data_element as e', 'e.id', 'm.data_element_id')
    .select(['s.id', 's.code', 's.name', 's.name_en', 's.period_type', 'e.id as element_id', 'e.code as element_code'])
    .where((eb) => eb.or([eb('e.id', '=', sql<string>`any(${textArray(refs)})`), eb('e.code', '=', sql<string>`any(${textArray(refs)})`)]))
    .orderBy('s.code')
    .execute();
}

/** The unit at the top of the tree today (the Sở Y tế), or null in an empty tree. */
export async function topUnit(db: Db): Promise<string | null> {
  const r = await db
    .selectFrom('org_unit_path')
    .select('org_unit_id')
    .where('level', '=', 1)
    .where('valid_to', '=', sql<string>`'infinity'::date`)
    .orderBy('org_unit_id')
    .limit(1)
    .executeTakeFirst();
  return r?.org_unit_id ?? null;
}

/** The most common kind of the units a data set is (or was) assigned to over a date range. */
export async function reportingUnitKind(db: Db, dataSetId: string, from: string, to: string): Promise<string | null> {
  const r = await db
    .selectFrom('data_set_unit as a')
    .innerJoin('org_unit as u', 'u.id', 'a.org_unit_id')
    .select(['u.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.data_set_id', '=', dataSetId)
    .where('a.valid_from', '<=', to)
    .where('a.valid_to', '>', from)
    .groupBy('u.kind')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? String(r.kind) : null;
}

/** Data elements and indicators by id or code, and option combos by id or code (for items named by users). */
export async function itemRows(db: Db, refs: readonly string[], comboRefs: readonly string[]) {
  const byRef = (list: readonly string[]) => sql<boolean>`id = any(${textArray(list)}) or code = any(${textArray(list)})`;
  const [elements, indicators, combos] = await Promise.all([
    refs.length
      ? db.selectFrom('data_element').select(['id', 'code', 'name', 'name_en', 'category_combo_id']).where(byRef(refs)).execute()
      : Promise.resolve([]),
    refs.length
      ? db.selectFrom('indicator').select(['id', 'code', 'name', 'name_en', 'numerator', 'denominator', 'decimals']).where(byRef(refs)).execute()
      : Promise.resolve([]),
    comboRefs.length
      ? db.selectFrom('category_option_combo').select(['id', 'code', 'name', 'name_en', 'category_combo_id']).where(byRef(comboRefs)).execute()
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
