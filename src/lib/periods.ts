// Periods of soyte. Dates are 'YYYY-MM-DD' strings; no time zones involved.
//
// 1. Stored periods (the `period` table, data entry): DHIS2 ISO ids, type `Period`:
//      Monthly 202405, Quarterly 2024Q2, SixMonthly 2024S1, Yearly 2024.
// 2. Ranges for analytics and reports, type `PeriodRange` (a run of whole months with its own id).
//    Every id round-trips: parseRange(r.id)!.id === r.id.
//      kind         id              months                      example wording (vi)
//      Monthly      202405          May                         tháng 5 năm 2024
//      Quarterly    2024Q2          Apr–Jun                     quý II năm 2024
//      SixMonthly   2024S1 / S2     Jan–Jun / Jul–Dec           6 tháng đầu / cuối năm 2024
//      NineMonths   2024N9          Jan–Sep                     9 tháng đầu năm 2024
//      Yearly       2024            Jan–Dec                     năm 2024
//      YearToDate   2024YTD05       Jan..May ("lũy kế"), 01–12  5 tháng đầu năm 2024
//      MonthRange   202401-202405   any run of months, may      từ tháng 1 đến tháng 5 năm 2024
//                                   cross a year (202311-202402)
//    The soyte-only ids (N9, YTDmm, yyyyMM-yyyyMM) cannot clash with DHIS2 ids (2024W5, 2024BiW1,
//    202401B, 20240105, 2024April, 2024AprilS1, 2024July, 2024Oct, 2024Nov, 2024Sep …).
// 3. DHIS2 relative periods (THIS_MONTH, LAST_12_MONTHS, …) resolved against a reference date
//    (default: today in Vietnam) into lists of ranges, like DHIS2 analytics does: `resolveRelative`,
//    `resolvePeriodItem`. Unknown or unsupported input gives an error VALUE (code UNSUPPORTED → 409).
// 4. Comparisons: `sameRangeLastYear`, `previousRange`, `nextRange`.
// 5. Wording (vi/en, long/short, report titles, Nghị định 30 dates): see periods.vi.ts, re-exported here.
// Bounds: years 1900–2199 (as dates.ts isIsoDate), a month range at most MAX_RANGE_MONTHS long. Parsers
// return null (or an error value) outside them; constructors throw RangeError (a programming error).
// Pure and browser-safe: the web app imports this file.
import { isIsoDate, todayVn } from './dates.js';

/** Years soyte knows: those of dates.ts isIsoDate. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
/** The longest run of months one range may cover (20 years): longer spans are refused, not computed. */
export const MAX_RANGE_MONTHS = 240;

/** Period types of stored periods (data sets, forms, plans). */
export type PeriodType = 'Monthly' | 'Quarterly' | 'SixMonthly' | 'Yearly';

export const PERIOD_TYPES: readonly PeriodType[] = ['Monthly', 'Quarterly', 'SixMonthly', 'Yearly'];

export interface Period {
  iso: string;
  type: PeriodType;
  year: number;
  /** Month of the year for Monthly, quarter for Quarterly, half for SixMonthly, 1 for Yearly. */
  index: number;
  start: string;
  end: string;
}

const MONTHS_PER: Record<PeriodType, number> = { Monthly: 1, Quarterly: 3, SixMonthly: 6, Yearly: 12 };

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function makePeriod(type: PeriodType, year: number, index: number): Period {
  const span = MONTHS_PER[type];
  const firstMonth = (index - 1) * span + 1;
  const lastMonth = firstMonth + span - 1;
  const iso =
    type === 'Monthly' ? `${year}${pad(index)}` : type === 'Quarterly' ? `${year}Q${index}` : type === 'SixMonthly' ? `${year}S${index}` : `${year}`;
  return {
    iso,
    type,
    year,
    index,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
  };
}

/** Parses an ISO period id; returns null when it is not one soyte knows (or its year is outside 1900–2199). */
export function parsePeriod(iso: string): Period | null {
  let m = /^(\d{4})/.exec(iso);
  if (!m || !validYear(Number(m[1]))) return null;
  m = /^(\d{4})(\d{2})$/.exec(iso);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? makePeriod('Monthly', Number(m[1]), month) : null;
  }
  m = /^(\d{4})Q([1-4])$/.exec(iso);
  if (m) return makePeriod('Quarterly', Number(m[1]), Number(m[2]));
  m = /^(\d{4})S([12])$/.exec(iso);
  if (m) return makePeriod('SixMonthly', Number(m[1]), Number(m[2]));
  m = /^(\d{4})$/.exec(iso);
  if (m) return makePeriod('Yearly', Number(m[1]), 1);
  return null;
}

/** The period of a type that contains a date. */
export function periodOf(type: PeriodType, date: string): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return makePeriod(type, year, Math.floor((month - 1) / MONTHS_PER[type]) + 1);
}

export function nextPeriod(p: Period): Period {
  const count = 12 / MONTHS_PER[p.type];
  return p.index === count ? makePeriod(p.type, p.year + 1, 1) : makePeriod(p.type, p.year, p.index + 1);
}

export function previousPeriod(p: Period): Period {
  const count = 12 / MONTHS_PER[p.type];
  return p.index === 1 ? makePeriod(p.type, p.year - 1, count) : makePeriod(p.type, p.year, p.index - 1);
}

/** Every period of a type from `from` to `to` inclusive (both of that type). */
export function periodsBetween(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let p = from; p.start <= to.start; p = nextPeriod(p)) out.push(p);
  return out;
}

/** The months (Monthly periods) a period spans. */
export function monthsOf(p: Period): Period[] {
  return periodsBetween(periodOf('Monthly', p.start), periodOf('Monthly', p.end));
}

// ---------------------------------------------------------------------------------------------
// Ranges for analytics and reports

export type RangeKind = PeriodType | 'NineMonths' | 'YearToDate' | 'MonthRange';

export const RANGE_KINDS: readonly RangeKind[] = [
  'Monthly',
  'Quarterly',
  'SixMonthly',
  'NineMonths',
  'Yearly',
  'YearToDate',
  'MonthRange',
];

export interface YearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

export interface PeriodRange {
  /** Stable id, see the header of this file; parseRange(id) gives this range back. */
  id: string;
  kind: RangeKind;
  /** First month of the range. */
  from: YearMonth;
  /** Last month of the range (inclusive). */
  to: YearMonth;
  /** First day of `from`. */
  start: string;
  /** Last day of `to`. */
  end: string;
  /** Monthly ISO ids of every month covered, in order: ['202401', …, '202405']. */
  months: string[];
  /** The DHIS2 period when the kind is a stored period type (Monthly … Yearly), else null. */
  period: Period | null;
}

/** Months counted from year 0: a total order on months that makes arithmetic easy. */
const monthIndex = (ym: YearMonth) => ym.year * 12 + (ym.month - 1);
const fromMonthIndex = (i: number): YearMonth => ({ year: Math.floor(i / 12), month: (i % 12) + 1 });
export const addMonths = (ym: YearMonth, n: number): YearMonth => fromMonthIndex(monthIndex(ym) + n);
const monthId = (ym: YearMonth) => `${ym.year}${pad(ym.month)}`;

function buildRange(kind: RangeKind, id: string, from: YearMonth, to: YearMonth, period: Period | null): PeriodRange {
  const months: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) months.push(monthId(fromMonthIndex(i)));
  return {
    id,
    kind,
    from,
    to,
    start: `${from.year}-${pad(from.month)}-01`,
    end: `${to.year}-${pad(to.month)}-${pad(lastDayOfMonth(to.year, to.month))}`,
    months,
    period,
  };
}

function validYear(y: number): boolean {
  return Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;
}
const validMonth = (m: number) => Number.isInteger(m) && m >= 1 && m <= 12;

function check(cond: boolean, what: string): void {
  if (!cond) throw new RangeError(`Invalid period: ${what}`);
}

/** The range of a stored DHIS2 period (Monthly, Quarterly, SixMonthly, Yearly). */
export function rangeOfPeriod(p: Period): PeriodRange {
  check(validYear(p.year), `period ${p.iso}`);
  const from = { year: p.year, month: Number(p.start.slice(5, 7)) };
  const to = { year: p.year, month: Number(p.end.slice(5, 7)) };
  return buildRange(p.type, p.iso, from, to, p);
}

export function monthRange(year: number, month: number): PeriodRange {
  check(validYear(year) && validMonth(month), `month ${year}-${month}`);
  return rangeOfPeriod(makePeriod('Monthly', year, month));
}

export function quarterRange(year: number, quarter: number): PeriodRange {
  check(validYear(year) && Number.isInteger(quarter) && quarter >= 1 && quarter <= 4, `quarter ${year}Q${quarter}`);
  return rangeOfPeriod(makePeriod('Quarterly', year, quarter));
}

/** half 1 = January–June (S1), 2 = July–December (S2). */
export function sixMonthRange(year: number, half: number): PeriodRange {
  check(validYear(year) && (half === 1 || half === 2), `six months ${year}S${half}`);
  return rangeOfPeriod(makePeriod('SixMonthly', year, half));
}

/** January–September ("9 tháng đầu năm"). */
export function nineMonthRange(year: number): PeriodRange {
  check(validYear(year), `nine months ${year}`);
  return buildRange('NineMonths', `${year}N9`, { year, month: 1 }, { year, month: 9 }, null);
}

export function yearRange(year: number): PeriodRange {
  check(validYear(year), `year ${year}`);
  return rangeOfPeriod(makePeriod('Yearly', year, 1));
}

/** January..`month` of `year` ("lũy kế đến tháng"). */
export function yearToDateRange(year: number, month: number): PeriodRange {
  check(validYear(year) && validMonth(month), `year to date ${year}-${month}`);
  return buildRange('YearToDate', `${year}YTD${pad(month)}`, { year, month: 1 }, { year, month }, null);
}

/** Any run of whole months, `from` ≤ `to`, possibly across years, at most MAX_RANGE_MONTHS long. */
export function monthSpanRange(from: YearMonth, to: YearMonth): PeriodRange {
  check(validYear(from.year) && validMonth(from.month) && validYear(to.year) && validMonth(to.month), 'month range');
  check(monthIndex(from) <= monthIndex(to), `month range ${monthId(from)}-${monthId(to)} ends before it starts`);
  check(monthIndex(to) - monthIndex(from) < MAX_RANGE_MONTHS, `month range ${monthId(from)}-${monthId(to)} is longer than ${MAX_RANGE_MONTHS} months`);
  return buildRange('MonthRange', `${monthId(from)}-${monthId(to)}`, { ...from }, { ...to }, null);
}

/**
 * Parses any range id (the DHIS2 ids 202405, 2024Q2, 2024S1, 2024 and soyte's 2024N9, 2024YTD05,
 * 202401-202405); null when it is not one. Relative keywords are not ids: see resolvePeriodItem.
 */
export function parseRange(id: string): PeriodRange | null {
  const p = parsePeriod(id);
  if (p) return rangeOfPeriod(p);
  let m = /^(\d{4})N9$/.exec(id);
  if (m) return validYear(Number(m[1])) ? nineMonthRange(Number(m[1])) : null;
  m = /^(\d{4})YTD(\d{2})$/.exec(id);
  if (m) return validYear(Number(m[1])) && validMonth(Number(m[2])) ? yearToDateRange(Number(m[1]), Number(m[2])) : null;
  m = /^(\d{4})(\d{2})-(\d{4})(\d{2})$/.exec(id);
  if (m) {
    const from = { year: Number(m[1]), month: Number(m[2]) };
    const to = { year: Number(m[3]), month: Number(m[4]) };
    if (!validYear(from.year) || !validYear(to.year) || !validMonth(from.month) || !validMonth(to.month)) return null;
    if (monthIndex(from) > monthIndex(to) || monthIndex(to) - monthIndex(from) >= MAX_RANGE_MONTHS) return null;
    return monthSpanRange(from, to);
  }
  return null;
}

/**
 * Why a string shaped like a range id is not one, when the reason is a bound rather than the shape:
 * a year outside 1900–2199, or a month range longer than MAX_RANGE_MONTHS. null otherwise.
 */
function boundProblem(id: string): 'period.yearOutOfRange' | 'period.tooLong' | null {
  const m = /^(\d{4})(\d{2}|Q[1-4]|S[12]|N9|YTD\d{2})?(?:-(\d{4})(\d{2}))?$/.exec(id);
  if (!m) return null;
  const years = [Number(m[1]), ...(m[3] ? [Number(m[3])] : [])];
  if (years.some((y) => !validYear(y))) return 'period.yearOutOfRange';
  if (m[3] && /^\d{2}$/.test(m[2] ?? '')) {
    const span = Number(m[3]) * 12 + Number(m[4]) - (Number(m[1]) * 12 + Number(m[2]));
    if (span >= MAX_RANGE_MONTHS) return 'period.tooLong';
  }
  return null;
}

/** The stored monthly periods a range covers (e.g. for ensurePeriods or a query on data_value.pe). */
export function monthPeriodsOf(r: PeriodRange): Period[] {
  return r.months.map((id) => parsePeriod(id)!);
}

/** Whether a stored period (of any type) lies entirely inside the range. */
export function rangeContains(r: PeriodRange, p: Period): boolean {
  return p.start >= r.start && p.end <= r.end;
}

// ---------------------------------------------------------------------------------------------
// Comparisons

/** Shifts a range by whole years, keeping its kind (2024YTD05 → 2023YTD05; 2024-02-29 ends become 02-28). */
export function shiftRangeYears(r: PeriodRange, years: number): PeriodRange {
  const y = r.from.year + years;
  switch (r.kind) {
    case 'Monthly':
      return monthRange(y, r.from.month);
    case 'Quarterly':
      return quarterRange(y, r.period!.index);
    case 'SixMonthly':
      return sixMonthRange(y, r.period!.index);
    case 'Yearly':
      return yearRange(y);
    case 'NineMonths':
      return nineMonthRange(y);
    case 'YearToDate':
      return yearToDateRange(y, r.to.month);
    case 'MonthRange':
      return monthSpanRange(addMonths(r.from, 12 * years), addMonths(r.to, 12 * years));
  }
}

/** The same period last year ("cùng kỳ năm trước"), for every kind. */
export function sameRangeLastYear(r: PeriodRange): PeriodRange {
  return shiftRangeYears(r, -1);
}

/**
 * The previous range of the same kind ("kỳ trước"):
 * - Monthly, Quarterly, SixMonthly, Yearly: the period just before (202401 → 202312);
 * - NineMonths: January–September of the previous year (it recurs once a year);
 * - YearToDate: the cumulative figure one month earlier (2024YTD05 → 2024YTD04; 2024YTD01 → 2023YTD12),
 *   the step a report takes from one month to the next;
 * - MonthRange: the run of the same length that ends just before it (202401-202405 → 202308-202312).
 */
export function previousRange(r: PeriodRange): PeriodRange {
  return stepRange(r, -1);
}

/** The next range of the same kind; the inverse of previousRange. */
export function nextRange(r: PeriodRange): PeriodRange {
  return stepRange(r, 1);
}

function stepRange(r: PeriodRange, dir: 1 | -1): PeriodRange {
  switch (r.kind) {
    case 'Monthly':
    case 'Quarterly':
    case 'SixMonthly':
    case 'Yearly':
      return rangeOfPeriod(dir === 1 ? nextPeriod(r.period!) : previousPeriod(r.period!));
    case 'NineMonths':
      return nineMonthRange(r.from.year + dir);
    case 'YearToDate': {
      const to = addMonths(r.to, dir);
      return yearToDateRange(to.year, to.month);
    }
    case 'MonthRange': {
      const len = r.months.length;
      return monthSpanRange(addMonths(r.from, dir * len), addMonths(r.to, dir * len));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Relative periods (DHIS2 analytics semantics: "LAST_n" never includes the current period;
// "…_THIS_YEAR" lists every period of the year, future ones included)

export const RELATIVE_PERIODS = [
  'THIS_MONTH',
  'LAST_MONTH',
  'LAST_3_MONTHS',
  'LAST_6_MONTHS',
  'LAST_12_MONTHS',
  'MONTHS_THIS_YEAR',
  'MONTHS_LAST_YEAR',
  'THIS_QUARTER',
  'LAST_QUARTER',
  'LAST_4_QUARTERS',
  'QUARTERS_THIS_YEAR',
  'QUARTERS_LAST_YEAR',
  'THIS_SIX_MONTH',
  'LAST_SIX_MONTH',
  'LAST_2_SIXMONTHS',
  'THIS_YEAR',
  'LAST_YEAR',
  'LAST_5_YEARS',
  // soyte's own
  'YEAR_TO_DATE',
  'LAST_MONTH_YEAR_TO_DATE',
] as const;

export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

export function isRelativePeriod(s: string): s is RelativePeriod {
  return (RELATIVE_PERIODS as readonly string[]).includes(s);
}

/**
 * A period problem as a value, ready to become `new AppError(code, messageKey, details, params)`.
 * UNSUPPORTED (→ 409) for what DHIS2 would accept but soyte does not keep, or what does not parse;
 * VALIDATION_FAILED (→ 400) for a period outside soyte's bounds (years 1900–2199, ranges of at most
 * MAX_RANGE_MONTHS months).
 */
export interface PeriodError {
  code: 'UNSUPPORTED' | 'VALIDATION_FAILED';
  /** Message key; texts (vi/en) in periodMessages (periods.vi.ts). */
  messageKey:
    | 'period.invalid'
    | 'period.typeUnsupported'
    | 'period.relativeUnsupported'
    | 'period.referenceDate'
    | 'period.yearOutOfRange'
    | 'period.tooLong';
  params: { period: string; minYear?: number; maxYear?: number; maxMonths?: number };
  /** English text, for logs and the API's `message` when no i18n lookup is at hand. */
  message: string;
}

export type PeriodResult = { ok: true; ranges: PeriodRange[] } | { ok: false; error: PeriodError };

function periodError(messageKey: PeriodError['messageKey'], period: string): { ok: false; error: PeriodError } {
  if (messageKey === 'period.yearOutOfRange' || messageKey === 'period.tooLong') {
    const params = { period, minYear: MIN_YEAR, maxYear: MAX_YEAR, maxMonths: MAX_RANGE_MONTHS };
    const message =
      messageKey === 'period.tooLong'
        ? `Period ${period} covers more than ${MAX_RANGE_MONTHS} months; split it or choose a shorter range.`
        : `Period ${period} is outside the years ${MIN_YEAR}–${MAX_YEAR}.`;
    return { ok: false, error: { code: 'VALIDATION_FAILED', messageKey, params, message } };
  }
  const message =
    messageKey === 'period.relativeUnsupported'
      ? `Relative period ${period} is not supported; use one of ${RELATIVE_PERIODS.join(', ')}.`
      : messageKey === 'period.typeUnsupported'
        ? `Period ${period} is of a type soyte does not keep (only months, quarters, six-months and years, plus 2024N9, 2024YTD05, 202401-202405).`
        : messageKey === 'period.referenceDate'
          ? `Reference date ${period} is not a valid date (YYYY-MM-DD).`
          : `Period ${period} is not valid (examples: 202405, 2024Q2, 2024S1, 2024, 2024N9, 2024YTD05, 202401-202405).`;
  return { ok: false, error: { code: 'UNSUPPORTED', messageKey, params: { period }, message } };
}

function series<T>(count: number, make: (i: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

/**
 * Resolves a relative period keyword against a reference date (default: today in Vietnam) into
 * its ranges, oldest first (LAST_3_MONTHS on 2024-06-15 → 202403, 202404, 202405).
 */
export function resolveRelative(keyword: string, reference: string = todayVn()): PeriodResult {
  if (!isIsoDate(reference)) return periodError('period.referenceDate', reference);
  if (!isRelativePeriod(keyword)) {
    return periodError(/^[A-Z][A-Z0-9_]*$/.test(keyword) ? 'period.relativeUnsupported' : 'period.invalid', keyword);
  }
  const now: YearMonth = { year: Number(reference.slice(0, 4)), month: Number(reference.slice(5, 7)) };
  const y = now.year;
  const quarter = Math.floor((now.month - 1) / 3) + 1;
  const half = now.month <= 6 ? 1 : 2;
  const month = (offset: number) => {
    const ym = addMonths(now, offset);
    return monthRange(ym.year, ym.month);
  };
  const quarterAt = (offset: number) => {
    const i = y * 4 + (quarter - 1) + offset;
    return quarterRange(Math.floor(i / 4), (i % 4) + 1);
  };
  const halfAt = (offset: number) => {
    const i = y * 2 + (half - 1) + offset;
    return sixMonthRange(Math.floor(i / 2), (i % 2) + 1);
  };
  const lastN = <T>(n: number, at: (offset: number) => T) => series(n, (i) => at(i - n));
  try {
    return { ok: true, ranges: relativeRanges(keyword, { now, y, month, quarterAt, halfAt, lastN }) };
  } catch (e) {
    // A reference date at the edge of the years soyte knows (LAST_5_YEARS in 1901).
    if (e instanceof RangeError) return periodError('period.yearOutOfRange', keyword);
    throw e;
  }
}

/** The reference month and year, and makers of the ranges around it. */
interface RelativeFrame {
  now: YearMonth;
  y: number;
  month: (offset: number) => PeriodRange;
  quarterAt: (offset: number) => PeriodRange;
  halfAt: (offset: number) => PeriodRange;
  lastN: (n: number, at: (offset: number) => PeriodRange) => PeriodRange[];
}

function relativeRanges(keyword: RelativePeriod, { now, y, month, quarterAt, halfAt, lastN }: RelativeFrame): PeriodRange[] {
  let ranges: PeriodRange[];
  switch (keyword) {
    case 'THIS_MONTH':
      ranges = [month(0)];
      break;
    case 'LAST_MONTH':
      ranges = [month(-1)];
      break;
    case 'LAST_3_MONTHS':
      ranges = lastN(3, month);
      break;
    case 'LAST_6_MONTHS':
      ranges = lastN(6, month);
      break;
    case 'LAST_12_MONTHS':
      ranges = lastN(12, month);
      break;
    case 'MONTHS_THIS_YEAR':
      ranges = series(12, (i) => monthRange(y, i + 1));
      break;
    case 'MONTHS_LAST_YEAR':
      ranges = series(12, (i) => monthRange(y - 1, i + 1));
      break;
    case 'THIS_QUARTER':
      ranges = [quarterAt(0)];
      break;
    case 'LAST_QUARTER':
      ranges = [quarterAt(-1)];
      break;
    case 'LAST_4_QUARTERS':
      ranges = lastN(4, quarterAt);
      break;
    case 'QUARTERS_THIS_YEAR':
      ranges = series(4, (i) => quarterRange(y, i + 1));
      break;
    case 'QUARTERS_LAST_YEAR':
      ranges = series(4, (i) => quarterRange(y - 1, i + 1));
      break;
    case 'THIS_SIX_MONTH':
      ranges = [halfAt(0)];
      break;
    case 'LAST_SIX_MONTH':
      ranges = [halfAt(-1)];
      break;
    case 'LAST_2_SIXMONTHS':
      ranges = lastN(2, halfAt);
      break;
    case 'THIS_YEAR':
      ranges = [yearRange(y)];
      break;
    case 'LAST_YEAR':
      ranges = [yearRange(y - 1)];
      break;
    case 'LAST_5_YEARS':
      ranges = lastN(5, (o) => yearRange(y + o));
      break;
    case 'YEAR_TO_DATE':
      ranges = [yearToDateRange(y, now.month)];
      break;
    case 'LAST_MONTH_YEAR_TO_DATE': {
      // In January this is the whole previous year (January..December).
      const last = addMonths(now, -1);
      ranges = [yearToDateRange(last.year, last.month)];
      break;
    }
  }
  return ranges;
}

/** DHIS2 ids of period types soyte does not keep: days, weeks, bi-months, financial years, … */
const OTHER_DHIS2_ID =
  /^(\d{8}|\d{4}(Wed|Thu|Sat|Sun|Bi)?W\d{1,2}|\d{6}B|\d{4}(April|July|Oct|Nov|Sep)(S[12])?|\d{4}Q[1-4]|\d{4}S[12])$/;

/**
 * One item of a `pe` dimension: a range id or a relative keyword. Unknown, malformed or
 * unsupported items give `{ ok: false, error }` (never an exception).
 */
export function resolvePeriodItem(item: string, reference: string = todayVn()): PeriodResult {
  const r = parseRange(item);
  if (r) return { ok: true, ranges: [r] };
  const bound = boundProblem(item);
  if (bound) return periodError(bound, item);
  if (/^[A-Z][A-Z0-9_]*$/.test(item)) return resolveRelative(item, reference);
  if (OTHER_DHIS2_ID.test(item)) return periodError('period.typeUnsupported', item);
  return periodError('period.invalid', item);
}

/** Resolves several items (e.g. `pe:LAST_3_MONTHS;2024Q1`), keeping order and dropping duplicates. */
export function resolvePeriodItems(items: readonly string[], reference: string = todayVn()): PeriodResult {
  const seen = new Set<string>();
  const ranges: PeriodRange[] = [];
  for (const item of items) {
    const res = resolvePeriodItem(item, reference);
    if (!res.ok) return res;
    for (const r of res.ranges) {
      if (!seen.has(r.id)) {
        seen.add(r.id);
        ranges.push(r);
      }
    }
  }
  return { ok: true, ranges };
}

export * from './periods.vi.js';
