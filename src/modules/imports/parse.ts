// Turns DHIS2 dataValueSets payloads (JSON or CSV) into plain rows. No database here.
import { AppError } from '../../core/errors.js';
import { CsvError, parse as csvParse } from 'csv-parse/sync';
import { CSV_COLUMNS } from './imports.contract.js';

export { CSV_COLUMNS };

/** One data value as sent, identifiers not yet resolved. `index` is its 0-based position in the payload. */
export interface RawValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  value: string | null;
  comment: string | null;
  followup: boolean | null;
  deleted: boolean;
  /** A row that could not be read at all (not an object, wrong column count …): the reason key. */
  malformed?: string;
}

export interface ParsedSet {
  dataSet?: string;
  completeDate?: string;
  /** The payload-level period and unit (DHIS2: defaults for the rows; with completeDate, the form to complete). */
  period?: string;
  orgUnit?: string;
  rows: RawValue[];
  /** For CSV: the file line of each row (1-based), for messages. */
  lines?: number[];
}

const malformedBody = (reason: string, params: Record<string, string | number> = {}) =>
  new AppError('VALIDATION_FAILED', `imports.malformed.${reason}`, { reason: `MALFORMED_${reason.toUpperCase()}`, ...params }, params);

/** Whether a JSON field holds a string, number or boolean (objects and lists are no field values). */
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A field as text; objects and lists give '' (the row is then marked malformed by the caller). */
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : isScalar(v) ? String(v) : '');

function bool(v: unknown): boolean | null {
  if (!isScalar(v) || v === '') return null;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (s === 'true' || s === '1' || s === 'yes') return true;
  if (s === 'false' || s === '0' || s === 'no') return false;
  return null;
}

/** A value as text (null when empty). Objects and arrays are no values: the row is marked malformed. */
function valueOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

const ROW_FIELDS = ['dataElement', 'period', 'orgUnit', 'categoryOptionCombo', 'attributeOptionCombo', 'comment', 'followup', 'followUp', 'deleted'] as const;

/** Parses a JSON text (or an already parsed value) in the dataValueSets shape. */
export function parseJsonSet(input: string | Buffer | unknown): ParsedSet {
  let doc: unknown = input;
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    const text = typeof input === 'string' ? input : input.toString('utf8');
    try {
      doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      throw malformedBody('json', { position: m ? Number(m[1]) : -1 });
    }
  }
  if (Array.isArray(doc)) doc = { dataValues: doc };
  if (!doc || typeof doc !== 'object') throw malformedBody('notObject');
  const set = doc as Record<string, unknown>;
  if (!Array.isArray(set.dataValues)) throw malformedBody('noDataValues');
  const period = str(set.period);
  const orgUnit = str(set.orgUnit);
  const aoc = str(set.attributeOptionCombo);
  const list = set.dataValues as unknown[];
  const rows: RawValue[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      rows[i] = { dataElement: '', period: '', orgUnit: '', categoryOptionCombo: '', attributeOptionCombo: '', value: null, comment: null, followup: null, deleted: false, malformed: 'notObject' };
      continue;
    }
    const o = v as Record<string, unknown>;
    const comment = isScalar(o.comment) ? String(o.comment) : null;
    rows[i] = {
      dataElement: str(o.dataElement),
      period: str(o.period) || period,
      orgUnit: str(o.orgUnit) || orgUnit,
      categoryOptionCombo: str(o.categoryOptionCombo),
      attributeOptionCombo: str(o.attributeOptionCombo) || aoc,
      value: valueOf(o.value),
      comment: comment === '' ? null : comment,
      followup: bool(o.followup ?? o.followUp),
      deleted: bool(o.deleted) === true,
    };
    if (o.value !== null && typeof o.value === 'object') rows[i].malformed = 'value';
    else if (ROW_FIELDS.some((f) => o[f] !== null && typeof o[f] === 'object')) rows[i].malformed = 'field';
  }
  return {
    dataSet: str(set.dataSet) || undefined,
    completeDate: str(set.completeDate) || undefined,
    period: period || undefined,
    orgUnit: orgUnit || undefined,
    rows,
  };
}

const HEADER_ALIASES = new Map<string, (typeof CSV_COLUMNS)[number]>(Object.entries({
  dataelement: 'dataelement', de: 'dataelement',
  period: 'period', pe: 'period',
  orgunit: 'orgunit', ou: 'orgunit', organisationunit: 'orgunit',
  categoryoptioncombo: 'categoryoptioncombo', coc: 'categoryoptioncombo', co: 'categoryoptioncombo',
  attributeoptioncombo: 'attributeoptioncombo', aoc: 'attributeoptioncombo', ao: 'attributeoptioncombo',
  value: 'value', storedby: 'storedby', lastupdated: 'lastupdated', comment: 'comment',
  followup: 'followup', deleted: 'deleted',
}));

/** Longest record (characters) of a CSV import: a LONG_TEXT value holds 50,000; anything far longer is a broken file. */
const MAX_CSV_RECORD = 2 * 1024 * 1024;

/**
 * Text that is not CSV: a zip (xlsx), an old binary Excel file, or UTF-16 (a byte-order mark, many NUL bytes). A NUL
 * here and there is left to the rows it is in (a per-row conflict), not held against the whole file.
 */
function isBinary(buf: Buffer): boolean {
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return true; // PK\x03\x04
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) return true; // OLE2 (.xls)
  if (buf.length >= 2 && (buf.readUInt16BE(0) === 0xfffe || buf.readUInt16BE(0) === 0xfeff)) return true; // UTF-16
  const head = buf.subarray(0, 65536);
  let nul = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) nul++;
  return nul > 16 && nul > head.length / 100;
}

/** ';' when the first record separates by semicolons rather than commas (CSV saved by Excel in Vietnamese). */
function delimiterOf(text: string): ',' | ';' {
  const first = text.slice(0, text.indexOf('\n') < 0 ? 4096 : Math.min(text.indexOf('\n'), 4096)).replace(/"[^"]*"/g, '');
  const count = (c: string) => first.split(c).length - 1;
  return count(';') >= 2 && count(';') > count(',') ? ';' : ',';
}

const NEUTRALISED = /^'[=+\-@\t\r]/;
/**
 * Undoes the apostrophe our CSV and Excel exports put before text a spreadsheet would run as a formula
 * (lib/spreadsheet.ts safeCell), so that an exported file imports back unchanged.
 */
export function restoreCell(s: string): string {
  return NEUTRALISED.test(s) ? s.slice(1) : s;
}

const newlines = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/** The line where the first record after line `after` begins (blank lines skipped). */
function nextRecordLine(text: string, after: number): number {
  let pos = 0;
  for (let l = 1; l <= after; l++) {
    pos = text.indexOf('\n', pos) + 1;
    if (pos === 0) return after + 1;
  }
  let line = after + 1;
  while (text.charCodeAt(pos) === 10) {
    pos++;
    line++;
  }
  return line;
}

/**
 * Parses DHIS2 CSV (with csv-parse). A first row whose cells are column names (dataelement, period,
 * orgunit …) is a header and may put the columns in any order; otherwise DHIS2's fixed order applies.
 * Quoted fields, "" escapes, a byte-order mark, CRLF/LF/CR line ends (normalised to LF, also inside
 * quoted fields) and blank lines are accepted; the delimiter is ',' or, when the first row says so, ';'.
 */
export function parseCsvSet(input: string | Buffer): ParsedSet {
  const buf = typeof input === 'string' ? null : input;
  if (buf && isBinary(buf)) throw malformedBody('csvBinary');
  let text = buf ? buf.toString('utf8') : (input as string);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const rows: RawValue[] = [];
  const lines: number[] = [];
  let map: number[] | null = null; // column → field index
  let lastLine = 0;
  try {
    csvParse(text, {
      delimiter: delimiterOf(text),
      record_delimiter: '\n',
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: MAX_CSV_RECORD,
      // Each record becomes a row here, so the parser's output array stays empty (no second copy of the file).
      on_record: (f: string[], info) => {
        // info.lines is the line the record ends on; a quoted field may span lines.
        const line = info.lines - f.reduce((n, x) => n + newlines(x), 0);
        lastLine = info.lines;
        if (map === null) {
          const names = f.map((x) => HEADER_ALIASES.get(x.trim().toLowerCase().replace(/[\s_"]/g, '')));
          if (names[0] === 'dataelement' || names.filter(Boolean).length >= 3) {
            map = CSV_COLUMNS.map((c) => names.indexOf(c));
            if (map[0] < 0 || map[5] < 0) throw malformedBody('csvHeader');
            return null;
          }
          map = CSV_COLUMNS.map((_, i) => i);
        }
        const m = map;
        const at = (k: number) => (m[k] >= 0 && m[k] < f.length ? restoreCell(f[m[k]]) : '');
        const row: RawValue = {
          dataElement: at(0).trim(),
          period: at(1).trim(),
          orgUnit: at(2).trim(),
          categoryOptionCombo: at(3).trim(),
          attributeOptionCombo: at(4).trim(),
          value: valueOf(at(5)),
          comment: at(8) === '' ? null : at(8),
          followup: bool(at(9)),
          deleted: bool(at(10)) === true,
        };
        if (f.length < 3) row.malformed = 'columns';
        rows.push(row);
        lines.push(line);
        return null;
      },
    });
  } catch (e) {
    if (e instanceof CsvError) {
      // An unclosed quote runs to the end of the file: name the line where its record began.
      const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? nextRecordLine(text, lastLine) : Number(e.lines) || nextRecordLine(text, lastLine);
      throw malformedBody('csv', { line });
    }
    throw e;
  }
  return { rows, lines };
}
