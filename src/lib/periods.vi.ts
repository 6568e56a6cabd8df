// Wording of periods for reports and the UI, Vietnamese first with English. Re-exported by periods.ts:
// import from './periods.js'.
//
//   periodLabel(r)          tháng 5 năm 2024 · quý II năm 2024 · 6 tháng đầu năm 2020 · 6 tháng cuối năm 2020
//                           9 tháng đầu năm 2022 · năm 2024 · 5 tháng đầu năm 2024 (YTD to May)
//                           từ tháng 1 đến tháng 5 năm 2024 (range)
//   periodLabel(r, 'en')    May 2024 · Q2 2024 · January–June 2020 · January–September 2022 · 2024 …
//   periodShortLabel(r)     T5/2024 · Q2/2024 · 6T đầu/2020 · 9T/2022 · 2024 · T1–T5/2024
//   periodTitleVi(r)        THÁNG 05 NĂM 2024 · QUÝ II NĂM 2024 · 6 THÁNG ĐẦU NĂM 2020 (report headings)
//   monthTitleVi(5)         THÁNG 05 (as in "KẾT QUẢ … THÁNG 05 VÀ PHƯƠNG HƯỚNG NHIỆM VỤ THÁNG 06 NĂM 2024")
//   formatDateVn(date)      ngày 10 tháng 6 năm 2024 · ngày 05 tháng 02 năm 2024 (Nghị định 30/2020)
//   placeDateLine(p, date)  Hoằng Hóa, ngày 10 tháng 6 năm 2024
//
// Only type imports from periods.ts, so there is no module cycle at run time.
import type { Period, PeriodRange, RangeKind, YearMonth } from './periods.js';

export type PeriodLocale = 'vi' | 'en';

/** Messages of the period errors (PeriodError.messageKey), to merge into lib/i18n.ts. */
export const periodMessages: Record<string, { vi: string; en: string }> = {
  'period.invalid': {
    vi: 'Kỳ báo cáo {period} không hợp lệ (ví dụ: 202405, 2024Q2, 2024S1, 2024, 2024N9, 2024YTD05, 202401-202405).',
    en: 'Period {period} is not valid (examples: 202405, 2024Q2, 2024S1, 2024, 2024N9, 2024YTD05, 202401-202405).',
  },
  'period.typeUnsupported': {
    vi: 'Loại kỳ {period} không được hỗ trợ (chỉ tháng, quý, 6 tháng, 9 tháng, năm, lũy kế và khoảng tháng).',
    en: 'Period {period} is of a type soyte does not support (months, quarters, six-months, nine months, years, year-to-date and month ranges only).',
  },
  'period.relativeUnsupported': {
    vi: 'Kỳ tương đối {period} không được hỗ trợ.',
    en: 'Relative period {period} is not supported.',
  },
  'period.yearOutOfRange': {
    vi: 'Kỳ {period} nằm ngoài các năm {minYear}–{maxYear}.',
    en: 'Period {period} is outside the years {minYear}–{maxYear}.',
  },
  'period.tooLong': {
    vi: 'Kỳ {period} dài hơn {maxMonths} tháng; hãy chọn khoảng ngắn hơn hoặc chia thành nhiều kỳ.',
    en: 'Period {period} covers more than {maxMonths} months; choose a shorter range or split it.',
  },
  'period.referenceDate': {
    vi: 'Ngày tham chiếu {period} không hợp lệ (định dạng YYYY-MM-DD).',
    en: 'Reference date {period} is not valid (use YYYY-MM-DD).',
  },
};

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const monthEn = (m: number) => MONTHS_EN[m - 1]!;
const monthEnShort = (m: number) => monthEn(m).slice(0, 3);
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Roman numeral of 1–3999 (quý I … IV, section numbers). */
export function romanNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`No Roman numeral for ${n}`);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, sym] of table) {
    while (n >= value) {
      out += sym;
      n -= value;
    }
  }
  return out;
}

interface Shape {
  kind: RangeKind;
  from: YearMonth;
  to: YearMonth;
}

/** Accepts a PeriodRange or a stored Period. */
function shape(x: PeriodRange | Period): Shape {
  if ('iso' in x) {
    return {
      kind: x.type,
      from: { year: x.year, month: Number(x.start.slice(5, 7)) },
      to: { year: x.year, month: Number(x.end.slice(5, 7)) },
    };
  }
  return { kind: x.kind, from: x.from, to: x.to };
}

const quarterOf = (s: Shape) => Math.floor((s.from.month - 1) / 3) + 1;

function viLong(s: Shape, title: boolean): string {
  const mm = (m: number) => (title ? pad2(m) : String(m));
  const y = s.from.year;
  switch (s.kind) {
    case 'Monthly':
      return `tháng ${mm(s.from.month)} năm ${y}`;
    case 'Quarterly':
      return `quý ${romanNumeral(quarterOf(s))} năm ${y}`;
    case 'SixMonthly':
      return s.from.month === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`;
    case 'NineMonths':
      return `9 tháng đầu năm ${y}`;
    case 'Yearly':
      return `năm ${y}`;
    case 'YearToDate':
      if (s.to.month === 1) return `tháng ${mm(1)} năm ${y}`;
      if (s.to.month === 12) return `năm ${y}`;
      return `${s.to.month} tháng đầu năm ${y}`;
    case 'MonthRange':
      if (s.from.year === s.to.year && s.from.month === s.to.month) return `tháng ${mm(s.from.month)} năm ${y}`;
      if (s.from.year === s.to.year) return `từ tháng ${mm(s.from.month)} đến tháng ${mm(s.to.month)} năm ${y}`;
      return `từ tháng ${mm(s.from.month)} năm ${s.from.year} đến tháng ${mm(s.to.month)} năm ${s.to.year}`;
  }
}

function enSpan(s: Shape, name: (m: number) => string): string {
  if (s.from.year === s.to.year && s.from.month === s.to.month) return `${name(s.from.month)} ${s.from.year}`;
  if (s.from.year === s.to.year) return `${name(s.from.month)}–${name(s.to.month)} ${s.from.year}`;
  return `${name(s.from.month)} ${s.from.year}–${name(s.to.month)} ${s.to.year}`;
}

function enLong(s: Shape): string {
  switch (s.kind) {
    case 'Quarterly':
      return `Q${quarterOf(s)} ${s.from.year}`;
    case 'Yearly':
      return String(s.from.year);
    case 'YearToDate':
      return s.to.month === 12 ? String(s.from.year) : enSpan(s, monthEn);
    default:
      return enSpan(s, monthEn);
  }
}

/**
 * The period in words, for report sentences and headings: "tháng 5 năm 2024", "quý II năm 2024",
 * "6 tháng đầu năm 2020", "9 tháng đầu năm 2022", "năm 2024", "5 tháng đầu năm 2024" (year to date;
 * "tháng 1 năm 2024" for January alone, "năm 2024" through December), "từ tháng 1 đến tháng 5 năm 2024".
 * English: "May 2024", "Q2 2024", "January–June 2020", "January–May 2024", "2024".
 */
export function periodLabel(r: PeriodRange | Period, locale: PeriodLocale = 'vi'): string {
  const s = shape(r);
  return locale === 'vi' ? viLong(s, false) : enLong(s);
}

/** Compact form for the UI: "T5/2024", "Q2/2024", "6T đầu/2020", "9T/2022", "T1–T5/2024"; en "May 2024", "Q2 2024", "H1 2020", "9M 2022", "Jan–May 2024". */
export function periodShortLabel(r: PeriodRange | Period, locale: PeriodLocale = 'vi'): string {
  const s = shape(r);
  const y = s.from.year;
  if (locale === 'en') {
    switch (s.kind) {
      case 'Monthly':
        return `${monthEnShort(s.from.month)} ${y}`;
      case 'Quarterly':
        return `Q${quarterOf(s)} ${y}`;
      case 'SixMonthly':
        return `H${s.from.month === 1 ? 1 : 2} ${y}`;
      case 'NineMonths':
        return `9M ${y}`;
      case 'Yearly':
        return String(y);
      case 'YearToDate':
      case 'MonthRange':
        return enSpan(s, monthEnShort);
    }
  }
  switch (s.kind) {
    case 'Monthly':
      return `T${s.from.month}/${y}`;
    case 'Quarterly':
      return `Q${quarterOf(s)}/${y}`;
    case 'SixMonthly':
      return s.from.month === 1 ? `6T đầu/${y}` : `6T cuối/${y}`;
    case 'NineMonths':
      return `9T/${y}`;
    case 'Yearly':
      return String(y);
    case 'YearToDate':
    case 'MonthRange':
      if (s.from.year === s.to.year && s.from.month === s.to.month) return `T${s.from.month}/${y}`;
      if (s.from.year === s.to.year) return `T${s.from.month}–T${s.to.month}/${y}`;
      return `T${s.from.month}/${s.from.year}–T${s.to.month}/${s.to.year}`;
  }
}

/** Upper-case Vietnamese with two-digit months, for report titles: "THÁNG 05 NĂM 2024", "QUÝ II NĂM 2024", "6 THÁNG ĐẦU NĂM 2020". */
export function periodTitleVi(r: PeriodRange | Period): string {
  return viLong(shape(r), true).toLocaleUpperCase('vi');
}

/** The month as report headings write it: monthTitleVi(5) → "THÁNG 05". */
export function monthTitleVi(month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month ${month}`);
  return `THÁNG ${pad2(month)}`;
}

/**
 * A date the Nghị định 30/2020 way: "ngày 10 tháng 6 năm 2024"; days below 10 and the months
 * January and February take a leading zero: "ngày 05 tháng 02 năm 2024".
 */
export function formatDateVn(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Invalid date ${date} (expected YYYY-MM-DD)`);
  const day = Number(m[3]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate()) {
    throw new RangeError(`Invalid date ${date}`);
  }
  return `ngày ${pad2(day)} tháng ${month <= 2 ? pad2(month) : month} năm ${m[1]}`;
}

/** The place-and-date line under the national motto: "Hoằng Hóa, ngày 10 tháng 6 năm 2024". */
export function placeDateLine(place: string, date: string): string {
  return `${place}, ${formatDateVn(date)}`;
}
