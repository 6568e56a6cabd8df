// Types and calls of the narrative reports API (/api/reports…, /api/reportTemplates…), as in
// /work/notes/contracts5.md. Shapes the contract leaves open (who saved, a summary row, the batch's
// current unit) are read defensively through the helpers below.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, request, type Id, type OuKind } from '../../api';
import i18n from '../../i18n';

export const PERIOD_KINDS = ['Monthly', 'Quarterly', 'SixMonthly', 'NineMonths', 'Yearly'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const UNIT_KINDS = ['province', 'centre', 'station'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const BLOCK_TYPES = ['heading', 'text', 'free', 'consolidated', 'table'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];
export const MEASURES = ['value', 'ytd', 'lastYear', 'lastYearYtd', 'previous', 'target', 'pctPlan', 'changeLastYear', 'changePct'] as const;

export type ReportStatus = 'draft' | 'final';

/** A user reference as the server may send it: a name, or an object. */
export type Who = string | { id?: Id; username?: string; displayName?: string; name?: string } | null | undefined;
export function whoName(w: Who): string {
  if (!w) return '';
  if (typeof w === 'string') return w;
  return w.displayName || w.name || w.username || String(w.id ?? '');
}

export interface NamedRef {
  id?: Id;
  code?: string;
  name?: string;
  version?: number;
}
/** A reference that may come as a code/id string or as an object. */
export type RefLike = string | number | NamedRef | null | undefined;
export function refName(r: RefLike): string {
  if (r === null || r === undefined) return '';
  if (typeof r !== 'object') return String(r);
  return r.name || r.code || String(r.id ?? '');
}
export function refCode(r: RefLike): string {
  if (r === null || r === undefined) return '';
  if (typeof r !== 'object') return String(r);
  return r.code || String(r.id ?? '');
}

export interface TemplateSummary {
  code: string;
  name: string;
  nameEn?: string | null;
  unitKind: UnitKind;
  periodKinds: PeriodKind[];
  version: number;
  builtin: boolean;
  updatedAt: string;
  freeBlocks: number;
}

export type HeadingBlock = { type: 'heading'; level: number; text: string };
export type TextBlock = { type: 'text'; text: string };
export type FreeBlock = { type: 'free'; key: string; label: string; hint?: string; default?: string };
export type ConsolidatedBlock = { type: 'consolidated'; key: string; label?: string };
export interface TableColumn {
  label: string;
  item?: string;
  measure?: string;
  basis?: 'period' | 'ytd';
  decimals?: number;
}
export type TableBlock = {
  type: 'table';
  title?: string;
  rows: 'items' | 'subunits';
  items?: { item: string; label?: string }[];
  columns: TableColumn[];
  total?: boolean;
};
export type TemplateBlock = HeadingBlock | TextBlock | FreeBlock | ConsolidatedBlock | TableBlock;

/** The template definition (mirrors src/modules/reports/template.schema.ts). */
export interface TemplateDefinition {
  code: string;
  name: string;
  nameEn?: string;
  description?: string;
  unitKind: UnitKind;
  periodKinds: PeriodKind[];
  header: {
    parentBody: string;
    issuingBody: string;
    numberPattern: string;
    place: string;
    documentType: string;
    summary: string;
  };
  blocks: TemplateBlock[];
  signature: { authority: string[]; signer: string };
  recipients: string[];
}

export interface TemplateRecord {
  code: string;
  version: number;
  /** The latest version (differs from `version` when an older one was asked for). */
  currentVersion?: number;
  builtin: boolean;
  definition: TemplateDefinition;
  updatedAt: string;
  updatedBy: Who;
}

export interface ValidationIssue {
  path: string;
  message: string;
}

export interface Report {
  id: Id;
  template: { code: string; name: string; version: number };
  orgUnit: { id: Id; code: string; name: string };
  period: { id: string; name: string };
  status: ReportStatus;
  number: string | null;
  issuedOn: string | null;
  signer: string | null;
  texts: Record<string, string>;
  freeBlocks: { key: string; label: string; hint?: string | null }[];
  version: number;
  updatedAt: string;
  updatedBy: Who;
  finalisedAt: string | null;
  finalisedBy: Who;
  /** Notes for the user ("no data at all for this period"). */
  warnings?: { code: string; message: string }[];
}

/** A row of GET /api/reports (the contract names it ReportSummary; read loosely). */
export interface ReportSummary {
  id: Id;
  template: RefLike;
  orgUnit: RefLike;
  period: RefLike;
  status: ReportStatus;
  version?: number;
  updatedAt?: string;
  updatedBy?: Who;
}

export interface Difference {
  key: string;
  label: string;
  frozen: unknown;
  live: unknown;
}

export interface BatchState {
  id: Id;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  current: RefLike;
  errors: { orgUnit: RefLike; message: string }[];
  /** The contract says ids; the server sends {id, orgUnit (code), fileName}. Both are read. */
  reports: (Id | { id: Id; orgUnit?: RefLike; fileName?: string })[];
  /** Why a failed batch failed. */
  error?: string | null;
}

export const reportKeys = {
  all: ['reports'] as const,
  list: (q: Record<string, string>) => ['reports', 'list', q] as const,
  one: (id: string) => ['reports', 'one', id] as const,
  versions: (id: string) => ['reports', 'versions', id] as const,
  differences: (id: string) => ['reports', 'differences', id] as const,
  templates: ['reports', 'templates'] as const,
  template: (code: string, version: number | null) => ['reports', 'template', code, version ?? 'latest'] as const,
  templateVersions: (code: string) => ['reports', 'templateVersions', code] as const,
  batch: (id: string) => ['reports', 'batch', id] as const,
};

const enc = encodeURIComponent;

export function useTemplates() {
  return useQuery({ queryKey: reportKeys.templates, queryFn: () => api.get<TemplateSummary[]>('/api/reportTemplates') });
}

export function useTemplate(code: string | null, version: number | null = null) {
  return useQuery({
    queryKey: reportKeys.template(code ?? '', version),
    queryFn: () => api.get<TemplateRecord>(`/api/reportTemplates/${enc(code!)}`, { version }),
    enabled: !!code,
  });
}

export function useTemplateVersions(code: string | null) {
  return useQuery({
    queryKey: reportKeys.templateVersions(code ?? ''),
    queryFn: () => api.get<{ version: number; createdAt: string; createdBy: Who }[]>(`/api/reportTemplates/${enc(code!)}/versions`),
    enabled: !!code,
  });
}

export function useReports(q: Record<string, string>) {
  return useQuery({ queryKey: reportKeys.list(q), queryFn: () => api.get<ReportSummary[]>('/api/reports', q) });
}

export function useReport(id: string) {
  return useQuery({ queryKey: reportKeys.one(id), queryFn: () => api.get<Report>(`/api/reports/${enc(id)}`) });
}

export function useReportVersions(id: string) {
  return useQuery({
    queryKey: reportKeys.versions(id),
    queryFn: () => api.get<{ version: number; savedAt: string; savedBy: Who }[]>(`/api/reports/${enc(id)}/versions`),
  });
}

export function useDifferences(id: string, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.differences(id),
    queryFn: () => api.get<{ finalisedAt: string | null; differences: Difference[] }>(`/api/reports/${enc(id)}/differences`),
    enabled,
  });
}

export function useBatch(id: string | null) {
  return useQuery({
    queryKey: reportKeys.batch(id ?? ''),
    queryFn: () => api.get<BatchState>(`/api/reports/batch/${enc(id!)}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && q.state.data.state !== 'running' ? false : 500),
  });
}

export const reportsApi = {
  create: (body: { template: string; orgUnit: string; period: string }) => api.post<Report>('/api/reports', body),
  save: (id: Id, body: { texts: Record<string, string>; number: string | null; issuedOn: string | null; signer: string | null; version: number }) =>
    request<Report>('PUT', `/api/reports/${enc(String(id))}`, { body }),
  /** `version`: the version the user saw; a save by someone else meanwhile is refused (409). */
  finalise: (id: Id, version: number) => api.post<Report>(`/api/reports/${enc(String(id))}/finalise`, { version }),
  reopen: (id: Id, reason: string) => api.post<Report>(`/api/reports/${enc(String(id))}/reopen`, { reason }),
  documentUrl: (id: Id, format: 'docx' | 'pdf' | 'html') => `/api/reports/${enc(String(id))}/document?format=${format}`,
  startBatch: (body: { template: string; period: string; parent?: string }) => api.post<{ id: Id }>('/api/reports/batch', body),
  batchDownloadUrl: (id: Id) => `/api/reports/batch/${enc(String(id))}/download`,
  validateTemplate: (definition: unknown) => api.post<{ ok: boolean; errors: ValidationIssue[] }>('/api/reportTemplates/validate', definition),
  createTemplate: (definition: unknown) => api.post<TemplateRecord>('/api/reportTemplates', definition),
  /** `expectedVersion`: the version the edit started from (409 if someone saved meanwhile). */
  updateTemplate: (code: string, definition: unknown, expectedVersion?: number) =>
    request<TemplateRecord>('PUT', `/api/reportTemplates/${enc(code)}`, { body: definition, query: { expectedVersion } }),
  exportTemplateUrl: (code: string) => `/api/reportTemplates/${enc(code)}/export`,
};

/** The `details.errors` of a 400 VALIDATION_FAILED, if any. */
export function validationIssues(err: unknown): ValidationIssue[] {
  const d = (err as { details?: unknown } | null)?.details as { errors?: unknown } | null | undefined;
  if (!d || !Array.isArray(d.errors)) return [];
  return d.errors.filter((e): e is ValidationIssue => !!e && typeof e === 'object' && 'path' in e && 'message' in e);
}

/** The template's name in the UI language (English falls back to the Vietnamese name). */
export function templateName(x: { name: string; nameEn?: string | null }, language: string): string {
  return language === 'en' ? x.nameEn || x.name : x.name;
}

/** Which templates suit a unit: department → province, health_centre → centre, station → station. */
export function unitKindOf(kind: OuKind | null | undefined): UnitKind | null {
  if (kind === 'department') return 'province';
  if (kind === 'health_centre') return 'centre';
  if (kind === 'station') return 'station';
  return null;
}

/** A period id the API takes: 2024, 202405, 2024Q2, 2024S1, 2024N9. */
export function isPeriodId(s: string): boolean {
  return /^(19|20)\d\d((0[1-9]|1[0-2])|Q[1-4]|S[12]|N9)?$/.test(s);
}

/** The file name of a content-disposition header (RFC 6266 filename* first), or null. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to filename= */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
  return plain ? (plain[2] ?? plain[1]!).trim() || null : null;
}

/**
 * Fetches a file with the session's cookie and saves it under the server's file name. A reply that
 * is not OK (PDF unavailable, session expired, …) throws an ApiError with the server's message
 * instead of being saved as a file.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Accept-Language': i18n.language === 'en' ? 'en' : 'vi' },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  if (!res.ok) {
    let err: { code?: string; message?: string; details?: unknown } | undefined;
    try {
      err = ((await res.json()) as { error?: typeof err }).error;
    } catch {
      err = undefined;
    }
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message || i18n.t('errors.http', { status: res.status }), err?.details ?? null);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Let the browser start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
