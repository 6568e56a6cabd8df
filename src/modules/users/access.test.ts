import { beforeAll, describe, expect, it } from 'vitest';
import { json, testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let admin: Record<string, string>;
let ids: Record<string, string>;

/** Creates a user through the API as admin and returns Basic-auth headers for them. */
async function user(username: string, unit: string, roles: string[]) {
  const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username, displayName: username, password: 'Passw0rd!', orgUnitId: ids[unit], roles } });
  expect(res.statusCode, res.body).toBe(201);
  return t.basic(username, 'Passw0rd!');
}

beforeAll(async () => {
  t = await testApp({ SOYTE_LOGIN_MAX_FAILURES: '3' });
  admin = t.basic('admin');
  ids = {};
  for (const c of ['SYT38', 'TTYT399', 'TTYT380', 'TYT15877', 'TYT15880']) ids[c] = await t.unit(c);
  // Another centre's station, as of today.
  const other = json(await t.app.inject({ method: 'GET', url: `/api/orgunits/${ids.TTYT380}/children`, headers: admin }));
  ids.OTHER_STATION = other[0].id;
  const own = json(await t.app.inject({ method: 'GET', url: `/api/orgunits/${ids.TTYT399}/children`, headers: admin }));
  ids.OWN_STATION_NOW = own[0].id; // a station of Hoằng Hóa open today
});

describe('org-unit scope', () => {
  it('a station user reads their station but not another station', async () => {
    const h = await user('st.hx', 'TYT15877', ['data_entry']);
    expect((await t.app.inject({ url: `/api/orgunits/${ids.TYT15877}`, headers: h })).statusCode).toBe(200);
    const res = await t.app.inject({ url: `/api/orgunits/${ids.TYT15880}`, headers: h });
    expect(res.statusCode).toBe(403);
    expect(json(res).error.code).toBe('OUT_OF_SCOPE');
    const list = json(await t.app.inject({ url: '/api/organisationUnits?paging=false&fields=code', headers: h }));
    expect(list.organisationUnits.map((u: { code: string }) => u.code)).toEqual(['TYT15877']);
    const search = json(await t.app.inject({ url: '/api/orgunits/search?q=tram', headers: h }));
    expect(search.every((r: { code: string }) => r.code === 'TYT15877')).toBe(true);
  });

  it('a centre user reaches their stations but not another centre’s, and cannot write outside', async () => {
    const h = await user('ttyt.admin2', 'TTYT399', ['unit_admin']);
    expect((await t.app.inject({ url: `/api/orgunits/${ids.TYT15880}`, headers: h })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/orgunits/${ids.OTHER_STATION}`, headers: h })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/orgunits/${ids.TTYT380}/children`, headers: h })).statusCode).toBe(403);
    const rename = await t.app.inject({ method: 'POST', url: `/api/orgunits/${ids.OTHER_STATION}/rename`, headers: h, payload: { name: 'Hacked', date: '2026-12-01', reason: 'x' } });
    expect(rename.statusCode).toBe(403);
    const create = await t.app.inject({ method: 'POST', url: '/api/orgunits', headers: h, payload: { code: 'EVIL1', name: 'X', parentId: ids.TTYT380, kind: 'station', openingDate: '2026-12-01', reason: 'x' } });
    expect(create.statusCode).toBe(403);
    const moveOut = await t.app.inject({ method: 'POST', url: `/api/orgunits/${ids.OWN_STATION_NOW}/move`, headers: h, payload: { parentId: ids.TTYT380, date: '2026-12-01', reason: 'x' } });
    expect(moveOut.statusCode).toBe(403);
    const roots = json(await t.app.inject({ url: '/api/organisationUnits?level=2&paging=false&fields=code', headers: h }));
    expect(roots.organisationUnits).toEqual([{ code: 'TTYT399' }]);
    // Inside the scope it may write.
    const ok = await t.app.inject({ method: 'POST', url: `/api/orgunits/${ids.OWN_STATION_NOW}/rename`, headers: h, payload: { name: 'Trạm Y tế (tên mới)', date: '2026-12-01', reason: 'Đổi tên' } });
    expect(ok.statusCode).toBe(200);
  });

  it('a unit that moved to another centre stays readable as history but can no longer be changed by the old centre', async () => {
    const own = json(await t.app.inject({ url: `/api/orgunits/${ids.TTYT399}/children`, headers: admin }));
    const station = own[own.length - 1].id; // not one the other tests use
    const moved = await t.app.inject({ method: 'POST', url: `/api/orgunits/${station}/move`, headers: admin, payload: { parentId: ids.TTYT380, date: '2026-10-01', reason: 'Điều chuyển địa bàn' } });
    expect(moved.statusCode).toBe(200);
    const oldCentre = await user('ttyt399.after', 'TTYT399', ['unit_admin']);
    expect((await t.app.inject({ url: `/api/orgunits/${station}?asOf=2026-09-01`, headers: oldCentre })).statusCode).toBe(200);
    const rename = await t.app.inject({ method: 'POST', url: `/api/orgunits/${station}/rename`, headers: oldCentre, payload: { name: 'X', date: '2026-11-01', reason: 'x' } });
    expect(rename.statusCode).toBe(403);
    expect(json(rename).error.code).toBe('OUT_OF_SCOPE');
    const placeUser = await t.app.inject({ method: 'POST', url: '/api/users', headers: oldCentre, payload: { username: 'moved.nurse', displayName: 'Y tá', password: 'Passw0rd!', orgUnitId: station, roles: ['data_entry'] } });
    expect(placeUser.statusCode).toBe(403);
    const newCentre = await user('ttyt380.admin', 'TTYT380', ['unit_admin']);
    const ok = await t.app.inject({ method: 'POST', url: `/api/orgunits/${station}/rename`, headers: newCentre, payload: { name: 'Trạm Y tế (thuộc TTYT mới)', date: '2026-11-01', reason: 'Đổi tên' } });
    expect(ok.statusCode).toBe(200);
  });

  it('a viewer cannot write', async () => {
    const h = await user('viewer1', 'SYT38', ['viewer']);
    expect((await t.app.inject({ url: `/api/orgunits/${ids.OTHER_STATION}`, headers: h })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: `/api/orgunits/${ids.TYT15880}/rename`, headers: h, payload: { name: 'X', date: '2026-12-01', reason: 'x' } });
    expect(res.statusCode).toBe(403);
    expect(json(res).error.code).toBe('FORBIDDEN');
    expect((await t.app.inject({ url: '/api/users', headers: h })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/audit', headers: h })).statusCode).toBe(403);
  });
});

describe('user administration', () => {
  it('a unit admin manages users only inside their scope and cannot grant more than they have', async () => {
    const h = await user('ttyt.admin3', 'TTYT399', ['unit_admin']);
    const inside = await t.app.inject({ method: 'POST', url: '/api/users', headers: h, payload: { username: 'nurse1', displayName: 'Y tá', password: 'Passw0rd!', orgUnitId: ids.TYT15877, roles: ['data_entry'] } });
    expect(inside.statusCode).toBe(201);
    const outside = await t.app.inject({ method: 'POST', url: '/api/users', headers: h, payload: { username: 'nurse2', displayName: 'Y tá', password: 'Passw0rd!', orgUnitId: ids.OTHER_STATION, roles: ['data_entry'] } });
    expect(outside.statusCode).toBe(403);
    const escalate = await t.app.inject({ method: 'POST', url: '/api/users', headers: h, payload: { username: 'boss', displayName: 'Boss', password: 'Passw0rd!', orgUnitId: ids.TYT15877, roles: ['system_admin'] } });
    expect(escalate.statusCode).toBe(403);
    const listed = json(await t.app.inject({ url: '/api/users?pageSize=500', headers: h }));
    const names = listed.items.map((u: { username: string }) => u.username);
    expect(names).toContain('nurse1');
    expect(names).toContain('tyt.hoangxuan');
    expect(names).not.toContain('admin');
    expect(names).not.toContain('syt.admin');
    const sytAdmin = listed.items.length && (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'syt.admin').executeTakeFirstOrThrow());
    const patchUp = await t.app.inject({ method: 'PATCH', url: `/api/users/${sytAdmin.id}`, headers: h, payload: { disabled: true } });
    expect(patchUp.statusCode).toBe(403);
  });

  it('rejects weak passwords and taken usernames with field messages', async () => {
    const weak = await t.app.inject({ method: 'POST', url: '/api/users', headers: { ...admin, 'accept-language': 'vi' }, payload: { username: 'a b', displayName: '', password: '123', orgUnitId: ids.SYT38, roles: [] } });
    expect(weak.statusCode).toBe(400);
    const fields = json(weak).error.details.fields;
    expect(Object.keys(fields).sort()).toEqual(['displayName', 'password', 'roles', 'username']);
    expect(fields.password).toMatch(/ít nhất 8 ký tự/);
    const taken = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'ADMIN', displayName: 'x', password: 'Passw0rd!', orgUnitId: ids.SYT38, roles: ['viewer'] } });
    expect(taken.statusCode).toBe(409);
  });
});

describe('authentication', () => {
  it('logs in with a cookie session, requires the CSRF token for writes, logs out', async () => {
    const h = await t.login('syt.admin');
    const me = json(await t.app.inject({ url: '/api/me', headers: { cookie: h.cookie } }));
    expect(me).toMatchObject({ username: 'syt.admin', organisationUnits: [{ code: 'SYT38' }] });
    expect(me.csrfToken).toBe(h['x-csrf-token']);
    const payload = { name: 'Trạm X', date: '2026-12-02', reason: 'x' };
    const noCsrf = await t.app.inject({ method: 'POST', url: `/api/orgunits/${ids.TYT15880}/rename`, headers: { cookie: h.cookie }, payload });
    expect(noCsrf.statusCode).toBe(403);
    expect(json(noCsrf).error.code).toBe('CSRF_FAILED');
    const withCsrf = await t.app.inject({ method: 'POST', url: `/api/orgunits/${ids.TYT15880}/rename`, headers: h, payload });
    expect(withCsrf.statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: h });
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: h.cookie } })).statusCode).toBe(401);
  });

  it('sets an httpOnly SameSite session cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'syt.xem', password: 'Demo@2024' } });
    expect(String(res.headers['set-cookie'])).toMatch(/soyte_session=.+; .*HttpOnly; SameSite=Lax/);
  });

  it('locks an account after repeated failures, even with the right password, answering as for an unknown account', async () => {
    await user('locky', 'SYT38', ['viewer']);
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'locky', password: 'wrong' } });
      expect(r.statusCode).toBe(401);
    }
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'locky', password: 'Passw0rd!' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-at-all', password: 'Passw0rd!' } });
    // A locked account and an unknown one get the same answer: the answer tells nothing about usernames.
    expect(right.statusCode).toBe(401);
    expect(right.body).toBe(unknown.body);
    expect(json(right).error.code).toBe('INVALID_CREDENTIALS');
    expect((await t.app.inject({ url: '/api/me', headers: t.basic('locky', 'Passw0rd!') })).statusCode).toBe(401);
    const audit = json(await t.app.inject({ url: '/api/audit?entityType=user&pageSize=10', headers: admin }));
    expect(audit.items.map((i: { action: string }) => i.action)).toContain('auth.locked');
  });

  it('personal API tokens authenticate until revoked', async () => {
    const h = await t.login('ttyt.hoanghoa');
    const created = json(await t.app.inject({ method: 'POST', url: '/api/me/tokens', headers: h, payload: { name: 'DHIS2 sync' } }));
    expect(created.token).toMatch(/^soyte_pat_/);
    const auth = { authorization: `ApiToken ${created.token}` };
    expect(json(await t.app.inject({ url: '/api/me', headers: auth })).username).toBe('ttyt.hoanghoa');
    expect((await t.app.inject({ url: `/api/orgunits/${ids.OTHER_STATION}`, headers: auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/me/tokens/${created.id}`, headers: h })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/me', headers: auth })).statusCode).toBe(401);
  });

  it('rate-limits login attempts per client', async () => {
    const app2 = await testApp({ SOYTE_LOGIN_RATE_PER_MINUTE: '3' });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await app2.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });

  it('refuses unauthenticated calls with 401 and never a stack trace', async () => {
    const res = await t.app.inject({ url: '/api/orgunits/roots' });
    expect(res.statusCode).toBe(401);
    expect(json(res).error.code).toBe('UNAUTHENTICATED');
    const broken = await t.app.inject({ method: 'POST', url: '/api/orgunits', headers: { ...admin, 'content-type': 'application/json' }, payload: '{"broken' });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).not.toMatch(/node_modules|\.ts:\d+|stack/);
  });
});

describe('audit scope', () => {
  it('a centre admin sees audit entries of their own scope only', async () => {
    const h = await t.login('ttyt.hoanghoa');
    const items = json(await t.app.inject({ url: '/api/audit?pageSize=500', headers: h })).items;
    expect(items.length).toBeGreaterThan(0);
    // Entries about units and users of Hoằng Hóa are there (the renames above, nurse1)...
    expect(items.some((i: { entityCode: string }) => i.entityCode === 'nurse1')).toBe(true);
    expect(items.some((i: { action: string; entityId: string }) => i.action === 'orgUnit.rename' && i.entityId === ids.OWN_STATION_NOW)).toBe(true);
    // ...but not those about users of the Sở Y tế or their logins.
    const outside = items.filter((i: { entityCode: string }) => ['viewer1', 'locky', 'syt.xem', 'admin'].includes(i.entityCode));
    expect(outside).toEqual([]);
  });
});
