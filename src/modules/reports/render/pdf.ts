// PDF of a resolved report: renderHtml(doc) printed by headless Chromium (playwright-core) found at the
// configured path (config.chromiumPath, CHROMIUM_PATH). One browser per process, launched on first use and reused (a batch prints many), closed when it has been idle for
// a while (IDLE_MS), by closePdfBrowser(), or when the process exits (Playwright kills the browsers it
// launched from a synchronous process 'exit' handler, and closes them on SIGINT/SIGTERM/SIGHUP).
// Pages are printed at most MAX_PAGES at a time.
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { AppError } from '../../../core/errors.js';
import type { ReportDocument } from '../document.js';
import { renderHtml } from './html.js';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
];
/** Concurrent pages: printing is CPU-bound, more pages than cores only add memory. */
const MAX_PAGES = 2;
/**
 * An idle browser is closed after this delay: an open browser keeps Node's event loop alive, so a CLI
 * that forgets closePdfBrowser() still ends shortly after its last PDF.
 */
const IDLE_MS = 5_000;
const PRINT_TIMEOUT_MS = 60_000;

/** True when the Chromium executable is installed at `chromiumPath` (PDF output is possible). */
export function pdfAvailable(chromiumPath: string): boolean {
  return fs.existsSync(chromiumPath);
}

let browserPromise: Promise<Browser> | null = null;
/** The executable the shared browser was launched from. */
let browserPath: string | null = null;
let active = 0;
const waiting: (() => void)[] = [];
let idleTimer: NodeJS.Timeout | null = null;

function unavailable(cause?: unknown): AppError {
  const error = new AppError('UNSUPPORTED', 'reports.pdfUnavailable');
  if (cause !== undefined) (error as Error & { cause?: unknown }).cause = cause;
  return error;
}

function getBrowser(executablePath: string): Promise<Browser> {
  // Another executable (a changed configuration, a test): the next PDF uses it, the old browser goes.
  if (browserPromise && browserPath !== executablePath) void closePdfBrowser();
  if (!browserPromise) {
    if (!fs.existsSync(executablePath)) return Promise.reject(unavailable());
    // Playwright is loaded on the first PDF: loading it takes 1–3 s, which every start of the server,
    // every CLI command and every test process would otherwise pay.
    const launching = import('playwright-core')
      .then(({ chromium }) => chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 }))
      .then((browser) => {
        browser.on('disconnected', () => {
          if (browserPromise === launching) browserPromise = null;
        });
        return browser;
      })
      .catch((err: unknown) => {
        if (browserPromise === launching) browserPromise = null;
        throw unavailable(err);
      });
    browserPromise = launching;
    browserPath = executablePath;
  }
  return browserPromise;
}

async function acquire(): Promise<void> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  if (active < MAX_PAGES) {
    active++;
    return;
  }
  // The releasing job hands its slot over (active stays the same).
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) {
    next();
    return;
  }
  active--;
  if (active === 0 && browserPromise) {
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (active === 0) void closePdfBrowser();
    }, IDLE_MS);
    idleTimer.unref();
  }
}

/** Closes the shared browser (if any). Safe to call at any time; the next PDF launches a new one. */
export async function closePdfBrowser(): Promise<void> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  const current = browserPromise;
  browserPromise = null;
  browserPath = null;
  if (!current) return;
  try {
    const browser = await current;
    await browser.close();
  } catch {
    // A browser that failed to start or already died has nothing left to close.
  }
}

/** The report as a PDF (A4, Nghị định 30/2020 layout, fonts embedded), printed by the Chromium at `chromiumPath`. */
export async function renderPdf(doc: ReportDocument, chromiumPath: string): Promise<Buffer> {
  const html = renderHtml(doc);
  await acquire();
  try {
    const browser = await getBrowser(chromiumPath);
    const page = await browser.newPage({ javaScriptEnabled: false });
    try {
      page.setDefaultTimeout(PRINT_TIMEOUT_MS);
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      return Buffer.from(pdf);
    } finally {
      await page.close().catch(() => {});
    }
  } finally {
    release();
  }
}
