// DHIS2-compatible read API for metadata: /api/dataElements, /api/dataSets, /api/indicators,
// /api/categoryOptionCombos, /api/categoryCombos, /api/validationRules (and /:id of each), with
// DHIS2's property names, fields=, filter= and paging. Any logged-in user may read metadata; the
// units a data set is assigned to are listed only within the caller's scope (all of them for
// metadata administrators).
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { group } from '../metadata/group.js';
import { visibleUnits } from '../metadata/metadata.access.js';
import * as repo from '../metadata/metadata.repo.js';
import { CollectionQuery, ItemQuery, type Dhis2List, type Dhis2Object } from './dhis2.contract.js';
import { parseFields, project } from './fields.js';
import { applyFilters, parseFilters } from './filter.js';

type Obj = Record<string, unknown>;

const ref = (id: string | undefined, code?: string, name?: string) => (id ? { id, code, name, displayName: name } : undefined);
const named = (o: { id: string; code: string; name: string; shortName?: string }) => ({
  id: o.id,
  code: o.code,
  name: o.name,
  displayName: o.name,
  shortName: o.shortName ?? o.name,
  displayShortName: o.shortName ?? o.name,
});

interface Collection {
  key: string;
  defaults: string;
  load: (ctx: Ctx) => Promise<Obj[]>;
}

async function idMaps(ctx: Ctx) {
  const c = ctx.use(repo);
  const [combos, des, types] = await Promise.all([c.categoryCombos(), c.dataElements(), c.indicatorTypes()]);
  const by = <T extends { code: string }>(xs: T[]) => new Map(xs.map((x) => [x.code, x]));
  return { combos: by(combos), des: by(des), types: by(types), comboList: combos, deList: des };
}

const COLLECTIONS: Record<string, Collection> = {
  dataElements: {
    key: 'dataElements',
    defaults: 'id,code,name,displayName,shortName,valueType,aggregationType,categoryCombo[id]',
    load: async (ctx) => {
      const [{ combos, deList }, sets] = await Promise.all([idMaps(ctx), ctx.use(repo).dataSets({ units: 'none' })]);
      const setsOf = new Map<string, string[]>();
      for (const s of sets) for (const c of [...s.sections.flatMap((x) => x.dataElements), ...s.dataElements]) setsOf.set(c, [...(setsOf.get(c) ?? []), s.id]);
      return deList.map((d) => {
        const combo = combos.get(d.categoryCombo);
        return {
          ...named(d),
          formName: d.formName,
          description: d.description,
          valueType: d.valueType,
          aggregationType: d.aggregationType,
          domainType: 'AGGREGATE',
          zeroIsSignificant: d.zeroIsSignificant,
          categoryCombo: ref(combo?.id, combo?.code, combo?.name),
          dataSetElements: (setsOf.get(d.code) ?? []).map((s) => ({ dataSet: { id: s }, dataElement: { id: d.id } })),
          translations: d.nameEn ? [{ locale: 'en', property: 'NAME', value: d.nameEn }] : [],
        };
      });
    },
  },
  dataSets: {
    key: 'dataSets',
    defaults: 'id,code,name,displayName,shortName,periodType,categoryCombo[id]',
    load: async (ctx) => {
      const c = ctx.use(repo);
      const [{ combos, des }, sets, units] = await Promise.all([idMaps(ctx), c.dataSets({ units: 'none' }), c.openAssignments(visibleUnits(ctx))]);
      const unitsOf = group(units, (u) => u.data_set_id, (u) => ({ id: u.id, code: u.code }));
      return sets.map((s) => {
        const combo = combos.get(s.categoryCombo);
        const all = [...s.sections.flatMap((x) => x.dataElements), ...s.dataElements];
        return {
          ...named(s),
          description: s.description,
          periodType: s.periodType,
          categoryCombo: ref(combo?.id, combo?.code, combo?.name),
          timelyDays: s.deadlineWorkingDays,
          expiryDays: s.entryGraceDays ?? 0,
          dataSetElements: all.map((c) => ({ dataElement: { id: des.get(c)?.id, code: c }, dataSet: { id: s.id } })),
          sections: s.sections.map((x, i) => ({ id: x.id, code: x.code, name: x.name, displayName: x.name, sortOrder: i + 1, dataElements: x.dataElements.map((c) => ({ id: des.get(c)?.id, code: c })) })),
          organisationUnits: unitsOf.get(s.id) ?? [],
        };
      });
    },
  },
  indicators: {
    key: 'indicators',
    defaults: 'id,code,name,displayName,shortName,numerator,denominator,indicatorType[id]',
    load: async (ctx) => {
      const [{ types }, inds] = await Promise.all([idMaps(ctx), ctx.use(repo).indicators()]);
      return inds.map((i) => {
        const t = types.get(i.indicatorType);
        return {
          ...named(i),
          description: i.description,
          numerator: i.numerator,
          numeratorDescription: i.numeratorDescription,
          denominator: i.denominator,
          denominatorDescription: i.denominatorDescription,
          decimals: i.decimals ?? undefined,
          annualized: i.annualized,
          indicatorType: t ? { id: t.id, code: t.code, name: t.name, displayName: t.name, factor: t.factor, number: t.number } : undefined,
        };
      });
    },
  },
  categoryCombos: {
    key: 'categoryCombos',
    defaults: 'id,code,name,displayName,dataDimensionType,isDefault,categories[id],categoryOptionCombos[id]',
    load: async (ctx) => {
      const r = ctx.use(repo);
      const [combos, cats, cocs] = await Promise.all([r.categoryCombos(), r.categories(), r.optionCombos()]);
      const catBy = new Map(cats.map((c) => [c.code, c]));
      const cocsOf = group(cocs, (c) => c.categoryComboId, (c) => ({ id: c.id, code: c.code ?? undefined, name: c.name, displayName: c.name }));
      return combos.map((c) => ({
        ...named(c),
        dataDimensionType: c.dataDimensionType,
        isDefault: !!c.isDefault,
        skipTotal: false,
        categories: c.categories.map((k) => ref(catBy.get(k)?.id, k, catBy.get(k)?.name)),
        categoryOptionCombos: cocsOf.get(c.id) ?? [],
      }));
    },
  },
  categoryOptionCombos: {
    key: 'categoryOptionCombos',
    defaults: 'id,code,name,displayName,categoryCombo[id]',
    load: async (ctx) => {
      const r = ctx.use(repo);
      const [cocs, combos, opts] = await Promise.all([r.optionCombos(), r.categoryCombos(), r.categoryOptions()]);
      const comboBy = new Map(combos.map((c) => [c.id, c]));
      const optBy = new Map(opts.map((o) => [o.id, o]));
      return cocs.map((c) => ({
        id: c.id,
        code: c.code ?? undefined,
        name: c.name,
        displayName: c.name,
        categoryCombo: ref(c.categoryComboId, c.categoryCombo, comboBy.get(c.categoryComboId)?.name),
        categoryOptions: c.optionIds.map((o) => ref(o, optBy.get(o)?.code, optBy.get(o)?.name)),
        ignoreApproval: false,
      }));
    },
  },
  validationRules: {
    key: 'validationRules',
    defaults: 'id,code,name,displayName,importance,operator,periodType,leftSide[expression],rightSide[expression]',
    load: async (ctx) =>
      (await ctx.use(repo).validationRules()).map((r) => ({
        ...named(r),
        description: r.description,
        displayDescription: r.description,
        instruction: r.message,
        displayInstruction: r.message,
        importance: r.importance,
        periodType: r.periodType,
        operator: r.operator,
        leftSide: { ...r.leftSide, displayDescription: r.leftSide.description },
        rightSide: { ...r.rightSide, displayDescription: r.rightSide.description },
      })),
  },
};

export const DHIS2_METADATA_COLLECTIONS = Object.keys(COLLECTIONS);

const collectionOf = (name: string): Collection => {
  const c = Object.prototype.hasOwnProperty.call(COLLECTIONS, name) ? COLLECTIONS[name] : undefined;
  if (!c) throw notFound('route', `/api/${name}`);
  return c;
};

/** GET /api/<collection>: DHIS2's list shape with pager. */
export async function listCollection(ctx: Ctx, collection: string, input: unknown): Promise<Dhis2List> {
  const c = collectionOf(collection);
  const q = parse(CollectionQuery, input);
  const filters = parseFilters(q.filter);
  const fields = parseFields(q.fields, c.defaults);
  const all = await c.load(ctx);
  const props = new Set(Object.keys(all[0] ?? { id: 1, code: 1, name: 1, displayName: 1 }));
  const items = applyFilters(all, filters, props, q.rootJunction);
  const paging = q.paging === 'true';
  const page = paging ? items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) : items;
  const body: Dhis2List = {};
  if (paging) body.pager = { page: q.page, pageCount: Math.max(1, Math.ceil(items.length / q.pageSize)), total: items.length, pageSize: q.pageSize };
  body[c.key] = page.map((o) => project(o, fields));
  return body;
}

/** GET /api/<collection>/:id (uid or code). */
export async function getFromCollection(ctx: Ctx, collection: string, id: string, input: unknown): Promise<Dhis2Object> {
  const c = collectionOf(collection);
  const q = parse(ItemQuery, input);
  const fields = parseFields(q.fields, ':all');
  const all = await c.load(ctx);
  const item = all.find((o) => o.id === id) ?? all.find((o) => o.code === id);
  if (!item) throw notFound('metadata', id);
  return project(item, fields);
}
