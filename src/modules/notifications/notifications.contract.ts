// The notification centre's contract: the caller's notices (GET /api/notifications) and marking them
// read (POST /api/notifications/read). Pure: shared with the web app.
import { z } from 'zod';
import { wholeNumber } from '../../core/fields.js';

/** A notice's id (bigserial) as the API writes it. */
const noticeId = z.string().trim().regex(/^\d{1,15}$/, 'field.invalid');

/** GET /api/notifications: `unread=1` only unread ones; `limit` (1–100, default 20); `before` an id (older ones: the next page). */
export const NotificationsQuery = z.object({
  unread: z
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  limit: wholeNumber(1, 100).default(20),
  before: noticeId.optional(),
});
export type NotificationsQuery = z.input<typeof NotificationsQuery>;

export const MAX_MARK_READ = 500;

/** POST /api/notifications/read: `{ids: [...]}` or `{all: true}`. */
export const MarkReadInput = z.union([
  z.object({ ids: z.array(noticeId).min(1).max(MAX_MARK_READ) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkReadInput = z.input<typeof MarkReadInput>;

/**
 * The kinds soyte writes (others may be added by a module that registers the messages
 * `notification.<kind>.title` and, optionally, `notification.<kind>.body`).
 */
export type NotificationKind =
  | 'task.assigned'
  | 'task.dueSoon'
  | 'task.overdue'
  | 'task.extensionDecided'
  | 'task.submitted'
  | 'task.confirmed'
  | 'task.returned'
  | 'task.refused'
  | 'task.extensionRequested'
  | 'task.withdrawn'
  | 'form.returned'
  | 'form.dueSoon'
  | (string & {});

/** One notice, written in the request's language. */
export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body?: string;
  /** A path of the web app (e.g. "/tasks/42", "/entry?ds=…&ou=…&pe=202405"), or null. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** GET /api/notifications. */
export interface NotificationList {
  /** The caller's unread notices (all of them, not only this page). */
  unread: number;
  /** Newest first. */
  notifications: NotificationItem[];
}

/** POST /api/notifications/read. */
export interface MarkReadResult {
  /** Notices marked read now (already read ones and other users' ids are not counted). */
  updated: number;
  unread: number;
}
