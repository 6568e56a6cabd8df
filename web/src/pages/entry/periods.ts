// ISO periods on the client: the choices offered in the period picker and their labels. The period
// arithmetic is the server's own (src/lib/periods.ts); only the wording lives here (locale files).
import { addDays } from '../../../../src/lib/calendar.js';
import { parsePeriod, periodOf, PERIOD_TYPES, previousPeriod, type Period, type PeriodType } from '../../../../src/lib/periods.js';
import i18n from '../../i18n';

/** A period offered in the picker. */
export type PeriodChoice = Period;

/** A data set's period type as the API gives it; anything unknown is taken as monthly. */
function typeOf(type: string): PeriodType {
  return (PERIOD_TYPES as readonly string[]).includes(type) ? (type as PeriodType) : 'Monthly';
}

/** The period of a type containing a date (YYYY-MM-DD). */
export function periodContaining(type: string, date: string): PeriodChoice {
  return periodOf(typeOf(type), date);
}

/** The current period and the `count - 1` before it, newest first: future periods are never offered. */
export function recentPeriods(type: string, today: string, count: number): PeriodChoice[] {
  const out: PeriodChoice[] = [periodContaining(type, today)];
  while (out.length < count) out.push(previousPeriod(out[out.length - 1]));
  return out;
}

/** "Tháng 5/2024", "Quý 2/2024", "6 tháng đầu năm 2024", "Năm 2024" (or English). */
export function periodLabel(iso: string): string {
  const p = parsePeriod(iso);
  if (!p) return iso;
  const year = String(p.year);
  switch (p.type) {
    case 'Monthly':
      return i18n.t('entry.period.month', { month: p.index, year });
    case 'Quarterly':
      return i18n.t('entry.period.quarter', { quarter: p.index, year });
    case 'SixMonthly':
      return i18n.t(p.index === 1 ? 'entry.period.half1' : 'entry.period.half2', { year });
    case 'Yearly':
      return i18n.t('entry.period.year', { year });
  }
}

/**
 * A marker for the period picker, decided without asking the server: periods the unit was not
 * assigned, and periods whose entry window has certainly closed (the deadline counted generously:
 * working days as 7/5 calendar days plus two weeks for holidays such as Tết). The form itself shows
 * the server's exact decision.
 */
export function periodMark(
  p: PeriodChoice,
  ds: { deadlineWorkingDays?: number; entryGraceDays?: number | null; assignedFrom?: string | null; assignedTo?: string | null },
  today: string,
): 'notAssigned' | 'closed' | null {
  if ((ds.assignedFrom && p.end < ds.assignedFrom) || (ds.assignedTo && p.start >= ds.assignedTo)) return 'notAssigned';
  if (ds.entryGraceDays !== null && ds.entryGraceDays !== undefined) {
    const generous = addDays(p.end, Math.ceil(((ds.deadlineWorkingDays ?? 5) * 7) / 5) + 14 + ds.entryGraceDays);
    if (today > generous) return 'closed';
  }
  return null;
}
