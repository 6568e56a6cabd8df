// Browser check of the facilities pages (issue 15, point 8) on the demo's programmes and premises:
// the premises list and a station's form, the programmes, a programme's progress (table and bars)
// and a project, on a 390 × 844 phone (no sideways scrolling) and at 1366 px; the planning office
// records a month's disbursement. Screenshots in test-artifacts/facilities-*.png.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { testConfig } from '../src/core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../src/core/context.js';
import { loadDemoFacilities } from '../src/modules/facilities/facilities.demo.js';
import { ARTIFACTS, browserAvailable, loginPage, startBrowserSession, type BrowserSession } from './e2e-setup.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const WIDE = { viewport: { width: 1366, height: 900 } };

async function noSidewaysScroll(page: Page): Promise<void> {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(inner);
}

describe.skipIf(!browserAvailable)('facilities in a browser', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await startBrowserSession();
    await loadDemoFacilities(new Ctx(SYSTEM_ACTOR, session.database.store, testConfig()));
  }, 300_000);

  for (const [name, size] of [['phone', PHONE], ['wide', WIDE]] as const) {
    it(`the pages fit a ${name} screen`, async () => {
      const centre = await loginPage(session, 'ttyt.hoanghoa', undefined, size);
      centre.setDefaultTimeout(20_000);
      await centre.goto(`${session.base}/facilities`);
      await centre.getByTestId('premises-list').waitFor();
      await noSidewaysScroll(centre);
      await centre.screenshot({ path: path.join(ARTIFACTS, `facilities-premises-${name}.png`), fullPage: true });
      await centre.getByTestId('premises-list').getByRole('link').first().click();
      await centre.getByTestId('premises-form').waitFor();
      await centre.getByTestId('premises-history').waitFor();
      await noSidewaysScroll(centre);
      await centre.screenshot({ path: path.join(ARTIFACTS, `facilities-unit-${name}.png`), fullPage: true });

      const office = await loginPage(session, 'syt.khtc', undefined, size);
      office.setDefaultTimeout(20_000);
      await office.goto(`${session.base}/facilities/programmes`);
      await office.getByTestId('programmes-list').waitFor();
      await noSidewaysScroll(office);
      await office.screenshot({ path: path.join(ARTIFACTS, `facilities-programmes-${name}.png`), fullPage: true });
      await office.getByTestId('programmes-list').getByRole('link', { name: /117/ }).click();
      await office.getByTestId('programme-progress').waitFor();
      await office.getByTestId('chart-money').locator('canvas').waitFor();
      await noSidewaysScroll(office);
      await office.screenshot({ path: path.join(ARTIFACTS, `facilities-progress-${name}.png`), fullPage: true });
      await office.getByTestId('programme-projects').getByRole('link').first().click();
      await office.getByTestId('project-stages').waitFor();
      await noSidewaysScroll(office);
      if (name === 'wide') {
        // The month's plan (a disbursement could exceed a settled project's budget: refused, rightly).
        await office.getByTestId('planned-input').fill('12');
        const saved = office.waitForResponse((r) => r.url().includes('/months/') && r.request().method() === 'PUT');
        await office.getByTestId('month-save').click();
        expect((await saved).status()).toBe(200);
      }
      await office.screenshot({ path: path.join(ARTIFACTS, `facilities-project-${name}.png`), fullPage: true });
      await centre.context().close();
      await office.context().close();
    });
  }
});
