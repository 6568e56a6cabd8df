// SQL of the reports module: templates and their versions, reports and their versions, and the units
// a report names. (The state of the data a report reads: data-state.repo.ts.)
import type { Kysely, Transaction } from 'kysely';
import { inScope, type ScopeOptions } from '../../core/scope.repo.js';
import type { Scope } from '../../core/context.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------- units and the tree

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
}

/** A unit by id or code. */
export function unitByRef(db: Db, ref: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'kind'])
    .where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)]))
    .executeTakeFirst();
}

/** A unit as it was on `date` (its name then, its kind) with its parent then: a document's header. */
export function unitWithParentOn(db: Db, id: string, date: string) {
  return db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit_path as p', (j) => j.onRef('p.org_unit_id', '=', 'u.id').on('p.valid_from', '<=', date).on('p.valid_to', '>', date))
    .leftJoin('org_unit as pu', 'pu.id', 'p.parent_id')
    .leftJoin('org_unit_path as pp', (j) => j.onRef('pp.org_unit_id', '=', 'pu.id').on('pp.valid_from', '<=', date).on('pp.valid_to', '>', date))
    .select(['u.id', 'u.code', 'u.kind', 'u.name as current_name', 'p.name', 'pu.kind as parent_kind', 'pu.name as parent_current_name', 'pp.name as parent_name'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** Those of `ids` whose kind is one of `kinds`. */
export function unitsOfKinds(db: Db, ids: string[], kinds: string[]): Promise<{ id: string; code: string; kind: string; name: string }[]> {
  if (ids.length === 0 || kinds.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'code', 'kind', 'name']).where('id', 'in', ids).where('kind', 'in', kinds).execute();
}

// ---------------------------------------------------------------- templates

export function listTemplates(db: Db) {
  return db
    .selectFrom('report_template')
    .select(['id', 'code', 'name', 'unit_kind', 'version', 'definition', 'builtin', 'updated_at', 'updated_by'])
    .orderBy('builtin', 'desc')
    .orderBy('code')
    .execute();
}

export function findTemplate(db: Db, code: string) {
  return db.selectFrom('report_template').selectAll().where((eb) => eb.or([eb('code', '=', code), eb('id', '=', code)])).executeTakeFirst();
}

export function templateById(db: Db, id: string) {
  return db.selectFrom('report_template').selectAll().where('id', '=', id).executeTakeFirst();
}

export function templateVersion(db: Db, templateId: string, version: number) {
  return db.selectFrom('report_template_version').selectAll().where('template_id', '=', templateId).where('version', '=', version).executeTakeFirst();
}

export function templateVersions(db: Db, templateId: string) {
  return db
    .selectFrom('report_template_version')
    .select(['version', 'created_at', 'created_by'])
    .where('template_id', '=', templateId)
    .orderBy('version', 'desc')
    .execute();
}

export async function insertTemplate(
  db: Db,
  t: { id: string; code: string; name: string; unitKind: 'province' | 'centre' | 'station'; definition: unknown; builtin: boolean; by: string | null },
) {
  const definition = JSON.stringify(t.definition);
  const inserted = await db
    .insertInto('report_template')
    .values({ id: t.id, code: t.code, name: t.name, unit_kind: t.unitKind, version: 1, definition, builtin: t.builtin, updated_by: t.by })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await db.insertInto('report_template_version').values({ template_id: t.id, version: 1, definition, created_by: t.by }).execute();
  return true;
}

/** Stores a new version when `expectedVersion` is still the current one; false otherwise. */
export async function updateTemplate(
  db: Db,
  id: string,
  expectedVersion: number,
  t: { name: string; unitKind: 'province' | 'centre' | 'station'; definition: unknown; by: string | null },
): Promise<number | null> {
  const definition = JSON.stringify(t.definition);
  const r = await db
    .updateTable('report_template')
    .set({ name: t.name, unit_kind: t.unitKind, definition, version: expectedVersion + 1, updated_at: new Date(), updated_by: t.by })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  if (!r) return null;
  await db.insertInto('report_template_version').values({ template_id: id, version: r.version, definition, created_by: t.by }).execute();
  return r.version;
}

export async function templateInUse(db: Db, templateId: string): Promise<boolean> {
  return !!(await db.selectFrom('report').select('id').where('template_id', '=', templateId).limit(1).executeTakeFirst());
}

export function deleteTemplate(db: Db, id: string) {
  return db.deleteFrom('report_template').where('id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------- reports

const reportColumns = [
  'r.id', 'r.template_id', 'r.template_version', 'r.org_unit_id', 'r.period', 'r.status', 'r.number', 'r.issued_on', 'r.signer',
  'r.texts', 'r.version', 'r.created_at', 'r.created_by', 'r.updated_at', 'r.updated_by', 'r.finalised_at', 'r.finalised_by',
  't.code as template_code', 't.name as template_name', 'u.code as unit_code', 'u.name as unit_name',
] as const;

function reportQuery(db: Db) {
  return db
    .selectFrom('report as r')
    .innerJoin('report_template as t', 't.id', 'r.template_id')
    .innerJoin('org_unit as u', 'u.id', 'r.org_unit_id');
}

export type ReportRow = Awaited<ReturnType<typeof getReport>> & object;

export function getReport(db: Db, id: string) {
  return reportQuery(db).select(reportColumns).where('r.id', '=', id).executeTakeFirst();
}

export function getReportFor(db: Db, templateId: string, unitId: string, period: string) {
  return reportQuery(db)
    .select(reportColumns)
    .where('r.template_id', '=', templateId)
    .where('r.org_unit_id', '=', unitId)
    .where('r.period', '=', period)
    .executeTakeFirst();
}

/** The frozen document and figures of a final report. */
export function frozenOf(db: Db, id: string) {
  return db.selectFrom('report').select(['frozen', 'figures', 'data_state']).where('id', '=', id).executeTakeFirst();
}

/**
 * Reports matching the filters whose unit is, or has been, inside `scope` (the caller narrows this
 * to the dates that matter), newest first.
 */
export async function listReports(
  db: Db,
  f: { scope: Scope; scopeOptions?: ScopeOptions; unitId?: string; period?: string; templateId?: string; status?: 'draft' | 'final'; limit: number },
) {
  let q = reportQuery(db).select(reportColumns).where(inScope(f.scope, 'r.org_unit_id', f.scopeOptions));
  if (f.unitId) q = q.where('r.org_unit_id', '=', f.unitId);
  if (f.period) q = q.where('r.period', '=', f.period);
  if (f.templateId) q = q.where('r.template_id', '=', f.templateId);
  if (f.status) q = q.where('r.status', '=', f.status);
  return q.orderBy('r.updated_at', 'desc').limit(f.limit).execute();
}

/** Creates the report unless it exists (a concurrent create wins); returns the row's id and whether this call created it. */
export async function insertReport(
  db: Db,
  r: { id: string; templateId: string; templateVersion: number; unitId: string; period: string; texts: Record<string, string>; signer: string | null; by: string | null },
): Promise<{ id: string; created: boolean }> {
  const texts = JSON.stringify(r.texts);
  const row = await db
    .insertInto('report')
    .values({
      id: r.id, template_id: r.templateId, template_version: r.templateVersion, org_unit_id: r.unitId, period: r.period,
      texts, signer: r.signer, number: null, created_by: r.by, updated_by: r.by,
    })
    .onConflict((oc) => oc.columns(['template_id', 'org_unit_id', 'period']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    const existing = await db.selectFrom('report').select('id').where('template_id', '=', r.templateId).where('org_unit_id', '=', r.unitId).where('period', '=', r.period).executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }
  await db
    .insertInto('report_version')
    .values({ report_id: r.id, version: 1, status: 'draft', texts, number: null, issued_on: null, signer: r.signer, saved_by: r.by, note: 'created' })
    .execute();
  return { id: row.id, created: true };
}

export interface ReportState {
  status: 'draft' | 'final';
  texts: Record<string, string>;
  number: string | null;
  issuedOn: string | null;
  signer: string | null;
}

/**
 * Writes a new state when `expectedVersion` is the current one (optimistic locking); returns the
 * new version, or null when someone saved meanwhile. `freeze` sets or clears the frozen copy.
 */
export async function saveReport(
  db: Db,
  id: string,
  expectedVersion: number,
  s: ReportState,
  by: string | null,
  note: string | null,
  freeze?: { frozen: unknown; figures: unknown; dataState: unknown } | 'clear',
): Promise<number | null> {
  const texts = JSON.stringify(s.texts);
  const frozenSet =
    freeze === 'clear'
      ? { frozen: null, figures: null, data_state: null, finalised_at: null, finalised_by: null }
      : freeze
        ? { frozen: JSON.stringify(freeze.frozen), figures: JSON.stringify(freeze.figures), data_state: JSON.stringify(freeze.dataState), finalised_at: new Date(), finalised_by: by }
        : {};
  const r = await db
    .updateTable('report')
    .set({ status: s.status, texts, number: s.number, issued_on: s.issuedOn, signer: s.signer, version: expectedVersion + 1, updated_at: new Date(), updated_by: by, ...frozenSet })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  if (!r) return null;
  await db
    .insertInto('report_version')
    .values({ report_id: id, version: r.version, status: s.status, texts, number: s.number, issued_on: s.issuedOn, signer: s.signer, saved_by: by, note })
    .execute();
  return r.version;
}

export function reportVersions(db: Db, id: string) {
  return db
    .selectFrom('report_version')
    .select(['version', 'status', 'note', 'saved_at', 'saved_by'])
    .where('report_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
}

export function reportVersion(db: Db, id: string, version: number) {
  return db.selectFrom('report_version').selectAll().where('report_id', '=', id).where('version', '=', version).executeTakeFirst();
}

/** The sub-units' reports (any template, any period; the caller picks those inside its period). */
export function reportsOfUnits(db: Db, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('report')
    .select(['org_unit_id', 'period', 'status', 'texts', 'updated_at'])
    .where('org_unit_id', 'in', unitIds)
    .execute();
}

/** The kinds of some units (station, health_centre …): the word a completeness sentence uses. */
export function unitKinds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'kind']).where('id', 'in', ids).execute();
}

/**
 * A unit's reports of a template (any version), newest period first: the latest final one of an
 * earlier period gives a new draft its free texts.
 */
export function finalReportsOf(db: Db, templateCode: string, unitId: string) {
  return db
    .selectFrom('report as r')
    .innerJoin('report_template as t', 't.id', 'r.template_id')
    .select(['r.period', 'r.texts', 'r.updated_at'])
    .where('t.code', '=', templateCode)
    .where('r.org_unit_id', '=', unitId)
    .where('r.status', '=', 'final')
    .execute();
}
