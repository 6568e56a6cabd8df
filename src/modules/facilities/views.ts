// How the facilities answer and compare their rows, pure: a unit's premises and a photo as the API
// answers them, and the fields of a premises change as its history shows them.
import type { PhotoInfo, Premises } from './facilities.contract.js';
import type { PremisesRow, PremisesValues } from './facilities.repo.js';

/** Kinds of units that have premises of their own (the Department's offices share its building). */
export const PREMISES_KINDS = ['station', 'health_centre', 'hospital', 'cdc', 'department'];

export function premisesOf(r: PremisesRow): Premises {
  return {
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, kind: r.unit_kind, parent: r.parent_id ? { id: r.parent_id, code: r.parent_code!, name: r.parent_name! } : null },
    recorded: r.recorded,
    landRightSettled: r.land_right_settled,
    landCertificate: r.land_certificate,
    landAreaM2: r.land_area_m2 === null ? null : Number(r.land_area_m2),
    yearBuilt: r.year_built,
    floorAreaM2: r.floor_area_m2 === null ? null : Number(r.floor_area_m2),
    grade: r.grade,
    lastRenovationYear: r.last_renovation_year,
    rooms: r.rooms,
    notes: r.notes,
    version: Number(r.version),
    updatedAt: r.updated_at ? r.updated_at.toISOString() : null,
    updatedBy: r.updated_by,
  };
}

const FIELDS: [keyof PremisesValues, keyof ReturnType<typeof premisesOf>][] = [
  ['land_right_settled', 'landRightSettled'],
  ['land_certificate', 'landCertificate'],
  ['land_area_m2', 'landAreaM2'],
  ['year_built', 'yearBuilt'],
  ['floor_area_m2', 'floorAreaM2'],
  ['grade', 'grade'],
  ['last_renovation_year', 'lastRenovationYear'],
  ['rooms', 'rooms'],
  ['notes', 'notes'],
];

/** The fields as the history shows them (API names). */
export function snapshot(p: Premises): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map(([, k]) => [k, p[k]]));
}

/** Only the fields that changed, before and after. */
export function changed(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}

export function photoInfo(r: { id: string; file_name: string; mime: string; size: number; sha256: string; caption: string | null; created_at: Date; created_by: string | null }): PhotoInfo {
  return { id: r.id, fileName: r.file_name, mime: r.mime, size: r.size, sha256: r.sha256, caption: r.caption, createdAt: r.created_at.toISOString(), createdBy: r.created_by };
}
