// Narrative reports: one per (template, unit, period). A draft is generated from live data and the
// users' free texts; saving keeps every version; finalising freezes the resolved document and its
// figures and records the state of the data, so a later correction shows as a difference.
// Reading needs data:read, writing data:write; both only for units in the actor's scope (checked
// here, and again by the analytics engine for every figure).
import { canAccess, requireAccess, requirePermission, scopeOf, unitsInScope } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, notFound, validation } from '../../core/errors.js';
import { translate, type Locale } from '../../core/i18n.js';
import { own, parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { parseRange, periodLabel, type PeriodRange } from '../../lib/periods.js';
import { uid } from '../../lib/uid.js';
import { childrenOn, currentHierarchy, type Hierarchy } from '../analytics/analytics.cache.js';
import { audit } from '../audit/audit.service.js';
import { levelKindOf } from '../dashboards/dashboards.service.js';
import { tasksForReport } from '../directives/report-data.service.js';
import { buildDocument, followingRange, initialText, itemsOf, type BuildContext } from './build.js';
import * as dataRepo from './data-state.repo.js';
import type { Figure, ReportDocument } from './document.js';
import { TemplateTextError } from './expressions.js';
import { reportCompleteness } from './completeness.service.js';
import { computeFigures } from './figures.js';
import {
  FinaliseReportInput,
  MAX_DOCUMENT_BLOCKS,
  MAX_TEXTS_LENGTH,
  ListReportsQuery,
  OpenReportInput,
  ReopenReportInput,
  SaveReportInput,
  type DataState,
  type Difference,
  type Differences,
  type Report,
  type ReportSummary,
  type ReportVersion,
  type ReportVersionInfo,
  type TemplateDefinition,
} from './reports.contract.js';
import * as repo from './reports.repo.js';
import { taskSetKey, type TaskSetKey } from './task-blocks.js';
import type { TaskSource, TaskWhen } from './template.schema.js';
import { requireTemplate } from './templates.service.js';

// ---------------------------------------------------------------- units and periods


/** The unit as the tree was on `date`: its name, parent and level (from the hierarchy cache). */
function pathOn(h: Hierarchy, id: string, date: string) {
  return h.paths.find((p) => p.unit === id && p.from <= date && p.to > date) ?? h.paths.filter((p) => p.unit === id).sort((a, b) => (a.from < b.from ? 1 : -1))[0];
}

/** "Trung tâm Y tế huyện Hoằng Hóa" → "Hoằng Hóa"; "Sở Y tế Thanh Hóa" → "Thanh Hóa". */
export function placeOf(name: string): string {
  return name
    .replace(/^(Sở Y tế|Trung tâm Y tế|Trạm Y tế|Bệnh viện đa khoa|Bệnh viện|Trung tâm Kiểm soát bệnh tật)\s+/i, '')
    .replace(/^(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu|khu vực)\s+/i, '')
    .trim();
}

/**
 * Above a root unit (the Department of Health) stands the People's Committee of its province:
 * "Sở Y tế Thanh Hóa" → "UBND tỉnh Thanh Hóa"; "Sở Y tế thành phố Hà Nội" → "UBND thành phố Hà Nội".
 */
export function governingBodyOf(name: string): string {
  if (!/^Sở Y tế\s/i.test(name)) return '';
  return `UBND ${/^Sở Y tế\s+(thành phố|TP\.?)\s/i.test(name) ? 'thành phố' : 'tỉnh'} ${placeOf(name)}`;
}

/**
 * How a unit heads a document on `date` (Nghị định 30): its name then, the body above it (its parent;
 * above a Department of Health, the province's People's Committee) and the place of the place-and-date
 * line (an office of the Department writes the Department's place). No access check: the caller's.
 */
export async function unitHeading(ctx: Ctx, unitId: string, date: string): Promise<{ code: string; kind: string; name: string; parentName: string; place: string }> {
  const u = await ctx.use(repo).unitWithParentOn(unitId, date);
  if (!u) throw notFound('orgUnit', unitId);
  const name = u.name ?? u.current_name;
  const parentName = u.parent_name ?? u.parent_current_name ?? governingBodyOf(name);
  const place = placeOf(u.kind === 'office' && parentName ? parentName : name);
  return { code: u.code, kind: u.kind, name, parentName, place };
}

async function unitRef(ctx: Ctx, ref: string) {
  const unit = await ctx.use(repo).unitByRef(ref);
  if (!unit) throw new AppError('NOT_FOUND', 'reports.unitNotFound', { fields: { orgUnit: 'field.invalid' } }, { unit: ref });
  return unit;
}

/** Reports of earlier years are not written in soyte (no data could exist). */
const MIN_YEAR = 2000;

export function reportRange(template: TemplateDefinition, periodId: string): PeriodRange {
  const range = parseRange(periodId);
  if (!range) throw new AppError('VALIDATION_FAILED', 'reports.badPeriod', { fields: { period: 'field.invalid' } }, { period: periodId });
  if (!(template.periodKinds as readonly string[]).includes(range.kind)) {
    throw new AppError('VALIDATION_FAILED', 'reports.periodKindNotAllowed', { fields: { period: 'field.invalid' } }, { period: periodId, template: template.code });
  }
  if (range.start > todayVn()) throw new AppError('VALIDATION_FAILED', 'reports.futurePeriod', { fields: { period: 'field.invalid' } }, { period: periodId });
  if (range.from.year < MIN_YEAR) throw new AppError('VALIDATION_FAILED', 'reports.badPeriod', { fields: { period: 'field.invalid' } }, { period: periodId });
  return range;
}

// ---------------------------------------------------------------- building

/** A stored template whose text no longer parses (changed outside soyte): a clear error, not a 500. */
function guard<T>(template: TemplateDefinition, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TemplateTextError) {
      throw new AppError('VALIDATION_FAILED', 'reports.template.broken', { fields: { template: 'field.invalid' } }, { template: template.code, pos: e.error.pos });
    }
    throw e;
  }
}

interface Loaded {
  row: NonNullable<Awaited<ReturnType<typeof repo.getReport>>>;
  template: TemplateDefinition;
  range: PeriodRange;
}

/**
 * A report belongs to the tree as it was in its period. Writing it needs its unit in the actor's
 * scope at the period's end (a station that moved away in the 2025 reform is no longer written by
 * its former centre); reading also allows the unit's current line (a successor reads the history of
 * the stations it took over), but not the reports a unit wrote after it left the actor's subtree.
 */
async function requireReportScope(ctx: Ctx, unitId: string, range: PeriodRange, write: boolean): Promise<void> {
  if (!write && (await canAccess(ctx, { unit: unitId, asOf: todayVn() }))) return;
  await requireAccess(ctx, { unit: unitId, asOf: range.end });
}

async function loadReport(ctx: Ctx, id: string, permission: 'data:read' | 'data:write'): Promise<Loaded> {
  requirePermission(ctx, permission);
  const row = await ctx.use(repo).getReport(id);
  if (!row) throw notFound('report', id);
  return loaded(ctx, row, permission);
}

/** A report row with its scope checked and the template version it was drafted on. */
async function loaded(ctx: Ctx, row: Loaded['row'], permission: 'data:read' | 'data:write'): Promise<Loaded> {
  const range = parseRange(row.period)!;
  await requireReportScope(ctx, row.org_unit_id, range, permission === 'data:write');
  const version = await ctx.use(repo).templateVersion(row.template_id, row.template_version);
  if (!version) throw notFound('reportTemplateVersion', `${row.template_code} v${row.template_version}`);
  return { row, template: version.definition as TemplateDefinition, range };
}

/** Everything a build needs except the report's own texts: names, sub-units, figures, consolidated texts. */
async function contextFor(
  ctx: Ctx,
  template: TemplateDefinition,
  unit: { id: string; code: string },
  range: PeriodRange,
  report: BuildContext['report'],
  /** Only these texts will be evaluated (a new draft's free-block defaults): fetch only their figures. */
  only?: string[],
): Promise<BuildContext> {
  const items = guard(template, () => itemsOf(template, only));
  const figures = await computeFigures(ctx, { unitId: unit.id, range, items: items.unit, subunitItems: items.subunits });
  const h = await currentHierarchy(ctx);
  const date = range.end;
  const own = pathOn(h, unit.id, date);
  const parent = own?.parent ? pathOn(h, own.parent, date) : undefined;
  const subunitIds = items.usesSubunits ? (figures.subunits.length ? figures.subunits : childrenOn(h, unit.id, date)) : [];
  const subunits = subunitIds.map((id) => ({ id, name: pathOn(h, id, date)?.name ?? id }));

  const consolidated: BuildContext['consolidated'] = new Map();
  const keys = template.blocks.flatMap((b) => (b.type === 'consolidated' ? [b.key] : []));
  if (keys.length) {
    // What the sub-units have sent: their final reports of the same period, else their latest final
    // report inside the period (a centre's June report in the province's 6-month review). A draft is
    // not yet the unit's word, and still holds the template's default texts.
    const rows = (await ctx.use(repo).reportsOfUnits(subunitIds))
      .filter((r) => r.status === 'final')
      .map((r) => ({ ...r, range: parseRange(r.period) }))
      .filter((r) => r.range && r.range.start >= range.start && r.range.end <= range.end)
      .sort(
        (a, b) =>
          Number(b.period === range.id) - Number(a.period === range.id) ||
          (a.range!.end < b.range!.end ? 1 : a.range!.end > b.range!.end ? -1 : 0) ||
          b.updated_at.getTime() - a.updated_at.getTime(),
      );
    for (const key of keys) {
      const entries: { unit: string; text: string }[] = [];
      const missing: string[] = [];
      for (const s of subunits) {
        // The sub-unit's own closing "./." does not belong in the middle of this report.
        const text = rows.map((r) => (r.org_unit_id === s.id ? textOf(r.texts, key) : '')).find((t) => t !== '')?.replace(/\s*\.\/\.$/, '.');
        if (text) entries.push({ unit: s.name, text });
        else missing.push(s.name);
      }
      consolidated.set(key, { entries, missing });
    }
  }
  const tasks = only ? new Map() : await taskSetsFor(ctx, template, unit.id, range);
  // Which sub-units sent the forms behind the figures (the report says so, and withholds comparisons
  // of a partial total below the threshold).
  const elements = [...new Set([...figures.items.values()].filter((i) => i.kind === 'dataElement').map((i) => i.id))];
  const completeness = only || !items.usesSubunits && items.unit.size === 0 ? null : await reportCompleteness(ctx, unit.id, range, elements);
  const name = own?.name ?? unit.code;
  return {
    template,
    unit: { id: unit.id, code: unit.code, name },
    parentName: parent?.name ?? governingBodyOf(name),
    place: placeOf(name),
    subunits,
    range,
    figures,
    report,
    consolidated,
    tasks,
    completeness,
    generatedAt: new Date().toISOString(),
  };
}

/**
 * The tasks the template's task blocks show (directives' tasksForReport, which checks task:read and
 * the unit's scope): 'period' = deadlines in the report's period plus the tasks without a deadline,
 * 'next' = deadlines in the next period. States are judged on the period's last day, or today when
 * the period has not ended.
 */
async function taskSetsFor(ctx: Ctx, template: TemplateDefinition, unitId: string, range: PeriodRange): Promise<BuildContext['tasks']> {
  const keys = new Map<TaskSetKey, { source: TaskSource; when: TaskWhen }>();
  for (const b of template.blocks) if (b.type === 'tasks') keys.set(taskSetKey(b.source, b.when), { source: b.source, when: b.when });
  const today = todayVn();
  const sets = await Promise.all(
    [...keys.entries()].map(async ([key, { source, when }]) => {
      const r = when === 'next' ? followingRange(range) : range;
      const set = await tasksForReport(ctx, { source, unitId, from: r.start, to: r.end, undated: when === 'period', asOf: r.end < today ? r.end : today });
      return [key, set] as const;
    }),
  );
  return new Map(sets);
}

/** A report's free text by key ('' when missing): keys come from templates, never from Object's prototype. */
function textOf(texts: Record<string, string>, key: string): string {
  const t = own(texts, key);
  return typeof t === 'string' ? t.trim() : '';
}

function stateOf(row: Loaded['row'], draft: boolean): BuildContext['report'] {
  return { number: row.number, issuedOn: row.issued_on, signer: row.signer, texts: row.texts, draft };
}

/** The live document of a report (a draft's preview; a final report's current figures). */
async function liveDocument(ctx: Ctx, l: Loaded, draft: boolean): Promise<{ doc: ReportDocument; figures: Figure[] }> {
  const c = await contextFor(ctx, l.template, { id: l.row.org_unit_id, code: l.row.unit_code }, l.range, stateOf(l.row, draft));
  const built = guard(l.template, () => buildDocument(c));
  // Writing a document blocks the event loop for its whole length: an outsized one is refused.
  if (built.doc.blocks.length > MAX_DOCUMENT_BLOCKS) throw conflict('reports.documentTooLarge', undefined, { max: MAX_DOCUMENT_BLOCKS });
  return built;
}

// ---------------------------------------------------------------- views

function view(l: Loaded, warnings: Report['warnings'] = []): Report {
  const r = l.row;
  return {
    id: r.id,
    template: { code: r.template_code, name: r.template_name, version: r.template_version },
    orgUnit: { id: r.org_unit_id, code: r.unit_code, name: r.unit_name },
    period: { id: r.period, name: periodLabel(l.range) },
    status: r.status,
    number: r.number,
    issuedOn: r.issued_on,
    signer: r.signer,
    texts: r.texts,
    freeBlocks: l.template.blocks.flatMap((b) => (b.type === 'free' ? [{ key: b.key, label: b.label, hint: b.hint ?? null }] : [])),
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by,
    finalisedAt: r.finalised_at ? r.finalised_at.toISOString() : null,
    finalisedBy: r.finalised_by,
    warnings,
  };
}

// ---------------------------------------------------------------- operations

/**
 * Opens the report of (template, unit, period), creating its draft when there is none: the free
 * texts start from the template's defaults. Creating needs data:write; opening an existing one data:read.
 */
export async function openReport(ctx: Ctx, input: unknown, locale: Locale = 'vi'): Promise<{ report: Report; created: boolean }> {
  requirePermission(ctx, 'data:read');
  const q = parse(OpenReportInput, input);
  const templateRow = await requireTemplate(ctx, q.template);
  const template = templateRow.definition as TemplateDefinition;
  const unit = await unitRef(ctx, q.orgUnit);
  const range = reportRange(template, q.period);

  const existing = await ctx.use(repo).getReportFor(templateRow.id, unit.id, range.id);
  if (existing) {
    const l = await loaded(ctx, existing, 'data:read');
    return { report: view(l, await warningsOf(ctx, l, locale)), created: false };
  }
  requirePermission(ctx, 'data:write');
  await requireReportScope(ctx, unit.id, range, true);
  const h = await currentHierarchy(ctx);
  const level = pathOn(h, unit.id, range.end)?.level ?? 0;
  if (levelKindOf({ kind: unit.kind, level }) !== template.unitKind) {
    throw new AppError('VALIDATION_FAILED', `reports.unitKindMismatch.${template.unitKind}`, { fields: { orgUnit: 'field.invalid' } }, { unit: unit.name, template: template.name });
  }
  // Free texts are the unit's own words: those of its latest final report of an earlier period (same
  // template); failing that, the template's text for this unit, or its general default (evaluated now).
  const earlier = (await ctx.use(repo).finalReportsOf(template.code, unit.id))
    .map((r) => ({ ...r, range: parseRange(r.period) }))
    .filter((r) => r.range && r.range.end < range.start)
    .sort((a, b) => (a.range!.end < b.range!.end ? 1 : a.range!.end > b.range!.end ? -1 : b.updated_at.getTime() - a.updated_at.getTime()))[0];
  const defaults = template.blocks.flatMap((b) =>
    b.type === 'free' ? [{ key: b.key, text: b.unitDefaults?.find((d) => d.unit === unit.code)?.text ?? b.default ?? '' }] : [],
  );
  const c = await contextFor(ctx, template, unit, range, { number: null, issuedOn: null, signer: null, texts: {}, draft: true }, defaults.map((d) => d.text));
  const texts = guard(template, () =>
    Object.fromEntries(defaults.map((d) => [d.key, earlier && textOf(earlier.texts, d.key) ? textOf(earlier.texts, d.key) : initialText(d.text, c)])),
  );
  const { id, created } = await ctx.transaction(async (tx) => {
    const r = await tx.use(repo).insertReport({
      id: uid(), templateId: templateRow.id, templateVersion: templateRow.version, unitId: unit.id, period: range.id,
      texts, signer: template.signature.signer || null, by: ctx.actor.username,
    });
    if (r.created) await audit(tx, { action: 'report.create', entityType: 'report', entityId: r.id, entityCode: `${template.code}/${unit.code}/${range.id}` });
    return r;
  });
  const l = await loadReport(ctx, id, 'data:read');
  return { report: view(l, await warningsOf(ctx, l, locale)), created };
}

async function warningsOf(ctx: Ctx, l: Loaded, locale: Locale): Promise<Report['warnings']> {
  if (await ctx.use(dataRepo).hasData(l.row.org_unit_id, l.range.months)) return [];
  return [{ code: 'NO_DATA', message: translate('reports.warning.noData', locale) }];
}

export async function getReport(ctx: Ctx, id: string, locale: Locale = 'vi'): Promise<Report> {
  const l = await loadReport(ctx, id, 'data:read');
  return view(l, await warningsOf(ctx, l, locale));
}

/** Reports listed at once (newest first). */
const LIST_LIMIT = 500;

/**
 * The reports in the actor's scope, by the rule for one report: the unit in scope at the period's
 * end, or today (a successor reads the history of the stations it took over).
 */
export async function listReports(ctx: Ctx, input: unknown): Promise<ReportSummary[]> {
  requirePermission(ctx, 'data:read');
  const q = parse(ListReportsQuery, input);
  let unitId: string | undefined;
  if (q.orgUnit) {
    unitId = (await unitRef(ctx, q.orgUnit)).id;
    await requireAccess(ctx, { unit: unitId });
  }
  const templateId = q.template ? (await requireTemplate(ctx, q.template)).id : undefined;
  // Every report of a unit that has ever been in scope, then only those in scope on one of their dates.
  const rows = await ctx.use(repo).listReports({ scope: scopeOf(ctx), unitId, period: q.period, templateId, status: q.status, limit: LIST_LIMIT });
  const visible = await visibleReports(ctx, rows);
  return rows.filter((r) => visible.has(r.id)).map((r) => {
    const range = parseRange(r.period);
    return {
      id: r.id,
      template: { code: r.template_code, name: r.template_name },
      orgUnit: { id: r.org_unit_id, code: r.unit_code, name: r.unit_name },
      period: { id: r.period, name: range ? periodLabel(range) : r.period },
      status: r.status,
      version: r.version,
      updatedAt: r.updated_at.toISOString(),
      updatedBy: r.updated_by,
      finalisedAt: r.finalised_at ? r.finalised_at.toISOString() : null,
    };
  });
}

/** The ids of the reports whose unit is in scope today or at their period's end (one query per date). */
async function visibleReports(ctx: Ctx, rows: { id: string; org_unit_id: string; period: string }[]): Promise<Set<string>> {
  const today = await unitsInScope(ctx, rows.map((r) => r.org_unit_id), todayVn());
  const visible = new Set(rows.filter((r) => today.has(r.org_unit_id)).map((r) => r.id));
  const byEnd = new Map<string, typeof rows>();
  for (const r of rows) {
    const end = parseRange(r.period)?.end;
    if (visible.has(r.id) || !end) continue;
    const list = byEnd.get(end);
    if (list) list.push(r);
    else byEnd.set(end, [r]);
  }
  for (const [end, list] of byEnd) {
    const units = await unitsInScope(ctx, list.map((r) => r.org_unit_id), end);
    for (const r of list) if (units.has(r.org_unit_id)) visible.add(r.id);
  }
  return visible;
}

export async function saveReport(ctx: Ctx, id: string, input: unknown, locale: Locale = 'vi'): Promise<Report> {
  const q = parse(SaveReportInput, input);
  const l = await loadReport(ctx, id, 'data:write');
  if (l.row.status === 'final') throw conflict('reports.final');
  const keys = new Set(l.template.blocks.flatMap((b) => (b.type === 'free' ? [b.key] : [])));
  const unknown = Object.keys(q.texts ?? {}).filter((k) => !keys.has(k));
  if (unknown.length) throw validation(Object.fromEntries(unknown.map((k) => [`texts.${k}`, 'reports.unknownBlock'])), 'reports.unknownBlock');
  const texts = { ...l.row.texts, ...(q.texts ?? {}) };
  if (Object.values(texts).reduce((n, t) => n + t.length, 0) > MAX_TEXTS_LENGTH) {
    throw new AppError('VALIDATION_FAILED', 'reports.textsTooLong', { fields: { texts: 'reports.textsTooLong' } }, { max: MAX_TEXTS_LENGTH });
  }
  const state: repo.ReportState = {
    status: 'draft',
    texts,
    number: q.number === undefined ? l.row.number : q.number || null,
    issuedOn: q.issuedOn === undefined ? l.row.issued_on : q.issuedOn,
    signer: q.signer === undefined ? l.row.signer : q.signer || null,
  };
  const version = await ctx.transaction((tx) => tx.use(repo).saveReport(id, q.version, state, ctx.actor.username, null));
  if (version === null) throw conflict('reports.changedMeanwhile', undefined, { version: l.row.version });
  return getReport(ctx, id, locale);
}

export async function reportVersions(ctx: Ctx, id: string): Promise<ReportVersionInfo[]> {
  await loadReport(ctx, id, 'data:read');
  const rows = await ctx.use(repo).reportVersions(id);
  return rows.map((r) => ({ version: r.version, status: r.status, note: r.note, savedAt: r.saved_at.toISOString(), savedBy: r.saved_by }));
}

export async function reportVersion(ctx: Ctx, id: string, version: number): Promise<ReportVersion> {
  await loadReport(ctx, id, 'data:read');
  const r = await ctx.use(repo).reportVersion(id, version);
  if (!r) throw notFound('reportVersion', `${id} v${version}`);
  return { version: r.version, status: r.status, texts: r.texts, number: r.number, issuedOn: r.issued_on, signer: r.signer, note: r.note, savedAt: r.saved_at.toISOString(), savedBy: r.saved_by };
}

/** Freezes the figures as they are now and records the data's state; the report becomes final. */
export async function finaliseReport(ctx: Ctx, id: string, input: unknown = {}, locale: Locale = 'vi'): Promise<Report> {
  const q = parse(FinaliseReportInput, input);
  const l = await loadReport(ctx, id, 'data:write');
  if (l.row.status === 'final') throw conflict('reports.final');
  const { doc, figures } = await liveDocument(ctx, l, false);
  const state = await ctx.use(dataRepo).dataState(l.row.org_unit_id, l.range.months);
  const dataState: DataState = { ...state, finalisedAt: new Date().toISOString() };
  await ctx.transaction(async (tx) => {
    const version = await tx.use(repo).saveReport(id, q.version, { ...stateOf(l.row, false), status: 'final' }, ctx.actor.username, 'finalised', { frozen: doc, figures, dataState });
    if (version === null) throw conflict('reports.changedMeanwhile', undefined, { version: l.row.version });
    await audit(tx, { action: 'report.finalise', entityType: 'report', entityId: id, entityCode: `${l.row.template_code}/${l.row.unit_code}/${l.row.period}`, after: dataState });
  });
  return getReport(ctx, id, locale);
}

/** Back to draft (with a reason, audited); the frozen copy is dropped, the versions stay. */
export async function reopenReport(ctx: Ctx, id: string, input: unknown, locale: Locale = 'vi'): Promise<Report> {
  const q = parse(ReopenReportInput, input);
  const l = await loadReport(ctx, id, 'data:write');
  if (l.row.status !== 'final') throw conflict('reports.notFinal');
  await ctx.transaction(async (tx) => {
    const version = await tx.use(repo).saveReport(id, l.row.version, { ...stateOf(l.row, true), status: 'draft' }, ctx.actor.username, q.reason, 'clear');
    if (version === null) throw conflict('reports.changedMeanwhile', undefined, { version: l.row.version });
    await audit(tx, { action: 'report.reopen', entityType: 'report', entityId: id, entityCode: `${l.row.template_code}/${l.row.unit_code}/${l.row.period}`, details: { reason: q.reason } });
  });
  return getReport(ctx, id, locale);
}

/** A final report's figures as frozen against the same figures computed now. */
export async function reportDifferences(ctx: Ctx, id: string): Promise<Differences> {
  const l = await loadReport(ctx, id, 'data:read');
  if (l.row.status !== 'final') throw conflict('reports.notFinal');
  const frozen = await ctx.use(repo).frozenOf(id);
  const before = new Map(((frozen?.figures ?? []) as Figure[]).map((f) => [f.key, f]));
  const { figures } = await liveDocument(ctx, l, false);
  const differences: Difference[] = [];
  for (const now of figures) {
    const was = before.get(now.key);
    if (!was || was.text === now.text) continue;
    differences.push({ key: now.key, label: now.label, frozen: was.text, live: now.text, frozenValue: was.value, liveValue: now.value });
  }
  return { finalisedAt: l.row.finalised_at!.toISOString(), dataState: (frozen?.data_state as DataState | null) ?? null, differences };
}

/** The document of a report: a final one as frozen, a draft with live figures. */
export async function reportDocument(ctx: Ctx, id: string): Promise<ReportDocument> {
  const l = await loadReport(ctx, id, 'data:read');
  if (l.row.status === 'final') {
    const frozen = await ctx.use(repo).frozenOf(id);
    if (frozen?.frozen) return frozen.frozen as ReportDocument;
  }
  return (await liveDocument(ctx, l, l.row.status !== 'final')).doc;
}
