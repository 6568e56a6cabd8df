// The facilities module's contract: inputs of its API (zod, validated by the server) and its answers
// (types, imported by the web app). Pure: no server code.
//
// Premises: one record per station or centre (land-use right, areas, year built, condition grade, last
// renovation, rooms, notes, photos), every change in the audit trail. Investment: a programme owned by
// a unit (the Department's planning office) holds projects (new build, renovation, equipment package)
// that cover units; a project goes through seven stages with planned and actual dates, gets capital
// allocated per year and disburses it month by month, with issues and photos.
import { z } from 'zod';
import { isoDate, nonEmpty, paging, ref, wholeNumber, type Ref } from '../../core/fields.js';

/** Condition grades of premises: tốt / xuống cấp / hư hỏng nặng. */
export const PREMISES_GRADES = ['good', 'degraded', 'severe'] as const;
export type PremisesGrade = (typeof PREMISES_GRADES)[number];

export const PROJECT_KINDS = ['new_build', 'renovation', 'equipment_package'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/**
 * The stages of a public investment project, in order: chủ trương đầu tư → phê duyệt dự án → thiết kế,
 * dự toán → lựa chọn nhà thầu → thi công → nghiệm thu, bàn giao → quyết toán.
 */
export const STAGES = ['policy', 'approval', 'design', 'procurement', 'construction', 'handover', 'settlement'] as const;
export type Stage = (typeof STAGES)[number];
/** A project past all stages. */
export type CurrentStage = Stage | 'done';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullish().transform((v) => (v ? v : null));
const optionalNumber = (min: number, max: number) => z.number().min(min).max(max).nullish().transform((v) => v ?? null);
const optionalWhole = (min: number, max: number) => wholeNumber(min, max).nullish().transform((v) => v ?? null);
/** Money in whole đồng (up to 10^15: a trillion-đồng programme a thousand times over). */
const money = wholeNumber(0, 1_000_000_000_000_000);
const version = wholeNumber(1, 1_000_000_000);
/** A month 'YYYY-MM'. */
export const isoMonth = z.string().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'facility.month');
const year = wholeNumber(1900, 2199);

// ---------------------------------------------------------------------------------------------
// Premises

export const PremisesInput = z
  .object({
    landRightSettled: z.boolean().nullish().transform((v) => v ?? null),
    landCertificate: optionalText(100),
    landAreaM2: optionalNumber(0, 10_000_000),
    yearBuilt: optionalWhole(1900, 2199),
    floorAreaM2: optionalNumber(0, 1_000_000),
    grade: z.enum(PREMISES_GRADES).nullish().transform((v) => v ?? null),
    lastRenovationYear: optionalWhole(1900, 2199),
    rooms: optionalWhole(0, 10_000),
    notes: optionalText(4000),
    /** The version read (optimistic locking; 0: nothing recorded yet); absent: overwrite. */
    version: wholeNumber(0, 1_000_000_000).optional(),
  })
  .refine((p) => !(p.landCertificate && p.landRightSettled === false), { message: 'facility.certificateWithoutRight', path: ['landCertificate'] })
  .refine((p) => p.yearBuilt === null || p.lastRenovationYear === null || p.lastRenovationYear >= p.yearBuilt, {
    message: 'facility.renovationBeforeBuilt',
    path: ['lastRenovationYear'],
  });
export type PremisesInput = z.input<typeof PremisesInput>;

export const PremisesQuery = z.object({
  /** Units of this subtree (default: the actor's scope). */
  orgUnit: ref.optional(),
  grade: z.enum([...PREMISES_GRADES, 'unknown'] as const).optional(),
  /** yes: settled; no: not settled; unknown: not recorded. */
  landRight: z.enum(['yes', 'no', 'unknown']).optional(),
  kind: z.enum(['station', 'health_centre']).optional(),
  q: text(100).optional(),
  ...paging(50, 1000),
});
export type PremisesQueryInput = z.input<typeof PremisesQuery>;

// ---------------------------------------------------------------------------------------------
// Programmes and projects

export const ProgrammeInput = z.object({
  name: nonEmpty(300),
  /** The owning unit (id or code); default: the user's unit. */
  ownerUnit: ref.nullish(),
  startYear: year,
  endYear: year,
  description: optionalText(4000),
}).refine((p) => p.endYear >= p.startYear, { message: 'facility.yearsReversed', path: ['endYear'] });

export const UpdateProgrammeInput = z.object({
  name: nonEmpty(300).optional(),
  startYear: year.optional(),
  endYear: year.optional(),
  description: optionalText(4000).optional(),
});

const Allocation = z.object({ year, amount: money });

export const ProjectInput = z.object({
  name: nonEmpty(300),
  kind: z.enum(PROJECT_KINDS),
  /** The units the project covers (ids or codes): stations or centres. */
  units: z.array(ref).min(1).max(500),
  investor: optionalText(300),
  budgetApproved: money.nullish().transform((v) => v ?? null),
  /** Capital allocated per year (kế hoạch vốn giao). */
  allocations: z.array(Allocation).max(50).default([]),
  notes: optionalText(4000),
});
export type ProjectInputData = z.input<typeof ProjectInput>;

export const UpdateProjectInput = z.object({
  version,
  name: nonEmpty(300).optional(),
  kind: z.enum(PROJECT_KINDS).optional(),
  units: z.array(ref).min(1).max(500).optional(),
  investor: optionalText(300).optional(),
  budgetApproved: money.nullish(),
  allocations: z.array(Allocation).max(50).optional(),
  notes: optionalText(4000).optional(),
});

export const StageInput = z
  .object({
    plannedStart: isoDate.nullish().transform((v) => v ?? null),
    plannedEnd: isoDate.nullish().transform((v) => v ?? null),
    actualStart: isoDate.nullish().transform((v) => v ?? null),
    actualEnd: isoDate.nullish().transform((v) => v ?? null),
    note: optionalText(2000),
  })
  .refine((s) => !s.plannedStart || !s.plannedEnd || s.plannedEnd >= s.plannedStart, { message: 'facility.datesReversed', path: ['plannedEnd'] })
  .refine((s) => !s.actualStart || !s.actualEnd || s.actualEnd >= s.actualStart, { message: 'facility.datesReversed', path: ['actualEnd'] });
export type StageInputData = z.input<typeof StageInput>;

/** One month of a project: the planned disbursement (kế hoạch giải ngân) and what was disbursed. */
export const MonthInput = z.object({
  planned: money.nullish().transform((v) => v ?? null),
  disbursed: money.nullish().transform((v) => v ?? null),
});

export const IssueInput = z.object({ text: nonEmpty(2000), openedOn: isoDate.nullish() });
export const UpdateIssueInput = z.object({ resolvedOn: isoDate.nullish(), resolution: optionalText(2000), text: nonEmpty(2000).optional() });

export const ProgrammesQuery = z.object({ q: text(100).optional(), ...paging(50, 200) });
export const ProjectsQuery = z.object({
  /** Projects covering this unit or its subtree. */
  unit: ref.optional(),
  programme: ref.optional(),
  kind: z.enum(PROJECT_KINDS).optional(),
  stage: z.enum([...STAGES, 'done'] as const).optional(),
  late: z.enum(['true', 'false']).optional(),
  ...paging(50, 500),
});
export type ProjectsQueryInput = z.input<typeof ProjectsQuery>;
export const CandidatesQuery = z.object({ q: text(100).optional() });
export const ProgressQuery = z.object({ year: year.optional() });

export const PhotoQuery = z.object({ orgUnit: ref.optional(), project: ref.optional(), caption: text(300).optional() });

// ---------------------------------------------------------------------------------------------
// Answers

export interface PhotoInfo {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  caption: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface Premises {
  unit: Ref & { kind: string; parent: Ref | null };
  /** False when nothing has been recorded yet (all fields null). */
  recorded: boolean;
  landRightSettled: boolean | null;
  landCertificate: string | null;
  landAreaM2: number | null;
  yearBuilt: number | null;
  floorAreaM2: number | null;
  grade: PremisesGrade | null;
  lastRenovationYear: number | null;
  rooms: number | null;
  notes: string | null;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface PremisesDetail extends Premises {
  photos: PhotoInfo[];
  canEdit: boolean;
  /** Projects covering the unit. */
  projects: ProjectItem[];
}

export interface PremisesPage {
  items: Premises[];
  total: number;
  /** Over the whole filtered list (not only the page). */
  counts: { good: number; degraded: number; severe: number; unknown: number; noLandRight: number };
}

export interface PremisesHistoryItem {
  at: string;
  user: string | null;
  action: string;
  before: unknown;
  after: unknown;
  details: unknown;
}

export interface Programme {
  id: string;
  name: string;
  owner: Ref;
  startYear: number;
  endYear: number;
  description: string | null;
  /** Counted over the projects the user may see. */
  projects: number;
  budgetApproved: number;
  allocated: number;
  disbursed: number;
  canManage: boolean;
}

export interface ProgrammeDetail extends Programme {
  items: ProjectItem[];
}

export interface ProjectItem {
  id: string;
  programmeId: string;
  programmeName: string;
  name: string;
  kind: ProjectKind;
  units: Ref[];
  investor: string | null;
  budgetApproved: number | null;
  allocated: number;
  disbursed: number;
  currentStage: CurrentStage;
  /** Stages whose planned end has passed without an actual end. */
  lateStages: Stage[];
  openIssues: number;
  version: number;
}

export interface StageRow {
  stage: Stage;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  note: string | null;
  late: boolean;
}

export interface MonthRow {
  month: string;
  planned: number | null;
  disbursed: number | null;
}

export interface IssueRow {
  id: string;
  text: string;
  openedOn: string;
  resolvedOn: string | null;
  resolution: string | null;
  createdBy: string | null;
}

export interface ProjectDetail extends ProjectItem {
  owner: Ref;
  notes: string | null;
  allocations: { year: number; amount: number }[];
  stages: StageRow[];
  months: MonthRow[];
  issues: IssueRow[];
  photos: PhotoInfo[];
  canManage: boolean;
}

/** `GET /api/facilities/programmes/:id/progress`: numbers the web draws (a table and bars). */
export interface ProgrammeProgress {
  programme: { id: string; name: string };
  year: number;
  asOf: string;
  projects: number;
  /** Projects by current stage (every stage listed, zeros included, then 'done'). */
  byStage: { stage: CurrentStage; projects: number }[];
  /** Per stage: finished, late (planned end passed, no actual end), in time. */
  stages: { stage: Stage; finished: number; late: number; planned: number }[];
  lateProjects: { id: string; name: string; stage: Stage; plannedEnd: string; daysLate: number }[];
  /** The year's capital: allocated (plan), disbursed so far and the share. */
  allocated: number;
  disbursed: number;
  disbursedPct: number | null;
  /** Month by month, cumulative over the year: planned and disbursed so far (null after asOf). */
  months: { month: string; planned: number; disbursed: number | null; cumulativePlanned: number; cumulativeDisbursed: number | null; pctOfAllocated: number | null }[];
}
