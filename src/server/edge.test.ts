// The server's edge: strings PostgreSQL cannot store are refused before any route sees them (a 400
// naming the field, never a 500), oversize bodies are 413, and what goes over the wire is compressed
// and cached as a commune station on a weak line needs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../core/config.js';
import { buildApp } from './app.js';
import { freshDatabase, json, testApp, type TestApp } from '../test/harness.js';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  admin = t.basic('admin');
});

describe('strings PostgreSQL cannot store', () => {
  it('a NUL byte in an anonymous login is a 400 naming the field (was a 500)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'syt.admin\u0000', password: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.details.fields).toEqual({ 'body.username': expect.any(String) });
  });

  it('a NUL in a query or a path is a 400 (was a 500 on /api/orgunits/search?q=%00)', async () => {
    const q = await t.app.inject({ url: '/api/orgunits/search?q=%00', headers: admin });
    expect(q.statusCode).toBe(400);
    expect(json(q).error.details.fields['query.q']).toBeTruthy();
    const p = await t.app.inject({ url: '/api/orgunits/TTYT%00399', headers: admin });
    expect(p.statusCode).toBe(400);
  });

  it('a lone surrogate in an audited string is a 400 and writes nothing (was a 500 from the audit log)', async () => {
    const before = json(await t.app.inject({ url: '/api/audit?pageSize=1', headers: admin })).total;
    const id = await t.unit('TTYT399');
    const res = await t.app.inject({ method: 'POST', url: `/api/orgunits/${id}/rename`, headers: admin, payload: { name: 'Trung tâm \ud800', date: '2026-12-20', reason: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.message).toMatch(/ký tự không hợp lệ/);
    expect(json(await t.app.inject({ url: '/api/audit?pageSize=1', headers: admin })).total).toBe(before);
  });

  it('a NUL or broken UTF-8 in HTTP Basic credentials is a 401, not a 500', async () => {
    const nul = { authorization: `Basic ${Buffer.from('syt.admin\u0000:x').toString('base64')}` };
    expect((await t.app.inject({ url: '/api/me', headers: nul })).statusCode).toBe(401);
    const broken = { authorization: `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x78]).toString('base64')}` };
    expect((await t.app.inject({ url: '/api/me', headers: broken })).statusCode).toBe(401);
  });

  it('a body over the limit is a 413 with a message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/orgunits', headers: { ...admin, 'content-type': 'application/json' }, payload: `{"name":"${'x'.repeat(11 * 1024 * 1024)}"}` });
    expect(res.statusCode).toBe(413);
    expect(json(res).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('transfer', () => {
  it('compresses API answers for clients that accept it', async () => {
    const res = await t.app.inject({ url: '/api/organisationUnits?paging=false&fields=id,code,name', headers: { ...admin, 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    const body = JSON.parse(zlib.brotliDecompressSync(res.rawPayload).toString('utf8'));
    expect(body.organisationUnits.length).toBeGreaterThan(100);
    expect(res.rawPayload.length).toBeLessThan(zlib.brotliDecompressSync(res.rawPayload).length / 3);
  });

  it('serves hashed assets precompressed and cached for a year, index.html revalidated', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    const js = `console.log(${JSON.stringify('Trạm Y tế '.repeat(500))});`;
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>soyte</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), js);
    fs.writeFileSync(path.join(dist, 'assets', 'index-AbC123.js.br'), zlib.brotliCompressSync(js));
    const database = await freshDatabase();
    const app = await buildApp({ store: database.store, config: testConfig(), webDist: dist });
    try {
      const asset = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'br' } });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-encoding']).toBe('br');
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(zlib.brotliDecompressSync(asset.rawPayload).toString()).toBe(js);
      const index = await app.inject({ url: '/' });
      expect(index.headers['cache-control']).toBe('no-cache');
      const route = await app.inject({ url: '/entry?ds=x' }); // a client-side route: the app's index.html
      expect(route.statusCode).toBe(200);
      expect(route.headers['cache-control']).toBe('no-cache');
      expect(route.body).toContain('<title>soyte</title>');
    } finally {
      await app.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
