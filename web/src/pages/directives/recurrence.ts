// A recurrence in words: "Hằng tháng, hạn ngày 5 của tháng cuối kỳ", "Hằng quý, trong 10 ngày làm việc sau kỳ".
import { formatDate } from '../../format';
import type { RecurrencePeriod } from './directivesApi';

type T = (k: string, o?: Record<string, unknown>) => string;

export function recurrenceText(
  r: { period: RecurrencePeriod; day?: number | null; workingDaysAfter?: number | null; from?: string | null; until?: string | null },
  t: T,
): string {
  const parts = [t(`directives.period.${r.period}`)];
  if (r.day) parts.push(t(r.period === 'MONTHLY' ? 'directives.recurrence.dayOfMonth' : 'directives.recurrence.dayOfLastMonth', { day: r.day }));
  else if (r.workingDaysAfter !== null && r.workingDaysAfter !== undefined) parts.push(t('directives.recurrence.workingDaysAfter', { n: r.workingDaysAfter }));
  if (r.from) parts.push(t('directives.recurrence.from', { date: formatDate(r.from) }));
  if (r.until) parts.push(t('directives.recurrence.until', { date: formatDate(r.until) }));
  return parts.join(', ');
}
