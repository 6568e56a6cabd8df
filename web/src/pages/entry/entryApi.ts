// Queries of the data-entry screens; reads go through the offline cache so forms open without a connection.
import { useQuery } from '@tanstack/react-query';
import { api, type Id } from '../../api';
import { useMe } from '../../auth';
import { cachedFetch, userKey, type Cached } from '../../offline';
import type { EntryDataSet, EntryForm, HistoryItem, ValidationResult } from '../../../../src/modules/datavalues/datavalues.contract.js';

export const entryKeys = {
  all: ['entry'] as const,
  dataSets: (ou: Id) => ['entry', 'dataSets', String(ou)] as const,
  form: (ds: Id, ou: Id, pe: string) => ['entry', 'form', String(ds), String(ou), pe] as const,
  history: (de: Id, coc: Id, ou: Id, pe: string) => ['entry', 'history', String(de), String(coc), String(ou), pe] as const,
};

export function formCacheKey(username: string, ds: Id, ou: Id, pe: string) {
  return userKey(username, 'form', String(ds), String(ou), pe);
}

/** Data sets of a unit; `descendants` also lists those of the units below it (for approvers). */
export function useDataSets(orgUnit: Id | null, descendants = false) {
  const me = useMe();
  return useQuery({
    queryKey: [...entryKeys.dataSets(orgUnit ?? ''), descendants],
    queryFn: () =>
      cachedFetch(userKey(me.username, descendants ? 'dataSetsBelow' : 'dataSets', String(orgUnit)), () =>
        api.get<EntryDataSet[]>('/api/dataEntry/dataSets', { orgUnit: orgUnit!, ...(descendants ? { includeDescendants: 'true' } : {}) }),
      ),
    enabled: orgUnit !== null && orgUnit !== '',
    staleTime: 5 * 60_000,
    // Run even when the browser says it is offline: cachedFetch falls back to the stored copy.
    networkMode: 'always',
  });
}

export function useForm(ds: Id | null, ou: Id | null, pe: string | null) {
  const me = useMe();
  return useQuery<Cached<EntryForm>>({
    queryKey: entryKeys.form(ds ?? '', ou ?? '', pe ?? ''),
    queryFn: () =>
      cachedFetch(formCacheKey(me.username, ds!, ou!, pe!), () =>
        api.get<EntryForm>('/api/dataEntry/form', { dataSet: ds!, orgUnit: ou!, period: pe! }),
      ),
    enabled: !!ds && !!ou && !!pe,
    staleTime: 0,
    networkMode: 'always',
  });
}

export function useHistory(de: Id, coc: Id, ou: Id, pe: string, enabled: boolean) {
  return useQuery({
    queryKey: entryKeys.history(de, coc, ou, pe),
    queryFn: () =>
      api.get<HistoryItem[]>('/api/dataEntry/history', { dataElement: de, categoryOptionCombo: coc, orgUnit: ou, period: pe }),
    enabled,
  });
}

export function validateForm(dataSet: Id, orgUnit: Id, period: string) {
  return api.post<ValidationResult>('/api/dataEntry/validate', { dataSet, orgUnit, period });
}
