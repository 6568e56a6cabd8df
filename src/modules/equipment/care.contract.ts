// The contract of equipment care: inspection and calibration schedules and their records (with the
// lock of a failed inspection), maintenance work orders (corrective and preventive), and the KPIs per
// unit. Inputs (zod, validated by the server) and answers (types, imported by the web app). Pure: no
// server code.
//
// Endpoints (all under /api/equipment):
//   GET    /assets/:id/care                    → AssetCare (schedules, recent inspections)
//   POST   /assets/:id/schedules               ScheduleInput → Schedule (manage)
//   PATCH  /schedules/:id                      ScheduleUpdate → Schedule (manage)
//   POST   /schedules/:id/inspections          InspectionInput → Inspection (manage; fail locks the asset)
//   POST   /inspections/:id/file               multipart, one file → Inspection (the certificate; manage)
//   GET    /inspections/due?orgUnit=&within=30 → DueList (overdue first, then due within N days)
//   GET    /work-orders?orgUnit=&status=open   → WorkOrderList (a unit's subtree)
//   GET    /assets/:id/work-orders             → WorkOrderList (one asset, all statuses)
//   POST   /assets/:id/work-orders             ReportInput → WorkOrder (a breakdown; report)
//   POST   /schedules/:id/work-orders          PreventiveInput → WorkOrder (maintenance; manage)
//   GET    /work-orders/:id                    → WorkOrder
//   POST   /work-orders/:id/actions            WorkOrderAction → WorkOrder (assign, start, finish, cancel; manage)
//   POST   /work-orders/:id/photos             multipart, one image → WorkOrder (report, while open)
//   GET    /kpi?orgUnit=&date=                 → Kpi (the unit and one row per child unit)
import { z } from 'zod';
import { isoDate, nonEmpty, paging, ref, wholeNumber, type Ref } from '../../core/fields.js';
import { MAX_COST, SCHEDULE_KINDS, type AssetStatus, type ScheduleKind } from './equipment.contract.js';

export const INSPECTION_RESULTS = ['pass', 'fail'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export const WORK_ORDER_KINDS = ['corrective', 'preventive'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

export const WORK_ORDER_STATUSES = ['reported', 'assigned', 'in_repair', 'done', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
/** The statuses of a work order still open (what the centre's equipment officer follows). */
export const OPEN_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['reported', 'assigned', 'in_repair'];

export const WORK_ORDER_OUTCOMES = ['repaired', 'beyond_repair', 'no_fault'] as const;
export type WorkOrderOutcome = (typeof WORK_ORDER_OUTCOMES)[number];

/** The names of the kinds of schedule (notices, lists). */
export const SCHEDULE_KIND_NAMES: Record<ScheduleKind, { vi: string; en: string }> = {
  kiem_dinh: { vi: 'Kiểm định', en: 'Statutory inspection' },
  hieu_chuan: { vi: 'Hiệu chuẩn', en: 'Calibration' },
  kiem_chuan: { vi: 'Kiểm chuẩn', en: 'Performance check' },
  kiem_xa: { vi: 'Kiểm xạ', en: 'Radiation safety inspection' },
  xray_licence: { vi: 'Giấy phép sử dụng thiết bị X-quang', en: 'X-ray use licence' },
  maintenance: { vi: 'Bảo dưỡng định kỳ', en: 'Preventive maintenance' },
};

/** Days before the due date on which the daily job sends its notices (and on the day after it). */
export const DUE_NOTICE_DAYS = [30, 7] as const;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullish().transform((v) => (v ? v : null));
const version = wholeNumber(1, 1_000_000_000);

// ------------------------------------------------------------------ schedules and inspections

/** A new schedule of an asset (one per kind). Without `nextDue`: last done + interval, or today + interval. */
export const ScheduleInput = z.object({
  kind: z.enum(SCHEDULE_KINDS),
  intervalMonths: wholeNumber(1, 120),
  lastDone: isoDate.nullish().transform((v) => v ?? null),
  nextDue: isoDate.nullish().transform((v) => v ?? null),
  active: z.boolean().default(true),
});
export type ScheduleInput = z.infer<typeof ScheduleInput>;

/** A change of a schedule: any of its interval, whether it is active, its next due date. */
export const ScheduleUpdate = z
  .object({
    intervalMonths: wholeNumber(1, 120).optional(),
    active: z.boolean().optional(),
    nextDue: isoDate.nullable().optional(),
  })
  .refine((x) => x.intervalMonths !== undefined || x.active !== undefined || x.nextDue !== undefined, 'field.required');
export type ScheduleUpdate = z.infer<typeof ScheduleUpdate>;

/**
 * An inspection, calibration (or maintenance) done. The next due date is `validUntil` (the date the
 * certificate gives) when set, else `doneOn` + the schedule's interval. `fileId`: a document already
 * added to the asset (POST /assets/:id/files?kind=document), or add it afterwards through
 * POST /inspections/:id/file.
 */
export const InspectionInput = z.object({
  doneOn: isoDate,
  result: z.enum(INSPECTION_RESULTS),
  certificate: optionalText(120),
  body: optionalText(300),
  validUntil: isoDate.nullish().transform((v) => v ?? null),
  note: optionalText(2000),
  fileId: z.string().trim().max(40).nullish().transform((v) => v || null),
});
export type InspectionInput = z.infer<typeof InspectionInput>;

export const DueQuery = z.object({
  /** A unit (id or code) and its subtree; default: the caller's unit. */
  orgUnit: ref.optional(),
  /** Days ahead (0: only the overdue ones). */
  within: wholeNumber(0, 366).default(30),
  kind: z.enum(SCHEDULE_KINDS).optional(),
  /** The day the list is computed for (default today). */
  date: isoDate.optional(),
  ...paging(50, 500),
});
export type DueQuery = z.infer<typeof DueQuery>;

// ------------------------------------------------------------------ work orders

/** A breakdown reported by the station (or the centre): the asset becomes "broken". */
export const ReportInput = z.object({
  fault: nonEmpty(2000),
  note: optionalText(2000),
});
export type ReportInput = z.infer<typeof ReportInput>;

/** A preventive work order from a maintenance schedule (POST /schedules/:id/work-orders). */
export const PreventiveInput = z.object({
  fault: optionalText(2000),
  assignee: optionalText(300),
  note: optionalText(2000),
});
export type PreventiveInput = z.infer<typeof PreventiveInput>;

/** A step of a work order, by the centre (equipment:manage). `version`: the one the user saw. */
export const WorkOrderAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), version, assignee: nonEmpty(300), note: optionalText(2000) }),
  z.object({ action: z.literal('start'), version, assignee: optionalText(300), note: optionalText(2000) }),
  z.object({
    action: z.literal('finish'),
    version,
    outcome: z.enum(WORK_ORDER_OUTCOMES),
    cost: wholeNumber(0, MAX_COST).default(0),
    parts: optionalText(2000),
    note: optionalText(2000),
  }),
  z.object({ action: z.literal('cancel'), version, note: optionalText(2000) }),
]);
export type WorkOrderAction = z.infer<typeof WorkOrderAction>;

export const WorkOrderQuery = z.object({
  orgUnit: ref.optional(),
  /** 'open' (default): reported, assigned, in repair; 'closed': done or cancelled; 'all'; or one status. */
  status: z.union([z.enum(WORK_ORDER_STATUSES), z.enum(['open', 'closed', 'all'])]).default('open'),
  kind: z.enum(WORK_ORDER_KINDS).optional(),
  /** e.g. beyond_repair: the candidates for liquidation. */
  outcome: z.enum(WORK_ORDER_OUTCOMES).optional(),
  ...paging(50, 500),
});
export type WorkOrderQuery = z.infer<typeof WorkOrderQuery>;

// ------------------------------------------------------------------ KPIs

export const KpiQuery = z.object({
  orgUnit: ref.optional(),
  /** The day (default today): the tree as it stands on it, due and worn counts on it. */
  date: isoDate.optional(),
});
export type KpiQuery = z.infer<typeof KpiQuery>;

// ------------------------------------------------------------------ answers

export interface AssetBrief {
  id: string;
  tag: string;
  name: string;
  category: string;
  status: AssetStatus;
}

export interface Schedule {
  id: string;
  assetId: string;
  kind: ScheduleKind;
  intervalMonths: number;
  lastDone: string | null;
  nextDue: string | null;
  active: boolean;
  /** The result of the latest inspection recorded on it (null: none yet). */
  lastResult: InspectionResult | null;
}

export interface Inspection {
  id: string;
  scheduleId: string;
  assetId: string;
  kind: ScheduleKind;
  doneOn: string;
  result: InspectionResult;
  certificate: string | null;
  body: string | null;
  nextDue: string | null;
  note: string | null;
  file: { id: string; fileName: string } | null;
  by: string | null;
  at: string;
}

/** GET /assets/:id/care. */
export interface AssetCare {
  assetId: string;
  status: AssetStatus;
  /** Locked by a failed inspection (NĐ 98/2021 Điều 58): may not be used until one passes. */
  locked: boolean;
  schedules: Schedule[];
  /** The latest inspections, newest first (at most 100). */
  inspections: Inspection[];
  can: { manage: boolean; report: boolean };
}

export interface DueItem {
  scheduleId: string;
  kind: ScheduleKind;
  intervalMonths: number;
  lastDone: string | null;
  nextDue: string;
  overdue: boolean;
  /** Days from the list's date to the due date (negative: days overdue). */
  days: number;
  asset: AssetBrief;
  orgUnit: Ref;
}

export interface DueList {
  date: string;
  within: number;
  items: DueItem[];
  pager: { page: number; pageSize: number; total: number; pageCount: number };
}

export interface WorkOrderSummary {
  id: string;
  kind: WorkOrderKind;
  status: WorkOrderStatus;
  asset: AssetBrief;
  orgUnit: Ref;
  fault: string;
  reportedAt: string;
  reportedBy: string | null;
  assignee: string | null;
  finishedAt: string | null;
  outcome: WorkOrderOutcome | null;
  cost: number | null;
  /** Days from the report to the end (or to now while open), one decimal. */
  downtimeDays: number;
  version: number;
}

export interface WorkOrder extends WorkOrderSummary {
  scheduleId: string | null;
  assignedAt: string | null;
  startedAt: string | null;
  parts: string | null;
  note: string | null;
  photos: { id: string; fileName: string; size: number; at: string }[];
  can: {
    /** assign, start, finish, cancel (the centre). */
    manage: boolean;
    /** add photos (the station, while open). */
    report: boolean;
  };
}

export interface WorkOrderList {
  workOrders: WorkOrderSummary[];
  pager: { page: number; pageSize: number; total: number; pageCount: number };
}

/**
 * One unit's KPIs over its whole subtree. Status counts are of items (a counted lot of 20 thermometers
 * counts 20) and are today's; held = all but disposed and transferred.
 */
export interface KpiRow {
  orgUnit: Ref & { kind: string };
  /** Asset records held, and the items they hold (quantities summed). */
  assets: number;
  items: number;
  functional: number;
  /** functional / items × 100, one decimal; null when nothing is held. */
  functionalPct: number | null;
  broken: number;
  inRepair: number;
  locked: number;
  idle: number;
  pendingDisposal: number;
  /** Active schedules of held assets with next due < date. */
  inspectionsOverdue: number;
  /** Due from date to date + 30 days. */
  inspectionsDue30: number;
  /** Items fully worn on date (fully_worn_on <= date). */
  fullyWorn: number;
  openWorkOrders: number;
  /** Corrective work orders finished (done) in the 12 months before date, and their mean days. */
  repairs: number;
  meanRepairDays: number | null;
}

export interface Kpi {
  date: string;
  unit: KpiRow;
  children: KpiRow[];
}
