// The equipment module's contract: inputs of its API (zod, validated by the server) and its answers
// (types, imported by the web app). Pure: no server code.
//
// An asset is a fixed asset (one row per item) or a counted lot of low-value tools (quantity > 1),
// held by a unit (and a room). Its status is where it stands today; its history keeps every change.
import { z } from 'zod';
import { isoDate, nonEmpty, paging, ref, wholeNumber, type Ref } from '../../core/fields.js';

export const ASSET_STATUSES = ['in_use', 'broken', 'in_repair', 'idle', 'pending_disposal', 'disposed', 'transferred', 'locked'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
/** Statuses of an asset that works and may be used (counted as functional stock). */
export const FUNCTIONAL_STATUSES: readonly AssetStatus[] = ['in_use', 'idle'];
/** Statuses of an asset no longer held by its unit (kept in the register, out of lists by default). */
export const GONE_STATUSES: readonly AssetStatus[] = ['disposed', 'transferred'];

export const FUNDING_SOURCES = ['ngan_sach', 'xa_hoi_hoa', 'vien_tro', 'du_an', 'khac'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export const SCHEDULE_KINDS = ['kiem_dinh', 'hieu_chuan', 'kiem_chuan', 'kiem_xa', 'xray_licence', 'maintenance'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** Largest cost of one item we accept (a CT scanner is a few tens of billions of đồng). */
export const MAX_COST = 1_000_000_000_000;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullish().transform((v) => (v ? v : null));
const optionalDate = isoDate.nullish().transform((v) => v ?? null);

/** The fields of an asset a manager writes (create: all required ones; update: any subset). */
export const AssetFields = z.object({
  tag: optionalText(60),
  orgUnit: ref,
  room: optionalText(120),
  category: nonEmpty(60),
  name: nonEmpty(300),
  riskClass: z.enum(RISK_CLASSES).nullish().transform((v) => v ?? null),
  make: optionalText(120),
  model: optionalText(120),
  serial: optionalText(120),
  yearMade: wholeNumber(1950, 2100).nullish().transform((v) => v ?? null),
  origin: optionalText(120),
  supplier: optionalText(300),
  acquired: isoDate,
  cost: wholeNumber(0, MAX_COST),
  funding: z.enum(FUNDING_SOURCES).default('ngan_sach'),
  warrantyUntil: optionalDate,
  accessories: optionalText(2000),
  quantity: wholeNumber(1, 100_000).default(1),
  /** Useful life in years when it differs from the category's (wear uses it). */
  lifeYears: wholeNumber(1, 100).nullish().transform((v) => v ?? null),
  notes: optionalText(4000),
});
export type AssetFields = z.infer<typeof AssetFields>;

export const CreateAssetInput = AssetFields.extend({
  /** The status of an asset entered into the register (default: in use). */
  status: z.enum(ASSET_STATUSES).default('in_use'),
});
export type CreateAssetInput = z.infer<typeof CreateAssetInput>;

export const UpdateAssetInput = AssetFields.omit({ orgUnit: true })
  .partial()
  .extend({
    /** The version the user saw: a change made meanwhile by someone else is refused (CONFLICT). */
    version: wholeNumber(1, 1_000_000_000),
    /** Why (kept in the history). */
    note: optionalText(1000),
  });
export type UpdateAssetInput = z.infer<typeof UpdateAssetInput>;

/** A manager's change of status (a station reports a breakdown through a work order instead). */
export const StatusInput = z.object({
  status: z.enum(['in_use', 'idle', 'broken']),
  note: optionalText(1000),
  version: wholeNumber(1, 1_000_000_000),
});

export const AssetQuery = z.object({
  /** A unit (id or code): its assets and its whole subtree's. Default: the user's unit. */
  orgUnit: ref.optional(),
  q: text(200).optional(),
  category: text(60).optional(),
  group: text(60).optional(),
  status: z
    .union([z.enum(ASSET_STATUSES), z.enum(['functional', 'gone', 'all'])])
    .optional(),
  /** Only the fully worn assets as of this date. */
  fullyWornOn: isoDate.optional(),
  paging: z.enum(['true', 'false']).default('true'),
  ...paging(50, 500),
});

export const ValueQuery = z.object({ date: isoDate.optional() });

export const MissingQuery = z.object({
  orgUnit: ref.optional(),
  /** Only the essential items of the standard list. */
  essential: z.enum(['true', 'false']).optional(),
  date: isoDate.optional(),
});

export const ProcurementQuery = MissingQuery.extend({ year: wholeNumber(2000, 2100).optional() });

export const StandardItemInput = z.object({
  unitKind: z.enum(['station', 'health_centre']),
  code: nonEmpty(60),
  name: nonEmpty(300),
  nameEn: optionalText(300),
  categories: z.array(nonEmpty(60)).min(1).max(20),
  required: wholeNumber(0, 1000),
  essential: z.boolean().default(false),
});
export type StandardItemInput = z.infer<typeof StandardItemInput>;

// ------------------------------------------------------------------ answers

export interface Category {
  code: string;
  group: string;
  groupName: string;
  name: string;
  riskClass: RiskClass | null;
  wearClass: string;
  counted: boolean;
}

/** One asset as lists show it (the contract of GET /api/equipment/assets). */
export interface AssetSummary {
  id: string;
  tag: string;
  name: string;
  category: string;
  categoryName: string;
  status: AssetStatus;
  cost: number;
  quantity: number;
  acquired: string;
  orgUnit: Ref;
  room: string | null;
  riskClass: RiskClass | null;
  fullyWornOn: string | null;
  /** The earliest inspection or calibration due (null: none scheduled). */
  nextDue: string | null;
}

export interface AssetList {
  assets: AssetSummary[];
  /** totalIsAtLeast: a search counted up to its cap; there are more. */
  pager?: { page: number; pageSize: number; total: number; pageCount: number; totalIsAtLeast?: true };
}

export interface AssetValue {
  cost: number;
  accumulatedWear: number;
  residual: number;
  date: string;
  fixedAsset: boolean;
  fullyWorn: boolean;
  years: { year: number; rule: string; ratePct: number; wear: number }[];
}

export interface AssetEvent {
  id: number;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
  user: string | null;
  at: string;
}

export interface AssetDetail extends AssetSummary {
  make: string | null;
  model: string | null;
  serial: string | null;
  yearMade: number | null;
  origin: string | null;
  supplier: string | null;
  funding: FundingSource;
  warrantyUntil: string | null;
  accessories: string | null;
  lifeYears: number | null;
  fixedAsset: boolean;
  statusSince: string;
  notes: string | null;
  version: number;
  value: AssetValue;
  files: { id: string; kind: 'photo' | 'document'; fileName: string; size: number; at: string }[];
  history: AssetEvent[];
  /** What the caller may do with it. */
  can: { manage: boolean; report: boolean };
}

export interface MissingItem {
  item: string;
  code: string;
  required: number;
  functional: number;
  missing: number;
  essential: boolean;
}

export interface MissingList {
  orgUnit: Ref;
  date: string;
  items: MissingItem[];
}

/** A unit kind's standard list (GET /api/equipment/standards/:kind); canEdit: the caller may change it. */
export interface StandardList {
  unitKind: string;
  items: { code: string; name: string; nameEn: string | null; categories: string[]; required: number; essential: boolean }[];
  canEdit: boolean;
}
