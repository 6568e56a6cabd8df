// Thin fetch wrapper for the soyte JSON API, and the contracts' types under the names the pages use.
import i18n from './i18n';

// The API's answers are typed by the modules' contracts (shared with the server, which is compiled
// against them); only type imports, so no server code (nor zod) reaches the bundle.
import type { UnitKind } from '../../src/modules/orgunits/orgunits.contract.js';
import type { Me } from '../../src/modules/users/users.contract.js';

export type { Id, Page, Ref } from '../../src/core/fields.js';
export type { ApiToken, LoginResult, Me, NewApiToken, Role, User } from '../../src/modules/users/users.contract.js';
export type { OuDetails, OuEventType, OuLevel, OuLink, OuNode, OuSearchHit } from '../../src/modules/orgunits/orgunits.contract.js';
export type { UnitKind as OuKind } from '../../src/modules/orgunits/orgunits.contract.js';
export type { AuditItem as AuditEntry, AuditPage } from '../../src/modules/audit/audit.contract.js';

// Every kind, in the order forms offer them: a Record so the compiler flags a kind the contract adds.
const KIND_ORDER: Record<UnitKind, true> = { department: true, office: true, health_centre: true, station: true, hospital: true, cdc: true };
export const OU_KINDS = Object.keys(KIND_ORDER) as UnitKind[];

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

// The last answer of /api/me (or of the login), kept on this device so the logged-in app can start
// without a connection (offline data entry): the service worker's copy of /api/me exists only once a
// request has gone through it, which the first visit's never do.
const ME_STORAGE_KEY = 'soyte.me';

export function rememberMe(me: Me | null) {
  try {
    if (me) localStorage.setItem(ME_STORAGE_KEY, JSON.stringify(me));
    else localStorage.removeItem(ME_STORAGE_KEY);
  } catch {
    // storage full or disabled: offline start is then not possible, nothing else changes
  }
}

function lastMe(): Me | null {
  try {
    const s = localStorage.getItem(ME_STORAGE_KEY);
    return s ? (JSON.parse(s) as Me) : null;
  } catch {
    return null;
  }
}

/** The server could not be reached (no network, or a proxy / the server answering 5xx). */
export function isUnreachable(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status >= 500);
}

/** Whether a user was logged in on this device (the app can start without a connection). */
export function knownUser(): Me | null {
  return lastMe();
}

/** GET /api/me, resolving to null when not logged in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/me');
    setCsrfToken(me.csrfToken);
    rememberMe(me);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      rememberMe(null);
      return null;
    }
    // No connection (or a gateway / the server down: 5xx): the user who was logged in on this device
    // goes on working offline. Only a 401 says the session is gone.
    const known = isUnreachable(e) ? lastMe() : null;
    if (known) {
      setCsrfToken(known.csrfToken);
      return known;
    }
    throw e;
  }
}
