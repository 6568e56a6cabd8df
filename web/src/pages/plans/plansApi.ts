// Calls of the plans API (/api/plans…); the types are the module's contract.
import { useQuery } from '@tanstack/react-query';
import { api, request, type Id } from '../../api';
import type {
  DistributeInput,
  Distribution,
  PlanOptions,
  Plans,
  Progress,
  SetTargetsResult,
  TargetInput,
} from '../../../../src/modules/plans/plans.contract.js';

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
    queryFn: () => api.get<Progress>('/api/plans/progress', { year, orgUnit: String(unit), period }),
    enabled: unit !== null,
  });
}

export const setTargets = (year: number, orgUnit: Id, targets: TargetInput[]) =>
  request<SetTargetsResult>('PUT', '/api/plans', { body: { year, orgUnit: String(orgUnit), targets } });

export const distribute = (body: Omit<DistributeInput, 'orgUnit'> & { orgUnit: Id }) =>
  api.post<Distribution>('/api/plans/distribute', { ...body, orgUnit: String(body.orgUnit) });
