// Small hand-computable fixture for analytics tests, inserted straight into the database:
// two centres under SYT38 and four stations, with a merge and a split on 2025-07-01:
//   A_C1: A_S1, A_S2, A_S4          A_C2: A_S3
//   2025-07-01: A_S1 merges into A_S3 (full link, weight 1);
//               A_S4 is split between A_S2 and A_S3 (partial links, no weight → ½ each).
// Elements: A_VISITS (SUM), A_POP (LAST), A_BEDS (AVERAGE), A_BIRTHS (SUM, sex M/F);
// indicator A_RATE = #{A_VISITS} * C{A_ONE} / #{A_POP} × 1000; group A_G = {A_S1, A_S3}.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { uid } from '../../lib/uid.js';
import { ensurePeriods } from '../datavalues/periods.repo.js';

export const REFORM = '2025-07-01';

export interface AnalyticsFixture {
  units: Record<'root' | 'c1' | 'c2' | 's1' | 's2' | 's3' | 's4', string>;
  de: Record<'visits' | 'pop' | 'beds' | 'births', string>;
  coc: { male: string; female: string };
  indicator: string;
  group: string;
}

// [station, element, combo ('' = default), month, value]
type Value = [keyof AnalyticsFixture['units'], keyof AnalyticsFixture['de'], '' | 'male' | 'female', string, number];

export const VALUES: Value[] = [
  // A_VISITS: S1 10×month all 2024; S2 5 in Jan–May and a stored 0 in Jun; S3 100 in Mar; S4 8 in Jan, Feb.
  ...Array.from({ length: 12 }, (_, i): Value => ['s1', 'visits', '', `2024${String(i + 1).padStart(2, '0')}`, 10 * (i + 1)]),
  ...['202401', '202402', '202403', '202404', '202405'].map((m): Value => ['s2', 'visits', '', m, 5]),
  ['s2', 'visits', '', '202406', 0],
  ['s3', 'visits', '', '202403', 100],
  ['s4', 'visits', '', '202401', 8],
  ['s4', 'visits', '', '202402', 8],
  // A_POP (stock): S1 Jan 1000, Mar 1020, Aug 1080; S2 Jan 500, Jun 520; S3 Jan 2000, Sep 2100; S4 Jan 400.
  ['s1', 'pop', '', '202401', 1000],
  ['s1', 'pop', '', '202403', 1020],
  ['s1', 'pop', '', '202408', 1080],
  ['s2', 'pop', '', '202401', 500],
  ['s2', 'pop', '', '202406', 520],
  ['s3', 'pop', '', '202401', 2000],
  ['s3', 'pop', '', '202409', 2100],
  ['s4', 'pop', '', '202401', 400],
  // A_BEDS (average): S2 Jan 10, Feb 20, Apr 30; S3 Jan 50.
  ['s2', 'beds', '', '202401', 10],
  ['s2', 'beds', '', '202402', 20],
  ['s2', 'beds', '', '202404', 30],
  ['s3', 'beds', '', '202401', 50],
  // A_BIRTHS by sex: S1 Jan M3 F4, Feb M5 F6; S2 Jan M1.
  ['s1', 'births', 'male', '202401', 3],
  ['s1', 'births', 'female', '202401', 4],
  ['s1', 'births', 'male', '202402', 5],
  ['s1', 'births', 'female', '202402', 6],
  ['s2', 'births', 'male', '202401', 1],
];

export async function createAnalyticsFixture(db: Kysely<DB>): Promise<AnalyticsFixture> {
  const root = (await db.selectFrom('org_unit').select('id').where('code', '=', 'SYT38').executeTakeFirstOrThrow()).id;
  const units = { root, c1: uid(), c2: uid(), s1: uid(), s2: uid(), s3: uid(), s4: uid() };
  const unitRows: [keyof typeof units, string, string, string, string | null][] = [
    ['c1', 'A_C1', 'A Trung tâm 1', 'centre', null],
    ['c2', 'A_C2', 'A Trung tâm 2', 'centre', null],
    ['s1', 'A_S1', 'A Trạm 1', 'station', REFORM],
    ['s2', 'A_S2', 'A Trạm 2', 'station', null],
    ['s3', 'A_S3', 'A Trạm 3', 'station', null],
    ['s4', 'A_S4', 'A Trạm 4', 'station', REFORM],
  ];
  const parent = { c1: root, c2: root, s1: units.c1, s2: units.c1, s3: units.c2, s4: units.c1 } as Record<string, string>;
  for (const [k, code, name, kind, closed] of unitRows) {
    await db.insertInto('org_unit').values({ id: units[k], code, name, kind, opening_date: '2000-01-01', closed_date: closed, search_key: code.toLowerCase() }).execute();
    await db.insertInto('org_unit_version').values({ org_unit_id: units[k], valid_from: '2000-01-01', valid_to: closed ?? 'infinity', parent_id: parent[k]!, name }).execute();
  }
  const event = async (type: 'merge' | 'split') =>
    (await db.insertInto('org_unit_event').values({ type, event_date: REFORM, reason: 'test' }).returning('id').executeTakeFirstOrThrow()).id;
  const merge = await event('merge');
  await db.insertInto('org_unit_link').values({ event_id: merge, predecessor_id: units.s1, successor_id: units.s3, kind: 'full', weight: 1 }).execute();
  const split = await event('split');
  await db.insertInto('org_unit_link').values([
    { event_id: split, predecessor_id: units.s4, successor_id: units.s2, kind: 'partial', weight: null },
    { event_id: split, predecessor_id: units.s4, successor_id: units.s3, kind: 'partial', weight: null },
  ]).execute();
  await sql`select soyte_rebuild_hierarchy()`.execute(db);

  // Sex disaggregation.
  const [male, female, cat, combo, cocM, cocF] = [uid(), uid(), uid(), uid(), uid(), uid()];
  await db.insertInto('category_option').values([
    { id: male, code: 'A_MALE', name: 'Nam' },
    { id: female, code: 'A_FEMALE', name: 'Nữ' },
  ]).execute();
  await db.insertInto('category').values({ id: cat, code: 'A_SEX', name: 'Giới tính' }).execute();
  await db.insertInto('category_option_in_category').values([
    { category_id: cat, category_option_id: male, sort_order: 0 },
    { category_id: cat, category_option_id: female, sort_order: 1 },
  ]).execute();
  await db.insertInto('category_combo').values({ id: combo, code: 'A_SEX', name: 'Giới tính' }).execute();
  await db.insertInto('category_in_combo').values({ category_combo_id: combo, category_id: cat, sort_order: 0 }).execute();
  await db.insertInto('category_option_combo').values([
    { id: cocM, code: 'A_MALE', name: 'Nam', category_combo_id: combo },
    { id: cocF, code: 'A_FEMALE', name: 'Nữ', category_combo_id: combo },
  ]).execute();
  await db.insertInto('category_option_combo_option').values([
    { category_option_combo_id: cocM, category_option_id: male },
    { category_option_combo_id: cocF, category_option_id: female },
  ]).execute();

  const defaultCombo = (await db.selectFrom('category_combo').select('id').where('is_default', '=', true).executeTakeFirstOrThrow()).id;
  const de = { visits: uid(), pop: uid(), beds: uid(), births: uid() };
  const el = (id: string, code: string, agg: 'SUM' | 'LAST' | 'AVERAGE', comboId = defaultCombo) => ({
    id, code, name: code, aggregation_type: agg, category_combo_id: comboId, value_type: 'NUMBER' as const,
  });
  await db.insertInto('data_element').values([
    el(de.visits, 'A_VISITS', 'SUM'),
    el(de.pop, 'A_POP', 'LAST'),
    el(de.beds, 'A_BEDS', 'AVERAGE'),
    el(de.births, 'A_BIRTHS', 'SUM', combo),
  ]).execute();
  const type = uid();
  await db.insertInto('indicator_type').values({ id: type, code: 'A_PERMILLE', name: '‰', factor: 1000 }).execute();
  await db.insertInto('constant').values({ id: uid(), code: 'A_ONE', name: 'one', value: 1 }).execute();
  const indicator = uid();
  await db.insertInto('indicator').values({
    id: indicator, code: 'A_RATE', name: 'A rate', indicator_type_id: type,
    numerator: '#{A_VISITS} * C{A_ONE}', denominator: '#{A_POP}',
  }).execute();
  const group = uid();
  await db.insertInto('org_unit_group').values({ id: group, code: 'A_G', name: 'A group' }).execute();
  await db.insertInto('org_unit_group_member').values([
    { group_id: group, org_unit_id: units.s1 },
    { group_id: group, org_unit_id: units.s3 },
  ]).execute();

  // Values.
  const pe = await ensurePeriods(db, new Set(VALUES.map((v) => v[3])));
  const iid = async (table: 'org_unit' | 'data_element' | 'category_option_combo', id: string) =>
    (await db.selectFrom(table).select('iid').where('id', '=', id).executeTakeFirstOrThrow()).iid;
  const defaultCoc = (await db.selectFrom('category_option_combo').select('iid').where('category_combo_id', '=', defaultCombo).executeTakeFirstOrThrow()).iid;
  const cocIid = { '': defaultCoc, male: await iid('category_option_combo', cocM), female: await iid('category_option_combo', cocF) };
  const rows = [];
  for (const [u, d, c, m, v] of VALUES) {
    rows.push({
      ou: await iid('org_unit', units[u]), de: await iid('data_element', de[d]), pe: pe.get(m)!, co: cocIid[c], ao: defaultCoc, value: String(v), num: v,
    });
  }
  await db.insertInto('data_value').values(rows).execute();
  return { units, de, coc: { male: cocM, female: cocF }, indicator, group };
}
