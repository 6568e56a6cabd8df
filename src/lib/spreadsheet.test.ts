import { describe, expect, it } from 'vitest';
import { safeCell, safeValue } from './spreadsheet.js';

describe('safeCell (formula injection in CSV and Excel exports)', () => {
  it.each(['=HYPERLINK("http://x","bấm")', '+cmd|"/c calc"!A1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('neutralises %s', (s) => {
    expect(safeCell(s)).toBe(`'${s}`);
  });
  it.each(['-5', '+3.2', '12', '1,5', '-1e3', 'Trạm Y tế', 'ghi chú = bình thường', ''])('leaves %s alone', (s) => {
    expect(safeCell(s)).toBe(s);
  });
  it('passes numbers and nulls through', () => {
    expect(safeValue(-5)).toBe(-5);
    expect(safeValue(null)).toBe(null);
  });
});
