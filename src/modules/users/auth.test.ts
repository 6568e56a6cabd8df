// Authentication hardening: the per-address limiter (logins, HTTP Basic, tokens) that a forged
// X-Forwarded-For cannot reset, the password policy, and a password change that ends every other
// session and API token.
import { beforeAll, describe, expect, it } from 'vitest';
import { json, testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let admin: Record<string, string>;
let station: string;

beforeAll(async () => {
  t = await testApp();
  admin = t.basic('admin');
  station = await t.unit('TYT15961');
});

const createUser = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { displayName: 'Y tá', orgUnitId: station, roles: ['data_entry'], ...payload } });

describe('the per-address limiter', () => {
  it('does not trust X-Forwarded-For unless SOYTE_TRUST_PROXY names the proxy', async () => {
    const app = await testApp({ SOYTE_LOGIN_RATE_PER_MINUTE: '3' });
    const codes = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.app.inject({
        method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' },
        headers: { 'x-forwarded-for': `10.0.0.${i}` }, // a new address every time: must not reset the count
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });

  it('behind a named proxy, each client address counts on its own', async () => {
    const app = await testApp({ SOYTE_LOGIN_RATE_PER_MINUTE: '2', SOYTE_TRUST_PROXY: '127.0.0.1' });
    const attempt = (ip: string) =>
      app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, headers: { 'x-forwarded-for': ip } });
    expect([(await attempt('10.1.1.1')).statusCode, (await attempt('10.1.1.1')).statusCode, (await attempt('10.1.1.1')).statusCode]).toEqual([401, 401, 429]);
    expect((await attempt('10.1.1.2')).statusCode).toBe(401);
  });

  it('counts failed HTTP Basic and API-token attempts; successful requests do not count', async () => {
    const app = await testApp({ SOYTE_LOGIN_RATE_PER_MINUTE: '4' });
    const ok = app.basic('syt.xem');
    for (let i = 0; i < 6; i++) expect((await app.app.inject({ url: '/api/me', headers: ok })).statusCode).toBe(200);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await app.app.inject({ url: '/api/me', headers: app.basic('syt.xem', `wrong-${i}`) })).statusCode);
    codes.push((await app.app.inject({ url: '/api/me', headers: { authorization: 'ApiToken soyte_pat_not-a-real-token' } })).statusCode);
    codes.push((await app.app.inject({ url: '/api/me', headers: app.basic('syt.xem', 'wrong-again') })).statusCode);
    // Once limited, even the right password waits: guessing cannot continue from this address.
    codes.push((await app.app.inject({ url: '/api/me', headers: ok })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('marks the session cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const trusted = await testApp({ SOYTE_TRUST_PROXY: '127.0.0.1' });
    const https = await trusted.app.inject({
      method: 'POST', url: '/api/auth/login', payload: { username: 'syt.xem', password: 'Demo@2024' }, headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
    // Without a trusted proxy the header is ignored: plain HTTP, no Secure flag.
    const plain = await t.app.inject({
      method: 'POST', url: '/api/auth/login', payload: { username: 'syt.xem', password: 'Demo@2024' }, headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(plain.headers['set-cookie'])).not.toMatch(/; Secure/);
  });
});

describe('the password policy (NIST SP 800-63B)', () => {
  it.each([
    ['aaaaaaa1', 'password.repetitive'],
    ['password1', 'password.common'],
    ['12345678', 'password.common'],
    ['matkhau123', 'password.common'],
    ['short1', 'password.tooShort'],
  ])('refuses %s', async (password, key) => {
    const res = await createUser({ username: `u${Math.random().toString(36).slice(2, 8)}`, password });
    expect(res.statusCode).toBe(400);
    const body = json(res);
    expect(body.error.details.fields.password).toBeTruthy();
    expect(body.error.message).not.toBe(key); // a sentence, not a key
  });

  it('refuses the username or the unit code inside the password, in Vietnamese', async () => {
    const same = await createUser({ username: 'nguyen.lan', password: 'nguyen.lan2024' });
    expect(same.statusCode).toBe(400);
    expect(json(same).error.details.fields.password).toMatch(/tên đăng nhập/);
    const unit = await createUser({ username: 'tran.binh', password: 'TYT15961@abc' });
    expect(unit.statusCode).toBe(400);
    expect(json(unit).error.details.fields.password).toMatch(/mã đơn vị/);
  });

  it('accepts a reasonable password, and the documented demo password still logs in', async () => {
    expect((await createUser({ username: 'le.hoa', password: 'Hoa-tram-y-te' })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tyt.hoangloc', password: 'Demo@2024' } })).statusCode).toBe(200);
  });
});

describe('changing a password', () => {
  it('POST /api/me/password needs the current password, then ends the other sessions and every API token', async () => {
    expect((await createUser({ username: 'pham.thu', password: 'Thu@tram-2024' })).statusCode).toBe(201);
    const here = await t.login('pham.thu', 'Thu@tram-2024');
    const elsewhere = await t.login('pham.thu', 'Thu@tram-2024');
    const token = json(await t.app.inject({ method: 'POST', url: '/api/me/tokens', headers: here, payload: { name: 'Excel' } })).token;
    const tokenAuth = { authorization: `ApiToken ${token}` };
    expect((await t.app.inject({ url: '/api/me', headers: tokenAuth })).statusCode).toBe(200);

    const wrong = await t.app.inject({ method: 'POST', url: '/api/me/password', headers: here, payload: { currentPassword: 'nope', newPassword: 'Moi@tram-2025' } });
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong).error.details.fields.currentPassword).toBeTruthy();
    const weak = await t.app.inject({ method: 'POST', url: '/api/me/password', headers: here, payload: { currentPassword: 'Thu@tram-2024', newPassword: 'password1' } });
    expect(weak.statusCode).toBe(400);

    const ok = await t.app.inject({ method: 'POST', url: '/api/me/password', headers: here, payload: { currentPassword: 'Thu@tram-2024', newPassword: 'Moi@tram-2025' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).revokedTokens).toBe(1);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: here.cookie } })).statusCode).toBe(200); // this session stays
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: elsewhere.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: tokenAuth })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: t.basic('pham.thu', 'Thu@tram-2024') })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: t.basic('pham.thu', 'Moi@tram-2025') })).statusCode).toBe(200);
    const audit = json(await t.app.inject({ url: '/api/audit?entityType=user&pageSize=20', headers: admin }));
    expect(audit.items.map((i: { action: string }) => i.action)).toContain('user.passwordChanged');
  });

  it('a password set by an administrator ends the user’s sessions and API tokens', async () => {
    const created = json(await createUser({ username: 'do.minh', password: 'Minh@tram-2024' }));
    const session = await t.login('do.minh', 'Minh@tram-2024');
    const token = json(await t.app.inject({ method: 'POST', url: '/api/me/tokens', headers: session, payload: { name: 'sync' } })).token;
    const reset = await t.app.inject({ method: 'PATCH', url: `/api/users/${created.id}`, headers: admin, payload: { password: 'Minh@moi-2025' } });
    expect(reset.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: { authorization: `ApiToken ${token}` } })).statusCode).toBe(401);
  });
});
