// Builds the compact boundary files read by the geo module (src/modules/geo/geo.service.ts) from the
// vn-admin data set's 2025 GeoJSON (see its README.md; MIT, attribution in src/modules/geo/data/README.md).
//
//   npx tsx scripts/bundle-geo.ts [vn-admin dir]    (or VN_ADMIN_DIR; default ../shared/data/vn-admin)
//
// Output (src/modules/geo/data/):
//   communes.json   { scale, f: [[communeCode, provinceCode, geometry], …] }   3,321 communes (2025)
//   provinces.json  { scale, f: [[provinceCode, geometry], …] }                34 provinces (2025)
// geometry = polygons[] → rings[] → one flat integer array [x0, y0, dx1, dy1, …]: coordinates rounded
// to 4 decimals (about 11 m), multiplied by `scale`, each point stored as the difference to the previous
// one (the first point absolute). Points that coincide after rounding are dropped. Every other property
// (names, areas, server ids) is dropped: names come from the org-unit table.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.resolve(repoRoot, process.argv[2] ?? process.env.VN_ADMIN_DIR ?? '../shared/data/vn-admin');
const outDir = path.join(repoRoot, 'src/modules/geo/data');
const SCALE = 10_000;

type Position = number[];
type Geometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
interface Feature { properties: Record<string, unknown>; geometry: Geometry }

const readFeatures = (rel: string): Feature[] =>
  (JSON.parse(fs.readFileSync(path.join(srcDir, rel), 'utf8')) as { features: Feature[] }).features;

/** Rounds, drops repeated points and delta-encodes one ring; null when fewer than 4 points remain. */
function encodeRing(ring: Position[]): number[] | null {
  const out: number[] = [];
  let px = 0;
  let py = 0;
  let n = 0;
  for (const [x, y] of ring) {
    const X = Math.round(x * SCALE);
    const Y = Math.round(y * SCALE);
    if (n > 0 && X === px && Y === py) continue;
    out.push(X - px, Y - py);
    px = X;
    py = Y;
    n++;
  }
  return n >= 4 ? out : null; // a closed ring needs 3 distinct points + the closing one
}

function encode(g: Geometry, what: string): number[][][] {
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new Error(`${what}: unexpected geometry ${(g as Geometry).type}`);
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: number[][][] = [];
  for (const polygon of polygons) {
    const rings: number[][] = [];
    for (const [i, ring] of polygon.entries()) {
      const r = encodeRing(ring);
      if (r) rings.push(r);
      else if (i === 0) break; // outer ring collapsed: drop the polygon with its holes
    }
    if (rings.length > 0) out.push(rings);
  }
  if (out.length === 0) throw new Error(`${what}: geometry collapsed after rounding`);
  return out;
}

function write(name: string, data: unknown): number {
  const file = path.join(outDir, name);
  fs.writeFileSync(file, JSON.stringify(data) + '\n');
  return fs.statSync(file).size;
}

function main(): void {
  const communes = readFeatures('2025/communes.simplified.geojson');
  const provinces = readFeatures('2025/provinces.geojson');
  const str = (v: unknown, what: string) => {
    if (typeof v !== 'string' || !/^\d+$/.test(v)) throw new Error(`${what}: missing or bad code ${String(v)}`);
    return v;
  };
  const c = communes
    .map((f) => {
      const code = str(f.properties.code, 'commune');
      return [code, str(f.properties.provinceCode, `commune ${code}`), encode(f.geometry, `commune ${code}`)] as const;
    })
    .sort((a, b) => a[0].localeCompare(b[0]));
  const p = provinces
    .map((f) => {
      const code = str(f.properties.code, 'province');
      return [code, encode(f.geometry, `province ${code}`)] as const;
    })
    .sort((a, b) => a[0].localeCompare(b[0]));
  if (new Set(c.map((x) => x[0])).size !== c.length) throw new Error('duplicate commune codes');
  fs.mkdirSync(outDir, { recursive: true });
  const cs = write('communes.json', { scale: SCALE, f: c });
  const ps = write('provinces.json', { scale: SCALE, f: p });
  console.log(`wrote ${path.relative(repoRoot, outDir)}: communes.json ${c.length} features ${cs} bytes, ` +
    `provinces.json ${p.length} features ${ps} bytes, total ${cs + ps} bytes`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
