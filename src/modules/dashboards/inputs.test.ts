// Hostile input on /api/dashboards*: prototype keys and huge strings as ids, wrong types, huge numbers,
// items with unknown kinds, impossible periods, unknown relative periods, 10,000 data items …; then
// random bodies mixing valid and hostile fields (fast-check, fixed seed). No answer may be a 5xx, and a
// refused change writes nothing.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let own: string; // a dashboard of syt.admin

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function send(method: Method, url: string, payload?: unknown, user = 'syt.admin') {
  const before = method === 'GET' ? 0 : await countDashboards();
  const res = await t.app.inject({
    method,
    url,
    headers: { ...t.basic(user), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
  expect(res.statusCode, `${method} ${url.slice(0, 200)} ${JSON.stringify(payload)?.slice(0, 300)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400 && method !== 'GET') expect(await countDashboards()).toBe(before); // a refused change writes nothing
  return res;
}

const item = { id: 'k1', type: 'chart', chartType: 'bar', data: ['MCH_LIVE_BIRTHS'], period: { kind: 'dashboard' }, unit: { kind: 'children' } };
const valid = { name: 'Bảng thử', items: [item], shared: true, sortOrder: 5, levelKind: 'province' };

const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const HOSTILE: unknown[] = [
  ...PROTO, '', ' ', 'x'.repeat(100_000), '😀', null, true, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 1.5, Number.MAX_SAFE_INTEGER,
  [], [null], {}, { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } },
  '000101-999912', 'LAST_999_MONTHS', 'THIS_CENTURY', 'builtin-__proto__', 'builtin-',
];

async function countDashboards() {
  return Number((await t.database.db.selectFrom('dashboard').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

beforeAll(async () => {
  t = await testApp();
  const res = await t.app.inject({ method: 'POST', url: '/api/dashboards', headers: t.basic('syt.admin'), payload: valid });
  expect(res.statusCode, res.body).toBe(200);
  own = res.json().id;
});

describe('/api/dashboards: hostile input', () => {
  it('ids: prototype keys, built-in prefixes, huge strings', async () => {
    const ids = ['__proto__', 'constructor', 'builtin-__proto__', 'builtin-constructor', 'builtin-', 'x'.repeat(10_000), '%20', '..', 'builtin-province/..'];
    for (const id of ids) {
      const url = `/api/dashboards/${encodeURIComponent(id)}`;
      for (const res of [await send('GET', url), await send('PUT', url, valid), await send('POST', `${url}/copy`, {}), await send('DELETE', url)]) {
        expect([400, 403, 404, 414]).toContain(res.statusCode);
      }
    }
    expect((await send('GET', '/api/dashboards')).statusCode).toBe(200);
  });

  it('every field of a dashboard and of an item replaced by hostile values', { timeout: 120_000 }, async () => {
    for (const key of [...Object.keys(valid), ...PROTO]) {
      for (const h of HOSTILE) await send('POST', '/api/dashboards', { ...valid, [key]: h });
    }
    for (const [k, key] of [...Object.keys(item), 'compare', 'show', 'width', 'title', ...PROTO].entries()) {
      for (const [i, h] of HOSTILE.entries()) {
        if (i % 2 !== k % 2) continue; // each item field every other value (alternating between fields)
        // POST and PUT validate alike: PUT takes every third value.
        if (i % 3 === 0) await send('PUT', `/api/dashboards/${own}`, { ...valid, items: [{ ...item, [key]: h }] });
        else await send('POST', '/api/dashboards', { ...valid, items: [{ ...item, [key]: h }] });
      }
    }
    const specs: unknown[] = [
      { kind: 'relative', keyword: 'LAST_999_MONTHS' }, { kind: 'relative', keyword: '__proto__' }, { kind: 'fixed', id: '000101-999912' },
      { kind: 'fixed', id: '190001-219912' }, { kind: 'fixed', id: '__proto__' }, { kind: '__proto__' }, { kind: 'level', level: 1e308 },
      { kind: 'level', level: -1 }, { kind: 'level', level: '3' }, { kind: 'level' }, { kind: 'children', extra: 1 },
    ];
    for (const s of specs) {
      await send('POST', '/api/dashboards', { ...valid, items: [{ ...item, period: s }] });
      await send('POST', '/api/dashboards', { ...valid, items: [{ ...item, unit: s }] });
    }
    // 10,000 data items, 10,000 items, prototype keys as data codes.
    await send('POST', '/api/dashboards', { ...valid, items: [{ ...item, data: Array.from({ length: 10_000 }, (_, i) => `X${i}`) }] });
    await send('POST', '/api/dashboards', { ...valid, items: Array.from({ length: 10_000 }, (_, i) => ({ ...item, id: `i${i}` })) });
    const proto = await send('POST', '/api/dashboards', { ...valid, items: [{ ...item, data: ['__proto__', 'constructor', 'MCH_LIVE_BIRTHS.__proto__'] }] });
    expect(proto.statusCode).toBe(400);
    expect(Object.keys(proto.json().error.details.fields)).toEqual(['items.0.data.0', 'items.0.data.1', 'items.0.data.2']);
    // Bodies that are not objects.
    for (const body of [[], 'x', 42, null, [valid]]) await send('POST', '/api/dashboards', body);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('random bodies (fast-check)', { timeout: 120_000 }, async () => {
    const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 30 }));
    const field = (v: unknown) => fc.oneof({ weight: 2, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: hostile });
    const anItem = fc.record(Object.fromEntries(Object.entries(item).map(([k, v]) => [k, field(v)])));
    const body = fc.record({ name: field(valid.name), items: fc.oneof(fc.array(anItem, { maxLength: 3 }), hostile), shared: field(true), levelKind: field('centre') });
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom<Method>('POST', 'PUT'), fc.constantFrom('syt.admin', 'tyt.hoangloc'), async (b, method, user) => {
        await send(method, method === 'POST' ? '/api/dashboards' : `/api/dashboards/${own}`, b, user);
      }),
      { numRuns: 40, seed: 20261122, endOnFailure: true },
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
