// Stocktaking (kiểm kê): a campaign with its as-of date and scope (a unit and its subtree), created by
// a manager of that unit. Each unit of the scope counts its own book list (the assets it holds, not
// disposed of or transferred, acquired on or before the as-of date): found or missing, the condition
// seen, the quantity counted for counted lots, and the surplus items it found that are not in the
// register; then it confirms with its signers' names. A station's nurse does it for her station
// (equipment:report), a centre's manager for any unit of the centre.
//
// The differences (missing, surplus, condition other than the register's status, counted ≠ book
// quantity) are computed from what each line recorded of the register when it was written, so the
// signed record keeps them after they are applied. Closing a campaign applies nothing: a manager
// applies each difference explicitly (the asset's status or quantity, through changeStatus).
import { canAccess, requireAccess, requirePermission, scopeOf, unitsInScope } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { conflict, notFound, outOfScope, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import { assetFor, changeStatus, ruleFor, unitFor } from './assets.service.js';
import type { AssetStatus } from './equipment.contract.js';
import * as equipmentRepo from './equipment.repo.js';
import type { UnitInfo } from './equipment.repo.js';
import {
  ApplyDifferenceInput, CloseStocktakeInput, ConfirmStocktakeInput, CreateStocktakeInput, StocktakeLinesInput, StocktakeQuery,
  type DifferenceTotals, type Signer, type StockCondition, type StocktakeDetail, type StocktakeDifference, type StocktakeDifferences,
  type StocktakeList, type StocktakeSheet, type StocktakeSheetItem, type StocktakeSummary, type StocktakeSurplus, type StocktakeUnitState,
} from './stock.contract.js';
import * as repo from './stock.repo.js';
import type { HeldAssetRow, LineListRow, StocktakeRow, StocktakeUnitRow } from './stock.repo.js';
import { valueAsOf } from './wear.js';
import type { WearClass } from './wear.rules.js';

/** The condition the register's status stands for. */
export function expectedCondition(status: AssetStatus): StockCondition {
  return status === 'in_use' ? 'good' : status === 'idle' ? 'idle' : 'broken';
}

/** The status a condition seen sets, for assets whose status a manager may set directly. */
const STATUS_OF: Record<StockCondition, AssetStatus> = { good: 'in_use', broken: 'broken', idle: 'idle' };
const SETTABLE: readonly AssetStatus[] = ['in_use', 'idle', 'broken'];

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const refOf = (u: { id: string; code: string; name: string }) => ({ id: u.id, code: u.code, name: u.name });

/** Residual value of a whole lot as of `date` (whole đồng). */
export function lotResidual(a: Pick<HeldAssetRow, 'cost' | 'acquired' | 'life_years' | 'wear_class' | 'quantity'>, date: string, quantity = a.quantity): number {
  const v = valueAsOf({ cost: Number(a.cost), acquired: a.acquired, wearClass: a.wear_class as WearClass, lifeYearsOverride: a.life_years }, date, undefined, false);
  return v.residual * quantity;
}

// ------------------------------------------------------------------ loading with access

async function campaign(ctx: Ctx, id: string): Promise<StocktakeRow> {
  requirePermission(ctx, 'equipment:read');
  const s = await ctx.use(repo).getStocktake(id);
  if (!s) throw notFound('stocktake', id);
  return s;
}

/**
 * The units of the campaign the actor sees: all of them when its root is in scope, else those of its
 * units that are (a station sees its own sheet of its centre's campaign). OUT_OF_SCOPE when none.
 */
async function visibleUnitIds(ctx: Ctx, s: StocktakeRow): Promise<string[] | undefined> {
  if (await canAccess(ctx, { permission: 'equipment:read', unit: s.root_unit_id })) return undefined;
  const all = (await ctx.use(repo).stocktakeUnits(s.id)).map((u) => u.org_unit_id);
  const seen = await unitsInScope(ctx, all);
  if (!seen.size) throw outOfScope();
  return all.filter((u) => seen.has(u));
}

/** A unit of the campaign (id or code) the actor may read. */
async function campaignUnit(ctx: Ctx, s: StocktakeRow, ref: string): Promise<UnitInfo> {
  const u = await ctx.use(equipmentRepo).findUnit(ref);
  if (!u) throw notFound('orgUnit', ref);
  if (!(await ctx.use(repo).stocktakeUnit(s.id, u.id))) throw notFound('stocktakeUnit', u.code);
  await requireAccess(ctx, ruleFor(u.id, 'read'));
  return u;
}

// ------------------------------------------------------------------ campaigns

export async function createStocktake(ctx: Ctx, input: unknown): Promise<StocktakeDetail> {
  const x = parse(CreateStocktakeInput, input);
  const today = todayVn();
  const root = await unitFor(ctx, x.orgUnit, 'manage', today);
  const units = await ctx.use(repo).openUnitsBelow(root.id, today);
  const id = uid();
  await ctx.transaction(async (tx) => {
    await tx.use(repo).insertStocktake({ id, name: x.name, as_of: x.asOf, root_unit_id: root.id, created_by: ctx.actor.id }, units.map((u) => u.id));
    await audit(tx, { action: 'equipment.stocktakeCreate', entityType: 'equipment_stocktake', entityId: id, entityCode: root.code, after: { name: x.name, asOf: x.asOf, orgUnit: root.code, units: units.length } });
  });
  return getStocktake(ctx, id);
}

function summaryOf(s: StocktakeRow & { root_code: string; root_name: string }, progress: { units: number; confirmed: number }, names: Map<string, string>): StocktakeSummary {
  return {
    id: s.id, name: s.name, asOf: s.as_of, orgUnit: { id: s.root_unit_id, code: s.root_code, name: s.root_name }, status: s.status,
    createdBy: s.created_by ? (names.get(s.created_by) ?? null) : null, createdAt: iso(s.created_at)!, closedAt: iso(s.closed_at), progress,
  };
}

export async function listStocktakes(ctx: Ctx, input: unknown): Promise<StocktakeList> {
  const q = parse(StocktakeQuery, input);
  requirePermission(ctx, 'equipment:read');
  // A unit's campaigns (its own, its centre's, the province's): the unit asked for, or the user's own.
  const covering = q.orgUnit || scopeOf(ctx).root ? await unitFor(ctx, q.orgUnit, 'read') : undefined;
  const rows = await ctx.use(repo).listStocktakes({ scope: scopeOf(ctx), covering: covering?.id, status: q.status });
  const names = await ctx.use(repo).userNames(rows.map((r) => r.created_by));
  return { stocktakes: rows.map((r) => summaryOf(r, { units: r.units, confirmed: r.confirmed }, names)) };
}

export async function getStocktake(ctx: Ctx, id: string): Promise<StocktakeDetail> {
  const s = await campaign(ctx, id);
  const only = await visibleUnitIds(ctx, s);
  const r = ctx.use(repo);
  const [units, root] = await Promise.all([r.stocktakeUnits(s.id, only), ctx.use(equipmentRepo).unitsByIds([s.root_unit_id])]);
  const diffs = await computeDifferences(ctx, s, units);
  const byUnit = new Map<string, number>();
  for (const d of diffs) byUnit.set(d.orgUnit.id, (byUnit.get(d.orgUnit.id) ?? 0) + 1);
  const active = units.filter((u) => u.held > 0 || u.surplus > 0 || u.confirmed_at);
  const names = await r.userNames([s.created_by, ...active.map((u) => u.confirmed_by)]);
  const all = only ? await r.stocktakeUnits(s.id) : units;
  const counting = all.filter((u) => u.held > 0 || u.surplus > 0);
  const rootUnit = root.get(s.root_unit_id)!;
  return {
    ...summaryOf({ ...s, root_code: rootUnit.code, root_name: rootUnit.name }, { units: counting.length, confirmed: counting.filter((u) => u.confirmed_at).length }, names),
    units: active.map((u) => unitState(u, byUnit.get(u.org_unit_id) ?? 0, names)),
    totals: totalsOf(diffs),
    can: { close: s.status === 'open' && (await canAccess(ctx, ruleFor(s.root_unit_id, 'manage'))) },
  };
}

function unitState(u: StocktakeUnitRow, differences: number, names: Map<string, string>): StocktakeUnitState {
  return {
    orgUnit: { id: u.org_unit_id, code: u.code, name: u.name }, held: u.held, marked: u.marked, surplus: u.surplus, differences,
    confirmedAt: iso(u.confirmed_at), confirmedBy: u.confirmed_by ? (names.get(u.confirmed_by) ?? null) : null, signers: u.signers ?? [],
  };
}

function totalsOf(diffs: StocktakeDifference[]): DifferenceTotals {
  const t: DifferenceTotals = { missing: 0, surplus: 0, condition: 0, quantity: 0 };
  for (const d of diffs) t[d.kind]++;
  return t;
}

// ------------------------------------------------------------------ one unit's sheet

export async function getSheet(ctx: Ctx, id: string, unitRef: string): Promise<StocktakeSheet> {
  const s = await campaign(ctx, id);
  const u = await campaignUnit(ctx, s, unitRef);
  return sheet(ctx, s, u);
}

async function sheet(ctx: Ctx, s: StocktakeRow, u: UnitInfo): Promise<StocktakeSheet> {
  const r = ctx.use(repo);
  const [assets, lines, su, rootUnits] = await Promise.all([
    r.heldAssets([u.id], s.as_of), r.lines(s.id, [u.id]), r.stocktakeUnit(s.id, u.id), ctx.use(equipmentRepo).unitsByIds([s.root_unit_id]),
  ]);
  const byAsset = new Map(lines.filter((l) => l.asset_id).map((l) => [l.asset_id!, l]));
  const en = ctx.locale === 'en';
  const names = await r.userNames([su?.confirmed_by ?? null, ...lines.map((l) => l.updated_by)]);
  const items: StocktakeSheetItem[] = assets.map((a) => {
    const l = byAsset.get(a.id);
    return {
      asset: {
        id: a.id, tag: a.tag, name: a.name, category: a.category_code, categoryName: en ? a.category_name_en : a.category_name, counted: a.counted,
        status: a.status, quantity: a.quantity, cost: Number(a.cost), room: a.room, serial: a.serial, version: a.version,
      },
      expected: expectedCondition(a.status),
      residual: lotResidual(a, s.as_of),
      line: l
        ? { id: l.id, outcome: l.outcome, condition: l.condition, counted: l.counted, note: l.note, updatedBy: l.updated_by ? (names.get(l.updated_by) ?? null) : null, updatedAt: iso(l.updated_at)! }
        : null,
    };
  });
  const surplus: StocktakeSurplus[] = lines.filter((l) => l.outcome === 'surplus').map((l) => ({
    id: l.id, description: l.description ?? '', category: l.category_code ?? '', categoryName: (en ? l.category_name_en : l.category_name) ?? l.category_code ?? '',
    condition: l.condition, counted: l.counted ?? 1, note: l.note,
  }));
  const open = s.status === 'open';
  const confirmed = !!su?.confirmed_at;
  const [report, manage] = await Promise.all([canAccess(ctx, ruleFor(u.id, 'report')), canAccess(ctx, ruleFor(u.id, 'manage'))]);
  const root = rootUnits.get(s.root_unit_id)!;
  return {
    stocktake: { id: s.id, name: s.name, asOf: s.as_of, status: s.status, orgUnit: refOf(root) },
    orgUnit: refOf(u),
    items,
    surplus,
    confirmedAt: iso(su?.confirmed_at ?? null),
    confirmedBy: su?.confirmed_by ? (names.get(su.confirmed_by) ?? null) : null,
    signers: (su?.signers as Signer[] | null) ?? [],
    can: { edit: open && !confirmed && report, reopen: open && confirmed && manage, apply: confirmed && manage },
  };
}

/** The unit counts: many lines at once (the table) or one (the phone). */
export async function saveLines(ctx: Ctx, id: string, unitRef: string, input: unknown): Promise<StocktakeSheet> {
  const x = parse(StocktakeLinesInput, input);
  const s = await campaign(ctx, id);
  const u = await campaignUnit(ctx, s, unitRef);
  await requireAccess(ctx, ruleFor(u.id, 'report'));
  await ctx.transaction(async (tx) => {
    const r = tx.use(repo);
    if ((await r.lockStocktake(s.id, 'share'))?.status !== 'open') throw conflict('equipment.stocktakeClosed');
    if ((await r.lockStocktakeUnit(s.id, u.id))?.confirmed_at) throw conflict('equipment.stocktakeConfirmed');
    const held = new Map((await r.heldAssets([u.id], s.as_of)).map((a) => [a.id, a]));
    const seen = new Set<string>();
    const categories = new Set<string>();
    for (const [i, l] of x.lines.entries()) {
      if (l.outcome === 'surplus') {
        if (!categories.has(l.category)) {
          if (!(await tx.use(equipmentRepo).getCategory(l.category))) throw validation({ [`lines.${i}.category`]: 'equipment.unknownCategory' });
          categories.add(l.category);
        }
        const row = { description: l.description, category_code: l.category, condition: l.condition, counted: l.counted, note: l.note, updated_by: ctx.actor.id };
        if (l.id) {
          if (!(await r.updateSurplus(l.id, s.id, u.id, row))) throw notFound('stocktakeLine', l.id);
        } else await r.insertSurplus({ id: uid(), stocktake_id: s.id, org_unit_id: u.id, ...row });
        continue;
      }
      const a = held.get(l.asset);
      if (!a) throw validation({ [`lines.${i}.asset`]: 'equipment.notInList' });
      if (seen.has(a.id)) throw validation({ [`lines.${i}.asset`]: 'equipment.duplicateLine' });
      seen.add(a.id);
      // Single items are found (1) or missing; a lot counted to zero is missing.
      const counted = l.outcome === 'missing' ? 0 : a.counted ? (l.counted ?? a.quantity) : 1;
      const found = l.outcome === 'found' && counted > 0;
      await r.upsertAssetLine({
        id: uid(), stocktake_id: s.id, org_unit_id: u.id, asset_id: a.id, outcome: found ? 'found' : 'missing',
        condition: found && l.outcome === 'found' ? l.condition : null, counted: found ? counted : 0, note: l.note,
        book_status: a.status, book_quantity: a.quantity, updated_by: ctx.actor.id,
      });
    }
    await r.deleteSurplus(x.removeSurplus, s.id, u.id);
  });
  return sheet(ctx, s, u);
}

/** The unit confirms its count (every asset of its list marked) with its signers. */
export async function confirmUnit(ctx: Ctx, id: string, unitRef: string, input: unknown): Promise<StocktakeSheet> {
  const x = parse(ConfirmStocktakeInput, input);
  const s = await campaign(ctx, id);
  const u = await campaignUnit(ctx, s, unitRef);
  await requireAccess(ctx, ruleFor(u.id, 'report'));
  await ctx.transaction(async (tx) => {
    const r = tx.use(repo);
    if ((await r.lockStocktake(s.id, 'share'))?.status !== 'open') throw conflict('equipment.stocktakeClosed');
    if ((await r.lockStocktakeUnit(s.id, u.id))?.confirmed_at) throw conflict('equipment.stocktakeConfirmed');
    const [state] = await r.stocktakeUnits(s.id, [u.id]);
    const unmarked = (state?.held ?? 0) - (state?.marked ?? 0);
    if (unmarked > 0) throw conflict('equipment.stocktakeUnmarked', { unmarked }, { count: unmarked });
    await r.setUnitConfirmation(s.id, u.id, { confirmed_at: new Date(), confirmed_by: ctx.actor.id, signers: JSON.stringify(x.signers) });
    await audit(tx, { action: 'equipment.stocktakeConfirm', entityType: 'equipment_stocktake', entityId: s.id, entityCode: u.code, after: { signers: x.signers } });
  });
  return sheet(ctx, s, u);
}

/** A manager reopens a unit's confirmed count (to correct it) while the campaign is open. */
export async function reopenUnit(ctx: Ctx, id: string, unitRef: string): Promise<StocktakeSheet> {
  const s = await campaign(ctx, id);
  const u = await campaignUnit(ctx, s, unitRef);
  await requireAccess(ctx, ruleFor(u.id, 'manage'));
  await ctx.transaction(async (tx) => {
    const r = tx.use(repo);
    if ((await r.lockStocktake(s.id, 'share'))?.status !== 'open') throw conflict('equipment.stocktakeClosed');
    if (!(await r.lockStocktakeUnit(s.id, u.id))?.confirmed_at) throw conflict('equipment.stocktakeNotConfirmed');
    await r.setUnitConfirmation(s.id, u.id, { confirmed_at: null, confirmed_by: null, signers: null });
    await audit(tx, { action: 'equipment.stocktakeReopen', entityType: 'equipment_stocktake', entityId: s.id, entityCode: u.code });
  });
  return sheet(ctx, s, u);
}

// ------------------------------------------------------------------ differences

/** The differences of the given units' lines (what each line recorded of the register when written). */
async function computeDifferences(ctx: Ctx, s: StocktakeRow, units: readonly StocktakeUnitRow[]): Promise<StocktakeDifference[]> {
  const unitIds = units.map((u) => u.org_unit_id);
  const r = ctx.use(repo);
  const [lines, assets] = await Promise.all([r.lines(s.id, unitIds), r.heldAssets(unitIds, s.as_of)]);
  const byId = new Map(assets.map((a) => [a.id, a]));
  const unitOf = new Map(units.map((u) => [u.org_unit_id, { id: u.org_unit_id, code: u.code, name: u.name }]));
  return differencesOf(lines, byId, unitOf);
}

export function differencesOf(
  lines: readonly LineListRow[], assets: ReadonlyMap<string, HeldAssetRow>, unitOf: ReadonlyMap<string, { id: string; code: string; name: string }>,
): StocktakeDifference[] {
  const out: StocktakeDifference[] = [];
  for (const l of lines) {
    const unit = unitOf.get(l.org_unit_id);
    if (!unit) continue;
    const base = { orgUnit: unit, lineId: l.id, note: l.note, appliedAt: iso(l.applied_at) };
    if (l.outcome === 'surplus') {
      out.push({ ...base, kind: 'surplus', asset: null, description: l.description ?? '', bookQuantity: 0, counted: l.counted ?? 1, condition: l.condition, expected: null, apply: null });
      continue;
    }
    const a = assets.get(l.asset_id!);
    if (!a) continue; // no longer held (disposed of, transferred): not on this list any more
    const bookStatus = (l.book_status ?? a.status) as AssetStatus;
    const bookQuantity = l.book_quantity ?? a.quantity;
    const asset = { id: a.id, tag: a.tag, name: a.name, status: a.status, quantity: a.quantity, version: a.version };
    const common = { ...base, asset, description: a.name, bookQuantity, expected: expectedCondition(bookStatus) };
    if (l.outcome === 'missing') {
      out.push({ ...common, kind: 'missing', counted: 0, condition: null, apply: null });
      continue;
    }
    const counted = l.counted ?? bookQuantity;
    const change: { status?: AssetStatus; quantity?: number } = {};
    if (l.condition && l.condition !== expectedCondition(bookStatus) && SETTABLE.includes(a.status) && a.status !== STATUS_OF[l.condition]) change.status = STATUS_OF[l.condition];
    if (counted !== bookQuantity && counted >= 1 && a.quantity !== counted) change.quantity = counted;
    const apply = change.status || change.quantity ? change : null;
    if (l.condition && l.condition !== expectedCondition(bookStatus)) out.push({ ...common, kind: 'condition', counted, condition: l.condition, apply: l.applied_at ? null : apply });
    if (counted !== bookQuantity) out.push({ ...common, kind: 'quantity', counted, condition: l.condition, apply: l.applied_at ? null : apply });
  }
  return out;
}

/** The differences of the campaign (the units the actor sees), or of one unit. */
export async function differences(ctx: Ctx, id: string, query: unknown): Promise<StocktakeDifferences> {
  const q = parse(StocktakeQuery.pick({ orgUnit: true }), query);
  const s = await campaign(ctx, id);
  return differencesFor(ctx, s, q.orgUnit);
}

async function differencesFor(ctx: Ctx, s: StocktakeRow, unitRef?: string): Promise<StocktakeDifferences> {
  const only = unitRef ? [(await campaignUnit(ctx, s, unitRef)).id] : await visibleUnitIds(ctx, s);
  const r = ctx.use(repo);
  const [units, rootUnits] = await Promise.all([r.stocktakeUnits(s.id, only), ctx.use(equipmentRepo).unitsByIds([s.root_unit_id])]);
  const diffs = await computeDifferences(ctx, s, units);
  return {
    stocktake: { id: s.id, name: s.name, asOf: s.as_of, status: s.status, orgUnit: refOf(rootUnits.get(s.root_unit_id)!) },
    unconfirmed: units.filter((u) => !u.confirmed_at && (u.held > 0 || u.surplus > 0)).map((u) => ({ id: u.org_unit_id, code: u.code, name: u.name })),
    differences: diffs,
    totals: totalsOf(diffs),
  };
}

/** A manager of the campaign's unit closes it: nothing is applied, the differences are listed. */
export async function closeStocktake(ctx: Ctx, id: string, input: unknown): Promise<StocktakeDifferences> {
  const x = parse(CloseStocktakeInput, input);
  const s = await campaign(ctx, id);
  await requireAccess(ctx, ruleFor(s.root_unit_id, 'manage'));
  await ctx.transaction(async (tx) => {
    const r = tx.use(repo);
    if ((await r.lockStocktake(s.id, 'update'))?.status !== 'open') throw conflict('equipment.stocktakeClosed');
    const pending = (await r.stocktakeUnits(s.id)).filter((u) => !u.confirmed_at && (u.held > 0 || u.surplus > 0));
    if (pending.length && !x.force) {
      throw conflict('equipment.stocktakeUnconfirmed', { units: pending.map((u) => u.code) }, { count: pending.length });
    }
    await r.closeStocktake(s.id);
    await audit(tx, { action: 'equipment.stocktakeClose', entityType: 'equipment_stocktake', entityId: s.id, details: { unconfirmed: pending.map((u) => u.code) } });
  });
  return differencesFor(ctx, { ...s, status: 'closed' });
}

/**
 * Applies the difference of one asset's line to the register (its status from the condition seen, its
 * quantity from the count), once its unit has confirmed; the manager of the asset does it.
 */
export async function applyDifference(ctx: Ctx, id: string, input: unknown): Promise<StocktakeDifferences> {
  const x = parse(ApplyDifferenceInput, input);
  const s = await campaign(ctx, id);
  const a = await assetFor(ctx, x.asset, 'manage');
  const r = ctx.use(repo);
  const line = (await r.lines(s.id, [a.org_unit_id])).find((l) => l.asset_id === a.id);
  if (!line) throw notFound('stocktakeLine', a.tag);
  if (!(await r.stocktakeUnit(s.id, line.org_unit_id))?.confirmed_at) throw conflict('equipment.stocktakeNotConfirmed');
  if (line.applied_at) throw conflict('equipment.alreadyApplied');
  const held = (await r.heldAssets([a.org_unit_id], s.as_of)).find((h) => h.id === a.id);
  const units = await ctx.use(equipmentRepo).unitsByIds([line.org_unit_id]);
  const diff = held ? differencesOf([line], new Map([[a.id, held]]), units).find((d) => d.apply) : undefined;
  if (!diff?.apply) throw conflict('equipment.nothingToApply');
  const change = diff.apply;
  await ctx.transaction(async (tx) => {
    if (!(await tx.use(repo).markApplied(line.id, ctx.actor.id))) throw conflict('equipment.alreadyApplied');
    await changeStatus(tx, { ...a, version: x.version }, change.status ?? a.status, {
      action: 'stocktake', note: x.note ?? `${s.name} (${s.as_of})`, set: change.quantity ? { quantity: change.quantity } : undefined,
    });
  });
  return differencesFor(ctx, s, line.org_unit_id);
}

// ------------------------------------------------------------------ the record's data (documents)

export interface RecordLine {
  unit: { id: string; code: string; name: string };
  tag: string;
  name: string;
  bookQuantity: number;
  counted: number;
  condition: StockCondition | null;
  outcome: 'found' | 'missing' | 'surplus' | 'unmarked';
  /** Cost and residual of the lot as booked (surplus: null). */
  cost: number | null;
  residual: number | null;
  note: string | null;
}

export interface RecordData {
  stocktake: StocktakeRow;
  root: UnitInfo;
  /** The unit the record is of (the campaign's root for the whole campaign). */
  unit: UnitInfo;
  parent: UnitInfo | undefined;
  units: StocktakeUnitRow[];
  lines: RecordLine[];
  differences: StocktakeDifference[];
}

/** What the stocktaking record shows, for one unit of the campaign or the whole of it (the units the actor sees). */
export async function recordData(ctx: Ctx, id: string, unitRef?: string): Promise<RecordData> {
  const s = await campaign(ctx, id);
  const er = ctx.use(equipmentRepo);
  const root = (await er.unitsByIds([s.root_unit_id])).get(s.root_unit_id)!;
  const unit = unitRef ? await campaignUnit(ctx, s, unitRef) : root;
  const only = unitRef ? [unit.id] : await visibleUnitIds(ctx, s);
  const r = ctx.use(repo);
  const units = (await r.stocktakeUnits(s.id, only)).filter((u) => u.held > 0 || u.surplus > 0 || u.confirmed_at);
  const ids = units.map((u) => u.org_unit_id);
  const [assets, lines, parent] = await Promise.all([r.heldAssets(ids, s.as_of), r.lines(s.id, ids), r.parentOf(unit.id, todayVn())]);
  const unitOf = new Map(units.map((u) => [u.org_unit_id, { id: u.org_unit_id, code: u.code, name: u.name }]));
  const byAsset = new Map(lines.filter((l) => l.asset_id).map((l) => [l.asset_id!, l]));
  const out: RecordLine[] = [];
  for (const a of assets) {
    const l = byAsset.get(a.id);
    const book = l?.book_quantity ?? a.quantity;
    const outcome = l ? l.outcome : 'unmarked';
    out.push({
      unit: unitOf.get(a.org_unit_id)!, tag: a.tag, name: a.name, bookQuantity: book,
      counted: l?.outcome === 'found' ? (l.counted ?? book) : 0, condition: l?.condition ?? null, outcome,
      cost: Number(a.cost) * book, residual: lotResidual(a, s.as_of, book), note: l?.note ?? null,
    });
  }
  for (const l of lines.filter((x) => x.outcome === 'surplus')) {
    out.push({ unit: unitOf.get(l.org_unit_id)!, tag: '', name: l.description ?? '', bookQuantity: 0, counted: l.counted ?? 1, condition: l.condition, outcome: 'surplus', cost: null, residual: null, note: l.note });
  }
  const order = new Map(units.map((u, i) => [u.org_unit_id, i]));
  out.sort((p, q) => (order.get(p.unit.id)! - order.get(q.unit.id)!) || (p.outcome === 'surplus' ? 1 : 0) - (q.outcome === 'surplus' ? 1 : 0));
  return { stocktake: s, root, unit, parent, units, lines: out, differences: differencesOf(lines, new Map(assets.map((a) => [a.id, a])), unitOf) };
}
