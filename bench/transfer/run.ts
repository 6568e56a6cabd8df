// First-visit transfer of a page of the web app, as a browser on a phone sees it: a fresh browser
// profile (empty cache, no service worker) logged in as `--user` opens `--path` (default /entry) and
// waits until the page is ready, the network is quiet and the service worker has installed (its
// precache downloads count: they are part of the first visit). Every request the browser makes —
// the page's and the service worker's — is listed with the bytes that crossed the network (headers
// and body as served, i.e. compressed; 0 for an answer from a cache), then the totals and the
// JavaScript chunks the page loaded.
//
//   npx tsx bench/transfer/run.ts --base http://127.0.0.1:3000 [--user tyt.hoangxuan] [--password Demo@2024]
//        [--path /entry] [--ready '[data-testid="entry-dataset"]'] [--json]
//
// The server must be running (e.g. `soyte start`, or bench/transfer/serve.ts for a given web/dist).
// Chromium: CHROMIUM_PATH or /usr/bin/chromium.
//
// For an http:// base the browser talks to the server through a counting TCP relay, whose count of
// bytes received is printed as a check of the per-request figures (it includes what the browser's
// per-request sizes may miss, e.g. scripts a service worker imports).
import net from 'node:net';
import { chromium, type Request } from 'playwright-core';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const target = new URL(opt('base', 'http://127.0.0.1:3000'));
const user = opt('user', 'tyt.hoangxuan');
const password = opt('password', 'Demo@2024');
const pagePath = opt('path', '/entry');
const ready = opt('ready', '[data-testid="entry-dataset"]');
const json = args.includes('--json');

/** A TCP relay to the server that counts the bytes the server sends; the browser uses it as the base URL. */
async function countingRelay(to: URL): Promise<{ base: string; received(): number; reset(): void; close(): void }> {
  let received = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(to.port || 80), to.hostname);
    sockets.add(client).add(upstream);
    upstream.on('data', (d: Buffer) => {
      received += d.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    received: () => received,
    reset: () => {
      received = 0;
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

const relay = target.protocol === 'http:' ? await countingRelay(target) : null;
const base = (relay?.base ?? target.origin + target.pathname).replace(/\/$/, '');

interface Row {
  url: string;
  type: string;
  /** Who asked: the page, or the service worker (its precache and runtime fetches). */
  by: 'page' | 'service worker';
  status: number;
  /** Header + body bytes received over the network (0: answered by a cache or by the service worker). */
  bytes: number;
  encoding: string;
}

const rows: Row[] = [];
const pending = new Set<Promise<void>>();

async function record(req: Request) {
  const res = await req.response();
  if (!res) return;
  const sizes = await req.sizes();
  const fromWorker = res.fromServiceWorker();
  rows.push({
    url: req.url().replace(base, ''),
    type: req.resourceType(),
    by: req.serviceWorker() ? 'service worker' : 'page',
    status: res.status(),
    bytes: fromWorker ? 0 : sizes.responseHeadersSize + sizes.responseBodySize,
    encoding: (await res.allHeaders())['content-encoding'] ?? '',
  });
}

/** Resolves once no request has started or finished for `ms`. */
async function quiet(ms: number, inflight: () => number, lastActivity: () => number) {
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    if (inflight() === 0 && Date.now() - lastActivity() >= ms) return;
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  // A phone (390 × 844) with an empty cache.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, locale: 'vi-VN' });
  // Log in through the API: the session cookie lands in the browser's jar; this request is not counted.
  const login = await context.request.post(`${base}/api/auth/login`, { data: { username: user, password } });
  if (!login.ok()) throw new Error(`Login of ${user} failed: HTTP ${login.status()} ${await login.text()}`);

  // Only the visit counts: the login's bytes and connection are left out.
  await context.request.dispose();
  relay?.reset();
  let inflight = 0;
  let last = Date.now();
  context.on('request', () => {
    inflight++;
    last = Date.now();
  });
  const settle = (req: Request) => {
    inflight--;
    last = Date.now();
    const p = record(req).catch(() => {});
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  context.on('requestfinished', settle);
  context.on('requestfailed', (req) => {
    inflight--;
    last = Date.now();
    rows.push({ url: req.url().replace(base, ''), type: req.resourceType(), by: req.serviceWorker() ? 'service worker' : 'page', status: 0, bytes: 0, encoding: 'failed' });
  });

  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`${base}${pagePath}`);
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  const readyMs = Date.now() - started;
  // The service worker installs (precaches) after the page loaded; wait for it to be active.
  await page.evaluate(() => ('serviceWorker' in navigator ? navigator.serviceWorker.ready.then(() => true) : false));
  await quiet(2000, () => inflight, () => last);
  await Promise.all([...pending]);

  const total = (list: Row[]) => list.reduce((a, r) => a + r.bytes, 0);
  const byPage = rows.filter((r) => r.by === 'page');
  const byWorker = rows.filter((r) => r.by === 'service worker');
  const scripts = [...new Set(byPage.filter((r) => r.type === 'script' && r.url.startsWith('/assets/')).map((r) => r.url.replace('/assets/', '')))];
  const summary = {
    base: target.origin,
    path: pagePath,
    user,
    readyMs,
    requests: rows.length,
    bytes: {
      total: total(rows),
      page: total(byPage),
      serviceWorker: total(byWorker),
      api: total(rows.filter((r) => r.url.startsWith('/api/'))),
      /** Bytes the server sent over TCP during the visit (http:// bases only). */
      wire: relay?.received() ?? null,
    },
    scripts,
  };
  if (json) {
    console.log(JSON.stringify({ ...summary, rows }, null, 2));
  } else {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(`First visit of ${target.origin}${pagePath} as ${user} (390×844, empty cache), page ready in ${readyMs} ms\n`);
    console.log(`${'bytes'.padStart(10)}  ${'by'.padEnd(14)} ${'enc'.padEnd(6)} status  url`);
    for (const r of [...rows].sort((a, b) => a.by.localeCompare(b.by) || b.bytes - a.bytes)) {
      console.log(`${String(r.bytes).padStart(10)}  ${r.by.padEnd(14)} ${r.encoding.padEnd(6)} ${String(r.status).padEnd(6)}  ${r.url.length > 90 ? `${r.url.slice(0, 87)}…` : r.url}`);
    }
    console.log(`\nrequests: ${rows.length}`);
    console.log(`transferred: ${kb(summary.bytes.total)} (${summary.bytes.total} bytes) = page ${kb(summary.bytes.page)} + service worker ${kb(summary.bytes.serviceWorker)}; of which API ${kb(summary.bytes.api)}`);
    if (relay) console.log(`received over TCP (check): ${kb(relay.received())} (${relay.received()} bytes)`);
    console.log(`JS chunks loaded by the page (${scripts.length}): ${scripts.join(', ')}`);
  }
  await context.close();
} finally {
  await browser.close();
  relay?.close();
}
