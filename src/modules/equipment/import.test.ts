// Excel import of an existing register over HTTP against the real database: a centre's workbook as
// centres write them (title rows above the header, accented and abbreviated headers, a row of column
// numbers, a section heading, a total row, amounts written "150.000.000", dates as text, Excel dates and
// bare years) with one bad row; the preview names exactly that row and writes nothing; the confirmation
// writes the others (history included); the same file again writes nothing; and the lines an importer
// must not cross.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { testApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { norm, parseMoney, parseWhen } from './import.service.js';

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { ...(await as(user)), 'accept-language': 'vi' }, payload: payload as never });
}

async function upload(user: string, content: Buffer, query = '', fileName = 'so-tai-san-2024.xlsx') {
  const boundary = 'soyteBoundary7f3a';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const payload = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return t.app.inject({
    method: 'POST',
    url: `/api/equipment/import/preview${query}`,
    headers: { ...(await as(user)), 'accept-language': 'vi', 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

/** A register as a centre keeps it in Excel. */
async function register(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ TSCĐ');
  ws.addRow(['TRUNG TÂM Y TẾ HOẰNG HÓA']);
  ws.addRow(['SỔ THEO DÕI TÀI SẢN CỐ ĐỊNH, TRANG THIẾT BỊ NĂM 2024']);
  ws.addRow([]);
  ws.addRow(['STT', 'Tên tài sản', 'Số hiệu', 'Ký hiệu', 'Số máy', 'Xuất xứ', 'Năm SX', 'Năm đưa vào sử dụng', 'ĐVT', 'Số lượng', 'Nguyên giá (đồng)', 'Giá trị còn lại', 'Đơn vị sử dụng', 'Tình trạng', 'Nguồn vốn']);
  ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)', '(13)', '(14)', '(15)']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ROWS: unknown[][] = [
  ['I', 'TRẠM Y TẾ XÃ HOẰNG LỘC'], // a section heading (row 6)
  [1, 'Máy siêu âm xách tay', '', 'DP-10', 'SN-A001', 'Trung Quốc', 2019, '15/03/2020', 'Cái', 1, '150.000.000', '90.000.000', 'TYT Hoằng Lộc', 'Đang sử dụng', 'Ngân sách'],
  [2, 'Máy đo huyết áp đồng hồ', '', '', '', 'Nhật Bản', '', 2021, 'Cái', 3, 850000, '', 'TYT15961', 'Tốt', ''],
  [3, 'Máy hút dịch', '', '', 'SN-H9', '', '', new Date(Date.UTC(2018, 5, 1)), 'Cái', 1, '12,500,000', '', 'Trạm Y tế xã Hoằng Lộc', 'Hỏng', 'XHH'],
  [4, '', '', '', '', '', '', '2020', 'Cái', 1, 'abc', '', 'Trạm Y tế xã Không Có', '', ''], // the bad row (row 10)
  [5, 'Tủ lạnh bảo quản vắc xin', '', '', '', '', '', '2022', 'Cái', 1, 15000000, '', '', 'Đang sử dụng', 'Dự án'],
  [6, 'Máy điện tim 3 cần', '', '', '', '', '', '2023', 'Cái', 2, '25.000.000 đ', '', 'TYT15961', '', ''],
  [7, 'Nhiệt kế hồng ngoại đo trán', '', '', '', '', '', '01/2023', 'Cái', 5, '1.200.000', '', 'TYT15961', 'Tốt', ''],
  ['', 'Tổng cộng', '', '', '', '', '', '', '', 14, 229_100_000],
];

beforeAll(async () => {
  t = await testApp();
  const r = await call('admin', 'POST', '/api/users', { username: 'ttyt.qlts380', displayName: 'QLTS 380', password: TEST_DEMO_PASSWORD, orgUnitId: await t.unit('TTYT380'), roles: ['unit_admin'] });
  expect(r.statusCode, r.body).toBe(201);
}, 180_000);

describe('values as registers write them', () => {
  it('reads amounts, dates and years', () => {
    expect(parseMoney('150.000.000')).toBe(150_000_000);
    expect(parseMoney('150,000,000 đ')).toBe(150_000_000);
    expect(parseMoney(150000000)).toBe(150_000_000);
    expect(parseMoney('1,5 triệu')).toBe(1_500_000);
    expect(parseMoney('1.500.000,50')).toBe(1_500_001);
    expect(parseMoney('abc')).toBeNull();
    expect(parseWhen('15/03/2020')).toEqual({ date: '2020-03-15', yearOnly: false });
    expect(parseWhen('2019')).toEqual({ date: '2019-01-01', yearOnly: true });
    expect(parseWhen(2019)).toEqual({ date: '2019-01-01', yearOnly: true });
    expect(parseWhen(43831)).toEqual({ date: '2020-01-01', yearOnly: false }); // an Excel serial day
    expect(parseWhen('31/02/2020')).toBeNull();
    expect(norm('Nguyên giá (đồng)')).toBe('nguyen gia dong');
  });
});

describe('importing a centre register', () => {
  let token: string;
  let file: Buffer;

  it('previews without writing: the columns matched, each row checked, exactly the bad row refused with its reasons', async () => {
    file = await register(ROWS);
    const before = (await call('ttyt.hoanghoa', 'GET', '/api/equipment/assets?orgUnit=TTYT399&paging=false')).json().assets.length;
    const r = await upload('ttyt.hoanghoa', file, '?orgUnit=TTYT399');
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    token = p.token;
    expect(p).toMatchObject({ sheet: 'Sổ TSCĐ', headerRow: 4, orgUnit: { code: 'TTYT399' } });
    const fieldOf = (header: string) => p.columns.find((c: { header: string }) => c.header === header)?.field;
    expect(['Tên tài sản', 'Số hiệu', 'Ký hiệu', 'Số máy', 'Xuất xứ', 'Năm SX', 'Năm đưa vào sử dụng', 'ĐVT', 'Số lượng', 'Nguyên giá (đồng)', 'Giá trị còn lại', 'Đơn vị sử dụng', 'Tình trạng', 'Nguồn vốn'].map(fieldOf))
      .toEqual(['name', 'tag', 'model', 'serial', 'origin', 'yearMade', 'acquired', null, 'quantity', 'cost', null, 'orgUnit', 'status', 'funding']);

    expect(p.errors).toEqual([
      { row: 10, name: null, reasons: ['Thiếu tên thiết bị.', 'Nguyên giá "abc" không phải là số tiền.', 'Không tìm thấy đơn vị "Trạm Y tế xã Không Có".'] },
    ]);
    const rows = p.rows.map((x: Record<string, unknown>) => [x.row, x.category, (x.orgUnit as { code: string }).code, x.acquired, x.cost, x.quantity, x.status]);
    expect(rows).toEqual([
      [7, 'ULTRASOUND', 'TYT15961', '2020-03-15', 150_000_000, 1, 'in_use'],
      [8, 'BP_METER', 'TYT15961', '2021-01-01', 850_000, 3, 'in_use'],
      [9, 'SUCTION', 'TYT15961', '2018-06-01', 12_500_000, 1, 'broken'],
      [11, 'VACCINE_FRIDGE', 'TTYT399', '2022-01-01', 15_000_000, 1, 'in_use'],
      // An electrocardiograph is registered one by one: 2 on one row become 2 assets.
      [12, 'ECG', 'TYT15961', '2023-01-01', 25_000_000, 1, 'in_use'],
      [12, 'ECG', 'TYT15961', '2023-01-01', 25_000_000, 1, 'in_use'],
      [13, 'THERMO_IR', 'TYT15961', '2023-01-01', 1_200_000, 5, 'in_use'],
    ]);
    expect(p.rows[0]).toMatchObject({ model: 'DP-10', serial: 'SN-A001', origin: 'Trung Quốc', yearMade: 2019, funding: 'ngan_sach', categoryGuessed: true, existing: null });
    expect(p.rows[2].funding).toBe('xa_hoi_hoa');
    expect(p.rows[3].funding).toBe('du_an');
    expect(p.rows[4].warnings).toContain('Loại này quản lý từng chiếc: tách thành 2 thiết bị.');
    expect(p.counts).toEqual({ rows: 8, new: 7, existing: 0, errors: 1 });
    // Nothing written yet.
    expect((await call('ttyt.hoanghoa', 'GET', '/api/equipment/assets?orgUnit=TTYT399&paging=false')).json().assets.length).toBe(before);
  });

  it('confirms: the valid rows are written through the register (tags, history, audit), the bad one is reported', async () => {
    const progress = await call('ttyt.hoanghoa', 'GET', `/api/equipment/import/${token}`);
    expect(progress.json()).toMatchObject({ state: 'preview', done: 0, total: 7 });
    // Someone else's token is nobody's: the other centre cannot confirm it.
    expect((await call('ttyt.qlts380', 'POST', '/api/equipment/import/confirm', { token })).statusCode).toBe(404);

    const r = await call('ttyt.hoanghoa', 'POST', '/api/equipment/import/confirm', { token });
    expect(r.statusCode, r.body).toBe(200);
    const res = r.json();
    expect(res.written.map((w: { row: number }) => w.row)).toEqual([7, 8, 9, 11, 12, 12, 13]);
    expect(res.existing).toEqual([]);
    expect(res.refused.map((x: { row: number }) => x.row)).toEqual([10]);
    expect(res.written[0].tag).toMatch(/^TYT15961-\d{4}$/);

    const list = (await call('tyt.hoangloc', 'GET', '/api/equipment/assets?orgUnit=TYT15961&paging=false')).json().assets;
    const pump = list.find((a: { name: string }) => a.name === 'Máy hút dịch');
    expect(pump).toMatchObject({ status: 'broken', category: 'SUCTION', cost: 12_500_000, acquired: '2018-06-01' });
    const detail = (await call('tyt.hoangloc', 'GET', `/api/equipment/assets/${pump.id}`)).json();
    expect(detail.serial).toBe('SN-H9');
    const actions = detail.history.map((h: { action: string }) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'import']));
    const imp = detail.history.find((h: { action: string }) => h.action === 'import');
    expect(imp).toMatchObject({ user: 'ttyt.hoanghoa', note: 'Nhập từ sổ Excel "so-tai-san-2024.xlsx", dòng 9.', after: { row: 9, file: 'so-tai-san-2024.xlsx' } });
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', pump.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['equipment.create', 'equipment.import']));
    expect(list.filter((a: { category: string }) => a.category === 'ECG')).toHaveLength(2);
    // The vaccine fridge had no unit: it went to the centre itself.
    const centre = (await call('ttyt.hoanghoa', 'GET', '/api/equipment/assets?orgUnit=TTYT399&paging=false&category=VACCINE_FRIDGE')).json().assets;
    expect(centre.map((a: { orgUnit: { code: string } }) => a.orgUnit.code)).toContain('TTYT399');
  });

  it('a second confirmation or the same file again writes nothing new ("đã có")', async () => {
    const again = await call('ttyt.hoanghoa', 'POST', '/api/equipment/import/confirm', { token });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toContain('tải tệp lên lại');

    const count = async () => (await call('ttyt.hoanghoa', 'GET', '/api/equipment/assets?orgUnit=TTYT399&paging=false')).json().assets.length;
    const before = await count();
    const r = await upload('ttyt.hoanghoa', file, '?orgUnit=TTYT399');
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.counts).toEqual({ rows: 8, new: 0, existing: 7, errors: 1 });
    expect(p.rows[0].existing).toMatchObject({ reason: 'serial' });
    expect(p.rows[1].existing).toMatchObject({ reason: 'imported' });
    const c = (await call('ttyt.hoanghoa', 'POST', '/api/equipment/import/confirm', { token: p.token })).json();
    expect(c.written).toEqual([]);
    expect(c.existing).toHaveLength(7);
    expect(await count()).toBe(before);
  });

  it('a row with an existing tag is "đã có"; two rows with the same tag in the file are refused', async () => {
    const list = (await call('ttyt.hoanghoa', 'GET', '/api/equipment/assets?orgUnit=TYT15961&paging=false&category=ULTRASOUND')).json().assets;
    const tag = list[0].tag;
    const f = await register([
      [1, 'Máy siêu âm', tag, '', '', '', '', '2020', 'Cái', 1, 1000, '', 'TYT15961'],
      [2, 'Máy in laser', 'TTYT399-IN-01', '', '', '', '', '2024', 'Cái', 1, 4_500_000, '', ''],
      [3, 'Máy in màu', 'TTYT399-IN-01', '', '', '', '', '2024', 'Cái', 1, 6_000_000, '', ''],
    ]);
    const p = (await upload('ttyt.hoanghoa', f, '?orgUnit=TTYT399')).json();
    expect(p.rows.map((x: { row: number; existing: unknown }) => [x.row, x.existing ? 'đã có' : 'mới'])).toEqual([[6, 'đã có'], [7, 'mới']]);
    expect(p.errors).toEqual([{ row: 8, name: 'Máy in màu', reasons: ['Mã "TTYT399-IN-01" trùng với dòng 7.'] }]);
  });
});

describe('who may import where', () => {
  it('a station user cannot import', async () => {
    const r = await upload('tyt.hoangloc', await register(ROWS.slice(1, 2)), '?orgUnit=TYT15961');
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
    expect((await call('tyt.hoangloc', 'POST', '/api/equipment/import/confirm', { token: 'x'.repeat(24) })).statusCode).toBe(403);
  });

  it('a centre cannot import into another centre, nor name its units in the file', async () => {
    const f = await register([
      [1, 'Máy in', '', '', '', '', '', '2024', 'Cái', 1, 4_000_000, '', 'TTYT380'],
      [2, 'Máy vi tính', '', '', '', '', '', '2024', 'Cái', 1, 12_000_000, '', ''],
    ]);
    const other = await upload('ttyt.hoanghoa', f, '?orgUnit=TTYT380');
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    const p = (await upload('ttyt.hoanghoa', f, '?orgUnit=TTYT399')).json();
    expect(p.errors).toEqual([{ row: 6, name: 'Máy in', reasons: ['Đơn vị "TTYT380" không thuộc phạm vi của bạn.'] }]);
    expect(p.rows.map((x: { name: string; orgUnit: { code: string } }) => [x.name, x.orgUnit.code])).toEqual([['Máy vi tính', 'TTYT399']]);
  });

  it('refuses what is no register: not an .xlsx, no header row', async () => {
    const txt = await upload('ttyt.hoanghoa', Buffer.from('Tên thiết bị;Nguyên giá\nMáy in;100'), '?orgUnit=TTYT399', 'so.csv');
    expect(txt.statusCode).toBe(400);
    expect(txt.json().error.message).toBe('Hãy chọn một tệp Excel (.xlsx).');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['Họ tên', 'Ngày sinh']);
    const none = await upload('ttyt.hoanghoa', Buffer.from(await wb.xlsx.writeBuffer()), '?orgUnit=TTYT399');
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('Không tìm thấy dòng tiêu đề');
  });

  it('keeps dates in the past: a future date is refused', async () => {
    const next = `${Number(todayVn().slice(0, 4)) + 1}`;
    const p = (await upload('ttyt.hoanghoa', await register([[1, 'Máy in', '', '', '', '', '', next, 'Cái', 1, 100, '', '']]), '?orgUnit=TTYT399')).json();
    expect(p.errors[0].reasons[0]).toBe(`Ngày đưa vào sử dụng ${next}-01-01 sau hôm nay.`.replace(`${next}-01-01`, `01/01/${next}`));
  });
});
