// Number and date formatting: vi-VN (509.591, 30/06/2025) or English.
import i18n, { currentLang } from './i18n';

const locale = () => (currentLang() === 'en' ? 'en-GB' : 'vi-VN');

/** Today as YYYY-MM-DD in local time. */
export function today(): string {
  return toIsoDate(new Date());
}

export function toIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Parses YYYY-MM-DD as a local date (no timezone shift); anything else via Date. */
function parse(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  return new Intl.NumberFormat(currentLang() === 'en' ? 'en-US' : 'vi-VN').format(n);
}

/** dd/mm/yyyy */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = parse(value);
  if (!d) return value;
  return new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/** dd/mm/yyyy HH:mm[:ss] */
export function formatDateTime(value: string | null | undefined, seconds = false): string {
  if (!value) return '';
  const d = parse(value);
  if (!d) return value;
  const time = new Intl.DateTimeFormat(locale(), {
    hour: '2-digit',
    minute: '2-digit',
    second: seconds ? '2-digit' : undefined,
    hour12: false,
  }).format(d);
  return `${formatDate(toIsoDate(d))} ${time}`;
}

/** "ngày 10 tháng 6 năm 2024" / "10 June 2024" */
export function formatLongDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = parse(value);
  if (!d) return value;
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long' }).format(d);
  return i18n.t('date.long', { day: d.getDate(), month: d.getMonth() + 1, monthName, year: d.getFullYear() });
}
