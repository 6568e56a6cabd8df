import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, testApp, type TestApp } from '../../test/harness.js';
import { actorForUsername } from '../users/auth.service.js';
import { createFixtures, FX } from './fixtures.test-helper.js';
import { parseCsvSet } from './parse.js';
import { ensurePeriods } from '../datavalues/periods.repo.js';
import { formsClosedSince } from './imports.repo.js';

let t: TestApp;
let admin: Record<string, string>;
let centre: Record<string, string>; // ttyt.hoanghoa: data:write over TTYT399 and its stations
let station: Record<string, string>; // tyt.hoangxuan: data_entry at TYT15877
let otherStation: string; // code of a station outside TTYT399
let sibling: string; // code of another station of TTYT399

beforeAll(async () => {
  t = await testApp();
  await createFixtures(t.database.db);
  admin = t.basic('admin');
  centre = t.basic('ttyt.hoanghoa');
  station = t.basic('tyt.hoangxuan');
  const ttyt = await t.unit('TTYT399');
  const r = await sql<{ code: string; inside: boolean }>`
    select u.code, exists (select 1 from org_unit_closure c where c.descendant_id = u.id and c.ancestor_id = ${ttyt}) as inside
    from org_unit u where u.code like 'TYT%' and u.opening_date <= '2024-01-01' and (u.closed_date is null or u.closed_date > '2024-12-31')
      and u.code <> 'TYT15877'
    order by u.code`.execute(t.database.db);
  otherStation = r.rows.find((x) => !x.inside)!.code;
  sibling = r.rows.find((x) => x.inside)!.code;
});

const post = (url: string, payload: unknown, headers: Record<string, string>, contentType = 'application/json') =>
  t.app.inject({
    method: 'POST',
    url,
    payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
    headers: { ...headers, 'content-type': contentType, 'accept-language': 'en' },
  });
const get = (url: string, headers = admin) => t.app.inject({ method: 'GET', url, headers: { ...headers, 'accept-language': 'en' } });

async function stored(unitCode: string, period: string, elementCode: string, cocCode = 'default') {
  const r = await sql<{ value: string; comment: string | null; stored_by: string }>`
    select v.value, v.comment, v.stored_by from data_value v
    join org_unit u on u.iid = v.ou join data_element e on e.iid = v.de join period p on p.id = v.pe
    join category_option_combo c on c.iid = v.co
    where u.code = ${unitCode} and e.code = ${elementCode} and p.iso = ${period} and c.code = ${cocCode}`.execute(t.database.db);
  return r.rows[0];
}

async function countValues(): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from data_value`.execute(t.database.db);
  return r.rows[0].n;
}

const v = (dataElement: string, period: string, orgUnit: string, value: unknown, categoryOptionCombo?: string, extra: object = {}) => ({
  dataElement, period, orgUnit, value, ...(categoryOptionCombo ? { categoryOptionCombo } : {}), ...extra,
});

describe('POST /api/dataValueSets (JSON)', () => {
  it('imports by code, then reports unchanged rows as ignored and changed rows as updated, with audit', async () => {
    const payload = {
      dataSet: 'IMP_DS',
      period: '202401',
      orgUnit: 'TYT15877',
      dataValues: [
        { dataElement: 'IMP_BIRTHS', categoryOptionCombo: 'IMP_MALE', value: '12' },
        { dataElement: 'IMP_BIRTHS', categoryOptionCombo: 'IMP_FEMALE', value: 11 },
        { dataElement: 'IMP_VISITS', value: '1500', comment: 'từ phần mềm khác' },
        { dataElement: 'IMP_NOTE', value: 'Tháng 1 không có dịch' },
        { dataElement: 'IMP_VISITS', orgUnit: 'TTYT399', value: '8700' },
      ],
    };
    const res = await post('/api/dataValueSets?idScheme=code', payload, centre);
    expect(res.statusCode).toBe(200);
    const s = json(res);
    expect(s).toMatchObject({ responseType: 'ImportSummary', status: 'SUCCESS', importCount: { imported: 5, updated: 0, ignored: 0, deleted: 0 }, conflicts: [] });
    expect(await stored('TYT15877', '202401', 'IMP_BIRTHS', 'IMP_FEMALE')).toMatchObject({ value: '11', stored_by: 'ttyt.hoanghoa' });
    expect(await stored('TYT15877', '202401', 'IMP_VISITS')).toMatchObject({ value: '1500', comment: 'từ phần mềm khác' });
    expect(await stored('TTYT399', '202401', 'IMP_VISITS')).toMatchObject({ value: '8700' });

    const again = json(await post('/api/dataValueSets?idScheme=code', payload, centre));
    expect(again.importCount).toEqual({ imported: 0, updated: 0, ignored: 5, deleted: 0 });

    payload.dataValues[0].value = '13';
    const changed = json(await post('/api/dataValueSets?idScheme=code', payload, centre));
    expect(changed.importCount).toEqual({ imported: 0, updated: 1, ignored: 4, deleted: 0 });
    const audit = await sql<{ audit_type: string; value: string; previous_value: string | null; source: string }>`
      select a.audit_type, a.value, a.previous_value, a.source from data_value_audit a
      join data_element e on e.iid = a.de join category_option_combo c on c.iid = a.co
      where e.code = 'IMP_BIRTHS' and c.code = 'IMP_MALE' order by a.id`.execute(t.database.db);
    expect(audit.rows).toEqual([
      { audit_type: 'CREATE', value: '12', previous_value: null, source: 'import' },
      { audit_type: 'UPDATE', value: '13', previous_value: '12', source: 'import' },
    ]);
  });

  it('resolves uids by default and refuses codes under idScheme=uid; auto accepts both and flags ambiguity', async () => {
    const ou = await t.unit('TYT15877');
    const byUid = json(await post('/api/dataValueSets', { dataValues: [v(FX.births, '202402', ou, 3, FX.male)] }, centre));
    expect(byUid.importCount.imported).toBe(1);
    const codes = json(await post('/api/dataValueSets', { dataValues: [v('IMP_VISITS', '202402', 'TYT15877', 3)] }, centre));
    expect(codes.status).toBe('ERROR');
    expect(codes.conflicts[0]).toMatchObject({ object: 'IMP_VISITS', errorCode: 'E7610', indexes: [0] });
    const auto = json(
      await post('/api/dataValueSets?idScheme=auto', { dataValues: [v('IMP_VISITS', '202402', ou, 4), v('impVisits01', '202402', 'TYT15877', 5)] }, centre),
    );
    expect(auto.importCount.imported).toBe(1);
    expect(auto.conflicts).toHaveLength(1);
    expect(auto.conflicts[0]).toMatchObject({ object: 'impVisits01', indexes: [1] });
    expect(auto.conflicts[0].value).toMatch(/ambiguous/);
  });

  it('reports every bad row as a conflict with its index and imports the good ones', async () => {
    const rows = [
      v('IMP_VISITS', '202403', 'TYT15877', '10'), // 0 ok
      v('NO_SUCH', '202403', 'TYT15877', '1'), // 1 unknown element
      v('IMP_VISITS', '202403', 'TYT00000', '1'), // 2 unknown unit
      v('IMP_VISITS', '2024-03', 'TYT15877', '1'), // 3 bad period
      v('IMP_VISITS', '202403', 'TTYT399', 'abc'), // 4 not a number
      v('IMP_RATE', '202403', 'TYT15877', '150'), // 5 percentage > 100
      v('IMP_BIRTHS', '202403', 'TYT15877', '1', 'default'), // 6 combo not of the element
      v('IMP_BIRTHS', '202403', 'TYT15877', '1', 'NOPE'), // 7 unknown combo
      v('IMP_NOTE', '202403', 'TYT15877', ''), // 8 empty
      v('NO_SUCH', '202403', 'TTYT399', '2'), // 9 unknown element again: grouped with 1
      v('IMP_VISITS', '202403', 'TYT15877', '-5'), // 10 negative for zero-or-positive (conflict, not duplicate)
      'not an object', // 11
    ];
    const s = json(await post('/api/dataValueSets?idScheme=code', { dataValues: rows }, centre));
    expect(s.status).toBe('WARNING');
    expect(s.importCount).toEqual({ imported: 1, updated: 0, ignored: 11, deleted: 0 });
    const byIndex = new Map<number, { errorCode: string; value: string; object: string }>();
    for (const c of s.conflicts) for (const i of c.indexes) byIndex.set(i, c);
    expect([...byIndex.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(byIndex.get(1)).toBe(byIndex.get(9)); // one conflict, indexes [1, 9]
    expect(byIndex.get(1)!.errorCode).toBe('E7610');
    expect(byIndex.get(2)!.errorCode).toBe('E7612');
    expect(byIndex.get(3)!.errorCode).toBe('E7611');
    expect(byIndex.get(4)!.errorCode).toBe('E7619');
    expect(byIndex.get(5)!.errorCode).toBe('E7619');
    expect(byIndex.get(6)!.errorCode).toBe('E7614');
    expect(byIndex.get(7)!.errorCode).toBe('E7613');
    expect(byIndex.get(8)!.errorCode).toBe('E7618');
    expect(await stored('TYT15877', '202403', 'IMP_VISITS')).toMatchObject({ value: '10' });
  });

  it('answers in Vietnamese by default', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/dataValueSets?idScheme=code', headers: { ...centre, 'content-type': 'application/json' },
      payload: JSON.stringify({ dataValues: [v('NO_SUCH', '202403', 'TYT15877', '1')] }),
    });
    expect(json(res).conflicts[0].value).toBe('Không tìm thấy phần tử dữ liệu NO_SUCH.');
  });

  it('dryRun counts without writing anything', async () => {
    const before = await countValues();
    const s = json(await post('/api/dataValueSets?idScheme=code&dryRun=true', { dataValues: [v('IMP_VISITS', '202404', 'TYT15877', '7'), v('IMP_RATE', '202404', 'TYT15877', '99,5')] }, centre));
    expect(s).toMatchObject({ status: 'SUCCESS', importCount: { imported: 2, updated: 0, ignored: 0, deleted: 0 } });
    expect(s.importOptions.dryRun).toBe(true);
    expect(await countValues()).toBe(before);
    expect(await stored('TYT15877', '202404', 'IMP_VISITS')).toBeUndefined();
  });

  it('atomic=true writes nothing when any row is refused; the default imports the good rows', async () => {
    const payload = { dataValues: [v('IMP_VISITS', '202405', 'TYT15877', '20'), v('IMP_VISITS', '202405', 'TTYT399', 'x')] };
    const before = await countValues();
    const a = json(await post('/api/dataValueSets?idScheme=code&atomic=true', payload, centre));
    expect(a.status).toBe('ERROR');
    expect(a.importCount).toEqual({ imported: 0, updated: 0, ignored: 2, deleted: 0 });
    expect(a.conflicts[0].indexes).toEqual([1]);
    expect(await countValues()).toBe(before);
    const b = json(await post('/api/dataValueSets?idScheme=code', payload, centre));
    expect(b.status).toBe('WARNING');
    expect(b.importCount.imported).toBe(1);
  });

  it('refuses per row what is outside the scope of a station user, and the station after its closure', async () => {
    const s = json(
      await post('/api/dataValueSets?idScheme=code', {
        dataValues: [
          v('IMP_VISITS', '202406', 'TYT15877', '30'), // own station: ok
          v('IMP_VISITS', '202406', otherStation, '30'), // another district
          v('IMP_VISITS', '202406', sibling, '30'), // a neighbour station under the same centre
          v('IMP_VISITS', '202406', 'TTYT399', '30'), // its parent
          v('IMP_VISITS', '202508', 'TYT15877', '30'), // after the 2025 merger closed it
        ],
      }, station),
    );
    expect(s.importCount.imported).toBe(1);
    const byIndex = new Map<number, { errorCode: string; value: string }>();
    for (const c of s.conflicts) for (const i of c.indexes) byIndex.set(i, c);
    for (const i of [1, 2, 3]) expect(byIndex.get(i)).toMatchObject({ errorCode: 'E7617', value: expect.stringMatching(/outside your scope/) });
    expect(byIndex.get(4)!.value).toMatch(/not open in period 202508/);
    expect(await stored(otherStation, '202406', 'IMP_VISITS')).toBeUndefined();
  });

  it('refuses a viewer outright (no data:write)', async () => {
    const res = await post('/api/dataValueSets?idScheme=code', { dataValues: [v('IMP_VISITS', '202406', 'TYT15877', '1')] }, t.basic('syt.xem'));
    expect(res.statusCode).toBe(403);
  });

  it('refuses locked (approved) and completed forms, future periods and expired windows (system admins may write expired ones)', async () => {
    const ds = FX.dataSet;
    const ou = await t.unit('TYT15877');
    const sib = await t.unit(sibling);
    await sql`insert into period (iso, period_type, start_date, end_date) values ('202407', 'Monthly', '2024-07-01', '2024-07-31') on conflict do nothing`.execute(t.database.db);
    await sql`insert into form_status (data_set_id, org_unit_id, period_id, state) select ${ds}, ${ou}, id, 'approved' from period where iso = '202407'`.execute(t.database.db);
    await sql`insert into form_status (data_set_id, org_unit_id, period_id, state) select ${ds}, ${sib}, id, 'completed' from period where iso = '202407'`.execute(t.database.db);
    const rows = [
      v('IMP_VISITS', '202407', 'TYT15877', '1'), // approved → locked
      v('IMP_VISITS', '202407', sibling, '1'), // completed
      v('IMP_VISITS', '209912', 'TTYT399', '1'), // future
      v('IMP_LATE', '202405', 'TYT15877', '1'), // window closed 10 days after the deadline
    ];
    const s = json(await post('/api/dataValueSets?idScheme=code', { dataValues: rows }, centre));
    expect(s.importCount.imported).toBe(0);
    const byIndex = new Map<number, { errorCode: string; value: string }>();
    for (const c of s.conflicts) for (const i of c.indexes) byIndex.set(i, c);
    expect(byIndex.get(0)!.value).toMatch(/approved and locked/);
    expect(byIndex.get(1)!.value).toMatch(/completed/);
    expect(byIndex.get(2)!.value).toMatch(/future/);
    expect(byIndex.get(3)!.value).toMatch(/closed on/);
    // A system administrator may fill an expired period, never a locked one.
    const a = json(await post('/api/dataValueSets?idScheme=code', { dataValues: [rows[0], rows[3]] }, admin));
    expect(a.importCount.imported).toBe(1);
    expect(a.conflicts[0].indexes).toEqual([0]);
    expect(await stored('TYT15877', '202405', 'IMP_LATE')).toMatchObject({ value: '1' });
  });

  it('treats duplicated cells in one payload as conflicts, not last-wins', async () => {
    const s = json(
      await post('/api/dataValueSets?idScheme=code', {
        dataValues: [
          v('IMP_VISITS', '202408', 'TYT15877', '5'),
          v('IMP_VISITS', '202408', 'TYT15877', '5'), // identical copy: first kept
          v('IMP_RATE', '202408', 'TYT15877', '50'),
          v('IMP_RATE', '202408', 'TYT15877', '60'), // differing: both refused
        ],
      }, centre),
    );
    expect(s.importCount).toEqual({ imported: 1, updated: 0, ignored: 3, deleted: 0 });
    const dup = s.conflicts.find((c: { value: string }) => /Duplicate of row 0/.test(c.value));
    expect(dup.indexes).toEqual([1]);
    const diff = s.conflicts.find((c: { value: string }) => /different values/.test(c.value));
    expect(diff.indexes).toEqual([2, 3]);
    expect(await stored('TYT15877', '202408', 'IMP_RATE')).toBeUndefined();
  });

  it('importStrategy=DELETE removes values and audits it; CREATE leaves existing values alone', async () => {
    await post('/api/dataValueSets?idScheme=code', { dataValues: [v('IMP_VISITS', '202409', 'TYT15877', '40'), v('IMP_RATE', '202409', 'TYT15877', '40')] }, centre);
    const c = json(await post('/api/dataValueSets?idScheme=code&importStrategy=CREATE', { dataValues: [v('IMP_VISITS', '202409', 'TYT15877', '41')] }, centre));
    expect(c.importCount).toEqual({ imported: 0, updated: 0, ignored: 1, deleted: 0 });
    expect(await stored('TYT15877', '202409', 'IMP_VISITS')).toMatchObject({ value: '40' });
    const d = json(
      await post('/api/dataValueSets?idScheme=code&importStrategy=DELETE', { dataValues: [v('IMP_VISITS', '202409', 'TYT15877', null), v('IMP_NOTE', '202409', 'TYT15877', null)] }, centre),
    );
    expect(d.importCount).toEqual({ imported: 0, updated: 0, ignored: 1, deleted: 1 });
    expect(await stored('TYT15877', '202409', 'IMP_VISITS')).toBeUndefined();
    expect(await stored('TYT15877', '202409', 'IMP_RATE')).toMatchObject({ value: '40' });
    const audit = await sql<{ audit_type: string; previous_value: string }>`select audit_type, previous_value from data_value_audit where audit_type = 'DELETE'`.execute(t.database.db);
    expect(audit.rows).toEqual([{ audit_type: 'DELETE', previous_value: '40' }]);
  });

  it('answers malformed bodies with a clear 400', async () => {
    const bad = await post('/api/dataValueSets', '{"dataValues": [ {"dataElement": ', centre);
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/JSON is malformed/) });
    const noArray = await post('/api/dataValueSets', { values: [] }, centre);
    expect(noArray.statusCode).toBe(400);
    expect(json(noArray).error.message).toMatch(/dataValues/);
    const empty = await post('/api/dataValueSets', '', centre);
    expect(empty.statusCode).toBe(400);
    const csv = await post('/api/dataValueSets', 'IMP_VISITS,202410,TYT15877,,,"12', centre, 'application/csv');
    expect(csv.statusCode).toBe(400);
    expect(json(csv).error.message).toMatch(/CSV is malformed \(line 1\)/);
    const xlsx = await post('/api/dataValueSets/xlsx', Buffer.from('PK this is not a zip'), centre, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.statusCode).toBe(400);
    expect(json(xlsx).error.message).toMatch(/Excel/);
    const type = await post('/api/dataValueSets', '<xml/>', centre, 'application/xml');
    expect(type.statusCode).toBe(400);
    expect(json(type).error.message).toMatch(/not supported/);
  });

  it('refuses a body over the limit with 413 quickly and stays up', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const body = new Readable({
      read() {
        sent++;
        this.push(sent <= 201 ? chunk : null); // ~200 MB, produced lazily
      },
    });
    const t0 = Date.now();
    const res = await t.app.inject({ method: 'POST', url: '/api/dataValueSets', payload: body, headers: { ...centre, 'content-type': 'application/json', 'accept-language': 'en' } });
    expect(res.statusCode).toBe(413);
    expect(json(res).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { reason: 'PAYLOAD_TOO_LARGE' } });
    expect(json(res).error.message).toMatch(/too large/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const declared = await t.app.inject({
      method: 'POST', url: '/api/dataValueSets', payload: '{}',
      headers: { ...centre, 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) },
    });
    expect([400, 413]).toContain(declared.statusCode);
    expect((await get('/api/health')).statusCode).toBe(200);
  });
});

describe('completeDate completes the form through the workflow', () => {
  it('completes the payload’s form after writing its values, and says so', async () => {
    const payload = { dataSet: 'IMP_DS', period: '202403', orgUnit: sibling, completeDate: '2024-04-03', dataValues: [v('IMP_VISITS', '202403', sibling, '42')] };
    const s = json(await post('/api/dataValueSets?idScheme=code', payload, centre));
    expect(s).toMatchObject({ status: 'SUCCESS', importCount: { imported: 1 }, dataSetComplete: '2024-04-03', conflicts: [] });
    const f = await sql<{ state: string; completed_by: string }>`
      select f.state, f.completed_by from form_status f join data_set d on d.id = f.data_set_id
      join org_unit u on u.id = f.org_unit_id join period p on p.id = f.period_id
      where d.code = 'IMP_DS' and u.code = ${sibling} and p.iso = '202403'`.execute(t.database.db);
    expect(f.rows[0]).toEqual({ state: 'completed', completed_by: 'ttyt.hoanghoa' });
    // The completed form is now read-only for further imports, as in the form.
    const again = json(await post('/api/dataValueSets?idScheme=code', { ...payload, dataValues: [v('IMP_VISITS', '202403', sibling, '43')] }, centre));
    expect(again.importCount.imported + again.importCount.updated).toBe(0);
  });

  it('keeps the values but reports why the form was not completed', async () => {
    const payload = { dataSet: 'IMP_DS', completeDate: '2024-04-03', dataValues: [v('IMP_VISITS', '202404', sibling, '7')] };
    const s = json(await post('/api/dataValueSets?idScheme=code', payload, centre));
    expect(s).toMatchObject({ status: 'WARNING', importCount: { imported: 1 }, dataSetComplete: 'false' });
    expect(s.conflicts).toEqual([expect.objectContaining({ errorCode: 'E7650', property: 'completeDate', value: expect.stringMatching(/dataSet, orgUnit and period/) })]);
    expect(await stored(sibling, '202404', 'IMP_VISITS')).toMatchObject({ value: '7' });
  });
});

describe('a form closed while an import runs', () => {
  it('is detected inside the write transaction (so the import writes nothing), older closures are not', async () => {
    const db = t.database.db;
    const unit = await t.unit(sibling);
    const pe = (await ensurePeriods(db, ['202410'])).get('202410')!;
    const before = new Date(Date.now() - 1000);
    await db.insertInto('form_status').values({ data_set_id: FX.dataSet, org_unit_id: unit, period_id: pe, state: 'approved', approved_at: new Date(), approved_by: 'x' }).execute();
    expect(await formsClosedSince(db, [unit], ['202410'], [FX.visits], before)).toBe(true);
    expect(await formsClosedSince(db, [unit], ['202410'], [FX.visits], new Date(Date.now() + 1000))).toBe(false);
    expect(await formsClosedSince(db, [unit], ['202409'], [FX.visits], before)).toBe(false);
  });
});

describe('CSV', () => {
  it('parses DHIS2 CSV with or without a header, quoted fields and CRLF', () => {
    const withHeader = parseCsvSet('dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup\r\nA,202401,OU,,,"1,5",x,,"say ""hi""\nthere",true\r\n');
    expect(withHeader.rows).toEqual([
      { dataElement: 'A', period: '202401', orgUnit: 'OU', categoryOptionCombo: '', attributeOptionCombo: '', value: '1,5', comment: 'say "hi"\nthere', followup: true, deleted: false },
    ]);
    const reordered = parseCsvSet('value,orgunit,period,dataelement\n7,OU,202401,A\n');
    expect(reordered.rows[0]).toMatchObject({ dataElement: 'A', value: '7', orgUnit: 'OU' });
    const bare = parseCsvSet('A,202401,OU,,,9\n\nB,202401,OU,,,10');
    expect(bare.rows.map((r) => r.value)).toEqual(['9', '10']);
    expect(bare.lines).toEqual([1, 3]);
  });

  it('imports CSV with idScheme=code and reports file line numbers', async () => {
    const csv = [
      'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup',
      'IMP_BIRTHS,202410,TYT15877,IMP_MALE,,21,,,,',
      'IMP_BIRTHS,202410,TYT15877,IMP_FEMALE,,19,,,"ghi chú, có dấu phẩy",',
      'IMP_VISITS,202410,TYT15877,,,oops,,,,',
    ].join('\n');
    const res = await post('/api/dataValueSets?idScheme=code', csv, centre, 'application/csv');
    expect(res.statusCode).toBe(200);
    const s = json(res);
    expect(s.importCount).toMatchObject({ imported: 2, ignored: 1 });
    expect(s.conflicts[0]).toMatchObject({ indexes: [2], lines: [4] });
    expect(await stored('TYT15877', '202410', 'IMP_BIRTHS', 'IMP_FEMALE')).toMatchObject({ value: '19', comment: 'ghi chú, có dấu phẩy' });
    const noHeader = json(await post('/api/dataValueSets.csv?idScheme=code', 'IMP_VISITS,202410,TYT15877,,,77', centre, 'text/plain'));
    expect(noHeader.importCount.imported).toBe(1);
  });
});

describe('GET /api/dataValueSets', () => {
  it('exports JSON and CSV by code, round-trips through import, and checks scope', async () => {
    await post('/api/dataValueSets?idScheme=code', { dataValues: [v('IMP_VISITS', '202411', 'TYT15877', '300'), v('IMP_BIRTHS', '202411', 'TYT15877', '4', 'IMP_MALE')] }, centre);
    const res = await get('/api/dataValueSets?dataSet=IMP_DS&period=202411&orgUnit=TYT15877&idScheme=code', centre);
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body).toMatchObject({ dataSet: 'IMP_DS', period: '202411', orgUnit: 'TYT15877' });
    expect(body.dataValues).toEqual([
      expect.objectContaining({ dataElement: 'IMP_BIRTHS', categoryOptionCombo: 'IMP_MALE', attributeOptionCombo: 'default', value: '4', storedBy: 'ttyt.hoanghoa' }),
      expect.objectContaining({ dataElement: 'IMP_VISITS', categoryOptionCombo: 'default', value: '300' }),
    ]);
    // Subtree of the centre.
    const tree = json(await get('/api/dataValueSets?dataSet=IMP_DS&period=202411&orgUnit=TTYT399&children=true&idScheme=code', centre));
    expect(tree.dataValues).toHaveLength(2);
    // CSV by suffix; importing it back changes nothing.
    const csv = await get('/api/dataValueSets.csv?dataSet=IMP_DS&period=202411&orgUnit=TYT15877&idScheme=code', centre);
    expect(csv.headers['content-type']).toMatch(/csv/);
    expect(csv.body.split('\n')[0]).toBe('dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted');
    const back = json(await post('/api/dataValueSets?idScheme=code', csv.body, centre, 'application/csv'));
    expect(back.importCount).toEqual({ imported: 0, updated: 0, ignored: 2, deleted: 0 });
    // JSON export (uids) imported back: unchanged too.
    const uidExport = json(await get('/api/dataValueSets?dataSet=IMP_DS&period=202411&orgUnit=TYT15877', centre));
    expect(json(await post('/api/dataValueSets', uidExport, centre)).importCount.ignored).toBe(2);
    // Accept: text/csv also selects CSV.
    const accept = await t.app.inject({ method: 'GET', url: '/api/dataValueSets?dataSet=IMP_DS&period=202411&orgUnit=TYT15877', headers: { ...centre, accept: 'text/csv' } });
    expect(accept.headers['content-type']).toMatch(/csv/);
    // A station user cannot read its centre or another district.
    expect((await get('/api/dataValueSets?dataSet=IMP_DS&period=202411&orgUnit=TTYT399', station)).statusCode).toBe(403);
    expect((await get(`/api/dataValueSets?dataSet=IMP_DS&period=202411&orgUnit=${otherStation}`, centre)).statusCode).toBe(403);
    expect((await get('/api/dataValueSets?dataSet=IMP_DS&orgUnit=TYT15877', centre)).statusCode).toBe(400);
  });
});

describe('Excel template', () => {
  it('generates a protected template with labels and hidden codes, and imports it back once filled', async () => {
    await post('/api/dataValueSets?idScheme=code', { dataValues: [v('IMP_VISITS', '202412', 'TYT15877', '55')] }, centre);
    const res = await get('/api/dataValueSets/template.xlsx?dataSet=IMP_DS&orgUnit=TYT15877&period=202412', centre);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(String(ws.getCell('A1').value)).toBe('Báo cáo tháng 12/2024 — Trạm Y tế xã Hoằng Xuân');
    expect(wb.getWorksheet('_codes')!.state).toBe('veryHidden');
    // Find the cells by their labels.
    const rowOf = (label: string) => {
      let found = 0;
      ws.eachRow((r, n) => {
        if (r.getCell(1).value === label) found = n;
      });
      return found;
    };
    const births = rowOf('Số trẻ đẻ ra sống');
    const visits = rowOf('Số lượt khám bệnh');
    expect(rowOf('I. Sinh đẻ')).toBeGreaterThan(0);
    expect(ws.getCell(births, 2).protection?.locked).toBe(false);
    expect(ws.getCell(births, 1).protection?.locked).not.toBe(false);
    expect(ws.getCell(visits, 2).value).toBe(55); // pre-filled
    ws.getCell(births, 2).value = 8; // Nam
    ws.getCell(births, 3).value = 9; // Nữ
    ws.getCell(visits, 2).value = 56;
    ws.getCell(rowOf('Tỷ lệ tiêm chủng đầy đủ'), 2).value = 'nhiều';
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await post('/api/dataValueSets/xlsx', filled, centre, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(up.statusCode).toBe(200);
    const s = json(up);
    expect(s.importCount).toEqual({ imported: 2, updated: 1, ignored: 1, deleted: 0 });
    expect(s.conflicts[0].cells).toEqual([`B${rowOf('Tỷ lệ tiêm chủng đầy đủ')}`]);
    expect(await stored('TYT15877', '202412', 'IMP_BIRTHS', 'IMP_FEMALE')).toMatchObject({ value: '9' });
    expect(await stored('TYT15877', '202412', 'IMP_VISITS')).toMatchObject({ value: '56' });

    // The same file as a multipart upload, by a station user of another unit: refused per row.
    const boundary = '----soyte';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      filled,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const other = await post('/api/dataValueSets', multipart, t.basic('syt.xem'), `multipart/form-data; boundary=${boundary}`);
    expect(other.statusCode).toBe(403);
    const mp = json(await post('/api/dataValueSets?dryRun=true', multipart, centre, `multipart/form-data; boundary=${boundary}`));
    expect(mp.importCount).toMatchObject({ imported: 0, updated: 0, ignored: 4 });
    expect(mp.conflicts).toHaveLength(1);
  });

  it('refuses a template for a unit outside scope', async () => {
    expect((await get(`/api/dataValueSets/template.xlsx?dataSet=IMP_DS&orgUnit=${otherStation}&period=202412`, station)).statusCode).toBe(403);
  });
});

describe('soyte import (CLI)', () => {
  it('imports a CSV file as a user, with that user’s scope, and prints the summary', async () => {
    const { runImport } = await import('./imports.cli.js');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'soyte-cli-')), 'values.csv');
    fs.writeFileSync(file, `IMP_VISITS,202302,TYT15877,,,123\nIMP_VISITS,202302,${otherStation},,,5\n`);
    let printed = '';
    const out = { isTTY: false, write: (s: string) => ((printed += s), true) } as unknown as NodeJS.WriteStream;
    const s = await runImport(t.ctx((await actorForUsername(t.ctx(), 'tyt.hoangxuan'))!), file, { idScheme: 'code' }, out);
    expect(s.importCount).toMatchObject({ imported: 1, ignored: 1 });
    expect(printed).toMatch(/WARNING/);
    expect(printed).toMatch(/imported 1, updated 0, deleted 0, ignored 1/);
    expect(printed).toMatch(new RegExp(`${otherStation} is outside your scope.*line 2`));
    expect(await stored('TYT15877', '202302', 'IMP_VISITS')).toMatchObject({ value: '123', stored_by: 'tyt.hoangxuan' });
    const dry = await runImport(t.ctx(), file, { idScheme: 'code', dryRun: true }, out);
    expect(dry.importCount).toMatchObject({ imported: 1, ignored: 1 }); // as the system: the other station is in scope
  });
});

describe('a real DHIS2 metadata package, then data values against it', () => {
  // The shared DHIS2 packages sit next to the repository (../shared), wherever it is cloned.
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const file = path.resolve(repoRoot, '../shared/data/dhis2/MAL_AGG-COMPLETE-2.40.metadata.json');
  it.skipIf(!existsSync(file))('imports the malaria package (MAL_AGG), assigns a data set and imports DHIS2 data values by uid', async () => {
    const { importPackage } = await import('../metadata/metadata.package.js');
    const { loadFormDefinition } = await import('../datavalues/form.js');
    const ctx = t.ctx();
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    const report = await importPackage(ctx, pkg);
    expect(report.status).toBe('OK');
    // The monthly data set of the package with the most elements.
    const monthly = (pkg.dataSets as { id: string; code?: string; periodType: string; dataSetElements: unknown[] }[])
      .filter((d) => d.periodType === 'Monthly')
      .sort((a, b) => b.dataSetElements.length - a.dataSetElements.length)[0];
    const ds = await sql<{ id: string }>`select id from data_set where id = ${monthly.id} or code = ${monthly.code ?? ''}`.execute(t.database.db);
    expect(ds.rows).toHaveLength(1);
    const dsId = ds.rows[0].id;
    await sql`insert into data_set_unit (data_set_id, org_unit_id, valid_from) values (${dsId}, ${await t.unit('TYT15877')}, '2020-01-01')`.execute(t.database.db);
    const form = await loadFormDefinition(t.ctx(), dsId);
    const sample = (type: string) =>
      ({ BOOLEAN: 'true', TRUE_ONLY: 'true', DATE: '2024-05-15', TEXT: 'ghi chú', LONG_TEXT: 'ghi chú', PERCENTAGE: '50', UNIT_INTERVAL: '0.5', INTEGER_NEGATIVE: '-1' })[type] ?? '7';
    const dataValues = [...form.elements.values()].flatMap((e) =>
      e.optionCombos.map((c) => ({ dataElement: e.id, categoryOptionCombo: c.id, value: sample(e.valueType) })),
    );
    expect(dataValues.length).toBeGreaterThan(10);
    const ou = await t.unit('TYT15877');
    const res = await post('/api/dataValueSets', { dataSet: dsId, period: '202405', orgUnit: ou, dataValues }, admin);
    const s = json(res);
    expect(s.conflicts).toEqual([]);
    expect(s.importCount.imported).toBe(dataValues.length);
    // …and the export gives them back in DHIS2's shape, by uid.
    const back = json(await get(`/api/dataValueSets?dataSet=${dsId}&period=202405&orgUnit=${ou}`));
    expect(back.dataValues).toHaveLength(dataValues.length);
    // A station user of another unit is refused row by row.
    const other = json(await post('/api/dataValueSets', { dataSet: dsId, period: '202405', orgUnit: await t.unit(otherStation), dataValues: dataValues.slice(0, 3) }, station));
    expect(other.importCount.imported).toBe(0);
    expect(other.conflicts[0].errorCode).toBe('E7617');
  });
});

describe('write paths (new cells COPYed directly, changed cells merged)', () => {
  const auditOf = async (unitCode: string, period: string) =>
    (
      await sql<{ element: string; audit_type: string; value: string | null; previous_value: string | null; comment: string | null; source: string; modified_by: string }>`
        select e.code as element, a.audit_type, a.value, a.previous_value, a.comment, a.source, a.modified_by from data_value_audit a
        join org_unit u on u.iid = a.ou join data_element e on e.iid = a.de join period p on p.id = a.pe
        where u.code = ${unitCode} and p.iso = ${period} order by a.id`.execute(t.database.db)
    ).rows;

  it('creates new cells with CREATE audit rows, updates changed ones, ignores unchanged ones (comments with tabs and newlines included)', async () => {
    const tricky = 'dòng 1\ndòng\t2 \\ cuối';
    const first = json(await post('/api/dataValueSets?idScheme=code', { period: '202408', orgUnit: sibling, dataValues: [
      { dataElement: 'IMP_BIRTHS', categoryOptionCombo: 'IMP_MALE', value: '5' },
      { dataElement: 'IMP_BIRTHS', categoryOptionCombo: 'IMP_FEMALE', value: '6' },
      { dataElement: 'IMP_VISITS', value: '100', comment: tricky },
    ] }, centre));
    expect(first.importCount).toEqual({ imported: 3, updated: 0, ignored: 0, deleted: 0 });
    expect(await stored(sibling, '202408', 'IMP_VISITS')).toEqual({ value: '100', comment: tricky, stored_by: 'ttyt.hoanghoa' });

    const second = json(await post('/api/dataValueSets?idScheme=code', { period: '202408', orgUnit: sibling, dataValues: [
      { dataElement: 'IMP_BIRTHS', categoryOptionCombo: 'IMP_MALE', value: '5' }, // unchanged
      { dataElement: 'IMP_BIRTHS', categoryOptionCombo: 'IMP_FEMALE', value: '7' }, // changed value
      { dataElement: 'IMP_VISITS', value: '100', comment: tricky }, // unchanged, tricky comment read back
      { dataElement: 'IMP_RATE', value: '50' }, // new
    ] }, centre));
    expect(second.importCount).toEqual({ imported: 1, updated: 1, ignored: 2, deleted: 0 });
    const third = json(await post('/api/dataValueSets?idScheme=code', { period: '202408', orgUnit: sibling, dataValues: [
      { dataElement: 'IMP_VISITS', value: '100', comment: 'đã sửa' }, // comment only
    ] }, centre));
    expect(third.importCount).toEqual({ imported: 0, updated: 1, ignored: 0, deleted: 0 });

    const audit = await auditOf(sibling, '202408');
    expect(audit.map((a) => [a.element, a.audit_type, a.value, a.previous_value])).toEqual([
      ['IMP_BIRTHS', 'CREATE', '5', null],
      ['IMP_BIRTHS', 'CREATE', '6', null],
      ['IMP_VISITS', 'CREATE', '100', null],
      ['IMP_RATE', 'CREATE', '50', null], // one import: its new cells first, then its updates
      ['IMP_BIRTHS', 'UPDATE', '7', '6'],
      ['IMP_VISITS', 'UPDATE', '100', '100'],
    ]);
    expect(audit[2]).toMatchObject({ comment: tricky, source: 'import', modified_by: 'ttyt.hoanghoa' });
    expect(audit[5].comment).toBe('đã sửa');
  });

  it('falls back to the merge when a concurrent writer creates one of the new cells during the import', async () => {
    const db = t.database.db;
    await ensurePeriods(db, ['202409']);
    let res!: Awaited<ReturnType<typeof post>>;
    await db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      // Another writer creates the IMP_VISITS cell and has not committed yet: the import does not see
      // it, routes the cell to the direct COPY, which waits on it and then hits the primary key.
      await sql`insert into data_value (ou, de, pe, co, ao, value, num, stored_by)
        select u.iid, e.iid, p.id, c.iid, c.iid, '41', 41, 'someone' from org_unit u, data_element e, period p, category_option_combo c
        where u.code = ${sibling} and e.code = 'IMP_VISITS' and p.iso = '202409' and c.id = ${FX.defaultCoc}`.execute(conn);
      const pending = post('/api/dataValueSets?idScheme=code', { period: '202409', orgUnit: sibling, dataValues: [
        { dataElement: 'IMP_VISITS', value: '42' },
        { dataElement: 'IMP_RATE', value: '12,5' },
      ] }, centre);
      for (let k = 0; k < 200; k++) {
        const w = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'copy data_value %'`.execute(db);
        if (w.rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await sql`commit`.execute(conn);
      res = await pending;
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ status: 'SUCCESS', importCount: { imported: 1, updated: 1, ignored: 0, deleted: 0 } });
    expect(await stored(sibling, '202409', 'IMP_VISITS')).toMatchObject({ value: '42', stored_by: 'ttyt.hoanghoa' });
    expect(await stored(sibling, '202409', 'IMP_RATE')).toMatchObject({ value: '12.5' });
    expect((await auditOf(sibling, '202409')).map((a) => [a.element, a.audit_type, a.value, a.previous_value])).toEqual([
      ['IMP_RATE', 'CREATE', '12.5', null],
      ['IMP_VISITS', 'UPDATE', '42', '41'],
    ]);
  });
});

describe('a bad string in one row (NUL, lone surrogate) refuses that row only', () => {
  /** 1,000 distinct writable cells for the administrator: 100 stations × 2 months × 5 cells of IMP_DS. */
  async function thousandRows(year: string) {
    const units = (
      await sql<{ code: string }>`select code from org_unit where code like 'TYT%' and opening_date <= ${`${year}-01-01`}
        and (closed_date is null or closed_date > ${`${year}-12-31`}) order by code limit 100`.execute(t.database.db)
    ).rows.map((r) => r.code);
    expect(units).toHaveLength(100);
    const cells = [['IMP_BIRTHS', 'IMP_MALE', '1'], ['IMP_BIRTHS', 'IMP_FEMALE', '2'], ['IMP_VISITS', '', '3'], ['IMP_RATE', '', '4'], ['IMP_NOTE', '', 'ghi chú']];
    return units.flatMap((ou) => [`${year}01`, `${year}02`].flatMap((pe) => cells.map(([de, coc, value]) => ({ dataElement: de, categoryOptionCombo: coc || undefined, period: pe, orgUnit: ou, value, comment: 'từ tệp' as string }))));
  }
  const valuesIn = async (year: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from data_value v join period p on p.id = v.pe join data_element e on e.iid = v.de
      where e.code like 'IMP_%' and p.iso like ${`${year}%`}`.execute(t.database.db)).rows[0].n;

  it('JSON: a NUL in one comment of 1,000 rows → the 999 others are written, the conflict names the row; atomic writes nothing', async () => {
    const rows = await thousandRows('2021');
    rows[500].comment = 'ghi chú \u0000 hỏng';
    const atomic = await post('/api/dataValueSets?idScheme=code&atomic=true', { dataValues: rows }, admin);
    expect(atomic.statusCode).toBe(200);
    expect(json(atomic)).toMatchObject({ status: 'ERROR', importCount: { imported: 0, ignored: 1000 } });
    expect(await valuesIn('2021')).toBe(0);
    const res = await post('/api/dataValueSets?idScheme=code', { dataValues: rows }, admin);
    expect(res.statusCode).toBe(200);
    const s = json(res);
    expect(s).toMatchObject({ status: 'WARNING', importCount: { imported: 999, updated: 0, ignored: 1, deleted: 0 } });
    expect(s.conflicts).toEqual([expect.objectContaining({ errorCode: 'E7600', object: 'comment', property: 'comment', indexes: [500] })]);
    expect(s.conflicts[0].value).toMatch(/comment contains a character that cannot be stored/);
    expect(await valuesIn('2021')).toBe(999);
    expect(await stored(rows[500].orgUnit, rows[500].period, rows[500].dataElement, rows[500].categoryOptionCombo ?? 'default')).toBeUndefined();
    expect(await stored(rows[501].orgUnit, rows[501].period, rows[501].dataElement, rows[501].categoryOptionCombo ?? 'default')).toMatchObject({ comment: 'từ tệp' });
  });

  it('CSV: the same, the conflict naming the file line', async () => {
    const rows = await thousandRows('2020');
    const line = (r: (typeof rows)[number], comment: string) => [r.dataElement, r.period, r.orgUnit, r.categoryOptionCombo ?? '', '', r.value, '', '', comment, ''].join(',');
    const csv = ['dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup']
      .concat(rows.map((r, i) => line(r, i === 500 ? 'xấu\u0000' : 'từ tệp')))
      .join('\r\n');
    const atomic = json(await post('/api/dataValueSets?idScheme=code&atomic=true', csv, admin, 'application/csv'));
    expect(atomic.importCount.imported).toBe(0);
    expect(await valuesIn('2020')).toBe(0);
    const res = await post('/api/dataValueSets?idScheme=code', csv, admin, 'application/csv');
    expect(res.statusCode).toBe(200);
    const s = json(res);
    expect(s.importCount).toEqual({ imported: 999, updated: 0, ignored: 1, deleted: 0 });
    expect(s.conflicts).toEqual([expect.objectContaining({ errorCode: 'E7600', property: 'comment', indexes: [500], lines: [502] })]);
    expect(await valuesIn('2020')).toBe(999);
  });

  it('in any field — codes, value, and the payload’s own unit or period — and lone surrogates alike', async () => {
    const good = v('IMP_VISITS', '201905', 'TYT15877', '9');
    const s = json(
      await post('/api/dataValueSets?idScheme=code', {
        dataValues: [
          good,
          v('IMP_VISITS\u0000', '201905', 'TYT15877', '1'),
          v('IMP_NOTE', '201905', 'TYT15877', 'chữ \ud800 hỏng'),
          v('IMP_RATE', '201905', 'TYT\udc0015877', '5'),
          v('IMP_BIRTHS', '2019\u000005', 'TYT15877', '5', 'IMP_MALE'),
          v('IMP_BIRTHS', '201905', 'TYT15877', '5', 'IMP_FEMALE\u0000'),
          v('IMP_RATE', '201905', 'TYT15877', { nested: true }),
        ],
      }, admin),
    );
    expect(s.importCount).toMatchObject({ imported: 1, ignored: 6 });
    const byIndex = new Map<number, { errorCode: string; property?: string }>();
    for (const c of s.conflicts) for (const i of c.indexes) byIndex.set(i, c);
    expect([1, 2, 3, 4, 5].map((i) => byIndex.get(i)?.property)).toEqual(['dataElement', 'value', 'orgUnit', 'period', 'categoryOptionCombo']);
    expect(byIndex.get(6)).toMatchObject({ errorCode: 'E7600' });
    expect(await stored('TYT15877', '201905', 'IMP_VISITS')).toMatchObject({ value: '9' });
    // The payload-level unit (inherited by every row) and a completeDate: refused row by row, never a 500.
    const payload = json(await post('/api/dataValueSets?idScheme=code', { period: '201906', orgUnit: 'TYT\u000015877', dataValues: [{ dataElement: 'IMP_VISITS', value: '1' }] }, admin));
    expect(payload.importCount.imported).toBe(0);
    expect(payload.conflicts).toEqual([expect.objectContaining({ property: 'orgUnit', indexes: [0] })]);
    const complete = json(await post('/api/dataValueSets?idScheme=code', { dataSet: 'IMP\u0000DS', period: '201906', orgUnit: 'TYT15877', completeDate: '2019-07-01', dataValues: [{ dataElement: 'IMP_VISITS', value: '1' }] }, admin));
    expect(complete).toMatchObject({ importCount: { imported: 1 }, dataSetComplete: 'false' });
    expect(complete.conflicts).toEqual([expect.objectContaining({ errorCode: 'E7650', property: 'completeDate', value: expect.stringMatching(/cannot be stored/) })]);
  });
});

describe('formula injection in CSV exports and the Excel template', () => {
  it('neutralises a stored comment =HYPERLINK(...) and text beginning with @, keeps -5, and imports the file back unchanged', async () => {
    await post('/api/dataValueSets?idScheme=code', { dataValues: [
      v('IMP_VISITS', '201903', 'TYT15877', '5', undefined, { comment: '=HYPERLINK("http://evil.example","bấm vào")' }),
      v('IMP_NOTE', '201903', 'TYT15877', '@SUM(A1:A9)'),
      v('IMP_RATE', '201903', 'TYT15877', '-5'), // refused (percentage) — a plain negative number follows
    ] }, admin);
    await post('/api/dataValueSets?idScheme=code', { dataValues: [v('IMP_NOTE', '201904', 'TYT15877', '-5')] }, admin);
    const csv = await get('/api/dataValueSets.csv?dataSet=IMP_DS&period=201903&period=201904&orgUnit=TYT15877&idScheme=code');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\n');
    const visits = lines.find((l) => l.startsWith('IMP_VISITS,201903'))!;
    expect(visits).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm vào"")"`);
    expect(lines.find((l) => l.startsWith('IMP_NOTE,201903'))).toContain(",'@SUM(A1:A9),");
    expect(lines.find((l) => l.startsWith('IMP_NOTE,201904'))).toContain(',-5,');
    // No cell of the file begins with a formula character any more.
    for (const l of lines.slice(1)) for (const cell of parseCsvSet(`${lines[0]}\n${l}`).rows) expect(cell.comment ?? '').not.toMatch(/^'/);
    const back = json(await post('/api/dataValueSets?idScheme=code', csv.body, admin, 'application/csv'));
    expect(back.importCount).toEqual({ imported: 0, updated: 0, ignored: 3, deleted: 0 });
    expect(await stored('TYT15877', '201903', 'IMP_VISITS')).toMatchObject({ comment: '=HYPERLINK("http://evil.example","bấm vào")' });
  });

  it('neutralises text values pre-filled in the template, and reads them back as they were', async () => {
    await post('/api/dataValueSets?idScheme=code', { dataValues: [v('IMP_NOTE', '201812', 'TYT15877', '=1+1')] }, admin);
    const res = await get('/api/dataValueSets/template.xlsx?dataSet=IMP_DS&orgUnit=TYT15877&period=201812');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Báo cáo')!;
    let note = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === 'Ghi chú') note = n;
    });
    expect(ws.getCell(note, 2).value).toBe("'=1+1");
    const back = json(await post('/api/dataValueSets/xlsx', res.rawPayload, admin, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
    expect(back.importCount).toMatchObject({ imported: 0, updated: 0, ignored: 1 });
    expect(await stored('TYT15877', '201812', 'IMP_NOTE')).toMatchObject({ value: '=1+1' });
  });
});
