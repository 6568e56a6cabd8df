// Browser test of the equipment register (issue 15): on a 390×844 phone a station's nurse opens an
// asset from its label's address (logged out first: after logging in she lands on the asset), reports
// it broken with a photo from the camera input, and sees the report in the asset's history; on a
// desktop the centre imports its Excel register with one bad row, confirms the rest and finds them in
// the list. Real server and database, headless Chromium; screenshots in test-artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { TEST_DEMO_PASSWORD } from '../src/test/harness.js';
import { apiAs, ARTIFACTS, browserAvailable, startBrowserSession, type BrowserSession } from './e2e-setup.js';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const NURSE = 'tyt.hoangloc'; // Trạm Y tế Hoằng Lộc (TYT15961), under TTYT399
const TAG = 'TYT15961-HUT-01';
const DOCS = path.resolve('docs');

/** A small photo (a 16 × 16 PNG) as the camera would give it. */
function photo(): Buffer {
  const png = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 40, 40, 255], i);
  return PNG.sync.write(png);
}

/** A centre's register as it keeps it in Excel: a title, the header on row 3, one bad row. */
async function register(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ thiết bị');
  ws.addRow(['SỔ THEO DÕI TRANG THIẾT BỊ Y TẾ NĂM 2024']);
  ws.addRow([]);
  ws.addRow(['STT', 'Tên thiết bị', 'Mã', 'Model', 'Số serial', 'Nước sản xuất', 'Ngày đưa vào sử dụng', 'Số lượng', 'Đơn giá', 'Khoa, phòng', 'Tình trạng']);
  ws.addRow([1, 'Máy điện tim 6 cần Nihon Kohden', 'TTYT399-ECG-E2E', 'ECG-1250K', 'NK-E2E-01', 'Nhật Bản', '12/05/2021', 1, '68.500.000', 'Khoa Khám bệnh', 'Đang sử dụng']);
  ws.addRow([2, 'Máy siêu âm tổng quát Mindray', 'TTYT399-SA-E2E', 'DC-30', 'MR-E2E-02', 'Trung Quốc', '03/09/2019', 1, '950.000.000', 'Khoa Chẩn đoán hình ảnh', 'Tốt']);
  ws.addRow([3, 'Máy hút dịch Yuwell', '', '7E-A', 'YW-E2E-03', 'Trung Quốc', 'hôm qua', 1, 'mười triệu', 'Khoa Cấp cứu', 'Hỏng']);
  ws.addRow([4, 'Nồi hấp tiệt trùng 50 lít', 'TTYT399-AUTO-E2E', 'YX-50', 'AC-E2E-04', 'Trung Quốc', 2018, 1, 42_000_000, 'Khoa Kiểm soát nhiễm khuẩn', 'Đang sử dụng']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.skipIf(!browserAvailable)('the equipment register in the browser', () => {
  let s: BrowserSession;
  let assetId: string;

  beforeAll(async () => {
    s = await startBrowserSession();
    const r = await apiAs(s.base, 'ttyt.hoanghoa', 'POST', '/api/equipment/assets', {
      tag: TAG, name: 'Máy hút dịch Yuwell 7E-A', orgUnit: 'TYT15961', room: 'Phòng cấp cứu', category: 'SUCTION', make: 'Yuwell', model: '7E-A',
      serial: 'YW2021-0457', acquired: '2021-03-15', cost: 12_500_000, funding: 'ngan_sach',
    });
    expect(r.status, r.body).toBe(201);
    assetId = JSON.parse(r.body).id;
    fs.mkdirSync(DOCS, { recursive: true });
  }, 300_000);

  /** Waits for the preview; an error shown instead fails with its text. */
  async function previewOrError(page: Page) {
    await page.locator('[data-testid="import-preview"], [data-testid="import-error"]').first().waitFor();
    const error = page.getByTestId('import-error');
    if (await error.count()) throw new Error(`import error: ${await error.innerHTML()}`);
  }

  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('phone: the label address opens the asset after logging in; a breakdown with a photo lands in its history', async () => {
    const context = await s.browser.newContext({ locale: 'vi-VN', ...PHONE });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    // Scanned while logged out: the login page, at the label's address.
    await page.goto(`${s.base}/equipment/tag/${TAG}`);
    await page.getByTestId('login-username').fill(NURSE);
    await page.getByTestId('login-password').fill(TEST_DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    // After logging in she is on the asset, not on her landing page.
    const asset = page.getByTestId('asset-page');
    await asset.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/equipment/assets/${assetId}`);
    expect(await asset.getAttribute('data-tag')).toBe(TAG);
    expect(await page.getByTestId('asset-name').innerText()).toBe('Máy hút dịch Yuwell 7E-A');
    expect(await page.getByTestId('asset-status').innerText()).toBe('Đang sử dụng');
    // Money in vi-VN.
    expect(await asset.getByTestId('asset-value').innerText()).toContain('12.500.000 đ');
    // The centre edits; the station does not.
    expect(await page.getByTestId('asset-edit').count()).toBe(0);
    expect(await noSidewaysScroll(page)).toBe(true);

    await page.getByTestId('breakdown-open').click();
    const form = page.getByTestId('breakdown-form');
    await page.getByTestId('breakdown-fault').fill('Máy không hút được, động cơ kêu to');
    const input = form.locator('input[type="file"]');
    expect(await input.getAttribute('accept')).toBe('image/*');
    expect(await input.getAttribute('capture')).toBe('environment');
    await input.setInputFiles({ name: 'may-hut-dich.png', mimeType: 'image/png', buffer: photo() });
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-breakdown-form-phone.png'), fullPage: true });
    await page.getByTestId('breakdown-submit').click();
    await page.locator('[data-testid="breakdown-done"], [data-testid="breakdown-error"]').first().waitFor();
    if (await page.getByTestId('breakdown-error').count()) throw new Error(`breakdown error: ${await page.getByTestId('breakdown-error').innerHTML()}`);

    // The status, the photo and the history say it, in words.
    await expect.poll(() => page.getByTestId('asset-status').innerText()).toBe('Hỏng – chờ sửa');
    await page.getByTestId('asset-photo').first().waitFor();
    const report = page.locator('[data-testid="history-item"][data-action="workorder.report"]');
    await report.waitFor();
    expect(await report.innerText()).toContain('Báo hỏng: Máy không hút được, động cơ kêu to');
    expect(await report.innerText()).toMatch(/tyt\.hoangloc · \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const file = page.locator('[data-testid="history-item"][data-action="file"]');
    expect(await file.innerText()).toContain('Thêm ảnh "may-hut-dich.png"');
    // No field codes in the history.
    const history = await page.getByTestId('asset-history').innerText();
    expect(history).not.toMatch(/workorder|category_code|org_unit_id|in_use|broken/);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-asset-phone.png'), fullPage: true });
    fs.copyFileSync(path.join(ARTIFACTS, 'equipment-asset-phone.png'), path.join(DOCS, 'screenshot-equipment-phone.png'));

    // Her station's list on the phone: cards, the broken pump among them.
    await page.goto(`${s.base}/equipment`);
    const card = page.locator(`[data-testid="equipment-card"][data-tag="${TAG}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain('Hỏng – chờ sửa');
    expect(await card.innerText()).toContain('Phòng cấp cứu');
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-list-phone.png'), fullPage: true });
    await context.close();
  }, 300_000);

  it('desktop: the centre imports its Excel register with one bad row, confirms the rest and finds them in the list', async () => {
    const context = await s.browser.newContext({ locale: 'vi-VN', ...DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${s.base}/equipment/import`);
    await page.getByTestId('login-username').fill('ttyt.hoanghoa');
    await page.getByTestId('login-password').fill(TEST_DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    const importPage = page.getByTestId('import-page');
    await importPage.waitFor();
    // The unit is hers by default.
    expect(await page.getByTestId('import-unit').inputValue()).toContain('Hoằng Hóa');
    await importPage.locator('input[type="file"]').setInputFiles({
      name: 'so-thiet-bi-ttyt-hoang-hoa.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await register(),
    });
    await page.getByTestId('import-read').click();
    await previewOrError(page);

    // Exactly the bad row, with its reasons in Vietnamese.
    const bad = page.getByTestId('import-error-row');
    expect(await bad.count()).toBe(1);
    expect(await bad.getAttribute('data-row')).toBe('6');
    const reasons = await bad.innerText();
    expect(reasons).toContain('Nguyên giá "mười triệu" không phải là số tiền.');
    expect(reasons).toContain('Ngày đưa vào sử dụng "hôm qua" không đọc được');
    expect(await page.getByTestId('import-row').count()).toBe(3);
    // "Khoa, phòng" holds the centre's wards: kept as the room.
    expect(await page.getByTestId('import-rows').innerText()).toContain('Khoa Chẩn đoán hình ảnh');
    expect(await page.getByTestId('import-summary').innerText()).toContain('3 thiết bị sẽ ghi, 0 đã có, 1 dòng lỗi');
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-import-preview-desktop.png'), fullPage: true });
    fs.copyFileSync(path.join(ARTIFACTS, 'equipment-import-preview-desktop.png'), path.join(DOCS, 'screenshot-equipment-import.png'));

    await page.getByTestId('import-confirm').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-written').innerText()).toBe('Đã ghi 3 thiết bị vào sổ.');
    expect(await page.getByTestId('import-result-refused').innerText()).toContain('Dòng 6 (Máy hút dịch Yuwell)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-import-done-desktop.png'), fullPage: true });

    await page.getByTestId('import-to-list').click();
    await page.getByTestId('equipment-table').waitFor();
    await page.getByTestId('equipment-search').fill('E2E');
    for (const tag of ['TTYT399-ECG-E2E', 'TTYT399-SA-E2E', 'TTYT399-AUTO-E2E']) {
      await page.locator(`[data-testid="equipment-row"][data-tag="${tag}"]`).waitFor();
    }
    const row = await page.locator('[data-testid="equipment-row"][data-tag="TTYT399-SA-E2E"]').innerText();
    expect(row).toContain('950.000.000 đ');
    expect(row).toContain('Khoa Chẩn đoán hình ảnh');
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-list-desktop.png'), fullPage: true });

    // The same file again writes nothing new.
    await page.goto(`${s.base}/equipment/import`);
    await page.getByTestId('import-page').locator('input[type="file"]').setInputFiles({
      name: 'so-thiet-bi-ttyt-hoang-hoa.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await register(),
    });
    await page.getByTestId('import-read').click();
    await previewOrError(page);
    expect(await page.getByTestId('import-existing').count()).toBe(3);
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await context.close();
  }, 300_000);
});
