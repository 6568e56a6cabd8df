import { beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../lib/uid.js';
import { json, testApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { hashPassword } from '../users/passwords.js';
import { BUILTIN_DASHBOARDS } from './defaults.js';

let t: TestApp;
let otherCentre: { id: string; code: string };
const H: Record<string, Record<string, string>> = {};

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const req = (method: Method, url: string, as: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: H[as], ...(payload === undefined ? {} : { payload: payload as object }) });

const kpi = (id = 'k1', code = 'MCH_LIVE_BIRTHS') => ({
  id, type: 'kpi', data: [code], period: { kind: 'dashboard' }, unit: { kind: 'dashboard' }, compare: ['plan', 'lastYear'],
});

async function addUser(username: string, unitId: string, role: string) {
  const id = uid();
  await t.database.db
    .insertInto('app_user')
    .values({ id, username, display_name: username, password_hash: await hashPassword(TEST_DEMO_PASSWORD), org_unit_id: unitId })
    .execute();
  await t.database.db.insertInto('user_role').values({ user_id: id, role_code: role }).execute();
}

beforeAll(async () => {
  t = await testApp();
  otherCentre = await t.database.db
    .selectFrom('org_unit').select(['id', 'code'])
    .where('kind', '=', 'health_centre').where('code', '<>', 'TTYT399').orderBy('code').limit(1)
    .executeTakeFirstOrThrow();
  await addUser('t.dash.other', otherCentre.id, 'viewer');
  for (const u of ['admin', 'syt.admin', 'syt.xem', 'ttyt.hoanghoa', 'tyt.hoangloc', 't.dash.other']) H[u] = t.basic(u);
});

describe('built-in dashboards', () => {
  it('offers the built-in of the user’s unit kind first, and those below it for drill-down', async () => {
    const ids = async (u: string) => {
      const body = json(await req('GET', '/api/dashboards', u));
      return { all: body.dashboards.filter((d: any) => d.builtin).map((d: any) => d.id), def: body.dashboards.find((d: any) => d.isDefault)?.id };
    };
    expect(await ids('syt.admin')).toEqual({ all: ['builtin-province', 'builtin-centre', 'builtin-station'], def: 'builtin-province' });
    expect(await ids('ttyt.hoanghoa')).toEqual({ all: ['builtin-centre', 'builtin-station'], def: 'builtin-centre' });
    expect(await ids('tyt.hoangloc')).toEqual({ all: ['builtin-station'], def: 'builtin-station' });
    expect((await ids('admin')).all).toHaveLength(3);
  });

  it('returns a built-in with its items, named in the caller’s language, read-only', async () => {
    const res = await req('GET', '/api/dashboards/builtin-province', 'syt.xem');
    expect(res.statusCode).toBe(200);
    const d = json(res);
    expect(d).toMatchObject({ id: 'builtin-province', builtin: true, editable: false, name: 'Tổng quan toàn tỉnh', levelKind: 'province' });
    const types = d.items.map((i: any) => i.type);
    expect(types).toEqual(expect.arrayContaining(['kpi', 'chart', 'map', 'table']));
    expect(d.items.find((i: any) => i.id === 'kpi-epi')).toMatchObject({ data: ['EPI_FULL_U1'], compare: ['plan', 'lastYear'] });
    const en = await t.app.inject({ method: 'GET', url: '/api/dashboards/builtin-centre', headers: { ...H['syt.xem'], 'accept-language': 'en' } });
    expect(json(en).name).toBe('Health centre overview');
    expect((await req('GET', '/api/dashboards/builtin-nope', 'syt.xem')).statusCode).toBe(404);
  });

  it('defines every built-in over codes that exist in the default package (they pass the same validation as a save)', async () => {
    for (const b of BUILTIN_DASHBOARDS) {
      const res = await req('POST', '/api/dashboards', 'admin', { name: `check ${b.id}`, items: b.items });
      expect(res.statusCode, `${b.id}: ${res.body}`).toBe(200);
      await req('DELETE', `/api/dashboards/${json(res).id}`, 'admin');
    }
  });

  it('refuses changes to a built-in and copies it to edit', async () => {
    const put = await req('PUT', '/api/dashboards/builtin-centre', 'ttyt.hoanghoa', { name: 'x', items: [] });
    expect(put.statusCode).toBe(403);
    expect(json(put).error.message).toContain('sao chép');
    expect((await req('DELETE', '/api/dashboards/builtin-centre', 'admin')).statusCode).toBe(403);

    const copy = await req('POST', '/api/dashboards/builtin-centre/copy', 'ttyt.hoanghoa', {});
    expect(copy.statusCode).toBe(200);
    const c = json(copy);
    expect(c).toMatchObject({ builtin: false, editable: true, shared: false, name: 'Bản sao của Tổng quan trung tâm y tế', levelKind: 'centre' });
    expect(c.owner.username).toBe('ttyt.hoanghoa');
    expect(c.orgUnit.code).toBe('TTYT399');
    expect(c.items).toHaveLength(BUILTIN_DASHBOARDS[1]!.items.length);
    const edited = await req('PUT', `/api/dashboards/${c.id}`, 'ttyt.hoanghoa', { name: 'Của tôi', items: c.items.slice(0, 2) });
    expect(edited.statusCode).toBe(200);
    expect(json(edited)).toMatchObject({ name: 'Của tôi', itemCount: 2 });
  });
});

describe('validation', () => {
  it('names the field of each problem', async () => {
    const noChartType = await req('POST', '/api/dashboards', 'ttyt.hoanghoa', {
      name: 'Thử', items: [{ id: 'c1', type: 'chart', data: ['OPD_VISITS'], period: { kind: 'dashboard' }, unit: { kind: 'children' } }],
    });
    expect(noChartType.statusCode).toBe(400);
    expect(json(noChartType).error.code).toBe('VALIDATION_FAILED');
    expect(json(noChartType).error.details.fields).toEqual({ 'items.0.chartType': 'Chọn loại biểu đồ.' });

    const many = await req('POST', '/api/dashboards', 'ttyt.hoanghoa', {
      name: 'Thử',
      items: [
        kpi('a'),
        { ...kpi('b'), data: ['OPD_VISITS', 'MCH_LIVE_BIRTHS'], unit: { kind: 'children' } },
        { id: 'm', type: 'map', data: ['OPD_VISITS'], period: { kind: 'dashboardMonths' }, unit: { kind: 'dashboard' } },
        { id: 'x', type: 'table', data: ['OPD_VISITS'], period: { kind: 'someday' }, unit: { kind: 'level', level: 2 } },
      ],
    });
    expect(many.statusCode).toBe(400);
    expect(json(many).error.details.fields).toEqual({
      'items.1.data': 'Ô chỉ số hiển thị đúng một chỉ tiêu.',
      'items.1.unit': 'Ô chỉ số dùng đơn vị của bảng điều khiển.',
      'items.2.unit': expect.stringContaining('đơn vị cấp dưới'),
      'items.2.period': 'Mục này cần một kỳ duy nhất.',
      'items.3.period.kind': 'Cách chọn kỳ không hợp lệ.',
    });

    const unknown = await t.app.inject({
      method: 'POST', url: '/api/dashboards', headers: { ...H['ttyt.hoanghoa'], 'accept-language': 'en' },
      payload: { name: 'Try', items: [kpi('a', 'NO_SUCH_CODE'), { ...kpi('b'), data: ['FP_BIRTHS.NOPE'] }, { ...kpi('c'), data: ['IND_IMR'] }, { ...kpi('d'), data: ['IND_IMR.MALE'] }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(json(unknown).error.details.fields).toEqual({
      'items.0.data.0': 'No data element or indicator has this code.',
      'items.1.data.0': 'The option combo does not belong to this data element.',
      'items.3.data.0': 'An indicator has no option combos.',
    });

    const noName = await req('POST', '/api/dashboards', 'ttyt.hoanghoa', { name: '  ', items: [] });
    expect(json(noName).error.details.fields).toEqual({ name: 'Bắt buộc nhập.' });
    const dup = await req('POST', '/api/dashboards', 'ttyt.hoanghoa', { name: 'x', items: [kpi('a'), kpi('a')] });
    expect(json(dup).error.details.fields).toEqual({ 'items.1.id': 'Mã mục bị trùng.' });
  });
});

describe('ownership and scope', () => {
  let privateId: string;
  let sharedId: string;
  let otherSharedId: string;

  beforeAll(async () => {
    privateId = json(await req('POST', '/api/dashboards', 'ttyt.hoanghoa', { name: 'Riêng của Hoằng Hóa', items: [kpi()] })).id;
    sharedId = json(await req('POST', '/api/dashboards', 'ttyt.hoanghoa', { name: 'Chung của Hoằng Hóa', items: [kpi()], shared: true })).id;
    otherSharedId = json(await req('POST', '/api/dashboards', 't.dash.other', { name: 'Chung của trung tâm khác', items: [kpi()], shared: true })).id;
  });

  it('does not let a user change or delete another user’s dashboard; a system administrator may', async () => {
    const byProvince = await req('PUT', `/api/dashboards/${sharedId}`, 'syt.admin', { name: 'Đổi', items: [] });
    expect(byProvince.statusCode).toBe(403);
    expect(json(byProvince).error.code).toBe('FORBIDDEN');
    expect(json(byProvince).error.message).toContain('người tạo');
    expect((await req('DELETE', `/api/dashboards/${sharedId}`, 'tyt.hoangloc')).statusCode).toBe(403);
    // Someone else's private dashboard is not even readable.
    const peek = await req('GET', `/api/dashboards/${privateId}`, 'syt.admin');
    expect(peek.statusCode).toBe(403);
    expect((await req('PUT', `/api/dashboards/${privateId}`, 'syt.admin', { name: 'Đổi', items: [] })).statusCode).toBe(403);
    // The owner sees it as editable; others see a shared one as read-only.
    expect(json(await req('GET', `/api/dashboards/${privateId}`, 'ttyt.hoanghoa')).editable).toBe(true);
    expect(json(await req('GET', `/api/dashboards/${sharedId}`, 'syt.admin')).editable).toBe(false);
    const byAdmin = await req('PUT', `/api/dashboards/${sharedId}`, 'admin', { name: 'Chung của Hoằng Hóa (sửa)', items: [kpi()], shared: true });
    expect(byAdmin.statusCode).toBe(200);
    expect(json(await req('GET', `/api/dashboards/${sharedId}`, 'ttyt.hoanghoa')).name).toBe('Chung của Hoằng Hóa (sửa)');
  });

  it('shows a shared dashboard to its unit’s subtree and the units above, never to another centre’s stations', async () => {
    const listed = async (u: string) => json(await req('GET', '/api/dashboards', u)).dashboards.map((d: any) => d.id);
    // A station of Hoằng Hóa sees Hoằng Hóa's shared dashboard, not the private one nor the other centre's.
    const station = await listed('tyt.hoangloc');
    expect(station).toContain(sharedId);
    expect(station).not.toContain(privateId);
    expect(station).not.toContain(otherSharedId);
    expect((await req('GET', `/api/dashboards/${sharedId}`, 'tyt.hoangloc')).statusCode).toBe(200);
    const cross = await req('GET', `/api/dashboards/${otherSharedId}`, 'tyt.hoangloc');
    expect(cross.statusCode).toBe(403);
    expect(json(cross).error.code).toBe('OUT_OF_SCOPE');
    // Nor may it copy it (copying is reading).
    expect((await req('POST', `/api/dashboards/${otherSharedId}/copy`, 'tyt.hoangloc', {})).statusCode).toBe(403);
    // The other centre does not see Hoằng Hóa's; the province sees both shared ones.
    expect(await listed('t.dash.other')).not.toContain(sharedId);
    const province = await listed('syt.xem');
    expect(province).toEqual(expect.arrayContaining([sharedId, otherSharedId]));
    expect(province).not.toContain(privateId);
  });

  it('deletes the owner’s dashboard, audited', async () => {
    const del = await req('DELETE', `/api/dashboards/${privateId}`, 'ttyt.hoanghoa');
    expect(del.statusCode).toBe(200);
    expect((await req('GET', `/api/dashboards/${privateId}`, 'ttyt.hoanghoa')).statusCode).toBe(404);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'username']).where('entity_type', '=', 'dashboard').where('entity_id', '=', privateId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['dashboard.create', 'dashboard.delete']);
    expect(audit[0]!.username).toBe('ttyt.hoanghoa');
  });
});
