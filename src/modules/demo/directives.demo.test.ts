// The demo's directives on a fresh database: the four seed notices and the centres' monthly report,
// with every follow-up state present for the Director's table.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, json, type TestApp } from '../../test/harness.js';
import { loadDemoDirectives } from './directives.demo.js';

let t: TestApp;
let loaded: { documents: number; tasks: number };

beforeAll(async () => {
  t = await testApp();
  loaded = await loadDemoDirectives(t.ctx());
}, 300_000);

describe('the demo directives', () => {
  it('loads the four notices verbatim and the monthly report obligation', async () => {
    expect(loaded.documents).toBe(5);
    const list = json(await t.app.inject({ url: '/api/directives?pageSize=10', headers: await t.login('syt.admin') }));
    expect(list.total).toBe(5);
    const kinds = list.items.map((d: { kind: string }) => d.kind);
    expect(kinds).toContain('official_letter');
    const id = list.items.find((d: { number: string }) => d.number === '1250/SYT-KHTC').id;
    const detail = json(await t.app.inject({ url: `/api/directives/${id}`, headers: await t.login('syt.admin') }));
    expect(detail.tasks[0]).toMatchObject({ kind: 'group', children: { total: 26 } }); // one series per centre
    const occurrences = json(await t.app.inject({ url: `/api/tasks?view=all&document=${id}&pageSize=1`, headers: await t.login('syt.admin') }));
    expect(occurrences.total % 26).toBe(0);
    expect(occurrences.total).toBeGreaterThanOrEqual(6 * 26); // six months or more, one report a month each
  });

  it('every follow-up state occurs', async () => {
    const s = json(await t.app.inject({ url: '/api/tasks/summary?groupBy=document', headers: await t.login('syt.admin') }));
    for (const k of ['doneOnTime', 'doneLate', 'inProgress', 'overdue', 'noDeadline', 'dueSoon']) expect(s.total[k], k).toBeGreaterThan(0);
    const h = await t.login('syt.admin');
    const waiting = json(await t.app.inject({ url: '/api/tasks?view=all&state=waiting', headers: h }));
    expect(waiting.total).toBeGreaterThan(0);
    const all = json(await t.app.inject({ url: '/api/tasks?view=all&pageSize=500', headers: h }));
    expect(all.items.some((x: { status: string }) => x.status === 'returned')).toBe(true);
    expect(all.items.some((x: { originalDeadline: string | null }) => x.originalDeadline !== null)).toBe(true);
  });
});
