// Equipment care over HTTP against the real database: the schedules a new asset gets, the lock of a
// failed inspection (refused status changes, a repair does not unlock, a pass does), the due and
// overdue lists, work orders from a station's report with a photo to the centre's repair, the daily
// notices sent once, and the lines a unit must not cross.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { testApp, TEST_DEMO_PASSWORD, json, type TestApp } from '../../test/harness.js';
import { dailyDueNotices, stageOf } from './care.notices.js';
import { addDays } from '../../lib/calendar.js';
import { addMonths } from '../../lib/dates.js';

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));
const today = todayVn();

async function call(user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { ...(await as(user)), 'accept-language': 'vi' }, payload: payload as never });
}

async function makeUser(username: string, unit: string, roles: string[]) {
  const r = await call('admin', 'POST', '/api/users', { username, displayName: username, password: TEST_DEMO_PASSWORD, orgUnitId: await t.unit(unit), roles });
  expect(r.statusCode, r.body).toBe(201);
}

async function create(user: string, body: Record<string, unknown>) {
  const r = await call(user, 'POST', '/api/equipment/assets', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; tag: string; version: number; status: string; fullyWornOn: string | null };
}

const care = async (user: string, id: string) => json(await call(user, 'GET', `/api/equipment/assets/${id}/care`));
const asset = async (id: string) => json(await call('admin', 'GET', `/api/equipment/assets/${id}`));

async function upload(user: string, url: string, fileName: string, mime: string, content: Buffer) {
  const boundary = 'soyteCareBoundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url, headers: { ...(await as(user)), 'accept-language': 'vi', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000200a5f5a0e50000000049454e44ae426082', 'hex');

async function report(user: string, assetId: string, fault = 'Máy không hoạt động') {
  return call(user, 'POST', `/api/equipment/assets/${assetId}/work-orders`, { fault });
}
async function step(user: string, woId: string, body: Record<string, unknown>) {
  const w = json(await call('admin', 'GET', `/api/equipment/work-orders/${woId}`));
  return call(user, 'POST', `/api/equipment/work-orders/${woId}/actions`, { version: w.version, ...body });
}

let bp: { id: string }; // TYT15961, BP meters acquired 10/01/2025 (inspection due 10/01/2026: overdue)
let ultrasound: { id: string }; // TYT15961

beforeAll(async () => {
  t = await testApp();
  await makeUser('ttyt380.tb', 'TTYT380', ['unit_admin']);
  // TYT15877 (tyt.hoangxuan) closed in the 2025 merger: the other station of these tests is TYT15880.
  await makeUser('tyt.hoanggiang', 'TYT15880', ['data_entry']);
  bp = await create('ttyt.hoanghoa', { orgUnit: 'TYT15961', category: 'BP_METER', name: 'Máy đo huyết áp đồng hồ', acquired: '2025-01-10', cost: 1_200_000, quantity: 2 });
  ultrasound = await create('ttyt.hoanghoa', { orgUnit: 'TYT15961', category: 'ULTRASOUND', name: 'Máy siêu âm xách tay', acquired: '2023-05-20', cost: 150_000_000 });
}, 120_000);

describe('schedules', () => {
  it('gives a new asset the schedules of its category, first due on acquisition + interval', async () => {
    const c = await care('tyt.hoangloc', bp.id);
    expect(c.schedules).toEqual([
      expect.objectContaining({ kind: 'kiem_dinh', intervalMonths: 12, lastDone: null, nextDue: '2026-01-10', active: true, lastResult: null }),
    ]);
    expect(c.can).toEqual({ manage: false, report: true });
    const xray = await create('ttyt.hoanghoa', { orgUnit: 'TTYT399', category: 'XRAY', name: 'Máy X-quang kỹ thuật số', acquired: '2024-05-31', cost: 1_500_000_000 });
    const x = await care('ttyt.hoanghoa', xray.id);
    expect(x.schedules.map((s: { kind: string; nextDue: string }) => [s.kind, s.nextDue])).toEqual([['kiem_xa', '2026-05-31'], ['xray_licence', '2027-05-31']]);
    expect(x.can).toEqual({ manage: true, report: true });
    // A computer has none.
    const pc = await create('ttyt.hoanghoa', { orgUnit: 'TTYT399', category: 'COMPUTER', name: 'Máy vi tính', acquired: '2024-01-31', cost: 15_000_000 });
    expect((await care('ttyt.hoanghoa', pc.id)).schedules).toEqual([]);
    // The centre adds one (31/01 + 1 month → end of February) and edits it; the station cannot.
    const add = await call('ttyt.hoanghoa', 'POST', `/api/equipment/assets/${pc.id}/schedules`, { kind: 'maintenance', intervalMonths: 1, lastDone: '2024-01-31' });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ kind: 'maintenance', nextDue: '2024-02-29', lastDone: '2024-01-31' });
    expect((await call('ttyt.hoanghoa', 'POST', `/api/equipment/assets/${pc.id}/schedules`, { kind: 'maintenance', intervalMonths: 6 })).statusCode).toBe(409);
    const patch = await call('ttyt.hoanghoa', 'PATCH', `/api/equipment/schedules/${add.json().id}`, { intervalMonths: 6 });
    expect(patch.json()).toMatchObject({ intervalMonths: 6, nextDue: '2024-07-31' });
    expect((await call('tyt.hoangloc', 'PATCH', `/api/equipment/schedules/${add.json().id}`, { active: false })).statusCode).toBe(403);
    const bad = await call('ttyt.hoanghoa', 'POST', `/api/equipment/assets/${pc.id}/schedules`, { kind: 'nope', intervalMonths: 0 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.details.fields).sort()).toEqual(['intervalMonths', 'kind']);
    const history = (await asset(pc.id)).history.map((e: { action: string }) => e.action);
    expect(history).toEqual(expect.arrayContaining(['schedule.add', 'schedule.update']));
  });
});

describe('the lock of a failed inspection', () => {
  it('locks on a fail, refuses a plain status change and a repair back to use, and unlocks on a pass', async () => {
    const d = await create('ttyt.hoanghoa', { orgUnit: 'TYT15880', category: 'DEFIBRILLATOR', name: 'Máy sốc tim', acquired: addMonths(today, -6), cost: 80_000_000 });
    const sid = (await care('ttyt.hoanghoa', d.id)).schedules[0].id;
    // The station records nothing; the centre records the failed inspection.
    expect((await call('tyt.hoanggiang', 'POST', `/api/equipment/schedules/${sid}/inspections`, { doneOn: today, result: 'pass' })).statusCode).toBe(403);
    const fail = await call('ttyt.hoanghoa', 'POST', `/api/equipment/schedules/${sid}/inspections`, {
      doneOn: addDays(today, -2), result: 'fail', certificate: 'KĐ-123/2026', body: 'Trung tâm Kỹ thuật TC-ĐL-CL 2', note: 'Năng lượng sốc sai lệch',
    });
    expect(fail.statusCode, fail.body).toBe(201);
    expect(fail.json()).toMatchObject({ result: 'fail', kind: 'kiem_dinh', nextDue: addMonths(addDays(today, -2), 12), by: 'ttyt.hoanghoa' });
    let a = await asset(d.id);
    expect(a.status).toBe('locked');
    expect(a.history[0]).toMatchObject({ action: 'inspection.fail', before: { status: 'in_use' }, after: { status: 'locked' } });
    expect((await care('tyt.hoanggiang', d.id)).locked).toBe(true);
    // Not back in use by a plain status change.
    const st = await call('ttyt.hoanghoa', 'POST', `/api/equipment/assets/${d.id}/status`, { status: 'in_use', version: a.version });
    expect(st.statusCode).toBe(409);
    // Nor by a repair: the station reports it, the centre repairs it; it stays locked.
    const wo = await report('tyt.hoanggiang', d.id, 'Không sạc được pin');
    expect(wo.statusCode, wo.body).toBe(201);
    expect((await asset(d.id)).status).toBe('locked');
    expect((await step('ttyt.hoanghoa', wo.json().id, { action: 'start' })).statusCode).toBe(200);
    const done = await step('ttyt.hoanghoa', wo.json().id, { action: 'finish', outcome: 'repaired', cost: 3_000_000, parts: 'Pin' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', outcome: 'repaired', cost: 3_000_000, asset: { status: 'locked' } });
    // An older inspection entered afterwards is history only.
    await call('ttyt.hoanghoa', 'POST', `/api/equipment/schedules/${sid}/inspections`, { doneOn: addMonths(today, -5), result: 'pass' });
    expect((await asset(d.id)).status).toBe('locked');
    // The pass, with the certificate's own date: back in use.
    const validUntil = addMonths(today, 11);
    const pass = await call('ttyt.hoanghoa', 'POST', `/api/equipment/schedules/${sid}/inspections`, { doneOn: today, result: 'pass', certificate: 'KĐ-130/2026', validUntil });
    expect(pass.statusCode, pass.body).toBe(201);
    a = await asset(d.id);
    expect(a.status).toBe('in_use');
    expect(a.history[0]).toMatchObject({ action: 'inspection.pass', before: { status: 'locked' }, after: { status: 'in_use' } });
    const c = await care('ttyt.hoanghoa', d.id);
    expect(c.schedules[0]).toMatchObject({ lastDone: today, nextDue: validUntil, lastResult: 'pass' });
    expect(c.inspections.map((i: { result: string }) => i.result)).toEqual(['pass', 'fail', 'pass']);
    // The certificate as a document of the asset, tied to the inspection.
    const f = await upload('ttyt.hoanghoa', `/api/equipment/inspections/${pass.json().id}/file`, 'giay-chung-nhan.pdf', 'application/pdf', Buffer.from('%PDF-1.4 test'));
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json().file).toMatchObject({ fileName: 'giay-chung-nhan.pdf' });
    // Bad input: a future date, a validity before the inspection.
    const bad = await call('ttyt.hoanghoa', 'POST', `/api/equipment/schedules/${sid}/inspections`, { doneOn: addDays(today, 3), result: 'maybe' });
    expect(bad.statusCode).toBe(400);
    const early = await call('ttyt.hoanghoa', 'POST', `/api/equipment/schedules/${sid}/inspections`, { doneOn: today, result: 'pass', validUntil: today });
    expect(early.json().error.details.fields).toEqual({ validUntil: expect.stringContaining('sau ngày kiểm định') });
  });

  it('returns a locked asset reported broken meanwhile to broken, not to use', async () => {
    const m = await create('ttyt.hoanghoa', { orgUnit: 'TYT15880', category: 'MONITOR', name: 'Monitor theo dõi', acquired: addMonths(today, -3), cost: 40_000_000 });
    const sid = (await care('ttyt.hoanghoa', m.id)).schedules[0].id;
    await call('ttyt.hoanghoa', 'POST', `/api/equipment/schedules/${sid}/inspections`, { doneOn: today, result: 'fail' });
    expect((await report('tyt.hoanggiang', m.id, 'Màn hình tắt')).statusCode).toBe(201);
    await call('ttyt.hoanghoa', 'POST', `/api/equipment/schedules/${sid}/inspections`, { doneOn: today, result: 'pass' });
    expect((await asset(m.id)).status).toBe('broken');
  });
});

describe('due and overdue lists', () => {
  it('lists overdue first, then due within N days, for a unit subtree, paged', async () => {
    const thermo = await create('ttyt.hoanghoa', { orgUnit: 'TYT15880', category: 'THERMO_CONTACT', name: 'Nhiệt kế điện tử', acquired: addDays(addMonths(today, -6), 10), cost: 150_000, quantity: 5 });
    const ecg = await create('ttyt.hoanghoa', { orgUnit: 'TYT15880', category: 'ECG', name: 'Máy điện tim', acquired: '2020-01-15', cost: 45_000_000 });
    await create('ttyt.hoanghoa', { orgUnit: 'TYT15880', category: 'BP_METER', name: 'Máy đo huyết áp', acquired: addDays(addMonths(today, -12), 45), cost: 900_000 });
    await create('ttyt.hoanghoa', { orgUnit: 'TYT15880', category: 'BP_METER', name: 'Máy đo huyết áp cũ', acquired: '2024-03-01', cost: 900_000, status: 'disposed' });
    const list = async (q: string, user = 'ttyt.hoanghoa') => json(await call(user, 'GET', `/api/equipment/inspections/due?orgUnit=TYT15880${q}`));
    const d30 = await list('&within=30');
    expect(d30.items.map((i: { asset: { id: string }; overdue: boolean; days: number }) => [i.asset.id, i.overdue, i.days])).toEqual([
      [ecg.id, true, -((Date.parse(today) - Date.parse('2022-01-15')) / 86_400_000)],
      [thermo.id, false, 10],
    ]);
    expect(d30.items[0]).toMatchObject({ kind: 'kiem_dinh', nextDue: '2022-01-15', orgUnit: { code: 'TYT15880' }, asset: { category: 'ECG', status: 'in_use' } });
    expect(d30.pager).toMatchObject({ total: 2 });
    expect((await list('&within=0')).items).toHaveLength(1);
    expect((await list('&within=60')).pager.total).toBe(3); // the disposed meter is not listed
    const page2 = await list('&within=30&pageSize=1&page=2');
    expect(page2.items.map((i: { asset: { id: string } }) => i.asset.id)).toEqual([thermo.id]);
    // The centre's list holds its stations' schedules; another station's user is refused.
    const centre = json(await call('ttyt.hoanghoa', 'GET', '/api/equipment/inspections/due?within=0&pageSize=500'));
    expect(centre.items.map((i: { asset: { id: string } }) => i.asset.id)).toEqual(expect.arrayContaining([ecg.id, bp.id]));
    const cross = await call('tyt.hoangloc', 'GET', '/api/equipment/inspections/due?orgUnit=TYT15880');
    expect(cross.statusCode).toBe(403);
    expect(cross.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await call('ttyt.hoanghoa', 'GET', '/api/equipment/inspections/due?within=999')).statusCode).toBe(400);
  });
});

describe('work orders', () => {
  let woId: string;

  it('lets a station report a breakdown with a photo on its own asset, not on another station’s', async () => {
    const other = await create('ttyt.hoanghoa', { orgUnit: 'TYT15880', category: 'SUCTION', name: 'Máy hút dịch', acquired: '2024-02-01', cost: 12_000_000 });
    const cross = await report('tyt.hoangloc', other.id);
    expect(cross.statusCode).toBe(403);
    expect(cross.json().error.code).toBe('OUT_OF_SCOPE');
    const r = await report('tyt.hoangloc', ultrasound.id, 'Không lên hình, đầu dò nóng');
    expect(r.statusCode, r.body).toBe(201);
    woId = r.json().id;
    expect(r.json()).toMatchObject({ kind: 'corrective', status: 'reported', fault: 'Không lên hình, đầu dò nóng', reportedBy: 'tyt.hoangloc', asset: { status: 'broken' }, can: { manage: false, report: true } });
    const photo = await upload('tyt.hoangloc', `/api/equipment/work-orders/${woId}/photos`, 'hong.png', 'image/png', PNG);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json().photos).toEqual([expect.objectContaining({ fileName: 'hong.png', size: PNG.length })]);
    expect((await upload('tyt.hoanggiang', `/api/equipment/work-orders/${woId}/photos`, 'x.png', 'image/png', PNG)).statusCode).toBe(403);
    expect((await asset(ultrasound.id)).status).toBe('broken');
    // One open breakdown per asset.
    const again = await report('tyt.hoangloc', ultrasound.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ id: woId });
    // The centre hears of it.
    const n = json(await call('ttyt.hoanghoa', 'GET', '/api/notifications'));
    expect(n.notifications.some((m: { title: string; body: string }) => m.title.startsWith('Báo hỏng thiết bị') && m.body.includes('Không lên hình'))).toBe(true);
  });

  it('lets only the centre assign and close it; another centre cannot touch it', async () => {
    expect((await step('tyt.hoangloc', woId, { action: 'assign', assignee: 'X' })).statusCode).toBe(403);
    expect((await step('tyt.hoangloc', woId, { action: 'finish', outcome: 'repaired' })).statusCode).toBe(403);
    const foreign = await step('ttyt380.tb', woId, { action: 'assign', assignee: 'X' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await call('ttyt380.tb', 'GET', `/api/equipment/work-orders/${woId}`)).statusCode).toBe(403);
    expect(json(await call('ttyt380.tb', 'GET', '/api/equipment/work-orders')).workOrders).toEqual([]);
    const open = json(await call('ttyt.hoanghoa', 'GET', '/api/equipment/work-orders'));
    expect(open.workOrders.map((w: { id: string }) => w.id)).toContain(woId);

    const a = await step('ttyt.hoanghoa', woId, { action: 'assign', assignee: 'Kỹ thuật viên Lê Văn B' });
    expect(a.json()).toMatchObject({ status: 'assigned', assignee: 'Kỹ thuật viên Lê Văn B', can: { manage: true } });
    const stale = await call('ttyt.hoanghoa', 'POST', `/api/equipment/work-orders/${woId}/actions`, { action: 'start', version: 1 });
    expect(stale.statusCode).toBe(409);
    const s = await step('ttyt.hoanghoa', woId, { action: 'start' });
    expect(s.json()).toMatchObject({ status: 'in_repair', asset: { status: 'in_repair' } });
    const bad = await step('ttyt.hoanghoa', woId, { action: 'finish', outcome: 'fixed', cost: -1 });
    expect(bad.statusCode).toBe(400);
    const f = await step('ttyt.hoanghoa', woId, { action: 'finish', outcome: 'repaired', cost: 2_500_000, parts: 'Đầu dò convex' });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json()).toMatchObject({ status: 'done', outcome: 'repaired', cost: 2_500_000, parts: 'Đầu dò convex', asset: { status: 'in_use' }, can: { manage: false, report: false } });
    expect(f.json().downtimeDays).toBeGreaterThanOrEqual(0);
    expect((await step('ttyt.hoanghoa', woId, { action: 'cancel' })).statusCode).toBe(409);
    // Closed: out of the open list, in the asset's list; the station hears of it.
    expect(json(await call('ttyt.hoanghoa', 'GET', '/api/equipment/work-orders')).workOrders.map((w: { id: string }) => w.id)).not.toContain(woId);
    const mine = json(await call('tyt.hoangloc', 'GET', `/api/equipment/assets/${ultrasound.id}/work-orders`));
    expect(mine.workOrders).toEqual([expect.objectContaining({ id: woId, status: 'done' })]);
    const n = json(await call('tyt.hoangloc', 'GET', '/api/notifications'));
    expect(n.notifications.some((m: { title: string }) => m.title.startsWith('Đã xử lý phiếu sửa chữa'))).toBe(true);
    const history = (await asset(ultrasound.id)).history.map((e: { action: string }) => e.action);
    expect(history).toEqual(expect.arrayContaining(['workorder.report', 'workorder.broken', 'workorder.assign', 'workorder.start', 'workorder.finish', 'workorder.repaired']));
  });

  it('keeps an asset beyond repair broken and lists it as a candidate for liquidation', async () => {
    const fridge = await create('ttyt.hoanghoa', { orgUnit: 'TYT15961', category: 'VACCINE_FRIDGE', name: 'Tủ lạnh vắc xin', acquired: '2012-01-01', cost: 25_000_000 });
    const r = await report('tyt.hoangloc', fridge.id, 'Không làm lạnh');
    const f = await step('ttyt.hoanghoa', r.json().id, { action: 'finish', outcome: 'beyond_repair', note: 'Hỏng máy nén, không còn linh kiện' });
    expect(f.json()).toMatchObject({ outcome: 'beyond_repair', asset: { status: 'broken' } });
    const list = json(await call('ttyt.hoanghoa', 'GET', '/api/equipment/work-orders?status=done&outcome=beyond_repair'));
    expect(list.workOrders.map((w: { asset: { id: string } }) => w.asset.id)).toEqual([fridge.id]);
  });

  it('makes preventive work orders from a maintenance schedule; done moves the schedule on', async () => {
    const s = (await care('ttyt.hoanghoa', ultrasound.id)).schedules.find((x: { kind: string }) => x.kind === 'maintenance');
    expect((await call('tyt.hoangloc', 'POST', `/api/equipment/schedules/${s.id}/work-orders`, {})).statusCode).toBe(403);
    const p = await call('ttyt.hoanghoa', 'POST', `/api/equipment/schedules/${s.id}/work-orders`, { assignee: 'Công ty TNHH Thiết bị Y tế ABC' });
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json()).toMatchObject({ kind: 'preventive', status: 'assigned', scheduleId: s.id, fault: 'Bảo dưỡng định kỳ' });
    const f = await step('ttyt.hoanghoa', p.json().id, { action: 'finish', outcome: 'no_fault', cost: 800_000 });
    expect(f.json()).toMatchObject({ status: 'done', asset: { status: 'in_use' } });
    const after = (await care('ttyt.hoanghoa', ultrasound.id)).schedules.find((x: { kind: string }) => x.kind === 'maintenance');
    expect(after).toMatchObject({ lastDone: today, nextDue: addMonths(today, 12), lastResult: 'pass' });
    const bp0 = (await care('ttyt.hoanghoa', bp.id)).schedules[0];
    expect((await call('ttyt.hoanghoa', 'POST', `/api/equipment/schedules/${bp0.id}/work-orders`, {})).statusCode).toBe(400);
  });

  it('cancels a report made by mistake: the asset is back in use', async () => {
    const r = await report('tyt.hoangloc', ultrasound.id, 'Nhầm máy');
    expect((await asset(ultrasound.id)).status).toBe('broken');
    const c = await step('ttyt.hoanghoa', r.json().id, { action: 'cancel', note: 'Báo nhầm' });
    expect(c.json()).toMatchObject({ status: 'cancelled', asset: { status: 'in_use' } });
  });
});

describe('daily notices', () => {
  it('tells the holding unit and the centre once per stage and due date', async () => {
    expect([stageOf(addDays(today, 31), today), stageOf(addDays(today, 30), today), stageOf(addDays(today, 7), today), stageOf(today, today), stageOf(addDays(today, -1), today)])
      .toEqual([null, 'due30', 'due7', 'due7', 'overdue']);
    const first = await dailyDueNotices(t.ctx(), today);
    expect(first.overdue).toBeGreaterThan(0);
    expect(first.due30).toBeGreaterThan(0); // the thermometers of TYT15880, due in 10 days
    const again = await dailyDueNotices(t.ctx(), today);
    expect(again).toEqual({ due30: 0, due7: 0, overdue: 0 });
    const station = json(await call('tyt.hoangloc', 'GET', '/api/notifications?limit=100'));
    const bpNotice = station.notifications.filter((m: { title: string }) => m.title === `Quá hạn Kiểm định: TYT15961-0001 – Máy đo huyết áp đồng hồ`);
    expect(bpNotice).toHaveLength(1);
    expect(bpNotice[0].body).toContain('hạn ngày 10/01/2026');
    const centre = json(await call('ttyt.hoanghoa', 'GET', '/api/notifications?limit=100'));
    expect(centre.notifications.filter((m: { title: string }) => m.title.startsWith('Quá hạn Kiểm định: TYT15961-0001'))).toHaveLength(1);
    // Another centre hears nothing of these.
    const other = json(await call('ttyt380.tb', 'GET', '/api/notifications?limit=100'));
    expect(other.notifications.filter((m: { title: string }) => m.title.includes('TYT15961'))).toEqual([]);
  });
});

describe('the tallies', () => {
  it('kept by the triggers equal the tallies rebuilt from the registers', async () => {
    const snap = async () => (await sql<{ s: string }>`select string_agg(l, ';' order by l) as s from (
      select concat_ws(',', org_unit_id, status, assets, items) as l from equipment_unit_status where assets <> 0 or items <> 0
      union all select concat_ws(',', org_unit_id, metric, month, n, round(days::numeric, 6)) from equipment_unit_month where n <> 0 or abs(days) > 1e-9) x`.execute(t.database.db)).rows[0]!.s;
    const kept = await snap();
    expect(kept).toBeTruthy();
    await sql`select equipment_tally_rebuild()`.execute(t.database.db);
    expect(await snap()).toBe(kept);
  });
});
