// Turns DHIS2 dataValueSets payloads (JSON or CSV) into plain rows. No database here.
import { AppError } from '../../core/errors.js';
import { CsvError, readCsv } from './csv.js';

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

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v.trim() : String(v).trim());

function bool(v: unknown): boolean | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (s === 'true' || s === '1' || s === 'yes') return true;
  if (s === 'false' || s === '0' || s === 'no') return false;
  return null;
}

function valueOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '\u0000object'; // caught by the type check
}

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
    const comment = o.comment === undefined || o.comment === null ? null : String(o.comment);
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
  }
  return {
    dataSet: str(set.dataSet) || undefined,
    completeDate: str(set.completeDate) || undefined,
    period: period || undefined,
    orgUnit: orgUnit || undefined,
    rows,
  };
}

/** DHIS2's CSV column order, used when the file has no header row. */
export const CSV_COLUMNS = [
  'dataelement', 'period', 'orgunit', 'categoryoptioncombo', 'attributeoptioncombo',
  'value', 'storedby', 'lastupdated', 'comment', 'followup', 'deleted',
] as const;

const HEADER_ALIASES: Record<string, (typeof CSV_COLUMNS)[number]> = {
  dataelement: 'dataelement', de: 'dataelement',
  period: 'period', pe: 'period',
  orgunit: 'orgunit', ou: 'orgunit', organisationunit: 'orgunit',
  categoryoptioncombo: 'categoryoptioncombo', coc: 'categoryoptioncombo', co: 'categoryoptioncombo',
  attributeoptioncombo: 'attributeoptioncombo', aoc: 'attributeoptioncombo', ao: 'attributeoptioncombo',
  value: 'value', storedby: 'storedby', lastupdated: 'lastupdated', comment: 'comment',
  followup: 'followup', deleted: 'deleted',
};

/**
 * Parses DHIS2 CSV. A first row whose cells are column names (dataelement, period, orgunit …) is a
 * header and may put the columns in any order; otherwise DHIS2's fixed order applies.
 */
export function parseCsvSet(input: string | Buffer): ParsedSet {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.includes('\u0000')) throw malformedBody('csvBinary');
  const rows: RawValue[] = [];
  const lines: number[] = [];
  let map: number[] | null = null; // column → field index
  let first = true;
  try {
    readCsv(text, (f, line) => {
      if (first) {
        first = false;
        const names = f.map((x) => HEADER_ALIASES[x.trim().toLowerCase().replace(/[\s_"]/g, '')]);
        if (names[0] === 'dataelement' || names.filter(Boolean).length >= 3) {
          map = CSV_COLUMNS.map((c) => names.indexOf(c));
          if (map[0] < 0 || map[5] < 0) throw malformedBody('csvHeader');
          return;
        }
        map = CSV_COLUMNS.map((_, i) => i);
      }
      const m = map!;
      const at = (k: number) => (m[k] >= 0 && m[k] < f.length ? f[m[k]] : '');
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
    });
  } catch (e) {
    if (e instanceof CsvError) throw malformedBody('csv', { line: e.line });
    throw e;
  }
  return { rows, lines };
}
