// The demo province: Thanh Hóa (GSO 38) before and after the 2025 reform, with one user per level.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { insertAudit } from '../audit/audit.service.js';
import { buildProvincePlan } from '../orgunits/bootstrap/plan.js';
import { applyProvincePlan, type Progress } from '../orgunits/orgunits.bootstrap.js';
import { SYSTEM_ACTOR, type Ctx } from '../../core/context.js';
import { hashPassword } from '../users/passwords.js';
import { setRoles } from '../users/users.repo.js';
import { uid } from '../../lib/uid.js';
import { loadDemoData, type DemoDataResult, type DemoHistory } from './demo.data.js';
import { loadSeedReport } from './seed001.report.js';

export const DEMO_PROVINCE = '38';

/** Demo users, one per level (documented in the README). */
export const DEMO_USERS = [
  { username: 'syt.admin', displayName: 'Quản trị Sở Y tế Thanh Hóa', unit: 'SYT38', roles: ['unit_admin', 'approver'] },
  { username: 'syt.xem', displayName: 'Lãnh đạo Sở (chỉ xem)', unit: 'SYT38', roles: ['viewer'] },
  { username: 'ttyt.hoanghoa', displayName: 'Quản trị TTYT Hoằng Hóa', unit: 'TTYT399', roles: ['unit_admin', 'approver'] },
  { username: 'tyt.hoangxuan', displayName: 'Nhập liệu TYT Hoằng Xuân', unit: 'TYT15877', roles: ['data_entry'] },
  // A station that is open today: this month's form is open for entry.
  { username: 'tyt.hoangloc', displayName: 'Nhập liệu TYT Hoằng Lộc', unit: 'TYT15961', roles: ['data_entry'] },
] as const;

export async function isLoaded(ctx: Ctx): Promise<boolean> {
  const db = ctx.db;
  const r = await db.selectFrom('app_setting').select('value').where('key', '=', 'demo.loaded').executeTakeFirst();
  return r !== undefined;
}

/**
 * Loads the demo province, its users, the default metadata package and data values. `history`:
 * 'full' (default, `npm start`) = every unit from January 2023 to last month; 'seed' (the test
 * template) = Hoằng Hóa from January to May 2024 only (seed 001 in May), plus the 2024 plans.
 */
/** True when the database holds no organisation unit yet (a first start). */
export async function databaseIsEmpty(ctx: Ctx): Promise<boolean> {
  return !(await ctx.db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst());
}

export async function loadDemo(
  ctx: Ctx,
  opts: { password: string; progress?: Progress; history?: DemoHistory; today?: string },
): Promise<{ units: number; events: number; links: number; data: DemoDataResult }> {
  const db = ctx.db;
  const plan = buildProvincePlan(DEMO_PROVINCE);
  const result = await applyProvincePlan(ctx, plan, { progress: opts.progress });
  const data = await loadDemoData(db, { history: opts.history ?? 'full', progress: opts.progress, today: opts.today, province: DEMO_PROVINCE });
  const hash = await hashPassword(opts.password);
  await db.transaction().execute(async (tx) => {
    for (const u of DEMO_USERS) {
      const unit = await tx.selectFrom('org_unit').select('id').where('code', '=', u.unit).executeTakeFirstOrThrow();
      const id = uid();
      await tx.insertInto('app_user').values({ id, username: u.username, display_name: u.displayName, password_hash: hash, org_unit_id: unit.id }).execute();
      await setRoles(tx, id, [...u.roles]);
      await insertAudit(tx, SYSTEM_ACTOR, { action: 'user.create', entityType: 'user', entityId: id, entityCode: u.username, after: { unit: u.unit, roles: u.roles, demo: true } });
    }
    await tx.insertInto('app_setting').values({ key: 'demo.loaded', value: JSON.stringify({ province: DEMO_PROVINCE, at: new Date() }) }).execute();
  });
  // The full demo also holds the draft of seed 001 itself (the tests' template starts without reports).
  if ((opts.history ?? 'full') === 'full') await loadSeedReport(ctx);
  return { ...result, data };
}
