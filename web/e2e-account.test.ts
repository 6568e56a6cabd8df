// Browser test of the account page (issue 12): on a phone (390 px), a station user changes their own
// password — a wrong current password, a mismatched confirmation and a password the policy refuses
// each get a message in Vietnamese; the change ends their other session and revokes their API token,
// which the page says; then they log out, the old password no longer works and the new one does.
// Also the phone header: one line with "Đăng xuất", the user's name and unit in the burger menu.
// Real server, real database, headless Chromium; screenshot in test-artifacts/account-phone.png.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_DEMO_PASSWORD } from '../src/test/harness.js';
import { ARTIFACTS, browserAvailable, loginPage, startBrowserSession, type BrowserSession } from './e2e-setup.js';

const USER = 'tyt.hoangxuan';
const NEW_PASSWORD = 'Trạm Hoằng Xuân mùa lúa 2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe.skipIf(!browserAvailable)('account page in a browser', () => {
  let session: BrowserSession;
  let base: string;

  beforeAll(async () => {
    session = await startBrowserSession();
    base = session.base;
  }, 300_000);

  /** The message Mantine shows under a form field (its error element, linked by aria-describedby). */
  const fieldError = async (page: Page, testId: string) => {
    const ids = (await page.getByTestId(testId).getAttribute('aria-describedby')) ?? '';
    const id = ids.split(' ').find((x) => x.endsWith('-error'));
    return id ? ((await page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  };

  async function submitPasswords(page: Page, current: string, next: string, confirm = next) {
    await page.getByTestId('password-current').fill(current);
    await page.getByTestId('password-new').fill(next);
    await page.getByTestId('password-confirm').fill(confirm);
    await page.getByTestId('password-submit').click();
  }

  const meStatus = async (headers: Record<string, string>) => (await fetch(`${base}/api/me`, { headers })).status;

  it('changes the password on a phone: Vietnamese messages, other session and API token ended, log in again', async () => {
    const page = await loginPage(session, USER, TEST_DEMO_PASSWORD, PHONE);
    page.setDefaultTimeout(20_000);

    // The phone header stays one line: name, unit and "Đăng xuất" moved into the menu.
    const header = await page.locator('header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(57);
    expect(await page.locator('header [data-testid="logout"]').count()).toBe(0);
    expect(await page.getByTestId('header-user').isVisible()).toBe(false);
    await page.getByTestId('burger').click();
    await expect.poll(() => page.getByTestId('menu-unit').innerText()).toContain('Hoằng Xuân');
    await page.getByTestId('menu-account').click();
    await page.getByTestId('password-form').waitFor();

    // An API token, and a second session of the same user (another device).
    await page.getByTestId('token-name').fill('Máy trạm');
    await page.getByTestId('token-create').click();
    const token = (await page.getByTestId('token-value').innerText()).trim();
    expect(await meStatus({ authorization: `ApiToken ${token}` })).toBe(200);
    const other = await loginPage(session, USER, TEST_DEMO_PASSWORD, PHONE);

    // Nothing typed: each field says it is required, nothing is sent.
    await page.getByTestId('password-submit').click();
    await expect.poll(() => fieldError(page, 'password-current')).toBe('Trường này là bắt buộc');

    // A wrong current password: the server's message under that field.
    await submitPasswords(page, 'sai-mat-khau-1', NEW_PASSWORD);
    await expect.poll(() => fieldError(page, 'password-current')).toBe('Mật khẩu hiện tại không đúng.');

    // The confirmation differs: said before anything is sent.
    await submitPasswords(page, TEST_DEMO_PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    await expect.poll(() => fieldError(page, 'password-confirm')).toBe('Mật khẩu nhập lại không khớp.');

    // Passwords the policy refuses: common, and containing the username.
    await submitPasswords(page, TEST_DEMO_PASSWORD, '12345678');
    await expect.poll(() => fieldError(page, 'password-new')).toBe('Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.');
    expect(await fieldError(page, 'password-current')).toBe('');
    await submitPasswords(page, TEST_DEMO_PASSWORD, `${USER}-2026`);
    await expect.poll(() => fieldError(page, 'password-new')).toBe('Mật khẩu không được chứa tên đăng nhập hoặc mã đơn vị.');

    // Success: the page says what was ended; the fields are emptied.
    await submitPasswords(page, TEST_DEMO_PASSWORD, NEW_PASSWORD);
    await expect
      .poll(() => page.getByTestId('password-done').innerText())
      .toContain('Các phiên đăng nhập khác của bạn đã bị đăng xuất và 1 mã truy cập API đã bị thu hồi.');
    expect(await page.getByTestId('password-current').inputValue()).toBe('');
    // The token shown once at its creation is gone from the page too.
    await expect.poll(() => page.getByTestId('token-created').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'account-phone.png'), fullPage: true });

    // The token and the other session are ended; this session goes on.
    expect(await meStatus({ authorization: `ApiToken ${token}` })).toBe(401);
    await expect.poll(() => page.getByTestId('tokens-table').count()).toBe(0);
    await other.reload();
    await other.getByTestId('login-form').waitFor();
    await page.reload();
    await page.getByTestId('password-form').waitFor();

    // Log out (from the menu on a phone); the old password is refused with the single "wrong credentials" answer, the new one works.
    await page.getByTestId('burger').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').fill(USER);
    await page.getByTestId('login-password').fill(TEST_DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').getAttribute('data-code')).toBe('INVALID_CREDENTIALS');
    expect(await page.getByTestId('login-error').textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await page.getByTestId('login-password').fill(NEW_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
    await page.context().close();
    await other.context().close();
  });

  it('says the same in English', async () => {
    // The password was changed above; the English texts of the form come from en.json.
    const page = await loginPage(session, USER, NEW_PASSWORD, { viewport: { width: 1400, height: 1000 } });
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByTestId('nav-account').click();
    await submitPasswords(page, NEW_PASSWORD, `${NEW_PASSWORD} mới`, `${NEW_PASSWORD} khác`);
    await expect.poll(() => fieldError(page, 'password-confirm')).toBe('The passwords do not match.');
    await submitPasswords(page, 'wrong-password-1', `${NEW_PASSWORD} mới`);
    await expect.poll(() => fieldError(page, 'password-current')).toBe('The current password is wrong.');
    await submitPasswords(page, NEW_PASSWORD, `${NEW_PASSWORD} mới`);
    await expect.poll(() => page.getByTestId('password-done').innerText()).toContain('Your other sessions were signed out. You had no API tokens.');
    await page.context().close();
  });
});
