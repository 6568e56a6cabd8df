// The reports module's contract: what its API takes (zod schemas, validated by the server) and what it
// answers (types, imported by the web app). Pure: zod and the template's shape (template.schema.ts),
// no server code.
import { z } from 'zod';
import { isoDate } from '../../core/fields.js';
import type { ReportPeriodKind, TemplateDefinition } from './template.schema.js';

export * from './template.schema.js';

// ---------------------------------------------------------------- inputs

/** Version numbers (of reports and templates) the API accepts. */
export const MAX_VERSION = 2_000_000_000;
const version = z.number().int().min(1).max(MAX_VERSION);
/** A version number in a path or query string ("3"): digits only, 1 … MAX_VERSION. */
export const VersionParam = z
  .string()
  .regex(/^\d{1,10}$/, 'field.invalid')
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_VERSION, 'field.invalid');

const templateRef = z.string().trim().min(1).max(100);
const unitRef = z.string().trim().min(1).max(100);
const periodId = z.string().trim().min(1).max(40);

export const REPORT_FORMATS = ['docx', 'pdf', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** POST /api/reports: opens the report of (template, unit, period), creating its draft when missing. */
export const OpenReportInput = z.object({ template: templateRef, orgUnit: unitRef, period: periodId });
export type OpenReportInput = z.input<typeof OpenReportInput>;

/** GET /api/reports: filters (all optional). */
export const ListReportsQuery = z.object({
  orgUnit: z.string().trim().max(100).optional(),
  period: z.string().trim().max(40).optional(),
  template: z.string().trim().max(100).optional(),
  status: z.enum(['draft', 'final']).optional(),
});

/** Free-text keys of one report: as many as a template may have blocks. */
const MAX_TEXTS = 1000;
/** All free texts of one report together (≈ 300 pages): bounds what every save stores again. */
export const MAX_TEXTS_LENGTH = 1_000_000;
/** A template's definition as JSON (the largest default is about 35,000). */
export const MAX_TEMPLATE_LENGTH = 1_000_000;
/** Paragraphs, headings and tables of one document (a DOCX of this size takes seconds to write). */
export const MAX_DOCUMENT_BLOCKS = 5_000;

/** PUT /api/reports/:id: the free texts, number, issue date and signer; `version` is the one read. */
export const SaveReportInput = z.object({
  texts: z
    .record(z.string().max(50), z.string().max(50_000))
    .refine((t) => Object.keys(t).length <= MAX_TEXTS, 'field.tooLong')
    .optional(),
  number: z.string().trim().max(20).nullable().optional(),
  issuedOn: isoDate.nullable().optional(),
  signer: z.string().trim().max(100).nullable().optional(),
  version,
});
export type SaveReportInput = z.input<typeof SaveReportInput>;

/** POST /api/reports/:id/finalise: the version the user saw (a save meanwhile is refused). */
export const FinaliseReportInput = z.object({ version });

/** POST /api/reports/:id/reopen */
export const ReopenReportInput = z.object({ reason: z.string().trim().min(3).max(1000) });

/** POST /api/reports/batch: every unit of the template's kind inside `parent` (default: the caller's unit). */
export const BatchInput = z.object({
  template: templateRef,
  period: periodId,
  parent: unitRef.optional(),
  format: z.enum(['docx', 'pdf']).default('docx'),
});
export type BatchInput = z.input<typeof BatchInput>;

// ---------------------------------------------------------------- answers

export type ReportStatus = 'draft' | 'final';

/** A report (GET /api/reports/:id, and the answer of every change). Users are named by username. */
export interface Report {
  id: string;
  template: { code: string; name: string; version: number };
  orgUnit: { id: string; code: string; name: string };
  period: { id: string; name: string };
  status: ReportStatus;
  number: string | null;
  issuedOn: string | null;
  signer: string | null;
  texts: Record<string, string>;
  freeBlocks: { key: string; label: string; hint: string | null }[];
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  finalisedAt: string | null;
  finalisedBy: string | null;
  /** Notes for the user: `NO_DATA` when the unit has no value at all in the period (its figures read "chưa có số liệu"). */
  warnings: { code: string; message: string }[];
}

/** A row of GET /api/reports. */
export interface ReportSummary {
  id: string;
  template: { code: string; name: string };
  orgUnit: { id: string; code: string; name: string };
  period: { id: string; name: string };
  status: ReportStatus;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  finalisedAt: string | null;
}

/** GET /api/reports/:id/versions */
export interface ReportVersionInfo {
  version: number;
  status: ReportStatus;
  note: string | null;
  savedAt: string;
  savedBy: string | null;
}

/** GET /api/reports/:id/versions/:version */
export interface ReportVersion extends ReportVersionInfo {
  texts: Record<string, string>;
  number: string | null;
  issuedOn: string | null;
  signer: string | null;
}

/** A figure of a final report whose live value differs from the frozen one. */
export interface Difference {
  key: string;
  label: string;
  frozen: string;
  live: string;
  frozenValue: number | null;
  liveValue: number | null;
}

/** The state of the data a report read when it was finalised. */
export interface DataState {
  values: number;
  lastChange: string | null;
  finalisedAt: string;
}

/** GET /api/reports/:id/differences */
export interface Differences {
  finalisedAt: string;
  dataState: DataState | null;
  differences: Difference[];
}

/** POST /api/reports/batch */
export interface BatchStarted {
  id: string;
}

/** GET /api/reports/batch/:id */
export interface BatchState {
  id: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  /** The unit being written (its name). */
  current: string | null;
  /** Why a failed batch failed. */
  error: string | null;
  /** Units whose report could not be written (by name), with the reason. */
  errors: { orgUnit: string; message: string }[];
  /** The reports written: `orgUnit` is the unit's code, `fileName` is named by the unit's name. */
  reports: { id: string; orgUnit: string; fileName: string }[];
}

/** A row of GET /api/reportTemplates. */
export interface TemplateSummary {
  code: string;
  name: string;
  nameEn: string | null;
  unitKind: TemplateDefinition['unitKind'];
  periodKinds: ReportPeriodKind[];
  version: number;
  builtin: boolean;
  updatedAt: string;
  freeBlocks: number;
}

/** GET /api/reportTemplates/:code (a version of it), and the answer of a create or update. */
export interface TemplateView {
  code: string;
  version: number;
  /** The latest version (differs from `version` when an older one was asked for). */
  currentVersion: number;
  builtin: boolean;
  definition: TemplateDefinition;
  updatedAt: string;
  updatedBy: string | null;
}

/** GET /api/reportTemplates/:code/versions */
export interface TemplateVersionInfo {
  version: number;
  createdAt: string;
  createdBy: string | null;
}

/** A problem of a template, with its place: "blocks[12].text", "header.summary", "code". */
export interface TemplateProblem {
  path: string;
  message: string;
}

/** POST /api/reportTemplates/validate; a refused save carries the same list in `error.details.errors`. */
export interface TemplateValidation {
  ok: boolean;
  errors: TemplateProblem[];
}
