// Browser test of the narrative reports (issue 5): the Hoằng Hóa health centre's administrator creates
// the monthly report of TTYT399 for May 2024 (seed 001), reads seed 001's figures in the live preview,
// writes the shortcomings, saves, downloads the DOCX and finalises; then the Department's administrator
// generates the report of every centre for May 2024 with progress and gets the ZIP. Real server, real
// database, headless Chromium; screenshots in test-artifacts/report-editor.png and report-batch.png.
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

    // The shortcomings, typed and saved as a draft, appear in the preview.
    const typed = 'Tỷ lệ tiêm chủng đầy đủ còn thấp do thiếu vắc xin trong tháng 5.';
    await page.getByTestId('report-free-shortcomings').fill(typed);
    await page.getByTestId('report-save').click();
    await page.getByTestId('report-saved').waitFor();
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain(typed);

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

    // "Tải DOCX": a Word file (a zip).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = path.join(ARTIFACTS, 'report-editor.docx');
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');

    // "Hoàn thành" after the confirm dialog: the figures are frozen, nothing differs yet.
    await page.getByTestId('report-finalise').click();
    await page.getByTestId('report-finalise-confirm').click();
    await expect.poll(() => page.getByTestId('report-editor').getAttribute('data-status')).toBe('final');
    expect(await page.getByTestId('report-status').first().textContent()).toBe('Đã hoàn thành');
    expect(await page.getByTestId('report-free-shortcomings').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('report-save').count()).toBe(0);
    await page.getByTestId('report-reopen').waitFor();
    expect(((await page.getByTestId('report-no-differences').textContent()) ?? '').trim()).toBe('Không có chênh lệch');
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain(typed);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-editor.png') });

    // The list shows the report as final.
    await page.goto(`${base}/reports`);
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
    const link = page.getByTestId('batch-download');
    await link.waitFor();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/\/api\/reports\/batch\/.+\/download$/);
    const zip = await page.request.get(`${base}${href}`);
    expect(zip.status()).toBe(200);
    expect((await zip.body()).subarray(0, 2).toString('latin1')).toBe('PK');
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
  }, 120_000);

  it('a viewer (syt.xem) opens a report read-only', async () => {
    const page = await loginAs('syt.xem');
    await page.goto(`${base}/reports`);
    await page.getByTestId('reports-table').waitFor();
    expect(await page.getByTestId('reports-new').count()).toBe(0);
    await page.getByTestId('reports-table').getByRole('link').first().click();
    await page.getByTestId('report-editor').waitFor();
    await page.getByTestId('report-download-docx').waitFor();
    expect(await page.getByTestId('report-save').count()).toBe(0);
    expect(await page.getByTestId('report-finalise').count()).toBe(0);
    const free = page.locator('[data-testid^="report-free-"]').first();
    expect(await free.getAttribute('readonly')).not.toBeNull();
  }, 60_000);
});
