// The geo module's contract: GET /api/geo/orgUnits's parameters (zod) and its GeoJSON answer (types,
// imported by the web app's maps). Pure: no server code.
import { z } from 'zod';
import { ref } from '../../core/fields.js';

export const GeoQuery = z.object({
  /** The unit whose units are drawn (id or code); default: the caller's unit, or the only root. */
  parent: ref.optional(),
  /** The level drawn (1 = the province); default: the level below the parent. */
  level: z.coerce.number().int().min(1).max(20).optional(),
});
export type GeoQuery = z.input<typeof GeoQuery>;

export type Position = number[];
export type Polygon = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type Geometry = Polygon | MultiPolygon;

export interface GeoUnitRef {
  unitId: string;
  code: string;
  name: string;
}

/** One drawn piece: a commune, or a province; a health centre comes as one feature per commune of its stations. */
export interface GeoFeature {
  type: 'Feature';
  geometry: Geometry;
  properties: { unitId: string; code: string; name: string; level: number };
}

/** GET /api/geo/orgUnits: the units of `level` inside `parent` in today's structure (application/geo+json). */
export interface GeoCollection {
  type: 'FeatureCollection';
  parent: GeoUnitRef & { level: number };
  level: number;
  asOf: string;
  features: GeoFeature[];
  /** Units of the level without any geometry (e.g. hospitals, units without stations). */
  missing: GeoUnitRef[];
}
