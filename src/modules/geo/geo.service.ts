// Map geometry of org units (contract C): the units of a level inside a parent, in today's structure,
// as GeoJSON drawn from the bundled 2025 boundaries. A station stands for its commune (org_unit.admin_code
// = GSO commune code, the same code as in its unit code TYT<code>); a unit above the stations (health
// centre) is drawn as the communes of its stations; a department of a province as the province.
// Which units lie inside which comes from the tree in memory (analytics.cache.ts, checked against the
// database's hierarchy version); what the caller may see from the kernel (requireAccess, unitsInScope).
import { AppError, notFound, validation } from '../../core/errors.js';
import { todayVn } from '../../lib/dates.js';
import type { Locale } from '../../core/i18n.js';
import { parse } from '../../core/input.js';
import { type Ctx } from '../../core/context.js';
import { requireAccess, scopeOf, unitsInScope } from '../../core/access.js';
import { currentHierarchy, levelOn, subtreeOn } from '../analytics/analytics.cache.js';
import { GeoQuery, type GeoCollection, type GeoFeature, type GeoUnitRef, type Geometry } from './geo.contract.js';
import { communeGeometry, provinceGeometry } from './geo.data.js';
import * as repo from './geo.repo.js';

export type { GeoCollection, GeoFeature, GeoUnitRef } from './geo.contract.js';

/** The caller's own unit; for the whole system, the only root (else the caller must say). */
async function defaultParent(ctx: Ctx, today: string): Promise<string> {
  const home = scopeOf(ctx).root;
  if (home !== null) return home;
  const roots = levelOn(await currentHierarchy(ctx), 1, today);
  if (roots.length === 1) return roots[0]!;
  throw validation({ parent: 'field.required' }, 'geo.parentRequired');
}

/** GET /api/geo/orgUnits?parent=&level= */
export async function orgUnitGeometry(ctx: Ctx, input: unknown, locale: Locale): Promise<GeoCollection> {
  await requireAccess(ctx, { permission: 'orgunit:read' });
  const q = parse(GeoQuery, input);
  const today = todayVn();
  const parentKey = q.parent ?? (await defaultParent(ctx, today));
  const units = ctx.use(repo);
  const parent = await units.findUnit(parentKey, today);
  if (!parent) throw notFound('orgUnit', parentKey);
  await requireAccess(ctx, { unit: parent.id });
  const level = q.level ?? parent.level + 1;
  if (level < parent.level) {
    throw new AppError('VALIDATION_FAILED', 'geo.levelAboveParent', { fields: { level: 'field.invalid' } },
      { level, parentLevel: parent.level });
  }

  // The units of the level inside the parent today, of those the ones in the caller's scope today.
  const h = await currentHierarchy(ctx);
  const candidates = parent.open ? levelOn(h, level, today, parent.id) : [];
  const visible = await unitsInScope(ctx, candidates, today);
  const drawn = await units.unitsOn(candidates.filter((id) => visible.has(id)), today);

  const nameOf = (u: repo.GeoUnit) => (locale === 'en' && u.name_en ? u.name_en : u.name);
  const own = new Map<string, Geometry>(); // units with a boundary of their own
  for (const u of drawn) {
    const g = u.admin_code && u.admin_level === 'commune' ? communeGeometry(u.admin_code)
      : u.admin_code && u.admin_level === 'province' && u.kind === 'department' ? provinceGeometry(u.admin_code)
        : undefined;
    if (g) own.set(u.id, g);
  }
  const below = await communesBelow(ctx, drawn.filter((u) => !own.has(u.id)).map((u) => u.id), today);

  const features: GeoFeature[] = [];
  const missing: GeoUnitRef[] = [];
  for (const u of drawn) {
    const properties = { unitId: u.id, code: u.code, name: nameOf(u), level: u.level };
    const g = own.get(u.id);
    if (g) {
      features.push({ type: 'Feature', geometry: g, properties });
      continue;
    }
    let painted = false;
    for (const commune of below.get(u.id) ?? []) {
      const cg = communeGeometry(commune);
      if (!cg) continue;
      features.push({ type: 'Feature', geometry: cg, properties });
      painted = true;
    }
    if (!painted) missing.push({ unitId: u.id, code: u.code, name: nameOf(u) });
  }
  return {
    type: 'FeatureCollection',
    parent: { unitId: parent.id, code: parent.code, name: nameOf(parent), level: parent.level },
    level,
    asOf: today,
    features,
    missing,
  };
}

/** GSO commune codes of the stations inside each unit on `date` (in code order): what a centre is drawn as. */
async function communesBelow(ctx: Ctx, unitIds: string[], date: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (unitIds.length === 0) return out;
  const h = await currentHierarchy(ctx);
  const inside = new Map(unitIds.map((id) => [id, subtreeOn(h, id, date)]));
  const codes = await ctx.use(repo).communeCodes([...new Set([...inside.values()].flat())]);
  for (const [id, ids] of inside) {
    out.set(id, ids.flatMap((x) => (codes.has(x) ? [codes.get(x)!] : [])).sort());
  }
  return out;
}
