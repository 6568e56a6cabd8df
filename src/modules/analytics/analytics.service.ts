// DHIS2-compatible `GET /api/analytics`: request parsing (dhis2-request.ts) with a resolver preloaded
// from the database, the engine (engine.ts, which checks permission and scope), and DHIS2 shaping
// (dhis2-response.ts). First step: exact semantics over live data, not yet optimised.
import { sql } from 'kysely';
import { todayVn } from '../../lib/dates.js';
import { AppError } from '../../core/errors.js';
import type { PeriodLocale } from '../../lib/periods.js';
import { type Ctx } from '../../core/context.js';
import { isGlobal, requirePermission } from '../../core/access.js';
import { parseAnalyticsRequest, type AnalyticsResolver, type InputIdScheme } from './dhis2-request.js';
import { shapeAnalyticsResponse, type Dhis2AnalyticsResponse, type ShapeMeta, type ShapeMetaItem } from './dhis2-response.js';
import { runQuery } from './engine.js';

type RawQuery = Record<string, string | string[]>;

interface Named {
  id: string;
  code: string | null;
  name: string;
  name_en: string | null;
  short_name?: string | null;
}

/** Fastify's query object → the parser's shape (drops non-string values). */
function normaliseQuery(raw: unknown): RawQuery {
  const out: RawQuery = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map(String);
  }
  return out;
}

/** Every item named in `dimension=`/`filter=` params (split on ':' ';' '.' and OU_GROUP- prefixes). */
function namedRefs(q: RawQuery): string[] {
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
      if (g) refs.add(g[1]);
    }
  }
  return [...refs];
}

const byScheme = <T extends { id: string; code: string | null }>(list: readonly T[], ref: string, scheme: InputIdScheme): T | undefined =>
  list.find((x) => (scheme === 'UID' ? x.id === ref : x.code === ref));

export async function analyticsDhis2(ctx: Ctx, rawQuery: unknown, locale: PeriodLocale): Promise<Dhis2AnalyticsResponse> {
  requirePermission(ctx, 'data:read');
  const query = normaliseQuery(rawQuery);
  const today = todayVn();
  const refs = namedRefs(query);
  const db = ctx.db;

  // Preload: the small metadata tables whole; org units only as named (plus the user's own unit).
  const [elements, indicators, combos, groups] = await Promise.all([
    db.selectFrom('data_element').select(['id', 'code', 'name', 'name_en', 'short_name', 'category_combo_id']).execute(),
    db
      .selectFrom('indicator as i')
      .innerJoin('indicator_type as t', 't.id', 'i.indicator_type_id')
      .select(['i.id', 'i.code', 'i.name', 'i.name_en', 'i.short_name', 't.factor'])
      .execute(),
    db.selectFrom('category_option_combo').select(['id', 'code', 'name', 'name_en', 'category_combo_id', 'sort_order']).orderBy('sort_order').orderBy('iid').execute(),
    db.selectFrom('org_unit_group').select(['id', 'code', 'name', 'name_en']).execute(),
  ]);
  const unitRefs = [...refs, ...(ctx.actor.orgUnitId ? [ctx.actor.orgUnitId] : [])];
  const units = await unitsWithLevel(ctx, unitRefs, today);

  const userUnit = ctx.actor.orgUnitId ? units.find((u) => u.id === ctx.actor.orgUnitId) : undefined;
  const resolver: AnalyticsResolver = {
    dataItem: (ref, s) => {
      const e = byScheme(elements, ref, s);
      if (e) return { kind: 'dataElement', id: e.id };
      const i = byScheme(indicators, ref, s);
      return i ? { kind: 'indicator', id: i.id } : null;
    },
    optionCombo: (deId, ref, s) => {
      const el = elements.find((e) => e.id === deId);
      const c = combos.find((x) => (s === 'UID' ? x.id === ref : x.code === ref) && x.category_combo_id === el?.category_combo_id);
      return c ? { id: c.id } : null;
    },
    anyOptionCombo: (ref, s) => {
      const c = byScheme(combos, ref, s);
      return c ? { id: c.id } : null;
    },
    orgUnit: (ref, s) => {
      const u = byScheme(units, ref, s);
      return u ? { id: u.id, level: u.level } : null;
    },
    group: (ref, s) => {
      const g = byScheme(groups, ref, s);
      return g ? { id: g.id } : null;
    },
    userOrgUnit: userUnit ? { id: userUnit.id, level: userUnit.level } : null,
  };

  const parsed = parseAnalyticsRequest(query, resolver, { today });
  if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.messageKey, undefined, parsed.error.params);
  const { layout } = parsed;
  let q = parsed.query;

  // A non-global user's LEVEL-n without a boundary means "that level inside my unit".
  if (!isGlobal(ctx.actor)) {
    const own = ctx.actor.orgUnitId!;
    q = { ...q, orgUnits: q.orgUnits.map((s) => (s.kind === 'level' && !s.within ? { ...s, within: own } : s)) };
  }

  const cells = await runQuery(ctx, q);

  // ShapeMeta: names in the caller's language.
  const nameOf = (x: Named) => (locale === 'en' && x.name_en ? x.name_en : x.name);
  const items: Record<string, ShapeMetaItem> = {};
  const put = (x: Named, type: ShapeMetaItem['type'], extra: Partial<ShapeMetaItem> = {}) => {
    items[x.id] = { name: nameOf(x), shortName: x.short_name ?? null, code: x.code, type, ...extra };
  };
  const dxIds = new Set([...layout.dx.map((d) => d.item.id), ...cells.map((c) => c.dx)]);
  for (const e of elements) if (dxIds.has(e.id)) put(e, 'DATA_ELEMENT');
  for (const i of indicators) if (dxIds.has(i.id)) put(i, 'INDICATOR', { factor: Number(i.factor) });
  const cocIds = new Set<string>([
    ...cells.flatMap((c) => (c.co ? [c.co] : [])),
    ...(layout.coItems ?? []),
    ...layout.dx.flatMap((d) => (d.item.kind === 'dataElement' && d.item.coc ? [d.item.coc] : [])),
  ]);
  const comboList = combos.filter((c) => cocIds.has(c.id));
  for (const c of comboList) put(c, 'CATEGORY_OPTION_COMBO');

  const ouIds = [...new Set([...cells.map((c) => c.ou), ...q.orgUnits.flatMap((s) => (s.kind === 'unit' ? [s.id] : []))])];
  // Units are named as they were on the structure date (a renamed or merged station keeps the name of
  // its time in a historical answer, so two rows never share today's name).
  const nameDate = q.structure === 'current' ? (q.asOf ?? today) : q.periods.reduce((m, p) => (p.end > m ? p.end : m), q.periods[0]!.end);
  const ouRows = ouIds.length
    ? await db
        .selectFrom('org_unit as u')
        .leftJoin('org_unit_path as p', (j) => j.onRef('p.org_unit_id', '=', 'u.id').on('p.valid_from', '<=', nameDate).on('p.valid_to', '>', nameDate))
        .select(['u.id', 'u.code', 'u.name_en', 'u.short_name', sql<string>`coalesce(p.name, u.name)`.as('name')])
        .where('u.id', 'in', ouIds)
        .execute()
    : [];
  for (const u of ouRows) put(u, 'ORGANISATION_UNIT');

  // Org-unit rows in the engine's order (selection order, then by name within a level/children list).
  const ouOrder = [...new Set(cells.map((c) => c.ou))];
  const meta: ShapeMeta = { items, orgUnits: ouOrder, optionCombos: comboList.map((c) => c.id) };
  return shapeAnalyticsResponse(q, layout, cells, meta, { locale });
}

/** Org units named by id or code, with their level as of `date` (or their last level if closed). Also used by values.service.ts. */
export async function unitsWithLevel(ctx: Ctx, refs: readonly string[], date: string) {
  if (refs.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('org_unit as u')
    .select([
      'u.id',
      'u.code',
      (eb) =>
        eb
          .selectFrom('org_unit_path as p')
          .select('p.level')
          .whereRef('p.org_unit_id', '=', 'u.id')
          .orderBy(sql`(p.valid_from <= ${date} and p.valid_to > ${date})`, 'desc')
          .orderBy('p.valid_from', 'desc')
          .limit(1)
          .as('level'),
    ])
    .where((eb) => eb.or([eb('u.id', 'in', [...refs]), eb('u.code', 'in', [...refs])]))
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code as string | null, level: Number(r.level ?? 0) }));
}
