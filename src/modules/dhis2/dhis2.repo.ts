// SQL of the DHIS2-compatible org unit API: a filtered, scoped page of units as of a date, and the
// children, groups and names its fields= may ask for.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';
import { escapeLike, searchKey } from '../../lib/text.js';
import { unitStates, type UnitState } from '../orgunits/orgunits.repo.js';
import type { Operator } from './filter.js';

type Db = Kysely<DB>;

/** The properties org units can be filtered on. */
export const UNIT_FILTER_PROPERTIES = ['id', 'code', 'name', 'displayName', 'shortName', 'level', 'parent.id'] as const;
export type UnitProperty = (typeof UNIT_FILTER_PROPERTIES)[number];

/** A checked filter (filter.ts): level values are numbers. */
export interface UnitFilter {
  property: UnitProperty;
  op: Operator;
  value: string | number;
  list: (string | number)[];
}

const COLUMNS: Record<UnitProperty, 'u.id' | 'u.code' | 'p.name' | 'u.short_name' | 'p.level' | 'p.parent_id'> = {
  id: 'u.id',
  code: 'u.code',
  name: 'p.name',
  displayName: 'p.name',
  shortName: 'u.short_name',
  level: 'p.level',
  'parent.id': 'p.parent_id',
};

type Eb = ExpressionBuilder<DB & { u: DB['org_unit']; p: DB['org_unit_path'] }, 'u' | 'p'>;

/** One filter as a SQL condition. Lists travel as one array parameter (no limit on PostgreSQL's parameter count). */
function condition(eb: Eb, f: UnitFilter): Expression<SqlBool> {
  const col = COLUMNS[f.property];
  const isName = col === 'p.name';
  const anyOf = () => sql<boolean>`${sql.ref(col)} = any(${f.list}::${sql.raw(col === 'p.level' ? 'int[]' : 'text[]')})`;
  switch (f.op) {
    case 'eq': return eb(col, '=', f.value);
    case '!eq': case 'ne': case 'neq': return eb(col, '<>', f.value);
    case 'ieq': return eb(sql<string>`lower(${sql.ref(col)}::text)`, '=', String(f.value).toLowerCase());
    case 'in': return anyOf();
    case '!in': return eb.not(anyOf());
    case 'null': case 'empty': return eb(col, 'is', null);
    case '!null': return eb(col, 'is not', null);
    case 'gt': return eb(col, '>', f.value);
    case 'ge': return eb(col, '>=', f.value);
    case 'lt': return eb(col, '<', f.value);
    case 'le': return eb(col, '<=', f.value);
    case 'like': case 'ilike': case '!like': case '!ilike': case '$like': case '$ilike': case 'like$': case 'ilike$': case 'token': {
      const value = String(f.value);
      const text = escapeLike(isName ? searchKey(value) : value);
      const pattern = f.op.startsWith('$') ? `${text}%` : f.op.endsWith('$') ? `%${text}` : `%${text}%`;
      const target = isName ? 'u.search_key' : col;
      const expr = isName || f.op.includes('ilike') || f.op === 'token' ? eb(sql`${sql.ref(target)}::text`, 'ilike', pattern) : eb(sql`${sql.ref(target)}::text`, 'like', pattern);
      return f.op.startsWith('!') ? eb.not(expr) : expr;
    }
  }
}

/** Units in `scope` (as of `asOf`), filtered, ordered by level and name; a page of them, or all when `page` is absent. */
export async function unitPage(
  db: Db,
  q: { scope: Scope; asOf?: string; level?: number; filters: UnitFilter[]; or: boolean; page?: { page: number; size: number } },
): Promise<{ total: number; rows: UnitState[] }> {
  let query = unitStates(db, q.asOf).where(inScope(q.scope, 'u.id', { asOf: q.asOf }));
  if (q.level) query = query.where('p.level', '=', q.level);
  if (q.filters.length) {
    query = query.where((eb) => {
      const conds = q.filters.map((f) => condition(eb as unknown as Eb, f));
      return q.or ? eb.or(conds) : eb.and(conds);
    });
  }
  const total = q.page ? Number((await db.selectFrom(query.as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) : 0;
  let rowsQ = query.orderBy('p.level').orderBy('p.name').orderBy('u.id');
  if (q.page) rowsQ = rowsQ.limit(q.page.size).offset((q.page.page - 1) * q.page.size);
  const rows = (await rowsQ.execute()) as UnitState[];
  return { total: q.page ? total : rows.length, rows };
}

/** The children of the given units (as of `asOf`, or ever). */
export async function childrenOf(db: Db, parentIds: string[], asOf?: string): Promise<{ org_unit_id: string; parent_id: string }[]> {
  if (!parentIds.length) return [];
  let q = db
    .selectFrom('org_unit_path')
    .select(['org_unit_id', 'parent_id'])
    .distinct()
    .where('parent_id', '=', sql<string>`any(${parentIds}::text[])`);
  if (asOf) q = q.where('valid_from', '<=', asOf).where('valid_to', '>', asOf);
  return (await q.execute()) as { org_unit_id: string; parent_id: string }[];
}

/** The groups of the given units. */
export async function groupsOf(db: Db, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .selectFrom('org_unit_group_member as m')
    .innerJoin('org_unit_group as g', 'g.id', 'm.group_id')
    .select(['m.org_unit_id', 'g.id', 'g.code', 'g.name'])
    .where('m.org_unit_id', '=', sql<string>`any(${unitIds}::text[])`)
    .execute();
}

/** Codes and current names of units. */
export async function unitNames(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', '=', sql<string>`any(${ids}::text[])`).execute();
}
