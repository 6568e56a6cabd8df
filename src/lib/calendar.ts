// The Vietnamese working-day calendar: weekends, statutory public holidays (solar and lunar, Tết
// included) with their compensatory days, and configured extra days (the Prime Minister's yearly
// decisions: days off swapped with weekend days worked in exchange), which override the rule.
//
// Law (kept as data below, STATUTORY_HOLIDAYS):
//  - Labour Code 2019 (No. 45/2019/QH14, in force 2021-01-01) art. 112(1): 1 January; Tết Nguyên Đán
//    5 days (in practice from lunar 29/12, see below); 30 April; 1 May; Quốc khánh 2 days (2 September and one adjacent day before or after);
//    Giỗ Tổ Hùng Vương (lunar 10/3). Art. 112(3): the Prime Minister fixes the exact Tết days and the
//    adjacent National Day day each year — configure those as `calendar_day` rows when they differ
//    from the default computed here.
//  - Labour Code 2012 (art. 115, in force 2013-05-01): the same, but Quốc khánh is 1 day. Before it
//    (Labour Code 1994 as amended 2007) Tết was 4 days.
//  - A holiday falling on a weekly rest day (Saturday or Sunday for the public sector) gives a
//    compensatory day off on the next working day (2019 art. 111(3); 2012 art. 115(3)).
// Lunar dates use the Vietnamese calendar (UTC+7): see lib/lunar.ts.
import { lunarToSolar, solarToLunar } from './lunar.js';

export interface CalendarConfig {
  /** Extra days off (compensatory days), 'YYYY-MM-DD'. */
  off: ReadonlySet<string>;
  /** Days that are working days whatever the rule says (weekend days worked in exchange). */
  work: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: CalendarConfig = { off: new Set(), work: new Set() };

export interface Holiday {
  date: string;
  name: string;
  nameEn: string;
  /** A compensatory day off for a holiday that fell on a weekend. */
  compensatory?: boolean;
}

export interface HolidayRule {
  key: string;
  name: string;
  nameEn: string;
  calendar: 'solar' | 'lunar';
  month: number;
  day: number;
  /** Start on day 29 of the lunar month before the anchor (Tết: the last or second-to-last day of the year). */
  fromDay29Before?: boolean;
  /** Days off starting `startOffset` days from the anchor date. */
  startOffset?: number;
  length?: number;
  /** Quốc khánh: one day adjacent to the anchor, chosen by the anchor's weekday (ADJACENT_NATIONAL_DAY). */
  adjacentDay?: boolean;
  /** First and last years the rule applies (inclusive). */
  fromYear?: number;
  toYear?: number;
}

export const STATUTORY_HOLIDAYS: readonly HolidayRule[] = [
  { key: 'newYear', name: 'Tết Dương lịch', nameEn: "New Year's Day", calendar: 'solar', month: 1, day: 1 },
  // Tết: 5 days from the 29th of the last lunar month, as the yearly decisions 2020–2026 have fixed
  // them (the day before the last day of the year too when the month has 30 days).
  { key: 'tet', name: 'Tết Nguyên Đán', nameEn: 'Lunar New Year (Tết)', calendar: 'lunar', month: 1, day: 1, fromDay29Before: true, length: 5, fromYear: 2014 },
  { key: 'tet', name: 'Tết Nguyên Đán', nameEn: 'Lunar New Year (Tết)', calendar: 'lunar', month: 1, day: 1, fromDay29Before: true, length: 4, toYear: 2013 },
  { key: 'hungKings', name: 'Giỗ Tổ Hùng Vương', nameEn: 'Hùng Kings Commemoration', calendar: 'lunar', month: 3, day: 10, fromYear: 2007 },
  { key: 'reunification', name: 'Ngày Chiến thắng', nameEn: 'Reunification Day', calendar: 'solar', month: 4, day: 30 },
  { key: 'labour', name: 'Ngày Quốc tế lao động', nameEn: 'International Labour Day', calendar: 'solar', month: 5, day: 1 },
  { key: 'nationalDay', name: 'Quốc khánh', nameEn: 'National Day', calendar: 'solar', month: 9, day: 2, toYear: 2020 },
  { key: 'nationalDay', name: 'Quốc khánh', nameEn: 'National Day', calendar: 'solar', month: 9, day: 2, adjacentDay: true, fromYear: 2021 },
];

/**
 * The default adjacent National Day day by the weekday of 2 September (0 = Sunday): the day that joins
 * the holiday to a weekend, as the yearly decisions have done (2021: 3/9, 2022–2023: 1/9, 2024: 3/9,
 * 2025: 1/9). −1 = 1 September, +1 = 3 September.
 */
export const ADJACENT_NATIONAL_DAY: readonly (-1 | 1)[] = [1, 1, -1, -1, 1, -1, -1];

const WEEKEND = new Set([0, 6]);

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: string): boolean {
  return WEEKEND.has(weekday(date));
}

const pad = (n: number) => String(n).padStart(2, '0');

function ruleDates(rule: HolidayRule, year: number): string[] {
  const anchor = rule.calendar === 'solar'
    ? `${year}-${pad(rule.month)}-${pad(rule.day)}`
    : lunarToSolar({ day: rule.day, month: rule.month, year, leap: false });
  if (!anchor) return [];
  let start = addDays(anchor, rule.startOffset ?? 0);
  if (rule.fromDay29Before) {
    // The month before ends on its 29th or 30th day (whichever it has; a leap 12th month included).
    const [y, m, d] = addDays(anchor, -1).split('-').map(Number) as [number, number, number];
    start = addDays(anchor, solarToLunar(y, m, d).day === 30 ? -2 : -1);
  }
  const dates = Array.from({ length: rule.length ?? 1 }, (_, i) => addDays(start, i));
  if (rule.adjacentDay) dates.push(addDays(anchor, ADJACENT_NATIONAL_DAY[weekday(anchor)]!));
  return dates.sort();
}

const cache = new Map<number, Holiday[]>();

/**
 * Statutory public holidays of a year by rule, with the compensatory days for those that fall on a
 * weekend (each on the next weekday that is not itself a holiday or already a compensatory day).
 */
export function publicHolidays(year: number): Holiday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const days: Holiday[] = [];
  for (const rule of STATUTORY_HOLIDAYS) {
    if ((rule.fromYear ?? -Infinity) > year || (rule.toYear ?? Infinity) < year) continue;
    for (const date of ruleDates(rule, year)) days.push({ date, name: rule.name, nameEn: rule.nameEn });
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  const taken = new Set(days.map((h) => h.date));
  const compensatory: Holiday[] = [];
  for (const h of days) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    compensatory.push({ date: d, name: `Nghỉ bù ${h.name}`, nameEn: `${h.nameEn} (compensatory day)`, compensatory: true });
  }
  const all = [...days, ...compensatory].sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, all);
  return all;
}

/** The statutory holiday on a date, if any (configured days not included). */
export function holidayOn(date: string): Holiday | undefined {
  return publicHolidays(Number(date.slice(0, 4))).find((h) => h.date === date);
}

export function isWorkingDay(date: string, cfg: CalendarConfig = EMPTY_CALENDAR): boolean {
  if (cfg.work.has(date)) return true;
  if (cfg.off.has(date)) return false;
  if (isWeekend(date)) return false;
  return holidayOn(date) === undefined;
}

/** The n-th working day after `date` (the deadline of a period ending on `date`); n = 0 gives `date`. */
export function addWorkingDays(date: string, n: number, cfg: CalendarConfig = EMPTY_CALENDAR): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cfg)) left--;
  }
  return d;
}

/** Working days in (from, to]: how many working days `to` lies after `from` (0 when to ≤ from). */
export function workingDaysBetween(from: string, to: string, cfg: CalendarConfig = EMPTY_CALENDAR): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cfg)) n++;
  return n;
}

/** A calendar from configured day rows (`calendar_day`: kind 'off' or 'work'). */
export function calendarFromDays(rows: readonly { day: string; kind: string }[]): CalendarConfig {
  const off = new Set<string>();
  const work = new Set<string>();
  for (const r of rows) (r.kind === 'work' ? work : off).add(r.day);
  return { off, work };
}

export interface CalendarDay {
  date: string;
  working: boolean;
  weekend: boolean;
  holiday: Holiday | null;
  /** Set by configuration ('off' / 'work'), overriding the rule. */
  configured: 'off' | 'work' | null;
}

/** Every non-ordinary day of a year (weekends excepted unless worked): for calendar screens. */
export function specialDays(year: number, cfg: CalendarConfig = EMPTY_CALENDAR): CalendarDay[] {
  const dates = new Set<string>([...publicHolidays(year).map((h) => h.date)]);
  for (const d of [...cfg.off, ...cfg.work]) if (d.startsWith(`${year}-`)) dates.add(d);
  return [...dates].sort().map((date) => ({
    date,
    working: isWorkingDay(date, cfg),
    weekend: isWeekend(date),
    holiday: holidayOn(date) ?? null,
    configured: cfg.work.has(date) ? 'work' : cfg.off.has(date) ? 'off' : null,
  }));
}

export { addDays };
