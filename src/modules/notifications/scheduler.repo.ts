// SQL of the daily jobs: one scheduler_run row per (job, day), claimed inside the job's transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Claims (job, runKey) for this transaction: false when another transaction is running it right now
 * (a transaction-scoped advisory lock, so nobody waits), when it is done, or when it failed and its
 * retry time has not come. The row is written by this transaction: if the process dies before it
 * commits, the claim disappears with the job's writes and the job runs again.
 */
export async function claimRun(db: Db, job: string, runKey: string, now: Date): Promise<boolean> {
  const lock = await sql<{ got: boolean }>`
    select pg_try_advisory_xact_lock(hashtextextended(${`soyte.scheduler:${job}:${runKey}`}, 0)) as got`.execute(db);
  if (!lock.rows[0]?.got) return false;
  const r = await sql<{ job: string }>`
    insert into scheduler_run (job, run_key, status, attempts, started_at)
    values (${job}, ${runKey}, 'running', 1, now())
    on conflict (job, run_key) do update
      set status = 'running', attempts = scheduler_run.attempts + 1, started_at = now(), finished_at = null,
          next_attempt_at = null, error = null
      where scheduler_run.status = 'failed' and coalesce(scheduler_run.next_attempt_at, '-infinity') <= ${now}
    returning job`.execute(db);
  return r.rows.length > 0;
}

export async function finishRun(db: Db, job: string, runKey: string, result: unknown): Promise<void> {
  await db
    .updateTable('scheduler_run')
    .set({ status: 'done', finished_at: new Date(), result: JSON.stringify(result ?? null) })
    .where('job', '=', job)
    .where('run_key', '=', runKey)
    .execute();
}

/** Records a failed run (its writes were rolled back), to be tried again from `retryAt`; a done run stays done. */
export async function failRun(db: Db, job: string, runKey: string, error: string, retryAt: Date): Promise<void> {
  await sql`
    insert into scheduler_run (job, run_key, status, attempts, started_at, finished_at, next_attempt_at, error)
    values (${job}, ${runKey}, 'failed', 1, now(), now(), ${retryAt}, ${error})
    on conflict (job, run_key) do update
      set status = 'failed', attempts = scheduler_run.attempts + 1, finished_at = now(), next_attempt_at = ${retryAt},
          error = ${error}
      where scheduler_run.status <> 'done'`.execute(db);
}

export function runsOf(db: Db, job: string) {
  return db.selectFrom('scheduler_run').selectAll().where('job', '=', job).orderBy('run_key').execute();
}

export async function deleteRunsBefore(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('scheduler_run').where('started_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
