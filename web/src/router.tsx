// Client-side routing on wouter (History API; the server falls back to index.html for client routes).
// This file keeps the app's small routing vocabulary — navigate, linkClick, Link, useRoute, usePath —
// and adds what wouter leaves to the app: the unsaved-work guard, asked before any in-app navigation
// (our navigate, links, wouter's own navigation) and before back/forward.
import { useEffect, useRef, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { Link as WouterLink, Router, useLocation, type AroundNavHandler } from 'wouter';
import { navigate as browserNavigate } from 'wouter/use-browser-location';

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

// The address that is shown, so a refused back/forward can be undone. wouter patches pushState and
// replaceState to fire events of those names (its import above runs first), so every in-app
// navigation, ours or wouter's, keeps it up to date.
let shown = here();
const remember = () => {
  shown = here();
};
addEventListener('pushState', remember);
addEventListener('replaceState', remember);
// Registered at import, so before wouter's own listener (added when the first component subscribes):
// a refused back/forward is undone before wouter reads the address, and the page never changes.
addEventListener('popstate', () => {
  if (here() !== shown && !mayLeave()) history.pushState(null, '', shown);
  else remember();
});

/**
 * Client-side navigation. Returns false when a navigation guard's question was refused.
 * `force` skips the guard (after the page itself has saved, for instance).
 */
export function navigate(to: string, replace = false, force = false): boolean {
  if (!force && !mayLeave()) return false;
  browserNavigate(to, { replace });
  return true;
}

/** wouter's navigation (its <Link>, useLocation's setter) passes the same guard. */
const guarded: AroundNavHandler = (nav, to, options) => {
  if (mayLeave()) nav(to, options);
};

/** Wraps the app: wouter's router with the navigation guard. */
export function AppRouter({ children }: { children: ReactNode }) {
  return <Router aroundNav={guarded}>{children}</Router>;
}

/** The current path, e.g. "/orgunits/42". */
export function usePath(): string {
  return useLocation()[0];
}

/** Splits "/orgunits/42" into ["orgunits", "42"]. */
export function useRoute(): string[] {
  return splitPath(usePath());
}

export function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean).map(safeDecode);
}

/** A malformed escape (a hand-typed "%") stays as typed instead of throwing during render. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Handles a click on an <a href> as client-side navigation (plain left clicks only). */
export function linkClick(to: string) {
  return (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
}

/** An in-app link (wouter's Link: plain left clicks navigate in the app, through the guard). */
export function Link({ to, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  return <WouterLink to={to} {...rest} />;
}

/**
 * While `dirty`, leaving asks first: closing or reloading the tab (the browser's own question) and
 * in-app navigation (links, menu, back/forward) through the router's guard.
 */
export function useUnsavedGuard(dirty: boolean, message: string) {
  const text = useRef(message);
  text.current = message;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    setNavigationGuard(() => text.current);
    return () => {
      window.removeEventListener('beforeunload', warn);
      setNavigationGuard(null);
    };
  }, [dirty]);
}
