// The plan of a province's health hierarchy, built from the bundled official unit lists.
// Pure data: the orgunits service turns it into rows (see orgunits.bootstrap.ts).

export type UnitKind = 'department' | 'office' | 'health_centre' | 'station' | 'hospital' | 'cdc';
export type AdminLevel = 'province' | 'district' | 'commune';

export interface PlannedVersion {
  /** First day (inclusive) this name/parent holds, YYYY-MM-DD. */
  validFrom: string;
  /** Parent unit code, null for a root. */
  parentCode: string | null;
  name: string;
}

export interface PlannedUnit {
  code: string; // SYT38, TTYT399, TYT15877, BVDK38, CDC38
  nameEn?: string;
  shortName?: string;
  kind: UnitKind;
  adminCode: string; // GSO code of the linked administrative area
  adminLevel: AdminLevel;
  openingDate: string; // YYYY-MM-DD, inclusive
  closedDate?: string; // YYYY-MM-DD, exclusive: not open on or after this day
  /** Ordered by validFrom; the first starts at openingDate. */
  versions: PlannedVersion[];
  /** Codes of the org-unit groups the unit belongs to. */
  groups: string[];
}

export interface PlannedLink {
  predecessorCode: string;
  successorCode: string;
  kind: 'full' | 'partial';
  /** Share of the predecessor that went to this successor (0..1), when known. */
  weight?: number | null;
}

export interface PlannedEvent {
  type: 'merge' | 'split';
  date: string; // YYYY-MM-DD, the day the new structure starts
  reason: string;
  predecessorCodes: string[];
  successorCodes: string[];
  links: PlannedLink[];
}

export interface PlannedGroupSet {
  code: string;
  name: string;
  nameEn: string;
  groups: { code: string; name: string; nameEn: string }[];
}

export interface ProvincePlan {
  province: { code: string; name: string; nameEn: string };
  levels: { level: number; name: string; nameEn: string }[];
  groupSets: PlannedGroupSet[];
  units: PlannedUnit[];
  events: PlannedEvent[];
  /** Data anomalies met while building (skipped mapping links, reused codes...), in English. */
  warnings?: string[];
}
