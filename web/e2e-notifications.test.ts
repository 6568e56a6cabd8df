// Browser test of the notification centre (issue 13 §5) on a phone (390 px): the bell of the header
// shows the unread count, its drop-down lists the latest notices in Vietnamese, a click opens the form
// the notice is about and marks it read; the /notifications page filters unread ones and marks all
// read; a notice written meanwhile appears when the window gets the focus back.
// Real server, real database, headless Chromium; screenshots in test-artifacts/notifications-*.png.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../src/core/context.js';
import { notify } from '../src/modules/notifications/notifications.service.js';
import { TEST_DEMO_PASSWORD } from '../src/test/harness.js';
import { ARTIFACTS, browserAvailable, loginPage, startBrowserSession, type BrowserSession } from './e2e-setup.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe.skipIf(!browserAvailable)('notifications in a browser', () => {
  let session: BrowserSession;
  let ctx: Ctx;
  let user: string;
  let unit: string;

  beforeAll(async () => {
    session = await startBrowserSession();
    ctx = new Ctx(SYSTEM_ACTOR, session.database.store, testConfig());
    const db = session.database.db;
    user = (await db.selectFrom('app_user').select('id').where('username', '=', 'tyt.hoangxuan').executeTakeFirstOrThrow()).id;
    unit = (await db.selectFrom('org_unit').select('id').where('code', '=', 'TYT15877').executeTakeFirstOrThrow()).id;
    for (const [i, month] of [3, 4, 5].entries()) {
      await notify(ctx, {
        userIds: [user],
        kind: i === 2 ? 'form.returned' : 'form.dueSoon',
        params: {
          dataSet: { vi: 'Báo cáo thống kê y tế cơ sở (trạm)', en: 'Station monthly report' }, period: { vi: `tháng ${month} năm 2024`, en: `month ${month} 2024` },
          unit: 'Trạm Y tế xã Hoằng Xuân', by: 'ttyt.hoanghoa', reason: 'Số trẻ sinh trai + gái chưa bằng tổng số trẻ đẻ ra sống, đề nghị kiểm tra lại',
          deadline: { date: `2024-0${month + 1}-05` }, left: { vi: 'còn 2 ngày làm việc', en: '2 working days left' },
        },
        link: `/entry?ds=BCTK_TYT_THANG&ou=${unit}&pe=2024${String(month).padStart(2, '0')}`,
      });
    }
  }, 300_000);

  it('bell, drop-down and list page on a phone', async () => {
    const page = await loginPage(session, 'tyt.hoangxuan', TEST_DEMO_PASSWORD, PHONE);
    page.setDefaultTimeout(20_000);

    // The header keeps one line with the bell, inside the screen.
    await expect.poll(() => page.getByTestId('bell').getAttribute('aria-label')).toBe('Thông báo (3 chưa đọc)');
    expect(await page.getByTestId('bell-count').innerText()).toContain('3');
    const header = await page.locator('header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(57);
    for (const id of ['bell', 'burger']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(390);
    }

    await page.getByTestId('bell').click();
    const dropdown = page.getByTestId('bell-dropdown');
    await dropdown.waitFor();
    const items = dropdown.getByTestId('notification');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.first().innerText()).toContain('Báo cáo bị trả lại: Báo cáo thống kê y tế cơ sở (trạm) tháng 5 năm 2024');
    const box = await dropdown.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, 'notifications-bell-phone.png') });

    // Opening a notice goes to the form it is about and marks it read.
    await items.first().locator('a').click();
    await page.waitForURL(/\/entry\?ds=BCTK_TYT_THANG&ou=.*&pe=202405/);
    await expect.poll(() => page.getByTestId('bell').getAttribute('aria-label')).toBe('Thông báo (2 chưa đọc)');

    // The list page: only unread ones, then all read.
    await page.goto(`${session.base}/notifications`);
    await page.getByTestId('notifications-list').waitFor();
    expect(await page.getByTestId('notifications-list').getByTestId('notification').count()).toBe(3);
    await page.getByTestId('notifications-filter').getByText('Chưa đọc (2)').click();
    await expect.poll(() => page.getByTestId('notifications-list').getByTestId('notification').count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'notifications-page-phone.png'), fullPage: true });
    await page.getByTestId('notifications-read-all').click();
    await page.getByTestId('notifications-empty').waitFor();
    await expect.poll(() => page.getByTestId('bell').getAttribute('aria-label')).toBe('Thông báo');

    // A notice written meanwhile shows when the window gets the focus back.
    await notify(ctx, { userIds: [user], kind: 'form.returned', params: { dataSet: 'X', period: 'tháng 6 năm 2024', reason: 'Mới' }, link: '/notifications' });
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => page.getByTestId('bell').getAttribute('aria-label'), { timeout: 15_000 }).toBe('Thông báo (1 chưa đọc)');
  });
});
