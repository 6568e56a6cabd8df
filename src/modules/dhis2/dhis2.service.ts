// DHIS2-compatible read API for org units (GET /api/organisationUnits) and system info.
import { z } from 'zod';
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../core/errors.js';
import { isoDate, parse } from '../../core/input.js';
import { searchKey, escapeLike } from '../../lib/text.js';
import { type Ctx } from '../../core/context.js';
import { requirePermission, requireUnitInScope, scopeOf } from '../../core/access.js';
import * as repo from '../orgunits/orgunits.repo.js';
import { inScope } from '../../core/scope.repo.js';
import { parseFields, project, wants } from './fields.js';

const DEFAULT_FIELDS = 'id,code,name,displayName,shortName,level,path,parent[id],openingDate,closedDate';

const querySchema = z.object({
  asOf: isoDate.optional(),
  level: z.coerce.number().int().min(1).max(20).optional(),
  fields: z.string().max(2000).optional(),
  filter: z.union([z.string(), z.array(z.string())]).optional(),
  rootJunction: z.enum(['AND', 'OR', 'and', 'or']).default('AND'),
  paging: z.enum(['true', 'false']).default('true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(10000).default(50),
});

type Eb = ExpressionBuilder<DB & { u: DB['org_unit']; p: DB['org_unit_path'] }, 'u' | 'p'>;

const COLUMNS: Record<string, 'u.id' | 'u.code' | 'p.name' | 'u.short_name' | 'p.level' | 'p.parent_id'> = {
  id: 'u.id',
  code: 'u.code',
  name: 'p.name',
  displayName: 'p.name',
  shortName: 'u.short_name',
  level: 'p.level',
  'parent.id': 'p.parent_id',
};

/** One DHIS2 filter "property:operator[:value]" as a SQL condition. */
function condition(eb: Eb, filter: string) {
  const [prop, op, ...rest] = filter.split(':');
  const value = rest.join(':');
  const col = COLUMNS[prop];
  const bad = () => new AppError('UNSUPPORTED', 'dhis2.filter', { filter }, { filter });
  if (!col || !op) throw bad();
  const isName = col === 'p.name';
  const isLevel = col === 'p.level';
  const asLevel = (v: string) => {
    // level is an integer column: anything else is a bad filter (409), not a database error.
    if (!/^\d{1,3}$/.test(v)) throw bad();
    return Number(v);
  };
  const list = () => {
    const items = value.replace(/^\[|\]$/g, '').split(',').map((s) => s.trim()).filter(Boolean);
    return isLevel ? items.map(asLevel) : items;
  };
  const needsValue = op !== 'null' && op !== '!null';
  const val = isLevel && needsValue && op !== 'in' && op !== '!in' ? asLevel(value) : value;
  switch (op) {
    case 'eq': return eb(col, '=', val);
    case '!eq': case 'ne': case 'neq': return eb(col, '<>', val);
    case 'in': return eb(col, 'in', list());
    case '!in': return eb.not(eb(col, 'in', list()));
    case 'null': return eb(col, 'is', null);
    case '!null': return eb(col, 'is not', null);
    case 'gt': return eb(col, '>', val);
    case 'ge': return eb(col, '>=', val);
    case 'lt': return eb(col, '<', val);
    case 'le': return eb(col, '<=', val);
    case 'like': case 'ilike': case '!like': case '!ilike': case '$like': case '$ilike': case 'like$': case 'ilike$': {
      const text = escapeLike(isName ? searchKey(value) : value);
      const pattern = op.startsWith('$') ? `${text}%` : op.endsWith('$') ? `%${text}` : `%${text}%`;
      const target = isName ? 'u.search_key' : col;
      const expr = isName || op.includes('ilike') ? eb(target, 'ilike', pattern) : eb(target, 'like', pattern);
      return op.startsWith('!') ? eb.not(expr) : expr;
    }
    default:
      throw bad();
  }
}

const dhisDate = (d: string | null) => (d ? `${d}T00:00:00.000` : undefined);

export async function organisationUnits(ctx: Ctx, input: Record<string, unknown>) {
  requirePermission(ctx, 'orgunit:read');
  const q = parse(querySchema, input);
  const filters = q.filter === undefined ? [] : Array.isArray(q.filter) ? q.filter : [q.filter];
  let query = repo.unitStates(ctx.db, q.asOf).where(inScope(scopeOf(ctx), 'u.id', { asOf: q.asOf }));
  if (q.level) query = query.where('p.level', '=', q.level);
  if (filters.length) {
    query = query.where((eb) => {
      const conds = filters.map((f) => condition(eb as unknown as Eb, f));
      return q.rootJunction.toUpperCase() === 'OR' ? eb.or(conds) : eb.and(conds);
    });
  }
  const paging = q.paging === 'true';
  const total = paging ? Number((await ctx.db.selectFrom(query.as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) : 0;
  let rowsQ = query.orderBy('p.level').orderBy('p.name').orderBy('u.id');
  if (paging) rowsQ = rowsQ.limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const rows = (await rowsQ.execute()) as repo.UnitState[];
  const fields = parseFields(q.fields, DEFAULT_FIELDS);
  const units = await shape(ctx, rows, fields, q.asOf);
  const body: Record<string, unknown> = {};
  if (paging) {
    const pageCount = Math.max(1, Math.ceil(total / q.pageSize));
    body.pager = { page: q.page, pageCount, total, pageSize: q.pageSize };
  }
  body.organisationUnits = units;
  return body;
}

export async function organisationUnit(ctx: Ctx, idOrCode: string, input: Record<string, unknown>) {
  requirePermission(ctx, 'orgunit:read');
  const q = parse(querySchema.pick({ asOf: true, fields: true }), input);
  const unit = await repo.findUnit(ctx.db, idOrCode);
  if (!unit) throw notFound('orgUnit', idOrCode);
  await requireUnitInScope(ctx, unit.id);
  const state = (await repo.stateOf(ctx.db, unit.id, q.asOf ?? '9999-12-31'))!;
  const [shaped] = await shape(ctx, [state], parseFields(q.fields, `${DEFAULT_FIELDS},children[id],organisationUnitGroups[id]`), q.asOf);
  return shaped;
}

async function shape(ctx: Ctx, rows: repo.UnitState[], fields: ReturnType<typeof parseFields>, asOf?: string) {
  const ids = rows.map((r) => r.id);
  const related = new Set(rows.flatMap((r) => (r.parent_id ? [r.parent_id] : [])));
  const childrenOf = new Map<string, string[]>();
  if (wants(fields, 'children') && ids.length) {
    let cq = ctx.db.selectFrom('org_unit_path').select(['org_unit_id', 'parent_id']).distinct().where('parent_id', 'in', ids);
    if (asOf) cq = cq.where('valid_from', '<=', asOf).where('valid_to', '>', asOf);
    for (const c of await cq.execute()) {
      childrenOf.set(c.parent_id!, [...(childrenOf.get(c.parent_id!) ?? []), c.org_unit_id]);
      related.add(c.org_unit_id);
    }
  }
  const groupsOf = new Map<string, { id: string; code: string; name: string }[]>();
  if (wants(fields, 'organisationUnitGroups') && ids.length) {
    const gs = await ctx.db.selectFrom('org_unit_group_member as m').innerJoin('org_unit_group as g', 'g.id', 'm.group_id')
      .select(['m.org_unit_id', 'g.id', 'g.code', 'g.name']).where('m.org_unit_id', 'in', ids).execute();
    for (const g of gs) groupsOf.set(g.org_unit_id, [...(groupsOf.get(g.org_unit_id) ?? []), { id: g.id, code: g.code, name: g.name }]);
  }
  const names = new Map((await repo.unitNames(ctx.db, [...related])).map((u) => [u.id, u]));
  const ref = (id: string) => ({ id, code: names.get(id)?.code, name: names.get(id)?.name, displayName: names.get(id)?.name });
  return rows.map((r) =>
    project(
      {
        id: r.id,
        code: r.code,
        name: r.name,
        displayName: r.name,
        shortName: r.short_name ?? r.name,
        displayShortName: r.short_name ?? r.name,
        level: r.level,
        path: `/${r.path.join('/')}`,
        parent: r.parent_id ? ref(r.parent_id) : undefined,
        openingDate: dhisDate(r.opening_date),
        closedDate: dhisDate(r.closed_date),
        created: r.created_at,
        lastUpdated: r.updated_at,
        children: (childrenOf.get(r.id) ?? []).map(ref),
        organisationUnitGroups: groupsOf.get(r.id) ?? [],
        attributeValues: [],
      },
      fields,
    ),
  );
}

export function systemInfo(dbKind: string) {
  return {
    systemName: 'soyte',
    version: '2.40.0-soyte',
    revision: process.env.npm_package_version ?? '0.1.0',
    serverDate: new Date().toISOString(),
    calendar: 'iso8601',
    dateFormat: 'yyyy-mm-dd',
    serverTimeZoneId: 'Asia/Ho_Chi_Minh',
    databaseInfo: { name: 'PostgreSQL', spatialSupport: false, kind: dbKind },
  };
}
