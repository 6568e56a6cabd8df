// Uploaded zip files (.xlsx) read without trusting them. A workbook of 1.5 MB can inflate to 1.5 GB
// (a "zip bomb"), and the sizes a zip declares can lie. So, before anything is inflated:
//   1. the central directory is read and checked: one disk, no ZIP64, no encryption, stored or
//      deflated entries only, every local header agreeing with its directory entry (name, sizes),
//      the entries laid end to end with nothing hidden between them (a streaming reader walks the
//      local headers, so it then sees exactly the entries checked here);
//   2. the declared sizes are held against the limits: number of entries, each entry (by kind), the
//      total, and the compression ratio — refused with 413 before a byte is inflated;
//   3. every entry is inflated once as a stream into nothing, counting: an entry that inflates past
//      its declared size is a forged file and stops right there (400); the CRC is checked too.
// Only then does the workbook reader (exceljs) see the file, which can therefore inflate no more than
// the limits allow. Node's zlib does the inflating; no zip library is needed for this much.
import zlib from 'node:zlib';
import { AppError } from '../../core/errors.js';

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

const FLAG_ENCRYPTED = 0x1;
const FLAG_DESCRIPTOR = 0x8;
const STORED = 0;
const DEFLATED = 8;

export interface ZipEntry {
  name: string;
  method: typeof STORED | typeof DEFLATED;
  flags: number;
  crc32: number;
  compressedSize: number;
  /** Uncompressed size as declared (verified by verifyZip). */
  size: number;
  headerOffset: number;
  dataOffset: number;
  /** End of the entry's data and data descriptor: where the next entry must begin. */
  end: number;
}

export interface ZipLimits {
  /** Most entries in the file. */
  maxEntries: number;
  /** Most uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Most uncompressed bytes of one entry, by its name. */
  maxEntryBytes(name: string): number;
  /** Highest uncompressed / compressed ratio of an entry larger than ratioGraceBytes. */
  maxRatio: number;
  ratioGraceBytes: number;
}

const MB = 1024 * 1024;
const mb = (n: number) => Math.max(1, Math.round(n / MB));

/** A damaged file, or one that is not a zip at all (400). */
function broken(problem: string): AppError {
  return new AppError('VALIDATION_FAILED', 'imports.zip.broken', { reason: 'MALFORMED_XLSX', problem });
}

/** A zip feature an .xlsx does not need (400). */
function unsupported(problem: string): AppError {
  return new AppError('VALIDATION_FAILED', 'imports.zip.unsupported', { reason: 'MALFORMED_XLSX', problem }, { problem });
}

function findEndOfDirectory(buf: Buffer): number {
  const last = buf.length - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let p = last; p >= first; p--) {
    if (buf.readUInt32LE(p) === EOCD_SIG && p + EOCD_SIZE + buf.readUInt16LE(p + 20) === buf.length) return p;
  }
  return -1;
}

/**
 * The entries of a zip, from its central directory, after checking the structure (see the top of the
 * file). Throws 400 for a damaged or unsupported file, 413 for too many entries. Inflates nothing.
 */
export function readZipDirectory(buf: Buffer, maxEntries: number): ZipEntry[] {
  if (buf.length < EOCD_SIZE || buf.readUInt32LE(0) !== LOCAL_SIG) throw broken('not a zip file');
  const eocd = findEndOfDirectory(buf);
  if (eocd < 0) throw broken('no end of central directory');
  const disk = buf.readUInt16LE(eocd + 4);
  const directoryDisk = buf.readUInt16LE(eocd + 6);
  const onDisk = buf.readUInt16LE(eocd + 8);
  const count = buf.readUInt16LE(eocd + 10);
  const directorySize = buf.readUInt32LE(eocd + 12);
  const directoryOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) throw unsupported('ZIP64');
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== count) throw unsupported('multi-disk');
  if (count > maxEntries) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'imports.zip.entries', { reason: 'TOO_MANY_ENTRIES', entries: count, max: maxEntries }, { count, max: maxEntries });
  }
  if (directoryOffset + directorySize > eocd) throw broken('central directory out of bounds');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let p = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directoryOffset + directorySize || buf.readUInt32LE(p) !== CENTRAL_SIG) throw broken('bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const headerOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLength > directoryOffset + directorySize) throw broken('bad central directory entry');
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLength);
    const name = nameBytes.toString('utf8');
    p += 46 + nameLength + extraLength + commentLength;

    if (compressedSize === 0xffffffff || size === 0xffffffff || headerOffset === 0xffffffff) throw unsupported('ZIP64');
    if (flags & FLAG_ENCRYPTED) throw unsupported('encrypted');
    if (method !== STORED && method !== DEFLATED) throw unsupported(`compression method ${method}`);
    // A stored entry whose size only a trailing descriptor gives cannot be walked safely by a streaming reader.
    if (method === STORED && (flags & FLAG_DESCRIPTOR || compressedSize !== size)) throw broken('stored entry without its size');
    if (names.has(name)) throw broken('duplicate entry');
    names.add(name);

    // The local header must tell the same story: a streaming reader believes it, not the directory.
    if (headerOffset + 30 > buf.length || buf.readUInt32LE(headerOffset) !== LOCAL_SIG) throw broken('bad local header');
    const localNameLength = buf.readUInt16LE(headerOffset + 26);
    const localExtraLength = buf.readUInt16LE(headerOffset + 28);
    const dataOffset = headerOffset + 30 + localNameLength + localExtraLength;
    if (dataOffset > buf.length || !buf.subarray(headerOffset + 30, headerOffset + 30 + localNameLength).equals(nameBytes)) {
      throw broken('local header does not match the directory');
    }
    if (buf.readUInt16LE(headerOffset + 8) !== method) throw broken('local header does not match the directory');
    let end = dataOffset + compressedSize;
    if (flags & FLAG_DESCRIPTOR) {
      // The sizes follow the data; the local header's are zero or the same.
      const signed = end + 4 <= buf.length && buf.readUInt32LE(end) === DESCRIPTOR_SIG ? 4 : 0;
      if (end + signed + 12 > buf.length) throw broken('missing data descriptor');
      const d = end + signed;
      if (buf.readUInt32LE(d) !== crc32 || buf.readUInt32LE(d + 4) !== compressedSize || buf.readUInt32LE(d + 8) !== size) {
        throw broken('data descriptor does not match the directory');
      }
      end = d + 12;
    } else if (
      buf.readUInt32LE(headerOffset + 14) !== crc32 ||
      buf.readUInt32LE(headerOffset + 18) !== compressedSize ||
      buf.readUInt32LE(headerOffset + 22) !== size
    ) {
      throw broken('local header does not match the directory');
    }
    if (end > directoryOffset) throw broken('entry overlaps the central directory');
    entries.push({ name, method, flags, crc32, compressedSize, size, headerOffset, dataOffset, end });
  }
  // End to end from the first byte to the directory: no entry overlaps another (the "overlapping
  // files" bomb) and nothing a streaming reader would find hides between them.
  const byOffset = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  let at = 0;
  for (const e of byOffset) {
    if (e.headerOffset !== at) throw broken('entries are not contiguous');
    at = e.end;
  }
  if (at !== directoryOffset) throw broken('data between the entries and the central directory');
  return entries;
}

/** Holds the declared sizes against the limits (413), before anything is inflated. Returns the total. */
export function checkDeclaredSizes(entries: ZipEntry[], limits: ZipLimits): number {
  let total = 0;
  for (const e of entries) {
    const max = limits.maxEntryBytes(e.name);
    if (e.size > max) {
      throw new AppError('PAYLOAD_TOO_LARGE', 'imports.zip.entryTooLarge', { reason: 'INFLATED_TOO_LARGE', entry: e.name, bytes: e.size, maxBytes: max }, { entry: e.name, size: mb(e.size), max: mb(max) });
    }
    if (e.size > limits.ratioGraceBytes && e.size / Math.max(1, e.compressedSize) > limits.maxRatio) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE', 'imports.zip.ratio',
        { reason: 'COMPRESSION_RATIO', entry: e.name, bytes: e.size, compressedBytes: e.compressedSize, maxRatio: limits.maxRatio },
        { entry: e.name, ratio: Math.round(e.size / Math.max(1, e.compressedSize)), max: limits.maxRatio },
      );
    }
    total += e.size;
  }
  if (total > limits.maxTotalBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'imports.zip.tooLarge', { reason: 'INFLATED_TOO_LARGE', bytes: total, maxBytes: limits.maxTotalBytes }, { size: mb(total), max: mb(limits.maxTotalBytes) });
  }
  return total;
}

/** A forged file: an entry inflates to another size than it declares (400). */
function sizeMismatch(name: string): AppError {
  return new AppError('VALIDATION_FAILED', 'imports.zip.sizeMismatch', { reason: 'MALFORMED_XLSX', entry: name }, { entry: name });
}

/**
 * Inflates one deflated entry into nothing, counting. Stops as soon as it passes the declared size.
 * Resolves once the whole entry was inflated to exactly its declared size and CRC.
 */
function verifyDeflated(buf: Buffer, e: ZipEntry): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    let crc = 0;
    let settled = false;
    const settle = (err?: AppError) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > e.size) {
        inflate.destroy();
        settle(sizeMismatch(e.name));
        return;
      }
      crc = zlib.crc32(chunk, crc);
    });
    inflate.on('error', () => settle(broken(`cannot inflate ${e.name}`)));
    inflate.on('end', () => {
      if (size !== e.size || inflate.bytesWritten !== e.compressedSize) settle(sizeMismatch(e.name));
      else if (crc !== e.crc32) settle(broken(`CRC of ${e.name}`));
      else settle();
    });
    inflate.end(buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize));
  });
}

/** Entries up to this size are inflated in one call (bounded output, no stream set-up per entry). */
const SMALL_ENTRY = 1024 * 1024;

/** verifyDeflated for a small entry: zlib stops at `maxOutputLength`, so a lie costs at most 1 MB. */
function verifySmallDeflated(buf: Buffer, e: ZipEntry): void {
  let out: { buffer: Buffer; engine: zlib.InflateRaw };
  try {
    out = zlib.inflateRawSync(buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize), { maxOutputLength: e.size + 1, info: true }) as unknown as typeof out;
  } catch (err) {
    throw (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? sizeMismatch(e.name) : broken(`cannot inflate ${e.name}`);
  }
  if (out.buffer.length !== e.size || out.engine.bytesWritten !== e.compressedSize) throw sizeMismatch(e.name);
  if (zlib.crc32(out.buffer) !== e.crc32) throw broken(`CRC of ${e.name}`);
}

/** Checks the real inflated size (and CRC) of every entry, one at a time; see verifyDeflated. */
export async function verifyZip(buf: Buffer, entries: ZipEntry[]): Promise<void> {
  for (const e of entries) {
    if (e.method === STORED) {
      if (zlib.crc32(buf.subarray(e.dataOffset, e.dataOffset + e.size)) !== e.crc32) throw broken(`CRC of ${e.name}`);
    } else if (e.size <= SMALL_ENTRY) {
      verifySmallDeflated(buf, e);
    } else {
      await verifyDeflated(buf, e);
    }
  }
}

/**
 * The same zip for a streaming reader, its entries in another order (by `rank`, stable): the byte
 * ranges of the checked entries, then the central directory. Nothing is copied. A streaming reader
 * walks local headers only, so it reads the entries in this order.
 */
export function reorderedZip(buf: Buffer, entries: ZipEntry[], rank: (name: string) => number): Buffer[] {
  const directory = entries.reduce((end, e) => Math.max(end, e.end), 0);
  const ordered = entries
    .map((e, i) => ({ e, i, r: rank(e.name) }))
    .sort((a, b) => a.r - b.r || a.e.headerOffset - b.e.headerOffset || a.i - b.i)
    .map(({ e }) => buf.subarray(e.headerOffset, e.end));
  return [...ordered, buf.subarray(directory)];
}
