// The worker side of server/workers.ts: opens its own connections to the server's database, then runs
// the jobs it is sent, one at a time, each with its request's actor and language, sending the bytes
// back as the server asks for them.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../core/config.js';
import { actorFromData, Ctx } from '../core/context.js';
import { AppError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import { installModules, type WorkerJob } from '../core/modules.js';
import { hierarchySignal, metadataSignal, usersSignal, type Signal } from '../core/versions.js';
import { connect } from '../db/connection.js';
import { modules } from '../modules/index.js';
import type { FromWorker, ToWorker, Versions, WorkerStart } from './workers.js';

const start = workerData as WorkerStart;
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);

installModules(modules); // permissions and messages, as in the server
const database = connect(start.location.url, start.location.kind, undefined, 2);
const config = start.config as Config;

// Chunks the server may be sent before it asks for more (it asks once per chunk its reader takes).
let credit = 0;
let wake: (() => void) | null = null;
const allowed = () => (credit > 0 ? Promise.resolve() : new Promise<void>((r) => (wake = r)));

// The server's version signals as of the last job: a change since then marks this worker's caches stale.
const seen: Versions = { metadata: 0, hierarchy: 0, users: 0 };
const signals: Record<keyof Versions, Signal> = { metadata: metadataSignal, hierarchy: hierarchySignal, users: usersSignal };
function follow(v: Versions) {
  for (const k of Object.keys(signals) as (keyof Versions)[]) {
    if (v[k] !== seen[k]) signals[k].bump();
    seen[k] = v[k];
  }
}

async function run(m: Extract<ToWorker, { type: 'job' }>) {
  follow(m.versions);
  credit = 2;
  try {
    const ctx = new Ctx(actorFromData(m.actor), database.store, config, m.locale as Locale);
    const job = (await import(m.job)) as { default: WorkerJob };
    const out = await job.default(ctx, m.input as never);
    send({ type: 'meta', meta: out.meta });
    for await (const c of out.body) {
      await allowed();
      credit--;
      send({ type: 'chunk', chunk: typeof c === 'string' ? Buffer.from(c) : c });
    }
    send({ type: 'end' });
  } catch (e) {
    send({
      type: 'error',
      error: e instanceof AppError ? { code: e.code, messageKey: e.messageKey, details: e.details as Record<string, unknown>, params: e.params } : { message: e instanceof Error ? e.message : String(e) },
    });
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'more') {
    credit++;
    wake?.();
    wake = null;
  } else void run(m);
});
