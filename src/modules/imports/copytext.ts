// PostgreSQL's COPY text format, both ways (pure: the service writes COPY rows, the repository reads them).

const UNESC: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' };

/** A field of COPY text output back to its value (PostgreSQL escapes only these characters). */
export function copyUntext(s: string): string | null {
  if (s === '\\N') return null;
  if (s.indexOf('\\') < 0) return s;
  return s.replace(/\\(.)/g, (_, c: string) => UNESC[c] ?? c);
}

const ESC = /[\\\t\n\r]/;
/** A value in COPY text format. */
export function copyText(v: string | null): string {
  if (v === null) return '\\N';
  if (!ESC.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
