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
}
