// Email delivery to a real SMTP server started here (smtp-server): the mail of a notice in its user's
// language (to, subject, text and HTML), nothing for users without an address, retries with backoff
// after a passing failure, no retry after a refused address, and no mail sent twice (two senders at
// once, a sender run again).
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../core/config.js';
import { Ctx, SYSTEM_ACTOR } from '../../core/context.js';
import { testApp, type TestApp } from '../../test/harness.js';
import { closeMailTransport, retryMinutes } from './mail.service.js';
import { notify, sendQueued } from './notifications.service.js';

interface Received {
  from: string;
  to: string[];
  auth: string | undefined;
  raw: string;
}

const received: Received[] = [];
/** Addresses the server refuses for good (550), and how many times it answers "try later" (451) to the next mails. */
const refused = new Set<string>();
let busyFor = 0;

const server = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, cb) {
    if (auth.username === 'soyte' && auth.password === 'secret') cb(null, { user: auth.username });
    else cb(new Error('Invalid username or password'));
  },
  onRcptTo(address, _session, cb) {
    if (refused.has(address.address)) cb(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
    else cb();
  },
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      if (busyFor > 0) {
        busyFor--;
        cb(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        return;
      }
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        auth: session.user as string | undefined,
        raw: Buffer.concat(chunks).toString('latin1'),
      });
      cb();
    });
  },
});

// ------------------------------------------------------------------ a small MIME reader

const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');

/** RFC 2047 encoded words (=?UTF-8?B|Q?…?=), adjacent ones joined before decoding the UTF-8 bytes. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/(=\?utf-8\?[bq]\?[^?]*\?=)+/gi, (run) => {
      const bytes: Buffer[] = [];
      for (const [, enc, text] of run.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)) {
        if (enc!.toLowerCase() === 'b') bytes.push(Buffer.from(text!, 'base64'));
        else bytes.push(Buffer.from(text!.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'));
      }
      return Buffer.concat(bytes).toString('utf8');
    });
}

function headersOf(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return out;
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    return utf8(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));
  }
  return utf8(body);
}

/** Headers of the mail, and its text and HTML parts decoded. */
function parseMail(raw: string): { headers: Record<string, string>; text: string; html: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = headersOf(raw.slice(0, split));
  const parts: Record<string, string> = {};
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  const bodies = boundary ? raw.slice(split + 4).split(`--${boundary}`).slice(1, -1) : [raw];
  for (const part of bodies) {
    const at = part.indexOf('\r\n\r\n');
    const h = headersOf(part.slice(0, at).replace(/^\r\n/, ''));
    const type = (h['content-type'] ?? '').split(';')[0]!.trim();
    parts[type] = decodeBody(part.slice(at + 4).replace(/\r\n$/, ''), h['content-transfer-encoding']);
  }
  return { headers, text: parts['text/plain'] ?? '', html: parts['text/html'] ?? '' };
}

// ------------------------------------------------------------------ tests

let t: TestApp;
let port: number;
const ids: Record<string, string> = {};

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;
  t = await testApp({
    SOYTE_SMTP_URL: `smtp://soyte:secret@127.0.0.1:${port}`,
    SOYTE_SMTP_FROM: 'Sở Y tế Thanh Hóa <soyte@syt.example.vn>',
    SOYTE_PUBLIC_URL: 'https://soyte.example.vn/',
  });
  const db = t.database.db;
  for (const u of ['tyt.hoangxuan', 'tyt.hoangloc', 'ttyt.hoanghoa']) {
    ids[u] = (await db.selectFrom('app_user').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  }
  await db.updateTable('app_user').set({ email: 'hoangxuan@tyt.example.vn' }).where('username', '=', 'tyt.hoangxuan').execute();
  await db.updateTable('app_user').set({ email: ' centre@ttyt.example.vn ', locale: 'en' }).where('username', '=', 'ttyt.hoanghoa').execute();
  // tyt.hoangloc has no address.
});

afterAll(async () => {
  closeMailTransport();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const returnedNotice = {
  kind: 'form.returned',
  params: {
    dataSet: { vi: 'Báo cáo tháng', en: 'Monthly report' }, period: { vi: 'tháng 5 năm 2024', en: 'May 2024' }, unit: 'TYT xã Hoằng Xuân',
    by: 'ttyt.hoanghoa', reason: 'Số trẻ sinh chưa khớp <b>',
  },
  link: '/entry?ds=BCTK&ou=abc&pe=202405',
} as const;

describe('email delivery', () => {
  it('sends the mail of a notice in the user’s language, with a link, through the configured server', async () => {
    const r = await notify(t.ctx(), { userIds: [ids['tyt.hoangxuan']!, ids['tyt.hoangloc']!, ids['ttyt.hoanghoa']!], ...returnedNotice });
    expect(r.userIds.length).toBe(3);
    expect(r.emails).toBe(2); // tyt.hoangloc has no address: no mail
    const sent = await sendQueued(t.ctx());
    expect(sent).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(received.length).toBe(2);

    const vi = received.find((m) => m.to[0] === 'hoangxuan@tyt.example.vn')!;
    expect(vi.from).toBe('soyte@syt.example.vn');
    expect(vi.auth).toBe('soyte');
    const mail = parseMail(vi.raw);
    expect(mail.headers.subject).toBe('[soyte] Báo cáo bị trả lại: Báo cáo tháng tháng 5 năm 2024');
    expect(mail.headers.to).toBe('Nhập liệu TYT Hoằng Xuân <hoangxuan@tyt.example.vn>');
    expect(mail.headers.from).toBe('Sở Y tế Thanh Hóa <soyte@syt.example.vn>');
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    expect(mail.headers['message-id']).toMatch(/^<soyte\.notification\.\d+@syt\.example\.vn>$/);
    expect(mail.text).toContain('TYT xã Hoằng Xuân: ttyt.hoanghoa trả lại để sửa. Lý do: Số trẻ sinh chưa khớp <b>');
    expect(mail.text).toContain('Xem chi tiết: https://soyte.example.vn/entry?ds=BCTK&ou=abc&pe=202405');
    expect(mail.text).toContain('Tất cả thông báo của bạn: https://soyte.example.vn/notifications');
    expect(mail.html).toContain('<a href="https://soyte.example.vn/entry?ds=BCTK&#38;ou=abc&#38;pe=202405">');
    expect(mail.html).toContain('Số trẻ sinh chưa khớp &#60;b&#62;'); // user text is escaped in HTML
    expect(mail.html).not.toContain('<b>');

    const en = parseMail(received.find((m) => m.to[0] === 'centre@ttyt.example.vn')!.raw);
    expect(en.headers.subject).toBe('[soyte] Form returned: Monthly report, May 2024');
    expect(en.text).toContain('Reason: Số trẻ sinh chưa khớp <b>');
    expect(en.text).toContain('Open: https://soyte.example.vn/entry?ds=BCTK&ou=abc&pe=202405');

    const rows = await t.database.db.selectFrom('notification_email').selectAll().orderBy('to_address', 'desc').execute();
    expect(rows.map((x) => [x.to_address, x.status, x.attempts])).toEqual([
      ['hoangxuan@tyt.example.vn', 'sent', 1],
      ['centre@ttyt.example.vn', 'sent', 1],
    ]);
    const emailed = await t.database.db.selectFrom('notification').select(['user_id', 'emailed_at']).where('kind', '=', 'form.returned').execute();
    expect(emailed.filter((n) => n.emailed_at).map((n) => n.user_id).sort()).toEqual([ids['tyt.hoangxuan'], ids['ttyt.hoanghoa']].sort());
  });

  it('never sends a mail twice: a second round, or two senders at once', async () => {
    expect(await sendQueued(t.ctx())).toEqual({ sent: 0, retrying: 0, failed: 0 });
    received.length = 0;
    for (let i = 0; i < 30; i++) await notify(t.ctx(), { userIds: [ids['tyt.hoangxuan']!], kind: 'test.bulk', params: { title: `Thông báo ${i}` } });
    const [a, b] = await Promise.all([sendQueued(t.ctx()), sendQueued(t.ctx())]);
    // Two senders share the work; a mail the SMTP server did not take at once (a connection refused
    // under the load of a busy machine) waits for its retry: later rounds send it, once.
    let sent = a.sent + b.sent;
    for (let round = 1; sent < 30 && round <= 5; round++) sent += (await sendQueued(t.ctx(), undefined, new Date(Date.now() + round * 3_600_000))).sent;
    expect(sent).toBe(30);
    expect(received.length).toBe(30);
    const subjects = received.map((m) => parseMail(m.raw).headers.subject);
    expect(new Set(subjects).size).toBe(30);
    expect(await sendQueued(t.ctx(), undefined, new Date(Date.now() + 24 * 3_600_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('retries a passing failure later with backoff; gives up on an address the server refuses', async () => {
    received.length = 0;
    busyFor = 2;
    refused.add('centre@ttyt.example.vn');
    await notify(t.ctx(), { userIds: [ids['tyt.hoangxuan']!, ids['ttyt.hoanghoa']!], kind: 'test.retry', params: { title: 'Thử lại' } });
    const t0 = new Date();
    expect(await sendQueued(t.ctx(), undefined, t0)).toEqual({ sent: 0, retrying: 1, failed: 1 });
    const rows = async () =>
      t.database.db.selectFrom('notification_email as e').innerJoin('notification as n', 'n.id', 'e.notification_id')
        .select(['e.to_address', 'e.status', 'e.attempts', 'e.last_error', 'e.next_attempt_at']).where('n.kind', '=', 'test.retry').orderBy('e.to_address', 'desc').execute(); // hoangxuan@, then centre@
    let r = await rows();
    expect(r[0]).toMatchObject({ status: 'queued', attempts: 1 });
    expect(r[0]!.last_error).toMatch(/try again later/);
    expect(r[0]!.next_attempt_at.getTime()).toBe(t0.getTime() + retryMinutes(1) * 60_000);
    expect(r[1]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(r[1]!.last_error).toMatch(/No such mailbox/);

    // Not before its time; then the second attempt fails again and waits twice as long.
    expect(await sendQueued(t.ctx(), undefined, t0)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const t1 = new Date(t0.getTime() + 60_000);
    expect(await sendQueued(t.ctx(), undefined, t1)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    r = await rows();
    expect(r[0]!.next_attempt_at.getTime()).toBe(t1.getTime() + retryMinutes(2) * 60_000);
    expect(await sendQueued(t.ctx(), undefined, new Date(t1.getTime() + 60_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await sendQueued(t.ctx(), undefined, new Date(t1.getTime() + 120_000))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    r = await rows();
    expect(r.map((x) => [x.status, x.attempts])).toEqual([['sent', 3], ['failed', 1]]);
    expect(received.map((m) => m.to[0])).toEqual(['hoangxuan@tyt.example.vn']);
    expect([1, 2, 3, 4, 9, 10, 20].map(retryMinutes)).toEqual([1, 2, 4, 8, 256, 360, 360]);
    refused.clear();
  });

  it('a mail claimed by a sender that died is sent by the next one once its lease is over', async () => {
    received.length = 0;
    await notify(t.ctx(), { userIds: [ids['tyt.hoangxuan']!], kind: 'test.lease', params: { title: 'Lease' } });
    const dead = { sendMail: () => new Promise(() => {}) }; // claims, then never answers (the process died)
    const t0 = new Date();
    void sendQueued(t.ctx(), dead, t0);
    await new Promise((r) => setTimeout(r, 200));
    expect(await sendQueued(t.ctx(), undefined, t0)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await sendQueued(t.ctx(), undefined, new Date(t0.getTime() + 301_000))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(received.length).toBe(1);
  });

  it('without SMTP configured, nothing is queued nor sent', async () => {
    const plain = new Ctx(SYSTEM_ACTOR, t.database.store, testConfig());
    const r = await notify(plain, { userIds: [ids['tyt.hoangxuan']!], kind: 'test.nosmtp', params: {} });
    expect(r).toEqual({ userIds: [ids['tyt.hoangxuan']], emails: 0 });
    expect(await sendQueued(plain)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });
});
