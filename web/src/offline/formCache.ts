// A small read cache in IndexedDB: the last form definition + values, data-set lists … loaded with a
// connection, so the same screen opens without one.
import { clear, createStore, entries, get, set } from 'idb-keyval';
import { ApiError } from '../api';

const cacheStore = createStore('soyte-cache', 'responses');

export interface Cached<T> {
  data: T;
  /** When the copy was fetched from the server. */
  savedAt: string;
  /** True when the server could not be reached and this is the stored copy. */
  offline: boolean;
}

/** Fetches from the server and stores the answer; on a network failure returns the stored copy. */
export async function cachedFetch<T>(key: string, fetcher: () => Promise<T>): Promise<Cached<T>> {
  try {
    const data = await fetcher();
    const savedAt = new Date().toISOString();
    await set(key, { data, savedAt }, cacheStore).catch(() => {});
    return { data, savedAt, offline: false };
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) {
      const hit = await get<{ data: T; savedAt: string }>(key, cacheStore).catch(() => undefined);
      if (hit) return { data: hit.data, savedAt: hit.savedAt, offline: true };
    }
    throw e;
  }
}

/** Updates a stored copy in place (e.g. a value saved after the form was loaded). */
export async function patchCached<T>(key: string, fn: (data: T) => T): Promise<void> {
  const hit = await get<{ data: T; savedAt: string }>(key, cacheStore).catch(() => undefined);
  if (!hit) return;
  await set(key, { ...hit, data: fn(hit.data) }, cacheStore).catch(() => {});
}

/** Stores the user's own identity for scoping (cache keys must not leak between users on one browser). */
export function userKey(username: string, ...parts: (string | number)[]): string {
  return [username, ...parts].join('|');
}

/** A form kept on this device (see `cachedFetch` with a `userKey(user, 'form', ds, ou, pe)` key). */
export interface StoredForm {
  username: string;
  dataSet: string;
  orgUnit: string;
  period: string;
  dataSetName: string | null;
  unitName: string | null;
  savedAt: string;
}

/** The forms stored on this device, newest first (the offline start page links to them). */
export async function storedForms(): Promise<StoredForm[]> {
  const all = await entries<string, { data: unknown; savedAt: string }>(cacheStore).catch(() => []);
  const out: StoredForm[] = [];
  for (const [key, hit] of all) {
    const parts = String(key).split('|');
    if (parts.length !== 5 || parts[1] !== 'form') continue;
    const form = hit?.data as { dataSet?: { code?: string; name?: string }; orgUnit?: { name?: string } } | undefined;
    out.push({
      username: parts[0]!,
      dataSet: form?.dataSet?.code ?? parts[2]!,
      orgUnit: parts[3]!,
      period: parts[4]!,
      dataSetName: form?.dataSet?.name ?? null,
      unitName: form?.orgUnit?.name ?? null,
      savedAt: hit.savedAt,
    });
  }
  return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/**
 * On logout: forget cached forms and the service worker's copy of the session, so the next person on
 * this browser sees nothing of the previous user's data. Queued values (the outbox) are kept: they
 * are sent when their author logs in again.
 */
export async function clearCachedResponses(): Promise<void> {
  await clear(cacheStore).catch(() => {});
  if ('caches' in window) await caches.delete('soyte-session').catch(() => false);
}
