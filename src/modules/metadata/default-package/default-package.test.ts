import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression, references } from '../../../lib/expression.js';
import { SEED_001, SEED_PERCENTAGES } from '../../demo/seed001.js';
import { metadataPackageSchema, type MetadataPackage } from '../package.schema.js';
import { BCTK_YTCS_PACKAGE, CENTRE_DATA_SET, STATION_DATA_SET } from './bctk-ytcs.js';

const pkg: MetadataPackage = metadataPackageSchema.parse(BCTK_YTCS_PACKAGE);

const byCode = <T extends { code: string }>(xs: T[]) => new Map(xs.map((x) => [x.code, x]));
const elements = byCode(pkg.dataElements);
const combos = byCode(pkg.categoryCombos);
const categories = byCode(pkg.categories);
const constants = byCode(pkg.constants);

/** Option combo codes of a combo: cartesian product of its categories' options, joined by '_'. */
function optionCombos(comboCode: string): string[] {
  if (comboCode === 'default') return ['default'];
  const combo = combos.get(comboCode)!;
  return combo.categories.reduce<string[]>(
    (acc, cat) => acc.flatMap((prefix) => categories.get(cat)!.options.map((o) => (prefix ? `${prefix}_${o}` : o))),
    [''],
  );
}

/** Values keyed 'DE' (default combo) or 'DE.COC'; a DE reference without combo sums its combos. */
function lookupOf(values: Record<string, number>) {
  return {
    value(de: string, coc: string | null) {
      const e = elements.get(de)!;
      const keys = coc ? [e.categoryCombo === 'default' ? de : `${de}.${coc}`] : optionCombos(e.categoryCombo).map((c) => (c === 'default' ? de : `${de}.${c}`));
      const present = keys.filter((k) => values[k] !== undefined);
      return present.length ? present.reduce((s, k) => s + values[k]!, 0) : null;
    },
    constant: (ref: string) => constants.get(ref)?.value ?? null,
  };
}

describe('default package "Báo cáo thống kê y tế cơ sở"', () => {
  it('parses with the package schema and has unique codes per type', () => {
    for (const list of [pkg.categoryOptions, pkg.categories, pkg.categoryCombos, pkg.dataElements, pkg.dataSets, pkg.indicators, pkg.indicatorTypes, pkg.validationRules]) {
      const codes = list.map((x) => x.code);
      expect(new Set(codes).size, codes.join()).toBe(codes.length);
    }
    expect(pkg.dataElements.length).toBeGreaterThan(120);
    expect(pkg.indicators.length).toBeGreaterThanOrEqual(25);
    expect(pkg.validationRules.length).toBeGreaterThanOrEqual(50);
  });

  it('resolves options, categories and combos, and generates unique option combo codes', () => {
    const options = new Set(pkg.categoryOptions.map((o) => o.code));
    for (const c of pkg.categories) for (const o of c.options) expect(options.has(o), `${c.code}: ${o}`).toBe(true);
    for (const cc of pkg.categoryCombos) for (const c of cc.categories) expect(categories.has(c), `${cc.code}: ${c}`).toBe(true);
    const all = pkg.categoryCombos.flatMap((cc) => optionCombos(cc.code));
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('default');
    for (const e of pkg.dataElements) expect(e.categoryCombo === 'default' || combos.has(e.categoryCombo), e.code).toBe(true);
  });

  it('places every element in a data set section and assigns the forms by unit kind', () => {
    const station = pkg.dataSets.find((d) => d.code === STATION_DATA_SET)!;
    const centre = pkg.dataSets.find((d) => d.code === CENTRE_DATA_SET)!;
    expect(station).toMatchObject({ periodType: 'Monthly', deadlineWorkingDays: 5, orgUnitKinds: ['station'] });
    expect(centre).toMatchObject({ periodType: 'Monthly', deadlineWorkingDays: 15, orgUnitKinds: ['health_centre'] });
    const inForms = new Set<string>();
    for (const ds of pkg.dataSets) {
      for (const s of ds.sections) for (const de of s.dataElements) {
        expect(elements.has(de), `${ds.code}/${s.code}: ${de}`).toBe(true);
        inForms.add(de);
      }
    }
    expect([...elements.keys()].filter((c) => !inForms.has(c))).toEqual([]);
  });

  it('refers only to existing elements, option combos and constants in indicators and rules', () => {
    const exprs = [
      ...pkg.indicators.flatMap((i) => [[i.code, i.numerator], [i.code, i.denominator]]),
      ...pkg.validationRules.flatMap((r) => [[r.code, r.leftSide.expression], [r.code, r.rightSide.expression]]),
    ];
    const types = new Set(pkg.indicatorTypes.map((t) => t.code));
    for (const i of pkg.indicators) expect(types.has(i.indicatorType), i.code).toBe(true);
    for (const [owner, text] of exprs) {
      const refs = references(parseExpression(text!));
      for (const r of refs.dataElements) {
        const e = elements.get(r.de);
        expect(e, `${owner}: #{${r.de}}`).toBeDefined();
        if (r.coc) expect(optionCombos(e!.categoryCombo), `${owner}: #{${r.de}.${r.coc}}`).toContain(r.coc);
      }
      for (const c of refs.constants) expect(constants.has(c.ref), `${owner}: C{${c.ref}}`).toBe(true);
    }
  });

  it('aggregates stocks with LAST and flows with SUM', () => {
    const stocks = [
      'POP_TOTAL', 'HR_STAFF', 'HR_TYT_STAFF', 'HR_TYT_STAFF_PROF', 'HR_MMT_STAFF', 'HIV_LIVING', 'AIDS_LIVING', 'MMT_PATIENTS', 'TB_UNDER_TREATMENT',
      'MH_MANAGED', 'MH_STABLE', 'MH_PROGRAMME', 'IOD_GOITRE_MANAGED', 'SAN_HOUSEHOLDS', 'SAN_HH_LATRINE', 'FS_ESTABLISHMENTS',
      'EHR_CREATED_CUM', 'EHR_PART_B_CUM', 'EHR_PART_C_CUM', 'EHR_PART_D_CUM', 'COVID_DOSES_CUM', 'EPI_TARGET_CHILDREN', 'MCH_PREG_MANAGED',
    ];
    const flows = [
      'CD_INFLUENZA', 'CD_DIARRHOEA', 'COVID_DOSES', 'EPI_FULL_U1', 'EPI_MEASLES2', 'EPI_TT2_PREG', 'EPI_NT_PROTECTED', 'HIV_NEW', 'TB_NEW_ALL',
      'MH_NEW', 'FP_BIRTHS', 'FP_BIRTHS_THIRD', 'MCH_LIVE_BIRTHS', 'MCH_DELIVERIES', 'OPD_VISITS', 'OPD_VISITS_INSURED', 'OPD_REVENUE',
      'D06_CHIP_CHECKINS', 'D06_LOOKUP_OK', 'EPRESC_SENT', 'PAY_TOTAL', 'PAY_CASHLESS', 'LAB_TESTS', 'COMM_ARTICLES', 'MCH_ANC_VISITS',
    ];
    for (const c of stocks) expect(elements.get(c)?.aggregationType, c).toBe('LAST');
    for (const c of flows) expect(elements.get(c)?.aggregationType, c).toBe('SUM');
    expect(elements.get('FP_BIRTHS')!.categoryCombo).toBe('SEX');
    expect(optionCombos('SEX')).toEqual(['MALE', 'FEMALE']);
    expect(elements.get('COVID_DOSES_CUM')!.categoryCombo).toBe('COVID_DOSE');
    expect(elements.get('MCH_DELIVERIES')!.categoryCombo).toBe('DELIVERY_PLACE');
    for (const e of pkg.dataElements) expect(e.unit, e.code).toBeTruthy();
  });

  it('checks every staff breakdown against its total, in words a nurse reads (no codes)', () => {
    const rules = byCode(pkg.validationRules);
    // Each total that the form also asks broken down: the breakdown must add up to it.
    for (const [code, total, part] of [
      ['VR_HR_TYT_PROF', 'HR_TYT_STAFF', 'HR_TYT_STAFF_PROF'],
      ['VR_HR_MMT_BY_ROLE', 'HR_MMT_STAFF', 'HR_MMT_STAFF_ROLE'],
      ['VR_HR_STAFF_BY_LEVEL', 'HR_STAFF', 'HR_STAFF_POSTGRAD'],
      ['VR_BIRTHS_BY_SEX', 'MCH_LIVE_BIRTHS', 'FP_BIRTHS.MALE'],
    ] as const) {
      const r = rules.get(code);
      expect(r, code).toBeDefined();
      expect(r!.operator, code).toBe('equal_to');
      expect(`${r!.leftSide.expression} ${r!.rightSide.expression}`, code).toContain(`#{${total}}`);
      expect(r!.leftSide.expression, code).toContain(`#{${part}`);
    }
    const station = pkg.dataSets.find((d) => d.code === STATION_DATA_SET)!;
    const rule = rules.get('VR_HR_TYT_PROF')!;
    const check = (values: Record<string, number>) => {
      const l = evaluate(parseExpression(rule.leftSide.expression), lookupOf(values));
      const r = evaluate(parseExpression(rule.rightSide.expression), lookupOf(values));
      return l.value !== null && l.value === r.value;
    };
    expect(station.sections.some((s) => s.dataElements.includes('HR_TYT_STAFF_PROF'))).toBe(true);
    expect(check({ HR_TYT_STAFF: 5, 'HR_TYT_STAFF_PROF.PROF_DOCTOR': 1, 'HR_TYT_STAFF_PROF.PROF_NURSE': 4 })).toBe(true);
    // One missing from the breakdown (or one too many) is caught, not only "more than the total".
    expect(check({ HR_TYT_STAFF: 5, 'HR_TYT_STAFF_PROF.PROF_DOCTOR': 1, 'HR_TYT_STAFF_PROF.PROF_NURSE': 3 })).toBe(false);
    for (const r of pkg.validationRules) {
      expect(r.message ?? '', r.code).not.toMatch(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(DOSE|BOOSTER)\d|ADDITIONAL/);
      expect(r.name, r.code).not.toMatch(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/);
    }
  });

  it('accepts the seed-001 district totals under every validation rule', () => {
    for (const key of Object.keys(SEED_001)) {
      const [de, coc] = key.split('.');
      expect(elements.has(de!), key).toBe(true);
      if (coc) expect(optionCombos(elements.get(de!)!.categoryCombo), key).toContain(coc);
    }
    const lookup = lookupOf(SEED_001);
    const failed: string[] = [];
    let checked = 0;
    for (const r of pkg.validationRules) {
      const l = evaluate(parseExpression(r.leftSide.expression), lookup);
      const rr = evaluate(parseExpression(r.rightSide.expression), lookup);
      // The seed states only some figures: rules about figures it does not state are checked on the
      // full demo data (demo.test.ts), not here.
      if (l.missing > 0 || rr.missing > 0 || l.value === null || rr.value === null) continue;
      checked++;
      const ok = { equal_to: l.value === rr.value, less_than_or_equal_to: l.value <= rr.value, greater_than_or_equal_to: l.value >= rr.value }[
        r.operator as 'equal_to'
      ];
      if (!ok) failed.push(`${r.code}: ${l.value} ${r.operator} ${rr.value}`);
    }
    expect(failed).toEqual([]);
    expect(checked).toBeGreaterThan(25);
  });

  it('reproduces the seed percentages from the seed figures', () => {
    const lookup = lookupOf(SEED_001);
    const factor = new Map(pkg.indicatorTypes.map((t) => [t.code, t.factor]));
    const value = (code: string) => {
      const i = pkg.indicators.find((x) => x.code === code)!;
      const num = evaluate(parseExpression(i.numerator), lookup).value!;
      const den = evaluate(parseExpression(i.denominator), lookup).value!;
      return (num / den) * factor.get(i.indicatorType)!;
    };
    const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
    expect(round(value('IND_EHR_COVERAGE'), 2)).toBe(99.35);
    expect(round(value('IND_EHR_PART_B_PCT'), 2)).toBe(99.29);
    expect(round(value('IND_EHR_PART_C_PCT'), 2)).toBe(96.43);
    expect(round(value('IND_EHR_PART_D_PCT'), 2)).toBe(99.27); // the seed says 99,28: not reachable with 99,35 (see SEED_PERCENTAGES)
    expect(round(value('IND_LATRINE_PCT'), 1)).toBe(92.3);
    expect(round(value('IND_IODISED_SALT_PCT'), 0)).toBe(98);
    expect(round(value('IND_TB_AFB_CURE_RATE'), 1)).toBe(7.7);
    expect(round(value('IND_ANC_AVG_VISITS'), 1)).toBe(3.2);
    expect(Math.trunc(value('IND_SEX_RATIO_BIRTH'))).toBe(118);
    expect(round(value('IND_EPI_FULL_COVERAGE'), 1)).toBe(SEED_PERCENTAGES.ofPlan.EPI_FULL_U1);
    const covidTotal = lookup.value('COVID_DOSES_CUM', null);
    expect(covidTotal).toBe(509_591);
  });
});
