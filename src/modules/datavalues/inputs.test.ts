// Hostile input on the routes of data entry, the form workflow, completeness and plans
// (/api/dataEntry/*, /api/forms/*, /api/completeness, /api/plans*): every field of a valid request is
// replaced in turn by prototype keys, huge numbers, wrong types, impossible periods (000101, 999913),
// impossible dates and moments (year 0), very long strings, arrays where strings are expected …; then
// random mixes of valid and hostile fields (fast-check, fixed seed). No answer may be a 5xx, and a
// refused request (4xx) must not have written anything: no value, value audit row, form state, form
// event, plan target, period row or audit_log entry.
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { createFixture } from './test-fixture.repo.js';

let t: TestApp;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await testApp({ SOYTE_LOGIN_RATE_PER_MINUTE: '100000' });
  await createFixture(t.database.db, TEST_DEMO_PASSWORD);
  as.admin = await t.login('admin');
  as.station = await t.login('tyt.hoangxuan');
}, 120_000);

type Method = 'GET' | 'PUT' | 'POST';
interface Route {
  method: Method;
  url: string;
  /** A valid request (as the system administrator). */
  base: Record<string, unknown>;
}

const cell = { dataElement: 'T_BIRTHS_SEX', categoryOptionCombo: 'T_MALE', orgUnit: 'TYT15877', period: '202406' };
const form = { dataSet: 'T_MONTHLY', orgUnit: 'TYT15877', period: '202405' };
const target = { targetType: 'dataElement', target: 'T_VISITS', categoryOptionCombo: null };

const ROUTES: Route[] = [
  { method: 'GET', url: '/api/dataEntry/dataSets', base: { orgUnit: 'TTYT399', includeDescendants: 'true' } },
  { method: 'GET', url: '/api/dataEntry/form', base: { ...cell, dataSet: 'T_MONTHLY' } },
  { method: 'PUT', url: '/api/dataEntry/value', base: { ...cell, value: '5', comment: 'x', followUp: false, baseLastUpdated: null, source: 'form' } },
  { method: 'PUT', url: '/api/dataEntry/comment', base: { ...cell, comment: 'y', followUp: true } },
  { method: 'GET', url: '/api/dataEntry/history', base: cell },
  { method: 'POST', url: '/api/dataEntry/validate', base: { ...cell, dataSet: 'T_MONTHLY' } },
  { method: 'POST', url: '/api/forms/complete', base: { ...form, comment: 'ok' } },
  { method: 'POST', url: '/api/forms/uncomplete', base: { ...form, comment: 'sửa' } },
  { method: 'POST', url: '/api/forms/approve', base: { ...form, comment: 'đạt' } },
  { method: 'POST', url: '/api/forms/return', base: { ...form, comment: 'sửa lại' } },
  { method: 'POST', url: '/api/forms/reopen', base: { ...form, reason: 'sai số' } },
  { method: 'GET', url: '/api/forms/status', base: { ...form, orgUnit: 'TTYT399' } },
  { method: 'GET', url: '/api/forms/events', base: form },
  {
    method: 'GET', url: '/api/completeness',
    base: { dataSet: 'T_MONTHLY', orgUnit: 'TTYT399', startPeriod: '202401', endPeriod: '202406', level: '3', format: 'csv' },
  },
  { method: 'GET', url: '/api/plans', base: { year: '2024', orgUnit: 'TTYT399', asOf: '2024-03-01' } },
  { method: 'PUT', url: '/api/plans', base: { year: 2024, orgUnit: 'TYT15877', targets: [{ ...target, value: 10 }] } },
  {
    method: 'POST', url: '/api/plans/distribute',
    base: { year: 2024, orgUnit: 'TTYT399', ...target, method: 'manual', values: { TYT15877: 3 }, dryRun: true, asOf: '2024-01-01' },
  },
  { method: 'GET', url: '/api/plans/check', base: { year: '2024', orgUnit: 'SYT38' } },
  { method: 'GET', url: '/api/plans/options', base: {} },
  { method: 'GET', url: '/api/plans/progress', base: { orgUnit: 'TTYT399', year: '2024', period: '202405', upToPeriod: '202405' } },
];

/** What replaces a field: the kinds of input that broke servers before. */
const HOSTILE: unknown[] = [
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', '   ', 'x'.repeat(100_000), 'ộ'.repeat(5_000), '=HYPERLINK("x")',
  '000101', '999913', '000001', '0000', '190001', '219912', '220001', '2024Q5', '202413', '2024W1', '-1',
  '0000-01-01', '1899-12-31', '9999-12-31', '2024-02-30', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2024-01-01T00:00:00+14:00',
  1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -1, 0, 1.5, true, false, null,
  [], ['202406'], [null], [['x']], {}, { a: { b: { c: 1 } } }, { toString: 'x', valueOf: 1 },
];

/** Query strings carry strings and repeated keys only. */
function toQuery(fields: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) q.append(k, typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Everything a request of these modules can write, as one comparable value. */
async function fingerprint(): Promise<string> {
  const r = await sql<Record<string, unknown>>`
    select (select coalesce(max(id), 0) from data_value_audit) as value_audit,
      (select coalesce(max(id), 0) from audit_log) as audit,
      (select coalesce(max(id), 0) from form_event) as events,
      (select count(*) from form_status) as states, (select max(updated_at)::text from form_status) as state_change,
      (select count(*) from plan_target) as targets, (select max(updated_at)::text from plan_target) as target_change,
      (select count(*) from period) as periods`.execute(t.database.db);
  return JSON.stringify(r.rows[0]);
}

interface Outcome {
  status: number;
  request: string;
}

let failures: string[] = [];
let before = '';

beforeEach(() => {
  failures = [];
});

/** Sends one request; records a 5xx, and a refusal that wrote something. */
async function send(route: Route, user: string, fields: Record<string, unknown> | unknown): Promise<Outcome> {
  const isObject = typeof fields === 'object' && fields !== null && !Array.isArray(fields);
  const url = route.method === 'GET' ? `${route.url}${isObject ? toQuery(fields as Record<string, unknown>) : ''}` : route.url;
  const res = await t.app.inject({
    method: route.method,
    url,
    headers: { ...as[user], 'content-type': 'application/json' },
    ...(route.method === 'GET' ? {} : { payload: JSON.stringify(fields) }),
  });
  const request = `${user} ${route.method} ${url.slice(0, 300)} ${route.method === 'GET' ? '' : JSON.stringify(fields).slice(0, 300)}`;
  if (res.statusCode >= 500) failures.push(`${res.statusCode} ${request} → ${res.body.slice(0, 300)}`);
  const after = await fingerprint();
  if (res.statusCode >= 400 && after !== before) failures.push(`${res.statusCode} wrote something: ${request}`);
  before = after;
  return { status: res.statusCode, request };
}

/** The request with `path` (a.b.0.c) set to `value` (undefined removes it). */
function replaced(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let node = copy as Record<string, unknown>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Every field path of a request, nested ones included (targets.0.value, values.TYT15877). */
function paths(obj: unknown, prefix: string[] = []): string[][] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  const entries = Object.entries(obj);
  const inner = entries.flatMap(([k, v]) => paths(v, [...prefix, k]));
  return prefix.length ? [prefix, ...inner] : inner;
}

describe('hostile input on data entry, workflow, completeness and plans', () => {
  it('valid requests get through (so the hostile ones below reach past the first check)', async () => {
    before = await fingerprint();
    const answers: [string, number][] = [];
    for (const route of ROUTES) answers.push([`${route.method} ${route.url}`, (await send(route, 'admin', route.base)).status]);
    expect(failures).toEqual([]);
    const ok = (name: string) => answers.find(([n]) => n === name)![1];
    for (const name of [
      'GET /api/dataEntry/dataSets', 'GET /api/dataEntry/form', 'PUT /api/dataEntry/value', 'PUT /api/dataEntry/comment',
      'GET /api/dataEntry/history', 'POST /api/dataEntry/validate', 'POST /api/forms/complete', 'POST /api/forms/uncomplete',
      'GET /api/forms/status', 'GET /api/forms/events', 'GET /api/completeness', 'GET /api/plans', 'PUT /api/plans',
      'POST /api/plans/distribute', 'GET /api/plans/check', 'GET /api/plans/options', 'GET /api/plans/progress',
    ]) {
      expect([name, ok(name)]).toEqual([name, 200]);
    }
  });

  it('no field replaced by a hostile value (or left out) gives a 5xx or writes anything when refused', async () => {
    before = await fingerprint();
    let refused = 0;
    for (const route of ROUTES) {
      for (const path of paths(route.base)) {
        for (const value of [undefined, ...HOSTILE]) {
          const r = await send(route, 'admin', replaced(route.base, path, value));
          if (r.status >= 400) refused++;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(1000);
  }, 600_000);

  it('whole bodies of the wrong type, prototype-polluting JSON and repeated query keys are refused', async () => {
    before = await fingerprint();
    for (const route of ROUTES) {
      if (route.method === 'GET') {
        await send(route, 'admin', Object.fromEntries(Object.entries(route.base).map(([k, v]) => [k, [v, v]])));
        continue;
      }
      for (const body of [null, [], [route.base], 'text', 42, true]) {
        const r = await send(route, 'admin', body);
        expect(r.status, r.request).toBeGreaterThanOrEqual(400);
      }
      const poisoned = await t.app.inject({
        method: route.method, url: route.url, headers: { ...as.admin, 'content-type': 'application/json' },
        payload: `{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}, ${JSON.stringify(route.base).slice(1)}`,
      });
      expect(poisoned.statusCode, `${route.url} ${poisoned.body}`).toBe(400);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    }
    expect(await fingerprint()).toBe(before);
    expect(failures).toEqual([]);
  });

  it('random mixes of valid and hostile fields, by an administrator and a station user (fast-check)', async () => {
    before = await fingerprint();
    const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 30 }), fc.double());
    for (const route of ROUTES) {
      const keys = Object.keys(route.base);
      const request = fc.record(
        Object.fromEntries(keys.map((k) => [k, fc.oneof({ weight: 2, arbitrary: fc.constant(route.base[k]) }, { weight: 1, arbitrary: hostile })])),
      );
      await fc.assert(
        fc.asyncProperty(request, fc.constantFrom('admin', 'station'), async (fields, user) => {
          const r = await send(route, user, fields);
          return r.status < 500;
        }),
        { numRuns: keys.length ? 25 : 3, seed: 20240601, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

describe('inputs that used to reach PostgreSQL or crash zod (each answered 500 before)', () => {
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: as.admin });
  const put = (url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: as.admin, payload });

  it('periods of the year 0 or month 13 are refused with the field named (000101 → "0-01-01"::date)', async () => {
    for (const period of ['000101', '999913', '000001', '0000', '0000Q1']) {
      const form = await get(`/api/dataEntry/form?dataSet=T_MONTHLY&orgUnit=TYT15877&period=${period}`);
      expect([period, form.statusCode, form.json().error.details.fields.period]).toEqual([period, 400, expect.any(String)]);
      const value = await put('/api/dataEntry/value', { dataElement: 'T_VISITS', orgUnit: 'TYT15877', period, value: '1' });
      expect([period, value.statusCode]).toEqual([period, 400]);
    }
    const range = await get('/api/completeness?dataSet=T_MONTHLY&orgUnit=TTYT399&startPeriod=000101&endPeriod=999912');
    expect(range.statusCode).toBe(400);
    expect(range.json().error.details.fields).toHaveProperty('startPeriod');
    const wide = await get('/api/completeness?dataSet=T_MONTHLY&orgUnit=TTYT399&startPeriod=190001&endPeriod=219912');
    expect(wide.statusCode).toBe(400); // 3,600 months: more than the 120 periods a report may span
    const progress = await get('/api/plans/progress?orgUnit=TTYT399&year=2024&period=000105');
    expect(progress.statusCode).toBe(400);
  });

  it('an offline base time in the year 0 is refused (PostgreSQL has no year 0)', async () => {
    const r = await put('/api/dataEntry/value', {
      dataElement: 'T_VISITS', orgUnit: 'TYT15877', period: '202406', value: '1', baseLastUpdated: '0000-01-01T00:00:00Z', source: 'offline',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields).toHaveProperty('baseLastUpdated');
  });

  it('a year that cannot be turned into a number is refused, not thrown', async () => {
    const r = await put('/api/plans', { year: { toString: 'x', valueOf: 1 }, orgUnit: 'TYT15877', targets: [{ targetType: 'dataElement', target: 'T_VISITS', value: 1 }] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields).toHaveProperty('year');
    expect((await get('/api/completeness?dataSet=T_MONTHLY&orgUnit=TTYT399&level=1e3')).statusCode).toBe(400);
  });

  it('prototype keys as children of a distribution find no child', async () => {
    const r = await t.app.inject({
      method: 'POST', url: '/api/plans/distribute', headers: { ...as.admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ year: 2024, orgUnit: 'TTYT399', targetType: 'dataElement', target: 'T_VISITS', method: 'manual', values: { constructor: 1, toString: 2 }, dryRun: true }),
    });
    expect(r.statusCode).toBe(400);
    expect(Object.keys(r.json().error.details.fields).sort()).toEqual(['values.constructor', 'values.toString']);
  });
});
