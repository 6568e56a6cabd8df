// ISO periods on the client: the choices offered in the period picker and their Vietnamese labels.
import i18n from '../../i18n';

const pad = (n: number) => String(n).padStart(2, '0');

export interface PeriodChoice {
  iso: string;
  start: string;
  end: string;
}

function lastDay(year: number, month: number): number {
  return new Date(year, month, 0).getDate();
}

function make(type: string, year: number, index: number): PeriodChoice {
  const span = type === 'Quarterly' ? 3 : type === 'SixMonthly' ? 6 : type === 'Yearly' ? 12 : 1;
  const first = (index - 1) * span + 1;
  const last = first + span - 1;
  const iso = type === 'Quarterly' ? `${year}Q${index}` : type === 'SixMonthly' ? `${year}S${index}` : type === 'Yearly' ? `${year}` : `${year}${pad(index)}`;
  return { iso, start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}

/** The period of a type containing a date (YYYY-MM-DD). */
export function periodContaining(type: string, date: string): PeriodChoice {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (type === 'Quarterly') return make(type, year, Math.ceil(month / 3));
  if (type === 'SixMonthly') return make(type, year, month <= 6 ? 1 : 2);
  if (type === 'Yearly') return make(type, year, 1);
  return make('Monthly', year, month);
}

function previous(type: string, p: PeriodChoice): PeriodChoice {
  const d = new Date(Number(p.start.slice(0, 4)), Number(p.start.slice(5, 7)) - 1, 1);
  d.setDate(0); // last day of the previous month
  return periodContaining(type, `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
}

/** The current period and the `count - 1` before it, newest first: future periods are never offered. */
export function recentPeriods(type: string, today: string, count: number): PeriodChoice[] {
  const out: PeriodChoice[] = [periodContaining(type, today)];
  while (out.length < count) out.push(previous(type, out[out.length - 1]));
  return out;
}

/** "Tháng 5/2024", "Quý 2/2024", "6 tháng đầu năm 2024", "Năm 2024" (or English). */
export function periodLabel(iso: string): string {
  let m = /^(\d{4})(\d{2})$/.exec(iso);
  if (m) return i18n.t('entry.period.month', { month: Number(m[2]), year: m[1] });
  m = /^(\d{4})Q([1-4])$/.exec(iso);
  if (m) return i18n.t('entry.period.quarter', { quarter: m[2], year: m[1] });
  m = /^(\d{4})S([12])$/.exec(iso);
  if (m) return i18n.t(m[2] === '1' ? 'entry.period.half1' : 'entry.period.half2', { year: m[1] });
  m = /^(\d{4})$/.exec(iso);
  if (m) return i18n.t('entry.period.year', { year: m[1] });
  return iso;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
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
