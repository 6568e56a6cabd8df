// Calls of the narrative reports API (/api/reports…, /api/reportTemplates…). The shapes are the
// server's contract (src/modules/reports/reports.contract.ts), imported as types only.
import { useQuery } from '@tanstack/react-query';
import type {
  BatchInput,
  BatchStarted,
  BatchState,
  BlockType,
  Differences,
  Measure,
  OpenReportInput,
  Report,
  ReportFormat,
  ReportPeriodKind,
  ReportSummary,
  ReportVersionInfo,
  SaveReportInput,
  TemplateProblem,
  TemplateSummary,
  TemplateUnitKind,
  TemplateValidation,
  TemplateVersionInfo,
  TemplateView,
} from '../../../../src/modules/reports/reports.contract.js';
import { parseRange } from '../../../../src/lib/periods.js';
import { api, ApiError, request, type OuKind } from '../../api';
import i18n from '../../i18n';

export type {
  BatchState,
  BlockType,
  Difference,
  Report,
  ReportPeriodKind,
  ReportStatus,
  ReportSummary,
  TableBlock,
  TemplateBlock,
  TemplateDefinition,
  TemplateProblem,
  TemplateSummary,
  TemplateUnitKind,
  TemplateView,
} from '../../../../src/modules/reports/reports.contract.js';

// The contract's lists, kept here so the page does not bundle zod; the Record keys make the compiler
// check that each list names every value of its type, and only those.
const periodKinds: Record<ReportPeriodKind, true> = { Monthly: true, Quarterly: true, SixMonthly: true, NineMonths: true, Yearly: true };
const unitKinds: Record<TemplateUnitKind, true> = { province: true, centre: true, station: true };
const blockTypes: Record<BlockType, true> = { heading: true, text: true, free: true, consolidated: true, table: true, tasks: true };
const measures: Record<Measure, true> = {
  value: true, ytd: true, lastYear: true, lastYearYtd: true, previous: true, target: true, pctPlan: true, changeLastYear: true, changePct: true,
};
export const PERIOD_KINDS = Object.keys(periodKinds) as ReportPeriodKind[];
export const UNIT_KINDS = Object.keys(unitKinds) as TemplateUnitKind[];
export const BLOCK_TYPES = Object.keys(blockTypes) as BlockType[];
export const MEASURES = Object.keys(measures) as Measure[];

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
    queryFn: () => api.get<TemplateView>(`/api/reportTemplates/${enc(code!)}`, { version }),
    enabled: !!code,
  });
}

export function useTemplateVersions(code: string | null) {
  return useQuery({
    queryKey: reportKeys.templateVersions(code ?? ''),
    queryFn: () => api.get<TemplateVersionInfo[]>(`/api/reportTemplates/${enc(code!)}/versions`),
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
    queryFn: () => api.get<ReportVersionInfo[]>(`/api/reports/${enc(id)}/versions`),
  });
}

export function useDifferences(id: string, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.differences(id),
    queryFn: () => api.get<Differences>(`/api/reports/${enc(id)}/differences`),
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
  create: (body: OpenReportInput) => api.post<Report>('/api/reports', body),
  save: (id: string, body: SaveReportInput) => request<Report>('PUT', `/api/reports/${enc(id)}`, { body }),
  /** `version`: the version the user saw; a save by someone else meanwhile is refused (409). */
  finalise: (id: string, version: number) => api.post<Report>(`/api/reports/${enc(id)}/finalise`, { version }),
  reopen: (id: string, reason: string) => api.post<Report>(`/api/reports/${enc(id)}/reopen`, { reason }),
  documentUrl: (id: string, format: ReportFormat) => `/api/reports/${enc(id)}/document?format=${format}`,
  startBatch: (body: BatchInput) => api.post<BatchStarted>('/api/reports/batch', body),
  batchDownloadUrl: (id: string) => `/api/reports/batch/${enc(id)}/download`,
  validateTemplate: (definition: unknown) => api.post<TemplateValidation>('/api/reportTemplates/validate', definition),
  createTemplate: (definition: unknown) => api.post<TemplateView>('/api/reportTemplates', definition),
  /** `expectedVersion`: the version the edit started from (409 if someone saved meanwhile). */
  updateTemplate: (code: string, definition: unknown, expectedVersion?: number) =>
    request<TemplateView>('PUT', `/api/reportTemplates/${enc(code)}`, { body: definition, query: { expectedVersion } }),
  exportTemplateUrl: (code: string) => `/api/reportTemplates/${enc(code)}/export`,
};

/** The `details.errors` of a 400 VALIDATION_FAILED, if any. */
export function validationIssues(err: unknown): TemplateProblem[] {
  const d = (err as { details?: unknown } | null)?.details as { errors?: unknown } | null | undefined;
  if (!d || !Array.isArray(d.errors)) return [];
  return d.errors.filter((e): e is TemplateProblem => !!e && typeof e === 'object' && 'path' in e && 'message' in e);
}

/** A free text by its block key ('' when missing): a key such as "constructor" finds nothing on Object's prototype. */
export function textOf(texts: Record<string, string>, key: string): string {
  return Object.prototype.hasOwnProperty.call(texts, key) ? (texts[key] ?? '') : '';
}

/** The template's name in the UI language (English falls back to the Vietnamese name). */
export function templateName(x: { name: string; nameEn?: string | null }, language: string): string {
  return language === 'en' ? x.nameEn || x.name : x.name;
}

/** Which templates suit a unit: department → province, health_centre → centre, station → station. */
export function unitKindOf(kind: OuKind | null | undefined): TemplateUnitKind | null {
  if (kind === 'department') return 'province';
  if (kind === 'health_centre') return 'centre';
  if (kind === 'station') return 'station';
  return null;
}

/** A report period id (2024, 202405, 2024Q2, 2024S1, 2024N9): a range of a kind reports are written for. */
export function isPeriodId(s: string): boolean {
  const r = parseRange(s);
  return r !== null && (PERIOD_KINDS as readonly string[]).includes(r.kind);
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
