// Notices of the reporting workflow (issue 13 §5): a form returned by the approver (workflow.service,
// with the reason) and a form whose deadline is near (the daily job 'form.dueSoon').
//
// "Due soon": a data set's deadline is N working days after the period's end (data_set.
// deadline_working_days, on the Vietnamese working-day calendar with the configured days off and
// days worked). On each working day the job looks at the current and the previous period of every
// data set; when the deadline is today or within SOYTE_DUE_SOON_WORKING_DAYS working days (default
// 3), the data-entry users (data:write) of each unit whose form is not completed or approved get one
// notice — once per form (its dedupe key), on the first working day of that window.
import type { Ctx } from '../../core/context.js';
import { isWorkingDay, workingDaysBetween } from '../../lib/calendar.js';
import { periodLabel, periodOf, previousPeriod, type Period, type PeriodType } from '../../lib/periods.js';
import * as calendarRepo from '../calendar/calendar.repo.js';
import { deadlineOf } from '../datavalues/rules.js';
import { notify, type NotificationParam } from '../notifications/notifications.service.js';
import * as remindersRepo from './reminders.repo.js';

interface DataSetLike {
  code: string;
  name: string;
  name_en: string | null;
}

/** What a notice about a form says and links to (params `dataSet`, `period`, `unit` plus `extra`). */
export function formNotice(
  ds: DataSetLike,
  unit: { id: string; code: string; name: string },
  period: Period,
  extra: Record<string, NotificationParam> = {},
) {
  const q = new URLSearchParams({ ds: ds.code, ou: unit.id, pe: period.iso });
  return {
    params: {
      dataSet: { vi: ds.name, en: ds.name_en || ds.name },
      period: { vi: periodLabel(period, 'vi'), en: periodLabel(period, 'en') },
      unit: unit.name,
      ...extra,
    },
    link: `/entry?${q}`,
    subject: { type: 'form', id: `${ds.code}:${unit.code}:${period.iso}` },
  };
}

const leftText = (days: number): NotificationParam =>
  days === 0
    ? { vi: 'hôm nay là hạn cuối', en: 'today is the last day' }
    : { vi: `còn ${days} ngày làm việc`, en: `${days} working day${days === 1 ? '' : 's'} left` };

/** The daily job 'form.dueSoon' (registered in index.ts). */
export async function formDueSoonJob(ctx: Ctx, day: string): Promise<{ forms: number; notices: number } | { skipped: string }> {
  const cal = await ctx.use(calendarRepo).loadCalendar();
  if (!isWorkingDay(day, cal)) return { skipped: 'not a working day' };
  const within = ctx.config.dueSoonWorkingDays;
  const reminders = ctx.use(remindersRepo);
  let forms = 0;
  let notices = 0;
  for (const ds of await reminders.dataSets()) {
    const current = periodOf(ds.period_type as PeriodType, day);
    for (const period of [previousPeriod(current), current]) {
      const { deadline } = deadlineOf(ds, period, cal);
      if (deadline < day) continue;
      const left = workingDaysBetween(day, deadline, cal);
      if (left > within) continue;
      for (const unit of await reminders.incompleteForms(ds.id, period, 'data:write')) {
        const r = await notify(ctx, {
          unitIds: [unit.id],
          permission: 'data:write',
          kind: 'form.dueSoon',
          ...formNotice(ds, unit, period, { deadline: { date: deadline }, left: leftText(left) }),
          dedupeKey: `form.dueSoon:${ds.id}:${unit.id}:${period.iso}`,
        });
        forms++;
        notices += r.userIds.length;
      }
    }
  }
  return { forms, notices };
}
