// The query of "Việc cần làm" (GET /api/forms/todo), through the offline cache: the list opens
// without a connection once loaded. Also used by the entry page to choose and mark periods.
import { useQuery } from '@tanstack/react-query';
import { api, type Id } from '../../api';
import { useMe } from '../../auth';
import { cachedFetch, userKey } from '../../offline';
import type { TodoItem } from '../../../../src/modules/workflow/workflow.contract.js';

export type { TodoItem };

/** The caller's forms to do; with a unit and data set, that form's recent periods too (`all`). */
export function useTodo(opts: { orgUnit?: Id | null; dataSet?: string | null; all?: boolean; enabled?: boolean } = {}) {
  const me = useMe();
  const query = {
    orgUnit: opts.orgUnit ? String(opts.orgUnit) : undefined,
    dataSet: opts.dataSet ?? undefined,
    all: opts.all ? 'true' : undefined,
  };
  return useQuery({
    queryKey: ['todo', query.orgUnit ?? '', query.dataSet ?? '', !!opts.all],
    queryFn: () =>
      cachedFetch(userKey(me.username, 'todo', query.orgUnit ?? '', query.dataSet ?? '', query.all ?? ''), () =>
        api.get<TodoItem[]>('/api/forms/todo', query),
      ),
    enabled: opts.enabled ?? true,
    staleTime: 30_000,
    networkMode: 'always',
  });
}

/** The address of a form on the entry page. */
export function entryLink(item: Pick<TodoItem, 'dataSet' | 'orgUnit' | 'period'>): string {
  return `/entry?${new URLSearchParams({ ds: item.dataSet.code, ou: item.orgUnit.id, pe: item.period })}`;
}
