// DHIS2 `filter=property:operator:value`. Parsing is shared by both evaluations: in memory on
// DHIS2-shaped metadata objects (small), and as SQL for org units (dhis2.repo.ts). Dotted properties
// walk into objects and collections ("categoryCombo.id", "dataSetElements.dataSet.id"); a collection
// matches when any element does.
//
// A filter that is not well formed (no operator, an empty or unbracketed list, too many values …) is
// VALIDATION_FAILED (400); a well-formed filter on a property or with an operator we do not support
// is UNSUPPORTED (409). Either way the message names the filter.
import { AppError } from '../../core/errors.js';
import { searchKey } from '../../lib/text.js';

type Obj = Record<string, unknown>;

/** At most this many values in one `in:[…]` list. */
export const MAX_LIST = 1000;

export const OPERATORS = [
  'eq', '!eq', 'ne', 'neq', 'ieq', 'in', '!in', 'null', '!null', 'empty', 'gt', 'ge', 'lt', 'le',
  'like', '!like', 'ilike', '!ilike', '$like', '$ilike', 'like$', 'ilike$', 'token',
] as const;
export type Operator = (typeof OPERATORS)[number];
const KNOWN = new Set<string>(OPERATORS);
const NO_VALUE = new Set<string>(['null', '!null', 'empty']);

export interface Filter {
  /** The filter as given (for messages). */
  text: string;
  /** The property, split at dots. */
  path: string[];
  op: Operator;
  value: string;
  /** The values of in / !in. */
  list: string[];
}

const PROPERTY = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*){0,4}$/;

const shown = (filter: string) => (filter.length > 120 ? `${filter.slice(0, 120)}…` : filter);

function invalid(filter: string, key: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('VALIDATION_FAILED', key, { fields: { filter: key } }, { filter: shown(filter), ...params });
}

export function unsupported(filter: string): AppError {
  return new AppError('UNSUPPORTED', 'dhis2.filter', { filter: shown(filter) }, { filter: shown(filter) });
}

/** Parses one filter (VALIDATION_FAILED when malformed, UNSUPPORTED for an operator we do not have). */
export function parseFilter(text: string): Filter {
  const [prop = '', op = '', ...rest] = text.split(':');
  const value = rest.join(':');
  if (!prop || !op || !PROPERTY.test(prop)) throw invalid(text, 'dhis2.filter.syntax');
  if (!KNOWN.has(op)) throw unsupported(text);
  const operator = op as Operator;
  let list: string[] = [];
  if (operator === 'in' || operator === '!in') {
    const m = /^\[(.*)\]$/s.exec(value.trim());
    if (!m) throw invalid(text, 'dhis2.filter.list');
    list = m[1]!.split(',').map((s) => s.trim()).filter(Boolean);
    if (!list.length) throw invalid(text, 'dhis2.filter.emptyList');
    if (list.length > MAX_LIST) throw invalid(text, 'dhis2.filter.longList', { max: MAX_LIST });
  } else if (!NO_VALUE.has(operator) && value === '') {
    throw invalid(text, 'dhis2.filter.noValue');
  }
  return { text, path: prop.split('.'), op: operator, value, list };
}

/** The filter parameter (one or several) as parsed filters. */
export function parseFilters(input: string | string[] | undefined): Filter[] {
  if (input === undefined) return [];
  return (Array.isArray(input) ? input : [input]).map(parseFilter);
}

// ------------------------------------------------------------------ in memory

function values(obj: unknown, path: string[]): unknown[] {
  if (!path.length) return [obj];
  if (Array.isArray(obj)) return obj.flatMap((x) => values(x, path));
  if (!obj || typeof obj !== 'object') return [undefined];
  // Own properties only: "constructor" or "__proto__" in a filter reach nothing.
  const key = path[0]!;
  return values(Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Obj)[key] : undefined, path.slice(1));
}

const NAME_LIKE = new Set(['name', 'displayName', 'shortName', 'displayShortName', 'formName', 'description']);

export type Predicate = (obj: Obj) => boolean;

/** Compiles a filter for objects in memory; properties not in `props` (first segment) are UNSUPPORTED. */
export function compileFilter(f: Filter, props: ReadonlySet<string>): Predicate {
  const { path, value } = f;
  if (!props.has(path[0]!)) throw unsupported(f.text);
  const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
  const cmp = (v: unknown, sign: (d: number) => boolean) => {
    if (v === undefined || v === null) return false;
    const a = num(v);
    const b = Number(value);
    if (Number.isFinite(a) && Number.isFinite(b)) return sign(a - b);
    return sign(String(v).localeCompare(value));
  };
  const fold = NAME_LIKE.has(path[path.length - 1]!) ? searchKey : (s: string) => s.toLowerCase();
  const like = (v: unknown, kind: 'any' | 'start' | 'end', ci: boolean) => {
    const s = str(v);
    if (s === null) return false;
    const a = ci ? fold(s) : s;
    const b = ci ? fold(value) : value;
    return kind === 'start' ? a.startsWith(b) : kind === 'end' ? a.endsWith(b) : a.includes(b);
  };
  const anyOf = (test: (v: unknown) => boolean): Predicate => (o) => values(o, path).some(test);
  const noneOf = (test: (v: unknown) => boolean): Predicate => (o) => !values(o, path).some(test);
  const set = new Set(f.list);
  switch (f.op) {
    case 'eq': return anyOf((v) => str(v) === value);
    case '!eq': case 'ne': case 'neq': return noneOf((v) => str(v) === value);
    case 'ieq': return anyOf((v) => str(v)?.toLowerCase() === value.toLowerCase());
    case 'in': return anyOf((v) => set.has(str(v) ?? ''));
    case '!in': return noneOf((v) => set.has(str(v) ?? ''));
    case 'null': case 'empty': return (o) => values(o, path).every((v) => v === undefined || v === null);
    case '!null': return anyOf((v) => v !== undefined && v !== null);
    case 'gt': return anyOf((v) => cmp(v, (d) => d > 0));
    case 'ge': return anyOf((v) => cmp(v, (d) => d >= 0));
    case 'lt': return anyOf((v) => cmp(v, (d) => d < 0));
    case 'le': return anyOf((v) => cmp(v, (d) => d <= 0));
    case 'like': return anyOf((v) => like(v, 'any', false));
    case 'ilike': case 'token': return anyOf((v) => like(v, 'any', true));
    case '!like': return noneOf((v) => like(v, 'any', false));
    case '!ilike': return noneOf((v) => like(v, 'any', true));
    case '$like': return anyOf((v) => like(v, 'start', false));
    case '$ilike': return anyOf((v) => like(v, 'start', true));
    case 'like$': return anyOf((v) => like(v, 'end', false));
    case 'ilike$': return anyOf((v) => like(v, 'end', true));
  }
}

/** Applies filters (AND, or OR with rootJunction=OR). */
export function applyFilters<T extends Obj>(items: T[], filters: Filter[], props: ReadonlySet<string>, junction: string): T[] {
  if (!filters.length) return items;
  const preds = filters.map((f) => compileFilter(f, props));
  const or = junction.toUpperCase() === 'OR';
  return items.filter((o) => (or ? preds.some((p) => p(o)) : preds.every((p) => p(o))));
}
