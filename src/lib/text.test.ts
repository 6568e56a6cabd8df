import { describe, expect, it } from 'vitest';
import { escapeLike, searchKey } from './text.js';

describe('searchKey', () => {
  it('treats both tone-mark placements, case and missing accents alike', () => {
    const keys = ['Thanh Hóa', 'Thanh Hoá', 'THANH HÓA', 'thanh hoa', '  Thanh   Hoá '].map(searchKey);
    expect(new Set(keys)).toEqual(new Set(['thanh hoa']));
  });
  it('maps đ to d and keeps other letters apart', () => {
    expect(searchKey('Đông Sơn')).toBe('dong son');
    expect(searchKey('Hoằng Xuân')).not.toBe(searchKey('Hoằng Xuyên'));
  });
  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
