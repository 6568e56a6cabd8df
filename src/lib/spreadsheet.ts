// Cells of CSV and Excel exports that a spreadsheet would run as a formula (OWASP "CSV injection"):
// text that begins with = + - @ (or a tab or carriage return) gets a leading apostrophe, so it shows as
// the text it is. Plain numbers ("-5", "+3.2") are left alone.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?([eE][+-]?\d+)?$/;

export function safeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** safeCell for any cell value: strings are neutralised, numbers, dates and the rest pass through. */
export function safeValue<T>(value: T): T | string {
  return typeof value === 'string' ? safeCell(value) : value;
}
