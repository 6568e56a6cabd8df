// Calls of the equipment API (/api/equipment…). The shapes are the server's contracts (equipment,
// care and import), imported as types only so that neither zod nor server code reaches the bundle.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AssetDetail,
  AssetEvent,
  AssetList,
  AssetStatus,
  AssetSummary,
  Category,
  FundingSource,
  MissingList,
  RiskClass,
  StandardList,
} from '../../../../src/modules/equipment/equipment.contract.js';
import type { AssetCare, Schedule, WorkOrder } from '../../../../src/modules/equipment/care.contract.js';
import type { ImportPreview, ImportProgress, ImportResult, ImportRow, ImportRowError } from '../../../../src/modules/equipment/import.contract.js';
import { api, ApiError, request, type OuDetails } from '../../api';
import i18n from '../../i18n';

export type {
  AssetCare, AssetDetail, AssetEvent, AssetList, AssetStatus, AssetSummary, Category, FundingSource, ImportPreview, ImportProgress, ImportResult,
  ImportRow, ImportRowError, MissingList, RiskClass, Schedule, StandardList, WorkOrder,
};

// The contract's lists, kept here so the pages do not bundle zod; the Record keys make the compiler
// check that each list names every value of its type, and only those.
const statuses: Record<AssetStatus, true> = {
  in_use: true, broken: true, in_repair: true, idle: true, pending_disposal: true, disposed: true, transferred: true, locked: true,
};
const fundings: Record<FundingSource, true> = { ngan_sach: true, xa_hoi_hoa: true, vien_tro: true, du_an: true, khac: true };
export const ASSET_STATUSES = Object.keys(statuses) as AssetStatus[];
export const FUNDING_SOURCES = Object.keys(fundings) as FundingSource[];
export const RISK_CLASSES: RiskClass[] = ['A', 'B', 'C', 'D'];

interface AssetQuery {
  orgUnit?: string;
  q?: string;
  group?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

export const equipmentKeys = {
  all: ['equipment'] as const,
  assets: (q: AssetQuery) => ['equipment', 'assets', q] as const,
  asset: (id: string) => ['equipment', 'asset', id] as const,
  tag: (tag: string) => ['equipment', 'tag', tag] as const,
  care: (id: string) => ['equipment', 'care', id] as const,
  categories: ['equipment', 'categories'] as const,
  missing: (orgUnit: string | undefined) => ['equipment', 'missing', orgUnit ?? ''] as const,
  standard: (kind: string) => ['equipment', 'standard', kind] as const,
  unit: (id: string) => ['equipment', 'unit', id] as const,
};

const enc = encodeURIComponent;

export function useAssets(q: AssetQuery) {
  return useQuery({
    queryKey: equipmentKeys.assets(q),
    queryFn: () => api.get<AssetList>('/api/equipment/assets', { ...q }),
    placeholderData: keepPreviousData,
  });
}

export function useAsset(id: string) {
  return useQuery({ queryKey: equipmentKeys.asset(id), queryFn: () => api.get<AssetDetail>(`/api/equipment/assets/${enc(id)}`) });
}

export function useAssetByTag(tag: string) {
  return useQuery({ queryKey: equipmentKeys.tag(tag), queryFn: () => api.get<AssetDetail>(`/api/equipment/tags/${enc(tag)}`), retry: false });
}

export function useCategories() {
  return useQuery({
    queryKey: equipmentKeys.categories,
    queryFn: () => api.get<{ categories: Category[]; groups: { code: string; name: string }[] }>('/api/equipment/categories'),
    staleTime: 10 * 60_000,
  });
}

export function useMissing(orgUnit: string | undefined) {
  return useQuery({ queryKey: equipmentKeys.missing(orgUnit), queryFn: () => api.get<MissingList>('/api/equipment/missing', { orgUnit }) });
}

export function useStandard(kind: string) {
  return useQuery({ queryKey: equipmentKeys.standard(kind), queryFn: () => api.get<StandardList>(`/api/equipment/standards/${enc(kind)}`) });
}

export function useUnitDetails(id: string | null) {
  return useQuery({
    queryKey: equipmentKeys.unit(id ?? ''),
    queryFn: () => api.get<OuDetails>(`/api/orgunits/${enc(id!)}`),
    enabled: !!id,
    staleTime: 10 * 60_000,
  });
}

export const equipmentApi = {
  create: (input: Record<string, unknown>) => api.post<AssetDetail>('/api/equipment/assets', input),
  update: (id: string, input: Record<string, unknown>) => api.patch<AssetDetail>(`/api/equipment/assets/${enc(id)}`, input),
  reportBreakdown: (assetId: string, fault: string, note: string | null) => api.post<WorkOrder>(`/api/equipment/assets/${enc(assetId)}/work-orders`, { fault, note }),
  confirmImport: (token: string) => api.post<ImportResult>('/api/equipment/import/confirm', { token }),
  importProgress: (token: string) => api.get<ImportProgress>(`/api/equipment/import/${enc(token)}`),
  putStandard: (item: Record<string, unknown>) => request<StandardList>('PUT', '/api/equipment/standards', { body: item }),
  deleteStandard: (kind: string, code: string) => api.del<StandardList>(`/api/equipment/standards/${enc(kind)}/${enc(code)}`),
};

export const fileUrl = (assetId: string, fileId: string) => `/api/equipment/assets/${enc(assetId)}/files/${enc(fileId)}`;
export const labelsUrl = (q: { assets?: string[]; orgUnit?: string }) =>
  `/api/equipment/labels?${new URLSearchParams(q.assets ? { assets: q.assets.join(',') } : { orgUnit: q.orgUnit ?? '' })}`;
export const procurementUrl = (orgUnit: string, year: number) => `/api/equipment/missing.xlsx?${new URLSearchParams({ orgUnit, year: String(year) })}`;

/**
 * Sends one file (multipart, field "file") with XMLHttpRequest, so the upload's progress can be shown
 * (`onProgress` from 0 to 1); answers the JSON body, or throws ApiError like the other calls.
 */
export function uploadWithProgress<T>(url: string, file: File, csrf: string | null | undefined, onProgress?: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    body.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.language === 'en' ? 'en' : 'vi');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', i18n.t('errors.network')));
    xhr.onload = () => {
      let data: { error?: { code?: string; message?: string; details?: unknown } } | null = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else {
        reject(new ApiError(xhr.status, data?.error?.code ?? `HTTP_${xhr.status}`, data?.error?.message || i18n.t('errors.http', { status: xhr.status }), data?.error?.details ?? null));
      }
    };
    xhr.send(body);
  });
}

export const importPreviewUrl = (orgUnit: string) => `/api/equipment/import/preview?${new URLSearchParams({ orgUnit })}`;
export const workOrderPhotoUrl = (workOrderId: string) => `/api/equipment/work-orders/${enc(workOrderId)}/photos`;
