// Hostile input on the routes of narrative reports (/api/reports*, /api/reportTemplates*): every field
// of a valid request is replaced in turn by prototype keys, huge and negative numbers, wrong types,
// impossible periods, NUL bytes, lone surrogates, very long strings …; path parameters too; then
// random mixes of valid and hostile fields (fast-check, fixed seed). No answer may be a 5xx, and the
// server stays healthy. Then the inputs that used to crash or stall a report: expression names and
// block keys that are properties of Object.prototype, outsized templates, texts and documents, and
// the configured Chromium (CHROMIUM_PATH, read once by the kernel's configuration).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
const as: Record<string, Record<string, string>> = {};
let reportId: string;

beforeAll(async () => {
  // No Chromium where the configuration says it is: PDFs are refused, everything else works.
  t = await testApp({ SOYTE_LOGIN_RATE_PER_MINUTE: '100000', CHROMIUM_PATH: '/nonexistent/chromium' });
  as.admin = await t.login('admin');
  as.centre = await t.login('ttyt.hoanghoa');
  as.province = await t.login('syt.admin');
  as.station = await t.login('tyt.hoangloc');
  const r = await open('centre', { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202404' });
  expect(r.statusCode, r.body).toBe(201);
  reportId = json(r).id;
}, 120_000);

function open(user: string, body: unknown) {
  return t.app.inject({ method: 'POST', url: '/api/reports', headers: as[user], payload: body as Record<string, unknown> });
}

/** A small valid template (every block type), for the template routes. */
function template(code = 'BC_THU_NGHIEM', blocks?: unknown[]): Record<string, unknown> {
  return {
    code,
    name: 'Báo cáo thử nghiệm',
    unitKind: 'centre',
    periodKinds: ['Monthly'],
    header: { parentBody: '{{parent upper=yes}}', issuingBody: '{{unit upper=yes}}', numberPattern: '{number}/BC', place: '{{place}}', documentType: 'BÁO CÁO', summary: 'Kết quả {{period}}' },
    blocks: blocks ?? [
      { type: 'heading', level: 2, text: 'I. Kết quả' },
      { type: 'text', text: 'Cúm: {{value CD_INFLUENZA}}; {{vsLastYear CD_INFLUENZA unit=ca}}.' },
      { type: 'free', key: 'notes', label: 'Ghi chú', hint: 'Tự nhập', default: 'Không' },
      { type: 'consolidated', key: 'notes', label: 'Ý kiến' },
      { type: 'table', title: 'Bảng', rows: 'items', items: [{ item: 'CD_INFLUENZA', label: 'Cúm' }], columns: [{ label: 'Tháng', measure: 'value' }] },
      { type: 'tasks', title: 'Nhiệm vụ {{period of=next}}', view: 'list', source: 'led', when: 'period' },
    ],
    signature: { authority: ['GIÁM ĐỐC'], signer: '' },
    recipients: ['Lưu: VT'],
  };
}

// Values that have broken servers before, and their neighbours.
const HOSTILE: unknown[] = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '__proto__', 'constructor', 'toString', 'hasOwnProperty', -1, 0, 1.5, 2 ** 31, 2 ** 53, 1e308, -1e308,
  '99999999999999999999', true, null, [], {}, ['x'], { a: 1 }, 'x'.repeat(60_000), '2024-05', '202413', '2024Q5', '2024S3',
  '2024N8', '000101-999912', '0000', '0001', '9999', '999912', '2024W1', '202401-202405', '2024YTD05', 'LAST_12_MONTHS', '{{constructor}}',
  '{{value CD_INFLUENZA', '}}', '{{'.repeat(500), '<script>alert(1)</script>', 'TTYT999', 'SYT38', 'TYT15961', 'BC_SYT_6THANG', 'pdf', 'odt',
];
const PARAMS = ['__proto__', 'constructor', 'toString', '%00', '%ED%A0%80', '..', '%2F', '99999999999999999999', '-1', '0', '1e9', '0x10', 'x'.repeat(300), 'BC_TTYT_THANG'];

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
interface Route {
  method: Method;
  url: string;
  user: string;
  /** A valid request: its body, or its query string for GET. */
  base: Record<string, unknown>;
  /** Replace nested fields too (the template's every field). */
  deep?: boolean;
}

const routes = (): Route[] => [
  { method: 'GET', url: '/api/reportTemplates', user: 'centre', base: {} },
  { method: 'POST', url: '/api/reportTemplates/validate', user: 'admin', base: template(), deep: true },
  { method: 'GET', url: '/api/reportTemplates/:code', user: 'centre', base: { version: '1' } },
  { method: 'GET', url: '/api/reportTemplates/:code/versions', user: 'centre', base: {} },
  { method: 'GET', url: '/api/reportTemplates/:code/export', user: 'centre', base: {} },
  { method: 'POST', url: '/api/reportTemplates', user: 'admin', base: template('BC_THU_TAO') },
  { method: 'PUT', url: '/api/reportTemplates/:code', user: 'admin', base: template('BC_THU_TAO') },
  { method: 'DELETE', url: '/api/reportTemplates/:code', user: 'admin', base: {} },
  { method: 'GET', url: '/api/reports', user: 'centre', base: { orgUnit: 'TTYT399', period: '202404', template: 'BC_TTYT_THANG', status: 'draft' } },
  { method: 'POST', url: '/api/reports', user: 'centre', base: { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202404' } },
  // A station's batch is its own report only (small).
  { method: 'POST', url: '/api/reports/batch', user: 'station', base: { template: 'BC_TYT_THANG', period: '202405', parent: 'TYT15961', format: 'docx' } },
  { method: 'GET', url: '/api/reports/batch/:id', user: 'station', base: {} },
  { method: 'GET', url: '/api/reports/batch/:id/download', user: 'station', base: {} },
  { method: 'GET', url: '/api/reports/:id', user: 'centre', base: {} },
  { method: 'PUT', url: '/api/reports/:id', user: 'centre', base: { version: 1, texts: { shortcomings: 'Thiếu bác sỹ.' }, number: '12', issuedOn: '2024-05-10', signer: 'Lê Trọng Tiến' } },
  { method: 'GET', url: '/api/reports/:id/versions', user: 'centre', base: {} },
  { method: 'GET', url: '/api/reports/:id/versions/:version', user: 'centre', base: {} },
  { method: 'GET', url: '/api/reports/:id/document', user: 'centre', base: { format: 'html' } },
  { method: 'POST', url: '/api/reports/:id/finalise', user: 'centre', base: { version: 999 } },
  { method: 'POST', url: '/api/reports/:id/reopen', user: 'centre', base: { reason: 'Sửa số liệu' } },
  { method: 'GET', url: '/api/reports/:id/differences', user: 'centre', base: {} },
];

/** The route's URL with its parameters: the valid ones, or `param` everywhere. */
function urlOf(route: Route, param?: string): string {
  const valid: Record<string, string> = { code: route.method === 'GET' ? 'BC_TTYT_THANG' : 'BC_THU_TAO', id: route.url.includes('batch') ? 'nosuchbatch' : reportId, version: '1' };
  return route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => param ?? valid[name]!);
}

function queryString(q: Record<string, unknown>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const x of [v].flat()) s.append(k, typeof x === 'string' ? x : JSON.stringify(x) ?? '');
  const str = s.toString();
  return str ? `?${str}` : '';
}

const failures: string[] = [];

/** Sends one request; records a 5xx. */
async function send(route: Route, fields: unknown, param?: string): Promise<number> {
  const isObject = typeof fields === 'object' && fields !== null && !Array.isArray(fields);
  const base = urlOf(route, param);
  const get = route.method === 'GET' || route.method === 'DELETE';
  const url = get && isObject ? `${base}${queryString(fields as Record<string, unknown>)}` : base;
  const res = await t.app.inject({
    method: route.method,
    url,
    headers: { ...as[route.user], 'content-type': 'application/json' },
    ...(get ? {} : { payload: JSON.stringify(fields) ?? 'null' }),
  });
  if (res.statusCode >= 500) failures.push(`${res.statusCode} ${route.method} ${url.slice(0, 200)} ${get ? '' : (JSON.stringify(fields) ?? '').slice(0, 200)} → ${res.body.slice(0, 300)}`);
  return res.statusCode;
}

/** The request with the field at `path` set to `value` (undefined removes it). */
function replaced(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let node = copy as Record<string, unknown>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Every field path of a request; nested ones only when `deep`. */
function paths(obj: unknown, deep: boolean, prefix: string[] = []): string[][] {
  if (typeof obj !== 'object' || obj === null || (!deep && prefix.length)) return [prefix];
  const inner = Object.entries(obj).flatMap(([k, v]) => paths(v, deep, [...prefix, k]));
  return prefix.length ? [prefix, ...inner] : inner;
}

async function healthy() {
  expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  expect((await t.app.inject({ url: `/api/reports/${reportId}`, headers: as.centre })).statusCode).toBe(200);
}

describe('hostile input on the reports routes', () => {
  it('no field replaced by a hostile value (or left out), and no hostile path parameter, gives a 5xx', async () => {
    failures.length = 0;
    let refused = 0;
    for (const route of routes()) {
      for (const path of paths(route.base, route.deep ?? false)) {
        for (const value of [undefined, ...HOSTILE]) if ((await send(route, replaced(route.base, path, value))) >= 400) refused++;
      }
      if (route.url.includes(':')) for (const p of PARAMS) await send(route, route.base, p);
      // Whole bodies (and query strings) of the wrong shape.
      for (const body of [null, [], [route.base], 'text', 42, true, { [route.url]: route.base }]) await send(route, body);
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(1000);
    await healthy();
  }, 600_000);

  it('templates of 10,000 blocks, deep nesting, nested braces and prototype-polluting JSON are refused with 4xx', async () => {
    const validate = (payload: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/reportTemplates/validate', headers: { ...as.admin, 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
    const many = await validate(template('BC_NHIEU', Array.from({ length: 10_000 }, () => ({ type: 'text', text: 'x' }))));
    expect(many.statusCode).toBe(200);
    expect(json(many).ok).toBe(false);
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { type: 'text', text: deep };
    expect((await validate(template('BC_SAU', [deep]))).statusCode).toBe(400);
    const braces = json(await validate(template('BC_NGOAC', [{ type: 'text', text: `${'{{'.repeat(1000)}value CD_INFLUENZA${'}}'.repeat(1000)}` }])));
    expect(braces.ok).toBe(false);
    const poisoned = await validate(`{"__proto__": {"polluted": true}, ${JSON.stringify(template()).slice(1)}`);
    expect(poisoned.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const huge = await t.app.inject({ url: '/api/reportTemplates/BC_TTYT_THANG?version=99999999999999999999', headers: as.centre });
    expect(huge.statusCode).toBe(400);
    expect((await t.app.inject({ url: `/api/reports/${reportId}/versions/4294967297`, headers: as.centre })).statusCode).toBe(400);
    await healthy();
  });

  it('random mixes of valid and hostile fields (fast-check)', async () => {
    failures.length = 0;
    const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 30 }), fc.double());
    for (const route of routes()) {
      const keys = Object.keys(route.base);
      const request = fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof({ weight: 2, arbitrary: fc.constant(route.base[k]) }, { weight: 1, arbitrary: hostile })])));
      await fc.assert(
        fc.asyncProperty(request, fc.constantFrom(undefined, ...PARAMS), async (fields, param) => (await send(route, fields, param)) < 500),
        { numRuns: keys.length ? 20 : 5, seed: 20240531, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    await healthy();
  }, 600_000);
});

describe('inputs that used to crash or stall a report', () => {
  it('expression names that are properties of Object.prototype are unknown functions', async () => {
    const texts = ['{{constructor}}', '{{toString}}', '{{hasOwnProperty CD_INFLUENZA}}', '{{valueOf decimals=1}}'];
    const res = await t.app.inject({
      method: 'POST', url: '/api/reportTemplates/validate', headers: as.admin,
      payload: template('BC_PROTO', texts.map((text) => ({ type: 'text', text }))),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).ok).toBe(false);
    expect(json(res).errors.map((e: { path: string; message: string }) => [e.path, e.message.split(' (')[0]])).toEqual([
      ['blocks[0].text', 'Không có hàm constructor.'],
      ['blocks[1].text', 'Không có hàm toString.'],
      ['blocks[2].text', 'Không có hàm hasOwnProperty.'],
      ['blocks[3].text', 'Không có hàm valueOf.'],
    ]);
  });

  it('block keys that are properties of Object.prototype: a free text "constructor", sub-units’ texts "valueOf"', async () => {
    // The centre's May report is final: the province's consolidated blocks read its texts.
    const centre = json(await open('centre', { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202405' }));
    const fin = await t.app.inject({ method: 'POST', url: `/api/reports/${centre.id}/finalise`, headers: as.centre, payload: { version: centre.version } });
    expect(fin.statusCode, fin.body).toBe(200);
    const def = {
      ...template('BC_SYT_KHOA'),
      unitKind: 'province',
      periodKinds: ['SixMonthly'],
      blocks: [
        { type: 'heading', level: 2, text: 'I. Ý kiến' },
        { type: 'free', key: 'constructor', label: 'Nội dung', default: 'Mặc định' },
        ...['valueOf', 'toString', 'constructor', 'hasOwnProperty'].map((key) => ({ type: 'consolidated', key })),
      ],
    };
    const created = await t.app.inject({ method: 'POST', url: '/api/reportTemplates', headers: as.admin, payload: def });
    expect(created.statusCode, created.body).toBe(201);
    const r = await open('province', { template: 'BC_SYT_KHOA', orgUnit: 'SYT38', period: '2024S1' });
    expect(r.statusCode, r.body).toBe(201);
    expect(json(r).texts).toEqual({ constructor: 'Mặc định' });
    const saved = await t.app.inject({ method: 'PUT', url: `/api/reports/${json(r).id}`, headers: as.province, payload: { version: json(r).version, texts: { constructor: 'Nội dung **riêng** {{value X}}' } } });
    expect(saved.statusCode, saved.body).toBe(200);
    const doc = await t.app.inject({ url: `/api/reports/${json(r).id}/document?format=html`, headers: as.province });
    expect(doc.statusCode, doc.body).toBe(200);
    expect(doc.body).toContain('{{value X}}');
    expect(doc.body.match(/Chưa có đơn vị nào báo cáo nội dung này/g)).toHaveLength(4);
    const unknown = await t.app.inject({ method: 'PUT', url: `/api/reports/${json(r).id}`, headers: as.province, payload: { version: json(saved).version, texts: { toString: 'x' } } });
    expect(unknown.statusCode).toBe(400);
  });

  it('an outsized template, report texts or document is refused with a message, not written for minutes', async () => {
    const big = await t.app.inject({
      method: 'POST', url: '/api/reportTemplates/validate', headers: as.admin,
      payload: template('BC_LON', Array.from({ length: 900 }, () => ({ type: 'text', text: 'Nội dung. '.repeat(390) }))),
    });
    expect(json(big).ok).toBe(false);
    expect(json(big).errors).toEqual([{ path: '_', message: expect.stringContaining('Mẫu báo cáo quá lớn') }]);

    // 1,000 blocks of 6 lines: 6,000 paragraphs, over the 5,000 a document may have.
    const long = template('BC_DAI', Array.from({ length: 1000 }, () => ({ type: 'text', text: 'a\nb\nc\nd\ne\nf' })));
    expect((await t.app.inject({ method: 'POST', url: '/api/reportTemplates', headers: as.admin, payload: long })).statusCode).toBe(201);
    const r = json(await open('centre', { template: 'BC_DAI', orgUnit: 'TTYT399', period: '202405' }));
    const started = Date.now();
    const doc = await t.app.inject({ url: `/api/reports/${r.id}/document?format=docx`, headers: as.centre });
    expect(doc.statusCode).toBe(409);
    expect(json(doc).error.message).toContain('Báo cáo quá dài');
    expect(Date.now() - started).toBeLessThan(5_000);

    // 25 free texts of 45,000 characters: each allowed, together over the 1,000,000 a report may hold.
    const free = template('BC_NHIEU_CHU', Array.from({ length: 25 }, (_, i) => ({ type: 'free', key: `part${i}`, label: `Phần ${i}` })));
    expect((await t.app.inject({ method: 'POST', url: '/api/reportTemplates', headers: as.admin, payload: free })).statusCode).toBe(201);
    const d = json(await open('centre', { template: 'BC_NHIEU_CHU', orgUnit: 'TTYT399', period: '202405' }));
    const texts = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`part${i}`, 'x'.repeat(45_000)]));
    const save = await t.app.inject({ method: 'PUT', url: `/api/reports/${d.id}`, headers: as.centre, payload: { version: d.version, texts } });
    expect(save.statusCode).toBe(400);
    expect(json(save).error.message).toContain('Nội dung báo cáo quá dài');
  });

  it('takes Chromium from the configuration: none at CHROMIUM_PATH → PDF 409, DOCX and HTML still work', async () => {
    const pdf = await t.app.inject({ url: `/api/reports/${reportId}/document?format=pdf`, headers: as.centre });
    expect(pdf.statusCode).toBe(409);
    expect(json(pdf).error).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('Chromium') });
    expect((await t.app.inject({ url: `/api/reports/${reportId}/document?format=docx`, headers: as.centre })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/reports/${reportId}/document?format=html`, headers: as.centre })).statusCode).toBe(200);
  });
});
