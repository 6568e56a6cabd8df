// DHIS2 `filter=property:operator:value` evaluated on DHIS2-shaped objects in memory (for metadata,
// which is small). Dotted properties walk into objects and collections ("categoryCombo.id",
// "dataSetElements.dataSet.id"); a collection matches when any element does.
import { AppError } from '../../core/errors.js';
import { searchKey } from '../../lib/text.js';

type Obj = Record<string, unknown>;

function values(obj: unknown, path: string[]): unknown[] {
  if (!path.length) return [obj];
  if (Array.isArray(obj)) return obj.flatMap((x) => values(x, path));
  if (!obj || typeof obj !== 'object') return [undefined];
  return values((obj as Obj)[path[0]!], path.slice(1));
}

const NAME_LIKE = new Set(['name', 'displayName', 'shortName', 'displayShortName', 'formName', 'description']);

export type Predicate = (obj: Obj) => boolean;

/** Compiles one filter; unknown properties (not in `props`) or operators are UNSUPPORTED. */
export function compileFilter(filter: string, props: ReadonlySet<string>): Predicate {
  const [prop = '', op, ...rest] = filter.split(':');
  const value = rest.join(':');
  const bad = () => new AppError('UNSUPPORTED', 'dhis2.filter', { filter }, { filter });
  if (!op || !props.has(prop.split('.')[0]!)) throw bad();
  const path = prop.split('.');
  const list = () => value.replace(/^\[|\]$/g, '').split(',').map((s) => s.trim()).filter(Boolean);
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
  switch (op) {
    case 'eq': return anyOf((v) => str(v) === value);
    case '!eq': case 'ne': case 'neq': return (o) => !values(o, path).some((v) => str(v) === value);
    case 'ieq': return anyOf((v) => str(v)?.toLowerCase() === value.toLowerCase());
    case 'in': { const l = list(); return anyOf((v) => l.includes(str(v) ?? '')); }
    case '!in': { const l = list(); return (o) => !values(o, path).some((v) => l.includes(str(v) ?? '')); }
    case 'null': return (o) => values(o, path).every((v) => v === undefined || v === null);
    case '!null': return anyOf((v) => v !== undefined && v !== null);
    case 'empty': return (o) => values(o, path).every((v) => v === undefined || v === null);
    case 'gt': return anyOf((v) => cmp(v, (d) => d > 0));
    case 'ge': return anyOf((v) => cmp(v, (d) => d >= 0));
    case 'lt': return anyOf((v) => cmp(v, (d) => d < 0));
    case 'le': return anyOf((v) => cmp(v, (d) => d <= 0));
    case 'like': return anyOf((v) => like(v, 'any', false));
    case 'ilike': case 'token': return anyOf((v) => like(v, 'any', true));
    case '!like': return (o) => !values(o, path).some((v) => like(v, 'any', false));
    case '!ilike': return (o) => !values(o, path).some((v) => like(v, 'any', true));
    case '$like': return anyOf((v) => like(v, 'start', false));
    case '$ilike': return anyOf((v) => like(v, 'start', true));
    case 'like$': return anyOf((v) => like(v, 'end', false));
    case 'ilike$': return anyOf((v) => like(v, 'end', true));
    default:
      throw bad();
  }
}

/** Applies filters (AND, or OR with rootJunction=OR). */
export function applyFilters<T extends Obj>(items: T[], filters: string[], props: ReadonlySet<string>, junction: string): T[] {
  if (!filters.length) return items;
  const preds = filters.map((f) => compileFilter(f, props));
  const or = junction.toUpperCase() === 'OR';
  return items.filter((o) => (or ? preds.some((p) => p(o)) : preds.every((p) => p(o))));
}
