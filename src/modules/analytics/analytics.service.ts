// DHIS2-compatible `GET /api/analytics`: request parsing (dhis2-request.ts) with a resolver preloaded
// from the database, the engine (engine.ts, which checks permission, scope and size), and DHIS2
// shaping (dhis2-response.ts).
import { todayVn } from '../../lib/dates.js';
import { AppError } from '../../core/errors.js';
import type { PeriodLocale } from '../../lib/periods.js';
import { type Ctx } from '../../core/context.js';
import { requirePermission, scopeOf } from '../../core/access.js';
import { AnalyticsParams, type Dhis2AnalyticsResponse } from './analytics.contract.js';
import { getNamedMetadata } from './analytics.cache.js';
import * as repo from './analytics.repo.js';
import { parseAnalyticsRequest, type AnalyticsRequestError, type AnalyticsResolver, type InputIdScheme } from './dhis2-request.js';
import { shapeAnalyticsResponse, type ShapeMeta, type ShapeMetaItem } from './dhis2-response.js';
import { runQuery } from './engine.js';
import { answerCompleteness } from './completeness.service.js';
import { TimeSlicer } from './slices.js';
import { figureByCode, figureCatalogue, figureName, type FigureSummary } from './figures.js';

interface Named {
  id: string;
  code: string | null;
  name: string;
  name_en: string | null;
  short_name?: string | null;
}

export interface AnalyticsRunOptions {
  /** An answer (limit SOYTE_MAX_QUERY_CELLS) or a file (SOYTE_MAX_EXPORT_CELLS). */
  kind?: 'query' | 'export';
  /** The request's time slices, shared with whoever writes the answer. */
  slicer?: TimeSlicer;
}

/** Every item named in `dimension=`/`filter=` params (split on ':' ';' '.' and OU_GROUP- prefixes). */
function namedRefs(q: AnalyticsParams): string[] {
  const refs = new Set<string>();
  const all = [...[q.dimension ?? []].flat(), ...[q.filter ?? []].flat()];
  for (const d of all) {
    const colon = d.indexOf(':');
    if (colon < 0) continue;
    for (const item of d.slice(colon + 1).split(';')) {
      const t = item.trim();
      if (!t) continue;
      refs.add(t);
      for (const part of t.split('.')) refs.add(part);
      const g = /^OU_GROUP-(.+)$/.exec(t);
      if (g) refs.add(g[1]!);
    }
  }
  return [...refs];
}

/** Lookups of a list by id and by code (Maps: a user's "__proto__" finds nothing). */
function indexOf<T extends { id: string; code: string | null }>(list: readonly T[]) {
  const byId = new Map(list.map((x) => [x.id, x]));
  const byCode = new Map<string, T>();
  for (const x of list) if (x.code !== null && !byCode.has(x.code)) byCode.set(x.code, x);
  return (ref: string, scheme: InputIdScheme): T | undefined => (scheme === 'UID' ? byId.get(ref) : byCode.get(ref));
}

export async function analyticsDhis2(ctx: Ctx, rawQuery: unknown, locale: PeriodLocale, opts: AnalyticsRunOptions = {}): Promise<Dhis2AnalyticsResponse> {
  requirePermission(ctx, 'data:read');
  const query = parseParams(rawQuery);
  const kind = opts.kind ?? 'query';
  const slicer = opts.slicer ?? new TimeSlicer();
  const today = todayVn();
  const analytics = ctx.use(repo);
  // The actor's own unit (USER_ORGUNIT…): the root of their scope; null for the whole system.
  const ownUnit = scopeOf(ctx).root;

  // Preload: the small metadata tables whole; org units only as named (plus the user's own unit).
  const { elements, indicators, combos, groups } = await getNamedMetadata(ctx);
  const units = await analytics.unitsWithLevel([...namedRefs(query), ...(ownUnit ? [ownUnit] : [])], today);

  const elementOf = indexOf(elements);
  const indicatorOf = indexOf(indicators);
  const comboOf = indexOf(combos);
  const unitOf = indexOf(units);
  const groupOf = indexOf(groups);
  const elementById = new Map(elements.map((e) => [e.id, e]));
  const userUnit = ownUnit ? units.find((u) => u.id === ownUnit) : undefined;
  const resolver: AnalyticsResolver = {
    dataItem: (ref, s) => {
      const e = elementOf(ref, s);
      if (e) return { kind: 'dataElement', id: e.id };
      const i = indicatorOf(ref, s);
      if (i) return { kind: 'indicator', id: i.id };
      // A register figure has no uid: its code answers in either scheme.
      const f = figureByCode(ref);
      return f ? { kind: 'figure', id: f.code } : null;
    },
    optionCombo: (deId, ref, s) => {
      const el = elementById.get(deId);
      const c = combos.find((x) => (s === 'UID' ? x.id === ref : x.code === ref) && x.category_combo_id === el?.category_combo_id);
      return c ? { id: c.id } : null;
    },
    anyOptionCombo: (ref, s) => {
      const c = comboOf(ref, s);
      return c ? { id: c.id } : null;
    },
    orgUnit: (ref, s) => {
      const u = unitOf(ref, s);
      return u ? { id: u.id, level: u.level } : null;
    },
    group: (ref, s) => {
      const g = groupOf(ref, s);
      return g ? { id: g.id } : null;
    },
    userOrgUnit: userUnit ? { id: userUnit.id, level: userUnit.level } : null,
  };

  const parsed = parseAnalyticsRequest(query, resolver, { today });
  if (!parsed.ok) throw requestError(parsed.error);
  const { layout } = parsed;
  let q = parsed.query;

  // LEVEL-n without a boundary means "that level inside my unit" for a user with a unit.
  if (ownUnit) {
    q = { ...q, orgUnits: q.orgUnits.map((s) => (s.kind === 'level' && !s.within ? { ...s, within: ownUnit } : s)) };
  }

  const cells = await runQuery(ctx, q, {
    maxCells: kind === 'export' ? ctx.config.maxExportCells : ctx.config.maxQueryCells,
    limitKind: kind,
    slicer,
  });

  // ShapeMeta: names in the caller's language. Keyed by the database's ids: no prototype.
  const nameOf = (x: Named) => (locale === 'en' && x.name_en ? x.name_en : x.name);
  const items = Object.create(null) as Record<string, ShapeMetaItem>;
  const put = (x: Named, type: ShapeMetaItem['type'], extra: Partial<ShapeMetaItem> = {}) => {
    items[x.id] = { name: nameOf(x), shortName: x.short_name ?? null, code: x.code, type, ...extra };
  };
  const dxIds = new Set(layout.dx.map((d) => d.item.id));
  const cocIds = new Set<string>(layout.coItems ?? []);
  for (const d of layout.dx) if (d.item.kind === 'dataElement' && d.item.coc) cocIds.add(d.item.coc);
  const ouOrder: string[] = [];
  const ouSeen = new Set<string>();
  for (const c of cells) {
    dxIds.add(c.dx);
    if (c.co) cocIds.add(c.co);
    if (!ouSeen.has(c.ou)) {
      ouSeen.add(c.ou);
      ouOrder.push(c.ou);
    }
  }
  for (const e of elements) if (dxIds.has(e.id)) put(e, 'DATA_ELEMENT');
  for (const i of indicators) if (dxIds.has(i.id)) put(i, 'INDICATOR', { factor: Number(i.factor) });
  // Register figures, named as DHIS2 clients know them: a count as a data element, a share as an
  // indicator of factor 100 (a percent; an ou filter divides the summed parts, never adds percents).
  for (const d of layout.dx) {
    if (d.item.kind !== 'figure') continue;
    const f = figureByCode(d.item.id)!;
    items[f.code] = { name: figureName(f, locale), shortName: null, code: f.code, type: f.kind === 'share' ? 'INDICATOR' : 'DATA_ELEMENT', ...(f.kind === 'share' ? { factor: 100 } : {}) };
  }
  const comboList = combos.filter((c) => cocIds.has(c.id));
  for (const c of comboList) put(c, 'CATEGORY_OPTION_COMBO');

  const ouIds = new Set(ouOrder);
  for (const s of q.orgUnits) if (s.kind === 'unit') ouIds.add(s.id);
  // Units are named as they were on the structure date (a renamed or merged station keeps the name of
  // its time in a historical answer, so two rows never share today's name).
  const nameDate = q.structure === 'current' ? (q.asOf ?? today) : q.periods.reduce((m, p) => (p.end > m ? p.end : m), q.periods[0]!.end);
  const named = await analytics.unitNamesOn([...ouIds], nameDate);
  for (const u of named) put(u, 'ORGANISATION_UNIT');

  // Org-unit rows in the engine's order (selection order, then by name within a level/children list).
  const meta: ShapeMeta = { items, orgUnits: ouOrder, optionCombos: comboList.map((c) => c.id) };
  const response = await shapeAnalyticsResponse(q, layout, cells, meta, { locale, slicer });
  // Beside the totals: how many units reported for each period (JSON answers; files have no room).
  if (response.metaData && kind === 'query') {
    response.metaData.completeness = await answerCompleteness(ctx, q, named.map((u) => ({ id: u.id, level: u.level })), locale);
  }
  return response;
}

/** The query string's shape: strings, or repeated strings, of bounded length (the meaning: dhis2-request.ts). */
function parseParams(raw: unknown): AnalyticsParams {
  const r = AnalyticsParams.safeParse(raw ?? {});
  if (r.success) return r.data as AnalyticsParams;
  const field = String(r.error.issues[0]?.path[0] ?? 'query');
  throw new AppError('VALIDATION_FAILED', 'analytics.badParams', { fields: { [field]: 'field.tooLong' } }, { field });
}

/** A request the parser refused, as an AppError (a 400 names the dimension or parameter at fault). */
function requestError(e: AnalyticsRequestError): AppError {
  const field = e.messageKey.startsWith('period.') ? 'pe' : String(e.params.dimension ?? e.params.param ?? 'dimension');
  const details = e.code === 'VALIDATION_FAILED' ? { fields: { [field]: e.messageKey } } : undefined;
  return new AppError(e.code, e.messageKey, details, e.params);
}

/** Org units named by id or code, with their level as of `date` (or their last level if closed). Also used by values.service.ts. */
export function unitsWithLevel(ctx: Ctx, refs: readonly string[], date: string) {
  return ctx.use(repo).unitsWithLevel(refs, date);
}

/** GET /api/analytics/figures: the register figures other modules compute, usable as data items by code. */
export function listFigures(ctx: Ctx, locale: PeriodLocale): FigureSummary[] {
  requirePermission(ctx, 'data:read');
  return figureCatalogue(locale);
}
