// Test helpers: writing zip files entry by entry (also forged ones), and zip-bomb workbooks whose sheet
// XML is padded with gigabytes of spaces, deflated as a stream so the test itself stays small.
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { readZipDirectory } from './zip.js';

export interface RawEntry {
  name: string;
  method: 0 | 8;
  crc32: number;
  /** Uncompressed size written in the headers (true or not). */
  size: number;
  data: Buffer;
  /** Local header sizes differ from the directory's (a forgery). */
  localSize?: number;
  localName?: string;
}

/** A zip file of these entries, laid end to end, with its central directory. */
export function buildZip(entries: RawEntry[], opts: { gap?: Buffer } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const localName = Buffer.from(e.localName ?? e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc32, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.localSize ?? e.size, 22);
    local.writeUInt16LE(localName.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc32, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    parts.push(local, localName, e.data);
    offset += local.length + localName.length + e.data.length;
    if (opts.gap && e === entries[0]) {
      parts.push(opts.gap);
      offset += opts.gap.length;
    }
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** A deflated entry of `data`. */
export function deflatedEntry(name: string, data: Buffer): RawEntry {
  return { name, method: 8, crc32: zlib.crc32(data), size: data.length, data: zlib.deflateRawSync(data) };
}

/** The entries of a zip file (compressed data as is). */
export function entriesOf(zip: Buffer): RawEntry[] {
  return readZipDirectory(zip, 10_000).map((e) => ({
    name: e.name,
    method: e.method,
    crc32: e.crc32,
    size: e.size,
    data: zip.subarray(e.dataOffset, e.dataOffset + e.compressedSize),
  }));
}

/** A small valid workbook with one sheet ("Báo cáo") and a few cells. */
export async function smallWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo');
  ws.getCell('A1').value = 'Báo cáo';
  ws.getCell('B5').value = 12;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Deflates `prefix`, then `padding` bytes of spaces, then `suffix`, as a stream (1 MB at a time): 1.5 GB
 * of spaces become ~1.5 MB without the test ever holding them.
 */
export async function deflatePadded(prefix: Buffer, padding: number, suffix: Buffer): Promise<{ data: Buffer; crc32: number; size: number }> {
  const deflate = zlib.createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const spaces = Buffer.alloc(1 << 20, 0x20);
  let crc = zlib.crc32(prefix);
  const write = async (b: Buffer) => {
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(prefix);
  for (let left = padding; left > 0; left -= spaces.length) {
    const chunk = left >= spaces.length ? spaces : spaces.subarray(0, left);
    crc = zlib.crc32(chunk, crc);
    await write(chunk);
  }
  crc = zlib.crc32(suffix, crc);
  await write(suffix);
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc32: crc, size: prefix.length + padding + suffix.length };
}

/**
 * Valid workbooks whose sheet XML carries `padding` spaces after <sheetData> (valid XML, inflating to
 * gigabytes), deflated once: `honest` declares the real size, `liar` the sheet's original size and CRC.
 */
export async function zipBombXlsx(padding: number): Promise<{ honest: Buffer; liar: Buffer }> {
  const entries = entriesOf(await smallWorkbook());
  const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  const xml = zlib.inflateRawSync(sheet.data);
  const at = xml.indexOf('<sheetData>') + '<sheetData>'.length;
  const padded = await deflatePadded(xml.subarray(0, at), padding, xml.subarray(at));
  const liar = buildZip(entries.map((e) => (e === sheet ? { ...e, data: padded.data } : e)));
  const honest = buildZip(entries.map((e) => (e === sheet ? { ...e, data: padded.data, size: padded.size, crc32: padded.crc32 } : e)));
  return { honest, liar };
}
