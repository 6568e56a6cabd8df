// Table types of the working-day calendar (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended
// validity is 'infinity'. Declaration merging adds the tables to the database's DB type.


export interface CalendarDayTable {
  day: string;
  kind: 'off' | 'work';
  name: string;
  name_en: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    calendar_day: CalendarDayTable;
  }
}
