// Browser test: the real web app, served by the real server on a real database, in headless Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../src/cli/runtime.js';
import { loadConfig } from '../src/core/config.js';
import { buildApp, WEB_DIST } from '../src/server/app.js';
import { freshDatabase, TEST_DEMO_PASSWORD } from '../src/test/harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
// Without Chromium the test cannot run; on CI that is a failure, elsewhere a visible skip.
const available = fs.existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: .ci/run must install it`);

describe.skipIf(!available)('web app in a browser', () => {
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    expect(ensureWebBuilt(() => {})).toBe(true);
    const database = await freshDatabase();
    const app = await buildApp({ store: database.store, config: loadConfig({ SOYTE_LOG_LEVEL: 'silent' }), webDist: WEB_DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
    afterAll(() => app.close());
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows a clear message for a wrong password', async () => {
    await page.goto(base);
    await page.getByTestId('login-username').fill('ttyt.hoanghoa');
    await page.getByTestId('login-password').fill('sai-mat-khau1');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
  });

  it('a health-centre user sees their centre, its stations before and after the reform, and finds a station', async () => {
    await page.getByTestId('login-password').fill(TEST_DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-orgunits').click();
    await page.getByTestId('ou-node-TTYT399').click();
    await expect.poll(() => page.getByTestId('ou-details-title').textContent()).toContain('Trung tâm Y tế huyện Hoằng Hóa');
    // Today: only the post-reform stations; as of 30/06/2025: the 36 former communes.
    const stationsShown = () => page.locator('[data-testid^="ou-node-TYT"]').count();
    await expect.poll(stationsShown).toBeGreaterThan(0);
    const today = await stationsShown();
    await page.getByTestId('ou-asof-reference').click();
    await expect.poll(stationsShown).toBe(36);
    expect(today).toBeLessThan(36);
    await page.getByTestId('ou-search').fill('hoang xuan');
    await page.getByTestId('ou-search-hit-TYT15877').click();
    await expect.poll(() => page.getByTestId('ou-details-title').textContent()).toContain('Hoằng Xuân');
    await page.screenshot({ path: path.join(ARTIFACTS, 'orgunits.png'), fullPage: false });
    // No other centre appears for this user.
    expect(await page.locator('[data-testid="ou-node-TTYT380"]').count()).toBe(0);
  });

  it('switches the interface to English', async () => {
    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('logout').innerText()).toBe('Sign out');
    await page.getByTestId('lang-switch').getByText('VI').click();
    await expect.poll(() => page.getByTestId('logout').innerText()).toBe('Đăng xuất');
  });
});
