// SQL of data entry: values of a form, their audit trail, outlier bounds, and the single-value save.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import { PREPARED } from '../../db/connection.js';
import type { DB } from '../../db/schema.js';
import type { PeriodType } from '../../lib/periods.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findUnit(db: Db, idOrCode: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'iid', 'code', 'name', 'opening_date', 'closed_date'])
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export function findElement(db: Db, idOrCode: string) {
  return db
    .selectFrom('data_element as e')
    .innerJoin('category_combo as cc', 'cc.id', 'e.category_combo_id')
    .select(['e.id', 'e.iid', 'e.code', 'e.value_type', 'e.category_combo_id', 'cc.is_default'])
    .where((eb) => eb.or([eb('e.id', '=', idOrCode), eb('e.code', '=', idOrCode)]))
    .executeTakeFirst();
}

/** An option combo of a category combo, by uid or code. */
export function findComboOption(db: Db, comboId: string, idOrCode: string | null) {
  let q = db.selectFrom('category_option_combo').select(['id', 'iid', 'code', 'category_combo_id']).where('category_combo_id', '=', comboId);
  if (idOrCode !== null) q = q.where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]));
  return q.orderBy('iid').executeTakeFirst();
}

export function cocExists(db: Db, idOrCode: string) {
  return db
    .selectFrom('category_option_combo')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export function periodId(db: Db, iso: string) {
  return db.selectFrom('period').select('id').where('iso', '=', iso).executeTakeFirst();
}

export interface ValueKey {
  ou: number;
  de: number;
  pe: number;
  co: number;
  ao: number;
}

export function valueRow(db: Db, k: ValueKey, lock = false) {
  const q = db
    .selectFrom('data_value')
    .selectAll()
    .where('ou', '=', k.ou)
    .where('de', '=', k.de)
    .where('pe', '=', k.pe)
    .where('co', '=', k.co)
    .where('ao', '=', k.ao);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** Values of a unit and period for some elements, with uids of element and option combo. */
export function formValues(db: Db, ou: number, pe: number, ao: number, deIids: number[]) {
  if (deIids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('data_value as v')
    .innerJoin('data_element as e', 'e.iid', 'v.de')
    .innerJoin('category_option_combo as c', 'c.iid', 'v.co')
    .select(['e.id as de_id', 'c.id as coc_id', 'v.value', 'v.comment', 'v.follow_up', 'v.stored_by', 'v.last_updated'])
    .where('v.ou', '=', ou)
    .where('v.pe', '=', pe)
    .where('v.ao', '=', ao)
    .where('v.de', 'in', deIids)
    .execute();
}

/**
 * Statistics of a unit's own numeric history per (element, option combo): periods of the same type
 * starting within `months` months before `before`.
 */
export async function historyStats(db: Db, ou: number, ao: number, deIids: number[], periodType: PeriodType, before: string, months: number) {
  if (deIids.length === 0) return [];
  const r = await sql<{ de: number; co: number; n: number; mean: number; sd: number | null; lo: number }>`
    select v.de, v.co, count(v.num)::int as n, avg(v.num)::float8 as mean, stddev_samp(v.num)::float8 as sd, min(v.num)::float8 as lo
    from data_value v join period p on p.id = v.pe
    where v.ou = ${ou} and v.ao = ${ao} and v.de in (${sql.join(deIids)}) and v.num is not null
      and p.period_type = ${periodType} and p.start_date < ${before}::date
      and p.start_date >= (${before}::date - make_interval(months => ${months}))
    group by v.de, v.co
    having count(v.num) >= 6`.execute(db);
  return r.rows;
}

export function auditRows(db: Db, k: ValueKey, limit = 200) {
  return db
    .selectFrom('data_value_audit')
    .select(['audit_type', 'value', 'previous_value', 'comment', 'source', 'conflict', 'modified_by', 'created'])
    .where('ou', '=', k.ou)
    .where('de', '=', k.de)
    .where('pe', '=', k.pe)
    .where('co', '=', k.co)
    .where('ao', '=', k.ao)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function formStatus(db: Db, dataSetId: string, orgUnitId: string, pe: number) {
  return db
    .selectFrom('form_status')
    .selectAll()
    .where('data_set_id', '=', dataSetId)
    .where('org_unit_id', '=', orgUnitId)
    .where('period_id', '=', pe)
    .executeTakeFirst();
}

export function formEvents(db: Db, dataSetId: string, orgUnitId: string, pe: number) {
  return db
    .selectFrom('form_event')
    .select(['action', 'comment', 'username', 'at'])
    .where('data_set_id', '=', dataSetId)
    .where('org_unit_id', '=', orgUnitId)
    .where('period_id', '=', pe)
    .orderBy('id')
    .execute();
}

/** The data sets containing an element, with what their entry windows depend on. */
export function dataSetsOfElement(db: Db, elementId: string) {
  return db
    .selectFrom('data_set_element as e')
    .innerJoin('data_set as d', 'd.id', 'e.data_set_id')
    .select(['d.id', 'd.period_type', 'd.deadline_working_days', 'd.entry_grace_days'])
    .where('e.data_element_id', '=', elementId)
    .orderBy('d.id')
    .execute();
}

/** Sets the comment and follow-up flag of a stored value (the comment also renews its time). */
export function updateValueNote(db: Db, k: ValueKey, note: { comment: string | null; followUp: boolean; touch: boolean }) {
  return db
    .updateTable('data_value')
    .set(note.touch ? { comment: note.comment, follow_up: note.followUp, last_updated: new Date() } : { follow_up: note.followUp })
    .where('ou', '=', k.ou)
    .where('de', '=', k.de)
    .where('pe', '=', k.pe)
    .where('co', '=', k.co)
    .where('ao', '=', k.ao)
    .returning(['value', 'comment', 'follow_up', 'last_updated', 'stored_by'])
    .executeTakeFirstOrThrow();
}

/** One row of a value's audit trail. */
export async function insertValueAudit(
  db: Db,
  k: ValueKey,
  row: { auditType: 'CREATE' | 'UPDATE' | 'DELETE'; value: string | null; previousValue: string | null; comment: string | null; source: string; modifiedBy: string },
): Promise<void> {
  await db
    .insertInto('data_value_audit')
    .values({
      ...k, audit_type: row.auditType, value: row.value, previous_value: row.previousValue, comment: row.comment, source: row.source,
      modified_by: row.modifiedBy,
    })
    .execute();
}

export interface SaveFacts {
  id: string;
  iid: number;
  code: string;
  name: string;
  opening_date: string;
  closed_date: string | null;
  /** Whether the unit is in the actor's scope as of max(opening date, period start): the write date. */
  in_scope: boolean;
  /** Assignments of the unit to the given data sets. */
  assignments: { data_set_id: string; valid_from: string; valid_to: string }[];
  /** Current state of the unit's forms of the given data sets for the period (no row = open). */
  states: { data_set_id: string; state: string }[];
}

/**
 * Everything about the unit a single-value save must read fresh, in one round trip: the unit (by uid
 * or code), whether it is in the actor's scope (the kernel's filter, core/scope.repo.ts) on the write
 * date, its assignments to the element's data sets and the state of those forms.
 */
export async function saveFacts(
  db: Db,
  a: { unitRef: string; scope: Scope; periodStart: string; periodIso: string; dataSetIds: string[] },
): Promise<SaveFacts | undefined> {
  const writeDate = sql<string>`greatest(u.opening_date, ${a.periodStart}::date)`;
  const r = await sql<SaveFacts>`${sql.raw(PREPARED)}
    select u.id, u.iid, u.code, u.name, u.opening_date, u.closed_date,
      ${inScope(a.scope, sql.ref('u.id'), { asOf: writeDate })} as in_scope,
      coalesce((
        select json_agg(json_build_object('data_set_id', s.data_set_id, 'valid_from', s.valid_from::text, 'valid_to', s.valid_to::text))
        from data_set_unit s where s.org_unit_id = u.id and s.data_set_id = any(${a.dataSetIds}::text[])
      ), '[]'::json) as assignments,
      coalesce((
        select json_agg(json_build_object('data_set_id', f.data_set_id, 'state', f.state))
        from form_status f join period p on p.id = f.period_id
        where f.org_unit_id = u.id and p.iso = ${a.periodIso}::text and f.data_set_id = any(${a.dataSetIds}::text[])
      ), '[]'::json) as states
    from org_unit u
    where u.id = ${a.unitRef} or u.code = ${a.unitRef}
    limit 1`.execute(db);
  return r.rows[0];
}

export interface WriteValueArgs {
  key: ValueKey;
  unitId: string;
  /** Data sets whose window was found open: the write happens only if one of them is still not locked. */
  openDataSetIds: string[];
  /** Normalised value; null deletes. */
  value: string | null;
  num: number | null;
  /** undefined: keep the stored comment. */
  comment: string | null | undefined;
  /** undefined: keep the stored flag (false for a new value). */
  followUp: boolean | undefined;
  who: string;
  source: string;
  /** Offline conflict detection: whether the client sent a base, and its time (null = "had no value"). */
  checkBase: boolean;
  base: string | null;
}

export interface WriteValueResult {
  /** false: every open form got completed or approved meanwhile; nothing was written. */
  ok: boolean;
  existed: boolean;
  prev_value: string | null;
  prev_stored_by: string | null;
  prev_last_updated: Date | null;
  conflict: boolean;
  /** The row after an insert or update (null when nothing was upserted). */
  value: string | null;
  stored_by: string | null;
  last_updated: Date | null;
  deleted: boolean;
}

/**
 * Saves or deletes one value in a single statement (atomic without an explicit transaction): re-checks
 * that a form accepting the value is still not completed/approved, locks and reads the stored value,
 * upserts or deletes it, and writes the audit row (CREATE/UPDATE when value or comment change, DELETE)
 * with the previous value and the offline-conflict flag. An unchanged value writes nothing.
 */
export async function writeValue(db: Db, a: WriteValueArgs): Promise<WriteValueResult> {
  const { ou, de, pe, co, ao } = a.key;
  const v = a.value;
  const commentGiven = a.comment !== undefined;
  const r = await sql<WriteValueResult>`${sql.raw(PREPARED)}
    with guard as (
      select exists (
        select 1 from unnest(${a.openDataSetIds}::text[]) d(id)
        left join form_status f on f.data_set_id = d.id and f.org_unit_id = ${a.unitId} and f.period_id = ${pe}
        where coalesce(f.state, 'open') not in ('completed', 'approved')
      ) as ok
    ),
    prev as (
      select true as found, value, comment, follow_up, stored_by, last_updated from data_value
      where ou = ${ou} and de = ${de} and pe = ${pe} and co = ${co} and ao = ${ao}
      for update
    ),
    calc as (
      select g.ok, p.found is not null as existed, p.value as p_value, p.comment as p_comment, p.follow_up as p_follow,
        p.stored_by as p_by, p.last_updated as p_at,
        (${a.checkBase}::boolean and p.found is not null
          and (${a.base}::timestamptz is null or date_trunc('milliseconds', p.last_updated) > ${a.base}::timestamptz)
          and p.value is distinct from ${v}::text) as conflict,
        case when ${commentGiven}::boolean then ${a.comment ?? null}::text else p.comment end as n_comment,
        coalesce(${a.followUp ?? null}::boolean, p.follow_up, false) as n_follow
      from guard g left join prev p on true
    ),
    act as (
      select c.*,
        (c.ok and ${v}::text is null and c.existed) as do_delete,
        (c.ok and ${v}::text is not null and not (c.existed and c.p_value = ${v}::text
          and c.p_comment is not distinct from c.n_comment and c.p_follow = c.n_follow)) as do_upsert
      from calc c
    ),
    del as (
      delete from data_value
      where ou = ${ou} and de = ${de} and pe = ${pe} and co = ${co} and ao = ${ao} and (select do_delete from act)
      returning 1
    ),
    ups as (
      insert into data_value (ou, de, pe, co, ao, value, num, comment, follow_up, stored_by)
      select ${ou}, ${de}, ${pe}, ${co}, ${ao}, ${v}::text, ${a.num}::float8, x.n_comment, x.n_follow, ${a.who}::text
      from act x where x.do_upsert
      on conflict (ou, de, pe, co, ao) do update set
        value = excluded.value, num = excluded.num, comment = excluded.comment, follow_up = excluded.follow_up,
        stored_by = excluded.stored_by, last_updated = now()
      returning value, stored_by, last_updated
    ),
    aud as (
      insert into data_value_audit (ou, de, pe, co, ao, audit_type, value, previous_value, comment, source, conflict, modified_by)
      select ${ou}, ${de}, ${pe}, ${co}, ${ao},
        case when x.do_delete then 'DELETE' when x.existed then 'UPDATE' else 'CREATE' end,
        case when x.do_delete then null else ${v}::text end,
        x.p_value,
        case when x.do_delete then x.p_comment else x.n_comment end,
        ${a.source}::text, x.conflict, ${a.who}::text
      from act x
      where x.do_delete
        or (x.do_upsert and (not x.existed or x.p_value is distinct from ${v}::text or x.p_comment is distinct from x.n_comment))
    )
    select x.ok, x.existed, x.p_value as prev_value, x.p_by as prev_stored_by, x.p_at as prev_last_updated, x.conflict,
      u.value, u.stored_by, u.last_updated, x.do_delete as deleted
    from act x left join ups u on true`.execute(db);
  return r.rows[0]!;
}
