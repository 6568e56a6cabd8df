// Table types of the effective-dated organisation tree (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings; open-ended
// validity is 'infinity'. Declaration merging adds the tables to the database's DB type.
import type { ColumnType, Generated } from 'kysely';

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

declare module '../../db/schema.js' {
  interface DB {
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
  }
}
