// Browser test of the equipment overview, stocktaking and care pages (issue 15): at 1366 × 768 the
// Department sees one row per centre on "Tổng quan thiết bị" (numbers in vi-VN, as the API counts
// them) and opens a centre's stations; on a 390 × 844 phone a station nurse counts her items in a
// stocktaking campaign her centre created (found, a lot counted short, one missing, a surplus item)
// and confirms with her signers, the differences come back and the centre applies one; the centre
// repairs a reported pump (photo, assign, finish with cost), records results from the due list and
// the asset's care panel, and proposes a liquidation. No sideways scrolling on the phone. Real
// server and database, headless Chromium; screenshots in test-artifacts/.
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import type { Kpi } from '../src/modules/equipment/care.contract.js';
import { apiAs, ARTIFACTS, browserAvailable, loginPage, startBrowserSession, type BrowserSession } from './e2e-setup.js';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const NURSE = 'tyt.hoangloc'; // Trạm Y tế Hoằng Lộc (TYT15961), under TTYT399

/** A small photo (a 16 × 16 PNG) as the camera would give it. */
function photo(): Buffer {
  const png = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 40, 40, 255], i);
  return PNG.sync.write(png);
}

const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
/** Today in Vietnam (the server's day). */
const todayVn = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!browserAvailable)('equipment overview and stocktaking in the browser', () => {
  let s: BrowserSession;
  let stocktakeId: string;
  let ultrasoundId: string;

  async function asset(user: string, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
    const r = await apiAs(s.base, user, 'POST', '/api/equipment/assets', { acquired: '2021-03-15', funding: 'ngan_sach', ...body });
    expect(r.status, r.body).toBe(201);
    return JSON.parse(r.body);
  }

  beforeAll(async () => {
    s = await startBrowserSession();
    // Hoằng Hóa: the centre's ultrasound, the station's suction pump, blood-pressure meters (a lot of
    // 5) and a thermometer lot; Hoằng Lộc's suction pump is then reported broken.
    ultrasoundId = (await asset('ttyt.hoanghoa', { tag: 'TTYT399-SA-K1', name: 'Máy siêu âm tổng quát Mindray DC-30', orgUnit: 'TTYT399', category: 'ULTRASOUND', cost: 950_000_000, acquired: '2019-09-03' })).id;
    const pump = await asset('ttyt.hoanghoa', { tag: 'TYT15961-HUT-K1', name: 'Máy hút dịch Yuwell 7E-A', orgUnit: 'TYT15961', room: 'Phòng cấp cứu', category: 'SUCTION', cost: 12_500_000 });
    await asset('ttyt.hoanghoa', { tag: 'TYT15961-HA-K1', name: 'Máy đo huyết áp đồng hồ ALPK2', orgUnit: 'TYT15961', room: 'Phòng khám', category: 'BP_METER', cost: 650_000, quantity: 5 });
    await asset('ttyt.hoanghoa', { tag: 'TYT15961-NK-K1', name: 'Nhiệt kế điện tử Omron MC-246', orgUnit: 'TYT15961', room: 'Phòng khám', category: 'THERMO_CONTACT', cost: 120_000, quantity: 10 });
    // Quảng Xương (another centre): an ECG and an autoclave, created by the Department.
    await asset('syt.admin', { tag: 'TTYT380-ECG-K1', name: 'Máy điện tim 6 cần Nihon Kohden', orgUnit: 'TTYT380', category: 'ECG', cost: 68_500_000 });
    await asset('syt.admin', { tag: 'TTYT380-AUTO-K1', name: 'Nồi hấp tiệt trùng 50 lít', orgUnit: 'TTYT380', category: 'AUTOCLAVE', cost: 42_000_000 });
    const broken = await apiAs(s.base, NURSE, 'POST', `/api/equipment/assets/${pump.id}/work-orders`, { fault: 'Máy không hút được' });
    expect(broken.status, broken.body).toBe(201);
    // The centre opens the year-end stocktaking of its whole subtree.
    const st = await apiAs(s.base, 'ttyt.hoanghoa', 'POST', '/api/equipment/stocktakes', { name: 'Kiểm kê tài sản cuối năm', asOf: todayVn(), orgUnit: 'TTYT399' });
    expect(st.status, st.body).toBe(201);
    stocktakeId = JSON.parse(st.body).id;
  }, 300_000);

  it('desktop: the Department sees one row per centre, in vi-VN numbers, and opens a centre', async () => {
    // The figures the page must show (the test database may hold the demo register as well).
    const kpi = JSON.parse((await apiAs(s.base, 'syt.admin', 'GET', '/api/equipment/kpi')).body) as Kpi;
    const hhKpi = kpi.children.find((c) => c.orgUnit.code === 'TTYT399')!;
    const qxKpi = kpi.children.find((c) => c.orgUnit.code === 'TTYT380')!;
    expect(hhKpi.items).toBeGreaterThanOrEqual(17);
    expect(hhKpi.broken).toBeGreaterThanOrEqual(1);
    expect(qxKpi.items).toBeGreaterThanOrEqual(2);

    const page = await loginPage(s, 'syt.admin', undefined, DESKTOP);
    page.setDefaultTimeout(20_000);
    await page.goto(`${s.base}/equipment/kpi`);
    await page.getByTestId('kpi-table').waitFor();
    expect(await page.getByTestId('kpi-unit').inputValue()).toContain('Sở Y tế');
    const hh = page.locator('[data-testid="kpi-row"][data-unit="TTYT399"]');
    const qx = page.locator('[data-testid="kpi-row"][data-unit="TTYT380"]');
    await hh.waitFor();
    for (const [row, k] of [[hh, hhKpi], [qx, qxKpi]] as const) {
      expect(await row.getByTestId('kpi-assets').innerText()).toBe(vi(k.items));
      expect(await row.getByTestId('kpi-broken').innerText()).toBe(vi(k.broken));
      expect(await row.getByTestId('kpi-inspectionsOverdue').innerText()).toBe(vi(k.inspectionsOverdue));
      expect(await row.getByTestId('kpi-openWorkOrders').innerText()).toBe(vi(k.openWorkOrders));
      expect(await row.getByTestId('kpi-functional').innerText()).toBe(`${vi(k.functionalPct!)} %`);
    }
    // vi-VN: a decimal comma, thousands with dots.
    if (!Number.isInteger(hhKpi.functionalPct)) expect(await hh.getByTestId('kpi-functional').innerText()).toMatch(/^\d+,\d %$/);
    expect(await page.getByTestId('kpi-total').getByTestId('kpi-assets').innerText()).toBe(vi(kpi.unit.items));
    // One row per child unit, with names (no codes shown).
    expect(await page.getByTestId('kpi-row').count()).toBe(kpi.children.length);
    const table = await page.getByTestId('kpi-table').innerText();
    expect(table).toContain('Hoằng Hóa');
    expect(table).not.toMatch(/TTYT\d{3}|TYT\d{4}/);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-kpi-department-desktop.png'), fullPage: true });

    // A centre's row opens its stations.
    await hh.locator('a').first().click();
    const station = page.locator('[data-testid="kpi-row"][data-unit="TYT15961"]');
    await station.waitFor();
    expect(new URL(page.url()).searchParams.get('unitName')).toContain('Hoằng Hóa');
    const hl = (JSON.parse((await apiAs(s.base, 'syt.admin', 'GET', '/api/equipment/kpi?orgUnit=TTYT399')).body) as Kpi).children.find((c) => c.orgUnit.code === 'TYT15961')!;
    expect(hl.items).toBeGreaterThanOrEqual(16);
    expect(await station.getByTestId('kpi-assets').innerText()).toBe(vi(hl.items));
    expect(await station.getByTestId('kpi-broken').innerText()).toBe(vi(hl.broken));
    expect(await page.getByTestId('kpi-total').getByTestId('kpi-assets').innerText()).toBe(vi(hhKpi.items));
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-kpi-centre-desktop.png'), fullPage: true });
    // Back: the province again.
    await page.goBack();
    await page.locator('[data-testid="kpi-row"][data-unit="TTYT380"]').waitFor();
    expect(await page.getByTestId('kpi-unit').inputValue()).toContain('Sở Y tế');
    await page.context().close();
  }, 300_000);

  it('phone: the station nurse counts her items and confirms; the differences come back', async () => {
    const page = await loginPage(s, NURSE, undefined, PHONE);
    page.setDefaultTimeout(20_000);
    await page.goto(`${s.base}/equipment/stocktakes`);
    const card = page.locator(`[data-testid="stocktake-card"][data-id="${stocktakeId}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain('Kiểm kê tài sản cuối năm');
    const [y, m, d] = todayVn().split('-');
    expect(await card.innerText()).toContain(`${d}/${m}/${y}`);
    expect(await noSidewaysScroll(page)).toBe(true);
    await card.click();
    // She sees only her own station in her centre's campaign.
    const unit = page.locator('[data-testid="stocktake-unit"]');
    await unit.first().waitFor();
    expect(await unit.count()).toBe(1);
    expect(await unit.getAttribute('data-unit')).toBe('TYT15961');
    expect(await noSidewaysScroll(page)).toBe(true);
    await unit.click();

    const count = page.getByTestId('count-page');
    await count.waitFor();
    const total = Number(await page.getByTestId('count-progress').getAttribute('data-total'));
    expect(total).toBeGreaterThanOrEqual(3);
    const item = (tag: string) => page.locator(`[data-testid="count-item"][data-tag="${tag}"]`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-stocktake-count-start-phone.png'), fullPage: true });

    // The suction pump is there, broken (as the register says).
    await item('TYT15961-HUT-K1').getByTestId('count-found').click();
    await expect.poll(() => item('TYT15961-HUT-K1').getAttribute('data-outcome')).toBe('found');
    expect(await item('TYT15961-HUT-K1').getByTestId('count-condition').innerText()).toContain('Hỏng');
    // Four of the five blood-pressure meters.
    await item('TYT15961-HA-K1').getByTestId('count-found').click();
    await expect.poll(() => item('TYT15961-HA-K1').getAttribute('data-outcome')).toBe('found');
    const qty = item('TYT15961-HA-K1').getByTestId('count-quantity');
    await qty.fill('4');
    await item('TYT15961-HA-K1').getByRole('button', { name: 'Lưu' }).click();

    // The thermometers are not found.
    await item('TYT15961-NK-K1').getByTestId('count-missing').click();
    await expect.poll(() => item('TYT15961-NK-K1').getAttribute('data-outcome')).toBe('missing');
    await expect.poll(() => page.getByTestId('count-progress').getAttribute('data-marked')).toBe('3');
    // The rest of her list (the demo register, if any) as the register has it.
    if (total > 3) {
      await page.getByTestId('count-mark-rest').click();
      await expect.poll(() => page.getByTestId('count-progress').getAttribute('data-marked')).toBe(String(total));
    }
    expect(await item('TYT15961-HA-K1').getByTestId('count-quantity').inputValue()).toBe('4');

    // A surplus item: a spare stethoscope not in the register.
    await page.getByTestId('surplus-open').click();
    await page.getByTestId('surplus-description').fill('Ống nghe Spirit (dự phòng)');
    await page.getByTestId('surplus-category').click();
    await page.getByTestId('surplus-category').fill('Ống nghe');
    await page.getByRole('option', { name: 'Ống nghe' }).click();
    await page.getByTestId('surplus-add').click();
    await page.getByTestId('surplus-item').waitFor();
    expect(await page.getByTestId('surplus-item').innerText()).toContain('Ống nghe Spirit (dự phòng) × 1');
    expect(await noSidewaysScroll(page)).toBe(true);

    // Confirm with the signers (her name is filled in; the counter's is typed).
    const names = page.getByTestId('signer-name');
    expect(await names.first().inputValue()).not.toBe('');
    await names.nth(1).fill('Lê Thị Hoa');
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-stocktake-count-phone.png'), fullPage: true });
    await page.getByTestId('count-confirm-submit').click();
    await page.locator('[data-testid="count-confirmed"], [data-testid="confirm-error"]').first().waitFor();
    if (await page.getByTestId('confirm-error').count()) throw new Error(`confirm error: ${await page.getByTestId('confirm-error').innerText()}`);
    expect(await page.getByTestId('count-confirmed-note').innerText()).toContain('Người kiểm kê: Lê Thị Hoa');
    // Once confirmed, nothing can be changed from the phone.
    expect(await page.getByTestId('count-found').count()).toBe(0);

    // The differences: the thermometers missing, 4 of 5 meters, the surplus stethoscope; the nurse
    // does not apply them (the centre does).
    const diffs = page.getByTestId('differences');
    await diffs.getByTestId('diff-row').first().waitFor();
    const kinds = await diffs.getByTestId('diff-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')).sort());
    expect(kinds).toEqual(['missing', 'quantity', 'surplus']);
    expect(await diffs.innerText()).toContain('sổ 5, đếm được 4');
    expect(await diffs.getByTestId('diff-apply').count()).toBe(0);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-stocktake-confirmed-phone.png'), fullPage: true });
    await page.context().close();

    // The centre sees the station confirmed and applies the counted quantity to the register.
    const desk = await loginPage(s, 'ttyt.hoanghoa', undefined, DESKTOP);
    desk.setDefaultTimeout(20_000);
    await desk.goto(`${s.base}/equipment/stocktakes/${stocktakeId}`);
    const row = desk.locator('[data-testid="stocktake-unit"][data-unit="TYT15961"]');
    await row.waitFor();
    expect(await row.innerText()).toContain(`Đã kiểm ${vi(total)}/${vi(total)}`);
    expect(await desk.getByTestId('stocktake-progress').innerText()).toMatch(/1\/\d+ đơn vị đã xác nhận/);
    const quantity = desk.locator('[data-testid="diff-row"][data-kind="quantity"]', { hasText: 'ALPK2' });
    await quantity.getByTestId('diff-apply').click();
    await expect.poll(() => quantity.innerText()).toContain('Đã áp dụng');
    expect(await desk.getByTestId('record-docx').getAttribute('href')).toBe(`/api/equipment/stocktakes/${stocktakeId}/record.docx`);
    await desk.screenshot({ path: path.join(ARTIFACTS, 'equipment-stocktake-centre-desktop.png'), fullPage: true });
    const meters = await apiAs(s.base, 'ttyt.hoanghoa', 'GET', '/api/equipment/assets?orgUnit=TYT15961&q=ALPK2');
    expect(JSON.parse(meters.body).assets[0].quantity).toBe(4);
    await desk.context().close();
  }, 300_000);
  it('desktop: the centre repairs the reported pump, records an inspection and proposes a liquidation', async () => {
    const page = await loginPage(s, 'ttyt.hoanghoa', undefined, DESKTOP);
    page.setDefaultTimeout(20_000);
    // The open work orders of the centre: the station's pump.
    await page.goto(`${s.base}/equipment/work-orders`);
    const wo = page.getByTestId('wo-row').filter({ hasText: 'Máy hút dịch Yuwell 7E-A' });
    await wo.waitFor();
    expect(await wo.innerText()).toContain('Máy không hút được');
    expect(await wo.innerText()).toContain('Mới báo hỏng');
    await wo.getByRole('link').click();
    const detail = page.getByTestId('work-order-page');
    await detail.waitFor();
    // A photo of the fault, while it is open.
    await detail.getByTestId('wo-photos').locator('input[type="file"]').setInputFiles({ name: 'mo-to-hut.png', mimeType: 'image/png', buffer: photo() });
    await detail.getByRole('button', { name: 'Tải lên' }).click();
    await detail.getByTestId('wo-photo').waitFor();
    await page.getByTestId('wo-assign').click();
    await page.getByTestId('wo-assignee').fill('Kỹ thuật viên Lê Văn Hùng');
    await page.getByTestId('wo-send').click();
    await expect.poll(() => detail.getAttribute('data-status')).toBe('assigned');
    await page.getByTestId('wo-finish').click();
    await page.getByTestId('wo-cost').fill('1500000');
    await page.getByTestId('wo-parts').fill('Thay mô tơ hút');
    await page.getByTestId('wo-send').click();
    await expect.poll(() => detail.getAttribute('data-status')).toBe('done');
    const text = await detail.innerText();
    expect(text).toContain('1.500.000 đ');
    expect(text).toContain('Đã sửa xong, đưa vào sử dụng');
    expect(await detail.getByTestId('asset-status').innerText()).toBe('Đang sử dụng');
    expect(await page.getByTestId('wo-actions').count()).toBe(0);
    // The asset's care panel under it: its schedules, this work order; a maintenance recorded from it.
    const care = page.getByTestId('asset-care');
    await care.getByTestId('care-schedule').first().waitFor();
    await expect.poll(() => care.getByTestId('care-work-order').first().innerText()).toContain('Đã xong');
    await care.getByTestId('care-record').first().click();
    await page.getByTestId('inspection-form').waitFor();
    await page.getByTestId('insp-certificate').fill('BD-2026/011');
    await page.getByTestId('inspection-form').locator('input[type="file"]').setInputFiles({ name: 'bien-ban-bao-duong.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByTestId('insp-submit').click();
    await care.getByTestId('care-inspection').first().waitFor();
    expect(await care.getByTestId('care-inspection').first().innerText()).toContain('Đạt');
    expect(await care.getByTestId('care-inspection').first().innerText()).toContain('bien-ban-bao-duong.pdf');
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-work-order-desktop.png'), fullPage: true });

    // The inspections due in the centre's subtree; one recorded as passed.
    await page.goto(`${s.base}/equipment/inspections`);
    await page.getByTestId('inspections-page').waitFor();
    await page.locator('[data-testid="insp-table"], [data-testid="insp-empty"]').first().waitFor();
    if (await page.getByTestId('insp-table').count()) {
      const due = async () => Number((await page.getByTestId('insp-total').innerText()).split(' ')[0]!.replace(/\./g, ''));
      const before = await due();
      await page.getByTestId('insp-record').first().click();
      await page.getByTestId('insp-certificate').fill('KĐ-2026/0457');
      await page.getByTestId('insp-body').fill('Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 1');
      await page.getByTestId('insp-submit').click();
      await page.getByTestId('insp-done').waitFor();
      await expect.poll(due).toBe(before - 1);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-inspections-desktop.png'), fullPage: true });

    // A liquidation proposal for the ultrasound, from its address.
    await page.goto(`${s.base}/equipment/proposals/new?asset=${ultrasoundId}`);
    await page.getByTestId('proposal-form').waitFor();
    await page.getByTestId('proposal-reason').click();
    await page.getByRole('option', { name: 'Lý do khác' }).click();
    await page.getByTestId('proposal-note').fill('Đầu dò hỏng, hãng ngừng cung cấp linh kiện');
    await page.getByTestId('proposal-submit').click();
    const card = page.getByTestId('proposal-card');
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('proposed');
    expect(await card.innerText()).toContain('Thanh lý');
    expect(await card.innerText()).toContain('950.000.000 đ');
    await page.goto(`${s.base}/equipment/proposals`);
    await page.getByTestId('proposal-card').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'equipment-proposals-desktop.png'), fullPage: true });
    await page.goto(`${s.base}/equipment/idle`);
    await page.locator('[data-testid="idle-card"], [data-testid="idle-empty"]').first().waitFor();
    await page.context().close();

    // The station's lists on her phone: no sideways scrolling.
    const phone = await loginPage(s, NURSE, undefined, PHONE);
    phone.setDefaultTimeout(20_000);
    for (const [url, ready] of [['/equipment/work-orders', 'work-orders-page'], ['/equipment/inspections', 'inspections-page'], ['/equipment/kpi', 'kpi-page']]) {
      await phone.goto(`${s.base}${url}`);
      await phone.getByTestId(ready).waitFor();
      await phone.waitForLoadState('networkidle');
      expect(await noSidewaysScroll(phone), url).toBe(true);
    }
    // Recording inspections is the centre's: the station sees no such button.
    await phone.goto(`${s.base}/equipment/inspections`);
    await phone.locator('[data-testid="insp-card"], [data-testid="insp-empty"]').first().waitFor();
    expect(await phone.getByTestId('insp-record').count()).toBe(0);
    await phone.screenshot({ path: path.join(ARTIFACTS, 'equipment-kpi-station-phone.png'), fullPage: true });
    await phone.context().close();
  }, 300_000);
});
