// Offline support for data entry: the outbox of typed values, a cache of forms, React hooks over both.
import { useEffect, useState } from 'react';
import { listNotices, listOutbox, subscribeOutbox, type OutboxItem, type OutboxNotice } from './outbox';

export * from './outbox';
export * from './formCache';

/** navigator.onLine, kept up to date. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false));
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/** Everything waiting in the outbox and the notices (conflicts, refusals) not yet dismissed. */
export function useOutboxState(): { items: OutboxItem[]; notices: OutboxNotice[] } {
  const [state, setState] = useState<{ items: OutboxItem[]; notices: OutboxNotice[] }>({ items: [], notices: [] });
  useEffect(() => {
    let alive = true;
    let pending = false;
    const load = () => {
      if (pending) return;
      pending = true;
      // Coalesce bursts of events into one read.
      setTimeout(() => {
        pending = false;
        void Promise.all([listOutbox(), listNotices()])
          .then(([items, notices]) => {
            if (alive) setState({ items, notices });
          })
          .catch(() => {});
      }, 50);
    };
    load();
    const unsub = subscribeOutbox(load);
    return () => {
      alive = false;
      unsub();
    };
  }, []);
  return state;
}
