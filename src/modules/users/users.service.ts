// User administration inside the actor's scope, personal API tokens, roles.
import { z } from 'zod';
import { AppError, conflict, notFound, validation } from '../../lib/errors.js';
import { currentOrLastDay } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { parse } from '../../lib/validate.js';
import { insertAudit } from '../audit/audit.service.js';
import { findUnit } from '../orgunits/orgunits.repo.js';
import { ADMIN_PERMISSIONS, isGlobal, requireActorUser, requirePermission, requireUnitInScope, type Ctx } from './access.js';
import { invalidateSessions, TOKEN_PREFIX } from './auth.service.js';
import { hashPassword, randomToken, sha256, strongEnough } from './passwords.js';
import * as repo from './users.repo.js';

const password = z.string().refine(strongEnough, 'field.passwordWeak');
const username = z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9._@-]+$/, 'field.invalid');

const createSchema = z.object({
  username,
  displayName: z.string().trim().min(1).max(200),
  password,
  email: z.string().trim().email().max(200).optional().or(z.literal('').transform(() => undefined)),
  locale: z.enum(['vi', 'en']).default('vi'),
  orgUnitId: z.string().min(1).nullable(),
  roles: z.array(z.string().min(1)).min(1).max(10),
});

const updateSchema = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.string().trim().email().max(200).nullable().optional().or(z.literal('').transform(() => null)),
  locale: z.enum(['vi', 'en']).optional(),
  orgUnitId: z.string().min(1).nullable().optional(),
  roles: z.array(z.string().min(1)).min(1).max(10).optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});

/** Roles the actor may grant: no administrative permission the actor lacks (no escalation). */
async function checkRoles(ctx: Ctx, roles: string[]) {
  const all = new Map((await repo.allRoles(ctx.db)).map((r) => [r.code, r]));
  for (const code of roles) {
    const role = all.get(code);
    if (!role) throw validation({ roles: 'field.unknownRole' });
    if (role.permissions.some((p) => ADMIN_PERMISSIONS.has(p) && !ctx.actor.permissions.has(p))) throw new AppError('FORBIDDEN', 'user.roleTooHigh');
  }
}

async function checkUnit(ctx: Ctx, orgUnitId: string | null, roles: string[]): Promise<string | null> {
  if (orgUnitId === null) {
    if (!isGlobal(ctx.actor) || !roles.includes('system_admin')) throw validation({ orgUnitId: 'user.globalScope' }, 'user.globalScope');
    return null;
  }
  const unit = await findUnit(ctx.db, orgUnitId);
  if (!unit) throw validation({ orgUnitId: 'field.invalid' });
  await requireUnitInScope(ctx, unit.id, currentOrLastDay(unit.closed_date)); // today's structure
  return unit.id;
}

/** A user is in scope when their unit is (global users only for global actors); changes use today's tree. */
async function requireUserInScope(ctx: Ctx, id: string, forChange = false) {
  const user = await repo.findById(ctx.db, id);
  if (!user) throw notFound('user', id);
  if (user.org_unit_id === null) {
    if (!isGlobal(ctx.actor)) throw new AppError('OUT_OF_SCOPE');
  } else {
    const unit = forChange ? await findUnit(ctx.db, user.org_unit_id) : undefined;
    await requireUnitInScope(ctx, user.org_unit_id, unit ? currentOrLastDay(unit.closed_date) : undefined);
  }
  return user;
}

function publicUser(u: { id: string; username: string; display_name: string; email: string | null; locale: string; disabled: boolean; locked_until: Date | null; last_login_at: Date | null; created_at: Date }, unit: { id: string; code: string; name: string } | null, roles: string[]) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    locale: u.locale,
    orgUnit: unit,
    roles,
    disabled: u.disabled,
    lockedUntil: u.locked_until && u.locked_until > new Date() ? u.locked_until : null,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
  };
}

export async function getUser(ctx: Ctx, id: string) {
  requirePermission(ctx, 'user:read');
  const user = await requireUserInScope(ctx, id);
  const unit = user.org_unit_id ? await findUnit(ctx.db, user.org_unit_id) : undefined;
  const roles = (await repo.rolesOf(ctx.db, user.id)).map((r) => r.code);
  return publicUser(user, unit ? { id: unit.id, code: unit.code, name: unit.name } : null, roles);
}

const listSchema = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export async function listUsers(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'user:read');
  const q = parse(listSchema, input);
  const { total, rows } = await repo.listUsers(ctx.db, { ...q, scopeRoot: ctx.actor.orgUnitId });
  return {
    total,
    items: rows.map((r) => publicUser(r, r.org_unit_id ? { id: r.org_unit_id, code: r.ou_code!, name: r.ou_name! } : null, r.roles)),
  };
}

export async function createUser(ctx: Ctx, input: unknown) {
  requirePermission(ctx, 'user:write');
  const data = parse(createSchema, input);
  await checkRoles(ctx, data.roles);
  const orgUnitId = await checkUnit(ctx, data.orgUnitId, data.roles);
  if (await repo.findByUsername(ctx.db, data.username)) throw conflict('user.usernameTaken', { fields: { username: 'user.usernameTaken' } });
  const id = uid();
  const passwordHash = await hashPassword(data.password);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('app_user').values({
      id, username: data.username, display_name: data.displayName, email: data.email ?? null,
      password_hash: passwordHash, org_unit_id: orgUnitId, locale: data.locale,
    }).execute();
    await repo.setRoles(tx, id, [...new Set(data.roles)]);
    const { password: _pw, ...after } = data;
    await insertAudit(tx, ctx.actor, { action: 'user.create', entityType: 'user', entityId: id, entityCode: data.username, after: { ...after, orgUnitId } });
  });
  return getUser(ctx, id);
}

export async function updateUser(ctx: Ctx, id: string, input: unknown) {
  requirePermission(ctx, 'user:write');
  const data = parse(updateSchema, input);
  const user = await requireUserInScope(ctx, id, true);
  const currentRoles = (await repo.rolesOf(ctx.db, id)).map((r) => r.code);
  // An actor may only manage users whose current roles they could grant.
  await checkRoles(ctx, currentRoles);
  const roles = data.roles ? [...new Set(data.roles)] : currentRoles;
  if (data.roles) await checkRoles(ctx, roles);
  const orgUnitId = data.orgUnitId !== undefined || data.roles ? await checkUnit(ctx, data.orgUnitId !== undefined ? data.orgUnitId : user.org_unit_id, roles) : user.org_unit_id;
  if (id === ctx.actor.id && (data.disabled === true || (data.roles && ctx.actor.roles.some((r) => !roles.includes(r))))) {
    throw new AppError('CONFLICT', 'user.selfLockout');
  }
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('app_user').set({
      display_name: data.displayName ?? user.display_name,
      email: data.email !== undefined ? data.email : user.email,
      locale: data.locale ?? user.locale,
      org_unit_id: orgUnitId,
      disabled: data.disabled ?? user.disabled,
      ...(passwordHash ? { password_hash: passwordHash, failed_logins: 0, locked_until: null } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).execute();
    if (data.roles) await repo.setRoles(tx, id, roles);
    if (passwordHash || data.disabled) await repo.deleteSessionsOf(tx, id);
    const before = { displayName: user.display_name, email: user.email, locale: user.locale, orgUnitId: user.org_unit_id, roles: currentRoles, disabled: user.disabled };
    const { password: pw, ...rest } = data;
    await insertAudit(tx, ctx.actor, {
      action: 'user.update', entityType: 'user', entityId: id, entityCode: user.username,
      before, after: { ...rest, ...(pw ? { password: '(changed)' } : {}) },
    });
  });
  invalidateSessions();
  return getUser(ctx, id);
}

export async function listRoles(ctx: Ctx) {
  return (await repo.allRoles(ctx.db)).map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, permissions: r.permissions }));
}

// ------------------------------------------------------------- personal API tokens

const tokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  expiresAt: z.string().datetime({ offset: true }).or(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).optional(),
});

export async function createToken(ctx: Ctx, input: unknown) {
  const userId = requireActorUser(ctx);
  const data = parse(tokenSchema, input);
  const expiresAt = data.expiresAt ? new Date(data.expiresAt) : null;
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= new Date())) throw validation({ expiresAt: 'field.invalid' });
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const id = uid();
  await ctx.db.insertInto('api_token').values({ id, user_id: userId, name: data.name, token_hash: sha256(token), expires_at: expiresAt }).execute();
  await insertAudit(ctx.db, ctx.actor, { action: 'token.create', entityType: 'apiToken', entityId: id, entityCode: data.name, after: { name: data.name, expiresAt } });
  return { id, name: data.name, token, expiresAt };
}

export async function listTokens(ctx: Ctx) {
  const userId = requireActorUser(ctx);
  return (await repo.tokensOf(ctx.db, userId)).map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, expiresAt: t.expires_at, lastUsedAt: t.last_used_at }));
}

export async function revokeToken(ctx: Ctx, id: string) {
  const userId = requireActorUser(ctx);
  const r = await repo.revokeToken(ctx.db, userId, id);
  if (!r.numUpdatedRows) throw notFound('token', id);
  await insertAudit(ctx.db, ctx.actor, { action: 'token.revoke', entityType: 'apiToken', entityId: id });
}

/** DHIS2-like description of the current user (GET /api/me). */
export async function me(ctx: Ctx) {
  const userId = requireActorUser(ctx);
  const user = (await repo.findById(ctx.db, userId))!;
  const unit = user.org_unit_id ? await findUnit(ctx.db, user.org_unit_id) : undefined;
  const roles = await repo.rolesOf(ctx.db, userId);
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
  if (await repo.findByUsername(ctx.db, 'admin')) return { created: false };
  const pw = given ?? `${randomToken(9)}7a`;
  await ctx.db.transaction().execute(async (tx) => {
    const id = uid();
    await tx.insertInto('app_user').values({ id, username: 'admin', display_name: 'Quản trị hệ thống', password_hash: await hashPassword(pw), org_unit_id: null }).execute();
    await repo.setRoles(tx, id, ['system_admin']);
    await insertAudit(tx, ctx.actor, { action: 'user.create', entityType: 'user', entityId: id, entityCode: 'admin', after: { username: 'admin', roles: ['system_admin'] } });
  });
  return given ? { created: true } : { created: true, password: pw };
}
