// SQL of users, roles, sessions and API tokens.
import { sql, type Kysely } from 'kysely';
import type { Scope } from '../../core/context.js';
import { inScope } from '../../core/scope.repo.js';
import type { DB } from '../../db/schema.js';
import { escapeLike } from '../../lib/text.js';

type Db = Kysely<DB>;

export function findByUsername(db: Db, username: string) {
  return db.selectFrom('app_user').selectAll().where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
}

export function findById(db: Db, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesOf(db: Db, userId: string) {
  return db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.code', 'ur.role_code')
    .select(['r.code', 'r.name', 'r.name_en', 'r.permissions'])
    .where('ur.user_id', '=', userId)
    .orderBy('r.code')
    .execute();
}

export function allRoles(db: Db) {
  return db.selectFrom('role').selectAll().orderBy('code').execute();
}

/** Built-in roles get exactly the permissions the modules declare (names too); other roles are left alone. */
export async function syncBuiltinRoles(db: Db, roles: { code: string; name: string; nameEn: string; permissions: string[] }[]) {
  for (const r of roles) {
    await db
      .insertInto('role')
      .values({ code: r.code, name: r.name, name_en: r.nameEn, permissions: r.permissions, builtin: true })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: r.name, name_en: r.nameEn, permissions: r.permissions, builtin: true }))
      .execute();
  }
}

export async function setRoles(db: Db, userId: string, roles: string[]) {
  await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
  if (roles.length) await db.insertInto('user_role').values(roles.map((r) => ({ user_id: userId, role_code: r }))).execute();
}

export async function insertUser(
  db: Db,
  u: { id: string; username: string; displayName: string; email: string | null; passwordHash: string; orgUnitId: string | null; locale: string },
) {
  await db
    .insertInto('app_user')
    .values({ id: u.id, username: u.username, display_name: u.displayName, email: u.email, password_hash: u.passwordHash, org_unit_id: u.orgUnitId, locale: u.locale })
    .execute();
}

export async function updateUser(
  db: Db,
  id: string,
  u: { displayName: string; email: string | null; locale: string; orgUnitId: string | null; disabled: boolean; passwordHash?: string },
) {
  await db
    .updateTable('app_user')
    .set({
      display_name: u.displayName,
      email: u.email,
      locale: u.locale,
      org_unit_id: u.orgUnitId,
      disabled: u.disabled,
      ...(u.passwordHash ? { password_hash: u.passwordHash, failed_logins: 0, locked_until: null } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function setPassword(db: Db, id: string, passwordHash: string) {
  await db.updateTable('app_user').set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function listUsers(db: Db, opts: { q?: string; scope: Scope; page: number; pageSize: number }) {
  let base = db.selectFrom('app_user as u').leftJoin('org_unit as o', 'o.id', 'u.org_unit_id');
  // Users without a unit (system administrators) are only listed for the whole system's scope.
  if (opts.scope.root !== null) base = base.where('u.org_unit_id', 'is not', null).where(inScope(opts.scope, 'u.org_unit_id'));
  if (opts.q) {
    const like = `%${escapeLike(opts.q)}%`;
    base = base.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like), eb('o.code', 'ilike', like)]));
  }
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.email', 'u.locale', 'u.disabled', 'u.locked_until', 'u.last_login_at',
      'u.created_at', 'u.org_unit_id', 'o.code as ou_code', 'o.name as ou_name',
      sql<string[]>`coalesce((select array_agg(role_code order by role_code) from user_role where user_id = u.id), '{}')`.as('roles'),
    ])
    .orderBy('u.username')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  return { total: Number(total), rows };
}

export async function recordFailure(db: Db, id: string, maxFailures: number, lockMinutes: number) {
  return db
    .updateTable('app_user')
    .set(() => ({
      failed_logins: sql`case when failed_logins + 1 >= ${maxFailures} then 0 else failed_logins + 1 end`,
      locked_until: sql`case when failed_logins + 1 >= ${maxFailures} then now() + make_interval(mins => ${lockMinutes}) else locked_until end`,
    }))
    .where('id', '=', id)
    .returning(['locked_until'])
    .executeTakeFirst();
}

export async function recordSuccess(db: Db, id: string) {
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null, last_login_at: new Date() }).where('id', '=', id).execute();
}

export function insertSession(db: Db, s: { id: string; userId: string; csrf: string; expiresAt: Date }) {
  return db.insertInto('user_session').values({ id: s.id, user_id: s.userId, csrf_token: s.csrf, expires_at: s.expiresAt }).execute();
}

/** A live session with its user and the user's roles (ordered by code), in one query. */
export async function sessionWithUser(db: Db, id: string) {
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

export function deleteSession(db: Db, id: string) {
  return db.deleteFrom('user_session').where('id', '=', id).execute();
}

/** Ends every session of a user, except `keep` (the session that made the change). */
export function deleteSessionsOf(db: Db, userId: string, keep?: string) {
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keep) q = q.where('id', '!=', keep);
  return q.execute();
}

export function findToken(db: Db, hash: string) {
  return db
    .selectFrom('api_token')
    .selectAll()
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .executeTakeFirst();
}

export function touchToken(db: Db, id: string) {
  return db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

export async function insertToken(db: Db, t: { id: string; userId: string; name: string; hash: string; expiresAt: Date | null }) {
  await db.insertInto('api_token').values({ id: t.id, user_id: t.userId, name: t.name, token_hash: t.hash, expires_at: t.expiresAt }).execute();
}

export function tokensOf(db: Db, userId: string) {
  return db.selectFrom('api_token').select(['id', 'name', 'created_at', 'expires_at', 'last_used_at'])
    .where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
}

export function revokeToken(db: Db, userId: string, id: string) {
  return db.updateTable('api_token').set({ revoked_at: new Date() })
    .where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
}

/** Revokes every live token of a user; returns how many. */
export async function revokeAllTokens(db: Db, userId: string): Promise<number> {
  const r = await db.updateTable('api_token').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
