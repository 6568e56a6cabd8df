// SQL of the org-unit module. The tree is effective-dated: org_unit_version holds names and parents
// over time; org_unit_path / org_unit_closure are derived by soyte_rebuild_hierarchy().
import { sql, type Kysely } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';
import { escapeLike } from '../../lib/text.js';

type Db = Kysely<DB>;

export interface UnitState {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  short_name: string | null;
  kind: string;
  admin_code: string | null;
  admin_level: string | null;
  opening_date: string;
  closed_date: string | null;
  created_at: Date;
  updated_at: Date;
  /** From the ancestry interval chosen (as of a date, or the latest one). */
  level: number;
  parent_id: string | null;
  path: string[];
  valid_from: string;
  valid_to: string;
}

export async function rebuildHierarchy(db: Db): Promise<void> {
  await sql`select soyte_rebuild_hierarchy()`.execute(db);
}

/** Serialises structural changes (the derived tables are rebuilt as a whole). */
export async function lockStructure(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(7242001)`.execute(db);
}

export function findUnit(db: Db, idOrCode: string) {
  return db
    .selectFrom('org_unit')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export async function codeExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/**
 * Units joined to their ancestry interval: as of `asOf` (only units open then), or without a date
 * the latest interval of every unit (closed ones included, as DHIS2 lists them).
 */
export function unitStates(db: Db, asOf?: string) {
  const base = db.selectFrom('org_unit as u');
  const joined = asOf
    ? base.innerJoin('org_unit_path as p', (j) =>
        j.onRef('p.org_unit_id', '=', 'u.id').on('p.valid_from', '<=', asOf).on('p.valid_to', '>', asOf),
      )
    : base.innerJoin(
        (eb) =>
          eb
            .selectFrom('org_unit_path')
            .distinctOn('org_unit_id')
            .selectAll()
            .orderBy('org_unit_id')
            .orderBy('valid_from', 'desc')
            .as('p'),
        (j) => j.onRef('p.org_unit_id', '=', 'u.id'),
      );
  return joined.select([
    'u.id', 'u.code', 'p.name', 'u.name_en', 'u.short_name', 'u.kind', 'u.admin_code', 'u.admin_level',
    'u.opening_date', 'u.closed_date', 'u.created_at', 'u.updated_at',
    'p.level', 'p.parent_id', 'p.path', 'p.valid_from', 'p.valid_to',
  ]);
}

/** The state of one unit as of a date, or (if it was not open then) its nearest state. */
export async function stateOf(db: Db, id: string, asOf: string): Promise<UnitState | undefined> {
  const at = await unitStates(db, asOf).where('u.id', '=', id).executeTakeFirst();
  if (at) return at as UnitState;
  // Not open on asOf: closest interval (last one before, else first one after).
  const rows = await db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_path as p', 'p.org_unit_id', 'u.id')
    .select([
      'u.id', 'u.code', 'p.name', 'u.name_en', 'u.short_name', 'u.kind', 'u.admin_code', 'u.admin_level',
      'u.opening_date', 'u.closed_date', 'u.created_at', 'u.updated_at',
      'p.level', 'p.parent_id', 'p.path', 'p.valid_from', 'p.valid_to',
    ])
    .where('u.id', '=', id)
    .orderBy('p.valid_from')
    .execute();
  if (rows.length === 0) return undefined;
  const before = rows.filter((r) => r.valid_to <= asOf);
  return (before.length ? before[before.length - 1] : rows[0]) as UnitState;
}

export async function childCounts(db: Db, parentIds: string[], asOf: string): Promise<Map<string, number>> {
  if (parentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('org_unit_path')
    .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('parent_id', 'in', parentIds)
    .where('valid_from', '<=', asOf)
    .where('valid_to', '>', asOf)
    .groupBy('parent_id')
    .execute();
  return new Map(rows.map((r) => [r.parent_id!, Number(r.n)]));
}

/** Units at the top of the tree as of a date. */
export async function rootStates(db: Db, asOf: string): Promise<UnitState[]> {
  return (await unitStates(db, asOf).where('p.level', '=', 1).orderBy('p.name').execute()) as UnitState[];
}

/** A unit's children as of a date, by name. */
export async function childStates(db: Db, parentId: string, asOf: string): Promise<UnitState[]> {
  return (await unitStates(db, asOf).where('p.parent_id', '=', parentId).orderBy('p.name').execute()) as UnitState[];
}

export async function searchUnits(db: Db, key: string, scope: Scope, asOf: string | undefined, limit: number): Promise<UnitState[]> {
  const like = `%${escapeLike(key)}%`;
  const q = unitStates(db, asOf)
    .where((eb) => eb.or([eb('u.search_key', 'like', like), eb('u.code', 'ilike', like)]))
    .where(inScope(scope, 'u.id', { asOf }));
  return (await q
    .orderBy(sql`u.code ilike ${like.slice(1)} desc`) // codes starting with the query first
    .orderBy('p.level')
    .orderBy('p.name')
    .limit(limit)
    .execute()) as UnitState[];
}

export function unitNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
}

export function versionsOf(db: Db, id: string) {
  return db
    .selectFrom('org_unit_version as v')
    .leftJoin('org_unit as pu', 'pu.id', 'v.parent_id')
    .select(['v.valid_from', 'v.valid_to', 'v.name', 'v.parent_id', 'pu.code as parent_code', 'pu.name as parent_name'])
    .where('v.org_unit_id', '=', id)
    .orderBy('v.valid_from')
    .execute();
}

export function lastVersion(db: Db, id: string) {
  return db
    .selectFrom('org_unit_version')
    .selectAll()
    .where('org_unit_id', '=', id)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function eventsOf(db: Db, id: string) {
  return db
    .selectFrom('org_unit_event as e')
    .innerJoin('org_unit_event_unit as eu', 'eu.event_id', 'e.id')
    .leftJoin('app_user as usr', 'usr.id', 'e.created_by')
    .select(['e.id', 'e.type', 'e.event_date', 'e.reason', 'e.created_at', 'usr.username as created_by'])
    .where('eu.org_unit_id', '=', id)
    .groupBy(['e.id', 'usr.username'])
    .orderBy('e.event_date')
    .orderBy('e.id')
    .execute();
}

export function linksOf(db: Db, id: string, direction: 'predecessors' | 'successors') {
  const [self, other] = direction === 'predecessors' ? (['successor_id', 'predecessor_id'] as const) : (['predecessor_id', 'successor_id'] as const);
  return db
    .selectFrom('org_unit_link as l')
    .innerJoin('org_unit as o', 'o.id', `l.${other}`)
    .innerJoin('org_unit_event as e', 'e.id', 'l.event_id')
    .select(['o.id', 'o.code', 'o.name', 'l.kind', 'l.weight', 'e.event_date'])
    .where(`l.${self}`, '=', id)
    .orderBy('o.code')
    .execute();
}

export function groupsOf(db: Db, id: string) {
  return db
    .selectFrom('org_unit_group_member as m')
    .innerJoin('org_unit_group as g', 'g.id', 'm.group_id')
    .leftJoin('org_unit_group_set as s', 's.id', 'g.group_set_id')
    .select(['g.id', 'g.code', 'g.name', 'g.name_en', 's.code as set_code', 's.name as set_name'])
    .where('m.org_unit_id', '=', id)
    .orderBy('s.code')
    .orderBy('g.code')
    .execute();
}

/** Units with a version whose parent is `id` still valid on or after `date`. */
export async function openChildrenOn(db: Db, id: string, date: string): Promise<string[]> {
  const rows = await db
    .selectFrom('org_unit_version')
    .select('org_unit_id')
    .distinct()
    .where('parent_id', '=', id)
    .where('valid_to', '>', date)
    .execute();
  return rows.map((r) => r.org_unit_id);
}

export async function isAncestorOn(db: Db, ancestorId: string, unitId: string, date: string): Promise<boolean> {
  const r = await db
    .selectFrom('org_unit_closure')
    .select('depth')
    .where('ancestor_id', '=', ancestorId)
    .where('descendant_id', '=', unitId)
    .where('valid_from', '<=', date)
    .where('valid_to', '>', date)
    .executeTakeFirst();
  return r !== undefined;
}

export async function isOpenOn(db: Db, id: string, date: string): Promise<boolean> {
  const r = await db
    .selectFrom('org_unit_path')
    .select('org_unit_id')
    .where('org_unit_id', '=', id)
    .where('valid_from', '<=', date)
    .where('valid_to', '>', date)
    .executeTakeFirst();
  return r !== undefined;
}

/** Ends the open version of a unit at `date` and, unless closing, starts a new one. */
export async function splitVersion(
  db: Db,
  id: string,
  date: string,
  next: { name: string; parent_id: string | null } | null,
): Promise<void> {
  const last = await lastVersion(db, id);
  if (!last) return;
  await db
    .updateTable('org_unit_version')
    .set({ valid_to: date })
    .where('org_unit_id', '=', id)
    .where('valid_from', '=', last.valid_from)
    .execute();
  if (next) {
    await db
      .insertInto('org_unit_version')
      .values({ org_unit_id: id, valid_from: date, valid_to: last.valid_to, name: next.name, parent_id: next.parent_id })
      .execute();
  }
}

export async function refreshSearchKey(db: Db, id: string, key: string): Promise<void> {
  await db.updateTable('org_unit').set({ search_key: key, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertEvent(
  db: Db,
  e: { type: string; date: string; reason: string; createdBy: string | null },
  units: { id: string; role: 'subject' | 'predecessor' | 'successor' }[],
): Promise<number> {
  const { id } = await db
    .insertInto('org_unit_event')
    .values({ type: e.type, event_date: e.date, reason: e.reason, created_by: e.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  const uniq = new Map(units.map((u) => [`${u.id}|${u.role}`, u]));
  if (uniq.size) {
    await db
      .insertInto('org_unit_event_unit')
      .values([...uniq.values()].map((u) => ({ event_id: id, org_unit_id: u.id, role: u.role })))
      .execute();
  }
  return id;
}

export async function linkExists(db: Db, predecessorId: string, successorId: string): Promise<boolean> {
  const r = await db
    .selectFrom('org_unit_link')
    .select('id')
    .where('predecessor_id', '=', predecessorId)
    .where('successor_id', '=', successorId)
    .executeTakeFirst();
  return r !== undefined;
}

export function levels(db: Db) {
  return db.selectFrom('org_unit_level').selectAll().orderBy('level').execute();
}

/** Group sets with their groups and how many units of the scope belong to each. */
export function groupsWithCounts(db: Db, scope: Scope) {
  return db
    .selectFrom('org_unit_group as g')
    .leftJoin('org_unit_group_set as s', 's.id', 'g.group_set_id')
    .select((eb) => [
      'g.id', 'g.code', 'g.name', 'g.name_en', 's.code as set_code', 's.name as set_name', 's.name_en as set_name_en',
      eb.selectFrom('org_unit_group_member as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.group_id', '=', 'g.id')
        .where(inScope(scope, 'm.org_unit_id'))
        .as('members'),
    ])
    .orderBy('s.code')
    .orderBy('g.code')
    .execute();
}

export async function insertUnit(
  db: Db,
  u: { id: string; code: string; name: string; nameEn: string | null; shortName: string | null; kind: string; adminCode: string | null; adminLevel: string | null; openingDate: string; searchKey: string; parentId: string | null },
): Promise<void> {
  await db
    .insertInto('org_unit')
    .values({
      id: u.id, code: u.code, name: u.name, name_en: u.nameEn, short_name: u.shortName, kind: u.kind,
      admin_code: u.adminCode, admin_level: u.adminLevel, opening_date: u.openingDate, search_key: u.searchKey,
    })
    .execute();
  await db.insertInto('org_unit_version').values({ org_unit_id: u.id, valid_from: u.openingDate, name: u.name, parent_id: u.parentId }).execute();
}

export async function setCurrentName(db: Db, id: string, name: string): Promise<void> {
  await db.updateTable('org_unit').set({ name }).where('id', '=', id).execute();
}

export async function setClosed(db: Db, id: string, date: string): Promise<void> {
  await db.updateTable('org_unit').set({ closed_date: date, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertLink(
  db: Db,
  l: { eventId: number; predecessorId: string; successorId: string; kind: 'full' | 'partial'; weight: number | null },
): Promise<void> {
  await db
    .insertInto('org_unit_link')
    .values({ event_id: l.eventId, predecessor_id: l.predecessorId, successor_id: l.successorId, kind: l.kind, weight: l.weight })
    .execute();
}

/** A unit's level (depth) in the tree on a date, or undefined when it is not open then. */
export async function levelOn(db: Db, id: string, date: string): Promise<number | undefined> {
  const r = await db
    .selectFrom('org_unit_path')
    .select('level')
    .where('org_unit_id', '=', id)
    .where('valid_from', '<=', date)
    .where('valid_to', '>', date)
    .executeTakeFirst();
  return r?.level;
}

/** True when `descendantId` is inside `ancestorId`'s subtree (or is it) on any day from `date` on. */
export async function isUnderFrom(db: Db, ancestorId: string, descendantId: string, date: string): Promise<boolean> {
  if (ancestorId === descendantId) return true;
  const r = await db
    .selectFrom('org_unit_closure')
    .select('depth')
    .where('ancestor_id', '=', ancestorId)
    .where('descendant_id', '=', descendantId)
    .where('valid_to', '>', date)
    .executeTakeFirst();
  return r !== undefined;
}

/** A broken invariant of the tree (see treeProblems). */
export interface TreeProblem {
  check: 'unreachable' | 'overlap' | 'level';
  unitId: string;
  code: string;
  from: string;
  to: string | null;
  level?: number;
}

const FAR = '2200-01-01';

/**
 * The tree is a tree on every date: every day a unit is open (each version of it) it hangs under a
 * root through open parents (no cycle, no closed or missing parent, at most 20 levels), its versions
 * do not overlap, and its level is one its kind allows (`kindLevels`: kind → levels). Read from
 * org_unit_version and the derived org_unit_path, so call it after rebuildHierarchy.
 */
export async function treeProblems(db: Db, kindLevels: Record<string, readonly number[]>, limit = 100): Promise<TreeProblem[]> {
  const kinds = sql.join(Object.entries(kindLevels).map(([k, levels]) => sql`(${k}::text, ${`{${levels.join(',')}}`}::int[])`));
  const r = await sql<TreeProblem>`
    with v as (
      select org_unit_id, valid_from, least(valid_to, ${FAR}::date) as valid_to, valid_to as real_to from org_unit_version
    ), coverage as (
      select v.org_unit_id, v.valid_from, v.real_to,
        (v.valid_to - v.valid_from) - coalesce(sum(least(p.valid_to, v.valid_to) - greatest(p.valid_from, v.valid_from)), 0) as missing
      from v left join org_unit_path p on p.org_unit_id = v.org_unit_id and p.valid_from < v.valid_to and v.valid_from < p.valid_to
      group by v.org_unit_id, v.valid_from, v.valid_to, v.real_to
    ), kinds(kind, levels) as (values ${kinds})
    select * from (
      select 'unreachable' as check, c.org_unit_id as "unitId", u.code, c.valid_from::text as "from",
        case when c.real_to = 'infinity' then null else c.real_to::text end as "to", null::int as level
      from coverage c join org_unit u on u.id = c.org_unit_id where c.missing <> 0
      union all
      select 'overlap', a.org_unit_id, u.code, b.valid_from::text, case when a.valid_to = 'infinity' then null else a.valid_to::text end, null
      from org_unit_version a join org_unit_version b on b.org_unit_id = a.org_unit_id and a.valid_from < b.valid_from and b.valid_from < a.valid_to
      join org_unit u on u.id = a.org_unit_id
      union all
      select 'level', p.org_unit_id, u.code, p.valid_from::text, case when p.valid_to = 'infinity' then null else p.valid_to::text end, p.level
      from org_unit_path p join org_unit u on u.id = p.org_unit_id join kinds k on k.kind = u.kind
      where not (p.level = any(k.levels))
    ) x order by 1, 3, 4 limit ${limit}`.execute(db);
  return r.rows;
}
