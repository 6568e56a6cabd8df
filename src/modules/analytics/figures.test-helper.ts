// Two register figures for the tests of figures.test.ts, computed from real tables (a small SQL each,
// checkable by hand against the demo tree: TTYT399 Hoằng Hóa has 36 stations before 01/07/2025, 8
// after the reform):
//   TEST_OPEN_STATIONS   (count) stations open on the date in each unit's subtree
//   TEST_STATIONS_WITH_USER_PCT (share) of those, the ones with a user account (the demo has two station
//                        users: tyt.hoangxuan at Hoằng Xuân, closed 01/07/2025, and tyt.hoangloc at
//                        Hoằng Lộc: 2/36 = 5,6 % before the reform, 1/8 = 12,5 % after)
// A repository-shaped object (functions of the database), used through ctx.use like any repo.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { registerFigure, type FigureValue } from './figures.js';

type Db = Kysely<DB>;

export const testFiguresRepo = {
  /** Per asked unit: stations open on `date` in its subtree (as on that date), and those with a user account. */
  async openStations(db: Db, unitIds: readonly string[], date: string): Promise<Map<string, { open: number; withUser: number }>> {
    const r = await sql<{ unit: string; open: string; with_user: string }>`
      select c.ancestor_id as unit, count(*) as open,
        count(*) filter (where exists (select 1 from app_user a where a.org_unit_id = s.id and not a.disabled)) as with_user
      from org_unit_closure c
      join org_unit s on s.id = c.descendant_id and s.kind = 'station'
      where c.ancestor_id = any(${sql.val([...unitIds])}::text[])
        and c.valid_from <= ${date} and c.valid_to > ${date}
        and s.opening_date <= ${date} and (s.closed_date is null or s.closed_date > ${date})
      group by c.ancestor_id`.execute(db);
    return new Map(r.rows.map((x) => [x.unit, { open: Number(x.open), withUser: Number(x.with_user) }]));
  },
};

/** Registers the two test figures (idempotent: a figure is replaced by its code). */
export function registerTestFigures(): void {
  registerFigure({
    code: 'TEST_OPEN_STATIONS',
    name: 'Số trạm y tế đang hoạt động (thử nghiệm)',
    nameEn: 'Open stations (test)',
    kind: 'count',
    module: 'analytics-test',
    async compute(ctx, unitIds, date) {
      const n = await ctx.use(testFiguresRepo).openStations(unitIds, date);
      return new Map(unitIds.map((u): [string, FigureValue] => [u, { value: n.get(u)?.open ?? 0 }]));
    },
  });
  registerFigure({
    code: 'TEST_STATIONS_WITH_USER_PCT',
    name: 'Tỷ lệ trạm y tế có tài khoản người dùng (thử nghiệm)',
    nameEn: 'Share of stations with a user account (test)',
    kind: 'share',
    module: 'analytics-test',
    async compute(ctx, unitIds, date) {
      const n = await ctx.use(testFiguresRepo).openStations(unitIds, date);
      const out = new Map<string, FigureValue>();
      for (const [u, x] of n) if (x.open > 0) out.set(u, { value: x.withUser, denominator: x.open });
      return out;
    },
  });
}
