// API helpers of the metadata admin pages (/api/metadata/…). The types are the metadata module's
// contract (src/modules/metadata/metadata.contract.ts).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  Assignment, AssignmentsInput, CalendarDay, MetaObject, MetaObjects, MetaPage, MetaType, PackageImportReport,
} from '../../../../src/modules/metadata/metadata.contract.js';
import { api, request } from '../../api';

export const metaKeys = {
  all: ['metadata'] as const,
  list: (type: string, q: string, page: number) => ['metadata', type, 'list', q, page] as const,
  options: (type: string) => ['metadata', type, 'options'] as const,
  units: (dataSet: string) => ['metadata', 'dataSets', 'units', dataSet] as const,
  calendar: (year: number) => ['metadata', 'calendarDays', year] as const,
};

const enc = encodeURIComponent;

export const metaApi = {
  list: <T extends MetaType>(type: T, q: string, page: number, pageSize: number) =>
    api.get<MetaPage<MetaObjects[T]>>(`/api/metadata/${type}`, { q, page, pageSize }),
  all: <T extends MetaType>(type: T) => api.get<MetaPage<MetaObjects[T]>>(`/api/metadata/${type}`, { paging: 'false' }),
  /** `body` is a form's values (the type's input, as the form holds it). */
  create: (type: MetaType, body: Record<string, unknown>) => api.post<MetaObject>(`/api/metadata/${type}`, body),
  update: (type: MetaType, id: string, body: Record<string, unknown>) => request<MetaObject>('PUT', `/api/metadata/${type}/${enc(id)}`, { body }),
  remove: (type: MetaType, id: string) => api.del(`/api/metadata/${type}/${enc(id)}`),
  units: (dataSet: string) => api.get<Assignment[]>(`/api/metadata/dataSets/${enc(dataSet)}/orgUnits`),
  setUnits: (dataSet: string, assignments: AssignmentsInput['assignments']) =>
    request<Assignment[]>('PUT', `/api/metadata/dataSets/${enc(dataSet)}/orgUnits`, { body: { assignments } }),
  calendar: (year: number) => api.get<MetaPage<CalendarDay>>('/api/metadata/calendarDays', { year }),
  createDay: (d: CalendarDay) => api.post<CalendarDay>('/api/metadata/calendarDays', d),
  updateDay: (d: CalendarDay) => request<CalendarDay>('PUT', `/api/metadata/calendarDays/${d.day}`, { body: d }),
  removeDay: (day: string) => api.del(`/api/metadata/calendarDays/${day}`),
  importPackage: (pkg: unknown, dryRun: boolean) =>
    request<PackageImportReport>('POST', '/api/metadata/import', { query: { dryRun: dryRun ? 'true' : undefined }, body: pkg }),
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
  const { t } = useTranslation();
  // Names, not codes; the built-in "default" combo / option reads "Không phân tổ" (never "default — default").
  const nameOf = (o: { code: string; name: string }) => (o.code === 'default' ? t('metadata.defaultCombo') : o.name);
  const options = (q.data?.items ?? []).map((o) => ({ value: o.code, label: nameOf(o) }));
  const labelOf = (code: unknown) => options.find((o) => o.value === code)?.label ?? (code === 'default' ? t('metadata.defaultCombo') : String(code ?? ''));
  return { ...q, options, labelOf };
}
