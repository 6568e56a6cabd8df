// The follow-up rules, pure: which bucket a task falls in (as Vietnamese government follow-up reports
// it), whether it is due soon, how many days it is late, and the occurrences of a recurring task.
// The summary's SQL (summary.repo.ts) applies the same rules; followup.test.ts holds them together.
import { addDays, addWorkingDays, type CalendarConfig } from '../../lib/calendar.js';
import { rangeOfPeriod, makePeriod, nineMonthRange, yearRange, type PeriodRange } from '../../lib/periods.js';
import type { FollowUpState, Recurrence, RecurrencePeriod, TaskStatus } from './directives.contract.js';

export interface FollowUpFacts {
  status: TaskStatus;
  deadline: string | null;
  completedOn: string | null;
}

/** Statuses of a task still to be finished (withdrawn tasks are not followed up at all). */
export const OPEN_STATUSES: readonly TaskStatus[] = ['assigned', 'accepted', 'refused', 'in_progress', 'submitted', 'returned', 'paused'];

/**
 * The bucket: a finished task is on time when finished on or before its (approved) deadline; an
 * unfinished one is overdue once its deadline has passed; without a deadline it is "không thời hạn".
 * null for a withdrawn task.
 */
export function followUpState(t: FollowUpFacts, today: string): FollowUpState | null {
  if (t.status === 'withdrawn') return null;
  if (t.status === 'done') return !t.deadline || (t.completedOn ?? '') <= t.deadline ? 'doneOnTime' : 'doneLate';
  if (!t.deadline) return 'noDeadline';
  return t.deadline >= today ? 'inProgress' : 'overdue';
}

/** The last day that counts as "sắp đến hạn": `days` working days from today. */
export function dueSoonLimit(today: string, days: number, cal: CalendarConfig): string {
  return addWorkingDays(today, days, cal);
}

export function isDueSoon(t: FollowUpFacts, today: string, limit: string): boolean {
  return OPEN_STATUSES.includes(t.status) && t.deadline !== null && t.deadline >= today && t.deadline <= limit;
}

/** Calendar days late: overdue until today, or finished after the deadline. null when not late. */
export function daysLate(t: FollowUpFacts, today: string): number | null {
  const state = followUpState(t, today);
  if (state === 'overdue') return dayDiff(t.deadline!, today);
  if (state === 'doneLate') return dayDiff(t.deadline!, t.completedOn!);
  return null;
}

export function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ---------------------------------------------------------------------------------------------
// Recurrence

/** The period of a recurrence holding `date`. */
export function recurrencePeriodOf(period: RecurrencePeriod, date: string): PeriodRange {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (period) {
    case 'MONTHLY':
      return rangeOfPeriod(makePeriod('Monthly', year, month));
    case 'QUARTERLY':
      return rangeOfPeriod(makePeriod('Quarterly', year, Math.ceil(month / 3)));
    case 'SIXMONTHLY':
      return rangeOfPeriod(makePeriod('SixMonthly', year, month <= 6 ? 1 : 2));
    case 'NINEMONTHS':
      // Once a year: January to September (a date after September belongs to next year's report).
      return nineMonthRange(month <= 9 ? year : year + 1);
    case 'YEARLY':
      return yearRange(year);
  }
}

function nextOf(period: RecurrencePeriod, r: PeriodRange): PeriodRange {
  // Nine months recur yearly: the next one starts the next January.
  return recurrencePeriodOf(period, period === 'NINEMONTHS' ? `${r.to.year + 1}-01-01` : addDays(r.end, 1));
}

/** The deadline of the occurrence for period `r`. */
export function occurrenceDeadline(rec: Recurrence, r: PeriodRange, cal: CalendarConfig): string {
  if (rec.day) {
    const last = Number(r.end.slice(8, 10));
    return `${r.end.slice(0, 8)}${String(Math.min(rec.day, last)).padStart(2, '0')}`;
  }
  if (rec.workingDaysAfter != null && rec.workingDaysAfter > 0) return addWorkingDays(r.end, rec.workingDaysAfter, cal);
  return r.end;
}

export interface Occurrence {
  period: string;
  start: string;
  end: string;
  deadline: string;
}

/**
 * The occurrences of a recurrence that have begun by `upTo`: one per period from the period holding
 * `rec.from` (or `start`), none after `rec.until`. At most `max` (the most recent ones).
 */
export function occurrencesUpTo(rec: Recurrence, start: string, upTo: string, cal: CalendarConfig, max = 120): Occurrence[] {
  const out: Occurrence[] = [];
  let r = recurrencePeriodOf(rec.period, rec.from ?? start);
  const stop = rec.until && rec.until < upTo ? rec.until : upTo;
  while (r.start <= stop) {
    out.push({ period: r.id, start: r.start, end: r.end, deadline: occurrenceDeadline(rec, r, cal) });
    r = nextOf(rec.period, r);
  }
  return out.slice(-max);
}
