// Metadata CRUD: category options, categories, combos (option combos generated), data elements,
// data sets (with sections and effective-dated unit assignments), indicator types, indicators,
// constants, validation rules and calendar days. Objects have the package shape (package.schema.ts)
// and are written through the package importer, so the checks (references, expressions, option
// combo regeneration) are the same everywhere. Reads: any logged-in user; writes: metadata:write.
import { isIsoDate } from '../../lib/dates.js';
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError, conflict, notFound, validation } from '../../core/errors.js';
import { parseExpression, references } from '../../lib/expression.js';
import type { Locale } from '../../core/i18n.js';
import { searchKey } from '../../lib/text.js';
import { isoDate, parse } from '../../core/input.js';
import { insertAudit } from '../audit/audit.service.js';
import { type Ctx } from '../../core/context.js';
import { requirePermission } from '../../core/access.js';
import * as repo from './metadata.repo.js';
import { emptyReport, runImport, type PackageImportReport } from './metadata.package.js';
import { metadataChanged } from '../datavalues/entry-cache.js';
import {
  categoryComboSchema, categoryOptionSchema, categorySchema, constantSchema, dataElementSchema, dataSetSchema, indicatorSchema,
  indicatorTypeSchema, metadataPackageSchema, validationRuleSchema,
} from './package.schema.js';

export const CRUD_TYPES = {
  categoryOptions: { schema: categoryOptionSchema, load: repo.categoryOptions, table: 'category_option' },
  categories: { schema: categorySchema, load: repo.categories, table: 'category' },
  categoryCombos: { schema: categoryComboSchema, load: repo.categoryCombos, table: 'category_combo' },
  dataElements: { schema: dataElementSchema, load: (db) => repo.dataElements(db), table: 'data_element' },
  dataSets: { schema: dataSetSchema, load: (db) => repo.dataSets(db), table: 'data_set' },
  indicatorTypes: { schema: indicatorTypeSchema, load: repo.indicatorTypes, table: 'indicator_type' },
  indicators: { schema: indicatorSchema, load: repo.indicators, table: 'indicator' },
  constants: { schema: constantSchema, load: repo.constants, table: 'constant' },
  validationRules: { schema: validationRuleSchema, load: repo.validationRules, table: 'validation_rule' },
} as const satisfies Record<string, { schema: z.ZodTypeAny; load: (db: Ctx['db']) => Promise<{ id: string; code: string }[]>; table: string }>;

export type CrudType = keyof typeof CRUD_TYPES;

function crudType(type: string): CrudType {
  if (!(type in CRUD_TYPES)) throw new AppError('NOT_FOUND', 'metadata.type', { type }, { type });
  return type as CrudType;
}

const listSchema = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(5000).default(50),
  paging: z.enum(['true', 'false']).default('true'),
});

type Item = { id: string; code: string; name: string; nameEn?: string; isDefault?: boolean } & Record<string, unknown>;

/** A page of objects of a type, optionally filtered by code or name (case and tone marks ignored). */
export async function list(ctx: Ctx, type: string, input: unknown) {
  const t = crudType(type);
  const q = parse(listSchema, input);
  let items = (await CRUD_TYPES[t].load(ctx.db)) as Item[];
  if (q.q) {
    const k = searchKey(q.q);
    items = items.filter((i) => searchKey(`${i.code} ${i.name} ${i.nameEn ?? ''}`).includes(k));
  }
  const total = items.length;
  const page = q.paging === 'true' ? items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) : items;
  return { total, page: q.page, pageSize: q.paging === 'true' ? q.pageSize : total, items: await decorate(ctx, t, page) };
}

/** Adds what the UI needs beside the package shape: option combos of combos, unit counts of data sets. */
async function decorate(ctx: Ctx, t: CrudType, items: Item[]) {
  if (t === 'categoryCombos' && items.length) {
    const cocs = repo.group(await repo.optionCombos(ctx.db, items.map((i) => i.id)), (c) => c.categoryComboId, (c) => c);
    return items.map((i) => ({
      ...i,
      optionCombos: (cocs.get(i.id) ?? []).map((c) => ({ id: c.id, code: c.code, name: c.name, nameEn: c.nameEn })),
    }));
  }
  if (t === 'dataSets' && items.length) {
    const counts = await ctx.db
      .selectFrom('data_set_unit')
      .select(['data_set_id', (eb) => eb.fn.count<number>('org_unit_id').distinct().as('n')])
      .where('data_set_id', 'in', items.map((i) => i.id))
      .groupBy('data_set_id')
      .execute();
    const n = new Map(counts.map((c) => [c.data_set_id, Number(c.n)]));
    return items.map(({ orgUnits: _o, orgUnitKinds: _k, ...i }) => ({ ...i, orgUnitCount: n.get(i.id) ?? 0 }));
  }
  return items;
}

async function find(ctx: Ctx, t: CrudType, idOrCode: string): Promise<Item> {
  const items = (await CRUD_TYPES[t].load(ctx.db)) as Item[];
  const it = items.find((i) => i.id === idOrCode) ?? items.find((i) => i.code === idOrCode);
  if (!it) throw notFound('metadata', idOrCode);
  return it;
}

export async function get(ctx: Ctx, type: string, idOrCode: string) {
  const t = crudType(type);
  const [item] = await decorate(ctx, t, [await find(ctx, t, idOrCode)]);
  return item;
}

const isBuiltIn = (t: CrudType, i: Item) =>
  (t === 'categoryOptions' || t === 'categories' || t === 'categoryCombos') && (i.code === 'default' || i.isDefault === true);

/** Turns the importer's report for one object into the API's error vocabulary. */
function throwIfErrors(report: PackageImportReport) {
  if (!report.errors.length) return;
  const c = report.errors.find((e) => e.conflict);
  if (c) throw conflict(c.key ?? 'CONFLICT', { fields: { [c.field ?? 'code']: c.message }, errors: report.errors }, c.params);
  const fields: Record<string, string> = {};
  for (const e of report.errors) fields[e.field ?? '_'] ??= e.message;
  throw validation(fields);
}

async function save(ctx: Ctx, t: CrudType, body: unknown, current: Item | null, locale: Locale) {
  requirePermission(ctx, 'metadata:write');
  if (current && isBuiltIn(t, current)) throw conflict('metadata.defaultReadOnly');
  const obj = parse(CRUD_TYPES[t].schema, body) as { id?: string; code: string };
  if (current) obj.id = current.id;
  else {
    delete obj.id;
    const taken = await ctx.db
      .selectFrom(CRUD_TYPES[t].table)
      .select('id')
      .where('code', '=', obj.code)
      .executeTakeFirst();
    if (taken) throw conflict('metadata.codeTaken', { fields: { code: 'metadata.codeTaken' } }, { code: obj.code });
  }
  const pkg = metadataPackageSchema.parse({ [t]: [obj] });
  const report = emptyReport(false);
  await runImport(ctx, pkg, report, locale, {
    action: current ? 'metadata.update' : 'metadata.create',
    entityType: t,
    entityCode: obj.code,
    entityId: current?.id ?? null,
    before: current,
    after: obj,
  });
  throwIfErrors(report);
  return get(ctx, t, obj.code);
}

export function create(ctx: Ctx, type: string, body: unknown, locale: Locale = 'vi') {
  return save(ctx, crudType(type), body, null, locale);
}

export async function update(ctx: Ctx, type: string, idOrCode: string, body: unknown, locale: Locale = 'vi') {
  const t = crudType(type);
  requirePermission(ctx, 'metadata:write');
  return save(ctx, t, body, await find(ctx, t, idOrCode), locale);
}

/** Where data elements and constants are referenced in indicator and rule expressions. */
async function expressionUsers(ctx: Ctx, kind: 'de' | 'const', keys: string[]): Promise<string[]> {
  const [inds, rules] = await Promise.all([repo.indicators(ctx.db), repo.validationRules(ctx.db)]);
  const hit = (e: string) => {
    try {
      const r = references(parseExpression(e));
      return kind === 'de' ? r.dataElements.some((x) => keys.includes(x.de)) : r.constants.some((x) => keys.includes(x.ref));
    } catch {
      return false;
    }
  };
  return [
    ...inds.filter((i) => hit(i.numerator) || hit(i.denominator)).map((i) => i.code),
    ...rules.filter((r) => hit(r.leftSide.expression) || hit(r.rightSide.expression)).map((r) => r.code),
  ];
}

export async function remove(ctx: Ctx, type: string, idOrCode: string) {
  const t = crudType(type);
  requirePermission(ctx, 'metadata:write');
  const item = await find(ctx, t, idOrCode);
  if (isBuiltIn(t, item)) throw conflict('metadata.defaultReadOnly');
  const db = ctx.db;
  const inUse = (by: string[]) => {
    if (by.length) throw conflict('metadata.inUse', { usedBy: by }, { code: item.code, by: by.slice(0, 5).join(', ') + (by.length > 5 ? ', …' : '') });
  };
  const codes = <T extends { code: string }>(rows: T[]) => rows.map((r) => r.code);
  switch (t) {
    case 'categoryOptions':
      inUse(codes(await db.selectFrom('category_option_in_category as l').innerJoin('category as c', 'c.id', 'l.category_id').select('c.code').where('l.category_option_id', '=', item.id).execute()));
      break;
    case 'categories':
      inUse(codes(await db.selectFrom('category_in_combo as l').innerJoin('category_combo as c', 'c.id', 'l.category_combo_id').select('c.code').where('l.category_id', '=', item.id).execute()));
      break;
    case 'categoryCombos': {
      inUse([
        ...codes(await db.selectFrom('data_element').select('code').where('category_combo_id', '=', item.id).execute()),
        ...codes(await db.selectFrom('data_set').select('code').where('category_combo_id', '=', item.id).execute()),
      ]);
      break;
    }
    case 'dataElements': {
      const hasData = await sql`select 1 from data_value v join data_element d on d.iid = v.de where d.id = ${item.id} limit 1`.execute(db);
      inUse([
        ...codes(await db.selectFrom('data_set_element as e').innerJoin('data_set as s', 's.id', 'e.data_set_id').select('s.code').where('e.data_element_id', '=', item.id).execute()),
        ...(await expressionUsers(ctx, 'de', [item.id, item.code])),
        ...(hasData.rows.length ? ['data values'] : []),
        ...((await db.selectFrom('plan_target').select('year').where('target_type', '=', 'dataElement').where('target_id', '=', item.id).limit(1).execute()).length ? ['plans'] : []),
      ]);
      break;
    }
    case 'dataSets': {
      const forms = await db.selectFrom('form_status').select('state').where('data_set_id', '=', item.id).limit(1).execute();
      inUse(forms.length ? ['forms'] : []);
      break;
    }
    case 'indicatorTypes':
      inUse(codes(await db.selectFrom('indicator').select('code').where('indicator_type_id', '=', item.id).execute()));
      break;
    case 'indicators': {
      const plans = await db.selectFrom('plan_target').select('year').where('target_type', '=', 'indicator').where('target_id', '=', item.id).limit(1).execute();
      inUse(plans.length ? ['plans'] : []);
      break;
    }
    case 'constants':
      inUse(await expressionUsers(ctx, 'const', [item.id, item.code]));
      break;
    case 'validationRules':
      break;
  }
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom(CRUD_TYPES[t].table).where('id', '=', item.id).execute();
    await insertAudit(tx, ctx.actor, { action: 'metadata.delete', entityType: t, entityId: item.id, entityCode: item.code, before: item });
  });
  metadataChanged();
}

/** Option combos (generated), optionally of one combo. */
export async function optionCombos(ctx: Ctx, input: unknown) {
  const q = parse(z.object({ categoryCombo: z.string().max(100).optional() }), input);
  let comboIds: string[] | undefined;
  if (q.categoryCombo) {
    const c = await ctx.db.selectFrom('category_combo').select('id').where((eb) => eb.or([eb('id', '=', q.categoryCombo!), eb('code', '=', q.categoryCombo!)])).executeTakeFirst();
    if (!c) throw notFound('metadata', q.categoryCombo);
    comboIds = [c.id];
  }
  return (await repo.optionCombos(ctx.db, comboIds)).map(({ optionIds: _o, iid: _i, categoryComboId: _c, ...c }) => c);
}

// ---- data set assignments ----

async function dataSetId(ctx: Ctx, idOrCode: string) {
  const s = await ctx.db.selectFrom('data_set').select(['id', 'code']).where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)])).executeTakeFirst();
  if (!s) throw notFound('metadata', idOrCode);
  return s;
}

export async function dataSetUnits(ctx: Ctx, idOrCode: string) {
  const s = await dataSetId(ctx, idOrCode);
  let q = ctx.db
    .selectFrom('data_set_unit as a')
    .innerJoin('org_unit as u', 'u.id', 'a.org_unit_id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind', 'a.valid_from', 'a.valid_to'])
    .where('a.data_set_id', '=', s.id)
    .orderBy('u.code')
    .orderBy('a.valid_from');
  // Non-global users see the assignments of their own subtree only.
  if (ctx.actor.orgUnitId) {
    const root = ctx.actor.orgUnitId;
    q = q.where((eb) => eb.exists(eb.selectFrom('org_unit_closure as c').select('c.depth').whereRef('c.descendant_id', '=', 'u.id').where('c.ancestor_id', '=', root)));
  }
  return (await q.execute()).map((r) => ({
    orgUnit: { id: r.id, code: r.code, name: r.name, kind: r.kind },
    validFrom: r.valid_from,
    validTo: r.valid_to === 'infinity' ? null : r.valid_to,
  }));
}

const assignmentsSchema = z.object({
  assignments: z
    .array(z.object({ orgUnit: z.string().trim().min(1).max(100), validFrom: isoDate.optional(), validTo: isoDate.nullable().optional() }))
    .max(20000),
});

/** Replaces a data set's assignments. Units must exist and be open over the assigned range. */
export async function setDataSetUnits(ctx: Ctx, idOrCode: string, body: unknown) {
  requirePermission(ctx, 'metadata:write');
  const s = await dataSetId(ctx, idOrCode);
  const { assignments } = parse(assignmentsSchema, body);
  const units = await repo.findUnits(ctx.db, [...new Set(assignments.map((a) => a.orgUnit))]);
  const byRef = new Map(units.flatMap((u) => [[u.id, u] as const, [u.code, u] as const]));
  const fields: Record<string, string> = {};
  const rows = assignments.flatMap((a, i) => {
    const u = byRef.get(a.orgUnit);
    if (!u) {
      fields[`assignments.${i}.orgUnit`] = 'metadata.unknown.orgUnitPlain';
      return [];
    }
    const from = a.validFrom ?? u.opening_date;
    const to = a.validTo === undefined ? u.closed_date ?? 'infinity' : a.validTo ?? 'infinity';
    if (to !== 'infinity' && to <= from) {
      fields[`assignments.${i}.validTo`] = 'metadata.dateRange';
      return [];
    }
    if (from < u.opening_date || (u.closed_date && (to === 'infinity' || to > u.closed_date))) {
      fields[`assignments.${i}.orgUnit`] = 'metadata.unitClosedPlain';
      return [];
    }
    return [{ data_set_id: s.id, org_unit_id: u.id, valid_from: from, valid_to: to }];
  });
  if (Object.keys(fields).length) throw validation(fields);
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    const k = `${r.org_unit_id}|${r.valid_from}`;
    if (seen.has(k)) throw validation({ [`assignments.${i}.orgUnit`]: 'metadata.duplicateAssignment' });
    seen.add(k);
  }
  const before = await dataSetUnits(ctx, s.id);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('data_set_unit').where('data_set_id', '=', s.id).execute();
    for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('data_set_unit').values(rows.slice(i, i + 1000)).execute();
    await insertAudit(tx, ctx.actor, {
      action: 'metadata.assign',
      entityType: 'dataSets',
      entityId: s.id,
      entityCode: s.code,
      before: { count: before.length },
      after: { count: rows.length },
      details: { added: rows.length - before.length },
    });
  });
  return dataSetUnits(ctx, s.id);
}

// ---- calendar days ----

const calendarDaySchema = z.object({
  day: isoDate,
  kind: z.enum(['off', 'work']),
  name: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().max(300).optional(),
});

export async function listCalendarDays(ctx: Ctx, input: unknown) {
  const q = parse(z.object({ year: z.coerce.number().int().min(1900).max(2200).optional() }), input);
  const items = await repo.calendarDays(ctx.db, q.year ? `${q.year}-01-01` : undefined, q.year ? `${q.year}-12-31` : undefined);
  return { total: items.length, page: 1, pageSize: items.length, items };
}

export async function saveCalendarDay(ctx: Ctx, body: unknown, dayParam?: string) {
  requirePermission(ctx, 'metadata:write');
  const d = parse(calendarDaySchema, dayParam ? { ...(body as object), day: dayParam } : body);
  const before = await ctx.db.selectFrom('calendar_day').selectAll().where('day', '=', d.day).executeTakeFirst();
  if (!dayParam && before) throw conflict('metadata.codeTaken', { fields: { day: 'metadata.dayTaken' } }, { code: d.day });
  if (dayParam && !before) throw notFound('metadata', dayParam);
  // A day off on a weekend changes nothing. ('work' on a weekday is allowed: it overrides a holiday
  // computed by rule when the Prime Minister's decision fixes the days differently.)
  const dow = new Date(`${d.day}T00:00:00Z`).getUTCDay();
  if (d.kind === 'off' && (dow === 0 || dow === 6)) throw validation({ kind: 'metadata.offOnWeekend' });
  const row = { day: d.day, kind: d.kind, name: d.name, name_en: d.nameEn ?? null };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('calendar_day').values(row).onConflict((c) => c.column('day').doUpdateSet(row)).execute();
    await insertAudit(tx, ctx.actor, { action: before ? 'metadata.update' : 'metadata.create', entityType: 'calendarDays', entityId: d.day, entityCode: d.day, before, after: row });
  });
  metadataChanged();
  return { day: d.day, kind: d.kind, name: d.name, nameEn: d.nameEn };
}

export async function removeCalendarDay(ctx: Ctx, day: string) {
  requirePermission(ctx, 'metadata:write');
  if (!isIsoDate(day)) throw notFound('metadata', day);
  const before = await ctx.db.selectFrom('calendar_day').selectAll().where('day', '=', day).executeTakeFirst();
  if (!before) throw notFound('metadata', day);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('calendar_day').where('day', '=', day).execute();
    await insertAudit(tx, ctx.actor, { action: 'metadata.delete', entityType: 'calendarDays', entityId: day, entityCode: day, before });
  });
  metadataChanged();
}
