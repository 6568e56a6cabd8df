// The notification centre on a real database: notify (by users, by units and permission, deduplicated,
// in the caller's transaction), the caller's list in their language with paging, marking read, and
// that nobody reads or marks another user's notices.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.js';
import { actorForUsername } from '../users/auth.service.js';
import { listForUser, markRead, notify, render } from './notifications.service.js';

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));
const users: Record<string, string> = {};

const userId = async (username: string) =>
  (users[username] ??= (await t.database.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);

const get = async (user: string, query = '', lang = 'vi') =>
  t.app.inject({ method: 'GET', url: `/api/notifications${query}`, headers: { ...(await as(user)), 'accept-language': lang } });
const read = async (user: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/notifications/read', headers: await as(user), payload: payload as object });

const returned = (reason: string) => ({
  kind: 'form.returned',
  params: {
    dataSet: { vi: 'Báo cáo tháng', en: 'Monthly report' }, period: { vi: 'tháng 5 năm 2024', en: 'May 2024' }, unit: 'TYT Hoằng Xuân',
    by: 'ttyt.hoanghoa', reason,
  },
  link: '/entry?ds=X&ou=Y&pe=202405',
  subject: { type: 'form', id: 'X:Y:202405' },
});

beforeAll(async () => {
  t = await testApp();
});

describe('notify', () => {
  it('writes a notice for the given users and for the users of units holding a permission', async () => {
    const xuan = await t.unit('TYT15877');
    const ctx = t.ctx();
    const byUnit = await notify(ctx, { unitIds: [xuan], permission: 'data:write', ...returned('Sai số trẻ sinh') });
    expect(byUnit.userIds).toEqual([await userId('tyt.hoangxuan')]);
    // Without a permission: every active user of the unit; nobody of the centre above it.
    const centre = await t.unit('TTYT399');
    const viewers = await notify(ctx, { unitIds: [centre], permission: 'data:approve', kind: 'form.returned', params: {} });
    expect(viewers.userIds).toEqual([await userId('ttyt.hoanghoa')]);
    const direct = await notify(ctx, { userIds: [await userId('tyt.hoangloc'), await userId('tyt.hoangloc')], kind: 'x.custom', params: { title: 'Tự do' } });
    expect(direct.userIds).toEqual([await userId('tyt.hoangloc')]);
    expect(direct.emails).toBe(0); // no SMTP configured: no mail queued
  });

  it('does not tell the acting user of their own action, nor disabled users', async () => {
    const actor = (await actorForUsername(t.ctx(), 'tyt.hoangxuan'))!;
    const r = await notify(t.ctx(actor), { userIds: [actor.id!], kind: 'x.self', params: {} });
    expect(r.userIds).toEqual([]);
    const mine = await notify(t.ctx(actor), { userIds: [actor.id!], kind: 'x.self', params: {}, includeActor: true });
    expect(mine.userIds).toEqual([actor.id]);
    await t.database.db.updateTable('app_user').set({ disabled: true }).where('username', '=', 'syt.xem').execute();
    try {
      expect((await notify(t.ctx(), { userIds: [await userId('syt.xem')], kind: 'x.self' })).userIds).toEqual([]);
    } finally {
      await t.database.db.updateTable('app_user').set({ disabled: false }).where('username', '=', 'syt.xem').execute();
    }
  });

  it('a dedupe key is written once per user', async () => {
    const ids = [await userId('tyt.hoangxuan'), await userId('tyt.hoangloc')];
    const first = await notify(t.ctx(), { userIds: ids.slice(0, 1), kind: 'form.dueSoon', params: {}, dedupeKey: 'dup:1' });
    const again = await notify(t.ctx(), { userIds: ids, kind: 'form.dueSoon', params: {}, dedupeKey: 'dup:1' });
    expect(first.userIds).toEqual(ids.slice(0, 1));
    expect(again.userIds).toEqual(ids.slice(1)); // the second user had none yet
    const rows = await t.database.db.selectFrom('notification').select('user_id').where('dedupe_key', '=', 'dup:1').execute();
    expect(rows.length).toBe(2);
  });

  it('writes in the caller’s transaction: rolled back with it', async () => {
    const before = await t.database.db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(
      t.ctx().transaction(async (tx) => {
        const r = await notify(tx, { userIds: [await userId('tyt.hoangloc')], kind: 'x.rolledBack' });
        expect(r.userIds.length).toBe(1);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await t.database.db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('render', () => {
  it('writes a notice in each language; dates, missing and empty params', () => {
    const p = returned('Kiểm tra lại').params;
    expect(render('form.returned', p, 'vi')).toEqual({
      title: 'Báo cáo bị trả lại: Báo cáo tháng tháng 5 năm 2024',
      body: 'TYT Hoằng Xuân: ttyt.hoanghoa trả lại để sửa. Lý do: Kiểm tra lại',
    });
    expect(render('form.returned', p, 'en').title).toBe('Form returned: Monthly report, May 2024');
    expect(render('task.assigned', { task: 'Rà soát hợp đồng', unit: 'TTYT', deadline: { date: '2022-11-05' } }, 'vi').body).toBe('Giao cho TTYT. Hạn hoàn thành: 05/11/2022.');
    expect(render('task.assigned', { task: 'x', unit: 'TTYT', deadline: { date: '2022-11-05' } }, 'en').body).toBe('Assigned to TTYT. Due: 5 Nov 2022.');
    expect(render('task.withdrawn', { task: 'x', reason: '' }, 'vi')).toEqual({ title: 'Nhiệm vụ được thu hồi: x', body: null });
    expect(render('task.dueSoon', { task: 'x' }, 'vi').title).toBe('Sắp đến hạn: x');
    expect(render('unknown.kind', {}, 'vi')).toEqual({ title: 'unknown.kind', body: null });
    expect(render('unknown.kind', { title: { vi: 'Tiêu đề', en: 'Title' } }, 'en').title).toBe('Title');
    expect(render('form.returned', null, 'vi').title).toBe('Báo cáo bị trả lại:');
  });
});

describe('GET /api/notifications and POST /api/notifications/read', () => {
  let mine: string[] = [];

  beforeAll(async () => {
    const loc = await userId('tyt.hoangloc');
    await t.database.db.deleteFrom('notification').where('user_id', '=', loc).execute();
    for (let i = 1; i <= 5; i++) await notify(t.ctx(), { userIds: [loc], ...returned(`Lý do ${i}`) });
    await notify(t.ctx(), { userIds: [await userId('tyt.hoangxuan')], ...returned('Của người khác') });
  });

  it('answers the caller’s notices, newest first, in the request’s language', async () => {
    const r = await get('tyt.hoangloc');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.unread).toBe(5);
    expect(body.notifications.length).toBe(5);
    mine = body.notifications.map((n: { id: string }) => n.id);
    expect(body.notifications[0]).toMatchObject({
      kind: 'form.returned', title: 'Báo cáo bị trả lại: Báo cáo tháng tháng 5 năm 2024', link: '/entry?ds=X&ou=Y&pe=202405', readAt: null,
    });
    expect(body.notifications[0].body).toMatch(/Lý do 5$/);
    expect(typeof body.notifications[0].id).toBe('string');
    expect(new Date(body.notifications[0].createdAt).getTime()).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain('Của người khác');
    const en = (await get('tyt.hoangloc', '', 'en')).json();
    expect(en.notifications[0].title).toBe('Form returned: Monthly report, May 2024');
    expect(en.notifications[0].body).toMatch(/^TYT Hoằng Xuân: returned by ttyt\.hoanghoa for correction\. Reason: Lý do 5$/);
  });

  it('pages with limit and before; unread=1 lists only unread ones', async () => {
    const p1 = (await get('tyt.hoangloc', '?limit=2')).json();
    expect(p1.notifications.map((n: { id: string }) => n.id)).toEqual(mine.slice(0, 2));
    const p2 = (await get('tyt.hoangloc', `?limit=2&before=${p1.notifications[1].id}`)).json();
    expect(p2.notifications.map((n: { id: string }) => n.id)).toEqual(mine.slice(2, 4));
    expect(p2.unread).toBe(5);
    for (const bad of ['?limit=0', '?limit=101', '?limit=x', '?before=abc', '?before=-1', '?unread=yes', `?before=${'9'.repeat(40)}`]) {
      const r = await get('tyt.hoangloc', bad);
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('anonymous callers get 401', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/notifications/read', payload: { all: true } })).statusCode).toBe(401);
  });

  it('nobody marks another user’s notices: their ids change nothing', async () => {
    const other = await read('tyt.hoangxuan', { ids: mine.slice(0, 3) });
    expect(other.statusCode).toBe(200);
    expect(other.json().updated).toBe(0);
    const own = (await get('tyt.hoangxuan')).json().unread;
    expect(own).toBeGreaterThan(0);
    const all = await read('tyt.hoangxuan', { all: true });
    expect(all.json()).toEqual({ updated: own, unread: 0 });
    expect((await get('tyt.hoangloc')).json().unread).toBe(5);
    // Nor through the service, as another user.
    const xuan = (await actorForUsername(t.ctx(), 'tyt.hoangxuan'))!;
    expect((await markRead(t.ctx(xuan), mine)).updated).toBe(0);
    expect((await listForUser(t.ctx(xuan), { limit: 50 })).notifications.map((n) => n.id)).not.toContain(mine[0]);
  });

  it('marks read by ids, then all; unread=1 follows', async () => {
    const r = await read('tyt.hoangloc', { ids: [mine[0], mine[1]] });
    expect(r.json()).toEqual({ updated: 2, unread: 3 });
    expect((await read('tyt.hoangloc', { ids: [mine[0]] })).json()).toEqual({ updated: 0, unread: 3 });
    const unread = (await get('tyt.hoangloc', '?unread=1')).json();
    expect(unread.notifications.map((n: { id: string }) => n.id)).toEqual(mine.slice(2));
    const list = (await get('tyt.hoangloc')).json();
    expect(list.notifications[0].readAt).not.toBeNull();
    expect((await read('tyt.hoangloc', { all: true })).json()).toEqual({ updated: 3, unread: 0 });
    expect((await get('tyt.hoangloc', '?unread=1')).json()).toEqual({ unread: 0, notifications: [] });
  });

  it('refuses malformed read requests with 400', async () => {
    for (const bad of [{}, { ids: [] }, { ids: ['x'] }, { all: false }, { ids: ['1'], all: true }, { ids: Array.from({ length: 501 }, (_, i) => String(i + 1)) }, [1, 2]]) {
      const r = await read('tyt.hoangloc', bad);
      expect(r.statusCode, JSON.stringify(bad).slice(0, 50)).toBe(400);
    }
  });
});
