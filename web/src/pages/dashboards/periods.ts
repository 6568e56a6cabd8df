// Dashboard periods on the client: the dashboard-wide selection (month / quarter / year / relative)
// resolved to one period id, and each item's period spec resolved against it.
import i18n from '../../i18n';
import type { PeriodSpec } from './types';

export type PeriodMode = 'month' | 'quarter' | 'year' | 'relative';
export const RELATIVE_CHOICES = ['LAST_MONTH', 'THIS_MONTH', 'LAST_QUARTER', 'THIS_QUARTER', 'THIS_YEAR', 'LAST_YEAR'] as const;
export type RelativeChoice = (typeof RELATIVE_CHOICES)[number];

export interface PeriodSelection {
  mode: PeriodMode;
  year: number;
  month: number; // 1..12
  quarter: number; // 1..4
  relative: RelativeChoice;
}

const pad = (n: number) => String(n).padStart(2, '0');

export interface YM {
  year: number;
  month: number;
}

function addMonths(ym: YM, n: number): YM {
  const i = ym.year * 12 + (ym.month - 1) + n;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

const monthId = (ym: YM) => `${ym.year}${pad(ym.month)}`;

/** The default: last month (relative to `today`, YYYY-MM-DD), as explicit month and year. */
export function defaultSelection(today: string): PeriodSelection {
  const last = addMonths({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }, -1);
  return { mode: 'month', year: last.year, month: last.month, quarter: Math.ceil(last.month / 3), relative: 'LAST_MONTH' };
}

/** The period id a selection stands for (relative keywords resolved against `today`). */
export function selectionPeriod(s: PeriodSelection, today: string): string {
  if (s.mode === 'month') return `${s.year}${pad(s.month)}`;
  if (s.mode === 'quarter') return `${s.year}Q${s.quarter}`;
  if (s.mode === 'year') return String(s.year);
  const now: YM = { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
  const q = Math.ceil(now.month / 3);
  switch (s.relative) {
    case 'THIS_MONTH':
      return monthId(now);
    case 'LAST_MONTH':
      return monthId(addMonths(now, -1));
    case 'THIS_QUARTER':
      return `${now.year}Q${q}`;
    case 'LAST_QUARTER':
      return q === 1 ? `${now.year - 1}Q4` : `${now.year}Q${q - 1}`;
    case 'THIS_YEAR':
      return String(now.year);
    case 'LAST_YEAR':
      return String(now.year - 1);
  }
}

/** The last month of a period id (202405, 2024Q2, 2024S1, 2024, 2024N9, 2024YTD05, 202401-202405). */
export function lastMonthOf(id: string): YM | null {
  let m = /^(\d{4})(\d{2})$/.exec(id);
  if (m) return { year: Number(m[1]), month: Number(m[2]) };
  m = /^(\d{4})Q([1-4])$/.exec(id);
  if (m) return { year: Number(m[1]), month: Number(m[2]) * 3 };
  m = /^(\d{4})S([12])$/.exec(id);
  if (m) return { year: Number(m[1]), month: Number(m[2]) * 6 };
  m = /^(\d{4})$/.exec(id);
  if (m) return { year: Number(m[1]), month: 12 };
  m = /^(\d{4})N9$/.exec(id);
  if (m) return { year: Number(m[1]), month: 9 };
  m = /^(\d{4})YTD(\d{2})$/.exec(id);
  if (m) return { year: Number(m[1]), month: Number(m[2]) };
  m = /^\d{6}-(\d{4})(\d{2})$/.exec(id);
  if (m) return { year: Number(m[1]), month: Number(m[2]) };
  return null;
}

/** The periods an item reads, given the dashboard period: one id, a list of months, or a keyword. */
export function itemPeriods(spec: PeriodSpec, dashboardPeriod: string): string[] {
  const end = lastMonthOf(dashboardPeriod);
  switch (spec.kind) {
    case 'dashboard':
      return [dashboardPeriod];
    case 'relative':
      return [spec.keyword];
    case 'fixed':
      return [spec.id];
    case 'dashboardYtd':
      return end ? [`${end.year}YTD${pad(end.month)}`] : [dashboardPeriod];
    case 'dashboardMonths':
      return end ? Array.from({ length: end.month }, (_, i) => `${end.year}${pad(i + 1)}`) : [dashboardPeriod];
    case 'dashboardLast12Months':
      return end ? Array.from({ length: 12 }, (_, i) => monthId(addMonths(end, i - 11))) : [dashboardPeriod];
  }
}

/** A short label for chart axes: "T5/2024", "Q2/2024", "2024" (or English). */
export function shortPeriodLabel(id: string, fallback?: string): string {
  let m = /^(\d{4})(\d{2})$/.exec(id);
  if (m) return i18n.t('dashboards.period.monthShort', { month: Number(m[2]), year: m[1] });
  m = /^(\d{4})Q([1-4])$/.exec(id);
  if (m) return i18n.t('dashboards.period.quarterShort', { quarter: m[2], year: m[1] });
  if (/^\d{4}$/.test(id)) return id;
  return fallback ?? id;
}

/** A long label for the dashboard header: "Tháng 5 năm 2024", "Quý 2 năm 2024", "Năm 2024". */
export function periodTitle(id: string): string {
  let m = /^(\d{4})(\d{2})$/.exec(id);
  if (m) return i18n.t('dashboards.period.monthLong', { month: Number(m[2]), year: m[1] });
  m = /^(\d{4})Q([1-4])$/.exec(id);
  if (m) return i18n.t('dashboards.period.quarterLong', { quarter: m[2], year: m[1] });
  m = /^(\d{4})$/.exec(id);
  if (m) return i18n.t('dashboards.period.yearLong', { year: m[1] });
  return id;
}
