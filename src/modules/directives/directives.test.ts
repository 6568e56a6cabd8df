// Documents and tasks over HTTP against the real database: creating a document with its tasks (a
// fan-out, a recurrence), the lifecycle from both sides, extensions, the follow-up summary,
// notifications, the iCalendar feed, and the lines a unit must not cross.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/calendar.js';
import { todayVn } from '../../lib/dates.js';
import { testApp, TEST_DEMO_PASSWORD, json, type TestApp } from '../../test/harness.js';
import { dailyReminders } from './notices.js';

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));
const today = todayVn();

async function call(user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, lang = 'vi') {
  return t.app.inject({ method, url, headers: { ...(await as(user)), 'accept-language': lang }, payload: payload as never });
}

async function makeUser(username: string, unit: string, roles: string[]) {
  const r = await call('admin', 'POST', '/api/users', { username, displayName: username, password: TEST_DEMO_PASSWORD, orgUnitId: await t.unit(unit), roles });
  expect(r.statusCode, r.body).toBe(201);
}

let docId: string;
let taskId: string; // TTYT399 leads, TTYT380 cooperates
let groupId: string;

beforeAll(async () => {
  t = await testApp();
  await makeUser('ttyt.tpth', 'TTYT380', ['unit_admin', 'approver']);
  await makeUser('khtc.chuyenvien', 'SYT38_KHTC', ['data_entry']);
  const r = await call('syt.admin', 'POST', '/api/directives', {
    kind: 'conclusion_notice', number: '186/TB-SYT', date: addDays(today, -20), issuer: 'Sở Y tế Thanh Hóa', signer: 'Nguyễn Văn A',
    title: 'Kết luận của Giám đốc Sở tại cuộc họp giao ban', body: 'Nội dung thông báo …',
    tasks: [
      { item: '1', content: 'Rà soát, thống nhất đầu mối ký hợp đồng KCB BHYT cho các Trạm Y tế', lead: ['TTYT399'], cooperating: ['TTYT380'], deadline: addDays(today, 10), output: 'Báo cáo Sở Y tế' },
      { item: '2', content: 'Xây dựng Kế hoạch, Chương trình hành động', lead: ['TTYT399', 'TTYT380'], collective: 'Các Trung tâm Y tế', deadline: addDays(today, 2) },
      { item: '3', content: 'Báo cáo tình hình thực hiện định kỳ hàng tháng', lead: ['TTYT399'], recurrence: { period: 'MONTHLY', workingDaysAfter: 5, from: addDays(today, -70) } },
      { item: '4', content: 'Tham mưu bố trí kinh phí', lead: ['SYT38_KHTC'], ongoing: true },
    ],
  });
  expect(r.statusCode, r.body).toBe(200);
  docId = r.json().id;
  const tasks = r.json().tasks as { id: string; kind: string; item: string }[];
  taskId = tasks.find((x) => x.item === '1')!.id;
  groupId = tasks.find((x) => x.item === '2')!.id;
}, 120_000);

describe('a document with its tasks', () => {
  it('keeps the header, fans a collective lead out to one task per unit, and makes a series of a recurrence', async () => {
    const d = json(await call('syt.admin', 'GET', `/api/directives/${docId}`));
    expect(d).toMatchObject({ kind: 'conclusion_notice', number: '186/TB-SYT', issuer: { name: 'Sở Y tế Thanh Hóa' }, signer: 'Nguyễn Văn A', canManage: true });
    expect(d.tasks.map((x: { kind: string }) => x.kind)).toEqual(['task', 'group', 'series', 'task']);
    const group = json(await call('syt.admin', 'GET', `/api/tasks/${groupId}`));
    expect(group.children_.map((c: { lead: { code: string } }) => c.lead.code).sort()).toEqual(['TTYT380', 'TTYT399']);
    expect(group.children).toEqual({ total: 2, done: 0 });
    const series = d.tasks.find((x: { kind: string }) => x.kind === 'series');
    const s = json(await call('syt.admin', 'GET', `/api/tasks/${series.id}`));
    // From 70 days ago: three or four months have begun, each an occurrence with its own deadline.
    expect(s.children_.length).toBeGreaterThanOrEqual(3);
    expect(new Set(s.children_.map((c: { period: string }) => c.period)).size).toBe(s.children_.length);
    for (const c of s.children_) expect(c.deadline > `${c.period.slice(0, 4)}-${c.period.slice(4, 6)}-28`).toBe(true);
    const office = json(await call('khtc.chuyenvien', 'GET', '/api/tasks?view=mine'));
    expect(office.items.map((x: { content: string; state: string }) => [x.content, x.state])).toEqual([['Tham mưu bố trí kinh phí', 'noDeadline']]);
  });

  it('names the units it cannot find and refuses bad dates with a message a person understands', async () => {
    const bad = await call('syt.admin', 'POST', '/api/directives', { kind: 'plan', date: '2026-02-30', issuer: 'UBND tỉnh', tasks: [{ content: 'x', lead: ['NOPE1'] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.date).toBeTruthy();
    const unknown = await call('syt.admin', 'POST', '/api/directives', { kind: 'plan', date: '2026-02-03', issuer: 'UBND tỉnh', tasks: [{ content: 'x', lead: ['NOPE1', 'TTYT399'] }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('NOPE1');
    const list = json(await call('syt.admin', 'GET', '/api/directives?q=UBND'));
    expect(list.items.every((x: { number: string }) => x.number === '186/TB-SYT')).toBe(true); // nothing of the refused ones was written
  });
});

describe('the lifecycle', () => {
  it('the centre accepts, reports progress with a file, submits; the Department confirms: done on time', async () => {
    const inbox = json(await call('ttyt.hoanghoa', 'GET', '/api/tasks?view=mine&state=toDo'));
    expect(inbox.items.map((x: { id: string }) => x.id)).toContain(taskId);
    let task = json(await call('ttyt.hoanghoa', 'GET', `/api/tasks/${taskId}`));
    expect(task.actions).toEqual(expect.arrayContaining(['accept', 'refuse', 'requestExtension']));
    expect(task.actions).not.toContain('confirm');
    task = json(await call('ttyt.hoanghoa', 'POST', `/api/tasks/${taskId}/actions`, { action: 'accept', version: task.version }));
    expect(task.status).toBe('accepted');

    const boundary = 'xYz';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao-tien-do.txt"\r\nContent-Type: text/plain\r\n\r\nĐã rà soát 36 trạm.\r\n--${boundary}--\r\n`;
    const up = await t.app.inject({ method: 'POST', url: `/api/directives/attachments?task=${taskId}`, headers: { ...(await as('ttyt.hoanghoa')), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ fileName: 'bao-cao-tien-do.txt', size: Buffer.byteLength('Đã rà soát 36 trạm.'), text: 'Đã rà soát 36 trạm.' });
    expect(up.json().sha256).toMatch(/^[0-9a-f]{64}$/);

    task = json(await call('ttyt.hoanghoa', 'POST', `/api/tasks/${taskId}/actions`, { action: 'progress', version: task.version, comment: 'Đã rà soát xong 36 trạm', progress: 60, attachments: [up.json().id] }));
    expect(task).toMatchObject({ status: 'in_progress', progress: 60 });
    expect(task.events.at(-1).attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['bao-cao-tien-do.txt']);
    const file = await call('syt.admin', 'GET', `/api/directives/attachments/${up.json().id}`);
    expect(file.body).toBe('Đã rà soát 36 trạm.');
    // The station below the centre does not see the task at all; neither its file.
    expect((await call('tyt.hoangxuan', 'GET', `/api/directives/attachments/${up.json().id}`)).statusCode).toBe(403);

    task = json(await call('ttyt.hoanghoa', 'POST', `/api/tasks/${taskId}/actions`, { action: 'submit', version: task.version, comment: 'Hoàn thành, gửi báo cáo' }));
    expect(task.status).toBe('submitted');
    const stale = await call('syt.admin', 'POST', `/api/tasks/${taskId}/actions`, { action: 'confirm', version: task.version - 1 });
    expect(stale.statusCode).toBe(409);
    task = json(await call('syt.admin', 'POST', `/api/tasks/${taskId}/actions`, { action: 'confirm', version: task.version }));
    expect(task).toMatchObject({ status: 'done', state: 'doneOnTime', completedOn: today, progress: 100 });
    expect(task.events.map((e: { action: string }) => e.action)).toEqual(['assign', 'accept', 'progress', 'submit', 'confirm']);
  });

  it('a return sends it back with the reason; refusing needs a reason', async () => {
    const [child] = json(await call('ttyt.hoanghoa', 'GET', `/api/tasks?view=mine&document=${docId}&state=toDo`)).items.filter((x: { parentId: string }) => x.parentId === groupId);
    const noReason = await call('ttyt.hoanghoa', 'POST', `/api/tasks/${child.id}/actions`, { action: 'refuse', version: child.version });
    expect(noReason.statusCode).toBe(400);
    let x = json(await call('ttyt.hoanghoa', 'POST', `/api/tasks/${child.id}/actions`, { action: 'submit', version: child.version, comment: 'Đã xây dựng kế hoạch' }));
    expect(x.status).toBe('submitted');
    x = json(await call('syt.admin', 'POST', `/api/tasks/${child.id}/actions`, { action: 'return', version: x.version, comment: 'Thiếu phân công cụ thể' }));
    expect(x).toMatchObject({ status: 'returned' });
    const n = json(await call('ttyt.hoanghoa', 'GET', '/api/notifications'));
    expect(n.notifications.some((m: { title: string; body: string }) => m.title.startsWith('Nhiệm vụ bị trả lại') && m.body.includes('Thiếu phân công'))).toBe(true);
  });

  it('an extension: asked by the lead, decided by the assigner; the original deadline is kept', async () => {
    const [child] = json(await call('ttyt.tpth', 'GET', `/api/tasks?view=mine&document=${docId}`)).items.filter((x: { parentId: string }) => x.parentId === groupId);
    const newDate = addDays(today, 30);
    let x = json(await call('ttyt.tpth', 'POST', `/api/tasks/${child.id}/extensions`, { deadline: newDate, reason: 'Chờ ý kiến UBND huyện' }));
    expect(x.pendingExtension).toMatchObject({ deadline: newDate });
    expect((await call('ttyt.tpth', 'POST', `/api/tasks/${child.id}/extensions`, { deadline: addDays(today, 40), reason: 'lần hai' })).statusCode).toBe(409);
    const notices = json(await call('syt.admin', 'GET', '/api/notifications'));
    expect(notices.notifications[0].title).toMatch(/^Đề nghị gia hạn/);
    x = json(await call('syt.admin', 'POST', `/api/tasks/${child.id}/extensions/${x.pendingExtension.id}`, { approve: true }));
    expect(x).toMatchObject({ deadline: newDate, originalDeadline: child.deadline, pendingExtension: null });
    expect(x.extensions[0]).toMatchObject({ status: 'approved', previousDeadline: child.deadline, requestedDeadline: newDate });
  });
});

describe('the lines a unit must not cross', () => {
  it('a centre does not read another centre’s task', async () => {
    const [other] = json(await call('syt.admin', 'GET', `/api/tasks?view=all&unit=TTYT380&document=${docId}`)).items;
    expect(other.lead.code).toBe('TTYT380');
    expect((await call('ttyt.hoanghoa', 'GET', `/api/tasks/${other.id}`)).statusCode).toBe(403);
    const list = json(await call('ttyt.hoanghoa', 'GET', '/api/tasks?view=all'));
    expect(list.items.every((x: { lead: { code: string } }) => x.lead.code !== 'TTYT380')).toBe(true);
    expect((await call('ttyt.hoanghoa', 'GET', '/api/tasks/summary?groupBy=unit&parent=SYT38')).statusCode).toBe(403);
  });

  it('a cooperating unit reads the task but cannot confirm, submit or extend it', async () => {
    // Task 1 is led by TTYT399 with TTYT380 cooperating.
    const task = json(await call('ttyt.tpth', 'GET', `/api/tasks/${taskId}`));
    expect(task.cooperating.map((c: { code: string }) => c.code)).toEqual(['TTYT380']);
    expect(task.actions).toEqual([]);
    const confirm = await call('ttyt.tpth', 'POST', `/api/tasks/${taskId}/actions`, { action: 'confirm', version: task.version });
    expect(confirm.statusCode).toBe(403);
    expect(confirm.json().error.message).toMatch(/đơn vị giao nhiệm vụ/);
  });

  it('a station cannot extend (or ask to extend) its centre’s deadline', async () => {
    const [child] = json(await call('syt.admin', 'GET', `/api/tasks?view=all&unit=TTYT399&document=${docId}&state=open`)).items.filter((x: { parentId: string }) => x.parentId === groupId);
    expect((await call('tyt.hoangloc', 'POST', `/api/tasks/${child.id}/extensions`, { deadline: addDays(today, 60), reason: 'x' })).statusCode).toBe(403);
    const ext = json(await call('ttyt.hoanghoa', 'POST', `/api/tasks/${child.id}/extensions`, { deadline: addDays(today, 60), reason: 'Cần thêm thời gian' }));
    const decide = await call('tyt.hoangloc', 'POST', `/api/tasks/${child.id}/extensions/${ext.pendingExtension.id}`, { approve: true });
    expect(decide.statusCode).toBe(403);
    // Nor does the centre decide its own request: only the assigner does.
    expect((await call('ttyt.hoanghoa', 'POST', `/api/tasks/${child.id}/extensions/${ext.pendingExtension.id}`, { approve: true })).statusCode).toBe(403);
  });

  it('a viewer reads but does not act; every change is audited', async () => {
    const task = json(await call('syt.xem', 'GET', `/api/tasks/${taskId}`));
    expect(task.actions).toEqual([]);
    expect((await call('syt.xem', 'POST', `/api/tasks/${taskId}/actions`, { action: 'withdraw', version: task.version, comment: 'x' })).statusCode).toBe(403);
    const audit = json(await call('admin', 'GET', `/api/audit?entityType=task&entityId=${taskId}`));
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(['task.accept', 'task.confirm', 'task.progress', 'task.submit']);
  });
});

describe('the follow-up summary', () => {
  it('counts per unit (children with their subtrees) and per document, within scope', async () => {
    const s = json(await call('syt.admin', 'GET', '/api/tasks/summary?groupBy=unit&parent=SYT38'));
    const row = (code: string) => s.rows.find((r: { unit: { code: string } }) => r.unit.code === code);
    expect(row('TTYT399')).toMatchObject({ doneOnTime: 1, doneLate: 0 });
    expect(row('TTYT399').total).toBe(row('TTYT399').doneOnTime + row('TTYT399').inProgress + row('TTYT399').overdue + row('TTYT399').noDeadline);
    expect(row('SYT38_KHTC')).toMatchObject({ noDeadline: 1, total: 1 });
    expect(row('TTYT380')).toMatchObject({ inProgress: 1, doneOnTime: 0 });
    expect(s.total.total).toBe(s.rows.reduce((a: number, r: { total: number }) => a + r.total, 0));
    const byDoc = json(await call('syt.admin', 'GET', '/api/tasks/summary?groupBy=document'));
    expect(byDoc.rows[0]).toMatchObject({ document: { id: docId, number: '186/TB-SYT' } });
    // A centre sees only its own tasks in the per-document summary.
    const centre = json(await call('ttyt.hoanghoa', 'GET', '/api/tasks/summary?groupBy=document'));
    expect(centre.rows[0].total).toBe(byDoc.rows[0].total - row('TTYT380').total - row('SYT38_KHTC').total);
  });

  it('exports the summary to Excel', async () => {
    const r = await call('syt.admin', 'GET', '/api/tasks/summary.xlsx?groupBy=unit&parent=SYT38');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ');
    const names = ws.getColumn(2).values.filter(Boolean);
    expect(names).toContain('Trung tâm Y tế huyện Hoằng Hóa');
  });
});

describe('notices and the calendar feed', () => {
  it('a new task reaches the lead unit’s inbox; reminders are written once a day', async () => {
    const n = json(await call('ttyt.hoanghoa', 'GET', '/api/notifications'));
    expect(n.notifications.some((m: { title: string }) => m.title.startsWith('Nhiệm vụ mới: Rà soát'))).toBe(true);
    const first = await dailyReminders(t.ctx(), today);
    const again = await dailyReminders(t.ctx(), today);
    expect(first.dueSoon + first.overdue).toBeGreaterThan(0);
    expect(again).toEqual({ dueSoon: 0, overdue: 0 });
  });

  it('a calendar of deadlines by day', async () => {
    const days = json(await call('ttyt.hoanghoa', 'GET', `/api/tasks/calendar?from=${today}&to=${addDays(today, 60)}`));
    const entry = days.find((d: { task: { id: string } }) => d.task.id === taskId);
    expect(entry).toMatchObject({ date: addDays(today, 10), task: { state: 'doneOnTime' } });
    expect(days.every((d: { date: string }) => d.date >= today && d.date <= addDays(today, 60))).toBe(true);
    expect((await call('ttyt.hoanghoa', 'GET', `/api/tasks/calendar?from=${today}&to=${addDays(today, -1)}`)).statusCode).toBe(400);
  });

  it('an iCalendar feed of the user’s deadlines, by a secret address', async () => {
    const link = json(await call('ttyt.hoanghoa', 'POST', '/api/tasks/feed'));
    const path = new URL(link.url, 'http://x').pathname;
    const r = await t.app.inject({ method: 'GET', url: path });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/calendar/);
    expect(r.body).toContain('BEGIN:VEVENT');
    expect(r.body).toContain('Rà soát');
    const renewed = json(await call('ttyt.hoanghoa', 'POST', '/api/tasks/feed'));
    expect(renewed.url).not.toBe(link.url);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
  });
});

describe('reading a pasted notice', () => {
  const notice = [
    'SỞ Y TẾ THANH HÓA',
    'Số: 215/TB-SYT',
    'Thanh Hóa, ngày 24 tháng 10 năm 2026',
    'THÔNG BÁO',
    'Kết luận của Giám đốc Sở Y tế tại cuộc họp giao ban',
    '1. Giao Phòng Kế hoạch – Tài chính chủ trì, phối hợp Văn phòng Sở tham mưu phân bổ kinh phí sửa chữa Trạm Y tế, hoàn thành trước ngày 15/11/2026.',
    '2. Giám đốc các Trung tâm Y tế xây dựng kế hoạch triển khai, báo cáo Sở Y tế trước 28/10.',
    '3. Trung tâm Y tế huyện Hoằng Hóa rà soát danh mục trang thiết bị của các Trạm Y tế.',
    '4. Phòng Y tế huyện Quảng Xương phối hợp kiểm tra an toàn thực phẩm.',
    'GIÁM ĐỐC',
    'Nguyễn Văn A',
  ].join('\n');

  it('proposes the header and the tasks, writes nothing', async () => {
    const before = json(await call('syt.admin', 'GET', '/api/directives')).total;
    const r = await call('syt.admin', 'POST', '/api/directives/parse', { text: notice });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.document).toMatchObject({ kind: 'conclusion_notice', number: '215/TB-SYT', date: '2026-10-24' });
    const [t1, t2, t3] = p.tasks;
    expect(t1.lead.map((u: { code: string }) => u.code)).toEqual(['SYT38_KHTC']);
    expect(t1.cooperating.map((u: { code: string }) => u.code)).toEqual(['SYT38_VP']);
    expect(t1.deadline).toBe('2026-11-15');
    expect(t2.lead.length).toBe(26); // every health centre
    expect(t2.deadline).toBe('2026-10-28'); // the year from the notice's date
    expect(t3.lead.map((u: { code: string }) => u.code)).toEqual(['TTYT399']);
    const unknown = p.tasks.find((t: { item: string }) => t.item === '4');
    expect(unknown?.lead.concat(unknown.cooperating).some((u: { id: string | null; name: string }) => u.id === null && /Phòng Y tế/.test(u.name))).toBe(true);
    expect(p.highlights.some((h: { kind: string }) => h.kind === 'deadline')).toBe(true);
    expect(json(await call('syt.admin', 'GET', '/api/directives')).total).toBe(before);
  });

  it('refuses an empty text, or one too long to read without holding others up, with a message', async () => {
    const r = await call('syt.admin', 'POST', '/api/directives/parse', { text: '' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.text).toBeTruthy();
    const long = await call('syt.admin', 'POST', '/api/directives/parse', { text: notice.repeat(200) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details.fields.text).toMatch(/60\.000 ký tự/);
  });

  it('refuses a document that would create more than 5,000 tasks, writing nothing', async () => {
    const stations = json(await call('syt.admin', 'GET', '/api/orgunits/search?q=Tr%E1%BA%A1m&limit=200')).map((u: { id: string }) => u.id);
    expect(stations.length).toBeGreaterThan(20);
    const tasks = Array.from({ length: Math.ceil(5001 / stations.length) }, (_, i) => ({ content: `Nhiệm vụ ${i}`, lead: stations }));
    const before = json(await call('syt.admin', 'GET', '/api/directives')).total;
    const r = await call('syt.admin', 'POST', '/api/directives', { kind: 'plan', date: '2026-01-05', issuer: 'Sở Y tế Thanh Hóa', tasks });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.tasks).toMatch(/5\.000 nhiệm vụ/);
    expect(json(await call('syt.admin', 'GET', '/api/directives')).total).toBe(before);
  });
});
