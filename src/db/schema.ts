// The database's table types (Kysely). Each module declares its own tables in its `<name>.tables.ts`,
// adding them to DB by declaration merging; only what belongs to no module is here.
import type { ColumnType } from 'kysely';

type Json = ColumnType<unknown, string | undefined, string>;

/** Settings of the installation (e.g. whether the demo was loaded). */
export interface AppSettingTable {
  key: string;
  value: Json;
}

export interface DB {
  app_setting: AppSettingTable;
}
