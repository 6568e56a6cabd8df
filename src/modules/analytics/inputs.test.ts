// Hostile input on the analytics routes (GET /api/analytics, .json, .csv, .xlsx and
// /api/analytics/values): prototype keys as ids and codes, huge numbers, empty dimension lists, a dx of
// 10,000 items, impossible and unknown periods, junk ouMode/structure/asOf, repeated and unknown
// parameters; then random mixes of valid and hostile parameters (fast-check, fixed seed). No answer may
// be a 5xx, a file that is answered is a whole file, and the server stays healthy.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await testApp();
  as.admin = t.basic('admin');
  as.viewer = t.basic('syt.xem');
  as.station = t.basic('tyt.hoangxuan');
});

const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];
const HOSTILE = [
  ...PROTO,
  '', ' ', ';', ';;;', ':', '.', '*', '..', '.*', 'FP_BIRTHS.', '.FP_BIRTHS', 'FP_BIRTHS.*.*', 'FP_BIRTHS.__proto__',
  '-1', '0', '1e309', 'NaN', 'Infinity', '99999999999999999999', '9'.repeat(400), '1.5',
  '000101-999912', '000101', '999912', '202413', '202400', '2024W53', '2024Q9', '2024YTD13', '190001-219912', '2199S2', '21991',
  'LAST_999_MONTHS', 'THIS_CENTURY', 'last_month', 'LAST_5_YEARS',
  'LEVEL-0', 'LEVEL-99999999999999999999', 'LEVEL--1', 'LEVEL-1e3', 'LEVEL-', 'LEVEL', 'OU_GROUP-__proto__', 'OU_GROUP-', 'OU_GROUP_SET-x',
  'USER_ORGUNIT', 'USER_ORGUNIT_GRANDCHILDREN', 'USER_ORGUNIT_CHILDREN',
  'x'.repeat(5000), '😀', 'Đường', '<script>', "' or 1=1 --", '%', '\\', '"',
];
const VALID = { dx: ['FP_BIRTHS', 'IND_SEX_RATIO_BIRTH', 'FP_BIRTHS.*', 'EPI_FULL_U1'], pe: ['202405', '2024Q2', 'LAST_12_MONTHS', '202401-202405'], ou: ['TTYT399', 'SYT38;LEVEL-2', 'TTYT399;LEVEL-3', 'USER_ORGUNIT'] };
const DIMENSION_IDS = ['dx', 'pe', 'ou', 'co', 'ao', '__proto__', '', 'DX'];

type Query = [string, string][];

async function request(path: string, query: Query, user = 'admin') {
  const qs = new URLSearchParams(query).toString();
  const res = await t.app.inject({ method: 'GET', url: `${path}?${qs}`, headers: as[user]! });
  expect(res.statusCode, `${path}?${qs.slice(0, 300)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode === 200 && path.endsWith('.xlsx')) expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  if (res.statusCode === 200 && path.endsWith('.csv')) expect(res.body.startsWith('\ufeff')).toBe(true);
  if (res.statusCode >= 400) expect(res.json().error.message).toBeTruthy();
  return res;
}

const PATHS = ['/api/analytics', '/api/analytics.json', '/api/analytics.csv', '/api/analytics.xlsx'];
const base = (): Query => [['dimension', 'dx:FP_BIRTHS'], ['dimension', 'pe:202405'], ['dimension', 'ou:TTYT399']];

describe('GET /api/analytics(.json/.csv/.xlsx): hostile parameters', () => {
  it('every hostile item in each dimension, on every format', { timeout: 240_000 }, async () => {
    // The four routes share the parser: JSON takes every item, each file format a third of them.
    for (const [p, path] of PATHS.entries()) {
      for (const dim of ['dx', 'pe', 'ou'] as const) {
        for (const [i, h] of HOSTILE.entries()) {
          if (p > 0 && i % 3 !== p - 1) continue;
          const q = base().map(([k, v]): [string, string] => (v.startsWith(`${dim}:`) ? [k, `${dim}:${h}`] : [k, v]));
          await request(path, q, path === '/api/analytics' ? 'station' : 'admin');
        }
      }
    }
  });

  it('hostile parameter names and values, repeated and empty dimensions', { timeout: 240_000 }, async () => {
    const cases: Query[] = [
      [], [['dimension', '']], [['dimension', 'dx:']], [['dimension', 'dx:'], ['dimension', 'pe:'], ['dimension', 'ou:']],
      [...base(), ['filter', '']], [...base(), ['filter', 'pe:']], [['filter', 'dx:FP_BIRTHS'], ['filter', 'pe:202405'], ['filter', 'ou:TTYT399']],
      [...base(), ['dimension', 'dx:FP_BIRTHS']], [...base(), ['dimension', 'co:__proto__']], [...base(), ['dimension', 'co:']],
      ...DIMENSION_IDS.map((d): Query => [...base(), ['dimension', `${d}:x`]]),
      ...PROTO.map((p): Query => [...base(), [p, 'x']]),
      ...['structure', 'asOf', 'idScheme', 'inputIdScheme', 'outputIdScheme', 'displayProperty', 'skipMeta', 'skipData', 'includeNumDen', 'skipRounding', 'ignoreLimit', 'hideEmptyRows'].flatMap((p) =>
        HOSTILE.slice(0, 16).map((h): Query => [...base(), [p, h]]),
      ),
      [...base(), ['structure', 'current'], ['structure', 'historical']],
      [...base(), ['asOf', '0000-01-01']], [...base(), ['asOf', '99999-12-31']], [...base(), ['asOf', '2024-02-30']],
      [...base(), ['structure', 'current'], ['asOf', '1900-01-01']], [...base(), ['structure', 'current'], ['asOf', '2199-12-31']],
      [['dimension', 'dx:FP_BIRTHS'], ['dimension', 'pe:LAST_5_YEARS'], ['dimension', 'ou:SYT38;LEVEL-3']],
      [['dimension', 'dx:FP_BIRTHS'], ['dimension', `pe:${Array.from({ length: 240 }, (_, i) => `${2000 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`).join(';')}`], ['dimension', 'ou:TTYT399']],
      Array.from({ length: 30 }, (): [string, string] => ['dimension', 'dx:FP_BIRTHS']),
      [['dimension', `dx:${'FP_BIRTHS;'.repeat(20_000)}`], ['dimension', 'pe:202405'], ['dimension', 'ou:TTYT399']], // > 100,000 characters
    ];
    for (const [i, q] of cases.entries()) await request(PATHS[i % PATHS.length]!, q, 'viewer');
    for (const path of PATHS) for (const q of cases.slice(0, 12)) await request(path, q, 'viewer');
  });

  it('a dx of 10,000 items: unknown ones named, known ones repeated, 10,000 units', { timeout: 120_000 }, async () => {
    const unknown = Array.from({ length: 10_000 }, (_, i) => `X${i}`).join(';');
    const known = Array.from({ length: 5_000 }, (_, i) => ['FP_BIRTHS', 'EPI_FULL_U1', 'IND_SEX_RATIO_BIRTH', 'FP_BIRTHS.*'][i % 4]).join(';');
    const manyUnits = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? 'TTYT399' : 'LEVEL-3')).join(';');
    const notFound = await request('/api/analytics', [['dimension', `dx:${unknown}`], ['dimension', 'pe:202405'], ['dimension', 'ou:TTYT399']]);
    expect(notFound.statusCode).toBe(400);
    expect(notFound.json().error.message).toContain('"X0"');
    const tooLong = await request('/api/analytics', [['dimension', `dx:${'FP_BIRTHS;'.repeat(20_000)}`], ['dimension', 'pe:202405'], ['dimension', 'ou:TTYT399']]);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toMatch(/dimension/);
    const repeated = await request('/api/analytics', [['dimension', `dx:${known}`], ['dimension', 'pe:202405'], ['filter', 'ou:TTYT399']]);
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json().headers.map((h: { name: string }) => h.name)).toEqual(['dx', 'pe', 'value']);
    for (const path of PATHS) {
      await request(path, [['dimension', `dx:${known}`], ['dimension', 'pe:202405'], ['dimension', `ou:${manyUnits}`]]);
      await request(path, [['dimension', `dx:${unknown}`], ['dimension', 'pe:202405'], ['dimension', 'ou:TTYT399']]);
    }
  });

  it('random mixes of valid and hostile parameters (fast-check)', { timeout: 240_000 }, async () => {
    const item = (valid: string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid) }, { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
    const dimension = fc.tuple(fc.constantFrom(...DIMENSION_IDS.slice(0, 4), ...DIMENSION_IDS), fc.array(item([...VALID.dx, ...VALID.pe, ...VALID.ou]), { maxLength: 4 }))
      .map(([d, items]) => (items.length ? `${d}:${items.join(';')}` : d));
    const query = fc.record({
      dx: fc.array(item(VALID.dx), { minLength: 0, maxLength: 3 }),
      pe: fc.array(item(VALID.pe), { minLength: 0, maxLength: 3 }),
      ou: fc.array(item(VALID.ou), { minLength: 0, maxLength: 2 }),
      asFilter: fc.subarray(['dx', 'pe', 'ou']),
      extra: fc.array(fc.tuple(fc.constantFrom('dimension', 'filter', 'structure', 'asOf', 'outputIdScheme', 'idScheme', 'displayProperty', 'includeNumDen', ...PROTO), fc.oneof(dimension, item(['current', 'historical', 'CODE', 'NAME', 'true', '2024-06-30']))), { maxLength: 3 }),
      path: fc.constantFrom(...PATHS),
      user: fc.constantFrom('admin', 'viewer', 'station'),
    });
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const params: Query = [];
        for (const d of ['dx', 'pe', 'ou'] as const) {
          if (!q[d].length) continue;
          params.push([q.asFilter.includes(d) ? 'filter' : 'dimension', `${d}:${q[d].join(';')}`]);
        }
        params.push(...q.extra);
        await request(q.path, params, q.user);
      }),
      { numRuns: 60, seed: 20261122, endOnFailure: true },
    );
  });
});

describe('GET /api/analytics/values: hostile parameters', () => {
  const valid = { dx: 'FP_BIRTHS', pe: '202405', ou: 'TTYT399', ouMode: 'children', compare: 'lastYear,previous,ytd,plan,reporting', structure: 'historical', asOf: '2024-06-30' };

  it('every hostile value in each parameter, and 10,000 items', { timeout: 120_000 }, async () => {
    const values = [...HOSTILE, 'level-0', 'level-21', 'level-99999999999999999999', 'LEVEL-3', 'self ', 'grandchildren', 'lastYear,,', 'plan,__proto__'];
    for (const [k, key] of Object.keys(valid).entries()) {
      for (const [i, h] of values.entries()) {
        // dx and pe take every value; the other parameters every other one (alternating).
        if (k > 1 && i % 2 !== k % 2) continue;
        await request('/api/analytics/values', Object.entries({ ...valid, [key]: h }), 'station');
      }
    }
    await request('/api/analytics/values', [...Object.entries(valid), ['dx', 'EPI_FULL_U1']]); // repeated
    for (const p of PROTO) await request('/api/analytics/values', [...Object.entries(valid), [p, 'x']]);
    const many = await request('/api/analytics/values', Object.entries({ ...valid, dx: Array.from({ length: 10_000 }, (_, i) => `X${i}`).join(';') }));
    expect(many.statusCode).toBe(400);
    const fifty = await request('/api/analytics/values', Object.entries({ ...valid, dx: Array.from({ length: 51 }, (_, i) => `X${i}`).join(';') }));
    expect(fifty.statusCode).toBe(400);
  });

  it('random mixes (fast-check)', { timeout: 120_000 }, async () => {
    const field = (v: string) => fc.oneof({ weight: 2, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
    const query = fc.record(Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, fc.option(field(v), { nil: undefined })])));
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom('admin', 'viewer', 'station'), async (q, user) => {
        await request('/api/analytics/values', Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined), user);
      }),
      { numRuns: 40, seed: 20261122, endOnFailure: true },
    );
  });
});

describe('afterwards', () => {
  it('the server is healthy and still answers seed 001’s 258 births', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const res = await request('/api/analytics', [['dimension', 'dx:FP_BIRTHS'], ['dimension', 'pe:202405'], ['filter', 'ou:TTYT399']]);
    expect(res.json().rows[0][2]).toBe('258');
  });
});
