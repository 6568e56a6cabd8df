import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../core/config.js';
import { Ctx, type Actor, type Store } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { metadataSignal } from '../core/versions.js';
import type { TestJobInput } from './workers.test-helper.js';
import { WorkerJobs } from './workers.js';

// Workers open their own pool on the store's location; these jobs never query, so no server is needed.
const store = { kind: 'external', inTransaction: false, location: { url: 'postgres://nobody@127.0.0.1:9/none', kind: 'external' } } as unknown as Store;
const nurse: Actor = { id: 'u1', username: 'y.ta', orgUnitId: 'OU1', roles: ['data_entry'], permissions: new Set(['data:read', 'data:write']) };
const ctx = new Ctx(nurse, store, testConfig(), 'en');
const JOB = new URL('./workers.test-helper.ts', import.meta.url);

let jobs: WorkerJobs;
afterEach(() => jobs?.close());

const run = (input: TestJobInput) => jobs.run(ctx, JOB, input);
async function read(body: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('jobs in worker threads', () => {
  it('runs a job with the request’s actor and language, and returns its bytes in order', async () => {
    jobs = new WorkerJobs({ maxJobs: 1, queueMs: 1000, heapMb: 128 });
    const who = await run({ kind: 'whoami' });
    expect(who.meta).toMatchObject({ user: 'y.ta', locale: 'en', canRead: 'true' });
    await read(who.body);
    const out = await run({ kind: 'chunks', count: 40, size: 10_000 });
    const bytes = await read(out.body);
    expect(bytes.length).toBe(400_000);
    expect(bytes[0]).toBe(65);
    expect(bytes[39 * 10_000]).toBe(65 + (39 % 26));
    expect(jobs.active).toBe(0);
  }, 30_000);

  it('throws the job’s own error (an out-of-scope request stays a 403) and keeps serving', async () => {
    jobs = new WorkerJobs({ maxJobs: 1, queueMs: 1000, heapMb: 128 });
    const err = await run({ kind: 'refuse' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('OUT_OF_SCOPE');
    expect((await run({ kind: 'whoami' })).meta.user).toBe('y.ta');
  }, 30_000);

  it('a job that exhausts its heap ends with 409 and the server and the next job are unharmed', async () => {
    jobs = new WorkerJobs({ maxJobs: 1, queueMs: 1000, heapMb: 64 });
    const err = await run({ kind: 'oom' }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('QUERY_TOO_LARGE');
    expect(jobs.active).toBe(0);
    expect((await run({ kind: 'whoami' })).meta.user).toBe('y.ta');
  }, 60_000);

  it('waits for the reader: a client that stops reading holds the worker, not the server’s memory; going away stops it', async () => {
    jobs = new WorkerJobs({ maxJobs: 1, queueMs: 1000, heapMb: 128 });
    const out = await run({ kind: 'endless' });
    const first = await new Promise<Buffer>((r) => out.body.once('data', r));
    out.body.pause();
    await new Promise((r) => setTimeout(r, 300));
    // Paused: only what the stream buffers (its high-water mark and a few chunks in flight) arrived.
    expect(first.length).toBe(64 * 1024);
    expect(out.body.readableLength).toBeLessThan(8 * 64 * 1024);
    out.body.destroy();
    await once(out.body, 'close');
    expect(jobs.active).toBe(0);
    expect((await run({ kind: 'whoami' })).meta.user).toBe('y.ta'); // a new worker took over
  }, 30_000);

  it('answers 503 BUSY when all workers stay busy longer than the queue allows', async () => {
    jobs = new WorkerJobs({ maxJobs: 1, queueMs: 200, heapMb: 128 });
    const held = await run({ kind: 'endless' });
    held.body.pause();
    const err = await run({ kind: 'whoami' }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('BUSY');
    held.body.destroy();
  }, 30_000);

  it('a kept worker sees metadata changed since its last job (its caches are marked stale)', async () => {
    jobs = new WorkerJobs({ maxJobs: 1, queueMs: 1000, heapMb: 128 });
    const a = await run({ kind: 'whoami' });
    await read(a.body);
    const b = await run({ kind: 'whoami' });
    await read(b.body);
    expect(b.meta.staleMarks).toBe(a.meta.staleMarks); // nothing changed: the same worker, caches kept
    metadataSignal.bump();
    const c = await run({ kind: 'whoami' });
    expect(Number(c.meta.staleMarks)).toBe(Number(a.meta.staleMarks) + 1);
  }, 30_000);
});
