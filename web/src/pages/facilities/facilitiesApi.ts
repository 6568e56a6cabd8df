// Calls of the facilities API (/api/facilities…). The shapes are the server's contract
// (src/modules/facilities/facilities.contract.ts), imported as types only so that neither zod nor
// server code reaches the bundle.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  PhotoInfo,
  PremisesDetail,
  PremisesGrade,
  PremisesHistoryItem,
  PremisesInput,
  PremisesPage,
  Programme,
  ProgrammeDetail,
  ProgrammeProgress,
  ProjectDetail,
  ProjectKind,
  Stage,
} from '../../../../src/modules/facilities/facilities.contract.js';
import { api, ApiError, request } from '../../api';
import i18n from '../../i18n';

export type {
  CurrentStage,
  PhotoInfo,
  PremisesDetail,
  PremisesGrade,
  PremisesHistoryItem,
  PremisesInput,
  PremisesPage,
  Programme,
  ProgrammeDetail,
  ProgrammeProgress,
  ProjectDetail,
  ProjectItem,
  ProjectKind,
  Stage,
} from '../../../../src/modules/facilities/facilities.contract.js';
export type { Premises, StageRow, MonthRow, IssueRow } from '../../../../src/modules/facilities/facilities.contract.js';

// The contract's lists, kept here so the pages do not bundle zod (the Record keys make the compiler
// check each list against its type).
const grades: Record<PremisesGrade, true> = { good: true, degraded: true, severe: true };
const kinds: Record<ProjectKind, true> = { new_build: true, renovation: true, equipment_package: true };
const stages: Record<Stage, true> = { policy: true, approval: true, design: true, procurement: true, construction: true, handover: true, settlement: true };
export const GRADES = Object.keys(grades) as PremisesGrade[];
export const PROJECT_KINDS = Object.keys(kinds) as ProjectKind[];
export const STAGES = Object.keys(stages) as Stage[];

const enc = encodeURIComponent;

function clean(q: object): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') out[k] = v as string | number;
  return out;
}

export const facilityKeys = {
  all: ['facilities'] as const,
  premisesList: (q: object) => ['facilities', 'premises', q] as const,
  premises: (unit: string) => ['facilities', 'premises-one', unit] as const,
  history: (unit: string) => ['facilities', 'history', unit] as const,
  programmes: (q: object) => ['facilities', 'programmes', q] as const,
  programme: (id: string) => ['facilities', 'programme', id] as const,
  progress: (id: string, year: number | null) => ['facilities', 'progress', id, year] as const,
  project: (id: string) => ['facilities', 'project', id] as const,
  units: (programme: string, q: string) => ['facilities', 'units', programme, q] as const,
};

export function usePremisesList(q: { grade?: string; landRight?: string; kind?: string; q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: facilityKeys.premisesList(clean(q)),
    queryFn: () => api.get<PremisesPage>('/api/facilities/premises', clean(q)),
    placeholderData: keepPreviousData,
  });
}

export function usePremises(unit: string) {
  return useQuery({ queryKey: facilityKeys.premises(unit), queryFn: () => api.get<PremisesDetail>(`/api/facilities/premises/${enc(unit)}`) });
}

export function usePremisesHistory(unit: string) {
  return useQuery({ queryKey: facilityKeys.history(unit), queryFn: () => api.get<PremisesHistoryItem[]>(`/api/facilities/premises/${enc(unit)}/history`) });
}

export function useProgrammes() {
  return useQuery({ queryKey: facilityKeys.programmes({}), queryFn: () => api.get<{ items: Programme[]; total: number }>('/api/facilities/programmes', { pageSize: 200 }) });
}

export function useProgramme(id: string) {
  return useQuery({ queryKey: facilityKeys.programme(id), queryFn: () => api.get<ProgrammeDetail>(`/api/facilities/programmes/${enc(id)}`) });
}

export function useProgress(id: string, year: number | null) {
  return useQuery({
    queryKey: facilityKeys.progress(id, year),
    queryFn: () => api.get<ProgrammeProgress>(`/api/facilities/programmes/${enc(id)}/progress`, year ? { year } : {}),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string) {
  return useQuery({ queryKey: facilityKeys.project(id), queryFn: () => api.get<ProjectDetail>(`/api/facilities/projects/${enc(id)}`) });
}

export function useCandidateUnits(programme: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: facilityKeys.units(programme, q),
    queryFn: () => api.get<{ id: string; name: string; kind: string; parentName: string | null }[]>(`/api/facilities/programmes/${enc(programme)}/units`, { q }),
    enabled,
  });
}

export const facilityApi = {
  savePremises: (unit: string, body: PremisesInput) => request<PremisesDetail>('PUT', `/api/facilities/premises/${enc(unit)}`, { body }),
  createProgramme: (body: { name: string; startYear: number; endYear: number; description?: string | null }) => api.post<ProgrammeDetail>('/api/facilities/programmes', body),
  createProject: (programme: string, body: Record<string, unknown>) => api.post<ProjectDetail>(`/api/facilities/programmes/${enc(programme)}/projects`, body),
  updateProject: (id: string, body: Record<string, unknown>) => api.patch<ProjectDetail>(`/api/facilities/projects/${enc(id)}`, body),
  setStage: (id: string, stage: Stage, body: Record<string, unknown>) => request<ProjectDetail>('PUT', `/api/facilities/projects/${enc(id)}/stages/${stage}`, { body }),
  setMonth: (id: string, month: string, body: { planned: number | null; disbursed: number | null }) =>
    request<ProjectDetail>('PUT', `/api/facilities/projects/${enc(id)}/months/${month}`, { body }),
  addIssue: (id: string, body: { text: string; openedOn?: string | null }) => api.post<ProjectDetail>(`/api/facilities/projects/${enc(id)}/issues`, body),
  updateIssue: (id: string, issue: string, body: Record<string, unknown>) => api.patch<ProjectDetail>(`/api/facilities/projects/${enc(id)}/issues/${enc(issue)}`, body),
  deletePhoto: (id: string) => api.del<{ deleted: true }>(`/api/facilities/photos/${enc(id)}`),
};

/** Invalidates every facilities query after a change. */
export function useFacilityMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: facilityKeys.all }) });
}

export const photoUrl = (id: string) => `/api/facilities/photos/${enc(id)}`;

/** Uploads one photo (multipart, field "file") of a unit's premises or of a project. */
export async function uploadPhoto(file: File, csrf: string | null | undefined, query: { orgUnit?: string; project?: string; caption?: string }): Promise<PhotoInfo> {
  const body = new FormData();
  body.append('file', file, file.name);
  const qs = new URLSearchParams(Object.entries(clean(query)).map(([k, v]) => [k, String(v)])).toString();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language === 'en' ? 'en' : 'vi' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/facilities/photos?${qs}`, { method: 'POST', headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
  if (!res.ok) {
    throw new ApiError(res.status, data?.error?.code ?? `HTTP_${res.status}`, data?.error?.message || i18n.t('errors.http', { status: res.status }), data?.error?.details ?? null);
  }
  return data as unknown as PhotoInfo;
}

/** Money in đồng shown in millions ("1.250 triệu"): the unit the planning offices write in. */
export const toMillions = (dong: number | null | undefined) => (dong === null || dong === undefined ? null : Math.round(dong / 1_000_000));
export const fromMillions = (m: number | string | null | undefined) => (m === '' || m === null || m === undefined ? null : Math.round(Number(m) * 1_000_000));
