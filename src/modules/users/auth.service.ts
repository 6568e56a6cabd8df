// Authentication: password login (session cookie + CSRF token), HTTP Basic, personal API tokens,
// with lockout after repeated failures. Produces the Actor every other service checks.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { insertAudit } from '../audit/audit.service.js';
import type { Actor } from './access.js';
import { DUMMY_HASH, randomToken, sha256, verifyPassword } from './passwords.js';
import * as repo from './users.repo.js';

export interface AuthSettings {
  sessionHours: number;
  loginMaxFailures: number;
  lockoutMinutes: number;
}

export async function actorFor(db: Kysely<DB>, user: { id: string; username: string; org_unit_id: string | null }): Promise<Actor> {
  const roles = await repo.rolesOf(db, user.id);
  return {
    id: user.id,
    username: user.username,
    orgUnitId: user.org_unit_id,
    roles: roles.map((r) => r.code),
    permissions: new Set(roles.flatMap((r) => r.permissions)),
  };
}

/** Checks a username and password, counting failures and locking the account after too many. */
export async function checkPassword(db: Kysely<DB>, s: AuthSettings, username: string, password: string) {
  const user = await repo.findByUsername(db, username);
  if (!user || user.disabled) {
    await verifyPassword(password, DUMMY_HASH); // same work either way
    throw new AppError('INVALID_CREDENTIALS');
  }
  const minutesLeft = (until: Date | null) => (until ? Math.ceil((until.getTime() - Date.now()) / 60_000) : 0);
  if (user.locked_until && user.locked_until > new Date()) {
    throw new AppError('ACCOUNT_LOCKED', undefined, undefined, { minutes: minutesLeft(user.locked_until) });
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    const r = await repo.recordFailure(db, user.id, s.loginMaxFailures, s.lockoutMinutes);
    const lockedNow = r?.locked_until && r.locked_until > new Date();
    await insertAudit(db, { id: user.id, username: user.username }, {
      action: lockedNow ? 'auth.locked' : 'auth.loginFailed', entityType: 'user', entityId: user.id, entityCode: user.username,
    });
    if (lockedNow) throw new AppError('ACCOUNT_LOCKED', undefined, undefined, { minutes: minutesLeft(r!.locked_until) });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.failed_logins > 0 || user.locked_until) await repo.recordSuccess(db, user.id);
  return user;
}

export async function login(db: Kysely<DB>, s: AuthSettings, input: { username?: unknown; password?: unknown }) {
  if (typeof input.username !== 'string' || typeof input.password !== 'string' || !input.username || !input.password) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      fields: {
        ...(typeof input.username === 'string' && input.username ? {} : { username: 'field.required' }),
        ...(typeof input.password === 'string' && input.password ? {} : { password: 'field.required' }),
      },
    });
  }
  const user = await checkPassword(db, s, input.username, input.password);
  await repo.recordSuccess(db, user.id);
  const token = randomToken();
  const csrfToken = randomToken(24);
  await repo.insertSession(db, { id: sha256(token), userId: user.id, csrf: csrfToken, expiresAt: new Date(Date.now() + s.sessionHours * 3600_000) });
  await insertAudit(db, { id: user.id, username: user.username }, { action: 'auth.login', entityType: 'user', entityId: user.id, entityCode: user.username });
  return { token, csrfToken, actor: await actorFor(db, user) };
}

export async function logout(db: Kysely<DB>, sessionToken: string) {
  const id = sha256(sessionToken);
  await repo.deleteSession(db, id);
  sessionCache.get(db)?.delete(id);
  invalidateSessions(); // also drops a lookup of this session still in flight
}

// Session → actor cache: every request of a logged-in user authenticates by its session cookie, so
// the session, user and roles are cached for a few seconds. Logout drops the entry; any change to a
// user (roles, unit, password, disabling) in this process calls invalidateSessions(). Changes made by
// another process are seen after at most SESSION_CACHE_MS.
const SESSION_CACHE_MS = 5_000;
interface CachedSession {
  actor: Actor;
  csrfToken: string;
  expiresAt: number;
  at: number;
  gen: number;
}
const sessionCache = new WeakMap<object, Map<string, CachedSession>>();
let sessionGen = 0;

/** Forgets every cached session (call after changing a user's roles, unit, password or status). */
export function invalidateSessions(): void {
  sessionGen++;
}

/** A live session with its user and the user's roles (ordered by code), in one query. */
async function findSessionUser(db: Kysely<DB>, id: string) {
  const r = await sql<{
    csrf_token: string;
    expires_at: Date;
    user_id: string;
    username: string;
    org_unit_id: string | null;
    disabled: boolean;
    roles: { code: string; permissions: string[] }[];
  }>`
    select s.csrf_token, s.expires_at, u.id as user_id, u.username, u.org_unit_id, u.disabled,
      coalesce((
        select json_agg(json_build_object('code', r.code, 'permissions', r.permissions) order by r.code)
        from user_role ur join role r on r.code = ur.role_code where ur.user_id = u.id
      ), '[]'::json) as roles
    from user_session s join app_user u on u.id = s.user_id
    where s.id = ${id} and s.expires_at > now()`.execute(db);
  return r.rows[0];
}

/** Session cookie → actor and the session's CSRF token; undefined when expired or unknown. */
export async function fromSession(db: Kysely<DB>, sessionToken: string) {
  const id = sha256(sessionToken);
  let cache = sessionCache.get(db);
  if (!cache) sessionCache.set(db, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(id);
  if (hit && hit.gen === sessionGen && now - hit.at < SESSION_CACHE_MS && now < hit.expiresAt) {
    return { actor: hit.actor, csrfToken: hit.csrfToken };
  }
  if (hit) cache.delete(id);
  const gen = sessionGen;
  const row = await findSessionUser(db, id);
  if (!row || row.disabled) return undefined;
  const actor: Actor = {
    id: row.user_id,
    username: row.username,
    orgUnitId: row.org_unit_id,
    roles: row.roles.map((r) => r.code),
    permissions: new Set(row.roles.flatMap((r) => r.permissions)),
  };
  if (gen === sessionGen) {
    if (cache.size >= 10_000) cache.clear();
    cache.set(id, { actor, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at).getTime(), at: now, gen });
  }
  return { actor, csrfToken: row.csrf_token };
}

export async function fromBasic(db: Kysely<DB>, s: AuthSettings, header: string): Promise<Actor> {
  const decoded = Buffer.from(header, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 1) throw new AppError('INVALID_CREDENTIALS');
  const user = await checkPassword(db, s, decoded.slice(0, i), decoded.slice(i + 1));
  return actorFor(db, user);
}

export const TOKEN_PREFIX = 'soyte_pat_';

export async function fromApiToken(db: Kysely<DB>, token: string): Promise<Actor> {
  const row = token.startsWith(TOKEN_PREFIX) ? await repo.findToken(db, sha256(token)) : undefined;
  const user = row ? await repo.findById(db, row.user_id) : undefined;
  if (!row || !user || user.disabled) throw new AppError('INVALID_CREDENTIALS');
  await repo.touchToken(db, row.id);
  return actorFor(db, user);
}
