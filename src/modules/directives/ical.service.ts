// The iCalendar feed of a user's deadlines, for phone calendars (Google Calendar, iOS): a secret URL
// (only its hash is stored; renewing it cuts off the old one). Read through the feed's owner: the
// tasks their unit leads or cooperates on, as all-day events on the deadline.
import crypto from 'node:crypto';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { requireActorUser, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { addDays } from '../../lib/calendar.js';
import { todayVn } from '../../lib/dates.js';
import { actorForUsername } from '../users/auth.service.js';
import * as repo from './directives.repo.js';
import { clockOf, toTaskItems } from './task-view.js';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** GET: whether the user has a feed; POST (renew): a new secret address, shown once. */
export async function feedLink(ctx: Ctx, renew: boolean): Promise<{ exists: boolean; url: string | null }> {
  requirePermission(ctx, 'task:read');
  const user = requireActorUser(ctx);
  const db = ctx.use(repo);
  if (!renew) return { exists: (await db.hasFeedToken(user)) !== undefined, url: null };
  const token = crypto.randomBytes(24).toString('base64url');
  await db.saveFeedToken(user, sha256(token));
  return { exists: true, url: `${ctx.config.publicUrl ?? ''}/ical/${token}.ics` };
}

export async function calendarFeed(ctx: Ctx, tokenWithExt: string): Promise<string> {
  const token = tokenWithExt.replace(/\.ics$/, '');
  const owner = token.length >= 20 && token.length <= 64 ? await ctx.use(repo).feedTokenOwner(sha256(token)) : undefined;
  const actor = owner && !owner.disabled ? await actorForUsername(ctx, owner.username) : undefined;
  if (!actor) throw notFound('feed', '…');
  const as = ctx.as(actor).inLocale(owner!.locale === 'en' ? 'en' : 'vi');
  const today = todayVn();
  const rows = await as.use(repo).tasksDueBetween(scopeOf(as), addDays(today, -90), addDays(today, 400), scopeOf(as).root);
  const items = await toTaskItems(as, rows, await clockOf(as));
  const cal = ical({ name: as.locale === 'vi' ? 'Hạn nhiệm vụ — soyte' : 'Task deadlines — soyte', timezone: 'Asia/Ho_Chi_Minh', method: ICalCalendarMethod.PUBLISH });
  for (const t of items) {
    if (t.status === 'withdrawn') continue;
    const done = t.status === 'done';
    const start = new Date(`${t.deadline}T00:00:00Z`);
    cal.createEvent({
      id: `task-${t.id}@soyte`,
      allDay: true,
      start,
      end: new Date(start.getTime() + 86_400_000),
      summary: `${done ? '✓ ' : ''}${t.content.slice(0, 140)}`,
      description: [t.lead?.name, t.document.number, t.output].filter(Boolean).join('\n'),
      url: ctx.config.publicUrl ? `${ctx.config.publicUrl}/tasks/${t.id}` : undefined,
    });
  }
  return cal.toString();
}
