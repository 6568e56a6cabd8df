// Checking indicator and validation-rule expressions against the metadata: every data element,
// option combo (of that element's combo) and constant must exist. References may be codes or uids.
import type { Ctx } from '../../core/context.js';
import { ExpressionError, parseExpression, references } from '../../lib/expression.js';
import * as repo from './metadata.repo.js';

export interface ExprLookups {
  /** Data elements by code and by uid. */
  dataElements: Map<string, { id: string; code: string; comboId: string }>;
  /** Option combos per category combo id, by code, uid and option key (option codes joined by '_'). */
  optionCombos: Map<string, Map<string, { id: string; code: string | null }>>;
  constants: Map<string, { id: string; code: string }>;
}

export interface ExprProblem {
  key: string;
  params: Record<string, string | number>;
}

/** Deeper nesting than this is refused before parsing: the parser and evaluators recurse per level. */
export const MAX_EXPRESSION_DEPTH = 100;

export async function loadLookups(ctx: Ctx): Promise<ExprLookups> {
  const { dataElements: des, optionCombos: cocs, constants: consts } = await ctx.use(repo).expressionLookups();
  const dataElements = new Map<string, { id: string; code: string; comboId: string }>();
  for (const d of des) {
    const v = { id: d.id, code: d.code, comboId: d.category_combo_id };
    dataElements.set(d.id, v);
    dataElements.set(d.code, v);
  }
  const optionCombos = new Map<string, Map<string, { id: string; code: string | null }>>();
  for (const c of cocs) {
    let m = optionCombos.get(c.category_combo_id);
    if (!m) optionCombos.set(c.category_combo_id, (m = new Map()));
    const v = { id: c.id, code: c.code };
    m.set(c.id, v);
    if (c.option_key) m.set(c.option_key, v);
    if (c.code) m.set(c.code, v);
  }
  const constants = new Map<string, { id: string; code: string }>();
  for (const c of consts) {
    constants.set(c.id, c);
    constants.set(c.code, c);
  }
  return { dataElements, optionCombos, constants };
}

/**
 * Checks an expression. Returns the problems (empty when fine) and, with `normalize`, the text with
 * every reference rewritten to codes (used for DHIS2 packages, whose expressions use uids).
 */
export function checkExpression(text: string, lookups: ExprLookups, normalize = false): { problems: ExprProblem[]; text: string } {
  const deep = tooDeepAt(text);
  if (deep !== null) return { problems: [{ key: 'metadata.expr.tooDeep', params: { max: MAX_EXPRESSION_DEPTH, pos: deep + 1 } }], text };
  let ast;
  try {
    ast = parseExpression(text);
  } catch (e) {
    if (e instanceof ExpressionError) {
      return { problems: [{ key: 'metadata.expr.syntax', params: { detail: e.message, pos: e.position + 1 } }], text };
    }
    // A stack overflow on a pathological expression is a problem of the input, not of the server.
    if (e instanceof RangeError) return { problems: [{ key: 'metadata.expr.tooDeep', params: { max: MAX_EXPRESSION_DEPTH, pos: 1 } }], text };
    throw e;
  }
  const refs = references(ast);
  const problems: ExprProblem[] = [];
  const replacements: { pos: number; from: string; to: string }[] = [];
  for (const r of refs.dataElements) {
    const de = lookups.dataElements.get(r.de);
    const pos = r.pos + 1;
    if (!de) {
      problems.push({ key: 'metadata.expr.unknownDataElement', params: { ref: r.de, pos } });
      continue;
    }
    let cocCode: string | null = null;
    if (r.coc !== null) {
      const coc = lookups.optionCombos.get(de.comboId)?.get(r.coc);
      if (!coc) {
        problems.push({ key: 'metadata.expr.unknownOptionCombo', params: { de: de.code, ref: r.coc, pos } });
        continue;
      }
      cocCode = coc.code ?? coc.id;
    }
    if (normalize) replacements.push({ pos: r.pos, from: 'de', to: `#{${de.code}${cocCode ? `.${cocCode}` : ''}}` });
  }
  for (const c of refs.constants) {
    const k = lookups.constants.get(c.ref);
    if (!k) problems.push({ key: 'metadata.expr.unknownConstant', params: { ref: c.ref, pos: c.pos + 1 } });
    else if (normalize) replacements.push({ pos: c.pos, from: 'const', to: `C{${k.code}}` });
  }
  if (!normalize || problems.length) return { problems, text };
  // Rewrite from the end so earlier positions stay valid.
  let out = text;
  for (const r of replacements.sort((a, b) => b.pos - a.pos)) {
    const end = out.indexOf('}', r.pos);
    out = out.slice(0, r.pos) + r.to + out.slice(end + 1);
  }
  return { problems, text: out };
}

/** The position where parentheses or unary signs nest deeper than MAX_EXPRESSION_DEPTH, or null. */
export function tooDeepAt(text: string): number | null {
  let depth = 0;
  let unary = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    // Runs of signs ("- - - -1") nest like parentheses in the parser.
    if (c === '-' || c === '+') unary++;
    else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '(') unary = 0;
    if (depth > MAX_EXPRESSION_DEPTH || unary > MAX_EXPRESSION_DEPTH) return i;
  }
  return null;
}
