// Who is calling: HTTP Basic, a personal API token, or the session cookie (with CSRF check on writes).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import type { Actor, Ctx } from '../modules/users/access.js';
import { fromApiToken, fromBasic, fromSession, type AuthSettings } from '../modules/users/auth.service.js';

export const SESSION_COOKIE = 'soyte_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    csrfToken?: string;
  }
}

export async function authenticate(req: FastifyRequest, db: Kysely<DB>, settings: AuthSettings): Promise<void> {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, value = ''] = header.split(' ', 2);
    const s = scheme.toLowerCase();
    if (s === 'basic') req.actor = await fromBasic(db, settings, value.trim());
    else if (s === 'apitoken' || s === 'bearer') req.actor = await fromApiToken(db, value.trim());
    else throw new AppError('UNAUTHENTICATED');
    return;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) return;
  const session = await fromSession(db, cookie);
  if (!session) return;
  if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) throw new AppError('CSRF_FAILED');
  req.actor = session.actor;
  req.csrfToken = session.csrfToken;
}

/** The request context for services; throws UNAUTHENTICATED when nobody is logged in. */
export function ctxOf(req: FastifyRequest, db: Kysely<DB>): Ctx {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return { db, actor: req.actor };
}

export function setSessionCookie(reply: FastifyReply, token: string, hours: number, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: hours * 3600 });
}
