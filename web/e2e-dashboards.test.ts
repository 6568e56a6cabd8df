// Browser test of the dashboards: the province's administrator opens the province dashboard for May
// 2024 (chart, KPI tiles, map), drills down to the Hoằng Hóa health centre by clicking its bar (the
// centre dashboard: its stations, 258 live births = seed 001), exports an item as XLSX and reads it
// back, and goes back up with the breadcrumb. Real server and database, headless Chromium.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Database } from '../src/db/connection.js';
import { ARTIFACTS, browserAvailable, loginPage, startBrowserSession, type BrowserSession } from './e2e-setup.js';

describe.skipIf(!browserAvailable)('dashboards in a browser', () => {
  let session: BrowserSession;
  let base: string;
  let database: Database;
  let ttyt399: string;

  beforeAll(async () => {
    session = await startBrowserSession();
    ({ base, database } = session);
    ttyt399 = (await database.db.selectFrom('org_unit').select('id').where('code', '=', 'TTYT399').executeTakeFirstOrThrow()).id;
  }, 180_000);

  const loginAs = (username: string) => loginPage(session, username, undefined, { acceptDownloads: true });

  /** A canvas drawn inside the element (echarts renders to canvas). */
  const canvasIn = (el: Locator) => el.locator('canvas').first();

  async function kpiValue(page: Page, id: string) {
    const v = page.getByTestId(`kpi-value-${id}`);
    await v.waitFor({ timeout: 20_000 });
    return v;
  }

  it('shows the province dashboard, drills down to a centre, exports an item and goes back up', async () => {
    const page = await loginAs('syt.admin');
    page.on('pageerror', (e) => console.log('pageerror', e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) console.log('HTTP', r.status(), r.url());
    });
    onTestFailed(async () => {
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-failure.png'), fullPage: true });
    });
    await page.goto(`${base}/dashboards`);
    const grid = page.getByTestId('dash-grid');
    await grid.waitFor({ timeout: 20_000 });
    expect(await grid.getAttribute('data-dashboard')).toBe('builtin-province');
    expect(await grid.getAttribute('data-unit')).toBe('SYT38');

    // May 2024 (the demo data of the test template is January–May 2024).
    await page.getByTestId('dash-period-mode').selectOption('month');
    await page.getByTestId('dash-period-year').selectOption('2024');
    await page.getByTestId('dash-period-month').selectOption('5');
    await expect.poll(() => page.getByTestId('dash-period-title').getAttribute('data-period')).toBe('202405');
    expect(await page.getByTestId('dash-period-title').textContent()).toBe('Tháng 5 năm 2024');

    // KPI tile: the province's live births = Hoằng Hóa's (the only district with demo data), with % of plan.
    const births = await kpiValue(page, 'kpi-births');
    await expect.poll(() => births.getAttribute('data-value'), { timeout: 20_000 }).toBe('258');
    expect(await births.textContent()).toBe('258');
    // Only Hoằng Hóa's 36 stations reported in the demo: the province's total is partial, so it says
    // so and its % of plan / change are withheld (never a plain drop).
    await page.getByTestId('kpi-withheld-plan-kpi-epi').waitFor();
    expect(await page.getByTestId('kpi-completeness-kpi-epi').textContent()).toMatch(/^36\/\d{3} trạm đã báo cáo$/);
    expect(await page.getByTestId('kpi-lastyear-kpi-epi').textContent()).toContain('So với cùng kỳ');
    // Vietnamese number format: thousands with a dot.
    const opd = await kpiValue(page, 'kpi-opd');
    await expect.poll(() => opd.textContent(), { timeout: 20_000 }).toMatch(/^\d{1,3}(\.\d{3})+$/);

    // A chart and the map are drawn.
    const bar = page.getByTestId('chart-bar-births');
    await bar.waitFor({ timeout: 20_000 });
    await canvasIn(bar).waitFor();
    await canvasIn(page.getByTestId('chart-line-opd')).waitFor({ timeout: 20_000 });
    const map = page.getByTestId('choropleth-map');
    await expect.poll(async () => Number((await map.getAttribute('data-regions')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
    await canvasIn(map).waitFor();
    // The reporting table lists the province's units.
    await expect.poll(async () => Number((await page.getByTestId('table-table-reporting').getAttribute('data-rows')) ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(800); // let the chart animations settle for the screenshot
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-province.png'), fullPage: true });

    // Drill down: click Hoằng Hóa's bar in "births by centre" (the chart publishes where each bar is).
    await expect.poll(() => bar.getAttribute('data-points'), { timeout: 20_000 }).toBeTruthy();
    const points = JSON.parse((await bar.getAttribute('data-points'))!) as { id: string; x: number; y: number }[];
    const target = points.find((p) => p.id === ttyt399);
    expect(target, 'TTYT399 has a bar').toBeTruthy();
    const box = (await bar.boundingBox())!;
    await bar.scrollIntoViewIfNeeded();
    const box2 = (await bar.boundingBox()) ?? box;
    await page.mouse.click(box2.x + target!.x, box2.y + target!.y);

    // The centre's dashboard: breadcrumb SYT38 › TTYT399, its stations, 258 live births.
    await expect.poll(() => grid.getAttribute('data-unit'), { timeout: 20_000 }).toBe('TTYT399');
    await expect.poll(() => grid.getAttribute('data-dashboard'), { timeout: 20_000 }).toBe('builtin-centre');
    expect(page.url()).toContain('/dashboards/builtin-centre');
    expect(await page.getByTestId('crumb-TTYT399').getAttribute('data-current')).toBe('true');
    await page.getByTestId('crumb-SYT38').waitFor();
    const centreBirths = await kpiValue(page, 'kpi-births');
    await expect.poll(() => centreBirths.getAttribute('data-value'), { timeout: 20_000 }).toBe('258');
    // Every station of the centre reported May: % of plan shown, no completeness note.
    await page.getByTestId('kpi-ofplan-kpi-epi').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('kpi-ofplan-kpi-epi').textContent()).toMatch(/^\d+(,\d)? %$/);
    expect(await page.getByTestId('kpi-completeness-kpi-epi').count()).toBe(0);
    const stationsBar = page.getByTestId('chart-bar-births');
    await canvasIn(stationsBar).waitFor({ timeout: 20_000 });
    await expect.poll(async () => Number((await stationsBar.getAttribute('data-categories')) ?? 0), { timeout: 20_000 }).toBeGreaterThan(1);
    const stationMap = page.getByTestId('choropleth-map');
    await expect.poll(async () => Number((await stationMap.getAttribute('data-regions')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(1);
    await expect.poll(async () => Number((await page.getByTestId('table-table-reporting').getAttribute('data-rows')) ?? 0), { timeout: 20_000 }).toBeGreaterThan(1);
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-centre.png'), fullPage: true });

    // Export "births by station" as XLSX and read it back: the stations' births add up to 258.
    await page.getByTestId('item-menu-bar-births').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('item-xlsx-bar-births').click()]);
    expect(download.suggestedFilename()).toMatch(/^soyte-analytics-.*\.xlsx$/);
    const file = path.join(ARTIFACTS, 'dashboard-centre-births.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    expect(header).toEqual(expect.arrayContaining(['Dữ liệu', 'Kỳ', 'Đơn vị', 'Giá trị']));
    const valueCol = header.indexOf('Giá trị');
    let sum = 0;
    let rows = 0;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const v = row.getCell(valueCol).value;
      if (typeof v === 'number') {
        sum += v;
        rows++;
      }
    });
    expect(rows).toBeGreaterThan(1);
    expect(sum).toBe(258);

    // A PNG of a chart comes from echarts.
    await page.keyboard.press('Escape');
    await page.getByTestId('item-menu-bar-births').click();
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('item-png-bar-births').click()]);
    const pngFile = path.join(ARTIFACTS, 'dashboard-centre-births.png');
    await png.saveAs(pngFile);
    expect(fs.readFileSync(pngFile).subarray(1, 4).toString()).toBe('PNG');
    // KPI tiles and tables are HTML: their PNG is drawn on a canvas from the same numbers.
    await page.getByTestId('item-menu-kpi-births').click();
    const [kpiPng] = await Promise.all([page.waitForEvent('download'), page.getByTestId('item-png-kpi-births').click()]);
    const kpiFile = path.join(ARTIFACTS, 'dashboard-centre-kpi.png');
    await kpiPng.saveAs(kpiFile);
    expect(fs.readFileSync(kpiFile).subarray(1, 4).toString()).toBe('PNG');

    // Back up with the breadcrumb: the province dashboard again.
    await page.getByTestId('crumb-SYT38').click();
    await expect.poll(() => grid.getAttribute('data-unit'), { timeout: 20_000 }).toBe('SYT38');
    await expect.poll(() => grid.getAttribute('data-dashboard'), { timeout: 20_000 }).toBe('builtin-province');
    await page.context().close();
  }, 240_000);

  it('a centre user copies the built-in, adds a KPI tile (a bad one is refused with the field), and removes it', async () => {
    const page = await loginAs('ttyt.hoanghoa');
    onTestFailed(async () => {
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-edit-failure.png'), fullPage: true });
    });
    await page.goto(`${base}/dashboards`);
    const grid = page.getByTestId('dash-grid');
    await grid.waitFor({ timeout: 20_000 });
    expect(await grid.getAttribute('data-dashboard')).toBe('builtin-centre');
    expect(await page.getByTestId('dash-add-item').count()).toBe(0); // built-ins are read-only
    await page.getByTestId('dash-period-year').selectOption('2024');
    await page.getByTestId('dash-period-month').selectOption('5');

    await page.getByTestId('dash-copy').click();
    await expect.poll(() => grid.getAttribute('data-dashboard'), { timeout: 20_000 }).not.toBe('builtin-centre');
    const copyId = (await grid.getAttribute('data-dashboard'))!;
    expect(page.url()).toContain(`/dashboards/${copyId}`);
    expect(await page.getByTestId('dash-picker').inputValue()).toBe(copyId);

    // A KPI tile without data items: the server's message shows on the field.
    await page.getByTestId('dash-add-item').click();
    await page.getByTestId('item-form-type').selectOption('kpi');
    await page.getByTestId('item-form-title').fill('Trẻ đẻ sống (thử)');
    await page.getByTestId('item-form-save').click();
    await page.getByText('Chọn ít nhất một chỉ tiêu.').waitFor({ timeout: 10_000 });

    await page.getByTestId('item-form-data').click();
    await page.getByTestId('item-form-data').fill('MCH_LIVE_BIRTHS');
    await page.getByRole('option', { name: 'Tổng số trẻ đẻ sống', exact: true }).click(); // a name, not a code
    await page.keyboard.press('Escape');
    await page.getByTestId('item-form-save').click();
    await page.getByTestId('item-form-save').waitFor({ state: 'detached', timeout: 10_000 });
    const items = await page.locator('[data-testid^="item-title-"]').allTextContents();
    expect(items).toContain('Trẻ đẻ sống (thử)');
    const added = page.locator('[data-item-type="kpi"]').filter({ hasText: 'Trẻ đẻ sống (thử)' });
    const addedId = (await added.getAttribute('data-testid'))!.replace(/^item-/, '');
    await expect.poll(() => page.getByTestId(`kpi-value-${addedId}`).getAttribute('data-value'), { timeout: 20_000 }).toBe('258');
    const stored = await database.db.selectFrom('dashboard').select(['owner_id', 'items']).where('id', '=', copyId).executeTakeFirstOrThrow();
    expect((stored.items as { id: string }[]).map((i) => i.id)).toContain(addedId);

    // Remove it again.
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId(`item-menu-${addedId}`).click();
    await page.getByTestId(`item-remove-${addedId}`).click();
    await page.getByTestId(`item-${addedId}`).waitFor({ state: 'detached', timeout: 10_000 });
    await page.context().close();
  }, 180_000);
});
