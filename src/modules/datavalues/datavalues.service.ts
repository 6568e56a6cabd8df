// Data entry: the form of (data set, unit, period) with its values, saving single values with their
// audit trail (offline conflicts included), per-value history and validation.
import { z } from 'zod';
import { AppError, conflict, notFound, outOfScope, validation } from '../../core/errors.js';
import { todayVn } from '../../lib/dates.js';
import type { FormState } from '../workflow/workflow.tables.js';
import type { Locale } from '../../core/i18n.js';
import { parsePeriod, type Period } from '../../lib/periods.js';
import { parse } from '../../core/input.js';
import { insertAudit } from '../audit/audit.service.js';
import { type Ctx } from '../../core/context.js';
import { requirePermission, requireUnitInScope } from '../../core/access.js';
import { canWriteUnit, isApproverOf } from '../workflow/access.js';
import * as repo from './datavalues.repo.js';
import { loadFormDefinition, type FormDefinition, type FormElement } from './form.js';
import * as cache from './entry-cache.js';
import { checkValueType, decideWindow, entryWindow, NUMERIC_TYPES, REASON_RANK, writableCells, type EntryWindow } from './rules.js';
import { defaultAttributeComboIid, relevantRules, runValidation } from './validation.js';

const ref = z.string().trim().min(1).max(100);
const periodIso = z.string().trim().refine((s) => parsePeriod(s) !== null, 'field.period');

export function periodOrFail(iso: string): Period {
  const p = parsePeriod(iso);
  if (!p) throw validation({ period: 'field.period' });
  return p;
}

export async function unitOrFail(ctx: Ctx, idOrCode: string) {
  const u = await repo.findUnit(ctx.db, idOrCode);
  if (!u) throw notFound('orgUnit', idOrCode);
  return u;
}

const formQuery = z.object({ dataSet: ref, orgUnit: ref, period: periodIso });

/** Resolves (data set, unit, period) of a form request; checks read access (history visible). */
export async function resolveForm(ctx: Ctx, input: unknown) {
  const q = parse(formQuery, input);
  const period = periodOrFail(q.period);
  const unit = await unitOrFail(ctx, q.orgUnit);
  await requireUnitInScope(ctx, unit.id);
  const form = await loadFormDefinition(ctx.db, q.dataSet);
  return { form, unit, period };
}

export const unitRef = (u: { id: string; code: string; name: string }) => ({ id: u.id, code: u.code, name: u.name });

// ---------------------------------------------------------------------------------------------

export async function listDataSets(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'data:read');
  const q = parse(z.object({ orgUnit: ref, includeDescendants: z.enum(['true', 'false']).optional() }), input);
  const unit = await unitOrFail(ctx, q.orgUnit);
  await requireUnitInScope(ctx, unit.id);
  const rows = await repo.dataSetsOfUnit(ctx.db, unit.id, q.includeDescendants === 'true');
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

function elementJson(e: FormElement) {
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

export function sectionsJson(form: FormDefinition) {
  const sections = form.sections.map((s) => ({ id: s.id, code: s.code, name: s.name, nameEn: s.nameEn, elements: s.elements.map(elementJson) }));
  if (form.unsectioned.length) {
    sections.push({
      id: null as unknown as string,
      code: null,
      name: form.sections.length ? 'Khác' : form.dataSet.name,
      nameEn: form.sections.length ? 'Other' : form.dataSet.nameEn,
      elements: form.unsectioned.map(elementJson),
    });
  }
  return sections;
}

/** The entry form with values, outlier bounds, status and workflow history. */
export async function getForm(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'data:read');
  const { form, unit, period } = await resolveForm(ctx, input);
  const ds = form.dataSet;
  const pe = await repo.periodId(ctx.db, period.iso);
  const ao = await defaultAttributeComboIid(ctx.db);
  const deIids = [...form.elements.values()].map((e) => e.iid);
  const canEditExpired = ctx.actor.permissions.has('system:admin');
  const [values, stats, status, events, win, writer, approver, rules] = await Promise.all([
    pe ? repo.formValues(ctx.db, unit.iid, pe.id, ao, deIids) : Promise.resolve([]),
    repo.historyStats(
      ctx.db, unit.iid, ao, [...form.elements.values()].filter((e) => NUMERIC_TYPES.has(e.valueType)).map((e) => e.iid), ds.periodType, period.start, 24,
    ),
    pe ? repo.formStatus(ctx.db, ds.id, unit.id, pe.id) : Promise.resolve(undefined),
    pe ? repo.formEvents(ctx.db, ds.id, unit.id, pe.id) : Promise.resolve([]),
    entryWindow(ctx.db, ds.id, unit.id, period.iso, { canEditExpired }),
    canWriteUnit(ctx, unit.id, scopeDate(unit, period)),
    isApproverOf(ctx, unit.id, scopeDate(unit, period)),
    relevantRules(ctx.db, form),
  ]);
  const elByIid = new Map([...form.elements.values()].map((e) => [e.iid, e]));
  const cocByIid = new Map<number, string>();
  for (const e of form.elements.values()) for (const c of e.optionCombos) cocByIid.set(c.iid, c.id);
  const bounds = stats
    .filter((s) => elByIid.has(s.de) && cocByIid.has(s.co))
    .map((s) => {
      const half = Math.max(3 * (s.sd ?? 0), 0.25 * Math.abs(s.mean), 1);
      let min = s.mean - half;
      let max = s.mean + half;
      if (s.lo >= 0) min = Math.max(0, min);
      const r = (x: number, f: (n: number) => number) => (Math.abs(s.mean) >= 10 ? f(x) : f(x * 100) / 100);
      return { dataElement: elByIid.get(s.de)!.id, categoryOptionCombo: cocByIid.get(s.co)!, min: r(min, Math.floor), max: r(max, Math.ceil) };
    });
  const state = status?.state ?? 'open';
  const editable = win.open && writer;
  const reason = win.reason ?? (editable ? null : ctx.actor.permissions.has('data:write') ? 'outOfScope' : 'noPermission');
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
      lastUpdated: v.last_updated,
    })),
    bounds,
    status: {
      state,
      editable,
      reason,
      deadline: win.deadline,
      closesOn: win.closesOn,
      completedAt: status?.completed_at ?? null,
      completedBy: status?.completed_by ?? null,
      onTime: status?.on_time ?? null,
      approvedAt: status?.approved_at ?? null,
      approvedBy: status?.approved_by ?? null,
      comment: status?.completion_comment ?? null,
      actions: {
        complete: win.open && writer,
        uncomplete: state === 'completed' && (writer || status?.completed_by === ctx.actor.username),
        approve: state === 'completed' && approver,
        return: (state === 'completed' || state === 'approved') && approver,
        reopen: state === 'approved' && approver,
      },
    },
    events: events.map((e) => ({ action: e.action, comment: e.comment, username: e.username, at: e.at })),
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

const cellSchema = z.object({
  dataElement: ref,
  categoryOptionCombo: ref.nullable().optional(),
  orgUnit: ref,
  period: periodIso,
});

const valueSchema = cellSchema.extend({
  value: z.union([z.string().max(60_000), z.number().finite(), z.boolean(), z.null()]),
  comment: z.string().max(2000).nullable().optional(),
  followUp: z.boolean().optional(),
  baseLastUpdated: z.string().datetime({ offset: true }).nullable().optional(),
  source: z.enum(['form', 'offline']).default('form'),
});

const commentSchema = cellSchema.extend({
  comment: z.string().max(2000).nullable().optional(),
  followUp: z.boolean().optional(),
});

/** Resolves a cell and checks everything but the window; returns the keys. */
async function resolveCell(ctx: Ctx, q: z.infer<typeof cellSchema>) {
  const period = periodOrFail(q.period);
  const [unit, el] = await Promise.all([repo.findUnit(ctx.db, q.orgUnit), repo.findElement(ctx.db, q.dataElement)]);
  if (!unit) throw notFound('orgUnit', q.orgUnit);
  if (!el) throw notFound('dataElement', q.dataElement);
  if (!q.categoryOptionCombo && !el.is_default) throw validation({ categoryOptionCombo: 'field.required' });
  const coc = await repo.findComboOption(ctx.db, el.category_combo_id, q.categoryOptionCombo || null);
  if (!coc) {
    if (q.categoryOptionCombo && (await repo.cocExists(ctx.db, q.categoryOptionCombo))) {
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
  const w = (await writableCells(ctx.db, [key], { canEditExpired: ctx.actor.permissions.has('system:admin') })).get(
    `${unitId}|${period.iso}|${elementId}`,
  )!;
  if (!w.open) throw windowError(w);
}

/**
 * Saves (or deletes, with value null or '') one value. The hot path of the entry form's autosave:
 * metadata (element, option combo, the element's data sets, calendar, period id) comes from
 * entry-cache.ts; everything that can change under a user's feet (the unit, its scope, assignments,
 * form state) is read fresh in one query, and the write (with its lock-state re-check, conflict
 * detection and audit row) is one statement.
 */
export async function saveValue(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'data:write');
  const q = parse(valueSchema, input);
  const period = periodOrFail(q.period);
  const db = ctx.db;
  let el = await cache.elementByRef(db, q.dataElement);
  let coc = el && (q.categoryOptionCombo || el.is_default) ? await cache.comboOption(db, el.category_combo_id, q.categoryOptionCombo || null) : undefined;
  // Unknown element or option combo: the uncached resolution reports the error in the usual order.
  if (!el || !coc) ({ el, coc } = await resolveCell(ctx, q));
  const elementId = el.id;
  const [sets, cal, pe, ao] = await Promise.all([
    cache.dataSetsOfElement(db, elementId),
    cache.calendar(db),
    cache.periodIdOf(db, period.iso),
    defaultAttributeComboIid(db),
  ]);
  const unit = await repo.saveFacts(db, {
    unitRef: q.orgUnit, scopeRoot: ctx.actor.orgUnitId, periodStart: period.start, periodId: pe, dataSetIds: sets.map((s) => s.id),
  });
  if (!unit) throw notFound('orgUnit', q.orgUnit);
  // Errors in a fixed order: closed unit, then scope, then window (nobody learns about forms outside
  // their scope), then the value.
  writeDate(unit, period);
  if (!unit.in_scope) throw outOfScope();
  const states = new Map(unit.states.map((s) => [s.data_set_id, s.state as FormState]));
  const today = todayVn();
  const canEditExpired = ctx.actor.permissions.has('system:admin');
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

  const raw = q.value === null ? '' : typeof q.value === 'boolean' ? String(q.value) : String(q.value);
  let newValue: string | null = null;
  let num: number | null = null;
  if (raw.trim() !== '') {
    const check = checkValueType(el.value_type, raw);
    if (!check.ok) throw new AppError('VALIDATION_FAILED', check.messageKey, { fields: { value: check.messageKey } }, check.params);
    newValue = check.value;
    num = check.num;
  }
  const who = ctx.actor.username;
  const baseMs = q.baseLastUpdated ? Date.parse(q.baseLastUpdated) : null;
  const r = await repo.writeValue(db, {
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
    ? { value: r.prev_value, storedBy: r.prev_stored_by, lastUpdated: r.prev_last_updated!.toISOString() }
    : null;
  if (newValue === null) {
    if (!r.existed) return { value: null, lastUpdated: null, storedBy: null, conflict: null };
    return { value: null, lastUpdated: new Date().toISOString(), storedBy: who, conflict: conflictInfo };
  }
  if (r.value === null) {
    // Nothing changed (e.g. an offline replay): the row and its history stay as they are.
    return { value: r.prev_value, lastUpdated: r.prev_last_updated!.toISOString(), storedBy: r.prev_stored_by, conflict: null };
  }
  return { value: r.value, lastUpdated: r.last_updated!.toISOString(), storedBy: r.stored_by, conflict: conflictInfo };
}

/**
 * Saves the comment and/or follow-up flag of an existing value. A comment needs data:write, the
 * unit in scope as of the period and an open form; the follow-up flag alone may also be set by a
 * reviewer (data:approve) in scope, even on a locked form.
 */
export async function saveComment(ctx: Ctx, input: unknown) {
  const q = parse(commentSchema, input);
  const { period, unit, el, coc } = await resolveCell(ctx, q);
  const onlyFollowUp = q.comment === undefined;
  if (onlyFollowUp && !ctx.actor.permissions.has('data:write')) {
    requirePermission(ctx, 'data:approve');
    await requireUnitInScope(ctx, unit.id);
  } else {
    requirePermission(ctx, 'data:write');
    await requireUnitInScope(ctx, unit.id, writeDate(unit, period));
    if (!onlyFollowUp) await requireWritable(ctx, unit.id, period, el.id);
  }
  const pe = await repo.periodId(ctx.db, period.iso);
  const ao = await defaultAttributeComboIid(ctx.db);
  const existing = pe ? await repo.valueRow(ctx.db, { ou: unit.iid, de: el.iid, pe: pe.id, co: coc.iid, ao }) : undefined;
  if (!pe || !existing) throw conflict('dataValue.commentNeedsValue');
  const key = { ou: unit.iid, de: el.iid, pe: pe.id, co: coc.iid, ao };
  const comment = q.comment !== undefined ? q.comment || null : existing.comment;
  const followUp = q.followUp ?? existing.follow_up;
  return ctx.db.transaction().execute(async (trx) => {
    // Only a comment changes what was entered (and its time); the follow-up flag is a review mark.
    const commentChanged = comment !== existing.comment;
    const row = await trx
      .updateTable('data_value')
      .set(commentChanged ? { comment, follow_up: followUp, last_updated: new Date() } : { follow_up: followUp })
      .where('ou', '=', key.ou).where('de', '=', key.de).where('pe', '=', key.pe).where('co', '=', key.co).where('ao', '=', key.ao)
      .returning(['value', 'comment', 'follow_up', 'last_updated', 'stored_by'])
      .executeTakeFirstOrThrow();
    if (comment !== existing.comment) {
      await trx.insertInto('data_value_audit').values({
        ...key, audit_type: 'UPDATE', value: existing.value, previous_value: existing.value, comment, source: 'form', modified_by: ctx.actor.username,
      }).execute();
    }
    if (followUp !== existing.follow_up) {
      await insertAudit(trx, ctx.actor, {
        action: followUp ? 'dataValue.followUp' : 'dataValue.followUpCleared',
        entityType: 'dataValue',
        entityId: `${unit.id}/${period.iso}/${el.id}/${coc.id}`,
        entityCode: `${unit.code} ${period.iso} ${el.code}`,
        before: { followUp: existing.follow_up },
        after: { followUp },
      });
    }
    return { value: row.value, comment: row.comment, followUp: row.follow_up, lastUpdated: row.last_updated.toISOString(), storedBy: row.stored_by };
  });
}

/** The audit trail of one value, newest first. */
export async function history(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'data:read');
  const q = parse(cellSchema, input);
  const { period, unit, el, coc } = await resolveCell(ctx, q);
  await requireUnitInScope(ctx, unit.id);
  const pe = await repo.periodId(ctx.db, period.iso);
  if (!pe) return [];
  const ao = await defaultAttributeComboIid(ctx.db);
  const rows = await repo.auditRows(ctx.db, { ou: unit.iid, de: el.iid, pe: pe.id, co: coc.iid, ao });
  return rows.map((r) => ({
    auditType: r.audit_type,
    value: r.value,
    previousValue: r.previous_value,
    comment: r.comment,
    source: r.source,
    conflict: r.conflict,
    modifiedBy: r.modified_by,
    created: r.created,
  }));
}

/** Runs the data set's validation rules for a form, messages in the caller's language. */
export async function validate(ctx: Ctx, input: unknown, locale: Locale) {
  requirePermission(ctx, 'data:read');
  const { form, unit, period } = await resolveForm(ctx, input);
  return runValidation(ctx.db, { dataSetId: form.dataSet.id, orgUnitId: unit.id, periodIso: period.iso, locale });
}
