// The metadata module's contract: the inputs of /api/metadata/… (zod, validated by the server) and
// its answers (types, imported by the web app). Pure: no server code.
//
// Objects have the package shape (package.schema.ts): they refer to each other by code. Ids travel
// as strings (DHIS2-style uids).
import { z } from 'zod';
import { isoDate, paging, type Page } from '../../core/fields.js';
import {
  categoryComboSchema, categoryOptionSchema, categorySchema, constantSchema, dataElementSchema, dataSetSchema, indicatorSchema,
  indicatorTypeSchema, orgUnitGroupSchema, orgUnitGroupSetSchema, validationRuleSchema, type MetadataPackage,
} from './package.schema.js';

export {
  AGGREGATION_TYPES, IMPORTANCES, MISSING_VALUE_STRATEGIES, OPERATORS, PERIOD_TYPES, VALUE_TYPES, metadataPackageSchema,
  type MetadataPackage, type MetadataPackageInput,
} from './package.schema.js';

// ------------------------------------------------------------------ types of objects

/** The types of the generic CRUD API (/api/metadata/:type). */
export const META_TYPES = [
  'categoryOptions', 'categories', 'categoryCombos', 'dataElements', 'dataSets', 'indicatorTypes', 'indicators', 'constants',
  'validationRules',
] as const;
export type MetaType = (typeof META_TYPES)[number];

/** The input (create and update) of each CRUD type. */
export const CRUD_INPUTS = {
  categoryOptions: categoryOptionSchema,
  categories: categorySchema,
  categoryCombos: categoryComboSchema,
  dataElements: dataElementSchema,
  dataSets: dataSetSchema,
  indicatorTypes: indicatorTypeSchema,
  indicators: indicatorSchema,
  constants: constantSchema,
  validationRules: validationRuleSchema,
} as const satisfies Record<MetaType, z.ZodTypeAny>;
export type CrudInput<T extends MetaType> = z.input<(typeof CRUD_INPUTS)[T]>;

type WithId<T> = Omit<T, 'id'> & { id: string };
export type CategoryOption = WithId<z.infer<typeof categoryOptionSchema>>;
export type Category = WithId<z.infer<typeof categorySchema>>;
export type CategoryCombo = WithId<z.infer<typeof categoryComboSchema>> & { isDefault?: boolean };
export type DataElement = WithId<z.infer<typeof dataElementSchema>>;
export type DataSet = WithId<z.infer<typeof dataSetSchema>>;
export type DataSetSection = DataSet['sections'][number];
export type IndicatorType = WithId<z.infer<typeof indicatorTypeSchema>>;
export type Indicator = WithId<z.infer<typeof indicatorSchema>>;
export type Constant = WithId<z.infer<typeof constantSchema>>;
export type ValidationRule = WithId<z.infer<typeof validationRuleSchema>>;
export type OrgUnitGroupSet = WithId<z.infer<typeof orgUnitGroupSetSchema>>;
export type OrgUnitGroup = WithId<z.infer<typeof orgUnitGroupSchema>>;

/** A generated option combo, as the CRUD API shows it. */
export interface OptionComboItem {
  id: string;
  code: string | null;
  name: string;
  nameEn?: string;
  categoryCombo: string;
  sortOrder: number;
}

/** A category combo with its generated option combos. */
export type CategoryComboItem = CategoryCombo & { optionCombos: Pick<OptionComboItem, 'id' | 'code' | 'name' | 'nameEn'>[] };
/** A data set without its unit lists (see the assignments API); `orgUnitCount` counts the units the caller may see. */
export type DataSetItem = Omit<DataSet, 'orgUnits' | 'orgUnitKinds'> & { orgUnitCount: number };

/** What the CRUD API answers for each type. */
export interface MetaObjects {
  categoryOptions: CategoryOption;
  categories: Category;
  categoryCombos: CategoryComboItem;
  dataElements: DataElement;
  dataSets: DataSetItem;
  indicatorTypes: IndicatorType;
  indicators: Indicator;
  constants: Constant;
  validationRules: ValidationRule;
}
export type MetaObject = MetaObjects[MetaType];

/** A page of a list: `pageSize` is the number of items when paging is off. */
export type MetaPage<T> = Page<T> & { page: number; pageSize: number };

// ------------------------------------------------------------------ queries and inputs

export const ListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  ...paging(50, 5000),
  paging: z.enum(['true', 'false']).default('true'),
});

export const OptionCombosQuery = z.object({ categoryCombo: z.string().trim().max(100).optional() });

const unitRef = z.string().trim().min(1).max(100);

export const AssignmentsInput = z.object({
  assignments: z
    .array(z.object({ orgUnit: unitRef, validFrom: isoDate.optional(), validTo: isoDate.nullable().optional() }))
    .max(20000),
});
export type AssignmentsInput = z.input<typeof AssignmentsInput>;

/** A unit assigned to a data set over [validFrom, validTo) (validTo null: open-ended). */
export interface Assignment {
  orgUnit: { id: string; code: string; name: string; kind: string };
  validFrom: string;
  validTo: string | null;
}

export const CalendarQuery = z.object({ year: z.coerce.number().int().min(1900).max(2199).optional() });

export const CalendarDayInput = z.object({
  day: isoDate,
  kind: z.enum(['off', 'work']),
  name: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().max(300).optional(),
});

/** A configured day of the working-day calendar: a compensatory day off, or a weekend day worked. */
export interface CalendarDay {
  day: string;
  kind: 'off' | 'work';
  name: string;
  nameEn?: string;
}

const flag = z.enum(['true', 'false', '1', '0', 'TRUE', 'FALSE']).optional();
export const ImportQuery = z.object({
  dryRun: flag,
  importMode: z.enum(['COMMIT', 'VALIDATE', 'commit', 'validate']).optional(),
  /** Accepted (DHIS2 clients send them) and ignored: imports are always atomic. */
  atomicMode: z.string().max(20).optional(),
  importStrategy: z.string().max(30).optional(),
});

export const ExportQuery = z.object({
  dataSet: z.union([z.string().max(2000), z.array(z.string().max(100)).max(200)]).optional(),
});

// ------------------------------------------------------------------ packages

/** The object types of a package, in import order of their dependencies. */
export const PACKAGE_TYPES = [
  'categoryOptions', 'categories', 'categoryCombos', 'categoryOptionCombos', 'constants', 'indicatorTypes', 'dataElements',
  'dataSets', 'indicators', 'validationRules', 'organisationUnitGroupSets', 'organisationUnitGroups',
] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

export interface TypeReport {
  created: string[];
  updated: { code: string; changes: string[] }[];
  unchanged: number;
  /** Only for generated option combos that no longer exist. */
  deleted?: string[];
}

export interface ReportIssue {
  type: string;
  code: string;
  field?: string;
  message: string;
  /** Message key and parameters (for clients that translate themselves). */
  key?: string;
  params?: Record<string, string | number>;
  /** The problem is a conflict with existing data (HTTP 409 in the CRUD API), not bad input. */
  conflict?: boolean;
}

/** The report of a package import (also of a dry run: exactly what the import would do). */
export interface PackageImportReport {
  status: 'OK' | 'ERROR';
  dryRun: boolean;
  format: 'soyte' | 'dhis2';
  package?: { code: string; name: string; version: string };
  stats: { created: number; updated: number; unchanged: number; ignored: number; deleted: number };
  types: Partial<Record<PackageType, TypeReport>>;
  errors: ReportIssue[];
  warnings: ReportIssue[];
}

/** DHIS2's ImportReport (POST /api/metadata), enough for clients that read status, stats and errors; `soyte` is our report. */
export interface Dhis2ImportReport {
  status: 'OK' | 'WARNING' | 'ERROR';
  importParams: { importMode: 'VALIDATE' | 'COMMIT'; atomicMode: 'ALL' };
  stats: { created: number; updated: number; deleted: number; ignored: number; total: number };
  typeReports: {
    klass: string;
    stats: { created: number; updated: number; deleted: number; ignored: number; total: number };
    objectReports: { klass: string; uid: string; errorReports: { message: string; mainKlass: string; errorCode?: string; errorProperty?: string }[] }[];
  }[];
  soyte: PackageImportReport;
}

/** GET /api/metadata/export: a package (unit lists limited to the caller's scope unless they administer metadata). */
export type MetadataExport = MetadataPackage;
