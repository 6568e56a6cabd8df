// Batch generation: the report of one template and period for every unit of the template's kind
// inside a parent unit (every health centre of the province), with progress. The API runs it as a
// job in this process (state polled, result downloaded as a ZIP); the CLI runs it in the foreground.
import { requireAccess, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, notFound } from '../../core/errors.js';
import { translate, type Locale } from '../../core/i18n.js';
import { parse } from '../../core/input.js';
import { periodLabel, type PeriodRange } from '../../lib/periods.js';
import { uid } from '../../lib/uid.js';
import { currentHierarchy, levelOn } from '../analytics/analytics.cache.js';
import { renderReport } from './render/index.js';
import { BatchInput, type BatchStarted, type BatchState, type ReportFormat, type TemplateDefinition } from './reports.contract.js';
import * as repo from './reports.repo.js';
import { openReport, reportDocument, reportRange } from './reports.service.js';
import { requireTemplate } from './templates.service.js';

/** The unit kinds (org_unit.kind) a template's unit kind stands for, and their level. */
const KINDS: Record<TemplateDefinition['unitKind'], { kinds: string[]; level: number }> = {
  province: { kinds: ['department'], level: 1 },
  centre: { kinds: ['health_centre'], level: 2 },
  station: { kinds: ['station'], level: 3 },
};

export interface BatchProgress {
  done: number;
  total: number;
  current: string | null;
}

export interface BatchResult {
  reports: { id: string; orgUnit: string; fileName: string }[];
  errors: { orgUnit: string; message: string }[];
  files: { name: string; body: Buffer }[];
}

interface BatchPlan {
  templateCode: string;
  range: PeriodRange;
  format: ReportFormat;
  units: { id: string; code: string; name: string }[];
}

/** Letters without their marks, for file names every system reads: "Hoằng Hóa" → "Hoang Hoa". */
export function asciiName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 ._-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A batch file named by the period and the unit's name, not its code:
 * "BC thang 5-2024 - TTYT Hoang Hoa.docx", "BC 6 thang dau nam 2024 - SYT Thanh Hoa.pdf".
 */
export function batchFileName(range: PeriodRange, unitName: string, ext: string): string {
  const period = range.kind === 'Monthly' ? `thang ${range.from.month}-${range.from.year}` : asciiName(periodLabel(range, 'vi'));
  const unit = asciiName(
    unitName
      .replace(/^Trung tâm Y tế\s+(huyện|thị xã|thành phố|quận)?\s*/i, 'TTYT ')
      .replace(/^Trạm Y tế\s+(xã|phường|thị trấn)?\s*/i, 'TYT ')
      .replace(/^Sở Y tế\s+(tỉnh|thành phố)?\s*/i, 'SYT '),
  );
  return `BC ${period} - ${unit}.${ext}`;
}

/**
 * Checks a batch before anything runs: the template, the period (of a kind the template takes), the
 * parent (default: the actor's unit, or the province for a system administrator) in the actor's
 * scope as of the period's end, and the units of the template's kind inside it.
 */
async function planBatch(ctx: Ctx, raw: unknown): Promise<BatchPlan> {
  requirePermission(ctx, 'data:write');
  const q = parse(BatchInput, raw);
  const templateRow = await requireTemplate(ctx, q.template);
  const template = templateRow.definition as TemplateDefinition;
  const range = reportRange(template, q.period);

  const h = await currentHierarchy(ctx);
  const date = range.end;
  const root = scopeOf(ctx).root;
  let parentId: string;
  if (q.parent) {
    const p = h.units.get(q.parent);
    if (!p) throw new AppError('NOT_FOUND', 'reports.unitNotFound', { fields: { parent: 'field.invalid' } }, { unit: q.parent });
    parentId = p.id;
  } else if (root !== null) {
    parentId = root; // the top of the actor's scope: their own unit
  } else {
    const roots = levelOn(h, 1, date);
    if (roots.length !== 1) throw new AppError('VALIDATION_FAILED', 'reports.batchParentRequired', { fields: { parent: 'field.required' } });
    parentId = roots[0]!;
  }
  await requireAccess(ctx, { unit: parentId, asOf: date });
  const want = KINDS[template.unitKind];
  // The units of the template's level inside the parent (the parent itself included), by name.
  const candidates = levelOn(h, want.level, date, parentId);
  const rows = await ctx.use(repo).unitsOfKinds(candidates, want.kinds);
  const order = new Map(candidates.map((id, i) => [id, i]));
  const chosen = rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  if (chosen.length === 0) throw new AppError('VALIDATION_FAILED', `reports.batchNoUnits.${template.unitKind}`, { fields: { parent: 'field.invalid' } });
  return { templateCode: templateRow.code, range, format: q.format, units: chosen };
}

/** Opens or creates the draft of, and renders, the report of every unit in turn; a unit's failure is listed, not fatal. */
async function executeBatch(ctx: Ctx, plan: BatchPlan, onProgress: (p: BatchProgress) => void, locale: Locale): Promise<BatchResult> {
  const result: BatchResult = { reports: [], errors: [], files: [] };
  const total = plan.units.length;
  let done = 0;
  for (const u of plan.units) {
    onProgress({ done, total, current: u.name });
    try {
      const { report } = await openReport(ctx, { template: plan.templateCode, orgUnit: u.id, period: plan.range.id });
      const file = await renderReport(await reportDocument(ctx, report.id), plan.format, ctx.config);
      let name = batchFileName(plan.range, u.name, file.fileName.split('.').pop()!);
      if (result.files.some((f) => f.name === name)) name = name.replace(/(\.[a-z]+)$/, ` (${asciiName(u.code)})$1`);
      result.files.push({ name, body: file.body });
      result.reports.push({ id: report.id, orgUnit: u.code, fileName: name });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      result.errors.push({ orgUnit: u.name, message: translate(e.messageKey ?? e.code, locale, e.params) });
    }
    done++;
  }
  onProgress({ done, total, current: null });
  return result;
}

/** The whole batch in the foreground (the CLI). */
export async function runBatch(ctx: Ctx, raw: unknown, onProgress: (p: BatchProgress) => void = () => {}, locale: Locale = 'vi'): Promise<BatchResult> {
  return executeBatch(ctx, await planBatch(ctx, raw), onProgress, locale);
}

export async function zipOf(files: { name: string; body: Buffer }[]): Promise<Buffer> {
  const { default: JSZip } = await import('jszip'); // loaded when a batch is downloaded, not at start
  const zip = new JSZip();
  for (const f of files) zip.file(f.name, f.body);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// ---------------------------------------------------------------- jobs (API)

interface Job extends BatchProgress {
  id: string;
  owner: string;
  state: 'running' | 'done' | 'failed';
  error: string | null;
  result: BatchResult | null;
  finishedAt: number | null;
}

const jobs = new Map<string, Job>();
const KEEP_MS = 60 * 60 * 1000;

function prune() {
  const now = Date.now();
  for (const [id, j] of jobs) if (j.finishedAt && now - j.finishedAt > KEEP_MS) jobs.delete(id);
}

/**
 * Starts a batch in the background once its input is checked (a bad template, period or parent is
 * answered at once); poll batchStatus for progress. One running batch per user.
 */
export async function startBatch(ctx: Ctx, raw: unknown, locale: Locale = 'vi'): Promise<BatchStarted> {
  const plan = await planBatch(ctx, raw);
  prune();
  if ([...jobs.values()].some((j) => j.owner === ctx.actor.username && j.state === 'running')) throw new AppError('CONFLICT', 'reports.batchRunning');
  const job: Job = { id: uid(), owner: ctx.actor.username, state: 'running', done: 0, total: plan.units.length, current: null, error: null, result: null, finishedAt: null };
  jobs.set(job.id, job);
  executeBatch(ctx, plan, (p) => Object.assign(job, p), locale)
    .then((r) => Object.assign(job, { state: 'done', result: r, finishedAt: Date.now() }))
    .catch((e: unknown) =>
      Object.assign(job, {
        state: 'failed',
        error: e instanceof AppError ? translate(e.messageKey ?? e.code, locale, e.params) : translate('INTERNAL', locale),
        finishedAt: Date.now(),
      }),
    );
  return { id: job.id };
}

function ownJob(ctx: Ctx, id: string): Job {
  const job = jobs.get(id);
  if (!job || job.owner !== ctx.actor.username) throw notFound('reportBatch', id);
  return job;
}

export function batchStatus(ctx: Ctx, id: string): BatchState {
  const j = ownJob(ctx, id);
  return {
    id: j.id,
    state: j.state,
    done: j.done,
    total: j.total,
    current: j.current,
    error: j.error,
    errors: j.result?.errors ?? [],
    reports: j.result?.reports ?? [],
  };
}

export async function batchZip(ctx: Ctx, id: string): Promise<Buffer> {
  const j = ownJob(ctx, id);
  if (j.state !== 'done' || !j.result) throw new AppError('CONFLICT', 'reports.batchNotDone');
  return zipOf(j.result.files);
}
