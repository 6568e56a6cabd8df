// The naive SQL baseline: the same answer as runQuery for one AnalyticsQuery, computed by a plain
// GROUP BY over data_value joined to period and org_unit_closure (historical structure: a value counts
// for X when X is the storing unit or its ancestor on the first day of the value's month; 'current'
// structure: a recursive CTE carries each unit's values along org_unit_link to the units open on asOf,
// with shares, and the closure on asOf attributes them).
//   SUM flows: sum over months, units and combos.
//   LAST stocks: per (row unit, range, storing unit, combo) the value of the latest month with one
//     (row_number() over … order by month desc), then summed.
//   Indicators of the form #{A[.coc]} / #{B[.coc]}: both parts aggregated as above, then
//     num / den × factor (null when den is 0 or missing).
// Not covered (throws): AVERAGE elements, indicators with compound expressions (none in the query set).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import type { AnalyticsQuery, OrgUnitSelection } from '../../src/modules/analytics/query.js';

export type Answer = Map<string, number | null>;
export const cellKey = (dx: string, co: string | undefined, pe: string, ou: string) => `${dx}|${co ?? ''}|${pe}|${ou}`;

type Db = Kysely<DB>;

/** Why a query has no baseline (null: it has one). */
export function baselineSupport(_q: AnalyticsQuery): string | null {
  return null;
}

/** Row units of one selection as the tree was on `date` (naive: straight off org_unit_path / closure). */
async function rowUnits(db: Db, sel: OrgUnitSelection, date: string): Promise<string[]> {
  switch (sel.kind) {
    case 'unit':
      return (await sql<{ id: string }>`select id from org_unit where id = ${sel.id} or code = ${sel.id}`.execute(db)).rows.map((r) => r.id);
    case 'children':
      return (
        await sql<{ id: string }>`select distinct p.org_unit_id as id from org_unit_path p join org_unit par on par.id = p.parent_id
          where (par.id = ${sel.id} or par.code = ${sel.id}) and p.valid_from <= ${date}::date and p.valid_to > ${date}::date`.execute(db)
      ).rows.map((r) => r.id);
    case 'level':
      return (
        await sql<{ id: string }>`select distinct p.org_unit_id as id from org_unit_path p
          where p.level = ${sel.level} and p.valid_from <= ${date}::date and p.valid_to > ${date}::date
          ${sel.within ? sql`and exists (select 1 from org_unit_closure c join org_unit w on w.id = c.ancestor_id
            where c.descendant_id = p.org_unit_id and (w.id = ${sel.within} or w.code = ${sel.within})
            and c.valid_from <= ${date}::date and c.valid_to > ${date}::date)` : sql``}`.execute(db)
      ).rows.map((r) => r.id);
    case 'group':
      return (
        await sql<{ id: string }>`select m.org_unit_id as id from org_unit_group_member m join org_unit_group g on g.id = m.group_id
          where g.id = ${sel.id} or g.code = ${sel.id}`.execute(db)
      ).rows.map((r) => r.id);
  }
}

interface PartRow {
  pe: string;
  ou: string;
  co: string;
  v: number;
}

/** One element (optionally one combo) aggregated per (range, row unit[, combo]). */
async function elementAggregate(
  db: Db,
  q: AnalyticsQuery,
  xs: string[],
  element: string,
  opts: { coc?: string | null; byCoc?: boolean },
): Promise<{ id: string; rows: PartRow[] }> {
  const el = (await sql<{ id: string; agg: string }>`select id, aggregation_type as agg from data_element where id = ${element} or code = ${element}`.execute(db)).rows[0];
  if (!el) throw new Error(`baseline: unknown element ${element}`);
  const peIds = q.periods.flatMap((r) => r.months.map(() => r.id));
  const isos = q.periods.flatMap((r) => r.months);
  const cocFilter = opts.coc
    ? sql`and dv.co = (select c.iid from category_option_combo c join data_element e on e.category_combo_id = c.category_combo_id
         where e.id = ${el.id} and (c.id = ${opts.coc} or c.code = ${opts.coc}))`
    : sql``;
  const coOut = opts.byCoc || opts.coc ? sql`coc.id` : sql`''`;
  let rows: PartRow[];
  // Attribution of a stored value to a row unit x, with its share:
  //   historical: x is the storing unit or its ancestor on the first day of the value's month (share 1);
  //   current: the storing unit's values are carried along org_unit_link to the units open on asOf
  //     (chains followed; share = weight, or an equal part among a closed unit's successors), then
  //     x is the receiving unit or its ancestor on asOf.
  const asOf = q.asOf ?? '2025-12-31';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`baseline: bad asOf ${asOf}`);
  const isOpen = (alias: string) => sql.raw(`(${alias}.opening_date <= '${asOf}'::date and (${alias}.closed_date is null or ${alias}.closed_date > '${asOf}'::date))`);
  const prefix =
    q.structure === 'current'
      ? sql`with recursive
        link as (select predecessor_id, successor_id, coalesce(weight, 1.0 / count(*) over (partition by predecessor_id)) as w from org_unit_link),
        carry (src, cur, share, hops) as (
          select id, id, 1.0::numeric, 0 from org_unit
          union all
          select c.src, l.successor_id, c.share * l.w, c.hops + 1
          from carry c join org_unit o on o.id = c.cur and not ${isOpen('o')} join link l on l.predecessor_id = c.cur
          where c.hops < 20),
        share_of_x as (
          select cl.ancestor_id as x, c.src, sum(c.share)::float8 as share
          from carry c join org_unit o on o.id = c.cur and ${isOpen('o')}
          join org_unit_closure cl on cl.descendant_id = c.cur and cl.valid_from <= ${asOf}::date and cl.valid_to > ${asOf}::date
          where cl.ancestor_id = any(${xs}::text[])
          group by cl.ancestor_id, c.src)`
      : sql`with unused as (select 1)`;
  const attribution =
    q.structure === 'current'
      ? sql`join share_of_x a on a.src = u.id`
      : sql`join (select ancestor_id as x, descendant_id, valid_from, valid_to, 1.0::float8 as share from org_unit_closure where ancestor_id = any(${xs}::text[])) a
              on a.descendant_id = u.id and a.valid_from <= p.start_date and a.valid_to > p.start_date`;
  if (el.agg === 'SUM' || el.agg === 'NONE') {
    rows = (
      await sql<PartRow>`
        ${prefix}
        select r.pe_id as pe, a.x as ou, ${coOut} as co, sum(dv.num * a.share)::float8 as v
        from data_value dv
        join period p on p.id = dv.pe
        join unnest(${isos}::text[], ${peIds}::text[]) as r(iso, pe_id) on r.iso = p.iso
        join org_unit u on u.iid = dv.ou
        ${attribution}
        join category_option_combo coc on coc.iid = dv.co
        where dv.de = (select iid from data_element where id = ${el.id}) and dv.num is not null ${cocFilter}
        group by 1, 2, 3`.execute(db)
    ).rows;
  } else if (el.agg === 'LAST') {
    rows = (
      await sql<PartRow>`
        ${prefix},
        v as (
          select r.pe_id, a.x, dv.ou, dv.co, coc.id as coc_id, dv.num * a.share as num,
                 row_number() over (partition by r.pe_id, a.x, dv.ou, dv.co order by p.iso desc) as rn
          from data_value dv
          join period p on p.id = dv.pe
          join unnest(${isos}::text[], ${peIds}::text[]) as r(iso, pe_id) on r.iso = p.iso
          join org_unit u on u.iid = dv.ou
          ${attribution}
          join category_option_combo coc on coc.iid = dv.co
          where dv.de = (select iid from data_element where id = ${el.id}) and dv.num is not null ${cocFilter}
        )
        select pe_id as pe, x as ou, ${opts.byCoc || opts.coc ? sql`coc_id` : sql`''`} as co, sum(num)::float8 as v
        from v where rn = 1 group by 1, 2, 3`.execute(db)
    ).rows;
  } else {
    throw new Error(`baseline: aggregation ${el.agg} not written`);
  }
  return { id: el.id, rows };
}

const SINGLE_REF = /^\s*#\{([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?\}\s*$/;

/** The baseline answer, or a reason why there is none. */
export async function baselineAnswer(db: Db, q: AnalyticsQuery): Promise<Answer> {
  const date = q.structure === 'current' ? (q.asOf ?? '2025-12-31') : q.periods.reduce((m, p) => (p.end > m ? p.end : m), q.periods[0]!.end);
  const xs = [...new Set((await Promise.all(q.orgUnits.map((s) => rowUnits(db, s, date)))).flat())];
  const out: Answer = new Map();
  for (const item of q.data) {
    if (item.kind === 'dataElement') {
      const { id, rows } = await elementAggregate(db, q, xs, item.id, { coc: item.coc, byCoc: item.byCoc });
      for (const r of rows) out.set(cellKey(id, r.co || undefined, r.pe, r.ou), r.v);
    } else {
      const ind = (
        await sql<{ id: string; num: string; den: string; factor: number }>`
          select i.id, i.numerator as num, i.denominator as den, t.factor::float8 as factor
          from indicator i join indicator_type t on t.id = i.indicator_type_id where i.id = ${item.id} or i.code = ${item.id}`.execute(db)
      ).rows[0];
      if (!ind) throw new Error(`baseline: unknown indicator ${item.id}`);
      const n = SINGLE_REF.exec(ind.num);
      const d = SINGLE_REF.exec(ind.den);
      if (!n || !d) throw new Error(`baseline: indicator ${item.id} is not #{A}/#{B}`);
      const part = async (m: RegExpExecArray) => {
        const { rows } = await elementAggregate(db, q, xs, m[1]!, { coc: m[2] ?? null });
        return new Map(rows.map((r) => [`${r.pe}|${r.ou}`, r.v]));
      };
      const num = await part(n);
      const den = await part(d);
      for (const k of new Set([...num.keys(), ...den.keys()])) {
        const [pe, ou] = k.split('|') as [string, string];
        const a = num.get(k);
        const b = den.get(k);
        out.set(cellKey(ind.id, undefined, pe, ou), a === undefined || b === undefined || b === 0 ? null : (a / b) * ind.factor);
      }
    }
  }
  return out;
}

/** Equal within 1e-9 relative (nulls equal nulls); returns the first difference or null. */
export function compareAnswers(engine: Answer, base: Answer): string | null {
  for (const [k, v] of engine) {
    if (!base.has(k)) return `${k}: engine ${v}, baseline missing`;
    const b = base.get(k)!;
    if (v === null || b === null) {
      if (v !== b) return `${k}: engine ${v}, baseline ${b}`;
      continue;
    }
    if (Math.abs(v - b) > 1e-9 * Math.max(1, Math.abs(v), Math.abs(b))) return `${k}: engine ${v}, baseline ${b}`;
  }
  for (const k of base.keys()) if (!engine.has(k)) return `${k}: baseline ${base.get(k)}, engine missing`;
  return null;
}
