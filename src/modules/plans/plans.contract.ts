// The plans module's contract: annual targets per unit (set top-down and distributed to the
// children), the check that children add up, and "% of plan". Pure: shared with the web app.
import { z } from 'zod';
import { isoDate, periodIso, ref, wholeNumber, type Ref } from '../../core/fields.js';

export type TargetType = 'dataElement' | 'indicator';
export type PlanMethod = 'manual' | 'lastYearShare' | 'population';
/** How values of a data element add up over time. */
export type AggregationType = 'SUM' | 'LAST' | 'AVERAGE' | 'NONE';
export type SumStatus = 'ok' | 'mismatch' | 'notDistributed' | 'noChildren' | 'noParentTarget' | 'notAdditive';

// ------------------------------------------------------------------ inputs

const year = wholeNumber(2000, 2100);
const targetType = z.enum(['dataElement', 'indicator']);
/** Targets are counts or amounts: finite, not negative, below 10^15 (what a float keeps exactly enough). */
const targetValue = z.number().finite().min(0).max(1e15);
const MAX_TARGETS = 1000;

/** GET /api/plans and /api/plans/check: a unit's plans for a year, children as of `asOf` (default 1 January). */
export const PlansQuery = z.object({ year, orgUnit: ref, asOf: isoDate.optional() });

export const TargetInput = z.object({
  targetType,
  target: ref,
  categoryOptionCombo: ref.nullish(),
  /** null removes the target. */
  value: targetValue.nullable(),
});

/** PUT /api/plans: sets (or with value null removes) targets of one unit. */
export const SetTargetsInput = z.object({
  year,
  orgUnit: ref,
  targets: z.array(TargetInput).min(1).max(MAX_TARGETS),
});

/** POST /api/plans/distribute. */
export const DistributeInput = z.object({
  year,
  orgUnit: ref,
  targetType,
  target: ref,
  categoryOptionCombo: ref.nullish(),
  method: z.enum(['manual', 'lastYearShare', 'population']),
  /** For 'manual': child (id or code) → value (null removes). Children left out are unchanged. */
  values: z
    .record(z.string().max(100), targetValue.nullable())
    .refine((v) => Object.keys(v).length <= MAX_TARGETS, 'field.tooLong')
    .optional(),
  dryRun: z.boolean().default(false),
  asOf: isoDate.optional(),
});

const TargetFilter = z.object({ targetType, target: ref, categoryOptionCombo: ref.nullish() });

/** GET /api/plans/progress: the unit (orgUnit or orgUnitId), the year and the month (period or upToPeriod). */
export const ProgressQuery = z.object({
  orgUnitId: ref.optional(),
  orgUnit: ref.optional(),
  year,
  upToPeriod: periodIso.optional(),
  period: periodIso.optional(),
  targets: z.array(TargetFilter).max(500).optional(),
});

export type TargetInput = z.input<typeof TargetInput>;
export type SetTargetsInput = z.input<typeof SetTargetsInput>;
export type DistributeInput = z.input<typeof DistributeInput>;
export type ProgressQuery = z.input<typeof ProgressQuery>;

// ------------------------------------------------------------------ answers

export interface TargetRef {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  /** Data elements: how values add up over time; indicators: null. */
  aggregationType: AggregationType | null;
}

export interface CocRef {
  id: string;
  code: string | null;
  name: string;
}

/** What is planned: a data element (optionally one option combo) or an indicator. */
export interface TargetDescription {
  targetType: TargetType;
  target: TargetRef;
  categoryOptionCombo: CocRef | null;
}

/** Whether the children's targets add up to the parent's. */
export interface SumCheck {
  status: SumStatus;
  childrenSum: number | null;
  difference: number | null;
  missingChildren: number;
}

export interface PlanRow extends TargetDescription, SumCheck {
  /** `${targetType}|${targetId}|${optionComboId}` */
  key: string;
  value: number | null;
  method: PlanMethod | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** Child id → its target (null: none). */
  children: Record<string, { value: number; method: PlanMethod } | null>;
}

/** GET /api/plans. */
export interface Plans {
  year: number;
  asOf: string;
  orgUnit: Ref;
  children: Ref[];
  /** The caller may set the unit's own targets (it lies strictly below the caller's unit). */
  canEdit: boolean;
  /** The caller may distribute the unit's targets to its children. */
  canDistribute: boolean;
  targets: PlanRow[];
}

/** PUT /api/plans. */
export interface SetTargetsResult {
  changed: number;
  plans: Plans;
}

export interface PlanMismatch extends TargetDescription {
  parent: Ref;
  value: number;
  childrenSum: number | null;
  difference: number | null;
  missingChildren: number;
}

/** GET /api/plans/check. */
export interface PlanCheck {
  year: number;
  asOf: string;
  orgUnit: Ref;
  mismatches: PlanMismatch[];
}

/** GET /api/plans/options. */
export interface PlanOptions {
  dataElements: (TargetRef & { categoryOptionCombos: CocRef[] })[];
  indicators: { id: string; code: string; name: string; nameEn: string | null }[];
}

export interface DistributionRow {
  orgUnit: Ref;
  weight: number | null;
  share: number | null;
  before: number | null;
  after: number | null;
}

/** POST /api/plans/distribute. */
export interface Distribution extends TargetDescription, SumCheck {
  dryRun: boolean;
  year: number;
  method: PlanMethod;
  orgUnit: Ref;
  parentValue: number | null;
  rows: DistributionRow[];
}

export interface ProgressItem extends TargetDescription {
  /** The annual target. */
  targetValue: number;
  /** Year to date (January..period) for the unit's subtree: SUM for flows, latest month for stocks; indicators from aggregated parts. */
  ytdValue: number | null;
  ytdPercent: number | null;
  /** The month alone, and its share of the annual target. */
  periodValue: number | null;
  periodPercent: number | null;
}

/** GET /api/plans/progress. */
export interface Progress {
  orgUnit: Ref;
  year: number;
  /** First month of the year. */
  from: string;
  period: string;
  items: ProgressItem[];
}
