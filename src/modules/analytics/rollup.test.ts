// The rollup (migration 0003) stays equal to a recomputation from data_value after every kind of
// write: inserts, COPY, updates (value, comment only, value cleared), deletes, a structural change,
// and the engine's answers follow at once (no rebuild step).
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import { copyIn } from '../../db/copy.js';
import { parseRange } from '../../lib/periods.js';
import { freshDatabase, testCtx } from '../../test/harness.js';
import type { Ctx } from '../../core/context.js';
import { runQuery } from './engine.js';
import { createAnalyticsFixture, type AnalyticsFixture } from './fixtures.test-helper.js';

let database: Database;
let ctx: Ctx;
let f: AnalyticsFixture;

beforeAll(async () => {
  database = await freshDatabase();
  ctx = testCtx(database);
  f = await createAnalyticsFixture(database.db);
}, 60_000);

/** Rollup rows (with data) that differ from the sums recomputed from data_value and the closure. */
async function rollupDifferences(): Promise<unknown[]> {
  const r = await sql`
    with truth as (
      select a.iid as x, dv.de, dv.pe, dv.co, sum(dv.num) as num, count(*)::int as n
      from data_value dv
      join period p on p.id = dv.pe and p.period_type = 'Monthly'
      join org_unit u on u.iid = dv.ou
      join org_unit_closure c on c.descendant_id = u.id and c.depth > 0 and c.valid_from <= p.start_date and c.valid_to > p.start_date
      join org_unit a on a.id = c.ancestor_id
      where dv.num is not null
      group by 1, 2, 3, 4
    ),
    stored as (select x, de, pe, co, num, n from data_value_rollup where n <> 0)
    select coalesce(t.x, s.x) as x, coalesce(t.de, s.de) as de, coalesce(t.pe, s.pe) as pe, t.num as truth, s.num as stored, t.n as truth_n, s.n as stored_n
    from truth t full join stored s using (x, de, pe, co)
    where t.n is distinct from s.n or abs(coalesce(t.num, 0) - coalesce(s.num, 0)) > 1e-9`.execute(database.db);
  return r.rows;
}

const iidOf = async (table: 'org_unit' | 'data_element', id: string) =>
  (await database.db.selectFrom(table).select('iid').where('id', '=', id).executeTakeFirstOrThrow()).iid;
const periodId = async (iso: string) => (await database.db.selectFrom('period').select('id').where('iso', '=', iso).executeTakeFirstOrThrow()).id;

async function visits(unit: string, period: string): Promise<number | undefined> {
  const cells = await runQuery(ctx, {
    data: [{ kind: 'dataElement', id: 'A_VISITS' }],
    periods: [parseRange(period)!],
    orgUnits: [{ kind: 'unit', id: unit }],
    structure: 'historical',
  });
  return cells[0]?.value ?? undefined;
}

describe('data_value_rollup', () => {
  it('holds the sums below every unit after the fixture load (and the demo template)', async () => {
    expect(await rollupDifferences()).toEqual([]);
    const rows = await database.db.selectFrom('data_value_rollup').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBeGreaterThan(0);
  });

  it('follows inserts, value changes, comment-only changes, cleared numbers and deletes in the same statement', async () => {
    const [s2, de] = [await iidOf('org_unit', f.units.s2), await iidOf('data_element', f.de.visits)];
    const mar = await periodId('202403');
    expect(await visits('A_C1', '202403')).toBe(30 + 5); // S1 30 + S2 5
    await sql`update data_value set num = 7, value = '7' where ou = ${s2} and de = ${de} and pe = ${mar}`.execute(database.db);
    expect(await visits('A_C1', '202403')).toBe(37);
    expect(await visits('SYT38', '202403')).toBe(30 + 7 + 100);
    await sql`update data_value set comment = 'ghi chú' where ou = ${s2} and de = ${de}`.execute(database.db);
    expect(await rollupDifferences()).toEqual([]);
    await sql`update data_value set num = null where ou = ${s2} and de = ${de} and pe = ${mar}`.execute(database.db);
    expect(await visits('A_C1', '202403')).toBe(30);
    await sql`delete from data_value where ou = ${s2} and de = ${de}`.execute(database.db);
    expect(await visits('A_C1', '2024YTD05')).toBe(150 + 16); // S1 + S4; S2's months gone
    expect(await rollupDifferences()).toEqual([]);
  });

  it('tells "no data any more" from a stored 0 after the last value below a unit is deleted', async () => {
    const [s3, de] = [await iidOf('org_unit', f.units.s3), await iidOf('data_element', f.de.visits)];
    expect(await visits('A_C2', '202403')).toBe(100);
    await sql`delete from data_value where ou = ${s3} and de = ${de}`.execute(database.db);
    expect(await visits('A_C2', '202403')).toBeUndefined(); // not 0
    const [row] = (await sql<{ n: number }>`select n from data_value_rollup r join org_unit u on u.iid = r.x where u.id = ${f.units.c2} and r.de = ${de}`.execute(database.db)).rows;
    expect(row?.n).toBe(0);
  });

  it('follows COPY and ON CONFLICT upserts (imports)', async () => {
    const [s2, de] = [await iidOf('org_unit', f.units.s2), await iidOf('data_element', f.de.visits)];
    const coc = (await database.db.selectFrom('category_option_combo').select('iid').where('name', '=', 'default').executeTakeFirstOrThrow()).iid;
    const jul = await periodId('202407');
    await copyIn(database.db, 'copy data_value (ou, de, pe, co, ao, value, num) from stdin', [`${s2}\t${de}\t${jul}\t${coc}\t${coc}\t11\t11\n`]);
    expect(await visits('A_C1', '202407')).toBe(70 + 11);
    await sql`insert into data_value (ou, de, pe, co, ao, value, num) values (${s2}, ${de}, ${jul}, ${coc}, ${coc}, '12', 12)
      on conflict (ou, de, pe, co, ao) do update set value = excluded.value, num = excluded.num`.execute(database.db);
    expect(await visits('A_C1', '202407')).toBe(70 + 12);
    expect(await rollupDifferences()).toEqual([]);
  });

  it('moves a station’s history when the structure changes, and the engine sees the new tree at once', async () => {
    // S2 moves from C1 to C2 on 2024-07-01 (recorded afterwards, as an administrator would).
    expect(await visits('A_C2', '202407')).toBeUndefined();
    await database.db.transaction().execute(async (tx) => {
      await tx.updateTable('org_unit_version').set({ valid_to: '2024-07-01' }).where('org_unit_id', '=', f.units.s2).execute();
      await tx
        .insertInto('org_unit_version')
        .values({ org_unit_id: f.units.s2, valid_from: '2024-07-01', valid_to: 'infinity', parent_id: f.units.c2, name: 'A Trạm 2' })
        .execute();
      await sql`select soyte_rebuild_hierarchy()`.execute(tx);
    });
    expect(await rollupDifferences()).toEqual([]);
    expect(await visits('A_C2', '202407')).toBe(12); // July counts under C2 now
    expect(await visits('A_C1', '202407')).toBe(70);
    const stations = await runQuery(ctx, {
      data: [{ kind: 'dataElement', id: 'A_VISITS' }],
      periods: [parseRange('202407')!],
      orgUnits: [{ kind: 'children', id: 'A_C2' }],
      structure: 'historical',
    });
    expect(stations.map((c) => c.ou).sort()).toEqual([f.units.s2].sort());
  });

  it('is emptied with data_value by TRUNCATE', async () => {
    await sql`truncate data_value`.execute(database.db);
    expect(Number((await sql<{ n: number }>`select count(*) as n from data_value_rollup`.execute(database.db)).rows[0]!.n)).toBe(0);
  });
});
