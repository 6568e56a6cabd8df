// Three tiers of tests, all run by `npm test`:
//   unit     pure code, no database, no browser (`npm run test:unit`: seconds)
//   db       the API and services on a real PostgreSQL (embedded, or TEST_DATABASE_URL)
//   browser  the web app in headless Chromium, and PDFs printed by it
// A test file's tier follows from what it uses (read here once): the test harness or PostgreSQL → db;
// Playwright, the shared browser set-up or PDF printing → browser; anything else → unit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

function testFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') testFiles(rel, out);
    } else if (e.name.endsWith('.test.ts')) out.push(rel);
  }
  return out;
}

const BROWSER = /from ['"]playwright-core['"]|e2e-setup|render\/pdf\.js|from ['"]\.\/pdf\.js['"]/;
const DATABASE = /test\/harness|from ['"]pg['"]|startEmbedded/;

const tierOf = (file: string) => {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  if (BROWSER.test(text)) return 'browser';
  if (DATABASE.test(text)) return 'db';
  return 'unit';
};
const files = [...testFiles('src'), ...testFiles('web')];
const tier = (name: string) => files.filter((f) => tierOf(f) === name);

export default defineConfig({
  test: {
    pool: 'forks',
    // A path filter may match files of one tier only: the others then have nothing to run.
    passWithNoTests: true,
    projects: [
      { extends: true, test: { name: 'unit', include: tier('unit'), testTimeout: 10_000 } },
      {
        extends: true,
        test: { name: 'db', include: tier('db'), globalSetup: ['src/test/global-setup.ts'], testTimeout: 30_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: tier('browser'),
          globalSetup: ['src/test/global-setup.ts'],
          // Chromium shares two cores with the server under test: generous, never a performance goal.
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
