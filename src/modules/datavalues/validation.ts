// Validation rules of a form (DHIS2 semantics): every validation_rule of the data set's period type
// whose left or right expression references an element of the data set is evaluated against the
// unit's own values for the period.
//
// Missing values (per side): SKIP_IF_ANY_VALUE_MISSING skips the rule when any referenced value of
// that side is missing; SKIP_IF_ALL_VALUES_MISSING (default) when all of them are (a side that
// references no data element is never "all missing"); NEVER_SKIP evaluates with missing values as 0.
// compulsory_pair: a violation when one side has a value and the other has none; exclusive_pair: a
// violation when both sides have values (strategies do not apply to pairs). A side that cannot be
// computed (division by zero, unknown constant) skips the rule.
import type { Ctx } from '../../core/context.js';
import type { Locale } from '../../core/i18n.js';
import { evaluate, parseExpression, references, type Expr } from '../../lib/expression.js';
import { parsePeriod } from '../../lib/periods.js';
import type { Importance, MissingValueStrategy, RuleOperator } from '../metadata/metadata.tables.js';
import * as repo from './datavalues.repo.js';
import * as cache from './entry-cache.js';
import { loadFormDefinition, type FormDefinition } from './form.js';
import * as validationRepo from './validation.repo.js';
import type { RuleRow } from './validation.repo.js';

export interface Violation {
  rule: { id: string; code: string; name: string };
  importance: Importance;
  /** HIGH importance: completion is refused. */
  blocking: boolean;
  message: string;
  leftValue: number | null;
  rightValue: number | null;
  operator: RuleOperator;
  /** uids of the data elements the rule references. */
  dataElements: string[];
}

export interface ValidationInput {
  dataSetId: string;
  orgUnitId: string;
  periodIso: string;
  locale: Locale;
}

/** Evaluates the data set's validation rules for one unit and period. */
export async function runValidation(ctx: Ctx, input: ValidationInput): Promise<{ violations: Violation[] }> {
  const form = await loadFormDefinition(ctx, input.dataSetId);
  const period = parsePeriod(input.periodIso);
  if (!period) throw new Error(`not an ISO period: ${input.periodIso}`);

  const { rules, deRefs, cocRefs, constRefs } = await relevantRules(ctx, form);
  if (rules.length === 0) return { violations: [] };

  const refList = [...deRefs];
  const cocList = [...cocRefs];
  const constList = [...constRefs];
  const ruleData = ctx.use(validationRepo);
  const entries = ctx.use(repo);
  const [elements, cocs, constants, unit, pe, ao] = await Promise.all([
    ruleData.elementsByRef(refList),
    ruleData.optionCombosByRef(cocList),
    ruleData.constantsByRef(constList),
    entries.findUnit(input.orgUnitId),
    entries.periodId(period.iso),
    defaultAttributeComboIid(ctx),
  ]);
  if (!unit) throw new Error(`unknown unit ${input.orgUnitId}`);
  const elementOf = new Map<string, { id: string; iid: number }>();
  for (const e of elements) {
    elementOf.set(e.id, e);
    elementOf.set(e.code, e);
  }
  const cocIids = new Map<string, number[]>();
  for (const c of cocs) {
    // Option-combo codes are unique, but a ref may match one row by id and another by code.
    for (const ref of [c.id, c.code]) if (ref) cocIids.set(ref, [...(cocIids.get(ref) ?? []), c.iid]);
  }
  const constOf = new Map<string, number>();
  for (const c of constants) {
    constOf.set(c.id, c.value);
    constOf.set(c.code, c.value);
  }

  // Values of the unit and period: de iid → co iid → number (null for non-numeric values).
  const numbers = new Map<number, Map<number, number | null>>();
  if (pe && elements.length) {
    const rows = await ruleData.numbersOf(unit.iid, pe.id, ao, [...new Set(elements.map((e) => e.iid))]);
    for (const r of rows) {
      const m = numbers.get(r.de) ?? new Map();
      m.set(r.co, r.num);
      numbers.set(r.de, m);
    }
  }
  const lookup = {
    value(de: string, coc: string | null): number | null {
      const el = elementOf.get(de);
      if (!el) return null;
      const m = numbers.get(el.iid);
      if (!m) return null;
      if (coc === null) {
        let sum = 0;
        let any = false;
        for (const v of m.values()) if (v !== null) (sum += v), (any = true);
        return any ? sum : null;
      }
      for (const iid of cocIids.get(coc) ?? []) {
        const v = m.get(iid);
        if (v !== undefined && v !== null) return v;
      }
      return null;
    },
    constant: (ref: string) => constOf.get(ref) ?? null,
  };

  const violations: Violation[] = [];
  for (const r of rules) {
    const L = evaluate(r.left, lookup);
    const R = evaluate(r.right, lookup);
    const lHas = L.items === 0 || L.missing < L.items;
    const rHas = R.items === 0 || R.missing < R.items;
    const op = r.row.operator;
    let violated: boolean;
    if (op === 'compulsory_pair') violated = lHas !== rHas;
    else if (op === 'exclusive_pair') violated = lHas && rHas && L.items > 0 && R.items > 0;
    else {
      if (skipSide(r.row.left_missing_value_strategy, L) || skipSide(r.row.right_missing_value_strategy, R)) continue;
      if (L.value === null || R.value === null) continue;
      violated = !compare(op, L.value, R.value);
    }
    if (!violated) continue;
    const refIds = r.refs.map((ref) => elementOf.get(ref)?.id).filter((x): x is string => !!x);
    violations.push({
      rule: { id: r.row.id, code: r.row.code, name: (input.locale === 'en' && r.row.name_en) || r.row.name },
      importance: r.row.importance,
      blocking: r.row.importance === 'HIGH',
      message: (input.locale === 'en' && r.row.message_en) || r.row.message,
      leftValue: round(L.value),
      rightValue: round(R.value),
      operator: op,
      dataElements: [...new Set(refIds)],
    });
  }
  return { violations };
}

export type { RuleRow } from './validation.repo.js';

/** The rules that apply to a data set's form: its period type, referencing one of its elements. */
export async function relevantRules(ctx: Ctx, form: FormDefinition) {
  const formRefs = new Set<string>();
  for (const e of form.elements.values()) {
    formRefs.add(e.id);
    formRefs.add(e.code);
  }
  const ruleRows = await ctx.use(validationRepo).rulesOfPeriodType(form.dataSet.periodType);
  const rules: { row: RuleRow; left: Expr; right: Expr; refs: string[] }[] = [];
  const deRefs = new Set<string>();
  const cocRefs = new Set<string>();
  const constRefs = new Set<string>();
  for (const row of ruleRows) {
    let left: Expr, right: Expr;
    try {
      left = parseExpression(row.left_expression);
      right = parseExpression(row.right_expression);
    } catch {
      continue; // the metadata module validates expressions on save; a broken rule is ignored here
    }
    const lr = references(left);
    const rr = references(right);
    const des = [...lr.dataElements, ...rr.dataElements];
    if (!des.some((d) => formRefs.has(d.de))) continue;
    for (const d of des) {
      deRefs.add(d.de);
      if (d.coc) cocRefs.add(d.coc);
    }
    for (const c of [...lr.constants, ...rr.constants]) constRefs.add(c.ref);
    rules.push({ row, left, right, refs: [...new Set(des.map((d) => d.de))] });
  }
  return { rules, deRefs, cocRefs, constRefs };
}

function skipSide(strategy: MissingValueStrategy, e: { items: number; missing: number }): boolean {
  if (strategy === 'NEVER_SKIP') return false;
  if (strategy === 'SKIP_IF_ANY_VALUE_MISSING') return e.missing > 0;
  return e.items > 0 && e.missing === e.items;
}

function compare(op: RuleOperator, l: number, r: number): boolean {
  const eq = Math.abs(l - r) <= 1e-9 * Math.max(1, Math.abs(l), Math.abs(r));
  switch (op) {
    case 'equal_to':
      return eq;
    case 'not_equal_to':
      return !eq;
    case 'greater_than':
      return l > r && !eq;
    case 'greater_than_or_equal_to':
      return l > r || eq;
    case 'less_than':
      return l < r && !eq;
    case 'less_than_or_equal_to':
      return l < r || eq;
    default:
      return true;
  }
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e6);

/** iid of the default option combo, used as the attribute option combo of every value (cached). */
export function defaultAttributeComboIid(ctx: Ctx): Promise<number> {
  return cache.attributeCombo(ctx);
}
