// Map geometry of org units (contract C): the units of a level inside a parent, in today's structure,
// as GeoJSON drawn from the bundled 2025 boundaries. A station stands for its commune (org_unit.admin_code
// = GSO commune code, the same code as in its unit code TYT<code>); a unit above the stations (health
// centre) is drawn as the communes of its stations; a department of a province as the province.
import { z } from 'zod';
import { AppError, notFound, validation } from '../../core/errors.js';
import { todayVn } from '../../lib/dates.js';
import type { Locale } from '../../core/i18n.js';
import { parse } from '../../core/input.js';
import { type Ctx } from '../../core/context.js';
import { isGlobal, requirePermission, requireUnitInScope } from '../../core/access.js';
import { communeGeometry, provinceGeometry, type Geometry } from './geo.data.js';
import * as repo from './geo.repo.js';

export interface GeoUnitRef { unitId: string; code: string; name: string }
export interface GeoFeature {
  type: 'Feature';
  geometry: Geometry;
  properties: { unitId: string; code: string; name: string; level: number };
}
export interface GeoCollection {
  type: 'FeatureCollection';
  parent: GeoUnitRef & { level: number };
  level: number;
  asOf: string;
  features: GeoFeature[];
  /** Units of the level without any geometry (e.g. hospitals, units without stations). */
  missing: GeoUnitRef[];
}

const querySchema = z.object({
  parent: z.string().trim().min(1).max(50).optional(),
  level: z.coerce.number().int().min(1).max(20).optional(),
});

async function defaultParent(ctx: Ctx, today: string): Promise<string> {
  if (!isGlobal(ctx.actor)) return ctx.actor.orgUnitId!;
  const roots = await repo.roots(ctx.db, today);
  if (roots.length === 1) return roots[0].id;
  throw validation({ parent: 'field.required' }, 'geo.parentRequired');
}

/** GET /api/geo/orgUnits?parent=&level= */
export async function orgUnitGeometry(ctx: Ctx, input: unknown, locale: Locale): Promise<GeoCollection> {
  requirePermission(ctx, 'orgunit:read');
  const q = parse(querySchema, input);
  const today = todayVn();
  const parentKey = q.parent ?? (await defaultParent(ctx, today));
  const parent = await repo.findUnit(ctx.db, parentKey, today);
  if (!parent) throw notFound('orgUnit', parentKey);
  await requireUnitInScope(ctx, parent.id);
  const level = q.level ?? parent.level + 1;
  if (level < parent.level) {
    throw new AppError('VALIDATION_FAILED', 'geo.levelAboveParent', { fields: { level: 'field.invalid' } },
      { level, parentLevel: parent.level });
  }

  const nameOf = (u: repo.GeoUnit) => (locale === 'en' && u.name_en ? u.name_en : u.name);
  const units = parent.open ? await repo.unitsAtLevel(ctx.db, parent.id, level, today, ctx.actor.orgUnitId) : [];

  const features: GeoFeature[] = [];
  const missing: GeoUnitRef[] = [];
  const own = new Map<string, Geometry>(); // units with a boundary of their own
  for (const u of units) {
    const g = u.admin_code && u.admin_level === 'commune' ? communeGeometry(u.admin_code)
      : u.admin_code && u.admin_level === 'province' && u.kind === 'department' ? provinceGeometry(u.admin_code)
        : undefined;
    if (g) own.set(u.id, g);
  }
  const below = await repo.communesBelow(ctx.db, units.filter((u) => !own.has(u.id)).map((u) => u.id), today);
  for (const u of units) {
    const properties = { unitId: u.id, code: u.code, name: nameOf(u), level: u.level };
    const g = own.get(u.id);
    if (g) {
      features.push({ type: 'Feature', geometry: g, properties });
      continue;
    }
    let drawn = false;
    for (const commune of below.get(u.id) ?? []) {
      const cg = communeGeometry(commune);
      if (!cg) continue;
      features.push({ type: 'Feature', geometry: cg, properties });
      drawn = true;
    }
    if (!drawn) missing.push({ unitId: u.id, code: u.code, name: nameOf(u) });
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
