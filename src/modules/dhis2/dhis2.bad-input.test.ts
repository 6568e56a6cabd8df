// Bad input on DHIS2-style and metadata endpoints gets a clear error, never a database error (500).
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  admin = await t.login('admin');
});

const get = (url: string, headers = admin) => t.app.inject({ method: 'GET', url, headers });
const q = encodeURIComponent;

describe('bad input', () => {
  it('a level filter that is not a number is an unsupported filter (409)', async () => {
    for (const filter of ['level:eq:x', 'level:in:[2,x]', 'level:gt:1.5']) {
      const res = await get(`/api/organisationUnits?filter=${encodeURIComponent(filter)}`);
      expect(res.statusCode, filter).toBe(409);
      expect(res.json().error.code).toBe('UNSUPPORTED');
    }
    const ok = await get('/api/organisationUnits?filter=level:in:[1,2]&paging=false&fields=code');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().organisationUnits.length).toBeGreaterThan(20);
  });

  it('deleting a calendar day that is not a date is "not found", not a server error', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/metadata/calendarDays/abc', headers: admin });
    expect(res.statusCode).toBe(404);
  });
});

const COLLECTIONS = ['organisationUnits', 'dataElements', 'dataSets', 'indicators', 'categoryCombos', 'categoryOptionCombos', 'validationRules'];

describe('DHIS2 filter= (issue 12: empty lists and malformed filters were 500s)', () => {
  it('empty in-lists are 400 VALIDATION_FAILED naming the filter, on every collection', async () => {
    for (const c of COLLECTIONS) {
      for (const filter of ['id:in:[]', 'code:in:[]', 'id:!in:[]', 'parent.id:in:[,,,]', 'code:in:[ , ]']) {
        const res = await get(`/api/${c}?filter=${q(filter)}`);
        expect(res.statusCode, `${c} ${filter}: ${res.body}`).toBe(400);
        const err = res.json().error;
        expect(err.code).toBe('VALIDATION_FAILED');
        expect(err.message).toContain(filter);
        expect(err.details.fields.filter).toContain(filter);
      }
    }
  });

  it('malformed filters are 400 with a message (Vietnamese by default, English on request)', async () => {
    const malformed = ['id', 'id:', ':eq:x', 'code:eq:', 'code:in:TTYT399', 'code:in:[a,b', 'id:in:x]', 'a b:eq:1', '1code:eq:x', 'a.b.c.d.e.f:eq:1'];
    for (const c of ['organisationUnits', 'dataElements']) {
      for (const filter of malformed) {
        const res = await get(`/api/${c}?filter=${q(filter)}`);
        expect(res.statusCode, `${c} ${filter}: ${res.body}`).toBe(400);
        expect(res.json().error.message, filter).toContain(filter);
      }
    }
    const en = await get(`/api/organisationUnits?filter=${q('code:in:TTYT399')}`, { ...admin, 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Filter code:in:TTYT399: the list of values must be in square brackets, e.g. id:in:[a,b].');
  });

  it('very long lists and too many filters are refused; a long list within the limit works', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `X${i}`);
    for (const c of ['organisationUnits', 'dataSets']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/${c}?filter=${q(`id:in:[${ids.join(',')}]`)}`, headers: admin });
      expect(res.statusCode, c).toBe(400);
      expect(res.json().error.message).toContain('1000');
    }
    const ttyt = await t.unit('TTYT399');
    const within = await get(`/api/organisationUnits?paging=false&fields=code&filter=${q(`id:in:[${[...ids.slice(0, 999), ttyt].join(',')}]`)}`);
    expect(within.statusCode).toBe(200);
    expect(within.json().organisationUnits).toEqual([{ code: 'TTYT399' }]);
    const many = Array.from({ length: 51 }, () => 'filter=code:eq:X').join('&');
    expect((await get(`/api/organisationUnits?${many}`)).statusCode).toBe(400);
  });

  it('well-formed but unsupported filters stay 409 UNSUPPORTED; unknown properties and operators are named', async () => {
    for (const [c, filter] of [
      ['dataElements', 'colour:eq:red'],
      ['organisationUnits', 'colour:eq:red'],
      ['organisationUnits', 'code:near:x'],
      ['organisationUnits', 'level:like:1'],
      ['dataElements', 'constructor:eq:x'],
      ['dataElements', 'toString:eq:x'],
    ] as const) {
      const res = await get(`/api/${c}?filter=${q(filter)}`);
      expect(res.statusCode, `${c} ${filter}: ${res.body}`).toBe(409);
      expect(res.json().error.code).toBe('UNSUPPORTED');
      expect(res.json().error.message).toContain(filter);
    }
    // (Not even a property name.)
    expect((await get(`/api/dataElements?filter=${q('__proto__:eq:x')}`)).statusCode).toBe(400);
  });

  it('filters that used to reach PostgreSQL with the wrong type answer', async () => {
    for (const filter of ['level:ieq:2', 'code:ilike:ttyt399', 'parent.id:null', 'shortName:!null', 'code:!in:[TTYT399]', 'name:$ilike:Trạm']) {
      const res = await get(`/api/organisationUnits?paging=false&fields=code&filter=${q(filter)}`);
      expect(res.statusCode, `${filter}: ${res.body}`).toBe(200);
    }
    const root = await get(`/api/organisationUnits?paging=false&fields=code&filter=${q('parent.id:null')}`);
    expect(root.json().organisationUnits).toEqual([{ code: 'SYT38' }]);
  });
});

describe('DHIS2 fields= and paging', () => {
  it('unbalanced brackets and absurd nesting are 400 naming the parameter', async () => {
    const bad = ['id,parent[id', 'id]', 'parent[id)', 'parent[[id]]', '[id]', `${'a['.repeat(9)}id${']'.repeat(9)}`, `${'['.repeat(5000)}`, 'id,na me', 'id;drop'];
    for (const c of ['organisationUnits', 'dataSets']) {
      for (const fields of bad) {
        const res = await get(`/api/${c}?fields=${q(fields)}`);
        expect(res.statusCode, `${c} ${fields.slice(0, 40)}: ${res.body.slice(0, 200)}`).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(res.json().error.details.fields)).toEqual(['fields']);
      }
    }
    const unit = await t.unit('TTYT399');
    expect((await get(`/api/organisationUnits/${unit}?fields=${q('id,parent[id')}`)).statusCode).toBe(400);
    expect((await get(`/api/dataSets/BCTK_TYT_THANG?fields=${q('[[[')}`)).statusCode).toBe(400);
    const ok = await get(`/api/organisationUnits/${unit}?fields=${q('code,parent[code],children[code,parent[code]]')}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().parent).toEqual({ code: 'SYT38' });
    // Prototype names select nothing.
    expect((await get(`/api/organisationUnits/${unit}?fields=${q('constructor,__proto__,toString,code')}`)).json()).toEqual({ code: 'TTYT399' });
  });

  it('page and pageSize junk is 400', async () => {
    for (const c of ['organisationUnits', 'dataElements']) {
      for (const p of ['page=0', 'page=-1', 'page=abc', 'page=1e308', 'page=99999999999999999999', 'pageSize=0', 'pageSize=100000', 'pageSize=1.5', 'paging=maybe', 'page=1&page=2', 'rootJunction=XOR', 'asOf=2024-02-30', 'level=abc']) {
        const res = await get(`/api/${c}?${p}`);
        if (c === 'dataElements' && /asOf|level/.test(p)) expect(res.statusCode, `${c} ${p}`).toBeLessThan(500);
        else expect(res.statusCode, `${c} ${p}: ${res.body.slice(0, 200)}`).toBe(400);
      }
    }
    const last = await get('/api/organisationUnits?page=1000000&pageSize=10000');
    expect(last.statusCode).toBe(200);
    expect(last.json().organisationUnits).toEqual([]);
  });
});
