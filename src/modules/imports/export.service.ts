// Export of data values in DHIS2's dataValueSets shapes (JSON, CSV), limited to the actor's scope.
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError, notFound, outOfScope } from '../../core/errors.js';
import { parsePeriod } from '../../lib/periods.js';
import { isoDate, parse } from '../../core/input.js';
import { type Ctx } from '../../core/context.js';
import { requirePermission } from '../../core/access.js';
import { csvLine } from './csv.js';
import { CSV_COLUMNS } from './parse.js';
import { readableUnits } from './imports.repo.js';

const MAX_VALUES = 2_000_000;

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean));
const flag = z.union([z.boolean(), z.string()]).transform((v) => v === true || v === 'true' || v === '1');
const scheme = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.enum(['uid', 'id', 'code']))
  .transform((s) => (s === 'id' ? 'uid' : s));

const querySchema = z.object({
  dataSet: list.optional(),
  dataElement: list.optional(),
  period: list.optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  orgUnit: list.optional(),
  children: flag.optional(),
  includeDescendants: flag.optional(),
  idScheme: scheme.optional(),
  dataElementIdScheme: scheme.optional(),
  orgUnitIdScheme: scheme.optional(),
  categoryOptionComboIdScheme: scheme.optional(),
  dataSetIdScheme: scheme.optional(),
  includeDeleted: z.string().optional(),
  format: z.enum(['json', 'csv']).optional(),
});

export interface ExportedValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  value: string;
  storedBy: string | null;
  created: string;
  lastUpdated: string;
  comment?: string;
  followup: boolean;
}

export interface ExportedSet {
  dataSet?: string;
  period?: string;
  orgUnit?: string;
  dataValues: ExportedValue[];
}

/** Values of the requested data sets / elements, periods and units, in DHIS2's shape. */
export async function exportDataValues(ctx: Ctx, input: Record<string, unknown>): Promise<ExportedSet> {
  requirePermission(ctx, 'data:read');
  const q = parse(querySchema, input);
  if (!q.dataSet?.length && !q.dataElement?.length) throw new AppError('VALIDATION_FAILED', 'imports.export.needDataSet', { fields: { dataSet: 'field.required' } });
  if (!q.orgUnit?.length) throw new AppError('VALIDATION_FAILED', 'imports.export.needOrgUnit', { fields: { orgUnit: 'field.required' } });
  if (!q.period?.length && !(q.startDate && q.endDate)) {
    throw new AppError('VALIDATION_FAILED', 'imports.export.needPeriod', { fields: { period: 'field.required' } });
  }
  const periods = (q.period ?? []).map((p) => {
    const pp = parsePeriod(p);
    if (!pp) throw new AppError('VALIDATION_FAILED', 'imports.export.badPeriod', { fields: { period: 'field.invalid' } }, { period: p });
    return pp.iso;
  });
  const base = q.idScheme ?? 'uid';
  const deScheme = q.dataElementIdScheme ?? base;
  const ouScheme = q.orgUnitIdScheme ?? base;
  const cocScheme = q.categoryOptionComboIdScheme ?? base;
  const db = ctx.db;

  // Data sets and elements, by uid or code.
  const elementIids = new Set<number>();
  let dataSetOut: string | undefined;
  if (q.dataSet?.length) {
    const sets = await db.selectFrom('data_set').select(['id', 'code']).where((eb) => eb.or([eb('id', 'in', q.dataSet!), eb('code', 'in', q.dataSet!)])).execute();
    for (const k of q.dataSet) if (!sets.some((s) => s.id === k || s.code === k)) throw notFound('dataSet', k);
    if (sets.length === 1) dataSetOut = (q.dataSetIdScheme ?? base) === 'code' ? sets[0].code : sets[0].id;
    const els = await db
      .selectFrom('data_set_element as m')
      .innerJoin('data_element as e', 'e.id', 'm.data_element_id')
      .select('e.iid')
      .where('m.data_set_id', 'in', sets.map((s) => s.id))
      .execute();
    for (const e of els) elementIids.add(e.iid);
  }
  if (q.dataElement?.length) {
    const els = await db.selectFrom('data_element').select(['iid', 'id', 'code']).where((eb) => eb.or([eb('id', 'in', q.dataElement!), eb('code', 'in', q.dataElement!)])).execute();
    for (const k of q.dataElement) if (!els.some((s) => s.id === k || s.code === k)) throw notFound('dataElement', k);
    for (const e of els) elementIids.add(e.iid);
  }

  // Units: each must exist and be readable by the actor (in their subtree at some time).
  const units = await db.selectFrom('org_unit').select(['id', 'code']).where((eb) => eb.or([eb('id', 'in', q.orgUnit!), eb('code', 'in', q.orgUnit!)])).execute();
  for (const k of q.orgUnit) if (!units.some((u) => u.id === k || u.code === k)) throw notFound('orgUnit', k);
  const readable = await readableUnits(db, ctx.actor.orgUnitId, units.map((u) => u.id));
  if (units.some((u) => !readable.has(u.id))) throw outOfScope();
  const unitIds = units.map((u) => u.id);
  const descendants = q.children || q.includeDescendants;
  const root = ctx.actor.orgUnitId;
  const deList = [...elementIids];
  if (deList.length === 0) return { dataSet: dataSetOut, dataValues: [] };

  const r = await sql<{
    de_id: string; de_code: string; iso: string; ou_id: string; ou_code: string; co_id: string; co_code: string | null;
    ao_id: string; ao_code: string | null; value: string; stored_by: string | null; created: Date; last_updated: Date;
    comment: string | null; follow_up: boolean;
  }>`
    select de.id as de_id, de.code as de_code, p.iso, u.id as ou_id, u.code as ou_code,
      co.id as co_id, co.code as co_code, ao.id as ao_id, ao.code as ao_code,
      v.value, v.stored_by, v.created, v.last_updated, v.comment, v.follow_up
    from data_value v
    join period p on p.id = v.pe
    join org_unit u on u.iid = v.ou
    join data_element de on de.iid = v.de
    join category_option_combo co on co.iid = v.co
    join category_option_combo ao on ao.iid = v.ao
    where v.de = any(${deList}::int[])
      and ${periods.length ? sql`p.iso = any(${periods}::text[])` : sql`p.start_date >= ${q.startDate!}::date and p.end_date <= ${q.endDate!}::date`}
      and ${
        descendants
          ? sql`exists (select 1 from org_unit_closure c where c.descendant_id = u.id and c.ancestor_id = any(${unitIds}::text[])
                 and c.valid_from <= p.end_date and c.valid_to > p.start_date)`
          : sql`u.id = any(${unitIds}::text[])`
      }
      and ${root === null ? sql`true` : sql`exists (select 1 from org_unit_closure c where c.descendant_id = u.id and c.ancestor_id = ${root})`}
    order by u.code, p.iso, de.code, co.sort_order, co.iid
    limit ${MAX_VALUES + 1}`.execute(db);
  if (r.rows.length > MAX_VALUES) throw new AppError('VALIDATION_FAILED', 'imports.export.tooMany', undefined, { count: `> ${MAX_VALUES}` });

  const pick = (s: string, id: string, code: string | null) => (s === 'code' ? code ?? id : id);
  const dataValues = r.rows.map((v) => {
    const out: ExportedValue = {
      dataElement: pick(deScheme, v.de_id, v.de_code),
      period: v.iso,
      orgUnit: pick(ouScheme, v.ou_id, v.ou_code),
      categoryOptionCombo: pick(cocScheme, v.co_id, v.co_code),
      attributeOptionCombo: pick(cocScheme, v.ao_id, v.ao_code),
      value: v.value,
      storedBy: v.stored_by,
      created: new Date(v.created).toISOString(),
      lastUpdated: new Date(v.last_updated).toISOString(),
      followup: v.follow_up,
    };
    if (v.comment) out.comment = v.comment;
    return out;
  });
  return {
    ...(dataSetOut ? { dataSet: dataSetOut } : {}),
    ...(periods.length === 1 ? { period: periods[0] } : {}),
    ...(units.length === 1 && !descendants ? { orgUnit: pick(ouScheme, units[0].id, units[0].code) } : {}),
    dataValues,
  };
}

/** DHIS2 CSV (with a header row). */
export function toCsv(set: ExportedSet): string {
  const parts = [CSV_COLUMNS.join(',') + '\n'];
  for (const v of set.dataValues) {
    parts.push(
      csvLine([v.dataElement, v.period, v.orgUnit, v.categoryOptionCombo, v.attributeOptionCombo, v.value, v.storedBy, v.lastUpdated, v.comment ?? '', v.followup, false]),
    );
  }
  return parts.join('');
}
