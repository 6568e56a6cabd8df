// Liquidation and transfer over HTTP against the real database: reasons checked (fully worn, repair
// above the configured share, beyond repair), who decides by value (the centre below the limit, the
// Department at or above it; a centre cannot decide a 'higher' one), a transfer centre → centre decided
// by the Department with its handover minutes (DOCX) and the receiver's acceptance, a transfer between
// two stations of one centre decided by the centre, the idle assets offered to units lacking them, and
// the lines a unit must not cross.
import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../core/config.js';
import { testApp, TEST_DEMO_PASSWORD, json, type TestApp } from '../../test/harness.js';
import { liquidationDecider } from './disposal.service.js';
import { docxText } from '../reports/render/docx-text.test-helper.js';

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { ...(await as(user)), 'accept-language': 'vi' }, payload: payload as never });
}

async function makeUser(username: string, unit: string, roles: string[]) {
  const r = await call('admin', 'POST', '/api/users', { username, displayName: username, password: TEST_DEMO_PASSWORD, orgUnitId: await t.unit(unit), roles });
  expect(r.statusCode, r.body).toBe(201);
}

async function create(body: Record<string, unknown>, user = 'ttyt.hoanghoa') {
  const r = await call(user, 'POST', '/api/equipment/assets', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; tag: string; version: number };
}

async function propose(user: string, body: Record<string, unknown>) {
  return call(user, 'POST', '/api/equipment/proposals', body);
}

// The station of tyt.hoangloc (open today) and another station of the same centre.
const XUAN = 'TYT15961';
const LOC = 'TYT15880';

beforeAll(async () => {
  t = await testApp();
  await makeUser('ttyt380.ql', 'TTYT380', ['unit_admin', 'approver']);
  await makeUser('tyt.xuan.tt', XUAN, ['approver']);
  await makeUser('tyt.hoanggiang', LOC, ['data_entry']);
}, 180_000);

describe('liquidation', () => {
  it('takes its thresholds from the configuration', () => {
    const c = testConfig({ SOYTE_EQUIPMENT_DECISION_LIMIT: '100000000', SOYTE_EQUIPMENT_REPAIR_SHARE: '25' });
    expect(c.equipment).toEqual({ decisionLimit: 100_000_000, repairSharePct: 25 });
    expect(liquidationDecider(99_999_999, c.equipment.decisionLimit)).toBe('unit');
    expect(liquidationDecider(100_000_000, c.equipment.decisionLimit)).toBe('higher');
    expect(testConfig().equipment).toEqual({ decisionLimit: 500_000_000, repairSharePct: 30 });
    expect(() => testConfig({ SOYTE_EQUIPMENT_REPAIR_SHARE: '150' })).toThrow(/SOYTE_EQUIPMENT_REPAIR_SHARE/);
    expect(() => testConfig({ SOYTE_EQUIPMENT_DECISION_LIMIT: 'lots' })).toThrow(/SOYTE_EQUIPMENT_DECISION_LIMIT/);
  });

  it('publishes its thresholds (configuration)', async () => {
    expect(json(await call('tyt.hoangloc', 'GET', '/api/equipment/proposals/rules'))).toEqual({ decisionLimit: 500_000_000, repairSharePct: 30 });
  });

  it('checks the reasons: fully worn, repair above 30 % of cost, beyond repair, other', async () => {
    const fresh = await create({ orgUnit: XUAN, category: 'MONITOR', name: 'Monitor mới', acquired: '2025-06-01', cost: 40_000_000 });
    const worn = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: fresh.id, reason: 'fully_worn' });
    expect(worn.statusCode).toBe(400);
    expect(worn.json().error.details.fields.reason).toMatch(/chưa hết thời gian sử dụng/);
    const noEstimate = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: fresh.id, reason: 'repair_costly' });
    expect(noEstimate.json().error.details.fields.repairEstimate).toMatch(/chi phí sửa chữa dự kiến/);
    // 30 % of 40,000,000 is 12,000,000: exactly that is not above it.
    const cheap = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: fresh.id, reason: 'repair_costly', repairEstimate: 12_000_000 });
    expect(cheap.statusCode).toBe(400);
    expect(cheap.json().error.details.fields.repairEstimate).toMatch(/không vượt tỷ lệ/);
    const beyond = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: fresh.id, reason: 'beyond_repair' });
    expect(beyond.json().error.details.fields.note).toMatch(/không sửa được/);
    const other = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: fresh.id, reason: 'other' });
    expect(other.statusCode).toBe(400);
    const bad = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: fresh.id, reason: 'tired' });
    expect(bad.statusCode).toBe(400);
    const ok = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: fresh.id, reason: 'repair_costly', repairEstimate: 12_000_001 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'liquidation', reason: 'repair_costly', repairEstimate: 12_000_001, decider: 'unit', status: 'proposed', accountingUnit: { code: 'TTYT399' } });
    // One open proposal per asset.
    const twice = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: fresh.id, reason: 'other', note: 'x' });
    expect(twice.statusCode).toBe(409);
    const w = await call('ttyt.hoanghoa', 'POST', `/api/equipment/proposals/${ok.json().id}/withdraw`, {});
    expect(w.json().status).toBe('withdrawn');
  });

  it('takes a work order closed beyond repair as the ground, without a note', async () => {
    const fridge = await create({ orgUnit: XUAN, category: 'VACCINE_FRIDGE', name: 'Tủ lạnh vắc xin cũ', acquired: '2016-01-01', cost: 25_000_000 });
    const before = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: fridge.id, reason: 'beyond_repair' });
    expect(before.statusCode).toBe(400);
    const wo = await call('tyt.hoangloc', 'POST', `/api/equipment/assets/${fridge.id}/work-orders`, { fault: 'Không làm lạnh' });
    expect(wo.statusCode, wo.body).toBe(201);
    const w = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/work-orders/${wo.json().id}`));
    const f = await call('ttyt.hoanghoa', 'POST', `/api/equipment/work-orders/${w.id}/actions`, { version: w.version, action: 'finish', outcome: 'beyond_repair', note: 'Hỏng máy nén' });
    expect(f.statusCode, f.body).toBe(200);
    const r = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: fridge.id, reason: 'beyond_repair' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ reason: 'beyond_repair', decider: 'unit', asset: { status: 'broken' } });
  });

  it('below the limit: the centre that keeps the books decides, not the station nor another centre', async () => {
    const a = await create({ orgUnit: XUAN, category: 'MONITOR', name: 'Monitor cũ', acquired: '2012-01-01', cost: 80_000_000 });
    const nurse = await propose('tyt.hoangloc', { kind: 'liquidation', asset: a.id, reason: 'fully_worn' });
    expect(nurse.statusCode).toBe(403);
    const crossing = await propose('ttyt380.ql', { kind: 'liquidation', asset: a.id, reason: 'fully_worn' });
    expect(crossing.statusCode).toBe(403);
    expect(crossing.json().error.code).toBe('OUT_OF_SCOPE');
    const r = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: a.id, reason: 'fully_worn', note: 'Hết thời gian sử dụng' });
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json();
    expect(p).toMatchObject({ decider: 'unit', residual: 0, fromUnit: { code: XUAN }, accountingUnit: { code: 'TTYT399' }, can: { decide: true, withdraw: true } });
    // A station's approver does not hold the centre's books; another centre does not either.
    for (const u of ['tyt.xuan.tt', 'ttyt380.ql']) {
      const d = await call(u, 'POST', `/api/equipment/proposals/${p.id}/decide`, { approve: true, decisionNo: '1/QĐ' });
      expect(d.statusCode, u).toBe(403);
    }
    const noNumber = await call('ttyt.hoanghoa', 'POST', `/api/equipment/proposals/${p.id}/decide`, { approve: true });
    expect(noNumber.statusCode).toBe(400);
    const d = await call('ttyt.hoanghoa', 'POST', `/api/equipment/proposals/${p.id}/decide`, { approve: true, decisionNo: '15/QĐ-TTYT' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ status: 'approved', decisionNo: '15/QĐ-TTYT', decidedBy: 'ttyt.hoanghoa', asset: { status: 'pending_disposal' }, can: { done: true } });
    const again = await call('ttyt.hoanghoa', 'POST', `/api/equipment/proposals/${p.id}/decide`, { approve: false });
    expect(again.statusCode).toBe(409);
    const done = await call('ttyt.hoanghoa', 'POST', `/api/equipment/proposals/${p.id}/done`, { note: 'Đã bán thanh lý' });
    expect(done.statusCode, done.body).toBe(200);
    const asset = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${a.id}`));
    expect(asset.status).toBe('disposed');
    expect(asset.history.map((e: { action: string }) => e.action).slice(0, 3)).toEqual(['liquidated', 'liquidationApproved', 'liquidationProposed']);
  });

  it('at or above the limit: only the higher body decides (a centre cannot)', async () => {
    const ct = await create({ orgUnit: 'TTYT399', category: 'CT', name: 'Máy CT 16 lát cắt', acquired: '2024-01-10', cost: 600_000_000 });
    const r = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: ct.id, reason: 'repair_costly', repairEstimate: 200_000_000 });
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json();
    expect(p).toMatchObject({ decider: 'higher', accountingUnit: { code: 'TTYT399' }, can: { decide: false } });
    const centre = await call('ttyt.hoanghoa', 'POST', `/api/equipment/proposals/${p.id}/decide`, { approve: true, decisionNo: '2/QĐ' });
    expect(centre.statusCode).toBe(403);
    expect(centre.json().error.code).toBe('OUT_OF_SCOPE');
    expect(json(await call('syt.admin', 'GET', `/api/equipment/proposals/${p.id}`)).can.decide).toBe(true);
    const list = json(await call('syt.admin', 'GET', '/api/equipment/proposals?actionable=true'));
    expect(list.proposals.map((x: { id: string }) => x.id)).toContain(p.id);
    const rej = await call('syt.admin', 'POST', `/api/equipment/proposals/${p.id}/decide`, { approve: false, note: 'Đề nghị sửa chữa' });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(rej.json()).toMatchObject({ status: 'rejected', asset: { status: 'in_use' } });

    // Exactly at the limit is the higher body's too.
    const x = await create({ orgUnit: 'TTYT399', category: 'XRAY', name: 'Máy X-quang', acquired: '2024-01-10', cost: 500_000_000 });
    const q = await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: x.id, reason: 'beyond_repair', note: 'Bóng phát tia hỏng, hãng ngừng sản xuất' });
    expect(q.json().decider).toBe('higher');
    const y = await create({ orgUnit: 'TTYT399', category: 'XRAY', name: 'Máy X-quang 2', acquired: '2024-01-10', cost: 499_999_999 });
    expect((await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: y.id, reason: 'beyond_repair', note: 'x' })).json().decider).toBe('unit');
  });
});

describe('transfer', () => {
  let transferId: string;
  let us: { id: string; tag: string };

  it('from one centre to another: proposed by the holder, decided by the Department', async () => {
    us = await create({ orgUnit: 'TTYT399', category: 'ULTRASOUND', name: 'Máy siêu âm tổng quát', make: 'Siemens', serial: 'SN-778', acquired: '2020-05-01', cost: 420_000_000, status: 'idle' });
    // A centre cannot propose transferring another centre's asset.
    const crossing = await propose('ttyt380.ql', { kind: 'transfer', asset: us.id, toUnit: 'TTYT380' });
    expect(crossing.statusCode).toBe(403);
    expect(crossing.json().error.code).toBe('OUT_OF_SCOPE');
    const same = await propose('ttyt.hoanghoa', { kind: 'transfer', asset: us.id, toUnit: 'TTYT399' });
    expect(same.statusCode).toBe(400);
    const r = await propose('ttyt.hoanghoa', { kind: 'transfer', asset: us.id, toUnit: 'TTYT380', reason: 'idle', note: 'Trung tâm nhận chưa có máy siêu âm tổng quát' });
    expect(r.statusCode, r.body).toBe(201);
    transferId = r.json().id;
    expect(r.json()).toMatchObject({ kind: 'transfer', decider: 'higher', fromUnit: { code: 'TTYT399' }, toUnit: { code: 'TTYT380' }, status: 'proposed', can: { minutes: false } });
    expect(r.json().residual).toBeGreaterThan(0);
    // The receiving centre sees it; neither centre decides it.
    expect(json(await call('ttyt380.ql', 'GET', `/api/equipment/proposals?kind=transfer`)).proposals.map((x: { id: string }) => x.id)).toContain(transferId);
    for (const u of ['ttyt.hoanghoa', 'ttyt380.ql']) {
      const d = await call(u, 'POST', `/api/equipment/proposals/${transferId}/decide`, { approve: true, decisionNo: '3/QĐ' });
      expect(d.statusCode, u).toBe(403);
    }
    const minutes = await call('syt.admin', 'GET', `/api/equipment/proposals/${transferId}/minutes.docx`);
    expect(minutes.statusCode).toBe(409);
    const d = await call('syt.admin', 'POST', `/api/equipment/proposals/${transferId}/decide`, { approve: true, decisionNo: '245/QĐ-SYT' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ status: 'approved', decidedBy: 'syt.admin', asset: { status: 'idle' } });
  });

  it('writes the handover minutes (form 01/TSC-BBGN) as DOCX', async () => {
    const r = await call('ttyt.hoanghoa', 'GET', `/api/equipment/proposals/${transferId}/minutes.docx`);
    expect(r.statusCode, r.body).toBe(200);
    const text = await docxText(r.rawPayload);
    const p = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/proposals/${transferId}`));
    for (const s of ['BIÊN BẢN', 'Bàn giao, tiếp nhận tài sản', '01/TSC-BBGN', 'Đại diện bên giao', 'Đại diện bên nhận', '245/QĐ-SYT', us.tag, 'SN-778',
      p.fromUnit.name, p.toUnit.name, 'ĐẠI DIỆN BÊN NHẬN', 'ĐẠI DIỆN BÊN GIAO', 'Trung tâm nhận chưa có máy siêu âm tổng quát']) {
      expect(text, s).toContain(s);
    }
    const lines = text.split('\n');
    const at = lines.indexOf(us.tag);
    const vi = (v: number) => new Intl.NumberFormat('vi-VN').format(v);
    expect(lines.slice(at, at + 4)).toEqual([us.tag, '1', vi(420_000_000), vi(p.residual)]);
    // Another centre outside both sides does not read it.
    await makeUser('ttyt381.ql', 'TTYT381', ['unit_admin']);
    expect((await call('ttyt381.ql', 'GET', `/api/equipment/proposals/${transferId}/minutes.docx`)).statusCode).toBe(403);
  });

  it('is handed over by the sender and accepted by the receiver: the asset moves', async () => {
    const early = await call('ttyt380.ql', 'POST', `/api/equipment/proposals/${transferId}/accept`, {});
    expect(early.statusCode).toBe(409);
    const wrongSide = await call('ttyt380.ql', 'POST', `/api/equipment/proposals/${transferId}/hand-over`, {});
    expect(wrongSide.statusCode).toBe(403);
    const h = await call('ttyt.hoanghoa', 'POST', `/api/equipment/proposals/${transferId}/hand-over`, { note: 'Bàn giao kèm đầu dò' });
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json()).toMatchObject({ status: 'handed_over', handedOverBy: 'ttyt.hoanghoa' });
    const sender = await call('ttyt.hoanghoa', 'POST', `/api/equipment/proposals/${transferId}/accept`, {});
    expect(sender.statusCode).toBe(403);
    const a = await call('ttyt380.ql', 'POST', `/api/equipment/proposals/${transferId}/accept`, { note: 'Đã nhận đủ' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ status: 'done', acceptedBy: 'ttyt380.ql' });
    const theirs = json(await call('ttyt380.ql', 'GET', '/api/equipment/assets?orgUnit=TTYT380&paging=false'));
    expect(theirs.assets.find((x: { id: string }) => x.id === us.id)).toMatchObject({ status: 'in_use', orgUnit: { code: 'TTYT380' } });
    const ours = json(await call('ttyt.hoanghoa', 'GET', '/api/equipment/assets?orgUnit=TTYT399&paging=false'));
    expect(ours.assets.some((x: { id: string }) => x.id === us.id)).toBe(false);
    const asset = json(await call('ttyt380.ql', 'GET', `/api/equipment/assets/${us.id}`));
    expect(asset.history[0]).toMatchObject({ action: 'transferred', after: { status: 'in_use' }, user: 'ttyt380.ql' });
    expect(asset.can.manage).toBe(true);
    // The old holder no longer manages it.
    expect((await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${us.id}`)).statusCode).toBe(403);
  });

  it('between two stations of one centre: the centre decides', async () => {
    const f = await create({ orgUnit: XUAN, category: 'FETAL_DOPPLER', name: 'Máy nghe tim thai', acquired: '2023-02-01', cost: 8_000_000, status: 'idle' });
    const r = await propose('ttyt.hoanghoa', { kind: 'transfer', asset: f.id, toUnit: LOC });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().decider).toBe('unit');
    const d = await call('ttyt.hoanghoa', 'POST', `/api/equipment/proposals/${r.json().id}/decide`, { approve: true, decisionNo: '7/QĐ-TTYT' });
    expect(d.statusCode, d.body).toBe(200);
    await call('ttyt.hoanghoa', 'POST', `/api/equipment/proposals/${r.json().id}/hand-over`, {});
    // Another station's nurse is not the receiver.
    expect((await call('tyt.hoangloc', 'POST', `/api/equipment/proposals/${r.json().id}/accept`, {})).statusCode).toBe(403);
    const a = await call('tyt.hoanggiang', 'POST', `/api/equipment/proposals/${r.json().id}/accept`, {});
    expect(a.statusCode, a.body).toBe(200);
    expect(json(await call('tyt.hoanggiang', 'GET', `/api/equipment/assets/${f.id}`)).orgUnit.code).toBe(LOC);
  });
});

describe('idle assets', () => {
  it('lists idle assets with the units in the caller’s scope that lack their category', async () => {
    const oxy = await create({ orgUnit: XUAN, category: 'OXYGEN', name: 'Máy tạo oxy 5 lít', acquired: '2022-02-01', cost: 15_000_000, status: 'idle' });
    const r = await call('ttyt.hoanghoa', 'GET', '/api/equipment/idle?orgUnit=TTYT399');
    expect(r.statusCode, r.body).toBe(200);
    const item = r.json().assets.find((x: { id: string }) => x.id === oxy.id);
    expect(item).toMatchObject({ status: 'idle', orgUnit: { code: XUAN } });
    expect(item.candidates.length).toBeGreaterThan(0);
    expect(item.candidates.every((c: { orgUnit: { code: string } }) => c.orgUnit.code !== XUAN)).toBe(true);
    // Each candidate is a unit of the centre whose missing list lacks oxygen.
    for (const c of item.candidates.slice(0, 3)) {
      const m = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/missing?orgUnit=${c.orgUnit.code}`));
      expect(m.items.find((i: { code: string }) => i.code === 'OXYGEN').missing, c.orgUnit.code).toBe(c.missing);
    }
    // The centre is offered its own units only; the Department the whole province.
    const inCentre = json(await call('ttyt.hoanghoa', 'GET', '/api/equipment/missing?orgUnit=TTYT399'));
    expect(item.candidates.length).toBeLessThanOrEqual(50);
    expect(inCentre.items.find((i: { code: string }) => i.code === 'OXYGEN').missing).toBeGreaterThanOrEqual(item.candidates.reduce((n: number, c: { missing: number }) => n + c.missing, 0));
    const province = json(await call('syt.admin', 'GET', '/api/equipment/idle?orgUnit=TTYT399'));
    const wide = province.assets.find((x: { id: string }) => x.id === oxy.id);
    expect(wide.candidates.some((c: { orgUnit: { code: string } }) => !item.candidates.some((d: { orgUnit: { code: string } }) => d.orgUnit.code === c.orgUnit.code))).toBe(true);
    // Another centre does not list this centre's idle assets.
    const other = await call('ttyt380.ql', 'GET', '/api/equipment/idle?orgUnit=TTYT399');
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
  });

  it('answers bad input with a 4xx and a code', async () => {
    expect((await call('ttyt.hoanghoa', 'GET', '/api/equipment/proposals/nope')).statusCode).toBe(404);
    expect((await call('ttyt.hoanghoa', 'POST', '/api/equipment/proposals/nope/decide', { approve: true, decisionNo: '1' })).statusCode).toBe(404);
    expect((await propose('ttyt.hoanghoa', { kind: 'sale', asset: 'x' })).statusCode).toBe(400);
    expect((await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: 'nope', reason: 'other', note: 'x' })).statusCode).toBe(404);
    expect((await propose('ttyt.hoanghoa', { kind: 'liquidation', asset: { id: 1 }, reason: 'other' })).statusCode).toBe(400);
    const a = await create({ orgUnit: XUAN, category: 'MONITOR', name: 'Monitor', acquired: '2020-01-01', cost: 30_000_000, status: 'idle' });
    expect((await propose('ttyt.hoanghoa', { kind: 'transfer', asset: a.id, toUnit: 'NOPE' })).statusCode).toBe(404);
    // A unit closed in the 2025 merger receives nothing.
    const closed = await propose('ttyt.hoanghoa', { kind: 'transfer', asset: a.id, toUnit: 'TYT15877' });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.details.fields.toUnit).toMatch(/giải thể/);
    expect((await call('ttyt.hoanghoa', 'POST', '/api/equipment/proposals', 'not json')).statusCode).toBeLessThan(500);
    expect((await call('ttyt.hoanghoa', 'GET', '/api/equipment/proposals?status=maybe')).statusCode).toBe(400);
  });
});
