// A finished project applied to the premises of the units it covers (run by projects.service.ts when
// the stage "nghiệm thu, bàn giao" gets its actual end).
import type { Ctx } from '../../core/context.js';
import { todayVn } from '../../lib/dates.js';
import { audit } from '../audit/audit.service.js';
import * as repo from './facilities.repo.js';
import type { PremisesValues } from './facilities.repo.js';
import { changed, premisesOf, PREMISES_KINDS, snapshot } from './views.js';

/**
 * Applies a finished project to the premises of a unit it covers (a renovation sets the last
 * renovation year, a new build the year built; both leave the premises in good condition), audited
 * like a user's change with the project named. Runs inside the project's transaction.
 */
export async function applyHandover(ctx: Ctx, unitId: string, kind: 'new_build' | 'renovation', year: number, project: { id: string; name: string }): Promise<void> {
  const db = ctx.use(repo);
  const row = await db.getPremises(unitId, todayVn());
  if (!row || !PREMISES_KINDS.includes(row.unit_kind)) return;
  const before = premisesOf(row);
  const values: PremisesValues = {
    land_right_settled: before.landRightSettled, land_certificate: before.landCertificate, land_area_m2: before.landAreaM2,
    year_built: before.yearBuilt, floor_area_m2: before.floorAreaM2, grade: 'good', last_renovation_year: before.lastRenovationYear,
    rooms: before.rooms, notes: before.notes,
  };
  if (kind === 'new_build') {
    values.year_built = year;
    if (values.last_renovation_year !== null && values.last_renovation_year < year) values.last_renovation_year = null;
  } else {
    values.last_renovation_year = Math.max(year, before.lastRenovationYear ?? 0);
    if (values.year_built !== null && values.year_built > year) values.year_built = null;
  }
  await db.savePremises(unitId, values, ctx.actor.username);
  const after = premisesOf((await db.getPremises(unitId, todayVn()))!);
  const diff = changed(snapshot(before), snapshot(after));
  if (!Object.keys(diff.after).length) return;
  await audit(ctx, {
    action: 'facility.premises.handover', entityType: 'facility_premises', entityId: unitId, entityCode: row.unit_code,
    before: before.recorded ? diff.before : null, after: diff.after, details: { project: project.id, projectName: project.name },
  });
}
