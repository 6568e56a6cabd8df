// Uploads that used to take the server down or answer 500: zip bombs sent in parallel, and a handful
// of hostile inputs thrown at every route of the module.
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, testApp, type TestApp } from '../../test/harness.js';
import { createFixtures } from './fixtures.test-helper.js';
import { zipBombXlsx } from './zipfile.test-helper.js';

const MB = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let bomb: { honest: Buffer; liar: Buffer };
const writers = ['admin', 'ttyt.hoanghoa', 'tyt.hoangxuan']; // three users holding data:write

beforeAll(async () => {
  t = await testApp();
  await createFixtures(t.database.db);
  // A valid workbook whose sheet XML inflates to 1.5 GB of spaces: ~1.5 MB on the wire.
  bomb = await zipBombXlsx(1536 * MB);
}, 120_000);

const upload = (user: string, body: Buffer, url = '/api/dataValueSets/xlsx') =>
  t.app.inject({ method: 'POST', url, payload: body, headers: { ...t.basic(user), 'content-type': XLSX, 'accept-language': 'en' } });

/**
 * Runs `fn` while sampling the process RSS every 10 ms; returns the largest growth over the RSS
 * before (garbage collected first when the runtime allows it).
 */
async function rssGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; growth: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The bound: the old server grew by ~1.6 GB per such upload. Reading three refused bombs at once must
 * cost less than 300 MB in all (the uploads themselves are 3 × 1.5 MB; the rest is the runtime's noise).
 */
const RSS_BOUND = 300 * MB;

describe('zip bombs (1.5 MB XLSX inflating to 1.5 GB)', () => {
  it('three in parallel from three users are refused before inflating (413), the server stays up, RSS bounded', async () => {
    expect(bomb.honest.length).toBeLessThan(2 * MB);
    const { result, growth } = await rssGrowth(() => Promise.all(writers.map((u) => upload(u, bomb.honest))));
    for (const res of result) {
      expect(res.statusCode).toBe(413);
      expect(json(res).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { reason: 'INFLATED_TOO_LARGE', entry: 'xl/worksheets/sheet1.xml' } });
      expect(json(res).error.message).toMatch(/too large once inflated/);
    }
    expect(growth).toBeLessThan(RSS_BOUND);
    console.log(`three parallel zip bombs (three users): RSS +${(growth / MB).toFixed(0)} MB`);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 60_000);

  it('three in parallel from one user: 413 or 429, never 500', async () => {
    const { result, growth } = await rssGrowth(() => Promise.all([1, 2, 3].map(() => upload('ttyt.hoanghoa', bomb.honest))));
    for (const res of result) expect([413, 429]).toContain(res.statusCode);
    expect(growth).toBeLessThan(RSS_BOUND);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 60_000);

  it('lying headers (the sheet declares its small original size): caught while inflating, 400, RSS bounded', async () => {
    const t0 = Date.now();
    const { result, growth } = await rssGrowth(() =>
      Promise.all([...writers.map((u) => upload(u, bomb.liar)), ...[1, 2].map(() => upload('admin', bomb.liar, '/api/dataValueSets'))]),
    );
    for (const res of result) expect([400, 429]).toContain(res.statusCode);
    expect(result.filter((r) => r.statusCode === 400).length).toBeGreaterThanOrEqual(3);
    const refused = json(result.find((r) => r.statusCode === 400)!).error;
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'MALFORMED_XLSX', entry: 'xl/worksheets/sheet1.xml' } });
    expect(refused.message).toMatch(/damaged or forged/);
    expect(growth).toBeLessThan(RSS_BOUND);
    expect(Date.now() - t0).toBeLessThan(10_000); // inflating stopped at the declared size, not at 1.5 GB
    console.log(`five parallel lying zip bombs: RSS +${(growth / MB).toFixed(0)} MB`);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 60_000);

  it('as multipart/form-data too, with Retry-After on 429', async () => {
    const boundary = '----soyte-bomb';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bom.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`),
      bomb.honest,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const send = () =>
      t.app.inject({ method: 'POST', url: '/api/dataValueSets', payload: body, headers: { ...t.basic('admin'), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    const all = await Promise.all([send(), send(), send()]);
    for (const res of all) {
      expect([413, 429]).toContain(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(all.some((r) => r.statusCode === 413)).toBe(true);
  }, 60_000);
});

describe('one upload per user at a time', () => {
  it('a second upload while the first is still being read: 429 with Retry-After; other users go through', async () => {
    const boundary = 'slow-upload';
    const slow = new Readable({ read() {} });
    slow.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n`);
    const first = t.app.inject({
      method: 'POST', url: '/api/dataValueSets?idScheme=code', payload: slow,
      headers: { ...t.basic('tyt.hoangxuan'), 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'en' },
    });
    // The same user through a session (no password hashing per request: the loop stays fast under load).
    const session = await t.login('tyt.hoangxuan');
    const again = () =>
      t.app.inject({ method: 'POST', url: '/api/dataValueSets', payload: '{"dataValues": []}', headers: { ...session, 'content-type': 'application/json', 'accept-language': 'en' } });
    let second = await again();
    const until = Date.now() + 20_000; // until the first request holds its slot (slow on a loaded machine)
    while (second.statusCode !== 429 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
      second = await again();
    }
    expect(second.statusCode).toBe(429);
    expect(json(second).error).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'UPLOAD_IN_PROGRESS' } });
    expect(json(second).error.message).toMatch(/Another of your uploads/);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    const other = await t.app.inject({ method: 'POST', url: '/api/dataValueSets', payload: '{"dataValues": []}', headers: { ...t.basic('ttyt.hoanghoa'), 'content-type': 'application/json' } });
    expect(other.statusCode).toBe(200);
    slow.push(`{"dataValues": [{"dataElement": "IMP_VISITS", "period": "202301", "orgUnit": "TYT15877", "value": "4"}]}\r\n--${boundary}--\r\n`);
    slow.push(null);
    const done = await first;
    expect(done.statusCode).toBe(200);
    expect(json(done).importCount.imported).toBe(1);
    expect((await again()).statusCode).toBe(200); // the slot is free again
  }, 60_000);
});

describe('no 500 from any input', () => {
  const writer = () => t.basic('ttyt.hoanghoa');
  const posts: [string, string | Buffer, string][] = [
    ['/api/dataValueSets', '', 'application/json'],
    ['/api/dataValueSets', '', ''],
    ['/api/dataValueSets', 'null', 'application/json'],
    ['/api/dataValueSets', '[]', 'application/json'],
    ['/api/dataValueSets', '"text"', 'application/json'],
    ['/api/dataValueSets', '{"dataValues": {"__proto__": {"x": 1}}}', 'application/json'],
    ['/api/dataValueSets', '{"__proto__": {"dataValues": [1]}, "constructor": {"prototype": {}}}', 'application/json'],
    ['/api/dataValueSets?idScheme=code', JSON.stringify({ dataValues: [{ dataElement: '__proto__', period: 'constructor', orgUnit: 'hasOwnProperty', value: 'toString', categoryOptionCombo: '__proto__' }] }), 'application/json'],
    ['/api/dataValueSets?idScheme=auto', JSON.stringify({ dataValues: [{ dataElement: 'IMP_VISITS', period: '202401', orgUnit: 'TYT15877', value: 1e308 }, { dataElement: 'IMP_VISITS', period: '999912', orgUnit: 'TYT15877', value: '9'.repeat(400) }, { dataElement: 'x'.repeat(100_000), period: '000101', orgUnit: 'TYT15877', value: -1e-320 }] }), 'application/json'],
    ['/api/dataValueSets', '{"dataValues": [' + '['.repeat(5000) + ']'.repeat(5000) + ']}', 'application/json'],
    // Strings PostgreSQL cannot store, in a comment, a code, a text value; an object where a value belongs.
    ['/api/dataValueSets?idScheme=code', '{"dataValues": [{"dataElement": "IMP_VISITS", "period": "202401", "orgUnit": "TYT15877", "value": "1", "comment": "a\\u0000b"}]}', 'application/json'],
    ['/api/dataValueSets?idScheme=code', '{"dataValues": [{"dataElement": "IMP_\\u0000VISITS", "period": "202401", "orgUnit": "TYT15877", "value": "1"}]}', 'application/json'],
    ['/api/dataValueSets?idScheme=code', '{"dataValues": [{"dataElement": "IMP_NOTE", "period": "202401", "orgUnit": "TYT15877", "value": {"a": [1]}}]}', 'application/json'],
    ['/api/dataValueSets?idScheme=code', '{"dataValues": [{"dataElement": "IMP_NOTE", "period": "202401", "orgUnit": "TYT15877", "value": "\\ud800"}]}', 'application/json'],
    ['/api/dataValueSets.csv?idScheme=code', 'IMP_NOTE,202401,TYT15877,,,x\u0000y,,,c\u0000d', 'text/csv'],
    ['/api/dataValueSets', Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00, 0x00]), 'application/json'],
    ['/api/dataValueSets.csv', 'dataelement,period\n"unterminated', 'text/csv'],
    ['/api/dataValueSets.csv', '\u0000\u0000\u0000', 'text/csv'],
    ['/api/dataValueSets.csv', 'constructor,__proto__,toString,valueOf\n1,2,3,4', 'text/csv'],
    ['/api/dataValueSets.csv', `IMP_VISITS,202401,TYT15877,,,${'1'.repeat(500)}\nIMP_VISITS,202401,TYT15877,,,${'x,'.repeat(2000)}`, 'text/csv'],
    ['/api/dataValueSets.json', 'dataelement,period\nA,B', 'application/json'],
    ['/api/dataValueSets/xlsx', Buffer.from('PK\u0003\u0004 not a zip at all'), XLSX],
    ['/api/dataValueSets/xlsx', '{"dataValues": []}', XLSX],
    ['/api/dataValueSets/xlsx', Buffer.alloc(0), XLSX],
    ['/api/dataValueSets', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nA,1', 'multipart/form-data; boundary=x'],
    ['/api/dataValueSets', 'anything', 'multipart/form-data'],
    ['/api/dataValueSets', '--x--\r\n', 'multipart/form-data; boundary=x'],
    ['/api/dataValueSets', '<xml/>', 'application/xml'],
    ['/api/dataValueSets?importStrategy=%00', '{"dataValues": []}', 'application/json'],
    ['/api/dataValueSets?dryRun=maybe&idScheme=__proto__', '{"dataValues": []}', 'application/json'],
    ['/api/dataValueSets?dryRun=true&dryRun=false', '{"dataValues": []}', 'application/json'],
  ];
  const gets = [
    '/api/dataValueSets',
    '/api/dataValueSets?dataSet=__proto__&period=202401&orgUnit=constructor',
    '/api/dataValueSets?dataSet=IMP_DS&period=000101&orgUnit=TYT15877',
    '/api/dataValueSets?dataSet=IMP_DS&startDate=2024-02-30&endDate=2024-01-01&orgUnit=TYT15877',
    '/api/dataValueSets?dataSet=IMP_DS&startDate=2024-12-31&endDate=2024-01-01&orgUnit=TYT15877&children=true',
    '/api/dataValueSets?dataSet=IMP_DS&period=202401&orgUnit=%00',
    `/api/dataValueSets?dataSet=IMP_DS&period=202401&orgUnit=${'A,'.repeat(3000)}`,
    '/api/dataValueSets.csv?dataSet=IMP_DS&dataSet=IMP_DS&period=202401&orgUnit=TYT15877&idScheme=%F0%9F%98%80',
    '/api/dataValueSets/template.xlsx',
    '/api/dataValueSets/template.xlsx?dataSet=__proto__&orgUnit=TYT15877&period=202401',
    '/api/dataValueSets/template.xlsx?dataSet=IMP_DS&orgUnit=constructor&period=202401',
    '/api/dataValueSets/template.xlsx?dataSet=IMP_DS&orgUnit=TYT15877&period=999999',
    `/api/dataValueSets/template.xlsx?dataSet=IMP_DS&orgUnit=TYT15877&period=${'2'.repeat(5000)}`,
  ];

  it('POST bodies of every kind answer below 500 (and nothing reaches PostgreSQL unchecked)', async () => {
    for (const [url, payload, type] of posts) {
      const res = await t.app.inject({ method: 'POST', url, payload, headers: { ...writer(), ...(type ? { 'content-type': type } : {}) } });
      expect(res.statusCode, `${url} ${type} ${String(payload).slice(0, 60)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      if (res.statusCode >= 400) expect(json(res).error.details?.reason).not.toBe('DATABASE_REFUSED');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 60_000);

  it('GET exports and the template answer below 500 whatever the query', async () => {
    for (const url of gets) {
      const res = await t.app.inject({ method: 'GET', url, headers: writer() });
      expect(res.statusCode, `${url.slice(0, 120)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
    }
  }, 60_000);
});
