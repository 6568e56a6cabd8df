// Shapes of the data-entry and workflow API (src/modules/datavalues, src/modules/workflow).
import type { Id } from '../../api';

export interface DataSetRef {
  id: Id;
  code: string;
  name: string;
  nameEn?: string | null;
  periodType: 'Monthly' | 'Quarterly' | 'SixMonthly' | 'Yearly' | string;
  deadlineWorkingDays?: number;
  entryGraceDays?: number | null;
  assignedFrom?: string | null;
  assignedTo?: string | null;
  /** Assigned to the unit itself (false: only to units below it). */
  own?: boolean;
}

export interface NamedOption {
  code: string;
  name: string;
  nameEn?: string | null;
}

export interface FormCategory extends NamedOption {
  options: NamedOption[];
}

export interface OptionCombo {
  id: Id;
  code: string;
  name: string;
  nameEn?: string | null;
  /** Codes of the category options that make up this combo. */
  options: string[];
}

export interface FormElement {
  id: Id;
  code: string;
  name: string;
  nameEn?: string | null;
  formName?: string | null;
  valueType: string;
  aggregationType?: string;
  unit?: string | null;
  categories: FormCategory[];
  optionCombos: OptionCombo[];
}

export interface FormSection {
  id: Id;
  code?: string | null;
  name: string;
  nameEn?: string | null;
  elements: FormElement[];
}

export interface FormValue {
  dataElement: Id;
  categoryOptionCombo: Id;
  value: string;
  comment?: string | null;
  followUp?: boolean;
  storedBy?: string | null;
  lastUpdated?: string | null;
}

export interface Bound {
  dataElement: Id;
  categoryOptionCombo: Id;
  min: number | null;
  max: number | null;
}

export type FormState = 'open' | 'completed' | 'approved' | 'returned';

export interface FormStatus {
  state: FormState;
  editable: boolean;
  reason?: string | null;
  deadline?: string | null;
  closesOn?: string | null;
  completedAt?: string | null;
  completedBy?: string | null;
  onTime?: boolean | null;
  approvedAt?: string | null;
  approvedBy?: string | null;
  comment?: string | null;
  /** What the caller may do now (server-decided). */
  actions?: { complete?: boolean; uncomplete?: boolean; approve?: boolean; return?: boolean; reopen?: boolean };
}

export interface FormEvent {
  action: string;
  comment?: string | null;
  username?: string | null;
  at: string;
}

export interface FormData {
  dataSet: DataSetRef;
  orgUnit: { id: Id; code: string; name: string };
  period: { iso: string; start: string; end: string };
  sections: FormSection[];
  values: FormValue[];
  bounds: Bound[];
  status: FormStatus;
  events: FormEvent[];
}

export interface Violation {
  rule: { id: Id; code: string; name: string };
  importance: string;
  blocking: boolean;
  message: string;
  leftValue?: number | null;
  rightValue?: number | null;
  operator?: string;
  dataElements: Id[];
}

export interface PutValueBody {
  dataElement: Id;
  categoryOptionCombo: Id;
  orgUnit: Id;
  period: string;
  value: string | null;
  comment?: string | null;
  followUp?: boolean;
  baseLastUpdated?: string | null;
  source?: 'form' | 'offline';
}

export interface PutValueResult {
  value: string | null;
  lastUpdated: string | null;
  storedBy: string | null;
  conflict: null | { value: string | null; storedBy: string | null; lastUpdated: string | null };
}

export interface HistoryRow {
  auditType?: string;
  value?: string | null;
  previousValue?: string | null;
  comment?: string | null;
  source?: string | null;
  conflict?: boolean;
  modifiedBy?: string | null;
  created?: string | null;
  [k: string]: unknown;
}

export interface UnitStatus {
  orgUnit: { id: Id; code: string; name: string };
  state: FormState;
  completedAt?: string | null;
  completedBy?: string | null;
  onTime?: boolean | null;
  deadline?: string | null;
  approvedAt?: string | null;
  approvedBy?: string | null;
  valueCount?: number;
  /** The parent unit's own form (approved one level higher, not here). */
  self?: boolean;
  canApprove?: boolean;
}
