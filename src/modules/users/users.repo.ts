import { sql, type Kysely } from 'kysely';
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

export async function setRoles(db: Db, userId: string, roles: string[]) {
  await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
  if (roles.length) await db.insertInto('user_role').values(roles.map((r) => ({ user_id: userId, role_code: r }))).execute();
}

export async function listUsers(db: Db, opts: { q?: string; scopeRoot: string | null; page: number; pageSize: number }) {
  let base = db.selectFrom('app_user as u').leftJoin('org_unit as o', 'o.id', 'u.org_unit_id');
  if (opts.scopeRoot !== null) {
    const root = opts.scopeRoot;
    base = base.where((eb) =>
      eb.exists(
        eb.selectFrom('org_unit_closure as c').select('c.descendant_id')
          .whereRef('c.descendant_id', '=', 'u.org_unit_id').where('c.ancestor_id', '=', root),
      ),
    );
  }
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
    .set((eb) => ({
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

export function findSession(db: Db, id: string) {
  return db.selectFrom('user_session').selectAll().where('id', '=', id).where('expires_at', '>', new Date()).executeTakeFirst();
}

export function deleteSession(db: Db, id: string) {
  return db.deleteFrom('user_session').where('id', '=', id).execute();
}

export function deleteSessionsOf(db: Db, userId: string) {
  return db.deleteFrom('user_session').where('user_id', '=', userId).execute();
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

export function tokensOf(db: Db, userId: string) {
  return db.selectFrom('api_token').select(['id', 'name', 'created_at', 'expires_at', 'last_used_at'])
    .where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
}

export function revokeToken(db: Db, userId: string, id: string) {
  return db.updateTable('api_token').set({ revoked_at: new Date() })
    .where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
}
