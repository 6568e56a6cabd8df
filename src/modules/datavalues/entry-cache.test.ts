// The fast save path caches metadata and sessions: changes must still take effect on the very next save.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { writeValue } from './datavalues.repo.js';
import { createFixture, type Fixture } from './test-fixture.repo.js';

let t: TestApp;
let fx: Fixture;

beforeAll(async () => {
  t = await testApp();
  fx = await createFixture(t.database.db, TEST_DEMO_PASSWORD);
});

const put = (headers: Record<string, string>, body: Record<string, unknown>) =>
  t.app.inject({ method: 'PUT', url: '/api/dataEntry/value', headers, payload: body });
const cell = (de: string, value: unknown, period = '202405') => ({ dataElement: de, orgUnit: 'TYT15877', period, value });

async function setState(period: string, state: string) {
  await sql`insert into period (iso, period_type, start_date, end_date)
    values (${period}, 'Monthly', ${`${period.slice(0, 4)}-${period.slice(4)}-01`}::date, (${`${period.slice(0, 4)}-${period.slice(4)}-01`}::date + interval '1 month' - interval '1 day')::date)
    on conflict (iso) do nothing`.execute(t.database.db);
  await sql`insert into form_status (data_set_id, org_unit_id, period_id, state)
    select ${fx.dataSetId}, ${fx.units.station}, id, ${state} from period where iso = ${period}
    on conflict (data_set_id, org_unit_id, period_id) do update set state = excluded.state`.execute(t.database.db);
}

describe('fast save path: nothing cached that must be fresh', () => {
  it('a form completed or approved refuses the very next save; returned accepts it again', async () => {
    const h = await t.login('tyt.hoangxuan');
    expect((await put(h, cell('T_VISITS', '10', '202403'))).statusCode).toBe(200);
    await setState('202403', 'completed');
    const r1 = await put(h, cell('T_VISITS', '11', '202403'));
    expect(r1.statusCode).toBe(409);
    expect(r1.json().error.details.reason).toBe('completed');
    await setState('202403', 'approved');
    expect((await put(h, cell('T_VISITS', '11', '202403'))).json().error.details.reason).toBe('approved');
    await setState('202403', 'returned');
    const ok = await put(h, cell('T_VISITS', '11', '202403'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().value).toBe('11');
  });

  it('the write statement itself re-checks the lock: nothing is written once the form got approved', async () => {
    await setState('202402', 'approved');
    const db = t.database.db;
    const ids = await sql<{ ou: number; de: number; pe: number; co: number }>`
      select (select iid from org_unit where id = ${fx.units.station}) as ou, (select iid from data_element where id = ${fx.de.visits}) as de,
        (select id from period where iso = '202402') as pe, (select iid from category_option_combo where id = ${fx.coc.default}) as co`.execute(db);
    const k = ids.rows[0]!;
    const args = {
      key: { ...k, ao: k.co }, unitId: fx.units.station, openDataSetIds: [fx.dataSetId], value: '5', num: 5,
      comment: undefined, followUp: undefined, who: 'x', source: 'form', checkBase: false, base: null,
    };
    const r = await writeValue(db, args);
    expect(r.ok).toBe(false);
    const n = await sql<{ n: number }>`select count(*)::int as n from data_value_audit where ou = ${k.ou} and pe = ${k.pe}`.execute(db);
    expect(n.rows[0]!.n).toBe(0);
    await setState('202402', 'open');
    expect(await writeValue(db, args)).toMatchObject({ ok: true, existed: false, value: '5', deleted: false });
    const audit = await sql<{ audit_type: string }>`select audit_type from data_value_audit where ou = ${k.ou} and pe = ${k.pe}`.execute(db);
    expect(audit.rows.map((x) => x.audit_type)).toEqual(['CREATE']);
  });

  it('a value type changed through the metadata API applies to the next save', async () => {
    const h = await t.login('tyt.hoangxuan');
    const bad = await put(h, cell('T_VISITS_INS', '1,5'));
    expect(bad.statusCode).toBe(400); // INTEGER_ZERO_OR_POSITIVE, now cached
    const admin = t.basic('admin');
    const de = (await t.app.inject({ method: 'GET', url: '/api/metadata/dataElements/T_VISITS_INS', headers: admin })).json();
    const upd = await t.app.inject({ method: 'PUT', url: '/api/metadata/dataElements/T_VISITS_INS', headers: admin, payload: { ...de, valueType: 'NUMBER' } });
    expect(upd.statusCode).toBe(200);
    const ok = await put(h, cell('T_VISITS_INS', '1,5'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().value).toBe('1.5');
  });

  it('an element removed from the data set is refused on the next save', async () => {
    const h = await t.login('tyt.hoangxuan');
    expect((await put(h, cell('T_RATE', '50'))).statusCode).toBe(200);
    const admin = t.basic('admin');
    const ds = (await t.app.inject({ method: 'GET', url: '/api/metadata/dataSets/T_MONTHLY', headers: admin })).json();
    const strip = (x: unknown): unknown =>
      Array.isArray(x) ? x.filter((e) => e !== 'T_RATE' && !(e && typeof e === 'object' && Object.values(e).includes('T_RATE'))).map(strip)
        : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, strip(v)])) : x;
    const upd = await t.app.inject({ method: 'PUT', url: '/api/metadata/dataSets/T_MONTHLY', headers: admin, payload: strip(ds) as Record<string, unknown> });
    expect(upd.statusCode).toBe(200);
    const r = await put(h, cell('T_RATE', '60'));
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.reason).toBe('notAssigned');
  });

  it('a role change and a logout apply to the next request of an open session', async () => {
    const h = await t.login('t.centre.entry');
    const save = (v: string) => put(h, { ...cell('T_NOTE', v), orgUnit: 'TTYT399' });
    expect((await save('a')).statusCode).toBe(200);
    const user = await t.database.db.selectFrom('app_user').select('id').where('username', '=', 't.centre.entry').executeTakeFirstOrThrow();
    const patch = (roles: string[]) => t.app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: t.basic('admin'), payload: { roles } });
    expect((await patch(['viewer'])).statusCode).toBe(200);
    const refused = await save('b');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect((await patch(['data_entry'])).statusCode).toBe(200);
    expect((await save('c')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: h })).statusCode).toBeLessThan(300);
    expect((await save('d')).statusCode).toBe(401);
  });
});
