import { describe, expect, it } from 'vitest';
import { readPeriodText } from './periodText';

describe('a period typed in the reports filter', () => {
  it('reads the ways people write periods, and the ids', () => {
    expect(readPeriodText('5/2024')).toBe('202405');
    expect(readPeriodText('tháng 12/2024')).toBe('202412');
    expect(readPeriodText('Quý 2/2024')).toBe('2024Q2');
    expect(readPeriodText('q3 2023')).toBe('2023Q3');
    expect(readPeriodText('6 tháng đầu năm 2020')).toBe('2020S1');
    expect(readPeriodText('9 tháng 2022')).toBe('2022N9');
    expect(readPeriodText('2024')).toBe('2024');
    expect(readPeriodText('202405')).toBe('202405');
    expect(readPeriodText('2024q2')).toBe('2024Q2');
  });
  it('refuses what is not a period', () => {
    expect(readPeriodText('13/2024')).toBeNull();
    expect(readPeriodText('quý 5/2024')).toBeNull();
    expect(readPeriodText('hôm qua')).toBeNull();
    expect(readPeriodText('')).toBeNull();
  });
});
