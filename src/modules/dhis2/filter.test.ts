import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { applyFilters, parseFilter, parseFilters } from './filter.js';

const error = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? `${e.code} ${e.messageKey}` : String(e);
  }
  return null;
};

describe('DHIS2 filter= parsing', () => {
  it('reads property, operator, value and bracketed lists', () => {
    expect(parseFilter('code:eq:A:B')).toMatchObject({ path: ['code'], op: 'eq', value: 'A:B' });
    expect(parseFilter('parent.id:in:[a, b,,c]')).toMatchObject({ path: ['parent', 'id'], op: 'in', list: ['a', 'b', 'c'] });
    expect(parseFilter('code:null')).toMatchObject({ op: 'null', value: '' });
    expect(parseFilters(undefined)).toEqual([]);
  });
  it('malformed filters are VALIDATION_FAILED, unknown operators UNSUPPORTED', () => {
    expect(error(() => parseFilter('id:in:[]'))).toBe('VALIDATION_FAILED dhis2.filter.emptyList');
    expect(error(() => parseFilter('parent.id:in:[,,,]'))).toBe('VALIDATION_FAILED dhis2.filter.emptyList');
    expect(error(() => parseFilter('id:!in:[]'))).toBe('VALIDATION_FAILED dhis2.filter.emptyList');
    expect(error(() => parseFilter('id:in:a,b'))).toBe('VALIDATION_FAILED dhis2.filter.list');
    expect(error(() => parseFilter(`id:in:[${'x,'.repeat(1001)}]`))).toBe('VALIDATION_FAILED dhis2.filter.longList');
    expect(error(() => parseFilter('id'))).toBe('VALIDATION_FAILED dhis2.filter.syntax');
    expect(error(() => parseFilter('code:eq:'))).toBe('VALIDATION_FAILED dhis2.filter.noValue');
    expect(error(() => parseFilter('code:near:x'))).toBe('UNSUPPORTED dhis2.filter');
  });
  it('evaluates on own properties only', () => {
    const items = [{ code: 'A', combo: { id: 'x' } }, { code: 'B', combo: { id: 'y' } }];
    const props = new Set(['code', 'combo']);
    expect(applyFilters(items, parseFilters(['combo.id:in:[y,z]']), props, 'AND').map((i) => i.code)).toEqual(['B']);
    expect(applyFilters(items, parseFilters(['combo.constructor:!null']), props, 'AND')).toEqual([]);
    expect(error(() => applyFilters(items, parseFilters(['colour:eq:red']), props, 'AND'))).toBe('UNSUPPORTED dhis2.filter');
  });
});
