import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { clearCachedResponses } from './offline/formCache';
import { api, fetchMe, rememberMe, setCsrfToken, type LoginResult, type Me } from './api';

export const ME_KEY = ['me'] as const;

export function useMeQuery() {
  // offlineFirst: try even when the browser reports no network, so the service worker can answer
  // from its copy of /api/me and the logged-in app opens offline.
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, retry: false, staleTime: 5 * 60_000, networkMode: 'offlineFirst' });
}

/** The logged-in user; only call below the login gate. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe() called without a session');
  return data;
}

export function useCan(permission: string): boolean {
  const { data } = useMeQuery();
  return !!data?.authorities.includes(permission);
}

/** Drops every cached query except the session one (its observer must keep working). */
function resetCache(qc: QueryClient) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api.post<LoginResult>('/api/auth/login', body),
    onSuccess: (res) => {
      // The user as /api/me answers it, CSRF token included (uploads send it from here).
      const me = { ...res.user, csrfToken: res.csrfToken ?? res.user.csrfToken };
      setCsrfToken(me.csrfToken);
      rememberMe(me);
      resetCache(qc);
      qc.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      void clearCachedResponses();
      rememberMe(null);
      setCsrfToken(null);
      resetCache(qc);
      qc.setQueryData(ME_KEY, null);
    },
  });
}
