// "Việc cần làm": the forms that need a data-entry user — due (the entry window is open, the deadline
// still ahead), overdue (deadline passed, window still open) and returned for correction (with the
// reason, who and when). By default the user's own unit (the root of their scope); the entry page may
// ask about another unit in their scope (a centre entering for a station) and, with `all`, also gets
// the recent forms already completed or approved to mark its period picker.
import { requireAccess, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { parsePeriod, periodLabel, periodOf, previousPeriod, type Period, type PeriodType } from '../../lib/periods.js';
import * as calendarRepo from '../calendar/calendar.repo.js';
import { unitOrFail, unitRef } from '../datavalues/datavalues.service.js';
import { decideWindow } from '../datavalues/rules.js';
import * as todoRepo from './todo.repo.js';
import { TodoQuery, type TodoItem } from './workflow.contract.js';

/**
 * How many periods before the current one count as "to do" when not completed: older forms left
 * open are the level above's follow-up (completeness report), not the nurse's list. Returned forms
 * are listed whatever their period.
 */
const LOOKBACK: Record<PeriodType, number> = { Monthly: 3, Quarterly: 2, SixMonthly: 1, Yearly: 1 };
/** With `all`: as many periods as the entry page's picker offers (those older than the lookback only when done). */
const PICKER_PERIODS = 36;

export async function todo(ctx: Ctx, input: unknown): Promise<TodoItem[]> {
  requirePermission(ctx, 'data:write');
  const q = parse(TodoQuery, input);
  const all = q.all === 'true';
  let unitId: string;
  if (q.orgUnit) {
    const asked = await unitOrFail(ctx, q.orgUnit);
    await requireAccess(ctx, { permission: 'data:write', unit: asked.id });
    unitId = asked.id;
  } else {
    const root = scopeOf(ctx).root;
    // A user of the whole province has no unit of their own to report for.
    if (root === null) return [];
    unitId = root;
  }
  const unit = await unitOrFail(ctx, unitId);
  const forms = ctx.use(todoRepo);
  const rows = await forms.assignments(unit.id, q.dataSet);
  if (!rows.length) return [];

  // Group the assignment intervals by data set.
  const sets = new Map<string, { ds: (typeof rows)[number]; assignments: { valid_from: string; valid_to: string }[] }>();
  for (const r of rows) {
    const s = sets.get(r.id) ?? { ds: r, assignments: [] };
    s.assignments.push({ valid_from: String(r.valid_from), valid_to: String(r.valid_to) });
    sets.set(r.id, s);
  }

  const today = todayVn();
  const periodsOf = new Map<string, Period[]>();
  for (const { ds } of sets.values()) {
    const type = ds.period_type as PeriodType;
    const list = [periodOf(type, today)];
    const count = all ? PICKER_PERIODS : LOOKBACK[type] + 1;
    while (list.length < count) list.push(previousPeriod(list[list.length - 1]!));
    periodsOf.set(ds.id, list);
  }
  const isos = [...new Set([...periodsOf.values()].flatMap((l) => l.map((p) => p.iso)))];
  const [states, cal] = await Promise.all([
    forms.formStates(unit.id, [...sets.keys()], isos),
    ctx.use(calendarRepo).loadCalendar(),
  ]);
  const lookback = new Set<string>();
  for (const [id, list] of periodsOf) {
    const type = sets.get(id)!.ds.period_type as PeriodType;
    for (const p of list.slice(0, LOOKBACK[type] + 1)) lookback.add(`${type}|${p.iso}`);
  }
  const inLookback = (type: PeriodType, p: Period) => lookback.has(`${type}|${p.iso}`);
  const stateOf = new Map(states.map((s) => [`${s.data_set_id}|${s.iso}`, s]));
  const locale = ctx.locale === 'en' ? 'en' : 'vi';

  const items: TodoItem[] = [];
  for (const { ds, assignments } of sets.values()) {
    const periods = new Map(periodsOf.get(ds.id)!.map((p) => [p.iso, p]));
    // Returned forms of older periods too.
    for (const s of states) {
      if (s.data_set_id === ds.id && s.state === 'returned' && !periods.has(s.iso)) {
        const p = parsePeriod(s.iso);
        if (p) periods.set(p.iso, p);
      }
    }
    for (const period of periods.values()) {
      const row = stateOf.get(`${ds.id}|${period.iso}`);
      const w = decideWindow({
        ds, period, unit: { opening_date: String(unit.opening_date), closed_date: unit.closed_date === null ? null : String(unit.closed_date) },
        assignments, state: row?.state, cal, today, canEditExpired: false,
      });
      const done = w.reason === 'completed' || w.reason === 'approved';
      const recent = inLookback(ds.period_type as PeriodType, period);
      if (w.open ? !(recent || w.state === 'returned') : !(all && done)) continue;
      items.push({
        dataSet: { id: ds.id, code: ds.code, name: ds.name, nameEn: ds.name_en },
        orgUnit: unitRef(unit),
        period: period.iso,
        periodName: periodLabel(period, locale),
        state: w.state,
        deadline: w.deadline,
        closesOn: w.closesOn,
        overdue: !done && today > w.deadline,
        ongoing: today <= period.end,
        returned:
          w.state === 'returned' && row?.return_at
            ? { reason: row.return_comment, by: row.return_by, at: row.return_at.toISOString() }
            : null,
      });
    }
  }
  // Most urgent first: the oldest deadline; one data set's forms together on the same day.
  return items.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.dataSet.code.localeCompare(b.dataSet.code) || a.period.localeCompare(b.period));
}
