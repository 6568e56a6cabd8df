// Bad input on DHIS2-style and metadata endpoints gets a clear error, never a database error (500).
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('bad input', () => {
  it('a level filter that is not a number is an unsupported filter (409)', async () => {
    for (const filter of ['level:eq:x', 'level:in:[2,x]', 'level:gt:1.5']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/organisationUnits?filter=${encodeURIComponent(filter)}`, headers: t.basic('admin') });
      expect(res.statusCode, filter).toBe(409);
      expect(res.json().error.code).toBe('UNSUPPORTED');
    }
    const ok = await t.app.inject({ method: 'GET', url: '/api/organisationUnits?filter=level:in:[1,2]&paging=false&fields=code', headers: t.basic('admin') });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().organisationUnits.length).toBeGreaterThan(20);
  });

  it('deleting a calendar day that is not a date is "not found", not a server error', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/metadata/calendarDays/abc', headers: t.basic('admin') });
    expect(res.statusCode).toBe(404);
  });
});
