// Premises of stations and centres: the list of the units in scope with their premises (filters by
// grade and land-use right), one unit's premises with photos and the projects covering it, editing
// (optimistic locking, every change audited with before/after) and the history read from the audit
// trail.
//
// Access: reading needs facility:read and the unit in scope (a station reads its own); editing needs
// facility:write (unit administrators) and the unit in scope today: a centre edits its own premises
// and its stations', never another centre's.
import { canAccess, requireAccess, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { conflict, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import * as auditRepo from '../audit/audit.repo.js';
import { audit } from '../audit/audit.service.js';
import {
  PremisesInput,
  PremisesQuery,
  type PremisesDetail,
  type PremisesHistoryItem,
  type PremisesPage,
} from './facilities.contract.js';
import * as repo from './facilities.repo.js';
import type { PremisesValues } from './facilities.repo.js';
import { listProjects } from './projects.service.js';
import { unitOf } from './units.service.js';
import { changed, photoInfo, premisesOf, PREMISES_KINDS, snapshot } from './views.js';

export async function listPremises(ctx: Ctx, input: unknown): Promise<PremisesPage> {
  requirePermission(ctx, 'facility:read');
  const q = parse(PremisesQuery, input);
  let root: string | undefined;
  if (q.orgUnit) {
    root = (await unitOf(ctx, q.orgUnit)).id;
    await requireAccess(ctx, { unit: root });
  }
  const { counts, rows } = await ctx.use(repo).listPremises({
    scope: scopeOf(ctx), root, date: todayVn(), kinds: q.kind ? [q.kind] : ['station', 'health_centre'],
    grade: q.grade, landRight: q.landRight, q: q.q, page: q.page, pageSize: q.pageSize,
  });
  return {
    total: counts.total,
    counts: { good: counts.good, degraded: counts.degraded, severe: counts.severe, unknown: counts.unknown, noLandRight: counts.no_land_right },
    items: rows.map(premisesOf),
  };
}

export async function getPremises(ctx: Ctx, unitRef: string): Promise<PremisesDetail> {
  requirePermission(ctx, 'facility:read');
  const unit = await unitOf(ctx, unitRef);
  await requireAccess(ctx, { unit: unit.id });
  const row = (await ctx.use(repo).getPremises(unit.id, todayVn()))!;
  const photos = await ctx.use(repo).photosOf({ unit: unit.id });
  const canEdit = PREMISES_KINDS.includes(unit.kind) && (await canAccess(ctx, { permission: 'facility:write', unit: unit.id, asOf: todayVn() }));
  const projects = await listProjects(ctx, { unit: unit.id, pageSize: 100 });
  return { ...premisesOf(row), photos: photos.map(photoInfo), canEdit, projects: projects.items };
}

export async function updatePremises(ctx: Ctx, unitRef: string, input: unknown): Promise<PremisesDetail> {
  const p = parse(PremisesInput, input);
  requirePermission(ctx, 'facility:write');
  const unit = await unitOf(ctx, unitRef);
  await requireAccess(ctx, { permission: 'facility:write', unit: unit.id, asOf: todayVn() });
  if (!PREMISES_KINDS.includes(unit.kind)) throw validation({ orgUnit: 'facility.noPremises' }, 'facility.noPremises');
  const thisYear = Number(todayVn().slice(0, 4));
  if (p.yearBuilt !== null && p.yearBuilt > thisYear) throw validation({ yearBuilt: 'facility.yearInFuture' });
  if (p.lastRenovationYear !== null && p.lastRenovationYear > thisYear) throw validation({ lastRenovationYear: 'facility.yearInFuture' });
  await ctx.transaction(async (tx) => {
    const before = premisesOf((await tx.use(repo).getPremises(unit.id, todayVn()))!);
    const values: PremisesValues = {
      land_right_settled: p.landRightSettled, land_certificate: p.landCertificate, land_area_m2: p.landAreaM2, year_built: p.yearBuilt,
      floor_area_m2: p.floorAreaM2, grade: p.grade, last_renovation_year: p.lastRenovationYear, rooms: p.rooms, notes: p.notes,
    };
    const expected = p.version ?? before.version;
    if (!(await tx.use(repo).savePremises(unit.id, values, tx.actor.username, expected))) throw conflict('facility.stalePremises');
    const after = premisesOf((await tx.use(repo).getPremises(unit.id, todayVn()))!);
    await audit(tx, {
      action: before.recorded ? 'facility.premises.update' : 'facility.premises.create', entityType: 'facility_premises', entityId: unit.id,
      entityCode: unit.code, before: before.recorded ? changed(snapshot(before), snapshot(after)).before : null, after: changed(snapshot(before), snapshot(after)).after,
    });
  });
  return getPremises(ctx, unit.id);
}

export async function premisesHistory(ctx: Ctx, unitRef: string): Promise<PremisesHistoryItem[]> {
  requirePermission(ctx, 'facility:read');
  const unit = await unitOf(ctx, unitRef);
  await requireAccess(ctx, { unit: unit.id });
  const { rows } = await ctx.use(auditRepo).queryAudit({ entityType: 'facility_premises', entityId: unit.id, scope: { root: null }, page: 1, pageSize: 500 });
  return rows.map((r) => ({ at: r.at.toISOString(), user: r.username, action: r.action, before: r.before, after: r.after, details: r.details }));
}
