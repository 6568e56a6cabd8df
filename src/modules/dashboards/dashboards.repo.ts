// SQL of the dashboards module: the users' dashboards, and the lookups their validation needs.
// Which shared dashboards an actor sees is filtered with the kernel's scope filter (inScope).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import { todayVn } from '../../lib/dates.js';

type Db = Kysely<DB>;

export interface DashboardRow {
  id: string;
  name: string;
  owner_id: string | null;
  owner_username: string | null;
  org_unit_id: string | null;
  org_unit_code: string | null;
  org_unit_name: string | null;
  level_kind: 'province' | 'centre' | 'station' | null;
  items: unknown;
  sort_order: number;
  shared: boolean;
  created_at: Date;
  updated_at: Date;
}

function base(db: Db) {
  return db
    .selectFrom('dashboard as d')
    .leftJoin('app_user as u', 'u.id', 'd.owner_id')
    .leftJoin('org_unit as o', 'o.id', 'd.org_unit_id')
    .select([
      'd.id', 'd.name', 'd.owner_id', 'u.username as owner_username', 'd.org_unit_id', 'o.code as org_unit_code',
      'o.name as org_unit_name', 'd.level_kind', 'd.items', 'd.sort_order', 'd.shared', 'd.created_at', 'd.updated_at',
    ]);
}

export function findDashboard(db: Db, id: string): Promise<DashboardRow | undefined> {
  return base(db).where('d.id', '=', id).executeTakeFirst() as Promise<DashboardRow | undefined>;
}

/**
 * The dashboards a user sees in the list: their own, plus shared ones whose unit is in the user's
 * scope (below them), or one of `above` (the units the user's unit is, or was, inside: shared down to
 * them); shared dashboards without a unit (made by a global administrator) are seen by everyone.
 * A global scope sees every shared dashboard.
 */
export function listVisible(db: Db, opts: { userId: string | null; scope: Scope; above: readonly string[] }): Promise<DashboardRow[]> {
  const q = base(db).where((eb) => {
    const shared = eb.and([
      eb('d.shared', '=', true),
      eb.or([
        eb('d.org_unit_id', 'is', null),
        eb('d.org_unit_id', '=', sql<string>`any(${sql.val([...opts.above])}::text[])`),
        inScope(opts.scope, 'd.org_unit_id'),
      ]),
    ]);
    return opts.userId ? eb.or([eb('d.owner_id', '=', opts.userId), shared]) : shared;
  });
  return q.orderBy('d.sort_order').orderBy('d.name').orderBy('d.id').execute() as Promise<DashboardRow[]>;
}

/** The units `unitId` is, or ever was, inside (itself included): those whose shared dashboards reach it. */
export async function unitsAbove(db: Db, unitId: string): Promise<string[]> {
  const rows = await db.selectFrom('org_unit_closure').select('ancestor_id').distinct().where('descendant_id', '=', unitId).execute();
  return rows.map((r) => r.ancestor_id);
}

export function insertDashboard(
  db: Db,
  row: { id: string; name: string; owner_id: string | null; org_unit_id: string | null; level_kind: DashboardRow['level_kind']; items: unknown; sort_order: number; shared: boolean },
) {
  return db.insertInto('dashboard').values({ ...row, items: JSON.stringify(row.items) }).execute();
}

export function updateDashboard(
  db: Db,
  id: string,
  row: { name: string; level_kind: DashboardRow['level_kind']; items: unknown; sort_order: number; shared: boolean },
) {
  return db
    .updateTable('dashboard')
    .set({ ...row, items: JSON.stringify(row.items), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export function deleteDashboard(db: Db, id: string) {
  return db.deleteFrom('dashboard').where('id', '=', id).execute();
}

/** Today's kind and level of a unit (the level of its current path row; the last one if closed). */
export async function unitInfo(db: Db, unitId: string): Promise<{ id: string; code: string; name: string; kind: string; level: number } | undefined> {
  const today = todayVn();
  return db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_path as p', 'p.org_unit_id', 'u.id')
    .select(['u.id', 'u.code', 'p.name', 'u.kind', 'p.level'])
    .where('u.id', '=', unitId)
    .orderBy(sql`(p.valid_from <= ${today} and p.valid_to > ${today})`, 'desc')
    .orderBy('p.valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Which of the given codes are data elements / indicators, and each data element's option-combo codes. */
export async function knownDataRefs(db: Db, codes: string[]) {
  if (codes.length === 0) return { elements: new Map<string, Set<string>>(), indicators: new Set<string>() };
  const des = await db
    .selectFrom('data_element as de')
    .leftJoin('category_option_combo as coc', 'coc.category_combo_id', 'de.category_combo_id')
    .select(['de.code', 'coc.code as coc_code'])
    .where('de.code', 'in', codes)
    .execute();
  const elements = new Map<string, Set<string>>();
  for (const r of des) {
    const s = elements.get(r.code) ?? new Set<string>();
    if (r.coc_code) s.add(r.coc_code);
    elements.set(r.code, s);
  }
  const inds = await db.selectFrom('indicator').select('code').where('code', 'in', codes).execute();
  return { elements, indicators: new Set(inds.map((r) => r.code)) };
}

export async function maxLevel(db: Db): Promise<number> {
  const r = await db.selectFrom('org_unit_level').select((eb) => eb.fn.max('level').as('max')).executeTakeFirst();
  return Number(r?.max ?? 0);
}
