// The users module's contract: what its API takes (zod schemas, used by the server to validate) and
// what it answers (types, imported by the web app). Pure: no server code.
import { z } from 'zod';
import { paging, type Ref } from '../../core/fields.js';

export const LoginInput = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

const username = z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9._@-]+$/, 'field.invalid');
/** The password's strength is checked by the service (policy, username, unit): here only its size. */
const password = z.string().min(1).max(200);
const email = z.string().trim().email().max(200);

export const CreateUserInput = z.object({
  username,
  displayName: z.string().trim().min(1).max(200),
  password,
  email: email.optional().or(z.literal('').transform(() => undefined)),
  locale: z.enum(['vi', 'en']).default('vi'),
  orgUnitId: z.string().min(1).max(100).nullable(),
  roles: z.array(z.string().min(1).max(64)).min(1).max(10),
});

export const UpdateUserInput = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  email: email.nullable().optional().or(z.literal('').transform(() => null)),
  locale: z.enum(['vi', 'en']).optional(),
  orgUnitId: z.string().min(1).max(100).nullable().optional(),
  roles: z.array(z.string().min(1).max(64)).min(1).max(10).optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: password,
});

export const ListUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  ...paging(50, 500),
});

export const CreateTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  expiresAt: z.string().datetime({ offset: true }).or(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).optional(),
});

export type CreateUserInput = z.input<typeof CreateUserInput>;
export type UpdateUserInput = z.input<typeof UpdateUserInput>;

/** GET /api/me: the current user, DHIS2-like. */
export interface Me {
  id: string;
  username: string;
  name: string;
  displayName: string;
  email: string | null;
  locale: string;
  organisationUnits: Ref[];
  userRoles: Ref[];
  authorities: string[];
  csrfToken?: string | null;
}

export interface LoginResult {
  user: Me;
  csrfToken: string;
}

export interface Role {
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: string;
  orgUnit: Ref | null;
  roles: string[];
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** POST /api/me/tokens: the token itself is shown once. */
export interface NewApiToken {
  id: string;
  name: string;
  token: string;
  expiresAt: string | null;
}
