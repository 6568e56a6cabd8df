// Excel import of an existing equipment register and printable QR labels: inputs (zod) and answers
// (types, imported by the web app). Pure: no server code.
//
// Import is two steps: POST /api/equipment/import/preview (multipart, one .xlsx) reads the workbook,
// matches its columns, checks every row and writes NOTHING; it answers a token. POST
// /api/equipment/import/confirm {token} writes the valid rows (one transaction) and says which rows
// were written, already there, or refused.
import { z } from 'zod';
import { ref, type Ref } from '../../core/fields.js';
import type { AssetStatus, FundingSource } from './equipment.contract.js';

/** An uploaded register: at most this size, this many data rows. */
export const IMPORT_MAX_MB = 5;
export const IMPORT_MAX_ROWS = 5000;
/** A preview waits this long for its confirmation. */
export const IMPORT_TTL_MINUTES = 60;

/** The fields a register's column can hold (what the column matcher recognises). */
export const IMPORT_FIELDS = [
  'name', 'tag', 'model', 'serial', 'make', 'origin', 'yearMade', 'acquired', 'cost', 'quantity', 'orgUnit', 'room', 'status', 'funding',
  'category', 'supplier', 'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const ImportPreviewQuery = z.object({
  /** The unit whose subtree the file's rows go to (rows without a unit cell go to this unit). Default: the user's unit. */
  orgUnit: ref.optional(),
});

export const ImportConfirmInput = z.object({ token: z.string().trim().min(10).max(64) });

export const LabelsQuery = z.object({
  /** Asset ids, comma-separated (at most LABELS_MAX). */
  assets: z.string().max(20_000).optional(),
  /** Or every asset (held now) of a unit and its subtree. */
  orgUnit: ref.optional(),
});
export const LABELS_MAX = 1000;

// ------------------------------------------------------------------ answers

export interface ImportColumn {
  /** The column's letter (A, B, …). */
  column: string;
  header: string;
  field: ImportField | null;
}

/** One row the confirmation writes (or finds already there). */
export interface ImportRow {
  /** The row number in the sheet (as Excel shows it). */
  row: number;
  name: string;
  tag: string | null;
  category: string;
  categoryName: string;
  /** True when the category was guessed from the name (no "Loại" column, or it did not say). */
  categoryGuessed: boolean;
  orgUnit: Ref;
  room: string | null;
  make: string | null;
  model: string | null;
  serial: string | null;
  origin: string | null;
  yearMade: number | null;
  acquired: string;
  cost: number;
  quantity: number;
  status: AssetStatus;
  funding: FundingSource;
  /** Already in the register (same tag, same serial in the same unit, or this very row imported before): not written again. */
  existing: { id: string; tag: string; reason: 'tag' | 'serial' | 'imported' } | null;
  /** Remarks that do not stop the row (a guessed date, a cost left empty …). */
  warnings: string[];
}

/** A row that cannot be written, with its reasons in the user's language. */
export interface ImportRowError {
  row: number;
  name: string | null;
  reasons: string[];
}

export interface ImportPreview {
  token: string;
  fileName: string;
  sheet: string;
  headerRow: number;
  columns: ImportColumn[];
  /** The unit the import goes into (its subtree). */
  orgUnit: Ref;
  rows: ImportRow[];
  errors: ImportRowError[];
  counts: { rows: number; new: number; existing: number; errors: number };
  expiresAt: string;
}

export interface ImportProgress {
  token: string;
  state: 'preview' | 'writing' | 'done';
  done: number;
  total: number;
}

export interface ImportResult {
  written: { row: number; id: string; tag: string; name: string }[];
  existing: { row: number; id: string; tag: string; name: string }[];
  refused: ImportRowError[];
}
