import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { readTemplate, xlsxZipLimits, XLSX_LIMITS } from './xlsx.js';
import { checkDeclaredSizes, readZipDirectory, verifyZip, type ZipLimits } from './zip.js';
import { buildZip, deflatedEntry, deflatePadded, entriesOf, smallWorkbook, zipBombXlsx } from './zipfile.test-helper.js';

const MB = 1024 * 1024;

/** The AppError `fn` throws (sync or async). */
async function failure(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('no error');
}

const limits = (o: Partial<ZipLimits> = {}): ZipLimits => ({
  maxEntries: 100,
  maxTotalBytes: 10 * MB,
  maxEntryBytes: () => 5 * MB,
  maxRatio: 100,
  ratioGraceBytes: MB,
  ...o,
});

describe('reading a zip without trusting it', () => {
  it('reads the entries of a real workbook and verifies them', async () => {
    const book = await smallWorkbook();
    const entries = readZipDirectory(book, 100);
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    expect(checkDeclaredSizes(entries, limits())).toBeGreaterThan(1000);
    await verifyZip(book, entries);
  });

  it('refuses what is not a zip, or a damaged one, with 400', async () => {
    for (const bytes of [Buffer.from('PK this is not a zip'), Buffer.alloc(0), Buffer.from('{"dataValues": []}')]) {
      const e = await failure(() => readZipDirectory(bytes, 100));
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.messageKey).toBe('imports.zip.broken');
    }
    const book = await smallWorkbook();
    const cut = book.subarray(0, book.length - 30);
    expect((await failure(() => readZipDirectory(cut, 100))).code).toBe('VALIDATION_FAILED');
    // A flipped byte inside compressed data: the CRC (or the inflater) notices.
    const entries = readZipDirectory(book, 100);
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const flipped = Buffer.from(book);
    flipped[sheet.dataOffset + 5] ^= 0xff;
    expect((await failure(() => verifyZip(flipped, readZipDirectory(flipped, 100)))).code).toBe('VALIDATION_FAILED');
  });

  it('refuses encrypted, ZIP64 and multi-disk files as unsupported (400)', async () => {
    const zip = buildZip([deflatedEntry('a.xml', Buffer.from('<a/>'))]);
    const encrypted = Buffer.from(zip);
    const cd = encrypted.readUInt32LE(encrypted.length - 6);
    encrypted.writeUInt16LE(1, cd + 8);
    expect((await failure(() => readZipDirectory(encrypted, 100))).messageKey).toBe('imports.zip.unsupported');
    const zip64 = Buffer.from(zip);
    zip64.writeUInt32LE(0xffffffff, zip64.length - 6);
    expect((await failure(() => readZipDirectory(zip64, 100))).messageKey).toBe('imports.zip.unsupported');
    const disks = Buffer.from(zip);
    disks.writeUInt16LE(1, disks.length - 18);
    expect((await failure(() => readZipDirectory(disks, 100))).messageKey).toBe('imports.zip.unsupported');
  });

  it('refuses entries whose local header tells another story, overlapping entries and data hidden between entries', async () => {
    const a = deflatedEntry('xl/styles.xml', Buffer.from('<styles/>'));
    const b = deflatedEntry('xl/worksheets/sheet1.xml', Buffer.from('<worksheet/>'));
    // The directory names a harmless entry, the local header (what a streaming reader sees) a sheet.
    const renamed = buildZip([{ ...a, localName: 'xl/worksheets/sheet9.xml' }, b]);
    expect((await failure(() => readZipDirectory(renamed, 100))).messageKey).toBe('imports.zip.broken');
    const resized = buildZip([{ ...a, localSize: 1 }, b]);
    expect((await failure(() => readZipDirectory(resized, 100))).messageKey).toBe('imports.zip.broken');
    // A whole extra entry between the two, listed nowhere in the directory.
    const hidden = buildZip([a, b], { gap: buildZip([deflatedEntry('xl/worksheets/sheet2.xml', Buffer.from('<x/>'))]).subarray(0, 60) });
    expect((await failure(() => readZipDirectory(hidden, 100))).details?.problem).toMatch(/contiguous/);
    // Two directory entries pointing at the same data (the "overlapping files" bomb).
    const zip = buildZip([a, b]);
    const cd = zip.readUInt32LE(zip.length - 6);
    const second = cd + 46 + Buffer.byteLength(a.name);
    const overlapping = Buffer.from(zip);
    overlapping.writeUInt32LE(0, second + 42);
    expect((await failure(() => readZipDirectory(overlapping, 100))).code).toBe('VALIDATION_FAILED');
  });

  it('refuses by the declared sizes before inflating: an entry, the total, the ratio, the number of entries (413)', async () => {
    const big = { name: 'xl/worksheets/sheet1.xml', method: 8 as const, crc32: 0, size: 6 * MB, data: Buffer.alloc(100 * 1024) };
    const e1 = await failure(() => checkDeclaredSizes(readZipDirectory(buildZip([big]), 100), limits()));
    expect(e1).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', messageKey: 'imports.zip.entryTooLarge' });
    const four = [1, 2, 3].map((i) => ({ ...big, name: `xl/media/image${i}.png`, size: 4 * MB }));
    const e2 = await failure(() => checkDeclaredSizes(readZipDirectory(buildZip(four), 100), limits()));
    expect(e2).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', messageKey: 'imports.zip.tooLarge' });
    const dense = { ...big, size: 4 * MB, data: Buffer.alloc(10 * 1024) }; // 400:1
    const e3 = await failure(() => checkDeclaredSizes(readZipDirectory(buildZip([dense]), 100), limits()));
    expect(e3).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', messageKey: 'imports.zip.ratio' });
    const many = Array.from({ length: 101 }, (_, i) => deflatedEntry(`f${i}.xml`, Buffer.from('<a/>')));
    const e4 = await failure(() => readZipDirectory(buildZip(many), 100));
    expect(e4).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', messageKey: 'imports.zip.entries' });
  });

  it('stops inflating an entry as soon as it passes its declared size (a lying header), with 400', async () => {
    // 200 MB of spaces declared as 1,000 bytes: the check inflates ~1 KB (one chunk), not 200 MB.
    const padded = await deflatePadded(Buffer.from('<a>'), 200 * MB, Buffer.from('</a>'));
    const zip = buildZip([{ name: 'xl/worksheets/sheet1.xml', method: 8, crc32: 1, size: 1000, data: padded.data }]);
    const entries = readZipDirectory(zip, 100);
    expect(checkDeclaredSizes(entries, limits())).toBe(1000); // the lie passes the declared checks…
    const t0 = Date.now();
    const e = await failure(() => verifyZip(zip, entries)); // …and not the inflating
    expect(e).toMatchObject({ code: 'VALIDATION_FAILED', messageKey: 'imports.zip.sizeMismatch' });
    expect(Date.now() - t0).toBeLessThan(1000);
    // An entry that inflates to less than it declares is refused too.
    const short = buildZip([{ ...deflatedEntry('a.xml', Buffer.from('<a/>')), size: 10 }]);
    expect((await failure(() => verifyZip(short, readZipDirectory(short, 100)))).messageKey).toBe('imports.zip.sizeMismatch');
  });
});

describe('xlsx limits', () => {
  it('cap sheets, shared strings and other entries by kind, and the total by the configuration', () => {
    const l = xlsxZipLimits(300 * MB);
    expect(l.maxTotalBytes).toBe(300 * MB);
    expect(l.maxEntryBytes('xl/worksheets/sheet1.xml')).toBe(XLSX_LIMITS.maxSheetBytes);
    expect(l.maxEntryBytes('xl/sharedStrings.xml')).toBe(XLSX_LIMITS.maxSharedStringsBytes);
    expect(l.maxEntryBytes('xl/media/image1.png')).toBe(XLSX_LIMITS.maxOtherEntryBytes);
  });

  it('readTemplate refuses a zip bomb before inflating it, and a lying one while inflating', async () => {
    // 200 MB of spaces in a sheet (the API test sends 1.5 GB ones): over the sheet limit as declared.
    const { honest, liar } = await zipBombXlsx(200 * MB);
    expect(honest.length).toBeLessThan(MB);
    let reserved = -1;
    const e = await failure(() => readTemplate(honest, { maxInflatedBytes: 300 * MB, beforeInflate: (b) => (reserved = b) }));
    expect(e).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', messageKey: 'imports.zip.entryTooLarge', details: { entry: 'xl/worksheets/sheet1.xml' } });
    expect(reserved).toBe(-1); // refused before asking for memory
    const before = process.memoryUsage().rss;
    const e2 = await failure(() => readTemplate(liar, { maxInflatedBytes: 300 * MB, beforeInflate: (b) => (reserved = b) }));
    expect(e2).toMatchObject({ code: 'VALIDATION_FAILED', messageKey: 'imports.zip.sizeMismatch' });
    expect(reserved).toBeLessThan(MB); // what it declared
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
  });

  it('readTemplate refuses a workbook that is no soyte template with 400', async () => {
    const e = await failure(() => readTemplate(Buffer.from('PK\u0003\u0004 not really'), { maxInflatedBytes: 300 * MB }));
    expect(e.code).toBe('VALIDATION_FAILED');
    const e2 = await failure(async () => readTemplate(await smallWorkbook(), { maxInflatedBytes: 300 * MB }));
    expect(e2).toMatchObject({ code: 'VALIDATION_FAILED', messageKey: 'imports.malformed.xlsxTemplate' });
    // Entries that are not XML where XML is expected.
    const garbage = buildZip(entriesOf(await smallWorkbook()).map((x) => (x.name === 'xl/worksheets/sheet1.xml' ? deflatedEntry(x.name, Buffer.from('<<<not xml')) : x)));
    expect((await failure(() => readTemplate(garbage, { maxInflatedBytes: 300 * MB }))).code).toBe('VALIDATION_FAILED');
  });
});

describe('damaged zips (property-based)', () => {
  it('any corruption or truncation of a workbook is refused with 400/413 or read, never a crash', async () => {
    const book = await smallWorkbook();
    const damaged = fc.oneof(
      fc.array(fc.tuple(fc.nat(book.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
        const b = Buffer.from(book);
        for (const [at, byte] of edits) b[at] = byte;
        return b;
      }),
      fc.nat(book.length).map((n) => book.subarray(0, n)),
      fc.nat(book.length).map((n) => Buffer.concat([book.subarray(0, n), book.subarray(n + 1)])),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (b) => {
        let outcome = 'ok';
        try {
          const entries = readZipDirectory(b, 100);
          checkDeclaredSizes(entries, limits());
          await verifyZip(b, entries);
        } catch (e) {
          outcome = e instanceof AppError ? e.code : `crash: ${(e as Error).message}`;
        }
        expect(['ok', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE']).toContain(outcome);
      }),
      { numRuns: 400 },
    );
  });
});
