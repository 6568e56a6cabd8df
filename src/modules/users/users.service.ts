// User administration inside the actor's scope, the password policy and changes, personal API tokens,
// roles (the built-in ones as the modules declare them).
import { isGlobal, requireAccess, requireActorUser, requirePermission, scopeOf } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, notFound, validation } from '../../core/errors.js';
import { parse } from '../../core/input.js';
import { BUILTIN_ROLES, type BuiltinRole } from '../../core/modules.js';
import { usersSignal } from '../../core/versions.js';
import { currentOrLastDay } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import * as unitsRepo from '../orgunits/orgunits.repo.js';
import { sessionId, TOKEN_PREFIX } from './auth.service.js';
import { hashPassword, passwordProblem, randomToken, sha256, verifyPassword } from './passwords.js';
import {
  ChangePasswordInput,
  CreateTokenInput,
  CreateUserInput,
  ListUsersQuery,
  UpdateUserInput,
  type ApiToken,
  type Me,
  type NewApiToken,
  type Role,
  type User,
} from './users.contract.js';
import * as usersRepo from './users.repo.js';

/**
 * Administrative powers: only someone who holds one may grant a role containing it. Operational
 * permissions (reading, entering, approving data) may be granted by any user administrator in scope.
 */
export const ADMIN_PERMISSIONS: ReadonlySet<string> = new Set(['orgunit:write', 'user:write', 'audit:read', 'metadata:write', 'system:admin']);

/** Throws VALIDATION_FAILED on `field` when the password breaks the policy. */
function checkPasswordPolicy(ctx: Ctx, password: string, field: string, context: { username?: string; unitCode?: string }) {
  const problem = passwordProblem(password, ctx.config.passwordPolicy, context);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: { [field]: problem } }, { min: ctx.config.passwordPolicy.minLength });
}

/** Parses input; a weak `password` is reported together with the other fields' problems. */
function withPasswordProblem<T>(ctx: Ctx, input: unknown, parseInput: () => T): T {
  try {
    return parseInput();
  } catch (e) {
    const raw = input as { password?: unknown; username?: unknown } | null;
    if (e instanceof AppError && e.details?.fields && typeof raw?.password === 'string' && !e.details.fields.password) {
      const problem = passwordProblem(raw.password, ctx.config.passwordPolicy, { username: typeof raw.username === 'string' ? raw.username : undefined });
      if (problem) throw new AppError('VALIDATION_FAILED', undefined, { fields: { ...e.details.fields, password: problem } }, { min: ctx.config.passwordPolicy.minLength });
    }
    throw e;
  }
}

/** Roles the actor may grant: no administrative permission the actor lacks (no escalation). */
async function checkRoles(ctx: Ctx, roles: string[]) {
  const all = new Map((await ctx.use(usersRepo).allRoles()).map((r) => [r.code, r]));
  for (const code of roles) {
    const role = all.get(code);
    if (!role) throw validation({ roles: 'field.unknownRole' });
    if (role.permissions.some((p) => ADMIN_PERMISSIONS.has(p) && !ctx.actor.permissions.has(p))) throw new AppError('FORBIDDEN', 'user.roleTooHigh');
  }
}

async function checkUnit(ctx: Ctx, orgUnitId: string | null, roles: string[]) {
  if (orgUnitId === null) {
    if (!isGlobal(ctx.actor) || !roles.includes('system_admin')) throw validation({ orgUnitId: 'user.globalScope' }, 'user.globalScope');
    return null;
  }
  const unit = await ctx.use(unitsRepo).findUnit(orgUnitId);
  if (!unit) throw validation({ orgUnitId: 'field.invalid' });
  await requireAccess(ctx, { unit: unit.id, asOf: currentOrLastDay(unit.closed_date) }); // today's structure
  return unit;
}

/** A user is in scope when their unit is (global users only for global actors); changes use today's tree. */
async function requireUserInScope(ctx: Ctx, id: string, forChange = false) {
  const user = await ctx.use(usersRepo).findById(id);
  if (!user) throw notFound('user', id);
  if (user.org_unit_id === null) {
    if (!isGlobal(ctx.actor)) throw new AppError('OUT_OF_SCOPE');
  } else {
    const unit = forChange ? await ctx.use(unitsRepo).findUnit(user.org_unit_id) : undefined;
    await requireAccess(ctx, { unit: user.org_unit_id, asOf: unit ? currentOrLastDay(unit.closed_date) : undefined });
  }
  return user;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function publicUser(
  u: { id: string; username: string; display_name: string; email: string | null; locale: string; disabled: boolean; locked_until: Date | null; last_login_at: Date | null; created_at: Date },
  unit: { id: string; code: string; name: string } | null,
  roles: string[],
): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    locale: u.locale,
    orgUnit: unit,
    roles,
    disabled: u.disabled,
    lockedUntil: u.locked_until && u.locked_until > new Date() ? iso(u.locked_until) : null,
    lastLoginAt: iso(u.last_login_at),
    createdAt: iso(u.created_at)!,
  };
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  requirePermission(ctx, 'user:read');
  const user = await requireUserInScope(ctx, id);
  const unit = user.org_unit_id ? await ctx.use(unitsRepo).findUnit(user.org_unit_id) : undefined;
  const roles = (await ctx.use(usersRepo).rolesOf(user.id)).map((r) => r.code);
  return publicUser(user, unit ? { id: unit.id, code: unit.code, name: unit.name } : null, roles);
}

export async function listUsers(ctx: Ctx, input: unknown): Promise<{ total: number; items: User[] }> {
  requirePermission(ctx, 'user:read');
  const q = parse(ListUsersQuery, input);
  const { total, rows } = await ctx.use(usersRepo).listUsers({ ...q, scope: scopeOf(ctx) });
  return {
    total,
    items: rows.map((r) => publicUser(r, r.org_unit_id ? { id: r.org_unit_id, code: r.ou_code!, name: r.ou_name! } : null, r.roles)),
  };
}

export async function createUser(ctx: Ctx, input: unknown): Promise<User> {
  requirePermission(ctx, 'user:write');
  const data = withPasswordProblem(ctx, input, () => parse(CreateUserInput, input));
  await checkRoles(ctx, data.roles);
  const unit = await checkUnit(ctx, data.orgUnitId, data.roles);
  checkPasswordPolicy(ctx, data.password, 'password', { username: data.username, unitCode: unit?.code });
  if (await ctx.use(usersRepo).findByUsername(data.username)) throw conflict('user.usernameTaken', { fields: { username: 'user.usernameTaken' } });
  const id = uid();
  const passwordHash = await hashPassword(data.password);
  await ctx.transaction(async (tx) => {
    const repo = tx.use(usersRepo);
    await repo.insertUser({ id, username: data.username, displayName: data.displayName, email: data.email ?? null, passwordHash, orgUnitId: unit?.id ?? null, locale: data.locale });
    await repo.setRoles(id, [...new Set(data.roles)]);
    const { password: _pw, ...after } = data;
    await audit(tx, { action: 'user.create', entityType: 'user', entityId: id, entityCode: data.username, after: { ...after, orgUnitId: unit?.id ?? null } });
  });
  return getUser(ctx, id);
}

export async function updateUser(ctx: Ctx, id: string, input: unknown): Promise<User> {
  requirePermission(ctx, 'user:write');
  const data = parse(UpdateUserInput, input);
  const user = await requireUserInScope(ctx, id, true);
  const currentRoles = (await ctx.use(usersRepo).rolesOf(id)).map((r) => r.code);
  // An actor may only manage users whose current roles they could grant.
  await checkRoles(ctx, currentRoles);
  const roles = data.roles ? [...new Set(data.roles)] : currentRoles;
  if (data.roles) await checkRoles(ctx, roles);
  const unit =
    data.orgUnitId !== undefined || data.roles
      ? await checkUnit(ctx, data.orgUnitId !== undefined ? data.orgUnitId : user.org_unit_id, roles)
      : user.org_unit_id
        ? await ctx.use(unitsRepo).findUnit(user.org_unit_id)
        : null;
  if (id === ctx.actor.id && (data.disabled === true || (data.roles && ctx.actor.roles.some((r) => !roles.includes(r))))) {
    throw new AppError('CONFLICT', 'user.selfLockout');
  }
  if (data.password) checkPasswordPolicy(ctx, data.password, 'password', { username: user.username, unitCode: unit?.code });
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  await ctx.transaction(async (tx) => {
    const repo = tx.use(usersRepo);
    await repo.updateUser(id, {
      displayName: data.displayName ?? user.display_name,
      email: data.email !== undefined ? data.email : user.email,
      locale: data.locale ?? user.locale,
      orgUnitId: unit?.id ?? null,
      disabled: data.disabled ?? user.disabled,
      passwordHash,
    });
    if (data.roles) await repo.setRoles(id, roles);
    // A new password (set by an administrator) or a disabled account ends every session and token.
    if (passwordHash || data.disabled) {
      await repo.deleteSessionsOf(id);
      await repo.revokeAllTokens(id);
    }
    const before = { displayName: user.display_name, email: user.email, locale: user.locale, orgUnitId: user.org_unit_id, roles: currentRoles, disabled: user.disabled };
    const { password: pw, ...rest } = data;
    await audit(tx, {
      action: 'user.update', entityType: 'user', entityId: id, entityCode: user.username,
      before, after: { ...rest, ...(pw ? { password: '(changed)' } : {}) },
    });
  });
  usersSignal.bump();
  return getUser(ctx, id);
}

/**
 * POST /api/me/password: the user changes their own password with the current one. Every other
 * session and every API token of theirs ends; the session that made the change stays.
 */
export async function changeOwnPassword(ctx: Ctx, input: unknown, currentSessionToken?: string): Promise<{ revokedTokens: number }> {
  const userId = requireActorUser(ctx);
  const data = parse(ChangePasswordInput, input);
  const repo = ctx.use(usersRepo);
  const user = (await repo.findById(userId))!;
  if (!(await verifyPassword(data.currentPassword, user.password_hash))) {
    throw new AppError('VALIDATION_FAILED', 'password.wrongCurrent', { fields: { currentPassword: 'password.wrongCurrent' }, authFailure: true });
  }
  if (data.newPassword === data.currentPassword) throw new AppError('VALIDATION_FAILED', 'password.same', { fields: { newPassword: 'password.same' } });
  const unit = user.org_unit_id ? await ctx.use(unitsRepo).findUnit(user.org_unit_id) : undefined;
  checkPasswordPolicy(ctx, data.newPassword, 'newPassword', { username: user.username, unitCode: unit?.code });
  const passwordHash = await hashPassword(data.newPassword);
  const revokedTokens = await ctx.transaction(async (tx) => {
    const r = tx.use(usersRepo);
    await r.setPassword(userId, passwordHash);
    await r.deleteSessionsOf(userId, currentSessionToken ? sessionId(currentSessionToken) : undefined);
    const n = await r.revokeAllTokens(userId);
    await audit(tx, { action: 'user.passwordChanged', entityType: 'user', entityId: userId, entityCode: user.username, details: { revokedTokens: n } });
    return n;
  });
  usersSignal.bump();
  return { revokedTokens };
}

/** Sets a user's password from the command line (no policy for a generated one; a chosen one is checked). */
export async function resetPassword(ctx: Ctx, username: string, password: string, opts: { generated: boolean }): Promise<void> {
  const repo = ctx.use(usersRepo);
  const user = await repo.findByUsername(username);
  if (!user) throw notFound('user', username);
  if (!opts.generated) checkPasswordPolicy(ctx, password, 'password', { username: user.username });
  const passwordHash = await hashPassword(password);
  await ctx.transaction(async (tx) => {
    const r = tx.use(usersRepo);
    await r.setPassword(user.id, passwordHash);
    await r.deleteSessionsOf(user.id);
    await r.revokeAllTokens(user.id);
    await audit(tx, { action: 'user.passwordReset', entityType: 'user', entityId: user.id, entityCode: user.username });
  });
  usersSignal.bump();
}

export async function listRoles(ctx: Ctx): Promise<Role[]> {
  return (await ctx.use(usersRepo).allRoles()).map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, permissions: r.permissions }));
}

/** The built-in roles hold exactly the permissions the modules give them (at every start). */
export async function syncBuiltinRoles(ctx: Ctx, permissions: Record<BuiltinRole, string[]>): Promise<void> {
  await ctx.use(usersRepo).syncBuiltinRoles(
    (Object.keys(BUILTIN_ROLES) as BuiltinRole[]).map((code) => ({ code, ...BUILTIN_ROLES[code], permissions: permissions[code] })),
  );
  usersSignal.bump();
}

// ------------------------------------------------------------- personal API tokens

export async function createToken(ctx: Ctx, input: unknown): Promise<NewApiToken> {
  const userId = requireActorUser(ctx);
  const data = parse(CreateTokenInput, input);
  const expiresAt = data.expiresAt ? new Date(data.expiresAt) : null;
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= new Date())) throw validation({ expiresAt: 'field.invalid' });
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const id = uid();
  await ctx.use(usersRepo).insertToken({ id, userId, name: data.name, hash: sha256(token), expiresAt });
  await audit(ctx, { action: 'token.create', entityType: 'apiToken', entityId: id, entityCode: data.name, after: { name: data.name, expiresAt } });
  return { id, name: data.name, token, expiresAt: iso(expiresAt) };
}

export async function listTokens(ctx: Ctx): Promise<ApiToken[]> {
  const userId = requireActorUser(ctx);
  return (await ctx.use(usersRepo).tokensOf(userId)).map((t) => ({
    id: t.id, name: t.name, createdAt: iso(t.created_at)!, expiresAt: iso(t.expires_at), lastUsedAt: iso(t.last_used_at),
  }));
}

export async function revokeToken(ctx: Ctx, id: string): Promise<void> {
  const userId = requireActorUser(ctx);
  const r = await ctx.use(usersRepo).revokeToken(userId, id);
  if (!r.numUpdatedRows) throw notFound('token', id);
  await audit(ctx, { action: 'token.revoke', entityType: 'apiToken', entityId: id });
}

/** DHIS2-like description of the current user (GET /api/me). */
export async function me(ctx: Ctx): Promise<Me> {
  const userId = requireActorUser(ctx);
  const user = (await ctx.use(usersRepo).findById(userId))!;
  const unit = user.org_unit_id ? await ctx.use(unitsRepo).findUnit(user.org_unit_id) : undefined;
  const roles = await ctx.use(usersRepo).rolesOf(userId);
  return {
    id: user.id,
    username: user.username,
    name: user.display_name,
    displayName: user.display_name,
    email: user.email,
    locale: user.locale,
    organisationUnits: unit ? [{ id: unit.id, code: unit.code, name: unit.name }] : [],
    userRoles: roles.map((r) => ({ id: r.code, code: r.code, name: r.name })),
    authorities: [...ctx.actor.permissions].sort(),
  };
}

/** Creates the `admin` user if it does not exist. Returns the password when one was generated. */
export async function ensureAdmin(ctx: Ctx, given?: string): Promise<{ created: boolean; password?: string }> {
  if (await ctx.use(usersRepo).findByUsername('admin')) return { created: false };
  const pw = given ?? `${randomToken(9)}7a`;
  const passwordHash = await hashPassword(pw);
  await ctx.transaction(async (tx) => {
    const id = uid();
    const repo = tx.use(usersRepo);
    await repo.insertUser({ id, username: 'admin', displayName: 'Quản trị hệ thống', email: null, passwordHash, orgUnitId: null, locale: 'vi' });
    await repo.setRoles(id, ['system_admin']);
    await audit(tx, { action: 'user.create', entityType: 'user', entityId: id, entityCode: 'admin', after: { username: 'admin', roles: ['system_admin'] } });
  });
  return given ? { created: true } : { created: true, password: pw };
}
