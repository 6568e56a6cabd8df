// Who is calling: HTTP Basic, a personal API token, or the session cookie (with the CSRF check on
// writes). Failed Basic and token attempts count in a per-address limiter, as failed logins do.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Ctx } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { fromApiToken, fromBasic, fromSession } from '../modules/users/auth.service.js';

export const SESSION_COOKIE = 'soyte_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    csrfToken?: string;
  }
}

/**
 * Counts failed authentications per client address in a sliding window; at `max` failures the address
 * is refused (429) until the oldest failure leaves the window. Successful requests do not count.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  private recent(address: string, now: number): number[] {
    const list = (this.failures.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(address, list);
    else this.failures.delete(address);
    return list;
  }

  /** Throws RATE_LIMITED when the address has failed too often. */
  check(address: string, now = Date.now()): void {
    if (this.recent(address, now).length >= this.max) throw new AppError('RATE_LIMITED');
  }

  fail(address: string, now = Date.now()): void {
    const list = this.recent(address, now);
    list.push(now);
    this.failures.set(address, list);
    if (this.failures.size > 100_000) this.failures.clear(); // bounded memory under a spray of addresses
  }
}

/**
 * Runs an authentication attempt, counting its failure against the address: wrong credentials, or an
 * error marked `details.authFailure` (a wrong current password when changing it).
 */
export async function limited<T>(limiter: FailureLimiter, address: string, attempt: () => Promise<T>): Promise<T> {
  limiter.check(address);
  try {
    return await attempt();
  } catch (e) {
    if (e instanceof AppError && (e.code === 'INVALID_CREDENTIALS' || e.details?.authFailure === true)) limiter.fail(address);
    throw e;
  }
}

/** The caller's actor, or undefined when the request carries no credentials at all. */
export async function authenticate(req: FastifyRequest, ctx: Ctx, limiter: FailureLimiter): Promise<Actor | undefined> {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, value = ''] = header.split(' ', 2);
    const s = scheme.toLowerCase();
    if (s === 'basic') return limited(limiter, req.ip, () => fromBasic(ctx, value.trim()));
    if (s === 'apitoken' || s === 'bearer') return limited(limiter, req.ip, () => fromApiToken(ctx, value.trim()));
    throw new AppError('UNAUTHENTICATED');
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const session = await fromSession(ctx, cookie);
  if (!session) return undefined;
  if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) throw new AppError('CSRF_FAILED');
  req.csrfToken = session.csrfToken;
  return session.actor;
}

/** The session cookie: httpOnly, SameSite=Lax, and Secure when configured or when the request came over HTTPS. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, config: { sessionHours: number; secureCookies: boolean }) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies || req.protocol === 'https',
    maxAge: config.sessionHours * 3600,
  });
}
