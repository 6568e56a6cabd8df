// SQL of the Excel template: the unit it is for (its name as of the period) and the values already stored.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

export interface TemplateUnit {
  id: string;
  iid: number;
  code: string;
  name: string;
}

/** A unit by uid or code. */
export function unitByKey(db: Db, key: string): Promise<TemplateUnit | undefined> {
  return db
    .selectFrom('org_unit')
    .select(['id', 'iid', 'code', 'name'])
    .where((eb) => eb.or([eb('id', '=', key), eb('code', '=', key)]))
    .executeTakeFirst();
}

/** The unit's name as of `date` (units are renamed and merged over time); undefined before its first version. */
export async function unitNameOn(db: Db, unitId: string, date: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('org_unit_version')
    .select('name')
    .where('org_unit_id', '=', unitId)
    .where('valid_from', '<=', date)
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  return r?.name;
}

/** Stored values of the unit and period for these elements (default attribute combo), by element and option combo iid. */
export async function storedFormValues(db: Db, unitIid: number, periodIso: string, elementIids: number[]): Promise<{ de: number; co: number; value: string }[]> {
  if (elementIids.length === 0) return [];
  const r = await sql<{ de: number; co: number; value: string }>`
    select v.de, v.co, v.value from data_value v join period p on p.id = v.pe
    join category_option_combo ao on ao.iid = v.ao join category_combo cc on cc.id = ao.category_combo_id and cc.is_default
    where v.ou = ${unitIid} and p.iso = ${periodIso} and v.de = any(${elementIids}::int[])`.execute(db);
  return r.rows;
}
