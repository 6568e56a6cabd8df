// The SQL of the follow-up summary. Tasks are first counted per lead unit (and document) in one pass
// over the task table — a few hundred rows out of 100,000 tasks — and only those counts are then
// mapped onto the rows asked for (the children of a unit, with their subtrees; or documents).
import { sql, type Kysely } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

export interface SummaryFilter {
  today: string;
  dueSoonLimit: string;
  from?: string;
  to?: string;
  /** Only the tasks of these documents. */
  documents?: readonly string[];
}

export interface CountRow {
  key: string;
  done_on_time: number;
  done_late: number;
  in_progress: number;
  overdue: number;
  no_deadline: number;
  due_soon: number;
  late_days: number;
  late_count: number;
}

/** Tasks counted per lead unit or per document (then only those led by units in `scope`). */
function counted(f: SummaryFilter, by: 'lead' | 'document', scope: Scope = { root: null }) {
  const dateFilter = sql`${f.from ? sql`and (t.deadline >= ${f.from}::date or t.deadline is null)` : sql``}
    ${f.to ? sql`and (t.deadline <= ${f.to}::date or (t.deadline is null and t.created_at < (${f.to}::date + 1)))` : sql``}
    ${f.documents ? sql`and t.document_id = any(${[...f.documents]}::text[])` : sql``}`;
  // Buckets: 0 done on time, 1 done late, 2 in progress within the deadline, 3 overdue, 4 no deadline.
  // Each task's bucket is computed once (the inner query, grouped by key × bucket × due soon: a few
  // thousand rows), then pivoted into one row per key.
  return sql`
    select key,
      coalesce(sum(n) filter (where bucket = 0), 0)::int as done_on_time,
      coalesce(sum(n) filter (where bucket = 1), 0)::int as done_late,
      coalesce(sum(n) filter (where bucket = 2), 0)::int as in_progress,
      coalesce(sum(n) filter (where bucket = 3), 0)::int as overdue,
      coalesce(sum(n) filter (where bucket = 4), 0)::int as no_deadline,
      coalesce(sum(n) filter (where due_soon), 0)::int as due_soon,
      coalesce(sum(late_days), 0)::int as late_days,
      coalesce(sum(n) filter (where bucket in (1, 3)), 0)::int as late_count
    from (
      select key, bucket, due_soon, count(*) as n, sum(late) as late_days
      from (
        select ${by === 'lead' ? sql`t.lead_unit_id` : sql`t.document_id`} as key,
          case when t.status = 'done' then case when t.deadline is null or t.completed_on <= t.deadline then 0 else 1 end
               when t.deadline is null then 4
               when t.deadline >= ${f.today}::date then 2 else 3 end as bucket,
          t.status <> 'done' and t.deadline between ${f.today}::date and ${f.dueSoonLimit}::date as due_soon,
          case when t.status = 'done' then greatest(t.completed_on - t.deadline, 0) else greatest(${f.today}::date - t.deadline, 0) end as late
        from task t
        where t.kind = 'task' and t.status <> 'withdrawn' ${dateFilter} and ${inScope(scope, sql.ref('t.lead_unit_id'))}
      ) x
      group by key, bucket, due_soon
    ) g
    group by key`;
}

const sums = sql`
  sum(done_on_time)::int as done_on_time, sum(done_late)::int as done_late, sum(in_progress)::int as in_progress,
  sum(overdue)::int as overdue, sum(no_deadline)::int as no_deadline, sum(due_soon)::int as due_soon,
  sum(late_days)::int as late_days, sum(late_count)::int as late_count`;

/**
 * Per child of `parent` (open on `today`), the tasks led by the child or any unit below it; the
 * parent's own tasks under its own id.
 */
export async function countsByUnit(db: Db, parent: string, f: SummaryFilter): Promise<CountRow[]> {
  const r = await sql<CountRow>`
    with c as (${counted(f, 'lead')}),
    kids as (select org_unit_id as id from org_unit_path where parent_id = ${parent} and valid_from <= ${f.today}::date and valid_to > ${f.today}::date),
    mapped as (
      select case when c.key = ${parent} then ${parent} else k.id end as row_key, c.*
      from c left join lateral (
        select cl.ancestor_id as id from org_unit_closure cl join kids on kids.id = cl.ancestor_id
        where cl.descendant_id = c.key and cl.valid_from <= ${f.today}::date and cl.valid_to > ${f.today}::date limit 1) k on true
    )
    select row_key as key, ${sums} from mapped where row_key is not null group by row_key`.execute(db);
  return r.rows;
}

/** Per document, the tasks led by units in `scope`. */
export async function countsByDocument(db: Db, scope: Scope, f: SummaryFilter): Promise<CountRow[]> {
  const r = await sql<CountRow>`${counted(f, 'document', scope)}`.execute(db);
  return r.rows;
}

/** The plain GROUP BY the benchmark compares against: counts per lead unit, no buckets, no tree. */
export async function plainGroupBy(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`select lead_unit_id, count(*)::int as n from task where kind = 'task' group by lead_unit_id`.execute(db);
  return r.rows.length;
}

export function childUnits(db: Db, parent: string, today: string) {
  return sql<{ id: string; code: string; name: string; kind: string }>`
    select u.id, u.code, u.name, u.kind from org_unit_path p join org_unit u on u.id = p.org_unit_id
    where p.parent_id = ${parent} and p.valid_from <= ${today}::date and p.valid_to > ${today}::date
    order by case u.kind when 'office' then 0 when 'hospital' then 1 when 'cdc' then 1 when 'health_centre' then 2 else 3 end, u.name`.execute(db).then((r) => r.rows);
}

export function documentHeads(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('directive_document').select(['id', 'kind', 'number', 'issued_on', 'title']).where('id', 'in', [...ids]).execute();
}

export function unitHeads(db: Db, ids: readonly string[]) {
  return db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', 'in', [...ids]).execute();
}

/** Units without a parent today (the system administrator's summary starts there). */
export function rootUnits(db: Db) {
  return sql<{ id: string }>`select org_unit_id as id from org_unit_path where parent_id is null and valid_from <= current_date and valid_to > current_date order by level, name`.execute(db).then((r) => r.rows);
}
