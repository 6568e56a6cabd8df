import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../test/harness.js';
import type { Ctx } from '../../core/context.js';
import { exportPackage, importPackage } from './metadata.package.js';
import { samplePackage } from './metadata.fixtures.js';

let t: TestApp;
let ctx: Ctx;
beforeAll(async () => {
  t = await testApp();
  ctx = t.ctx();
});

const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n);

describe('importPackage (soyte format)', () => {
  it('dry run reports what would be created and writes nothing', async () => {
    const before = await count('data_element');
    const r = await importPackage(ctx, samplePackage(), { dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ status: 'OK', dryRun: true });
    expect(r.types.dataElements!.created).toEqual(['T_BIRTHS', 'T_LBW', 'T_VISITS', 'T_POP']);
    expect(r.types.categoryOptionCombos!.created).toEqual(expect.arrayContaining(['T_MALE', 'T_FEMALE', 'T_MALE_T_U5', 'T_MALE_T_O5', 'T_FEMALE_T_U5', 'T_FEMALE_T_O5']));
    expect(r.warnings.map((w) => w.message).join('\n')).toContain('NOPE_UNIT');
    expect(await count('data_element')).toBe(before);
  });

  it('imports: generated option combos, sections in order, assignments over each unit’s life', async () => {
    const r = await importPackage(ctx, samplePackage());
    expect(r.status).toBe('OK');
    expect(r.stats.created).toBeGreaterThan(15);
    const db = t.database.db;
    const cocs = await db
      .selectFrom('category_option_combo as c')
      .innerJoin('category_combo as cc', 'cc.id', 'c.category_combo_id')
      .select(['c.code', 'c.name', 'c.name_en'])
      .where('cc.code', '=', 'T_SEX_AGE5')
      .orderBy('c.sort_order')
      .execute();
    expect(cocs).toEqual([
      { code: 'T_MALE_T_U5', name: 'Nam, Dưới 5 tuổi', name_en: 'Male, Under 5' },
      { code: 'T_MALE_T_O5', name: 'Nam, Từ 5 tuổi', name_en: 'Male, 5 and over' },
      { code: 'T_FEMALE_T_U5', name: 'Nữ, Dưới 5 tuổi', name_en: 'Female, Under 5' },
      { code: 'T_FEMALE_T_O5', name: 'Nữ, Từ 5 tuổi', name_en: 'Female, 5 and over' },
    ]);
    const [set] = await exportPackage(ctx, { dataSets: ['T_MONTHLY'] }).then((p) => p.dataSets);
    expect(set!.sections.map((s) => [s.code, s.dataElements])).toEqual([
      ['S1', ['T_BIRTHS', 'T_LBW']],
      ['S2', ['T_VISITS']],
    ]);
    expect(set!.dataElements).toEqual(['T_POP']);
    // Hoằng Xuân closed on 2025-07-01: assigned until then.
    const hx = await db
      .selectFrom('data_set_unit as a')
      .innerJoin('data_set as s', 's.id', 'a.data_set_id')
      .innerJoin('org_unit as u', 'u.id', 'a.org_unit_id')
      .select(['a.valid_from', 'a.valid_to'])
      .where('s.code', '=', 'T_MONTHLY')
      .where('u.code', '=', 'TYT15877')
      .execute();
    expect(hx).toHaveLength(1);
    expect(hx[0]!.valid_to).toBe('2025-07-01');
    const stations = await db.selectFrom('org_unit').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'station').executeTakeFirstOrThrow();
    const assigned = await db.selectFrom('data_set_unit as a').innerJoin('data_set as s', 's.id', 'a.data_set_id').select((eb) => eb.fn.countAll<number>().as('n')).where('s.code', '=', 'T_MONTHLY').executeTakeFirstOrThrow();
    expect(Number(assigned.n)).toBe(Number(stations.n) + 1);
    const audit = await db.selectFrom('audit_log').select(['action', 'entity_code']).where('action', '=', 'metadata.import').where('entity_code', '=', 'TEST_PKG').execute();
    expect(audit).toEqual([{ action: 'metadata.import', entity_code: 'TEST_PKG' }]);
  });

  it('re-importing the same package changes nothing', async () => {
    const r = await importPackage(ctx, samplePackage());
    expect(r.errors).toEqual([]);
    expect(r.stats).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(r.stats.unchanged).toBeGreaterThan(20);
  });

  it('reports field changes and regenerates option combos when an option is added, keeping existing ids', async () => {
    const db = t.database.db;
    const before = await db.selectFrom('category_option_combo').select(['id', 'code']).where('code', 'like', 'T\\_MALE%').execute();
    const p = samplePackage();
    p.categoryOptions!.push({ code: 'T_OTHER', name: 'Khác' });
    p.categories![0]!.options.push('T_OTHER');
    p.dataElements![1]!.name = 'Số trẻ sinh nhẹ cân (<2500g)';
    const r = await importPackage(ctx, p);
    expect(r.errors).toEqual([]);
    expect(r.types.dataElements!.updated).toEqual([{ code: 'T_LBW', changes: ['name'] }]);
    expect(r.types.categories!.updated).toEqual([{ code: 'T_SEX', changes: ['options'] }]);
    expect(r.types.categoryOptionCombos!.created.sort()).toEqual(['T_OTHER', 'T_OTHER_T_O5', 'T_OTHER_T_U5']);
    const after = await db.selectFrom('category_option_combo').select(['id', 'code']).where('code', 'like', 'T\\_MALE%').execute();
    expect(after).toHaveLength(3);
    expect(after.sort((a, b) => a.code!.localeCompare(b.code!))).toEqual(before.sort((a, b) => a.code!.localeCompare(b.code!)));
  });

  it('reordering sections keeps their ids and moves the elements', async () => {
    const db = t.database.db;
    const ids = async () =>
      db.selectFrom('data_set_section as x').innerJoin('data_set as s', 's.id', 'x.data_set_id').select(['x.id', 'x.code', 'x.sort_order']).where('s.code', '=', 'T_MONTHLY').orderBy('x.code').execute();
    const before = await ids();
    const p = samplePackage();
    p.categoryOptions!.push({ code: 'T_OTHER', name: 'Khác' });
    p.categories![0]!.options.push('T_OTHER');
    p.dataSets![0]!.sections!.reverse();
    const r = await importPackage(ctx, p);
    expect(r.types.dataSets!.updated).toEqual([{ code: 'T_MONTHLY', changes: ['sections'] }]);
    const after = await ids();
    expect(after.map((x) => x.id)).toEqual(before.map((x) => x.id));
    expect(after.map((x) => [x.code, x.sort_order])).toEqual([['S1', 1], ['S2', 0]]);
    const [set] = (await exportPackage(ctx, { dataSets: ['T_MONTHLY'] })).dataSets;
    expect(set!.sections.map((x) => x.dataElements)).toEqual([['T_VISITS'], ['T_BIRTHS', 'T_LBW']]);
  });

  it('refuses to remove an option combo that has data, and writes nothing', async () => {
    const db = t.database.db;
    const ou = await db.selectFrom('org_unit').select('iid').where('code', '=', 'TTYT399').executeTakeFirstOrThrow();
    const de = await db.selectFrom('data_element').select('iid').where('code', '=', 'T_BIRTHS').executeTakeFirstOrThrow();
    const coc = await db.selectFrom('category_option_combo').select('iid').where('code', '=', 'T_OTHER').executeTakeFirstOrThrow();
    const dflt = await db.selectFrom('category_option_combo').select('iid').where('code', '=', 'default').executeTakeFirstOrThrow();
    await db.insertInto('period').values({ iso: '202405', period_type: 'Monthly', start_date: '2024-05-01', end_date: '2024-05-31' }).onConflict((c) => c.column('iso').doNothing()).execute();
    const pe = await db.selectFrom('period').select('id').where('iso', '=', '202405').executeTakeFirstOrThrow();
    await db.insertInto('data_value').values({ ou: ou.iid!, de: de.iid, pe: pe.id, co: coc.iid, ao: dflt.iid, value: '3', num: 3 }).execute();
    const p = samplePackage(); // without OTHER in SEX
    p.dataElements![0]!.name = 'Changed too';
    const r = await importPackage(ctx, p);
    expect(r.status).toBe('ERROR');
    expect(r.errors).toEqual([expect.objectContaining({ type: 'categoryCombos', code: 'T_SEX', conflict: true, key: 'metadata.cocHasData' })]);
    const name = await db.selectFrom('data_element').select('name').where('code', '=', 'T_BIRTHS').executeTakeFirstOrThrow();
    expect(name.name).toBe('Thử nghiệm: số trẻ đẻ sống');
    expect(await db.selectFrom('category_option_combo').select('id').where('code', '=', 'T_OTHER').executeTakeFirst()).toBeTruthy();
  });

  it('a broken package (unknown combo, bad expression, unknown option combo) lists every error and writes nothing', async () => {
    const before = await count('data_element');
    const p = samplePackage();
    p.dataElements!.push({ code: 'T_BAD', name: 'Bad', categoryCombo: 'NO_SUCH_COMBO' });
    p.dataElements!.push({ code: 'T_NEW_OK', name: 'Fine on its own' });
    p.indicators!.push({ code: 'T_BAD_EXPR', name: 'x', indicatorType: 'T_RATIO', numerator: '#{T_LBW} + (2', denominator: '1' });
    p.indicators!.push({ code: 'T_BAD_REF', name: 'x', indicatorType: 'T_RATIO', numerator: '1 + #{MAL_XYZ}', denominator: '#{T_BIRTHS.NOPE} + C{NOPE}' });
    const r = await importPackage(ctx, p);
    expect(r.status).toBe('ERROR');
    const summary = r.errors.map((e) => [e.type, e.code, e.field, e.message]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['dataElements', 'T_BAD', 'categoryCombo', 'Không có tổ hợp phân tổ NO_SUCH_COMBO.'],
        ['indicators', 'T_BAD_EXPR', 'numerator', expect.stringContaining('vị trí')],
        ['indicators', 'T_BAD_REF', 'numerator', 'Không có phần tử dữ liệu MAL_XYZ (vị trí 5).'],
        ['indicators', 'T_BAD_REF', 'denominator', 'Phần tử dữ liệu T_BIRTHS không có tổ hợp phân tổ NOPE (vị trí 1).'],
        ['indicators', 'T_BAD_REF', 'denominator', 'Không có hằng số NOPE (vị trí 20).'],
      ]),
    );
    expect(await count('data_element')).toBe(before);
  });

  it('reports schema errors by type, code and field', async () => {
    const r = await importPackage(ctx, { dataElements: [{ code: 'bad code!', name: '' }, { code: 'X', name: 'x', valueType: 'BLOB' }] });
    expect(r.status).toBe('ERROR');
    expect(r.errors.map((e) => [e.type, e.code, e.field])).toEqual(
      expect.arrayContaining([
        ['dataElements', 'bad code!', 'code'],
        ['dataElements', 'bad code!', 'name'],
        ['dataElements', 'X', 'valueType'],
      ]),
    );
    expect((await importPackage(ctx, [1, 2])).errors[0]!.key).toBe('metadata.badPackage');
  });
});

describe('importPackage (DHIS2 malaria package)', () => {
  // A database of its own (the demo template, with the default package and its data, untouched by the tests above).
  let t: TestApp;
  let ctx: Ctx;
  beforeAll(async () => {
    t = await testApp();
    ctx = t.ctx();
  });
  const malaria = () => JSON.parse(readFileSync('/work/shared/data/dhis2/MAL_AGG-COMPLETE-2.40.metadata.json', 'utf8'));

  it('dry run, import, re-import unchanged', async () => {
    const dry = await importPackage(ctx, malaria(), { dryRun: true });
    expect(dry.errors).toEqual([]);
    expect(dry).toMatchObject({ status: 'OK', dryRun: true, format: 'dhis2' });
    expect(dry.types.dataElements!.created).toHaveLength(162);
    expect(dry.types.dataSets!.created).toHaveLength(5);
    expect(dry.types.validationRules!.created).toHaveLength(51);
    expect(dry.types.indicators!.created.length + 35).toBe(212);
    expect(dry.stats.ignored).toBe(35);
    // DHIS2's SEX category (options M/F) is not soyte's SEX (MALE/FEMALE, with data): kept apart.
    expect(dry.warnings.map((w) => w.key)).toContain('metadata.warn.codeClash');
    expect(dry.types.categories!.created).toContain('SEX_FRwO58KwwJt');
    expect(await t.database.db.selectFrom('data_element').select('id').where('id', '=', 'BjDrgVrkBI3').executeTakeFirst()).toBeUndefined();

    const real = await importPackage(ctx, malaria());
    expect(real.errors).toEqual([]);
    expect(real.stats).toEqual({ ...dry.stats });
    const db = t.database.db;
    // uids are kept; option combos keep DHIS2's uids; expressions now use codes.
    const coc = await db.selectFrom('category_option_combo').select(['id', 'code', 'name']).where('id', '=', 'b449dBrOSFK').executeTakeFirstOrThrow();
    expect(coc).toEqual({ id: 'b449dBrOSFK', code: 'P0Y--P5Y_M', name: '0-4 years, Male' });
    const rule = await db.selectFrom('validation_rule').select(['left_expression', 'right_expression']).where('id', '=', 'npLfQBZjsmO').executeTakeFirstOrThrow();
    expect(rule.left_expression).toMatch(/^#\{[A-Z]/);
    expect(rule.left_expression).not.toContain('THsfR427giB');
    const ind = await db.selectFrom('indicator').select('code').where('code', 'like', '%PCT%').execute();
    expect(ind.length).toBeGreaterThan(0);
    const sections = await db.selectFrom('data_set_section').select('id').where('id', '=', 'sraNbe9XsKW').execute();
    expect(sections).toHaveLength(1);

    const again = await importPackage(ctx, malaria());
    expect(again.errors).toEqual([]);
    expect(again.stats).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(again.types.dataElements!.unchanged).toBe(162);

    // The smaller sub-package shares uids with the complete one: it only adds what is new.
    const mmp = await importPackage(ctx, JSON.parse(readFileSync('/work/shared/data/dhis2/MAL_AGG-MMP-2.40.metadata.json', 'utf8')));
    expect(mmp.errors).toEqual([]);
    expect(mmp.types.dataElements!.created).toEqual([]);
  });

  it('a broken DHIS2 package (unknown combo uid, unknown option combo in a rule) lists the errors and writes nothing', async () => {
    const db = t.database.db;
    const before = await db.selectFrom('data_element').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await importPackage(ctx, {
      dataElements: [
        { id: 'aaaaaaaaaa1', code: 'X_OK', name: 'ok', valueType: 'NUMBER', aggregationType: 'SUM', domainType: 'AGGREGATE', categoryCombo: { id: 'bjDvmb4bfuf' } },
        { id: 'aaaaaaaaaa2', code: 'X_BAD', name: 'bad', valueType: 'NUMBER', aggregationType: 'SUM', domainType: 'AGGREGATE', categoryCombo: { id: 'zzzzzzzzzzz' } },
      ],
      validationRules: [
        { id: 'aaaaaaaaaa3', code: 'X_RULE', name: 'r', operator: 'equal_to', periodType: 'Monthly', importance: 'HIGH', leftSide: { expression: '#{aaaaaaaaaa1.qqqqqqqqqqq}' }, rightSide: { expression: '#{aaaaaaaaaa1}' } },
      ],
      categories: 'not a list',
    });
    expect(r.status).toBe('ERROR');
    expect(r.format).toBe('dhis2');
    expect(r.errors.map((e) => [e.code, e.field])).toEqual([
      ['X_BAD', 'categoryCombo'],
      ['X_RULE', 'leftSide.expression'],
    ]);
    expect(r.errors[1]!.message).toBe('Phần tử dữ liệu X_OK không có tổ hợp phân tổ qqqqqqqqqqq (vị trí 1).');
    const after = await db.selectFrom('data_element').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
