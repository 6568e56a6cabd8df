// SQL of completeness and timeliness: forms expected and reported over the tree below a unit.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Period } from '../../lib/periods.js';

type Db = Kysely<DB>;

export interface CompletenessRow {
  iso: string;
  unit_id: string;
  code: string;
  name: string;
  expected: number;
  reported: number;
  on_time: number;
}

/**
 * Completeness per (row unit, period): forms expected (units of the row unit's subtree, as of the
 * period's start, assigned the data set over the period) and reported (completed or approved), of
 * which on time. Row units: `mode` 'self' = the given unit; 'children' = its children; a number = its
 * descendants at that absolute level — each as of the period's start. An aggregate over the tree
 * below a unit the caller was allowed to read (the service checks it).
 */
export async function completeness(db: Db, dataSetId: string, unitId: string, periods: Period[], mode: 'self' | 'children' | number) {
  if (periods.length === 0) return [];
  const pers = sql.join(periods.map((p) => sql`(${p.iso}::text, ${p.start}::date, ${p.end}::date)`));
  const rowFilter =
    mode === 'self'
      ? sql`c.depth = 0`
      : mode === 'children'
        ? sql`c.depth = 1`
        : sql`exists (select 1 from org_unit_path op where op.org_unit_id = c.descendant_id and op.valid_from <= p.start_date
                      and op.valid_to > p.start_date and op.level = ${mode})`;
  const r = await sql<CompletenessRow>`
    with pers(iso, start_date, end_date) as (values ${pers}),
    rowunits as (
      select p.iso, p.start_date, p.end_date, c.descendant_id as unit_id
      from pers p join org_unit_closure c on c.ancestor_id = ${unitId} and c.valid_from <= p.start_date and c.valid_to > p.start_date
      where ${rowFilter}
    ),
    forms as (
      select r.iso, r.unit_id, d.descendant_id as form_unit
      from rowunits r join org_unit_closure d on d.ancestor_id = r.unit_id and d.valid_from <= r.start_date and d.valid_to > r.start_date
      where exists (select 1 from data_set_unit a where a.data_set_id = ${dataSetId} and a.org_unit_id = d.descendant_id
                    and a.valid_from <= r.end_date and a.valid_to > r.start_date)
    )
    select f.iso, f.unit_id, u.code, u.name,
      count(*)::int as expected,
      (count(*) filter (where fs.state in ('completed', 'approved')))::int as reported,
      (count(*) filter (where fs.state in ('completed', 'approved') and fs.on_time))::int as on_time
    from forms f
    join org_unit u on u.id = f.unit_id
    left join period pe on pe.iso = f.iso
    left join form_status fs on fs.data_set_id = ${dataSetId} and fs.org_unit_id = f.form_unit and fs.period_id = pe.id
    group by f.iso, f.unit_id, u.code, u.name
    order by f.iso, u.code`.execute(db);
  return r.rows;
}
