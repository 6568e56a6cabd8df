// Narrative reports through the API, on the demo data (TTYT399 May 2024 = seed 001): the generated
// DOCX read back, the PDF rendered to PNG, drafts and versions, finalising and differences,
// templates, consolidation, batch, scope and bad input.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/calendar.js';
import { todayVn } from '../../lib/dates.js';
import { parseRange } from '../../lib/periods.js';
import { json, testApp, type TestApp } from '../../test/harness.js';
import { SEED001_FIGURES } from './defaults/seed001.expected.js';
import { docxText } from './render/docx-text.test-helper.js';

let t: TestApp;
let centre: Record<string, string>; // ttyt.hoanghoa
let province: Record<string, string>; // syt.admin
const ARTIFACTS = path.resolve('test-artifacts');
/** Chromium prints the PDF, poppler-utils reads it back; skipped without them, except in CI. */
const pdfTools = (fs.existsSync('/usr/bin/chromium') && fs.existsSync('/usr/bin/pdftoppm')) || Boolean(process.env.CI);

beforeAll(async () => {
  t = await testApp();
  centre = await t.login('ttyt.hoanghoa');
  province = await t.login('syt.admin');
});

/** The rows of the DOCX's tables, each as its cells' texts. */
async function docxRows(buf: Buffer): Promise<string[][]> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const decode = (x: string) => x.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((r) =>
    [...r[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((c) => decode([...c[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))),
  );
}

async function open(headers: Record<string, string>, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/reports', headers, payload: body });
}

describe('the monthly report of TTYT399 for May 2024 (seed 001)', () => {
  let id: string;
  let text: string;

  beforeAll(async () => {
    const res = await open(centre, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202405' });
    expect(res.statusCode, res.body).toBe(201);
    id = json(res).id;
    const doc = await t.app.inject({ method: 'GET', url: `/api/reports/${id}/document?format=docx`, headers: centre });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    text = await docxText(doc.rawPayload);
  });

  it('contains every figure of section II with the seed’s value and percentage', () => {
    const missing = SEED001_FIGURES.filter((f) => !text.includes(f.text)).map((f) => `${f.label}: ${f.text}`);
    expect(missing).toEqual([]);
    expect(SEED001_FIGURES.length).toBeGreaterThan(60);
    for (const s of ['235', '140', '509.591', 'đạt 8,7 % kế hoạch', '118/100', '238.168', '99,35', '7.954']) expect(text).toContain(s);
  });

  it('is a Nghị định 30 document: header, title, "./.", recipients, signature; a draft says so', () => {
    for (const s of ['SỞ Y TẾ THANH HÓA', 'TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'Nơi nhận:', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'DỰ THẢO']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Hoằng Hóa, ngày\s+tháng\s+năm 2024/);
    expect(text).toContain('./.');
    expect(text).not.toMatch(/NaN|undefined|null|\{\{/);
  });

  it('one call generates the file (POST /api/reports with format)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/reports?format=docx', headers: centre, payload: { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202405' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('BC_TTYT_THANG_TTYT399_202405.docx');
    expect(await docxText(res.rawPayload)).toContain('509.591');
  });

  it.runIf(pdfTools)('renders to PDF; the first page is kept as an image', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/reports/${id}/document?format=pdf`, headers: centre });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const pdf = path.join(ARTIFACTS, 'report-TTYT399-202405.pdf');
    fs.writeFileSync(pdf, res.rawPayload);
    execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(ARTIFACTS, 'report-TTYT399-202405-page1')]);
    expect(fs.statSync(path.join(ARTIFACTS, 'report-TTYT399-202405-page1.png')).size).toBeGreaterThan(20_000);
    const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-']).toString();
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO']) expect(page1).toContain(s);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
    expect(pages).toBeGreaterThan(3);
  });

  it('an HTML preview marks the figures', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/reports/${id}/document?format=html`, headers: centre });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('data-figure="value:CD_INFLUENZA"');
  });
});

describe('drafts, versions, finalising and differences', () => {
  let id: string;
  let version: number;

  it('opens the same draft again, with the free blocks and their default texts', async () => {
    const res = await open(centre, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202404' });
    expect(res.statusCode, res.body).toBe(201);
    const r = json(res);
    id = r.id;
    version = r.version;
    expect(r.status).toBe('draft');
    expect(r.freeBlocks.map((b: { key: string }) => b.key)).toEqual(expect.arrayContaining(['shortcomings', 'difficulties', 'proposals']));
    expect(r.texts.difficulties.length).toBeGreaterThan(20);
    const again = await open(centre, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202404' });
    expect(again.statusCode).toBe(200);
    expect(json(again).id).toBe(id);
  });

  it('saves free texts as a new version; a stale version is refused; unknown blocks too', async () => {
    const res = await t.app.inject({
      method: 'PUT', url: `/api/reports/${id}`, headers: centre,
      payload: { version, texts: { shortcomings: '- Thiếu **bác sỹ** tại 3 trạm.', proposals: 'Đề nghị cấp kinh phí sửa chữa trạm.' }, number: '12', issuedOn: '2024-05-10', signer: 'Lê Trọng Tiến' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).version).toBe(version + 1);
    const stale = await t.app.inject({ method: 'PUT', url: `/api/reports/${id}`, headers: centre, payload: { version, texts: { shortcomings: 'x' } } });
    expect(stale.statusCode).toBe(409);
    expect(json(stale).error.message).toContain('người khác');
    const unknown = await t.app.inject({ method: 'PUT', url: `/api/reports/${id}`, headers: centre, payload: { version: version + 1, texts: { nope: 'x' } } });
    expect(unknown.statusCode).toBe(400);
    const versions = json(await t.app.inject({ method: 'GET', url: `/api/reports/${id}/versions`, headers: centre }));
    expect(versions.map((v: { version: number }) => v.version)).toEqual([version + 1, version]);
    const doc = await docxText((await t.app.inject({ method: 'GET', url: `/api/reports/${id}/document`, headers: centre })).rawPayload);
    expect(doc).toContain('Thiếu bác sỹ tại 3 trạm.');
    expect(doc).toContain('Số: 12/BC-TTYT');
    expect(doc).toContain('Hoằng Hóa, ngày 10 tháng 5 năm 2024');
    expect(doc).toContain('Lê Trọng Tiến');
    expect(doc).toContain('Đề nghị cấp kinh phí sửa chữa trạm./.');
    version += 1;
  });

  it('finalising freezes the figures: a later correction shows as a difference, not a silent change', async () => {
    const stale = await t.app.inject({ method: 'POST', url: `/api/reports/${id}/finalise`, headers: centre, payload: { version: version - 1 } });
    expect(stale.statusCode).toBe(409);
    const fin = await t.app.inject({ method: 'POST', url: `/api/reports/${id}/finalise`, headers: centre, payload: { version } });
    expect(fin.statusCode, fin.body).toBe(200);
    expect(json(fin).status).toBe('final');
    const before = await docxText((await t.app.inject({ method: 'GET', url: `/api/reports/${id}/document`, headers: centre })).rawPayload);
    const influenza = /Bệnh cúm thường là ([\d.]+) bệnh nhân/.exec(before)?.[1];
    expect(influenza).toBeDefined();
    expect(before).not.toContain('DỰ THẢO');

    // A station corrects its April influenza figure (+7).
    await sql`update data_value v set value = (v.num + 7)::text, num = v.num + 7
               from data_element e, period p, org_unit u
              where e.iid = v.de and e.code = 'CD_INFLUENZA' and p.id = v.pe and p.iso = '202404' and u.iid = v.ou
                and u.id = (select v2u.id from data_value v2 join org_unit v2u on v2u.iid = v2.ou join data_element e2 on e2.iid = v2.de
                             join period p2 on p2.id = v2.pe where e2.code = 'CD_INFLUENZA' and p2.iso = '202404' and v2u.code like 'TYT%'
                             order by v2u.code limit 1)`.execute(t.database.db);

    const diff = json(await t.app.inject({ method: 'GET', url: `/api/reports/${id}/differences`, headers: centre }));
    const row = diff.differences.find((d: { key: string }) => d.key === 'value:CD_INFLUENZA');
    expect(row).toBeDefined();
    expect(row.frozen).toBe(influenza);
    expect(row.liveValue - row.frozenValue).toBe(7);
    const after = await docxText((await t.app.inject({ method: 'GET', url: `/api/reports/${id}/document`, headers: centre })).rawPayload);
    expect(after).toContain(`Bệnh cúm thường là ${influenza} bệnh nhân`);
    expect(diff.differences.every((d: { frozen: string; live: string }) => d.frozen !== d.live)).toBe(true);

    const edit = await t.app.inject({ method: 'PUT', url: `/api/reports/${id}`, headers: centre, payload: { version: version + 1, texts: { shortcomings: 'x' } } });
    expect(edit.statusCode).toBe(409);
    const reopen = await t.app.inject({ method: 'POST', url: `/api/reports/${id}/reopen`, headers: centre, payload: { reason: 'Trạm sửa số liệu cúm' } });
    expect(reopen.statusCode, reopen.body).toBe(200);
    expect(json(reopen).status).toBe('draft');
    const live = await docxText((await t.app.inject({ method: 'GET', url: `/api/reports/${id}/document`, headers: centre })).rawPayload);
    expect(live).toContain(`Bệnh cúm thường là ${(Number(influenza!.replace(/\./g, '')) + 7).toLocaleString('vi-VN')} bệnh nhân`);
  });
});

describe('a station’s report: table cells are figures too', () => {
  it('a corrected value in a table shows in the differences', async () => {
    const station = await t.login('tyt.hoangloc');
    const r = json(await open(station, { template: 'BC_TYT_THANG', orgUnit: 'TYT15961', period: '202405' }));
    expect(r.status).toBe('draft');
    const fin = await t.app.inject({ method: 'POST', url: `/api/reports/${r.id}/finalise`, headers: station, payload: { version: r.version } });
    expect(fin.statusCode, fin.body).toBe(200);
    // Hand, foot and mouth disease appears only in the table; the station enters 3 more cases.
    await sql`insert into data_value (ou, de, pe, co, ao, value, num, stored_by)
              select u.iid, e.iid, p.id, c.iid, c.iid, '3', 3, 'test'
                from org_unit u, data_element e, period p, category_option_combo c
               where u.code = 'TYT15961' and e.code = 'CD_HFMD' and p.iso = '202405' and c.code = 'default'
              on conflict (ou, de, pe, co, ao) do update set value = (data_value.num + 3)::text, num = data_value.num + 3`.execute(t.database.db);
    const diff = json(await t.app.inject({ url: `/api/reports/${r.id}/differences`, headers: station }));
    const keys = diff.differences.map((d: { key: string }) => d.key);
    expect(keys).toContain('table:value:CD_HFMD');
    expect(keys).toContain('table:ytd:CD_HFMD');
    const row = diff.differences.find((d: { key: string }) => d.key === 'table:value:CD_HFMD');
    expect(row.label).toBe('Tay chân miệng — Trong tháng');
    expect(row.liveValue - (row.frozenValue ?? 0)).toBe(3);
  });
});

describe('missing data, scope and bad input', () => {
  it('a period without data reads "chưa có số liệu", with a warning', async () => {
    const res = await open(centre, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202312' });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).warnings).toEqual([{ code: 'NO_DATA', message: expect.stringContaining('Chưa có số liệu nào') }]);
    const doc = await docxText((await t.app.inject({ method: 'GET', url: `/api/reports/${json(res).id}/document`, headers: centre })).rawPayload);
    // Whole sentences: the figure swallows its "là" and unit word when it is missing.
    expect(doc).toContain('Bệnh cúm thường chưa có số liệu, tiêu chảy chưa có số liệu.');
    expect(doc).not.toMatch(/là chưa có số liệu (bệnh nhân|người|trẻ|ca|lượt|bài|liều|lam|mẫu|cái|xã|cán bộ|lần)\b/);
    expect(doc).not.toMatch(/chưa có số liệu ?(%|\/)/);
    // …and a preposition before it goes too: not "giám sát … tại chưa có số liệu".
    expect(doc).not.toMatch(/\b(tại|với|của|gồm|đạt) chưa có số liệu/);
    expect(doc).not.toMatch(/NaN|undefined/);
    expect(doc).not.toContain('Bệnh cúm thường là 0');
  });

  it('refuses out-of-scope units, readers who write, unknown units, templates and periods, with clear messages', async () => {
    const station = await t.login('tyt.hoangloc');
    const out = await open(station, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202405' });
    expect(out.statusCode).toBe(403);
    expect(json(out).error.code).toBe('OUT_OF_SCOPE');
    const other = await open(centre, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT380', period: '202405' });
    expect(other.statusCode).toBe(403);
    const viewer = await t.login('syt.xem');
    const create = await open(viewer, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202403' });
    expect(create.statusCode).toBe(403);
    expect(json(create).error.code).toBe('FORBIDDEN');
    const read = await open(viewer, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202405' });
    expect(read.statusCode).toBe(200);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ template: 'BC_TTYT_THANG', orgUnit: 'TTYT999', period: '202405' }, 404, 'Không tìm thấy đơn vị TTYT999'],
      [{ template: 'NO_SUCH', orgUnit: 'TTYT399', period: '202405' }, 404, 'Không tìm thấy mẫu báo cáo NO_SUCH'],
      [{ template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '2024-05' }, 400, 'Kỳ báo cáo 2024-05 không hợp lệ'],
      [{ template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '2024Q2' }, 400, 'không dùng cho loại kỳ'],
      [{ template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '209901' }, 400, 'chưa bắt đầu'],
      [{ template: 'BC_TTYT_THANG', orgUnit: 'TYT15961', period: '202405' }, 400, 'dành cho trung tâm y tế; Trạm Y tế xã Hoằng Lộc không phải là trung tâm y tế.'],
      [{ template: 'BC_TTYT_THANG', orgUnit: 'TTYT399' }, 400, ''],
    ];
    for (const [body, status, message] of cases) {
      const res = await open(centre, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(json(res).error.message).toContain(message);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    }
    const fmt = await t.app.inject({ method: 'POST', url: '/api/reports?format=odt', headers: centre, payload: { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202405' } });
    expect(fmt.statusCode).toBe(400);
  });

  it('a station that moved to another centre: its later reports belong to the new centre', async () => {
    const admin = await t.login('admin');
    const children = json(await t.app.inject({ url: `/api/orgunits/${await t.unit('TTYT399')}/children`, headers: admin }));
    const station = children[children.length - 1];
    const moved = await t.app.inject({ method: 'POST', url: `/api/orgunits/${station.id}/move`, headers: admin, payload: { parentId: await t.unit('TTYT380'), date: '2026-06-01', reason: 'Điều chuyển địa bàn' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const created = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'ttyt380.admin', displayName: 'TTYT 380', password: 'Passw0rd!', orgUnitId: await t.unit('TTYT380'), roles: ['unit_admin'] } });
    expect(created.statusCode, created.body).toBe(201);
    const newCentre = t.basic('ttyt380.admin', 'Passw0rd!');
    // Before the move the old centre writes the station's report; after it, only the new one.
    const before = await open(centre, { template: 'BC_TYT_THANG', orgUnit: station.id, period: '202605' });
    expect(before.statusCode, before.body).toBe(201);
    const after = await open(centre, { template: 'BC_TYT_THANG', orgUnit: station.id, period: '202606' });
    expect(after.statusCode).toBe(403);
    expect(json(after).error.code).toBe('OUT_OF_SCOPE');
    const mine = await open(newCentre, { template: 'BC_TYT_THANG', orgUnit: station.id, period: '202606' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect((await t.app.inject({ url: `/api/reports/${json(mine).id}`, headers: centre })).statusCode).toBe(403);
    // The new centre reads the station's history; the old one keeps its own.
    expect((await t.app.inject({ url: `/api/reports/${json(before).id}`, headers: newCentre })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/reports/${json(before).id}`, headers: centre })).statusCode).toBe(200);
    const list = json(await t.app.inject({ url: '/api/reports', headers: centre }));
    expect(list.some((r: { id: string }) => r.id === json(mine).id)).toBe(false);
    expect(list.some((r: { id: string }) => r.id === json(before).id)).toBe(true);
  });

  it('odd numbers and periods get a 400, concurrent creates give one report', async () => {
    for (const url of ['/api/reportTemplates/BC_TTYT_THANG?version=99999999999', '/api/reportTemplates/BC_TTYT_THANG?version=abc']) {
      expect((await t.app.inject({ url, headers: centre })).statusCode, url).toBe(400);
    }
    const r = json(await open(centre, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202405' }));
    expect((await t.app.inject({ url: `/api/reports/${r.id}/versions/99999999999`, headers: centre })).statusCode).toBe(400);
    const admin = await t.login('admin');
    const put = await t.app.inject({ method: 'PUT', url: '/api/reportTemplates/BC_TYT_THANG?expectedVersion=1.5', headers: admin, payload: {} });
    expect(put.statusCode).toBe(400);
    expect((await open(province, { template: 'BC_SYT_6THANG', orgUnit: 'SYT38', period: '0001' })).statusCode).toBe(400);
    const results = await Promise.all([1, 2, 3].map(() => open(centre, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202402' })));
    expect(new Set(results.map((x) => json(x).id)).size).toBe(1);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 200, 201]);
  });

  it('a batch with a bad parent or period is refused at once', async () => {
    for (const payload of [
      { template: 'BC_TTYT_THANG', period: '202405', parent: 'TTYT999' },
      { template: 'BC_TTYT_THANG', period: '2024Q2' },
      { template: 'BC_TTYT_THANG', period: '202405', parent: 'TTYT380' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/reports/batch', headers: centre, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
  });

  it('another unit’s report: no document, versions or differences; a draft has no differences; oversized texts are refused', async () => {
    const r = json(await open(centre, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202403' }));
    const station = await t.login('tyt.hoangloc');
    for (const path of ['document?format=html', 'document?format=docx', 'versions', 'versions/1', 'differences']) {
      const res = await t.app.inject({ url: `/api/reports/${r.id}/${path}`, headers: station });
      expect(res.statusCode, path).toBe(403);
      expect(res.body).not.toContain('Hoằng Hóa');
    }
    const draft = await t.app.inject({ url: `/api/reports/${r.id}/differences`, headers: centre });
    expect(draft.statusCode).toBe(409);
    const huge = await t.app.inject({ method: 'PUT', url: `/api/reports/${r.id}`, headers: centre, payload: { version: r.version, texts: { shortcomings: 'x'.repeat(50_001) } } });
    expect(huge.statusCode).toBe(400);
    expect(json(await t.app.inject({ url: `/api/reports/${r.id}`, headers: centre })).version).toBe(r.version);
    const batch = await t.app.inject({ url: '/api/reports/batch/nosuchbatch', headers: centre });
    expect(batch.statusCode).toBe(404);
  });

  it('lists only reports in scope', async () => {
    const mine = json(await t.app.inject({ method: 'GET', url: '/api/reports', headers: centre }));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r: { orgUnit: { code: string } }) => r.orgUnit.code === 'TTYT399' || r.orgUnit.code.startsWith('TYT'))).toBe(true);
    const station = await t.login('tyt.hoangloc');
    const theirs = json(await t.app.inject({ method: 'GET', url: '/api/reports', headers: station }));
    expect(theirs.map((r: { orgUnit: { code: string } }) => r.orgUnit.code)).toEqual(['TYT15961']);
    const other = json(await t.app.inject({ method: 'GET', url: `/api/reports/${mine[0].id}`, headers: station }));
    expect(other.error.code).toBe('OUT_OF_SCOPE');
  });
});

describe('templates', () => {
  it('lists the defaults and validates a template with the place of each problem', async () => {
    const list = json(await t.app.inject({ method: 'GET', url: '/api/reportTemplates', headers: centre }));
    expect(list.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['BC_TTYT_THANG', 'BC_TYT_THANG', 'BC_SYT_6THANG']));
    const tpl = json(await t.app.inject({ method: 'GET', url: '/api/reportTemplates/BC_TTYT_THANG', headers: centre }));
    const def = structuredClone(tpl.definition);
    def.code = 'BC_THU';
    def.blocks.push({ type: 'text', text: 'Số ca là {{value NO_SUCH_CODE}}.' }, { type: 'text', text: 'Tỷ lệ {{pctPlan EPI_FULL_U1 basis=month}}' }, { type: 'text', text: 'Mở {{value CD_INFLUENZA' });
    const n = def.blocks.length;
    const res = json(await t.app.inject({ method: 'POST', url: '/api/reportTemplates/validate', headers: province, payload: def }));
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([
      { path: `blocks[${n - 2}].text`, message: expect.stringContaining('basis=month không hợp lệ') },
      { path: `blocks[${n - 1}].text`, message: expect.stringMatching(/Thiếu "\}\}".*vị trí 4/) },
      { path: `blocks[${n - 3}].text`, message: 'Không có phần tử dữ liệu hoặc chỉ số mã NO_SUCH_CODE.' },
    ]);
    // Shape problems: one per place, in the user's language.
    const shape = json(await t.app.inject({ method: 'POST', url: '/api/reportTemplates/validate', headers: province, payload: { ...def, code: 'x', name: '' } }));
    expect(shape.errors).toEqual([
      { path: 'code', message: 'Quá ngắn.' },
      { path: 'name', message: 'Bắt buộc nhập.' },
    ]);
    const save = await t.app.inject({ method: 'POST', url: '/api/reportTemplates', headers: await t.login('admin'), payload: def });
    expect(save.statusCode).toBe(400);
    expect(json(save).error.details.errors).toHaveLength(3);
  });

  it('creates, versions and exports a template (metadata:write only)', async () => {
    const tpl = json(await t.app.inject({ method: 'GET', url: '/api/reportTemplates/BC_TYT_THANG', headers: centre }));
    const def = { ...tpl.definition, code: 'BC_TYT_THANG_RUT_GON', name: 'Báo cáo tháng rút gọn' };
    expect((await t.app.inject({ method: 'POST', url: '/api/reportTemplates', headers: centre, payload: def })).statusCode).toBe(403);
    const admin = await t.login('admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/reportTemplates', headers: admin, payload: def });
    expect(created.statusCode, created.body).toBe(201);
    expect(json(created).version).toBe(1);
    const v2 = await t.app.inject({ method: 'PUT', url: '/api/reportTemplates/BC_TYT_THANG_RUT_GON', headers: admin, payload: { ...def, name: 'Báo cáo tháng (rút gọn)' } });
    expect(json(v2).version).toBe(2);
    const v1 = json(await t.app.inject({ method: 'GET', url: '/api/reportTemplates/BC_TYT_THANG_RUT_GON?version=1', headers: admin }));
    expect(v1.definition.name).toBe('Báo cáo tháng rút gọn');
    const stale = await t.app.inject({ method: 'PUT', url: '/api/reportTemplates/BC_TYT_THANG_RUT_GON?expectedVersion=1', headers: admin, payload: def });
    expect(stale.statusCode).toBe(409);
    const versions = json(await t.app.inject({ method: 'GET', url: '/api/reportTemplates/BC_TYT_THANG_RUT_GON/versions', headers: admin }));
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const exported = await t.app.inject({ method: 'GET', url: '/api/reportTemplates/BC_TYT_THANG_RUT_GON/export', headers: admin });
    expect(exported.headers['content-disposition']).toContain('BC_TYT_THANG_RUT_GON.v2.json');
    expect(JSON.parse(exported.body).name).toBe('Báo cáo tháng (rút gọn)');
    const dup = await t.app.inject({ method: 'POST', url: '/api/reportTemplates', headers: admin, payload: def });
    expect(dup.statusCode).toBe(409);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/reportTemplates/BC_TYT_THANG', headers: admin })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/reportTemplates/BC_TYT_THANG_RUT_GON', headers: admin })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/reportTemplates/BC_TYT_THANG_RUT_GON', headers: admin })).statusCode).toBe(404);
  });
});

describe('the province: consolidation and batch', () => {
  it('the 6-month review pulls the difficulties and proposals of the centres’ final reports', async () => {
    const r = json(await open(centre, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202405' }));
    const saved = json(await t.app.inject({ method: 'PUT', url: `/api/reports/${r.id}`, headers: centre, payload: { version: r.version, texts: { difficulties: 'Thiếu nữ hộ sinh ở các trạm ven biển.', proposals: 'Đề nghị bổ sung 2 máy siêu âm./.' } } }));
    const res = await open(province, { template: 'BC_SYT_6THANG', orgUnit: 'SYT38', period: '2024S1' });
    expect(res.statusCode, res.body).toBe(201);
    const docOf = async () => docxText((await t.app.inject({ method: 'GET', url: `/api/reports/${json(res).id}/document`, headers: province })).rawPayload);
    // A draft is not yet the centre's word.
    expect(await docOf()).not.toContain('Thiếu nữ hộ sinh');
    const fin = await t.app.inject({ method: 'POST', url: `/api/reports/${r.id}/finalise`, headers: centre, payload: { version: saved.version } });
    expect(fin.statusCode, fin.body).toBe(200);
    const doc = await docOf();
    expect(doc).toContain('Trung tâm Y tế huyện Hoằng Hóa: Thiếu nữ hộ sinh ở các trạm ven biển.');
    expect(doc).toContain('Trung tâm Y tế huyện Hoằng Hóa: Đề nghị bổ sung 2 máy siêu âm.\n'); // its own "./." dropped
    expect(doc).toContain('6 THÁNG ĐẦU NĂM 2024');
    expect(doc).toContain('UBND TỈNH THANH HÓA');
    expect(doc).toContain('SỞ Y TẾ THANH HÓA');
    expect(doc).not.toMatch(/NaN|undefined/);
  });

  it('a quarter of the province: the next period and the plan against the same figure', async () => {
    const res = await open(province, { template: 'BC_SYT_6THANG', orgUnit: 'SYT38', period: '2024Q2' });
    expect(res.statusCode, res.body).toBe(201);
    const doc = await docxText((await t.app.inject({ method: 'GET', url: `/api/reports/${json(res).id}/document`, headers: province })).rawPayload);
    expect(doc).toContain('quý II năm 2024');
    expect(doc).toContain('QUÝ III NĂM 2024');
  });

  it('generates every centre’s report in one batch, with progress, as a ZIP', async () => {
    const start = await t.app.inject({ method: 'POST', url: '/api/reports/batch', headers: province, payload: { template: 'BC_TTYT_THANG', period: '202405' } });
    expect(start.statusCode, start.body).toBe(202);
    const { id } = json(start);
    let status = json(await t.app.inject({ method: 'GET', url: `/api/reports/batch/${id}`, headers: province }));
    const seen = new Set<number>();
    for (let i = 0; i < 600 && status.state === 'running'; i++) {
      seen.add(status.done);
      await new Promise((r) => setTimeout(r, 100));
      status = json(await t.app.inject({ method: 'GET', url: `/api/reports/batch/${id}`, headers: province }));
    }
    expect(status.state).toBe('done');
    expect(status.errors).toEqual([]);
    expect(status.total).toBeGreaterThan(20);
    expect(status.done).toBe(status.total);
    expect(seen.size).toBeGreaterThan(1);
    const other = await t.app.inject({ method: 'GET', url: `/api/reports/batch/${id}`, headers: centre });
    expect(other.statusCode).toBe(404);
    const zip = await JSZip.loadAsync((await t.app.inject({ method: 'GET', url: `/api/reports/batch/${id}/download`, headers: province })).rawPayload);
    const names = Object.keys(zip.files);
    expect(names).toHaveLength(status.total);
    // Named by the unit's name (ASCII-safe), not by its code.
    expect(names).toContain('BC thang 5-2024 - TTYT Hoang Hoa.docx');
    expect(names.filter((n) => /TTYT\d/.test(n))).toEqual([]);
    expect(status.reports.find((r: { orgUnit: string }) => r.orgUnit === 'TTYT399')?.fileName).toBe('BC thang 5-2024 - TTYT Hoang Hoa.docx');
    const hoangHoa = await docxText(await zip.file('BC thang 5-2024 - TTYT Hoang Hoa.docx')!.async('nodebuffer'));
    expect(hoangHoa).toContain('509.591');
    // Every other centre's draft carries none of Hoằng Hóa's own words (seed 001's free texts).
    const otherFile = names.find((n) => !n.includes('Hoang Hoa'))!;
    const otherText = await docxText(await zip.file(otherFile)!.async('nodebuffer'));
    expect(otherText).not.toContain('Công Nghiệp và dịch vụ Du Lịch');
    expect(otherText).not.toContain('Phối hợp thực hiện quy trình bổ nhiệm lại Giám đốc');
  });
});

describe('the province review follows up the tasks (task blocks)', () => {
  // The last half-year that has ended (P) and the one after it (N), whatever day the tests run.
  const today = todayVn();
  const year = Number(today.slice(0, 4));
  const period = Number(today.slice(5, 7)) >= 7 ? `${year}S1` : `${year - 1}S2`;
  const P = parseRange(period)!;
  const N = parseRange(Number(today.slice(5, 7)) >= 7 ? `${year}S2` : `${year}S1`)!;
  const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  const d = {
    onTime: addDays(P.start, 30), onTimeDone: addDays(P.start, 20),
    overdue: addDays(P.start, 60), late: addDays(P.end, -10), lateDone: addDays(P.end, -7), station: addDays(P.start, 45),
    next1: addDays(N.start, 20), next2: addDays(N.end, -3), next2Extended: addDays(N.end, -1), stationNext: addDays(N.start, 10),
  };
  let text: string;
  let rows: string[][];

  beforeAll(async () => {
    const h = { syt: province, ttyt: centre, khtc: await t.login('syt.khtc') };
    const post = async (who: Record<string, string>, url: string, payload: unknown, method: 'POST' | 'PATCH' = 'POST') => {
      const r = await t.app.inject({ method, url, headers: who, payload: payload as never });
      expect(r.statusCode, r.body).toBe(200);
      return json(r);
    };
    const doc = await post(h.syt, '/api/directives', {
      kind: 'conclusion_notice', number: '186/TB-SYT', date: addDays(P.start, 5), issuer: 'Sở Y tế Thanh Hóa', title: 'Kết luận giao ban',
      tasks: [
        { item: '1', content: 'Rà soát hợp đồng KCB BHYT', lead: ['TTYT399'], deadline: d.onTime },
        { item: '2', content: 'Kiểm tra an toàn thực phẩm', lead: ['TTYT380'], deadline: d.overdue },
        { item: '3', content: 'Tham mưu phân bổ kinh phí', lead: ['SYT38_KHTC'], deadline: d.late },
        { item: '4', content: 'Theo dõi công tác tài chính', lead: ['SYT38_KHTC'], ongoing: true },
        { item: '5', content: 'Xây dựng kế hoạch 6 tháng cuối năm', lead: ['TTYT399'], deadline: d.next1 },
        { item: '6', content: 'Tổng kết công tác y tế cơ sở', lead: ['TTYT380'], deadline: d.next2 },
      ],
    });
    const task = (item: string) => doc.tasks.find((x: { item: string }) => x.item === item);
    const finish = async (who: Record<string, string>, item: string, completedOn: string) => {
      const sub = await post(who, `/api/tasks/${task(item).id}/actions`, { action: 'submit', version: task(item).version, comment: 'Đã hoàn thành' });
      await post(h.syt, `/api/tasks/${sub.id}/actions`, { action: 'confirm', version: sub.version, completedOn });
    };
    await finish(h.ttyt, '1', d.onTimeDone);
    await finish(h.khtc, '3', d.lateDone);
    // The ongoing task existed in the period (a task made after it is not the period's).
    await sql`update task set created_at = ${addDays(P.start, 5)}::date where id = ${task('4').id}`.execute(t.database.db);
    await post(h.syt, `/api/tasks/${task('6').id}`, { version: task('6').version, deadline: d.next2Extended, reason: 'Chờ số liệu năm' }, 'PATCH');
    // The centre's own document: its station leads (counted under the centre), the Department did not assign it.
    // (The first station: another test moves the last one to another centre.)
    const [station] = json(await t.app.inject({ url: `/api/orgunits/${await t.unit('TTYT399')}/children`, headers: centre }));
    await post(h.ttyt, '/api/directives', {
      kind: 'official_letter', number: '45/TTYT-KHNV', date: addDays(P.start, 10), issuer: 'Trung tâm Y tế huyện Hoằng Hóa',
      tasks: [
        { item: '1', content: 'Báo cáo tình hình tiêm chủng của trạm', lead: [station.code], deadline: d.station },
        { item: '2', content: 'Rà soát trang thiết bị của trạm', lead: [station.code], deadline: d.stationNext },
      ],
    });
    const res = await open(province, { template: 'BC_SYT_6THANG', orgUnit: 'SYT38', period });
    expect(res.statusCode, res.body).toBe(201);
    const file = (await t.app.inject({ method: 'GET', url: `/api/reports/${json(res).id}/document?format=docx`, headers: province })).rawPayload;
    text = await docxText(file);
    rows = await docxRows(file);
  });

  it('section II: the counts of the tasks led in the period, then one row per unit and a total', () => {
    expect(text).toContain('1. Kết quả thực hiện các nhiệm vụ được giao');
    // Judged on the period's last day: the ongoing task counts, the tasks of the next period do not.
    expect(text).toContain('Tổng số 5 nhiệm vụ; đã hoàn thành đúng hạn 1 (20,0 %), hoàn thành quá hạn 1; đang thực hiện trong hạn 0; quá hạn chưa hoàn thành 2; không thời hạn 1.');
    expect(text).toContain('Kết quả thực hiện nhiệm vụ theo đơn vị');
    const header = rows.findIndex((r) => r[0] === 'Đơn vị' && r[2] === 'Hoàn thành đúng hạn');
    expect(rows[header]).toEqual(['Đơn vị', 'Tổng số', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Đang thực hiện trong hạn', 'Quá hạn chưa hoàn thành', 'Không thời hạn']);
    const table = rows.slice(header + 1, rows.findIndex((r, i) => i > header && r[0] === 'Tổng cộng') + 1);
    expect(table).toEqual(
      expect.arrayContaining([
        ['Phòng Kế hoạch – Tài chính', '2', '0', '1', '0', '0', '1'],
        ['Trung tâm Y tế huyện Hoằng Hóa', '2', '1', '0', '0', '1', '0'],
        ['Trung tâm Y tế thành phố Thanh Hóa', '1', '0', '0', '0', '1', '0'],
        ['Tổng cộng', '5', '1', '1', '0', '2', '1'],
      ]),
    );
    expect(table).toHaveLength(4);
    expect(text.indexOf('1. Kết quả thực hiện các nhiệm vụ được giao')).toBeLessThan(text.indexOf('2. Tồn tại, hạn chế'));
  });

  it('section III: after the free text, the tasks the Department assigned for the next period, with leads and deadlines', () => {
    const title = `Các nhiệm vụ đã giao có thời hạn trong 6 tháng ${N.from.month === 1 ? 'đầu' : 'cuối'} năm ${N.from.year}`;
    expect(text).toContain(title);
    expect(text.indexOf(title)).toBeGreaterThan(text.indexOf('NHIỆM VỤ TRỌNG TÂM'));
    const header = rows.findIndex((r) => r[0] === 'STT' && r[1] === 'Nội dung nhiệm vụ');
    expect(rows[header]).toEqual(['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn', 'Kết quả']);
    const list = rows.slice(header + 1, header + 3);
    expect(list.map((r) => r.slice(0, 4))).toEqual([
      ['1', 'Xây dựng kế hoạch 6 tháng cuối năm', 'Trung tâm Y tế huyện Hoằng Hóa', dmy(d.next1)],
      ['2', 'Tổng kết công tác y tế cơ sở', 'Trung tâm Y tế thành phố Thanh Hóa', `${dmy(d.next2Extended)} (gia hạn từ ${dmy(d.next2)})`],
    ]);
    for (const r of list) expect(r[4]).toMatch(/^(Đang thực hiện trong hạn|Quá hạn chưa hoàn thành \(quá hạn \d+ ngày\))$/);
    // Another unit's assignment is not the Department's.
    expect(text).not.toContain('Rà soát trang thiết bị của trạm');
    expect(text).not.toMatch(/NaN|undefined|\{\{/);
  });

  it('a period without tasks says so; the centres’ monthly report has no task blocks', async () => {
    const res = await open(province, { template: 'BC_SYT_6THANG', orgUnit: 'SYT38', period: '2024S1' });
    const doc = await docxText((await t.app.inject({ method: 'GET', url: `/api/reports/${json(res).id}/document`, headers: province })).rawPayload);
    expect(doc.match(/Không có nhiệm vụ trong kỳ\./g)).toHaveLength(3);
    const monthly = await open(centre, { template: 'BC_TTYT_THANG', orgUnit: 'TTYT399', period: '202405' });
    const m = await docxText((await t.app.inject({ method: 'GET', url: `/api/reports/${json(monthly).id}/document`, headers: centre })).rawPayload);
    expect(m).not.toMatch(/nhiệm vụ trong kỳ|Nội dung nhiệm vụ|Đơn vị chủ trì/);
  });

  it('template validation accepts the block and rejects a bad one, with its place', async () => {
    const tpl = json(await t.app.inject({ method: 'GET', url: '/api/reportTemplates/BC_SYT_6THANG', headers: province }));
    const def = { ...tpl.definition, code: 'BC_SYT_NV' };
    expect(json(await t.app.inject({ method: 'POST', url: '/api/reportTemplates/validate', headers: province, payload: def }))).toEqual({ ok: true, errors: [] });
    def.blocks = [...def.blocks, { type: 'tasks', view: 'list', source: 'led', when: 'later' }, { type: 'tasks', title: 'Trong {{period of=nam}}', view: 'counts', source: 'led', when: 'next' }];
    const n = def.blocks.length;
    const res = json(await t.app.inject({ method: 'POST', url: '/api/reportTemplates/validate', headers: province, payload: def }));
    expect(res.ok).toBe(false);
    expect(res.errors.map((e: { path: string }) => e.path)).toEqual([`blocks[${n - 2}].when`]);
    def.blocks.splice(n - 2, 1);
    const res2 = json(await t.app.inject({ method: 'POST', url: '/api/reportTemplates/validate', headers: province, payload: def }));
    expect(res2.errors.map((e: { path: string }) => e.path)).toEqual([`blocks[${n - 2}].title`]);
  });
});

describe('default templates across releases', () => {
  it('an unedited default follows the release (a new version); an edited one is left alone; starting again changes nothing', async () => {
    const { ensureDefaultTemplates } = await import('./templates.service.js');
    const db = t.database.db;
    expect(await ensureDefaultTemplates(t.ctx())).toEqual({ added: 0, updated: 0 });
    // An older release's text of the station template, never edited by a user.
    const row = await db.selectFrom('report_template').selectAll().where('code', '=', 'BC_TYT_THANG').executeTakeFirstOrThrow();
    const old = { ...(row.definition as Record<string, unknown>), name: 'Báo cáo tháng (bản cũ)' };
    await db.updateTable('report_template').set({ definition: JSON.stringify(old) }).where('id', '=', row.id).execute();
    // The province template, edited by a user.
    const admin = await t.login('admin');
    const prov = json(await t.app.inject({ url: '/api/reportTemplates/BC_SYT_6THANG', headers: admin }));
    const edited = await t.app.inject({ method: 'PUT', url: '/api/reportTemplates/BC_SYT_6THANG', headers: admin, payload: { ...prov.definition, name: 'Báo cáo sơ kết (Thanh Hóa)' } });
    expect(edited.statusCode, edited.body).toBe(200);

    expect(await ensureDefaultTemplates(t.ctx())).toEqual({ added: 0, updated: 1 });
    const station = json(await t.app.inject({ url: '/api/reportTemplates/BC_TYT_THANG', headers: admin }));
    expect(station.version).toBe(row.version + 1);
    expect(station.definition.name).not.toBe('Báo cáo tháng (bản cũ)');
    expect(json(await t.app.inject({ url: '/api/reportTemplates/BC_SYT_6THANG', headers: admin })).definition.name).toBe('Báo cáo sơ kết (Thanh Hóa)');
    expect(await ensureDefaultTemplates(t.ctx())).toEqual({ added: 0, updated: 0 });
  });
});
