// No input makes a metadata or DHIS2 route answer 5xx (issue 12, "No 500 from input"): prototype keys
// as types, ids and package codes; wrong types and huge numbers in bodies; expressions with 10,000
// tokens or deep parentheses; invalid days; junk query parameters. And the server stays healthy.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.js';
import { samplePackage } from './metadata.fixtures.js';

let t: TestApp;
let admin: Record<string, string>;
let station: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  admin = await t.login('admin');
  station = await t.login('tyt.hoangloc');
  const r = await t.app.inject({ method: 'POST', url: '/api/metadata/import', payload: samplePackage() as object, headers: admin });
  expect(r.json().status).toBe('OK');
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function call(method: Method, url: string, body?: unknown, headers = admin, raw?: string) {
  const res = await t.app.inject({
    method,
    url,
    headers: raw === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(raw !== undefined ? { payload: raw } : body === undefined ? {} : { payload: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } }),
  });
  expect(res.statusCode, `${method} ${url.slice(0, 200)} ${raw?.slice(0, 100) ?? JSON.stringify(body)?.slice(0, 200) ?? ''}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  return res;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const TYPES = ['categoryOptions', 'categories', 'categoryCombos', 'dataElements', 'dataSets', 'indicatorTypes', 'indicators', 'constants', 'validationRules'];

describe('prototype keys (issue 12: /api/metadata/__proto__ and /constructor were 500s)', () => {
  it('as a type name: 404 with a message, for every method', async () => {
    for (const key of PROTO_KEYS) {
      for (const [method, url] of [
        ['GET', `/api/metadata/${key}`],
        ['POST', `/api/metadata/${key}`],
        ['GET', `/api/metadata/${key}/T_BIRTHS`],
        ['PUT', `/api/metadata/${key}/T_BIRTHS`],
        ['DELETE', `/api/metadata/${key}/T_BIRTHS`],
      ] as const) {
        const res = await call(method, url, method === 'POST' || method === 'PUT' ? { code: 'X', name: 'x' } : undefined);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.json().error.message, `${method} ${url}`).toContain(key);
      }
    }
    const en = await call('GET', '/api/metadata/constructor', undefined, { ...admin, 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Unknown metadata type: constructor.');
  });

  it('as an id: 404 for reads, writes and deletes of every type', async () => {
    for (const type of TYPES) {
      for (const key of ['__proto__', 'constructor', 'toString']) {
        expect((await call('GET', `/api/metadata/${type}/${key}`)).statusCode, `${type}/${key}`).toBe(404);
        expect((await call('PUT', `/api/metadata/${type}/${key}`, { code: 'X1', name: 'x' })).statusCode, `${type}/${key}`).toBe(404);
        expect((await call('DELETE', `/api/metadata/${type}/${key}`)).statusCode, `${type}/${key}`).toBe(404);
      }
    }
    for (const key of PROTO_KEYS) {
      expect((await call('GET', `/api/metadata/dataSets/${key}/orgUnits`)).statusCode).toBe(404);
      expect((await call('PUT', `/api/metadata/dataSets/${key}/orgUnits`, { assignments: [] })).statusCode).toBe(404);
      expect((await call('GET', `/api/dataElements/${key}`)).statusCode).toBe(404);
      expect((await call('GET', `/api/organisationUnits/${key}`)).statusCode).toBe(404);
      expect((await call('GET', `/api/metadata/categoryOptionCombos?categoryCombo=${key}`)).statusCode).toBe(404);
      expect((await call('DELETE', `/api/metadata/calendarDays/${key}`)).statusCode).toBe(404);
    }
  });

  it('as codes in a package or a form: refused as reserved (400 / a report error), never a crash', async () => {
    const pkg = {
      categoryOptions: [{ code: '__proto__', name: 'a' }, { code: 'constructor', name: 'b' }, { code: 'F_OK', name: 'c' }],
      categories: [{ code: 'hasOwnProperty', name: 'cat', options: ['__proto__', 'constructor', 'F_OK'] }],
      categoryCombos: [{ code: 'F_COMBO_P', name: 'combo', categories: ['F_CAT_P'], optionComboIds: { constructor: 'abcdefghij1', __proto__: 'abcdefghij2', F_OK: 'abcdefghij3' } }],
      dataElements: [{ code: 'prototype', name: 'de', categoryCombo: 'valueOf' }],
      indicators: [{ code: 'F_IND_P', name: 'i', indicatorType: 'toString', numerator: '#{prototype.constructor} + #{__proto__}', denominator: 'C{toString}' }],
      dataSets: [{ code: 'F_SET_P', name: 's', dataElements: [], orgUnits: ['__proto__', 'constructor'], orgUnitKinds: ['__proto__'], sections: [{ code: 'toString', name: 'x', dataElements: [] }] }],
    };
    const dry = await call('POST', '/api/metadata/import?dryRun=true', pkg);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().status).toBe('ERROR');
    const reserved = dry.json().errors.filter((e: { key: string }) => e.key === 'metadata.reservedCode');
    expect(reserved.map((e: { type: string; field?: string }) => `${e.type}.${e.field}`).sort()).toEqual([
      'categories.code', 'categories.options.0', 'categories.options.1', 'categoryOptions.code', 'categoryOptions.code', 'dataElements.categoryCombo',
      'dataElements.code', 'dataSets.sections.0.code', 'indicators.indicatorType',
    ]);
    for (const key of PROTO_KEYS) {
      const res = await call('POST', '/api/metadata/categoryOptions', { code: key, name: 'x' });
      expect(res.statusCode, key).toBe(400);
      expect(res.json().error.details.fields.code).toContain('constructor');
    }
    // Kinds and units that are prototype names are unknown, like any other.
    const sets = await call('POST', '/api/metadata/import?dryRun=true', { dataSets: [{ code: 'F_SET_P', name: 's', orgUnits: ['__proto__', 'constructor'], orgUnitKinds: ['__proto__'] }] });
    expect(sets.json().errors.map((e: { key: string }) => e.key)).toEqual(['metadata.unknown.orgUnitKind']);
    // Expressions naming prototype properties find nothing.
    const ind = await call('POST', '/api/metadata/indicators', { code: 'F_IND_P', name: 'i', indicatorType: 'T_RATIO', numerator: '#{constructor} + #{T_BIRTHS.__proto__}', denominator: 'C{toString}' });
    expect(ind.statusCode).toBe(400);
    expect(Object.keys(ind.json().error.details.fields).sort()).toEqual(['denominator', 'numerator']);
    // The same through the DHIS2 format, with uids and keys that are prototype names.
    const dhis2 = {
      system: { version: '2.40' },
      categoryCombos: [{ id: 'abcdefghij4', name: 'c', categories: [{ id: '__proto__' }] }],
      categoryOptionCombos: [{ id: 'abcdefghij5', name: 'x', categoryCombo: { id: 'abcdefghij4' }, categoryOptions: [{ id: '__proto__' }] }],
      categoryOptions: [{ id: '__proto__', name: 'x', code: 'constructor' }],
      dataElements: [{ id: 'constructor', name: '__proto__', categoryCombo: { id: '__proto__' }, valueType: 'toString', domainType: 'AGGREGATE' }],
      indicators: [{ id: 'toString', name: 'i', numerator: '#{constructor.__proto__}', denominator: '1', indicatorType: { id: '__proto__' } }],
      __proto__x: [{ id: 1 }],
    };
    expect((await call('POST', '/api/metadata?importMode=VALIDATE', dhis2)).statusCode).toBe(200);
    // A JSON body that would set a prototype is refused by the parser.
    expect((await call('POST', '/api/metadata/import', undefined, admin, '{"__proto__":{"dataElements":[]},"constructor":{"prototype":{}}}')).statusCode).toBe(400);
  });
});

describe('bad bodies on every write', () => {
  const BASE: Record<string, Record<string, unknown>> = {
    categoryOptions: { code: 'F_OPT', name: 'x' },
    categories: { code: 'F_CAT', name: 'x', options: ['T_MALE'] },
    categoryCombos: { code: 'F_COMBO', name: 'x', categories: ['T_SEX'] },
    dataElements: { code: 'F_DE', name: 'x', categoryCombo: 'T_SEX', valueType: 'NUMBER', aggregationType: 'SUM' },
    dataSets: { code: 'F_SET', name: 'x', periodType: 'Monthly', deadlineWorkingDays: 5, entryGraceDays: null, sections: [{ name: 's', dataElements: ['T_BIRTHS'] }], dataElements: [] },
    indicatorTypes: { code: 'F_TYPE', name: 'x', factor: 100 },
    indicators: { code: 'F_IND', name: 'x', indicatorType: 'T_RATIO', numerator: '#{T_BIRTHS}', denominator: '1' },
    constants: { code: 'F_CONST', name: 'x', value: 1 },
    validationRules: { code: 'F_RULE', name: 'x', operator: 'equal_to', message: 'm', leftSide: { expression: '#{T_BIRTHS}' }, rightSide: { expression: '1' } },
  };
  const tokens10k = `${'#{T_BIRTHS} + '.repeat(3333)}1`; // ≈ 10,000 tokens
  const BAD_VALUES: unknown[] = [
    null, true, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', '__proto__', 'constructor', 'x'.repeat(10_001),
    [], [null], ['__proto__'], {}, { __proto__: 1 }, { constructor: { prototype: {} } }, Array.from({ length: 2000 }, () => 'T_BIRTHS'),
    `${'('.repeat(3000)}1${')'.repeat(3000)}`, `${'-'.repeat(4000)}1`, tokens10k, '#{', 'C{__proto__}', '#{T_BIRTHS.__proto__}',
  ];

  it('replacing each field of a valid object with junk never crashes a create or an update', { timeout: 240_000 }, async () => {
    for (const [type, base] of Object.entries(BASE)) {
      for (const key of [...Object.keys(base), 'id', '__proto__']) {
        for (const value of BAD_VALUES) {
          await call('POST', `/api/metadata/${type}`, { ...base, [key]: value });
        }
      }
      for (const body of [null, [], 'text', 42, true, { deep: JSON.parse(`${'['.repeat(60)}1${']'.repeat(60)}`) }]) {
        await call('POST', `/api/metadata/${type}`, body);
        await call('PUT', `/api/metadata/${type}/T_BIRTHS`, body);
      }
    }
  });

  it('numbers JSON cannot hold as doubles (1e400 → Infinity) are refused, not stored', async () => {
    const big = await call('POST', '/api/metadata/constants', undefined, admin, '{"code":"F_BIG","name":"x","value":1e400}');
    expect(big.statusCode).toBe(400);
    const factor = await call('POST', '/api/metadata/indicatorTypes', undefined, admin, '{"code":"F_BIGT","name":"x","factor":1e400}');
    expect(factor.statusCode).toBe(400);
  });

  it('expressions with 10,000 tokens or deep parentheses are refused with a message', async () => {
    const deep = await call('POST', '/api/metadata/indicators', { ...BASE.indicators, code: 'F_DEEP', numerator: `${'('.repeat(2000)}#{T_BIRTHS}${')'.repeat(2000)}` });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.details.fields.numerator).toContain('100');
    const long = await call('POST', '/api/metadata/validationRules', { ...BASE.validationRules, code: 'F_LONG', leftSide: { expression: tokens10k } });
    expect(long.statusCode).toBe(400);
    // In a package, where the length limit is the same, and in a DHIS2 package (converted first).
    const pkg = await call('POST', '/api/metadata/import?dryRun=true', { indicators: [{ ...BASE.indicators, code: 'F_DEEP', numerator: `${'('.repeat(150)}1${')'.repeat(150)}` }] });
    expect(pkg.json().errors[0].key).toBe('metadata.expr.tooDeep');
    const dhis2 = await call('POST', '/api/metadata?importMode=VALIDATE', {
      system: {},
      indicators: [{ id: 'abcdefghij3', name: 'x', numerator: `${'('.repeat(6000)}1${')'.repeat(6000)}`, denominator: tokens10k, indicatorType: { id: 'x' } }],
    });
    expect(dhis2.statusCode).toBe(200);
  });

  it('a combo that would generate too many option combos is refused', async () => {
    // 3 categories of 25 options: 15,625 combinations.
    const options = Array.from({ length: 75 }, (_, i) => ({ code: `F_O${i}`, name: `o${i}` }));
    const codes = options.map((o) => o.code);
    const r = await call('POST', '/api/metadata/import?dryRun=true', {
      categoryOptions: options,
      categories: [0, 1, 2].map((i) => ({ code: `F_C${i + 1}`, name: `c${i}`, options: codes.slice(i * 25, i * 25 + 25) })),
      categoryCombos: [{ code: 'F_HUGE', name: 'huge', categories: ['F_C1', 'F_C2', 'F_C3'] }],
    });
    expect(r.json().errors.map((e: { key: string }) => e.key)).toContain('metadata.tooManyOptionCombos');
  });

  it('assignments, calendar days and packages with junk', { timeout: 120_000 }, async () => {
    for (const body of [null, [], {}, { assignments: null }, { assignments: [{}] }, { assignments: [{ orgUnit: '__proto__' }] }, { assignments: [{ orgUnit: 'TTYT399', validFrom: '2024-02-30' }] }, { assignments: [{ orgUnit: 'TTYT399', validFrom: '0000-01-01', validTo: '9999-12-31' }] }, { assignments: Array.from({ length: 20001 }, () => ({ orgUnit: 'x' })) }]) {
      const res = await call('PUT', '/api/metadata/dataSets/T_MONTHLY/orgUnits', body);
      expect(res.statusCode).toBe(400);
    }
    for (const day of ['2031-02-30', '0000-00-00', '99999-01-01', '2031-13-01', '1899-12-31', 'abc', '__proto__', '2031-1-1', ' 2031-01-01']) {
      expect((await call('POST', '/api/metadata/calendarDays', { day, kind: 'off', name: 'x' })).statusCode, day).toBe(400);
      expect((await call('PUT', `/api/metadata/calendarDays/${encodeURIComponent(day)}`, { kind: 'off', name: 'x' })).statusCode, day).toBeGreaterThanOrEqual(400);
      expect((await call('DELETE', `/api/metadata/calendarDays/${encodeURIComponent(day)}`)).statusCode, day).toBe(404);
    }
    for (const body of [null, [], 'x', 1, { day: 20310101, kind: 'off', name: 'x' }, { day: '2031-05-02', kind: '__proto__', name: 'x' }, { day: '2031-05-02', kind: 'off', name: 'x'.repeat(301) }]) {
      expect((await call('POST', '/api/metadata/calendarDays', body)).statusCode).toBe(400);
    }
    for (const year of ['abc', '1e308', '-1', '1899', '2200', '2031.5', '__proto__']) {
      expect((await call('GET', `/api/metadata/calendarDays?year=${year}`)).statusCode, year).toBe(400);
    }
    for (const body of [[], 'x', 1, true, { dataElements: 'x' }, { dataElements: [1, 2] }, { package: null }, { categoryOptions: [{ code: 1 }] }, { dataSets: [{ code: 'F', name: 'x', orgUnits: Array.from({ length: 100_001 }, () => 'x') }] }]) {
      await call('POST', '/api/metadata/import?dryRun=true', body);
      await call('POST', '/api/metadata?importMode=VALIDATE', body);
    }
  });
});

describe('junk query parameters on every route', () => {
  const QUERY_VALUES = ['', '__proto__', 'constructor', '-1', '0', '1e308', '99999999999999999999', 'NaN', '[]', '[[[', ']]]', '::', 'id:in:[]', 'a'.repeat(3000), '%', '2024-02-30'];
  const LIST = ['q', 'page', 'pageSize', 'paging'];
  const DHIS2 = ['fields', 'filter', 'rootJunction', 'paging', 'page', 'pageSize'];
  /** Each route with the parameters it reads (and two that no route should read). */
  const ROUTES: [Method, string, string[]][] = [
    ['GET', '/api/metadata/dataElements', LIST],
    ['GET', '/api/metadata/dataSets', LIST],
    ['GET', '/api/metadata/categoryCombos', LIST],
    ['GET', '/api/metadata/categoryOptionCombos', ['categoryCombo']],
    ['GET', '/api/metadata/calendarDays', ['year']],
    ['GET', '/api/metadata/export', ['dataSet']],
    ['GET', '/api/metadata/dataSets/T_MONTHLY/orgUnits', []],
    ['GET', '/api/metadata/dataElements/T_BIRTHS', []],
    ['POST', '/api/metadata/import', ['dryRun']],
    ['POST', '/api/metadata', ['dryRun', 'importMode']],
    ['GET', '/api/organisationUnits', [...DHIS2, 'asOf', 'level']],
    ['GET', '/api/organisationUnits/TTYT399', ['fields', 'asOf']],
    ['GET', '/api/dataElements', DHIS2],
    ['GET', '/api/dataSets', DHIS2],
    ['GET', '/api/dataSets/T_MONTHLY', ['fields']],
    ['GET', '/api/indicators', DHIS2],
    ['GET', '/api/categoryCombos', ['fields', 'filter']],
    ['GET', '/api/categoryOptionCombos', ['fields', 'filter']],
    ['GET', '/api/validationRules', ['fields', 'filter']],
    ['GET', '/api/system/info', []],
  ];
  const PARAMS = [...new Set(ROUTES.flatMap(([, , ps]) => ps)), '__proto__', 'constructor'];

  it('each parameter with each junk value, as admin and as a station user', { timeout: 240_000 }, async () => {
    for (const [method, url, params] of ROUTES) {
      for (const p of [...params, '__proto__', 'constructor']) {
        for (const v of QUERY_VALUES) {
          // Writes are dry runs (the importer must not change the catalogue the other checks read).
          const extra = method === 'POST' && p !== 'dryRun' && p !== 'importMode' ? '&dryRun=true' : '';
          const qs = `${encodeURIComponent(p)}=${encodeURIComponent(v)}${extra}`;
          await call(method, `${url}?${qs}`, method === 'POST' ? {} : undefined, p === 'filter' || p === 'fields' ? station : admin);
        }
      }
    }
  });

  it('random query strings and bodies (fast-check)', { timeout: 240_000 }, async () => {
    const value = fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.string({ maxLength: 40 }), fc.integer().map(String), fc.double().map(String));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.dictionary(fc.constantFrom(...PARAMS), value, { maxKeys: 4 }), async ([method, url], query) => {
        const qs = new URLSearchParams({ ...query, ...(method === 'POST' ? { dryRun: 'true', importMode: 'VALIDATE' } : {}) }).toString();
        await call(method, `${url}?${qs}`, method === 'POST' ? {} : undefined);
      }),
      { numRuns: 100, seed: 20261206 },
    );
    const writes: [Method, string][] = [
      ...TYPES.map((type): [Method, string] => ['POST', `/api/metadata/${type}`]),
      ['PUT', '/api/metadata/dataElements/T_BIRTHS'],
      ['PUT', '/api/metadata/dataSets/T_MONTHLY/orgUnits'],
      ['POST', '/api/metadata/calendarDays'],
      ['PUT', '/api/metadata/calendarDays/2031-05-02'],
      ['POST', '/api/metadata/import?dryRun=true'],
      ['POST', '/api/metadata?importMode=VALIDATE'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue({ maxDepth: 4 }), async ([method, url], body) => {
        await call(method, url, body);
      }),
      { numRuns: 100, seed: 20261206 },
    );
  });

  it('the server is still healthy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect((await call('GET', '/api/metadata/dataElements?q=T_BIRTHS')).json().items.map((i: { code: string }) => i.code)).toEqual(['T_BIRTHS']);
  });
});
