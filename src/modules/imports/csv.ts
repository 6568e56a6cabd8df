// A small RFC 4180 CSV reader and writer (quoted fields, "" escapes, CRLF or LF), fast enough for
// million-row files: one pass over the text, no regular expressions per field.

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/**
 * Calls `onRow` for every record of `text` with its fields and its 1-based line number.
 * Blank lines are skipped. Throws CsvError for an unterminated quote or text after a closing quote.
 */
export function readCsv(text: string, onRow: (fields: string[], line: number) => void, delimiter = ','): void {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  let line = 1;
  const DQ = 34;
  const CR = 13;
  const LF = 10;
  const DL = delimiter.charCodeAt(0);
  while (i < n) {
    const rowLine = line;
    const fields: string[] = [];
    let endOfRow = false;
    while (!endOfRow) {
      if (i < n && text.charCodeAt(i) === DQ) {
        // Quoted field.
        i++;
        let value = '';
        let start = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvError(rowLine, 'unterminated quoted field');
          const chunk = text.slice(start, q);
          for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === LF) line++;
          value += chunk;
          if (text.charCodeAt(q + 1) === DQ) {
            value += '"';
            i = q + 2;
            start = i;
            continue;
          }
          i = q + 1;
          break;
        }
        fields.push(value);
        const c = i < n ? text.charCodeAt(i) : LF;
        if (c === DL) i++;
        else if (c === CR || c === LF || i >= n) {
          endOfRow = true;
          if (c === CR) i++;
          if (i < n && text.charCodeAt(i) === LF) i++;
          line++;
        } else {
          throw new CsvError(rowLine, 'unexpected character after a closing quote');
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === DL || c === CR || c === LF) break;
          if (c === DQ) throw new CsvError(line, 'a quote inside an unquoted field');
          j++;
        }
        fields.push(text.slice(i, j));
        if (j < n && text.charCodeAt(j) === DL) {
          i = j + 1;
          if (i >= n) {
            fields.push('');
            endOfRow = true;
          }
        } else {
          endOfRow = true;
          i = j;
          if (i < n && text.charCodeAt(i) === CR) i++;
          if (i < n && text.charCodeAt(i) === LF) i++;
          line++;
        }
      }
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    onRow(fields, rowLine);
  }
}

/** A CSV field, quoted when it needs to be. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: (string | number | boolean | null | undefined)[]): string {
  return fields.map(csvField).join(',') + '\n';
}
