// Scope of metadata (issue 12, "Disclosure"): data set assignment lists, group members and metadata
// exports show a reader only the units in their scope; metadata administrators see every unit.
import { beforeAll, describe, expect, it } from 'vitest';
import { CENTRE_DATA_SET, STATION_DATA_SET } from './default-package/bctk-ytcs.js';
import { testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
/** Every unit's id and code. */
let allUnits: { id: string; code: string }[];

beforeAll(async () => {
  t = await testApp();
  allUnits = await t.database.db.selectFrom('org_unit').select(['id', 'code']).execute();
});

/** Ids and codes of the units ever inside the subtree of `code` (the scope of a user of that unit). */
async function subtree(code: string): Promise<Set<string>> {
  const rows = await t.database.db
    .selectFrom('org_unit_closure as c')
    .innerJoin('org_unit as root', 'root.id', 'c.ancestor_id')
    .innerJoin('org_unit as u', 'u.id', 'c.descendant_id')
    .select(['u.id', 'u.code'])
    .where('root.code', '=', code)
    .execute();
  return new Set(rows.flatMap((r) => [r.id, r.code]));
}

/** Unit ids and codes in a response body that are outside `scope` (tokens compared, not substrings). */
function outOfScope(body: string, scope: Set<string>): string[] {
  const tokens = new Set(body.match(/[A-Za-z0-9_]+/g) ?? []);
  return allUnits.flatMap((u) => [u.id, u.code]).filter((k) => tokens.has(k) && !scope.has(k));
}

const get = async (url: string, headers: Record<string, string>) => {
  const res = await t.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.body;
};

async function readsOf(headers: Record<string, string>): Promise<Record<string, string>> {
  const sets = JSON.parse(await get(`/api/dataSets?paging=false&fields=id,code`, headers)).dataSets as { id: string; code: string }[];
  const station = sets.find((s) => s.code === STATION_DATA_SET)!;
  const centre = sets.find((s) => s.code === CENTRE_DATA_SET)!;
  const urls = [
    '/api/dataSets?fields=organisationUnits',
    '/api/dataSets?paging=false&fields=id,code,organisationUnits[id,code,name]',
    `/api/dataSets/${station.id}`,
    `/api/dataSets/${centre.code}?fields=organisationUnits`,
    '/api/metadata/export',
    `/api/metadata/export?dataSet=${STATION_DATA_SET}`,
    `/api/metadata/dataSets/${STATION_DATA_SET}/orgUnits`,
    `/api/metadata/dataSets/${centre.id}/orgUnits`,
    '/api/metadata/dataSets?paging=false',
    `/api/metadata/dataSets/${STATION_DATA_SET}`,
  ];
  return Object.fromEntries(await Promise.all(urls.map(async (u) => [u, await get(u, headers)] as const)));
}

describe('data set assignments and exports are limited to the reader’s scope', () => {
  it('a station user sees no unit outside its station', async () => {
    const scope = await subtree('TYT15961');
    const reads = await readsOf(t.basic('tyt.hoangloc'));
    for (const [url, body] of Object.entries(reads)) expect(outOfScope(body, scope), url).toEqual([]);
    // Its own assignment is still there.
    const own = JSON.parse(reads[`/api/metadata/dataSets/${STATION_DATA_SET}/orgUnits`]!) as { orgUnit: { code: string } }[];
    expect(own.map((a) => a.orgUnit.code)).toEqual(['TYT15961']);
    const pkg = JSON.parse(reads['/api/metadata/export']!) as { dataSets: { code: string; orgUnits: string[] }[] };
    expect(pkg.dataSets.find((s) => s.code === STATION_DATA_SET)!.orgUnits).toEqual(['TYT15961']);
    const list = JSON.parse(reads['/api/metadata/dataSets?paging=false']!) as { items: { code: string; orgUnitCount: number }[] };
    expect(list.items.find((s) => s.code === STATION_DATA_SET)!.orgUnitCount).toBe(1);
  });

  it('a station user cannot probe other units through filters on a data set’s units', async () => {
    const other = allUnits.find((u) => u.code === 'TTYT399')!;
    const headers = t.basic('tyt.hoangloc');
    const byId = JSON.parse(await get(`/api/dataSets?paging=false&fields=code&filter=organisationUnits.id:eq:${other.id}`, headers));
    expect(byId.dataSets).toEqual([]);
    const byCode = JSON.parse(await get(`/api/dataSets?paging=false&fields=code&filter=organisationUnits.code:in:[TTYT399,SYT38]`, headers));
    expect(byCode.dataSets).toEqual([]);
  });

  it('a centre user sees the units of its own subtree only', async () => {
    const scope = await subtree('TTYT399');
    const reads = await readsOf(t.basic('ttyt.hoanghoa'));
    for (const [url, body] of Object.entries(reads)) expect(outOfScope(body, scope), url).toEqual([]);
    const units = JSON.parse(reads[`/api/metadata/dataSets/${STATION_DATA_SET}/orgUnits`]!) as { orgUnit: { code: string } }[];
    expect(units.length).toBeGreaterThan(10); // the centre's stations, before and after the 2025 merges
    expect(units.every((a) => scope.has(a.orgUnit.code))).toBe(true);
  });

  it('a province viewer without metadata:write sees the province (its scope), and an administrator every unit', async () => {
    const stationsAssigned = await t.database.db
      .selectFrom('data_set_unit as a')
      .innerJoin('data_set as s', 's.id', 'a.data_set_id')
      .select('a.org_unit_id')
      .distinct()
      .where('s.code', '=', STATION_DATA_SET)
      .execute();
    const admin = await readsOf(t.basic('admin'));
    const assigned = JSON.parse(admin[`/api/metadata/dataSets/${STATION_DATA_SET}/orgUnits`]!) as { orgUnit: { id: string } }[];
    expect(new Set(assigned.map((a) => a.orgUnit.id)).size).toBe(stationsAssigned.length);
    const pkg = JSON.parse(admin['/api/metadata/export']!) as { dataSets: { code: string; orgUnits: string[] }[] };
    expect(pkg.dataSets.find((s) => s.code === STATION_DATA_SET)!.orgUnits).toHaveLength(stationsAssigned.length);
    const dhis = JSON.parse(admin['/api/dataSets?paging=false&fields=id,code,organisationUnits[id,code,name]']!) as { dataSets: { code: string; organisationUnits: unknown[] }[] };
    expect(dhis.dataSets.find((s) => s.code === STATION_DATA_SET)!.organisationUnits.length).toBeGreaterThan(100);

    const province = await subtree('SYT38');
    const viewer = await readsOf(t.basic('syt.xem'));
    for (const [url, body] of Object.entries(viewer)) expect(outOfScope(body, province), url).toEqual([]);
  });
});
