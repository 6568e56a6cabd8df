import { describe, expect, it } from 'vitest';
import {
  formatDateVn,
  monthRange,
  monthSpanRange,
  monthTitleVi,
  nextRange,
  nineMonthRange,
  parsePeriod,
  parseRange,
  periodLabel,
  periodShortLabel,
  periodTitleVi,
  placeDateLine,
  previousRange,
  quarterRange,
  RELATIVE_PERIODS,
  resolvePeriodItem,
  resolvePeriodItems,
  resolveRelative,
  romanNumeral,
  sameRangeLastYear,
  sixMonthRange,
  yearRange,
  yearToDateRange,
  type PeriodRange,
} from './periods.js';

const ids = (res: ReturnType<typeof resolveRelative>) => (res.ok ? res.ranges.map((r) => r.id) : res.error);
const range = (id: string): PeriodRange => {
  const r = parseRange(id);
  if (!r) throw new Error(`test setup: ${id} does not parse`);
  return r;
};

describe('range ids', () => {
  const cases: [string, string, string, string, number, string, string][] = [
    // id, kind, start, end, month count, first month, last month
    ['202405', 'Monthly', '2024-05-01', '2024-05-31', 1, '202405', '202405'],
    ['202402', 'Monthly', '2024-02-01', '2024-02-29', 1, '202402', '202402'],
    ['202302', 'Monthly', '2023-02-01', '2023-02-28', 1, '202302', '202302'],
    ['2024Q1', 'Quarterly', '2024-01-01', '2024-03-31', 3, '202401', '202403'],
    ['2024Q2', 'Quarterly', '2024-04-01', '2024-06-30', 3, '202404', '202406'],
    ['2024Q4', 'Quarterly', '2024-10-01', '2024-12-31', 3, '202410', '202412'],
    ['2020S1', 'SixMonthly', '2020-01-01', '2020-06-30', 6, '202001', '202006'],
    ['2020S2', 'SixMonthly', '2020-07-01', '2020-12-31', 6, '202007', '202012'],
    ['2022N9', 'NineMonths', '2022-01-01', '2022-09-30', 9, '202201', '202209'],
    ['2024', 'Yearly', '2024-01-01', '2024-12-31', 12, '202401', '202412'],
    ['2024YTD05', 'YearToDate', '2024-01-01', '2024-05-31', 5, '202401', '202405'],
    ['2024YTD01', 'YearToDate', '2024-01-01', '2024-01-31', 1, '202401', '202401'],
    ['2024YTD02', 'YearToDate', '2024-01-01', '2024-02-29', 2, '202401', '202402'],
    ['2024YTD12', 'YearToDate', '2024-01-01', '2024-12-31', 12, '202401', '202412'],
    ['202401-202405', 'MonthRange', '2024-01-01', '2024-05-31', 5, '202401', '202405'],
    ['202311-202402', 'MonthRange', '2023-11-01', '2024-02-29', 4, '202311', '202402'],
    ['202405-202405', 'MonthRange', '2024-05-01', '2024-05-31', 1, '202405', '202405'],
  ];
  it.each(cases)('%s parses as %s with the right dates and months, and round-trips', (id, kind, start, end, n, first, last) => {
    const r = range(id);
    expect(r.id).toBe(id);
    expect(r.kind).toBe(kind);
    expect(r.start).toBe(start);
    expect(r.end).toBe(end);
    expect(r.months).toHaveLength(n);
    expect(r.months[0]).toBe(first);
    expect(r.months.at(-1)).toBe(last);
    expect(parseRange(r.id)).toEqual(r);
  });

  it('lists every month in order, across a year boundary', () => {
    expect(range('202311-202402').months).toEqual(['202311', '202312', '202401', '202402']);
    expect(range('2022N9').months).toEqual(['202201', '202202', '202203', '202204', '202205', '202206', '202207', '202208', '202209']);
  });

  it('keeps the DHIS2 period for stored kinds only', () => {
    expect(range('2024Q2').period).toEqual(parsePeriod('2024Q2'));
    expect(range('202405').period?.type).toBe('Monthly');
    expect(range('2024N9').period).toBeNull();
    expect(range('2024YTD05').period).toBeNull();
  });

  it('constructors build the same ranges as the parser', () => {
    expect(monthRange(2024, 5)).toEqual(range('202405'));
    expect(quarterRange(2024, 2)).toEqual(range('2024Q2'));
    expect(sixMonthRange(2020, 2)).toEqual(range('2020S2'));
    expect(nineMonthRange(2022)).toEqual(range('2022N9'));
    expect(yearRange(2024)).toEqual(range('2024'));
    expect(yearToDateRange(2024, 5)).toEqual(range('2024YTD05'));
    expect(monthSpanRange({ year: 2023, month: 11 }, { year: 2024, month: 2 })).toEqual(range('202311-202402'));
  });

  it.each([
    '202413',
    '202400',
    '2024Q5',
    '2024S3',
    '2024N8',
    '2024YTD13',
    '2024YTD00',
    '2024YTD5',
    '202405-202401',
    '202401-202413',
    '2024W5',
    '2024BiW1',
    '202401B',
    '2024April',
    '2024AprilS1',
    '2024Oct',
    '2024Nov',
    '20240105',
    '',
    'abc',
  ])('rejects %j', (id) => {
    expect(parseRange(id)).toBeNull();
  });

  it('leaves the existing ISO period API unchanged', () => {
    expect(parsePeriod('2024N9')).toBeNull();
    expect(parsePeriod('2024YTD05')).toBeNull();
    expect(parsePeriod('2024S1')?.end).toBe('2024-06-30');
  });
});

describe('comparisons', () => {
  it.each([
    ['202405', '202305'],
    ['2024Q2', '2023Q2'],
    ['2020S2', '2019S2'],
    ['2022N9', '2021N9'],
    ['2024', '2023'],
    ['2024YTD05', '2023YTD05'],
    ['202401-202405', '202301-202305'],
    ['202311-202402', '202211-202302'],
  ])('the same period last year of %s is %s', (id, expected) => {
    expect(sameRangeLastYear(range(id)).id).toBe(expected);
  });

  it('February of a leap year compares with a 28-day February', () => {
    const feb = range('202402');
    expect(feb.end).toBe('2024-02-29');
    expect(sameRangeLastYear(feb).end).toBe('2023-02-28');
    expect(sameRangeLastYear(range('2024YTD02')).end).toBe('2023-02-28');
    expect(sameRangeLastYear(range('2025YTD02')).end).toBe('2024-02-29');
  });

  it.each([
    ['202405', '202404'],
    ['202401', '202312'],
    ['2024Q1', '2023Q4'],
    ['2024S1', '2023S2'],
    ['2024', '2023'],
    ['2022N9', '2021N9'],
    ['2024YTD05', '2024YTD04'],
    ['2024YTD01', '2023YTD12'],
    ['202401-202405', '202308-202312'],
  ])('the previous period of %s is %s, and next goes back', (id, expected) => {
    const prev = previousRange(range(id));
    expect(prev.id).toBe(expected);
    expect(prev.kind).toBe(range(id).kind);
    expect(nextRange(prev).id).toBe(id);
  });
});

describe('relative periods', () => {
  const mid2024 = '2024-06-15';
  it.each([
    ['THIS_MONTH', ['202406']],
    ['LAST_MONTH', ['202405']],
    ['LAST_3_MONTHS', ['202403', '202404', '202405']],
    ['LAST_6_MONTHS', ['202312', '202401', '202402', '202403', '202404', '202405']],
    ['THIS_QUARTER', ['2024Q2']],
    ['LAST_QUARTER', ['2024Q1']],
    ['LAST_4_QUARTERS', ['2023Q2', '2023Q3', '2023Q4', '2024Q1']],
    ['QUARTERS_THIS_YEAR', ['2024Q1', '2024Q2', '2024Q3', '2024Q4']],
    ['QUARTERS_LAST_YEAR', ['2023Q1', '2023Q2', '2023Q3', '2023Q4']],
    ['THIS_SIX_MONTH', ['2024S1']],
    ['LAST_SIX_MONTH', ['2023S2']],
    ['LAST_2_SIXMONTHS', ['2023S1', '2023S2']],
    ['THIS_YEAR', ['2024']],
    ['LAST_YEAR', ['2023']],
    ['LAST_5_YEARS', ['2019', '2020', '2021', '2022', '2023']],
    ['YEAR_TO_DATE', ['2024YTD06']],
    ['LAST_MONTH_YEAR_TO_DATE', ['2024YTD05']],
  ])('%s on 2024-06-15', (kw, expected) => {
    expect(ids(resolveRelative(kw, mid2024))).toEqual(expected);
  });

  it('LAST_12_MONTHS excludes the current month; MONTHS_THIS_YEAR lists all twelve', () => {
    const last12 = ids(resolveRelative('LAST_12_MONTHS', mid2024)) as string[];
    expect(last12).toHaveLength(12);
    expect(last12[0]).toBe('202306');
    expect(last12.at(-1)).toBe('202405');
    expect(last12).not.toContain('202406');
    const thisYear = ids(resolveRelative('MONTHS_THIS_YEAR', mid2024)) as string[];
    expect(thisYear).toEqual(Array.from({ length: 12 }, (_, i) => `2024${String(i + 1).padStart(2, '0')}`));
    expect((ids(resolveRelative('MONTHS_LAST_YEAR', mid2024)) as string[])[0]).toBe('202301');
  });

  it('in January, last month, last quarter and last six months fall in the previous year', () => {
    const jan = '2025-01-03';
    expect(ids(resolveRelative('THIS_MONTH', jan))).toEqual(['202501']);
    expect(ids(resolveRelative('LAST_MONTH', jan))).toEqual(['202412']);
    expect(ids(resolveRelative('LAST_3_MONTHS', jan))).toEqual(['202410', '202411', '202412']);
    expect(ids(resolveRelative('THIS_QUARTER', jan))).toEqual(['2025Q1']);
    expect(ids(resolveRelative('LAST_QUARTER', jan))).toEqual(['2024Q4']);
    expect(ids(resolveRelative('LAST_4_QUARTERS', jan))).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4']);
    expect(ids(resolveRelative('THIS_SIX_MONTH', jan))).toEqual(['2025S1']);
    expect(ids(resolveRelative('LAST_SIX_MONTH', jan))).toEqual(['2024S2']);
    expect(ids(resolveRelative('LAST_2_SIXMONTHS', jan))).toEqual(['2024S1', '2024S2']);
    expect(ids(resolveRelative('YEAR_TO_DATE', jan))).toEqual(['2025YTD01']);
    // January..last month, when last month is December: the whole previous year.
    expect(ids(resolveRelative('LAST_MONTH_YEAR_TO_DATE', jan))).toEqual(['2024YTD12']);
  });

  it('at the turn of quarters and halves', () => {
    expect(ids(resolveRelative('THIS_QUARTER', '2024-03-31'))).toEqual(['2024Q1']);
    expect(ids(resolveRelative('THIS_QUARTER', '2024-04-01'))).toEqual(['2024Q2']);
    expect(ids(resolveRelative('LAST_QUARTER', '2024-10-01'))).toEqual(['2024Q3']);
    expect(ids(resolveRelative('THIS_SIX_MONTH', '2024-06-30'))).toEqual(['2024S1']);
    expect(ids(resolveRelative('THIS_SIX_MONTH', '2024-07-01'))).toEqual(['2024S2']);
    expect(ids(resolveRelative('LAST_SIX_MONTH', '2024-12-31'))).toEqual(['2024S1']);
    expect(ids(resolveRelative('LAST_2_SIXMONTHS', '2024-12-31'))).toEqual(['2023S2', '2024S1']);
    expect(ids(resolveRelative('LAST_MONTH', '2024-03-01'))).toEqual(['202402']);
    const feb = resolveRelative('LAST_MONTH', '2024-03-01');
    expect(feb.ok && feb.ranges[0]!.end).toBe('2024-02-29');
  });

  it('every listed keyword resolves', () => {
    for (const kw of RELATIVE_PERIODS) expect(resolveRelative(kw, mid2024).ok, kw).toBe(true);
  });

  it('defaults to today in Vietnam', () => {
    const res = resolveRelative('THIS_YEAR');
    expect(res.ok).toBe(true);
    const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
    expect(res.ok && res.ranges[0]!.id).toBe(String(year));
  });

  it('unknown keywords and bad input are error values with a code the API maps to 409', () => {
    const unknown = resolveRelative('LAST_4_WEEKS', mid2024);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', messageKey: 'period.relativeUnsupported', params: { period: 'LAST_4_WEEKS' } } });
    expect(!unknown.ok && unknown.error.message).toContain('LAST_4_WEEKS');
    expect(resolveRelative('THIS_MONTH', '2024-13-01')).toMatchObject({ ok: false, error: { messageKey: 'period.referenceDate' } });
    expect(resolveRelative('this_month', mid2024)).toMatchObject({ ok: false, error: { messageKey: 'period.invalid' } });
  });
});

describe('period items (pe dimension)', () => {
  it('accepts range ids and relative keywords', () => {
    expect(ids(resolvePeriodItem('2024N9', '2024-06-15'))).toEqual(['2024N9']);
    expect(ids(resolvePeriodItem('LAST_QUARTER', '2024-06-15'))).toEqual(['2024Q1']);
  });
  it('tells unsupported DHIS2 period types apart from nonsense', () => {
    for (const id of ['2024W5', '2024BiW1', '202401B', '20240105', '2024April', '2024AprilS1', '2024Oct', '2024Nov']) {
      expect(resolvePeriodItem(id), id).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', messageKey: 'period.typeUnsupported' } });
    }
    expect(resolvePeriodItem('202413')).toMatchObject({ ok: false, error: { messageKey: 'period.invalid' } });
    expect(resolvePeriodItem('NEXT_YEAR')).toMatchObject({ ok: false, error: { messageKey: 'period.relativeUnsupported' } });
  });
  it('resolves several items in order without duplicates, failing on the first bad one', () => {
    expect(ids(resolvePeriodItems(['LAST_3_MONTHS', '202405', '2024Q1'], '2024-06-15'))).toEqual(['202403', '202404', '202405', '2024Q1']);
    expect(resolvePeriodItems(['202405', 'FOO'], '2024-06-15')).toMatchObject({ ok: false, error: { params: { period: 'FOO' } } });
  });
});

describe('wording', () => {
  it.each([
    ['202405', 'tháng 5 năm 2024', 'May 2024', 'T5/2024', 'May 2024'],
    ['2024Q2', 'quý II năm 2024', 'Q2 2024', 'Q2/2024', 'Q2 2024'],
    ['2024Q4', 'quý IV năm 2024', 'Q4 2024', 'Q4/2024', 'Q4 2024'],
    ['2020S1', '6 tháng đầu năm 2020', 'January–June 2020', '6T đầu/2020', 'H1 2020'],
    ['2020S2', '6 tháng cuối năm 2020', 'July–December 2020', '6T cuối/2020', 'H2 2020'],
    ['2022N9', '9 tháng đầu năm 2022', 'January–September 2022', '9T/2022', '9M 2022'],
    ['2024', 'năm 2024', '2024', '2024', '2024'],
    ['2024YTD05', '5 tháng đầu năm 2024', 'January–May 2024', 'T1–T5/2024', 'Jan–May 2024'],
    ['2024YTD01', 'tháng 1 năm 2024', 'January 2024', 'T1/2024', 'Jan 2024'],
    ['2024YTD12', 'năm 2024', '2024', 'T1–T12/2024', 'Jan–Dec 2024'],
    ['202401-202405', 'từ tháng 1 đến tháng 5 năm 2024', 'January–May 2024', 'T1–T5/2024', 'Jan–May 2024'],
    ['202311-202402', 'từ tháng 11 năm 2023 đến tháng 2 năm 2024', 'November 2023–February 2024', 'T11/2023–T2/2024', 'Nov 2023–Feb 2024'],
  ])('%s reads "%s" / "%s" (short %s / %s)', (id, vi, en, shortVi, shortEn) => {
    const r = range(id);
    expect(periodLabel(r)).toBe(vi);
    expect(periodLabel(r, 'en')).toBe(en);
    expect(periodShortLabel(r)).toBe(shortVi);
    expect(periodShortLabel(r, 'en')).toBe(shortEn);
  });

  it('also words stored DHIS2 periods', () => {
    expect(periodLabel(parsePeriod('202405')!)).toBe('tháng 5 năm 2024');
    expect(periodLabel(parsePeriod('2024S2')!)).toBe('6 tháng cuối năm 2024');
    expect(periodShortLabel(parsePeriod('2024Q3')!)).toBe('Q3/2024');
  });

  it('writes report titles as seed 001 does', () => {
    expect(monthTitleVi(5)).toBe('THÁNG 05');
    expect(monthTitleVi(12)).toBe('THÁNG 12');
    // "KẾT QUẢ THỰC HIỆN CÔNG TÁC Y THÁNG 05 VÀ PHƯƠNG HƯỚNG NHIỆM VỤ THÁNG 06 NĂM 2024"
    const may = range('202405');
    expect(`${monthTitleVi(may.from.month)} VÀ PHƯƠNG HƯỚNG NHIỆM VỤ ${periodTitleVi(nextRange(may))}`).toBe(
      'THÁNG 05 VÀ PHƯƠNG HƯỚNG NHIỆM VỤ THÁNG 06 NĂM 2024',
    );
    expect(periodTitleVi(range('2024Q2'))).toBe('QUÝ II NĂM 2024');
    expect(periodTitleVi(range('2020S1'))).toBe('6 THÁNG ĐẦU NĂM 2020');
    expect(periodTitleVi(range('2022N9'))).toBe('9 THÁNG ĐẦU NĂM 2022');
    expect(periodTitleVi(range('202401-202405'))).toBe('TỪ THÁNG 01 ĐẾN THÁNG 05 NĂM 2024');
  });

  it('formats dates the Nghị định 30 way', () => {
    expect(formatDateVn('2024-06-10')).toBe('ngày 10 tháng 6 năm 2024');
    expect(formatDateVn('2024-02-05')).toBe('ngày 05 tháng 02 năm 2024');
    expect(formatDateVn('2024-01-31')).toBe('ngày 31 tháng 01 năm 2024');
    expect(formatDateVn('2024-03-09')).toBe('ngày 09 tháng 3 năm 2024');
    expect(formatDateVn('2024-12-25')).toBe('ngày 25 tháng 12 năm 2024');
    expect(formatDateVn('2024-02-29')).toBe('ngày 29 tháng 02 năm 2024');
    expect(() => formatDateVn('2023-02-29')).toThrow(RangeError);
    expect(placeDateLine('Hoằng Hóa', '2024-06-10')).toBe('Hoằng Hóa, ngày 10 tháng 6 năm 2024');
  });

  it('writes Roman numerals', () => {
    expect([1, 2, 3, 4, 9, 14, 40, 1990].map(romanNumeral)).toEqual(['I', 'II', 'III', 'IV', 'IX', 'XIV', 'XL', 'MCMXC']);
  });
});

describe('bounds (years 1900–2199, ranges of at most 240 months)', () => {
  it('refuses years outside 1900–2199 with a 400-class error naming the bounds, never an exception', () => {
    for (const id of ['000101-999912', '000101', '0001', '1899Q4', '2200', '2200S1', '1899N9', '2200YTD05', '189912-190001']) {
      expect(parseRange(id), id).toBeNull();
      const res = resolvePeriodItem(id);
      expect(res, id).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', messageKey: 'period.yearOutOfRange', params: { period: id, minYear: 1900, maxYear: 2199 } } });
    }
    expect(parsePeriod('1899')).toBeNull();
    expect(parsePeriod('219912')?.end).toBe('2199-12-31');
    expect(() => monthRange(1899, 12)).toThrow(RangeError);
  });
  it('refuses month ranges longer than 240 months (but takes 240)', () => {
    expect(parseRange('200001-201912')?.months).toHaveLength(240);
    expect(parseRange('200001-202001')).toBeNull();
    expect(resolvePeriodItem('190001-219912')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', messageKey: 'period.tooLong', params: { maxMonths: 240 } } });
    expect(() => monthSpanRange({ year: 2000, month: 1 }, { year: 2020, month: 1 })).toThrow(RangeError);
  });
  it('relative periods at the edge of the years give an error value, not an exception', () => {
    expect(resolveRelative('LAST_5_YEARS', '1902-03-01')).toMatchObject({ ok: false, error: { messageKey: 'period.yearOutOfRange' } });
    expect(resolveRelative('LAST_MONTH', '1900-01-15')).toMatchObject({ ok: false, error: { messageKey: 'period.yearOutOfRange' } });
    expect(ids(resolveRelative('LAST_MONTH', '1900-02-15'))).toEqual(['190001']);
  });
});

describe('comparisons at the bounds', () => {
  it('throw RangeError (a programming error the caller guards) instead of leaving 1900–2199', () => {
    expect(() => previousRange(range('190001'))).toThrow(RangeError);
    expect(() => sameRangeLastYear(range('1900Q1'))).toThrow(RangeError);
    expect(() => nextRange(range('2199'))).toThrow(RangeError);
    expect(previousRange(range('190002')).id).toBe('190001');
  });
});
