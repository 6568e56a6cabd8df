// Email delivery of notices (when SOYTE_SMTP_URL is set): the outbox (notification_email), written
// with the notices, is sent by a small loop of `soyte start` with nodemailer. A mail is claimed before
// it is sent (its attempt counted and its next try moved a few minutes ahead, committed first), so two
// senders never send it both and a restart resumes the queue; a failure is tried again later (1, 2, 4 …
// minutes, up to 6 hours apart, 10 attempts); an address the server refuses (5xx) is not tried again.
// The mail is written in the user's language (app_user.locale): plain text and simple HTML.
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Config } from '../../core/config.js';
import type { Ctx } from '../../core/context.js';
import { translate, type Locale } from '../../core/i18n.js';
import * as repo from './notifications.repo.js';
import { render } from './render.js';

/** What sending needs of a nodemailer transport (tests may give their own). */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
}

export interface SendSummary {
  sent: number;
  /** Failed this time, tried again later. */
  retrying: number;
  /** Given up. */
  failed: number;
}

export const MAX_ATTEMPTS = 10;
/** How long a claimed mail is left to its sender before another may try it. */
const LEASE_SECONDS = 300;
const BATCH = 20;
/** How often the sender looks at the outbox. */
export const MAIL_INTERVAL_MS = 20_000;

/** Minutes before the next attempt after `attempts` failed ones: 1, 2, 4 … up to 6 hours. */
export const retryMinutes = (attempts: number) => Math.min(2 ** Math.max(attempts - 1, 0), 360);

let cached: { url: string; transport: MailTransport & { close(): void } } | undefined;

/** The transport of SOYTE_SMTP_URL: a few pooled connections, reused between rounds. */
function transportOf(config: Config): MailTransport | null {
  if (!config.smtp) return null;
  if (cached?.url !== config.smtp.url) {
    cached?.transport.close();
    cached = { url: config.smtp.url, transport: nodemailer.createTransport({ url: config.smtp.url, pool: true, maxConnections: 3 }) };
  }
  return cached.transport;
}

/** Closes the SMTP connections (tests; a stopping server simply exits). */
export function closeMailTransport(): void {
  cached?.transport.close();
  cached = undefined;
}

/** Whether a refusal is final: the server refused the address or the message (5xx, bad syntax), not a passing trouble. */
function permanent(e: unknown): boolean {
  const code = (e as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && (code === 501 || (code >= 550 && code < 560));
}

/**
 * Sends the queued mails that are due (at most `limit` in this call), with `transport` or the one of
 * SOYTE_SMTP_URL (nothing without it).
 */
export async function sendQueued(ctx: Ctx, transport?: MailTransport, now: Date = new Date(), opts: { limit?: number } = {}): Promise<SendSummary> {
  const out: SendSummary = { sent: 0, retrying: 0, failed: 0 };
  const via = transport ?? transportOf(ctx.config);
  if (!via || !ctx.config.smtp) return out;
  const outbox = ctx.use(repo);
  const limit = opts.limit ?? 200;
  for (let done = 0; done < limit; ) {
    const batch = await outbox.claimEmails(now, Math.min(BATCH, limit - done), LEASE_SECONDS);
    // A batch goes out at once over the pooled connections; each mail's outcome is recorded alone.
    const outcomes = await Promise.all(
      batch.map(async (m): Promise<keyof SendSummary> => {
        if (m.disabled) {
          await outbox.markAttemptFailed(m.id, 'the user is disabled', null);
          return 'failed';
        }
        try {
          await via.sendMail(composeMail(m, ctx.config));
        } catch (e) {
          const error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
          const giveUp = permanent(e) || m.attempts >= MAX_ATTEMPTS;
          await outbox.markAttemptFailed(m.id, error, giveUp ? null : new Date(now.getTime() + retryMinutes(m.attempts) * 60_000));
          return giveUp ? 'failed' : 'retrying';
        }
        await outbox.markSent(m.id, m.notification_id);
        return 'sent';
      }),
    );
    for (const o of outcomes) out[o]++;
    done += batch.length;
    if (batch.length < BATCH) break;
  }
  return out;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

/** The mail of a notice, in its user's language. */
export function composeMail(
  m: Pick<repo.ClaimedEmail, 'to_address' | 'display_name' | 'notification_id' | 'kind' | 'params' | 'link' | 'locale'>,
  config: Pick<Config, 'smtp' | 'publicUrl'>,
): SendMailOptions {
  const locale: Locale = m.locale === 'en' ? 'en' : 'vi';
  const { title, body } = render(m.kind, m.params, locale);
  const url = config.publicUrl && m.link?.startsWith('/') ? `${config.publicUrl}${m.link}` : null;
  const all = config.publicUrl ? `${config.publicUrl}/notifications` : null;
  const open = url ? translate('notification.email.open', locale, { url }) : translate('notification.email.openApp', locale);
  const footer = all ? translate('notification.email.footer', locale, { url: all }) : translate('notification.email.footerNoUrl', locale);
  const text = [oneLine(title), '', ...(body ? [body, ''] : []), open, '', '-- ', footer, ''].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222">`,
    `<p style="font-size:16px"><strong>${escapeHtml(oneLine(title))}</strong></p>`,
    body ? `<p>${escapeHtml(body)}</p>` : '',
    url
      ? `<p><a href="${escapeHtml(url)}">${escapeHtml(translate('notification.email.open', locale, { url }))}</a></p>`
      : `<p>${escapeHtml(open)}</p>`,
    `<hr style="border:none;border-top:1px solid #ddd"><p style="color:#777;font-size:12px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('');
  const domain = /@([^>\s]+)>?\s*$/.exec(config.smtp?.from ?? '')?.[1] ?? 'soyte.local';
  return {
    from: config.smtp?.from,
    to: { name: oneLine(m.display_name), address: m.to_address },
    subject: `[soyte] ${oneLine(title)}`,
    text,
    html,
    // The same notice always has the same Message-ID: a mail resent after a crash between the SMTP
    // server's acceptance and our record of it is recognisable as the same mail.
    messageId: `<soyte.notification.${m.notification_id}@${domain}>`,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  };
}

/** The sender loop of `soyte start` (when SMTP is configured). Returns a stop function. */
export function startMailer(ctx: Ctx, onError: (message: string) => void): () => void {
  if (!ctx.config.smtp) return () => {};
  let busy = false;
  let lastError = '';
  const every = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const r = await sendQueued(ctx);
      if (r.failed) onError(`notification mails: ${r.failed} could not be delivered (see notification_email.last_error)`);
      lastError = '';
    } catch (e) {
      // One line per new trouble, not one every 20 seconds.
      const message = e instanceof Error ? e.message : String(e);
      if (message !== lastError) onError(`notification mails: ${message}`);
      lastError = message;
    } finally {
      busy = false;
    }
  }, MAIL_INTERVAL_MS);
  every.unref();
  return () => clearInterval(every);
}
