// COPY … FROM STDIN through a Kysely transaction. Kysely does not expose the pg client, but its
// PostgreSQL driver hands the query's `sql` straight to `client.query()`, and pg accepts any object
// with a `submit` method there, which is what a pg-copy-streams stream is. Inside a transaction the
// connection stays reserved until the stream has finished, so nothing else can use it meanwhile.
import { CompiledQuery, type Transaction } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { DB } from '../../db/schema.js';

/** Streams text-format rows (tab-separated lines, each ending in '\n') into `COPY <target> FROM STDIN`. */
export async function copyInto(tx: Transaction<DB>, target: string, chunks: Iterable<string>): Promise<void> {
  const stream = copyFrom(`copy ${target} from stdin`);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const query = { ...CompiledQuery.raw('copy'), sql: stream as unknown as string };
  await tx.executeQuery(query);
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await Promise.race([new Promise<void>((r) => stream.once('drain', r)), done]);
  }
  stream.end();
  await done;
}
