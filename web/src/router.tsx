// Minimal History-API router: the server falls back to index.html for client routes.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
const here = () => location.pathname + location.search + location.hash;

/**
 * A page with unsaved work registers a guard: while it returns a message, in-app navigation asks
 * `window.confirm(message)` first and stays put when refused. One guard at a time; null removes it.
 */
type NavigationGuard = () => string | null;
let guard: NavigationGuard | null = null;
export function setNavigationGuard(fn: NavigationGuard | null) {
  guard = fn;
}

/** True when no guard objects, or the user agrees to leave. */
function mayLeave(): boolean {
  const message = guard?.() ?? null;
  return !message || window.confirm(message);
}

// The address that is shown, so a refused back/forward can be undone.
let shown = here();
window.addEventListener('popstate', () => {
  if (here() !== shown && !mayLeave()) {
    history.pushState(null, '', shown);
    return;
  }
  shown = here();
  notify();
});

/**
 * Client-side navigation. Returns false when a navigation guard's question was refused.
 * `force` skips the guard (after the page itself has saved, for instance).
 */
export function navigate(to: string, replace = false, force = false): boolean {
  if (!force && !mayLeave()) return false;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  shown = here();
  notify();
  return true;
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

/** Splits "/orgunits/42" into ["orgunits", "42"]. */
export function useRoute(): string[] {
  return usePath().split('/').filter(Boolean).map(decodeURIComponent);
}

/** Handles a click on an <a href> as client-side navigation (plain left clicks only). */
export function linkClick(to: string) {
  return (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
}

export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <a href={to} onClick={linkClick(to)} {...rest} />;
}
