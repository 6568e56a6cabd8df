import { beforeAll, describe, expect, it } from 'vitest';
import { json, testApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  admin = t.basic('admin');
});

const get = (url: string, headers = admin) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: unknown, headers = admin) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('GET /api/organisationUnits (DHIS2 shape, as of a date)', () => {
  it('lists the 26 health centres of SYT38 among its children', async () => {
    const res = await get('/api/organisationUnits?filter=code:eq:SYT38&fields=id,code,name,level,children[code]&paging=false');
    expect(res.statusCode).toBe(200);
    const [syt] = json(res).organisationUnits;
    expect(syt).toMatchObject({ code: 'SYT38', name: 'Sở Y tế Thanh Hóa', level: 1 });
    const centres = syt.children.filter((c: { code: string }) => c.code.startsWith('TTYT'));
    expect(centres).toHaveLength(26);
    expect(syt.children.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['TTYT399', 'BVDK38', 'CDC38']));
  });

  it('has 547 stations on 2025-06-30 and 166 on 2025-07-01', async () => {
    const before = json(await get('/api/organisationUnits?level=3&asOf=2025-06-30&paging=false&fields=id'));
    const after = json(await get('/api/organisationUnits?level=3&asOf=2025-07-01&paging=false&fields=id'));
    expect(before.organisationUnits).toHaveLength(547);
    expect(before.pager).toBeUndefined();
    expect(after.organisationUnits).toHaveLength(166);
  });

  it('pages by default and answers with pager, parent and path', async () => {
    const body = json(await get('/api/organisationUnits?level=3&asOf=2025-06-30&pageSize=10&page=2'));
    expect(body.pager).toEqual({ page: 2, pageCount: 55, total: 547, pageSize: 10 });
    expect(body.organisationUnits).toHaveLength(10);
    const u = body.organisationUnits[0];
    expect(Object.keys(u)).toEqual(expect.arrayContaining(['id', 'code', 'name', 'level', 'parent', 'path']));
    expect(u.path.split('/')).toHaveLength(4);
  });

  it('filters by code, name (ignoring tone-mark placement) and parent, and rejects unknown filters', async () => {
    const station = json(await get('/api/organisationUnits?filter=code:eq:TYT15877&asOf=2024-05-31&fields=code,name,parent[code,name]'));
    expect(station.organisationUnits).toEqual([{ code: 'TYT15877', name: 'Trạm Y tế xã Hoằng Xuân', parent: { code: 'TTYT399', name: 'Trung tâm Y tế huyện Hoằng Hóa' } }]);
    const byName = json(await get('/api/organisationUnits?filter=name:ilike:Hoằng Hoá&level=2&paging=false&fields=code'));
    expect(byName.organisationUnits).toEqual([{ code: 'TTYT399' }]);
    const ttyt = await t.unit('TTYT399');
    const kids = json(await get(`/api/organisationUnits?filter=parent.id:eq:${ttyt}&asOf=2025-06-30&paging=false&fields=code`));
    expect(kids.organisationUnits).toHaveLength(36);
    const bad = await get('/api/organisationUnits?filter=colour:eq:red');
    expect(bad.statusCode).toBe(409);
    expect(json(bad).error.code).toBe('UNSUPPORTED');
    const badDate = await get('/api/organisationUnits?asOf=2025-02-30');
    expect(badDate.statusCode).toBe(400);
    expect(json(badDate).error.details.fields.asOf).toBeTruthy();
  });
});

describe('search and details', () => {
  it('finds "Thanh Hóa" whatever the tone-mark placement or case', async () => {
    for (const q of ['Thanh Hóa', 'Thanh Hoá', 'THANH HOA', 'thanh hoa']) {
      const res = json(await get(`/api/orgunits/search?q=${encodeURIComponent(q)}&limit=50`));
      expect(res.map((r: { code: string }) => r.code)).toContain('SYT38');
    }
  });

  it('shows a merged station with its successor and the successor with its predecessors', async () => {
    // Hoằng Xuân was merged on 2025-07-01; find the new station that inherits it.
    const old = json(await get('/api/orgunits/TYT15877?asOf=2024-05-31'));
    expect(old.level).toBe(3);
    expect(old.ancestors.map((a: { code: string }) => a.code)).toEqual(['SYT38', 'TTYT399']);
    const links = [...old.successors, ...old.predecessors];
    expect(links.length).toBeGreaterThan(0);
    const successor = old.closedDate ? old.successors[0].unit.code : 'TYT15877';
    const now = json(await get(`/api/orgunits/${successor}?asOf=2025-07-01`));
    expect(now.openOnDate).toBe(true);
    expect(now.predecessors.length).toBeGreaterThan(0);
    expect(now.events.some((e: { type: string }) => e.type === 'merge')).toBe(true);
  });

  it('answers an unknown unit with 404 in the caller’s language', async () => {
    const vi = await t.app.inject({ method: 'GET', url: '/api/orgunits/NOPE', headers: { ...admin, 'accept-language': 'vi' } });
    expect(vi.statusCode).toBe(404);
    expect(json(vi).error).toMatchObject({ code: 'NOT_FOUND', message: 'Không tìm thấy đơn vị NOPE.' });
    const en = await t.app.inject({ method: 'GET', url: '/api/orgunits/NOPE', headers: { ...admin, 'accept-language': 'en' } });
    expect(json(en).error.message).toBe('Organisation unit NOPE not found.');
  });
});

describe('groups', () => {
  it('classifies every unit by type and stations by area type, within the caller’s scope', async () => {
    const sets = json(await get('/api/orgunit-groups'));
    const byCode = Object.fromEntries(sets.map((s: { code: string; groups: { code: string; members: number }[] }) => [s.code, Object.fromEntries(s.groups.map((g) => [g.code, g.members]))]));
    expect(Object.keys(byCode).sort()).toEqual(['AREA_TYPE', 'UNIT_TYPE', 'ZONE']);
    const unitTypes = Object.values(byCode.UNIT_TYPE as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(unitTypes).toBe(576 + 7); // with the department's 7 offices
    const centre = json(await t.app.inject({ url: '/api/orgunit-groups', headers: await t.login('ttyt.hoanghoa') }));
    const centreTypes = centre.find((s: { code: string }) => s.code === 'UNIT_TYPE').groups.reduce((a: number, g: { members: number }) => a + g.members, 0);
    expect(centreTypes).toBe(1 + 36); // the centre and its 36 stations (8 of which continue after the reform)
  });
});

describe('changes to the tree: dated, reasoned, audited', () => {
  it('creates, renames, moves and closes a unit, each visible as of its date and in the audit log', async () => {
    const ttyt = await t.unit('TTYT399');
    const created = await post('/api/orgunits', { code: 'PK399A', name: 'Phòng khám khu vực Hoằng A', parentId: ttyt, kind: 'station', openingDate: '2026-01-01', reason: 'Thành lập mới' });
    expect(created.statusCode).toBe(201);
    const id = json(created).id;
    expect(json(await post(`/api/orgunits/${id}/rename`, { name: 'Phòng khám Hoằng A', date: '2026-03-01', reason: 'Đổi tên' })).name).toBe('Phòng khám Hoằng A');
    const other = await t.unit('TTYT380');
    const moved = json(await post(`/api/orgunits/${id}/move`, { parentId: other, date: '2026-06-01', reason: 'Điều chuyển' }));
    expect(moved.parent.code).toBe('TTYT380');
    await post(`/api/orgunits/${id}/close`, { date: '2026-09-01', reason: 'Giải thể' });

    const at = async (d: string) => json(await get(`/api/orgunits/${id}?asOf=${d}`));
    expect(await at('2026-02-01')).toMatchObject({ name: 'Phòng khám khu vực Hoằng A', parent: { code: 'TTYT399' }, openOnDate: true });
    expect(await at('2026-04-01')).toMatchObject({ name: 'Phòng khám Hoằng A', parent: { code: 'TTYT399' } });
    expect(await at('2026-07-01')).toMatchObject({ parent: { code: 'TTYT380' }, openOnDate: true });
    expect(await at('2026-09-01')).toMatchObject({ openOnDate: false, closedDate: '2026-09-01' });
    const d = await at('2026-07-01');
    expect(d.versions.map((v: { validFrom: string; validTo: string | null }) => [v.validFrom, v.validTo])).toEqual([
      ['2026-01-01', '2026-03-01'], ['2026-03-01', '2026-06-01'], ['2026-06-01', '2026-09-01'],
    ]);
    expect(d.events.map((e: { type: string; reason: string }) => e.type)).toEqual(['open', 'rename', 'move', 'close']);

    const audit = json(await get(`/api/audit?entityType=orgUnit&entityId=${id}`));
    expect(audit.items.map((i: { action: string }) => i.action).reverse()).toEqual(['orgUnit.create', 'orgUnit.rename', 'orgUnit.move', 'orgUnit.close']);
    const rename = audit.items.find((i: { action: string }) => i.action === 'orgUnit.rename');
    expect(rename).toMatchObject({ user: { username: 'admin' }, before: { name: 'Phòng khám khu vực Hoằng A' }, after: { name: 'Phòng khám Hoằng A' } });
  });

  it('refuses impossible changes with clear errors and writes nothing', async () => {
    const ttyt = await t.unit('TTYT399');
    const syt = await t.unit('SYT38');
    const auditBefore = json(await get('/api/audit?pageSize=1')).total;
    const cycle = await post(`/api/orgunits/${syt}/move`, { parentId: ttyt, date: '2026-02-01', reason: 'x' });
    expect(cycle.statusCode).toBe(409);
    expect(json(cycle).error.code).toBe('CONFLICT');
    const hasChildren = await post(`/api/orgunits/${ttyt}/close`, { date: '2026-02-01', reason: 'x' });
    expect(hasChildren.statusCode).toBe(409);
    const closed = await t.database.db.selectFrom('org_unit').select('id').where('closed_date', '=', '2025-07-01').limit(1).executeTakeFirstOrThrow();
    const closedParent = await post('/api/orgunits', { code: 'X1', name: 'X', parentId: closed.id, kind: 'station', openingDate: '2026-01-01', reason: 'x' });
    expect(closedParent.statusCode).toBe(409);
    expect(json(closedParent).error.message).toMatch(/không hoạt động vào ngày 2026-01-01/);
    const dup = await post('/api/orgunits', { code: 'TTYT399', name: 'X', parentId: syt, kind: 'health_centre', openingDate: '2026-01-01', reason: 'x' });
    expect(dup.statusCode).toBe(409);
    const invalid = await post('/api/orgunits', { code: '', name: '', parentId: syt, kind: 'castle', openingDate: '01/01/2026' });
    expect(invalid.statusCode).toBe(400);
    expect(Object.keys(json(invalid).error.details.fields).sort()).toEqual(['code', 'kind', 'name', 'openingDate', 'reason']);
    expect(JSON.stringify(json(invalid))).not.toMatch(/at .*\.ts/);
    expect(json(await get('/api/audit?pageSize=1')).total).toBe(auditBefore);
  });

  it('merges two stations into a new one, moving history links and closing the old ones', async () => {
    const ttyt = await t.unit('TTYT380');
    const mk = async (code: string) => json(await post('/api/orgunits', { code, name: `Trạm ${code}`, parentId: ttyt, kind: 'station', openingDate: '2026-01-01', reason: 'test' })).id;
    const a = await mk('TA1');
    const b = await mk('TB1');
    const res = await post('/api/orgunits/merge', {
      predecessorIds: [a, b], successor: { create: { code: 'TAB1', name: 'Trạm AB', parentId: ttyt, kind: 'station' } },
      date: '2026-10-01', reason: 'Sáp nhập', partial: [{ predecessorId: b, weight: 0.5 }],
    });
    expect(res.statusCode).toBe(200);
    const ab = json(res);
    expect(ab.predecessors.map((p: { unit: { code: string }; kind: string; weight: number | null }) => [p.unit.code, p.kind, p.weight])).toEqual([
      ['TA1', 'full', 1], ['TB1', 'partial', 0.5],
    ]);
    expect(json(await get(`/api/orgunits/${a}?asOf=2026-10-01`)).openOnDate).toBe(false);
    expect(json(await get(`/api/orgunits/${b}?asOf=2026-10-01`)).openOnDate).toBe(true); // partial: the rest of B goes on
    const split = await post(`/api/orgunits/${b}/split`, {
      successors: [{ target: { existingId: 'TAB1' }, weight: 0.5 }, { target: { create: { code: 'TC1', name: 'Trạm C', parentId: ttyt, kind: 'station' } }, weight: 0.4 }],
      date: '2026-11-01', reason: 'Chia tách',
    });
    expect(split.statusCode).toBe(400); // weights must add up to 1
    const twice = await post(`/api/orgunits/${b}/split`, {
      successors: [{ target: { existingId: 'TAB1' }, weight: 0.6 }, { target: { create: { code: 'TC1', name: 'Trạm C', parentId: ttyt, kind: 'station' } }, weight: 0.4 }],
      date: '2026-11-01', reason: 'Chia tách',
    });
    expect(twice.statusCode).toBe(409); // TB1 → TAB1 is already linked by the merge
    expect(json(await get('/api/orgunits/TC1')).error?.code).toBe('NOT_FOUND'); // rolled back whole
    const ok = await post(`/api/orgunits/${b}/split`, {
      successors: [{ target: { create: { code: 'TC1', name: 'Trạm C', parentId: ttyt, kind: 'station' } }, weight: 0.6 }, { target: { create: { code: 'TD1', name: 'Trạm D', parentId: ttyt, kind: 'station' } }, weight: 0.4 }],
      date: '2026-11-01', reason: 'Chia tách',
    });
    expect(ok.statusCode).toBe(200);
    const b2 = json(ok);
    expect(b2.closedDate).toBe('2026-11-01');
    expect(b2.successors.map((l: { unit: { code: string }; kind: string; weight: number }) => [l.unit.code, l.kind, l.weight])).toEqual([
      ['TAB1', 'partial', 0.5],
      ['TC1', 'partial', 0.6],
      ['TD1', 'partial', 0.4],
    ]);
  });

  it('loading a province that is already there is refused and writes nothing', async () => {
    const { applyProvincePlan } = await import('./orgunits.bootstrap.js');
    const { buildProvincePlan } = await import('./bootstrap/plan.js');
    const count = async () => Number((await t.database.db.selectFrom('org_unit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await expect(applyProvincePlan(t.ctx(), buildProvincePlan('38'))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await count()).toBe(before);
  });
});
