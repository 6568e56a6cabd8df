// Data entry: the form of (data set, unit, period) with its values, saving single values with their
// audit trail (offline conflicts included), per-value history and validation. Access: reading a form
// needs data:read and the unit in scope (ever: history stays readable); writing needs data:write and
// the unit in scope on the write date (the period's start, or the unit's opening day within it).
import { canAccess, hasPermission, requireAccess, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, notFound, outOfScope, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { parsePeriod, type Period } from '../../lib/periods.js';
import { audit } from '../audit/audit.service.js';
import type { FormState } from '../workflow/workflow.contract.js';
import {
  CellQuery,
  CommentInput,
  DataSetsQuery,
  FormQuery,
  ValueInput,
  type EntryDataSet,
  type EntryForm,
  type FormElement as FormElementJson,
  type FormSection as FormSectionJson,
  type HistoryItem,
  type SavedComment,
  type SavedValue,
  type ValidationResult,
} from './datavalues.contract.js';
import * as repo from './datavalues.repo.js';
import * as cache from './entry-cache.js';
import { loadFormDefinition, type FormDefinition, type FormElement } from './form.js';
import * as formRepo from './form.repo.js';
import { checkValueType, decideWindow, entryWindow, NUMERIC_TYPES, REASON_RANK, writableCells, type EntryWindow } from './rules.js';
import { defaultAttributeComboIid, relevantRules, runValidation } from './validation.js';

export function periodOrFail(iso: string): Period {
  const p = parsePeriod(iso);
  if (!p) throw validation({ period: 'field.period' });
  return p;
}

export async function unitOrFail(ctx: Ctx, idOrCode: string) {
  const u = await ctx.use(repo).findUnit(idOrCode);
  if (!u) throw notFound('orgUnit', idOrCode);
  return u;
}

/** Resolves (data set, unit, period) of a form request; checks read access (history visible). */
export async function resolveForm(ctx: Ctx, input: unknown) {
  const q = parse(FormQuery, input);
  const period = periodOrFail(q.period);
  const unit = await unitOrFail(ctx, q.orgUnit);
  await requireAccess(ctx, { permission: 'data:read', unit: unit.id });
  const form = await loadFormDefinition(ctx, q.dataSet);
  return { form, unit, period };
}

export const unitRef = (u: { id: string; code: string; name: string }) => ({ id: u.id, code: u.code, name: u.name });

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------------

export async function listDataSets(ctx: Ctx, input: unknown): Promise<EntryDataSet[]> {
  requirePermission(ctx, 'data:read');
  const q = parse(DataSetsQuery, input);
  const unit = await unitOrFail(ctx, q.orgUnit);
  await requireAccess(ctx, { permission: 'data:read', unit: unit.id });
  const rows = await ctx.use(formRepo).dataSetsOfUnit(unit.id, q.includeDescendants === 'true');
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    periodType: r.period_type,
    deadlineWorkingDays: r.deadline_working_days,
    entryGraceDays: r.entry_grace_days,
    assignedFrom: String(r.from),
    assignedTo: String(r.to) === 'infinity' ? null : String(r.to),
    own: r.own,
  }));
}

function elementJson(e: FormElement): FormElementJson {
  return {
    id: e.id,
    code: e.code,
    name: e.name,
    nameEn: e.nameEn,
    formName: e.formName,
    valueType: e.valueType,
    aggregationType: e.aggregationType,
    zeroIsSignificant: e.zeroIsSignificant,
    unit: e.unit,
    categories: e.categories.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, options: c.options.map((o) => ({ code: o.code, name: o.name, nameEn: o.nameEn })) })),
    optionCombos: e.optionCombos.map((c) => ({ id: c.id, code: c.code, name: c.name, nameEn: c.nameEn, options: c.options })),
  };
}

export function sectionsJson(form: FormDefinition): FormSectionJson[] {
  const sections: FormSectionJson[] = form.sections.map((s) => ({ id: s.id, code: s.code, name: s.name, nameEn: s.nameEn, elements: s.elements.map(elementJson) }));
  if (form.unsectioned.length) {
    sections.push({
      id: null,
      code: null,
      name: form.sections.length ? 'Khác' : form.dataSet.name,
      nameEn: form.sections.length ? 'Other' : form.dataSet.nameEn,
      elements: form.unsectioned.map(elementJson),
    });
  }
  return sections;
}

/** Outlier bounds from the unit's history: mean ± max(3 sd, 25 % of the mean, 1), never below 0 for non-negative series. */
function boundsOf(form: FormDefinition, stats: Awaited<ReturnType<typeof repo.historyStats>>): EntryForm['bounds'] {
  const elByIid = new Map([...form.elements.values()].map((e) => [e.iid, e]));
  const cocByIid = new Map<number, string>();
  for (const e of form.elements.values()) for (const c of e.optionCombos) cocByIid.set(c.iid, c.id);
  return stats
    .filter((s) => elByIid.has(s.de) && cocByIid.has(s.co))
    .map((s) => {
      const half = Math.max(3 * (s.sd ?? 0), 0.25 * Math.abs(s.mean), 1);
      let min = s.mean - half;
      const max = s.mean + half;
      if (s.lo >= 0) min = Math.max(0, min);
      const r = (x: number, f: (n: number) => number) => (Math.abs(s.mean) >= 10 ? f(x) : f(x * 100) / 100);
      return { dataElement: elByIid.get(s.de)!.id, categoryOptionCombo: cocByIid.get(s.co)!, min: r(min, Math.floor), max: r(max, Math.ceil) };
    });
}

/** The entry form with values, outlier bounds, status and workflow history. */
export async function getForm(ctx: Ctx, input: unknown): Promise<EntryForm> {
  requirePermission(ctx, 'data:read');
  const { form, unit, period } = await resolveForm(ctx, input);
  const ds = form.dataSet;
  const entries = ctx.use(repo);
  const pe = await entries.periodId(period.iso);
  const ao = await defaultAttributeComboIid(ctx);
  const deIids = [...form.elements.values()].map((e) => e.iid);
  const numericIids = [...form.elements.values()].filter((e) => NUMERIC_TYPES.has(e.valueType)).map((e) => e.iid);
  const canEditExpired = hasPermission(ctx, 'system:admin');
  const asOf = scopeDate(unit, period);
  const [values, stats, status, events, win, writer, approver, rules] = await Promise.all([
    pe ? entries.formValues(unit.iid, pe.id, ao, deIids) : Promise.resolve([]),
    entries.historyStats(unit.iid, ao, numericIids, ds.periodType, period.start, 24),
    pe ? entries.formStatus(ds.id, unit.id, pe.id) : Promise.resolve(undefined),
    pe ? entries.formEvents(ds.id, unit.id, pe.id) : Promise.resolve([]),
    entryWindow(ctx, ds.id, unit.id, period.iso, { canEditExpired }),
    canAccess(ctx, { permission: 'data:write', unit: unit.id, asOf }),
    // Approvers are the level above: strictly below their own unit.
    canAccess(ctx, { permission: 'data:approve', unit: unit.id, asOf, below: true }),
    relevantRules(ctx, form),
  ]);
  const state: FormState = status?.state ?? 'open';
  const editable = win.open && writer;
  const reason = win.reason ?? (editable ? null : hasPermission(ctx, 'data:write') ? 'outOfScope' : 'noPermission');
  return {
    dataSet: { id: ds.id, code: ds.code, name: ds.name, nameEn: ds.nameEn, periodType: ds.periodType },
    orgUnit: unitRef(unit),
    period: { iso: period.iso, start: period.start, end: period.end },
    sections: sectionsJson(form),
    values: values.map((v) => ({
      dataElement: v.de_id,
      categoryOptionCombo: v.coc_id,
      value: v.value,
      comment: v.comment,
      followUp: v.follow_up,
      storedBy: v.stored_by,
      lastUpdated: iso(v.last_updated),
    })),
    bounds: boundsOf(form, stats),
    status: {
      state,
      editable,
      reason,
      deadline: win.deadline,
      closesOn: win.closesOn,
      completedAt: isoOrNull(status?.completed_at),
      completedBy: status?.completed_by ?? null,
      onTime: status?.on_time ?? null,
      approvedAt: isoOrNull(status?.approved_at),
      approvedBy: status?.approved_by ?? null,
      comment: status?.completion_comment ?? null,
      actions: {
        complete: win.open && writer,
        uncomplete: state === 'completed' && (writer || status?.completed_by === ctx.actor.username),
        approve: state === 'completed' && approver,
        return: state === 'completed' && approver,
        reopen: state === 'approved' && approver,
      },
    },
    events: events.map((e) => ({ action: e.action, comment: e.comment, username: e.username, at: iso(e.at) })),
    // For validation in the browser (also offline): expressions use element/option-combo codes or uids.
    validationRules: rules.rules.map(({ row }) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      nameEn: row.name_en,
      importance: row.importance,
      operator: row.operator,
      leftExpression: row.left_expression,
      leftMissingValueStrategy: row.left_missing_value_strategy,
      rightExpression: row.right_expression,
      rightMissingValueStrategy: row.right_missing_value_strategy,
      message: row.message,
      messageEn: row.message_en,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Saving values

/** Resolves a cell and checks everything but the window; returns the keys. */
async function resolveCell(ctx: Ctx, q: CellQuery) {
  const period = periodOrFail(q.period);
  const entries = ctx.use(repo);
  const [unit, el] = await Promise.all([entries.findUnit(q.orgUnit), entries.findElement(q.dataElement)]);
  if (!unit) throw notFound('orgUnit', q.orgUnit);
  if (!el) throw notFound('dataElement', q.dataElement);
  if (!q.categoryOptionCombo && !el.is_default) throw validation({ categoryOptionCombo: 'field.required' });
  const coc = await entries.findComboOption(el.category_combo_id, q.categoryOptionCombo || null);
  if (!coc) {
    if (q.categoryOptionCombo && (await entries.cocExists(q.categoryOptionCombo))) {
      throw validation({ categoryOptionCombo: 'dataValue.cocNotInCombo' }, 'dataValue.cocNotInCombo');
    }
    throw notFound('categoryOptionCombo', q.categoryOptionCombo ?? '');
  }
  return { period, unit, el, coc };
}

/**
 * The date a write to a unit's period is scope-checked on: the period's start, or the unit's opening
 * day when it opened during the period. A unit not open at all during the period is refused (409
 * unitClosed) before any scope check, so the answer is the same for everyone.
 */
export function writeDate(unit: { opening_date: string; closed_date: string | null }, period: Period): string {
  const opening = String(unit.opening_date);
  if (opening > period.end || (unit.closed_date != null && String(unit.closed_date) <= period.start)) {
    throw windowError({ open: false, reason: 'unitClosed', deadline: '', closesOn: null, state: 'open' });
  }
  return opening > period.start ? opening : period.start;
}

/** Like writeDate, without refusing: for reads and permission hints. */
export function scopeDate(unit: { opening_date: string; closed_date: string | null }, period: Period): string {
  try {
    return writeDate(unit, period);
  } catch {
    return period.start;
  }
}

export function windowError(w: EntryWindow): AppError {
  return conflict(`dataValue.window.${w.reason}`, { reason: w.reason, deadline: w.deadline, closesOn: w.closesOn, state: w.state }, {
    closesOn: w.closesOn ?? '',
    deadline: w.deadline,
  });
}

async function requireWritable(ctx: Ctx, unitId: string, period: Period, elementId: string) {
  const key = { orgUnitId: unitId, periodIso: period.iso, dataElementId: elementId };
  const w = (await writableCells(ctx, [key], { canEditExpired: hasPermission(ctx, 'system:admin') })).get(
    `${unitId}|${period.iso}|${elementId}`,
  )!;
  if (!w.open) throw windowError(w);
}

/**
 * Saves (or deletes, with value null or '') one value. The hot path of the entry form's autosave:
 * metadata (element, option combo, the element's data sets, calendar, period id) comes from
 * entry-cache.ts; everything that can change under a user's feet (the unit, its scope, assignments,
 * form state) is read fresh in one query — scope through the kernel's SQL filter (inScope) on the
 * write date, the same rule as canAccess({ permission: 'data:write', unit, asOf }) without a second
 * round trip — and the write (with its lock-state re-check, conflict detection and audit row) is one
 * statement.
 */
export async function saveValue(ctx: Ctx, input: unknown): Promise<SavedValue> {
  requirePermission(ctx, 'data:write');
  const q = parse(ValueInput, input);
  const period = periodOrFail(q.period);
  let el = await cache.elementByRef(ctx, q.dataElement);
  let coc = el && (q.categoryOptionCombo || el.is_default) ? await cache.comboOption(ctx, el.category_combo_id, q.categoryOptionCombo || null) : undefined;
  // Unknown element or option combo: the uncached resolution reports the error in the usual order.
  if (!el || !coc) ({ el, coc } = await resolveCell(ctx, q));
  const elementId = el.id;
  const [sets, cal, ao] = await Promise.all([cache.dataSetsOfElement(ctx, elementId), cache.calendar(ctx), defaultAttributeComboIid(ctx)]);
  const entries = ctx.use(repo);
  const unit = await entries.saveFacts({
    unitRef: q.orgUnit, scope: scopeOf(ctx), periodStart: period.start, periodIso: period.iso, dataSetIds: sets.map((s) => s.id),
  });
  if (!unit) throw notFound('orgUnit', q.orgUnit);
  // Errors in a fixed order: closed unit, then scope, then window (nobody learns about forms outside
  // their scope), then the value.
  writeDate(unit, period);
  if (!unit.in_scope) throw outOfScope();
  const states = new Map(unit.states.map((s) => [s.data_set_id, s.state as FormState]));
  const today = todayVn();
  const canEditExpired = hasPermission(ctx, 'system:admin');
  const openSets: string[] = [];
  // As writableCells: the value is accepted when any data set containing the element accepts it;
  // otherwise the most specific refusal is reported.
  let refusal: EntryWindow | undefined;
  for (const ds of sets) {
    const w = decideWindow({
      ds, period, unit, assignments: unit.assignments.filter((a) => a.data_set_id === ds.id), state: states.get(ds.id), cal, today, canEditExpired,
    });
    if (w.open) openSets.push(ds.id);
    else if (!refusal || (REASON_RANK[w.reason!] ?? 0) > (REASON_RANK[refusal.reason!] ?? 0)) refusal = w;
  }
  if (openSets.length === 0) {
    throw windowError(refusal ?? { open: false, reason: 'notAssigned', deadline: '', closesOn: null, state: 'open' });
  }

  const raw = q.value === null ? '' : String(q.value);
  let newValue: string | null = null;
  let num: number | null = null;
  if (raw.trim() !== '') {
    const check = checkValueType(el.value_type, raw);
    if (!check.ok) throw new AppError('VALIDATION_FAILED', check.messageKey, { fields: { value: check.messageKey } }, check.params);
    newValue = check.value;
    num = check.num;
  }
  // The period's row is created on its first accepted value only (ids are cached for the process).
  const pe = await cache.periodIdOf(ctx, period.iso);
  const who = ctx.actor.username;
  const baseMs = q.baseLastUpdated ? Date.parse(q.baseLastUpdated) : null;
  const r = await entries.writeValue({
    key: { ou: unit.iid, de: el.iid, pe, co: coc.iid, ao },
    unitId: unit.id,
    openDataSetIds: openSets,
    value: newValue,
    num,
    comment: q.comment !== undefined ? q.comment || null : undefined,
    followUp: q.followUp,
    who,
    source: q.source,
    checkBase: q.baseLastUpdated !== undefined,
    base: baseMs === null ? null : new Date(baseMs).toISOString(),
  });
  if (!r.ok) {
    // The form was completed or approved since the check above: report it like any closed window.
    await requireWritable(ctx, unit.id, period, elementId);
    throw conflict('dataValue.window.completed', { reason: 'completed' });
  }
  const conflictInfo = r.conflict
    ? { value: r.prev_value, storedBy: r.prev_stored_by, lastUpdated: iso(r.prev_last_updated!) }
    : null;
  if (newValue === null) {
    if (!r.existed) return { value: null, lastUpdated: null, storedBy: null, conflict: null };
    return { value: null, lastUpdated: new Date().toISOString(), storedBy: who, conflict: conflictInfo };
  }
  if (r.value === null) {
    // Nothing changed (e.g. an offline replay): the row and its history stay as they are.
    return { value: r.prev_value, lastUpdated: iso(r.prev_last_updated!), storedBy: r.prev_stored_by, conflict: null };
  }
  return { value: r.value, lastUpdated: iso(r.last_updated!), storedBy: r.stored_by, conflict: conflictInfo };
}

/**
 * Saves the comment and/or follow-up flag of an existing value. A comment needs data:write, the
 * unit in scope as of the period and an open form; the follow-up flag alone may also be set by a
 * reviewer (data:approve) in scope, even on a locked form.
 */
export async function saveComment(ctx: Ctx, input: unknown): Promise<SavedComment> {
  const q = parse(CommentInput, input);
  const { period, unit, el, coc } = await resolveCell(ctx, q);
  const onlyFollowUp = q.comment === undefined;
  if (onlyFollowUp && !hasPermission(ctx, 'data:write')) {
    await requireAccess(ctx, { permission: 'data:approve', unit: unit.id });
  } else {
    requirePermission(ctx, 'data:write');
    await requireAccess(ctx, { permission: 'data:write', unit: unit.id, asOf: writeDate(unit, period) });
    if (!onlyFollowUp) await requireWritable(ctx, unit.id, period, el.id);
  }
  const entries = ctx.use(repo);
  const pe = await entries.periodId(period.iso);
  const ao = await defaultAttributeComboIid(ctx);
  const existing = pe ? await entries.valueRow({ ou: unit.iid, de: el.iid, pe: pe.id, co: coc.iid, ao }) : undefined;
  if (!pe || !existing) throw conflict('dataValue.commentNeedsValue');
  const key = { ou: unit.iid, de: el.iid, pe: pe.id, co: coc.iid, ao };
  const comment = q.comment !== undefined ? q.comment || null : existing.comment;
  const followUp = q.followUp ?? existing.follow_up;
  // Only a comment changes what was entered (and its time); the follow-up flag is a review mark.
  const commentChanged = comment !== existing.comment;
  return ctx.transaction(async (tx) => {
    const values = tx.use(repo);
    const row = await values.updateValueNote(key, { comment, followUp, touch: commentChanged });
    if (commentChanged) {
      await values.insertValueAudit(key, {
        auditType: 'UPDATE', value: existing.value, previousValue: existing.value, comment, source: 'form', modifiedBy: ctx.actor.username,
      });
    }
    if (followUp !== existing.follow_up) {
      await audit(tx, {
        action: followUp ? 'dataValue.followUp' : 'dataValue.followUpCleared',
        entityType: 'dataValue',
        entityId: `${unit.id}/${period.iso}/${el.id}/${coc.id}`,
        entityCode: `${unit.code} ${period.iso} ${el.code}`,
        before: { followUp: existing.follow_up },
        after: { followUp },
      });
    }
    return { value: row.value, comment: row.comment, followUp: row.follow_up, lastUpdated: iso(row.last_updated), storedBy: row.stored_by };
  });
}

/** The audit trail of one value, newest first. */
export async function history(ctx: Ctx, input: unknown): Promise<HistoryItem[]> {
  requirePermission(ctx, 'data:read');
  const q = parse(CellQuery, input);
  const { period, unit, el, coc } = await resolveCell(ctx, q);
  await requireAccess(ctx, { permission: 'data:read', unit: unit.id });
  const entries = ctx.use(repo);
  const pe = await entries.periodId(period.iso);
  if (!pe) return [];
  const ao = await defaultAttributeComboIid(ctx);
  const rows = await entries.auditRows({ ou: unit.iid, de: el.iid, pe: pe.id, co: coc.iid, ao });
  return rows.map((r) => ({
    auditType: r.audit_type,
    value: r.value,
    previousValue: r.previous_value,
    comment: r.comment,
    source: r.source,
    conflict: r.conflict,
    modifiedBy: r.modified_by,
    created: iso(r.created),
  }));
}

/** Runs the data set's validation rules for a form, messages in the caller's language. */
export async function validate(ctx: Ctx, input: unknown): Promise<ValidationResult> {
  requirePermission(ctx, 'data:read');
  const { form, unit, period } = await resolveForm(ctx, input);
  return runValidation(ctx, { dataSetId: form.dataSet.id, orgUnitId: unit.id, periodIso: period.iso, locale: ctx.locale });
}
