// Thin fetch wrapper for the soyte JSON API plus the contract's types.
import i18n from './i18n';

/** Ids are passed back to the server exactly as received (number or string). */
export type Id = number | string;
export type Ref = { id: Id; code: string; name: string };

export interface Me {
  id: Id;
  username: string;
  name: string;
  displayName: string;
  email: string | null;
  locale: string | null;
  organisationUnits: Ref[];
  userRoles: Ref[];
  authorities: string[];
  csrfToken?: string;
}

export interface Role {
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
}

export type OuKind = 'department' | 'health_centre' | 'station' | 'hospital' | 'cdc';
export const OU_KINDS: OuKind[] = ['department', 'health_centre', 'station', 'hospital', 'cdc'];

export interface OuNode {
  id: Id;
  code: string;
  name: string;
  level: number;
  kind: OuKind;
  openingDate: string;
  closedDate: string | null;
  childCount: number;
}

export interface OuSearchHit {
  id: Id;
  code: string;
  name: string;
  level: number;
  kind: OuKind;
  parentName: string | null;
  openingDate: string;
  closedDate: string | null;
}

export type OuEventType = 'open' | 'close' | 'rename' | 'move' | 'merge' | 'split';
export interface OuLink {
  unit: Ref;
  kind: 'full' | 'partial';
  weight: number | null;
  date: string;
}

export interface OuDetails {
  id: Id;
  code: string;
  name: string;
  nameEn: string | null;
  shortName: string | null;
  kind: OuKind;
  adminCode: string | null;
  adminLevel: string | number | null;
  level: number;
  openingDate: string;
  closedDate: string | null;
  parent: Ref | null;
  ancestors: (Ref & { level: number })[];
  groups: { code: string; name: string; groupSet: { code: string; name: string } }[];
  versions: { validFrom: string; validTo: string | null; name: string; parent: Ref | null }[];
  events: {
    id: Id;
    type: OuEventType;
    date: string;
    reason: string | null;
    // Contract says "createdBy|null" without a shape: accept a name or a user object.
    createdBy: string | { id?: Id; username?: string; displayName?: string } | null;
    createdAt: string;
  }[];
  predecessors: OuLink[];
  successors: OuLink[];
}

export interface OuLevel {
  level: number;
  name: string;
  nameEn: string;
}

export interface User {
  id: Id;
  username: string;
  displayName: string;
  email: string | null;
  locale: string | null;
  orgUnit: Ref | null;
  roles: string[];
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ApiToken {
  id: Id;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface AuditEntry {
  id: Id;
  at: string;
  user: { id: Id; username: string } | null;
  action: string;
  entityType: string;
  entityId: Id;
  entityCode: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

/** An error response from the API (or a network failure, status 0). */
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Per-field validation messages from `details.fields`, if any. */
  get fields(): Record<string, string> {
    const d = this.details as { fields?: Record<string, string> } | null;
    return d && typeof d === 'object' && d.fields && typeof d.fields === 'object' ? d.fields : {};
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null | undefined) {
  csrfToken = token ?? null;
}

let onUnauthenticated: () => void = () => {};
/** Called when a request (other than login / me) answers 401: the session is gone. */
export function setUnauthenticatedHandler(fn: () => void) {
  onUnauthenticated = fn;
}

type Query = Record<string, string | number | boolean | null | undefined>;

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  opts: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.language === 'en' ? 'en' : 'vi',
  };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/me') onUnauthenticated();
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message || i18n.t('errors.http', { status: res.status }),
      err?.details ?? null,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};

/** GET /api/me, resolving to null when not logged in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}
