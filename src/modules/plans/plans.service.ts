// Annual plans (targets) per data element or indicator per unit, set top-down: the province sets a
// target and distributes it to its centres (by hand, by last year's share or by population), a
// centre to its stations; a check that children add up to the parent; "% of plan" progress.
//
// Access: reading needs data:read and the unit in scope. Setting a unit's own targets needs plan:write
// and the unit STRICTLY below the actor's unit (a centre cannot change the target the province set for
// it); distributing a unit's target to its children needs plan:write and the unit in scope (a centre
// distributes its own target to its stations). Both are judged on the plan's date: 1 January, or the
// unit's opening day when it opened during the year.
import { canAccess, requireAccess, requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, forbidden, notFound, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { parseExpression, references, type Expr } from '../../lib/expression.js';
import { makePeriod, parsePeriod } from '../../lib/periods.js';
import { audit } from '../audit/audit.service.js';
import { aggregateOverTime, indicatorValue, largestRemainder, percentOf, type PeriodValue } from './plans.aggregate.js';
import {
  DistributeInput,
  PlansQuery,
  ProgressQuery,
  SetTargetsInput,
  type AggregationType,
  type Distribution,
  type PlanCheck,
  type PlanMethod,
  type PlanMismatch,
  type PlanOptions,
  type PlanRow,
  type Plans,
  type Progress,
  type ProgressItem,
  type SetTargetsResult,
  type SumCheck,
  type TargetDescription,
  type TargetType,
} from './plans.contract.js';
import * as repo from './plans.repo.js';
import * as subtreeRepo from './subtree.repo.js';

export type { ProgressItem, SumStatus } from './plans.contract.js';

export const POPULATION_ELEMENT = 'POP_TOTAL';
const EPSILON = 1e-6;

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

async function resolveTarget(ctx: Ctx, type: TargetType, targetRef: string, cocRef?: string | null): Promise<ResolvedTarget> {
  const plans = ctx.use(repo);
  if (type === 'indicator') {
    const ind = await plans.findIndicator(targetRef);
    if (!ind) throw new AppError('NOT_FOUND', 'plan.targetNotFound', { target: targetRef }, { target: targetRef });
    if (cocRef) throw validation({ categoryOptionCombo: 'plan.cocForIndicator' }, 'plan.cocForIndicator');
    return {
      type, id: ind.id, code: ind.code, name: ind.name, nameEn: ind.name_en, aggregationType: null, deIid: null, coc: null,
      indicator: { numerator: ind.numerator, denominator: ind.denominator, factor: Number(ind.factor), decimals: ind.decimals },
    };
  }
  const de = await plans.findDataElement(targetRef);
  if (!de) throw new AppError('NOT_FOUND', 'plan.targetNotFound', { target: targetRef }, { target: targetRef });
  let coc: ResolvedTarget['coc'] = null;
  if (cocRef) {
    const c = await plans.findOptionCombo(cocRef);
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
function targetDescriber(ctx: Ctx) {
  const memo = new Map<string, Promise<ResolvedTarget | null>>();
  return (type: TargetType, id: string, coc: string) => {
    const key = `${type}|${id}|${coc}`;
    if (!memo.has(key)) memo.set(key, resolveTarget(ctx, type, id, coc || null).catch(() => null));
    return memo.get(key)!;
  };
}

async function requireUnit(ctx: Ctx, idOrCode: string) {
  const unit = await ctx.use(repo).findUnit(idOrCode);
  if (!unit) throw notFound('orgUnit', idOrCode);
  return unit;
}

type Unit = NonNullable<Awaited<ReturnType<typeof repo.findUnit>>>;

const yearStart = (year: number) => `${year}-01-01`;
const yearEnd = (year: number) => `${year}-12-31`;

function referenceDate(year: number, asOf: string | undefined): string {
  if (asOf && asOf.slice(0, 4) !== String(year)) throw validation({ asOf: 'plan.asOfOutsideYear' }, 'plan.asOfOutsideYear');
  return asOf ?? yearStart(year);
}

/** The day a unit's plan for a year is access-checked on: 1 January, or its opening day within the year. */
function planDate(unit: Unit, year: number): string {
  const opening = String(unit.opening_date);
  return opening > yearStart(year) && opening <= yearEnd(year) ? opening : yearStart(year);
}

/** Setting a unit's own targets: plan:write, the unit in scope and strictly below the actor's unit. */
async function requireTargetWritable(ctx: Ctx, unit: Unit, year: number): Promise<void> {
  const asOf = planDate(unit, year);
  await requireAccess(ctx, { permission: 'plan:write', unit: unit.id, asOf });
  if (!(await canAccess(ctx, { permission: 'plan:write', unit: unit.id, asOf, below: true }))) throw forbidden('plan.ownTarget');
}

/** Distributing a unit's targets to its children: plan:write and the unit in scope (its own unit included). */
function requireDistributable(ctx: Ctx, unit: Unit, year: number): Promise<void> {
  return requireAccess(ctx, { permission: 'plan:write', unit: unit.id, asOf: planDate(unit, year) });
}

function keyOf(t: { target_type: string; target_id: string; category_option_combo_id: string }) {
  return `${t.target_type}|${t.target_id}|${t.category_option_combo_id}`;
}

function describe(t: ResolvedTarget): TargetDescription {
  return {
    targetType: t.type,
    target: { id: t.id, code: t.code, name: t.name, nameEn: t.nameEn, aggregationType: t.aggregationType },
    categoryOptionCombo: t.coc ? { id: t.coc.id, code: t.coc.code, name: t.coc.name } : null,
  };
}

/** Whether children's targets add up to the parent's. Indicator targets (rates) do not add up. */
export function sumStatus(type: TargetType, parent: number | null, childValues: (number | null)[]): SumCheck {
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

const isoOrNull = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const ref = (u: { id: string; code: string; name: string }) => ({ id: u.id, code: u.code, name: u.name });

/** A unit's targets and its children's, with the check that the children add up to the parent. */
export async function getPlans(ctx: Ctx, input: unknown): Promise<Plans> {
  requirePermission(ctx, 'data:read');
  const q = parse(PlansQuery, input);
  const unit = await requireUnit(ctx, q.orgUnit);
  await requireAccess(ctx, { permission: 'data:read', unit: unit.id });
  const asOf = referenceDate(q.year, q.asOf);
  const plans = ctx.use(repo);
  const children = await plans.childrenOn(unit.id, asOf);
  const rows = await plans.targetsOf(q.year, [unit.id, ...children.map((c) => c.id)]);
  const byKey = new Map<string, repo.TargetRow[]>();
  for (const r of rows) byKey.set(keyOf(r), [...(byKey.get(keyOf(r)) ?? []), r]);
  const describeTarget = targetDescriber(ctx);
  const targets: PlanRow[] = [];
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
      updatedAt: isoOrNull(own?.updated_at),
      children: Object.fromEntries(children.map((c) => {
        const r = childMap.get(c.id);
        return [c.id, r ? { value: r.value, method: r.method } : null];
      })),
      ...check,
    });
  }
  targets.sort((a, b) => a.targetType.localeCompare(b.targetType) || a.target.code.localeCompare(b.target.code)
    || (a.categoryOptionCombo?.name ?? '').localeCompare(b.categoryOptionCombo?.name ?? ''));
  const date = planDate(unit, q.year);
  return {
    year: q.year,
    asOf,
    orgUnit: ref(unit),
    children: children.map(ref),
    canEdit: await canAccess(ctx, { permission: 'plan:write', unit: unit.id, asOf: date, below: true }),
    canDistribute: children.length > 0 && (await canAccess(ctx, { permission: 'plan:write', unit: unit.id, asOf: date })),
    targets,
  };
}

/** Every parent in a subtree whose children's data-element targets do not add up to its own. */
export async function checkSums(ctx: Ctx, input: unknown): Promise<PlanCheck> {
  requirePermission(ctx, 'data:read');
  const q = parse(PlansQuery, input);
  const unit = await requireUnit(ctx, q.orgUnit);
  await requireAccess(ctx, { permission: 'data:read', unit: unit.id });
  const asOf = referenceDate(q.year, q.asOf);
  const plans = ctx.use(repo);
  const links = await ctx.use(subtreeRepo).subtreeLinks(unit.id, asOf);
  const childrenOf = new Map<string, string[]>();
  for (const l of links) childrenOf.set(l.parent_id, [...(childrenOf.get(l.parent_id) ?? []), l.org_unit_id]);
  const targets = await plans.targetsOf(q.year, [unit.id, ...links.map((l) => l.org_unit_id)]);
  const valueOf = new Map(targets.map((r) => [`${r.org_unit_id}|${keyOf(r)}`, r.value]));
  const describeTarget = targetDescriber(ctx);
  const mismatches: PlanMismatch[] = [];
  for (const r of targets) {
    const kids = childrenOf.get(r.org_unit_id);
    if (r.target_type !== 'dataElement' || !kids) continue;
    const check = sumStatus('dataElement', r.value, kids.map((k) => valueOf.get(`${k}|${keyOf(r)}`) ?? null));
    if (check.status !== 'mismatch') continue;
    const t = await describeTarget(r.target_type, r.target_id, r.category_option_combo_id);
    const parent = await plans.findUnit(r.org_unit_id);
    if (!t || !parent) continue;
    mismatches.push({
      parent: ref(parent),
      ...describe(t),
      value: r.value,
      childrenSum: check.childrenSum,
      difference: check.difference,
      missingChildren: check.missingChildren,
    });
  }
  mismatches.sort((a, b) => a.parent.code.localeCompare(b.parent.code) || a.target.code.localeCompare(b.target.code));
  return { year: q.year, asOf, orgUnit: ref(unit), mismatches };
}

/** What can be planned: data elements (with their option combos) and indicators. */
export async function planOptions(ctx: Ctx): Promise<PlanOptions> {
  requirePermission(ctx, 'data:read');
  const plans = ctx.use(repo);
  const [des, cocs, inds] = await Promise.all([plans.plannableElements(), plans.disaggregations(), plans.indicators()]);
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

/** Sets (or with value null removes) a unit's targets for a year. */
export async function setTargets(ctx: Ctx, input: unknown): Promise<SetTargetsResult> {
  const data = parse(SetTargetsInput, input);
  requirePermission(ctx, 'plan:write');
  const unit = await requireUnit(ctx, data.orgUnit);
  await requireTargetWritable(ctx, unit, data.year);
  const resolved: { r: ResolvedTarget; value: number | null }[] = [];
  const seen = new Set<string>();
  for (const [i, t] of data.targets.entries()) {
    const r = await resolveTarget(ctx, t.targetType, t.target, t.categoryOptionCombo);
    const key = `${r.type}|${r.id}|${r.coc?.id ?? ''}`;
    if (seen.has(key)) throw validation({ [`targets.${i}`]: 'plan.duplicateTarget' }, 'plan.duplicateTarget');
    seen.add(key);
    resolved.push({ r, value: t.value });
  }
  let changed = 0;
  await ctx.transaction(async (tx) => {
    for (const { r, value } of resolved) {
      const k: repo.TargetKey = { year: data.year, orgUnitId: unit.id, targetType: r.type, targetId: r.id, coc: r.coc?.id ?? '' };
      if (await writeTarget(tx, unit, r, k, value, 'manual')) changed++;
    }
  });
  return { changed, plans: await getPlans(ctx, { year: data.year, orgUnit: unit.id }) };
}

/** Writes one target and audits it (in the caller's transaction); returns whether anything changed. */
async function writeTarget(
  tx: Ctx,
  unit: { id: string; code: string },
  t: ResolvedTarget,
  k: repo.TargetKey,
  value: number | null,
  method: PlanMethod,
  details?: Record<string, unknown>,
): Promise<boolean> {
  const plans = tx.use(repo);
  const before = await plans.findTarget(k);
  if (value === null) {
    if (!before) return false;
    await plans.deleteTarget(k);
  } else {
    if (before && before.value === value && before.method === method) return false;
    await plans.upsertTarget(k, value, method, tx.actor.username);
  }
  await audit(tx, {
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

/**
 * Distributes a unit's target to its children: by hand, by the children's share of last year's value
 * (SUM over the year for flows, the last value for stocks, each child's whole subtree), or by
 * population (POP_TOTAL, last value of the previous year). Parts add up exactly (largest remainder).
 * The unit itself may be the actor's own (a centre distributes to its stations).
 */
export async function distribute(ctx: Ctx, input: unknown): Promise<Distribution> {
  const data = parse(DistributeInput, input);
  requirePermission(ctx, 'plan:write');
  const unit = await requireUnit(ctx, data.orgUnit);
  await requireDistributable(ctx, unit, data.year);
  const asOf = referenceDate(data.year, data.asOf);
  const plans = ctx.use(repo);
  const children = await plans.childrenOn(unit.id, asOf);
  if (children.length === 0) throw conflict('plan.noChildren', undefined, { unit: unit.code });
  const t = await resolveTarget(ctx, data.targetType, data.target, data.categoryOptionCombo);
  const keyFor = (orgUnitId: string): repo.TargetKey => ({
    year: data.year, orgUnitId, targetType: t.type, targetId: t.id, coc: t.coc?.id ?? '',
  });
  const parentTarget = await plans.findTarget(keyFor(unit.id));
  const existing = new Map((await plans.targetsOf(data.year, children.map((c) => c.id)))
    .filter((r) => keyOf(r) === `${t.type}|${t.id}|${t.coc?.id ?? ''}`)
    .map((r) => [r.org_unit_id, r.value]));

  let planned: { child: (typeof children)[number]; value: number | null; weight: number | null }[];
  if (data.method === 'manual') {
    if (!data.values || Object.keys(data.values).length === 0) throw validation({ values: 'field.required' }, 'plan.manualValuesRequired');
    // Children by id and by code; a Map, so keys such as '__proto__' find nothing.
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
      ? await populationWeights(ctx, children, data.year - 1)
      : await lastYearWeights(ctx, children, t, data.year - 1);
    const parts = largestRemainder(parentTarget.value, weights);
    planned = children.map((child, i) => ({ child, value: parts[i]!, weight: weights[i]! }));
  }

  const weightSum = planned.reduce((s, p) => s + (p.weight ?? 0), 0);
  const rows = planned.map((p) => ({
    orgUnit: ref(p.child),
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
    await ctx.transaction(async (tx) => {
      for (const p of planned) {
        await writeTarget(tx, p.child, t, keyFor(p.child.id), p.value, data.method, { distributedFrom: unit.code });
      }
      await audit(tx, {
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
    orgUnit: ref(unit),
    ...describe(t),
    parentValue: parentTarget?.value ?? null,
    rows,
    ...check,
  };
}

/** Each child's subtree value of the target's element over a year (SUM or LAST by aggregation type). */
async function lastYearWeights(ctx: Ctx, children: { id: string; code: string }[], t: ResolvedTarget, year: number) {
  const values = await ctx.use(subtreeRepo).subtreeValues(children.map((c) => c.id), [t.deIid!], yearStart(year), yearEnd(year));
  const weights = children.map((c) => aggregateOverTime(
    values.filter((v) => v.unit === c.id && (!t.coc || v.co === t.coc.iid)),
    t.aggregationType ?? 'SUM',
  ) ?? 0);
  if (!(weights.reduce((s, w) => s + w, 0) > 0) || weights.some((w) => w < 0)) {
    throw conflict('plan.noLastYearData', undefined, { year, target: t.code });
  }
  return weights;
}

/** Each child's population: the last POP_TOTAL value of the year for its subtree. */
async function populationWeights(ctx: Ctx, children: { id: string; code: string; name: string }[], year: number) {
  const pop = await ctx.use(repo).findDataElement(POPULATION_ELEMENT);
  if (!pop) throw conflict('plan.populationElementMissing', undefined, { code: POPULATION_ELEMENT });
  const values = await ctx.use(subtreeRepo).subtreeValues(children.map((c) => c.id), [pop.iid], yearStart(year), yearEnd(year));
  const weights = children.map((c) => aggregateOverTime(values.filter((v) => v.unit === c.id), 'LAST'));
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

/**
 * "% of plan" of a unit for a year up to a month: for each of its targets, the year-to-date value
 * and the month's value of its subtree, each against the annual target.
 */
export async function planProgress(ctx: Ctx, input: unknown): Promise<Progress> {
  requirePermission(ctx, 'data:read');
  const q = parse(ProgressQuery, input);
  const unitRef = q.orgUnitId ?? q.orgUnit;
  if (!unitRef) throw validation({ orgUnit: 'field.required' });
  const periodIso = q.upToPeriod ?? q.period;
  if (!periodIso) throw validation({ period: 'field.required' });
  const period = parsePeriod(periodIso);
  if (!period || period.type !== 'Monthly') throw validation({ period: 'plan.periodNotMonthly' }, 'plan.periodNotMonthly');
  if (period.year !== q.year) throw validation({ period: 'plan.periodOutsideYear' }, 'plan.periodOutsideYear');
  const unit = await requireUnit(ctx, unitRef);
  await requireAccess(ctx, { permission: 'data:read', unit: unit.id });
  const plans = ctx.use(repo);

  let rows = await plans.targetsOf(q.year, [unit.id]);
  if (q.targets) {
    const wanted = new Set<string>();
    for (const f of q.targets) {
      const r = await resolveTarget(ctx, f.targetType, f.target, f.categoryOptionCombo).catch(() => null);
      if (r) wanted.add(`${r.type}|${r.id}|${r.coc?.id ?? ''}`);
    }
    rows = rows.filter((r) => wanted.has(keyOf(r)));
  }
  const describeTarget = targetDescriber(ctx);
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
  const des = await plans.dataElementsByRef([...deRefs]);
  const deByRef = new Map<string, (typeof des)[number]>();
  for (const d of des) deByRef.set(d.id, d).set(d.code, d);
  const cocs = await plans.optionCombosByRef([...cocRefs]);
  const cocByRef = new Map<string, number>();
  for (const c of cocs) {
    cocByRef.set(c.id, c.iid);
    if (c.code) cocByRef.set(c.code, c.iid);
  }
  const constants = await plans.constants();
  const constByRef = new Map<string, number>();
  for (const c of constants) constByRef.set(c.id, c.value).set(c.code, c.value);

  const deIids = new Set<number>(des.map((d) => d.iid));
  for (const { t } of targets) if (t.deIid !== null) deIids.add(t.deIid);
  const values = await ctx.use(subtreeRepo).subtreeValues([unit.id], [...deIids], yearStart(q.year), period.end);

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
    orgUnit: ref(unit),
    year: q.year,
    from: makePeriod('Monthly', q.year, 1).iso,
    period: period.iso,
    items,
  };
}
