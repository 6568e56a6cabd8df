// The register over HTTP against the real database: creating and changing assets with their history,
// the list contract (a unit and its subtree), value as of a date across the 2026 rule change, the
// missing list of one station computed by hand, the standard lists, and the lines a unit must not cross.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, TEST_DEMO_PASSWORD, json, type TestApp } from '../../test/harness.js';
import { figureByCode } from '../analytics/figures.js';

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));

async function call(user: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { ...(await as(user)), 'accept-language': 'vi' }, payload: payload as never });
}

async function makeUser(username: string, unit: string, roles: string[]) {
  const r = await call('admin', 'POST', '/api/users', { username, displayName: username, password: TEST_DEMO_PASSWORD, orgUnitId: await t.unit(unit), roles });
  expect(r.statusCode, r.body).toBe(201);
}

async function create(user: string, body: Record<string, unknown>) {
  const r = await call(user, 'POST', '/api/equipment/assets', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

let ultrasound: { id: string; tag: string; version: number };

beforeAll(async () => {
  t = await testApp();
  await makeUser('ttyt380.tb', 'TTYT380', ['unit_admin']);
  await makeUser('tyt.hoanggiang', 'TYT15880', ['data_entry']);
  ultrasound = await create('ttyt.hoanghoa', {
    orgUnit: 'TYT15880', room: 'Phòng khám', category: 'ULTRASOUND', name: 'Máy siêu âm xách tay', make: 'GE', model: 'Vscan',
    serial: 'SA-001', acquired: '2022-03-15', cost: 150_000_000, funding: 'du_an',
  });
}, 120_000);

describe('the register', () => {
  it('gives a new asset its unit tag, its category defaults and a first history entry', async () => {
    const a = json(await call('tyt.hoanggiang', 'GET', `/api/equipment/assets/${ultrasound.id}`));
    expect(a).toMatchObject({ tag: 'TYT15880-0001', status: 'in_use', riskClass: 'B', fixedAsset: true, orgUnit: { code: 'TYT15880' }, cost: 150_000_000 });
    expect(a.history.map((e: { action: string }) => e.action)).toEqual(['create']);
    // The station reads and reports; it does not manage.
    expect(a.can).toEqual({ manage: false, report: true });
    const b = await create('ttyt.hoanghoa', { orgUnit: 'TYT15880', category: 'BP_METER', name: 'Máy đo huyết áp đồng hồ', acquired: '2025-01-10', cost: 1_200_000, quantity: 3 });
    expect(b).toMatchObject({ tag: 'TYT15880-0002', quantity: 3, fixedAsset: false });
  });

  it('keeps every change in the history and refuses a stale version', async () => {
    const a = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${ultrasound.id}`));
    const r = await call('ttyt.hoanghoa', 'PATCH', `/api/equipment/assets/${ultrasound.id}`, { version: a.version, room: 'Phòng siêu âm', note: 'Chuyển phòng' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().room).toBe('Phòng siêu âm');
    expect(r.json().history[0]).toMatchObject({ action: 'update', before: { room: 'Phòng khám' }, after: { room: 'Phòng siêu âm' }, note: 'Chuyển phòng', user: 'ttyt.hoanghoa' });
    const stale = await call('ttyt.hoanghoa', 'PATCH', `/api/equipment/assets/${ultrasound.id}`, { version: a.version, room: 'X' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
  });

  it('refuses bad input with field codes, never a 500', async () => {
    const bad = await call('ttyt.hoanghoa', 'POST', '/api/equipment/assets', { orgUnit: 'TYT15880', category: 'NOPE', name: '', acquired: '2022-13-01', cost: -5 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.details.fields).sort()).toEqual(['acquired', 'cost', 'name']);
    const cat = await call('ttyt.hoanghoa', 'POST', '/api/equipment/assets', { orgUnit: 'TYT15880', category: 'NOPE', name: 'X', acquired: '2022-01-01', cost: 5 });
    expect(cat.json().error.details.fields).toEqual({ category: 'Loại thiết bị không có trong danh mục.' });
    const lot = await call('ttyt.hoanghoa', 'POST', '/api/equipment/assets', { orgUnit: 'TYT15880', category: 'ULTRASOUND', name: 'X', acquired: '2022-01-01', cost: 5, quantity: 2 });
    expect(lot.json().error.details.fields).toEqual({ quantity: expect.stringContaining('số lượng phải là 1') });
    const future = await call('ttyt.hoanghoa', 'POST', '/api/equipment/assets', { orgUnit: 'TYT15880', category: 'ECG', name: 'X', acquired: '2199-01-01', cost: 5 });
    expect(future.statusCode, future.body).toBe(400);
    expect(future.json().error.details.fields).toEqual({ acquired: expect.stringContaining('không được sau hôm nay') });
    const dup = await call('ttyt.hoanghoa', 'POST', '/api/equipment/assets', { orgUnit: 'TYT15880', tag: 'tyt15880-0001', category: 'ECG', name: 'X', acquired: '2022-01-01', cost: 5 });
    expect(dup.statusCode, dup.body).toBe(400);
    expect(dup.json().error.details.fields).toEqual({ tag: expect.stringContaining('đã được dùng') });
    expect((await call('ttyt.hoanghoa', 'GET', '/api/equipment/assets/nope')).statusCode).toBe(404);
  });
});

describe('the contract other tools rely on', () => {
  it('lists a unit with its whole subtree, by code or id, with paging=false', async () => {
    const ecg = await create('ttyt.hoanghoa', { orgUnit: 'TTYT399', category: 'ECG', name: 'Máy điện tim 6 cần', acquired: '2019-06-01', cost: 45_000_000 });
    const all = json(await call('ttyt.hoanghoa', 'GET', '/api/equipment/assets?orgUnit=TTYT399&paging=false'));
    expect(all.pager).toBeUndefined();
    const tags = all.assets.map((a: { tag: string }) => a.tag);
    expect(tags).toEqual(expect.arrayContaining([ultrasound.tag, ecg.tag]));
    const one = all.assets.find((a: { id: string }) => a.id === ultrasound.id);
    expect(one).toMatchObject({ tag: ultrasound.tag, name: 'Máy siêu âm xách tay', category: 'ULTRASOUND', status: 'in_use', cost: 150_000_000, acquired: '2022-03-15', orgUnit: { id: await t.unit('TYT15880'), code: 'TYT15880', name: expect.stringContaining('Hoằng Giang') } });
    const byId = json(await call('admin', 'GET', `/api/equipment/assets?orgUnit=${await t.unit('TTYT399')}&paging=false`));
    expect(byId.assets.length).toBe(all.assets.length);
    // The station alone: not the centre's own ECG.
    const station = json(await call('tyt.hoanggiang', 'GET', '/api/equipment/assets?paging=false'));
    expect(station.assets.map((a: { tag: string }) => a.tag)).not.toContain(ecg.tag);
    expect(station.assets.map((a: { tag: string }) => a.tag)).toContain(ultrasound.tag);
    // Search ignores case and tone marks, over name, tag, serial and model.
    for (const q of ['may sieu am', 'MÁY SIÊU ÂM', 'sa-001', 'vscan']) {
      const hit = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets?orgUnit=TTYT399&q=${encodeURIComponent(q)}`));
      expect(hit.assets.map((a: { id: string }) => a.id), q).toEqual([ultrasound.id]);
      expect(hit.pager.total).toBe(1);
    }
    const paged = json(await call('ttyt.hoanghoa', 'GET', '/api/equipment/assets?orgUnit=TTYT399&pageSize=1'));
    expect(paged.assets).toHaveLength(1);
    expect(paged.pager).toMatchObject({ page: 1, pageSize: 1, total: all.assets.length });
  });

  it('values an asset as of a date in whole đồng, across the 2026 rule change', async () => {
    // 150.000.000 đ bought 15/03/2022, medical: TT 23/2023 8 years (12,5 %) for 2022–2025 = 4 × 18.750.000
    // = 75.000.000 by 31/12/2025. TT 141/2025: 5 years, 4 used, so 2026 wears the whole residual 75.000.000.
    const v = async (date: string) => json(await call('tyt.hoanggiang', 'GET', `/api/equipment/assets/${ultrasound.id}/value?date=${date}`));
    expect(await v('2021-12-31')).toMatchObject({ cost: 150_000_000, accumulatedWear: 0, residual: 150_000_000 });
    expect(await v('2025-06-30')).toMatchObject({ cost: 150_000_000, accumulatedWear: 56_250_000, residual: 93_750_000 });
    expect(await v('2025-12-31')).toMatchObject({ cost: 150_000_000, accumulatedWear: 75_000_000, residual: 75_000_000 });
    expect(await v('2026-12-31')).toMatchObject({ accumulatedWear: 150_000_000, residual: 0, fullyWorn: true });
    const bad = await call('tyt.hoanggiang', 'GET', `/api/equipment/assets/${ultrasound.id}/value?date=2026-02-30`);
    expect(bad.statusCode).toBe(400);
    // A computer of 25.000.000 đ bought 2024: 5 years 20 % under TT 23/2023 → 2024, 2025: 5.000.000 each;
    // TT 141/2025 7 years, 2 used → (25 − 10) / 5 = 3.000.000 a year from 2026.
    const pc = await create('ttyt.hoanghoa', { orgUnit: 'TTYT399', category: 'COMPUTER', name: 'Máy vi tính để bàn', acquired: '2024-04-02', cost: 25_000_000 });
    const pv = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${pc.id}/value?date=2026-12-31`));
    expect(pv).toMatchObject({ accumulatedWear: 13_000_000, residual: 12_000_000 });
  });
});

describe('the missing list', () => {
  it('for one station is the standard list minus the functional stock, computed by hand', async () => {
    const s = 'TYT15961';
    // Functional: 1 BP lot of 1 and 1 of 2 (one broken lot of 5 does not count); 1 contact + 0 IR thermometers.
    await create('ttyt.hoanghoa', { orgUnit: s, category: 'BP_METER', name: 'Huyết áp kế', acquired: '2024-01-01', cost: 900_000, quantity: 1 });
    await create('ttyt.hoanghoa', { orgUnit: s, category: 'BP_METER', name: 'Huyết áp kế điện tử', acquired: '2024-01-01', cost: 900_000, quantity: 2, status: 'idle' });
    await create('ttyt.hoanghoa', { orgUnit: s, category: 'BP_METER', name: 'Huyết áp kế cũ', acquired: '2015-01-01', cost: 500_000, quantity: 5, status: 'broken' });
    await create('ttyt.hoanghoa', { orgUnit: s, category: 'THERMO_CONTACT', name: 'Nhiệt kế điện tử', acquired: '2024-01-01', cost: 150_000, quantity: 1 });
    await create('ttyt.hoanghoa', { orgUnit: s, category: 'SUCTION', name: 'Máy hút dịch', acquired: '2022-01-01', cost: 18_000_000, status: 'broken' });
    const m = json(await call('tyt.hoangloc', 'GET', `/api/equipment/missing?orgUnit=${s}`));
    const by = Object.fromEntries(m.items.map((i: { code: string }) => [i.code, i]));
    // Example list: BP meters 2, thermometers 2, suction 1, ultrasound 1.
    expect(by.BP_METER).toMatchObject({ item: 'Máy đo huyết áp', required: 2, functional: 3, missing: 0 });
    expect(by.THERMOMETER).toMatchObject({ required: 2, functional: 1, missing: 1 });
    expect(by.SUCTION).toMatchObject({ required: 1, functional: 0, missing: 1 });
    expect(by.ULTRASOUND).toMatchObject({ required: 1, functional: 0, missing: 1 });
    // A centre adds its stations up, each station's gap on its own: Hoằng Giang's ultrasound does not
    // fill Hoằng Lộc's gap.
    const c = json(await call('ttyt.hoanghoa', 'GET', '/api/equipment/missing?orgUnit=TTYT399'));
    const cu = c.items.find((i: { code: string }) => i.code === 'ULTRASOUND');
    expect(cu.functional).toBe(1);
    expect(cu.missing).toBe(cu.required - 1);
  });

  it('exports the procurement proposal in Excel, opened back', async () => {
    const r = await call('ttyt.hoanghoa', 'GET', '/api/equipment/missing.xlsx?orgUnit=TYT15961&year=2027');
    expect(r.statusCode, r.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe('ĐỀ XUẤT MUA SẮM TRANG THIẾT BỊ NĂM 2027');
    const rows: (string | number)[][] = [];
    ws.eachRow((row, i) => i > 4 && rows.push((row.values as (string | number)[]).slice(1)));
    const suction = rows.find((x) => x[1] === 'Máy hút dịch')!;
    // The price estimate is the median cost of the category bought in the last five years: 18.000.000.
    expect(suction.slice(2)).toEqual([1, 0, 1, 18_000_000, 18_000_000]);
    expect(rows.find((x) => x[1] === 'Máy đo huyết áp')).toBeUndefined();
  });

  it('counts the stations missing essential items, for the dashboards', async () => {
    const figure = figureByCode('EQ_STATIONS_MISSING_ESSENTIAL')!;
    const [centre, loc, giang] = await Promise.all(['TTYT399', 'TYT15961', 'TYT15880'].map((c) => t.unit(c)));
    const before = await figure.compute(t.ctx(), [centre, loc], '2026-12-06');
    // No station of the test database holds the whole essential kit: all 8 open stations of Hoằng Hóa lack something.
    expect(before.get(centre)).toEqual({ value: 8 });
    expect(before.get(loc)).toEqual({ value: 1 });
    // Hoằng Giang receives every essential item of the standard list, in the quantity required.
    const std = json(await call('tyt.hoangloc', 'GET', '/api/equipment/standards/station'));
    for (const i of std.items.filter((x: { essential: boolean }) => x.essential)) {
      const category = i.categories[0];
      const counted = json(await call('tyt.hoangloc', 'GET', '/api/equipment/categories')).categories.find((c: { code: string }) => c.code === category).counted;
      for (let k = 0; k < (counted ? 1 : i.required); k++) {
        await create('ttyt.hoanghoa', { orgUnit: 'TYT15880', category, name: i.name, acquired: '2025-01-01', cost: 2_000_000, quantity: counted ? i.required : 1 });
      }
    }
    const after = await figure.compute(t.ctx(), [centre, giang], '2026-12-06');
    expect(after.get(centre)).toEqual({ value: 7 });
    expect(after.get(giang)).toEqual({ value: 0 });
  });

  it('lets the Department edit the standard list, and nobody else', async () => {
    const item = { unitKind: 'station', code: 'ULTRASOUND', name: 'Máy siêu âm', categories: ['ULTRASOUND'], required: 2, essential: true };
    expect((await call('ttyt.hoanghoa', 'PUT', '/api/equipment/standards', item)).statusCode).toBe(403);
    expect((await call('tyt.hoangloc', 'PUT', '/api/equipment/standards', item)).statusCode).toBe(403);
    const r = await call('syt.admin', 'PUT', '/api/equipment/standards', item);
    expect(r.statusCode, r.body).toBe(200);
    const m = json(await call('tyt.hoangloc', 'GET', '/api/equipment/missing?orgUnit=TYT15961&essential=true'));
    expect(m.items.find((i: { code: string }) => i.code === 'ULTRASOUND')).toMatchObject({ required: 2, missing: 2, essential: true });
    expect((await call('syt.admin', 'PUT', '/api/equipment/standards', { ...item, categories: ['NOPE'] })).statusCode).toBe(404);
  });
});

describe('the lines a unit must not cross', () => {
  it('a station cannot read, edit or list another station, nor manage its own', async () => {
    expect((await call('tyt.hoangloc', 'GET', `/api/equipment/assets/${ultrasound.id}`)).statusCode).toBe(403);
    expect((await call('tyt.hoangloc', 'GET', `/api/equipment/assets/${ultrasound.id}/value`)).statusCode).toBe(403);
    expect((await call('tyt.hoangloc', 'GET', '/api/equipment/assets?orgUnit=TYT15880')).statusCode).toBe(403);
    expect((await call('tyt.hoangloc', 'GET', '/api/equipment/missing?orgUnit=TYT15880')).statusCode).toBe(403);
    const a = json(await call('tyt.hoanggiang', 'GET', `/api/equipment/assets/${ultrasound.id}`));
    const edit = await call('tyt.hoanggiang', 'PATCH', `/api/equipment/assets/${ultrasound.id}`, { version: a.version, room: 'X' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.code).toBe('FORBIDDEN');
    const own = await call('tyt.hoanggiang', 'POST', '/api/equipment/assets', { orgUnit: 'TYT15880', category: 'ECG', name: 'X', acquired: '2022-01-01', cost: 5 });
    expect(own.statusCode).toBe(403);
  });

  it('another centre cannot see, edit or add to Hoằng Hóa\'s register', async () => {
    const a = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${ultrasound.id}`));
    const edit = await call('ttyt380.tb', 'PATCH', `/api/equipment/assets/${ultrasound.id}`, { version: a.version, room: 'X' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await call('ttyt380.tb', 'POST', '/api/equipment/assets', { orgUnit: 'TYT15880', category: 'ECG', name: 'X', acquired: '2022-01-01', cost: 5 })).statusCode).toBe(403);
    expect((await call('ttyt380.tb', 'GET', `/api/equipment/assets/${ultrasound.id}`)).statusCode).toBe(403);
    expect((await call('ttyt380.tb', 'GET', '/api/equipment/assets?orgUnit=TTYT399&paging=false')).statusCode).toBe(403);
    // Its own list does not hold Hoằng Hóa's assets.
    const own = json(await call('ttyt380.tb', 'GET', '/api/equipment/assets?paging=false'));
    expect(own.assets.every((x: { orgUnit: { code: string } }) => x.orgUnit.code !== 'TYT15880')).toBe(true);
    expect((await call('ttyt380.tb', 'GET', `/api/equipment/tags/${ultrasound.tag}`)).statusCode).toBe(403);
  });
});
