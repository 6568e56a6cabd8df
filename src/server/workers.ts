// Jobs in worker threads (RouteDeps.inWorker). A job that builds a large answer (an analytics export
// of 500,000 cells) allocates hundreds of megabytes of short-lived objects; in the server's own heap
// their garbage collection paused every request for 10–30 ms at a time, back to back, for seconds
// (bench/load: /api/health p99 100–300 ms during the export; in a worker, 18 ms). In a worker the
// collection happens in the worker's heap, the job's memory is capped (a job over the cap ends, the
// server does not), and the job uses the worker's own database connections.
//
// Workers are kept between jobs (starting one loads the modules: ~1.5 s) and stopped after a minute
// without work, which also gives their memory back. A job's bytes come back in chunks, one message
// each, and the worker waits for the server to ask for more (the client's pace: a slow phone line
// never makes the worker buffer the whole file). When the client goes away its worker is stopped. At
// most `maxJobs` run at once; later ones wait their turn for up to `queueMs`, then answer 503 (BUSY)
// with Retry-After. Caches in a worker follow the server's version signals, sent with each job.
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { actorToData, type ActorData, type Ctx, type DatabaseLocation } from '../core/context.js';
import { AppError, type ErrorCode } from '../core/errors.js';
import type { WorkerOutput } from '../core/modules.js';
import { hierarchySignal, metadataSignal, usersSignal } from '../core/versions.js';

export interface WorkerJobsOptions {
  /** Jobs running at once (and workers kept). */
  maxJobs: number;
  /** How long a job may wait for its turn before the request answers 503. */
  queueMs: number;
  /** The heap a worker may use (MB); beyond it its job ends with 409 and the worker is replaced. */
  heapMb: number;
  /** A worker without work for this long is stopped. */
  idleMs?: number;
}

/** What a worker is started with (worker-entry.ts reads it as workerData). */
export interface WorkerStart {
  entry: string;
  location: DatabaseLocation;
  config: unknown;
}

/** Server → worker. */
export type ToWorker = { type: 'job'; job: string; actor: ActorData; locale: string; input: unknown; versions: Versions } | { type: 'more' };

/** Worker → server. */
export type FromWorker =
  | { type: 'meta'; meta: Record<string, string> }
  | { type: 'chunk'; chunk: Uint8Array }
  | { type: 'end' }
  | { type: 'error'; error: { code: ErrorCode; messageKey?: string; details?: Record<string, unknown>; params?: Record<string, string | number> } | { message: string } };

export interface Versions {
  metadata: number;
  hierarchy: number;
  users: number;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./worker-entry.ts', import.meta.url).href;
const RETRY_AFTER_SECONDS = 10;

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
}

export class WorkerJobs {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idle: Idle[] = [];

  constructor(private readonly opts: WorkerJobsOptions) {}

  /** Jobs running now. */
  get active(): number {
    return this.running;
  }

  async run(ctx: Ctx, job: URL, input: unknown): Promise<WorkerOutput> {
    const location = ctx.store.location;
    if (!location) throw new Error('inWorker: this store cannot be opened from a worker thread');
    await this.turn();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.running--;
      this.waiting.shift()?.();
    };
    try {
      return await this.send(this.workerFor(ctx, location), ctx, job, input, release);
    } catch (e) {
      release();
      throw e;
    }
  }

  /** Stops the idle workers (the server is closing). */
  async close(): Promise<void> {
    const all = this.idle.splice(0);
    await Promise.all(all.map((i) => (clearTimeout(i.timer), i.worker.terminate())));
  }

  private turn(): Promise<void> {
    if (this.running < this.opts.maxJobs) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const go = () => {
        clearTimeout(timer);
        this.running++;
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new AppError('BUSY', 'workers.busy', { reason: 'JOBS_BUSY', retryAfterSeconds: RETRY_AFTER_SECONDS }, { seconds: RETRY_AFTER_SECONDS }));
      }, this.opts.queueMs);
      this.waiting.push(go);
    });
  }

  private workerFor(ctx: Ctx, location: DatabaseLocation): Worker {
    const kept = this.idle.pop();
    if (kept) {
      clearTimeout(kept.timer);
      return kept.worker;
    }
    const start: WorkerStart = { entry: ENTRY, location, config: ctx.config };
    const worker = new Worker(BOOT, { workerData: start, resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb }, stdout: false, stderr: false });
    worker.unref(); // an idle worker never keeps the process alive
    // An idle worker that fails or stops is forgotten (a job's own listeners report its failures).
    worker.on('error', () => {});
    worker.on('exit', () => {
      const i = this.idle.findIndex((x) => x.worker === worker);
      if (i >= 0) clearTimeout(this.idle.splice(i, 1)[0]!.timer);
    });
    return worker;
  }

  private keep(worker: Worker) {
    const timer = setTimeout(() => {
      const i = this.idle.findIndex((x) => x.worker === worker);
      if (i >= 0) this.idle.splice(i, 1);
      void worker.terminate();
    }, this.opts.idleMs ?? 60_000);
    timer.unref();
    this.idle.push({ worker, timer });
  }

  private send(worker: Worker, ctx: Ctx, job: URL, input: unknown, release: () => void): Promise<WorkerOutput> {
    const versions: Versions = { metadata: metadataSignal.version, hierarchy: hierarchySignal.version, users: usersSignal.version };
    const post = (m: ToWorker) => worker.postMessage(m);
    return new Promise<WorkerOutput>((resolve, reject) => {
      let body: Readable | null = null;
      let done = false;
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      /** The job ended: the worker is kept for the next one (or stopped when its state is unknown). */
      const finish = (reusable: boolean) => {
        if (done) return;
        done = true;
        cleanup();
        release();
        if (reusable) this.keep(worker);
        else void worker.terminate();
      };
      const fail = (err: Error, reusable: boolean) => {
        if (body) body.destroy(err);
        else reject(err);
        finish(reusable);
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === 'meta') {
          body = new Readable({
            read: () => post({ type: 'more' }),
            destroy: (err, cb) => {
              finish(false); // the client went away mid-file: the worker is stopped with its job
              cb(err);
            },
          });
          resolve({ meta: m.meta, body });
        } else if (m.type === 'chunk') {
          body?.push(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength));
        } else if (m.type === 'end') {
          finish(true);
          body?.push(null);
        } else {
          const err = 'code' in m.error ? new AppError(m.error.code, m.error.messageKey, m.error.details, m.error.params) : new Error(`worker job: ${m.error.message}`);
          fail(err, true);
        }
      };
      const onError = (e: Error) => {
        // Out of memory (the job went over heapMb) or a crash: the server itself is unharmed.
        const oom = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        fail(oom ? new AppError('QUERY_TOO_LARGE', 'workers.outOfMemory', { reason: 'JOB_OUT_OF_MEMORY' }) : e, false);
      };
      const onExit = () => fail(new Error('worker job: the worker stopped before the end'), false);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      post({ type: 'job', job: job.href, actor: actorToData(ctx.actor), locale: ctx.locale, input, versions });
    });
  }
}
