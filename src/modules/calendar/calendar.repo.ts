// The configured days of the working-day calendar (`calendar_day`): the Prime Minister's yearly
// decisions (days off swapped with weekend days worked) that override the statutory rule.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { calendarFromDays, type CalendarConfig } from '../../lib/calendar.js';
import type { CalendarDayTable } from './calendar.tables.js';

type Db = Kysely<DB>;

/** The working-day calendar configured in the database (optionally only days in [from, to]). */
export async function loadCalendar(db: Db, range: { from?: string; to?: string } = {}): Promise<CalendarConfig> {
  let q = db.selectFrom('calendar_day').select(['day', 'kind']);
  if (range.from) q = q.where('day', '>=', range.from);
  if (range.to) q = q.where('day', '<=', range.to);
  return calendarFromDays(await q.execute());
}

/** The configured days in [from, to] (all without a range), in date order. */
export function listDays(db: Db, from?: string, to?: string): Promise<CalendarDayTable[]> {
  let q = db.selectFrom('calendar_day').selectAll().orderBy('day');
  if (from) q = q.where('day', '>=', from);
  if (to) q = q.where('day', '<=', to);
  return q.execute();
}

export function findDay(db: Db, day: string): Promise<CalendarDayTable | undefined> {
  return db.selectFrom('calendar_day').selectAll().where('day', '=', day).executeTakeFirst();
}

export async function saveDay(db: Db, row: CalendarDayTable): Promise<void> {
  await db.insertInto('calendar_day').values(row).onConflict((c) => c.column('day').doUpdateSet(row)).execute();
}

export async function deleteDay(db: Db, day: string): Promise<void> {
  await db.deleteFrom('calendar_day').where('day', '=', day).execute();
}
