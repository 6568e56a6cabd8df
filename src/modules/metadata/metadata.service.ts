// Metadata CRUD: category options, categories, combos (option combos generated), data elements,
// data sets (with sections and effective-dated unit assignments), indicator types, indicators,
// constants, validation rules and calendar days. Objects have the package shape (package.schema.ts)
// and are written through the package importer, so the checks (references, expressions, option
// combo regeneration) are the same everywhere. Reads: any logged-in user (unit lists limited to their
// scope, see metadata.access.ts); writes: metadata:write.
import { requirePermission } from '../../core/access.js';
import type { Bound, Ctx } from '../../core/context.js';
import { AppError, conflict, notFound, validation } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import { parse } from '../../core/input.js';
import { metadataSignal } from '../../core/versions.js';
import { isIsoDate } from '../../lib/dates.js';
import { parseExpression, references } from '../../lib/expression.js';
import { searchKey } from '../../lib/text.js';
import { audit } from '../audit/audit.service.js';
import * as calendarRepo from '../calendar/calendar.repo.js';
import { group } from './group.js';
import { visibleUnits } from './metadata.access.js';
import {
  AssignmentsInput, CRUD_INPUTS, CalendarDayInput, CalendarQuery, ListQuery, META_TYPES, OptionCombosQuery, metadataPackageSchema,
  type Assignment, type CalendarDay, type MetaObject, type MetaObjects, type MetaPage, type MetaType, type OptionComboItem,
} from './metadata.contract.js';
import { emptyReport, runImport, type PackageImportReport } from './metadata.package.js';
import * as repo from './metadata.repo.js';

type Catalogue = Bound<typeof repo>;

/** What the catalogue holds of each type (before the API's decorations). */
interface Stored {
  categoryOptions: repo.CategoryOption;
  categories: repo.Category;
  categoryCombos: repo.CategoryCombo;
  dataElements: repo.DataElement;
  dataSets: repo.DataSet;
  indicatorTypes: repo.IndicatorType;
  indicators: repo.Indicator;
  constants: repo.Constant;
  validationRules: repo.ValidationRule;
}

const CRUD: { [T in MetaType]: { table: repo.MetaTable; load: (c: Catalogue) => Promise<Stored[T][]> } } = {
  categoryOptions: { table: 'category_option', load: (c) => c.categoryOptions() },
  categories: { table: 'category', load: (c) => c.categories() },
  categoryCombos: { table: 'category_combo', load: (c) => c.categoryCombos() },
  dataElements: { table: 'data_element', load: (c) => c.dataElements() },
  // Unit lists are served by the assignments API (scoped), never with the data set.
  dataSets: { table: 'data_set', load: (c) => c.dataSets({ units: 'none' }) },
  indicatorTypes: { table: 'indicator_type', load: (c) => c.indicatorTypes() },
  indicators: { table: 'indicator', load: (c) => c.indicators() },
  constants: { table: 'constant', load: (c) => c.constants() },
  validationRules: { table: 'validation_rule', load: (c) => c.validationRules() },
};

/** The types by name: a Map, so that '__proto__' or 'constructor' in a URL is just an unknown type. */
const TYPES = new Map<string, MetaType>(META_TYPES.map((t) => [t, t]));

function crudType(type: string): MetaType {
  const t = TYPES.get(type);
  if (!t) throw new AppError('NOT_FOUND', 'metadata.type', { type }, { type: type.slice(0, 100) });
  return t;
}

type Item = Stored[MetaType];

const loadAll = (ctx: Ctx, t: MetaType): Promise<Item[]> => CRUD[t].load(ctx.use(repo));

/** A page of objects of a type, optionally filtered by code or name (case and tone marks ignored). */
export async function list(ctx: Ctx, type: string, input: unknown): Promise<MetaPage<MetaObject>> {
  const t = crudType(type);
  const q = parse(ListQuery, input);
  let items = await loadAll(ctx, t);
  if (q.q) {
    const k = searchKey(q.q);
    items = items.filter((i) => searchKey(`${i.code} ${i.name} ${i.nameEn ?? ''}`).includes(k));
  }
  const total = items.length;
  const paged = q.paging === 'true';
  const page = paged ? items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) : items;
  return { total, page: q.page, pageSize: paged ? q.pageSize : total, items: await decorate(ctx, t, page) };
}

/** Adds what the UI needs beside the package shape: option combos of combos, unit counts of data sets. */
async function decorate(ctx: Ctx, t: MetaType, items: Item[]): Promise<MetaObject[]> {
  const c = ctx.use(repo);
  if (t === 'categoryCombos') {
    const combos = items as repo.CategoryCombo[];
    const cocs = await c.optionCombos(combos.map((i) => i.id));
    const byCombo = group(cocs, (x) => x.categoryComboId, (x) => x);
    return combos.map((i): MetaObjects['categoryCombos'] => ({
      ...i,
      optionCombos: (byCombo.get(i.id) ?? []).map((x) => ({ id: x.id, code: x.code, name: x.name, nameEn: x.nameEn })),
    }));
  }
  if (t === 'dataSets') {
    const sets = items as repo.DataSet[];
    const counts = await c.assignedUnitCounts(sets.map((i) => i.id), visibleUnits(ctx));
    return sets.map(({ orgUnits: _o, orgUnitKinds: _k, ...i }): MetaObjects['dataSets'] => ({ ...i, orgUnitCount: counts.get(i.id) ?? 0 }));
  }
  return items as MetaObject[];
}

async function find(ctx: Ctx, t: MetaType, idOrCode: string): Promise<Item> {
  const items = await loadAll(ctx, t);
  const it = items.find((i) => i.id === idOrCode) ?? items.find((i) => i.code === idOrCode);
  if (!it) throw notFound('metadata', idOrCode);
  return it;
}

export async function get(ctx: Ctx, type: string, idOrCode: string): Promise<MetaObject> {
  const t = crudType(type);
  const [item] = await decorate(ctx, t, [await find(ctx, t, idOrCode)]);
  return item!;
}

const isBuiltIn = (t: MetaType, i: Item) =>
  (t === 'categoryOptions' || t === 'categories' || t === 'categoryCombos') && (i.code === 'default' || ('isDefault' in i && i.isDefault === true));

/** Turns the importer's report for one object into the API's error vocabulary. */
function throwIfErrors(report: PackageImportReport) {
  if (!report.errors.length) return;
  const c = report.errors.find((e) => e.conflict);
  if (c) throw conflict(c.key ?? 'CONFLICT', { fields: { [c.field ?? 'code']: c.message }, errors: report.errors }, c.params);
  const fields: Record<string, string> = {};
  for (const e of report.errors) fields[e.field ?? '_'] ??= e.message;
  throw validation(fields);
}

async function save(ctx: Ctx, t: MetaType, body: unknown, current: Item | null, locale: Locale): Promise<MetaObject> {
  requirePermission(ctx, 'metadata:write');
  if (current && isBuiltIn(t, current)) throw conflict('metadata.defaultReadOnly');
  const obj = parse(CRUD_INPUTS[t], body) as { id?: string; code: string };
  if (current) obj.id = current.id;
  else {
    delete obj.id;
    if (await ctx.use(repo).codeTaken(CRUD[t].table, obj.code)) {
      throw conflict('metadata.codeTaken', { fields: { code: 'metadata.codeTaken' } }, { code: obj.code });
    }
  }
  const pkg = parse(metadataPackageSchema, { [t]: [obj] });
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

export function create(ctx: Ctx, type: string, body: unknown, locale: Locale = 'vi'): Promise<MetaObject> {
  return save(ctx, crudType(type), body, null, locale);
}

export async function update(ctx: Ctx, type: string, idOrCode: string, body: unknown, locale: Locale = 'vi'): Promise<MetaObject> {
  const t = crudType(type);
  requirePermission(ctx, 'metadata:write');
  return save(ctx, t, body, await find(ctx, t, idOrCode), locale);
}

/** Where data elements and constants are referenced in indicator and rule expressions. */
async function expressionUsers(ctx: Ctx, kind: 'de' | 'const', keys: string[]): Promise<string[]> {
  const c = ctx.use(repo);
  const [inds, rules] = await Promise.all([c.indicators(), c.validationRules()]);
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

/** What uses an object (codes of objects, or 'data values', 'plans', 'forms'): it cannot be deleted then. */
async function usersOf(ctx: Ctx, t: MetaType, item: Item): Promise<string[]> {
  const c = ctx.use(repo);
  switch (t) {
    case 'categoryOptions':
      return c.categoriesWithOption(item.id);
    case 'categories':
      return c.combosWithCategory(item.id);
    case 'categoryCombos':
      return c.usersOfCombo(item.id);
    case 'dataElements': {
      const [sets, exprs, data, plans] = await Promise.all([
        c.dataSetsWithElement(item.id),
        expressionUsers(ctx, 'de', [item.id, item.code]),
        c.elementHasData(item.id),
        c.hasPlanTargets('dataElement', item.id),
      ]);
      return [...sets, ...exprs, ...(data ? ['data values'] : []), ...(plans ? ['plans'] : [])];
    }
    case 'dataSets':
      return (await c.dataSetHasForms(item.id)) ? ['forms'] : [];
    case 'indicatorTypes':
      return c.indicatorsOfType(item.id);
    case 'indicators':
      return (await c.hasPlanTargets('indicator', item.id)) ? ['plans'] : [];
    case 'constants':
      return expressionUsers(ctx, 'const', [item.id, item.code]);
    case 'validationRules':
      return [];
  }
}

export async function remove(ctx: Ctx, type: string, idOrCode: string): Promise<void> {
  const t = crudType(type);
  requirePermission(ctx, 'metadata:write');
  const item = await find(ctx, t, idOrCode);
  if (isBuiltIn(t, item)) throw conflict('metadata.defaultReadOnly');
  const by = await usersOf(ctx, t, item);
  if (by.length) throw conflict('metadata.inUse', { usedBy: by }, { code: item.code, by: by.slice(0, 5).join(', ') + (by.length > 5 ? ', …' : '') });
  await ctx.transaction(async (tx) => {
    await tx.use(repo).deleteObject(CRUD[t].table, item.id);
    await audit(tx, { action: 'metadata.delete', entityType: t, entityId: item.id, entityCode: item.code, before: item });
  });
  metadataSignal.bump();
}

/** Option combos (generated), optionally of one combo. */
export async function optionCombos(ctx: Ctx, input: unknown): Promise<OptionComboItem[]> {
  const q = parse(OptionCombosQuery, input);
  const c = ctx.use(repo);
  let comboIds: string[] | undefined;
  if (q.categoryCombo) {
    const combo = await c.findRef('category_combo', q.categoryCombo);
    if (!combo) throw notFound('metadata', q.categoryCombo);
    comboIds = [combo.id];
  }
  return (await c.optionCombos(comboIds)).map(({ optionIds: _o, iid: _i, categoryComboId: _c, ...x }) => x);
}

// ---- data set assignments ----

async function dataSetRef(ctx: Ctx, idOrCode: string) {
  const s = await ctx.use(repo).findRef('data_set', idOrCode);
  if (!s) throw notFound('metadata', idOrCode);
  return s;
}

/** A data set's assignments: of every unit for metadata administrators, else of the units in the caller's scope. */
export async function dataSetUnits(ctx: Ctx, idOrCode: string): Promise<Assignment[]> {
  const s = await dataSetRef(ctx, idOrCode);
  const rows = await ctx.use(repo).assignments(s.id, visibleUnits(ctx));
  return rows.map((r) => ({
    orgUnit: { id: r.id, code: r.code, name: r.name, kind: r.kind },
    validFrom: r.valid_from,
    validTo: r.valid_to === 'infinity' ? null : r.valid_to,
  }));
}

/** Replaces a data set's assignments. Units must exist and be open over the assigned range. */
export async function setDataSetUnits(ctx: Ctx, idOrCode: string, body: unknown): Promise<Assignment[]> {
  requirePermission(ctx, 'metadata:write');
  const s = await dataSetRef(ctx, idOrCode);
  const { assignments } = parse(AssignmentsInput, body);
  const c = ctx.use(repo);
  const units = await c.findUnits([...new Set(assignments.map((a) => a.orgUnit))]);
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
    return [{ org_unit_id: u.id, valid_from: from, valid_to: to }];
  });
  if (Object.keys(fields).length) throw validation(fields);
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    const k = `${r.org_unit_id}|${r.valid_from}`;
    if (seen.has(k)) throw validation({ [`assignments.${i}.orgUnit`]: 'metadata.duplicateAssignment' });
    seen.add(k);
  }
  await ctx.transaction(async (tx) => {
    const before = await tx.use(repo).countAssignments(s.id);
    await tx.use(repo).replaceAssignments(s.id, rows);
    await audit(tx, {
      action: 'metadata.assign',
      entityType: 'dataSets',
      entityId: s.id,
      entityCode: s.code,
      before: { count: before },
      after: { count: rows.length },
      details: { added: rows.length - before },
    });
  });
  return dataSetUnits(ctx, s.id);
}

// ---- calendar days ----

const calendarDay = (r: { day: string; kind: 'off' | 'work'; name: string; name_en: string | null }): CalendarDay => ({
  day: r.day,
  kind: r.kind,
  name: r.name,
  ...(r.name_en === null ? {} : { nameEn: r.name_en }),
});

export async function listCalendarDays(ctx: Ctx, input: unknown): Promise<MetaPage<CalendarDay>> {
  const q = parse(CalendarQuery, input);
  const rows = await ctx.use(calendarRepo).listDays(q.year ? `${q.year}-01-01` : undefined, q.year ? `${q.year}-12-31` : undefined);
  const items = rows.map(calendarDay);
  return { total: items.length, page: 1, pageSize: items.length, items };
}

export async function saveCalendarDay(ctx: Ctx, body: unknown, dayParam?: string): Promise<CalendarDay> {
  requirePermission(ctx, 'metadata:write');
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  const d = parse(CalendarDayInput, dayParam === undefined ? fields : { ...fields, day: dayParam });
  const days = ctx.use(calendarRepo);
  const before = await days.findDay(d.day);
  if (!dayParam && before) throw conflict('metadata.codeTaken', { fields: { day: 'metadata.dayTaken' } }, { code: d.day });
  if (dayParam && !before) throw notFound('metadata', dayParam);
  // A day off on a weekend changes nothing. ('work' on a weekday is allowed: it overrides a holiday
  // computed by rule when the Prime Minister's decision fixes the days differently.)
  const dow = new Date(`${d.day}T00:00:00Z`).getUTCDay();
  if (d.kind === 'off' && (dow === 0 || dow === 6)) throw validation({ kind: 'metadata.offOnWeekend' });
  const row = { day: d.day, kind: d.kind, name: d.name, name_en: d.nameEn ?? null };
  await ctx.transaction(async (tx) => {
    await tx.use(calendarRepo).saveDay(row);
    await audit(tx, { action: before ? 'metadata.update' : 'metadata.create', entityType: 'calendarDays', entityId: d.day, entityCode: d.day, before, after: row });
  });
  metadataSignal.bump();
  return calendarDay(row);
}

export async function removeCalendarDay(ctx: Ctx, day: string): Promise<void> {
  requirePermission(ctx, 'metadata:write');
  if (!isIsoDate(day)) throw notFound('metadata', day);
  const before = await ctx.use(calendarRepo).findDay(day);
  if (!before) throw notFound('metadata', day);
  await ctx.transaction(async (tx) => {
    await tx.use(calendarRepo).deleteDay(day);
    await audit(tx, { action: 'metadata.delete', entityType: 'calendarDays', entityId: day, entityCode: day, before });
  });
  metadataSignal.bump();
}
