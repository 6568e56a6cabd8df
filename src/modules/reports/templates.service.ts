// Report templates: data, edited in the app, validated on every save, versioned, exportable.
// Reading: any signed-in user. Writing: metadata:write. The defaults (defaults/) are installed on
// start when missing, and from then on are edited like any other template.
import type { z } from 'zod';
import { requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import { translate, type Locale } from '../../core/i18n.js';
import { messageKeyOf } from '../../core/input.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import { DEFAULT_TEMPLATES } from './defaults/index.js';
import { itemsOfCall, parseText, TemplateTextError } from './expressions.js';
import { resolveItems } from './figures.js';
import {
  MAX_TEMPLATE_LENGTH,
  templateDefinitionSchema,
  type TemplateDefinition,
  type TemplateProblem,
  type TemplateSummary,
  type TemplateValidation,
  type TemplateVersionInfo,
  type TemplateView,
} from './reports.contract.js';
import * as repo from './reports.repo.js';

export type { TemplateProblem, TemplateSummary, TemplateView } from './reports.contract.js';

const localeTag = (locale: Locale) => (locale === 'en' ? 'en-US' : 'vi-VN');

/** JSON with object keys sorted (PostgreSQL's jsonb keeps its own key order). */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Installs the default templates that are not there yet (by code), and brings those nobody has
 * edited up to this release's text (a new version; reports keep the version they were drafted on).
 * A default a user has saved is never overwritten.
 */
export async function ensureDefaultTemplates(ctx: Ctx): Promise<{ added: number; updated: number }> {
  const templates = ctx.use(repo);
  let added = 0;
  let updated = 0;
  for (const input of DEFAULT_TEMPLATES) {
    const def = templateDefinitionSchema.parse(input);
    for (const { text } of textsOf(def)) parseText(text); // a broken default is a bug: fail at start, not in a report
    const id = uid();
    const inserted = await ctx.transaction((tx) =>
      tx.use(repo).insertTemplate({ id, code: def.code, name: def.name, unitKind: def.unitKind, definition: def, builtin: true, by: null }),
    );
    if (inserted) {
      added++;
      continue;
    }
    const row = await templates.findTemplate(def.code);
    if (!row || !row.builtin || row.updated_by !== null || canonical(row.definition) === canonical(def)) continue;
    const version = await ctx.transaction((tx) => tx.use(repo).updateTemplate(row.id, row.version, { name: def.name, unitKind: def.unitKind, definition: def, by: null }));
    if (version !== null) updated++;
  }
  return { added, updated };
}

/** Shape problems, one per place, in the user's language ("name: Bắt buộc nhập."). */
function zodProblems(error: z.ZodError, locale: Locale): TemplateProblem[] {
  const out = new Map<string, TemplateProblem>();
  for (const i of error.issues) {
    const path = i.path.map((p, k) => (typeof p === 'number' ? `[${p}]` : k === 0 ? p : `.${p}`)).join('') || '_';
    if (!out.has(path)) out.set(path, { path, message: translate(messageKeyOf(i), locale) });
  }
  return [...out.values()];
}

/** Every text of a template with its path (for expression checks and item references). */
function textsOf(t: TemplateDefinition): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const k of ['parentBody', 'issuingBody', 'numberPattern', 'place', 'documentType', 'summary'] as const) out.push({ path: `header.${k}`, text: t.header[k] });
  t.blocks.forEach((b, i) => {
    if (b.type === 'heading' || b.type === 'text') out.push({ path: `blocks[${i}].text`, text: b.text });
    if (b.type === 'free' && b.default) out.push({ path: `blocks[${i}].default`, text: b.default });
    if (b.type === 'free') b.unitDefaults?.forEach((d, k) => out.push({ path: `blocks[${i}].unitDefaults[${k}].text`, text: d.text }));
    if (b.type === 'tasks' && b.title) out.push({ path: `blocks[${i}].title`, text: b.title });
    if (b.type === 'table') {
      if (b.title) out.push({ path: `blocks[${i}].title`, text: b.title });
      b.items?.forEach((it, k) => it.label && out.push({ path: `blocks[${i}].items[${k}].label`, text: it.label }));
    }
  });
  t.signature.authority.forEach((a, i) => out.push({ path: `signature.authority[${i}]`, text: a }));
  t.recipients.forEach((r, i) => out.push({ path: `recipients[${i}]`, text: r }));
  return out;
}

/**
 * Checks a template: its shape, every expression (with its position), the structure of tables and
 * free blocks, and that every data item exists. Returns the definition when there is no problem.
 */
export async function checkTemplate(ctx: Ctx, input: unknown, locale: Locale = 'vi'): Promise<{ problems: TemplateProblem[]; definition?: TemplateDefinition }> {
  if ((JSON.stringify(input ?? {})?.length ?? 0) > MAX_TEMPLATE_LENGTH) {
    return { problems: [{ path: '_', message: translate('reports.template.tooLarge', locale, { max: MAX_TEMPLATE_LENGTH.toLocaleString(localeTag(locale)) }) }] };
  }
  const parsed = templateDefinitionSchema.safeParse(input ?? {});
  if (!parsed.success) return { problems: zodProblems(parsed.error, locale) };
  const t = parsed.data;
  const problems: TemplateProblem[] = [];
  const refs = new Map<string, string[]>(); // item → paths
  const use = (item: string, path: string) => refs.set(item, [...(refs.get(item) ?? []), path]);

  for (const { path, text } of textsOf(t)) {
    try {
      for (const line of parseText(text)) for (const p of line) if (p.kind === 'call') for (const item of itemsOfCall(p.call)) use(item, path);
    } catch (e) {
      if (!(e instanceof TemplateTextError)) throw e;
      const err = e.error;
      problems.push({ path, message: `${translate(err.key, locale, err.params)} (${translate('reports.atPosition', locale, { pos: err.pos })})` });
    }
  }
  const keys = new Set<string>();
  t.blocks.forEach((b, i) => {
    if (b.type === 'free') {
      if (keys.has(b.key)) problems.push({ path: `blocks[${i}].key`, message: translate('reports.template.duplicateKey', locale, { key: b.key }) });
      keys.add(b.key);
    }
    if (b.type !== 'table') return;
    if (b.rows === 'items') {
      if (!b.items?.length) problems.push({ path: `blocks[${i}].items`, message: translate('reports.template.tableItems', locale) });
      b.items?.forEach((it, k) => use(it.item, `blocks[${i}].items[${k}].item`));
      b.columns.forEach((c, k) => c.item && problems.push({ path: `blocks[${i}].columns[${k}].item`, message: translate('reports.template.columnItemNotAllowed', locale) }));
    } else {
      b.columns.forEach((c, k) => {
        if (!c.item) problems.push({ path: `blocks[${i}].columns[${k}].item`, message: translate('reports.template.columnItemRequired', locale) });
        else use(c.item, `blocks[${i}].columns[${k}].item`);
      });
    }
  });
  if (!t.header.numberPattern.includes('{number}')) problems.push({ path: 'header.numberPattern', message: translate('reports.template.numberPattern', locale) });

  const { unknown } = await resolveItems(ctx, [...refs.keys()]);
  for (const item of unknown) {
    for (const path of refs.get(item)!) problems.push({ path, message: translate('reports.template.unknownItem', locale, { item }) });
  }
  return problems.length ? { problems } : { problems, definition: t };
}

function invalid(problems: TemplateProblem[]) {
  return new AppError('VALIDATION_FAILED', 'reports.template.invalid', { errors: problems }, { count: problems.length });
}

export async function validateTemplate(ctx: Ctx, input: unknown, locale: Locale = 'vi'): Promise<TemplateValidation> {
  const { problems } = await checkTemplate(ctx, input, locale);
  return { ok: problems.length === 0, errors: problems };
}

const asDefinition = (x: unknown) => x as TemplateDefinition;

export async function listTemplates(ctx: Ctx): Promise<TemplateSummary[]> {
  requirePermission(ctx, 'data:read');
  const rows = await ctx.use(repo).listTemplates();
  return rows.map((r) => {
    const d = asDefinition(r.definition);
    return {
      code: r.code,
      name: r.name,
      nameEn: d.nameEn ?? null,
      unitKind: d.unitKind,
      periodKinds: d.periodKinds,
      version: r.version,
      builtin: r.builtin,
      updatedAt: r.updated_at.toISOString(),
      freeBlocks: d.blocks.filter((b) => b.type === 'free').length,
    };
  });
}

export async function requireTemplate(ctx: Ctx, code: string) {
  const row = await ctx.use(repo).findTemplate(code);
  if (!row) throw notFound('reportTemplate', code);
  return row;
}

/** A template as of a version (default: the current one). */
export async function getTemplate(ctx: Ctx, code: string, version?: number): Promise<TemplateView> {
  requirePermission(ctx, 'data:read');
  const row = await requireTemplate(ctx, code);
  let definition = asDefinition(row.definition);
  let updatedAt = row.updated_at;
  let updatedBy = row.updated_by;
  if (version !== undefined && version !== row.version) {
    const v = await ctx.use(repo).templateVersion(row.id, version);
    if (!v) throw notFound('reportTemplateVersion', `${code} v${version}`);
    definition = asDefinition(v.definition);
    updatedAt = v.created_at;
    updatedBy = v.created_by;
  }
  return { code: row.code, version: version ?? row.version, currentVersion: row.version, builtin: row.builtin, definition, updatedAt: updatedAt.toISOString(), updatedBy };
}

export async function templateVersions(ctx: Ctx, code: string): Promise<TemplateVersionInfo[]> {
  requirePermission(ctx, 'data:read');
  const row = await requireTemplate(ctx, code);
  const rows = await ctx.use(repo).templateVersions(row.id);
  return rows.map((r) => ({ version: r.version, createdAt: r.created_at.toISOString(), createdBy: r.created_by }));
}

export async function createTemplate(ctx: Ctx, input: unknown, locale: Locale = 'vi'): Promise<TemplateView> {
  requirePermission(ctx, 'metadata:write');
  const { problems, definition } = await checkTemplate(ctx, input, locale);
  if (!definition) throw invalid(problems);
  const id = uid();
  await ctx.transaction(async (tx) => {
    const ok = await tx.use(repo).insertTemplate({ id, code: definition.code, name: definition.name, unitKind: definition.unitKind, definition, builtin: false, by: ctx.actor.username });
    if (!ok) throw conflict('reports.template.codeTaken', undefined, { code: definition.code });
    await audit(tx, { action: 'reportTemplate.create', entityType: 'report_template', entityId: id, entityCode: definition.code, after: { version: 1 } });
  });
  return getTemplate(ctx, definition.code);
}

/** Saves a new version. The code cannot change; `expectedVersion` guards against a concurrent save. */
export async function updateTemplate(ctx: Ctx, code: string, input: unknown, locale: Locale = 'vi', expectedVersion?: number): Promise<TemplateView> {
  requirePermission(ctx, 'metadata:write');
  const row = await requireTemplate(ctx, code);
  const { problems, definition } = await checkTemplate(ctx, input, locale);
  if (!definition) throw invalid(problems);
  if (definition.code !== row.code) throw invalid([{ path: 'code', message: translate('reports.template.codeFixed', locale, { code: row.code }) }]);
  await ctx.transaction(async (tx) => {
    const version = await tx.use(repo).updateTemplate(row.id, expectedVersion ?? row.version, { name: definition.name, unitKind: definition.unitKind, definition, by: ctx.actor.username });
    if (version === null) throw conflict('reports.template.changedMeanwhile');
    await audit(tx, { action: 'reportTemplate.update', entityType: 'report_template', entityId: row.id, entityCode: row.code, before: { version: row.version }, after: { version } });
  });
  return getTemplate(ctx, code);
}

/** Deletes a user's template nobody has written a report with (otherwise those reports need it). */
export async function deleteTemplate(ctx: Ctx, code: string): Promise<void> {
  requirePermission(ctx, 'metadata:write');
  const row = await requireTemplate(ctx, code);
  // A default would come back at the next start: it is edited, not deleted.
  if (row.builtin) throw conflict('reports.template.builtin', undefined, { code });
  await ctx.transaction(async (tx) => {
    const templates = tx.use(repo);
    if (await templates.templateInUse(row.id)) throw conflict('reports.template.inUse', undefined, { code });
    await templates.deleteTemplate(row.id);
    await audit(tx, { action: 'reportTemplate.delete', entityType: 'report_template', entityId: row.id, entityCode: row.code });
  });
}
