// Value types: what a user may type in a cell, the canonical string sent to the server, and how a
// stored value is shown (vi-VN: 1.234 and 8,7).
import { currentLang } from '../../i18n';

export const NUMERIC_TYPES = new Set([
  'NUMBER',
  'INTEGER',
  'INTEGER_POSITIVE',
  'INTEGER_NEGATIVE',
  'INTEGER_ZERO_OR_POSITIVE',
  'PERCENTAGE',
  'UNIT_INTERVAL',
]);

export function isNumericType(t: string): boolean {
  return NUMERIC_TYPES.has(t);
}

export type Parsed = { ok: true; value: string | null } | { ok: false; error: string };

/**
 * Reads a number typed the Vietnamese way ("1.234", "8,7") or the English way ("1,234", "8.7").
 * Returns null when the text is not a number.
 */
export function readNumber(raw: string, lang = currentLang()): number | null {
  let s = raw.replace(/[\s\u00a0]/g, '');
  if (!s) return null;
  if (lang === 'vi') {
    if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
    else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  } else {
    if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
    else if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  }
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function canonicalNumber(n: number): string {
  // Plain decimal notation, no exponent, no trailing zeros.
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** Validates what was typed for a value type; the error is an i18n key under entry.type. */
export function parseInput(raw: string, valueType: string): Parsed {
  const text = raw.trim();
  if (text === '') return { ok: true, value: null };
  if (isNumericType(valueType)) {
    const n = readNumber(text);
    if (n === null) return { ok: false, error: 'entry.type.number' };
    switch (valueType) {
      case 'INTEGER':
        if (!Number.isInteger(n)) return { ok: false, error: 'entry.type.integer' };
        break;
      case 'INTEGER_POSITIVE':
        if (!Number.isInteger(n) || n <= 0) return { ok: false, error: 'entry.type.positive' };
        break;
      case 'INTEGER_ZERO_OR_POSITIVE':
        if (!Number.isInteger(n) || n < 0) return { ok: false, error: 'entry.type.zeroOrPositive' };
        break;
      case 'INTEGER_NEGATIVE':
        if (!Number.isInteger(n) || n >= 0) return { ok: false, error: 'entry.type.negative' };
        break;
      case 'PERCENTAGE':
        if (n < 0 || n > 100) return { ok: false, error: 'entry.type.percentage' };
        break;
      case 'UNIT_INTERVAL':
        if (n < 0 || n > 1) return { ok: false, error: 'entry.type.unitInterval' };
        break;
    }
    return { ok: true, value: canonicalNumber(n) };
  }
  if (valueType === 'BOOLEAN' || valueType === 'TRUE_ONLY') {
    const v = text.toLowerCase();
    if (['có', 'co', 'c', 'x', '1', 'true', 'yes', 'y'].includes(v)) return { ok: true, value: 'true' };
    if (valueType === 'BOOLEAN' && ['không', 'khong', 'k', '0', 'false', 'no', 'n'].includes(v)) return { ok: true, value: 'false' };
    return { ok: false, error: valueType === 'TRUE_ONLY' ? 'entry.type.trueOnly' : 'entry.type.boolean' };
  }
  if (valueType === 'DATE') {
    let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    let iso: string | null = null;
    if (m) iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (m) iso = text;
    if (!iso) return { ok: false, error: 'entry.type.date' };
    const d = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return { ok: false, error: 'entry.type.date' };
    return { ok: true, value: iso };
  }
  if (text.length > 50_000) return { ok: false, error: 'entry.type.tooLong' };
  return { ok: true, value: text };
}

/** How a stored value is shown in its cell. */
export function formatValue(value: string | null | undefined, valueType: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (isNumericType(valueType)) {
    const n = Number(value);
    if (!Number.isFinite(n)) return value;
    return new Intl.NumberFormat(currentLang() === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 10 }).format(n);
  }
  if (valueType === 'BOOLEAN' || valueType === 'TRUE_ONLY') {
    if (value === 'true') return currentLang() === 'en' ? 'yes' : 'có';
    if (value === 'false') return currentLang() === 'en' ? 'no' : 'không';
    return value;
  }
  if (valueType === 'DATE') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
  }
  return value;
}

/** The same value, compared the way the server stores it (so "1.000" and "1000" are one value). */
export function sameValue(a: string | null | undefined, b: string | null | undefined, valueType: string): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y;
  if (isNumericType(valueType)) return Number(x) === Number(y);
  return x === y;
}
