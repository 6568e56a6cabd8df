// The rules every write of a data value obeys, shared by the entry form and the import paths:
// value types (checkValueType) and when a form (data set × unit × period) accepts data (entryWindow,
// writableCells).
//
// Numbers: the canonical form is a JavaScript/DHIS2 number with '.' as the decimal separator
// ("1.5", "-3", "1200"). A single ',' is ALSO accepted as the decimal separator because Vietnamese
// users write "1,5"; it is normalised to "1.5". Thousands separators are NOT accepted in either
// style ("1.200.000", "1,200,000", "1 200") because they are ambiguous between vi and en: clients
// must strip them. Leading/trailing spaces are trimmed, "+7" → "7", "007" → "7", "1.50" → "1.5".
import type { Ctx } from '../../core/context.js';
import { addDays, addWorkingDays, type CalendarConfig } from '../../lib/calendar.js';
import { todayVn } from '../../lib/dates.js';
import { parsePeriod, type Period, type PeriodType } from '../../lib/periods.js';
import * as calendarRepo from '../calendar/calendar.repo.js';
import type { ValueType } from '../metadata/metadata.tables.js';
import type { FormState } from '../workflow/workflow.contract.js';
import type { WindowReason as Reason } from './datavalues.contract.js';
import * as rulesRepo from './rules.repo.js';

export type ValueCheck =
  | { ok: true; value: string; num: number | null }
  | { ok: false; messageKey: string; params?: Record<string, string | number> };

export const NUMERIC_TYPES: ReadonlySet<ValueType> = new Set([
  'NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE', 'INTEGER_NEGATIVE', 'PERCENTAGE', 'UNIT_INTERVAL',
]);

const TEXT_MAX = 1000;
const LONG_TEXT_MAX = 50_000;
const NUMBER_RE = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

const fail = (messageKey: string, params?: Record<string, string | number>): ValueCheck => ({ ok: false, messageKey, params });

/** Canonical decimal text of a finite number, without exponent for ordinary magnitudes. */
function canonical(n: number): string {
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return Math.abs(n) >= 1 ? n.toFixed(0) : n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Validates and normalises a raw value for a value type. */
export function checkValueType(valueType: ValueType | string, raw: string): ValueCheck {
  const text = raw.trim();
  if (text === '') return fail('dataValue.type.empty');
  switch (valueType) {
    case 'TEXT':
      return text.length > TEXT_MAX ? fail('dataValue.type.tooLong', { max: TEXT_MAX }) : { ok: true, value: text, num: null };
    case 'LONG_TEXT':
      return text.length > LONG_TEXT_MAX ? fail('dataValue.type.tooLong', { max: LONG_TEXT_MAX }) : { ok: true, value: text, num: null };
    case 'BOOLEAN':
    case 'TRUE_ONLY': {
      const t = text.toLowerCase();
      const yes = ['true', '1', 'yes', 'y', 'có', 'co', 'x'].includes(t);
      const no = ['false', '0', 'no', 'n', 'không', 'khong'].includes(t);
      if (valueType === 'TRUE_ONLY') return yes ? { ok: true, value: 'true', num: 1 } : fail('dataValue.type.trueOnly');
      if (yes) return { ok: true, value: 'true', num: 1 };
      if (no) return { ok: true, value: 'false', num: 0 };
      return fail('dataValue.type.boolean');
    }
    case 'DATE': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      if (!m) return fail('dataValue.type.date');
      const [y, mo, d] = text.includes('/') ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]];
      const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
      const dt = new Date(`${iso}T00:00:00Z`);
      if (Number.isNaN(dt.getTime()) || dt.toISOString().slice(0, 10) !== iso) return fail('dataValue.type.date');
      return { ok: true, value: iso, num: null };
    }
  }
  if (!NUMERIC_TYPES.has(valueType as ValueType)) return fail('dataValue.type.unknown', { type: String(valueType) });
  if (!NUMBER_RE.test(text) || (text.match(/,/g)?.length ?? 0) > 1) return fail('dataValue.type.number');
  const n = Number(text.replace(',', '.'));
  if (!Number.isFinite(n) || Math.abs(n) > 1e15) return fail('dataValue.type.number');
  const isInt = Number.isInteger(n);
  switch (valueType) {
    case 'INTEGER':
      if (!isInt) return fail('dataValue.type.integer');
      break;
    case 'INTEGER_POSITIVE':
      if (!isInt || n <= 0) return fail('dataValue.type.integerPositive');
      break;
    case 'INTEGER_ZERO_OR_POSITIVE':
      if (!isInt || n < 0) return fail('dataValue.type.integerZeroOrPositive');
      break;
    case 'INTEGER_NEGATIVE':
      if (!isInt || n >= 0) return fail('dataValue.type.integerNegative');
      break;
    case 'PERCENTAGE':
      if (n < 0 || n > 100) return fail('dataValue.type.percentage');
      break;
    case 'UNIT_INTERVAL':
      if (n < 0 || n > 1) return fail('dataValue.type.unitInterval');
      break;
  }
  return { ok: true, value: canonical(n), num: n };
}

// ---------------------------------------------------------------------------------------------
// Entry windows

export type WindowReason = Reason | null;

export interface EntryWindow {
  open: boolean;
  reason: WindowReason;
  /** Last day for on-time reporting ('' when no data set applies). */
  deadline: string;
  /** Last day entry is accepted (deadline + grace days); null = no limit. */
  closesOn: string | null;
  state: FormState;
}

export interface WindowOptions {
  /** 'YYYY-MM-DD'; default: today in Vietnam. */
  today?: string;
  /** Users with system:admin may still edit after the entry window has closed. */
  canEditExpired?: boolean;
}

export interface DataSetTiming {
  period_type: PeriodType | string;
  deadline_working_days: number;
  entry_grace_days: number | null;
}

/** Deadline (inclusive) and last day of entry of a period of a data set. */
export function deadlineOf(ds: DataSetTiming, period: Period, cal: CalendarConfig): { deadline: string; closesOn: string | null } {
  const deadline = addWorkingDays(period.end, ds.deadline_working_days, cal);
  return { deadline, closesOn: ds.entry_grace_days == null ? null : addDays(deadline, ds.entry_grace_days) };
}

interface Assignment {
  valid_from: string;
  valid_to: string;
}

interface UnitDates {
  opening_date: string;
  closed_date: string | null;
}

/** Pure decision of a form's window from everything it depends on. */
export function decideWindow(args: {
  ds: DataSetTiming;
  period: Period;
  unit: UnitDates | undefined;
  assignments: Assignment[];
  state: FormState | undefined;
  cal: CalendarConfig;
  today: string;
  canEditExpired: boolean;
}): EntryWindow {
  const { ds, period, unit, assignments, today } = args;
  const state: FormState = args.state ?? 'open';
  const { deadline, closesOn } = deadlineOf(ds, period, args.cal);
  const shut = (reason: WindowReason): EntryWindow => ({ open: false, reason, deadline, closesOn, state });
  if (ds.period_type !== period.type) return shut('wrongPeriodType');
  if (assignments.length === 0) return shut('notAssigned');
  const overlaps = assignments.some((a) => String(a.valid_from) <= period.end && String(a.valid_to) > period.start);
  if (!overlaps) return shut('unitClosed');
  if (!unit || String(unit.opening_date) > period.end || (unit.closed_date != null && String(unit.closed_date) <= period.start)) {
    return shut('unitClosed');
  }
  if (period.start > today) return shut('future');
  if (state === 'approved') return shut('approved');
  if (state === 'completed') return shut('completed');
  // A form returned (or reopened) by the parent level stays open for correction after the window.
  if (closesOn !== null && today > closesOn && !args.canEditExpired && state !== 'returned') return shut('expired');
  return { open: true, reason: null, deadline, closesOn, state };
}

/** Whether the form (data set × unit × period) accepts data today. Ids are uids. */
export async function entryWindow(
  ctx: Ctx,
  dataSetId: string,
  orgUnitId: string,
  periodIso: string,
  opts: WindowOptions = {},
): Promise<EntryWindow> {
  const period = parsePeriod(periodIso);
  if (!period) throw new Error(`not an ISO period: ${periodIso}`);
  const [{ ds, unit, assignments, state }, cal] = await Promise.all([
    ctx.use(rulesRepo).windowFacts(dataSetId, orgUnitId, period.iso),
    ctx.use(calendarRepo).loadCalendar(),
  ]);
  return decideWindow({
    ds, period, unit, assignments, state, cal,
    today: opts.today ?? todayVn(), canEditExpired: opts.canEditExpired ?? false,
  });
}

export interface CellKey {
  orgUnitId: string;
  periodIso: string;
  dataElementId: string;
}

export const cellKey = (k: CellKey) => `${k.orgUnitId}|${k.periodIso}|${k.dataElementId}`;

export const REASON_RANK: Record<string, number> = {
  wrongPeriodType: 0, notAssigned: 1, unitClosed: 2, future: 3, expired: 4, completed: 5, approved: 6, notYetOpen: 3,
};

/**
 * Batch version for imports: for each (unit id, period iso, data element id) whether a value may be
 * written: some data set containing the element, of the period's type, assigned to the unit over the
 * period, whose window is open. Key `${orgUnitId}|${periodIso}|${dataElementId}`. When no data set
 * accepts the cell, the most specific refusal is returned (e.g. 'approved' over 'notAssigned').
 * Unknown periods get reason 'wrongPeriodType'.
 */
export async function writableCells(ctx: Ctx, keys: Iterable<CellKey>, opts: WindowOptions = {}): Promise<Map<string, EntryWindow>> {
  const today = opts.today ?? todayVn();
  const canEditExpired = opts.canEditExpired ?? false;
  const list = [...keys];
  const out = new Map<string, EntryWindow>();
  if (list.length === 0) return out;
  const elementIds = [...new Set(list.map((k) => k.dataElementId))];
  const unitIds = [...new Set(list.map((k) => k.orgUnitId))];
  const periodIsos = [...new Set(list.map((k) => k.periodIso))];

  const chunked = async <T>(ids: string[], f: (chunk: string[]) => Promise<T[]>): Promise<T[]> => {
    const res: T[] = [];
    for (let i = 0; i < ids.length; i += 5000) res.push(...(await f(ids.slice(i, i + 5000))));
    return res;
  };

  const rules = ctx.use(rulesRepo);
  const dse = await chunked(elementIds, (c) => rules.dataSetsOfElements(c));
  const setsOfElement = new Map<string, (DataSetTiming & { id: string })[]>();
  const dataSetIds = new Set<string>();
  for (const r of dse) {
    dataSetIds.add(r.id);
    const arr = setsOfElement.get(r.data_element_id) ?? [];
    arr.push(r);
    setsOfElement.set(r.data_element_id, arr);
  }
  const dsList = [...dataSetIds];
  const [units, assignRows, statusRows, cal] = await Promise.all([
    chunked(unitIds, (c) => rules.unitDates(c)),
    dsList.length === 0 ? Promise.resolve([]) : chunked(unitIds, (c) => rules.assignmentsOf(c, dsList)),
    dsList.length === 0 ? Promise.resolve([]) : chunked(unitIds, (c) => rules.formStatesOf(c, dsList, periodIsos)),
    ctx.use(calendarRepo).loadCalendar(),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const assignments = new Map<string, Assignment[]>();
  for (const a of assignRows) {
    const k = `${a.data_set_id}|${a.org_unit_id}`;
    const arr = assignments.get(k) ?? [];
    arr.push(a);
    assignments.set(k, arr);
  }
  const states = new Map(statusRows.map((s) => [`${s.data_set_id}|${s.org_unit_id}|${s.iso}`, s.state]));
  const periods = new Map(periodIsos.map((iso) => [iso, parsePeriod(iso)]));
  const formCache = new Map<string, EntryWindow>();

  for (const k of list) {
    const key = cellKey(k);
    if (out.has(key)) continue;
    const period = periods.get(k.periodIso);
    const sets = setsOfElement.get(k.dataElementId) ?? [];
    if (!period) {
      out.set(key, { open: false, reason: 'wrongPeriodType', deadline: '', closesOn: null, state: 'open' });
      continue;
    }
    if (sets.length === 0) {
      out.set(key, { open: false, reason: 'notAssigned', deadline: '', closesOn: null, state: 'open' });
      continue;
    }
    let best: EntryWindow | undefined;
    for (const ds of sets) {
      const fk = `${ds.id}|${k.orgUnitId}|${k.periodIso}`;
      let w = formCache.get(fk);
      if (!w) {
        w = decideWindow({
          ds, period, unit: unitById.get(k.orgUnitId), assignments: assignments.get(`${ds.id}|${k.orgUnitId}`) ?? [],
          state: states.get(fk), cal, today, canEditExpired,
        });
        formCache.set(fk, w);
      }
      if (w.open) {
        best = w;
        break;
      }
      if (!best || (REASON_RANK[w.reason!] ?? 0) > (REASON_RANK[best.reason!] ?? 0)) best = w;
    }
    out.set(key, best!);
  }
  return out;
}
