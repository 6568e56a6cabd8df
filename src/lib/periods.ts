// DHIS2 ISO period identifiers: Monthly 202405, Quarterly 2024Q2, SixMonthly 2024S1, Yearly 2024.
// Dates are 'YYYY-MM-DD' strings; no time zones involved.
import type { PeriodType } from '../db/schema.js';

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

/** Parses an ISO period id; returns null when it is not one soyte knows. */
export function parsePeriod(iso: string): Period | null {
  let m = /^(\d{4})(\d{2})$/.exec(iso);
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
