// Browser test of the pivot table: the Hoằng Hóa health centre's administrator lays out live births
// by station × month (January–May 2024), reads seed 001's 258 births as May's total, exports the
// table to Excel and the file opens with the same numbers. Real server, real database, headless
// Chromium; screenshots in test-artifacts/pivot.png and pivot-map.png.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserAvailable, loginPage, startBrowserSession, type BrowserSession } from './e2e-setup.js';

const MONTHS = ['202401', '202402', '202403', '202404', '202405'];

describe.skipIf(!browserAvailable)('pivot table in a browser', () => {
  let session: BrowserSession;
  let base: string;

  beforeAll(async () => {
    session = await startBrowserSession();
    base = session.base;
  }, 300_000);

  async function loginAs(username: string): Promise<Page> {
    const page = await loginPage(session, username, undefined, { viewport: { width: 1500, height: 1100 }, acceptDownloads: true });
    page.setDefaultTimeout(15_000);
    return page;
  }

  const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

  it('live births × Jan–May 2024 × the stations of TTYT399: 258 in May, exported to Excel', async () => {
    const page = await loginAs('ttyt.hoanghoa');
    await page.goto(`${base}/pivot`);

    // Data: search without tone marks, pick "Tổng số trẻ đẻ sống".
    const dx = page.getByTestId('pivot-dx');
    await dx.click();
    await dx.fill('tre de song');
    await page.getByRole('option', { name: /Tổng số trẻ đẻ sống/ }).click();
    await page.keyboard.press('Escape');

    // Periods: months January–May 2024.
    await page.getByTestId('pivot-pe-year').click();
    await page.getByRole('option', { name: '2024', exact: true }).click();
    for (const m of MONTHS) await page.getByTestId(`pivot-pe-opt-${m}`).click();
    expect(await page.getByTestId('pivot-pe-opt-202405').getAttribute('aria-pressed')).toBe('true');

    // Units: the user's own centre (preselected), its children; rows = units, columns = periods.
    expect(await page.getByTestId('pivot-ou').inputValue()).toContain('Hoằng Hóa');
    await page.getByTestId('pivot-ou-mode').getByText('Các đơn vị trực thuộc').click();
    const run = page.getByTestId('pivot-run');
    await expect.poll(() => run.isEnabled()).toBe(true);
    await run.click();

    const table = page.getByTestId('pivot-table');
    await table.waitFor({ timeout: 20_000 });
    expect(Number(await table.getAttribute('data-cols'))).toBe(5);
    // Stations as they were in 2024 (36 before the commune merger), those with births.
    const rows = Number(await table.getAttribute('data-rows'));
    expect(rows).toBeGreaterThan(20);
    expect(rows).toBeLessThanOrEqual(36);
    expect(await text(page, 'pivot-coltotal-202405')).toBe('258');
    expect(await text(page, 'pivot-colhead-202405')).toBe('Tháng 5 năm 2024');
    expect(await text(page, 'pivot-filter-caption')).toContain('Tổng số trẻ đẻ sống');

    // The grand total is the sum of the months, written the Vietnamese way (1.234).
    const monthTotals: number[] = [];
    for (const m of MONTHS) monthTotals.push(Number((await text(page, `pivot-coltotal-${m}`)).replace(/\./g, '')));
    const grand = monthTotals.reduce((a, b) => a + b, 0);
    expect(grand).toBeGreaterThan(1000);
    expect(await text(page, 'pivot-grandtotal')).toBe(new Intl.NumberFormat('vi-VN').format(grand));
    expect(await text(page, 'pivot-grandtotal')).toMatch(/^\d{1,3}(\.\d{3})+$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'pivot.png'), fullPage: true });

    // "Xuất Excel": the file holds the table as laid out, numbers as numbers.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pivot-export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^soyte-pivot-.*\.xlsx$/);
    const file = path.join(ARTIFACTS, 'pivot.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    let header: ExcelJS.Row | undefined;
    let total: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      const values = (row.values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
      if (values.includes('Tháng 5 năm 2024')) header = row;
      if (values[1] === 'Tổng' && row.number > (header?.number ?? 0)) total = row;
    });
    expect(header).toBeDefined();
    expect(total).toBeDefined();
    const mayColumn = (header!.values as unknown[]).indexOf('Tháng 5 năm 2024');
    expect(total!.getCell(mayColumn).value).toBe(258);
    expect(total!.getCell(mayColumn + 1).value).toBe(grand); // the total column follows May
    expect(ws.getCell(1, 1).value).toContain('Bảng tổng hợp');

    // "Xuất CSV": the same grid, plain numbers.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pivot-export-csv').click()]);
    const csvFile = path.join(ARTIFACTS, 'pivot.csv');
    await csv.saveAs(csvFile);
    const lines = fs.readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, '').split(/\r\n/);
    const totalLine = lines.find((l) => l.startsWith('Tổng,'))!;
    expect(totalLine.split(',').slice(1)).toEqual([...monthTotals.map(String), String(grand)]);

    // Today's structure (8 merged stations carry the history): same May total, and the rows on a map.
    await page.getByTestId('pivot-structure').click();
    await page.getByRole('option', { name: /cơ cấu hiện nay/ }).click();
    await run.click();
    await expect.poll(async () => Number(await table.getAttribute('data-rows'))).toBeLessThan(rows);
    const current = Number(await table.getAttribute('data-rows'));
    expect(current).toBeGreaterThan(1);
    expect(await text(page, 'pivot-coltotal-202405')).toBe('258');
    await page.getByTestId('pivot-map-toggle').click();
    const map = page.getByTestId('choropleth-map');
    await expect.poll(async () => Number(await map.getAttribute('data-regions')), { timeout: 15_000 }).toBe(current);
    expect(await map.locator('canvas').count()).toBeGreaterThan(0);
    await page.waitForTimeout(800); // let the map finish its entry animation
    await page.screenshot({ path: path.join(ARTIFACTS, 'pivot-map.png'), fullPage: true });
  }, 120_000);
});
