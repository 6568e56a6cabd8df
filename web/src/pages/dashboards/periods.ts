// Dashboard periods on the client: the dashboard-wide selection (month / quarter / year / relative)
// resolved to one period id, and each item's period spec resolved against it. The period logic and
// wording are soyte's one copy (src/lib/periods.ts); here only the page's choices.
import {
  addMonths, monthRange, parseRange, periodLabel, periodShortLabel, quarterRange, resolveRelative, yearRange,
  yearToDateRange, type PeriodRange, type YearMonth,
} from '../../../../src/lib/periods.js';
import type { PeriodSpec } from '../../../../src/modules/dashboards/dashboards.contract.js';
import { currentLang } from '../../i18n';

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

const monthOf = (date: string): YearMonth => ({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) });

/** The default: last month (relative to `today`, YYYY-MM-DD), as explicit month and year. */
export function defaultSelection(today: string): PeriodSelection {
  const last = addMonths(monthOf(today), -1);
  return { mode: 'month', year: last.year, month: last.month, quarter: Math.ceil(last.month / 3), relative: 'LAST_MONTH' };
}

/** The period id a selection stands for (relative keywords resolved against `today`). */
export function selectionPeriod(s: PeriodSelection, today: string): string {
  if (s.mode === 'month') return monthRange(s.year, s.month).id;
  if (s.mode === 'quarter') return quarterRange(s.year, s.quarter).id;
  if (s.mode === 'year') return yearRange(s.year).id;
  const res = resolveRelative(s.relative, today);
  return res.ok ? res.ranges[0]!.id : monthRange(s.year, s.month).id;
}

/** The last month of a period id (202405, 2024Q2, 2024S1, 2024, 2024N9, 2024YTD05, 202401-202405). */
export function lastMonthOf(id: string): YearMonth | null {
  return parseRange(id)?.to ?? null;
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
      return end ? [yearToDateRange(end.year, end.month).id] : [dashboardPeriod];
    case 'dashboardMonths':
      return end ? Array.from({ length: end.month }, (_, i) => monthRange(end.year, i + 1).id) : [dashboardPeriod];
    case 'dashboardLast12Months':
      return end ? Array.from({ length: 12 }, (_, i) => addMonths(end, i - 11)).map((m) => monthRange(m.year, m.month).id) : [dashboardPeriod];
  }
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase(currentLang()) + s.slice(1);

/** A short label for chart axes: "T5/2024", "Q2/2024", "2024" (or English); a relative keyword keeps `fallback`. */
export function shortPeriodLabel(id: string, fallback?: string): string {
  const r: PeriodRange | null = parseRange(id);
  return r ? periodShortLabel(r, currentLang()) : (fallback ?? id);
}

/** A long label for the dashboard header: "Tháng 5 năm 2024", "Quý II năm 2024", "Năm 2024". */
export function periodTitle(id: string): string {
  const r = parseRange(id);
  return r ? capitalise(periodLabel(r, currentLang())) : id;
}
