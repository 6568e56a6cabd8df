// Authentication: password login (session cookie + CSRF token), HTTP Basic, personal API tokens, with
// lockout after repeated failures. Produces the Actor every other service checks. A locked account
// and an unknown one get the same answer (INVALID_CREDENTIALS), so the answer reveals no username.
import type { Actor, Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { usersSignal } from '../../core/versions.js';
import { audit } from '../audit/audit.service.js';
import { DUMMY_HASH, randomToken, sha256, verifyPassword } from './passwords.js';
import { LoginInput } from './users.contract.js';
import * as usersRepo from './users.repo.js';

type UserRow = { id: string; username: string; org_unit_id: string | null };

export async function actorFor(ctx: Ctx, user: UserRow): Promise<Actor> {
  const roles = await ctx.use(usersRepo).rolesOf(user.id);
  return {
    id: user.id,
    username: user.username,
    orgUnitId: user.org_unit_id,
    roles: roles.map((r) => r.code),
    permissions: new Set(roles.flatMap((r) => r.permissions)),
  };
}

/** The actor of an active user by username (the CLI's --user). */
export async function actorForUsername(ctx: Ctx, username: string): Promise<Actor | undefined> {
  const u = await ctx.use(usersRepo).findByUsername(username);
  return u && !u.disabled ? actorFor(ctx, u) : undefined;
}

/** Checks a username and password, counting failures and locking the account after too many. */
export async function checkPassword(ctx: Ctx, username: string, password: string) {
  const repo = ctx.use(usersRepo);
  const { loginMaxFailures, lockoutMinutes } = ctx.config;
  const user = await repo.findByUsername(username);
  if (!user || user.disabled) {
    await verifyPassword(password, DUMMY_HASH); // same work either way
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > new Date()) {
    await verifyPassword(password, DUMMY_HASH);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    const r = await repo.recordFailure(user.id, loginMaxFailures, lockoutMinutes);
    const lockedNow = !!r?.locked_until && r.locked_until > new Date();
    await audit(ctx.as({ ...ctx.actor, id: user.id, username: user.username }), {
      action: lockedNow ? 'auth.locked' : 'auth.loginFailed', entityType: 'user', entityId: user.id, entityCode: user.username,
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.failed_logins > 0 || user.locked_until) await repo.recordSuccess(user.id);
  return user;
}

export async function login(ctx: Ctx, input: unknown) {
  const data = parse(LoginInput, input);
  const user = await checkPassword(ctx, data.username, data.password);
  const repo = ctx.use(usersRepo);
  await repo.recordSuccess(user.id);
  const token = randomToken();
  const csrfToken = randomToken(24);
  await repo.insertSession({ id: sha256(token), userId: user.id, csrf: csrfToken, expiresAt: new Date(Date.now() + ctx.config.sessionHours * 3600_000) });
  const actor = await actorFor(ctx, user);
  await audit(ctx.as(actor), { action: 'auth.login', entityType: 'user', entityId: user.id, entityCode: user.username });
  return { token, csrfToken, actor };
}

export async function logout(ctx: Ctx, sessionToken: string) {
  const id = sha256(sessionToken);
  await ctx.use(usersRepo).deleteSession(id);
  sessionCache.delete(id);
  usersSignal.bump(); // also drops a lookup of this session still in flight
}

/** The id under which a session is stored (the cookie's hash). */
export const sessionId = (sessionToken: string) => sha256(sessionToken);

// Session → actor cache: every request of a logged-in user authenticates by its session cookie, so
// the session, user and roles are cached for a few seconds. Logout drops the entry; any change to a
// user (roles, unit, password, disabling) in this process bumps usersSignal. Changes made by another
// process are seen after at most SESSION_CACHE_MS.
const SESSION_CACHE_MS = 5_000;
interface CachedSession {
  actor: Actor;
  csrfToken: string;
  expiresAt: number;
  at: number;
  version: number;
}
const sessionCache = new Map<string, CachedSession>();

/** Session cookie → actor and the session's CSRF token; undefined when expired or unknown. */
export async function fromSession(ctx: Ctx, sessionToken: string) {
  const id = sha256(sessionToken);
  const now = Date.now();
  const hit = sessionCache.get(id);
  if (hit && hit.version === usersSignal.version && now - hit.at < SESSION_CACHE_MS && now < hit.expiresAt) {
    return { actor: hit.actor, csrfToken: hit.csrfToken };
  }
  if (hit) sessionCache.delete(id);
  const version = usersSignal.version;
  const row = await ctx.use(usersRepo).sessionWithUser(id);
  if (!row || row.disabled) return undefined;
  const actor: Actor = {
    id: row.user_id,
    username: row.username,
    orgUnitId: row.org_unit_id,
    roles: row.roles.map((r) => r.code),
    permissions: new Set(row.roles.flatMap((r) => r.permissions)),
  };
  if (version === usersSignal.version) {
    if (sessionCache.size >= 10_000) sessionCache.clear();
    sessionCache.set(id, { actor, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at).getTime(), at: now, version });
  }
  return { actor, csrfToken: row.csrf_token };
}

export async function fromBasic(ctx: Ctx, header: string): Promise<Actor> {
  const decoded = Buffer.from(header, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  const username = decoded.slice(0, i);
  const password = decoded.slice(i + 1);
  if (i < 1 || username.length > 100 || password.length > 200 || /[\u0000\ufffd]/.test(decoded)) throw new AppError('INVALID_CREDENTIALS');
  const user = await checkPassword(ctx, username, password);
  return actorFor(ctx, user);
}

export const TOKEN_PREFIX = 'soyte_pat_';

export async function fromApiToken(ctx: Ctx, token: string): Promise<Actor> {
  const repo = ctx.use(usersRepo);
  const row = token.startsWith(TOKEN_PREFIX) && token.length <= 200 ? await repo.findToken(sha256(token)) : undefined;
  const user = row ? await repo.findById(row.user_id) : undefined;
  if (!row || !user || user.disabled) throw new AppError('INVALID_CREDENTIALS');
  await repo.touchToken(row.id);
  return actorFor(ctx, user);
}
