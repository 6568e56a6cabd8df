// SQL of the notification centre: recipients, notices, and the email outbox.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Active users to notify: the given users, and the users of the given units (their own unit, not
 * those below it) holding `permission` through one of their roles (any user of the units without it).
 */
export async function recipients(
  db: Db,
  q: { userIds: readonly string[]; unitIds: readonly string[]; permission?: string; exclude?: string | null },
): Promise<string[]> {
  if (q.userIds.length === 0 && q.unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('app_user as u')
    .select('u.id')
    .where('u.disabled', '=', false)
    .where((eb) => {
      const any = [];
      if (q.userIds.length) any.push(eb('u.id', 'in', [...q.userIds]));
      if (q.unitIds.length) {
        const inUnits = eb('u.org_unit_id', 'in', [...q.unitIds]);
        any.push(
          q.permission
            ? eb.and([
                inUnits,
                eb.exists(
                  eb
                    .selectFrom('user_role as ur')
                    .innerJoin('role as r', 'r.code', 'ur.role_code')
                    .select(sql.lit(1).as('one'))
                    .whereRef('ur.user_id', '=', 'u.id')
                    .where(sql<boolean>`${q.permission} = any(r.permissions)`),
                ),
              ])
            : inUnits,
        );
      }
      return eb.or(any);
    })
    .$if(!!q.exclude, (qb) => qb.where('u.id', '<>', q.exclude!))
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

export interface NewNotification {
  userId: string;
  kind: string;
  params: unknown;
  link: string | null;
  subjectType: string | null;
  subjectId: string | null;
  dedupeKey: string | null;
}

/** Writes notices; one whose (user, dedupe key) exists already is skipped. Returns those written. */
export async function insertNotifications(db: Db, rows: readonly NewNotification[]): Promise<{ id: number; user_id: string }[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('notification')
    .values(
      rows.map((r) => ({
        user_id: r.userId, kind: r.kind, params: JSON.stringify(r.params ?? {}), link: r.link, subject_type: r.subjectType,
        subject_id: r.subjectId, dedupe_key: r.dedupeKey,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .returning(['id', 'user_id'])
    .execute();
}

/** Queues one mail per notice whose user has an email address; returns how many. */
export async function queueEmails(db: Db, notificationIds: readonly number[]): Promise<number> {
  if (notificationIds.length === 0) return 0;
  const r = await sql`
    insert into notification_email (notification_id, to_address)
    select n.id, btrim(u.email) from notification n join app_user u on u.id = n.user_id
    where n.id = any(${[...notificationIds]}::bigint[]) and btrim(coalesce(u.email, '')) <> '' and not u.disabled
    on conflict (notification_id) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export interface NotificationRow {
  id: number;
  kind: string;
  params: unknown;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** A user's notices, newest first: `before` an id for the next page. */
export function listOf(db: Db, userId: string, q: { unreadOnly: boolean; limit: number; before?: number }): Promise<NotificationRow[]> {
  return db
    .selectFrom('notification')
    .select(['id', 'kind', 'params', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .$if(q.unreadOnly, (qb) => qb.where('read_at', 'is', null))
    .$if(q.before !== undefined, (qb) => qb.where('id', '<', q.before!))
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks the user's own unread notices read (ids of other users' notices change nothing). */
export async function markRead(db: Db, userId: string, ids: readonly number[] | 'all'): Promise<number> {
  if (ids !== 'all' && ids.length === 0) return 0;
  const r = await db
    .updateTable('notification')
    .set({ read_at: new Date() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .$if(ids !== 'all', (qb) => qb.where('id', 'in', ids as number[]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Drops read notices older than `readBefore` and any older than `before` (their mails go with them). */
export async function deleteOld(db: Db, readBefore: Date, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('notification')
    .where((eb) => eb.or([eb.and([eb('read_at', 'is not', null), eb('created_at', '<', readBefore)]), eb('created_at', '<', before)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ------------------------------------------------------------------ email outbox

export interface ClaimedEmail {
  id: number;
  to_address: string;
  attempts: number;
  notification_id: number;
  kind: string;
  params: unknown;
  link: string | null;
  locale: string;
  display_name: string;
  disabled: boolean;
}

/**
 * Claims up to `limit` queued mails that are due: counts the attempt and moves their next attempt
 * `leaseSeconds` ahead, committed before anything is sent, so another sender (another process, or
 * this one after a restart) leaves them alone meanwhile. Rows locked by another sender are skipped.
 */
export async function claimEmails(db: Db, now: Date, limit: number, leaseSeconds: number): Promise<ClaimedEmail[]> {
  const r = await sql<ClaimedEmail>`
    with due as (
      select id from notification_email
      -- A JavaScript time has millisecond precision: \`now\` stands for its whole millisecond (a mail
      -- queued 0.7 ms after the round's \`now\` was taken is due in that round).
      where status = 'queued' and next_attempt_at < ${now}::timestamptz + interval '1 millisecond'
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked
    ), claimed as (
      update notification_email e
      set attempts = e.attempts + 1, next_attempt_at = ${now}::timestamptz + make_interval(secs => ${leaseSeconds})
      from due where e.id = due.id
      returning e.id, e.notification_id, e.to_address, e.attempts
    )
    select c.id, c.to_address, c.attempts, n.id as notification_id, n.kind, n.params, n.link, u.locale, u.display_name, u.disabled
    from claimed c join notification n on n.id = c.notification_id join app_user u on u.id = n.user_id
    order by c.id`.execute(db);
  return r.rows;
}

export async function markSent(db: Db, emailId: number, notificationId: number): Promise<void> {
  await db.updateTable('notification_email').set({ status: 'sent', sent_at: new Date(), last_error: null }).where('id', '=', emailId).execute();
  await db.updateTable('notification').set({ emailed_at: new Date() }).where('id', '=', notificationId).execute();
}

/** A failed attempt: tried again at `retryAt`, or given up (status failed) when it is null. */
export async function markAttemptFailed(db: Db, emailId: number, error: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('notification_email')
    .set(retryAt ? { last_error: error, next_attempt_at: retryAt } : { status: 'failed', last_error: error })
    .where('id', '=', emailId)
    .execute();
}

/** Mails by notice (tests and the check of the outbox). */
export function emailsOf(db: Db, notificationIds: readonly number[]) {
  if (notificationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('notification_email').selectAll().where('notification_id', 'in', [...notificationIds]).orderBy('id').execute();
}
