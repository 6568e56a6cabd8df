// Daily jobs inside soyte (reminders: "due soon", "overdue" …): each registered job runs once per
// calendar day in Vietnam, from the configured hour (SOYTE_SCHEDULER_HOUR, default 06:00). The state
// is in the database (scheduler_run), so the runs survive restarts and several processes:
// - the job runs in one transaction together with its claim of (job, day): two processes never run
//   it both (the second finds it claimed or done), and a process that dies mid-run leaves nothing —
//   neither its notices nor the claim — so the job simply runs again;
// - a job that throws is rolled back and recorded as failed, and tried again 30 minutes later (the
//   same day; a new day is a new run).
// Jobs should still write with dedupe keys (notify's dedupeKey): their notices are then written once
// even if a job is run by hand or a day is run again.
import type { Ctx } from '../../core/context.js';
import { todayVn } from '../../lib/dates.js';
import * as runs from './scheduler.repo.js';

/** A daily job: does the day's work and returns a summary (stored as JSON in scheduler_run.result). */
export type DailyJob = (ctx: Ctx, day: string) => Promise<unknown>;

export interface JobRunResult {
  job: string;
  day: string;
  /** done: ran now; skipped: done already, running elsewhere, or waiting for its retry time; failed: threw (rolled back). */
  status: 'done' | 'failed' | 'skipped';
  result?: unknown;
  error?: string;
}

export const RETRY_MINUTES = 30;
/** How often the runner looks for due jobs. */
export const SCHEDULER_INTERVAL_MS = 5 * 60_000;

const jobs = new Map<string, DailyJob>();

/**
 * Registers a daily job under a unique name (e.g. 'form.dueSoon', 'task.overdue'): when your module
 * is loaded or in its descriptor's `start`. Registering a name again replaces its function (an app
 * built twice in one process). Returns a function that unregisters it (tests).
 */
export function registerDailyJob(name: string, fn: DailyJob): () => void {
  jobs.set(name, fn);
  return () => {
    if (jobs.get(name) === fn) jobs.delete(name);
  };
}

/** Names of the registered jobs. */
export function dailyJobs(): string[] {
  return [...jobs.keys()];
}

/** The hour of the day in Vietnam (UTC+7). */
const hourVn = (now: Date) => (now.getUTCHours() + 7) % 24;

/**
 * Runs every registered job (or those named in `only`) that has not run on `now`'s day in Vietnam,
 * one after the other, each in its own transaction. Before the configured hour nothing is due.
 */
export async function runDueJobs(ctx: Ctx, now: Date = new Date(), opts: { only?: readonly string[] } = {}): Promise<JobRunResult[]> {
  if (hourVn(now) < ctx.config.schedulerHour) return [];
  const day = todayVn(now);
  const out: JobRunResult[] = [];
  for (const [job, fn] of [...jobs].filter(([name]) => !opts.only || opts.only.includes(name))) {
    try {
      const r = await ctx.transaction(async (tx): Promise<JobRunResult> => {
        if (!(await tx.use(runs).claimRun(job, day, now))) return { job, day, status: 'skipped' };
        const result = await fn(tx, day);
        await tx.use(runs).finishRun(job, day, result);
        return { job, day, status: 'done', result };
      });
      out.push(r);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await ctx.use(runs).failRun(job, day, error.slice(0, 2000), new Date(now.getTime() + RETRY_MINUTES * 60_000));
      out.push({ job, day, status: 'failed', error });
    }
  }
  return out;
}

/**
 * The runner of `soyte start`: looks for due jobs every few minutes (the first time a minute after
 * start, once the server is up). Never two rounds at once in one process. Returns a stop function.
 */
export function startDailyJobs(ctx: Ctx, onError: (message: string) => void): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const r of await runDueJobs(ctx)) if (r.status === 'failed') onError(`daily job ${r.job} (${r.day}) failed: ${r.error}`);
    } catch (e) {
      onError(`daily jobs: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      busy = false;
    }
  };
  const first = setTimeout(() => void tick(), 60_000);
  const every = setInterval(() => void tick(), SCHEDULER_INTERVAL_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
