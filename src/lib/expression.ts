// Indicator and validation-rule expressions, a subset of DHIS2's syntax:
//   #{DE}        a data element, total over its option combos (code or uid)
//   #{DE.COC}    one option combo of it
//   C{CONST}     a constant
//   numbers, + - * /, parentheses, unary minus.
// Parsing gives an AST; the caller resolves references and supplies values.

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'de'; de: string; coc: string | null; pos: number }
  | { kind: 'const'; ref: string; pos: number }
  | { kind: 'neg'; e: Expr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; l: Expr; r: Expr };

export class ExpressionError extends Error {
  constructor(
    message: string,
    /** 0-based character position in the expression. */
    readonly position: number,
  ) {
    super(message);
  }
}

const REF = /^[A-Za-z0-9_\-]+$/;

export function parseExpression(text: string): Expr {
  let i = 0;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (msg: string, at = i): never => {
    throw new ExpressionError(msg, at);
  };

  function primary(): Expr {
    skip();
    const c = text[i];
    if (c === undefined) return fail('unexpected end of expression');
    if (c === '(') {
      i++;
      const e = sum();
      skip();
      if (text[i] !== ')') fail("missing ')'");
      i++;
      return e;
    }
    if (c === '-') {
      i++;
      return { kind: 'neg', e: primary() };
    }
    if (c === '+') {
      i++;
      return primary();
    }
    if ((c === '#' || c === 'C') && text[i + 1] === '{') {
      const start = i;
      const close = text.indexOf('}', i + 2);
      if (close < 0) fail("missing '}'", start);
      const body = text.slice(i + 2, close).trim();
      i = close + 1;
      if (c === 'C') {
        if (!REF.test(body)) fail(`invalid constant reference '${body}'`, start);
        return { kind: 'const', ref: body, pos: start };
      }
      const parts = body.split('.');
      if (parts.length > 2 || !parts.every((p) => REF.test(p))) fail(`invalid data element reference '${body}'`, start);
      return { kind: 'de', de: parts[0]!, coc: parts[1] ?? null, pos: start };
    }
    const m = /^\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (m) {
      i += m[0].length;
      return { kind: 'num', value: Number(m[0]) };
    }
    return fail(`unexpected '${c}'`);
  }

  function product(): Expr {
    let l = primary();
    for (;;) {
      skip();
      const c = text[i];
      if (c !== '*' && c !== '/') return l;
      i++;
      l = { kind: 'bin', op: c, l, r: primary() };
    }
  }

  function sum(): Expr {
    let l = product();
    for (;;) {
      skip();
      const c = text[i];
      if (c !== '+' && c !== '-') return l;
      i++;
      l = { kind: 'bin', op: c, l, r: product() };
    }
  }

  if (!text.trim()) fail('empty expression', 0);
  const e = sum();
  skip();
  if (i < text.length) fail(`unexpected '${text[i]}'`);
  return e;
}

export interface References {
  dataElements: { de: string; coc: string | null; pos: number }[];
  constants: { ref: string; pos: number }[];
}

export function references(e: Expr, out: References = { dataElements: [], constants: [] }): References {
  switch (e.kind) {
    case 'de':
      out.dataElements.push({ de: e.de, coc: e.coc, pos: e.pos });
      break;
    case 'const':
      out.constants.push({ ref: e.ref, pos: e.pos });
      break;
    case 'neg':
      references(e.e, out);
      break;
    case 'bin':
      references(e.l, out);
      references(e.r, out);
      break;
  }
  return out;
}

export interface Lookup {
  /** The value of a data element (total when coc is null); null when there is none. */
  value(de: string, coc: string | null): number | null;
  constant(ref: string): number | null;
}

export interface Evaluation {
  /** null when the expression cannot be computed (division by zero, unknown constant). */
  value: number | null;
  /** Data-element references in the expression, and how many had no value (taken as 0). */
  items: number;
  missing: number;
}

export function evaluate(e: Expr, lookup: Lookup): Evaluation {
  const acc = { items: 0, missing: 0 };
  const walk = (x: Expr): number | null => {
    switch (x.kind) {
      case 'num':
        return x.value;
      case 'de': {
        acc.items++;
        const v = lookup.value(x.de, x.coc);
        if (v === null) acc.missing++;
        return v ?? 0;
      }
      case 'const':
        return lookup.constant(x.ref);
      case 'neg': {
        const v = walk(x.e);
        return v === null ? null : -v;
      }
      case 'bin': {
        const l = walk(x.l);
        const r = walk(x.r);
        if (l === null || r === null) return null;
        if (x.op === '+') return l + r;
        if (x.op === '-') return l - r;
        if (x.op === '*') return l * r;
        return r === 0 ? null : l / r;
      }
    }
  };
  const value = walk(e);
  return { value: value !== null && Number.isFinite(value) ? value : null, ...acc };
}
