// Stocktaking over HTTP against the real database: a campaign of a centre, a station's count on its
// list (a missing item, a surplus, a condition other than the register's, a lot counted short), the
// confirmation, the differences, closing without applying, the explicit apply, the signed record read
// back as DOCX and Excel, and the lines a unit must not cross.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { testApp, TEST_DEMO_PASSWORD, json, type TestApp } from '../../test/harness.js';
import { docxText } from '../reports/render/docx-text.test-helper.js';

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));
const today = todayVn();
const vi = (v: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(v);

async function call(user: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { ...(await as(user)), 'accept-language': 'vi' }, payload: payload as never });
}

async function makeUser(username: string, unit: string, roles: string[]) {
  const r = await call('admin', 'POST', '/api/users', { username, displayName: username, password: TEST_DEMO_PASSWORD, orgUnitId: await t.unit(unit), roles });
  expect(r.statusCode, r.body).toBe(201);
}

async function create(body: Record<string, unknown>) {
  const r = await call('ttyt.hoanghoa', 'POST', '/api/equipment/assets', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; tag: string; name: string; version: number; cost: number; quantity: number };
}

type Asset = Awaited<ReturnType<typeof create>>;
let ultrasound: Asset; // found broken: a condition other than the register's
let suction: Asset; // missing
let bp: Asset; // a lot of 5, counted 3
let ecg: Asset; // at another station (Hoằng Lộc)
let id: string;
// The station of tyt.hoangloc (open today) and another station of the same centre.
const XUAN = 'TYT15961';
const LOC = 'TYT15880';

beforeAll(async () => {
  t = await testApp();
  await makeUser('ttyt380.kk', 'TTYT380', ['unit_admin', 'approver']);
  await makeUser('tyt.hoanggiang', LOC, ['data_entry']);
  ultrasound = await create({ orgUnit: XUAN, category: 'ULTRASOUND', name: 'Máy siêu âm xách tay KK', acquired: '2022-03-15', cost: 150_000_000 });
  suction = await create({ orgUnit: XUAN, category: 'SUCTION', name: 'Máy hút dịch KK', acquired: '2021-05-01', cost: 12_000_000 });
  bp = await create({ orgUnit: XUAN, category: 'BP_METER', name: 'Máy đo huyết áp đồng hồ KK', acquired: '2025-01-10', cost: 1_200_000, quantity: 5 });
  ecg = await create({ orgUnit: LOC, category: 'ECG', name: 'Máy điện tim 3 cần KK', acquired: '2023-06-01', cost: 30_000_000 });
}, 180_000);

describe('a stocktaking campaign', () => {
  it('answers unknown campaigns and bad input with a 4xx', async () => {
    expect((await call('ttyt.hoanghoa', 'GET', '/api/equipment/stocktakes/nope')).statusCode).toBe(404);
    expect((await call('ttyt.hoanghoa', 'GET', '/api/equipment/stocktakes?status=maybe')).statusCode).toBe(400);
    expect((await call('ttyt.hoanghoa', 'PUT', '/api/equipment/stocktakes/nope/units/TYT15961/lines', { lines: [] })).statusCode).toBe(404);
  });

  it('is created by the centre for its subtree, not by a station nor by another centre', async () => {
    const nurse = await call('tyt.hoangloc', 'POST', '/api/equipment/stocktakes', { name: 'Kiểm kê', asOf: today, orgUnit: XUAN });
    expect(nurse.statusCode).toBe(403);
    const other = await call('ttyt380.kk', 'POST', '/api/equipment/stocktakes', { name: 'Kiểm kê', asOf: today, orgUnit: 'TTYT399' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    const bad = await call('ttyt.hoanghoa', 'POST', '/api/equipment/stocktakes', { name: '', asOf: '2026-13-01', orgUnit: 'TTYT399' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.details.fields).sort()).toEqual(['asOf', 'name']);

    const r = await call('ttyt.hoanghoa', 'POST', '/api/equipment/stocktakes', { name: 'Kiểm kê tài sản cuối năm', asOf: today, orgUnit: 'TTYT399' });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    id = c.id;
    expect(c).toMatchObject({ name: 'Kiểm kê tài sản cuối năm', asOf: today, status: 'open', orgUnit: { code: 'TTYT399' }, can: { close: true } });
    const xuan = c.units.find((u: { orgUnit: { code: string } }) => u.orgUnit.code === XUAN);
    expect(xuan.held).toBeGreaterThanOrEqual(3);
    expect(xuan.marked).toBe(0);
    expect(c.units.some((u: { orgUnit: { code: string } }) => u.orgUnit.code === LOC)).toBe(true);
  });

  it('shows a station the campaign of its centre, with its own unit only', async () => {
    const list = json(await call('tyt.hoangloc', 'GET', '/api/equipment/stocktakes'));
    expect(list.stocktakes.map((s: { id: string }) => s.id)).toContain(id);
    const c = json(await call('tyt.hoangloc', 'GET', `/api/equipment/stocktakes/${id}`));
    expect(c.units.map((u: { orgUnit: { code: string } }) => u.orgUnit.code)).toEqual([XUAN]);
    expect(c.can.close).toBe(false);
    const sheet = json(await call('tyt.hoangloc', 'GET', `/api/equipment/stocktakes/${id}/units/${XUAN}`));
    expect(sheet.can).toEqual({ edit: true, reopen: false, apply: false });
    const tags = sheet.items.map((i: { asset: { tag: string } }) => i.asset.tag);
    expect(tags).toEqual(expect.arrayContaining([ultrasound.tag, suction.tag, bp.tag]));
    expect(tags).not.toContain(ecg.tag);
    expect(sheet.items.find((i: { asset: { id: string } }) => i.asset.id === bp.id)).toMatchObject({ asset: { counted: true, quantity: 5 }, expected: 'good', line: null });
  });

  it('refuses a station the sheet of another station, and another centre the campaign', async () => {
    const r = await call('tyt.hoangloc', 'GET', `/api/equipment/stocktakes/${id}/units/${LOC}`);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('OUT_OF_SCOPE');
    const w = await call('tyt.hoangloc', 'PUT', `/api/equipment/stocktakes/${id}/units/${LOC}/lines`, { lines: [{ outcome: 'found', asset: ecg.id, condition: 'good' }] });
    expect(w.statusCode).toBe(403);
    const c = await call('ttyt380.kk', 'GET', `/api/equipment/stocktakes/${id}`);
    expect(c.statusCode).toBe(403);
    expect(c.json().error.code).toBe('OUT_OF_SCOPE');
    const d = await call('ttyt380.kk', 'GET', `/api/equipment/stocktakes/${id}/record.docx`);
    expect(d.statusCode).toBe(403);
    // Another station's asset is not on this station's list.
    const x = await call('tyt.hoangloc', 'PUT', `/api/equipment/stocktakes/${id}/units/${XUAN}/lines`, { lines: [{ outcome: 'found', asset: ecg.id, condition: 'good' }] });
    expect(x.statusCode).toBe(400);
    expect(x.json().error.details.fields['lines.0.asset']).toMatch(/không có trong danh sách kiểm kê/);
  });

  it('takes the count line by line or in bulk, and confirms only a complete list', async () => {
    const url = `/api/equipment/stocktakes/${id}/units/${XUAN}`;
    // On the phone: one line.
    const one = await call('tyt.hoangloc', 'PUT', `${url}/lines`, { lines: [{ outcome: 'missing', asset: suction.id, note: 'Không tìm thấy tại phòng cấp cứu' }] });
    expect(one.statusCode, one.body).toBe(200);
    const early = await call('tyt.hoangloc', 'POST', `${url}/confirm`, { signers: [{ role: 'Trưởng trạm', name: 'Lê Thị Hoa' }] });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/chưa được kiểm/);

    // In the table: every other item found as registered, the ultrasound broken, the meters counted 3, a surplus scale.
    const sheet = json(await call('tyt.hoangloc', 'GET', url));
    const lines = sheet.items
      .filter((i: { asset: { id: string } }) => i.asset.id !== suction.id)
      .map((i: { asset: { id: string }; expected: string }) =>
        i.asset.id === ultrasound.id ? { outcome: 'found', asset: i.asset.id, condition: 'broken', note: 'Không lên hình' }
        : i.asset.id === bp.id ? { outcome: 'found', asset: i.asset.id, condition: 'good', counted: 3 }
        : { outcome: 'found', asset: i.asset.id, condition: i.expected });
    lines.push({ outcome: 'surplus', description: 'Cân sức khỏe người lớn (không có trong sổ)', category: 'SCALE_PLATFORM', condition: 'good', counted: 1 });
    const bad = await call('tyt.hoangloc', 'PUT', `${url}/lines`, { lines: [{ outcome: 'found', asset: bp.id, condition: 'so-so' }] });
    expect(bad.statusCode).toBe(400);
    for (const body of [{ lines: 'all' }, { lines: [{ outcome: 'surplus', description: 'x', category: 'NOPE', condition: 'good' }] }, { lines: [{ asset: bp.id }] }]) {
      expect((await call('tyt.hoangloc', 'PUT', `${url}/lines`, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const unknown = await call('tyt.hoangloc', 'PUT', `${url}/lines`, { lines: [{ outcome: 'surplus', id: 'nope', description: 'x', category: 'SCALE_PLATFORM', condition: 'good' }] });
    expect(unknown.statusCode).toBe(404);
    const r = await call('tyt.hoangloc', 'PUT', `${url}/lines`, { lines });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.items.every((i: { line: unknown }) => i.line)).toBe(true);
    expect(s.items.find((i: { asset: { id: string } }) => i.asset.id === bp.id).line).toMatchObject({ outcome: 'found', counted: 3, condition: 'good' });
    expect(s.items.find((i: { asset: { id: string } }) => i.asset.id === suction.id).line).toMatchObject({ outcome: 'missing', counted: 0 });
    expect(s.surplus).toEqual([expect.objectContaining({ description: 'Cân sức khỏe người lớn (không có trong sổ)', category: 'SCALE_PLATFORM', counted: 1 })]);

    const ok = await call('tyt.hoangloc', 'POST', `${url}/confirm`, { signers: [{ role: 'Trưởng trạm', name: 'Lê Thị Hoa' }, { role: 'Người kiểm kê', name: 'Nguyễn Văn Bình' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ confirmedBy: 'tyt.hoangloc', signers: [{ name: 'Lê Thị Hoa' }, { name: 'Nguyễn Văn Bình' }], can: { edit: false } });
    const late = await call('tyt.hoangloc', 'PUT', `${url}/lines`, { lines: [{ outcome: 'found', asset: suction.id, condition: 'good' }] });
    expect(late.statusCode).toBe(409);
  });

  it('lists the differences: missing, surplus, condition, quantity', async () => {
    const d = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/stocktakes/${id}/differences?orgUnit=${XUAN}`));
    const of = (kind: string, assetId?: string) => d.differences.filter((x: { kind: string; asset: { id: string } | null }) => x.kind === kind && (!assetId || x.asset?.id === assetId));
    expect(of('missing', suction.id)).toEqual([expect.objectContaining({ bookQuantity: 1, counted: 0, apply: null })]);
    expect(of('condition', ultrasound.id)).toEqual([expect.objectContaining({ expected: 'good', condition: 'broken', apply: { status: 'broken' } })]);
    expect(of('quantity', bp.id)).toEqual([expect.objectContaining({ bookQuantity: 5, counted: 3, apply: { quantity: 3 } })]);
    expect(of('surplus')).toEqual([expect.objectContaining({ asset: null, description: 'Cân sức khỏe người lớn (không có trong sổ)', counted: 1 })]);
    expect(d.totals).toEqual({ missing: 1, surplus: 1, condition: 1, quantity: 1 });
  });

  it('closes only when every unit holding assets confirmed (or forced), and applies nothing', async () => {
    const nurse = await call('tyt.hoangloc', 'POST', `/api/equipment/stocktakes/${id}/close`, {});
    expect(nurse.statusCode).toBe(403);
    const r = await call('ttyt.hoanghoa', 'POST', `/api/equipment/stocktakes/${id}/close`, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.units).toContain(LOC);
    const f = await call('ttyt.hoanghoa', 'POST', `/api/equipment/stocktakes/${id}/close`, { force: true });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json().stocktake.status).toBe('closed');
    expect(f.json().unconfirmed.map((u: { code: string }) => u.code)).toContain(LOC);
    expect(f.json().totals).toMatchObject({ missing: 1, surplus: 1, condition: 1, quantity: 1 });
    const a = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${ultrasound.id}`));
    expect(a.status).toBe('in_use');
    expect(json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${bp.id}`)).quantity).toBe(5);
  });

  it('applies a difference explicitly, by the manager, once', async () => {
    const a = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${ultrasound.id}`));
    const nurse = await call('tyt.hoangloc', 'POST', `/api/equipment/stocktakes/${id}/apply`, { asset: ultrasound.id, version: a.version });
    expect(nurse.statusCode).toBe(403);
    const other = await call('ttyt380.kk', 'POST', `/api/equipment/stocktakes/${id}/apply`, { asset: ultrasound.id, version: a.version });
    expect(other.statusCode).toBe(403);
    const r = await call('ttyt.hoanghoa', 'POST', `/api/equipment/stocktakes/${id}/apply`, { asset: ultrasound.id, version: a.version });
    expect(r.statusCode, r.body).toBe(200);
    const after = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${ultrasound.id}`));
    expect(after.status).toBe('broken');
    expect(after.history[0]).toMatchObject({ action: 'stocktake', before: { status: 'in_use' }, after: { status: 'broken' } });
    // The record keeps the difference as counted, marked applied.
    const diff = r.json().differences.find((x: { kind: string; asset: { id: string } | null }) => x.kind === 'condition' && x.asset?.id === ultrasound.id);
    expect(diff).toMatchObject({ expected: 'good', condition: 'broken', apply: null });
    expect(diff.appliedAt).toBeTruthy();
    const again = await call('ttyt.hoanghoa', 'POST', `/api/equipment/stocktakes/${id}/apply`, { asset: ultrasound.id, version: after.version });
    expect(again.statusCode).toBe(409);
    const bpRow = json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${bp.id}`));
    const q = await call('ttyt.hoanghoa', 'POST', `/api/equipment/stocktakes/${id}/apply`, { asset: bp.id, version: bpRow.version });
    expect(q.statusCode, q.body).toBe(200);
    expect(json(await call('ttyt.hoanghoa', 'GET', `/api/equipment/assets/${bp.id}`)).quantity).toBe(3);
    const missing = await call('ttyt.hoanghoa', 'POST', `/api/equipment/stocktakes/${id}/apply`, { asset: suction.id, version: 1 });
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error.message).toMatch(/Không có thay đổi/);
  });

  it('writes the signed record as DOCX with the items, values as of the date and totals', async () => {
    const sheet = json(await call('tyt.hoangloc', 'GET', `/api/equipment/stocktakes/${id}/units/${XUAN}`));
    const r = await call('tyt.hoangloc', 'GET', `/api/equipment/stocktakes/${id}/record.docx?orgUnit=${XUAN}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(r.rawPayload);
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Kiểm kê tài sản');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // The ultrasound: one on the books, one counted, found broken; cost and residual as of the date.
    const value = json(await call('tyt.hoangloc', 'GET', `/api/equipment/assets/${ultrasound.id}/value?date=${today}`));
    expect(value.residual).toBeLessThan(150_000_000);
    // Each cell is a paragraph: a row reads as consecutive lines.
    const lines = text.split('\n');
    const row = (first: string, n: number) => lines.slice(lines.indexOf(first), lines.indexOf(first) + n);
    expect(row(ultrasound.tag, 8)).toEqual([ultrasound.tag, 'Máy siêu âm xách tay KK', '1', '1', '0', 'Hỏng', vi(150_000_000), vi(value.residual)]);
    expect(row(suction.tag, 6)).toEqual([suction.tag, 'Máy hút dịch KK', '1', '0', vi(-1), 'Không tìm thấy']);
    expect(row(bp.tag, 7)).toEqual([bp.tag, 'Máy đo huyết áp đồng hồ KK', '5', '3', vi(-2), 'Tốt', vi(6_000_000)]);
    expect(row('Cân sức khỏe người lớn (không có trong sổ)', 5)).toEqual(['Cân sức khỏe người lớn (không có trong sổ)', '', '1', '+1', 'Thừa (tốt)']);
    // Totals of the unit's table: the book as counted (the meters' 5, since applied as 3), the counted, the cost.
    type Item = { line: { counted: number | null }; asset: { quantity: number; cost: number; id: string } };
    const items: Item[] = sheet.items;
    const bookOf = (i: Item) => (i.asset.id === bp.id ? 5 : i.asset.quantity);
    const book = items.reduce((n, i) => n + bookOf(i), 0);
    const counted = items.reduce((n, i) => n + (i.line.counted ?? 0), 0) + 1;
    const cost = items.reduce((n, i) => n + i.asset.cost * bookOf(i), 0);
    const residual = items.reduce((n, i) => n + (i.asset.id === bp.id ? (i as unknown as { residual: number }).residual / 3 * 5 : (i as unknown as { residual: number }).residual), 0);
    const diff = counted - book;
    expect(row('Cộng', 7)).toEqual(['Cộng', vi(book), vi(counted), diff > 0 ? `+${vi(diff)}` : vi(diff), '', vi(cost), vi(residual)]);
    expect(text).toContain('Tài sản thiếu (không tìm thấy): 1; tài sản thừa (chưa có trong sổ): 1; tình trạng khác sổ sách: 1; số lượng khác sổ sách: 1.');
    expect(text).toContain('Ông/bà Lê Thị Hoa, Trưởng trạm.');
    expect(text).toContain('NGƯỜI KIỂM KÊ');
  });

  it('writes the whole campaign’s record for the centre, and only her own unit’s for a station', async () => {
    const centre = await docxText((await call('ttyt.hoanghoa', 'GET', `/api/equipment/stocktakes/${id}/record.docx`)).rawPayload);
    const lines = centre.split('\n');
    expect(lines.some((l) => /^\d+\. Trạm Y tế .*Hoằng Lộc$/.test(l))).toBe(true);
    // The other station never counted: its asset is listed as not counted.
    expect(lines.slice(lines.indexOf(ecg.tag), lines.indexOf(ecg.tag) + 6)).toEqual([ecg.tag, 'Máy điện tim 3 cần KK', '1', '0', vi(-1), 'Chưa kiểm']);
    const own = await docxText((await call('tyt.hoangloc', 'GET', `/api/equipment/stocktakes/${id}/record.docx`)).rawPayload);
    expect(own).toContain(ultrasound.tag);
    expect(own).not.toContain(ecg.tag);
  });

  it('writes the same record in Excel', async () => {
    const r = await call('ttyt.hoanghoa', 'GET', `/api/equipment/stocktakes/${id}/record.xlsx?orgUnit=${XUAN}`);
    expect(r.statusCode, r.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const ws = wb.getWorksheet('Kiểm kê')!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]![0]).toBe('BIÊN BẢN KIỂM KÊ TÀI SẢN');
    const us = rows.find((x) => x[2] === ultrasound.tag)!;
    expect(us[1]).toMatch(/Hoằng Lộc/);
    expect(us.slice(2, 8)).toEqual([ultrasound.tag, 'Máy siêu âm xách tay KK', 1, 1, 0, 'Hỏng']);
    expect(us[8]).toBe(150_000_000);
    const bpRow = rows.find((x) => x[2] === bp.tag)!;
    expect(bpRow.slice(4, 8)).toEqual([5, 3, -2, 'Tốt']);
    const total = rows.find((x) => x[1] === 'Tổng cộng')!;
    const items = rows.slice(3, rows.indexOf(total)); // title, subtitle, header (the blank row is skipped)
    expect(total[4]).toBe(items.reduce((n, x) => n + Number(x[4]), 0));
    expect(total[5]).toBe(items.reduce((n, x) => n + Number(x[5]), 0));
    expect(total[8]).toBe(items.reduce((n, x) => n + Number(x[8] ?? 0), 0));
    const diffs = wb.getWorksheet('Chênh lệch')!;
    expect(diffs.rowCount).toBe(5); // header + missing, surplus, condition, quantity
    const sig = wb.getWorksheet('Ký xác nhận')!;
    const names: unknown[] = [];
    sig.eachRow((row) => names.push(row.getCell(4).value));
    expect(names).toContain('Lê Thị Hoa');
  });
});
