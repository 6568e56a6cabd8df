// Aggregation rules of the analytics engine against hand-computed answers (fixture: fixtures.test-helper.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testCtx } from '../../test/harness.js';
import type { Database } from '../../db/connection.js';
import { parseRange } from '../../lib/periods.js';
import type { Ctx } from '../../core/context.js';
import { actorFor } from '../users/auth.service.js';
import { runQuery } from './engine.js';
import { createAnalyticsFixture, type AnalyticsFixture } from './fixtures.test-helper.js';
import type { AnalyticsQuery, DataItem, OrgUnitSelection } from './query.js';

let database: Database;
let ctx: Ctx;
let f: AnalyticsFixture;
const AS_OF = '2025-08-01';

beforeAll(async () => {
  database = await freshDatabase();
  ctx = testCtx(database);
  f = await createAnalyticsFixture(database.db);
}, 60_000);

const pe = (...ids: string[]) => ids.map((id) => parseRange(id)!);
const de = (id: string, extra: Partial<Extract<DataItem, { kind: 'dataElement' }>> = {}): DataItem => ({ kind: 'dataElement', id, ...extra });
const unit = (id: string): OrgUnitSelection => ({ kind: 'unit', id });
function q(data: DataItem[], periods: string[], orgUnits: OrgUnitSelection[], structure: 'historical' | 'current' = 'historical'): AnalyticsQuery {
  return { data, periods: pe(...periods), orgUnits, structure, asOf: AS_OF };
}
/** value by ou (single dx, single pe). */
async function byUnit(query: AnalyticsQuery, c: Ctx = ctx): Promise<Record<string, number | null>> {
  const cells = await runQuery(c, query);
  return Object.fromEntries(cells.map((x) => [x.ou, x.value]));
}

describe('across time', () => {
  it('SUM adds the months: one month, YTD, nine months, year', async () => {
    const cells = await runQuery(ctx, q([de('A_VISITS')], ['202403', '2024YTD05', '2024N9', '2024'], [unit(f.units.s1), unit('A_C1')]));
    const v = (p: string, ou: string) => cells.find((c) => c.pe === p && c.ou === ou)?.value;
    expect(v('202403', f.units.s1)).toBe(30);
    expect(v('2024YTD05', f.units.s1)).toBe(150); // 10+20+30+40+50
    expect(v('2024N9', f.units.s1)).toBe(450);
    expect(v('2024', f.units.s1)).toBe(780);
    // C1 = S1 + S2 + S4: 150 + 25 + 16
    expect(v('2024YTD05', f.units.c1)).toBe(191);
    expect(v('2024N9', f.units.c1)).toBe(450 + 25 + 16);
  });

  it('LAST takes the latest month with a value per unit, never a sum of months; then sums units', async () => {
    const cells = await runQuery(ctx, q([de('A_POP')], ['2024YTD05', '2024N9', '202402'], [unit('A_S1'), unit('A_C1')]));
    const v = (p: string, ou: string) => cells.find((c) => c.pe === p && c.ou === ou)?.value;
    expect(v('2024YTD05', f.units.s1)).toBe(1020); // Mar, not 1000 + 1020
    expect(v('2024N9', f.units.s1)).toBe(1080); // Aug, the latest within Jan–Sep
    expect(v('2024N9', f.units.c1)).toBe(1080 + 520 + 400); // each station's own latest month
    expect(v('2024YTD05', f.units.c1)).toBe(1020 + 500 + 400);
    // No stock stored in February: no cell at all (not 0).
    expect(v('202402', f.units.s1)).toBeUndefined();
  });

  it('AVERAGE averages the months that have values', async () => {
    const r = await byUnit(q([de('A_BEDS')], ['2024YTD05'], [unit('A_S2'), unit('A_C2'), unit('A_C1')]));
    expect(r[f.units.s2]).toBe(20); // (10 + 20 + 30) / 3
    expect(r[f.units.c2]).toBe(50);
    expect(r[f.units.c1]).toBe(20);
  });

  it('a stored 0 is a 0; missing data gives no cell', async () => {
    const r = await byUnit(q([de('A_VISITS')], ['202406'], [unit('A_S2'), unit('A_S4')]));
    expect(r).toEqual({ [f.units.s2]: 0 });
  });
});

describe('option combos', () => {
  it('total, one combo, and one cell per combo', async () => {
    const c1 = [unit('A_C1')];
    expect((await runQuery(ctx, q([de('A_BIRTHS')], ['2024YTD05'], c1)))[0]!.value).toBe(19);
    const male = await runQuery(ctx, q([de('A_BIRTHS', { coc: 'A_MALE' })], ['2024YTD05'], c1));
    expect(male).toEqual([{ dx: f.de.births, co: f.coc.male, pe: '2024YTD05', ou: f.units.c1, value: 9 }]);
    const by = await runQuery(ctx, q([de(f.de.births, { byCoc: true })], ['2024YTD05'], c1));
    expect(Object.fromEntries(by.map((c) => [c.co, c.value]))).toEqual({ [f.coc.male]: 9, [f.coc.female]: 10 });
  });
});

describe('indicators', () => {
  it('computed from aggregated numerator and denominator, never an average of rates', async () => {
    const [cell] = await runQuery(ctx, q([{ kind: 'indicator', id: 'A_RATE' }], ['2024YTD05'], [unit('A_C1')]));
    expect(cell).toMatchObject({ dx: f.indicator, numerator: 191, denominator: 1920 });
    expect(cell!.value).toBeCloseTo((191 / 1920) * 1000, 9); // 99.48
    // The average of the stations' rates would be (150/1020 + 25/500 + 16/400) / 3 × 1000 ≈ 79.0.
    expect(cell!.value).not.toBeCloseTo(((150 / 1020 + 25 / 500 + 16 / 400) / 3) * 1000, 0);
  });

  it('a zero numerator is 0; nothing stored gives no cell', async () => {
    const r = await byUnit(q([{ kind: 'indicator', id: f.indicator }], ['202406'], [unit('A_S2'), unit('A_S4')]));
    expect(r).toEqual({ [f.units.s2]: 0 }); // 0 / 520
  });

  it('a missing denominator gives a null value with the numerator shown', async () => {
    const cells = await runQuery(ctx, q([{ kind: 'indicator', id: 'A_RATE' }], ['202402'], [unit('A_S1')]));
    expect(cells).toEqual([{ dx: f.indicator, pe: '202402', ou: f.units.s1, value: null, numerator: 20, denominator: null }]);
  });
});

describe('structure across a merge and a split (2025-07-01)', () => {
  it("historical: a closed station's 2024 values stay under its old centre", async () => {
    const r = await byUnit(q([de('A_VISITS')], ['2024YTD05'], [unit('A_C1'), unit('A_C2')]));
    expect(r).toEqual({ [f.units.c1]: 191, [f.units.c2]: 100 });
  });

  it("current: values go to the successors (merge 1, split ½ each) and up today's tree", async () => {
    const r = await byUnit(q([de('A_VISITS')], ['2024YTD05'], [unit('A_C1'), unit('A_C2'), unit('A_S3')], 'current'));
    // C1 = S2 25 + ½·S4 16; C2 = S3 100 + S1 150 + ½·S4 16
    expect(r).toEqual({ [f.units.c1]: 33, [f.units.c2]: 258, [f.units.s3]: 258 });
  });

  it('current: stocks of the predecessors add up in the successor', async () => {
    const r = await byUnit(q([de('A_POP')], ['2024N9'], [unit('A_C1'), unit('A_C2'), unit('SYT38')], 'current'));
    expect(r[f.units.c1]).toBe(520 + 200);
    expect(r[f.units.c2]).toBe(2100 + 1080 + 200);
    const hist = await byUnit(q([de('A_POP')], ['2024N9'], [unit('SYT38')]));
    expect(r[f.units.root]).toBe(hist[f.units.root]); // nothing lost or doubled at the top
  });
});

describe('selections', () => {
  it('children: as of the range end (historical) or asOf (current)', async () => {
    const hist = await runQuery(ctx, q([de('A_VISITS')], ['2024YTD05'], [{ kind: 'children', id: 'A_C1' }]));
    expect(hist.map((c) => [c.ou, c.value])).toEqual([[f.units.s1, 150], [f.units.s2, 25], [f.units.s4, 16]]);
    const cur = await runQuery(ctx, q([de('A_VISITS')], ['2024YTD05'], [{ kind: 'children', id: f.units.c1 }], 'current'));
    expect(cur.map((c) => [c.ou, c.value])).toEqual([[f.units.s2, 33]]);
  });

  it('level within a subtree, and a group', async () => {
    const lvl = await runQuery(ctx, q([de('A_VISITS')], ['2024YTD05'], [{ kind: 'level', level: 3, within: 'A_C1' }]));
    expect(lvl.map((c) => c.ou)).toEqual([f.units.s1, f.units.s2, f.units.s4]);
    const lvl2 = await byUnit(q([de('A_VISITS')], ['2024YTD05'], [{ kind: 'level', level: 2, within: 'SYT38' }]));
    expect(lvl2[f.units.c1]).toBe(191);
    expect(lvl2[f.units.c2]).toBe(100);
    const grp = await byUnit(q([de('A_VISITS')], ['2024YTD05'], [{ kind: 'group', id: 'A_G' }]));
    expect(grp).toEqual({ [f.units.s1]: 150, [f.units.s3]: 100 });
  });
});

describe('access and errors', () => {
  const userCtx = async (username: string): Promise<Ctx> => {
    const u = await database.db.selectFrom('app_user').select(['id', 'username', 'org_unit_id']).where('username', '=', username).executeTakeFirstOrThrow();
    return testCtx(database, await actorFor(testCtx(database), u));
  };

  it('a station user may read its own station but not another centre', async () => {
    const station = await userCtx('tyt.hoangxuan');
    const r = await runQuery(station, q([de('A_VISITS')], ['2024'], [unit('TYT15877')]));
    expect(r).toEqual([]); // in scope, no fixture data there
    await expect(runQuery(station, q([de('A_VISITS')], ['2024'], [unit('A_C1')]))).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    await expect(runQuery(station, q([de('A_VISITS')], ['2024'], [unit('TTYT399')]))).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    const centre = await userCtx('ttyt.hoanghoa');
    await expect(runQuery(centre, q([de('A_VISITS')], ['2024'], [{ kind: 'children', id: 'SYT38' }]))).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    await expect(runQuery(centre, q([de('A_VISITS')], ['2024'], [{ kind: 'group', id: 'A_G' }]))).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
  });

  it('unknown ids are NOT_FOUND', async () => {
    await expect(runQuery(ctx, q([de('A_NOPE')], ['2024'], [unit('A_C1')]))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runQuery(ctx, q([de('A_VISITS')], ['2024'], [unit('NOPE')]))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runQuery(ctx, q([de('A_BIRTHS', { coc: 'NOPE' })], ['2024'], [unit('A_C1')]))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runQuery(ctx, q([{ kind: 'indicator', id: 'NOPE' }], ['2024'], [unit('A_C1')]))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('demo data (seed 001)', () => {
  it('TTYT399 births in May 2024 = 258 (140 + 118 by sex)', async () => {
    const total = await runQuery(ctx, q([de('FP_BIRTHS')], ['202405'], [unit('TTYT399')]));
    expect(total.map((c) => c.value)).toEqual([258]);
    const by = await runQuery(ctx, q([de('FP_BIRTHS', { byCoc: true })], ['202405'], [unit('TTYT399')]));
    expect(by.map((c) => c.value).sort()).toEqual([118, 140]);
  });
});
