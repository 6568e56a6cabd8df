// The PDF of a report, printed by headless Chromium and read back with poppler-utils: Vietnamese text
// with its diacritics, fonts embedded, page numbers from page 2 on. The first page is kept as
// test-artifacts/report-page1.png for people to look at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../core/config.js';
import type { DocBlock } from '../document.js';
import { closePdfBrowser, pdfAvailable, renderPdf } from './pdf.js';
import { sampleDocument } from './sample.test-helper.js';

/** The configured Chromium (CHROMIUM_PATH, read by the kernel's configuration). */
const CHROMIUM = loadConfig().chromiumPath;
const ARTIFACTS = path.resolve('test-artifacts');
/** Without Chromium or poppler-utils the PDF tests are skipped on a developer machine; CI must have both (they fail there). */
const available = (fs.existsSync(CHROMIUM) && fs.existsSync('/usr/bin/pdftoppm')) || Boolean(process.env.CI);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-pdf-'));
afterAll(async () => {
  await closePdfBrowser();
  fs.rmSync(work, { recursive: true, force: true });
});

function tool(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
}

async function pdfFile(name: string, pdf: Buffer): Promise<string> {
  const file = path.join(work, name);
  fs.writeFileSync(file, pdf);
  return file;
}

const firstLine = (text: string): string => text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';

describe.skipIf(!available)('renderPdf', () => {
  it('prints the sample report as an A4 PDF with Vietnamese text and embedded serif fonts', async () => {
    const pdf = await renderPdf(sampleDocument(), CHROMIUM);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = await pdfFile('report.pdf', pdf);

    const info = tool('pdfinfo', [file]);
    expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
    expect(info).toContain('Báo cáo tháng 5 năm 2024');

    const layout = tool('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).normalize('NFC').replace(/[ \t]+/g, ' ');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hoằng Hóa, ngày 10 tháng 6 năm 2024',
      'Số: 12/BC-TTYT',
      'BÁO CÁO',
      '509.591',
      'đạt 8,7 % kế hoạch',
      'chưa có số liệu',
      'Tổng cộng 7.000 550 2.681 38,3',
      'Nơi nhận:',
      'KT. GIÁM ĐỐC',
      'Lê Trọng Tiến',
    ]) {
      expect(layout).toContain(expected);
    }
    // The issuing body wraps inside its 40 % column (as in the DOCX), so the layout mode interleaves
    // it with the right column; the reading-order mode gives the column's lines one after the other.
    const reading = tool('pdftotext', ['-enc', 'UTF-8', file, '-']).normalize('NFC').replace(/\s+/g, ' ');
    expect(reading).toContain('SỞ Y TẾ THANH HÓA TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA');
    // No page number on page 1: its first line is the header.
    expect(firstLine(tool('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-']))).toMatch(/^SỞ Y TẾ THANH HÓA\s+CỘNG HÒA/);

    const fonts = tool('pdffonts', [file]);
    const serif = fonts.split('\n').filter((line) => /LiberationSerif|Times|Tinos/i.test(line));
    expect(serif.length).toBeGreaterThan(0);
    // Columns: name type encoding emb sub uni — every serif font embedded.
    for (const line of serif) expect(line).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const png = path.join(ARTIFACTS, 'report-page1.png');
    fs.rmSync(png, { force: true });
    tool('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', file, png.replace(/\.png$/, '')]);
    expect(fs.existsSync(png)).toBe(true);
    expect(fs.statSync(png).size).toBeGreaterThan(10 * 1024);
  });

  it('prints a long report on several pages, numbered at the top from page 2 on', async () => {
    const base = sampleDocument();
    const extra: DocBlock[] = Array.from({ length: 150 }, (_, i) => ({
      kind: 'paragraph',
      runs: [{ text: `Đoạn ${i + 1}: các trạm Y tế tiếp tục triển khai công tác phòng chống dịch bệnh, tiêm chủng mở rộng và chăm sóc sức khỏe sinh sản theo kế hoạch.` }],
    }));
    const file = await pdfFile('long.pdf', await renderPdf({ ...base, blocks: [...base.blocks, ...extra] }, CHROMIUM));
    const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(firstLine(tool('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-']))).toBe('2');
    expect(firstLine(tool('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), file, '-']))).toBe(String(pages));
    expect(firstLine(tool('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-']))).not.toMatch(/^\d+$/);
  });

  it('prints several reports at once on the shared browser, and again after it was closed', async () => {
    const pdfs = await Promise.all([1, 2, 3].map((n) => renderPdf(sampleDocument({ header: { ...sampleDocument().header, number: `Số: ${n}/BC-TTYT` } }), CHROMIUM)));
    for (const [i, pdf] of pdfs.entries()) {
      const text = tool('pdftotext', ['-layout', await pdfFile(`batch-${i}.pdf`, pdf), '-']);
      expect(text).toContain(`Số: ${i + 1}/BC-TTYT`);
    }
    await closePdfBrowser();
    const again = await renderPdf(sampleDocument({ draft: true }), CHROMIUM);
    expect(tool('pdftotext', ['-layout', await pdfFile('draft.pdf', again), '-'])).toContain('DỰ THẢO');
  });
});

describe('renderPdf without Chromium', () => {
  it('answers UNSUPPORTED reports.pdfUnavailable for a configured path with no Chromium', async () => {
    await closePdfBrowser();
    const missing = path.join(work, 'no-such-chromium');
    expect(pdfAvailable(missing)).toBe(false);
    await expect(renderPdf(sampleDocument(), missing)).rejects.toMatchObject({ code: 'UNSUPPORTED', messageKey: 'reports.pdfUnavailable' });
  });
});
