// Browser test of the narrative reports (issue 5): the Hoằng Hóa health centre's administrator creates
// the monthly report of TTYT399 for May 2024 (seed 001), reads seed 001's figures in the live preview,
// writes the shortcomings, saves, downloads the DOCX and finalises; then the Department's administrator
// generates the report of every centre for May 2024 with progress and gets the ZIP. Also: unsaved text
// guarded against in-app navigation, per-field errors, a refused finalise shown in its dialog, the
// reopen reason's minimum, template import/JSON checks, station templates, the server-side period
// filter and download errors shown in the page. Real server, real database, headless Chromium;
// screenshots in test-artifacts/report-editor.png and report-batch.png.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD } from '../src/test/harness.js';
import { ARTIFACTS, browserAvailable, loginPage, startBrowserSession, type BrowserSession } from './e2e-setup.js';

const TEMPLATE = 'BC_TTYT_THANG';

describe.skipIf(!browserAvailable)('narrative reports in a browser', () => {
  let session: BrowserSession;
  let base: string;

  beforeAll(async () => {
    session = await startBrowserSession();
    base = session.base;
  }, 300_000);

  async function loginAs(username: string, password?: string): Promise<Page> {
    const page = await loginPage(session, username, password, { viewport: { width: 1600, height: 1100 }, acceptDownloads: true });
    page.setDefaultTimeout(20_000);
    return page;
  }

  /** The preview iframe's text, spaces normalised (non-breaking spaces read as spaces). */
  const previewText = async (page: Page) =>
    ((await page.frameLocator('[data-testid="report-preview"]').locator('body').textContent()) ?? '').replace(/\s+/g, ' ');

  async function choosePeriod(page: Page, prefix: string, kind: string, sub: string, year: string) {
    await page.getByTestId(`${prefix}-kind`).selectOption(kind);
    await page.getByTestId(`${prefix}-sub`).selectOption(sub);
    await page.getByTestId(`${prefix}-year`).selectOption(year);
  }

  it('TTYT399, May 2024: seed 001 figures in the preview, free text saved, DOCX, finalised', async () => {
    const page = await loginAs('ttyt.hoanghoa');
    await page.getByTestId('nav-reports').click();
    await page.waitForURL(`${base}/reports`);

    // "Tạo báo cáo": template, the user's own centre (preselected), May 2024.
    await page.getByTestId('reports-new').click();
    await page.getByTestId('reports-template').selectOption(TEMPLATE);
    await choosePeriod(page, 'reports-period', 'Monthly', '5', '2024');
    expect(await page.getByTestId('reports-period').getAttribute('data-period')).toBe('202405');
    expect(await page.getByTestId('reports-unit').inputValue()).toContain('Hoằng Hóa');
    await page.getByTestId('reports-create').click();
    await page.waitForURL(/\/reports\/(?!templates$|batch$)[^/]+$/);
    await page.getByTestId('report-editor').waitFor();
    expect(await page.getByTestId('report-status').first().textContent()).toBe('Bản nháp');

    // The live preview carries seed 001's figures, written the Vietnamese way.
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain('235');
    const text = await previewText(page);
    expect(text).toContain('509.591');
    expect(text).toContain('đạt 8,7 % kế hoạch');
    expect(text).not.toMatch(/NaN|undefined/);

    // The shortcomings are typed; leaving through the menu or a link asks first, and refusing keeps
    // the page and the text.
    const typed = 'Tỷ lệ tiêm chủng đầy đủ còn thấp do thiếu vắc xin trong tháng 5.';
    await page.getByTestId('report-free-shortcomings').fill(typed);
    const editorUrl = page.url();
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.getByTestId('nav-reports').click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('chưa lưu');
    await page.getByRole('link', { name: /Danh sách báo cáo/ }).click();
    await expect.poll(() => asked.length).toBe(2);
    expect(page.url()).toBe(editorUrl);
    expect(await page.getByTestId('report-free-shortcomings').inputValue()).toBe(typed);

    // The action bar stays at the top of the content while the page scrolls.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const bar = await page.getByTestId('report-actions').boundingBox();
    expect(bar!.y).toBeGreaterThanOrEqual(50);
    expect(bar!.y).toBeLessThan(70);
    expect(await page.getByTestId('report-save').isVisible()).toBe(true);

    // "Số văn bản" takes at most 20 characters; a longer one that reaches the server (here with the
    // limit taken off the input) is refused with the message next to the field.
    const numberInput = page.getByTestId('report-number');
    await numberInput.fill('1'.repeat(25));
    expect((await numberInput.inputValue()).length).toBe(20);
    expect(await page.getByTestId('report-signer').getAttribute('maxlength')).toBe('100');
    await numberInput.evaluate((el) => el.removeAttribute('maxlength'));
    await numberInput.fill('1'.repeat(25));
    await page.getByTestId('report-save').click();
    await page.getByTestId('report-save-error').waitFor();
    await expect.poll(() => numberInput.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('report-editor').textContent()).toContain('Quá dài.');

    // Put right and saved as a draft: the shortcomings appear in the preview.
    await numberInput.fill('15');
    await page.getByTestId('report-save').click();
    await page.getByTestId('report-saved').waitFor();
    expect(await numberInput.getAttribute('aria-invalid')).not.toBe('true');
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain(typed);
    // Saved: leaving no longer asks (checked at the end, when the page goes to the list).

    // Someone else saves meanwhile (through the API, as another tab would): the next save here is
    // refused with "Người khác đã lưu…" and "Tải lại" brings their version.
    const editor = page.getByTestId('report-editor');
    const version = Number(await editor.getAttribute('data-version'));
    const id = page.url().split('/').pop()!;
    const me = (await (await page.request.get(`${base}/api/me`)).json()) as { csrfToken: string };
    const theirs = `${typed} Bổ sung của đồng nghiệp.`;
    const put = await page.request.put(`${base}/api/reports/${id}`, {
      data: { texts: { shortcomings: theirs }, version },
      headers: { 'X-CSRF-Token': me.csrfToken },
    });
    expect(put.status()).toBe(200);
    await page.getByTestId('report-free-shortcomings').fill(`${typed} Bản của tôi.`);
    await page.getByTestId('report-save').click();
    await page.getByTestId('report-conflict').waitFor();
    expect(await page.getByTestId('report-conflict').textContent()).toContain('Người khác đã lưu');
    await page.getByTestId('report-reload').click();
    await expect.poll(() => editor.getAttribute('data-version')).toBe(String(version + 1));
    expect(await page.getByTestId('report-free-shortcomings').inputValue()).toBe(theirs);
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain(theirs);

    // "Tải DOCX": a Word file (a zip), named by the server.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = path.join(ARTIFACTS, 'report-editor.docx');
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');

    // Someone saves once more before "Hoàn thành" is confirmed: the refusal shows inside the dialog
    // with "Tải lại", which closes it and brings the newer version.
    const v2 = Number(await editor.getAttribute('data-version'));
    const put2 = await page.request.put(`${base}/api/reports/${id}`, {
      data: { texts: { shortcomings: theirs }, version: v2 },
      headers: { 'X-CSRF-Token': me.csrfToken },
    });
    expect(put2.status()).toBe(200);
    await page.getByTestId('report-finalise').click();
    await page.getByTestId('report-finalise-confirm').click();
    const finaliseError = page.getByTestId('report-finalise-error');
    await finaliseError.waitFor();
    expect(await finaliseError.getAttribute('data-conflict')).toBe('true');
    expect(await finaliseError.isVisible()).toBe(true);
    await page.getByTestId('report-finalise-error-reload').click();
    await expect.poll(() => page.getByTestId('report-finalise-dialog').count()).toBe(0);
    await expect.poll(() => editor.getAttribute('data-version')).toBe(String(v2 + 1));
    expect(await editor.getAttribute('data-status')).toBe('draft');

    // "Hoàn thành" after the confirm dialog: the figures are frozen, nothing differs yet.
    await page.getByTestId('report-finalise').click();
    await page.getByTestId('report-finalise-confirm').click();
    await expect.poll(() => page.getByTestId('report-editor').getAttribute('data-status')).toBe('final');
    expect(await page.getByTestId('report-status').first().textContent()).toBe('Đã hoàn thành');
    expect(await page.getByTestId('report-free-shortcomings').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('report-save').count()).toBe(0);
    await page.getByTestId('report-reopen').waitFor();
    expect(((await page.getByTestId('report-no-differences').textContent()) ?? '').trim()).toBe('Không có chênh lệch');

    // "Mở lại" needs a reason of at least 3 characters, and says so.
    await page.getByTestId('report-reopen').click();
    const reopenDialog = page.getByTestId('report-reopen-dialog');
    expect(await reopenDialog.textContent()).toContain('ít nhất 3 ký tự');
    await page.getByTestId('report-reopen-reason').fill('ab');
    expect(await page.getByTestId('report-reopen-confirm').isDisabled()).toBe(true);
    await page.getByTestId('report-reopen-reason').fill('Sửa số');
    expect(await page.getByTestId('report-reopen-confirm').isEnabled()).toBe(true);
    await reopenDialog.getByRole('button', { name: 'Hủy' }).click();
    await expect.poll(() => reopenDialog.count()).toBe(0);
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain(typed);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-editor.png') });

    // Nothing unsaved: the menu leaves without asking. The list shows the report as final.
    const before = asked.length;
    await page.getByTestId('nav-reports').click();
    await page.waitForURL(`${base}/reports`);
    expect(asked.length).toBe(before);
    const table = page.getByTestId('reports-table');
    await table.waitFor();
    expect(await table.textContent()).toContain('Đã hoàn thành');
  }, 180_000);

  it('batch for every centre of the province, May 2024: progress to done/total and the ZIP', async () => {
    const page = await loginAs('syt.admin');
    await page.goto(`${base}/reports/batch`);
    await page.getByTestId('batch-template').selectOption(TEMPLATE);
    await choosePeriod(page, 'batch-period', 'Monthly', '5', '2024');
    expect(await page.getByTestId('batch-period').getAttribute('data-period')).toBe('202405');
    expect(await page.getByTestId('batch-parent').inputValue()).not.toBe('');
    await page.getByTestId('batch-start').click();

    const progress = page.getByTestId('batch-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 90_000, interval: 500 }).toBe('done');
    const total = Number(await progress.getAttribute('data-total'));
    expect(total).toBeGreaterThan(1);
    expect(Number(await progress.getAttribute('data-done'))).toBe(total);
    expect(((await page.getByTestId('batch-count').textContent()) ?? '').trim()).toBe(`${total}/${total} đơn vị`);
    expect(await page.getByTestId('batch-errors').count()).toBe(0);

    // "Tải tất cả (ZIP)" and a link to each report (TTYT399's final one among them).
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-download').click()]);
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    const zipFile = path.join(ARTIFACTS, 'report-batch.zip');
    await zip.saveAs(zipFile);
    expect(fs.readFileSync(zipFile).subarray(0, 2).toString('latin1')).toBe('PK');
    await expect.poll(() => page.locator('[data-testid^="batch-report-"]').count()).toBe(total);
    await expect.poll(async () => (await page.getByTestId('batch-reports').textContent()) ?? '').toContain('Hoằng Hóa');
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-batch.png'), fullPage: true });
  }, 180_000);

  it('template editor: an unknown code in a block is reported with its place and the block highlighted', async () => {
    const page = await loginAs('admin', TEST_ADMIN_PASSWORD);
    await page.goto(`${base}/reports/templates`);
    await page.getByTestId(`templates-row-${TEMPLATE}`).getByRole('link').click();
    await page.getByTestId('template-editor').waitFor();
    expect(await page.getByTestId('template-code').inputValue()).toBe(TEMPLATE);

    // The unchanged built-in template is valid.
    await page.getByTestId('template-validate').click();
    await page.getByTestId('template-message').waitFor();
    expect(await page.getByTestId('template-issue').count()).toBe(0);

    // A text block with an unknown data element: "Kiểm tra" names the block and marks it.
    const text = page.locator('[data-testid^="template-block-text-"]').first();
    const index = Number((await text.getAttribute('data-testid'))!.split('-').pop());
    await text.fill(`${await text.inputValue()} {{value KHONG_CO_MA}}`);
    await page.getByTestId('template-validate').click();
    await page.getByTestId('template-issues').waitFor();
    const issues = (await page.getByTestId('template-issues').textContent()) ?? '';
    expect(issues).toContain(`blocks[${index}]`);
    expect(issues).toContain('KHONG_CO_MA');
    expect(await page.getByTestId(`template-block-${index}`).getAttribute('data-invalid')).toBe('true');
    await page.getByTestId(`template-block-${index}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-template.png') });

    // Put the text right and save: a new version of the template, listed among its versions.
    await text.fill((await text.inputValue()).replace(' {{value KHONG_CO_MA}}', ''));
    await page.getByTestId('template-save').click();
    await page.getByTestId('template-message').waitFor();
    expect(await page.getByTestId('template-message').textContent()).toBe('Đã lưu phiên bản 2.');
    expect(await page.getByTestId('template-issues').count()).toBe(0);
    await expect.poll(() => page.getByTestId('template-versions').locator('tr').count()).toBe(2);

    // A table's columns that are not valid JSON stop "Kiểm tra" and "Lưu", naming the block.
    await page.getByTestId('template-add-table').click();
    const columns = page.locator('[data-testid^="template-columns-"]').last();
    const tableIndex = Number((await columns.getAttribute('data-testid'))!.split('-').pop());
    await columns.fill('[{"label": "Tháng", ');
    await page.getByTestId('template-validate').click();
    await page.getByTestId('template-save-error').waitFor();
    expect(await page.getByTestId('template-save-error').textContent()).toContain(`khối ${tableIndex + 1}`);
    expect(await page.getByTestId(`template-block-${tableIndex}`).getAttribute('data-bad-json')).toBe('true');
    await page.getByTestId('template-save').click();
    expect(await page.getByTestId('template-message').count()).toBe(0);
    expect(await page.getByTestId('template-versions').locator('tr').count()).toBe(2);
    // The block removed, nothing blocks "Kiểm tra" any more.
    await page.getByTestId(`template-delete-${tableIndex}`).click();
    await page.getByTestId('template-validate').click();
    await page.getByTestId('template-message').waitFor();
    expect(await page.getByTestId('template-save-error').count()).toBe(0);
    expect(await page.getByTestId('template-unsaved').count()).toBe(0);

    // Importing a file that is not a template says so; the editor stays.
    const fileInput = page.locator('input[type="file"]');
    const json = (v: unknown) => ({ name: 'mau.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(v)) });
    await fileInput.setInputFiles(json([1, 2, 3]));
    await expect.poll(async () => (await page.getByTestId('template-save-error').textContent()) ?? '').toContain('không phải là mẫu báo cáo');
    await fileInput.setInputFiles(json({ code: 'BC_THIEU', name: 'Thiếu khối' }));
    await expect.poll(async () => (await page.getByTestId('template-save-error').textContent()) ?? '').toContain('blocks');
    expect(await page.getByTestId('template-code').inputValue()).toBe(TEMPLATE);

    // A partial template (code, name, blocks only) takes the default header, signature and recipients,
    // is saved as a new template and opened, without a crash and without an "unsaved" question.
    await fileInput.setInputFiles(json({ code: 'BC_NHAP_THU', name: 'Mẫu nhập thử', blocks: [{ type: 'text', text: 'Báo cáo {{unit}} {{period}}.' }] }));
    await page.waitForURL(`${base}/reports/templates/BC_NHAP_THU`);
    await page.getByTestId('template-editor').waitFor();
    await expect.poll(() => page.getByTestId('template-code').inputValue()).toBe('BC_NHAP_THU');
    expect(await page.getByLabel('Cơ quan chủ quản').inputValue()).toBe('{{parent upper=yes}}');
    expect(await page.getByLabel('Nơi nhận').inputValue()).toContain('Lưu: VT');
    expect(await page.getByTestId('reports-crash').count()).toBe(0);
  }, 120_000);

  it('a station user (tyt.hoangloc) is offered only station templates in "Tạo báo cáo"', async () => {
    const page = await loginAs('tyt.hoangloc');
    await page.goto(`${base}/reports`);
    await page.getByTestId('reports-new').click();
    const offered = () =>
      page.getByTestId('reports-template').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await expect.poll(offered).not.toContain('BC_TTYT_THANG');
    const codes = await offered();
    expect(codes).toContain('BC_TYT_THANG');
    expect(codes).not.toContain('BC_SYT_6THANG');
    await page.getByTestId('reports-template-filtered').waitFor();
  }, 60_000);

  it('a viewer (syt.xem): the period filter goes to the server; a report read-only; a download error shows in the page', async () => {
    const page = await loginAs('syt.xem');
    await page.goto(`${base}/reports`);
    await page.getByTestId('reports-table').waitFor();
    expect(await page.getByTestId('reports-new').count()).toBe(0);

    // Any period can be typed as people write it ("4/2024") or as an id; it is sent as ?period=…; a
    // malformed one is refused in place.
    const periodFilter = page.getByTestId('reports-filter-period');
    await periodFilter.fill('2024-05');
    await expect.poll(async () => (await page.textContent('body')) ?? '').toContain('Chưa hiểu kỳ này');
    const april = page.waitForRequest((r) => r.url().includes('/api/reports?') && new URL(r.url()).searchParams.get('period') === '202404');
    await periodFilter.fill('tháng 4/2024');
    await april;
    await page.getByTestId('reports-empty').waitFor();
    const may = page.waitForRequest((r) => r.url().includes('/api/reports?') && new URL(r.url()).searchParams.get('period') === '202405');
    await periodFilter.fill('202405');
    await may;
    await page.getByTestId('reports-table').waitFor();
    expect(await page.getByTestId('reports-table').textContent()).toContain('Hoằng Hóa');

    await page.getByTestId('reports-table').getByRole('link').first().click();
    await page.getByTestId('report-editor').waitFor();
    await page.getByTestId('report-download-docx').waitFor();
    expect(await page.getByTestId('report-save').count()).toBe(0);
    expect(await page.getByTestId('report-finalise').count()).toBe(0);
    const free = page.locator('[data-testid^="report-free-"]').first();
    expect(await free.getAttribute('readonly')).not.toBeNull();

    // The session ends (another tab logged out): "Tải DOCX" shows the server's message in the page
    // instead of saving the error reply as a file.
    const me = (await (await page.request.get(`${base}/api/me`)).json()) as { csrfToken: string };
    expect((await page.request.post(`${base}/api/auth/logout`, { headers: { 'X-CSRF-Token': me.csrfToken } })).status()).toBe(204);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByTestId('report-download-docx').click();
    const downloadError = page.getByTestId('report-download-error');
    await downloadError.waitFor();
    expect(((await downloadError.textContent()) ?? '').length).toBeGreaterThan(10);
    expect(downloads).toBe(0);
  }, 60_000);
});
