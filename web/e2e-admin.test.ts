// Browser test: the metadata administration and the plans page on the demo template (default
// package, Hoằng Hóa's 2024 data and plans), in headless Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../src/cli/runtime.js';
import { loadConfig } from '../src/core/config.js';
import { buildApp, WEB_DIST } from '../src/server/app.js';
import { freshDatabase, TEST_ADMIN_PASSWORD, TEST_DEMO_PASSWORD } from '../src/test/harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
const available = fs.existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: .ci/run must install it`);

describe.skipIf(!available)('metadata and plans in a browser', () => {
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    expect(ensureWebBuilt(() => {})).toBe(true);
    const database = await freshDatabase();
    const app = await buildApp({ store: database.store, config: loadConfig({ SOYTE_LOG_LEVEL: 'silent' }), webDist: WEB_DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
    afterAll(() => app.close());
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function loggedIn(username: string, password: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
    await page.goto(base);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-metadata').waitFor();
    return page;
  }

  it('an administrator finds an indicator and gets the place of an unknown code in its formula', async () => {
    const page = await loggedIn('admin', TEST_ADMIN_PASSWORD);
    await page.getByTestId('nav-metadata').click();
    await page.getByTestId('meta-tabbtn-indicators').click();
    await page.getByTestId('meta-search-indicators').fill('gioi tinh khi sinh'); // tone marks optional
    await page.getByTestId('meta-edit-IND_SEX_RATIO_BIRTH').click();
    const numerator = page.getByTestId('meta-field-numerator');
    await expect.poll(() => numerator.inputValue()).toBe('#{FP_BIRTHS.MALE}');
    await numerator.fill('#{FP_BIRTHS.MALE} + #{KHONG_CO}');
    await page.getByTestId('modal-submit').click();
    await expect.poll(() => page.getByText(/Không có phần tử dữ liệu KHONG_CO \(vị trí \d+\)/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'metadata-indicator-error.png') });
    await page.close();
  });

  it('a station user sees the metadata read-only', async () => {
    const page = await loggedIn('tyt.hoangxuan', TEST_DEMO_PASSWORD);
    await page.getByTestId('nav-metadata').click();
    await page.getByTestId('meta-readonly').waitFor();
    expect(await page.getByTestId('meta-create-dataElements').count()).toBe(0);
    await page.close();
  });

  it('the health centre sees May 2024 against its annual plan as the monthly report states it (307 → 8,7 %)', async () => {
    const page = await loggedIn('ttyt.hoanghoa', TEST_DEMO_PASSWORD);
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plans-year').click();
    await page.getByRole('option', { name: '2024', exact: true }).click();
    await page.getByTestId('plans-tab-progress').click();
    await page.getByTestId('plans-month').click();
    await page.getByRole('option', { name: /^Tháng 5\b/ }).click();
    const row = page.getByTestId('plans-progress-row-EPI_FULL_U1');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('8,7');
    expect(await row.textContent()).toContain('3.521');
    await page.screenshot({ path: path.join(ARTIFACTS, 'plans-progress.png') });
    await page.close();
  });
});
