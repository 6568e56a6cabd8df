// DHIS2-compatible read API for org units (GET /api/organisationUnits) and system info. Lists are
// limited to the caller's scope; one unit outside it is OUT_OF_SCOPE.
import { requireAccess, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import * as ouRepo from '../orgunits/orgunits.repo.js';
import { OrgUnitQuery, OrgUnitsQuery, type Dhis2List, type Dhis2Object, type SystemInfo } from './dhis2.contract.js';
import * as repo from './dhis2.repo.js';
import { parseFields, project, wants, type FieldTree } from './fields.js';
import { parseFilters, unsupported, type Filter } from './filter.js';

const DEFAULT_FIELDS = 'id,code,name,displayName,shortName,level,path,parent[id],openingDate,closedDate';

const PROPERTIES = new Map<string, repo.UnitProperty>(repo.UNIT_FILTER_PROPERTIES.map((p) => [p, p]));
const LEVEL = /^\d{1,3}$/;

/** A parsed filter checked against the org unit columns (UNSUPPORTED for other properties or a level that is not a number). */
function unitFilter(f: Filter): repo.UnitFilter {
  const property = PROPERTIES.get(f.path.join('.'));
  if (!property) throw unsupported(f.text);
  if (property !== 'level') return { property, op: f.op, value: f.value, list: f.list };
  // level is an integer column: anything else is a bad filter (409), not a database error.
  const asLevel = (v: string) => {
    if (!LEVEL.test(v)) throw unsupported(f.text);
    return Number(v);
  };
  const noValue = f.op === 'null' || f.op === '!null' || f.op === 'empty' || f.op === 'in' || f.op === '!in';
  // (Text matching on a number means nothing.)
  if (f.op.includes('like') || f.op === 'token') throw unsupported(f.text);
  return { property, op: f.op, value: noValue ? f.value : asLevel(f.value), list: f.list.map(asLevel) };
}

const dhisDate = (d: string | null) => (d ? `${d}T00:00:00.000` : undefined);

export async function organisationUnits(ctx: Ctx, input: unknown): Promise<Dhis2List> {
  requirePermission(ctx, 'orgunit:read');
  const q = parse(OrgUnitsQuery, input);
  const filters = parseFilters(q.filter).map(unitFilter);
  const fields = parseFields(q.fields, DEFAULT_FIELDS);
  const paging = q.paging === 'true';
  const { total, rows } = await ctx.use(repo).unitPage({
    scope: scopeOf(ctx),
    asOf: q.asOf,
    level: q.level,
    filters,
    or: q.rootJunction.toUpperCase() === 'OR',
    page: paging ? { page: q.page, size: q.pageSize } : undefined,
  });
  const units = await shape(ctx, rows, fields, q.asOf);
  const body: Dhis2List = {};
  if (paging) body.pager = { page: q.page, pageCount: Math.max(1, Math.ceil(total / q.pageSize)), total, pageSize: q.pageSize };
  body.organisationUnits = units;
  return body;
}

export async function organisationUnit(ctx: Ctx, idOrCode: string, input: unknown): Promise<Dhis2Object> {
  requirePermission(ctx, 'orgunit:read');
  const q = parse(OrgUnitQuery, input);
  const fields = parseFields(q.fields, `${DEFAULT_FIELDS},children[id],organisationUnitGroups[id]`);
  const units = ctx.use(ouRepo);
  const unit = await units.findUnit(idOrCode);
  if (!unit) throw notFound('orgUnit', idOrCode);
  await requireAccess(ctx, { unit: unit.id });
  const state = (await units.stateOf(unit.id, q.asOf ?? '9999-12-31'))!;
  const [shaped] = await shape(ctx, [state], fields, q.asOf);
  return shaped!;
}

async function shape(ctx: Ctx, rows: ouRepo.UnitState[], fields: FieldTree, asOf?: string): Promise<Dhis2Object[]> {
  const db = ctx.use(repo);
  const ids = rows.map((r) => r.id);
  const related = new Set(rows.flatMap((r) => (r.parent_id ? [r.parent_id] : [])));
  const childrenOf = new Map<string, string[]>();
  if (wants(fields, 'children')) {
    for (const c of await db.childrenOf(ids, asOf)) {
      childrenOf.set(c.parent_id, [...(childrenOf.get(c.parent_id) ?? []), c.org_unit_id]);
      related.add(c.org_unit_id);
    }
  }
  const groupsOf = new Map<string, { id: string; code: string; name: string }[]>();
  if (wants(fields, 'organisationUnitGroups')) {
    for (const g of await db.groupsOf(ids)) groupsOf.set(g.org_unit_id, [...(groupsOf.get(g.org_unit_id) ?? []), { id: g.id, code: g.code, name: g.name }]);
  }
  const names = new Map((await db.unitNames([...related])).map((u) => [u.id, u]));
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

export function systemInfo(ctx: Ctx): SystemInfo {
  const dbKind = ctx.store.kind;
  return {
    systemName: 'soyte',
    version: '2.40.0-soyte',
    revision: ctx.config.version,
    serverDate: new Date().toISOString(),
    calendar: 'iso8601',
    dateFormat: 'yyyy-mm-dd',
    serverTimeZoneId: 'Asia/Ho_Chi_Minh',
    databaseInfo: { name: 'PostgreSQL', spatialSupport: false, kind: dbKind },
  };
}
