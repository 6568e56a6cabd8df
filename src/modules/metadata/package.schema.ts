// soyte's metadata package format (JSON). Objects refer to each other by code. The importer
// (metadata.package.ts) also accepts DHIS2 metadata JSON and converts it to this shape first.
//
// Category option combos are generated from combos (the cartesian product of their categories'
// options, in category order); a generated combo's code is its options' codes joined by '_'
// (e.g. MALE, FEMALE; MALE_U5). The built-in combo, category, option and option combo are all
// coded 'default'. Expressions use #{DE_CODE}, #{DE_CODE.COC_CODE} and C{CONSTANT_CODE}.
import { z } from 'zod';

/**
 * Names of the properties every JavaScript object has ("__proto__", "constructor", "toString" …).
 * Codes key objects and maps across soyte (analytics, reports, imports): these are refused as codes
 * so that no code can ever reach an object's prototype.
 */
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const code = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_\-]+$/, 'metadata.codeChars')
  .refine((c) => !RESERVED.has(c), 'metadata.reservedCode');
const name = z.string().trim().min(1).max(300);
const optText = z.string().trim().max(2000).optional();
/** A unit by code or uid. */
const unitRef = z.string().trim().max(100);

export const VALUE_TYPES = [
  'NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE', 'INTEGER_NEGATIVE',
  'PERCENTAGE', 'UNIT_INTERVAL', 'TEXT', 'LONG_TEXT', 'BOOLEAN', 'TRUE_ONLY', 'DATE',
] as const;
export const AGGREGATION_TYPES = ['SUM', 'LAST', 'AVERAGE', 'NONE'] as const;
export const PERIOD_TYPES = ['Monthly', 'Quarterly', 'SixMonthly', 'Yearly'] as const;
export const IMPORTANCES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export const OPERATORS = [
  'equal_to', 'not_equal_to', 'greater_than', 'greater_than_or_equal_to',
  'less_than', 'less_than_or_equal_to', 'compulsory_pair', 'exclusive_pair',
] as const;
export const MISSING_VALUE_STRATEGIES = ['SKIP_IF_ANY_VALUE_MISSING', 'SKIP_IF_ALL_VALUES_MISSING', 'NEVER_SKIP'] as const;

/** Optional uid: kept when given (DHIS2 imports), generated otherwise. */
const id = z.string().regex(/^[A-Za-z][A-Za-z0-9]{10}$/).optional();

export const categoryOptionSchema = z.object({ id, code, name, nameEn: optText, shortName: optText });

export const categorySchema = z.object({
  id,
  code,
  name,
  nameEn: optText,
  dataDimensionType: z.enum(['DISAGGREGATION', 'ATTRIBUTE']).default('DISAGGREGATION'),
  options: z.array(code).min(1).max(1000),
});

export const categoryComboSchema = z.object({
  id,
  code,
  name,
  nameEn: optText,
  dataDimensionType: z.enum(['DISAGGREGATION', 'ATTRIBUTE']).default('DISAGGREGATION'),
  categories: z.array(code).min(1).max(20),
  /** uids of option combos when importing from DHIS2: key = option codes joined by '_'. */
  optionComboIds: z.record(z.string().max(100)).optional(),
});

export const dataElementSchema = z.object({
  id,
  code,
  name,
  nameEn: optText,
  shortName: optText,
  formName: optText,
  description: optText,
  valueType: z.enum(VALUE_TYPES).default('NUMBER'),
  aggregationType: z.enum(AGGREGATION_TYPES).default('SUM'),
  zeroIsSignificant: z.boolean().default(false),
  categoryCombo: code.default('default'),
  /** Unit of measure shown next to the field, e.g. "ca", "người", "đồng". */
  unit: optText,
});

export const dataSetSchema = z.object({
  id,
  code,
  name,
  nameEn: optText,
  shortName: optText,
  description: optText,
  periodType: z.enum(PERIOD_TYPES).default('Monthly'),
  categoryCombo: code.default('default'),
  deadlineWorkingDays: z.number().int().min(0).max(366).default(5),
  entryGraceDays: z.number().int().min(0).max(3660).nullable().default(null),
  sections: z
    .array(z.object({ id, code: code.optional(), name, nameEn: optText, description: optText, dataElements: z.array(code).max(5000) }))
    .max(500)
    .default([]),
  /** Elements not in any section (DHIS2 data sets without sections). */
  dataElements: z.array(code).max(10000).default([]),
  /** Assignment: units by code, and/or every unit of these kinds (station, health_centre, …) over its life. */
  orgUnits: z.array(unitRef).max(100000).default([]),
  orgUnitKinds: z.array(z.string().max(50)).max(20).default([]),
});

export const indicatorTypeSchema = z.object({ id, code, name, nameEn: optText, factor: z.number().positive().finite(), number: z.boolean().default(false) });

export const indicatorSchema = z.object({
  id,
  code,
  name,
  nameEn: optText,
  shortName: optText,
  description: optText,
  indicatorType: code,
  numerator: z.string().trim().min(1).max(5000),
  numeratorDescription: optText,
  denominator: z.string().trim().min(1).max(5000),
  denominatorDescription: optText,
  decimals: z.number().int().min(0).max(6).nullable().default(null),
  annualized: z.boolean().default(false),
});

export const constantSchema = z.object({ id, code, name, nameEn: optText, value: z.number().finite() });

const side = z.object({
  expression: z.string().trim().min(1).max(5000),
  description: optText,
  missingValueStrategy: z.enum(MISSING_VALUE_STRATEGIES).default('SKIP_IF_ALL_VALUES_MISSING'),
});

export const validationRuleSchema = z.object({
  id,
  code,
  name,
  nameEn: optText,
  description: optText,
  importance: z.enum(IMPORTANCES).default('MEDIUM'),
  periodType: z.enum(PERIOD_TYPES).default('Monthly'),
  leftSide: side,
  operator: z.enum(OPERATORS),
  rightSide: side,
  /** Shown to the person entering data; vi, with an English version. */
  message: name,
  messageEn: optText,
});

/** Optional (added for DHIS2 packages): group sets named in `organisationUnitGroups[].groupSet`. */
export const orgUnitGroupSetSchema = z.object({ id, code, name, nameEn: optText });

export const orgUnitGroupSchema = z.object({
  id,
  code,
  name,
  nameEn: optText,
  /** Group set code; groups without one go to a group set named after the package. */
  groupSet: code.optional(),
  orgUnits: z.array(unitRef).max(100000).default([]),
});

export const metadataPackageSchema = z.object({
  package: z.object({ code, name, version: z.string().max(50).default('1'), description: optText }).optional(),
  categoryOptions: z.array(categoryOptionSchema).default([]),
  categories: z.array(categorySchema).default([]),
  categoryCombos: z.array(categoryComboSchema).default([]),
  dataElements: z.array(dataElementSchema).default([]),
  dataSets: z.array(dataSetSchema).default([]),
  indicatorTypes: z.array(indicatorTypeSchema).default([]),
  indicators: z.array(indicatorSchema).default([]),
  constants: z.array(constantSchema).default([]),
  validationRules: z.array(validationRuleSchema).default([]),
  organisationUnitGroupSets: z.array(orgUnitGroupSetSchema).default([]),
  organisationUnitGroups: z.array(orgUnitGroupSchema).default([]),
});

export type MetadataPackage = z.infer<typeof metadataPackageSchema>;
export type MetadataPackageInput = z.input<typeof metadataPackageSchema>;
