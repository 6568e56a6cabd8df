// Which cells a violation marks, which values are outliers, and the order "next problem" follows.
import { describe, expect, it } from 'vitest';
import type { EntryForm, FormElement, Violation } from '../../../../src/modules/datavalues/datavalues.contract.js';
import { cellOrder, cellsOfViolation, issuesOf, nextStop, outliersOf, severityByCell, stopsOf } from './issues';

const combo = (id: string, code: string) => ({ id, code, name: code, nameEn: null, options: [code] });
const element = (id: string, code: string, combos = [combo('d', 'default')]): FormElement => ({
  id, code, name: code, nameEn: null, formName: null, valueType: 'INTEGER_ZERO_OR_POSITIVE', aggregationType: 'SUM',
  zeroIsSignificant: false, unit: null, categories: [], optionCombos: combos,
});
const form: Pick<EntryForm, 'sections' | 'validationRules' | 'bounds'> = {
  sections: [
    { id: 's1', code: 'S1', name: 'S1', nameEn: null, elements: [element('b', 'BIRTHS'), element('bs', 'BIRTHS_SEX', [combo('m', 'MALE'), combo('f', 'FEMALE')])] },
    { id: 's2', code: 'S2', name: 'S2', nameEn: null, elements: [element('v', 'VISITS'), element('i', 'INSURED')] },
  ],
  validationRules: [
    { id: 'r1', code: 'BY_SEX', name: '', nameEn: null, importance: 'HIGH', operator: 'equal_to', leftExpression: '#{BIRTHS_SEX.FEMALE} + 0', leftMissingValueStrategy: '', rightExpression: '#{b}', rightMissingValueStrategy: '', message: '', messageEn: null },
  ],
  bounds: [
    { dataElement: 'v', categoryOptionCombo: 'd', min: 10, max: 40 },
    { dataElement: 'b', categoryOptionCombo: 'd', min: 0, max: 5 },
  ],
};
const violation = (code: string, id: string, blocking: boolean, dataElements: string[]): Violation => ({
  rule: { id, code, name: code }, importance: blocking ? 'HIGH' : 'MEDIUM', blocking, message: code, leftValue: 1, rightValue: 2, operator: 'equal_to', dataElements,
});

describe('entry form issues', () => {
  it('marks exactly the cells the rule names (by code or id), in form order', () => {
    expect(cellsOfViolation(violation('BY_SEX', 'r1', true, ['b', 'bs']), form)).toEqual(['b|d', 'bs|f']);
  });

  it('falls back to every cell of the listed data elements when the rule is not in the form', () => {
    expect(cellsOfViolation(violation('OTHER', 'rX', false, ['i', 'bs']), form)).toEqual(['bs|m', 'bs|f', 'i|d']);
  });

  it('lists errors before warnings and keeps the worst severity per cell', () => {
    const issues = issuesOf([violation('WARN', 'rX', false, ['bs']), violation('BY_SEX', 'r1', true, [])], form);
    expect(issues.map((i) => i.severity)).toEqual(['error', 'warning']);
    const sev = severityByCell(issues);
    expect(sev.get('bs|f')).toBe('error');
    expect(sev.get('bs|m')).toBe('warning');
    expect(sev.has('v|d')).toBe(false);
  });

  it('finds values outside the usual range and ignores empty and in-range cells', () => {
    const values: Record<string, string> = { 'v|d': '41', 'b|d': '5' };
    expect(outliersOf(form, (id) => values[id])).toEqual([{ id: 'v|d', value: 41, min: 10, max: 40 }]);
    expect(outliersOf(form, () => null)).toEqual([]);
  });

  it('steps through the problem cells in form order and wraps around', () => {
    const order = cellOrder(form);
    const issues = issuesOf([violation('BY_SEX', 'r1', true, [])], form);
    const stops = stopsOf(issues, [{ id: 'v|d', value: 41, min: 10, max: 40 }], order);
    expect(stops).toEqual(['b|d', 'bs|f', 'v|d']);
    expect(nextStop(stops, null, 1, order)).toBe('b|d');
    expect(nextStop(stops, null, -1, order)).toBe('v|d');
    expect(nextStop(stops, 'b|d', 1, order)).toBe('bs|f');
    expect(nextStop(stops, 'bs|m', 1, order)).toBe('bs|f');
    expect(nextStop(stops, 'v|d', 1, order)).toBe('b|d');
    expect(nextStop(stops, 'b|d', -1, order)).toBe('v|d');
    expect(nextStop([], 'b|d', 1, order)).toBeNull();
  });
});
