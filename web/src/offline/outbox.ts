// The outbox: every value typed into a form is written to IndexedDB BEFORE it is sent, and removed only
// once the server has taken it (or refused it for a reason other than the connection). Whatever is
// left is retried when the browser comes back online, periodically, and when the app starts.
import { createStore, del, get, set, values as idbValues } from 'idb-keyval';
import { ApiError, fetchMe, request, type Id } from '../api';
import type { SavedValue, ValueInput } from '../../../src/modules/datavalues/datavalues.contract.js';

/** What the entry form sends (the contract's input): the cell's text, its option combo always named. */
export type PutValueBody = ValueInput & { value: string | null; categoryOptionCombo: string };

export interface OutboxItem {
  /** One item per cell: orgUnit|period|dataElement|categoryOptionCombo. A newer edit replaces an older one. */
  key: string;
  /** Increases with every edit; an item is removed after a send only if it was not replaced meanwhile. */
  seq: number;
  body: PutValueBody;
  queuedAt: string;
  attempts: number;
  lastError?: string | null;
  /** Human description for messages: "Số trẻ sinh — Nam · Trạm Y tế … · 05/2024". */
  label?: string;
  /** The user who typed the value (an item is only sent in that user's session). */
  username?: string;
}

/** Something the user must be told about after a background send. */
export interface OutboxNotice {
  id: string;
  kind: 'conflict' | 'rejected';
  at: string;
  label?: string;
  body: PutValueBody;
  /** conflict: the value that was overwritten; rejected: the server's message. */
  conflict?: SavedValue['conflict'];
  message?: string;
}

export type SendOutcome =
  | { status: 'saved'; result: SavedValue }
  | { status: 'queued'; message: string }
  | { status: 'error'; error: ApiError };

export type OutboxEvent =
  | { type: 'changed' }
  | { type: 'sent'; item: OutboxItem; result: SavedValue }
  | { type: 'rejected'; item: OutboxItem; error: ApiError };

const outboxStore = createStore('soyte-outbox', 'items');
const noticeStore = createStore('soyte-notices', 'items');

const listeners = new Set<(e: OutboxEvent) => void>();
export function subscribeOutbox(fn: (e: OutboxEvent) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
function emit(e: OutboxEvent) {
  for (const l of listeners) {
    try {
      l(e);
    } catch {
      /* a listener's failure must not stop the sync */
    }
  }
}

export function cellKey(orgUnit: Id, period: string, dataElement: Id, coc: Id): string {
  return `${orgUnit}|${period}|${dataElement}|${coc}`;
}

let lastSeq = 0;
function nextSeq(): number {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return lastSeq;
}

let currentUser: string | null = null;
/** The logged-in user: items typed by someone else on this browser wait for that person. */
export function setOutboxUser(username: string | null) {
  currentUser = username;
}

/** Keys being sent right now (by a cell save or by a flush): never send the same cell twice at once. */
const inFlight = new Set<string>();

export async function listOutbox(): Promise<OutboxItem[]> {
  const all = await idbValues<OutboxItem>(outboxStore);
  return all.sort((a, b) => a.seq - b.seq);
}

/** Items of one form (unit + period). */
export async function outboxFor(orgUnit: Id, period: string): Promise<OutboxItem[]> {
  const prefix = `${orgUnit}|${period}|`;
  return (await listOutbox()).filter((i) => i.key.startsWith(prefix));
}

/** Records a failed attempt on the item, unless a newer edit of the cell replaced it meanwhile. */
async function markFailed(item: OutboxItem, e: unknown) {
  const cur = await get<OutboxItem>(item.key, outboxStore);
  if (!cur || cur.seq !== item.seq) return;
  await set(item.key, { ...item, attempts: item.attempts + 1, body: { ...item.body, source: 'offline' }, lastError: (e as Error).message }, outboxStore);
}

async function removeIfSame(key: string, seq: number) {
  const cur = await get<OutboxItem>(key, outboxStore);
  if (cur && cur.seq === seq) await del(key, outboxStore);
}

function isNetwork(e: unknown): boolean {
  return e instanceof ApiError && e.status === 0;
}
/** Errors after which the same request may well succeed later: keep the item. */
function isTransient(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true;
  return e.status === 0 || e.status === 401 || e.code === 'CSRF_FAILED' || e.status === 408 || e.status === 429 || e.status >= 500;
}

async function send(item: OutboxItem): Promise<SavedValue> {
  return request<SavedValue>('PUT', '/api/dataEntry/value', { body: item.body });
}

async function addNotice(n: Omit<OutboxNotice, 'id' | 'at'>) {
  const notice: OutboxNotice = { ...n, id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, at: new Date().toISOString() };
  await set(notice.id, notice, noticeStore);
  emit({ type: 'changed' });
}

function isOwnConflict(result: SavedValue): boolean {
  return !result.conflict || (!!currentUser && result.conflict.storedBy === currentUser);
}

/**
 * Saves one cell: stores it in the outbox first, then tries to send it at once.
 * A network failure leaves it queued ("đã lưu trên máy, chờ gửi"); a refusal removes it.
 */
export async function saveValue(body: PutValueBody, label?: string): Promise<SendOutcome> {
  const key = cellKey(body.orgUnit, body.period, body.dataElement, body.categoryOptionCombo);
  const item: OutboxItem = {
    key,
    seq: nextSeq(),
    body: { ...body, source: 'form' },
    queuedAt: new Date().toISOString(),
    attempts: 0,
    label,
    username: currentUser ?? undefined,
  };
  await set(key, item, outboxStore);
  emit({ type: 'changed' });
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return { status: 'queued', message: 'offline' };
  inFlight.add(key);
  try {
    const result = await send(item);
    await removeIfSame(key, item.seq);
    if (!isOwnConflict(result)) await addNotice({ kind: 'conflict', label, body: item.body, conflict: result.conflict });
    emit({ type: 'changed' });
    return { status: 'saved', result };
  } catch (e) {
    if (isTransient(e)) {
      await markFailed(item, e).catch(() => {});
      return { status: 'queued', message: (e as Error).message };
    }
    await removeIfSame(key, item.seq);
    emit({ type: 'changed' });
    return { status: 'error', error: e as ApiError };
  } finally {
    inFlight.delete(key);
  }
}

/** Drops a queued value (the user chose to revert the cell). */
export async function discard(key: string) {
  await del(key, outboxStore);
  emit({ type: 'changed' });
}

let flushing: Promise<number> | null = null;

/** Sends what is queued, oldest first; stops at the first network failure. Returns how many were sent. */
export function flushOutbox(): Promise<number> {
  if (flushing) return flushing;
  flushing = (async () => {
    let sent = 0;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return 0;
    const queue = await listOutbox();
    if (!queue.length) return 0;
    if (!currentUser) {
      // App start: learn who is logged in (this also sets the CSRF token); nobody → wait.
      const me = await fetchMe().catch(() => null);
      currentUser = me?.username ?? null;
    }
    for (const queued of queue) {
      if (inFlight.has(queued.key)) continue;
      if (queued.username && currentUser && queued.username !== currentUser) continue;
      if (!currentUser) break; // not logged in (yet): wait
      const item: OutboxItem = { ...queued, body: { ...queued.body, source: 'offline' } };
      inFlight.add(item.key);
      try {
        const result = await send(item);
        await removeIfSame(item.key, item.seq);
        if (!isOwnConflict(result)) await addNotice({ kind: 'conflict', label: item.label, body: item.body, conflict: result.conflict });
        sent++;
        emit({ type: 'sent', item, result });
      } catch (e) {
        if (isNetwork(e) || (e instanceof ApiError && (e.status === 401 || e.code === 'CSRF_FAILED'))) {
          await markFailed(item, e).catch(() => {});
          break;
        }
        if (isTransient(e)) {
          await markFailed(item, e).catch(() => {});
          continue;
        }
        await removeIfSame(item.key, item.seq);
        await addNotice({ kind: 'rejected', label: item.label, body: item.body, message: (e as Error).message });
        emit({ type: 'rejected', item, error: e as ApiError });
      } finally {
        inFlight.delete(item.key);
      }
    }
    emit({ type: 'changed' });
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

export async function listNotices(): Promise<OutboxNotice[]> {
  const all = await idbValues<OutboxNotice>(noticeStore);
  return all.sort((a, b) => a.at.localeCompare(b.at));
}

export async function dismissNotice(id: string) {
  await del(id, noticeStore);
  emit({ type: 'changed' });
}

let started = false;
/** Pending quick retries after the connection came back. */
let quickRetry: number | null = null;

/**
 * Retries the outbox when the connection returns, every 30 s, and shortly after the app starts.
 * The browser's `online` event often comes a moment before requests get through (a phone joining a
 * network): then it tries again after 1, 2, 4 and 8 seconds rather than waiting for the next round.
 */
export function startOfflineSync() {
  if (started || typeof window === 'undefined') return;
  started = true;
  const kick = () => {
    void flushOutbox().catch(() => {});
  };
  const reconnected = () => {
    if (quickRetry !== null) window.clearTimeout(quickRetry);
    let delay = 1_000;
    const attempt = () => {
      quickRetry = null;
      void flushOutbox()
        .catch(() => 0)
        .then(async () => {
          const left = (await listOutbox().catch(() => [])).filter((i) => !i.username || !currentUser || i.username === currentUser);
          if (left.length && delay <= 8_000 && navigator.onLine !== false) {
            quickRetry = window.setTimeout(attempt, delay);
            delay *= 2;
          }
        });
    };
    attempt();
  };
  window.addEventListener('online', reconnected);
  window.setInterval(() => {
    if (navigator.onLine !== false) kick();
  }, 30_000);
  window.setTimeout(kick, 2_000);
}
