// Property-based fuzzing of the whole API: for every route the modules register, random and hostile
// path parameters, query strings and JSON bodies (NUL bytes, lone surrogates, prototype keys, huge and
// negative numbers, deep nesting, empty lists, impossible periods and dates …), sent by the system
// administrator, a station's data-entry user and an anonymous caller. No answer may be a 5xx, and the
// server must stay healthy: /api/health answers, a known request still works, and the organisation
// tree is still a tree on every date. SOYTE_FUZZ_RUNS sets the runs per route and caller (default 20);
// each failure is listed with its caller, URL and body (the seeds are fixed, so a run repeats).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { treeProblems } from '../modules/orgunits/orgunits.service.js';
import { json, testApp, type TestApp } from '../test/harness.js';

const RUNS = Number(process.env.SOYTE_FUZZ_RUNS ?? 20);

let t: TestApp;
const callers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await testApp({ SOYTE_LOGIN_RATE_PER_MINUTE: '100000' });
  callers.admin = await t.login('admin');
  callers.station = await t.login('tyt.hoangxuan');
  callers.anonymous = {};
}, 120_000);

// Strings that have broken servers before, and their neighbours.
const nasty = fc.constantFrom(
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  '../../etc/passwd', '%00', "' or 1=1 --", '"; drop table org_unit; --', '<script>alert(1)</script>', '=HYPERLINK("x")',
  '-1', '0', '1e308', '-1e308', 'NaN', 'Infinity', '9'.repeat(40), 'null', 'undefined', 'true', '[]', '{}', '[,,,]',
  'in:[]', 'id:in:[]', 'code:!in:[]', 'parent.id:in:[,,,]', 'name:ilike:', ':eq:', 'id:eq', '*', ':all', 'children[', 'a[b[c[d',
  '000101-999912', '999913', '202413', '2024Q5', '2024S3', '2024N10', '2024YTD13', '0000', '20240230', '2024-02-30', '1899-12-31', '2200-01-01',
  'LAST_12_MONTHS', 'THIS_YEAR', 'LEVEL-99', 'LEVEL-0', 'USER_ORGUNIT', 'OU_GROUP-x', 'dx:', 'pe:', 'ou:', 'co:',
  'SYT38', 'TTYT399', 'TYT15877', 'BCTK_TYT_THANG', 'BC_TTYT_THANG', 'default', 'xYerKDKCefk', 'Thanh Hóa', 'Trạm Y tế',
  'x'.repeat(5000), 'docx', 'pdf', 'html', 'csv', 'xlsx', 'json', 'uid', 'code', 'CREATE_AND_UPDATE', 'DELETE',
);
const text = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
const number = fc.oneof(fc.integer(), fc.double({ noNaN: false }), fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308));

// Field names the contracts use, so random bodies and queries reach past the first check.
const KEYS = [
  'id', 'code', 'name', 'nameEn', 'shortName', 'kind', 'parentId', 'openingDate', 'date', 'reason', 'future', 'asOf', 'q', 'limit',
  'page', 'pageSize', 'paging', 'filter', 'fields', 'level', 'rootJunction', 'predecessorIds', 'successor', 'existingId', 'create',
  'successors', 'target', 'weight', 'keepOpen', 'partial', 'username', 'password', 'displayName', 'email', 'locale', 'orgUnitId',
  'roles', 'disabled', 'currentPassword', 'newPassword', 'expiresAt', 'dataSet', 'orgUnit', 'period', 'dataElement',
  'categoryOptionCombo', 'attributeOptionCombo', 'value', 'comment', 'followUp', 'dimension', 'dx', 'pe', 'ou', 'co', 'ouMode',
  'compare', 'structure', 'idScheme', 'outputIdScheme', 'dryRun', 'atomic', 'importStrategy', 'format', 'year', 'targetType',
  'method', 'values', 'template', 'texts', 'version', 'issuedOn', 'signer', 'parent', 'items', 'levelKind', 'shared', 'type',
  'expression', 'numerator', 'denominator', 'leftSide', 'rightSide', 'operator', 'periodType', 'dataSetElements', 'startPeriod',
  'endPeriod', 'children', 'dataValues', 'completeDate', '__proto__', 'constructor', 'valueOf', 'toString', 'toJSON',
];
const key = fc.constantFrom(...KEYS);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(text, number, fc.boolean(), fc.constant(null)),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 5 }),
  ),
})).node;

const queryValue = fc.oneof(text, number.map(String), fc.array(text, { maxLength: 3 }));
const query = fc.dictionary(key, queryValue, { maxKeys: 4 });
const body = fc.oneof(fc.dictionary(key, value, { maxKeys: 8 }), value);

/** Percent-encodes a path segment; a lone surrogate becomes the bytes a careless client would send (WTF-8). */
function encodeSegment(s: string): string {
  return [...s]
    .map((ch) => {
      const c = ch.charCodeAt(0);
      if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) return `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
      return encodeURIComponent(ch);
    })
    .join('');
}

/** A stack frame or a source path (a leaked error), or input only the database refused. */
const STACK_OR_REFUSAL = /\bat [\w.<>]+ \((?:file:\/\/|\/)[^)]*:\d+:\d+\)|node_modules\/|\.ts:\d+:\d+|DATABASE_REFUSED/;

function fill(url: string, params: string[]): string {
  let i = 0;
  return url.replace(/:[A-Za-z]+/g, () => encodeSegment(params[i++ % params.length] ?? 'x'));
}

function queryString(q: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) for (const x of [v].flat()) parts.push(`${encodeSegment(k)}=${encodeSegment(String(x))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

describe('the API under random and hostile input', () => {
  it('never answers 5xx, and stays healthy', async () => {
    const routes = t.app.apiRoutes.filter((r) => r.url !== '/api/auth/logout');
    expect(routes.length).toBeGreaterThan(100);
    const failures: string[] = [];
    const input = fc.tuple(fc.array(text, { minLength: 1, maxLength: 3 }), query, body);
    let seed = 20261206;
    let requests = 0;
    for (const route of routes) {
      for (const [who, headers] of Object.entries(callers)) {
        for (const [params, q, b] of fc.sample(input, { numRuns: RUNS, seed: seed++ })) {
          const url = fill(route.url, params) + queryString(q);
          requests++;
          const res = await t.app.inject({
            method: route.method as 'GET',
            url,
            headers: { ...headers, 'content-type': 'application/json' },
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: JSON.stringify(b) }),
          });
          // No 5xx, never a stack trace or an internal path in an answer, and no input that only the
          // database refused (it must be checked at the edge).
          if (res.statusCode >= 500 || STACK_OR_REFUSAL.test(res.body)) {
            failures.push(`${who} ${route.method} ${url} ${JSON.stringify(b)?.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBe(routes.length * Object.keys(callers).length * RUNS);

    const health = await t.app.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const roots = await t.app.inject({ url: '/api/orgunits/roots', headers: t.basic('admin') });
    expect(roots.statusCode).toBe(200);
    expect(json(roots).length).toBeGreaterThan(0);
    expect(await treeProblems(t.ctx())).toEqual([]);
  }, 900_000);
});
