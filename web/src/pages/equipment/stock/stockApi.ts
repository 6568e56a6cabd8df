// Calls of the stocktaking, liquidation and transfer API (/api/equipment/stocktakes…, /proposals…,
// /idle). The shapes are the server's contract (src/modules/equipment/stock.contract.ts), imported as
// types only so that neither zod nor server code reaches the bundle.
import { useQuery } from '@tanstack/react-query';
import type {
  CreateStocktakeInput,
  DifferenceKind,
  IdleAsset,
  IdleList,
  LiquidationReason,
  Proposal,
  ProposalKind,
  ProposalList,
  ProposalRules,
  ProposalStatus,
  Signer,
  StockCondition,
  StocktakeDetail,
  StocktakeDifference,
  StocktakeDifferences,
  StocktakeLineInput,
  StocktakeList,
  StocktakeSheet,
  StocktakeSheetItem,
  StocktakeSummary,
  StocktakeSurplus,
  StocktakeUnitState,
  TransferReason,
} from '../../../../../src/modules/equipment/stock.contract.js';
import { api, request } from '../../../api';

export type {
  CreateStocktakeInput, DifferenceKind, IdleAsset, IdleList, LiquidationReason, Proposal, ProposalKind, ProposalList, ProposalRules, ProposalStatus, Signer,
  StockCondition, StocktakeDetail, StocktakeDifference, StocktakeDifferences, StocktakeLineInput, StocktakeList, StocktakeSheet, StocktakeSheetItem,
  StocktakeSummary, StocktakeSurplus, StocktakeUnitState, TransferReason,
};

// The contract's lists, kept here so the pages do not bundle zod; the Record keys make the compiler
// check that each list names every value of its type, and only those.
const conditions: Record<StockCondition, true> = { good: true, broken: true, idle: true };
const liquidationReasons: Record<LiquidationReason, true> = { fully_worn: true, repair_costly: true, beyond_repair: true, other: true };
const transferReasons: Record<TransferReason, true> = { idle: true, other: true };
const proposalStatuses: Record<ProposalStatus, true> = { proposed: true, approved: true, rejected: true, handed_over: true, done: true, withdrawn: true };
const differenceKinds: Record<DifferenceKind, true> = { missing: true, surplus: true, condition: true, quantity: true };
export const STOCK_CONDITIONS = Object.keys(conditions) as StockCondition[];
export const LIQUIDATION_REASONS = Object.keys(liquidationReasons) as LiquidationReason[];
export const TRANSFER_REASONS = Object.keys(transferReasons) as TransferReason[];
export const PROPOSAL_STATUSES = Object.keys(proposalStatuses) as ProposalStatus[];
export const DIFFERENCE_KINDS = Object.keys(differenceKinds) as DifferenceKind[];

const enc = encodeURIComponent;
const S = '/api/equipment/stocktakes';
const P = '/api/equipment/proposals';

export const stockKeys = {
  all: ['equipment'] as const,
  stocktakes: (orgUnit: string | undefined, status: string | undefined) => ['equipment', 'stocktakes', orgUnit ?? '', status ?? ''] as const,
  stocktake: (id: string) => ['equipment', 'stocktake', id] as const,
  sheet: (id: string, unit: string) => ['equipment', 'stocktake', id, 'sheet', unit] as const,
  differences: (id: string, unit: string | undefined) => ['equipment', 'stocktake', id, 'differences', unit ?? ''] as const,
  proposals: (q: object) => ['equipment', 'proposals', q] as const,
  proposal: (id: string) => ['equipment', 'proposal', id] as const,
  rules: ['equipment', 'proposalRules'] as const,
  idle: (orgUnit: string | undefined) => ['equipment', 'idle', orgUnit ?? ''] as const,
};

export function useStocktakes(orgUnit: string | undefined, status?: string) {
  return useQuery({ queryKey: stockKeys.stocktakes(orgUnit, status), queryFn: () => api.get<StocktakeList>(S, { orgUnit, status }) });
}

export function useStocktake(id: string) {
  return useQuery({ queryKey: stockKeys.stocktake(id), queryFn: () => api.get<StocktakeDetail>(`${S}/${enc(id)}`) });
}

export function useSheet(id: string, unit: string) {
  return useQuery({ queryKey: stockKeys.sheet(id, unit), queryFn: () => api.get<StocktakeSheet>(`${S}/${enc(id)}/units/${enc(unit)}`) });
}

export function useDifferences(id: string, unit?: string) {
  return useQuery({ queryKey: stockKeys.differences(id, unit), queryFn: () => api.get<StocktakeDifferences>(`${S}/${enc(id)}/differences`, { orgUnit: unit }) });
}

export function useProposals(q: { orgUnit?: string; kind?: string; status?: string; actionable?: string; asset?: string }) {
  return useQuery({ queryKey: stockKeys.proposals(q), queryFn: () => api.get<ProposalList>(P, q) });
}

export function useProposalRules() {
  return useQuery({ queryKey: stockKeys.rules, queryFn: () => api.get<ProposalRules>(`${P}/rules`), staleTime: 10 * 60_000 });
}

export function useIdle(orgUnit: string | undefined) {
  return useQuery({ queryKey: stockKeys.idle(orgUnit), queryFn: () => api.get<IdleList>('/api/equipment/idle', { orgUnit }) });
}

export const stockApi = {
  create: (input: { name: string; asOf: string; orgUnit?: string }) => api.post<StocktakeDetail>(S, input),
  saveLines: (id: string, unit: string, lines: StocktakeLineInput[], removeSurplus: string[] = []) =>
    request<StocktakeSheet>('PUT', `${S}/${enc(id)}/units/${enc(unit)}/lines`, { body: { lines, removeSurplus } }),
  confirm: (id: string, unit: string, signers: Signer[]) => api.post<StocktakeSheet>(`${S}/${enc(id)}/units/${enc(unit)}/confirm`, { signers }),
  reopen: (id: string, unit: string) => api.post<StocktakeSheet>(`${S}/${enc(id)}/units/${enc(unit)}/reopen`),
  close: (id: string, force: boolean) => api.post<StocktakeDifferences>(`${S}/${enc(id)}/close`, { force }),
  apply: (id: string, asset: string, version: number, note?: string | null) => api.post<StocktakeDifferences>(`${S}/${enc(id)}/apply`, { asset, version, note }),
  createProposal: (input: Record<string, unknown>) => api.post<Proposal>(P, input),
  decide: (id: string, input: { approve: boolean; decisionNo?: string | null; note?: string | null }) => api.post<Proposal>(`${P}/${enc(id)}/decide`, input),
  step: (id: string, step: 'done' | 'hand-over' | 'accept' | 'withdraw', note?: string | null) => api.post<Proposal>(`${P}/${enc(id)}/${step}`, { note }),
};

export const recordUrl = (id: string, format: 'docx' | 'xlsx', orgUnit?: string) =>
  `${S}/${enc(id)}/record.${format}${orgUnit ? `?${new URLSearchParams({ orgUnit })}` : ''}`;
export const minutesUrl = (id: string) => `${P}/${enc(id)}/minutes.docx`;
