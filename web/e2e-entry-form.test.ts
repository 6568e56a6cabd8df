// Browser test of the entry form itself (desktop 1366×768 and a 390×844 phone): a violation is
// explained at the cells it involves and can be stepped through; clicking a filled cell selects its
// value so typing replaces it; the phone layout never scrolls sideways and keeps the status bar in
// view; completing with unusual values asks first; a returned form says why at the top.
// Real server, real database, headless Chromium; screenshots in test-artifacts/.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { todayVn } from '../src/lib/dates.js';
import { addDataEntryUser, createFixture, openStations } from '../src/modules/datavalues/test-fixture.repo.js';
import { TEST_DEMO_PASSWORD } from '../src/test/harness.js';
import { apiAs, ARTIFACTS, browserAvailable, loginPage, startBrowserSession, type BrowserSession } from './e2e-setup.js';

/** The ISO month `back` months before the current one. */
function monthsAgo(back: number): string {
  const [y, m] = todayVn().split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}${String((index % 12) + 1).padStart(2, '0')}`;
}

const DESKTOP = { viewport: { width: 1366, height: 768 } };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

describe.skipIf(!browserAvailable)('the entry form in a browser', () => {
  let s: BrowserSession;
  let station: { id: string; code: string };
  const period = monthsAgo(1);
  const nurse = 't.form.nurse';

  /** Calls the API as a user (cookie session + CSRF token, like the app); it must succeed. */
  async function apiOk(username: string, method: string, url: string, body: Record<string, unknown>) {
    const res = await apiAs(s.base, username, method, url, body);
    expect(res.status, res.body).toBe(200);
  }

  beforeAll(async () => {
    s = await startBrowserSession();
    const db = s.database.db;
    await createFixture(db, TEST_DEMO_PASSWORD);
    const today = todayVn();
    station = (await openStations(db, today))[0]!;
    await addDataEntryUser(db, nurse, 'Y tá trạm', station.id, TEST_DEMO_PASSWORD);
    // Six earlier months of about 100 visits: the usual range of T_VISITS becomes 75–125.
    for (const [i, visits] of [100, 104, 96, 102, 98, 100].entries()) {
      await apiOk(nurse, 'PUT', '/api/dataEntry/value', { dataElement: 'T_VISITS', orgUnit: station.id, period: monthsAgo(2 + i), value: String(visits) });
    }
  }, 240_000);

  const openForm = async (page: Page, pe: string) => {
    await page.goto(`${s.base}/entry?ds=T_MONTHLY&ou=${station.id}&pe=${pe}`);
    await page.getByTestId('cell-T_BIRTHS-default').waitFor();
  };
  const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  const stateOf = (page: Page, key: string) => page.getByTestId(`cell-state-${key}`).getAttribute('data-state');
  /** The section's top is near the top of the viewport, or the page is scrolled as far as it goes. */
  const scrolledTo = (page: Page, testId: string) =>
    page.getByTestId(testId).evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const atBottom = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
      return top >= 0 && (top < 150 || (atBottom && scrollY > 0 && top < innerHeight / 2));
    });
  /** True when the element is entirely inside the viewport. */
  const inViewport = (l: Locator) =>
    l.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
    });

  it('desktop: a violation shows beside the cells it involves, links to them, and can be stepped through; a click selects the value', async () => {
    const page = await loginPage(s, nurse, TEST_DEMO_PASSWORD, DESKTOP);
    await openForm(page, period);
    const births = page.getByTestId('cell-T_BIRTHS-default');
    const boys = page.getByTestId('cell-T_BIRTHS_SEX-T_MALE');
    const girls = page.getByTestId('cell-T_BIRTHS_SEX-T_FEMALE');

    await births.click();
    await page.keyboard.type('10');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6');
    await page.keyboard.press('Tab');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab'); // leaves "Nữ"
    expect(await focusedTestId(page)).toBe('cell-T_VISITS-default');
    await expect.poll(() => stateOf(page, 'T_BIRTHS_SEX-T_FEMALE'), { timeout: 10_000 }).toBe('saved');

    // The message is right under the row of the cell just left, on screen, not only in a list at the top.
    const note = page.getByTestId('issue-T_BIRTHS_BY_SEX-T_BIRTHS_SEX');
    await note.waitFor({ timeout: 10_000 });
    expect(await note.textContent()).toContain('Số trẻ trai + gái phải bằng tổng số trẻ đẻ ra sống');
    expect(await note.textContent()).toContain('(11 ≠ 10)');
    const cellBox = (await girls.boundingBox())!;
    const noteBox = (await note.boundingBox())!;
    expect(noteBox.y).toBeGreaterThanOrEqual(cellBox.y + cellBox.height - 1);
    expect(noteBox.y - (cellBox.y + cellBox.height)).toBeLessThan(40);
    expect(await inViewport(note)).toBe(true);
    // Every cell of the rule is marked, and none says "✓".
    for (const cell of [births, boys, girls]) {
      expect(await cell.getAttribute('aria-invalid')).toBe('true');
      expect(await cell.getAttribute('data-issue')).toBe('error');
    }
    expect(await page.getByTestId('cell-state-T_BIRTHS-default').textContent()).toBe('⚠');
    expect(await page.getByTestId('cell-T_VISITS-default').getAttribute('aria-invalid')).toBeNull();
    // The status bar counts it, and stays on screen.
    const bar = page.getByTestId('status-bar');
    expect(await page.getByTestId('count-errors').textContent()).toBe('1 lỗi');
    expect(await inViewport(bar)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-form-violation.png') });

    // The link beside the girls' row goes to the births cell.
    await page.getByTestId('issue-link-T_BIRTHS_BY_SEX-T_BIRTHS-default').click();
    expect(await focusedTestId(page)).toBe('cell-T_BIRTHS-default');
    // Step through the involved cells: Alt+↓, the bar's buttons, wrapping around.
    await page.keyboard.press('Alt+ArrowDown');
    expect(await focusedTestId(page)).toBe('cell-T_BIRTHS_SEX-T_MALE');
    expect(await page.getByTestId('issue-position').textContent()).toBe('2/3');
    await page.getByTestId('issue-next').click();
    expect(await focusedTestId(page)).toBe('cell-T_BIRTHS_SEX-T_FEMALE');
    await page.keyboard.press('Alt+ArrowDown');
    expect(await focusedTestId(page)).toBe('cell-T_BIRTHS-default');
    await page.getByTestId('issue-prev').click();
    expect(await focusedTestId(page)).toBe('cell-T_BIRTHS_SEX-T_FEMALE');
    await page.keyboard.press('F8');
    expect(await focusedTestId(page)).toBe('cell-T_BIRTHS-default');

    // A click into a filled cell selects its value: typing replaces it (4, not 54).
    await girls.click();
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    expect(await girls.inputValue()).toBe('4');
    await expect.poll(() => stateOf(page, 'T_BIRTHS_SEX-T_FEMALE'), { timeout: 10_000 }).toBe('saved');
    await note.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await births.getAttribute('aria-invalid')).toBeNull();
    // Two digits over two digits: 31 over 30 gives 31.
    const visits = page.getByTestId('cell-T_VISITS-default');
    await visits.click();
    await page.keyboard.type('30');
    await page.keyboard.press('Tab');
    await expect.poll(() => stateOf(page, 'T_VISITS-default'), { timeout: 10_000 }).toBe('saved');
    await visits.click();
    await page.keyboard.type('31');
    await page.keyboard.press('Tab');
    expect(await visits.inputValue()).toBe('31');
    await expect.poll(() => stateOf(page, 'T_VISITS-default'), { timeout: 10_000 }).toBe('saved');
    // (A rate goes with the visits: rule T_NOTE_PAIR.)
    await page.getByTestId('cell-T_RATE-default').click();
    await page.keyboard.type('8,5');
    await page.keyboard.press('Tab');
    await expect.poll(() => stateOf(page, 'T_RATE-default'), { timeout: 10_000 }).toBe('saved');

    // The section index beside the form jumps to a section.
    await page.getByTestId('section-index').waitFor();
    await page.getByTestId('section-link-S2').click();
    await expect.poll(() => scrolledTo(page, 'section-S2')).toBe(true);
    expect(await inViewport(bar)).toBe(true);
    await page.context().close();
  });

  it('desktop: completing with an unusual value lists it, links to it and asks first; "no errors" does not claim all is well', async () => {
    const page = await loginPage(s, nurse, TEST_DEMO_PASSWORD, DESKTOP);
    await openForm(page, period);
    const visits = page.getByTestId('cell-T_VISITS-default');
    expect(await visits.inputValue()).toBe('31');
    expect(await visits.getAttribute('data-outlier')).toBe('1');
    const none = page.getByTestId('violations-none');
    await none.waitFor({ timeout: 10_000 });
    expect(await none.textContent()).toBe('Không có lỗi; 1 giá trị bất thường cần xem lại');
    expect(await page.getByTestId('issue-position').textContent()).toBe('–/1');

    await page.getByTestId('form-complete').click();
    const dialog = page.getByTestId('complete-dialog');
    const item = page.getByTestId('outlier-T_VISITS-default');
    await item.waitFor();
    expect(await item.textContent()).toContain('Lượt khám bệnh');
    expect(await item.textContent()).toContain('31');
    expect(await item.textContent()).toContain('75–125');
    expect(await page.getByTestId('complete-comment').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-form-outliers.png') });
    // "Xem ô" closes the dialog and puts the cursor in the cell; nothing was completed.
    await page.getByTestId('outlier-go-T_VISITS-default').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focusedTestId(page)).toBe('cell-T_VISITS-default');
    expect(await page.getByTestId('form-state').getAttribute('data-state')).toBe('open');

    // Asked again, confirmed: the form is completed.
    await page.getByTestId('form-complete').click();
    expect(await page.getByTestId('complete-confirm').textContent()).toBe('Vẫn hoàn thành');
    await page.getByTestId('complete-confirm').click();
    await expect.poll(() => page.getByTestId('form-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('completed');
    await page.context().close();
  });

  it('a returned form shows the reason, who and when at the top', async () => {
    await apiOk('ttyt.hoanghoa', 'POST', '/api/forms/return', { dataSet: 'T_MONTHLY', orgUnit: station.id, period, comment: 'Kiểm tra lại số lượt khám' });
    const page = await loginPage(s, nurse, TEST_DEMO_PASSWORD, DESKTOP);
    await openForm(page, period);
    const last = page.getByTestId('form-last-comment');
    await last.waitFor();
    const text = (await last.textContent()) ?? '';
    expect(text).toContain('Bị trả lại: Kiểm tra lại số lượt khám');
    expect(text).toContain('ttyt.hoanghoa');
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    // At the top: above the first section, on screen without scrolling.
    expect(await inViewport(last)).toBe(true);
    expect((await last.boundingBox())!.y).toBeLessThan((await page.getByTestId('section-S1').boundingBox())!.y);
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-form-returned.png') });
    await page.context().close();
  });

  it('phone 390×844: a column of labelled fields, no sideways scrolling, the status bar in view', async () => {
    const page = await loginPage(s, nurse, TEST_DEMO_PASSWORD, PHONE);
    const pe = monthsAgo(2);
    await openForm(page, pe);
    expect(await page.getByTestId('entry-form').getAttribute('data-layout')).toBe('phone');
    const births = page.getByTestId('cell-T_BIRTHS-default');
    await births.tap();
    await page.keyboard.type('10');
    const boys = page.getByTestId('cell-T_BIRTHS_SEX-T_MALE');
    await boys.tap();
    await page.keyboard.type('6');
    const girls = page.getByTestId('cell-T_BIRTHS_SEX-T_FEMALE');
    await girls.tap();
    await page.keyboard.type('5');
    await births.tap();
    await page.getByTestId('issue-T_BIRTHS_BY_SEX-T_BIRTHS_SEX').waitFor({ timeout: 10_000 });
    // Tapping a filled cell selects its value too.
    await page.keyboard.type('11');
    await page.getByTestId('cell-T_VISITS-default').tap();
    expect(await births.inputValue()).toBe('11');
    await page.getByTestId('issue-T_BIRTHS_BY_SEX-T_BIRTHS_SEX').waitFor({ state: 'detached', timeout: 10_000 });
    await boys.tap();
    await page.keyboard.type('7');
    await births.tap();
    await page.getByTestId('issue-T_BIRTHS_BY_SEX-T_BIRTHS_SEX').waitFor({ timeout: 10_000 });

    // "Nam" and "Nữ" side by side, both on screen.
    const boysBox = (await boys.boundingBox())!;
    const girlsBox = (await girls.boundingBox())!;
    expect(Math.abs(boysBox.y - girlsBox.y)).toBeLessThan(2);
    expect(girlsBox.x + girlsBox.width).toBeLessThanOrEqual(390);

    const overflow = () =>
      page.evaluate(() => {
        const problems: string[] = [];
        if (document.documentElement.scrollWidth > innerWidth) problems.push(`page ${document.documentElement.scrollWidth} > ${innerWidth}`);
        const form = document.querySelector('[data-testid="entry-form"]')!;
        for (const el of [form, ...form.querySelectorAll('*')] as HTMLElement[]) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          const name = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}`;
          if (r.right > innerWidth + 0.5 || r.left < -0.5) problems.push(`${name} ${Math.round(r.left)}–${Math.round(r.right)}`);
          const ox = getComputedStyle(el).overflowX;
          if ((ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 1) problems.push(`${name} scrolls ${el.scrollWidth} in ${el.clientWidth}`);
        }
        return problems;
      });
    expect(await overflow()).toEqual([]);

    const bar = page.getByTestId('status-bar');
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await inViewport(bar)).toBe(true);
    expect(await inViewport(page.getByTestId('form-complete'))).toBe(true);
    expect(await inViewport(page.getByTestId('save-state'))).toBe(true);
    expect(await page.getByTestId('count-errors').textContent()).toBe('1 lỗi');
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-form-phone.png') });
    // The section picker scrolls to a section; the bar is still there.
    await page.getByTestId('section-picker').tap();
    await page.getByRole('option', { name: 'Khám chữa bệnh' }).tap();
    await expect.poll(() => scrolledTo(page, 'section-S2')).toBe(true);
    expect(await inViewport(bar)).toBe(true);
    expect(await overflow()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'entry-form-phone-section.png') });
    await page.context().close();
  });
});
