// Premises, programmes and projects over HTTP against the real database: editing premises with its
// history, the lines a unit must not cross (a centre on another centre's station, a station editing
// its own premises), a programme's progress numbers checked by hand, the hand-over updating premises,
// the analytics figures of one centre computed by hand, bad input, photos, and the demo load.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { testApp, TEST_DEMO_PASSWORD, json, type TestApp } from '../../test/harness.js';
import { figureByCode, figureNumber } from '../analytics/figures.js';
import { loadDemoFacilities } from './facilities.demo.js';
import { messages } from './facilities.messages.js';

/** A field's message as the API gives it (Vietnamese). */
const vi = (key: string) => messages[key]!.vi;

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));
const today = todayVn();
const Y = Number(today.slice(0, 4));
const M = 1_000_000;

async function call(user: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { ...(await as(user)), 'accept-language': 'vi' }, payload: payload as never });
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Stations of a centre open today (codes), from the premises list. */
async function stationsOf(centre: string): Promise<{ id: string; code: string }[]> {
  const r = json(await call('syt.admin', 'GET', `/api/facilities/premises?orgUnit=${centre}&kind=station&pageSize=200`));
  return r.items.map((x: { unit: { id: string; code: string } }) => x.unit);
}

let own: string; // TYT15961, tyt.hoangloc's station under TTYT399
let other: { id: string; code: string }; // a station of TTYT380
let mine: { id: string; code: string }[]; // three more stations of TTYT399

beforeAll(async () => {
  t = await testApp();
  const r = await call('admin', 'POST', '/api/users', { username: 'ttyt.tpth', displayName: 'TTYT 380', password: TEST_DEMO_PASSWORD, orgUnitId: await t.unit('TTYT380'), roles: ['unit_admin', 'approver'] });
  expect(r.statusCode, r.body).toBe(201);
  own = await t.unit('TYT15961');
  other = (await stationsOf('TTYT380'))[0]!;
  mine = (await stationsOf('TTYT399')).filter((s) => s.code !== 'TYT15961').slice(0, 3);
  expect(mine).toHaveLength(3);
}, 120_000);

describe('premises', () => {
  it('the centre records a station’s premises; each change is in the history with before and after', async () => {
    const empty = json(await call('ttyt.hoanghoa', 'GET', '/api/facilities/premises/TYT15961'));
    expect(empty).toMatchObject({ recorded: false, grade: null, canEdit: true, version: 0, unit: { code: 'TYT15961', parent: { code: 'TTYT399' } } });
    let r = await call('ttyt.hoanghoa', 'PUT', '/api/facilities/premises/TYT15961', {
      landRightSettled: true, landCertificate: 'CS 123456', landAreaM2: 850.5, yearBuilt: 1998, floorAreaM2: 320, grade: 'degraded',
      lastRenovationYear: 2012, rooms: 12, notes: 'Mái thấm dột', version: 0,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ recorded: true, version: 1, grade: 'degraded', landAreaM2: 850.5, rooms: 12, updatedBy: 'ttyt.hoanghoa' });
    r = await call('ttyt.hoanghoa', 'PUT', '/api/facilities/premises/TYT15961', { ...json<Record<string, unknown>>(r), rooms: 14, version: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().version).toBe(2);
    // A stale version is refused, nothing written.
    const stale = await call('ttyt.hoanghoa', 'PUT', '/api/facilities/premises/TYT15961', { ...json<Record<string, unknown>>(r), rooms: 99, version: 1 });
    expect(stale.statusCode).toBe(409);

    const h = json(await call('tyt.hoangloc', 'GET', '/api/facilities/premises/TYT15961/history'));
    expect(h.map((x: { action: string }) => x.action)).toEqual(['facility.premises.update', 'facility.premises.create']);
    expect(h[0]).toMatchObject({ user: 'ttyt.hoanghoa', before: { rooms: 12 }, after: { rooms: 14 } });
    expect(Object.keys(h[0].after)).toEqual(['rooms']);
    expect(h[1].after).toMatchObject({ grade: 'degraded', landCertificate: 'CS 123456', yearBuilt: 1998 });
  });

  it('a station reads its own premises but cannot edit them, nor read another station’s', async () => {
    const mineNow = await call('tyt.hoangloc', 'GET', '/api/facilities/premises/TYT15961');
    expect(mineNow.statusCode).toBe(200);
    expect(mineNow.json()).toMatchObject({ grade: 'degraded', canEdit: false });
    const edit = await call('tyt.hoangloc', 'PUT', '/api/facilities/premises/TYT15961', { grade: 'good' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.code).toBe('FORBIDDEN');
    const otherRead = await call('tyt.hoangloc', 'GET', `/api/facilities/premises/${other.code}`);
    expect(otherRead.statusCode).toBe(403);
    expect(otherRead.json().error.code).toBe('OUT_OF_SCOPE');
    const list = json(await call('tyt.hoangloc', 'GET', '/api/facilities/premises'));
    expect(list.items.map((x: { unit: { code: string } }) => x.unit.code)).toEqual(['TYT15961']);
  });

  it('a centre cannot edit another centre’s station or the other centre itself', async () => {
    const r = await call('ttyt.hoanghoa', 'PUT', `/api/facilities/premises/${other.code}`, { grade: 'good' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('OUT_OF_SCOPE');
    const c = await call('ttyt.tpth', 'PUT', '/api/facilities/premises/TTYT399', { grade: 'good' });
    expect(c.statusCode).toBe(403);
    expect(c.json().error.code).toBe('OUT_OF_SCOPE');
    expect(json(await call('syt.admin', 'GET', '/api/facilities/premises/TTYT399')).recorded).toBe(false);
    // Its own station, yes.
    const ok = await call('ttyt.tpth', 'PUT', `/api/facilities/premises/${other.code}`, { grade: 'degraded', landRightSettled: false });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('bad input is refused with a code per field', async () => {
    const r = await call('ttyt.hoanghoa', 'PUT', '/api/facilities/premises/TYT15961', { grade: 'excellent', rooms: -1, yearBuilt: 'abc', landAreaM2: 'x' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(r.json().error.details.fields).sort()).toEqual(['grade', 'landAreaM2', 'rooms', 'yearBuilt']);
    const order = await call('ttyt.hoanghoa', 'PUT', '/api/facilities/premises/TYT15961', { yearBuilt: 2010, lastRenovationYear: 2005 });
    expect(order.json().error.details.fields).toEqual({ lastRenovationYear: vi('facility.renovationBeforeBuilt') });
    const future = await call('ttyt.hoanghoa', 'PUT', '/api/facilities/premises/TYT15961', { yearBuilt: Y + 1 });
    expect(future.json().error.details.fields).toEqual({ yearBuilt: vi('facility.yearInFuture') });
    const unknown = await call('ttyt.hoanghoa', 'GET', '/api/facilities/premises/NOPE1');
    expect(unknown.statusCode).toBe(404);
    const filter = await call('ttyt.hoanghoa', 'GET', '/api/facilities/premises?grade=nice');
    expect(filter.statusCode).toBe(400);
    expect(filter.json().error.details.fields.grade).toBeTruthy();
  });

  it('lists the units in scope with filters and counts', async () => {
    const all = json(await call('ttyt.hoanghoa', 'GET', '/api/facilities/premises?pageSize=500'));
    expect(all.items.every((x: { unit: { parent: { code: string } | null; code: string } }) => x.unit.code === 'TTYT399' || x.unit.parent?.code === 'TTYT399')).toBe(true);
    expect(all.counts.degraded).toBe(1);
    const degraded = json(await call('ttyt.hoanghoa', 'GET', '/api/facilities/premises?grade=degraded'));
    expect(degraded.items.map((x: { unit: { code: string } }) => x.unit.code)).toEqual(['TYT15961']);
    const noRight = json(await call('syt.admin', 'GET', '/api/facilities/premises?landRight=no'));
    expect(noRight.items.map((x: { unit: { code: string } }) => x.unit.code)).toEqual([other.code]);
  });
});

describe('photos', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c626001000000050001a5f645400000000049454e44ae426082', 'hex');
  const multipart = (name: string, type: string, body: Buffer) => {
    const b = 'bNdRy';
    return {
      type: `multipart/form-data; boundary=${b}`,
      payload: Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`), body, Buffer.from(`\r\n--${b}--\r\n`)]),
    };
  };
  const upload = async (user: string, query: string, name: string, type: string, body: Buffer) => {
    const m = multipart(name, type, body);
    return t.app.inject({ method: 'POST', url: `/api/facilities/photos?${query}`, headers: { ...(await as(user)), 'content-type': m.type }, payload: m.payload });
  };

  it('stores a photo of the premises with its checksum; only images; readable in scope only', async () => {
    const r = await upload('ttyt.hoanghoa', 'orgUnit=TYT15961&caption=M%E1%BA%B7t%20tr%C6%B0%E1%BB%9Bc', 'mat-truoc.png', 'image/png', png);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ mime: 'image/png', size: png.length, caption: 'Mặt trước' });
    expect(r.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const text = await upload('ttyt.hoanghoa', 'orgUnit=TYT15961', 'anh.png', 'image/png', Buffer.from('not an image'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error.details.fields.file).toBe(vi('facility.notAnImage'));
    const station = await upload('tyt.hoangloc', 'orgUnit=TYT15961', 'anh.png', 'image/png', png);
    expect(station.statusCode).toBe(403);
    const read = await call('tyt.hoangloc', 'GET', `/api/facilities/photos/${r.json().id}`);
    expect(read.statusCode).toBe(200);
    expect(read.rawPayload.equals(png)).toBe(true);
    expect((await call('ttyt.tpth', 'GET', `/api/facilities/photos/${r.json().id}`)).statusCode).toBe(403);
    expect(json(await call('tyt.hoangloc', 'GET', '/api/facilities/premises/TYT15961')).photos).toHaveLength(1);
  });
});

describe('a programme, its projects and its progress', () => {
  let programme: string;
  let a: string; // renovation of TYT15961 (TTYT399)
  let b: string; // new build of a TTYT380 station

  it('the planning office creates the programme (owned by its office) and its projects', async () => {
    const g = await call('syt.khtc', 'POST', '/api/facilities/programmes', { name: 'Sửa chữa, xây mới trạm y tế (thử)', startYear: Y - 1, endYear: Y });
    expect(g.statusCode, g.body).toBe(200);
    expect(g.json()).toMatchObject({ owner: { code: 'SYT38_KHTC' }, canManage: true, projects: 0 });
    programme = g.json().id;
    const pa = await call('syt.khtc', 'POST', `/api/facilities/programmes/${programme}/projects`, {
      name: 'Cải tạo TYT Hoằng Lộc', kind: 'renovation', units: ['TYT15961'], investor: 'Ban QLDA tỉnh', budgetApproved: 2000 * M,
      allocations: [{ year: Y - 1, amount: 1000 * M }, { year: Y, amount: 1000 * M }],
    });
    expect(pa.statusCode, pa.body).toBe(200);
    a = pa.json().id;
    expect(pa.json()).toMatchObject({ currentStage: 'policy', units: [{ code: 'TYT15961' }], allocated: 2000 * M });
    expect(pa.json().stages.map((s: { stage: string }) => s.stage)).toEqual(['policy', 'approval', 'design', 'procurement', 'construction', 'handover', 'settlement']);
    const pb = await call('syt.khtc', 'POST', `/api/facilities/programmes/${programme}/projects`, {
      name: 'Xây mới trạm', kind: 'new_build', units: [other.code], budgetApproved: 5000 * M,
      allocations: [{ year: Y - 1, amount: 2000 * M }, { year: Y, amount: 3000 * M }],
    });
    expect(pb.statusCode, pb.body).toBe(200);
    b = pb.json().id;
  });

  it('offers the units a project of the programme may cover, to its managers only', async () => {
    const found = json(await call('syt.khtc', 'GET', `/api/facilities/programmes/${programme}/units?q=Ho%E1%BA%B1ng%20L%E1%BB%99c`));
    expect(found.map((u: { id: string }) => u.id)).toContain(own);
    expect(found.every((u: { kind: string }) => u.kind !== 'office')).toBe(true);
    expect((await call('ttyt.hoanghoa', 'GET', `/api/facilities/programmes/${programme}/units?q=Ho`)).statusCode).toBe(403);
  });

  it('refuses bad project input with field codes, and a station cannot run the Department’s programme', async () => {
    const bad = await call('syt.khtc', 'POST', `/api/facilities/programmes/${programme}/projects`, { name: '', kind: 'palace', units: [] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.details.fields).sort()).toEqual(['kind', 'name', 'units']);
    const unknown = await call('syt.khtc', 'POST', `/api/facilities/programmes/${programme}/projects`, { name: 'x', kind: 'renovation', units: ['NOPE9'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('NOPE9');
    const office = await call('syt.khtc', 'POST', `/api/facilities/programmes/${programme}/projects`, { name: 'x', kind: 'renovation', units: ['SYT38_VP'] });
    expect(office.statusCode).toBe(400);
    const month = await call('syt.khtc', 'PUT', `/api/facilities/projects/${a}/months/${Y}-13`, { disbursed: 1 });
    expect(month.json().error.details.fields).toEqual({ month: vi('facility.month') });
    const dates = await call('syt.khtc', 'PUT', `/api/facilities/projects/${a}/stages/design`, { plannedStart: '2025-05-01', plannedEnd: '2025-04-01' });
    expect(dates.json().error.details.fields).toEqual({ plannedEnd: vi('facility.datesReversed') });
    const years = await call('syt.khtc', 'POST', '/api/facilities/programmes', { name: 'x', startYear: 2026, endYear: 2024 });
    expect(years.json().error.details.fields).toEqual({ endYear: vi('facility.yearsReversed') });
    const station = await call('tyt.hoangloc', 'PATCH', `/api/facilities/projects/${a}`, { version: 1, name: 'x' });
    expect(station.statusCode).toBe(403);
    expect(station.json().error.code).toBe('OUT_OF_SCOPE');
    const centre = await call('ttyt.hoanghoa', 'PUT', `/api/facilities/projects/${a}/months/${Y - 1}-03`, { disbursed: 1 });
    expect(centre.statusCode).toBe(403);
    const own = await call('tyt.hoangloc', 'POST', '/api/facilities/programmes', { name: 'x', startYear: 2026, endYear: 2026, ownerUnit: 'SYT38_KHTC' });
    expect(own.statusCode).toBe(403);
  });

  it('records stages and disbursement; the progress numbers are those computed by hand', async () => {
    const put = async (url: string, body: unknown) => {
      const r = await call('syt.khtc', 'PUT', url, body);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    await put(`/api/facilities/projects/${a}/stages/policy`, { plannedEnd: addDays(today, -110), actualEnd: addDays(today, -100) });
    await put(`/api/facilities/projects/${a}/stages/approval`, { plannedEnd: addDays(today, -95), actualEnd: addDays(today, -90) });
    await put(`/api/facilities/projects/${a}/stages/design`, { plannedStart: addDays(today, -89), plannedEnd: addDays(today, -5) });
    await put(`/api/facilities/projects/${b}/stages/policy`, { plannedEnd: addDays(today, 30) });
    for (const [p, month, planned, disbursed] of [
      [a, `${Y - 1}-03`, 300, 200], [a, `${Y - 1}-06`, 400, 500], [a, `${Y}-01`, 250, 150],
      [b, `${Y - 1}-06`, 1000, 600], [b, `${Y}-01`, 500, 450],
    ] as const) await put(`/api/facilities/projects/${p}/months/${month}`, { planned: planned * M, disbursed: disbursed * M });
    const over = await call('syt.khtc', 'PUT', `/api/facilities/projects/${a}/months/${Y - 1}-07`, { disbursed: 1200 * M });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.fields.disbursed).toBe(vi('facility.overBudget'));

    const p = json(await call('syt.khtc', 'GET', `/api/facilities/programmes/${programme}/progress?year=${Y - 1}`));
    expect(p).toMatchObject({ year: Y - 1, projects: 2, allocated: 3000 * M, disbursed: 1300 * M, disbursedPct: 43.3 });
    const byStage = Object.fromEntries(p.byStage.map((x: { stage: string; projects: number }) => [x.stage, x.projects]));
    expect(byStage).toEqual({ policy: 1, approval: 0, design: 1, procurement: 0, construction: 0, handover: 0, settlement: 0, done: 0 });
    expect(p.stages.find((s: { stage: string }) => s.stage === 'design')).toEqual({ stage: 'design', finished: 0, late: 1, planned: 1 });
    expect(p.stages.find((s: { stage: string }) => s.stage === 'policy')).toEqual({ stage: 'policy', finished: 1, late: 0, planned: 2 });
    expect(p.lateProjects).toEqual([{ id: a, name: 'Cải tạo TYT Hoằng Lộc', stage: 'design', plannedEnd: addDays(today, -5), daysLate: 5 }]);
    expect(p.months[2]).toEqual({ month: `${Y - 1}-03`, planned: 300 * M, disbursed: 200 * M, cumulativePlanned: 300 * M, cumulativeDisbursed: 200 * M, pctOfAllocated: 6.7 });
    expect(p.months[5]).toEqual({ month: `${Y - 1}-06`, planned: 1400 * M, disbursed: 1100 * M, cumulativePlanned: 1700 * M, cumulativeDisbursed: 1300 * M, pctOfAllocated: 43.3 });
    expect(p.months[11]).toMatchObject({ cumulativePlanned: 1700 * M, cumulativeDisbursed: 1300 * M });
    // The current year: January only so far (months after today have no disbursement yet).
    const now = json(await call('syt.khtc', 'GET', `/api/facilities/programmes/${programme}/progress?year=${Y}`));
    expect(now).toMatchObject({ allocated: 4000 * M, disbursed: 600 * M, disbursedPct: 15 });
    expect(now.months[0]).toMatchObject({ planned: 750 * M, disbursed: 600 * M, cumulativeDisbursed: 600 * M, pctOfAllocated: 15 });

    // A centre sees the programme through its station's project only.
    const centre = json(await call('ttyt.hoanghoa', 'GET', `/api/facilities/programmes/${programme}`));
    expect(centre.items.map((x: { id: string }) => x.id)).toEqual([a]);
    expect(centre).toMatchObject({ projects: 1, canManage: false, disbursed: 850 * M });
    const cp = json(await call('ttyt.hoanghoa', 'GET', `/api/facilities/programmes/${programme}/progress?year=${Y - 1}`));
    expect(cp).toMatchObject({ projects: 1, allocated: 1000 * M, disbursed: 700 * M, disbursedPct: 70 });
    // The station reads its project, not the other one.
    expect((await call('tyt.hoangloc', 'GET', `/api/facilities/projects/${a}`)).statusCode).toBe(200);
    const nope = await call('tyt.hoangloc', 'GET', `/api/facilities/projects/${b}`);
    expect(nope.statusCode).toBe(403);
    expect(json(await call('tyt.hoangloc', 'GET', '/api/facilities/premises/TYT15961')).projects.map((x: { id: string }) => x.id)).toEqual([a]);
    const late = json(await call('syt.khtc', 'GET', '/api/facilities/projects?late=true'));
    expect(late.items.map((x: { id: string }) => x.id)).toEqual([a]);
  });

  it('the figures of one centre, by hand', async () => {
    // TTYT399's stations: TYT15961 degraded (settled), mine[0] severe + no land right, mine[1] degraded, mine[2] good + no land right.
    for (const [s, body] of [
      [mine[0]!, { grade: 'severe', landRightSettled: false }], [mine[1]!, { grade: 'degraded', landRightSettled: true }], [mine[2]!, { grade: 'good', landRightSettled: false }],
    ] as const) expect((await call('ttyt.hoanghoa', 'PUT', `/api/facilities/premises/${s.code}`, body)).statusCode).toBe(200);
    // The centre itself degraded: not a station, not counted.
    expect((await call('ttyt.hoanghoa', 'PUT', '/api/facilities/premises/TTYT399', { grade: 'severe', landRightSettled: false })).statusCode).toBe(200);
    const ids = [await t.unit('TTYT399'), await t.unit('TTYT380'), await t.unit('SYT38'), own];
    const value = async (code: string, date = today) => {
      const f = figureByCode(code)!;
      const m = await f.compute(t.ctx(), ids, date);
      return ids.map((u) => m.get(u));
    };
    expect((await value('FAC_PREMISES_DEGRADED')).map((v) => v?.value ?? 0)).toEqual([3, 1, 4, 1]);
    expect((await value('FAC_NO_LAND_RIGHT')).map((v) => v?.value ?? 0)).toEqual([2, 1, 3, 0]);
    const pct = await value('FAC_DISBURSED_PCT');
    expect(pct).toEqual([{ value: 150 * M, denominator: 1000 * M }, { value: 450 * M, denominator: 3000 * M }, { value: 600 * M, denominator: 4000 * M }, { value: 150 * M, denominator: 1000 * M }]);
    expect(figureNumber(figureByCode('FAC_DISBURSED_PCT')!, pct[0])).toBe(15);
    // A centre with no project: no share at all (unknown, never 0 %).
    const centres = json(await call('syt.admin', 'GET', '/api/facilities/premises?kind=health_centre&pageSize=100')).items.map((x: { unit: { id: string; code: string } }) => x.unit);
    const idle = centres.find((c: { code: string }) => c.code !== 'TTYT399' && c.code !== 'TTYT380')!;
    const none = await figureByCode('FAC_DISBURSED_PCT')!.compute(t.ctx(), [idle.id], today);
    expect(none.size).toBe(0);
  });

  it('the hand-over of a renovation updates the station’s premises, in their history', async () => {
    const put = (stage: string, body: unknown) => call('syt.khtc', 'PUT', `/api/facilities/projects/${a}/stages/${stage}`, body);
    for (const [stage, d] of [['design', -60], ['procurement', -40], ['construction', -10]] as const) expect((await put(stage, { actualEnd: addDays(today, d) })).statusCode).toBe(200);
    const handedOn = addDays(today, -1);
    const r = await put('handover', { actualEnd: handedOn });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ currentStage: 'settlement', lateStages: [] });
    const prem = json(await call('tyt.hoangloc', 'GET', '/api/facilities/premises/TYT15961'));
    expect(prem).toMatchObject({ grade: 'good', lastRenovationYear: Number(handedOn.slice(0, 4)), yearBuilt: 1998 });
    const h = json(await call('tyt.hoangloc', 'GET', '/api/facilities/premises/TYT15961/history'));
    expect(h[0]).toMatchObject({ action: 'facility.premises.handover', user: 'syt.khtc', before: { grade: 'degraded', lastRenovationYear: 2012 }, details: { project: a } });
    const future = await put('settlement', { actualEnd: addDays(today, 3) });
    expect(future.json().error.details.fields).toEqual({ actualEnd: vi('facility.actualInFuture') });
  });

  it('issues are opened and resolved by the project’s managers', async () => {
    let r = await call('syt.khtc', 'POST', `/api/facilities/projects/${b}/issues`, { text: 'Vướng mặt bằng' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ openIssues: 1, issues: [{ text: 'Vướng mặt bằng', openedOn: today, resolvedOn: null }] });
    const issue = r.json().issues[0].id;
    expect((await call('ttyt.tpth', 'PATCH', `/api/facilities/projects/${b}/issues/${issue}`, { resolvedOn: today })).statusCode).toBe(403);
    r = await call('syt.khtc', 'PATCH', `/api/facilities/projects/${b}/issues/${issue}`, { resolvedOn: today, resolution: 'Đã bàn giao mặt bằng' });
    expect(r.json()).toMatchObject({ openIssues: 0, issues: [{ resolvedOn: today, resolution: 'Đã bàn giao mặt bằng' }] });
  });
});

describe('the demo', () => {
  it('loads premises for every open station and centre and the seed programmes, quickly', async () => {
    const started = Date.now();
    const r = await loadDemoFacilities(t.ctx());
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.programmes).toBe(3);
    expect(r.projects).toBe(117 + 30 + 56 + 46 + 20);
    const list = json(await call('syt.admin', 'GET', '/api/facilities/premises?pageSize=1'));
    expect(list.counts.unknown).toBe(0);
    expect(list.total).toBeGreaterThan(100);
    const progs = json(await call('syt.khtc', 'GET', '/api/facilities/programmes'));
    const repair = progs.items.find((g: { name: string }) => g.name.startsWith('Sửa chữa 117'));
    expect(repair).toMatchObject({ projects: 117, canManage: true, owner: { code: 'SYT38_KHTC' } });
    const p = json(await call('syt.khtc', 'GET', `/api/facilities/programmes/${repair.id}/progress?year=2023`));
    expect(p.projects).toBe(117);
    expect(p.byStage.find((x: { stage: string }) => x.stage === 'done').projects).toBeGreaterThan(50);
    expect(p.disbursedPct).toBeGreaterThan(50);
    expect(p.disbursedPct).toBeLessThanOrEqual(100);
    // The next year's plan holds what 2023 left unspent: disbursement stays within it.
    const next = json(await call('syt.khtc', 'GET', `/api/facilities/programmes/${repair.id}/progress?year=2024`));
    expect(next.disbursedPct).toBeGreaterThan(50);
    expect(next.disbursedPct).toBeLessThanOrEqual(100);
    const f = await figureByCode('FAC_PREMISES_DEGRADED')!.compute(t.ctx(), [await t.unit('SYT38')], today);
    expect(f.get(await t.unit('SYT38'))!.value).toBeGreaterThan(10);
  });
});
