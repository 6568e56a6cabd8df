// Table types of premises, programmes, projects and photos (Kysely). Dates (SQL `date`) travel as
// 'YYYY-MM-DD' strings; numeric and bigint columns come back as numbers (src/db/connection.ts).
// Declaration merging adds the tables to the database's DB type.
import type { Generated } from 'kysely';
import type { PremisesGrade, ProjectKind, Stage } from './facilities.contract.js';

type Num = number;

export interface FacilityPremisesTable {
  org_unit_id: string;
  land_right_settled: boolean | null;
  land_certificate: string | null;
  land_area_m2: Num | null;
  year_built: number | null;
  floor_area_m2: Num | null;
  grade: PremisesGrade | null;
  last_renovation_year: number | null;
  rooms: number | null;
  notes: string | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface FacilityProgrammeTable {
  id: string;
  name: string;
  owner_unit_id: string;
  start_year: number;
  end_year: number;
  description: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface FacilityProjectTable {
  id: string;
  programme_id: string;
  name: string;
  kind: ProjectKind;
  investor: string | null;
  budget_approved: Num | null;
  notes: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
}

export interface FacilityProjectUnitTable {
  project_id: string;
  org_unit_id: string;
}

export interface FacilityProjectAllocationTable {
  project_id: string;
  year: number;
  amount: Num;
}

export interface FacilityProjectStageTable {
  project_id: string;
  stage: Stage;
  position: number;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  note: string | null;
}

export interface FacilityProjectMonthTable {
  project_id: string;
  /** The month's first day. */
  month: string;
  planned: Num | null;
  disbursed: Num | null;
}

export interface FacilityProjectIssueTable {
  id: string;
  project_id: string;
  text: string;
  opened_on: string;
  resolved_on: string | null;
  resolution: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface FacilityPhotoTable {
  id: string;
  org_unit_id: string | null;
  project_id: string | null;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  caption: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

declare module '../../db/schema.js' {
  interface DB {
    facility_premises: FacilityPremisesTable;
    facility_programme: FacilityProgrammeTable;
    facility_project: FacilityProjectTable;
    facility_project_unit: FacilityProjectUnitTable;
    facility_project_allocation: FacilityProjectAllocationTable;
    facility_project_stage: FacilityProjectStageTable;
    facility_project_month: FacilityProjectMonthTable;
    facility_project_issue: FacilityProjectIssueTable;
    facility_photo: FacilityPhotoTable;
  }
}
