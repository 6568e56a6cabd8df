// Investment programmes and their projects: creating and editing them, the stages with planned and
// actual dates, capital allocated per year, monthly disbursement (planned and done), issues, and the
// progress view of a programme.
//
// Access: a programme belongs to its owner unit; its projects too. Managing either needs project:write
// and the owner unit in scope (the Department's planning office SYT38_KHTC manages the Department's
// programmes). A project is read by whoever has its owner unit or any unit it covers in scope; a
// programme by its owner's scope or through a project they may read (they then see those projects
// only). Covered units must lie under the owner unit, or under the Department when the owner is one
// of its offices (an office acts for the Department).
//
// A finished hand-over (nghiệm thu, bàn giao: its actual end recorded) of a renovation or a new build
// updates the covered units' premises (handover.service.ts).
import { canAccess, requireAccess, requirePermission, scopeOf, unitsInScope } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, notFound, outOfScope, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import * as scopeRepo from '../../core/scope.repo.js';
import { todayVn } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import {
  CandidatesQuery,
  IssueInput,
  isoMonth,
  MonthInput,
  ProgrammeInput,
  ProgrammesQuery,
  ProgressQuery,
  ProjectInput,
  ProjectsQuery,
  STAGES,
  StageInput,
  UpdateIssueInput,
  UpdateProgrammeInput,
  UpdateProjectInput,
  type Programme,
  type ProgrammeDetail,
  type ProgrammeProgress,
  type ProjectDetail,
  type ProjectItem,
  type Stage,
} from './facilities.contract.js';
import * as repo from './facilities.repo.js';
import type { ProgrammeRow, ProjectRow } from './facilities.repo.js';
import { applyHandover } from './handover.service.js';
import { unitOf } from './units.service.js';
import { photoInfo } from './views.js';
import { currentStage, lateStages, programmeProgress as computeProgress } from './progress.js';

// ---------------------------------------------------------------------------------------------
// Programmes

async function programmeOut(ctx: Ctx, r: ProgrammeRow): Promise<Programme> {
  return {
    id: r.id, name: r.name, owner: { id: r.owner_unit_id, code: r.owner_code, name: r.owner_name }, startYear: r.start_year, endYear: r.end_year,
    description: r.description, projects: r.projects, budgetApproved: Number(r.budget_approved), allocated: Number(r.allocated), disbursed: Number(r.disbursed),
    canManage: await canAccess(ctx, { permission: 'project:write', unit: r.owner_unit_id }),
  };
}

export async function listProgrammes(ctx: Ctx, input: unknown): Promise<{ items: Programme[]; total: number }> {
  requirePermission(ctx, 'facility:read');
  const q = parse(ProgrammesQuery, input);
  const { total, rows } = await ctx.use(repo).listProgrammes({ scope: scopeOf(ctx), q: q.q, page: q.page, pageSize: q.pageSize });
  return { total, items: await Promise.all(rows.map((r) => programmeOut(ctx, r))) };
}

/** The programme, when the actor may read it (its owner in scope, or a project of it). */
async function readableProgramme(ctx: Ctx, id: string): Promise<ProgrammeRow> {
  requirePermission(ctx, 'facility:read');
  const r = await ctx.use(repo).findProgramme(id, scopeOf(ctx));
  if (!r) throw notFound('programme', id);
  if (!(await canAccess(ctx, { unit: r.owner_unit_id })) && r.projects === 0) throw outOfScope();
  return r;
}

export async function getProgramme(ctx: Ctx, id: string): Promise<ProgrammeDetail> {
  const r = await readableProgramme(ctx, id);
  const items = await listProjects(ctx, { programme: id, pageSize: 500 });
  return { ...(await programmeOut(ctx, r)), items: items.items };
}

/** Units the programme's projects may cover, by name (for the project form): needs to manage it. */
export async function candidateUnits(ctx: Ctx, id: string, input: unknown): Promise<{ id: string; name: string; kind: string; parentName: string | null }[]> {
  const q = parse(CandidatesQuery, input);
  const g = await readableProgramme(ctx, id);
  await requireAccess(ctx, { permission: 'project:write', unit: g.owner_unit_id, asOf: todayVn() });
  const rows = await ctx.use(repo).searchUnits(await domainOf(ctx, g.owner_unit_id), q.q ?? '', todayVn(), 30);
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, parentName: r.parent_name }));
}

/** Where an owner's projects may go: its subtree, or the Department's when it is an office of it. */
async function domainOf(ctx: Ctx, ownerId: string): Promise<string> {
  const [owner] = await ctx.use(repo).findUnits([ownerId]);
  return owner!.kind === 'office' ? ((await ctx.use(repo).parentOn(ownerId, todayVn()))?.id ?? ownerId) : ownerId;
}

async function ownerOf(ctx: Ctx, ref: string | null | undefined): Promise<string> {
  const owner = ref ? (await unitOf(ctx, ref, 'ownerUnit')).id : scopeOf(ctx).root;
  if (!owner) throw validation({ ownerUnit: 'facility.ownerRequired' });
  return owner;
}

export async function createProgramme(ctx: Ctx, input: unknown): Promise<ProgrammeDetail> {
  const p = parse(ProgrammeInput, input);
  requirePermission(ctx, 'project:write');
  const owner = await ownerOf(ctx, p.ownerUnit);
  await requireAccess(ctx, { permission: 'project:write', unit: owner, asOf: todayVn() });
  const id = uid();
  await ctx.transaction(async (tx) => {
    await tx.use(repo).insertProgramme({ id, name: p.name, owner_unit_id: owner, start_year: p.startYear, end_year: p.endYear, description: p.description, created_by: tx.actor.username });
    await audit(tx, { action: 'facility.programme.create', entityType: 'facility_programme', entityId: id, entityCode: p.name, after: { ...p, ownerUnit: owner } });
  });
  return getProgramme(ctx, id);
}

export async function updateProgramme(ctx: Ctx, id: string, input: unknown): Promise<ProgrammeDetail> {
  const p = parse(UpdateProgrammeInput, input);
  const r = await readableProgramme(ctx, id);
  await requireAccess(ctx, { permission: 'project:write', unit: r.owner_unit_id, asOf: todayVn() });
  const start = p.startYear ?? r.start_year;
  const end = p.endYear ?? r.end_year;
  if (end < start) throw validation({ endYear: 'facility.yearsReversed' });
  await ctx.transaction(async (tx) => {
    await tx.use(repo).updateProgramme(id, {
      ...(p.name !== undefined ? { name: p.name } : {}), start_year: start, end_year: end,
      ...(p.description !== undefined ? { description: p.description } : {}),
    });
    await audit(tx, { action: 'facility.programme.update', entityType: 'facility_programme', entityId: id, entityCode: r.name, before: { name: r.name, startYear: r.start_year, endYear: r.end_year, description: r.description }, after: p });
  });
  return getProgramme(ctx, id);
}

export async function programmeProgress(ctx: Ctx, id: string, input: unknown, today = todayVn()): Promise<ProgrammeProgress> {
  const q = parse(ProgressQuery, input);
  const r = await readableProgramme(ctx, id);
  const thisYear = Number(today.slice(0, 4));
  const year = q.year ?? Math.min(Math.max(thisYear, r.start_year), r.end_year);
  const db = ctx.use(repo);
  const ids = await db.projectIds({ scope: scopeOf(ctx), programme: id });
  const [rows, stages, allocations, months] = await Promise.all([
    db.listProjects({ scope: scopeOf(ctx), ids, page: 1, pageSize: Math.max(1, ids.length) }),
    db.stagesOf(ids),
    db.allocationsOf(ids),
    db.monthsOf(ids, { from: `${year}-01-01`, to: `${year}-12-01` }),
  ]);
  return computeProgress({
    programme: { id: r.id, name: r.name }, year, today,
    projects: rows.rows.map((p) => ({ id: p.id, name: p.name, stages: stages.get(p.id) ?? [] })),
    allocations: allocations.map((a) => ({ year: a.year, amount: Number(a.amount) })),
    months: months.map((m) => ({ month: m.month, planned: m.planned, disbursed: m.disbursed })),
  });
}

// ---------------------------------------------------------------------------------------------
// Projects: reading

async function projectItems(ctx: Ctx, rows: ProjectRow[], today = todayVn()): Promise<ProjectItem[]> {
  const ids = rows.map((r) => r.id);
  const [units, stages] = await Promise.all([ctx.use(repo).projectUnits(ids), ctx.use(repo).stagesOf(ids)]);
  return rows.map((r) => {
    const st = stages.get(r.id) ?? [];
    return {
      id: r.id, programmeId: r.programme_id, programmeName: r.programme_name, name: r.name, kind: r.kind,
      units: (units.get(r.id) ?? []).map((u) => ({ id: u.id, code: u.code, name: u.name })),
      investor: r.investor, budgetApproved: r.budget_approved === null ? null : Number(r.budget_approved),
      allocated: Number(r.allocated), disbursed: Number(r.disbursed), currentStage: currentStage(st), lateStages: lateStages(st, today),
      openIssues: r.open_issues, version: r.version,
    };
  });
}

export async function listProjects(ctx: Ctx, input: unknown): Promise<{ items: ProjectItem[]; total: number }> {
  requirePermission(ctx, 'facility:read');
  const q = parse(ProjectsQuery, input);
  let unit: string | undefined;
  if (q.unit) {
    unit = (await unitOf(ctx, q.unit, 'unit')).id;
    await requireAccess(ctx, { unit });
  }
  const db = ctx.use(repo);
  const filter = { scope: scopeOf(ctx), programme: q.programme, unit, kind: q.kind };
  let ids: string[] | undefined;
  if (q.stage || q.late) {
    const all = await db.projectIds(filter);
    const stages = await db.stagesOf(all);
    const today = todayVn();
    ids = all.filter((id) => {
      const st = stages.get(id) ?? [];
      if (q.stage && currentStage(st) !== q.stage) return false;
      if (q.late && (lateStages(st, today).length > 0) !== (q.late === 'true')) return false;
      return true;
    });
  }
  const { total, rows } = await db.listProjects({ ...filter, ids, page: q.page, pageSize: q.pageSize });
  return { total, items: await projectItems(ctx, rows) };
}

/** The project, when the actor may read it (its owner or a covered unit in scope). */
export async function readableProject(ctx: Ctx, id: string): Promise<ProjectRow> {
  requirePermission(ctx, 'facility:read');
  const p = await ctx.use(repo).findProject(id);
  if (!p) throw notFound('project', id);
  if (await canAccess(ctx, { unit: p.owner_unit_id })) return p;
  const units = (await ctx.use(repo).projectUnits([id])).get(id) ?? [];
  if ((await unitsInScope(ctx, units.map((u) => u.id))).size === 0) throw outOfScope();
  return p;
}

/** The project, when the actor may manage it (project:write, its owner unit in scope today). */
export async function manageableProject(ctx: Ctx, id: string): Promise<ProjectRow> {
  requirePermission(ctx, 'project:write');
  const p = await readableProject(ctx, id);
  await requireAccess(ctx, { permission: 'project:write', unit: p.owner_unit_id, asOf: todayVn() });
  return p;
}

export async function getProject(ctx: Ctx, id: string): Promise<ProjectDetail> {
  const p = await readableProject(ctx, id);
  const db = ctx.use(repo);
  const today = todayVn();
  const [[item], stages, allocations, months, issues, photos, canManage] = await Promise.all([
    projectItems(ctx, [p], today), db.stagesOf([id]), db.allocationsOf([id]), db.monthsOf([id]), db.issuesOf(id), db.photosOf({ project: id }),
    canAccess(ctx, { permission: 'project:write', unit: p.owner_unit_id, asOf: today }),
  ]);
  return {
    ...item!,
    owner: { id: p.owner_unit_id, code: p.owner_code, name: p.owner_name },
    notes: p.notes,
    allocations: allocations.map((a) => ({ year: a.year, amount: Number(a.amount) })),
    stages: (stages.get(id) ?? []).map((s) => ({
      stage: s.stage, plannedStart: s.planned_start, plannedEnd: s.planned_end, actualStart: s.actual_start, actualEnd: s.actual_end, note: s.note,
      late: !!s.planned_end && s.planned_end < today && !s.actual_end,
    })),
    months: months.map((m) => ({ month: m.month.slice(0, 7), planned: m.planned === null ? null : Number(m.planned), disbursed: m.disbursed === null ? null : Number(m.disbursed) })),
    issues: issues.map((i) => ({ id: i.id, text: i.text, openedOn: i.opened_on, resolvedOn: i.resolved_on, resolution: i.resolution, createdBy: i.created_by })),
    photos: photos.map(photoInfo),
    canManage,
  };
}

// ---------------------------------------------------------------------------------------------
// Projects: writing

/** The covered units: they exist, are no office, and lie under the owner's domain (see the header). */
async function coveredUnits(ctx: Ctx, ownerId: string, refs: readonly string[]): Promise<string[]> {
  const found = await ctx.use(repo).findUnits(refs);
  const byRef = new Map<string, repo.UnitRow>();
  for (const u of found) byRef.set(u.id, u).set(u.code, u);
  const missing = refs.filter((r) => !byRef.has(r));
  if (missing.length) throw new AppError('VALIDATION_FAILED', 'facility.unknownUnits', { fields: { units: 'facility.unknownUnits' } }, { units: missing.join(', ') });
  const units = [...new Map(refs.map((r) => [byRef.get(r)!.id, byRef.get(r)!])).values()];
  if (units.some((u) => u.kind === 'office')) throw validation({ units: 'facility.officeNotCovered' }, 'facility.officeNotCovered');
  const domain = await domainOf(ctx, ownerId);
  const inside = new Set(await ctx.use(scopeRepo).unitsInScope({ root: domain }, units.map((u) => u.id)));
  const outside = units.filter((u) => !inside.has(u.id));
  if (outside.length) throw new AppError('VALIDATION_FAILED', 'facility.unitsOutsideOwner', { fields: { units: 'facility.unitsOutsideOwner' } }, { units: outside.map((u) => u.code).join(', ') });
  return units.map((u) => u.id);
}

function checkAllocations(rows: readonly { year: number }[]): void {
  if (new Set(rows.map((r) => r.year)).size !== rows.length) throw validation({ allocations: 'facility.duplicateYear' });
}

export async function createProject(ctx: Ctx, programmeId: string, input: unknown): Promise<ProjectDetail> {
  const p = parse(ProjectInput, input);
  const g = await readableProgramme(ctx, programmeId);
  await requireAccess(ctx, { permission: 'project:write', unit: g.owner_unit_id, asOf: todayVn() });
  checkAllocations(p.allocations);
  const units = await coveredUnits(ctx, g.owner_unit_id, p.units);
  const id = uid();
  await ctx.transaction(async (tx) => {
    const db = tx.use(repo);
    await db.insertProject({ id, programme_id: programmeId, name: p.name, kind: p.kind, investor: p.investor, budget_approved: p.budgetApproved, notes: p.notes, created_by: tx.actor.username }, STAGES);
    await db.replaceUnits(id, units);
    await db.replaceAllocations(id, p.allocations);
    await audit(tx, { action: 'facility.project.create', entityType: 'facility_project', entityId: id, entityCode: p.name, after: { ...p, units, programme: programmeId } });
  });
  return getProject(ctx, id);
}

export async function updateProject(ctx: Ctx, id: string, input: unknown): Promise<ProjectDetail> {
  const p = parse(UpdateProjectInput, input);
  const before = await manageableProject(ctx, id);
  if (p.allocations) checkAllocations(p.allocations);
  const units = p.units ? await coveredUnits(ctx, before.owner_unit_id, p.units) : null;
  await ctx.transaction(async (tx) => {
    const db = tx.use(repo);
    const set = {
      ...(p.name !== undefined ? { name: p.name } : {}), ...(p.kind !== undefined ? { kind: p.kind } : {}),
      ...(p.investor !== undefined ? { investor: p.investor } : {}), ...(p.budgetApproved !== undefined ? { budget_approved: p.budgetApproved } : {}),
      ...(p.notes !== undefined ? { notes: p.notes } : {}),
    };
    if (!(await db.updateProject(id, p.version, set))) throw conflict('facility.staleProject');
    if (units) await db.replaceUnits(id, units);
    if (p.allocations) await db.replaceAllocations(id, p.allocations);
    await audit(tx, {
      action: 'facility.project.update', entityType: 'facility_project', entityId: id, entityCode: before.name,
      before: { name: before.name, kind: before.kind, investor: before.investor, budgetApproved: before.budget_approved }, after: { ...p, units: units ?? undefined },
    });
  });
  return getProject(ctx, id);
}

export async function setStage(ctx: Ctx, id: string, stageName: string, input: unknown): Promise<ProjectDetail> {
  if (!(STAGES as readonly string[]).includes(stageName)) throw validation({ stage: 'facility.unknownStage' });
  const stage = stageName as Stage;
  const s = parse(StageInput, input);
  const p = await manageableProject(ctx, id);
  const today = todayVn();
  if (s.actualStart && s.actualStart > today) throw validation({ actualStart: 'facility.actualInFuture' });
  if (s.actualEnd && s.actualEnd > today) throw validation({ actualEnd: 'facility.actualInFuture' });
  await ctx.transaction(async (tx) => {
    const db = tx.use(repo);
    const before = (await db.stagesOf([id])).get(id)?.find((x) => x.stage === stage);
    await db.updateStage(id, stage, { planned_start: s.plannedStart, planned_end: s.plannedEnd, actual_start: s.actualStart, actual_end: s.actualEnd, note: s.note });
    await audit(tx, {
      action: 'facility.project.stage', entityType: 'facility_project', entityId: id, entityCode: p.name,
      before: before ? { stage, plannedStart: before.planned_start, plannedEnd: before.planned_end, actualStart: before.actual_start, actualEnd: before.actual_end, note: before.note } : null,
      after: { stage, ...s },
    });
    // The hand-over of a renovation or a new build updates the premises of the covered units.
    const handedOver = stage === 'handover' && s.actualEnd && s.actualEnd !== before?.actual_end;
    if (handedOver && (p.kind === 'renovation' || p.kind === 'new_build')) {
      const units = (await db.projectUnits([id])).get(id) ?? [];
      for (const u of units) await applyHandover(tx, u.id, p.kind, Number(s.actualEnd!.slice(0, 4)), { id, name: p.name });
    }
  });
  return getProject(ctx, id);
}

export async function setMonth(ctx: Ctx, id: string, monthParam: string, input: unknown): Promise<ProjectDetail> {
  const monthOk = isoMonth.safeParse(monthParam);
  if (!monthOk.success) throw validation({ month: 'facility.month' });
  const m = parse(MonthInput, input);
  const p = await manageableProject(ctx, id);
  const month = `${monthParam}-01`;
  if (m.disbursed !== null && monthParam > todayVn().slice(0, 7)) throw validation({ disbursed: 'facility.monthInFuture' });
  await ctx.transaction(async (tx) => {
    const db = tx.use(repo);
    const months = await db.monthsOf([id]);
    const before = months.find((x) => x.month === month);
    if (m.disbursed !== null && p.budget_approved !== null) {
      const others = months.filter((x) => x.month !== month).reduce((s, x) => s + Number(x.disbursed ?? 0), 0);
      if (others + m.disbursed > Number(p.budget_approved)) throw validation({ disbursed: 'facility.overBudget' }, 'facility.overBudget');
    }
    await db.saveMonth(id, month, m.planned, m.disbursed);
    await audit(tx, {
      action: 'facility.project.month', entityType: 'facility_project', entityId: id, entityCode: p.name,
      before: before ? { month: monthParam, planned: before.planned, disbursed: before.disbursed } : null, after: { month: monthParam, ...m },
    });
  });
  return getProject(ctx, id);
}

export async function addIssue(ctx: Ctx, id: string, input: unknown): Promise<ProjectDetail> {
  const i = parse(IssueInput, input);
  const p = await manageableProject(ctx, id);
  const openedOn = i.openedOn ?? todayVn();
  if (openedOn > todayVn()) throw validation({ openedOn: 'facility.actualInFuture' });
  const issueId = uid();
  await ctx.transaction(async (tx) => {
    await tx.use(repo).insertIssue({ id: issueId, project_id: id, text: i.text, opened_on: openedOn, resolved_on: null, resolution: null, created_by: tx.actor.username });
    await audit(tx, { action: 'facility.project.issue', entityType: 'facility_project', entityId: id, entityCode: p.name, after: { issue: issueId, text: i.text, openedOn } });
  });
  return getProject(ctx, id);
}

export async function updateIssue(ctx: Ctx, id: string, issueId: string, input: unknown): Promise<ProjectDetail> {
  const u = parse(UpdateIssueInput, input);
  const p = await manageableProject(ctx, id);
  const issue = await ctx.use(repo).findIssue(issueId);
  if (!issue || issue.project_id !== id) throw notFound('issue', issueId);
  const resolvedOn = u.resolvedOn === undefined ? issue.resolved_on : u.resolvedOn;
  if (resolvedOn && resolvedOn < issue.opened_on) throw validation({ resolvedOn: 'facility.datesReversed' });
  if (resolvedOn && resolvedOn > todayVn()) throw validation({ resolvedOn: 'facility.actualInFuture' });
  await ctx.transaction(async (tx) => {
    await tx.use(repo).updateIssue(issueId, { resolved_on: resolvedOn ?? null, resolution: u.resolution, ...(u.text ? { text: u.text } : {}) });
    await audit(tx, {
      action: 'facility.project.issue', entityType: 'facility_project', entityId: id, entityCode: p.name,
      before: { issue: issueId, text: issue.text, resolvedOn: issue.resolved_on, resolution: issue.resolution }, after: { issue: issueId, ...u },
    });
  });
  return getProject(ctx, id);
}
