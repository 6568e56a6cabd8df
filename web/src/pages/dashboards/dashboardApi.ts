// Calls of the dashboards API (/api/dashboards…) and the analytics queries behind each item.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api';
import { currentLang } from '../../i18n';
import { itemPeriods } from './periods';
import type { Dhis2AnalyticsResponse, ValuesResponse } from '../../../../src/modules/analytics/analytics.contract.js';
import type { Dashboard, DashboardInput, DashboardItem, DashboardList } from '../../../../src/modules/dashboards/dashboards.contract.js';
import type { DashContext } from './dashContext';

export const dashKeys = {
  all: ['dashboards'] as const,
  list: (lang: string) => ['dashboards', 'list', lang] as const,
  one: (id: string, lang: string) => ['dashboards', 'one', id, lang] as const,
};

export function useDashboardList() {
  const lang = currentLang();
  return useQuery({
    queryKey: dashKeys.list(lang),
    queryFn: () => api.get<DashboardList>('/api/dashboards'),
  });
}

export function useDashboard(id: string | null) {
  const lang = currentLang();
  return useQuery({
    queryKey: dashKeys.one(id ?? '', lang),
    queryFn: () => api.get<Dashboard>(`/api/dashboards/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export function useDashboardMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: dashKeys.all });
  return {
    create: useMutation({ mutationFn: (body: DashboardInput) => api.post<Dashboard>('/api/dashboards', body), onSuccess: done }),
    copy: useMutation({
      mutationFn: ({ id, name }: { id: string; name?: string }) => api.post<Dashboard>(`/api/dashboards/${encodeURIComponent(id)}/copy`, name ? { name } : {}),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: DashboardInput }) => request<Dashboard>('PUT', `/api/dashboards/${encodeURIComponent(id)}`, { body }),
      onSuccess: done,
    }),
    remove: useMutation({ mutationFn: (id: string) => api.del<{ deleted: string }>(`/api/dashboards/${encodeURIComponent(id)}`), onSuccess: done }),
  };
}

/** The dashboard input of a stored dashboard with other items (and optionally other fields). */
export function inputOf(d: Dashboard, patch: Partial<DashboardInput> = {}): DashboardInput {
  return { name: d.name, levelKind: d.levelKind, items: d.items, shared: d.shared, sortOrder: d.sortOrder, ...patch };
}

// ---------------------------------------------------------------------------------------------
// Item queries

/** The level whose units an item's unit spec stands for (null: the dashboard unit itself). */
export function rowLevel(item: DashboardItem, ctx: DashContext): number | null {
  if (item.unit.kind === 'children') return ctx.unit.level + 1;
  if (item.unit.kind === 'level') return item.unit.level;
  return null;
}

/**
 * Structure: maps always use today's structure (the boundaries are today's units); reporting tables
 * the structure at the time (the forms were sent by the units of then).
 */
export function structureOf(item: DashboardItem, ctx: DashContext) {
  if (item.type === 'map') return 'current';
  if (item.type === 'table' && item.show === 'reporting') return 'historical';
  return ctx.structure;
}

/** GET /api/analytics parameters (DHIS2 syntax) of an item: dx × pe × ou. Also for .csv / .xlsx. */
export function analyticsParams(item: DashboardItem, ctx: DashContext): URLSearchParams {
  const p = new URLSearchParams();
  p.append('dimension', `dx:${item.data.join(';')}`);
  p.append('dimension', `pe:${itemPeriods(item.period, ctx.period).join(';')}`);
  const level = rowLevel(item, ctx);
  p.append('dimension', `ou:${ctx.unit.id}${level !== null ? `;LEVEL-${level}` : ''}`);
  p.set('structure', structureOf(item, ctx));
  return p;
}

export function analyticsUrl(item: DashboardItem, ctx: DashContext, ext: '' | '.csv' | '.xlsx' = ''): string {
  return `/api/analytics${ext}?${analyticsParams(item, ctx).toString()}`;
}

export function fetchAnalytics(item: DashboardItem, ctx: DashContext): Promise<Dhis2AnalyticsResponse> {
  return api.get<Dhis2AnalyticsResponse>(analyticsUrl(item, ctx));
}

/** GET /api/analytics/values (values with comparisons) of an item: one period, ou self/children/level. */
export function valuesUrl(item: DashboardItem, ctx: DashContext, compare: string[]): string {
  const level = rowLevel(item, ctx);
  const p = new URLSearchParams({
    dx: item.data.join(';'),
    pe: itemPeriods(item.period, ctx.period)[0]!,
    ou: ctx.unit.id,
    ouMode: level === null ? 'self' : level === ctx.unit.level + 1 ? 'children' : `level-${level}`,
    compare: compare.join(','),
    structure: structureOf(item, ctx),
  });
  return `/api/analytics/values?${p.toString()}`;
}

export function fetchValues(item: DashboardItem, ctx: DashContext, compare: string[]): Promise<ValuesResponse> {
  return api.get<ValuesResponse>(valuesUrl(item, ctx, compare));
}

/** A stable cache key for an item's data under a context. */
export function itemKey(kind: string, item: DashboardItem, ctx: DashContext) {
  return ['dashboards', 'data', kind, currentLang(), ctx.unit.id, ctx.period, ctx.structure, JSON.stringify(item)] as const;
}

// ---------------------------------------------------------------------------------------------
// DHIS2 response helpers

/** One row of a dx/pe/ou answer (UI). */
interface Cell {
  dx: string;
  pe: string;
  ou: string;
  value: number;
}

/** Rows of a dx/pe/ou answer as cells, plus the names of everything in it. */
export function cellsOf(r: Dhis2AnalyticsResponse): {
  cells: Cell[];
  name: (id: string) => string;
  code: (id: string) => string;
  dims: Partial<Record<'dx' | 'pe' | 'ou' | 'co', string[]>>;
} {
  const idx = (n: string) => r.headers.findIndex((h) => h.name === n);
  const [dx, pe, ou, v] = [idx('dx'), idx('pe'), idx('ou'), idx('value')];
  const cells = r.rows.map((row) => ({ dx: row[dx] ?? '', pe: row[pe] ?? '', ou: row[ou] ?? '', value: Number(row[v]) }));
  const items = r.metaData?.items ?? {};
  return {
    cells,
    name: (id) => items[id]?.name ?? id,
    code: (id) => items[id]?.code ?? id,
    dims: r.metaData?.dimensions ?? {},
  };
}

/** Triggers a browser download of a URL (same-origin: the session cookie goes along). */
export function downloadUrl(url: string, fileName?: string) {
  const a = document.createElement('a');
  a.href = url;
  if (fileName) a.download = fileName;
  else a.setAttribute('download', '');
  document.body.appendChild(a);
  a.click();
  a.remove();
}
