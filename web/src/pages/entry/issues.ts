// Where the form's problems are: the cells a validation violation involves (read from the rule's
// expressions, so "#{T_BIRTHS_SEX.T_FEMALE}" marks the girls cell only), the values outside the
// unit's usual range, and the order in which "next problem" visits them. Pure: no React, no DOM.
import type { Bound, EntryForm, FormElement, Violation } from '../../../../src/modules/datavalues/datavalues.contract.js';

/** A cell's id in the form: dataElementId|categoryOptionComboId. */
export const cid = (de: string | number, coc: string | number) => `${de}|${coc}`;

export function numericOf(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export type Severity = 'error' | 'warning';

export interface CellIssue {
  /** Stable key of the violation in this list. */
  key: string;
  violation: Violation;
  severity: Severity;
  /** Involved cell ids, in form order. */
  cells: string[];
}

export interface Outlier {
  id: string;
  value: number;
  min: number;
  max: number;
}

type FormShape = Pick<EntryForm, 'sections' | 'validationRules'>;

/** Position of every cell in the form (sections, then elements, then combos). */
export function cellOrder(form: Pick<EntryForm, 'sections'>): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of form.sections) for (const e of s.elements) for (const c of e.optionCombos) m.set(cid(e.id, c.id), m.size);
  return m;
}

function elementIndex(form: Pick<EntryForm, 'sections'>): Map<string, FormElement> {
  const m = new Map<string, FormElement>();
  for (const s of form.sections)
    for (const e of s.elements) {
      m.set(String(e.id), e);
      m.set(e.code, e);
    }
  return m;
}

const REF = /#\{([^}.\s]+)(?:\.([^}.\s]+))?[^}]*\}/g;

/** The cells a violation involves: from its rule's expressions, else every cell of its data elements. */
export function cellsOfViolation(v: Violation, form: FormShape, order = cellOrder(form)): string[] {
  const byKey = elementIndex(form);
  const out = new Set<string>();
  const rule = form.validationRules?.find((r) => String(r.id) === String(v.rule.id)) ?? form.validationRules?.find((r) => r.code === v.rule.code);
  if (rule) {
    for (const expr of [rule.leftExpression, rule.rightExpression]) {
      for (const m of (expr ?? '').matchAll(REF)) {
        const el = byKey.get(m[1]!);
        if (!el) continue;
        const combos = m[2] ? el.optionCombos.filter((c) => c.code === m[2] || String(c.id) === m[2]) : el.optionCombos;
        for (const c of combos.length ? combos : el.optionCombos) out.add(cid(el.id, c.id));
      }
    }
  }
  if (!out.size) {
    for (const de of v.dataElements ?? []) {
      const el = byKey.get(String(de));
      if (el) for (const c of el.optionCombos) out.add(cid(el.id, c.id));
    }
  }
  return [...out].filter((id) => order.has(id)).sort((a, b) => order.get(a)! - order.get(b)!);
}

/** Violations with their cells; errors (blocking) first, then in form order of their first cell. */
export function issuesOf(violations: Violation[], form: FormShape): CellIssue[] {
  const order = cellOrder(form);
  const list = violations.map((v, i) => {
    const cells = cellsOfViolation(v, form, order);
    return { key: `${v.rule.code}#${i}`, violation: v, severity: (v.blocking ? 'error' : 'warning') as Severity, cells };
  });
  const first = (x: CellIssue) => (x.cells.length ? order.get(x.cells[0]!)! : Infinity);
  return list.sort((a, b) => (a.severity === b.severity ? first(a) - first(b) : a.severity === 'error' ? -1 : 1));
}

/** Worst issue per cell. */
export function severityByCell(issues: CellIssue[]): Map<string, Severity> {
  const m = new Map<string, Severity>();
  for (const is of issues) for (const id of is.cells) if (m.get(id) !== 'error') m.set(id, is.severity);
  return m;
}

/** A value outside its bounds, else null. */
export function outlierOf(b: Pick<Bound, 'min' | 'max'> | undefined, shown: string | null | undefined): { min: number; max: number } | null {
  const n = numericOf(shown);
  if (!b || n === null) return null;
  if ((b.min !== null && n < b.min) || (b.max !== null && n > b.max)) return { min: b.min, max: b.max };
  return null;
}

/** Every cell whose current value lies outside the unit's usual range, in form order. */
export function outliersOf(form: Pick<EntryForm, 'sections' | 'bounds'>, shownOf: (id: string) => string | null | undefined): Outlier[] {
  const order = cellOrder(form);
  const out: Outlier[] = [];
  for (const b of form.bounds) {
    const id = cid(b.dataElement, b.categoryOptionCombo);
    if (!order.has(id)) continue;
    const shown = shownOf(id);
    const o = outlierOf(b, shown);
    if (o) out.push({ id, value: numericOf(shown)!, ...o });
  }
  return out.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** The cells "next problem" visits: every cell of a violation and every outlier, once, in form order. */
export function stopsOf(issues: CellIssue[], outliers: Outlier[], order: Map<string, number>): string[] {
  const set = new Set<string>();
  for (const is of issues) for (const id of is.cells) set.add(id);
  for (const o of outliers) set.add(o.id);
  return [...set].filter((id) => order.has(id)).sort((a, b) => order.get(a)! - order.get(b)!);
}

/**
 * The stop to go to from the current cell: the next (or previous) one in form order, wrapping
 * around; from no cell, the first (or last).
 */
export function nextStop(stops: string[], current: string | null, dir: 1 | -1, order: Map<string, number>): string | null {
  if (!stops.length) return null;
  const at = current === null ? undefined : order.get(current);
  if (at === undefined) return dir === 1 ? stops[0]! : stops[stops.length - 1]!;
  if (dir === 1) return stops.find((id) => order.get(id)! > at) ?? stops[0]!;
  for (let i = stops.length - 1; i >= 0; i--) if (order.get(stops[i]!)! < at) return stops[i]!;
  return stops[stops.length - 1]!;
}
