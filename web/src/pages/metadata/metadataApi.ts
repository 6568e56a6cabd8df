// API helpers and types of the metadata admin pages (/api/metadata/…).
import { useQuery } from '@tanstack/react-query';
import { api, request } from '../../api';

export type MetaType =
  | 'categoryOptions'
  | 'categories'
  | 'categoryCombos'
  | 'dataElements'
  | 'dataSets'
  | 'indicatorTypes'
  | 'indicators'
  | 'constants'
  | 'validationRules';

export type MetaObject = { id?: string; code: string; name: string; nameEn?: string } & Record<string, unknown>;

export interface MetaPage {
  items: MetaObject[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Section {
  id?: string;
  code?: string;
  name: string;
  nameEn?: string;
  description?: string;
  dataElements: string[];
}

export interface Assignment {
  orgUnit: { id: string; code: string; name: string; kind: string };
  validFrom: string;
  validTo: string | null;
}

export interface CalendarDay {
  day: string;
  kind: 'off' | 'work';
  name: string;
  nameEn?: string;
}

export interface TypeReport {
  created: string[];
  updated: { code: string; changes: string[] }[];
  unchanged: number;
  deleted?: string[];
}

export interface ReportIssue {
  type: string;
  code: string;
  field?: string;
  message: string;
}

export interface ImportReport {
  status: 'OK' | 'ERROR';
  dryRun: boolean;
  format: 'soyte' | 'dhis2';
  package?: { code: string; name: string; version: string };
  stats: { created: number; updated: number; unchanged: number; ignored: number; deleted: number };
  types: Record<string, TypeReport>;
  errors: ReportIssue[];
  warnings: ReportIssue[];
}

export const metaKeys = {
  all: ['metadata'] as const,
  list: (type: string, q: string, page: number) => ['metadata', type, 'list', q, page] as const,
  options: (type: string) => ['metadata', type, 'options'] as const,
  units: (dataSet: string) => ['metadata', 'dataSets', 'units', dataSet] as const,
  calendar: (year: number) => ['metadata', 'calendarDays', year] as const,
};

const enc = encodeURIComponent;

export const metaApi = {
  list: (type: MetaType, q: string, page: number, pageSize: number) => api.get<MetaPage>(`/api/metadata/${type}`, { q, page, pageSize }),
  all: (type: MetaType) => api.get<MetaPage>(`/api/metadata/${type}`, { paging: 'false' }),
  create: (type: MetaType, body: MetaObject) => api.post<MetaObject>(`/api/metadata/${type}`, body),
  update: (type: MetaType, id: string, body: MetaObject) => request<MetaObject>('PUT', `/api/metadata/${type}/${enc(id)}`, { body }),
  remove: (type: MetaType, id: string) => api.del(`/api/metadata/${type}/${enc(id)}`),
  units: (dataSet: string) => api.get<Assignment[]>(`/api/metadata/dataSets/${enc(dataSet)}/orgUnits`),
  setUnits: (dataSet: string, assignments: { orgUnit: string; validFrom?: string; validTo?: string | null }[]) =>
    request<Assignment[]>('PUT', `/api/metadata/dataSets/${enc(dataSet)}/orgUnits`, { body: { assignments } }),
  calendar: (year: number) => api.get<{ items: CalendarDay[] }>('/api/metadata/calendarDays', { year }),
  createDay: (d: CalendarDay) => api.post<CalendarDay>('/api/metadata/calendarDays', d),
  updateDay: (d: CalendarDay) => request<CalendarDay>('PUT', `/api/metadata/calendarDays/${d.day}`, { body: d }),
  removeDay: (day: string) => api.del(`/api/metadata/calendarDays/${day}`),
  importPackage: (pkg: unknown, dryRun: boolean) => request<ImportReport>('POST', '/api/metadata/import', { query: { dryRun: dryRun ? 'true' : undefined }, body: pkg }),
  exportUrl: (dataSets: string[]) => {
    const qs = new URLSearchParams();
    for (const d of dataSets) qs.append('dataSet', d);
    const s = qs.toString();
    return `/api/metadata/export${s ? `?${s}` : ''}`;
  },
};

/** Every object of a type, as select options "CODE — name". */
export function useOptions(type: MetaType, enabled = true) {
  const q = useQuery({ queryKey: metaKeys.options(type), queryFn: () => metaApi.all(type), enabled, staleTime: 30_000 });
  const options = (q.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }));
  return { ...q, options };
}
