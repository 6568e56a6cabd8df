// The demo province: Thanh Hóa (GSO 38) before and after the 2025 reform, with one user per level.
import { SYSTEM_ACTOR, type Ctx } from '../../core/context.js';
import { uid } from '../../lib/uid.js';
import { audit } from '../audit/audit.service.js';
import { buildProvincePlan } from '../orgunits/bootstrap/plan.js';
import { applyProvincePlan, type Progress } from '../orgunits/orgunits.bootstrap.js';
import { hashPassword } from '../users/passwords.js';
import * as usersRepo from '../users/users.repo.js';
import { loadDemoData, type DemoDataResult, type DemoHistory } from './demo.data.js';
import * as repo from './demo.repo.js';
import { loadDemoDirectives } from './directives.demo.js';
import { loadDemoFacilities } from '../facilities/facilities.demo.js';
import { loadDemoEquipment } from '../equipment/equipment.demo.js';
import { loadSeedReport } from './seed001.report.js';

export const DEMO_PROVINCE = '38';

/** Demo users, one per level (documented in the README). */
export const DEMO_USERS = [
  { username: 'syt.admin', displayName: 'Quản trị Sở Y tế Thanh Hóa', unit: 'SYT38', roles: ['unit_admin', 'approver'] },
  { username: 'syt.xem', displayName: 'Lãnh đạo Sở (chỉ xem)', unit: 'SYT38', roles: ['viewer'] },
  // An office of the Department: receives tasks (Phòng Kế hoạch – Tài chính).
  { username: 'syt.khtc', displayName: 'Chuyên viên Phòng Kế hoạch – Tài chính', unit: 'SYT38_KHTC', roles: ['data_entry'] },
  { username: 'ttyt.hoanghoa', displayName: 'Quản trị TTYT Hoằng Hóa', unit: 'TTYT399', roles: ['unit_admin', 'approver'] },
  { username: 'tyt.hoangxuan', displayName: 'Nhập liệu TYT Hoằng Xuân', unit: 'TYT15877', roles: ['data_entry'] },
  // A station that is open today: this month's form is open for entry.
  { username: 'tyt.hoangloc', displayName: 'Nhập liệu TYT Hoằng Lộc', unit: 'TYT15961', roles: ['data_entry'] },
] as const;

export function isLoaded(ctx: Ctx): Promise<boolean> {
  return ctx.use(repo).isLoaded();
}

/** True when the database holds no organisation unit yet (a first start). */
export function databaseIsEmpty(ctx: Ctx): Promise<boolean> {
  return ctx.use(repo).hasNoUnits();
}

/**
 * Loads the demo province, its users, the default metadata package and data values, as the system.
 * `history`: 'full' (default, `npm start`) = every unit from January 2023 to last month; 'seed' (the
 * test template) = Hoằng Hóa from January to May 2024 only (seed 001 in May), plus the 2024 plans.
 */
export async function loadDemo(
  ctx: Ctx,
  opts: { password: string; progress?: Progress; history?: DemoHistory; today?: string },
): Promise<{ units: number; events: number; links: number; data: DemoDataResult }> {
  const system = ctx.as(SYSTEM_ACTOR);
  const plan = buildProvincePlan(DEMO_PROVINCE);
  // The password hash (scrypt, ~0.1 s) is computed while the tree is written.
  const hashing = hashPassword(opts.password);
  const result = await applyProvincePlan(system, plan, { progress: opts.progress });
  const data = await loadDemoData(system, { history: opts.history ?? 'full', progress: opts.progress, today: opts.today, province: DEMO_PROVINCE });
  const hash = await hashing;
  await system.transaction(async (tx) => {
    const users = tx.use(usersRepo);
    const unitIds = new Map((await tx.use(repo).units()).map((u) => [u.code, u.id]));
    for (const u of DEMO_USERS) {
      const id = uid();
      await users.insertUser({ id, username: u.username, displayName: u.displayName, email: null, passwordHash: hash, orgUnitId: unitIds.get(u.unit)!, locale: 'vi' });
      await users.setRoles(id, [...u.roles]);
      await audit(tx, { action: 'user.create', entityType: 'user', entityId: id, entityCode: u.username, after: { unit: u.unit, roles: u.roles, demo: true } });
    }
    await tx.use(repo).markLoaded(DEMO_PROVINCE);
  });
  // The full demo also holds the draft of seed 001 itself (the tests' template starts without reports).
  // (and the seed notices with their tasks).
  if ((opts.history ?? 'full') === 'full') {
    await loadSeedReport(system);
    await loadDemoDirectives(system, opts.today);
    await loadDemoFacilities(system, opts.today);
    await loadDemoEquipment(system, opts.today);
  }
  return { ...result, data };
}
