// The configured days of the working-day calendar (`calendar_day`): the Prime Minister's yearly
// decisions (days off swapped with weekend days worked) that override the statutory rule.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { calendarFromDays, type CalendarConfig } from '../../lib/calendar.js';

/** The working-day calendar configured in the database (optionally only days in [from, to]). */
export async function loadCalendar(db: Kysely<DB>, range: { from?: string; to?: string } = {}): Promise<CalendarConfig> {
  let q = db.selectFrom('calendar_day').select(['day', 'kind']);
  if (range.from) q = q.where('day', '>=', range.from);
  if (range.to) q = q.where('day', '<=', range.to);
  return calendarFromDays(await q.execute());
}
