import { describe, expect, it } from 'vitest';
import { parseFields, project } from './fields.js';

const unit = { id: 'a1', code: 'TTYT399', name: 'TTYT Hoằng Hóa', level: 2, parent: { id: 'p1', code: 'SYT38', name: 'Sở' }, children: [{ id: 'c1', code: 'X' }] };

describe('DHIS2 fields=', () => {
  it('keeps nested selections', () => {
    expect(project(unit, parseFields('id,parent[code],children[id]', ''))).toEqual({ id: 'a1', parent: { code: 'SYT38' }, children: [{ id: 'c1' }] });
  });
  it('uses defaults when empty and everything with * or :all', () => {
    expect(project(unit, parseFields('', 'code,level'))).toEqual({ code: 'TTYT399', level: 2 });
    expect(project(unit, parseFields(':all', 'code'))).toEqual(unit);
    expect(project(unit, parseFields('*', 'code'))).toEqual(unit);
  });
  it('ignores unknown fields, as DHIS2 does', () => {
    expect(project(unit, parseFields('code,colour', ''))).toEqual({ code: 'TTYT399' });
  });
});

describe('DHIS2 fields= that is not well formed', () => {
  const fails = (spec: string) => {
    try {
      parseFields(spec, 'id');
    } catch (e) {
      return (e as { code?: string; messageKey?: string }).messageKey;
    }
    return null;
  };
  it('refuses unbalanced or mismatched brackets, nameless selections, odd characters and deep nesting', () => {
    expect(fails('id,parent[id')).toBe('dhis2.fields.brackets');
    expect(fails('id]')).toBe('dhis2.fields.brackets');
    expect(fails('parent[id)')).toBe('dhis2.fields.brackets');
    expect(fails('[id]')).toBe('dhis2.fields.syntax');
    expect(fails('id,na me')).toBe('dhis2.fields.syntax');
    expect(fails(`${'a['.repeat(9)}x${']'.repeat(9)}`)).toBe('dhis2.fields.deep');
    expect(fails('['.repeat(100_000))).toBe('dhis2.fields.deep');
    expect(fails(`${'a['.repeat(8)}x${']'.repeat(8)}`)).toBeNull();
    expect(fails(':all,!lastUpdated,name~rename(label)')).toBeNull();
  });
  it('projects own properties only', () => {
    expect(project(unit, parseFields('constructor,__proto__,hasOwnProperty,code', ''))).toEqual({ code: 'TTYT399' });
  });
});
