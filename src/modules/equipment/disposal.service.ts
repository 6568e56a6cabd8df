// Liquidation (thanh lý) and transfer (điều chuyển) of assets, and the idle assets offered as transfer
// candidates (NĐ 151/2017, replaced from 01/07/2025 by NĐ 186/2025; DOMAIN.md, Equipment).
//
// Liquidation: the manager of the asset's unit proposes it with a reason — fully worn (its useful
// life is over), repair costly (an estimate above SOYTE_EQUIPMENT_REPAIR_SHARE % of its cost), beyond
// repair (a work order closed so, or stated in the note) or another reason (a note). Who decides goes
// by its cost: below SOYTE_EQUIPMENT_DECISION_LIMIT the head of the unit that keeps its books (a
// station's centre: an actor with equipment:decide whose scope holds it), at or above it the higher
// body (equipment:decide strictly above that unit: the Department). Approved (with the decision's
// number) → the asset is 'pending_disposal'; carried out → 'disposed'. Rejected → it keeps its status
// (which the proposal never changed).
//
// Transfer: the manager of the holding unit proposes it to a receiving unit; when both units are on the
// same books (two stations of one centre) the head of that unit decides, otherwise the higher body
// (centre → centre: the Department). Approved → the handover minutes (form 01/TSC-BBGN); the sender
// hands it over; a manager or reporter of the receiving unit accepts → the asset moves to that unit,
// in use, with the move in its history.
import { canAccess, requireAccess, requireActorUser, requirePermission, scopeOf, unitsInScope, type AccessRule } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { conflict, notFound, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { assetFor, changeStatus, recordEvent, ruleFor, unitFor } from './assets.service.js';
import { GONE_STATUSES, type AssetStatus } from './equipment.contract.js';
import * as equipmentRepo from './equipment.repo.js';
import type { AssetRow, UnitInfo } from './equipment.repo.js';
import {
  CreateProposalInput, DecideProposalInput, IdleQuery, ProposalQuery, ProposalStepInput,
  type Decider, type IdleAsset, type IdleCandidate, type IdleList, type Proposal, type ProposalList, type ProposalRules,
} from './stock.contract.js';
import * as repo from './stock.repo.js';
import type { ProposalListRow } from './stock.repo.js';
import { valueAsOf } from './wear.js';
import type { WearClass } from './wear.rules.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const refOf = (u: { id: string; code: string; name: string }) => ({ id: u.id, code: u.code, name: u.name });

/** Statuses an asset may be transferred from (a working asset). */
const TRANSFERABLE: readonly AssetStatus[] = ['in_use', 'idle'];

export function proposalRules(ctx: Ctx): ProposalRules {
  requirePermission(ctx, 'equipment:read');
  return { decisionLimit: ctx.config.equipment.decisionLimit, repairSharePct: ctx.config.equipment.repairSharePct };
}

/** Who decides a liquidation of an asset of this cost. */
export function liquidationDecider(cost: number, decisionLimit: number): Decider {
  return cost < decisionLimit ? 'unit' : 'higher';
}

async function accountingUnitOf(ctx: Ctx, unitId: string, date: string): Promise<UnitInfo> {
  const u = await ctx.use(equipmentRepo).accountingUnit(unitId, date);
  if (u) return u;
  // A unit outside any centre or the Department's books keeps its own.
  const self = (await ctx.use(equipmentRepo).unitsByIds([unitId])).get(unitId);
  if (!self) throw notFound('orgUnit', unitId);
  return self;
}

async function residualOf(ctx: Ctx, a: AssetRow, date: string): Promise<number> {
  const k = await ctx.use(equipmentRepo).getCategory(a.category_code);
  const v = valueAsOf({ cost: Number(a.cost), acquired: a.acquired, wearClass: (k?.wear_class ?? 'other') as WearClass, lifeYearsOverride: a.life_years }, date, undefined, false);
  return v.residual * a.quantity;
}

// ------------------------------------------------------------------ proposing

export async function createProposal(ctx: Ctx, input: unknown): Promise<Proposal> {
  const x = parse(CreateProposalInput, input);
  const user = requireActorUser(ctx);
  const today = todayVn();
  // The holder proposes: a manager of the asset's unit (a centre cannot propose another centre's asset).
  const a = await assetFor(ctx, x.asset, 'manage');
  if (GONE_STATUSES.includes(a.status) || a.status === 'pending_disposal') throw conflict('equipment.assetNotAvailable', undefined, { status: a.status });
  const r = ctx.use(repo);
  if (await r.openProposalOf(a.id)) throw conflict('equipment.proposalOpen');
  const from = await accountingUnitOf(ctx, a.org_unit_id, today);
  const id = uid();
  let toUnit: UnitInfo | null = null;
  let decider: Decider;
  let repairEstimate: number | null = null;
  if (x.kind === 'liquidation') {
    const cost = Number(a.cost);
    if (x.reason === 'fully_worn' && !(a.fully_worn_on && a.fully_worn_on <= today)) throw validation({ reason: 'equipment.notFullyWorn' });
    if (x.reason === 'repair_costly') {
      if (x.repairEstimate == null) throw validation({ repairEstimate: 'equipment.repairEstimateRequired' });
      // Repair "above" the share: estimate × 100 > cost × share (whole numbers, no rounding).
      if (!(x.repairEstimate * 100 > cost * ctx.config.equipment.repairSharePct)) throw validation({ repairEstimate: 'equipment.repairNotCostly' });
      repairEstimate = x.repairEstimate;
    }
    if (x.reason === 'beyond_repair' && !x.note && !(await r.closedBeyondRepair(a.id))) throw validation({ note: 'equipment.beyondRepairNote' });
    if (x.reason === 'other' && !x.note) throw validation({ note: 'field.required' });
    decider = liquidationDecider(cost, ctx.config.equipment.decisionLimit);
  } else {
    if (!TRANSFERABLE.includes(a.status)) throw conflict('equipment.assetNotTransferable', undefined, { status: a.status });
    const to = await ctx.use(equipmentRepo).findUnit(x.toUnit);
    if (!to) throw notFound('orgUnit', x.toUnit);
    if (to.id === a.org_unit_id) throw validation({ toUnit: 'equipment.sameUnit' });
    if (!(await r.unitOpen(to.id, today))) throw validation({ toUnit: 'equipment.unitClosed' });
    if (x.reason === 'other' && !x.note) throw validation({ note: 'field.required' });
    const books = await accountingUnitOf(ctx, to.id, today);
    decider = books.id === from.id ? 'unit' : 'higher';
    toUnit = to;
  }
  await ctx.transaction(async (tx) => {
    await tx.use(repo).insertProposal({
      id, kind: x.kind, asset_id: a.id, from_unit_id: a.org_unit_id, to_unit_id: toUnit?.id ?? null, reason: x.reason,
      repair_estimate: repairEstimate, note: x.note, residual: await residualOf(tx, a, today), decider, created_by: user,
    });
    await recordEvent(tx, a.id, a.tag, {
      action: x.kind === 'liquidation' ? 'liquidationProposed' : 'transferProposed',
      after: { proposal: id, reason: x.reason, decider, ...(toUnit ? { toUnit: toUnit.code } : {}), ...(repairEstimate != null ? { repairEstimate } : {}) },
      note: x.note,
    });
  });
  return getProposal(ctx, id);
}

// ------------------------------------------------------------------ who may do what

/** The rule for deciding: the books' unit itself, or strictly above it (and above the receiver's books). */
async function decideRules(
  ctx: Ctx, p: ProposalListRow, date: string, booksOf = (unitId: string) => accountingUnitOf(ctx, unitId, date),
): Promise<AccessRule[]> {
  const books = await booksOf(p.from_unit_id);
  if (p.decider === 'unit') return [{ permission: 'equipment:decide', unit: books.id, asOf: date }];
  const rules: AccessRule[] = [{ permission: 'equipment:decide', unit: books.id, asOf: date, below: true }];
  if (p.to_unit_id) {
    const to = await booksOf(p.to_unit_id);
    if (to.id !== books.id) rules.push({ permission: 'equipment:decide', unit: to.id, asOf: date, below: true });
  }
  return rules;
}

/** A function's answers kept by argument (for one request). */
function memo<T>(fn: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (key) => {
    let v = seen.get(key);
    if (!v) seen.set(key, (v = fn(key)));
    return v;
  };
}

async function requireAll(ctx: Ctx, rules: AccessRule[]): Promise<void> {
  for (const rule of rules) await requireAccess(ctx, rule);
}

/** The proposal, if the actor sees it (its sending or receiving unit in scope). */
async function load(ctx: Ctx, id: string): Promise<ProposalListRow> {
  requirePermission(ctx, 'equipment:read');
  const p = await ctx.use(repo).getProposal(id);
  if (!p) throw notFound('proposal', id);
  if (!(await canAccess(ctx, ruleFor(p.from_unit_id, 'read'))) && !(p.to_unit_id && (await canAccess(ctx, ruleFor(p.to_unit_id, 'read'))))) {
    await requireAccess(ctx, ruleFor(p.from_unit_id, 'read'));
  }
  return p;
}

async function view(ctx: Ctx, rows: ProposalListRow[]): Promise<Proposal[]> {
  if (!rows.length) return [];
  const date = todayVn();
  const er = ctx.use(equipmentRepo);
  const units = await er.unitsByIds(rows.flatMap((p) => [p.from_unit_id, ...(p.to_unit_id ? [p.to_unit_id] : [])]));
  const names = await ctx.use(repo).userNames(rows.flatMap((p) => [p.created_by, p.decided_by, p.handed_over_by, p.accepted_by]));
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const en = ctx.locale === 'en';
  // A list repeats the same units: each unit's books and each access answer are looked up once.
  const booksOf = memo((unitId: string) => accountingUnitOf(ctx, unitId, date));
  const can = memo((key: string) => canAccess(ctx, JSON.parse(key) as AccessRule));
  const allowed = async (rules: AccessRule[]) => {
    for (const r of rules) if (!(await can(JSON.stringify(r)))) return false;
    return true;
  };
  const out: Proposal[] = [];
  for (const p of rows) {
    const books = await booksOf(p.from_unit_id);
    const open = p.status === 'proposed';
    const decide = open && (await allowed(await decideRules(ctx, p, date, booksOf)));
    const manageFrom = await allowed([ruleFor(p.from_unit_id, 'manage', date)]);
    const reportTo = !!p.to_unit_id && p.status === 'handed_over' && (await allowed([ruleFor(p.to_unit_id, 'report', date)]));
    out.push({
      id: p.id, kind: p.kind,
      asset: {
        id: p.asset_id, tag: p.tag, name: p.asset_name, category: p.category_code, categoryName: en ? p.category_name_en : p.category_name,
        status: p.asset_status, cost: Number(p.cost), quantity: p.quantity, acquired: p.acquired, fullyWornOn: p.fully_worn_on,
      },
      fromUnit: refOf(units.get(p.from_unit_id)!), toUnit: p.to_unit_id ? refOf(units.get(p.to_unit_id)!) : null, accountingUnit: refOf(books),
      reason: p.reason, repairEstimate: p.repair_estimate == null ? null : Number(p.repair_estimate), note: p.note, residual: Number(p.residual),
      decider: p.decider, status: p.status, decisionNo: p.decision_no, decidedBy: name(p.decided_by), decidedAt: iso(p.decided_at), decisionNote: p.decision_note,
      handedOverBy: name(p.handed_over_by), handedOverAt: iso(p.handed_over_at), acceptedBy: name(p.accepted_by), acceptedAt: iso(p.accepted_at),
      createdBy: name(p.created_by), createdAt: iso(p.created_at)!,
      can: {
        decide,
        handOver: p.kind === 'transfer' && p.status === 'approved' && manageFrom,
        accept: reportTo,
        done: p.kind === 'liquidation' && p.status === 'approved' && manageFrom,
        withdraw: open && manageFrom,
        minutes: p.kind === 'transfer' && ['approved', 'handed_over', 'done'].includes(p.status),
      },
    });
  }
  return out;
}

export async function getProposal(ctx: Ctx, id: string): Promise<Proposal> {
  const p = await load(ctx, id);
  return (await view(ctx, [p]))[0]!;
}

export async function listProposals(ctx: Ctx, input: unknown): Promise<ProposalList> {
  const q = parse(ProposalQuery, input);
  requirePermission(ctx, 'equipment:read');
  const date = todayVn();
  const unit = q.orgUnit ? await unitFor(ctx, q.orgUnit, 'read', date) : undefined;
  const rows = await ctx.use(repo).listProposals({ scope: scopeOf(ctx), unit: unit?.id, kind: q.kind, status: q.status, asset: q.asset, date });
  let list = await view(ctx, rows);
  if (q.actionable === 'true') list = list.filter((p) => p.can.decide || p.can.handOver || p.can.accept || p.can.done);
  return { proposals: list };
}

// ------------------------------------------------------------------ steps

async function step(ctx: Ctx, p: ProposalListRow, from: ProposalListRow['status'], set: Record<string, unknown>) {
  if (!(await ctx.use(repo).updateProposal(p.id, from, set))) throw conflict('equipment.proposalState', undefined, { status: p.status });
}

function requireStatus(p: ProposalListRow, ...statuses: ProposalListRow['status'][]) {
  if (!statuses.includes(p.status)) throw conflict('equipment.proposalState', { status: p.status }, { status: p.status });
}

/** The asset as it is now (its row), for a change of status at its current version. */
async function assetRow(ctx: Ctx, id: string): Promise<AssetRow> {
  const a = await ctx.use(equipmentRepo).getAsset(id);
  if (!a) throw notFound('asset', id);
  return a;
}

export async function decideProposal(ctx: Ctx, id: string, input: unknown): Promise<Proposal> {
  const x = parse(DecideProposalInput, input);
  const user = requireActorUser(ctx);
  const p = await load(ctx, id);
  const date = todayVn();
  await requireAll(ctx, await decideRules(ctx, p, date));
  requireStatus(p, 'proposed');
  await ctx.transaction(async (tx) => {
    await step(tx, p, 'proposed', {
      status: x.approve ? 'approved' : 'rejected', decision_no: x.decisionNo, decision_note: x.note, decided_by: user, decided_at: new Date(),
    });
    const a = await assetRow(tx, p.asset_id);
    const after = { proposal: p.id, decisionNo: x.decisionNo, decider: p.decider };
    if (x.approve && p.kind === 'liquidation') {
      await changeStatus(tx, a, 'pending_disposal', { action: 'liquidationApproved', note: x.note ?? x.decisionNo });
    } else {
      await recordEvent(tx, a.id, a.tag, { action: `${p.kind}${x.approve ? 'Approved' : 'Rejected'}`, after, note: x.note });
    }
  });
  return getProposal(ctx, id);
}

/** The unit carries out an approved liquidation: the asset is disposed of. */
export async function liquidationDone(ctx: Ctx, id: string, input: unknown): Promise<Proposal> {
  const x = parse(ProposalStepInput, input);
  const user = requireActorUser(ctx);
  const p = await load(ctx, id);
  if (p.kind !== 'liquidation') throw conflict('equipment.proposalState', undefined, { status: p.status });
  await requireAccess(ctx, ruleFor(p.from_unit_id, 'manage'));
  requireStatus(p, 'approved');
  await ctx.transaction(async (tx) => {
    await step(tx, p, 'approved', { status: 'done', accepted_by: user, accepted_at: new Date() });
    await changeStatus(tx, await assetRow(tx, p.asset_id), 'disposed', { action: 'liquidated', note: x.note ?? p.decision_no });
  });
  return getProposal(ctx, id);
}

/** The sender hands over an approved transfer. */
export async function handOver(ctx: Ctx, id: string, input: unknown): Promise<Proposal> {
  const x = parse(ProposalStepInput, input);
  const user = requireActorUser(ctx);
  const p = await load(ctx, id);
  if (p.kind !== 'transfer') throw conflict('equipment.proposalState', undefined, { status: p.status });
  await requireAccess(ctx, ruleFor(p.from_unit_id, 'manage'));
  requireStatus(p, 'approved');
  await ctx.transaction(async (tx) => {
    await step(tx, p, 'approved', { status: 'handed_over', handed_over_by: user, handed_over_at: new Date() });
    await recordEvent(tx, p.asset_id, p.tag, { action: 'transferHandedOver', after: { proposal: p.id }, note: x.note });
  });
  return getProposal(ctx, id);
}

/** The receiving unit accepts: the asset is now its own, in use. */
export async function acceptTransfer(ctx: Ctx, id: string, input: unknown): Promise<Proposal> {
  const x = parse(ProposalStepInput, input);
  const user = requireActorUser(ctx);
  const p = await load(ctx, id);
  if (p.kind !== 'transfer' || !p.to_unit_id) throw conflict('equipment.proposalState', undefined, { status: p.status });
  await requireAccess(ctx, ruleFor(p.to_unit_id, 'report'));
  requireStatus(p, 'handed_over');
  const to = p.to_unit_id;
  await ctx.transaction(async (tx) => {
    await step(tx, p, 'handed_over', { status: 'done', accepted_by: user, accepted_at: new Date() });
    const a = await assetRow(tx, p.asset_id);
    if (a.org_unit_id !== p.from_unit_id) throw conflict('equipment.staleAsset');
    await changeStatus(tx, a, 'in_use', { action: 'transferred', note: x.note ?? p.decision_no, set: { org_unit_id: to, room: null } });
  });
  return getProposal(ctx, id);
}

/** The proposer's unit withdraws a proposal not yet decided. */
export async function withdrawProposal(ctx: Ctx, id: string, input: unknown): Promise<Proposal> {
  const x = parse(ProposalStepInput, input);
  const p = await load(ctx, id);
  await requireAccess(ctx, ruleFor(p.from_unit_id, 'manage'));
  requireStatus(p, 'proposed');
  await ctx.transaction(async (tx) => {
    await step(tx, p, 'proposed', { status: 'withdrawn', decision_note: x.note });
    await recordEvent(tx, p.asset_id, p.tag, { action: `${p.kind}Withdrawn`, after: { proposal: p.id }, note: x.note });
  });
  return getProposal(ctx, id);
}

/** The proposal and what the handover minutes show (the transfer must be approved). */
export async function minutesData(ctx: Ctx, id: string) {
  const p = await load(ctx, id);
  if (p.kind !== 'transfer' || !['approved', 'handed_over', 'done'].includes(p.status)) throw conflict('equipment.minutesNotReady');
  const [proposal] = await view(ctx, [p]);
  const er = ctx.use(equipmentRepo);
  const a = await er.getAsset(p.asset_id);
  const date = todayVn();
  const [fromBooks, toBooks] = await Promise.all([accountingUnitOf(ctx, p.from_unit_id, date), accountingUnitOf(ctx, p.to_unit_id!, date)]);
  const higher = proposal!.decider === 'higher' ? ((await ctx.use(repo).parentOf(fromBooks.id, date)) ?? fromBooks) : fromBooks;
  return { proposal: proposal!, asset: a!, fromBooks, toBooks, decidedBy: higher };
}

// ------------------------------------------------------------------ idle assets

/**
 * Idle assets of a unit's subtree, each with the units in the caller's scope whose missing list lacks
 * its category (standard lists by unit kind against each unit's own functional stock).
 */
export async function idleAssets(ctx: Ctx, input: unknown): Promise<IdleList> {
  const q = parse(IdleQuery, input);
  const date = todayVn();
  const unit = await unitFor(ctx, q.orgUnit, 'read', date);
  const er = ctx.use(equipmentRepo);
  const idle = await er.listAssets({ root: unit.id, date, statuses: ['idle'] });
  const en = ctx.locale === 'en';
  // The units the caller may offer to: those of its scope (the whole tree for the system).
  const roots = scopeOf(ctx).root ? [scopeOf(ctx).root!] : await er.rootUnitIds(date);
  const gaps = new Map<string, IdleCandidate[]>(); // category → candidates
  if (idle.length) {
    const categories = new Set(idle.map((a) => a.category_code));
    for (const kind of ['station', 'health_centre']) {
      const standard = (await er.standardItems(kind)).filter((s) => s.categories.some((c) => categories.has(c)));
      if (!standard.length) continue;
      const units = (await Promise.all(roots.map((r) => er.unitsOfKindBelow(r, kind, date)))).flat();
      const seen = await unitsInScope(ctx, units.map((u) => u.id), date);
      const offered = units.filter((u) => seen.has(u.id));
      const stock = new Map<string, number>();
      for (const row of await er.functionalByUnitCategory(offered.map((u) => u.id), date, ['in_use', 'idle'])) stock.set(`${row.unit_id}|${row.category_code}`, row.n);
      for (const u of offered) {
        for (const s of standard) {
          const functional = s.categories.reduce((n, c) => n + (stock.get(`${u.id}|${c}`) ?? 0), 0);
          const missing = s.required - functional;
          if (missing <= 0) continue;
          for (const c of s.categories) {
            if (!categories.has(c)) continue;
            let list = gaps.get(c);
            if (!list) gaps.set(c, (list = []));
            list.push({ orgUnit: refOf(u), item: (en && s.name_en) || s.name, missing });
          }
        }
      }
    }
  }
  const assets: IdleAsset[] = idle.map((a) => ({
    id: a.id, tag: a.tag, name: a.name, category: a.category_code, categoryName: a.category_name, status: a.status, cost: Number(a.cost),
    quantity: a.quantity, acquired: a.acquired, orgUnit: { id: a.unit_id, code: a.unit_code, name: a.unit_name }, room: a.room,
    riskClass: a.risk_class, fullyWornOn: a.fully_worn_on, nextDue: a.next_due,
    candidates: (gaps.get(a.category_code) ?? [])
      .filter((c) => c.orgUnit.id !== a.unit_id)
      .sort((x, y) => y.missing - x.missing || x.orgUnit.code.localeCompare(y.orgUnit.code))
      .slice(0, 50),
  }));
  return { orgUnit: refOf(unit), date, assets };
}
