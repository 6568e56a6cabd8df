// Org-unit domain logic: the effective-dated tree, queried "as of" a date, and its changes
// (open, rename, move, close, merge, split), each with a date and a reason, audited.
import { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, conflict, notFound, validation } from '../../lib/errors.js';
import { openEnded, todayVn } from '../../lib/dates.js';
import { searchKey } from '../../lib/text.js';
import { uid } from '../../lib/uid.js';
import { isoDate, nonEmpty, parse } from '../../lib/validate.js';
import { insertAudit } from '../audit/audit.service.js';
import { isGlobal, requirePermission, requireUnitInScope, type Ctx } from '../users/access.js';
import * as repo from './orgunits.repo.js';

export const UNIT_KINDS = ['department', 'health_centre', 'station', 'hospital', 'cdc'] as const;

const asOfSchema = z.object({ asOf: isoDate.optional() });
const dateOrToday = (input: unknown) => parse(asOfSchema, input).asOf ?? todayVn();

function node(s: repo.UnitState, childCount: number) {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    level: s.level,
    kind: s.kind,
    openingDate: s.opening_date,
    closedDate: s.closed_date,
    childCount,
  };
}

/** The actor's scope roots as of a date: their own unit, or every top-level unit for global actors. */
export async function roots(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'orgunit:read');
  const asOf = dateOrToday(input);
  let states: repo.UnitState[];
  if (isGlobal(ctx.actor)) {
    states = (await repo.unitStates(ctx.db, asOf).where('p.level', '=', 1).orderBy('p.name').execute()) as repo.UnitState[];
  } else {
    const s = await repo.stateOf(ctx.db, ctx.actor.orgUnitId!, asOf);
    states = s ? [s] : [];
  }
  const counts = await repo.childCounts(ctx.db, states.map((s) => s.id), asOf);
  return states.map((s) => node(s, counts.get(s.id) ?? 0));
}

export async function children(ctx: Ctx, id: string, input: unknown) {
  requirePermission(ctx, 'orgunit:read');
  const asOf = dateOrToday(input);
  const unit = await requireUnit(ctx, id);
  const rows = (await repo
    .unitStates(ctx.db, asOf)
    .where('p.parent_id', '=', unit.id)
    .orderBy('p.name')
    .execute()) as repo.UnitState[];
  const counts = await repo.childCounts(ctx.db, rows.map((r) => r.id), asOf);
  return rows.map((s) => node(s, counts.get(s.id) ?? 0));
}

const searchSchema = z.object({
  q: z.string().trim().min(1).max(100),
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

/** Search by name or code, ignoring case and tone marks ("Thanh Hoá" finds "Thanh Hóa"). */
export async function search(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'orgunit:read');
  const { q, asOf, limit } = parse(searchSchema, input);
  const rows = (await repo.searchUnits(ctx.db, searchKey(q), ctx.actor.orgUnitId, asOf, limit)) as repo.UnitState[];
  const parents = new Map(
    (await repo.unitNames(ctx.db, [...new Set(rows.map((r) => r.parent_id).filter((p): p is string => !!p))])).map(
      (p) => [p.id, p.name],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    parentName: r.parent_id ? parents.get(r.parent_id) ?? null : null,
    openingDate: r.opening_date,
    closedDate: r.closed_date,
  }));
}

/** Finds a unit by id or code inside the actor's scope (NOT_FOUND / OUT_OF_SCOPE otherwise). */
async function requireUnit(ctx: Ctx, idOrCode: string) {
  const unit = await repo.findUnit(ctx.db, idOrCode);
  if (!unit) throw notFound('orgUnit', idOrCode);
  await requireUnitInScope(ctx, unit.id);
  return unit;
}

export async function details(ctx: Ctx, idOrCode: string, input: unknown = {}) {
  requirePermission(ctx, 'orgunit:read');
  const asOf = dateOrToday(input);
  const unit = await requireUnit(ctx, idOrCode);
  return detailsOf(ctx.db, unit.id, asOf);
}

async function detailsOf(db: Kysely<DB>, id: string, asOf: string) {
  const state = (await repo.stateOf(db, id, asOf))!;
  const [versions, events, preds, succs, groups, ancestors] = await Promise.all([
    repo.versionsOf(db, id),
    repo.eventsOf(db, id),
    repo.linksOf(db, id, 'predecessors'),
    repo.linksOf(db, id, 'successors'),
    repo.groupsOf(db, id),
    repo.unitNames(db, state.path),
  ]);
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  const chain = state.path.map((pid, i) => ({ ...byId.get(pid)!, level: i + 1 }));
  const parent = state.parent_id ? byId.get(state.parent_id)! : null;
  const link = (l: (typeof preds)[number]) => ({
    unit: { id: l.id, code: l.code, name: l.name },
    kind: l.kind,
    weight: l.weight,
    date: l.event_date,
  });
  return {
    id: state.id,
    code: state.code,
    name: state.name,
    nameEn: state.name_en,
    shortName: state.short_name,
    kind: state.kind,
    adminCode: state.admin_code,
    adminLevel: state.admin_level,
    level: state.level,
    openingDate: state.opening_date,
    closedDate: state.closed_date,
    openOnDate: state.valid_from <= asOf && asOf < state.valid_to,
    asOf,
    parent: parent ? { id: parent.id, code: parent.code, name: parent.name } : null,
    ancestors: chain.slice(0, -1),
    groups: groups.map((g) => ({ id: g.id, code: g.code, name: g.name, nameEn: g.name_en, groupSet: g.set_code ? { code: g.set_code, name: g.set_name } : null })),
    versions: versions.map((v) => ({
      validFrom: v.valid_from,
      validTo: openEnded(v.valid_to),
      name: v.name,
      parent: v.parent_id ? { id: v.parent_id, code: v.parent_code, name: v.parent_name } : null,
    })),
    events: events.map((e) => ({ id: e.id, type: e.type, date: e.event_date, reason: e.reason, createdBy: e.created_by, createdAt: e.created_at })),
    predecessors: preds.map(link),
    successors: succs.map(link),
  };
}

export type UnitDetails = Awaited<ReturnType<typeof detailsOf>>;

// ---------------------------------------------------------------- changes

const reason = nonEmpty(1000);
const code = z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_.-]+$/, 'field.invalid');

const newUnitSchema = z.object({
  code,
  name: nonEmpty(230),
  nameEn: z.string().trim().max(230).optional(),
  shortName: z.string().trim().max(50).optional(),
  parentId: z.string().min(1).nullable(),
  kind: z.enum(UNIT_KINDS, { errorMap: () => ({ message: 'field.unknownKind' }) }),
  adminCode: z.string().trim().max(20).optional(),
  adminLevel: z.enum(['province', 'district', 'commune']).optional(),
});
const createSchema = newUnitSchema.extend({ openingDate: isoDate, reason });

/** Runs a structural change in one transaction: lock, change, rebuild the derived tree, audit. */
async function structural<T>(ctx: Ctx, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  requirePermission(ctx, 'orgunit:write');
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lockStructure(tx);
    const r = await fn(tx);
    await repo.rebuildHierarchy(tx);
    return r;
  });
}

async function requireOpen(db: Kysely<DB>, id: string, unitCode: string, date: string) {
  if (!(await repo.isOpenOn(db, id, date))) throw conflict('orgUnit.notOpen', { code: unitCode, date }, { code: unitCode, date });
}

/** Inserts a new unit (no event, no audit): shared by create, merge and split. */
async function insertUnit(ctx: Ctx, tx: Transaction<DB>, u: z.infer<typeof newUnitSchema>, date: string) {
  if (await repo.codeExists(tx, u.code)) throw conflict('orgUnit.codeTaken', { field: 'code' }, { code: u.code });
  if (u.parentId === null) {
    if (!isGlobal(ctx.actor)) throw new AppError('FORBIDDEN', 'orgUnit.rootOnlyAdmin');
  } else {
    const parent = await repo.findUnit(tx, u.parentId);
    if (!parent) throw validation({ parentId: 'field.invalid' });
    await requireOpen(tx, parent.id, parent.code, date);
    await requireUnitInScope({ ...ctx, db: tx }, parent.id, date);
    u = { ...u, parentId: parent.id };
  }
  const id = uid();
  await tx
    .insertInto('org_unit')
    .values({
      id,
      code: u.code,
      name: u.name,
      name_en: u.nameEn ?? null,
      short_name: u.shortName ?? null,
      kind: u.kind,
      admin_code: u.adminCode ?? null,
      admin_level: u.adminLevel ?? null,
      opening_date: date,
      search_key: searchKey(`${u.name} ${u.code}`),
    })
    .execute();
  await tx.insertInto('org_unit_version').values({ org_unit_id: id, valid_from: date, name: u.name, parent_id: u.parentId }).execute();
  return { id, code: u.code };
}

export async function create(ctx: Ctx, input: unknown) {
  const data = parse(createSchema, input);
  const id = await structural(ctx, async (tx) => {
    const unit = await insertUnit(ctx, tx, data, data.openingDate);
    await repo.insertEvent(tx, { type: 'open', date: data.openingDate, reason: data.reason, createdBy: ctx.actor.id }, [
      { id: unit.id, role: 'subject' },
    ]);
    await insertAudit(tx, ctx.actor, { action: 'orgUnit.create', entityType: 'orgUnit', entityId: unit.id, entityCode: unit.code, after: data });
    return unit.id;
  });
  return detailsOf(ctx.db, id, data.openingDate);
}

/** Common checks for a change of one unit on a date: in scope, open then, after its last change. */
async function changeable(ctx: Ctx, tx: Transaction<DB>, idOrCode: string, date: string) {
  const unit = await repo.findUnit(tx, idOrCode);
  if (!unit) throw notFound('orgUnit', idOrCode);
  await requireOpen(tx, unit.id, unit.code, date);
  await requireUnitInScope({ ...ctx, db: tx }, unit.id, date);
  const last = (await repo.lastVersion(tx, unit.id))!;
  if (date <= last.valid_from) throw conflict('orgUnit.beforeLastChange', { field: 'date' }, { date: last.valid_from });
  return { unit, last };
}

async function allNames(tx: Transaction<DB>, id: string, unitCode: string): Promise<string> {
  const names = (await repo.versionsOf(tx, id)).map((v) => v.name);
  return searchKey([...new Set(names)].join(' | ') + ` ${unitCode}`);
}

const renameSchema = z.object({ name: nonEmpty(230), date: isoDate, reason });

export async function rename(ctx: Ctx, idOrCode: string, input: unknown) {
  const data = parse(renameSchema, input);
  const id = await structural(ctx, async (tx) => {
    const { unit, last } = await changeable(ctx, tx, idOrCode, data.date);
    if (last.name === data.name) throw conflict('orgUnit.sameName', { field: 'name' });
    await repo.splitVersion(tx, unit.id, data.date, { name: data.name, parent_id: last.parent_id });
    await tx.updateTable('org_unit').set({ name: data.name }).where('id', '=', unit.id).execute();
    await repo.refreshSearchKey(tx, unit.id, await allNames(tx, unit.id, unit.code));
    await repo.insertEvent(tx, { type: 'rename', date: data.date, reason: data.reason, createdBy: ctx.actor.id }, [{ id: unit.id, role: 'subject' }]);
    await insertAudit(tx, ctx.actor, {
      action: 'orgUnit.rename', entityType: 'orgUnit', entityId: unit.id, entityCode: unit.code,
      before: { name: last.name }, after: { name: data.name }, details: { date: data.date, reason: data.reason },
    });
    return unit.id;
  });
  return detailsOf(ctx.db, id, data.date);
}

const moveSchema = z.object({ parentId: z.string().min(1), date: isoDate, reason });

export async function move(ctx: Ctx, idOrCode: string, input: unknown) {
  const data = parse(moveSchema, input);
  const id = await structural(ctx, async (tx) => {
    const { unit, last } = await changeable(ctx, tx, idOrCode, data.date);
    const parent = await repo.findUnit(tx, data.parentId);
    if (!parent) throw validation({ parentId: 'field.invalid' });
    await requireOpen(tx, parent.id, parent.code, data.date);
    await requireUnitInScope({ ...ctx, db: tx }, parent.id, data.date);
    if (parent.id === last.parent_id) throw conflict('orgUnit.sameParent', { field: 'parentId' });
    if (parent.id === unit.id || (await repo.isAncestorOn(tx, unit.id, parent.id, data.date))) {
      throw conflict('orgUnit.cycle', { field: 'parentId' });
    }
    await repo.splitVersion(tx, unit.id, data.date, { name: last.name, parent_id: parent.id });
    await repo.insertEvent(tx, { type: 'move', date: data.date, reason: data.reason, createdBy: ctx.actor.id }, [{ id: unit.id, role: 'subject' }]);
    await insertAudit(tx, ctx.actor, {
      action: 'orgUnit.move', entityType: 'orgUnit', entityId: unit.id, entityCode: unit.code,
      before: { parentId: last.parent_id }, after: { parentId: parent.id }, details: { date: data.date, reason: data.reason },
    });
    return unit.id;
  });
  return detailsOf(ctx.db, id, data.date);
}

const closeSchema = z.object({ date: isoDate, reason });

/** Closes a unit from `date` (its last open day is the day before). */
async function closeUnit(tx: Transaction<DB>, id: string, date: string) {
  await repo.splitVersion(tx, id, date, null);
  await tx.updateTable('org_unit').set({ closed_date: date, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function close(ctx: Ctx, idOrCode: string, input: unknown) {
  const data = parse(closeSchema, input);
  const id = await structural(ctx, async (tx) => {
    const { unit } = await changeable(ctx, tx, idOrCode, data.date);
    const open = await repo.openChildrenOn(tx, unit.id, data.date);
    if (open.length) throw conflict('orgUnit.hasOpenChildren', { children: open.length }, { count: open.length });
    await closeUnit(tx, unit.id, data.date);
    await repo.insertEvent(tx, { type: 'close', date: data.date, reason: data.reason, createdBy: ctx.actor.id }, [{ id: unit.id, role: 'subject' }]);
    await insertAudit(tx, ctx.actor, {
      action: 'orgUnit.close', entityType: 'orgUnit', entityId: unit.id, entityCode: unit.code,
      before: { closedDate: null }, after: { closedDate: data.date }, details: { reason: data.reason },
    });
    return unit.id;
  });
  return detailsOf(ctx.db, id, data.date);
}

const successorSchema = z.union([z.object({ existingId: z.string().min(1) }), z.object({ create: newUnitSchema })]);

const mergeSchema = z.object({
  predecessorIds: z.array(z.string().min(1)).min(1).max(100),
  successor: successorSchema,
  date: isoDate,
  reason,
  /** Partial links (an old unit shared among several successors), with an optional weight. */
  partial: z.array(z.object({ predecessorId: z.string().min(1), weight: z.number().gt(0).max(1).nullable().optional() })).optional(),
});

async function resolveSuccessor(ctx: Ctx, tx: Transaction<DB>, s: z.infer<typeof successorSchema>, date: string) {
  if ('existingId' in s) {
    const unit = await repo.findUnit(tx, s.existingId);
    if (!unit) throw validation({ 'successor.existingId': 'field.invalid' });
    await requireOpen(tx, unit.id, unit.code, date);
    await requireUnitInScope({ ...ctx, db: tx }, unit.id, date);
    return { id: unit.id, code: unit.code, created: false };
  }
  return { ...(await insertUnit(ctx, tx, s.create, date)), created: true };
}

/**
 * Merge: the predecessors close on `date` and their history continues in the successor (an existing
 * unit, or one created here). Their open children move to the successor. Links are full unless listed
 * as partial (the predecessor was shared among several successors).
 */
export async function merge(ctx: Ctx, input: unknown) {
  const data = parse(mergeSchema, input);
  const id = await structural(ctx, async (tx) => {
    const successor = await resolveSuccessor(ctx, tx, data.successor, data.date);
    const partial = new Map((data.partial ?? []).map((p) => [p.predecessorId, p.weight ?? null]));
    const preds = [];
    for (const pid of new Set(data.predecessorIds)) {
      const { unit } = await changeable(ctx, tx, pid, data.date);
      if (unit.id === successor.id) throw validation({ predecessorIds: 'field.invalid' });
      if (await repo.linkExists(tx, unit.id, successor.id)) throw conflict('orgUnit.linkTwice', undefined, { code: unit.code });
      preds.push(unit);
    }
    const eventId = await repo.insertEvent(tx, { type: 'merge', date: data.date, reason: data.reason, createdBy: ctx.actor.id }, [
      ...preds.map((p) => ({ id: p.id, role: 'predecessor' as const })),
      { id: successor.id, role: 'successor' },
    ]);
    for (const p of preds) {
      const isPartial = partial.has(p.id) || partial.has(p.code);
      if (!isPartial) {
        for (const child of await repo.openChildrenOn(tx, p.id, data.date)) {
          const last = (await repo.lastVersion(tx, child))!;
          await repo.splitVersion(tx, child, data.date, { name: last.name, parent_id: successor.id });
        }
        await closeUnit(tx, p.id, data.date);
      }
      await tx.insertInto('org_unit_link').values({
        event_id: eventId,
        predecessor_id: p.id,
        successor_id: successor.id,
        kind: isPartial ? 'partial' : 'full',
        weight: isPartial ? partial.get(p.id) ?? partial.get(p.code) ?? null : 1,
      }).execute();
    }
    await insertAudit(tx, ctx.actor, {
      action: 'orgUnit.merge', entityType: 'orgUnit', entityId: successor.id, entityCode: successor.code,
      after: { predecessors: preds.map((p) => p.code), successor: successor.code, createdSuccessor: successor.created },
      details: { date: data.date, reason: data.reason },
    });
    return successor.id;
  });
  return detailsOf(ctx.db, id, data.date);
}

const splitSchema = z.object({
  successors: z.array(z.object({ target: successorSchema, weight: z.number().gt(0).max(1).nullable().optional() })).min(1).max(100),
  date: isoDate,
  reason,
  /** Keep the predecessor open (part of it split off) instead of closing it. */
  keepOpen: z.boolean().default(false),
});

/** Split: the unit's history is shared among several successors (partial links, optional weights). */
export async function split(ctx: Ctx, idOrCode: string, input: unknown) {
  const data = parse(splitSchema, input);
  const weights = data.successors.map((s) => s.weight).filter((w): w is number => w != null);
  if (weights.length === data.successors.length && !data.keepOpen && Math.abs(weights.reduce((a, b) => a + b, 0) - 1) > 1e-6) {
    throw validation({ successors: 'orgUnit.weights' }, 'orgUnit.weights');
  }
  const id = await structural(ctx, async (tx) => {
    const { unit } = await changeable(ctx, tx, idOrCode, data.date);
    if (!data.keepOpen) {
      const open = await repo.openChildrenOn(tx, unit.id, data.date);
      if (open.length) throw conflict('orgUnit.hasOpenChildren', { children: open.length }, { count: open.length });
    }
    const succs = [];
    for (const s of data.successors) succs.push({ ...(await resolveSuccessor(ctx, tx, s.target, data.date)), weight: s.weight ?? null });
    const eventId = await repo.insertEvent(tx, { type: 'split', date: data.date, reason: data.reason, createdBy: ctx.actor.id }, [
      { id: unit.id, role: 'predecessor' },
      ...succs.map((s) => ({ id: s.id, role: 'successor' as const })),
    ]);
    for (const s of succs) {
      if (s.id === unit.id) throw validation({ successors: 'field.invalid' });
      if (await repo.linkExists(tx, unit.id, s.id)) throw conflict('orgUnit.linkTwice', undefined, { code: unit.code });
      await tx.insertInto('org_unit_link').values({ event_id: eventId, predecessor_id: unit.id, successor_id: s.id, kind: 'partial', weight: s.weight }).execute();
    }
    if (!data.keepOpen) await closeUnit(tx, unit.id, data.date);
    await insertAudit(tx, ctx.actor, {
      action: 'orgUnit.split', entityType: 'orgUnit', entityId: unit.id, entityCode: unit.code,
      after: { successors: succs.map((s) => ({ code: s.code, weight: s.weight, created: s.created })), keepOpen: data.keepOpen },
      details: { date: data.date, reason: data.reason },
    });
    return unit.id;
  });
  return detailsOf(ctx.db, id, data.date);
}

export async function listLevels(ctx: Ctx) {
  requirePermission(ctx, 'orgunit:read');
  return (await repo.levels(ctx.db)).map((l) => ({ level: l.level, name: l.name, nameEn: l.name_en }));
}

/** Group sets (unit type, area type, zone …) with their groups and member counts within the scope. */
export async function listGroups(ctx: Ctx) {
  requirePermission(ctx, 'orgunit:read');
  const rows = await repo.groupsWithCounts(ctx.db, ctx.actor.orgUnitId);
  const sets = new Map<string, { code: string; name: string; nameEn: string | null; groups: { id: string; code: string; name: string; nameEn: string | null; members: number }[] }>();
  for (const r of rows) {
    const key = r.set_code ?? '';
    if (!sets.has(key)) sets.set(key, { code: key, name: r.set_name ?? '', nameEn: r.set_name_en ?? null, groups: [] });
    sets.get(key)!.groups.push({ id: r.id, code: r.code, name: r.name, nameEn: r.name_en, members: Number(r.members) });
  }
  return [...sets.values()];
}
