import { beforeAll, describe, expect, it } from 'vitest';
import { json, testApp, type TestApp } from '../../test/harness.js';
import { samplePackage } from './metadata.fixtures.js';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  admin = t.basic('admin');
  const r = await t.app.inject({ method: 'POST', url: '/api/metadata/import', payload: samplePackage() as object, headers: admin });
  expect(json(r).status).toBe('OK');
});

const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers = admin) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('metadata CRUD', () => {
  it('lists with tone-insensitive search and paging', async () => {
    const r = json(await req('GET', '/api/metadata/dataElements?q=thu nghiem: so tre de song'));
    expect(r.items.map((i: { code: string }) => i.code)).toEqual(['T_BIRTHS']);
    const all = json(await req('GET', '/api/metadata/dataElements?paging=false'));
    const p = json(await req('GET', '/api/metadata/dataElements?pageSize=2&page=2'));
    expect(p).toMatchObject({ total: all.total, page: 2, pageSize: 2 });
    expect(p.items.map((i: { code: string }) => i.code)).toEqual(all.items.slice(2, 4).map((i: { code: string }) => i.code));
    const combos = json(await req('GET', '/api/metadata/categoryCombos?q=T_SEX_AGE5'));
    expect(combos.items[0].optionCombos.map((c: { code: string }) => c.code)).toEqual(['T_MALE_T_U5', 'T_MALE_T_O5', 'T_FEMALE_T_U5', 'T_FEMALE_T_O5']);
    expect((await req('GET', '/api/metadata/nonsense')).statusCode).toBe(404);
  });

  it('any logged-in user reads; a station user cannot write; anonymous cannot read', async () => {
    const station = t.basic('tyt.hoangxuan');
    expect((await req('GET', '/api/metadata/dataElements', undefined, station)).statusCode).toBe(200);
    expect((await req('GET', '/api/dataElements', undefined, station)).statusCode).toBe(200);
    const w = await req('POST', '/api/metadata/dataElements', { code: 'T_X', name: 'x' }, station);
    expect(w.statusCode).toBe(403);
    expect((await req('PUT', '/api/metadata/dataElements/T_LBW', { code: 'T_LBW', name: 'x' }, t.basic('ttyt.hoanghoa'))).statusCode).toBe(403);
    expect((await req('DELETE', '/api/metadata/validationRules/T_LBW_LE_BIRTHS', undefined, t.basic('syt.admin'))).statusCode).toBe(403);
    expect((await req('POST', '/api/metadata/import', samplePackage(), station)).statusCode).toBe(403);
    expect((await req('PUT', '/api/metadata/dataSets/T_MONTHLY/orgUnits', { assignments: [] }, station)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/metadata/dataElements' })).statusCode).toBe(401);
  });

  it('creates, updates and deletes a data element, audited', async () => {
    const c = await req('POST', '/api/metadata/dataElements', { code: 'T_NEW', name: 'Mới', categoryCombo: 'T_SEX', aggregationType: 'LAST' });
    expect(c.statusCode).toBe(201);
    expect(json(c)).toMatchObject({ code: 'T_NEW', categoryCombo: 'T_SEX', aggregationType: 'LAST', valueType: 'NUMBER' });
    const dup = await req('POST', '/api/metadata/dataElements', { code: 'T_NEW', name: 'again' });
    expect(dup.statusCode).toBe(409);
    const u = await req('PUT', `/api/metadata/dataElements/${json(c).id}`, { code: 'T_NEW2', name: 'Đổi tên', categoryCombo: 'default' });
    expect(u.statusCode).toBe(200);
    expect(json(u)).toMatchObject({ id: json(c).id, code: 'T_NEW2', name: 'Đổi tên', categoryCombo: 'default' });
    const bad = await req('PUT', '/api/metadata/dataElements/T_NEW2', { code: 'T_NEW2', name: 'x', categoryCombo: 'NOPE' });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.details.fields.categoryCombo).toBe('Không có tổ hợp phân tổ NOPE.');
    expect((await req('DELETE', '/api/metadata/dataElements/T_NEW2')).statusCode).toBe(204);
    expect((await req('GET', '/api/metadata/dataElements/T_NEW2')).statusCode).toBe(404);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'dataElements').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['metadata.create', 'metadata.update', 'metadata.delete']);
  });

  it('refuses to delete what is in use, and the built-in default', async () => {
    const r = await req('DELETE', '/api/metadata/dataElements/T_LBW');
    expect(r.statusCode).toBe(409);
    expect(json(r).error.details.usedBy).toEqual(expect.arrayContaining(['T_MONTHLY', 'T_LBW_PCT', 'T_LBW_LE_BIRTHS']));
    expect((await req('DELETE', '/api/metadata/categoryOptions/T_MALE')).statusCode).toBe(409);
    expect((await req('DELETE', '/api/metadata/constants/T_HUNDRED')).statusCode).toBe(409);
    expect((await req('PUT', '/api/metadata/categoryCombos/default', { code: 'default', name: 'x', categories: ['default'] })).statusCode).toBe(409);
  });

  it('validates indicator expressions with positions, in the caller’s language', async () => {
    const body = { code: 'T_IND', name: 'x', indicatorType: 'T_RATIO', numerator: '1 + #{MAL_XYZ}', denominator: '#{T_BIRTHS.T_MALE_T_U5}' };
    const r = await req('POST', '/api/metadata/indicators', body);
    expect(r.statusCode).toBe(400);
    expect(json(r).error.details.fields).toEqual({
      numerator: 'Không có phần tử dữ liệu MAL_XYZ (vị trí 5).',
      denominator: 'Phần tử dữ liệu T_BIRTHS không có tổ hợp phân tổ T_MALE_T_U5 (vị trí 1).',
    });
    const en = await req('POST', '/api/metadata/indicators', body, { ...admin, 'accept-language': 'en' });
    expect(json(en).error.details.fields.numerator).toBe('Unknown data element MAL_XYZ (position 5).');
    const ok = await req('POST', '/api/metadata/indicators', { ...body, numerator: '#{T_BIRTHS.T_MALE}', denominator: '#{T_BIRTHS}' });
    expect(ok.statusCode).toBe(201);
    const rule = await req('POST', '/api/metadata/validationRules', {
      code: 'T_R', name: 'r', operator: 'equal_to', message: 'm', leftSide: { expression: '#{T_VISITS.T_FEMALE_T_O5}' }, rightSide: { expression: '#{T_VISITS' },
    });
    expect(rule.statusCode).toBe(400);
    expect(json(rule).error.details.fields['rightSide.expression']).toContain('vị trí 1');
  });

  it('regenerates option combos when a category gains an option, and refuses removing one with data', async () => {
    const o = await req('POST', '/api/metadata/categoryOptions', { code: 'T_UNKNOWN_SEX', name: 'Không rõ' });
    expect(o.statusCode).toBe(201);
    const sex = json(await req('GET', '/api/metadata/categories/T_SEX'));
    const u = await req('PUT', '/api/metadata/categories/T_SEX', { ...sex, options: [...sex.options, 'T_UNKNOWN_SEX'] });
    expect(u.statusCode).toBe(200);
    const cocs = json(await req('GET', '/api/metadata/categoryOptionCombos?categoryCombo=T_SEX'));
    expect(cocs.map((c: { code: string }) => c.code)).toEqual(['T_MALE', 'T_FEMALE', 'T_UNKNOWN_SEX']);
    const db = t.database.db;
    const [ou, de, coc, dflt] = await Promise.all([
      db.selectFrom('org_unit').select('iid').where('code', '=', 'TTYT399').executeTakeFirstOrThrow(),
      db.selectFrom('data_element').select('iid').where('code', '=', 'T_BIRTHS').executeTakeFirstOrThrow(),
      db.selectFrom('category_option_combo').select('iid').where('code', '=', 'T_UNKNOWN_SEX').executeTakeFirstOrThrow(),
      db.selectFrom('category_option_combo').select('iid').where('code', '=', 'default').executeTakeFirstOrThrow(),
    ]);
    await db.insertInto('period').values({ iso: '202406', period_type: 'Monthly', start_date: '2024-06-01', end_date: '2024-06-30' }).onConflict((c) => c.column('iso').doNothing()).execute();
    const pe = await db.selectFrom('period').select('id').where('iso', '=', '202406').executeTakeFirstOrThrow();
    await db.insertInto('data_value').values({ ou: ou.iid!, de: de.iid, pe: pe.id, co: coc.iid, ao: dflt.iid, value: '1', num: 1 }).execute();
    const r = await req('PUT', '/api/metadata/categories/T_SEX', sex);
    expect(r.statusCode).toBe(409);
    expect(json(r).error.message).toContain('T_UNKNOWN_SEX');
  });

  it('sets data set assignments: units must be real and open over the range', async () => {
    const bad = await req('PUT', '/api/metadata/dataSets/T_MONTHLY/orgUnits', { assignments: [{ orgUnit: 'NOPE' }, { orgUnit: 'TYT15877', validFrom: '2024-01-01', validTo: null }] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(json(bad).error.details.fields)).toEqual(['assignments.0.orgUnit', 'assignments.1.orgUnit']);
    const ok = await req('PUT', '/api/metadata/dataSets/T_MONTHLY/orgUnits', { assignments: [{ orgUnit: 'TTYT399' }, { orgUnit: 'TYT15877', validFrom: '2024-01-01' }] });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toEqual([
      expect.objectContaining({ orgUnit: expect.objectContaining({ code: 'TTYT399' }), validTo: null }),
      expect.objectContaining({ orgUnit: expect.objectContaining({ code: 'TYT15877' }), validFrom: '2024-01-01', validTo: '2025-07-01' }),
    ]);
    // A centre user sees only assignments inside its subtree.
    const seen = json(await req('GET', '/api/metadata/dataSets/T_MONTHLY/orgUnits', undefined, t.basic('tyt.hoangxuan')));
    expect(seen.map((a: { orgUnit: { code: string } }) => a.orgUnit.code)).toEqual(['TYT15877']);
  });

  it('manages calendar days (weekend worked, weekday off; a day off on a Sunday is refused)', async () => {
    expect((await req('POST', '/api/metadata/calendarDays', { day: '2031-04-26', kind: 'work', name: 'Làm bù' })).statusCode).toBe(201);
    expect((await req('POST', '/api/metadata/calendarDays', { day: '2031-05-02', kind: 'off', name: 'Nghỉ bù' })).statusCode).toBe(201);
    expect((await req('POST', '/api/metadata/calendarDays', { day: '2031-05-04', kind: 'off', name: 'Chủ nhật' })).statusCode).toBe(400);
    expect((await req('POST', '/api/metadata/calendarDays', { day: '2031-05-02', kind: 'off', name: 'x' })).statusCode).toBe(409);
    expect((await req('POST', '/api/metadata/calendarDays', { day: '2031-02-30', kind: 'off', name: 'x' })).statusCode).toBe(400);
    const list = json(await req('GET', '/api/metadata/calendarDays?year=2031', undefined, t.basic('syt.xem')));
    expect(list.items.map((d: { day: string }) => d.day)).toEqual(['2031-04-26', '2031-05-02']);
    expect((await req('DELETE', '/api/metadata/calendarDays/2031-05-02')).statusCode).toBe(204);
  });

  it('exports a data set with what it needs, and the export re-imports unchanged', async () => {
    const r = await req('GET', '/api/metadata/export?dataSet=T_MONTHLY');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('attachment');
    const pkg = json(r);
    expect(pkg.dataElements.map((d: { code: string }) => d.code).sort()).toEqual(['T_BIRTHS', 'T_LBW', 'T_POP', 'T_VISITS']);
    expect(pkg.categoryCombos.map((c: { code: string }) => c.code).sort()).toEqual(['T_SEX', 'T_SEX_AGE5']);
    expect(pkg.indicators.map((c: { code: string }) => c.code)).toContain('T_SRB');
    expect(pkg.constants.map((c: { code: string }) => c.code)).toEqual(['T_HUNDRED']);
    const again = json(await req('POST', '/api/metadata/import?dryRun=true', pkg));
    expect(again.errors).toEqual([]);
    expect(again.stats).toMatchObject({ created: 0, updated: 0 });
  });

  it('DHIS2 POST /api/metadata with importMode=VALIDATE writes nothing and answers an ImportReport', async () => {
    const pkg = { dataElements: [{ id: 'abcdefghij1', name: 'From DHIS2', shortName: 'x', valueType: 'NUMBER', aggregationType: 'SUM', domainType: 'AGGREGATE', categoryCombo: { id: 'bjDvmb4bfuf' } }] };
    const r = json(await req('POST', '/api/metadata?importMode=VALIDATE', pkg));
    expect(r.status).toBe('WARNING'); // the element has no code: one is derived
    expect(r.stats.created).toBe(1);
    expect((await req('GET', '/api/dataElements/abcdefghij1')).statusCode).toBe(404);
    const real = json(await req('POST', '/api/metadata', pkg));
    expect(real.stats.created).toBe(1);
    expect(json(await req('GET', '/api/dataElements/abcdefghij1?fields=id,code,categoryCombo[id]'))).toEqual({ id: 'abcdefghij1', code: 'abcdefghij1', categoryCombo: { id: 'bjDvmb4bfuf' } });
  });
});

describe('DHIS2 metadata read endpoints', () => {
  it('lists data elements with fields, filter and pager', async () => {
    const r = json(await req('GET', '/api/dataElements?filter=code:$like:T_&fields=id,code,valueType,aggregationType,categoryCombo[id,code]&pageSize=2'));
    expect(r.pager).toMatchObject({ page: 1, pageSize: 2 });
    expect(r.dataElements).toHaveLength(2);
    expect(Object.keys(r.dataElements[0]).sort()).toEqual(['aggregationType', 'categoryCombo', 'code', 'id', 'valueType']);
    const byName = json(await req('GET', '/api/dataElements?filter=name:ilike:thu nghiem: so tre de song&paging=false&fields=code'));
    expect(byName).toEqual({ dataElements: [{ code: 'T_BIRTHS' }] });
    const set = json(await req('GET', '/api/dataSets?filter=code:eq:T_MONTHLY&fields=id,periodType,dataSetElements[dataElement[code]],sections[name]&paging=false'));
    expect(set.dataSets[0].periodType).toBe('Monthly');
    expect(set.dataSets[0].dataSetElements.map((e: { dataElement: { code: string } }) => e.dataElement.code)).toEqual(['T_BIRTHS', 'T_LBW', 'T_VISITS', 'T_POP']);
    const setId = set.dataSets[0].id;
    const inSet = json(await req('GET', `/api/dataElements?filter=dataSetElements.dataSet.id:eq:${setId}&paging=false&fields=code`));
    expect(inSet.dataElements).toHaveLength(4);
    expect((await req('GET', '/api/dataElements?filter=colour:eq:red')).statusCode).toBe(409);
  });

  it('serves combos, option combos, indicators and validation rules in DHIS2 shape', async () => {
    const combo = json(await req('GET', '/api/categoryCombos?filter=code:eq:T_SEX_AGE5&fields=id,name,categories[id],categoryOptionCombos[id,name]'));
    expect(combo.categoryCombos[0].categoryOptionCombos).toHaveLength(6); // T_SEX gained T_UNKNOWN_SEX above
    const cocs = json(await req('GET', `/api/categoryOptionCombos?filter=categoryCombo.id:eq:${combo.categoryCombos[0].id}&paging=false&fields=code,categoryOptions[code]`));
    expect(cocs.categoryOptionCombos[0]).toEqual({ code: 'T_MALE_T_U5', categoryOptions: [{ code: 'T_MALE' }, { code: 'T_U5' }] });
    const ind = json(await req('GET', '/api/indicators/T_SRB?fields=code,numerator,denominator,indicatorType[factor]'));
    expect(ind).toEqual({ code: 'T_SRB', numerator: '#{T_BIRTHS.T_MALE}', denominator: '#{T_BIRTHS.T_FEMALE}', indicatorType: { factor: 100 } });
    const rules = json(await req('GET', '/api/validationRules?paging=false&filter=code:eq:T_LBW_LE_BIRTHS&fields=*'));
    expect(rules.validationRules[0]).toMatchObject({ code: 'T_LBW_LE_BIRTHS', operator: 'less_than_or_equal_to', leftSide: { expression: '#{T_LBW}' } });
  });
});
