// The tree cannot be corrupted: structural changes that would make a cycle, merge a unit into its own
// descendant, or put a unit on a level its kind does not belong to are refused with 409 and write
// nothing; changes dated far ahead need an explicit flag; and after every structural operation the
// tree is still a tree on every date (`treeProblems`, the check of `soyte db check`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, testApp, type TestApp } from '../../test/harness.js';
import { treeProblems } from './orgunits.service.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let t: TestApp;
let admin: Record<string, string>;
let syt: string;
let centre: string;
let station: string;

const post = (url: string, payload: unknown, headers = admin) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const unitsOn = async (date: string) => json(await t.app.inject({ url: `/api/organisationUnits?paging=false&fields=id&asOf=${date}`, headers: admin })).organisationUnits.length;
const auditTotal = async () => json(await t.app.inject({ url: '/api/audit?pageSize=1', headers: admin })).total as number;

/** After any structural operation, the tree holds on every date. */
async function expectTree() {
  expect(await treeProblems(t.ctx())).toEqual([]);
}

beforeAll(async () => {
  t = await testApp();
  admin = await t.login('syt.admin'); // a province administrator, as in the incident
  syt = await t.unit('SYT38');
  centre = await t.unit('TTYT399');
  station = json(await t.app.inject({ url: `/api/orgunits/${centre}/children`, headers: admin }))[0].id; // open today
});

describe('the tree cannot be corrupted', () => {
  it('starts as a tree on every date (the demo province)', async () => {
    await expectTree();
  });

  it('refuses to merge the province into one of its own stations, even far ahead with the flag (the 2032 incident)', async () => {
    const before = await unitsOn('2032-06-01');
    const audit = await auditTotal();
    const res = await post('/api/orgunits/merge', {
      predecessorIds: [syt], successor: { existingId: station }, date: '2032-01-01', reason: 'Sáp nhập', future: true,
    });
    expect(res.statusCode).toBe(409);
    expect(json(res).error.message).toMatch(/trực thuộc/);
    expect(await unitsOn('2032-06-01')).toBe(before);
    expect(before).toBeGreaterThan(150);
    expect(await auditTotal()).toBe(audit);
    await expectTree();
  });

  it('refuses to merge a health centre into its own station (was a CHECK violation, a 500)', async () => {
    const res = await post('/api/orgunits/merge', { predecessorIds: [centre], successor: { existingId: station }, date: '2026-12-15', reason: 'Sáp nhập' });
    expect(res.statusCode).toBe(409);
    expect(json(res).error.code).toBe('CONFLICT');
    await expectTree();
  });

  it('refuses to merge or split units of different levels (a station into a health centre)', async () => {
    const other = await t.unit('TTYT380');
    const merge = await post('/api/orgunits/merge', { predecessorIds: [station], successor: { existingId: other }, date: '2026-12-15', reason: 'x' });
    expect(merge.statusCode).toBe(409);
    expect(json(merge).error.message).toMatch(/không cùng cấp/);
    const split = await post(`/api/orgunits/${station}/split`, { successors: [{ target: { existingId: other }, weight: 1 }], date: '2026-12-15', reason: 'x' });
    expect(split.statusCode).toBe(409);
    await expectTree();
  });

  it('refuses a move or a new unit that would put a unit on a level its kind does not belong to', async () => {
    const toProvince = await post(`/api/orgunits/${station}/move`, { parentId: syt, date: '2026-12-15', reason: 'x' });
    expect(toProvince.statusCode).toBe(409);
    expect(json(toProvince).error.message).toMatch(/cấp 2/);
    const stationUnderStation = await post('/api/orgunits', {
      code: 'TYT_UNDER', name: 'Trạm con', parentId: station, kind: 'station', openingDate: '2026-12-15', reason: 'x',
    });
    expect(stationUnderStation.statusCode).toBe(409);
    const centreUnderCentre = await post(`/api/orgunits/TTYT380/move`, { parentId: centre, date: '2026-12-15', reason: 'x' });
    expect(centreUnderCentre.statusCode).toBe(409);
    await expectTree();
  });

  it('refuses a cycle made through a change already scheduled for later', async () => {
    // Hospitals may sit on level 2 or 3. H2 moves under H1 from 2027-06-01 (scheduled); moving H1 under
    // H2 from 2027-01-01 makes no cycle in January, but one from June: refused.
    const mk = async (code: string) =>
      json(await post('/api/orgunits', { code, name: `Bệnh viện ${code}`, parentId: syt, kind: 'hospital', openingDate: '2026-12-10', reason: 'x' })).id as string;
    const h1 = await mk('BV_H1');
    const h2 = await mk('BV_H2');
    expect((await post(`/api/orgunits/${h2}/move`, { parentId: h1, date: '2027-06-01', reason: 'Sáp nhập quản lý' })).statusCode).toBe(200);
    const cycle = await post(`/api/orgunits/${h1}/move`, { parentId: h2, date: '2027-01-01', reason: 'x' });
    expect(cycle.statusCode).toBe(409);
    expect(json(cycle).error.message).toMatch(/đơn vị con/);
    await expectTree();
  });

  it('asks for an explicit flag before a change dated more than a year ahead', async () => {
    const far = await post(`/api/orgunits/${station}/rename`, { name: 'Trạm Y tế (tên năm 2030)', date: '2030-01-01', reason: 'Đổi tên' });
    expect(far.statusCode).toBe(400);
    expect(json(far).error.details.fields.date).toMatch(/quá xa/);
    const confirmed = await post(`/api/orgunits/${station}/rename`, { name: 'Trạm Y tế (tên năm 2030)', date: '2030-01-01', reason: 'Đổi tên', future: true });
    expect(confirmed.statusCode).toBe(200);
    await expectTree();
  });

  it('keeps the tree a tree through a normal merge and split', async () => {
    const mk = async (code: string) =>
      json(await post('/api/orgunits', { code, name: `Trạm ${code}`, parentId: centre, kind: 'station', openingDate: '2026-12-10', reason: 'x' })).id as string;
    const a = await mk('TYT_M1');
    const b = await mk('TYT_M2');
    expect((await post('/api/orgunits/merge', { predecessorIds: [a, b], successor: { create: { code: 'TYT_M12', name: 'Trạm M12', parentId: centre, kind: 'station' } }, date: '2026-12-20', reason: 'x' })).statusCode).toBe(200);
    await expectTree();
  });

  it('soyte db check reports the tree as sound (exit code 0)', () => {
    const r = spawnSync(process.execPath, ['bin/soyte.js', 'db', 'check'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.database.url, SOYTE_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stdout, r.stderr).toMatch(/orgunits: ok/);
    expect(r.status).toBe(0);
  }, 130_000);
});
