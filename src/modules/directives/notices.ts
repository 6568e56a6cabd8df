// Who hears of what in a task's life (through the notification centre), and the daily reminders:
// due soon and overdue, once a day per task.
import type { Ctx } from '../../core/context.js';
import { notify, type NotificationParam } from '../notifications/notifications.service.js';
import type { NotificationKind } from '../notifications/notifications.contract.js';
import { workingDaysBetween } from '../../lib/calendar.js';
import * as calendarRepo from '../calendar/calendar.repo.js';
import * as repo from './directives.repo.js';
import { dayDiff } from './followup.js';
import { clockOf } from './task-view.js';

type Event = 'assign' | 'accept' | 'refuse' | 'progress' | 'submit' | 'confirm' | 'return' | 'pause' | 'resume' | 'withdraw'
  | 'requestExtension' | 'approveExtension' | 'rejectExtension';

interface TaskLike {
  id: string;
  content: string;
  lead_unit_id: string | null;
  assigner_unit_id: string;
  deadline: string | null;
  lead_name?: string | null;
}

/** To the lead unit (its people who work on tasks) or to the assigner (its people who follow up). */
const ROUTES: Partial<Record<Event, { to: 'lead' | 'assigner'; kind: NotificationKind }>> = {
  assign: { to: 'lead', kind: 'task.assigned' },
  refuse: { to: 'assigner', kind: 'task.refused' },
  submit: { to: 'assigner', kind: 'task.submitted' },
  confirm: { to: 'lead', kind: 'task.confirmed' },
  return: { to: 'lead', kind: 'task.returned' },
  requestExtension: { to: 'assigner', kind: 'task.extensionRequested' },
  approveExtension: { to: 'lead', kind: 'task.extensionDecided' },
  rejectExtension: { to: 'lead', kind: 'task.extensionDecided' },
  withdraw: { to: 'lead', kind: 'task.withdrawn' },
};

const short = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

export async function announce(ctx: Ctx, event: Event, t: TaskLike, reason: string | null, deadline = t.deadline): Promise<void> {
  const route = ROUTES[event];
  if (!route) return;
  const unit = route.to === 'lead' ? t.lead_unit_id : t.assigner_unit_id;
  if (!unit) return;
  const params: Record<string, NotificationParam> = {
    task: short(t.content),
    unit: t.lead_name ?? '',
    deadline: deadline ? { date: deadline } : { vi: 'không thời hạn', en: 'no deadline' },
    reason: reason ?? '',
    decision: event === 'approveExtension' ? { vi: 'được chấp thuận', en: 'approved' } : { vi: 'không được chấp thuận', en: 'refused' },
  };
  await notify(ctx, {
    unitIds: [unit], permission: route.to === 'lead' ? 'task:work' : 'directive:write', kind: route.kind, params,
    link: `/tasks/${t.id}`, subject: { type: 'task', id: t.id },
  });
}

/**
 * The daily reminders: each open task due within the configured working days ("sắp đến hạn") and
 * each overdue one, told to its lead unit once a day (the dedupe key holds the day).
 */
export async function dailyReminders(ctx: Ctx, day: string): Promise<{ dueSoon: number; overdue: number }> {
  const clock = await clockOf(ctx, day);
  const db = ctx.use(repo);
  const cal = await ctx.use(calendarRepo).loadCalendar({ from: day });
  const counts = { dueSoon: 0, overdue: 0 };
  for (const state of ['dueSoon', 'overdue'] as const) {
    for (let page = 1; ; page++) {
      const { rows } = await db.listTasks({ scope: { root: null }, view: 'all', actorUnit: null, state, today: clock.today, dueSoonLimit: clock.dueSoonLimit, page, pageSize: 500 });
      for (const t of rows) {
        if (state === 'overdue' && t.status === 'paused') continue;
        const r = await notify(ctx, {
          unitIds: [t.lead_unit_id!], permission: 'task:work', kind: state === 'dueSoon' ? 'task.dueSoon' : 'task.overdue',
          params: {
            task: short(t.content), deadline: { date: t.deadline! }, unit: t.lead_name ?? '',
            days: state === 'dueSoon' ? workingDaysBetween(day, t.deadline!, cal) : dayDiff(t.deadline!, day),
          },
          link: `/tasks/${t.id}`, subject: { type: 'task', id: t.id }, dedupeKey: `task.${state}:${t.id}:${day}`,
        });
        if (r.userIds.length) counts[state]++;
      }
      if (rows.length < 500) break;
    }
  }
  return counts;
}
