// The SQL of premises, programmes, projects, photos and the facilities figures. Which rows an actor
// may see is the scope filter of core/scope.repo.ts (`inScope`): premises by their unit; a project by
// its programme's owner unit or any unit it covers; a programme by its owner or any visible project.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';
import type { PremisesGrade, ProjectKind, Stage } from './facilities.contract.js';
import type {
  FacilityPhotoTable,
  FacilityPremisesTable,
  FacilityProgrammeTable,
  FacilityProjectIssueTable,
  FacilityProjectStageTable,
} from './facilities.tables.js';

type Db = Kysely<DB>;

// ---------------------------------------------------------------------------------------------
// Units

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  opening_date: string;
  closed_date: string | null;
}

/** Units by id or code. */
export function findUnits(db: Db, refs: readonly string[]): Promise<UnitRow[]> {
  if (!refs.length) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind', 'opening_date', 'closed_date'])
    .where((eb) => eb.or([eb('id', 'in', [...refs]), eb('code', 'in', [...refs])])).execute() as Promise<UnitRow[]>;
}

/** The unit's parent on `date`. */
export async function parentOn(db: Db, unitId: string, date: string): Promise<{ id: string; code: string; name: string } | null> {
  const r = await sql<{ id: string; code: string; name: string }>`
    select u.id, u.code, u.name from org_unit_path p join org_unit u on u.id = p.parent_id
    where p.org_unit_id = ${unitId} and p.valid_from <= ${date} and p.valid_to > ${date}`.execute(db);
  return r.rows[0] ?? null;
}

export async function unitRefs(db: Db, ids: readonly string[]): Promise<Map<string, { id: string; code: string; name: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

// ---------------------------------------------------------------------------------------------
// Premises

const premisesColumns = sql`
  u.id as unit_id, u.code as unit_code, u.name as unit_name, u.kind as unit_kind,
  par.id as parent_id, par.code as parent_code, par.name as parent_name,
  f.org_unit_id is not null as recorded, f.land_right_settled, f.land_certificate, f.land_area_m2, f.year_built, f.floor_area_m2,
  f.grade, f.last_renovation_year, f.rooms, f.notes, coalesce(f.version, 0) as version, f.updated_at, f.updated_by`;

export interface PremisesRow {
  unit_id: string;
  unit_code: string;
  unit_name: string;
  unit_kind: string;
  parent_id: string | null;
  parent_code: string | null;
  parent_name: string | null;
  recorded: boolean;
  land_right_settled: boolean | null;
  land_certificate: string | null;
  land_area_m2: number | null;
  year_built: number | null;
  floor_area_m2: number | null;
  grade: PremisesGrade | null;
  last_renovation_year: number | null;
  rooms: number | null;
  notes: string | null;
  version: number;
  updated_at: Date | null;
  updated_by: string | null;
}

export interface PremisesListQuery {
  scope: Scope;
  /** Only this subtree (an id). */
  root?: string;
  date: string;
  kinds: string[];
  grade?: PremisesGrade | 'unknown';
  landRight?: 'yes' | 'no' | 'unknown';
  q?: string;
  page: number;
  pageSize: number;
}

/** Units open on `date` of the given kinds, in scope (and under `root`), with their premises. */
export async function listPremises(db: Db, q: PremisesListQuery) {
  const filters = [
    sql`u.kind = any(${q.kinds}::text[])`,
    sql`u.opening_date <= ${q.date} and (u.closed_date is null or u.closed_date > ${q.date})`,
    inScope(q.scope, sql.ref('u.id')),
  ];
  if (q.root) filters.push(inScope({ root: q.root }, sql.ref('u.id'), { asOf: q.date }));
  if (q.q) filters.push(sql`(u.name ilike ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or u.code ilike ${`${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`);
  const base = sql.join(filters, sql` and `);
  const extra = [];
  if (q.grade === 'unknown') extra.push(sql`f.grade is null`);
  else if (q.grade) extra.push(sql`f.grade = ${q.grade}`);
  if (q.landRight === 'unknown') extra.push(sql`f.land_right_settled is null`);
  else if (q.landRight) extra.push(sql`f.land_right_settled = ${q.landRight === 'yes'}`);
  const where = extra.length ? sql`${base} and ${sql.join(extra, sql` and `)}` : base;
  const from = sql`from org_unit u
    left join facility_premises f on f.org_unit_id = u.id
    left join org_unit_path pp on pp.org_unit_id = u.id and pp.valid_from <= ${q.date} and pp.valid_to > ${q.date}
    left join org_unit par on par.id = pp.parent_id`;
  const counts = await sql<{ total: number; good: number; degraded: number; severe: number; unknown: number; no_land_right: number }>`
    select count(*)::int as total,
      count(*) filter (where f.grade = 'good')::int as good, count(*) filter (where f.grade = 'degraded')::int as degraded,
      count(*) filter (where f.grade = 'severe')::int as severe, count(*) filter (where f.grade is null)::int as unknown,
      count(*) filter (where f.land_right_settled = false)::int as no_land_right
    ${from} where ${where}`.execute(db);
  const rows = await sql<PremisesRow>`
    select ${premisesColumns} ${from} where ${where}
    order by par.name nulls first, u.kind, u.name limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  return { counts: counts.rows[0]!, rows: rows.rows };
}

export async function getPremises(db: Db, unitId: string, date: string): Promise<PremisesRow | undefined> {
  const r = await sql<PremisesRow>`
    select ${premisesColumns} from org_unit u
    left join facility_premises f on f.org_unit_id = u.id
    left join org_unit_path pp on pp.org_unit_id = u.id and pp.valid_from <= ${date} and pp.valid_to > ${date}
    left join org_unit par on par.id = pp.parent_id
    where u.id = ${unitId}`.execute(db);
  return r.rows[0];
}

export type PremisesValues = Omit<FacilityPremisesTable, 'org_unit_id' | 'version' | 'updated_at' | 'updated_by'>;

/**
 * Writes a unit's premises. With `expectedVersion` (0: no record yet) only when the stored version
 * matches; returns false otherwise.
 */
export async function savePremises(db: Db, unitId: string, values: PremisesValues, by: string, expectedVersion?: number): Promise<boolean> {
  if (expectedVersion === 0) {
    const r = await db.insertInto('facility_premises').values({ org_unit_id: unitId, ...values, updated_by: by })
      .onConflict((oc) => oc.column('org_unit_id').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows) === 1;
  }
  if (expectedVersion !== undefined) {
    const r = await db.updateTable('facility_premises').set({ ...values, version: sql`version + 1`, updated_at: sql`now()`, updated_by: by } as never)
      .where('org_unit_id', '=', unitId).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  await db.insertInto('facility_premises').values({ org_unit_id: unitId, ...values, updated_by: by })
    .onConflict((oc) => oc.column('org_unit_id').doUpdateSet({ ...values, version: sql`facility_premises.version + 1`, updated_at: sql`now()`, updated_by: by } as never))
    .execute();
  return true;
}

/** Bulk load (the demo): premises of many units in one statement per thousand rows. */
export async function insertPremisesBulk(db: Db, rows: (PremisesValues & { org_unit_id: string; updated_by: string })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('facility_premises').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.column('org_unit_id').doNothing()).execute();
  }
}

// ---------------------------------------------------------------------------------------------
// Photos

const photoInfoColumns = ['id', 'org_unit_id', 'project_id', 'file_name', 'mime', 'size', 'sha256', 'caption', 'created_by', 'created_at'] as const;

export async function insertPhoto(db: Db, row: Omit<FacilityPhotoTable, 'created_at'>): Promise<void> {
  await db.insertInto('facility_photo').values(row).execute();
}

export function photosOf(db: Db, where: { unit?: string; project?: string }) {
  let q = db.selectFrom('facility_photo').select(photoInfoColumns);
  if (where.unit) q = q.where('org_unit_id', '=', where.unit);
  if (where.project) q = q.where('project_id', '=', where.project);
  return q.orderBy('created_at').execute();
}

export function findPhotoInfo(db: Db, id: string) {
  return db.selectFrom('facility_photo').select(photoInfoColumns).where('id', '=', id).executeTakeFirst();
}

export function findPhoto(db: Db, id: string) {
  return db.selectFrom('facility_photo').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deletePhoto(db: Db, id: string): Promise<void> {
  await db.deleteFrom('facility_photo').where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Programmes

/** SQL condition: the project aliased `alias` (with its programme `prog`) is visible in `scope`. */
function projectVisibleSql(scope: Scope, alias: string, programmeOwner: string) {
  if (scope.root === null) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${inScope(scope, sql.ref(programmeOwner))}
    or exists (select 1 from facility_project_unit vu where vu.project_id = ${sql.ref(`${alias}.id`)} and ${inScope(scope, sql.ref('vu.org_unit_id'))}))`;
}

export interface ProgrammeRow {
  id: string;
  name: string;
  owner_unit_id: string;
  owner_code: string;
  owner_name: string;
  start_year: number;
  end_year: number;
  description: string | null;
  projects: number;
  budget_approved: number;
  allocated: number;
  disbursed: number;
}

function programmeSelect(scope: Scope) {
  return sql`
    select g.id, g.name, g.owner_unit_id, o.code as owner_code, o.name as owner_name, g.start_year, g.end_year, g.description,
      (select count(*)::int from facility_project p where p.programme_id = g.id and ${projectVisibleSql(scope, 'p', 'g.owner_unit_id')}) as projects,
      (select coalesce(sum(p.budget_approved), 0) from facility_project p where p.programme_id = g.id and ${projectVisibleSql(scope, 'p', 'g.owner_unit_id')}) as budget_approved,
      (select coalesce(sum(a.amount), 0) from facility_project p join facility_project_allocation a on a.project_id = p.id
        where p.programme_id = g.id and ${projectVisibleSql(scope, 'p', 'g.owner_unit_id')}) as allocated,
      (select coalesce(sum(m.disbursed), 0) from facility_project p join facility_project_month m on m.project_id = p.id
        where p.programme_id = g.id and ${projectVisibleSql(scope, 'p', 'g.owner_unit_id')}) as disbursed
    from facility_programme g join org_unit o on o.id = g.owner_unit_id`;
}

function programmeVisibleSql(scope: Scope) {
  if (scope.root === null) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${inScope(scope, sql.ref('g.owner_unit_id'))}
    or exists (select 1 from facility_project vp where vp.programme_id = g.id and ${projectVisibleSql(scope, 'vp', 'g.owner_unit_id')}))`;
}

export async function listProgrammes(db: Db, q: { scope: Scope; q?: string; page: number; pageSize: number }) {
  const like = q.q ? sql` and g.name ilike ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``;
  const [{ total }] = (await sql<{ total: number }>`select count(*)::int as total from facility_programme g where ${programmeVisibleSql(q.scope)}${like}`.execute(db)).rows;
  const rows = await sql<ProgrammeRow>`${programmeSelect(q.scope)} where ${programmeVisibleSql(q.scope)}${like}
    order by g.start_year desc, g.name limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  return { total, rows: rows.rows };
}

export async function findProgramme(db: Db, id: string, scope: Scope): Promise<ProgrammeRow | undefined> {
  return (await sql<ProgrammeRow>`${programmeSelect(scope)} where g.id = ${id}`.execute(db)).rows[0];
}

export async function insertProgramme(db: Db, row: Omit<FacilityProgrammeTable, 'created_at'>): Promise<void> {
  await db.insertInto('facility_programme').values(row).execute();
}

export async function updateProgramme(db: Db, id: string, set: Partial<Omit<FacilityProgrammeTable, 'created_at'>>): Promise<void> {
  if (Object.keys(set).length) await db.updateTable('facility_programme').set(set).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Projects

export interface ProjectRow {
  id: string;
  programme_id: string;
  programme_name: string;
  owner_unit_id: string;
  owner_code: string;
  owner_name: string;
  name: string;
  kind: ProjectKind;
  investor: string | null;
  budget_approved: number | null;
  notes: string | null;
  version: number;
  allocated: number;
  disbursed: number;
  open_issues: number;
}

const projectSelect = sql`
  select p.id, p.programme_id, g.name as programme_name, g.owner_unit_id, o.code as owner_code, o.name as owner_name,
    p.name, p.kind, p.investor, p.budget_approved, p.notes, p.version,
    (select coalesce(sum(a.amount), 0) from facility_project_allocation a where a.project_id = p.id) as allocated,
    (select coalesce(sum(m.disbursed), 0) from facility_project_month m where m.project_id = p.id) as disbursed,
    (select count(*)::int from facility_project_issue i where i.project_id = p.id and i.resolved_on is null) as open_issues
  from facility_project p join facility_programme g on g.id = p.programme_id join org_unit o on o.id = g.owner_unit_id`;

export interface ProjectListQuery {
  scope: Scope;
  programme?: string;
  /** Projects covering a unit of this subtree (an id). */
  unit?: string;
  kind?: ProjectKind;
  /** Ids to keep (stage filters are applied by the service). */
  ids?: string[];
  page: number;
  pageSize: number;
}

function projectWhere(q: Omit<ProjectListQuery, 'page' | 'pageSize'>) {
  const w = [projectVisibleSql(q.scope, 'p', 'g.owner_unit_id')];
  if (q.programme) w.push(sql<SqlBool>`p.programme_id = ${q.programme}`);
  if (q.kind) w.push(sql<SqlBool>`p.kind = ${q.kind}`);
  if (q.ids) w.push(sql<SqlBool>`p.id = any(${q.ids}::text[])`);
  if (q.unit) w.push(sql<SqlBool>`exists (select 1 from facility_project_unit fu where fu.project_id = p.id and ${inScope({ root: q.unit }, sql.ref('fu.org_unit_id'))})`);
  return sql.join(w, sql` and `);
}

/** Ids of the visible projects matching the filters (for the stage filters and the progress view). */
export async function projectIds(db: Db, q: Omit<ProjectListQuery, 'page' | 'pageSize'>): Promise<string[]> {
  const r = await sql<{ id: string }>`select p.id from facility_project p join facility_programme g on g.id = p.programme_id where ${projectWhere(q)}`.execute(db);
  return r.rows.map((x) => x.id);
}

export async function listProjects(db: Db, q: ProjectListQuery) {
  const [{ total }] = (await sql<{ total: number }>`
    select count(*)::int as total from facility_project p join facility_programme g on g.id = p.programme_id where ${projectWhere(q)}`.execute(db)).rows;
  const rows = await sql<ProjectRow>`${projectSelect} where ${projectWhere(q)}
    order by p.name limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  return { total, rows: rows.rows };
}

export async function findProject(db: Db, id: string): Promise<ProjectRow | undefined> {
  return (await sql<ProjectRow>`${projectSelect} where p.id = ${id}`.execute(db)).rows[0];
}

export async function projectUnits(db: Db, projectIds: readonly string[]): Promise<Map<string, { id: string; code: string; name: string; kind: string }[]>> {
  const out = new Map<string, { id: string; code: string; name: string; kind: string }[]>();
  if (!projectIds.length) return out;
  const rows = await db.selectFrom('facility_project_unit as pu').innerJoin('org_unit as u', 'u.id', 'pu.org_unit_id')
    .select(['pu.project_id', 'u.id', 'u.code', 'u.name', 'u.kind']).where('pu.project_id', 'in', [...projectIds]).orderBy('u.name').execute();
  for (const r of rows) {
    const list = out.get(r.project_id) ?? [];
    list.push({ id: r.id, code: r.code, name: r.name, kind: r.kind });
    out.set(r.project_id, list);
  }
  return out;
}

export async function stagesOf(db: Db, projectIds: readonly string[]): Promise<Map<string, FacilityProjectStageTable[]>> {
  const out = new Map<string, FacilityProjectStageTable[]>();
  if (!projectIds.length) return out;
  const rows = await db.selectFrom('facility_project_stage').selectAll().where('project_id', 'in', [...projectIds]).orderBy('project_id').orderBy('position').execute();
  for (const r of rows) {
    const list = out.get(r.project_id) ?? [];
    list.push(r);
    out.set(r.project_id, list);
  }
  return out;
}

export function allocationsOf(db: Db, projectIds: readonly string[]) {
  if (!projectIds.length) return Promise.resolve([]);
  return db.selectFrom('facility_project_allocation').select(['project_id', 'year', 'amount']).where('project_id', 'in', [...projectIds]).orderBy('year').execute();
}

export function monthsOf(db: Db, projectIds: readonly string[], range?: { from: string; to: string }) {
  if (!projectIds.length) return Promise.resolve([]);
  let q = db.selectFrom('facility_project_month').select(['project_id', 'month', 'planned', 'disbursed']).where('project_id', 'in', [...projectIds]);
  if (range) q = q.where('month', '>=', range.from).where('month', '<=', range.to);
  return q.orderBy('month').execute();
}

export function issuesOf(db: Db, projectId: string) {
  return db.selectFrom('facility_project_issue').selectAll().where('project_id', '=', projectId).orderBy('opened_on').orderBy('created_at').execute();
}

export function findIssue(db: Db, id: string) {
  return db.selectFrom('facility_project_issue').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewProject {
  id: string;
  programme_id: string;
  name: string;
  kind: ProjectKind;
  investor: string | null;
  budget_approved: number | null;
  notes: string | null;
  created_by: string | null;
}

export async function insertProject(db: Db, row: NewProject, stages: readonly Stage[]): Promise<void> {
  await db.insertInto('facility_project').values(row).execute();
  await db.insertInto('facility_project_stage').values(stages.map((stage, position) => ({ project_id: row.id, stage, position }))).execute();
}

export async function updateProject(db: Db, id: string, version: number, set: Partial<NewProject>): Promise<boolean> {
  const r = await db.updateTable('facility_project').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceUnits(db: Db, projectId: string, unitIds: readonly string[]): Promise<void> {
  await db.deleteFrom('facility_project_unit').where('project_id', '=', projectId).execute();
  if (unitIds.length) await db.insertInto('facility_project_unit').values(unitIds.map((u) => ({ project_id: projectId, org_unit_id: u }))).execute();
}

export async function replaceAllocations(db: Db, projectId: string, rows: readonly { year: number; amount: number }[]): Promise<void> {
  await db.deleteFrom('facility_project_allocation').where('project_id', '=', projectId).execute();
  if (rows.length) await db.insertInto('facility_project_allocation').values(rows.map((r) => ({ project_id: projectId, ...r }))).execute();
}

export async function updateStage(db: Db, projectId: string, stage: Stage, set: Pick<FacilityProjectStageTable, 'planned_start' | 'planned_end' | 'actual_start' | 'actual_end' | 'note'>): Promise<void> {
  await db.updateTable('facility_project_stage').set(set).where('project_id', '=', projectId).where('stage', '=', stage).execute();
}

export async function saveMonth(db: Db, projectId: string, month: string, planned: number | null, disbursed: number | null): Promise<void> {
  if (planned === null && disbursed === null) {
    await db.deleteFrom('facility_project_month').where('project_id', '=', projectId).where('month', '=', month).execute();
    return;
  }
  await db.insertInto('facility_project_month').values({ project_id: projectId, month, planned, disbursed })
    .onConflict((oc) => oc.columns(['project_id', 'month']).doUpdateSet({ planned, disbursed })).execute();
}

export async function insertIssue(db: Db, row: Omit<FacilityProjectIssueTable, 'created_at'>): Promise<void> {
  await db.insertInto('facility_project_issue').values(row).execute();
}

export async function updateIssue(db: Db, id: string, set: Partial<Omit<FacilityProjectIssueTable, 'created_at'>>): Promise<void> {
  await db.updateTable('facility_project_issue').set(set).where('id', '=', id).execute();
}

/** Bulk load (the demo): whole projects with their units, allocations, stages and months. */
export async function insertProjectsBulk(
  db: Db,
  data: {
    projects: (NewProject & { version?: number })[];
    units: { project_id: string; org_unit_id: string }[];
    allocations: { project_id: string; year: number; amount: number }[];
    stages: FacilityProjectStageTable[];
    months: { project_id: string; month: string; planned: number | null; disbursed: number | null }[];
    issues: Omit<FacilityProjectIssueTable, 'created_at'>[];
  },
): Promise<void> {
  const chunks = async <T>(rows: T[], write: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 1000) await write(rows.slice(i, i + 1000));
  };
  await chunks(data.projects, (p) => db.insertInto('facility_project').values(p).execute());
  await chunks(data.units, (p) => db.insertInto('facility_project_unit').values(p).execute());
  await chunks(data.allocations, (p) => db.insertInto('facility_project_allocation').values(p).execute());
  await chunks(data.stages, (p) => db.insertInto('facility_project_stage').values(p).execute());
  await chunks(data.months, (p) => db.insertInto('facility_project_month').values(p).execute());
  await chunks(data.issues, (p) => db.insertInto('facility_project_issue').values(p).execute());
}

/** Units open on `date` of the given kinds (the demo's premises and projects). */
export function openUnits(db: Db, date: string, kinds: string[]) {
  return db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind', 'opening_date']).where('kind', 'in', kinds)
    .where('opening_date', '<=', date).where((eb) => eb.or([eb('closed_date', 'is', null), eb('closed_date', '>', date)])).orderBy('code').execute();
}

// ---------------------------------------------------------------------------------------------
// Figures (analytics): per asked unit, over its subtree as on `date`

/** Stations of each unit's subtree on `date` whose premises meet `which`. */
export async function stationPremisesCount(db: Db, unitIds: readonly string[], date: string, which: 'degraded' | 'noLandRight'): Promise<Map<string, number>> {
  if (!unitIds.length) return new Map();
  const cond = which === 'degraded' ? sql`f.grade in ('degraded', 'severe')` : sql`f.land_right_settled = false`;
  const r = await sql<{ unit: string; n: number }>`
    select a.id as unit, count(*)::int as n
    from unnest(${[...unitIds]}::text[]) as a(id)
    join org_unit_closure c on c.ancestor_id = a.id and c.valid_from <= ${date} and c.valid_to > ${date}
    join org_unit u on u.id = c.descendant_id and u.kind = 'station'
      and u.opening_date <= ${date} and (u.closed_date is null or u.closed_date > ${date})
    join facility_premises f on f.org_unit_id = u.id
    where ${cond}
    group by a.id`.execute(db);
  return new Map(r.rows.map((x) => [x.unit, x.n]));
}

/**
 * Per unit: capital allocated for `date`'s year and disbursed from January to `date`'s month, over the
 * projects covering a unit of its subtree on `date` (each project once per asked unit).
 */
export async function disbursement(db: Db, unitIds: readonly string[], date: string): Promise<Map<string, { disbursed: number; allocated: number }>> {
  if (!unitIds.length) return new Map();
  const year = Number(date.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${date.slice(0, 7)}-01`;
  const r = await sql<{ unit: string; disbursed: number; allocated: number }>`
    with proj as (
      select distinct a.id as unit, pu.project_id
      from unnest(${[...unitIds]}::text[]) as a(id)
      join org_unit_closure c on c.ancestor_id = a.id and c.valid_from <= ${date} and c.valid_to > ${date}
      join facility_project_unit pu on pu.org_unit_id = c.descendant_id
    )
    select proj.unit,
      coalesce(sum((select sum(m.disbursed) from facility_project_month m where m.project_id = proj.project_id and m.month between ${from} and ${to})), 0) as disbursed,
      coalesce(sum((select sum(al.amount) from facility_project_allocation al where al.project_id = proj.project_id and al.year = ${year})), 0) as allocated
    from proj group by proj.unit`.execute(db);
  return new Map(r.rows.map((x) => [x.unit, { disbursed: Number(x.disbursed), allocated: Number(x.allocated) }]));
}

/** Units open on `date` under `root` (not offices) whose name matches `q`: what a project may cover. */
export async function searchUnits(db: Db, root: string, q: string, date: string, limit: number) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const r = await sql<{ id: string; code: string; name: string; kind: string; parent_name: string | null }>`
    select u.id, u.code, u.name, u.kind, par.name as parent_name
    from org_unit u
    left join org_unit_path pp on pp.org_unit_id = u.id and pp.valid_from <= ${date} and pp.valid_to > ${date}
    left join org_unit par on par.id = pp.parent_id
    where u.kind in ('station', 'health_centre', 'hospital', 'cdc')
      and u.opening_date <= ${date} and (u.closed_date is null or u.closed_date > ${date})
      and ${inScope({ root }, sql.ref('u.id'), { asOf: date })}
      and (u.name ilike ${like} or par.name ilike ${like})
    order by u.kind, u.name limit ${limit}`.execute(db);
  return r.rows;
}
