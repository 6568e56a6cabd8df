// The notification centre shared by every module: `notify` writes notices (in the caller's
// transaction), `listForUser` / `markRead` serve the bell of the logged-in user. A notice keeps its
// kind and params, not its text: it is written in the reader's language when read or mailed
// (render). Daily notices come from jobs registered with `registerDailyJob` (scheduler.service.ts);
// mails from the outbox are sent by `sendQueued` (mail.service.ts).
//
//   import { notify, registerDailyJob } from '../notifications/notifications.service.js';
//   await notify(tx, { unitIds: [unit.id], permission: 'data:write', kind: 'form.returned',
//     params: { dataSet: { vi: 'Báo cáo tháng', en: 'Monthly report' }, period: '…', reason },
//     link: '/entry?…', subject: { type: 'form', id: '…' } });
import { requireActorUser } from '../../core/access.js';
import type { Ctx, Permission } from '../../core/context.js';
import type { Locale } from '../../core/i18n.js';
import { parse } from '../../core/input.js';
import {
  MarkReadInput,
  NotificationsQuery,
  type MarkReadResult,
  type NotificationItem,
  type NotificationKind,
  type NotificationList,
} from './notifications.contract.js';
import * as repo from './notifications.repo.js';
import { render, type NotificationParam } from './render.js';

export { registerDailyJob, runDueJobs, type DailyJob, type JobRunResult } from './scheduler.service.js';
export { sendQueued, type MailTransport, type SendSummary } from './mail.service.js';
export { render, type NotificationParam } from './render.js';

export interface NotifyInput {
  /** These users (active ones). */
  userIds?: readonly string[];
  /** The active users of these units (their own unit, not below), holding `permission` when given. */
  unitIds?: readonly string[];
  permission?: Permission;
  /** Names the texts `notification.<kind>.title` / `.body` (see notifications.messages.ts). */
  kind: NotificationKind;
  params?: Record<string, NotificationParam>;
  /** A path of the web app, e.g. '/tasks/42'. */
  link?: string | null;
  /** What the notice is about, e.g. { type: 'task', id: '42' }. */
  subject?: { type: string; id: string } | null;
  /**
   * Unique per user: a notice whose key the user already has is not written again (daily notices:
   * e.g. `task.overdue:${taskId}:${day}`).
   */
  dedupeKey?: string | null;
  /** Notify the acting user too (by default whoever acts is not told of their own action). */
  includeActor?: boolean;
}

export interface NotifyResult {
  /** The users a notice was written for now (deduplicated ones are not counted). */
  userIds: string[];
  /** Mails queued (users with an email address, when SMTP is configured). */
  emails: number;
}

/**
 * Writes a notice for each recipient, in the context's transaction (`ctx.transaction` of the
 * caller: it commits or rolls back with the change it reports). With SMTP configured, a mail is
 * queued in the same transaction for each recipient with an email address.
 */
export async function notify(ctx: Ctx, input: NotifyInput): Promise<NotifyResult> {
  const notices = ctx.use(repo);
  const users = await notices.recipients({
    userIds: [...new Set(input.userIds ?? [])],
    unitIds: [...new Set(input.unitIds ?? [])],
    permission: input.permission,
    exclude: input.includeActor ? null : ctx.actor.id,
  });
  const written = await notices.insertNotifications(
    users.map((userId) => ({
      userId,
      kind: input.kind,
      params: input.params ?? {},
      link: input.link ?? null,
      subjectType: input.subject?.type ?? null,
      subjectId: input.subject?.id ?? null,
      dedupeKey: input.dedupeKey ?? null,
    })),
  );
  const emails = ctx.config.smtp ? await notices.queueEmails(written.map((w) => w.id)) : 0;
  return { userIds: written.map((w) => w.user_id), emails };
}

// ------------------------------------------------------------------ reading

/** The caller's notices, newest first, written in the context's language. */
export async function listForUser(ctx: Ctx, q: { unreadOnly?: boolean; limit?: number; before?: string | number }): Promise<NotificationList> {
  const userId = requireActorUser(ctx);
  const notices = ctx.use(repo);
  const before = q.before === undefined ? undefined : Number(q.before);
  const [rows, unread] = await Promise.all([
    notices.listOf(userId, { unreadOnly: q.unreadOnly ?? false, limit: Math.min(Math.max(q.limit ?? 20, 1), 100), before }),
    notices.unreadCount(userId),
  ]);
  return { unread, notifications: rows.map((r) => item(r, ctx.locale)) };
}

/** GET /api/notifications. */
export function list(ctx: Ctx, input: unknown): Promise<NotificationList> {
  requireActorUser(ctx);
  const q = parse(NotificationsQuery, input);
  return listForUser(ctx, { unreadOnly: q.unread, limit: q.limit, before: q.before });
}

/** Marks the caller's notices read (ids of someone else's notices change nothing). */
export async function markRead(ctx: Ctx, ids: readonly (string | number)[] | 'all'): Promise<MarkReadResult> {
  const userId = requireActorUser(ctx);
  const notices = ctx.use(repo);
  const updated = await notices.markRead(userId, ids === 'all' ? 'all' : ids.map(Number).filter(Number.isSafeInteger));
  return { updated, unread: await notices.unreadCount(userId) };
}

/** POST /api/notifications/read. */
export function markReadInput(ctx: Ctx, input: unknown): Promise<MarkReadResult> {
  requireActorUser(ctx);
  const q = parse(MarkReadInput, input);
  return markRead(ctx, 'all' in q ? 'all' : q.ids);
}

function item(r: repo.NotificationRow, locale: Locale): NotificationItem {
  const { title, body } = render(r.kind, r.params, locale);
  return {
    id: String(r.id),
    kind: r.kind,
    title,
    ...(body ? { body } : {}),
    link: r.link,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at ? r.read_at.toISOString() : null,
  };
}
