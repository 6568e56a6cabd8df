// Jobs for workers.test.ts, run in worker threads as an export would be.
import { AppError } from '../core/errors.js';
import type { Ctx } from '../core/context.js';
import type { WorkerJobResult } from '../core/modules.js';
import { metadataSignal } from '../core/versions.js';

export type TestJobInput = { kind: 'chunks'; count: number; size: number } | { kind: 'endless' } | { kind: 'refuse' } | { kind: 'oom' } | { kind: 'whoami' };

let bumpsSeen = -1;
let lastVersion = -1;

export default async function testJob(ctx: Ctx, input: TestJobInput): Promise<WorkerJobResult> {
  switch (input.kind) {
    case 'chunks':
      return { meta: { n: String(input.count) }, body: Array.from({ length: input.count }, (_, i) => Buffer.alloc(input.size, 65 + (i % 26))) };
    case 'endless':
      return {
        meta: {},
        body: (async function* () {
          for (;;) yield Buffer.alloc(64 * 1024, 120);
        })(),
      };
    case 'refuse':
      throw new AppError('OUT_OF_SCOPE', undefined, { orgUnit: 'X' });
    case 'oom': {
      const keep: number[][] = [];
      for (;;) keep.push(Array.from({ length: 100_000 }, (_, i) => i));
    }
    case 'whoami':
      // How many times this worker's metadata caches were marked stale (the signal's bumps it saw).
      if (metadataSignal.version !== lastVersion) bumpsSeen++;
      lastVersion = metadataSignal.version;
      return { meta: { user: ctx.actor.username, locale: ctx.locale, canRead: String(ctx.actor.permissions.has('data:read')), staleMarks: String(bumpsSeen) }, body: [] };
  }
}
