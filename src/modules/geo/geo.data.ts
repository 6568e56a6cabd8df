// Reads the bundled boundaries (data/*.json, made by scripts/bundle-geo.ts) and decodes them to
// GeoJSON geometries on demand. Pure: no database.
import fs from 'node:fs';
import type { Geometry } from './geo.contract.js';

export type { Geometry, MultiPolygon, Polygon } from './geo.contract.js';

type Encoded = number[][][]; // polygons → rings → [x0, y0, dx1, dy1, …]
interface Bundle { scale: number; encoded: Map<string, Encoded>; decoded: Map<string, Geometry> }

const bundles = new Map<string, Bundle>();

function load(file: 'communes' | 'provinces'): Bundle {
  let b = bundles.get(file);
  if (b) return b;
  const raw = JSON.parse(fs.readFileSync(new URL(`./data/${file}.json`, import.meta.url), 'utf8')) as {
    scale: number;
    f: unknown[][];
  };
  // communes: [code, provinceCode, geometry]; provinces: [code, geometry]
  const encoded = new Map(raw.f.map((row) => [row[0] as string, row[row.length - 1] as Encoded]));
  b = { scale: raw.scale, encoded, decoded: new Map() };
  bundles.set(file, b);
  return b;
}

function decodeRing(flat: number[], scale: number): number[][] {
  const ring: number[][] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    x += flat[i];
    y += flat[i + 1];
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

function geometry(file: 'communes' | 'provinces', code: string): Geometry | undefined {
  const b = load(file);
  const hit = b.decoded.get(code);
  if (hit) return hit;
  const enc = b.encoded.get(code);
  if (!enc) return undefined;
  const polygons = enc.map((rings) => rings.map((r) => decodeRing(r, b.scale)));
  const g: Geometry = polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
  b.decoded.set(code, g);
  return g;
}

/** Boundary of a 2025 commune-level unit by its GSO code ("16012"), if bundled. */
export const communeGeometry = (gsoCode: string) => geometry('communes', gsoCode);
/** Boundary of a 2025 province by its GSO code ("38"), if bundled. */
export const provinceGeometry = (gsoCode: string) => geometry('provinces', gsoCode);
