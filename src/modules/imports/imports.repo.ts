// SQL of imports: batched lookups, scope of many (unit, date) pairs in one query (the kernel's scope
// filter), COPY of new cells and of the staging table, and the set-based merge.
import { sql, type Kysely } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import { copyIn, copyOut } from '../../db/copy.js';
import type { DB } from '../../db/schema.js';
import { copyUntext } from './copytext.js';

export interface ElementRow {
  id: string;
  iid: number;
  code: string;
  name: string;
  value_type: string;
  zero_is_significant: boolean;
  category_combo_id: string;
}
export interface UnitRow {
  id: string;
  iid: number;
  code: string;
  name: string;
}
export interface ComboRow {
  id: string;
  iid: number;
  code: string | null;
  name: string;
  category_combo_id: string;
  is_default: boolean;
  dimension: 'DISAGGREGATION' | 'ATTRIBUTE';
}

export async function elementsByKeys(db: Kysely<DB>, keys: string[]): Promise<ElementRow[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('data_element')
    .select(['id', 'iid', 'code', 'name', 'value_type', 'zero_is_significant', 'category_combo_id'])
    .where((eb) => eb.or([eb('id', '=', sql<string>`any(${keys}::text[])`), eb('code', '=', sql<string>`any(${keys}::text[])`)]))
    .execute();
}

export async function unitsByKeys(db: Kysely<DB>, keys: string[]): Promise<UnitRow[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('org_unit')
    .select(['id', 'iid', 'code', 'name'])
    .where((eb) => eb.or([eb('id', '=', sql<string>`any(${keys}::text[])`), eb('code', '=', sql<string>`any(${keys}::text[])`)]))
    .execute();
}

export async function combosByKeys(db: Kysely<DB>, keys: string[]): Promise<ComboRow[]> {
  return db
    .selectFrom('category_option_combo as c')
    .innerJoin('category_combo as cc', 'cc.id', 'c.category_combo_id')
    .select(['c.id', 'c.iid', 'c.code', 'c.name', 'c.category_combo_id', 'cc.is_default', 'cc.data_dimension_type as dimension'])
    .where((eb) =>
      eb.or([
        eb('c.id', '=', sql<string>`any(${keys}::text[])`),
        eb('c.code', '=', sql<string>`any(${keys}::text[])`),
        eb('cc.is_default', '=', true),
      ]),
    )
    .execute() as Promise<ComboRow[]>;
}

/**
 * Scope of many (unit, date) pairs in one query: whether each unit is inside `scope` on that date (the
 * kernel's filter, as requireAccess with `asOf`), and whether the unit exists (is open) on that date.
 */
export async function scopeOfPairs(
  db: Kysely<DB>,
  scope: Scope,
  pairs: { unitId: string; asOf: string }[],
): Promise<Map<string, { inScope: boolean; open: boolean }>> {
  const out = new Map<string, { inScope: boolean; open: boolean }>();
  if (pairs.length === 0) return out;
  const units = pairs.map((p) => p.unitId);
  const dates = pairs.map((p) => p.asOf);
  const r = await sql<{ u: string; a: string; in_scope: boolean; open: boolean }>`
    select d.u, d.a::text as a,
      exists (select 1 from org_unit_closure c where c.descendant_id = d.u and c.depth = 0
              and c.valid_from <= d.a and c.valid_to > d.a) as open,
      ${inScope(scope, sql.ref('d.u'), { asOf: sql.ref('d.a') })} as in_scope
    from unnest(${units}::text[], ${dates}::date[]) as d(u, a)`.execute(db);
  for (const row of r.rows) out.set(`${row.u}|${row.a}`, { inScope: row.in_scope, open: row.open });
  return out;
}

/** For each element id: the sorted, comma-joined ids of the data sets containing it ('' = none). */
export async function dataSetGroups(db: Kysely<DB>, elementIds: string[]): Promise<Map<string, string>> {
  if (elementIds.length === 0) return new Map();
  const r = await sql<{ id: string; sets: string }>`
    select data_element_id as id, string_agg(data_set_id, ',' order by data_set_id) as sets
    from data_set_element where data_element_id = any(${elementIds}::text[]) group by data_element_id`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.sets]));
}

/**
 * Locks (FOR SHARE) the forms of these units, periods and elements' data sets, and tells whether one
 * of them was completed or approved at or after `since`.
 */
export async function formsClosedSince(db: Kysely<DB>, unitIds: string[], periodIsos: string[], elementIds: string[], since: Date): Promise<boolean> {
  if (unitIds.length === 0 || periodIsos.length === 0 || elementIds.length === 0) return false;
  const r = await sql<{ closed: boolean }>`
    select f.state in ('completed', 'approved') and f.updated_at >= ${since} as closed
    from form_status f join period p on p.id = f.period_id
    where f.org_unit_id = any(${unitIds}::text[]) and p.iso = any(${periodIsos}::text[])
      and f.data_set_id in (select data_set_id from data_set_element where data_element_id = any(${elementIds}::text[]))
    for share of f`.execute(db);
  return r.rows.some((x) => x.closed);
}

// ---- COPY (helpers in src/db/copy.ts) ----

/** A cell as stored, for the comparison before the write. */
export interface StoredCell {
  ou: number;
  de: number;
  pe: number;
  co: number;
  ao: number;
  value: string;
  comment: string | null;
  followUp: boolean;
}

const intArray = (xs: number[]) => `'{${xs.map((x) => Math.trunc(Number(x))).join(',')}}'::int[]`;

/**
 * Streams the stored cells of units × elements × periods (a superset of an import's cells; the PK
 * index serves it) through COPY, which is several times cheaper than a result set of objects.
 */
export async function storedCells(db: Kysely<DB>, ous: number[], des: number[], pes: number[], onCell: (c: StoredCell) => void): Promise<void> {
  if (!ous.length || !des.length || !pes.length) return;
  await copyOut(
    db,
    `copy (select ou, de, pe, co, ao, value, comment, follow_up from data_value
      where ou = any(${intArray(ous)}) and de = any(${intArray(des)}) and pe = any(${intArray(pes)})) to stdout`,
    (line) => {
      const f = line.split('\t');
      onCell({ ou: +f[0], de: +f[1], pe: +f[2], co: +f[3], ao: +f[4], value: copyUntext(f[5])!, comment: copyUntext(f[6]), followUp: f[7] === 't' });
    },
  );
}

/**
 * COPY of the direct path (cells known not to exist), rows in COPY text format:
 * values `ou de pe co ao value num comment follow_up stored_by`.
 */
export function copyNewValues(db: Kysely<DB>, rows: Iterable<string>): Promise<void> {
  return copyIn(db, 'copy data_value (ou, de, pe, co, ao, value, num, comment, follow_up, stored_by) from stdin', rows);
}

/** Their audit rows: `ou de pe co ao audit_type value previous_value comment source modified_by`. */
export function copyValueAudit(db: Kysely<DB>, rows: Iterable<string>): Promise<void> {
  return copyIn(db, 'copy data_value_audit (ou, de, pe, co, ao, audit_type, value, previous_value, comment, source, modified_by) from stdin', rows);
}

/** COPY into the staging table (createStage): `ou de pe co ao value num comment follow_up del`. */
export function copyStage(db: Kysely<DB>, rows: Iterable<string>): Promise<void> {
  return copyIn(db, 'copy import_stage (ou, de, pe, co, ao, value, num, comment, follow_up, del) from stdin', rows);
}

/** The direct COPY runs under a savepoint: a concurrent writer's new cell rolls back only that part. */
export async function savepointDirect(db: Kysely<DB>): Promise<void> {
  await sql`savepoint import_direct`.execute(db);
}

export async function releaseDirect(db: Kysely<DB>): Promise<void> {
  await sql`release savepoint import_direct`.execute(db);
}

export async function rollbackDirect(db: Kysely<DB>): Promise<void> {
  await sql`rollback to savepoint import_direct`.execute(db);
}

export async function createStage(db: Kysely<DB>): Promise<void> {
  await sql`create temp table import_stage (
    ou int not null, de int not null, pe int not null, co int not null, ao int not null,
    value text, num double precision, comment text, follow_up boolean, del boolean not null
  ) on commit drop`.execute(db);
}

export interface MergeCounts {
  imported: number;
  updated: number;
  deleted: number;
}

type Strategy = 'CREATE_AND_UPDATE' | 'CREATE' | 'UPDATE' | 'DELETE';

/**
 * Applies the staged rows set-based, writing one audit row per change:
 * 1. new cells: INSERT … ON CONFLICT DO NOTHING RETURNING feeds the CREATE audit rows (the unique
 *    index does the existence check, no join);
 * 2. cells that existed and differ (value, or a comment/follow-up given and different): one UPDATE
 *    fed by a join that keeps the previous value for the UPDATE audit rows (skipped when step 1
 *    inserted everything);
 * 3. rows marked `del`: DELETE … RETURNING feeds the DELETE audit rows.
 * With `dryRun` only counts.
 */
export async function mergeStage(db: Kysely<DB>, strategy: Strategy, username: string, dryRun: boolean): Promise<MergeCounts> {
  const key = (a: string, b: string) => sql.raw(`${a}.ou = ${b}.ou and ${a}.de = ${b}.de and ${a}.pe = ${b}.pe and ${a}.co = ${b}.co and ${a}.ao = ${b}.ao`);
  const changed = sql`(d.value is distinct from s.value or (s.comment is not null and s.comment is distinct from d.comment)
    or (s.follow_up is not null and s.follow_up is distinct from d.follow_up))`;
  if (dryRun) {
    const r = await sql<{ imported: number; updated: number; deleted: number }>`
      select count(*) filter (where not s.del and d.ou is null)::int as imported,
        count(*) filter (where not s.del and d.ou is not null and ${changed})::int as updated,
        count(*) filter (where s.del and d.ou is not null)::int as deleted
      from import_stage s left join data_value d on ${key('d', 's')}`.execute(db);
    const c = r.rows[0];
    return {
      imported: strategy === 'UPDATE' || strategy === 'DELETE' ? 0 : c.imported,
      updated: strategy === 'CREATE' || strategy === 'DELETE' ? 0 : c.updated,
      deleted: c.deleted,
    };
  }
  // Sorting by the primary key turns random b-tree inserts into sequential ones.
  await sql`set local work_mem = '256MB'`.execute(db);
  const staged = await sql<{ put: number; del: number }>`
    select count(*) filter (where not del)::int as put, count(*) filter (where del)::int as del from import_stage`.execute(db);
  const { put, del } = staged.rows[0];
  let imported = 0;
  let updated = 0;
  let deleted = 0;
  if (put > 0 && strategy !== 'UPDATE' && strategy !== 'DELETE') {
    const r = await sql<{ n: number }>`
      with ins as (
        insert into data_value (ou, de, pe, co, ao, value, num, comment, follow_up, stored_by, created, last_updated)
        select ou, de, pe, co, ao, value, num, comment, coalesce(follow_up, false), ${username}, now(), now()
        from import_stage where not del
        order by ou, de, pe, co, ao
        on conflict (ou, de, pe, co, ao) do nothing
        returning ou, de, pe, co, ao, value, comment
      ),
      au as (
        insert into data_value_audit (ou, de, pe, co, ao, audit_type, value, previous_value, comment, source, modified_by)
        select ou, de, pe, co, ao, 'CREATE', value, null, comment, 'import', ${username} from ins
      )
      select count(*)::int as n from ins`.execute(db);
    imported = r.rows[0].n;
  }
  if (put > imported && strategy !== 'CREATE' && strategy !== 'DELETE') {
    if (put > 10_000) await sql`analyze import_stage`.execute(db);
    const r = await sql<{ n: number }>`
      with old as materialized (
        select s.ou, s.de, s.pe, s.co, s.ao, s.value, s.num, coalesce(s.comment, d.comment) as comment,
          coalesce(s.follow_up, d.follow_up) as follow_up, d.value as old_value
        from import_stage s join data_value d on ${key('d', 's')}
        where not s.del and ${changed}
      ),
      upd as (
        update data_value d set value = o.value, num = o.num, comment = o.comment, follow_up = o.follow_up,
          stored_by = ${username}, last_updated = now()
        from old o where ${key('d', 'o')}
      ),
      au as (
        insert into data_value_audit (ou, de, pe, co, ao, audit_type, value, previous_value, comment, source, modified_by)
        select ou, de, pe, co, ao, 'UPDATE', value, old_value, comment, 'import', ${username} from old
      )
      select count(*)::int as n from old`.execute(db);
    updated = r.rows[0].n;
  }
  if (del > 0) {
    const r = await sql<{ n: number }>`
      with gone as (
        delete from data_value d using import_stage s
        where s.del and ${key('d', 's')}
        returning d.ou, d.de, d.pe, d.co, d.ao, d.value
      ),
      au as (
        insert into data_value_audit (ou, de, pe, co, ao, audit_type, value, previous_value, source, modified_by)
        select ou, de, pe, co, ao, 'DELETE', null, value, 'import', ${username} from gone
      )
      select count(*)::int as n from gone`.execute(db);
    deleted = r.rows[0].n;
  }
  return { imported, updated, deleted };
}
