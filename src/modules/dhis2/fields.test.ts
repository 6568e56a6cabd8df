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
