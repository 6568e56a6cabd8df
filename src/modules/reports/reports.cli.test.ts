// The `soyte report` and `soyte report-batch` commands, run as a user would: a child process on the
// test database (DATABASE_URL), files written and opened back.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/harness.js';

const run = promisify(execFile);
let url: string;
let dir: string;
const chromium = fs.existsSync('/usr/bin/chromium');
/** Each case starts the CLI (tsx compiles the app on start): seconds each on a busy machine. */
const CLI_TIMEOUT = 120_000;

beforeAll(async () => {
  url = (await freshDatabase()).url;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-report-cli-'));
});

function soyte(args: string[]) {
  return run('node', ['bin/soyte.js', ...args], { env: { ...process.env, DATABASE_URL: url, SOYTE_LOG_LEVEL: 'silent' }, timeout: 120_000 });
}

async function docxText(file: string) {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('soyte report', () => {
  it('writes the DOCX of TTYT399 for May 2024', async () => {
    const out = path.join(dir, 'report.docx');
    const r = await soyte(['report', '--template', 'BC_TTYT_THANG', '--org', 'TTYT399', '--period', '202405', '--format', 'docx', '--out', out]);
    expect(r.stdout).toMatch(/Created the draft BC_TTYT_THANG · TTYT399 · 202405 .* wrote .*report\.docx/);
    const text = await docxText(out);
    for (const s of ['235', '509.591', 'đạt 8,7 % kế hoạch', '118/100', '238.168', '7.954']) expect(text).toContain(s);
  }, CLI_TIMEOUT);

  it.runIf(chromium || process.env.CI)('writes the PDF too (and exits)', async () => {
    const out = path.join(dir, 'report.pdf');
    const r = await soyte(['report', '--template', 'BC_TTYT_THANG', '--org', 'TTYT399', '--period', '202405', '--format', 'pdf', '--out', out]);
    expect(r.stdout).toContain('Opened the draft');
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  }, CLI_TIMEOUT);

  it('says clearly what is wrong, with exit code 1', async () => {
    for (const [args, message] of [
      [['--org', 'TTYT999', '--period', '202405'], 'Organisation unit TTYT999 not found.'],
      [['--org', 'TTYT399', '--period', '2024-13'], 'Report period 2024-13 is not valid'],
      [['--org', 'TTYT399', '--period', '202405', '--format', 'odt'], 'Unknown format "odt"'],
      [['--org', 'TTYT399', '--period', '202405', '--user', 'tyt.hoangloc'], 'outside your scope'],
    ] as const) {
      const e = await soyte(['report', '--template', 'BC_TTYT_THANG', ...args, '--out', path.join(dir, 'x.docx')]).catch((err: { code: number; stderr: string }) => err);
      expect('code' in e && e.code, args.join(' ')).toBe(1);
      expect((e as { stderr: string }).stderr).toContain(message);
    }
  }, 4 * CLI_TIMEOUT);
});

describe('soyte report-batch', () => {
  it('writes every centre’s report into a ZIP, with progress', async () => {
    const out = path.join(dir, 'all.zip');
    const r = await soyte(['report-batch', '--template', 'BC_TTYT_THANG', '--period', '202405', '--out', out]);
    expect(r.stdout).toMatch(/reports: \d+\/\d+/);
    const n = Number(/(\d+) reports written/.exec(r.stdout)![1]);
    expect(n).toBeGreaterThan(20);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    expect(Object.keys(zip.files)).toHaveLength(n);
    expect(Object.keys(zip.files)).toContain('BC thang 5-2024 - TTYT Hoang Hoa.docx');
  }, CLI_TIMEOUT);
});
