// Shared set-up of the browser tests (web/e2e*.test.ts): the built web app served by a real server on
// a fresh clone of the test database, and headless Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../src/cli/runtime.js';
import { loadConfig } from '../src/core/config.js';
import type { Database } from '../src/db/connection.js';
import { buildApp, WEB_DIST } from '../src/server/app.js';
import { freshDatabase, TEST_DEMO_PASSWORD } from '../src/test/harness.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-artifacts');
/** False skips the browser tests on a machine without Chromium; CI must have it. */
export const browserAvailable = fs.existsSync(CHROMIUM);
if (!browserAvailable && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: .ci/run must install it`);

export interface BrowserSession {
  base: string;
  browser: Browser;
  database: Database;
}

/** Builds the web app if needed, starts the server and Chromium; both are closed after the file. */
export async function startBrowserSession(): Promise<BrowserSession> {
  expect(ensureWebBuilt(() => {})).toBe(true);
  const database = await freshDatabase();
  const app = await buildApp({ store: database.store, config: loadConfig({ SOYTE_LOG_LEVEL: 'silent' }), webDist: WEB_DIST });
  await app.listen({ port: 0, host: '127.0.0.1' });
  afterAll(() => app.close());
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  afterAll(() => browser.close());
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return { base, browser, database };
}

/** A new browser context logged in through the login page (waits for the app shell). */
export async function loginPage(
  s: BrowserSession,
  username: string,
  password = TEST_DEMO_PASSWORD,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await s.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN', ...options });
  const page = await context.newPage();
  await page.goto(s.base);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // The shell's header (on a phone "Đăng xuất" is in the menu, not the header).
  await page.getByTestId('app-name').waitFor();
  return page;
}

/** An API call as a user, the way the app makes it (cookie session + CSRF token): the status and body. */
export async function apiAs(base: string, username: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: string }> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}
