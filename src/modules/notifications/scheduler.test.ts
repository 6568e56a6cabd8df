// Daily jobs on a real database: once per day in Vietnam even when run twice or by two processes at
// once, nothing before the configured hour, a failed run rolled back and tried again later that day,
// a process killed mid-run leaves nothing and the day runs again.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../core/context.js';
import { testApp, type TestApp } from '../../test/harness.js';
import { notify, registerDailyJob, runDueJobs } from './notifications.service.js';
import { RETRY_MINUTES } from './scheduler.service.js';

let t: TestApp;
let loc: string;
const unregister: (() => void)[] = [];
afterAll(() => unregister.forEach((u) => u()));

// 2026-12-07 08:00 in Vietnam (01:00 UTC): after the default hour (06:00).
const MORNING = new Date('2026-12-07T01:00:00Z');
const minutes = (d: Date, n: number) => new Date(d.getTime() + n * 60_000);

const noticesOf = async (kind: string) =>
  t.database.db.selectFrom('notification').select(['user_id', 'dedupe_key']).where('kind', '=', kind).execute();
const runOf = (job: string, day: string) =>
  t.database.db.selectFrom('scheduler_run').selectAll().where('job', '=', job).where('run_key', '=', day).executeTakeFirst();

beforeAll(async () => {
  t = await testApp();
  loc = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'tyt.hoangloc').executeTakeFirstOrThrow()).id;
});

describe('runDueJobs', () => {
  it('runs a job once a day: a second call the same day, or a second process at the same time, does nothing', async () => {
    let calls = 0;
    const job = async (ctx: Ctx, day: string) => {
      calls++;
      await new Promise((r) => setTimeout(r, 50)); // long enough for the other caller to try
      const r = await notify(ctx, { userIds: [loc], kind: 'test.daily', params: { title: day }, dedupeKey: `test.daily:${day}` });
      return { notices: r.userIds.length };
    };
    registerDailyJob('test.daily', async () => null);
    unregister.push(registerDailyJob('test.daily', job)); // registered again: the last function wins

    const [a, b] = await Promise.all([
      runDueJobs(t.ctx(), MORNING, { only: ['test.daily'] }),
      runDueJobs(t.ctx(), minutes(MORNING, 1), { only: ['test.daily'] }),
    ]);
    expect([a[0]!.status, b[0]!.status].sort()).toEqual(['done', 'skipped']);
    expect(calls).toBe(1);
    const again = await runDueJobs(t.ctx(), minutes(MORNING, 600), { only: ['test.daily'] });
    expect(again).toEqual([{ job: 'test.daily', day: '2026-12-07', status: 'skipped' }]);
    expect(calls).toBe(1);
    expect(await noticesOf('test.daily')).toEqual([{ user_id: loc, dedupe_key: 'test.daily:2026-12-07' }]);
    expect(await runOf('test.daily', '2026-12-07')).toMatchObject({ status: 'done', attempts: 1, result: { notices: 1 }, error: null });

    // The next day (in Vietnam: 2026-12-07 17:00 UTC is already the 8th there) is a new run.
    const next = await runDueJobs(t.ctx(), new Date('2026-12-07T23:30:00Z'), { only: ['test.daily'] });
    expect(next[0]).toMatchObject({ day: '2026-12-08', status: 'done' });
    expect(calls).toBe(2);
  });

  it('runs nothing before the configured hour (Vietnam time)', async () => {
    let calls = 0;
    unregister.push(registerDailyJob('test.early', async () => ++calls));
    // 05:59 in Vietnam.
    expect(await runDueJobs(t.ctx(), new Date('2026-12-09T22:59:00Z'), { only: ['test.early'] })).toEqual([]);
    expect(await runDueJobs(t.ctx(), new Date('2026-12-09T23:00:00Z'), { only: ['test.early'] })).toMatchObject([{ day: '2026-12-10', status: 'done' }]);
    expect(calls).toBe(1);
  });

  it('a run that fails is rolled back, recorded, and tried again later the same day', async () => {
    let calls = 0;
    unregister.push(
      registerDailyJob('test.flaky', async (ctx, day) => {
        calls++;
        await notify(ctx, { userIds: [loc], kind: 'test.flaky', params: {}, dedupeKey: `test.flaky:${day}:${calls}` });
        if (calls === 1) throw new Error('the database went away');
        return { ok: true };
      }),
    );
    const first = await runDueJobs(t.ctx(), MORNING, { only: ['test.flaky'] });
    expect(first).toEqual([{ job: 'test.flaky', day: '2026-12-07', status: 'failed', error: 'the database went away' }]);
    expect(await noticesOf('test.flaky')).toEqual([]); // its notice went with the rollback
    expect(await runOf('test.flaky', '2026-12-07')).toMatchObject({ status: 'failed', attempts: 1, error: 'the database went away' });

    // Not before its retry time …
    expect((await runDueJobs(t.ctx(), minutes(MORNING, RETRY_MINUTES - 1), { only: ['test.flaky'] }))[0]!.status).toBe('skipped');
    expect(calls).toBe(1);
    // … then once.
    expect((await runDueJobs(t.ctx(), minutes(MORNING, RETRY_MINUTES), { only: ['test.flaky'] }))[0]!.status).toBe('done');
    expect((await runDueJobs(t.ctx(), minutes(MORNING, 3 * RETRY_MINUTES), { only: ['test.flaky'] }))[0]!.status).toBe('skipped');
    expect(calls).toBe(2);
    expect((await noticesOf('test.flaky')).length).toBe(1);
    expect(await runOf('test.flaky', '2026-12-07')).toMatchObject({ status: 'done', attempts: 2, result: { ok: true }, error: null });
  });

  it('a process killed mid-run leaves neither its notices nor its claim: the day runs again, once', async () => {
    // Another process runs the job and is killed (SIGKILL) after writing its notice.
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./scheduler.test-helper.ts', import.meta.url)), t.database.url, loc, MORNING.toISOString()], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the helper exited (${code}) before its job ran`)));
    });
    // Meanwhile the day is taken: this process does not run it twice.
    let calls = 0;
    unregister.push(
      registerDailyJob('test.crash', async (ctx, day) => {
        calls++;
        await notify(ctx, { userIds: [loc], kind: 'test.crash', params: {}, dedupeKey: `test.crash:${day}` });
        return { calls };
      }),
    );
    expect((await runDueJobs(t.ctx(), MORNING, { only: ['test.crash'] }))[0]!.status).toBe('skipped');
    child.kill('SIGKILL');
    await exited;
    // PostgreSQL rolls the dead process's transaction back once it sees the connection closed.
    for (let i = 0; i < 100 && (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`.execute(t.database.db)).rows[0]!.n > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await noticesOf('test.crash')).toEqual([]);
    expect(await runOf('test.crash', '2026-12-07')).toBeUndefined();
    const rerun = await runDueJobs(t.ctx(), minutes(MORNING, 5), { only: ['test.crash'] });
    expect(rerun[0]).toMatchObject({ status: 'done', result: { calls: 1 } });
    expect(await noticesOf('test.crash')).toEqual([{ user_id: loc, dedupe_key: 'test.crash:2026-12-07' }]);
    expect((await runDueJobs(t.ctx(), minutes(MORNING, 10), { only: ['test.crash'] }))[0]!.status).toBe('skipped');
    expect(calls).toBe(1);
  }, 60_000);

  it('the notification centre’s own cleanup drops old read notices', async () => {
    const db = t.database.db;
    const old = await db
      .insertInto('notification')
      .values([
        { user_id: loc, kind: 'test.old', params: '{}', link: null, subject_type: null, subject_id: null, dedupe_key: null, created_at: new Date('2026-01-01'), read_at: new Date('2026-01-02') },
        { user_id: loc, kind: 'test.old', params: '{}', link: null, subject_type: null, subject_id: null, dedupe_key: null, created_at: new Date('2026-11-01'), read_at: new Date('2026-11-02') },
        { user_id: loc, kind: 'test.old', params: '{}', link: null, subject_type: null, subject_id: null, dedupe_key: null, created_at: new Date('2026-01-01'), read_at: null },
      ])
      .returning('id')
      .execute();
    const r = await runDueJobs(t.ctx(), MORNING, { only: ['notifications.cleanup'] });
    expect(r[0]).toMatchObject({ status: 'done' });
    const left = await db.selectFrom('notification').select('id').where('kind', '=', 'test.old').orderBy('id').execute();
    expect(left.map((x) => x.id)).toEqual([old[1]!.id, old[2]!.id]);
  });
});
