// SQL of the dataValueSets export: the requested data sets, elements and units by uid or code, and the
// values, limited to the actor's scope by the kernel's filter (inScope).
import { sql, type Kysely } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

export interface Keyed {
  id: string;
  code: string;
}

export function dataSetsByKeys(db: Db, keys: string[]): Promise<Keyed[]> {
  return db.selectFrom('data_set').select(['id', 'code']).where((eb) => eb.or([eb('id', 'in', keys), eb('code', 'in', keys)])).execute();
}

/** Internal ids (iid) of the elements of these data sets. */
export async function elementIidsOfDataSets(db: Db, dataSetIds: string[]): Promise<number[]> {
  if (dataSetIds.length === 0) return [];
  const rows = await db
    .selectFrom('data_set_element as m')
    .innerJoin('data_element as e', 'e.id', 'm.data_element_id')
    .select('e.iid')
    .where('m.data_set_id', 'in', dataSetIds)
    .execute();
  return rows.map((r) => r.iid);
}

export function elementsByKeys(db: Db, keys: string[]): Promise<(Keyed & { iid: number })[]> {
  return db.selectFrom('data_element').select(['iid', 'id', 'code']).where((eb) => eb.or([eb('id', 'in', keys), eb('code', 'in', keys)])).execute();
}

export function unitsByKeys(db: Db, keys: string[]): Promise<Keyed[]> {
  return db.selectFrom('org_unit').select(['id', 'code']).where((eb) => eb.or([eb('id', 'in', keys), eb('code', 'in', keys)])).execute();
}

export interface ExportRow {
  de_id: string;
  de_code: string;
  iso: string;
  ou_id: string;
  ou_code: string;
  co_id: string;
  co_code: string | null;
  ao_id: string;
  ao_code: string | null;
  value: string;
  stored_by: string | null;
  created: Date;
  last_updated: Date;
  comment: string | null;
  follow_up: boolean;
}

/** Units and the intervals they count: the chosen units themselves, or their subtrees (subtree.repo.ts). */
export type UnitFilter = { ids: string[] } | { intervals: { unitId: string; from: string; to: string }[] };

export interface ExportSelection {
  elementIids: number[];
  /** ISO periods, or (when empty) every period inside startDate–endDate. */
  periods: string[];
  startDate?: string;
  endDate?: string;
  units: UnitFilter;
  scope: Scope;
  /** Most rows returned (one more tells the caller there were too many). */
  limit: number;
}

/** The stored values of a selection, in the actor's scope, by unit, period, element and option combo. */
export async function exportRows(db: Db, s: ExportSelection): Promise<ExportRow[]> {
  if (s.elementIids.length === 0) return [];
  const periodFilter = s.periods.length
    ? sql`p.iso = any(${s.periods}::text[])`
    : sql`p.start_date >= ${s.startDate!}::date and p.end_date <= ${s.endDate!}::date`;
  let unitFilter;
  if ('ids' in s.units) {
    unitFilter = sql`u.id = any(${s.units.ids}::text[])`;
  } else {
    // A unit counts for a period when it was below a chosen unit at some time during the period.
    const iv = s.units.intervals;
    unitFilter = sql`exists (select 1 from unnest(${iv.map((x) => x.unitId)}::text[], ${iv.map((x) => x.from)}::date[], ${iv.map((x) => x.to)}::date[]) as t(id, f, t)
      where t.id = u.id and t.f <= p.end_date and t.t > p.start_date)`;
  }
  const r = await sql<ExportRow>`
    select de.id as de_id, de.code as de_code, p.iso, u.id as ou_id, u.code as ou_code,
      co.id as co_id, co.code as co_code, ao.id as ao_id, ao.code as ao_code,
      v.value, v.stored_by, v.created, v.last_updated, v.comment, v.follow_up
    from data_value v
    join period p on p.id = v.pe
    join org_unit u on u.iid = v.ou
    join data_element de on de.iid = v.de
    join category_option_combo co on co.iid = v.co
    join category_option_combo ao on ao.iid = v.ao
    where v.de = any(${s.elementIids}::int[])
      and ${periodFilter}
      and ${unitFilter}
      and ${inScope(s.scope, 'u.id')}
    order by u.code, p.iso, de.code, co.sort_order, co.iid
    limit ${s.limit}`.execute(db);
  return r.rows;
}
