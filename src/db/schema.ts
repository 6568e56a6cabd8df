// Kysely table types. Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended validity is 'infinity'.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface RoleTable {
  code: string;
  name: string;
  name_en: string;
  permissions: string[];
  builtin: Generated<boolean>;
}

export interface OrgUnitLevelTable {
  level: number;
  name: string;
  name_en: string;
}

export interface OrgUnitTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  short_name: string | null;
  kind: string;
  admin_code: string | null;
  admin_level: string | null;
  opening_date: string;
  closed_date: string | null;
  search_key: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  iid: Generated<number>;
}

export interface OrgUnitVersionTable {
  org_unit_id: string;
  valid_from: string;
  valid_to: ColumnType<string, string | undefined, string>;
  parent_id: string | null;
  name: string;
}

export interface OrgUnitPathTable {
  org_unit_id: string;
  valid_from: string;
  valid_to: string;
  parent_id: string | null;
  level: number;
  path: string[];
  name: string;
}

export interface OrgUnitClosureTable {
  ancestor_id: string;
  descendant_id: string;
  depth: number;
  valid_from: string;
  valid_to: string;
}

export interface OrgUnitEventTable {
  id: Generated<number>;
  type: string;
  event_date: string;
  reason: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface OrgUnitEventUnitTable {
  event_id: number;
  org_unit_id: string;
  role: 'subject' | 'predecessor' | 'successor';
}

export interface OrgUnitLinkTable {
  id: Generated<number>;
  event_id: number;
  predecessor_id: string;
  successor_id: string;
  kind: 'full' | 'partial';
  weight: number | null;
}

export interface OrgUnitGroupSetTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
}

export interface OrgUnitGroupTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  group_set_id: string | null;
}

export interface OrgUnitGroupMemberTable {
  group_id: string;
  org_unit_id: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  org_unit_id: string | null;
  locale: Generated<string>;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserRoleTable {
  user_id: string;
  role_code: string;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  user_id: string | null;
  username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  entity_code: string | null;
  before: Json | null;
  after: Json | null;
  details: Json | null;
}

export interface AppSettingTable {
  key: string;
  value: Json;
}

// ---- Aggregate reporting (migration 0002) ----

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

export type ValueType =
  | 'NUMBER' | 'INTEGER' | 'INTEGER_POSITIVE' | 'INTEGER_ZERO_OR_POSITIVE' | 'INTEGER_NEGATIVE'
  | 'PERCENTAGE' | 'UNIT_INTERVAL' | 'TEXT' | 'LONG_TEXT' | 'BOOLEAN' | 'TRUE_ONLY' | 'DATE';
export type AggregationType = 'SUM' | 'LAST' | 'AVERAGE' | 'NONE';
export type PeriodType = 'Monthly' | 'Quarterly' | 'SixMonthly' | 'Yearly';

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

export type Importance = 'HIGH' | 'MEDIUM' | 'LOW';
export type MissingValueStrategy = 'SKIP_IF_ANY_VALUE_MISSING' | 'SKIP_IF_ALL_VALUES_MISSING' | 'NEVER_SKIP';
export type RuleOperator =
  | 'equal_to' | 'not_equal_to' | 'greater_than' | 'greater_than_or_equal_to'
  | 'less_than' | 'less_than_or_equal_to' | 'compulsory_pair' | 'exclusive_pair';

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

export interface CalendarDayTable {
  day: string;
  kind: 'off' | 'work';
  name: string;
  name_en: string | null;
}

export interface PeriodTable {
  id: Generated<number>;
  iso: string;
  period_type: string;
  start_date: string;
  end_date: string;
}

export interface DataValueTable {
  ou: number;
  de: number;
  pe: number;
  co: number;
  ao: number;
  value: string;
  num: number | null;
  comment: string | null;
  follow_up: Generated<boolean>;
  stored_by: string | null;
  created: Generated<Date>;
  last_updated: Generated<Date>;
}

export interface DataValueAuditTable {
  id: Generated<number>;
  ou: number;
  de: number;
  pe: number;
  co: number;
  ao: number;
  audit_type: 'CREATE' | 'UPDATE' | 'DELETE';
  value: string | null;
  previous_value: string | null;
  comment: string | null;
  source: Generated<string>;
  conflict: Generated<boolean>;
  modified_by: string | null;
  created: Generated<Date>;
}

export type FormState = 'open' | 'completed' | 'approved' | 'returned';

export interface FormStatusTable {
  data_set_id: string;
  org_unit_id: string;
  period_id: number;
  state: FormState;
  completed_at: Date | null;
  completed_by: string | null;
  completion_comment: string | null;
  on_time: boolean | null;
  approved_at: Date | null;
  approved_by: string | null;
  updated_at: Generated<Date>;
}

export interface FormEventTable {
  id: Generated<number>;
  data_set_id: string;
  org_unit_id: string;
  period_id: number;
  action: 'complete' | 'approve' | 'return' | 'reopen' | 'uncomplete';
  comment: string | null;
  user_id: string | null;
  username: string | null;
  at: Generated<Date>;
}

export interface PlanTargetTable {
  year: number;
  org_unit_id: string;
  target_type: 'dataElement' | 'indicator';
  target_id: string;
  category_option_combo_id: Generated<string>;
  value: number;
  method: Generated<'manual' | 'lastYearShare' | 'population'>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface DB {
  role: RoleTable;
  org_unit_level: OrgUnitLevelTable;
  org_unit: OrgUnitTable;
  org_unit_version: OrgUnitVersionTable;
  org_unit_path: OrgUnitPathTable;
  org_unit_closure: OrgUnitClosureTable;
  org_unit_event: OrgUnitEventTable;
  org_unit_event_unit: OrgUnitEventUnitTable;
  org_unit_link: OrgUnitLinkTable;
  org_unit_group_set: OrgUnitGroupSetTable;
  org_unit_group: OrgUnitGroupTable;
  org_unit_group_member: OrgUnitGroupMemberTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
  app_setting: AppSettingTable;
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
  calendar_day: CalendarDayTable;
  period: PeriodTable;
  data_value: DataValueTable;
  data_value_audit: DataValueAuditTable;
  form_status: FormStatusTable;
  form_event: FormEventTable;
  plan_target: PlanTargetTable;
  data_value_rollup: DataValueRollupTable;
  analytics_state: AnalyticsStateTable;
}

// ---- Analytics (migration 0003) ----

/** Sum of the monthly values stored strictly below unit `x` (as the tree was in the month), kept by triggers. */
export interface DataValueRollupTable {
  x: number;
  de: number;
  pe: number;
  co: number;
  num: number;
  n: number;
}

export interface AnalyticsStateTable {
  id: Generated<boolean>;
  hierarchy_version: Generated<number>;
}

// ---- Dashboards (migration 0004) ----
// A separate block: declaration merging adds the table to DB.

export interface DashboardTable {
  id: string;
  name: string;
  owner_id: string | null;
  org_unit_id: string | null;
  level_kind: 'province' | 'centre' | 'station' | null;
  items: ColumnType<unknown, string, string>;
  sort_order: Generated<number>;
  shared: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DB {
  dashboard: DashboardTable;
}

// ---------------------------------------------------------------- Reports (migration 0005)

export interface ReportTemplateTable {
  id: string;
  code: string;
  name: string;
  unit_kind: 'province' | 'centre' | 'station';
  version: Generated<number>;
  definition: ColumnType<unknown, string, string>;
  builtin: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface ReportTemplateVersionTable {
  template_id: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface ReportTable {
  id: string;
  template_id: string;
  template_version: number;
  org_unit_id: string;
  period: string;
  status: Generated<'draft' | 'final'>;
  number: string | null;
  issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  signer: string | null;
  texts: ColumnType<Record<string, string>, string, string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
  finalised_at: Date | null;
  finalised_by: string | null;
  frozen: ColumnType<unknown, string | null, string | null>;
  figures: ColumnType<unknown, string | null, string | null>;
  data_state: ColumnType<unknown, string | null, string | null>;
}

export interface ReportVersionTable {
  report_id: string;
  version: number;
  status: 'draft' | 'final';
  texts: ColumnType<Record<string, string>, string, string>;
  number: string | null;
  issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  signer: string | null;
  note: string | null;
  saved_at: Generated<Date>;
  saved_by: string | null;
}

export interface DB {
  report_template: ReportTemplateTable;
  report_template_version: ReportTemplateVersionTable;
  report: ReportTable;
  report_version: ReportVersionTable;
}
