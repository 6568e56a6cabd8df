// The level kinds of dashboards and the kind of a unit. Pure and without zod: the web app imports it
// at run time (the contract re-exports it for the server), so the dashboards page does not carry the
// schemas' validation library.

export const LEVEL_KINDS = ['province', 'centre', 'station'] as const;
export type LevelKind = (typeof LEVEL_KINDS)[number];

/** The level kind of a unit: the province department, a health centre (or other level-2 unit), a station. */
export function levelKindOf(unit: { kind: string; level: number }): LevelKind {
  if (unit.kind === 'station' || unit.level >= 3) return 'station';
  if (unit.kind === 'department' && unit.level <= 1) return 'province';
  return 'centre';
}
