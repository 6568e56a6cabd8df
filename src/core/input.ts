// Input at the edge: every string a request carries is checked once (no NUL, no lone UTF-16
// surrogates: PostgreSQL refuses both, so they must never get that far), and each service parses its
// input with the zod schemas of its module's contract.
import { z, type ZodTypeAny } from 'zod';
import { AppError } from './errors.js';

/** Parses input with a zod schema; failures become VALIDATION_FAILED with a message key per field. */
export function parse<S extends ZodTypeAny>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data ?? {});
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.join('.') || '_';
    if (fields[key]) continue;
    fields[key] = messageKeyOf(issue);
  }
  throw new AppError('VALIDATION_FAILED', undefined, { fields });
}

/** The message key of a zod issue: our own key when the schema gave one, else a generic field.* key. */
/** Our own message keys ('field.date', 'equipment.unknownCategory'); zod's default messages are sentences. */
const MESSAGE_KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/;

export function messageKeyOf(issue: z.ZodIssue): string {
  if (MESSAGE_KEY.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' || issue.received === 'null' ? 'field.required' : 'field.invalid';
    case 'too_small':
      if (issue.type === 'number' || issue.type === 'bigint') return 'field.tooSmall';
      return issue.minimum === 1 && issue.type === 'string' ? 'field.required' : 'field.tooShort';
    case 'too_big':
      return issue.type === 'number' || issue.type === 'bigint' ? 'field.tooLarge' : 'field.tooLong';
    default:
      return 'field.invalid';
  }
}

export { isoDate, nonEmpty } from './fields.js';

// ------------------------------------------------------------------ strings

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored: a NUL character or a lone surrogate (broken UTF-16); null when fine. */
export function badText(s: string): 'nul' | 'surrogate' | null {
  if (s.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  return null;
}

/** The same string without NUL characters and with lone surrogates replaced by U+FFFD (imports). */
export function cleanText(s: string): string {
  if (badText(s) === null) return s;
  return s.replace(/\u0000/g, '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');
}

const MAX_DEPTH = 64;

/**
 * Checks every string (and key) in a request's query, params and JSON body. Throws VALIDATION_FAILED
 * naming the first field that holds a NUL or a lone surrogate, or that nests too deeply.
 */
export function checkInput(value: unknown, where: string): void {
  const bad = firstBad(value, where, 0);
  if (bad) throw new AppError('VALIDATION_FAILED', 'input.badCharacters', { fields: { [bad]: 'field.badCharacters' } }, { field: bad });
}

function firstBad(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return badText(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = firstBad(value[i], `${path}[${i}]`, depth + 1);
      if (r) return r;
    }
    return null;
  }
  if (Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    const p = `${path}.${k.replace(/[^\x20-\x7e]/g, '?')}`;
    if (badText(k)) return p;
    const r = firstBad(v, p, depth + 1);
    if (r) return r;
  }
  return null;
}

/** `obj[key]` only for the object's own keys: '__proto__', 'constructor' … of user input find nothing. */
export function own<V>(obj: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}
