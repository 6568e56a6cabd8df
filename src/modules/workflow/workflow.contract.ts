// The workflow module's contract: the form actions (complete → approve / return → reopen), the
// parent's overview of its children's forms and the completeness report. Pure: shared with the web app.
import { z } from 'zod';
import { FormQuery, periodIso, ref, wholeNumber, type Ref } from '../../core/fields.js';
import type { PeriodType } from '../../lib/periods.js';

export type FormState = 'open' | 'completed' | 'approved' | 'returned';
export type FormAction = 'complete' | 'uncomplete' | 'approve' | 'return' | 'reopen';

const text = z.string().trim().max(2000);

// ------------------------------------------------------------------ inputs

/** POST /api/forms/complete, /uncomplete, /approve: the form and an optional comment. */
export const FormActionInput = FormQuery.extend({ comment: text.nullable().optional() });
/** POST /api/forms/return: the comment says what to correct. */
export const ReturnInput = FormQuery.extend({ comment: text.min(1) });
/** POST /api/forms/reopen: an approved form, with the reason. */
export const ReopenInput = FormQuery.extend({ reason: text.min(1) });
/** GET /api/forms/status and /api/forms/events. */
export const FormStatusQuery = FormQuery;

export const MAX_COMPLETENESS_PERIODS = 120;

/** GET /api/completeness. */
export const CompletenessQuery = z.object({
  dataSet: ref,
  orgUnit: ref,
  startPeriod: periodIso.optional(),
  endPeriod: periodIso.optional(),
  /** Rows: the unit's children, or its descendants at an absolute level of the tree. */
  level: z.union([z.literal('children'), wholeNumber(1, 20)]).default('children'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

/**
 * GET /api/forms/todo: the forms that need the caller (data:write) — of their own unit, or of
 * `orgUnit` (a unit in their scope). `dataSet` narrows to one data set; `all=true` also lists the
 * recent periods already completed or approved (the entry page marks its period picker with them).
 */
export const TodoQuery = z.object({
  orgUnit: ref.optional(),
  dataSet: ref.optional(),
  all: z.enum(['true', 'false']).optional(),
});

export type FormActionInput = z.input<typeof FormActionInput>;
export type TodoQuery = z.input<typeof TodoQuery>;
export type CompletenessQuery = z.input<typeof CompletenessQuery>;

// ------------------------------------------------------------------ answers

/** The state of one form after a workflow action. */
export interface WorkflowStatus {
  dataSet: string;
  orgUnit: Ref;
  period: string;
  state: FormState;
  completedAt: string | null;
  completedBy: string | null;
  onTime: boolean | null;
  approvedAt: string | null;
  approvedBy: string | null;
  comment: string | null;
}

/** GET /api/forms/status: one unit's form in the parent's overview. */
export interface UnitFormStatus {
  orgUnit: Ref;
  /** The parent unit's own form (approved one level higher, not here). */
  self: boolean;
  state: FormState;
  completedAt: string | null;
  completedBy: string | null;
  onTime: boolean | null;
  deadline: string;
  closesOn: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  comment: string | null;
  valueCount: number;
  /** Completed and the caller approves at the level above this unit. */
  canApprove: boolean;
}

/** GET /api/forms/events: the form's workflow events, oldest first. */
export interface WorkflowEvent {
  action: FormAction;
  comment: string | null;
  username: string | null;
  at: string;
}

export interface CompletenessCounts {
  expected: number;
  reported: number;
  onTime: number;
  late: number;
  missing: number;
  /** Percentages with one decimal; null when nothing is expected. */
  reportingRate: number | null;
  onTimeRate: number | null;
}

/** GET /api/completeness (format json). */
export interface CompletenessReport {
  dataSet: { id: string; code: string; name: string; nameEn: string | null; periodType: PeriodType };
  orgUnit: Ref;
  level: 'children' | number;
  periods: string[];
  rows: (CompletenessCounts & { orgUnit: Ref; period: string })[];
  totals: (CompletenessCounts & { period: string })[];
}

/** Why and by whom a form was sent back for correction (the last return or reopen). */
export interface TodoReturn {
  reason: string | null;
  /** Username of the approver who returned it. */
  by: string | null;
  at: string;
}

/** GET /api/forms/todo: one form that needs entering (or, with `all`, a recent form's state). */
export interface TodoItem {
  dataSet: { id: string; code: string; name: string; nameEn: string | null };
  orgUnit: Ref;
  period: string;
  /** The period in the caller's language ("tháng 5 năm 2024"). */
  periodName: string;
  state: FormState;
  /** Last day for on-time reporting. */
  deadline: string;
  /** Last day entry is accepted; null = no limit. */
  closesOn: string | null;
  /** Not completed and the deadline has passed. */
  overdue: boolean;
  /** The period has not ended yet: figures are entered as the month goes, not yet due. */
  ongoing: boolean;
  /** Returned (or reopened) for correction: the reason, who, when. */
  returned: TodoReturn | null;
}
