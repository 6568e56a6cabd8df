// Org-unit domain logic: the effective-dated tree, queried "as of" a date, and its changes (open,
// rename, move, close, merge, split), each with a date and a reason, audited. Every change keeps the
// tree a tree on every date: changes that would make a cycle, merge a unit into its own descendant or
// put a unit on a level its kind does not allow are refused (409), and the whole tree is checked again
// inside the change's transaction (`treeProblems`) before it commits.
import { isGlobal, requireAccess, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, notFound, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { hierarchySignal } from '../../core/versions.js';
import { openEnded, todayVn } from '../../lib/dates.js';
import { searchKey } from '../../lib/text.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import {
  AsOfQuery,
  CloseInput,
  CreateUnitInput,
  MergeInput,
  MoveInput,
  RenameInput,
  SearchQuery,
  SplitInput,
  UNIT_KIND_LEVELS,
  type NewUnit,
  type OuDetails,
  type OuGroupSet,
  type OuLevel,
  type OuNode,
  type OuSearchHit,
  type SuccessorInput,
  type UnitKind,
} from './orgunits.contract.js';
import * as repo from './orgunits.repo.js';

export { UNIT_KINDS } from './orgunits.contract.js';

const dateOrToday = (input: unknown) => parse(AsOfQuery, input).asOf ?? todayVn();

function node(s: repo.UnitState, childCount: number): OuNode {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    level: s.level,
    kind: s.kind as UnitKind,
    openingDate: s.opening_date,
    closedDate: s.closed_date,
    childCount,
  };
}

/** The actor's scope roots as of a date: their own unit, or every top-level unit for global actors. */
export async function roots(ctx: Ctx, input: unknown): Promise<OuNode[]> {
  requirePermission(ctx, 'orgunit:read');
  const asOf = dateOrToday(input);
  const units = ctx.use(repo);
  const { root } = scopeOf(ctx);
  let states: repo.UnitState[];
  if (root === null) {
    states = await units.rootStates(asOf);
  } else {
    const s = await units.stateOf(root, asOf);
    states = s ? [s] : [];
  }
  const counts = await units.childCounts(states.map((s) => s.id), asOf);
  return states.map((s) => node(s, counts.get(s.id) ?? 0));
}

export async function children(ctx: Ctx, id: string, input: unknown): Promise<OuNode[]> {
  requirePermission(ctx, 'orgunit:read');
  const asOf = dateOrToday(input);
  const unit = await requireUnit(ctx, id);
  const units = ctx.use(repo);
  const rows = await units.childStates(unit.id, asOf);
  const counts = await units.childCounts(rows.map((r) => r.id), asOf);
  return rows.map((s) => node(s, counts.get(s.id) ?? 0));
}

/** Search by name or code, ignoring case and tone marks ("Thanh Hoá" finds "Thanh Hóa"). */
export async function search(ctx: Ctx, input: unknown): Promise<OuSearchHit[]> {
  requirePermission(ctx, 'orgunit:read');
  const { q, asOf, limit } = parse(SearchQuery, input);
  const units = ctx.use(repo);
  const rows = await units.searchUnits(searchKey(q), scopeOf(ctx), asOf, limit);
  const parentIds = [...new Set(rows.map((r) => r.parent_id).filter((p): p is string => !!p))];
  const parents = new Map((await units.unitNames(parentIds)).map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind as UnitKind,
    parentName: r.parent_id ? parents.get(r.parent_id) ?? null : null,
    openingDate: r.opening_date,
    closedDate: r.closed_date,
  }));
}

/** Finds a unit by id or code inside the actor's scope (NOT_FOUND / OUT_OF_SCOPE otherwise). */
async function requireUnit(ctx: Ctx, idOrCode: string) {
  const unit = await ctx.use(repo).findUnit(idOrCode);
  if (!unit) throw notFound('orgUnit', idOrCode);
  await requireAccess(ctx, { unit: unit.id });
  return unit;
}

export async function details(ctx: Ctx, idOrCode: string, input: unknown = {}): Promise<OuDetails> {
  requirePermission(ctx, 'orgunit:read');
  const asOf = dateOrToday(input);
  const unit = await requireUnit(ctx, idOrCode);
  return detailsOf(ctx, unit.id, asOf);
}

async function detailsOf(ctx: Ctx, id: string, asOf: string): Promise<OuDetails> {
  const units = ctx.use(repo);
  const state = (await units.stateOf(id, asOf))!;
  const [versions, events, preds, succs, groups, ancestors] = await Promise.all([
    units.versionsOf(id),
    units.eventsOf(id),
    units.linksOf(id, 'predecessors'),
    units.linksOf(id, 'successors'),
    units.groupsOf(id),
    units.unitNames(state.path),
  ]);
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  const chain = state.path.map((pid, i) => ({ ...byId.get(pid)!, level: i + 1 }));
  const parent = state.parent_id ? byId.get(state.parent_id)! : null;
  const link = (l: (typeof preds)[number]) => ({
    unit: { id: l.id, code: l.code, name: l.name },
    kind: l.kind as 'full' | 'partial',
    weight: l.weight,
    date: l.event_date,
  });
  return {
    id: state.id,
    code: state.code,
    name: state.name,
    nameEn: state.name_en,
    shortName: state.short_name,
    kind: state.kind as UnitKind,
    adminCode: state.admin_code,
    adminLevel: state.admin_level,
    level: state.level,
    openingDate: state.opening_date,
    closedDate: state.closed_date,
    openOnDate: state.valid_from <= asOf && asOf < state.valid_to,
    asOf,
    parent: parent ? { id: parent.id, code: parent.code, name: parent.name } : null,
    ancestors: chain.slice(0, -1),
    groups: groups.map((g) => ({ id: g.id, code: g.code, name: g.name, nameEn: g.name_en, groupSet: g.set_code ? { code: g.set_code, name: g.set_name! } : null })),
    versions: versions.map((v) => ({
      validFrom: v.valid_from,
      validTo: openEnded(v.valid_to),
      name: v.name,
      parent: v.parent_id ? { id: v.parent_id, code: v.parent_code!, name: v.parent_name! } : null,
    })),
    events: events.map((e) => ({
      id: e.id, type: e.type as OuDetails['events'][number]['type'], date: e.event_date, reason: e.reason, createdBy: e.created_by, createdAt: new Date(e.created_at).toISOString(),
    })),
    predecessors: preds.map(link),
    successors: succs.map(link),
  };
}

// ---------------------------------------------------------------- changes

/** The invariants of the tree as problems (`soyte db check`, tests, and every structural change). */
export function treeProblems(ctx: Ctx): Promise<repo.TreeProblem[]> {
  return ctx.use(repo).treeProblems(UNIT_KIND_LEVELS);
}

const problemKey = (p: repo.TreeProblem) => `${p.check}|${p.unitId}|${p.from}`;

/**
 * Runs a structural change in one transaction: lock, change, rebuild the derived tree, check the tree
 * (refusing the change if it broke an invariant that held before), audit (inside `fn`).
 */
async function structural<T>(ctx: Ctx, date: string, future: boolean, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  requirePermission(ctx, 'orgunit:write');
  const maxDays = ctx.config.structureMaxDaysAhead;
  const limit = new Date(Date.parse(`${todayVn()}T00:00:00Z`) + maxDays * 86_400_000).toISOString().slice(0, 10);
  if (date > limit && !future) {
    throw new AppError('VALIDATION_FAILED', 'orgUnit.farFuture', { fields: { date: 'orgUnit.farFuture' } }, { days: maxDays, date });
  }
  const result = await ctx.transaction(async (tx) => {
    const units = tx.use(repo);
    await units.lockStructure();
    const before = new Set((await treeProblems(tx)).map(problemKey));
    const r = await fn(tx);
    await units.rebuildHierarchy();
    const introduced = (await treeProblems(tx)).filter((p) => !before.has(problemKey(p)));
    if (introduced.length) {
      const first = introduced[0];
      throw conflict('orgUnit.wouldCorrupt', { problems: introduced.slice(0, 20) }, { code: first.code, date: first.from });
    }
    return r;
  });
  hierarchySignal.bump();
  return result;
}

async function requireOpen(tx: Ctx, id: string, unitCode: string, date: string) {
  if (!(await tx.use(repo).isOpenOn(id, date))) throw conflict('orgUnit.notOpen', { code: unitCode, date }, { code: unitCode, date });
}

/** The level a unit of `kind` would have under `parentId` on `date`; refuses a level its kind does not allow. */
async function requireLevelFor(tx: Ctx, kind: UnitKind, parentId: string | null, date: string, unitCode: string): Promise<number> {
  const level = parentId === null ? 1 : ((await tx.use(repo).levelOn(parentId, date)) ?? 0) + 1;
  if (!(UNIT_KIND_LEVELS[kind] as readonly number[]).includes(level)) {
    throw conflict('orgUnit.levelMismatch', { field: 'parentId', level, kind }, { code: unitCode, level });
  }
  return level;
}

/** Inserts a new unit (no event, no audit): shared by create, merge and split. */
async function insertUnit(tx: Ctx, u: NewUnit, date: string) {
  const units = tx.use(repo);
  if (await units.codeExists(u.code)) throw conflict('orgUnit.codeTaken', { field: 'code' }, { code: u.code });
  let parentId: string | null = null;
  if (u.parentId === null) {
    if (!isGlobal(tx.actor)) throw new AppError('FORBIDDEN', 'orgUnit.rootOnlyAdmin');
  } else {
    const parent = await units.findUnit(u.parentId);
    if (!parent) throw validation({ parentId: 'field.invalid' });
    await requireOpen(tx, parent.id, parent.code, date);
    await requireAccess(tx, { unit: parent.id, asOf: date });
    parentId = parent.id;
  }
  const level = await requireLevelFor(tx, u.kind, parentId, date, u.code);
  const id = uid();
  await units.insertUnit({
    id, code: u.code, name: u.name, nameEn: u.nameEn ?? null, shortName: u.shortName ?? null, kind: u.kind,
    adminCode: u.adminCode ?? null, adminLevel: u.adminLevel ?? null, openingDate: date, searchKey: searchKey(`${u.name} ${u.code}`), parentId,
  });
  return { id, code: u.code, level };
}

export async function create(ctx: Ctx, input: unknown): Promise<OuDetails> {
  const data = parse(CreateUnitInput, input);
  const id = await structural(ctx, data.openingDate, data.future, async (tx) => {
    const unit = await insertUnit(tx, data, data.openingDate);
    await tx.use(repo).insertEvent({ type: 'open', date: data.openingDate, reason: data.reason, createdBy: tx.actor.id }, [{ id: unit.id, role: 'subject' }]);
    await audit(tx, { action: 'orgUnit.create', entityType: 'orgUnit', entityId: unit.id, entityCode: unit.code, after: data });
    return unit.id;
  });
  return detailsOf(ctx, id, data.openingDate);
}

/** Common checks for a change of one unit on a date: in scope, open then, after its last change. */
async function changeable(tx: Ctx, idOrCode: string, date: string) {
  const units = tx.use(repo);
  const unit = await units.findUnit(idOrCode);
  if (!unit) throw notFound('orgUnit', idOrCode);
  await requireOpen(tx, unit.id, unit.code, date);
  await requireAccess(tx, { unit: unit.id, asOf: date });
  const last = (await units.lastVersion(unit.id))!;
  if (date <= last.valid_from) throw conflict('orgUnit.beforeLastChange', { field: 'date' }, { date: last.valid_from });
  return { unit, last };
}

async function allNames(tx: Ctx, id: string, unitCode: string): Promise<string> {
  const names = (await tx.use(repo).versionsOf(id)).map((v) => v.name);
  return searchKey([...new Set(names)].join(' | ') + ` ${unitCode}`);
}

export async function rename(ctx: Ctx, idOrCode: string, input: unknown): Promise<OuDetails> {
  const data = parse(RenameInput, input);
  const id = await structural(ctx, data.date, data.future, async (tx) => {
    const units = tx.use(repo);
    const { unit, last } = await changeable(tx, idOrCode, data.date);
    if (last.name === data.name) throw conflict('orgUnit.sameName', { field: 'name' });
    await units.splitVersion(unit.id, data.date, { name: data.name, parent_id: last.parent_id });
    await units.setCurrentName(unit.id, data.name);
    await units.refreshSearchKey(unit.id, await allNames(tx, unit.id, unit.code));
    await units.insertEvent({ type: 'rename', date: data.date, reason: data.reason, createdBy: tx.actor.id }, [{ id: unit.id, role: 'subject' }]);
    await audit(tx, {
      action: 'orgUnit.rename', entityType: 'orgUnit', entityId: unit.id, entityCode: unit.code,
      before: { name: last.name }, after: { name: data.name }, details: { date: data.date, reason: data.reason },
    });
    return unit.id;
  });
  return detailsOf(ctx, id, data.date);
}

export async function move(ctx: Ctx, idOrCode: string, input: unknown): Promise<OuDetails> {
  const data = parse(MoveInput, input);
  const id = await structural(ctx, data.date, data.future, async (tx) => {
    const units = tx.use(repo);
    const { unit, last } = await changeable(tx, idOrCode, data.date);
    const parent = await units.findUnit(data.parentId);
    if (!parent) throw validation({ parentId: 'field.invalid' });
    await requireOpen(tx, parent.id, parent.code, data.date);
    await requireAccess(tx, { unit: parent.id, asOf: data.date });
    if (parent.id === last.parent_id) throw conflict('orgUnit.sameParent', { field: 'parentId' });
    if (await units.isUnderFrom(unit.id, parent.id, data.date)) throw conflict('orgUnit.cycle', { field: 'parentId' });
    await requireLevelFor(tx, unit.kind as UnitKind, parent.id, data.date, unit.code);
    await units.splitVersion(unit.id, data.date, { name: last.name, parent_id: parent.id });
    await units.insertEvent({ type: 'move', date: data.date, reason: data.reason, createdBy: tx.actor.id }, [{ id: unit.id, role: 'subject' }]);
    await audit(tx, {
      action: 'orgUnit.move', entityType: 'orgUnit', entityId: unit.id, entityCode: unit.code,
      before: { parentId: last.parent_id }, after: { parentId: parent.id }, details: { date: data.date, reason: data.reason },
    });
    return unit.id;
  });
  return detailsOf(ctx, id, data.date);
}

/** Closes a unit from `date` (its last open day is the day before). */
async function closeUnit(tx: Ctx, id: string, date: string) {
  const units = tx.use(repo);
  await units.splitVersion(id, date, null);
  await units.setClosed(id, date);
}

export async function close(ctx: Ctx, idOrCode: string, input: unknown): Promise<OuDetails> {
  const data = parse(CloseInput, input);
  const id = await structural(ctx, data.date, data.future, async (tx) => {
    const { unit } = await changeable(tx, idOrCode, data.date);
    const open = await tx.use(repo).openChildrenOn(unit.id, data.date);
    if (open.length) throw conflict('orgUnit.hasOpenChildren', { children: open.length }, { count: open.length });
    await closeUnit(tx, unit.id, data.date);
    await tx.use(repo).insertEvent({ type: 'close', date: data.date, reason: data.reason, createdBy: tx.actor.id }, [{ id: unit.id, role: 'subject' }]);
    await audit(tx, {
      action: 'orgUnit.close', entityType: 'orgUnit', entityId: unit.id, entityCode: unit.code,
      before: { closedDate: null }, after: { closedDate: data.date }, details: { reason: data.reason },
    });
    return unit.id;
  });
  return detailsOf(ctx, id, data.date);
}

/** The successor of a merge or a split: an existing unit (open, in scope) or one created here. */
async function resolveSuccessor(tx: Ctx, s: SuccessorInput, date: string) {
  if ('existingId' in s) {
    const unit = await tx.use(repo).findUnit(s.existingId);
    if (!unit) throw validation({ 'successor.existingId': 'field.invalid' });
    await requireOpen(tx, unit.id, unit.code, date);
    await requireAccess(tx, { unit: unit.id, asOf: date });
    return { id: unit.id, code: unit.code, level: await tx.use(repo).levelOn(unit.id, date), created: false };
  }
  return { ...(await insertUnit(tx, s.create, date)), created: true };
}

/**
 * A predecessor and its successor must sit on the same level of the tree (a station merges into a
 * station, a health centre into a health centre), and the successor cannot lie inside the
 * predecessor's subtree (a centre cannot be merged into one of its own stations).
 */
async function requireCompatible(
  tx: Ctx,
  predecessor: { id: string; code: string },
  successor: { id: string; code: string; level: number | undefined },
  date: string,
) {
  const units = tx.use(repo);
  if (await units.isUnderFrom(predecessor.id, successor.id, date)) {
    throw conflict('orgUnit.intoDescendant', { predecessor: predecessor.code, successor: successor.code }, { code: predecessor.code, successor: successor.code });
  }
  if ((await units.levelOn(predecessor.id, date)) !== successor.level) throw conflict('orgUnit.levelsDiffer', { predecessor: predecessor.code, successor: successor.code }, { code: predecessor.code, successor: successor.code });
}

/**
 * Merge: the predecessors close on `date` and their history continues in the successor (an existing
 * unit, or one created here). Their open children move to the successor. Links are full unless listed
 * as partial (the predecessor was shared among several successors).
 */
export async function merge(ctx: Ctx, input: unknown): Promise<OuDetails> {
  const data = parse(MergeInput, input);
  const id = await structural(ctx, data.date, data.future, async (tx) => {
    const units = tx.use(repo);
    const successor = await resolveSuccessor(tx, data.successor, data.date);
    const partial = new Map((data.partial ?? []).map((p) => [p.predecessorId, p.weight ?? null]));
    const preds = [];
    for (const pid of new Set(data.predecessorIds)) {
      const { unit } = await changeable(tx, pid, data.date);
      if (unit.id === successor.id) throw validation({ predecessorIds: 'field.invalid' });
      await requireCompatible(tx, unit, successor, data.date);
      if (await units.linkExists(unit.id, successor.id)) throw conflict('orgUnit.linkTwice', undefined, { code: unit.code });
      preds.push(unit);
    }
    const eventId = await units.insertEvent({ type: 'merge', date: data.date, reason: data.reason, createdBy: tx.actor.id }, [
      ...preds.map((p) => ({ id: p.id, role: 'predecessor' as const })),
      { id: successor.id, role: 'successor' },
    ]);
    for (const p of preds) {
      const isPartial = partial.has(p.id) || partial.has(p.code);
      if (!isPartial) {
        for (const child of await units.openChildrenOn(p.id, data.date)) {
          const last = (await units.lastVersion(child))!;
          await units.splitVersion(child, data.date, { name: last.name, parent_id: successor.id });
        }
        await closeUnit(tx, p.id, data.date);
      }
      await units.insertLink({
        eventId, predecessorId: p.id, successorId: successor.id,
        kind: isPartial ? 'partial' : 'full',
        weight: isPartial ? partial.get(p.id) ?? partial.get(p.code) ?? null : 1,
      });
    }
    await audit(tx, {
      action: 'orgUnit.merge', entityType: 'orgUnit', entityId: successor.id, entityCode: successor.code,
      after: { predecessors: preds.map((p) => p.code), successor: successor.code, createdSuccessor: successor.created },
      details: { date: data.date, reason: data.reason },
    });
    return successor.id;
  });
  return detailsOf(ctx, id, data.date);
}

/** Split: the unit's history is shared among several successors (partial links, optional weights). */
export async function split(ctx: Ctx, idOrCode: string, input: unknown): Promise<OuDetails> {
  const data = parse(SplitInput, input);
  const weights = data.successors.map((s) => s.weight).filter((w): w is number => w != null);
  if (weights.length === data.successors.length && !data.keepOpen && Math.abs(weights.reduce((a, b) => a + b, 0) - 1) > 1e-6) {
    throw validation({ successors: 'orgUnit.weights' }, 'orgUnit.weights');
  }
  const id = await structural(ctx, data.date, data.future, async (tx) => {
    const units = tx.use(repo);
    const { unit } = await changeable(tx, idOrCode, data.date);
    if (!data.keepOpen) {
      const open = await units.openChildrenOn(unit.id, data.date);
      if (open.length) throw conflict('orgUnit.hasOpenChildren', { children: open.length }, { count: open.length });
    }
    const succs = [];
    for (const s of data.successors) succs.push({ ...(await resolveSuccessor(tx, s.target, data.date)), weight: s.weight ?? null });
    for (const s of succs) {
      if (s.id === unit.id) throw validation({ successors: 'field.invalid' });
      await requireCompatible(tx, unit, s, data.date);
    }
    const eventId = await units.insertEvent({ type: 'split', date: data.date, reason: data.reason, createdBy: tx.actor.id }, [
      { id: unit.id, role: 'predecessor' },
      ...succs.map((s) => ({ id: s.id, role: 'successor' as const })),
    ]);
    for (const s of succs) {
      if (await units.linkExists(unit.id, s.id)) throw conflict('orgUnit.linkTwice', undefined, { code: unit.code });
      await units.insertLink({ eventId, predecessorId: unit.id, successorId: s.id, kind: 'partial', weight: s.weight });
    }
    if (!data.keepOpen) await closeUnit(tx, unit.id, data.date);
    await audit(tx, {
      action: 'orgUnit.split', entityType: 'orgUnit', entityId: unit.id, entityCode: unit.code,
      after: { successors: succs.map((s) => ({ code: s.code, weight: s.weight, created: s.created })), keepOpen: data.keepOpen },
      details: { date: data.date, reason: data.reason },
    });
    return unit.id;
  });
  return detailsOf(ctx, id, data.date);
}

export async function listLevels(ctx: Ctx): Promise<OuLevel[]> {
  requirePermission(ctx, 'orgunit:read');
  return (await ctx.use(repo).levels()).map((l) => ({ level: l.level, name: l.name, nameEn: l.name_en }));
}

/** Group sets (unit type, area type, zone …) with their groups and member counts within the scope. */
export async function listGroups(ctx: Ctx): Promise<OuGroupSet[]> {
  requirePermission(ctx, 'orgunit:read');
  const rows = await ctx.use(repo).groupsWithCounts(scopeOf(ctx));
  const sets = new Map<string, OuGroupSet>();
  for (const r of rows) {
    const key = r.set_code ?? '';
    if (!sets.has(key)) sets.set(key, { code: key, name: r.set_name ?? '', nameEn: r.set_name_en ?? null, groups: [] });
    sets.get(key)!.groups.push({ id: r.id, code: r.code, name: r.name, nameEn: r.name_en, members: Number(r.members) });
  }
  return [...sets.values()];
}
