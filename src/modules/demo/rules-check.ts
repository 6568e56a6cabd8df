// Checks values of one unit and month against the default package's validation rules (used by the
// demo tests to prove the synthetic data is clean). Values are keyed 'DE' or 'DE.COC'; an element
// reference without option combo sums its combos. Missing-value strategies per side as in DHIS2.
import { evaluate, parseExpression, type Expr } from '../../lib/expression.js';
import { metadataPackageSchema, type MetadataPackage } from '../metadata/package.schema.js';
import { BCTK_YTCS_PACKAGE } from '../metadata/default-package/bctk-ytcs.js';
import type { Values } from './generator.js';

const pkg: MetadataPackage = metadataPackageSchema.parse(BCTK_YTCS_PACKAGE);
const comboOf = new Map(pkg.dataElements.map((e) => [e.code, e.categoryCombo]));
const zeroSig = new Map(pkg.dataElements.map((e) => [e.code, e.zeroIsSignificant]));
const rules = pkg.validationRules.map((r) => ({ ...r, l: parseExpression(r.leftSide.expression), r: parseExpression(r.rightSide.expression) }));

/** Drops what the database would not store: zeros of elements whose zero is not significant, and zero cells of breakdowns. */
export function asStored(values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    const [de, coc] = k.split('.');
    if (v === 0 && (coc || !zeroSig.get(de!))) continue;
    out[k] = v;
  }
  return out;
}

export function lookupOf(values: Values) {
  const keysOf = new Map<string, string[]>();
  for (const k of Object.keys(values)) {
    const de = k.split('.')[0]!;
    const list = keysOf.get(de) ?? [];
    list.push(k);
    keysOf.set(de, list);
  }
  return {
    value(de: string, coc: string | null) {
      if (coc) return values[comboOf.get(de) === 'default' ? de : `${de}.${coc}`] ?? null;
      const keys = keysOf.get(de);
      return keys ? keys.reduce((s, k) => s + values[k]!, 0) : null;
    },
    constant: () => null,
  };
}

const skip = (strategy: string, e: { items: number; missing: number }) =>
  strategy === 'SKIP_IF_ANY_VALUE_MISSING' ? e.missing > 0 : strategy === 'SKIP_IF_ALL_VALUES_MISSING' ? e.items > 0 && e.missing === e.items : false;

/** The rules these values break, as 'RULE: left op right'. */
export function ruleViolations(values: Values, only?: (code: string) => boolean): string[] {
  const lookup = lookupOf(values);
  const out: string[] = [];
  for (const r of rules) {
    if (only && !only(r.code)) continue;
    const l = evaluate(r.l as Expr, lookup);
    const rr = evaluate(r.r as Expr, lookup);
    if (skip(r.leftSide.missingValueStrategy, l) || skip(r.rightSide.missingValueStrategy, rr)) continue;
    if (l.value === null || rr.value === null) continue;
    const ok =
      r.operator === 'equal_to' ? Math.abs(l.value - rr.value) < 1e-9
      : r.operator === 'less_than_or_equal_to' ? l.value <= rr.value + 1e-9
      : r.operator === 'greater_than_or_equal_to' ? l.value + 1e-9 >= rr.value
      : true;
    if (!ok) out.push(`${r.code}: ${l.value} ${r.operator} ${rr.value}`);
  }
  return out;
}
