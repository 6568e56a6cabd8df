// Browser test of a commune station nurse's day (issue: phone shell, offline from the first session,
// "Việc cần làm"): after ONE login the app reloads offline and the form opens from the stored copy;
// a value typed offline is sent when the line returns ("Đã gửi 1 giá trị"); a form returned by the
// centre shows on her landing page with the reason, who and when; at 390×844 the header is one line
// and nothing overflows. Real server and database, headless Chromium; screenshots in test-artifacts/.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { todayVn } from '../src/lib/dates.js';
import { periodOf, previousPeriod } from '../src/lib/periods.js';
import { addDataEntryUser, createFixture, openStations } from '../src/modules/datavalues/test-fixture.repo.js';
import { TEST_DEMO_PASSWORD } from '../src/test/harness.js';
import { apiAs, ARTIFACTS, browserAvailable, startBrowserSession, type BrowserSession } from './e2e-setup.js';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1400, height: 1000 } };
const NURSE = 't.nurse.day';
const current = periodOf('Monthly', todayVn());
const lastMonth = previousPeriod(current);

describe.skipIf(!browserAvailable)('a station nurse on her phone', () => {
  let s: BrowserSession;
  let station: { id: string; code: string; name: string };

  beforeAll(async () => {
    s = await startBrowserSession();
    const db = s.database.db;
    await createFixture(db, TEST_DEMO_PASSWORD);
    const today = todayVn();
    station = (await openStations(db, today))[0]!;
    await addDataEntryUser(db, NURSE, 'Y tá Trạm', station.id, TEST_DEMO_PASSWORD);
  }, 300_000);

  /** Logs in through the login page in a new context; waits for the shell (app name in the header). */
  async function login(options: BrowserContextOptions): Promise<Page> {
    const context = await s.browser.newContext({ locale: 'vi-VN', ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(s.base);
    await page.getByTestId('login-username').fill(NURSE);
    await page.getByTestId('login-password').fill(TEST_DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-name').waitFor();
    return page;
  }

  const apiAsUser = (username: string, method: string, url: string, body?: unknown) => apiAs(s.base, username, method, url, body);

  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it.each([
    ['desktop', DESKTOP, 'Nhập khi mất mạng'],
    ['phone', PHONE, 'Nhập trên điện thoại khi mất mạng'],
  ] as const)('%s: after one login the app reloads offline, the form opens from the stored copy, and a value typed offline is sent when the line returns', async (device, options, typed) => {
    const page = await login(options);
    const context = page.context();
    // Her landing page is "Việc cần làm"; the current month's form is there.
    await page.getByTestId('todo-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/home');
    const item = page.locator(`[data-testid="todo-item"][data-dataset="T_MONTHLY"][data-period="${current.iso}"]`);
    await item.getByTestId('todo-link').click();
    const note = page.getByTestId('cell-T_NOTE-default');
    await note.waitFor();
    // The service worker has installed (the shell is precached) during this first session.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

    await context.setOffline(true);
    await page.reload();
    await note.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('unreachable').count()).toBe(0);
    await page.getByTestId('offline-banner').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, `nurse-offline-reload-${device}.png`), fullPage: true });
    if (device === 'phone') expect(await noSidewaysScroll(page)).toBe(true);

    // A click (a tap) selects what the cell holds: what she types replaces it.
    await note.click();
    await page.keyboard.type(typed);
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByTestId('cell-state-T_NOTE-default').getAttribute('data-state')).toBe('queued');

    // The line returns: within a few seconds the banner goes and the nurse is told the value was sent.
    await context.setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 5_000 });
    const sent = page.getByTestId('outbox-sent');
    await sent.waitFor({ timeout: 5_000 });
    expect(await sent.innerText()).toContain('Đã gửi 1 giá trị');
    await expect.poll(() => page.getByTestId('cell-state-T_NOTE-default').getAttribute('data-state')).toBe('saved');
    await page.screenshot({ path: path.join(ARTIFACTS, `nurse-back-online-${device}.png`), fullPage: true });
    const stored = await s.database.db
      .selectFrom('data_value as v')
      .innerJoin('data_element as e', 'e.iid', 'v.de')
      .select('v.value')
      .where('e.code', '=', 'T_NOTE')
      .where('v.value', '=', typed)
      .executeTakeFirst();
    expect(stored?.value).toBe(typed);

    // Offline again, the landing page reopens from its stored copy too.
    await context.setOffline(true);
    await page.goto(`${s.base}/home`);
    await page.getByTestId('todo-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('todo-offline').waitFor();
    await context.close();
  }, 300_000);

  it('a form the centre returns shows on her landing page with the reason, who and when; the entry page opens on it', async () => {
    // The two months before were completed on time; last month's form is sent back.
    for (const p of [previousPeriod(previousPeriod(lastMonth)), previousPeriod(lastMonth)]) {
      expect((await apiAsUser(NURSE, 'POST', '/api/forms/complete', { dataSet: 'T_MONTHLY', orgUnit: station.id, period: p.iso })).status).toBe(200);
    }
    const form = { dataSet: 'T_MONTHLY', orgUnit: station.id, period: lastMonth.iso };
    expect((await apiAsUser(NURSE, 'POST', '/api/forms/complete', form)).status).toBe(200);
    const ret = await apiAsUser('ttyt.hoanghoa', 'POST', '/api/forms/return', { ...form, comment: 'Thiếu số lượt khám, đề nghị bổ sung' });
    expect(ret.status, ret.body).toBe(200);

    const page = await login(PHONE);
    const returned = page.getByTestId('todo-group-returned');
    await returned.waitFor();
    const card = returned.getByTestId('todo-item');
    expect(await card.count()).toBe(1);
    expect(await card.getAttribute('data-period')).toBe(lastMonth.iso);
    expect(await card.getByTestId('todo-reason').innerText()).toBe('Lý do: Thiếu số lượt khám, đề nghị bổ sung');
    expect(await card.getByTestId('todo-returned-by').innerText()).toMatch(/^ttyt\.hoanghoa trả lại lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'nurse-todo-phone.png'), fullPage: true });

    // The entry page without a period opens on the returned month (the oldest that needs her, not the
    // finished ones before it), marked in the picker.
    await page.goto(`${s.base}/entry?ds=T_MONTHLY`);
    await expect.poll(() => new URL(page.url()).searchParams.get('pe'), { timeout: 20_000 }).toBe(lastMonth.iso);
    expect(await page.getByTestId('entry-period').inputValue()).toContain('bị trả lại');
    expect(await page.getByTestId('entry-unit').inputValue()).toBe(station.name);
    await page.getByTestId('cell-T_NOTE-default').waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.context().close();
  }, 300_000);

  it('at 390×844 the header is one line (burger, name, bell); language and "Đăng xuất" are in the menu; nothing overflows', async () => {
    const page = await login(PHONE);
    await page.getByTestId('todo-page').waitFor();
    const header = (await page.locator('header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(57);
    for (const id of ['burger', 'app-name', 'bell']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.y, id).toBeGreaterThanOrEqual(header.y);
      expect(box.y + box.height, id).toBeLessThanOrEqual(header.y + header.height);
      expect(box.x + box.width, id).toBeLessThanOrEqual(390);
    }
    // Not in the header on a phone.
    expect(await page.locator('header [data-testid="logout"]').count()).toBe(0);
    expect(await page.locator('header [data-testid="lang-switch"]').count()).toBe(0);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'nurse-header-phone.png') });

    await page.getByTestId('burger').click();
    const logout = page.locator('[data-testid="navbar"] [data-testid="logout"]');
    await logout.waitFor();
    await expect.poll(async () => (await logout.boundingBox())!.x).toBeGreaterThanOrEqual(0);
    expect(await logout.innerText()).toBe('Đăng xuất');
    await page.locator('[data-testid="navbar"] [data-testid="lang-switch"]').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'nurse-menu-phone.png') });
    await logout.click();
    await page.getByTestId('login-form').waitFor();
    await page.context().close();
  }, 300_000);
});
