// The contract of stocktaking (kiểm kê), liquidation (thanh lý) and transfer (điều chuyển) of equipment:
// inputs of the API (zod, validated by the server) and its answers (types, imported by the web app).
// Pure: no server code.
//
// A stocktaking campaign has a name, an as-of date and a scope (a unit and its subtree). Each unit in
// the scope marks every asset it holds found or missing, with the condition seen and (counted lots) the
// quantity counted, adds the surplus items it found that are not in the register, and confirms with the
// names of its signers. The differences (missing, surplus, condition other than the register's status,
// counted ≠ book quantity) come back per unit and for the campaign; applying one is an explicit step.
//
// A proposal is a liquidation or a transfer of one asset: proposed by the unit that holds it, decided
// by the unit that keeps its books or by the higher body (by value for a liquidation; by whether both
// units share their books for a transfer), then carried out (liquidation) or handed over and accepted
// by the receiving unit (transfer).
import { z } from 'zod';
import { isoDate, nonEmpty, ref, wholeNumber, type Ref } from '../../core/fields.js';
import { MAX_COST, type AssetStatus, type AssetSummary } from './equipment.contract.js';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullish().transform((v) => (v ? v : null));
const version = wholeNumber(1, 1_000_000_000);

// ------------------------------------------------------------------ stocktaking: inputs

/** What a counter saw: in working order, broken, or working but not used. */
export const STOCK_CONDITIONS = ['good', 'broken', 'idle'] as const;
export type StockCondition = (typeof STOCK_CONDITIONS)[number];

export const STOCK_OUTCOMES = ['found', 'missing', 'surplus'] as const;
export type StockOutcome = (typeof STOCK_OUTCOMES)[number];

export const STOCKTAKE_STATUSES = ['open', 'closed'] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];

/** Largest quantity counted on one line (as the register's quantity). */
export const MAX_COUNTED = 100_000;

export const CreateStocktakeInput = z.object({
  /** "Kiểm kê tài sản cuối năm 2026" */
  name: nonEmpty(300),
  /** The date the stocktaking is as of (values, the book list: assets acquired on or before it). */
  asOf: isoDate,
  /** The unit whose subtree is counted (id or code); default: the user's unit. */
  orgUnit: ref.optional(),
});
export type CreateStocktakeInput = z.infer<typeof CreateStocktakeInput>;

export const StocktakeQuery = z.object({
  /** Campaigns covering this unit (id or code); default: every campaign the user sees. */
  orgUnit: ref.optional(),
  status: z.enum(STOCKTAKE_STATUSES).optional(),
});

/** One line of a unit's count: an asset of the register found or missing, or a surplus item. */
export const StocktakeLineInput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('found'),
    /** The asset (id). */
    asset: ref,
    condition: z.enum(STOCK_CONDITIONS),
    /** Counted lots: the quantity counted (default: the book quantity). Single items: 1. */
    counted: wholeNumber(0, MAX_COUNTED).nullish().transform((v) => v ?? null),
    note: optionalText(1000),
  }),
  z.object({
    outcome: z.literal('missing'),
    asset: ref,
    note: optionalText(1000),
  }),
  z.object({
    outcome: z.literal('surplus'),
    /** An existing surplus line of this unit to change; absent: a new one. */
    id: ref.optional(),
    description: nonEmpty(300),
    /** A category of the catalogue. */
    category: nonEmpty(60),
    condition: z.enum(STOCK_CONDITIONS),
    counted: wholeNumber(1, MAX_COUNTED).default(1),
    note: optionalText(1000),
  }),
]);
export type StocktakeLineInput = z.infer<typeof StocktakeLineInput>;

/** Many lines at once (the table; the phone sends one). Lines of assets are replaced, not added. */
export const StocktakeLinesInput = z.object({
  lines: z.array(StocktakeLineInput).max(5000).default([]),
  /** Surplus lines to remove (their ids). */
  removeSurplus: z.array(ref).max(5000).default([]),
});
export type StocktakeLinesInput = z.infer<typeof StocktakeLinesInput>;

export const Signer = z.object({
  /** "Trưởng ban kiểm kê", "Kế toán", "Người kiểm kê" … */
  role: nonEmpty(120),
  name: nonEmpty(120),
});
export type Signer = z.infer<typeof Signer>;

/** A unit confirms its count; every asset of its list must be marked. The first signer signs for the unit. */
export const ConfirmStocktakeInput = z.object({
  signers: z.array(Signer).min(1).max(12),
});

export const CloseStocktakeInput = z.object({
  /** Close although some units holding assets have not confirmed (they are listed as unconfirmed). */
  force: z.boolean().default(false),
});

/** Applies one difference to the register (the asset's status or quantity), at the asset's version. */
export const ApplyDifferenceInput = z.object({
  asset: ref,
  version,
  note: optionalText(1000),
});

/** The record (DOCX, XLSX) of one unit of the campaign, or of the whole campaign (default). */
export const StocktakeRecordQuery = z.object({
  orgUnit: ref.optional(),
});

// ------------------------------------------------------------------ stocktaking: answers

export interface StocktakeUnitState {
  orgUnit: Ref;
  /** Assets of the register this unit holds (the book list). */
  held: number;
  /** Of those, marked found or missing. */
  marked: number;
  surplus: number;
  differences: number;
  confirmedAt: string | null;
  confirmedBy: string | null;
  signers: Signer[];
}

export interface StocktakeSummary {
  id: string;
  name: string;
  asOf: string;
  /** The root of the scope counted. */
  orgUnit: Ref;
  status: StocktakeStatus;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  /** Units holding assets, and those of them that confirmed. */
  progress: { units: number; confirmed: number };
}

export interface StocktakeList {
  stocktakes: StocktakeSummary[];
}

export interface StocktakeDetail extends StocktakeSummary {
  /** The units of the scope the caller sees (units without assets and lines left out). */
  units: StocktakeUnitState[];
  totals: DifferenceTotals;
  can: { close: boolean };
}

/** The asset as a counter sees it. */
export interface StockAsset {
  id: string;
  tag: string;
  name: string;
  category: string;
  categoryName: string;
  /** The category is counted by quantity (a lot of tools). */
  counted: boolean;
  status: AssetStatus;
  quantity: number;
  cost: number;
  room: string | null;
  serial: string | null;
  version: number;
}

export interface StockLine {
  id: string;
  outcome: StockOutcome;
  condition: StockCondition | null;
  counted: number | null;
  note: string | null;
  updatedBy: string | null;
  updatedAt: string;
}

export interface StocktakeSheetItem {
  asset: StockAsset;
  /** The condition the register's status stands for (in use → good, idle → idle, otherwise broken). */
  expected: StockCondition;
  /** Residual value of the lot as of the campaign's date (whole đồng). */
  residual: number;
  line: StockLine | null;
}

export interface StocktakeSurplus {
  id: string;
  description: string;
  category: string;
  categoryName: string;
  condition: StockCondition | null;
  counted: number;
  note: string | null;
}

/** One unit's list to count. */
export interface StocktakeSheet {
  stocktake: { id: string; name: string; asOf: string; status: StocktakeStatus; orgUnit: Ref };
  orgUnit: Ref;
  items: StocktakeSheetItem[];
  surplus: StocktakeSurplus[];
  confirmedAt: string | null;
  confirmedBy: string | null;
  signers: Signer[];
  can: { edit: boolean; reopen: boolean; apply: boolean };
}

export const DIFFERENCE_KINDS = ['missing', 'surplus', 'condition', 'quantity'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export interface StocktakeDifference {
  kind: DifferenceKind;
  orgUnit: Ref;
  lineId: string;
  /** The asset of the register (null for a surplus item). */
  asset: Pick<StockAsset, 'id' | 'tag' | 'name' | 'status' | 'quantity' | 'version'> | null;
  /** The surplus item's description, or the asset's name. */
  description: string;
  bookQuantity: number;
  counted: number;
  condition: StockCondition | null;
  expected: StockCondition | null;
  note: string | null;
  /** What "apply" changes in the register (null: nothing it can change, e.g. missing or surplus). */
  apply: { status?: AssetStatus; quantity?: number } | null;
  appliedAt: string | null;
}

export interface DifferenceTotals {
  missing: number;
  surplus: number;
  condition: number;
  quantity: number;
}

export interface StocktakeDifferences {
  stocktake: { id: string; name: string; asOf: string; status: StocktakeStatus; orgUnit: Ref };
  /** Units holding assets that have not confirmed. */
  unconfirmed: Ref[];
  differences: StocktakeDifference[];
  totals: DifferenceTotals;
}

// ------------------------------------------------------------------ liquidation and transfer: inputs

export const PROPOSAL_KINDS = ['liquidation', 'transfer'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/**
 * Why an asset is liquidated (NĐ 151/2017, NĐ 186/2025): its useful life is over (fully worn), repair
 * would cost more than the configured share of its cost, it is broken beyond repair, or another reason.
 */
export const LIQUIDATION_REASONS = ['fully_worn', 'repair_costly', 'beyond_repair', 'other'] as const;
export type LiquidationReason = (typeof LIQUIDATION_REASONS)[number];

export const TRANSFER_REASONS = ['idle', 'other'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

export type ProposalReason = LiquidationReason | TransferReason;

export const PROPOSAL_STATUSES = ['proposed', 'approved', 'rejected', 'handed_over', 'done', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Who decides: the unit that keeps the asset's books, or the higher body (the Department). */
export type Decider = 'unit' | 'higher';

export const CreateProposalInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('liquidation'),
    asset: ref,
    reason: z.enum(LIQUIDATION_REASONS),
    /** The repair estimate (whole đồng): required for repair_costly. */
    repairEstimate: wholeNumber(0, MAX_COST).nullish().transform((v) => v ?? null),
    /** Required for 'other', and for beyond_repair without a work order closed beyond repair. */
    note: optionalText(2000),
  }),
  z.object({
    kind: z.literal('transfer'),
    asset: ref,
    /** The receiving unit (id or code). */
    toUnit: ref,
    reason: z.enum(TRANSFER_REASONS).default('idle'),
    note: optionalText(2000),
  }),
]);
export type CreateProposalInput = z.infer<typeof CreateProposalInput>;

export const ProposalQuery = z.object({
  /** Proposals of assets of this unit's subtree, sent or received (id or code); default: all the user sees. */
  orgUnit: ref.optional(),
  kind: z.enum(PROPOSAL_KINDS).optional(),
  status: z.enum(PROPOSAL_STATUSES).optional(),
  asset: ref.optional(),
  /** Only those the user can act on now (decide, hand over, accept, carry out). */
  actionable: z.enum(['true', 'false']).optional(),
});

export const DecideProposalInput = z
  .object({
    approve: z.boolean(),
    /** The decision's number ("Số: 125/QĐ-SYT"): required to approve. */
    decisionNo: optionalText(60),
    note: optionalText(2000),
  })
  .refine((d) => !d.approve || !!d.decisionNo, { message: 'equipment.decisionNoRequired', path: ['decisionNo'] });

/** Hand over, accept, carry out (liquidation done) or withdraw. */
export const ProposalStepInput = z.object({
  note: optionalText(2000),
});

export const IdleQuery = z.object({
  /** Idle assets of this unit's subtree (id or code); default: the user's unit. */
  orgUnit: ref.optional(),
});

// ------------------------------------------------------------------ liquidation and transfer: answers

/** The asset a proposal is about: the list's fields of it. */
export type ProposalAsset = Pick<AssetSummary, 'id' | 'tag' | 'name' | 'category' | 'categoryName' | 'status' | 'cost' | 'quantity' | 'acquired' | 'fullyWornOn'>;

export interface Proposal {
  id: string;
  kind: ProposalKind;
  asset: ProposalAsset;
  fromUnit: Ref;
  toUnit: Ref | null;
  /** The unit that keeps the books of the asset (a station's assets: its centre). */
  accountingUnit: Ref;
  reason: ProposalReason;
  repairEstimate: number | null;
  note: string | null;
  /** Residual value when proposed (whole đồng). */
  residual: number;
  decider: Decider;
  status: ProposalStatus;
  decisionNo: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  handedOverBy: string | null;
  handedOverAt: string | null;
  /** Transfer: the receiver who accepted it; liquidation: who recorded it carried out. */
  acceptedBy: string | null;
  acceptedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  /** What the caller may do now. */
  can: { decide: boolean; handOver: boolean; accept: boolean; done: boolean; withdraw: boolean; minutes: boolean };
}

export interface ProposalList {
  proposals: Proposal[];
}

/** The configured thresholds (NĐ 151/2017, NĐ 186/2025), for forms to explain who decides. */
export interface ProposalRules {
  /** Liquidations of assets costing at least this (whole đồng) are decided by the higher body. */
  decisionLimit: number;
  /** Repair above this share of the cost (%) justifies a liquidation. */
  repairSharePct: number;
}

export interface IdleCandidate {
  orgUnit: Ref;
  /** The standard item the unit lacks. */
  item: string;
  missing: number;
}

export interface IdleAsset extends AssetSummary {
  /** Units in the caller's scope whose missing list lacks this category (most missing first). */
  candidates: IdleCandidate[];
}

export interface IdleList {
  orgUnit: Ref;
  date: string;
  assets: IdleAsset[];
}
