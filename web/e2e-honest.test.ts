// Browser test of honest figures: the province dashboard of May 2024 (only Hoằng Hóa's 36 of the
// province's stations reported in the demo) says "36/… trạm đã báo cáo" beside its totals and shows no
// ▲/▼ change and no % of plan; the 26-centre bar chart says that bars drill down; a unit picker tells
// the closed "Trạm Y tế xã Hoằng Lộc" from the open one by its closing date; the Vietnamese pages show
// names, not data-set codes or "default — default"; the approval drawer words what the approver
// can do. Real server and database, headless Chromium.
import path from 'node:path';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import type { Database } from '../src/db/connection.js';
import { TEST_ADMIN_PASSWORD } from '../src/test/harness.js';
import { ARTIFACTS, browserAvailable, loginPage, startBrowserSession, type BrowserSession } from './e2e-setup.js';

describe.skipIf(!browserAvailable)('honest figures and names in a browser', () => {
  let session: BrowserSession;
  let base: string;
  let database: Database;

  beforeAll(async () => {
    session = await startBrowserSession();
    ({ base, database } = session);
  }, 300_000);

  const shot = (page: Page, name: string) =>
    onTestFailed(async () => {
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-failure.png`), fullPage: true });
    });

  it('the KPI of an incomplete month says how many stations reported and withholds the change', async () => {
    const page = await loginPage(session, 'syt.admin');
    shot(page, 'honest-kpi');
    await page.goto(`${base}/dashboards`);
    await page.getByTestId('dash-grid').waitFor({ timeout: 20_000 });
    await page.getByTestId('dash-period-mode').selectOption('month');
    await page.getByTestId('dash-period-year').selectOption('2024');
    await page.getByTestId('dash-period-month').selectOption('5');
    await expect.poll(() => page.getByTestId('dash-period-title').getAttribute('data-period')).toBe('202405');

    const note = page.getByTestId('kpi-completeness-kpi-births');
    await note.waitFor({ timeout: 20_000 });
    const m = /^(\d+)\/(\d+) trạm đã báo cáo$/.exec(((await note.textContent()) ?? '').trim());
    expect(m, 'the note reads "x/y trạm đã báo cáo"').toBeTruthy();
    const [reported, expected] = [Number(m![1]), Number(m![2])];
    expect(reported).toBe(36);
    expect(expected).toBeGreaterThan(reported);
    // The comparisons: withheld in words, no arrow.
    const ly = page.getByTestId('kpi-lastyear-kpi-births');
    expect(await ly.getAttribute('data-direction')).toBe('withheld');
    const prev = page.getByTestId('kpi-previous-kpi-births');
    expect(await prev.getAttribute('data-direction')).toBe('withheld');
    const tile = ((await page.getByTestId('kpi-kpi-births').textContent()) ?? '');
    expect(tile).toContain('Chưa so sánh — số liệu chưa đủ');
    expect(tile).not.toMatch(/[▲▼]/);
    expect(await page.getByTestId('kpi-ofplan-kpi-epi').count()).toBe(0);
    await page.getByTestId('kpi-withheld-plan-kpi-epi').waitFor();

    // The centres' bar chart: every centre a category, horizontal bars, and a hint that bars drill down.
    const bar = page.getByTestId('chart-bar-births');
    await expect.poll(async () => Number((await bar.getAttribute('data-categories')) ?? 0), { timeout: 20_000 }).toBeGreaterThan(8);
    expect(await page.getByTestId('chart-drill-hint-bar-births').textContent()).toContain('Bấm vào cột');

    // Names, not codes: the reporting table names the form.
    await expect.poll(async () => Number((await page.getByTestId('table-table-reporting').getAttribute('data-rows')) ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('BCTK_TYT_THANG');
    expect(body).toContain('Báo cáo thống kê y tế tháng');
    expect(body).not.toContain('default — default');
    await page.screenshot({ path: path.join(ARTIFACTS, 'honest-province.png'), fullPage: true });
  });

  it('a unit picker lists the closed Trạm Y tế xã Hoằng Lộc with its closing date', async () => {
    const units = await database.db.selectFrom('org_unit').select(['id', 'name', 'closed_date']).where('name', 'like', '%Hoằng Lộc%').execute();
    const closed = units.find((u) => u.closed_date !== null);
    expect(closed, 'the demo has a closed Hoằng Lộc (the 2025 merger)').toBeTruthy();
    const [y, mo, d] = String(closed!.closed_date).slice(0, 10).split('-');

    const page = await loginPage(session, 'syt.admin');
    shot(page, 'honest-picker');
    await page.goto(`${base}/approvals`);
    const picker = page.getByTestId('approvals-unit');
    await picker.click();
    await picker.fill('hoang loc');
    const options = page.getByRole('option', { name: /Hoằng Lộc/ });
    await expect.poll(() => options.count(), { timeout: 20_000 }).toBeGreaterThan(1);
    const labels = await options.allTextContents();
    const marked = labels.filter((l) => l.includes(`${d}/${mo}/${y}`));
    expect(marked.length, labels.join(' | ')).toBeGreaterThan(0);
    // Two units of the same name are told apart, and no option shows a code.
    expect(new Set(labels).size).toBe(labels.length);
    for (const l of labels) expect(l).not.toMatch(/\(TYT\d+\)/);
  });

  it("the approval drawer speaks to the approver (Duyệt / Trả lại / Mở lại), not of the station's own buttons", async () => {
    const page = await loginPage(session, 'ttyt.hoanghoa');
    shot(page, 'honest-approvals');
    await page.goto(`${base}/approvals?ds=BCTK_TYT_THANG&pe=202405`);
    await page.getByTestId('approvals-table').waitFor({ timeout: 20_000 });
    // No unit codes in the list of stations.
    expect((await page.getByTestId('approvals-table').textContent()) ?? '').not.toMatch(/TYT\d+/);
    await page.locator('[data-testid^="open-"]').first().click();
    const note = page.getByTestId('approvals-drawer-note');
    await note.waitFor({ timeout: 20_000 });
    const text = (await note.textContent()) ?? '';
    const state = await note.getAttribute('data-state');
    if (state === 'completed') expect(text).toMatch(/«Duyệt».*«Trả lại»/);
    else if (state === 'approved') expect(text).toContain('«Mở lại»');
    else expect(text).toMatch(/^Chờ .* hoàn thành/);
    expect(text).not.toContain('«Hoàn thành»');
    expect(text).not.toContain('Hủy hoàn thành');
  });

  it('metadata pages show the default disaggregation as "Không phân tổ", never "default — default"', async () => {
    const page = await loginPage(session, 'admin', TEST_ADMIN_PASSWORD);
    shot(page, 'honest-metadata');
    await page.goto(`${base}/metadata`);
    await page.getByTestId('meta-tabbtn-dataElements').click();
    await page.getByText('Không phân tổ').first().waitFor({ timeout: 20_000 });
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('default — default');
  });
});
