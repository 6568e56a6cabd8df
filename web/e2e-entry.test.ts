// Browser test of data entry: a station nurse fills a monthly form with the keyboard, sees a
// validation message, fixes it, keeps typing while offline, completes the form; the health centre's
// approver approves it. Real server, real database, headless Chromium; screenshots in test-artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../src/cli/runtime.js';
import { loadConfig } from '../src/core/config.js';
import type { Database } from '../src/db/connection.js';
import { todayVn } from '../src/lib/dates.js';
import { addDataEntryUser, createFixture, openStations } from '../src/modules/datavalues/test-fixture.repo.js';
import { buildApp, WEB_DIST } from '../src/server/app.js';
import { freshDatabase, TEST_DEMO_PASSWORD } from '../src/test/harness.js';
import { apiAs } from './e2e-setup.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
const available = fs.existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: .ci/run must install it`);

/** Last month as an ISO period (always open for the fixture's data set, never in the future). */
function lastMonth(): string {
  const [y, m] = todayVn().split('-').map(Number) as [number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  return `${year}${String(month).padStart(2, '0')}`;
}

describe.skipIf(!available)('data entry in a browser', () => {
  let browser: Browser;
  let base: string;
  let database: Database;
  let station: { id: string; code: string; name: string };
  const period = lastMonth();
  const nurse = 't.entry.nurse';

  beforeAll(async () => {
    expect(ensureWebBuilt(() => {})).toBe(true);
    database = await freshDatabase();
    const db = database.db;
    await createFixture(db, TEST_DEMO_PASSWORD);
    // A station of Hoằng Hóa that is open today (TYT15877 closed in the 2025 commune merger).
    const today = todayVn();
    station = (await openStations(db, today))[0]!;
    await addDataEntryUser(db, nurse, 'Y tá trạm', station.id, TEST_DEMO_PASSWORD);

    const app = await buildApp({ store: database.store, config: loadConfig({ SOYTE_LOG_LEVEL: 'silent' }), webDist: WEB_DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
    afterAll(() => app.close());
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function loginAs(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(base);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(TEST_DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
    return { context, page };
  }

  /** Saves one value through the API as another user (cookie session + CSRF token, like the app). */
  async function saveAs(username: string, body: Record<string, unknown>) {
    const res = await apiAs(base, username, 'PUT', '/api/dataEntry/value', body);
    expect(res.status, res.body).toBe(200);
  }

  const stateOf = (page: Page, key: string) => page.getByTestId(`cell-state-${key}`).getAttribute('data-state');

  it('a station nurse enters the form with the keyboard, fixes a validation error, works offline and completes it', async () => {
    const { context, page } = await loginAs(nurse);
    await page.goto(`${base}/entry?ds=T_MONTHLY&ou=${station.id}&pe=${period}`);
    const births = page.getByTestId('cell-T_BIRTHS-default');
    await births.waitFor();
    await expect.poll(() => page.getByTestId('form-state').getAttribute('data-display')).toBe('empty');

    // Keyboard only from here: type, Tab to the next cell (the grid's Nam / Nữ columns follow).
    await births.focus();
    await page.keyboard.type('10');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6');
    await page.keyboard.press('Tab');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    // A value-type error shows at once, before anything is sent.
    await page.keyboard.type('12a');
    await expect.poll(() => stateOf(page, 'T_VISITS-default')).toBe('invalid');
    expect(await page.getByTestId('cell-message-T_VISITS-default').textContent()).toContain('Giá trị phải là số');
    await page.keyboard.press('Escape');
    await expect.poll(() => stateOf(page, 'T_VISITS-default')).toBe('idle');
    await page.keyboard.type('100');
    await page.keyboard.press('Tab');
    await page.keyboard.type('120');
    await page.keyboard.press('Tab');
    await page.keyboard.type('8,5');
    await page.keyboard.press('Enter');

    for (const key of ['T_BIRTHS-default', 'T_BIRTHS_SEX-T_MALE', 'T_BIRTHS_SEX-T_FEMALE', 'T_VISITS-default', 'T_VISITS_INS-default', 'T_RATE-default']) {
      await expect.poll(() => stateOf(page, key), { timeout: 10_000 }).toBe('saved');
    }
    expect(await page.getByTestId('total-T_BIRTHS_SEX').textContent()).toBe('11');
    expect(await page.getByTestId('cell-T_RATE-default').inputValue()).toBe('8,5');

    // Boys + girls ≠ births: the rule's message appears and the cells are marked.
    const birthRule = page.getByTestId('violation-T_BIRTHS_BY_SEX');
    await birthRule.waitFor({ timeout: 10_000 });
    expect(await birthRule.textContent()).toContain('Số trẻ trai + gái phải bằng tổng số trẻ đẻ ra sống');
    expect(await page.getByTestId('cell-T_BIRTHS_SEX-T_FEMALE').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-validation.png'), fullPage: true });

    // Fix it from the keyboard: up from the visits row lands on "Nam", Tab to "Nữ", type 4.
    await page.getByTestId('cell-T_VISITS-default').focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cell-T_BIRTHS_SEX-T_MALE');
    await page.keyboard.press('Tab');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await expect.poll(() => stateOf(page, 'T_BIRTHS_SEX-T_FEMALE')).toBe('saved');
    await expect.poll(() => birthRule.count(), { timeout: 10_000 }).toBe(0);
    // The insured-visits warning remains (120 > 100): it will need a comment on completion.
    await page.getByTestId('violation-T_INSURED_LE_VISITS').waitFor();

    // Offline: the value is kept on this device and sent when the connection returns.
    await context.setOffline(true);
    const note = page.getByTestId('cell-T_NOTE-default');
    await note.focus();
    await page.keyboard.type('Nhập khi mất mạng');
    await page.keyboard.press('Tab');
    await expect.poll(() => stateOf(page, 'T_NOTE-default')).toBe('queued');
    expect(await page.getByTestId('cell-message-T_NOTE-default').textContent()).toContain('Đã lưu trên máy, chờ gửi');
    await page.getByTestId('outbox-count').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-offline.png'), fullPage: true });
    // Closing and reopening the page without a connection: the app shell comes from the service
    // worker, the form and the queued value from IndexedDB.
    await page.reload();
    await expect.poll(() => page.getByTestId('cell-T_NOTE-default').inputValue(), { timeout: 15_000 }).toBe('Nhập khi mất mạng');
    await expect.poll(() => stateOf(page, 'T_NOTE-default')).toBe('queued');
    expect(await page.getByTestId('cell-T_BIRTHS_SEX-T_FEMALE').inputValue()).toBe('4');
    await page.getByTestId('offline-banner').waitFor();
    // Meanwhile a colleague at the health centre enters the same cell.
    await saveAs('t.centre.entry', { dataElement: 'T_NOTE', orgUnit: station.id, period, value: 'Nhập ở trung tâm' });
    await context.setOffline(false);
    await expect.poll(() => stateOf(page, 'T_NOTE-default'), { timeout: 15_000 }).toBe('saved');
    expect(await page.getByTestId('cell-T_NOTE-default').inputValue()).toBe('Nhập khi mất mạng');
    // Last write wins, but the nurse is told whose value was replaced, and both are in the audit trail.
    const notice = page.getByTestId('notice-conflict');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Nhập ở trung tâm');
    expect(await notice.textContent()).toContain('t.centre.entry');
    // Back online, the live form replaces the stored copy (and validation runs again).
    await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('violation-T_INSURED_LE_VISITS').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-conflict.png'), fullPage: true });
    const stored = await database.db
      .selectFrom('data_value_audit as a')
      .innerJoin('data_element as e', 'e.iid', 'a.de')
      .select(['a.value', 'a.source', 'a.conflict', 'a.modified_by'])
      .where('e.code', '=', 'T_NOTE')
      .orderBy('a.id')
      .execute();
    expect(stored).toEqual([
      { value: 'Nhập ở trung tâm', source: 'form', conflict: false, modified_by: 't.centre.entry' },
      { value: 'Nhập khi mất mạng', source: 'offline', conflict: true, modified_by: nurse },
    ]);

    // Complete: the warning needs an explanation.
    await page.getByTestId('form-complete').click();
    const comment = page.getByTestId('complete-comment');
    await comment.waitFor();
    await comment.fill('Có bệnh nhân BHYT tái khám nhiều lần trong tháng');
    await page.getByTestId('complete-confirm').click();
    await expect.poll(() => page.getByTestId('form-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('completed');
    expect(await page.getByTestId('cell-T_BIRTHS-default').getAttribute('readonly')).not.toBeNull();
    await page.getByTestId('form-readonly').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-completed.png'), fullPage: true });
    await context.close();
  });

  it('the health centre approver sees the completed form and approves it; the form is locked', async () => {
    const { context, page } = await loginAs('ttyt.hoanghoa');
    await page.goto(`${base}/approvals?ds=T_MONTHLY&pe=${period}`);
    const state = page.getByTestId(`approvals-state-${station.code}`);
    await state.waitFor({ timeout: 15_000 });
    expect(await state.getAttribute('data-state')).toBe('completed');

    // Look at the form read-only first.
    await page.getByTestId(`open-${station.code}`).click();
    const drawer = page.getByTestId('entry-form');
    await drawer.waitFor();
    expect(await page.getByTestId('cell-T_BIRTHS_SEX-T_FEMALE').inputValue()).toBe('4');
    expect(await page.getByTestId('cell-T_BIRTHS-default').getAttribute('readonly')).not.toBeNull();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    await page.getByTestId(`approve-${station.code}`).click();
    await page.getByTestId('workflow-comment').fill('Số liệu đầy đủ');
    await page.getByTestId('workflow-confirm').click();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 10_000 }).toBe('approved');
    await page.getByTestId('workflow-comment').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-approved.png'), fullPage: true });

    // Completeness over the last months: the station reported once, the other stations are missing.
    await page.getByTestId('approvals-tab-completeness').click();
    const line = page.getByTestId(`completeness-row-${station.code}`);
    await line.waitFor({ timeout: 10_000 });
    const cells = await line.locator('td').allTextContents();
    expect(cells[2]).toBe('1'); // reported
    expect(await page.getByTestId('completeness-csv').getAttribute('href')).toContain('format=csv');
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-completeness.png'), fullPage: true });

    const row = await database.db
      .selectFrom('form_status as f')
      .innerJoin('period as p', 'p.id', 'f.period_id')
      .select(['f.state', 'f.approved_by'])
      .where('f.org_unit_id', '=', station.id)
      .where('p.iso', '=', period)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'approved', approved_by: 'ttyt.hoanghoa' });
    await context.close();

    // The nurse now sees a locked form with the reason.
    const nurseSession = await loginAs(nurse);
    await nurseSession.page.goto(`${base}/entry?ds=T_MONTHLY&ou=${station.id}&pe=${period}`);
    await nurseSession.page.getByTestId('form-readonly').waitFor();
    expect(await nurseSession.page.getByTestId('form-readonly').textContent()).toContain('đã được phê duyệt và khóa');
    expect(await nurseSession.page.getByTestId('form-complete').count()).toBe(0);
    await nurseSession.context.close();
  });
});
