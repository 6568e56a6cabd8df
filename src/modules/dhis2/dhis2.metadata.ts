// DHIS2-compatible read API for metadata: /api/dataElements, /api/dataSets, /api/indicators,
// /api/categoryOptionCombos, /api/categoryCombos, /api/validationRules (and /:id of each), with
// DHIS2's property names, fields=, filter= and paging. Any logged-in user may read metadata.
import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import type { Ctx } from '../../core/context.js';
import * as repo from '../metadata/metadata.repo.js';
import { applyFilters } from './filter.js';
import { parseFields, project } from './fields.js';

type Obj = Record<string, unknown>;

const querySchema = z.object({
  fields: z.string().max(2000).optional(),
  filter: z.union([z.string(), z.array(z.string())]).optional(),
  rootJunction: z.enum(['AND', 'OR', 'and', 'or']).default('AND'),
  paging: z.enum(['true', 'false']).default('true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(10000).default(50),
});

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
  const [combos, des, types] = await Promise.all([repo.categoryCombos(ctx.db), repo.dataElements(ctx.db), repo.indicatorTypes(ctx.db)]);
  const by = <T extends { code: string }>(xs: T[]) => new Map(xs.map((x) => [x.code, x]));
  return { combos: by(combos), des: by(des), types: by(types), comboList: combos, deList: des };
}

const COLLECTIONS: Record<string, Collection> = {
  dataElements: {
    key: 'dataElements',
    defaults: 'id,code,name,displayName,shortName,valueType,aggregationType,categoryCombo[id]',
    load: async (ctx) => {
      const [{ combos, deList }, sets] = await Promise.all([idMaps(ctx), repo.dataSets(ctx.db)]);
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
      const [{ combos, des }, sets, units] = await Promise.all([
        idMaps(ctx),
        repo.dataSets(ctx.db),
        ctx.db.selectFrom('data_set_unit as a').innerJoin('org_unit as u', 'u.id', 'a.org_unit_id')
          .select(['a.data_set_id', 'u.id', 'u.code']).distinct().where('a.valid_to', '=', 'infinity').execute(),
      ]);
      const unitsOf = repo.group(units, (u) => u.data_set_id, (u) => ({ id: u.id, code: u.code }));
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
      const [{ types }, inds] = await Promise.all([idMaps(ctx), repo.indicators(ctx.db)]);
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
      const [combos, cats, cocs] = await Promise.all([repo.categoryCombos(ctx.db), repo.categories(ctx.db), repo.optionCombos(ctx.db)]);
      const catBy = new Map(cats.map((c) => [c.code, c]));
      const cocsOf = repo.group(cocs, (c) => c.categoryComboId, (c) => ({ id: c.id, code: c.code ?? undefined, name: c.name, displayName: c.name }));
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
      const [cocs, combos, opts] = await Promise.all([repo.optionCombos(ctx.db), repo.categoryCombos(ctx.db), repo.categoryOptions(ctx.db)]);
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
      (await repo.validationRules(ctx.db)).map((r) => ({
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

/** GET /api/<collection>: DHIS2's list shape with pager. */
export async function listCollection(ctx: Ctx, collection: string, input: unknown) {
  const c = COLLECTIONS[collection]!;
  const q = parse(querySchema, input);
  const filters = q.filter === undefined ? [] : Array.isArray(q.filter) ? q.filter : [q.filter];
  const all = await c.load(ctx);
  const props = new Set(Object.keys(all[0] ?? { id: 1, code: 1, name: 1, displayName: 1 }));
  const items = applyFilters(all, filters, props, q.rootJunction);
  const fields = parseFields(q.fields, c.defaults);
  const paging = q.paging === 'true';
  const page = paging ? items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) : items;
  const body: Obj = {};
  if (paging) body.pager = { page: q.page, pageCount: Math.max(1, Math.ceil(items.length / q.pageSize)), total: items.length, pageSize: q.pageSize };
  body[c.key] = page.map((o) => project(o, fields));
  return body;
}

/** GET /api/<collection>/:id (uid or code). */
export async function getFromCollection(ctx: Ctx, collection: string, id: string, input: unknown) {
  const c = COLLECTIONS[collection]!;
  const q = parse(querySchema.pick({ fields: true }), input);
  const all = await c.load(ctx);
  const item = all.find((o) => o.id === id) ?? all.find((o) => o.code === id);
  if (!item) throw notFound('metadata', id);
  return project(item, parseFields(q.fields, ':all'));
}
