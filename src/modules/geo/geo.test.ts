import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { json, testApp, type TestApp } from '../../test/harness.js';
import type { GeoCollection } from './geo.service.js';

let t: TestApp;
const today = todayVn();

const get = (url: string, user: string, lang?: string) =>
  t.app.inject({ method: 'GET', url, headers: { ...t.basic(user), ...(lang ? { 'accept-language': lang } : {}) } });

/** Units under `ancestor` at `level` today, straight from the hierarchy tables. */
async function unitsToday(ancestorCode: string, level: number) {
  const ancestor = await t.unit(ancestorCode);
  return t.database.db
    .selectFrom('org_unit_closure as c')
    .innerJoin('org_unit as u', 'u.id', 'c.descendant_id')
    .innerJoin('org_unit_path as p', (j) => j.onRef('p.org_unit_id', '=', 'u.id').on('p.valid_from', '<=', today).on('p.valid_to', '>', today))
    .select(['u.id', 'u.code', 'u.kind', 'u.admin_code', 'p.parent_id'])
    .where('c.ancestor_id', '=', ancestor).where('c.valid_from', '<=', today).where('c.valid_to', '>', today)
    .where('p.level', '=', level)
    .execute();
}

function inThanhHoa(fc: GeoCollection) {
  for (const f of fc.features) {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    for (const ring of rings) {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      for (const [x, y] of ring) {
        expect(x).toBeGreaterThan(104.3);
        expect(x).toBeLessThan(106.2);
        expect(y).toBeGreaterThan(19.2);
        expect(y).toBeLessThan(20.7);
      }
    }
  }
}

beforeAll(async () => {
  t = await testApp();
});

describe('GET /api/geo/orgUnits', () => {
  it('draws every post-reform station of TTYT399 as its commune (station TYT<code> = GSO commune <code>)', async () => {
    const stations = await unitsToday('TTYT399', 3);
    expect(stations.length).toBeGreaterThan(5);
    for (const s of stations) expect(s.code).toBe(`TYT${s.admin_code}`);

    const res = await get('/api/geo/orgUnits?parent=TTYT399&level=3', 'ttyt.hoanghoa');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = json<GeoCollection>(res);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.parent).toMatchObject({ code: 'TTYT399', level: 2 });
    expect(fc.missing).toEqual([]);
    expect(fc.features.map((f) => f.properties.unitId).sort()).toEqual(stations.map((s) => s.id).sort());
    for (const f of fc.features) {
      expect(f.properties.level).toBe(3);
      expect(f.properties.name).toMatch(/^Trạm Y tế /);
    }
    // Closed pre-reform stations (e.g. Hoằng Xuân, TYT15877) are not part of today's map.
    expect(fc.features.some((f) => f.properties.code === 'TYT15877')).toBe(false);
    inThanhHoa(fc);

    // The same answer by default for the centre's own user (parent = own unit, level = next one).
    const dflt = json<GeoCollection>(await get('/api/geo/orgUnits', 'ttyt.hoanghoa'));
    expect(dflt.features.map((f) => f.properties.code)).toEqual(fc.features.map((f) => f.properties.code));
  });

  it('draws the 26 health centres of SYT38 as their stations’ communes; hospital and CDC are missing', async () => {
    const res = await get('/api/geo/orgUnits?parent=SYT38&level=2', 'syt.xem');
    expect(res.statusCode).toBe(200);
    const fc = json<GeoCollection>(res);
    const centres = (await unitsToday('SYT38', 2)).filter((u) => u.kind === 'health_centre');
    expect(centres).toHaveLength(26);
    const drawn = new Set(fc.features.map((f) => f.properties.unitId));
    expect([...drawn].sort()).toEqual(centres.map((c) => c.id).sort());
    expect(fc.features.every((f) => f.properties.level === 2 && f.properties.code.startsWith('TTYT'))).toBe(true);

    // Each centre has one polygon per station it has today.
    const stations = await unitsToday('SYT38', 3);
    for (const c of centres) {
      const n = stations.filter((s) => s.parent_id === c.id).length;
      expect(fc.features.filter((f) => f.properties.unitId === c.id)).toHaveLength(n);
    }
    const hoangHoa = fc.features.filter((f) => f.properties.code === 'TTYT399');
    expect(hoangHoa.length).toBe(stations.filter((s) => s.parent_id === centres.find((c) => c.code === 'TTYT399')!.id).length);
    expect(hoangHoa[0].properties.name).toBe('Trung tâm Y tế huyện Hoằng Hóa');
    expect(fc.missing.map((m) => m.code).sort()).toEqual(['BVDK38', 'CDC38']);
    inThanhHoa(fc);
  });

  it('draws all 166 stations of the province and the province itself', async () => {
    const stations = json<GeoCollection>(await get('/api/geo/orgUnits?parent=SYT38&level=3', 'admin'));
    expect(new Set(stations.features.map((f) => f.properties.unitId)).size).toBe(166);
    expect(stations.missing).toEqual([]);

    const province = json<GeoCollection>(await get('/api/geo/orgUnits?parent=SYT38&level=1', 'syt.admin'));
    expect(province.features).toHaveLength(1);
    expect(province.features[0].properties).toMatchObject({ code: 'SYT38', level: 1 });
    expect(province.features[0].geometry.type).toMatch(/Polygon$/);
    inThanhHoa(province);

    // A global administrator's default parent is the only root.
    const dflt = json<GeoCollection>(await get('/api/geo/orgUnits', 'admin'));
    expect(dflt.parent.code).toBe('SYT38');
    expect(dflt.level).toBe(2);
  });

  it('names units in the caller’s language', async () => {
    const fc = json<GeoCollection>(await get('/api/geo/orgUnits?parent=SYT38&level=2', 'syt.xem', 'en'));
    expect(fc.features.find((f) => f.properties.code === 'TTYT399')!.properties.name).toBe('Hoang Hoa District Health Centre');
  });

  it('keeps a station user inside their scope', async () => {
    const own = await get('/api/geo/orgUnits?parent=TYT15961&level=3', 'tyt.hoangloc');
    expect(own.statusCode).toBe(200);
    const fc = json<GeoCollection>(own);
    expect(fc.features.map((f) => f.properties.code)).toEqual(['TYT15961']);

    for (const url of ['/api/geo/orgUnits?parent=TTYT399&level=3', '/api/geo/orgUnits?parent=TTYT380', '/api/geo/orgUnits?parent=SYT38&level=2']) {
      const res = await get(url, 'tyt.hoangloc');
      expect(res.statusCode, url).toBe(403);
      expect(json(res).error.code).toBe('OUT_OF_SCOPE');
    }
    // A centre user cannot look at another centre either.
    const other = await get('/api/geo/orgUnits?parent=TTYT380', 'ttyt.hoanghoa');
    expect(json(other).error.code).toBe('OUT_OF_SCOPE');
  });

  it('answers 404 for an unknown parent and 400 for a bad level', async () => {
    const res = await get('/api/geo/orgUnits?parent=NOPE123&level=3', 'admin');
    expect(res.statusCode).toBe(404);
    expect(json(res).error.code).toBe('NOT_FOUND');

    const above = await get('/api/geo/orgUnits?parent=TTYT399&level=1', 'admin');
    expect(above.statusCode).toBe(400);
    expect(json(above).error.code).toBe('VALIDATION_FAILED');
    const bad = await get('/api/geo/orgUnits?parent=TTYT399&level=abc', 'admin');
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.details.fields.level).toBeDefined();
  });

  it('answers every hostile parent, level and extra parameter below 500', async () => {
    const hostile = ['__proto__', 'constructor', 'toString', '', ' ', 'x'.repeat(5000), '-1', '0', '1e309', 'NaN', '99999999999999999999', '1.5', '😀', 'LEVEL-3', '%'];
    const queries: Record<string, string>[] = [
      ...hostile.map((h) => ({ parent: h })),
      ...hostile.map((h) => ({ parent: 'TTYT399', level: h })),
      ...hostile.map((h) => ({ [h || 'x']: h })),
      { parent: 'TTYT399', level: '3', asOf: '0000-01-01' },
    ];
    for (const q of queries) {
      for (const user of ['admin', 'tyt.hoangloc']) {
        const res = await get(`/api/geo/orgUnits?${new URLSearchParams(q)}`, user);
        expect(res.statusCode, `${JSON.stringify(q).slice(0, 100)} ${res.body.slice(0, 200)}`).toBeLessThan(500);
      }
    }
    const repeated = await get('/api/geo/orgUnits?parent=TTYT399&parent=SYT38&level=3&level=2', 'admin');
    expect(repeated.statusCode).toBeLessThan(500);
  });

  it('requires authentication', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/geo/orgUnits?parent=SYT38' });
    expect(res.statusCode).toBe(401);
  });
});
