// Dashboards: built-in ones (in code, one per unit kind, read-only) and the users' own (database).
// Who sees what:
// - built-ins: every data reader (the numbers each item shows are scope-checked by analytics);
//   the list offers the one of the user's unit kind and those below it (drill-down);
// - own dashboards: their owner; shared ones: the users of the owning unit's subtree and those above it;
// - changes: the owner, or a system administrator. Built-ins are copied to be edited.
import type { Locale } from '../../core/i18n.js';
import { forbidden, notFound, outOfScope, validation } from '../../core/errors.js';
import { uid } from '../../lib/uid.js';
import { parse } from '../../core/input.js';
import { audit } from '../audit/audit.service.js';
import { type Ctx } from '../../core/context.js';
import { canAccess, isGlobal, requireActorUser, requirePermission, scopeOf } from '../../core/access.js';
import { BUILTIN_DASHBOARDS, BUILTIN_PREFIX, builtinById, type BuiltinDashboard } from './defaults.js';
import * as repo from './dashboards.repo.js';
import {
  copyInput, dashboardInput, itemsSchema, LEVEL_KINDS, levelKindOf,
  type Dashboard, type DashboardData, type DashboardDeleted, type DashboardItem, type DashboardList, type DashboardSummary, type LevelKind,
} from './dashboards.contract.js';

export { levelKindOf };
export type { Dashboard, DashboardSummary };

/** The built-in kinds a user is offered: theirs and those below (a province user drills down). */
async function actorKinds(ctx: Ctx): Promise<{ own: LevelKind; offered: LevelKind[] }> {
  const home = scopeOf(ctx).root; // the actor's own unit (null: the whole system)
  if (home === null) return { own: 'province', offered: [...LEVEL_KINDS] };
  const unit = await ctx.use(repo).unitInfo(home);
  const own = unit ? levelKindOf(unit) : 'station';
  return { own, offered: LEVEL_KINDS.slice(LEVEL_KINDS.indexOf(own)) };
}

/** The units whose shared dashboards reach the actor: their own unit and every unit it is or was inside. */
async function unitsAboveActor(ctx: Ctx): Promise<string[]> {
  const home = scopeOf(ctx).root;
  return home ? ctx.use(repo).unitsAbove(home) : [];
}

function builtinView(d: BuiltinDashboard, locale: Locale, isDefault: boolean): Dashboard {
  return {
    id: d.id,
    name: locale === 'en' ? d.nameEn : d.name,
    builtin: true,
    isDefault,
    levelKind: d.levelKind,
    owner: null,
    orgUnit: null,
    shared: true,
    sortOrder: d.sortOrder,
    editable: false,
    itemCount: d.items.length,
    updatedAt: null,
    items: d.items,
  };
}

function canEdit(ctx: Ctx, row: repo.DashboardRow): boolean {
  return (ctx.actor.id !== null && row.owner_id === ctx.actor.id) || ctx.actor.permissions.has('system:admin');
}

function rowView(ctx: Ctx, row: repo.DashboardRow): Dashboard {
  const items = (Array.isArray(row.items) ? row.items : []) as DashboardItem[];
  return {
    id: row.id,
    name: row.name,
    builtin: false,
    isDefault: false,
    levelKind: row.level_kind,
    owner: row.owner_id ? { id: row.owner_id, username: row.owner_username ?? '' } : null,
    orgUnit: row.org_unit_id ? { id: row.org_unit_id, code: row.org_unit_code ?? '', name: row.org_unit_name ?? '' } : null,
    shared: row.shared,
    sortOrder: row.sort_order,
    editable: canEdit(ctx, row),
    itemCount: items.length,
    updatedAt: row.updated_at instanceof Date ? row.updated_at.toISOString() : String(row.updated_at),
    items,
  };
}

const summary = ({ items: _items, ...rest }: Dashboard): DashboardSummary => rest;

// ---------------------------------------------------------------------------------------------
// Reading

export async function listDashboards(ctx: Ctx, locale: Locale = 'vi'): Promise<DashboardList> {
  requirePermission(ctx, 'data:read');
  const kinds = await actorKinds(ctx);
  const builtins = BUILTIN_DASHBOARDS.filter((d) => kinds.offered.includes(d.levelKind)).map((d) =>
    summary(builtinView(d, locale, d.levelKind === kinds.own)),
  );
  const rows = await ctx.use(repo).listVisible({ userId: ctx.actor.id, scope: scopeOf(ctx), above: await unitsAboveActor(ctx) });
  return { dashboards: [...builtins, ...rows.map((r) => summary(rowView(ctx, r)))] };
}

/** Whether the actor may see a stored dashboard; throws FORBIDDEN / OUT_OF_SCOPE otherwise. */
async function requireVisible(ctx: Ctx, row: repo.DashboardRow): Promise<void> {
  if (ctx.actor.id !== null && row.owner_id === ctx.actor.id) return;
  if (ctx.actor.permissions.has('system:admin') && isGlobal(ctx.actor)) return;
  if (!row.shared) throw forbidden('dashboard.private');
  if (row.org_unit_id === null || isGlobal(ctx.actor)) return;
  if ((await unitsAboveActor(ctx)).includes(row.org_unit_id)) return; // shared down to the actor
  if (await canAccess(ctx, { unit: row.org_unit_id })) return; // a unit below the actor
  throw outOfScope();
}

async function loadStored(ctx: Ctx, id: string): Promise<repo.DashboardRow> {
  const row = await ctx.use(repo).findDashboard(id);
  if (!row) throw notFound('dashboard', id);
  return row;
}

export async function getDashboard(ctx: Ctx, id: string, locale: Locale = 'vi'): Promise<Dashboard> {
  requirePermission(ctx, 'data:read');
  if (id.startsWith(BUILTIN_PREFIX)) {
    const b = builtinById(id);
    if (!b) throw notFound('dashboard', id);
    const kinds = await actorKinds(ctx);
    return builtinView(b, locale, b.levelKind === kinds.own);
  }
  const row = await loadStored(ctx, id);
  await requireVisible(ctx, row);
  return rowView(ctx, row);
}

// ---------------------------------------------------------------------------------------------
// Validation beyond the shape: the data items must exist, levels must exist.

async function checkItems(ctx: Ctx, items: DashboardItem[]): Promise<void> {
  const codes = [...new Set(items.flatMap((it) => it.data.map((ref) => ref.split('.')[0]!)))];
  const lookups = ctx.use(repo);
  const known = await lookups.knownDataRefs(codes);
  const maxLevel = await lookups.maxLevel();
  const fields: Record<string, string> = {};
  items.forEach((item, i) => {
    item.data.forEach((ref, j) => {
      const [code, coc] = ref.split('.') as [string, string | undefined];
      const cocs = known.elements.get(code);
      if (cocs) {
        if (coc !== undefined && !cocs.has(coc)) fields[`items.${i}.data.${j}`] = 'dashboard.unknownOptionCombo';
      } else if (known.indicators.has(code)) {
        if (coc !== undefined) fields[`items.${i}.data.${j}`] = 'dashboard.indicatorNoCombo';
      } else {
        fields[`items.${i}.data.${j}`] = 'dashboard.unknownDataItem';
      }
    });
    if (item.unit.kind === 'level' && item.unit.level > maxLevel) fields[`items.${i}.unit.level`] = 'dashboard.unknownLevel';
  });
  if (Object.keys(fields).length) throw validation(fields);
}

// ---------------------------------------------------------------------------------------------
// Changing

function auditDashboard(ctx: Ctx, action: string, id: string, name: string, before: unknown, after: unknown) {
  return audit(ctx, { action, entityType: 'dashboard', entityId: id, entityCode: name, before, after });
}

export async function createDashboard(ctx: Ctx, body: unknown, locale: Locale = 'vi'): Promise<Dashboard> {
  requirePermission(ctx, 'data:read');
  const input = parse(dashboardInput, body);
  await checkItems(ctx, input.items);
  return insert(ctx, input, locale);
}

async function insert(ctx: Ctx, input: DashboardData, locale: Locale): Promise<Dashboard> {
  const owner = requireActorUser(ctx);
  const id = uid();
  const row = {
    id,
    name: input.name,
    owner_id: owner,
    // Shared with the owner's unit: its subtree and the units above it (see requireVisible).
    org_unit_id: scopeOf(ctx).root,
    level_kind: input.levelKind ?? null,
    items: input.items,
    sort_order: input.sortOrder ?? 100,
    shared: input.shared ?? false,
  };
  await ctx.transaction(async (tx) => {
    await tx.use(repo).insertDashboard(row);
    await auditDashboard(tx, 'dashboard.create', id, input.name, null, { name: input.name, shared: row.shared, items: input.items.length });
  });
  return getDashboard(ctx, id, locale);
}

/** Copies a dashboard the actor can see (a built-in, someone's shared one) into a new one of their own. */
export async function copyDashboard(ctx: Ctx, id: string, body: unknown, locale: Locale = 'vi'): Promise<Dashboard> {
  const source = await getDashboard(ctx, id, locale);
  const { name } = parse(copyInput, body);
  const copyName = name ?? (locale === 'en' ? `Copy of ${source.name}` : `Bản sao của ${source.name}`);
  const items = parse(itemsSchema, source.items); // stored items may predate a schema change
  return insert(ctx, { name: copyName.slice(0, 200), levelKind: source.levelKind, items, shared: false }, locale);
}

async function requireEditable(ctx: Ctx, id: string): Promise<repo.DashboardRow> {
  requirePermission(ctx, 'data:read');
  if (id.startsWith(BUILTIN_PREFIX)) {
    if (!builtinById(id)) throw notFound('dashboard', id);
    throw forbidden('dashboard.builtinReadOnly');
  }
  const row = await loadStored(ctx, id);
  await requireVisible(ctx, row);
  if (!canEdit(ctx, row)) throw forbidden('dashboard.notOwner');
  return row;
}

export async function updateDashboard(ctx: Ctx, id: string, body: unknown, locale: Locale = 'vi'): Promise<Dashboard> {
  const row = await requireEditable(ctx, id);
  const input = parse(dashboardInput, body);
  await checkItems(ctx, input.items);
  await ctx.transaction(async (tx) => {
    await tx.use(repo).updateDashboard(id, {
      name: input.name,
      level_kind: input.levelKind === undefined ? row.level_kind : input.levelKind,
      items: input.items,
      sort_order: input.sortOrder ?? row.sort_order,
      shared: input.shared ?? row.shared,
    });
    await auditDashboard(tx, 'dashboard.update', id, input.name,
      { name: row.name, shared: row.shared, items: Array.isArray(row.items) ? row.items.length : 0 },
      { name: input.name, shared: input.shared ?? row.shared, items: input.items.length });
  });
  return getDashboard(ctx, id, locale);
}

export async function deleteDashboard(ctx: Ctx, id: string): Promise<DashboardDeleted> {
  const row = await requireEditable(ctx, id);
  await ctx.transaction(async (tx) => {
    await tx.use(repo).deleteDashboard(id);
    await auditDashboard(tx, 'dashboard.delete', id, row.name, { name: row.name, shared: row.shared }, null);
  });
  return { deleted: id };
}
