// Types and calls of the plans API (/api/plans…).
import { useQuery } from '@tanstack/react-query';
import { api, request, type Id } from '../../api';

export type TargetType = 'dataElement' | 'indicator';
export type Method = 'manual' | 'lastYearShare' | 'population';
export type SumStatus = 'ok' | 'mismatch' | 'notDistributed' | 'noChildren' | 'noParentTarget' | 'notAdditive';

export interface TargetRef {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  aggregationType: string | null;
}
export interface CocRef {
  id: string;
  code: string | null;
  name: string;
}

export interface PlanRow {
  key: string;
  targetType: TargetType;
  target: TargetRef;
  categoryOptionCombo: CocRef | null;
  value: number | null;
  method: Method | null;
  updatedBy: string | null;
  updatedAt: string | null;
  children: Record<string, { value: number; method: Method } | null>;
  status: SumStatus;
  childrenSum: number | null;
  difference: number | null;
  missingChildren: number;
}

export interface Plans {
  year: number;
  asOf: string;
  orgUnit: { id: Id; code: string; name: string };
  children: { id: string; code: string; name: string }[];
  canEdit: boolean;
  canDistribute: boolean;
  targets: PlanRow[];
}

export interface PlanOptions {
  dataElements: (TargetRef & { categoryOptionCombos: CocRef[] })[];
  indicators: { id: string; code: string; name: string; nameEn: string | null }[];
}

export interface DistributionPreview {
  dryRun: boolean;
  method: Method;
  parentValue: number | null;
  rows: { orgUnit: { id: string; code: string; name: string }; weight: number | null; share: number | null; before: number | null; after: number | null }[];
  status: SumStatus;
  childrenSum: number | null;
  difference: number | null;
  missingChildren: number;
}

export interface ProgressItem {
  targetType: TargetType;
  target: TargetRef;
  categoryOptionCombo: CocRef | null;
  targetValue: number;
  ytdValue: number | null;
  ytdPercent: number | null;
  periodValue: number | null;
  periodPercent: number | null;
}

export const planKeys = {
  all: ['plans'] as const,
  list: (year: number, unit: Id) => ['plans', 'list', year, String(unit)] as const,
  progress: (year: number, unit: Id, period: string) => ['plans', 'progress', year, String(unit), period] as const,
  options: ['plans', 'options'] as const,
};

export function usePlans(year: number, unit: Id | null) {
  return useQuery({
    queryKey: planKeys.list(year, unit ?? ''),
    queryFn: () => api.get<Plans>('/api/plans', { year, orgUnit: String(unit) }),
    enabled: unit !== null,
  });
}

export function usePlanOptions() {
  return useQuery({ queryKey: planKeys.options, queryFn: () => api.get<PlanOptions>('/api/plans/options'), staleTime: 5 * 60_000 });
}

export function useProgress(year: number, unit: Id | null, period: string) {
  return useQuery({
    queryKey: planKeys.progress(year, unit ?? '', period),
    queryFn: () => api.get<{ items: ProgressItem[]; period: string }>('/api/plans/progress', { year, orgUnit: String(unit), period }),
    enabled: unit !== null,
  });
}

export interface TargetChoice {
  targetType: TargetType;
  target: string;
  categoryOptionCombo: string | null;
}

export const setTargets = (year: number, orgUnit: Id, targets: (TargetChoice & { value: number | null })[]) =>
  request<{ changed: number }>('PUT', '/api/plans', { body: { year, orgUnit: String(orgUnit), targets } });

export const distribute = (body: TargetChoice & { year: number; orgUnit: Id; method: Method; values?: Record<string, number | null>; dryRun: boolean }) =>
  api.post<DistributionPreview>('/api/plans/distribute', { ...body, orgUnit: String(body.orgUnit) });
