// DHIS2 `fields=` parameter: "id,code,parent[id,name],children[id]", "*" or ":all".

export type FieldTree = Map<string, FieldTree | true>;

export function parseFields(spec: string | undefined, defaults: string): FieldTree {
  const text = (spec && spec.trim()) || defaults;
  let i = 0;
  const parseList = (): FieldTree => {
    const tree: FieldTree = new Map();
    let name = '';
    const flush = (sub?: FieldTree) => {
      const n = name.trim();
      if (n) tree.set(n, sub ?? true);
      name = '';
    };
    while (i < text.length) {
      const c = text[i++];
      if (c === ',') flush();
      else if (c === '[' || c === '(') flush(parseList());
      else if (c === ']' || c === ')') break;
      else name += c;
    }
    flush();
    return tree;
  };
  return parseList();
}

/** Keeps the requested fields of an object; `*` / `:all` keep everything. */
export function project(obj: Record<string, unknown>, tree: FieldTree): Record<string, unknown> {
  if (tree.has('*') || tree.has(':all')) return obj;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    if (!(key in obj)) continue;
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
