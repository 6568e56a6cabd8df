// DHIS2 `fields=` parameter: "id,code,parent[id,name],children[id]", "*" or ":all". Brackets must
// balance and nest at most MAX_DEPTH deep; anything else is VALIDATION_FAILED naming the parameter.
import { AppError } from '../../core/errors.js';

export type FieldTree = Map<string, FieldTree | true>;

/** Nesting deeper than this selects nothing our objects have. */
export const MAX_DEPTH = 8;

/** Field names, DHIS2 presets (":all", "*", ":owner") and transformers ("name~rename(label)"). */
const NAME = /^[A-Za-z0-9_:*!~$.\-]+$/;

const OPEN: Record<string, string> = { '[': ']', '(': ')' };

function bad(spec: string, key: string): AppError {
  const shown = spec.length > 120 ? `${spec.slice(0, 120)}…` : spec;
  return new AppError('VALIDATION_FAILED', key, { fields: { fields: key } }, { fields: shown, max: MAX_DEPTH });
}

export function parseFields(spec: string | undefined, defaults: string): FieldTree {
  const text = (spec && spec.trim()) || defaults;
  let i = 0;
  const parseList = (depth: number, close: string | null): FieldTree => {
    if (depth > MAX_DEPTH) throw bad(text, 'dhis2.fields.deep');
    const tree: FieldTree = new Map();
    let name = '';
    const flush = (sub?: FieldTree) => {
      const n = name.trim();
      if (n) {
        if (!NAME.test(n)) throw bad(text, 'dhis2.fields.syntax');
        tree.set(n, sub ?? true);
      } else if (sub) throw bad(text, 'dhis2.fields.syntax'); // "[id]" with no name before it
      name = '';
    };
    while (i < text.length) {
      const c = text[i++]!;
      if (c === ',') flush();
      else if (c === '[' || c === '(') flush(parseList(depth + 1, OPEN[c]!));
      else if (c === ']' || c === ')') {
        if (c !== close) throw bad(text, 'dhis2.fields.brackets');
        flush();
        return tree;
      } else name += c;
    }
    if (close !== null) throw bad(text, 'dhis2.fields.brackets');
    flush();
    return tree;
  };
  return parseList(0, null);
}

/** Keeps the requested fields of an object; `*` / `:all` keep everything. */
export function project(obj: Record<string, unknown>, tree: FieldTree): Record<string, unknown> {
  if (tree.has('*') || tree.has(':all')) return obj;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    // Own properties only: "fields=constructor" or "__proto__" select nothing.
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    const v = obj[key];
    if (sub === true || v === null || typeof v !== 'object') out[key] = v;
    else if (Array.isArray(v)) out[key] = v.map((x) => (x && typeof x === 'object' ? project(x as Record<string, unknown>, sub) : x));
    else out[key] = project(v as Record<string, unknown>, sub);
  }
  return out;
}

/** Names of first-level fields asked for (to know which extra queries are needed). */
export function wants(tree: FieldTree, field: string): boolean {
  return tree.has(field) || tree.has('*') || tree.has(':all');
}
