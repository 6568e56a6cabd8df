// The "Báo cáo kết quả thực hiện" of a document against the real database: a notice with tasks in
// every follow-up state (made and worked over HTTP), its report rendered to DOCX and read back (header,
// summary line, counts, one row per task, overdue tasks, closing), the same as HTML, and who may have it.
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/calendar.js';
import { todayVn } from '../../lib/dates.js';
import { formatDateVn } from '../../lib/periods.js';
import { testApp, TEST_DEMO_PASSWORD, json, type TestApp } from '../../test/harness.js';
import { buildDocumentReport } from './directive-report.js';


let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));
const today = todayVn();
const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

async function call(user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: await as(user), payload: payload as never });
}
async function ok(user: string, method: 'POST' | 'PATCH', url: string, payload: unknown) {
  const r = await call(user, method, url, payload);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** The DOCX's paragraphs as text, and its tables' rows as the texts of their cells. */
async function openDocx(buf: Buffer): Promise<{ text: string; rows: string[][] }> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const decode = (x: string) => x.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const textOf = (x: string) => decode([...x.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
  return {
    text: xml.split(/<\/w:p>/).map(textOf).join('\n'),
    rows: [...xml.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((r) => [...r[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((c) => textOf(c[0]))),
  };
}

const D = {
  onTime: addDays(today, -30), onTimeDone: addDays(today, -35),
  late: addDays(today, -40), lateDone: addDays(today, -32),
  overdue: addDays(today, -12),
  inProgress: addDays(today, 20),
  extended: addDays(today, 5), extendedTo: addDays(today, 25),
};
let docId: string;
let centreDocId: string;

beforeAll(async () => {
  t = await testApp();
  const admin = await t.login('admin');
  const user = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'ttyt.tpth', displayName: 'TTYT TP', password: TEST_DEMO_PASSWORD, orgUnitId: await t.unit('TTYT380'), roles: ['unit_admin'] } });
  expect(user.statusCode, user.body).toBe(201);

  const doc = await ok('syt.admin', 'POST', '/api/directives', {
    kind: 'conclusion_notice', number: '186/TB-SYT', date: '2022-10-24', issuer: 'UBND tỉnh Thanh Hóa', signer: 'Nguyễn Văn A',
    title: 'Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với ngành y tế',
    tasks: [
      { item: '1', content: 'Rà soát, thống nhất đầu mối ký hợp đồng KCB BHYT cho các Trạm Y tế', lead: ['TTYT399'], deadline: D.onTime },
      { item: '2', content: 'Xây dựng Kế hoạch, Chương trình hành động', lead: ['TTYT399'], deadline: D.late },
      { item: '3', content: 'Kiểm tra an toàn thực phẩm tại các bếp ăn tập thể', lead: ['TTYT380'], deadline: D.inProgress },
      { item: '4', content: 'Tham mưu bố trí kinh phí sửa chữa Trạm Y tế', lead: ['SYT38_KHTC'], deadline: D.overdue },
      { item: '5', content: 'Theo dõi, đôn đốc thực hiện', lead: ['SYT38_KHTC'], ongoing: true },
      { item: '6', content: 'Báo cáo tình hình nhân lực y tế cơ sở', lead: ['TTYT399'], deadline: D.extended },
    ],
  });
  docId = doc.id;
  const task = (item: string) => doc.tasks.find((x: { item: string }) => x.item === item);
  for (const [item, completedOn] of [['1', D.onTimeDone], ['2', D.lateDone]] as const) {
    const sub = await ok('ttyt.hoanghoa', 'POST', `/api/tasks/${task(item).id}/actions`, { action: 'submit', version: task(item).version, comment: 'Đã hoàn thành' });
    await ok('syt.admin', 'POST', `/api/tasks/${sub.id}/actions`, { action: 'confirm', version: sub.version, completedOn });
  }
  const ext = await ok('ttyt.hoanghoa', 'POST', `/api/tasks/${task('6').id}/extensions`, { deadline: D.extendedTo, reason: 'Chờ số liệu của các trạm' });
  await ok('syt.admin', 'POST', `/api/tasks/${task('6').id}/extensions/${ext.pendingExtension.id}`, { approve: true });

  // A centre follows up its own letter to its stations.
  const [station] = json(await call('ttyt.hoanghoa', 'GET', `/api/orgunits/${await t.unit('TTYT399')}/children`));
  const letter = await ok('ttyt.hoanghoa', 'POST', '/api/directives', {
    kind: 'official_letter', number: '45/TTYT-KHNV', date: addDays(today, -10), issuer: 'Trung tâm Y tế huyện Hoằng Hóa',
    tasks: [{ item: '1', content: 'Báo cáo trang thiết bị của trạm', lead: [station.code], deadline: addDays(today, 10) }],
  });
  centreDocId = letter.id;
}, 120_000);

describe('the report of a document’s tasks (Báo cáo kết quả thực hiện)', () => {
  let text: string;
  let rows: string[][];

  beforeAll(async () => {
    const r = await call('syt.admin', 'GET', `/api/directives/${docId}/report.docx`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="BC_KQTH_186_TB-SYT_${today.replace(/-/g, '')}.docx"`);
    ({ text, rows } = await openDocx(r.rawPayload));
  });

  it('is headed by the unit that follows the document up, under its parent body, dated today', () => {
    for (const s of ['UBND TỈNH THANH HÓA', 'SỞ Y TẾ THANH HÓA', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO']) expect(text).toContain(s);
    expect(text).toContain(`Số: ${'\u00a0'.repeat(6)}/BC-SYT`);
    expect(text).toContain(`Thanh Hóa, ${formatDateVn(today)}`);
    expect(text).not.toContain('DỰ THẢO');
  });

  it('names the document in its summary line and its opening', () => {
    expect(text).toContain('Kết quả thực hiện Thông báo kết luận số 186/TB-SYT ngày 24/10/2022 của UBND tỉnh Thanh Hóa');
    expect(text).toContain(
      `Thực hiện Thông báo kết luận số 186/TB-SYT ngày 24/10/2022 của UBND tỉnh Thanh Hóa (Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với ngành y tế), Sở Y tế Thanh Hóa báo cáo kết quả thực hiện đến ngày ${dmy(today)} như sau:`,
    );
  });

  it('I. the counts in the four states (and without a deadline), then one row per task', () => {
    expect(text).toContain('I. KẾT QUẢ THỰC HIỆN');
    expect(text).toContain('Tổng số 6 nhiệm vụ; đã hoàn thành đúng hạn 1 (16,7 %), hoàn thành quá hạn 1; đang thực hiện trong hạn 2; quá hạn chưa hoàn thành 1; không thời hạn 1.');
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header]).toEqual(['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn', 'Kết quả']);
    expect(rows.slice(header + 1, header + 7)).toEqual([
      ['1', 'Rà soát, thống nhất đầu mối ký hợp đồng KCB BHYT cho các Trạm Y tế', 'Trung tâm Y tế huyện Hoằng Hóa', dmy(D.onTime), `Hoàn thành đúng hạn (hoàn thành ngày ${dmy(D.onTimeDone)})`],
      ['2', 'Xây dựng Kế hoạch, Chương trình hành động', 'Trung tâm Y tế huyện Hoằng Hóa', dmy(D.late), `Hoàn thành quá hạn (hoàn thành ngày ${dmy(D.lateDone)}, chậm 8 ngày)`],
      ['3', 'Kiểm tra an toàn thực phẩm tại các bếp ăn tập thể', 'Trung tâm Y tế thành phố Thanh Hóa', dmy(D.inProgress), 'Đang thực hiện trong hạn'],
      ['4', 'Tham mưu bố trí kinh phí sửa chữa Trạm Y tế', 'Phòng Kế hoạch – Tài chính', dmy(D.overdue), 'Quá hạn chưa hoàn thành (quá hạn 12 ngày)'],
      ['5', 'Theo dõi, đôn đốc thực hiện', 'Phòng Kế hoạch – Tài chính', 'Không thời hạn', 'Không thời hạn (đang thực hiện)'],
      ['6', 'Báo cáo tình hình nhân lực y tế cơ sở', 'Trung tâm Y tế huyện Hoằng Hóa', `${dmy(D.extendedTo)} (gia hạn từ ${dmy(D.extended)})`, 'Đang thực hiện trong hạn'],
    ]);
  });

  it('II. the overdue tasks with their lead and days overdue; III. a proposal; "./."; Nơi nhận; the director signs', () => {
    const ii = text.indexOf('II. TỒN TẠI, VƯỚNG MẮC');
    const iii = text.indexOf('III. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(ii).toBeGreaterThan(text.indexOf('I. KẾT QUẢ THỰC HIỆN'));
    expect(iii).toBeGreaterThan(ii);
    const overdue = text.slice(ii, iii);
    expect(overdue).toContain('Còn 1 nhiệm vụ quá hạn chưa hoàn thành:');
    expect(overdue).toContain(`- Tham mưu bố trí kinh phí sửa chữa Trạm Y tế (Phòng Kế hoạch – Tài chính): quá hạn 12 ngày (thời hạn ${dmy(D.overdue)}).`);
    expect(text.slice(iii)).toContain('Đề nghị các đơn vị chủ trì khẩn trương hoàn thành các nhiệm vụ quá hạn');
    expect(text).toContain('Trên đây là báo cáo kết quả thực hiện Thông báo kết luận số 186/TB-SYT ngày 24/10/2022 của Sở Y tế Thanh Hóa, kính báo cáo UBND tỉnh Thanh Hóa xem xét./.');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- UBND tỉnh Thanh Hóa (b/c);');
    expect(text).toContain('- Lưu: VT.');
    expect(text).toContain('GIÁM ĐỐC');
    expect(text).not.toMatch(/NaN|undefined|null|\{\{/);
  });

  it('the same as HTML (inline); a bad format, an unknown document or no session is refused', async () => {
    const html = await call('syt.admin', 'GET', `/api/directives/${docId}/report.html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-disposition']).toMatch(/^inline; /);
    expect(html.body).toContain('Tổng số 6 nhiệm vụ');
    expect(html.body).toContain('<td class="al-left">Phòng Kế hoạch – Tài chính</td>');
    const odt = await call('syt.admin', 'GET', `/api/directives/${docId}/report.odt`);
    expect(odt.statusCode).toBe(400);
    expect(odt.json().error.message).toContain('odt');
    expect((await call('syt.admin', 'GET', '/api/directives/nosuchdocument/report.docx')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/directives/${docId}/report.docx` })).statusCode).toBe(401);
  });
});

describe('who may have it', () => {
  it('a centre outside the document’s assigner scope gets 403 (it leads tasks of it, still not its report)', async () => {
    for (const user of ['ttyt.hoanghoa', 'ttyt.tpth', 'tyt.hoangloc']) {
      const r = await call(user, 'GET', `/api/directives/${docId}/report.docx`);
      expect(r.statusCode, user).toBe(403);
      expect(r.body).not.toContain('186/TB-SYT');
    }
    // A reader of the Department may.
    expect((await call('syt.xem', 'GET', `/api/directives/${docId}/report.docx`)).statusCode).toBe(200);
  });

  it('a centre reports on its own letter: under the Department, "/BC-TTYT", its place; the Department reads it too', async () => {
    const r = await call('ttyt.hoanghoa', 'GET', `/api/directives/${centreDocId}/report.docx`);
    expect(r.statusCode, r.body).toBe(200);
    const { text } = await openDocx(r.rawPayload);
    expect(text).toContain('SỞ Y TẾ THANH HÓA');
    expect(text).toContain('TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA');
    expect(text).toContain(`Số: ${'\u00a0'.repeat(6)}/BC-TTYT`);
    expect(text).toContain(`Hoằng Hóa, ${formatDateVn(today)}`);
    expect(text).toContain('Kết quả thực hiện Công văn số 45/TTYT-KHNV');
    expect(text).toContain('Tổng số 1 nhiệm vụ; đã hoàn thành đúng hạn 0 (0,0 %)');
    expect(text).toContain('Không có nhiệm vụ quá hạn.');
    // The letter's issuer is the centre itself: it reports to its board.
    expect(text).toContain('- Ban Giám đốc (b/c);');
    expect((await call('syt.admin', 'GET', `/api/directives/${centreDocId}/report.docx`)).statusCode).toBe(200);
    expect((await call('ttyt.tpth', 'GET', `/api/directives/${centreDocId}/report.docx`)).statusCode).toBe(403);
  });
});

describe('the document without tasks, an oral directive, an office (pure build)', () => {
  it('says there is nothing to report and names the kind of document', () => {
    const doc = buildDocumentReport({
      document: { id: 'x', kind: 'oral', number: null, issued_on: '2026-11-05', title: null, issuer_name: 'Giám đốc Sở Y tế', issuer_unit_id: null, assigner_unit_id: 'o' },
      tasks: [],
      counts: { total: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, noDeadline: 0, dueSoon: 0 },
      today: '2026-12-06',
      assigner: { code: 'SYT38_VP', kind: 'office', name: 'Văn phòng Sở', parentName: 'Sở Y tế Thanh Hóa', place: 'Thanh Hóa' },
    });
    expect(doc.header).toEqual({ parentBody: 'SỞ Y TẾ THANH HÓA', issuingBody: 'VĂN PHÒNG SỞ', number: `Số: ${'\u00a0'.repeat(6)}/BC-VP`, placeDate: 'Thanh Hóa, ngày 06 tháng 12 năm 2026' });
    expect(doc.summary).toEqual(['Kết quả thực hiện ý kiến chỉ đạo ngày 05/11/2026 của Giám đốc Sở Y tế']);
    expect(doc.signature.authority).toEqual(['CHÁNH VĂN PHÒNG']);
    const texts = doc.blocks.map((b) => (b.kind === 'table' ? '[table]' : b.runs.map((r) => r.text).join('')));
    expect(texts).toContain('Văn bản chưa có nhiệm vụ nào được giao.');
    expect(texts).toContain('Không có nhiệm vụ quá hạn.');
    expect(texts).not.toContain('[table]');
    expect(texts.at(-1)).toMatch(/\.\/\.$/);
  });
});
