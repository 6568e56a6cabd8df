// "Việc cần làm" (GET /api/forms/todo) on a real database: a station nurse sees her forms that are
// due, overdue and returned (with the reason, who, when); a nurse of another commune does not; the
// centre may ask about its station; a return also lands in the nurse's notifications.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayVn } from '../../lib/dates.js';
import { periodOf, previousPeriod, type Period } from '../../lib/periods.js';
import { testApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { addDataEntryUser, createFixture, openStations } from '../datavalues/test-fixture.repo.js';
import type { TodoItem } from './workflow.contract.js';

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));
let station: { id: string; code: string; name: string };
let otherStation: { id: string; code: string; name: string };

const today = todayVn();
const current = periodOf('Monthly', today);
const back = (n: number): Period => {
  let p = current;
  for (let i = 0; i < n; i++) p = previousPeriod(p);
  return p;
};

const todo = async (user: string, query = '', lang = 'vi') =>
  t.app.inject({ method: 'GET', url: `/api/forms/todo${query}`, headers: { ...(await as(user)), 'accept-language': lang } });
const items = async (user: string, query = '') => {
  const r = await todo(user, query);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as TodoItem[];
};
const post = async (user: string, action: string, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/forms/${action}`, headers: await as(user), payload: body });

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  await createFixture(db, TEST_DEMO_PASSWORD);
  // Two stations of Hoằng Hóa open today (the fixture assigns T_MONTHLY and T_GRACE to all of them).
  [station, otherStation] = (await openStations(db, today, 2)) as [typeof station, typeof station];
  for (const [username, unit] of [['t.todo.nurse', station.id], ['t.todo.neighbour', otherStation.id]] as const) {
    await addDataEntryUser(db, username, username, unit, TEST_DEMO_PASSWORD);
  }
}, 120_000);

describe('GET /api/forms/todo', () => {
  it('lists the station’s forms that are due or overdue, oldest deadline first; not the forms out of the window', async () => {
    const list = await items('t.todo.nurse');
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map((i) => i.orgUnit.id))).toEqual(new Set([station.id]));
    const monthly = list.filter((i) => i.dataSet.code === 'T_MONTHLY');
    // T_MONTHLY has no entry limit: the current month and the three before it are to do.
    expect(monthly.map((i) => i.period).sort()).toEqual([back(3), back(2), back(1), current].map((p) => p.iso).sort());
    const now = monthly.find((i) => i.period === current.iso)!;
    expect(now).toMatchObject({ state: 'open', overdue: false, ongoing: true, returned: null, closesOn: null, dataSet: { name: 'Báo cáo tháng (thử)' } });
    expect(monthly.find((i) => i.period === back(1).iso)).toMatchObject({ ongoing: false });
    expect(now.deadline > current.end).toBe(true);
    expect(now.periodName).toBe(`tháng ${current.index} năm ${current.year}`);
    // Three months ago the deadline has passed: overdue, still open for entry.
    expect(monthly.find((i) => i.period === back(3).iso)).toMatchObject({ overdue: true, state: 'open' });
    // T_GRACE closes 10 days after its deadline: three months ago is no longer enterable, so not listed.
    expect(list.some((i) => i.dataSet.code === 'T_GRACE' && i.period === back(3).iso)).toBe(false);
    expect(list.some((i) => i.dataSet.code === 'T_GRACE' && i.period === current.iso)).toBe(true);
    const deadlines = list.map((i) => i.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
  });

  it('a completed form leaves the list; `all` shows it with its state for the period picker', async () => {
    const form = { dataSet: 'T_MONTHLY', orgUnit: station.id, period: back(2).iso };
    const done = await post('t.todo.nurse', 'complete', form);
    expect(done.statusCode, done.body).toBe(200);
    expect((await items('t.todo.nurse')).some((i) => i.dataSet.code === 'T_MONTHLY' && i.period === back(2).iso)).toBe(false);
    const all = await items('t.todo.nurse', `?dataSet=T_MONTHLY&all=true`);
    expect(all.every((i) => i.dataSet.code === 'T_MONTHLY')).toBe(true);
    expect(all.find((i) => i.period === back(2).iso)).toMatchObject({ state: 'completed', overdue: false });
    // Older forms left open are not "to do" even with `all` (the level above follows them up).
    expect(all.filter((i) => i.state === 'open').map((i) => i.period).sort()).toEqual([back(3), back(1), current].map((p) => p.iso).sort());
    expect(all.length).toBe(4);
  });

  it('a returned form shows the reason, who returned it and when — even of an old period — and notifies the nurse', async () => {
    const old = { dataSet: 'T_MONTHLY', orgUnit: station.id, period: back(14).iso };
    expect((await post('t.todo.nurse', 'complete', old)).statusCode).toBe(200);
    const before = Date.now();
    const r = await post('ttyt.hoanghoa', 'return', { ...old, comment: 'Thiếu số trẻ sinh, đề nghị bổ sung' });
    expect(r.statusCode, r.body).toBe(200);

    const item = (await items('t.todo.nurse')).find((i) => i.period === old.period && i.dataSet.code === 'T_MONTHLY');
    expect(item).toMatchObject({ state: 'returned', overdue: true, returned: { reason: 'Thiếu số trẻ sinh, đề nghị bổ sung', by: 'ttyt.hoanghoa' } });
    expect(Date.parse(item!.returned!.at)).toBeGreaterThanOrEqual(before - 1000);

    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications?limit=100', headers: await as('t.todo.nurse') })).json() as {
      notifications: { kind: string; body?: string; link: string }[];
    };
    const returned = notes.notifications.filter((n) => n.kind === 'form.returned');
    expect(returned.length).toBe(1);
    expect(returned[0]!.body).toContain('Thiếu số trẻ sinh, đề nghị bổ sung');
    expect(returned[0]!.link).toBe(`/entry?ds=T_MONTHLY&ou=${station.id}&pe=${old.period}`);
  });

  it('a nurse of another commune sees only her own station’s forms and may not ask about the other one', async () => {
    const list = await items('t.todo.neighbour');
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((i) => i.orgUnit.id === otherStation.id)).toBe(true);
    expect(list.some((i) => i.state === 'returned')).toBe(false);
    const peek = await todo('t.todo.neighbour', `?orgUnit=${station.id}`);
    expect(peek.statusCode).toBe(403);
    expect(peek.json().error.code).toBe('OUT_OF_SCOPE');
    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications?limit=100', headers: await as('t.todo.neighbour') })).json() as {
      notifications: { kind: string }[];
    };
    expect(notes.notifications.filter((n) => n.kind === 'form.returned')).toEqual([]);
  });

  it('the centre’s data-entry user may ask about its station; users without data entry and bad input are refused clearly', async () => {
    const centre = await items('t.centre.entry', `?orgUnit=${station.code}`);
    expect(centre.some((i) => i.state === 'returned' && i.orgUnit.id === station.id)).toBe(true);
    // An approver does not enter data.
    expect((await todo('t.centre.approver')).statusCode).toBe(403);
    // A user of the whole province has no unit of their own: nothing to do, no error.
    expect(await items('admin')).toEqual([]);
    const unknown = await todo('t.todo.nurse', '?orgUnit=NO_SUCH_UNIT');
    expect(unknown.statusCode).toBe(404);
    const bad = await todo('t.todo.nurse', '?all=maybe', 'en');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(await items('t.todo.nurse', '?dataSet=NO_SUCH_SET')).toEqual([]);
    const en = (await todo('t.todo.nurse', '', 'en')).json() as TodoItem[];
    expect(en.find((i) => i.period === current.iso)!.periodName).not.toMatch(/tháng/);
  });
});
