// Checking indicator and validation-rule expressions against the metadata: every data element,
// option combo (of that element's combo) and constant must exist. References may be codes or uids.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ExpressionError, parseExpression, references } from '../../lib/expression.js';

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

export async function loadLookups(db: Kysely<DB>): Promise<ExprLookups> {
  const [des, cocs, consts] = await Promise.all([
    db.selectFrom('data_element').select(['id', 'code', 'category_combo_id']).execute(),
    sql<{ id: string; code: string | null; category_combo_id: string; option_key: string | null }>`
      select c.id, c.code, c.category_combo_id,
        (select string_agg(o.code, '_' order by ic.sort_order)
           from category_option_combo_option x
           join category_option o on o.id = x.category_option_id
           join category_option_in_category oc on oc.category_option_id = o.id
           join category_in_combo ic on ic.category_id = oc.category_id and ic.category_combo_id = c.category_combo_id
          where x.category_option_combo_id = c.id) as option_key
      from category_option_combo c`.execute(db).then((r) => r.rows),
    db.selectFrom('constant').select(['id', 'code']).execute(),
  ]);
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
  let ast;
  try {
    ast = parseExpression(text);
  } catch (e) {
    if (e instanceof ExpressionError) {
      return { problems: [{ key: 'metadata.expr.syntax', params: { detail: e.message, pos: e.position + 1 } }], text };
    }
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
