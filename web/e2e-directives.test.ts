// Browser test of directives and tasks (issue 13): the Department's office pastes seed 000, soyte
// reads it (real reader), the reviewer corrects the proposals — the Quảng Ninh centre named in 4.1 is
// played by Hoằng Hóa's, tasks naming no unit are left out, names matching nothing are dropped — and
// confirms; the Hoằng Hóa centre accepts its task, reports progress with a file and submits (on a
// phone); the office confirms; the follow-up summary counts it as done on time. Real server, real
// database, headless Chromium; screenshots in test-artifacts/directives-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays } from '../src/lib/calendar.js';
import { todayVn } from '../src/lib/dates.js';
import { readSeed } from '../src/modules/directives/reading/seeds.js';
import { ARTIFACTS, browserAvailable, loginPage, startBrowserSession, type BrowserSession } from './e2e-setup.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const WIDE = { viewport: { width: 1366, height: 900 } };
const weekAhead = addDays(todayVn(), 7);

async function noSidewaysScroll(page: Page): Promise<void> {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(inner);
}

describe.skipIf(!browserAvailable)('directives and tasks in a browser', () => {
  let session: BrowserSession;
  let base: string;
  let taskUrl: string;
  let documentUrl: string;

  beforeAll(async () => {
    session = await startBrowserSession();
    base = session.base;
  }, 300_000);

  it('the office pastes seed 000, corrects the proposals and assigns the tasks', async () => {
    const page = await loginPage(session, 'syt.admin', undefined, WIDE);
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/directives/new`);
    await page.getByTestId('directive-text').fill(readSeed('000_')!);
    await page.getByTestId('directive-parse').click();
    await page.getByTestId('proposal-card-0').waitFor();
    await page.getByTestId('directive-highlighted').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'directives-review.png'), fullPage: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'directives-review-screen.png') }); // the README's picture

    // 4.1's second task names "Trung tâm Y tế TP. Hạ Long" (Quảng Ninh): no unit of this province.
    const cards = page.locator('[data-testid^="proposal-card-"]');
    const haLong = cards.filter({ hasText: 'Hạ Long' }).first();
    expect(await haLong.getAttribute('data-unmatched')).toBe('true');
    const i = Number((await haLong.getAttribute('data-testid'))!.replace('proposal-card-', ''));
    expect(await page.getByTestId(`proposal-deadline-${i}`).inputValue()).toBe('2022-11-05');
    // The reviewer drops the unknown name and picks the Hoằng Hóa centre instead.
    await page.getByTestId(`proposal-unmatched-${i}`).getByRole('button').last().click();
    await page.getByTestId(`proposal-lead-${i}`).click();
    await page.getByTestId(`proposal-lead-${i}`).fill('Hoằng Hóa');
    await page.getByRole('option', { name: /^Trung tâm Y tế huyện Hoằng Hóa/ }).click();
    await page.keyboard.press('Escape');
    // … and, the notice being followed up today, a deadline a week ahead.
    await page.getByTestId(`proposal-deadline-${i}`).fill(weekAhead);
    // Item 10 asks every centre director: 26 centres.
    const ten = cards.filter({ hasText: /Kế hoạch, Chương trình hành động/ }).first();
    await expect.poll(async () => (await ten.textContent()) ?? '').toMatch(/26 đơn vị/);

    // The notice bears no date of its own (the conference was on 22/10/2022): the reviewer gives it.
    expect(await page.getByTestId('doc-date').inputValue()).toBe('');
    await page.getByTestId('doc-date').fill('2022-10-24');

    // What still keeps tasks from being assigned: left out (no lead) or names dropped (Phòng Y tế).
    for (let round = 0; round < 30; round++) {
      await page.getByTestId('directive-confirm').click();
      const problems = page.getByTestId('directive-problems');
      if (!(await problems.isVisible().catch(() => false))) break;
      const text = (await problems.textContent()) ?? '';
      const m = /Nhiệm vụ (\d+): (chưa chọn đơn vị chủ trì|còn tên đơn vị chưa khớp)/.exec(text);
      if (!m) break;
      const k = Number(m[1]) - 1;
      if (m[2].startsWith('chưa chọn')) await page.getByTestId(`proposal-remove-${k}`).click();
      else {
        const flags = page.locator(`[data-testid="proposal-unmatched-${k}"], [data-testid="proposal-coop-unmatched-${k}"]`);
        await flags.getByRole('button').last().click();
      }
    }
    await page.getByTestId('directive-page').waitFor({ timeout: 30_000 });
    documentUrl = page.url();
    await page.screenshot({ path: path.join(ARTIFACTS, 'directives-document.png'), fullPage: true });
    const tasks = page.getByTestId('directive-tasks');
    await expect.poll(async () => (await tasks.textContent()) ?? '').toContain('Trung tâm Y tế huyện Hoằng Hóa');
  });

  it('the centre accepts, reports progress with a file and submits — on a phone', async () => {
    const page = await loginPage(session, 'ttyt.hoanghoa', undefined, PHONE);
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/tasks`);
    await page.getByTestId('tasks-page').waitFor();
    const item = page.locator('[data-testid^="task-item-"]').filter({ hasText: /ký hợp đồng khám chữa bệnh BHYT/ }).first();
    await item.waitFor().catch(async (e) => {
      await page.screenshot({ path: path.join(ARTIFACTS, 'directives-debug.png'), fullPage: true });
      throw e;
    });
    await noSidewaysScroll(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'directives-centre-tasks.png'), fullPage: true });
    await item.locator('[data-testid^="task-link-"]').first().click();
    await page.getByTestId('task-page').waitFor();
    taskUrl = page.url();

    await page.getByTestId('task-action-accept').click();
    await page.getByTestId('action-submit').click();
    await expect.poll(() => page.getByTestId('task-status').textContent()).toMatch(/Đã tiếp nhận/);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-e2e-')), 'bao-cao-ra-soat.txt');
    fs.writeFileSync(file, 'Đã rà soát, thống nhất đầu mối ký hợp đồng KCB BHYT cho 36 trạm.');
    await page.getByTestId('task-action-progress').click();
    await page.getByTestId('action-comment').fill('Đã rà soát 36 trạm, đang hoàn thiện văn bản thống nhất đầu mối.');
    await page.getByTestId('action-progress').fill('70');
    await page.getByTestId('action-files').setInputFiles(file);
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-modal').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await page.getByTestId('task-page').textContent()) ?? '').toContain('bao-cao-ra-soat.txt');

    await page.getByTestId('task-action-submit').click();
    await page.getByTestId('action-comment').fill('Hoàn thành: đã thống nhất TTYT là đầu mối ký hợp đồng cho các Trạm Y tế.');
    await page.getByTestId('action-submit').click();
    await expect.poll(() => page.getByTestId('task-status').textContent()).toMatch(/Chờ xác nhận/);
    await noSidewaysScroll(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'directives-centre-task.png'), fullPage: true });
  });

  it('the office confirms; the follow-up summary shows it done on time', async () => {
    const page = await loginPage(session, 'syt.admin', undefined, { ...WIDE, acceptDownloads: true });
    page.setDefaultTimeout(20_000);
    await page.goto(taskUrl);
    await page.getByTestId('task-action-confirm').click();
    await page.getByTestId('action-submit').click();
    await expect.poll(() => page.getByTestId('task-state').textContent()).toMatch(/Hoàn thành đúng hạn/);

    await page.goto(`${base}/tasks/summary`);
    await page.getByTestId('summary-page').waitFor();
    const row = page.locator('[data-testid^="summary-row-"]:visible').filter({ hasText: 'Trung tâm Y tế huyện Hoằng Hóa' }).first();
    await row.waitFor();
    const id = (await row.getAttribute('data-testid'))!.replace('summary-row-', '');
    await expect.poll(() => page.locator(`[data-testid="summary-count-${id}-doneOnTime"]:visible`).textContent()).toBe('1');
    await page.screenshot({ path: path.join(ARTIFACTS, 'directives-summary.png'), fullPage: true });

    // The document's "Báo cáo kết quả thực hiện", as Word.
    await page.goto(documentUrl);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('directive-report').click()]);
    expect(download.suggestedFilename()).toMatch(/^BC_KQTH_.*\.docx$/);
    expect(fs.statSync((await download.path())!).size).toBeGreaterThan(5_000);

    const phone = await loginPage(session, 'syt.admin', undefined, PHONE);
    await phone.goto(`${base}/tasks/summary`);
    await phone.getByTestId('summary-page').waitFor();
    await phone.locator('[data-testid^="summary-row-"]:visible').first().waitFor();
    await noSidewaysScroll(phone);
    await phone.screenshot({ path: path.join(ARTIFACTS, 'directives-summary-phone.png'), fullPage: true });
  });
});
