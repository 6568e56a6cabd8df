// Calls of the equipment care API (/api/equipment/kpi, inspections, schedules, work orders). The shapes
// are the server's contract (src/modules/equipment/care.contract.ts), imported as types only so that
// neither zod nor server code reaches the bundle.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AssetCare,
  DueItem,
  DueList,
  Inspection,
  InspectionResult,
  Kpi,
  KpiRow,
  Schedule,
  WorkOrder,
  WorkOrderList,
  WorkOrderOutcome,
  WorkOrderStatus,
  WorkOrderSummary,
} from '../../../../../src/modules/equipment/care.contract.js';
import type { InspectionInput, WorkOrderAction } from '../../../../../src/modules/equipment/care.contract.js';
import { api } from '../../../api';
import { equipmentKeys, uploadWithProgress } from '../equipmentApi';

export type {
  AssetCare, DueItem, DueList, Inspection, InspectionInput, InspectionResult, Kpi, KpiRow, Schedule, WorkOrder, WorkOrderAction, WorkOrderList,
  WorkOrderOutcome, WorkOrderStatus, WorkOrderSummary,
};

// The contract's lists, kept here so the pages do not bundle zod; the Record keys make the compiler
// check that each list names every value of its type, and only those.
const outcomes: Record<WorkOrderOutcome, true> = { repaired: true, beyond_repair: true, no_fault: true };
const woStatuses: Record<WorkOrderStatus, true> = { reported: true, assigned: true, in_repair: true, done: true, cancelled: true };
export const WORK_ORDER_OUTCOMES = Object.keys(outcomes) as WorkOrderOutcome[];
export const WORK_ORDER_STATUSES = Object.keys(woStatuses) as WorkOrderStatus[];
export const OPEN_STATUSES: readonly WorkOrderStatus[] = ['reported', 'assigned', 'in_repair'];

const enc = encodeURIComponent;

export const careKeys = {
  all: ['equipment'] as const,
  kpi: (orgUnit: string | undefined) => ['equipment', 'kpi', orgUnit ?? ''] as const,
  due: (q: object) => ['equipment', 'due', q] as const,
  workOrders: (q: object) => ['equipment', 'workOrders', q] as const,
  assetWorkOrders: (assetId: string) => ['equipment', 'assetWorkOrders', assetId] as const,
  workOrder: (id: string) => ['equipment', 'workOrder', id] as const,
};

export function useKpi(orgUnit: string | undefined) {
  return useQuery({ queryKey: careKeys.kpi(orgUnit), queryFn: () => api.get<Kpi>('/api/equipment/kpi', { orgUnit }), placeholderData: keepPreviousData });
}

export function useDue(q: { orgUnit?: string; within: number; kind?: string; page: number }) {
  return useQuery({
    queryKey: careKeys.due(q),
    queryFn: () => api.get<DueList>('/api/equipment/inspections/due', { ...q, pageSize: 100 }),
    placeholderData: keepPreviousData,
  });
}

export function useWorkOrders(q: { orgUnit?: string; status: string; page: number }) {
  return useQuery({
    queryKey: careKeys.workOrders(q),
    queryFn: () => api.get<WorkOrderList>('/api/equipment/work-orders', { ...q, pageSize: 100 }),
    placeholderData: keepPreviousData,
  });
}

export function useAssetWorkOrders(assetId: string) {
  return useQuery({
    queryKey: careKeys.assetWorkOrders(assetId),
    queryFn: () => api.get<WorkOrderList>(`/api/equipment/assets/${enc(assetId)}/work-orders`, { status: 'all', pageSize: 100 }),
  });
}

export function useWorkOrder(id: string) {
  return useQuery({ queryKey: careKeys.workOrder(id), queryFn: () => api.get<WorkOrder>(`/api/equipment/work-orders/${enc(id)}`) });
}

/** The asset's schedules and inspections. */
export function useAssetCare(assetId: string) {
  return useQuery({ queryKey: equipmentKeys.care(assetId), queryFn: () => api.get<AssetCare>(`/api/equipment/assets/${enc(assetId)}/care`) });
}

export const careApi = {
  recordInspection: (scheduleId: string, input: Partial<InspectionInput>) =>
    api.post<Inspection>(`/api/equipment/schedules/${enc(scheduleId)}/inspections`, input),
  attachCertificate: (inspectionId: string, file: File, csrf: string | null | undefined) =>
    uploadWithProgress<Inspection>(`/api/equipment/inspections/${enc(inspectionId)}/file`, file, csrf),
  act: (workOrderId: string, action: WorkOrderAction) => api.post<WorkOrder>(`/api/equipment/work-orders/${enc(workOrderId)}/actions`, action),
  addPhoto: (workOrderId: string, file: File, csrf: string | null | undefined) =>
    uploadWithProgress<WorkOrder>(`/api/equipment/work-orders/${enc(workOrderId)}/photos`, file, csrf),
  preventive: (scheduleId: string, input: { fault?: string | null; assignee?: string | null; note?: string | null }) =>
    api.post<WorkOrder>(`/api/equipment/schedules/${enc(scheduleId)}/work-orders`, input),
};
