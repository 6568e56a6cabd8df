// The imports module's contract: the query parameters of the dataValueSets import and export and of
// the Excel template (zod schemas, DHIS2 names), and what those endpoints answer (types, imported by
// the web app). Pure: no server code.
import { z } from 'zod';
import { isoDate, ref } from '../../core/fields.js';

/** How the identifiers in a payload are read: DHIS2 uids, codes, or either (refused when ambiguous). */
export type IdScheme = 'uid' | 'code' | 'auto';
export type ImportStrategy = 'CREATE_AND_UPDATE' | 'CREATE' | 'UPDATE' | 'DELETE';

const importScheme = z
  .string()
  .max(20)
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.enum(['uid', 'id', 'code', 'auto']))
  .transform((s) => (s === 'id' ? 'uid' : s) as IdScheme);

/** DHIS2 booleans in a query: true/false/1/0 (an empty value is false). */
const queryBool = z
  .union([z.boolean(), z.string().max(10).transform((s) => s.trim().toLowerCase()).pipe(z.enum(['true', 'false', '1', '0', '']))])
  .transform((v) => v === true || v === 'true' || v === '1');

/** Query of POST /api/dataValueSets(.json|.csv|/xlsx). Unknown parameters (preheatCache …) are ignored. */
export const ImportQuery = z.object({
  idScheme: importScheme.optional(),
  dataElementIdScheme: importScheme.optional(),
  orgUnitIdScheme: importScheme.optional(),
  categoryOptionComboIdScheme: importScheme.optional(),
  dryRun: queryBool.optional(),
  atomic: queryBool.optional(),
  importStrategy: z
    .string()
    .max(40)
    .transform((s) =>
      s.trim().toUpperCase().replace('NEW_AND_UPDATES', 'CREATE_AND_UPDATE').replace(/^NEW$/, 'CREATE').replace(/^UPDATES$/, 'UPDATE').replace(/^DELETES$/, 'DELETE'),
    )
    .pipe(z.enum(['CREATE_AND_UPDATE', 'CREATE', 'UPDATE', 'DELETE']))
    .optional(),
});
export type ImportQuery = z.input<typeof ImportQuery>;

/** A comma-separated list or repeated parameter (`dataSet=A,B` or `dataSet=A&dataSet=B`). */
const refList = z
  .union([z.string().max(20_000), z.array(z.string().max(20_000)).max(1000)])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(ref).max(1000, 'field.tooLong'));
const exportScheme = z
  .string()
  .max(20)
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.enum(['uid', 'id', 'code']))
  .transform((s) => (s === 'id' ? 'uid' : s) as 'uid' | 'code');
const flag = z.union([z.boolean(), z.string().max(10)]).transform((v) => v === true || v === 'true' || v === '1');

/** Query of GET /api/dataValueSets(.json|.csv). */
export const ExportQuery = z.object({
  dataSet: refList.optional(),
  dataElement: refList.optional(),
  period: refList.optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  orgUnit: refList.optional(),
  children: flag.optional(),
  includeDescendants: flag.optional(),
  idScheme: exportScheme.optional(),
  dataElementIdScheme: exportScheme.optional(),
  orgUnitIdScheme: exportScheme.optional(),
  categoryOptionComboIdScheme: exportScheme.optional(),
  dataSetIdScheme: exportScheme.optional(),
  includeDeleted: z.string().max(10).optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export type ExportQuery = z.input<typeof ExportQuery>;

/** Query of GET /api/dataValueSets/template.xlsx: one form (data set × unit × period), by uid or code. */
export const TemplateQuery = z.object({ dataSet: ref, orgUnit: ref, period: z.string().trim().min(1).max(20) });
export type TemplateQuery = z.input<typeof TemplateQuery>;

/** A refused row (DHIS2 shape): rows refused for the same reason share one conflict. */
export interface ImportConflict {
  object: string;
  value: string;
  errorCode: string;
  property?: string;
  /** 0-based positions of the refused rows in the payload. */
  indexes: number[];
  /** CSV: the file line of each refused row (1-based). */
  lines?: number[];
  /** Excel: the cell address of each refused value. */
  cells?: string[];
}

export interface ImportCount {
  imported: number;
  updated: number;
  ignored: number;
  deleted: number;
}

/** The answer of POST /api/dataValueSets (DHIS2's ImportSummary). */
export interface ImportSummary {
  responseType: 'ImportSummary';
  status: 'SUCCESS' | 'WARNING' | 'ERROR';
  description: string;
  importOptions: {
    dryRun: boolean;
    atomic: boolean;
    importStrategy: ImportStrategy;
    idSchemes: { dataElementIdScheme: string; orgUnitIdScheme: string; categoryOptionComboIdScheme: string };
  };
  importCount: ImportCount;
  conflicts: ImportConflict[];
  /** The completeDate of the payload when its form was completed, else 'false'. */
  dataSetComplete: string;
  /** Seconds spent (soyte extension). */
  seconds?: number;
}

/** One value of GET /api/dataValueSets (DHIS2 shape; identifiers by the requested scheme). */
export interface ExportedValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  value: string;
  storedBy: string | null;
  created: string;
  lastUpdated: string;
  comment?: string;
  followup: boolean;
}

/** The answer of GET /api/dataValueSets (JSON); the CSV has DHIS2's columns (CSV_COLUMNS). */
export interface DataValueSet {
  dataSet?: string;
  period?: string;
  orgUnit?: string;
  dataValues: ExportedValue[];
}

/** DHIS2's CSV columns, in order (the header of exports; the order of imports without a header row). */
export const CSV_COLUMNS = [
  'dataelement', 'period', 'orgunit', 'categoryoptioncombo', 'attributeoptioncombo',
  'value', 'storedby', 'lastupdated', 'comment', 'followup', 'deleted',
] as const;
