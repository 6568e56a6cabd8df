// The datavalues module's contract: what the data-entry API takes (zod schemas, validated by the
// server) and what it answers (types, imported by the web app). Pure: no server code.
import { z } from 'zod';
import { FormQuery, MAX_YEAR, MIN_YEAR, periodIso, ref, type Ref } from '../../core/fields.js';
import type { PeriodType } from '../../lib/periods.js';
import type { FormAction, FormState } from '../workflow/workflow.contract.js';

// ------------------------------------------------------------------ building blocks

/** A moment with its offset (ISO 8601), of the years 1900–2199 (PostgreSQL has no year 0). */
const moment = z
  .string()
  .datetime({ offset: true })
  .refine((s) => {
    const year = new Date(Date.parse(s)).getUTCFullYear();
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }, 'field.invalid');

// ------------------------------------------------------------------ inputs

/** A form: data set × unit × period (ids or codes). GET /api/dataEntry/form, POST …/validate. */
export { FormQuery };

export const DataSetsQuery = z.object({ orgUnit: ref, includeDescendants: z.enum(['true', 'false']).optional() });

/** One cell of a form. GET /api/dataEntry/history. */
export const CellQuery = z.object({
  dataElement: ref,
  categoryOptionCombo: ref.nullable().optional(),
  orgUnit: ref,
  period: periodIso,
});

/** PUT /api/dataEntry/value: value null or '' deletes. */
export const ValueInput = CellQuery.extend({
  value: z.union([z.string().max(60_000), z.number().finite(), z.boolean(), z.null()]),
  comment: z.string().max(2000).nullable().optional(),
  followUp: z.boolean().optional(),
  /** Offline saves: when the client last saw the value (null: it saw none); a newer stored value is a conflict. */
  baseLastUpdated: moment.nullable().optional(),
  source: z.enum(['form', 'offline']).default('form'),
});

/** PUT /api/dataEntry/comment: the comment and/or the follow-up flag of an existing value. */
export const CommentInput = CellQuery.extend({
  comment: z.string().max(2000).nullable().optional(),
  followUp: z.boolean().optional(),
});

export type CellQuery = z.infer<typeof CellQuery>;
export type ValueInput = z.input<typeof ValueInput>;
export type CommentInput = z.input<typeof CommentInput>;

// ------------------------------------------------------------------ answers

/** GET /api/dataEntry/dataSets: a data set assigned to the unit (or, with includeDescendants, below it). */
export interface EntryDataSet {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  periodType: PeriodType;
  deadlineWorkingDays: number;
  entryGraceDays: number | null;
  /** First day of the earliest assignment. */
  assignedFrom: string;
  /** End (exclusive) of the latest assignment; null = open-ended. */
  assignedTo: string | null;
  /** Assigned to the unit itself (false: only to units below it). */
  own: boolean;
}

export interface NamedOption {
  code: string;
  name: string;
  nameEn: string | null;
}

export interface FormCategory extends NamedOption {
  options: NamedOption[];
}

export interface OptionCombo {
  id: string;
  code: string | null;
  name: string;
  nameEn: string | null;
  /** Codes of the category options that make up this combo, in the combo's category order. */
  options: string[];
}

export interface FormElement {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  formName: string | null;
  /** Value type code of the metadata (NUMBER, INTEGER_ZERO_OR_POSITIVE, TEXT …). */
  valueType: string;
  /** SUM, LAST, AVERAGE, NONE. */
  aggregationType: string;
  zeroIsSignificant: boolean;
  unit: string | null;
  categories: FormCategory[];
  /** In grid order: first category slowest, last category fastest. */
  optionCombos: OptionCombo[];
}

export interface FormSection {
  /** null for the elements of the data set that are in no section. */
  id: string | null;
  code: string | null;
  name: string;
  nameEn: string | null;
  elements: FormElement[];
}

export interface FormValue {
  dataElement: string;
  categoryOptionCombo: string;
  value: string;
  comment: string | null;
  followUp: boolean;
  storedBy: string | null;
  lastUpdated: string;
}

/** Outlier bounds of a cell from the unit's own history (about ±3 standard deviations). */
export interface Bound {
  dataElement: string;
  categoryOptionCombo: string;
  min: number;
  max: number;
}

/** Why a form does not accept data now. */
export type WindowReason =
  | 'future' | 'expired' | 'notYetOpen' | 'completed' | 'approved' | 'notAssigned' | 'unitClosed' | 'wrongPeriodType';

export interface FormActions {
  complete: boolean;
  uncomplete: boolean;
  approve: boolean;
  return: boolean;
  reopen: boolean;
}

export interface FormStatus {
  state: FormState;
  editable: boolean;
  /** Why it is not editable: the window's reason, or the caller's ('outOfScope', 'noPermission'). */
  reason: WindowReason | 'outOfScope' | 'noPermission' | null;
  /** Last day for on-time reporting. */
  deadline: string;
  /** Last day entry is accepted; null = no limit. */
  closesOn: string | null;
  completedAt: string | null;
  completedBy: string | null;
  onTime: boolean | null;
  approvedAt: string | null;
  approvedBy: string | null;
  comment: string | null;
  /** What the caller may do now (decided by the server). */
  actions: FormActions;
}

export interface FormEvent {
  action: FormAction;
  comment: string | null;
  username: string | null;
  at: string;
}

/** A validation rule of the form, for checks in the browser (also offline). */
export interface FormValidationRule {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  importance: string;
  operator: string;
  /** Expressions use element/option-combo codes or uids: #{T_BIRTHS.T_MALE}. */
  leftExpression: string;
  leftMissingValueStrategy: string;
  rightExpression: string;
  rightMissingValueStrategy: string;
  message: string;
  messageEn: string | null;
}

/** GET /api/dataEntry/form. */
export interface EntryForm {
  dataSet: { id: string; code: string; name: string; nameEn: string | null; periodType: PeriodType };
  orgUnit: Ref;
  period: { iso: string; start: string; end: string };
  sections: FormSection[];
  values: FormValue[];
  bounds: Bound[];
  status: FormStatus;
  events: FormEvent[];
  validationRules: FormValidationRule[];
}

/** PUT /api/dataEntry/value. */
export interface SavedValue {
  value: string | null;
  lastUpdated: string | null;
  storedBy: string | null;
  /** Offline save over a value changed meanwhile by someone else: what was overwritten. */
  conflict: { value: string | null; storedBy: string | null; lastUpdated: string } | null;
}

/** PUT /api/dataEntry/comment. */
export interface SavedComment {
  value: string;
  comment: string | null;
  followUp: boolean;
  lastUpdated: string;
  storedBy: string | null;
}

/** GET /api/dataEntry/history: one change of a value, newest first. */
export interface HistoryItem {
  auditType: 'CREATE' | 'UPDATE' | 'DELETE';
  value: string | null;
  previousValue: string | null;
  comment: string | null;
  source: string | null;
  conflict: boolean;
  modifiedBy: string | null;
  created: string;
}

export interface Violation {
  rule: { id: string; code: string; name: string };
  importance: string;
  /** HIGH importance: completion is refused. */
  blocking: boolean;
  message: string;
  leftValue: number | null;
  rightValue: number | null;
  operator: string;
  /** uids of the data elements the rule references. */
  dataElements: string[];
}

/** POST /api/dataEntry/validate. */
export interface ValidationResult {
  violations: Violation[];
}
