// Calendar dates as 'YYYY-MM-DD' strings: no time zones involved.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Dates soyte accepts: a real calendar day of the years 1900–2199 (nothing else makes sense here). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m || Number(m[1]) < 1900 || Number(m[1]) > 2199) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Today in Vietnam (UTC+7), the calendar the users live by. */
export function todayVn(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Open-ended validity is stored as 'infinity'; the API says null. */
export function openEnded(d: string | null | undefined): string | null {
  return d == null || d === 'infinity' ? null : d;
}


export function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The day a unit's current state is judged on: today, or its last open day if it has closed. */
export function currentOrLastDay(closedDate: string | null, today = todayVn()): string {
  return closedDate && closedDate <= today ? previousDay(closedDate) : today;
}

/** `date` + `months` calendar months; the day is kept, or the last day of a shorter month (31/1 + 1 → 28/2 or 29/2). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
