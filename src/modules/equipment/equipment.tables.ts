// Table types of the equipment register (Kysely). Dates (SQL `date`) travel as 'YYYY-MM-DD' strings;
// money (bigint) as numbers of whole đồng. Declaration merging adds the tables to the database's DB type.
import type { ColumnType, Generated } from 'kysely';
import type { AssetStatus, FundingSource, RiskClass, ScheduleKind } from './equipment.contract.js';

type Json<T> = ColumnType<T, string | null, string | null>;

export interface EquipmentCategoryTable {
  code: string;
  group_code: string;
  name: string;
  name_en: string;
  risk_class: RiskClass | null;
  wear_class: string;
  counted: Generated<boolean>;
  position: Generated<number>;
}

export interface EquipmentAssetTable {
  id: string;
  tag: string;
  org_unit_id: string;
  room: string | null;
  category_code: string;
  name: string;
  risk_class: RiskClass | null;
  make: string | null;
  model: string | null;
  serial: string | null;
  year_made: number | null;
  origin: string | null;
  supplier: string | null;
  acquired: string;
  cost: number;
  funding: Generated<FundingSource>;
  warranty_until: string | null;
  accessories: string | null;
  quantity: Generated<number>;
  life_years: number | null;
  fixed_asset: boolean;
  fully_worn_on: string | null;
  status: Generated<AssetStatus>;
  status_since: string;
  notes: string | null;
  search_key: Generated<string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface EquipmentEventTable {
  id: Generated<number>;
  asset_id: string;
  action: string;
  before: Json<Record<string, unknown> | null>;
  after: Json<Record<string, unknown> | null>;
  note: string | null;
  user_id: string | null;
  username: string | null;
  at: Generated<Date>;
}

export interface EquipmentFileTable {
  id: string;
  asset_id: string;
  kind: 'photo' | 'document';
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  event_id: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface EquipmentStandardItemTable {
  id: string;
  unit_kind: string;
  code: string;
  name: string;
  name_en: string | null;
  categories: string[];
  required: number;
  essential: Generated<boolean>;
  position: Generated<number>;
}

export interface EquipmentScheduleTable {
  id: string;
  asset_id: string;
  kind: ScheduleKind;
  interval_months: number;
  last_done: string | null;
  next_due: string | null;
  active: Generated<boolean>;
  last_result: 'pass' | 'fail' | null;
  /** Copies of the asset's unit and whether it is held (not disposed, transferred): set by triggers. */
  org_unit_id: Generated<string>;
  held: Generated<boolean>;
}

export interface EquipmentInspectionTable {
  id: string;
  schedule_id: string;
  asset_id: string;
  done_on: string;
  result: 'pass' | 'fail';
  certificate: string | null;
  body: string | null;
  next_due: string | null;
  note: string | null;
  file_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface EquipmentWorkOrderTable {
  id: string;
  asset_id: string;
  org_unit_id: string;
  kind: 'corrective' | 'preventive';
  schedule_id: string | null;
  status: Generated<'reported' | 'assigned' | 'in_repair' | 'done' | 'cancelled'>;
  fault: string;
  reported_at: Generated<Date>;
  reported_by: string | null;
  /** The history entry of the report (photos of the breakdown are tied to it). */
  report_event_id: number | null;
  assignee: string | null;
  assigned_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  /** The day it finished in Vietnam. */
  finished_on: string | null;
  cost: number | null;
  parts: string | null;
  outcome: 'repaired' | 'beyond_repair' | 'no_fault' | null;
  note: string | null;
  version: Generated<number>;
}

export interface EquipmentStocktakeTable {
  id: string;
  name: string;
  as_of: string;
  root_unit_id: string;
  status: Generated<'open' | 'closed'>;
  created_by: string | null;
  created_at: Generated<Date>;
  closed_at: Date | null;
}

export interface EquipmentStocktakeUnitTable {
  stocktake_id: string;
  org_unit_id: string;
  confirmed_at: Date | null;
  confirmed_by: string | null;
  signers: Json<unknown>;
}

export interface EquipmentStocktakeLineTable {
  id: string;
  stocktake_id: string;
  org_unit_id: string;
  asset_id: string | null;
  outcome: 'found' | 'missing' | 'surplus';
  condition: 'good' | 'broken' | 'idle' | null;
  counted: number | null;
  description: string | null;
  note: string | null;
  category_code: string | null;
  book_status: AssetStatus | null;
  book_quantity: number | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
  applied_at: Date | null;
  applied_by: string | null;
}

export interface EquipmentProposalTable {
  id: string;
  kind: 'liquidation' | 'transfer';
  asset_id: string;
  from_unit_id: string;
  to_unit_id: string | null;
  reason: 'fully_worn' | 'repair_costly' | 'beyond_repair' | 'idle' | 'other';
  repair_estimate: number | null;
  note: string | null;
  residual: number;
  decider: 'unit' | 'higher';
  status: Generated<'proposed' | 'approved' | 'rejected' | 'handed_over' | 'done' | 'withdrawn'>;
  decision_no: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  handed_over_at: Date | null;
  handed_over_by: string | null;
  accepted_at: Date | null;
  accepted_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

declare module '../../db/schema.js' {
  interface DB {
    equipment_category: EquipmentCategoryTable;
    equipment_asset: EquipmentAssetTable;
    equipment_event: EquipmentEventTable;
    equipment_file: EquipmentFileTable;
    equipment_standard_item: EquipmentStandardItemTable;
    equipment_schedule: EquipmentScheduleTable;
    equipment_inspection: EquipmentInspectionTable;
    equipment_work_order: EquipmentWorkOrderTable;
    equipment_stocktake: EquipmentStocktakeTable;
    equipment_stocktake_unit: EquipmentStocktakeUnitTable;
    equipment_stocktake_line: EquipmentStocktakeLineTable;
    equipment_proposal: EquipmentProposalTable;
  }
}
