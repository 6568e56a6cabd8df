// Equipment KPIs per unit (issue 15 point 3): a unit and each of its children (as the tree stands on
// the date), each over its whole subtree: assets and items held, functional share, broken, in repair,
// locked, idle, inspections overdue and due within 30 days, fully worn items, open work orders and
// the mean days to repair over the 12 months before the date. The same numbers feed the analytics
// figures (figures.service.ts). How it stays fast over a national register: kpi.repo.ts and
// migration 0009.
import type { Ctx } from '../../core/context.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { unitFor } from './assets.service.js';
import { KpiQuery, type Kpi, type KpiRow } from './care.contract.js';
import type { UnitInfo } from './equipment.repo.js';
import { addDays } from '../../lib/calendar.js';
import { addMonths } from '../../lib/dates.js';
import * as repo from './kpi.repo.js';
import type { TallyDates, TallyRow } from './kpi.repo.js';

/** The dates a tally on `date` reads. */
export function tallyDates(date: string): TallyDates {
  const monthStart = `${date.slice(0, 8)}01`;
  return { date, monthStart, windowStart: addMonths(date, -12), windowFullFrom: addMonths(monthStart, -11), due30: addDays(date, 30) };
}

/** Each unit's tallies over its subtree on `date` (the caller has checked the units are in scope). */
export function tallies(ctx: Ctx, unitIds: readonly string[], date: string): Promise<Map<string, TallyRow>> {
  return ctx.use(repo).tally(unitIds, tallyDates(date));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function row(u: UnitInfo, t: TallyRow | undefined): KpiRow {
  const items = t?.items ?? 0;
  const functional = (t?.in_use ?? 0) + (t?.idle ?? 0);
  const repairs = t?.repairs ?? 0;
  return {
    orgUnit: { id: u.id, code: u.code, name: u.name, kind: u.kind },
    assets: t?.assets ?? 0,
    items,
    functional,
    functionalPct: items > 0 ? round1((functional / items) * 100) : null,
    broken: t?.broken ?? 0,
    inRepair: t?.in_repair ?? 0,
    locked: t?.locked ?? 0,
    idle: t?.idle ?? 0,
    pendingDisposal: t?.pending_disposal ?? 0,
    inspectionsOverdue: t?.overdue ?? 0,
    inspectionsDue30: t?.due30 ?? 0,
    fullyWorn: t?.fully_worn ?? 0,
    openWorkOrders: t?.open_work_orders ?? 0,
    repairs,
    meanRepairDays: repairs > 0 ? round1((t?.repair_days ?? 0) / repairs) : null,
  };
}

/** GET /api/equipment/kpi?orgUnit=&date=: the unit, then one row per child unit. */
export async function kpi(ctx: Ctx, input: unknown): Promise<Kpi> {
  const q = parse(KpiQuery, input);
  const date = q.date ?? todayVn();
  const unit = await unitFor(ctx, q.orgUnit, 'read', date);
  const children = await ctx.use(repo).childrenOn(unit.id, date);
  const t = await tallies(ctx, [unit.id, ...children.map((c) => c.id)], date);
  return { date, unit: row(unit, t.get(unit.id)), children: children.map((c) => row(c, t.get(c.id))) };
}

/** The same, under the name the benchmark (bench/equipment) calls. */
export const equipmentKpi = kpi;
