// Table types of reporting metadata (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended
// validity is 'infinity'. Declaration merging adds the tables to the database's DB type.
import type { ColumnType, Generated } from 'kysely';
import type { PeriodType } from '../../lib/periods.js';

export type ValueType =
  | 'NUMBER' | 'INTEGER' | 'INTEGER_POSITIVE' | 'INTEGER_ZERO_OR_POSITIVE' | 'INTEGER_NEGATIVE'
  | 'PERCENTAGE' | 'UNIT_INTERVAL' | 'TEXT' | 'LONG_TEXT' | 'BOOLEAN' | 'TRUE_ONLY' | 'DATE';

export type AggregationType = 'SUM' | 'LAST' | 'AVERAGE' | 'NONE';

export type Importance = 'HIGH' | 'MEDIUM' | 'LOW';

export type MissingValueStrategy = 'SKIP_IF_ANY_VALUE_MISSING' | 'SKIP_IF_ALL_VALUES_MISSING' | 'NEVER_SKIP';

export type RuleOperator =
  | 'equal_to' | 'not_equal_to' | 'greater_than' | 'greater_than_or_equal_to'
  | 'less_than' | 'less_than_or_equal_to' | 'compulsory_pair' | 'exclusive_pair';

export interface CategoryOptionTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  short_name: string | null;
  sort_order: Generated<number>;
}

export interface CategoryTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  data_dimension_type: Generated<'DISAGGREGATION' | 'ATTRIBUTE'>;
}

export interface CategoryOptionInCategoryTable {
  category_id: string;
  category_option_id: string;
  sort_order: number;
}

export interface CategoryComboTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  data_dimension_type: Generated<'DISAGGREGATION' | 'ATTRIBUTE'>;
  is_default: Generated<boolean>;
}

export interface CategoryInComboTable {
  category_combo_id: string;
  category_id: string;
  sort_order: number;
}

export interface CategoryOptionComboTable {
  id: string;
  iid: Generated<number>;
  code: string | null;
  name: string;
  name_en: string | null;
  category_combo_id: string;
  sort_order: Generated<number>;
}

export interface CategoryOptionComboOptionTable {
  category_option_combo_id: string;
  category_option_id: string;
}

export interface DataElementTable {
  id: string;
  iid: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  short_name: string | null;
  form_name: string | null;
  description: string | null;
  value_type: Generated<ValueType>;
  aggregation_type: Generated<AggregationType>;
  zero_is_significant: Generated<boolean>;
  category_combo_id: string;
  unit: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DataSetTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  short_name: string | null;
  description: string | null;
  period_type: Generated<PeriodType>;
  category_combo_id: string;
  deadline_working_days: Generated<number>;
  entry_grace_days: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DataSetSectionTable {
  id: string;
  data_set_id: string;
  code: string | null;
  name: string;
  name_en: string | null;
  description: string | null;
  sort_order: number;
}

export interface DataSetElementTable {
  data_set_id: string;
  data_element_id: string;
  section_id: string | null;
  sort_order: Generated<number>;
}

export interface DataSetUnitTable {
  data_set_id: string;
  org_unit_id: string;
  valid_from: string;
  valid_to: ColumnType<string, string | undefined, string>;
}

export interface IndicatorTypeTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  factor: number;
  number: Generated<boolean>;
}

export interface IndicatorTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  short_name: string | null;
  description: string | null;
  indicator_type_id: string;
  numerator: string;
  numerator_description: string | null;
  denominator: string;
  denominator_description: string | null;
  decimals: number | null;
  annualized: Generated<boolean>;
}

export interface ConstantTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  value: number;
}

export interface ValidationRuleTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  description: string | null;
  importance: Generated<Importance>;
  period_type: Generated<PeriodType>;
  left_expression: string;
  left_description: string | null;
  left_missing_value_strategy: Generated<MissingValueStrategy>;
  operator: RuleOperator;
  right_expression: string;
  right_description: string | null;
  right_missing_value_strategy: Generated<MissingValueStrategy>;
  message: string;
  message_en: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    category_option: CategoryOptionTable;
    category: CategoryTable;
    category_option_in_category: CategoryOptionInCategoryTable;
    category_combo: CategoryComboTable;
    category_in_combo: CategoryInComboTable;
    category_option_combo: CategoryOptionComboTable;
    category_option_combo_option: CategoryOptionComboOptionTable;
    data_element: DataElementTable;
    data_set: DataSetTable;
    data_set_section: DataSetSectionTable;
    data_set_element: DataSetElementTable;
    data_set_unit: DataSetUnitTable;
    indicator_type: IndicatorTypeTable;
    indicator: IndicatorTable;
    constant: ConstantTable;
    validation_rule: ValidationRuleTable;
  }
}
