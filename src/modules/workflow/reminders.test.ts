// Notices of the reporting workflow on a real database: a form returned (or reopened) by the approver
// tells the unit's data-entry users why; the daily job 'form.dueSoon' tells them when a form's deadline
// is near (N working days on the Vietnamese calendar), once per form.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { createFixture, type Fixture } from '../datavalues/test-fixture.repo.js';
import { runDueJobs } from '../notifications/notifications.service.js';

let t: TestApp;
let fx: Fixture;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));

beforeAll(async () => {
  t = await testApp();
  fx = await createFixture(t.database.db, TEST_DEMO_PASSWORD);
});

const post = async (user: string, action: string, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/forms/${action}`, headers: await as(user), payload: body });
const notices = async (user: string, lang = 'vi') =>
  (await t.app.inject({ method: 'GET', url: '/api/notifications?limit=100', headers: { ...(await as(user)), 'accept-language': lang } })).json() as {
    unread: number;
    notifications: { kind: string; title: string; body?: string; link: string }[];
  };

describe('a returned form', () => {
  const form = { dataSet: 'T_MONTHLY', orgUnit: 'TYT15877', period: '202405' };

  it('tells the unit’s data-entry users, with the reason, in their language; nobody else', async () => {
    expect((await post('tyt.hoangxuan', 'complete', form)).statusCode).toBe(200);
    expect((await notices('tyt.hoangxuan')).notifications.filter((n) => n.kind === 'form.returned')).toEqual([]);
    const r = await post('ttyt.hoanghoa', 'return', { ...form, comment: 'Kiểm tra lại số trẻ sinh' });
    expect(r.statusCode).toBe(200);

    const mine = (await notices('tyt.hoangxuan')).notifications.filter((n) => n.kind === 'form.returned');
    expect(mine.length).toBe(1);
    expect(mine[0]).toMatchObject({
      title: 'Báo cáo bị trả lại: Báo cáo tháng (thử) tháng 5 năm 2024',
      body: 'Trạm Y tế xã Hoằng Xuân: ttyt.hoanghoa trả lại để sửa. Lý do: Kiểm tra lại số trẻ sinh',
    });
    expect(mine[0]!.link).toBe(`/entry?ds=T_MONTHLY&ou=${await t.unit('TYT15877')}&pe=202405`);
    const en = (await notices('tyt.hoangxuan', 'en')).notifications.find((n) => n.kind === 'form.returned')!;
    expect(en.title).toBe('Form returned: Monthly report (test), May 2024');
    expect(en.body).toMatch(/Reason: Kiểm tra lại số trẻ sinh$/);
    // The station's other data-entry user too; not the approver, nor users of other units.
    expect((await notices('t.station.approver')).notifications.filter((n) => n.kind === 'form.returned').length).toBe(1);
    for (const u of ['ttyt.hoanghoa', 't.centre.entry', 't.other.entry', 'tyt.hoangloc']) {
      expect((await notices(u)).notifications.filter((n) => n.kind === 'form.returned'), u).toEqual([]);
    }
  });

  it('reopening an approved form tells them too; a refused return tells nobody', async () => {
    expect((await post('tyt.hoangxuan', 'complete', form)).statusCode).toBe(200);
    expect((await post('ttyt.hoanghoa', 'approve', form)).statusCode).toBe(200);
    expect((await post('ttyt.hoanghoa', 'return', { ...form, comment: 'x' })).statusCode).toBe(409); // approved: reopen instead
    expect((await post('ttyt.hoanghoa', 'reopen', { ...form, reason: 'Sai số lượt khám BHYT' })).statusCode).toBe(200);
    const mine = (await notices('tyt.hoangxuan')).notifications.filter((n) => n.kind === 'form.returned');
    expect(mine.map((n) => n.body!.replace(/.*Lý do: /, ''))).toEqual(['Sai số lượt khám BHYT', 'Kiểm tra lại số trẻ sinh']);
  });
});

describe('the daily job form.dueSoon', () => {
  // June 2024 ends on Sunday 30/06; T_MONTHLY's deadline is 5 working days later: Friday 05/07/2024.
  const at = (day: string) => new Date(`${day}T01:00:00Z`); // 08:00 in Vietnam
  const dueSoon = async (user: string) =>
    (await notices(user)).notifications.filter((n) => n.kind === 'form.dueSoon' && n.link.includes('ds=T_MONTHLY&'));

  it('says nothing while the deadline is further than 3 working days', async () => {
    const r = await runDueJobs(t.ctx(), at('2024-07-01'), { only: ['form.dueSoon'] });
    expect(r[0]).toMatchObject({ status: 'done' });
    expect(await dueSoon('tyt.hoangxuan')).toEqual([]);
  });

  it('tells the data-entry users of units whose form is not completed, once per form', async () => {
    // The centre's own June form is completed: its users hear nothing of it.
    expect((await post('t.centre.entry', 'complete', { dataSet: 'T_MONTHLY', orgUnit: 'TTYT399', period: '202406' })).statusCode).toBe(200);
    const r = await runDueJobs(t.ctx(), at('2024-07-02'), { only: ['form.dueSoon'] });
    expect(r[0]).toMatchObject({ status: 'done', day: '2024-07-02' });
    const mine = await dueSoon('tyt.hoangxuan');
    expect(mine.length).toBe(1);
    expect(mine[0]).toMatchObject({
      title: 'Sắp đến hạn nộp: Báo cáo tháng (thử) tháng 6 năm 2024',
      body: 'Trạm Y tế xã Hoằng Xuân: hạn nộp 05/07/2024 (còn 3 ngày làm việc); biểu mẫu chưa hoàn thành.',
      link: `/entry?ds=T_MONTHLY&ou=${fx.units.station}&pe=202406`,
    });
    expect(await dueSoon('t.station.approver')).toHaveLength(1);
    expect(await dueSoon('t.centre.entry')).toEqual([]);
    expect(await dueSoon('ttyt.hoanghoa')).toEqual([]); // the centre's form is complete; stations are not its own
    expect(await dueSoon('syt.xem')).toEqual([]); // a viewer enters nothing

    // The same day again, and the next days: no second notice of the same form.
    expect((await runDueJobs(t.ctx(), at('2024-07-02'), { only: ['form.dueSoon'] }))[0]!.status).toBe('skipped');
    const next = await runDueJobs(t.ctx(), at('2024-07-03'), { only: ['form.dueSoon'] });
    expect(next[0]).toMatchObject({ status: 'done' });
    expect(await dueSoon('tyt.hoangxuan')).toHaveLength(1);
  });

  it('does not run its reminders on days off; forms past their deadline are not "due soon"', async () => {
    expect((await runDueJobs(t.ctx(), at('2024-07-06'), { only: ['form.dueSoon'] }))[0]).toMatchObject({ status: 'done', result: { skipped: 'not a working day' } });
    // Monday 08/07: June's deadline has passed, July's is far.
    await t.database.db.deleteFrom('notification').where('kind', '=', 'form.dueSoon').execute();
    expect((await runDueJobs(t.ctx(), at('2024-07-08'), { only: ['form.dueSoon'] }))[0]).toMatchObject({ status: 'done' });
    expect(await dueSoon('tyt.hoangxuan')).toEqual([]);
  });
});
