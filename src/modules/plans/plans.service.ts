// Annual plans (targets) per data element or indicator per unit, set top-down: the province sets a
// target and distributes it to its centres (by hand, by last year's share or by population), a
// centre to its stations; a check that children add up to the parent; "% of plan" progress.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, conflict, forbidden, notFound, outOfScope, validation } from '../../core/errors.js';
import { parseExpression, references, type Expr } from '../../lib/expression.js';
import { makePeriod, parsePeriod } from '../../lib/periods.js';
import { isoDate, parse } from '../../core/input.js';
import { insertAudit } from '../audit/audit.service.js';
import { type Ctx } from '../../core/context.js';
import { isGlobal, requirePermission, requireUnitInScope } from '../../core/access.js';
import {
  aggregateOverTime, indicatorValue, largestRemainder, percentOf,
  type AggregationType, type PeriodValue,
} from './plans.aggregate.js';
import * as repo from './plans.repo.js';

export const POPULATION_ELEMENT = 'POP_TOTAL';
const EPSILON = 1e-6;

type TargetType = 'dataElement' | 'indicator';
type Method = 'manual' | 'lastYearShare' | 'population';

const yearSchema = z.coerce.number().int().min(2000).max(2100);
const targetTypeSchema = z.enum(['dataElement', 'indicator']);
const ref = z.string().trim().min(1).max(100);
const targetValue = z.number().finite().min(0).max(1e15);

// ---------------------------------------------------------------------------------------------
// Targets and units

export interface ResolvedTarget {
  type: TargetType;
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  /** Data elements: how values add up over time. Indicators: null. */
  aggregationType: AggregationType | null;
  deIid: number | null;
  coc: { id: string; iid: number; code: string | null; name: string } | null;
  indicator: { numerator: string; denominator: string; factor: number; decimals: number | null } | null;
}

async function resolveTarget(db: Kysely<DB>, type: TargetType, targetRef: string, cocRef?: string | null): Promise<ResolvedTarget> {
  if (type === 'indicator') {
    const ind = await repo.findIndicator(db, targetRef);
    if (!ind) throw new AppError('NOT_FOUND', 'plan.targetNotFound', { target: targetRef }, { target: targetRef });
    if (cocRef) throw validation({ categoryOptionCombo: 'plan.cocForIndicator' }, 'plan.cocForIndicator');
    return {
      type, id: ind.id, code: ind.code, name: ind.name, nameEn: ind.name_en, aggregationType: null, deIid: null, coc: null,
      indicator: { numerator: ind.numerator, denominator: ind.denominator, factor: Number(ind.factor), decimals: ind.decimals },
    };
  }
  const de = await repo.findDataElement(db, targetRef);
  if (!de) throw new AppError('NOT_FOUND', 'plan.targetNotFound', { target: targetRef }, { target: targetRef });
  let coc: ResolvedTarget['coc'] = null;
  if (cocRef) {
    const c = await repo.findOptionCombo(db, cocRef);
    if (!c || c.category_combo_id !== de.category_combo_id) {
      throw validation({ categoryOptionCombo: 'plan.cocNotInCombo' }, 'plan.cocNotInCombo');
    }
    coc = { id: c.id, iid: c.iid, code: c.code, name: c.name };
  }
  return {
    type, id: de.id, code: de.code, name: de.name, nameEn: de.name_en,
    aggregationType: de.aggregation_type as AggregationType, deIid: de.iid, coc, indicator: null,
  };
}

/** Resolves stored target keys (ids), memoised; unknown ones (metadata deleted) are skipped. */
function targetDescriber(db: Kysely<DB>) {
  const memo = new Map<string, Promise<ResolvedTarget | null>>();
  return (type: TargetType, id: string, coc: string) => {
    const key = `${type}|${id}|${coc}`;
    if (!memo.has(key)) memo.set(key, resolveTarget(db, type, id, coc || null).catch(() => null));
    return memo.get(key)!;
  };
}

async function requireUnit(db: Kysely<DB>, idOrCode: string) {
  const unit = await repo.findUnit(db, idOrCode);
  if (!unit) throw notFound('orgUnit', idOrCode);
  return unit;
}

const yearStart = (year: number) => `${year}-01-01`;
const yearEnd = (year: number) => `${year}-12-31`;

function referenceDate(year: number, asOf: string | undefined): string {
  if (asOf && asOf.slice(0, 4) !== String(year)) throw validation({ asOf: 'plan.asOfOutsideYear' }, 'plan.asOfOutsideYear');
  return asOf ?? yearStart(year);
}

/**
 * How deep `unitId` lies below the actor's unit during the year (0 = the actor's own unit);
 * OUT_OF_SCOPE when never inside. Global actors: Infinity.
 */
async function depthBelowActor(ctx: Ctx, unitId: string, year: number): Promise<number> {
  if (isGlobal(ctx.actor)) return Infinity;
  const depth = await repo.minDepthBelow(ctx.db, ctx.actor.orgUnitId!, unitId, yearStart(year), yearStart(year + 1));
  if (depth === undefined) throw outOfScope();
  return depth;
}

/**
 * Setting a unit's own target needs plan:write and the unit strictly below the actor's unit: a
 * centre cannot change the target the province set for it. Global administrators may set any.
 */
async function requireTargetWritable(ctx: Ctx, unitId: string, year: number): Promise<void> {
  requirePermission(ctx, 'plan:write');
  if ((await depthBelowActor(ctx, unitId, year)) === 0) throw forbidden('plan.ownTarget');
}

async function canWrite(ctx: Ctx, unitId: string, year: number, distribute: boolean): Promise<boolean> {
  if (!ctx.actor.permissions.has('plan:write')) return false;
  try {
    const depth = await depthBelowActor(ctx, unitId, year);
    return distribute || depth > 0;
  } catch {
    return false;
  }
}

function keyOf(t: { target_type: string; target_id: string; category_option_combo_id: string }) {
  return `${t.target_type}|${t.target_id}|${t.category_option_combo_id}`;
}

function describe(t: ResolvedTarget) {
  return {
    targetType: t.type,
    target: { id: t.id, code: t.code, name: t.name, nameEn: t.nameEn, aggregationType: t.aggregationType },
    categoryOptionCombo: t.coc ? { id: t.coc.id, code: t.coc.code, name: t.coc.name } : null,
  };
}

export type SumStatus = 'ok' | 'mismatch' | 'notDistributed' | 'noChildren' | 'noParentTarget' | 'notAdditive';

/** Whether children's targets add up to the parent's. Indicator targets (rates) do not add up. */
export function sumStatus(type: TargetType, parent: number | null, childValues: (number | null)[]): {
  status: SumStatus;
  childrenSum: number | null;
  difference: number | null;
  missingChildren: number;
} {
  const set = childValues.filter((v): v is number => v !== null);
  const childrenSum = set.length ? set.reduce((s, v) => s + v, 0) : null;
  const missingChildren = childValues.length - set.length;
  if (type === 'indicator') return { status: 'notAdditive', childrenSum: null, difference: null, missingChildren };
  if (childValues.length === 0) return { status: 'noChildren', childrenSum, difference: null, missingChildren };
  if (parent === null) return { status: 'noParentTarget', childrenSum, difference: null, missingChildren };
  if (set.length === 0) return { status: 'notDistributed', childrenSum, difference: null, missingChildren };
  const difference = childrenSum! - parent;
  return { status: Math.abs(difference) < EPSILON && missingChildren === 0 ? 'ok' : 'mismatch', childrenSum, difference, missingChildren };
}

// ---------------------------------------------------------------------------------------------
// Reading

const listSchema = z.object({ year: yearSchema, orgUnit: ref, asOf: isoDate.optional() });

/** A unit's targets and its children's, with the check that the children add up to the parent. */
export async function getPlans(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'data:read');
  const q = parse(listSchema, input);
  const unit = await requireUnit(ctx.db, q.orgUnit);
  await requireUnitInScope(ctx, unit.id);
  const asOf = referenceDate(q.year, q.asOf);
  const children = await repo.childrenOn(ctx.db, unit.id, asOf);
  const rows = await repo.targetsOf(ctx.db, q.year, [unit.id, ...children.map((c) => c.id)]);
  const byKey = new Map<string, repo.TargetRow[]>();
  for (const r of rows) byKey.set(keyOf(r), [...(byKey.get(keyOf(r)) ?? []), r]);
  const describeTarget = targetDescriber(ctx.db);
  const targets = [];
  for (const group of byKey.values()) {
    const first = group[0]!;
    const t = await describeTarget(first.target_type, first.target_id, first.category_option_combo_id);
    if (!t) continue;
    const own = group.find((r) => r.org_unit_id === unit.id) ?? null;
    const childMap = new Map(group.filter((r) => r.org_unit_id !== unit.id).map((r) => [r.org_unit_id, r]));
    const check = sumStatus(t.type, own?.value ?? null, children.map((c) => childMap.get(c.id)?.value ?? null));
    targets.push({
      key: keyOf(first),
      ...describe(t),
      value: own?.value ?? null,
      method: own?.method ?? null,
      updatedBy: own?.updated_by ?? null,
      updatedAt: own?.updated_at ?? null,
      children: Object.fromEntries(children.map((c) => {
        const r = childMap.get(c.id);
        return [c.id, r ? { value: r.value, method: r.method } : null];
      })),
      ...check,
    });
  }
  targets.sort((a, b) => a.targetType.localeCompare(b.targetType) || a.target.code.localeCompare(b.target.code)
    || (a.categoryOptionCombo?.name ?? '').localeCompare(b.categoryOptionCombo?.name ?? ''));
  return {
    year: q.year,
    asOf,
    orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    children: children.map((c) => ({ id: c.id, code: c.code, name: c.name })),
    canEdit: await canWrite(ctx, unit.id, q.year, false),
    canDistribute: children.length > 0 && (await canWrite(ctx, unit.id, q.year, true)),
    targets,
  };
}

/** Every parent in a subtree whose children's data-element targets do not add up to its own. */
export async function checkSums(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'data:read');
  const q = parse(listSchema, input);
  const unit = await requireUnit(ctx.db, q.orgUnit);
  await requireUnitInScope(ctx, unit.id);
  const asOf = referenceDate(q.year, q.asOf);
  const links = await repo.subtreeLinks(ctx.db, unit.id, asOf);
  const childrenOf = new Map<string, string[]>();
  for (const l of links) childrenOf.set(l.parent_id, [...(childrenOf.get(l.parent_id) ?? []), l.org_unit_id]);
  const targets = await repo.targetsOf(ctx.db, q.year, [unit.id, ...links.map((l) => l.org_unit_id)]);
  const valueOf = new Map(targets.map((r) => [`${r.org_unit_id}|${keyOf(r)}`, r.value]));
  const describeTarget = targetDescriber(ctx.db);
  const mismatches = [];
  for (const r of targets) {
    const kids = childrenOf.get(r.org_unit_id);
    if (r.target_type !== 'dataElement' || !kids) continue;
    const check = sumStatus('dataElement', r.value, kids.map((k) => valueOf.get(`${k}|${keyOf(r)}`) ?? null));
    if (check.status !== 'mismatch') continue;
    const t = await describeTarget(r.target_type, r.target_id, r.category_option_combo_id);
    const parent = await repo.findUnit(ctx.db, r.org_unit_id);
    if (!t || !parent) continue;
    mismatches.push({
      parent: { id: parent.id, code: parent.code, name: parent.name },
      ...describe(t),
      value: r.value,
      childrenSum: check.childrenSum,
      difference: check.difference,
      missingChildren: check.missingChildren,
    });
  }
  mismatches.sort((a, b) => a.parent.code.localeCompare(b.parent.code) || a.target.code.localeCompare(b.target.code));
  return { year: q.year, asOf, orgUnit: { id: unit.id, code: unit.code, name: unit.name }, mismatches };
}

/** What can be planned: data elements (with their option combos) and indicators. */
export async function planOptions(ctx: Ctx) {
  requirePermission(ctx, 'data:read');
  const [des, cocs, inds] = await Promise.all([
    ctx.db.selectFrom('data_element').select(['id', 'code', 'name', 'name_en', 'aggregation_type', 'category_combo_id'])
      .where('value_type', 'in', ['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE', 'PERCENTAGE', 'UNIT_INTERVAL'])
      .orderBy('code').execute(),
    ctx.db.selectFrom('category_option_combo as c').innerJoin('category_combo as cc', 'cc.id', 'c.category_combo_id')
      .select(['c.id', 'c.code', 'c.name', 'c.category_combo_id']).where('cc.is_default', '=', false)
      .orderBy('c.sort_order').orderBy('c.name').execute(),
    ctx.db.selectFrom('indicator').select(['id', 'code', 'name', 'name_en']).orderBy('code').execute(),
  ]);
  const byCombo = new Map<string, { id: string; code: string | null; name: string }[]>();
  for (const c of cocs) byCombo.set(c.category_combo_id, [...(byCombo.get(c.category_combo_id) ?? []), { id: c.id, code: c.code, name: c.name }]);
  return {
    dataElements: des.map((d) => ({
      id: d.id, code: d.code, name: d.name, nameEn: d.name_en, aggregationType: d.aggregation_type,
      categoryOptionCombos: byCombo.get(d.category_combo_id) ?? [],
    })),
    indicators: inds.map((i) => ({ id: i.id, code: i.code, name: i.name, nameEn: i.name_en })),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

const targetInput = z.object({
  targetType: targetTypeSchema,
  target: ref,
  categoryOptionCombo: ref.nullish(),
  /** null removes the target. */
  value: targetValue.nullable(),
});

const setSchema = z.object({
  year: yearSchema,
  orgUnit: ref,
  targets: z.array(targetInput).min(1).max(1000),
});

/** Sets (or with value null removes) a unit's targets for a year. */
export async function setTargets(ctx: Ctx, input: unknown) {
  const data = parse(setSchema, input);
  requirePermission(ctx, 'plan:write');
  const unit = await requireUnit(ctx.db, data.orgUnit);
  await requireTargetWritable(ctx, unit.id, data.year);
  const resolved: { r: ResolvedTarget; value: number | null }[] = [];
  const seen = new Set<string>();
  for (const [i, t] of data.targets.entries()) {
    const r = await resolveTarget(ctx.db, t.targetType, t.target, t.categoryOptionCombo);
    const key = `${r.type}|${r.id}|${r.coc?.id ?? ''}`;
    if (seen.has(key)) throw validation({ [`targets.${i}`]: 'plan.duplicateTarget' }, 'plan.duplicateTarget');
    seen.add(key);
    resolved.push({ r, value: t.value });
  }
  let changed = 0;
  await ctx.db.transaction().execute(async (tx) => {
    for (const { r, value } of resolved) {
      const k: repo.TargetKey = { year: data.year, orgUnitId: unit.id, targetType: r.type, targetId: r.id, coc: r.coc?.id ?? '' };
      if (await writeTarget(tx, ctx, unit, r, k, value, 'manual')) changed++;
    }
  });
  return { changed, plans: await getPlans(ctx, { year: data.year, orgUnit: unit.id }) };
}

/** Writes one target and audits it; returns whether anything changed. */
async function writeTarget(
  tx: Kysely<DB>,
  ctx: Ctx,
  unit: { id: string; code: string },
  t: ResolvedTarget,
  k: repo.TargetKey,
  value: number | null,
  method: Method,
  details?: Record<string, unknown>,
): Promise<boolean> {
  const before = await repo.findTarget(tx, k);
  if (value === null) {
    if (!before) return false;
    await repo.deleteTarget(tx, k);
  } else {
    if (before && before.value === value && before.method === method) return false;
    await repo.upsertTarget(tx, k, value, method, ctx.actor.username);
  }
  await insertAudit(tx, ctx.actor, {
    action: value === null ? 'plan.delete' : 'plan.set',
    entityType: 'planTarget',
    entityId: `${k.year}/${unit.id}/${k.targetType}/${k.targetId}${k.coc ? `/${k.coc}` : ''}`,
    entityCode: unit.code,
    before: before ? { value: before.value, method: before.method } : null,
    after: value === null ? null : { value, method },
    details: { year: k.year, targetType: t.type, target: t.code, categoryOptionCombo: t.coc?.code ?? t.coc?.id ?? null, ...details },
  });
  return true;
}

const distributeSchema = z.object({
  year: yearSchema,
  orgUnit: ref,
  targetType: targetTypeSchema,
  target: ref,
  categoryOptionCombo: ref.nullish(),
  method: z.enum(['manual', 'lastYearShare', 'population']),
  /** For 'manual': child (id or code) → value (null removes). Children left out are unchanged. */
  values: z.record(z.string(), targetValue.nullable()).optional(),
  dryRun: z.boolean().default(false),
  asOf: isoDate.optional(),
});

/**
 * Distributes a unit's target to its children: by hand, by the children's share of last year's value
 * (SUM over the year for flows, the last value for stocks, each child's whole subtree), or by
 * population (POP_TOTAL, last value of the previous year). Parts add up exactly (largest remainder).
 * The unit itself may be the actor's own (a centre distributes to its stations).
 */
export async function distribute(ctx: Ctx, input: unknown) {
  const data = parse(distributeSchema, input);
  requirePermission(ctx, 'plan:write');
  const unit = await requireUnit(ctx.db, data.orgUnit);
  await depthBelowActor(ctx, unit.id, data.year);
  const asOf = referenceDate(data.year, data.asOf);
  const children = await repo.childrenOn(ctx.db, unit.id, asOf);
  if (children.length === 0) throw conflict('plan.noChildren', undefined, { unit: unit.code });
  const t = await resolveTarget(ctx.db, data.targetType, data.target, data.categoryOptionCombo);
  const keyFor = (orgUnitId: string): repo.TargetKey => ({
    year: data.year, orgUnitId, targetType: t.type, targetId: t.id, coc: t.coc?.id ?? '',
  });
  const parentTarget = await repo.findTarget(ctx.db, keyFor(unit.id));
  const existing = new Map((await repo.targetsOf(ctx.db, data.year, children.map((c) => c.id)))
    .filter((r) => keyOf(r) === `${t.type}|${t.id}|${t.coc?.id ?? ''}`)
    .map((r) => [r.org_unit_id, r.value]));

  let planned: { child: (typeof children)[number]; value: number | null; weight: number | null }[];
  if (data.method === 'manual') {
    if (!data.values || Object.keys(data.values).length === 0) throw validation({ values: 'field.required' }, 'plan.manualValuesRequired');
    const byRef = new Map<string, (typeof children)[number]>();
    for (const c of children) byRef.set(c.id, c).set(c.code, c);
    const fields: Record<string, string> = {};
    planned = [];
    for (const [childRef, value] of Object.entries(data.values)) {
      const child = byRef.get(childRef);
      if (!child) fields[`values.${childRef}`] = 'plan.notChild';
      else planned.push({ child, value, weight: null });
    }
    if (Object.keys(fields).length) throw validation(fields, 'plan.notChild');
  } else {
    if (t.type === 'indicator') throw new AppError('UNSUPPORTED', 'plan.indicatorNotDistributable');
    if (!parentTarget) throw conflict('plan.noParentTarget', undefined, { unit: unit.code, target: t.code });
    const weights = data.method === 'population'
      ? await populationWeights(ctx.db, children, data.year - 1)
      : await lastYearWeights(ctx.db, children, t, data.year - 1);
    const parts = largestRemainder(parentTarget.value, weights);
    planned = children.map((child, i) => ({ child, value: parts[i]!, weight: weights[i]! }));
  }

  const weightSum = planned.reduce((s, p) => s + (p.weight ?? 0), 0);
  const rows = planned.map((p) => ({
    orgUnit: { id: p.child.id, code: p.child.code, name: p.child.name },
    weight: p.weight,
    share: p.weight !== null && weightSum > 0 ? p.weight / weightSum : null,
    before: existing.get(p.child.id) ?? null,
    after: p.value,
  }));
  const after = new Map(existing);
  for (const p of planned) {
    if (p.value === null) after.delete(p.child.id);
    else after.set(p.child.id, p.value);
  }
  const check = sumStatus(t.type, parentTarget?.value ?? null, children.map((c) => after.get(c.id) ?? null));

  if (!data.dryRun) {
    await ctx.db.transaction().execute(async (tx) => {
      for (const p of planned) {
        await writeTarget(tx, ctx, p.child, t, keyFor(p.child.id), p.value, data.method, { distributedFrom: unit.code });
      }
      await insertAudit(tx, ctx.actor, {
        action: 'plan.distribute',
        entityType: 'planTarget',
        entityId: `${data.year}/${unit.id}/${t.type}/${t.id}${t.coc ? `/${t.coc.id}` : ''}`,
        entityCode: unit.code,
        after: Object.fromEntries(rows.map((r) => [r.orgUnit.code, r.after])),
        details: { year: data.year, method: data.method, target: t.code, parentValue: parentTarget?.value ?? null },
      });
    });
  }
  return {
    dryRun: data.dryRun,
    year: data.year,
    method: data.method,
    orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    ...describe(t),
    parentValue: parentTarget?.value ?? null,
    rows,
    ...check,
  };
}

/** Each child's subtree value of the target's element over a year (SUM or LAST by aggregation type). */
async function lastYearWeights(db: Kysely<DB>, children: { id: string; code: string }[], t: ResolvedTarget, year: number) {
  const values = await repo.subtreeValues(db, children.map((c) => c.id), [t.deIid!], yearStart(year), yearEnd(year));
  const weights = children.map((c) => aggregateOverTime(
    values.filter((v) => v.root === c.id && (!t.coc || v.co === t.coc.iid)),
    t.aggregationType ?? 'SUM',
  ) ?? 0);
  if (!(weights.reduce((s, w) => s + w, 0) > 0) || weights.some((w) => w < 0)) {
    throw conflict('plan.noLastYearData', undefined, { year, target: t.code });
  }
  return weights;
}

/** Each child's population: the last POP_TOTAL value of the year for its subtree. */
async function populationWeights(db: Kysely<DB>, children: { id: string; code: string; name: string }[], year: number) {
  const pop = await repo.findDataElement(db, POPULATION_ELEMENT);
  if (!pop) throw conflict('plan.populationElementMissing', undefined, { code: POPULATION_ELEMENT });
  const values = await repo.subtreeValues(db, children.map((c) => c.id), [pop.iid], yearStart(year), yearEnd(year));
  const weights = children.map((c) => aggregateOverTime(values.filter((v) => v.root === c.id), 'LAST'));
  const missing = children.filter((_, i) => weights[i] === null || !(weights[i]! >= 0));
  if (missing.length) {
    throw conflict('plan.populationMissing', { units: missing.map((m) => m.code) }, {
      year, units: missing.map((m) => `${m.name} (${m.code})`).join(', '),
    });
  }
  if (!(weights.reduce((s: number, w) => s + (w ?? 0), 0) > 0)) throw conflict('plan.populationMissing', { units: children.map((c) => c.code) }, { year, units: '—' });
  return weights as number[];
}

// ---------------------------------------------------------------------------------------------
// % of plan

const targetFilter = z.object({ targetType: targetTypeSchema, target: ref, categoryOptionCombo: ref.nullish() });

const progressSchema = z.object({
  orgUnitId: ref.optional(),
  orgUnit: ref.optional(),
  year: yearSchema,
  upToPeriod: z.string().trim().optional(),
  period: z.string().trim().optional(),
  targets: z.array(targetFilter).max(500).optional(),
});

export interface ProgressItem {
  targetType: TargetType;
  target: { id: string; code: string; name: string; nameEn: string | null; aggregationType: AggregationType | null };
  categoryOptionCombo: { id: string; code: string | null; name: string } | null;
  /** The annual target. */
  targetValue: number;
  /** Year to date (January..period) for the unit's subtree: SUM for flows, latest month for stocks; indicators from aggregated parts. */
  ytdValue: number | null;
  ytdPercent: number | null;
  /** The month alone, and its share of the annual target. */
  periodValue: number | null;
  periodPercent: number | null;
}

/**
 * "% of plan" of a unit for a year up to a month: for each of its targets, the year-to-date value
 * and the month's value of its subtree, each against the annual target.
 */
export async function planProgress(ctx: Ctx, input: {
  orgUnitId?: string; orgUnit?: string; year: number | string; upToPeriod?: string; period?: string;
  targets?: { targetType: TargetType; target: string; categoryOptionCombo?: string | null }[];
}) {
  requirePermission(ctx, 'data:read');
  const q = parse(progressSchema, input);
  const unitRef = q.orgUnitId ?? q.orgUnit;
  if (!unitRef) throw validation({ orgUnit: 'field.required' });
  const periodIso = q.upToPeriod ?? q.period;
  if (!periodIso) throw validation({ period: 'field.required' });
  const period = parsePeriod(periodIso);
  if (!period || period.type !== 'Monthly') throw validation({ period: 'plan.periodNotMonthly' }, 'plan.periodNotMonthly');
  if (period.year !== q.year) throw validation({ period: 'plan.periodOutsideYear' }, 'plan.periodOutsideYear');
  const unit = await requireUnit(ctx.db, unitRef);
  await requireUnitInScope(ctx, unit.id);

  let rows = await repo.targetsOf(ctx.db, q.year, [unit.id]);
  if (q.targets) {
    const wanted = new Set<string>();
    for (const f of q.targets) {
      const r = await resolveTarget(ctx.db, f.targetType, f.target, f.categoryOptionCombo).catch(() => null);
      if (r) wanted.add(`${r.type}|${r.id}|${r.coc?.id ?? ''}`);
    }
    rows = rows.filter((r) => wanted.has(keyOf(r)));
  }
  const describeTarget = targetDescriber(ctx.db);
  const targets = (await Promise.all(rows.map(async (r) => ({ row: r, t: await describeTarget(r.target_type, r.target_id, r.category_option_combo_id) }))))
    .filter((x): x is { row: repo.TargetRow; t: ResolvedTarget } => x.t !== null);

  // Every data element needed: the targets' own and those referenced by indicators.
  const parsed = new Map<string, { numerator: Expr; denominator: Expr } | null>();
  const deRefs = new Set<string>();
  const cocRefs = new Set<string>();
  for (const { t } of targets) {
    if (!t.indicator) continue;
    try {
      const numerator = parseExpression(t.indicator.numerator);
      const denominator = parseExpression(t.indicator.denominator);
      parsed.set(t.id, { numerator, denominator });
      for (const e of [numerator, denominator]) {
        for (const d of references(e).dataElements) {
          deRefs.add(d.de);
          if (d.coc) cocRefs.add(d.coc);
        }
      }
    } catch {
      parsed.set(t.id, null); // an invalid expression gives no value
    }
  }
  const des = await repo.dataElementsByRef(ctx.db, [...deRefs]);
  const deByRef = new Map<string, (typeof des)[number]>();
  for (const d of des) deByRef.set(d.id, d).set(d.code, d);
  const cocs = await repo.optionCombosByRef(ctx.db, [...cocRefs]);
  const cocByRef = new Map<string, number>();
  for (const c of cocs) {
    cocByRef.set(c.id, c.iid);
    if (c.code) cocByRef.set(c.code, c.iid);
  }
  const constants = await repo.constants(ctx.db);
  const constByRef = new Map<string, number>();
  for (const c of constants) constByRef.set(c.id, c.value).set(c.code, c.value);

  const deIids = new Set<number>(des.map((d) => d.iid));
  for (const { t } of targets) if (t.deIid !== null) deIids.add(t.deIid);
  const values = await repo.subtreeValues(ctx.db, [unit.id], [...deIids], yearStart(q.year), period.end);

  const seriesOf = (deIid: number, coIid: number | null, monthOnly: boolean): PeriodValue[] =>
    values.filter((v) => v.de === deIid && (coIid === null || v.co === coIid) && (!monthOnly || v.iso === period.iso));
  const lookup = (monthOnly: boolean) => ({
    value(deRef: string, cocRef: string | null) {
      const de = deByRef.get(deRef);
      if (!de) return null;
      let co: number | null = null;
      if (cocRef) {
        const iid = cocByRef.get(cocRef);
        if (iid === undefined) return null;
        co = iid;
      }
      return aggregateOverTime(seriesOf(de.iid, co, monthOnly), de.aggregation_type as AggregationType);
    },
    constant: (r: string) => constByRef.get(r) ?? null,
  });

  const items: ProgressItem[] = targets.map(({ row, t }) => {
    let ytdValue: number | null;
    let periodValue: number | null;
    if (t.indicator) {
      const p = parsed.get(t.id);
      ytdValue = p ? indicatorValue({ ...p, factor: t.indicator.factor }, lookup(false)) : null;
      periodValue = p ? indicatorValue({ ...p, factor: t.indicator.factor }, lookup(true)) : null;
    } else {
      const co = t.coc?.iid ?? null;
      ytdValue = aggregateOverTime(seriesOf(t.deIid!, co, false), t.aggregationType ?? 'SUM');
      periodValue = aggregateOverTime(seriesOf(t.deIid!, co, true), t.aggregationType ?? 'SUM');
    }
    return {
      ...describe(t),
      targetValue: row.value,
      ytdValue,
      ytdPercent: percentOf(ytdValue, row.value),
      periodValue,
      periodPercent: percentOf(periodValue, row.value),
    };
  });
  items.sort((a, b) => a.targetType.localeCompare(b.targetType) || a.target.code.localeCompare(b.target.code));
  return {
    orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    year: q.year,
    from: makePeriod('Monthly', q.year, 1).iso,
    period: period.iso,
    items,
  };
}
