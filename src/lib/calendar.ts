// The Vietnamese working-day calendar: weekends, statutory public holidays (solar and lunar, Tết
// included) and configured extra days (compensatory days off, weekend days worked in exchange).
// PLACEHOLDER: weekends and configured days only; statutory holidays are being added (issue 3).

export interface CalendarConfig {
  /** Extra days off (compensatory days), 'YYYY-MM-DD'. */
  off: ReadonlySet<string>;
  /** Weekend days that are working days (swapped), 'YYYY-MM-DD'. */
  work: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: CalendarConfig = { off: new Set(), work: new Set() };

export interface Holiday {
  date: string;
  name: string;
  nameEn: string;
}

/** Statutory public holidays of a year. */
export function publicHolidays(_year: number): Holiday[] {
  return [];
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, cfg: CalendarConfig = EMPTY_CALENDAR): boolean {
  if (cfg.work.has(date)) return true;
  if (cfg.off.has(date)) return false;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (dow === 0 || dow === 6) return false;
  return !publicHolidays(Number(date.slice(0, 4))).some((h) => h.date === date);
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

export { addDays };
