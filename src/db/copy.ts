// COPY through Kysely: text-format rows streamed in (`COPY … FROM STDIN`) or out (`COPY … TO
// STDOUT`) on the connection of a Kysely instance or transaction. Used by imports, the demo loader and
// the benchmarks.
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { CompiledQuery, type Kysely } from 'kysely';
import pgCopy from 'pg-copy-streams';

/**
 * Streams text-format COPY data into `statement` (a `COPY … FROM STDIN`) on the connection of `db`
 * (a transaction). Kysely does not expose the pg client, but pg's `client.query()` accepts a
 * "submittable" object, so the COPY stream is handed to the connection as the query itself.
 */
export async function copyIn(db: Kysely<any>, statement: string, chunks: Iterable<string>): Promise<void> {
  const stream = pgCopy.from(statement);
  const q = CompiledQuery.raw('');
  await db.executeQuery({ ...q, sql: stream as unknown as string });
  let failed: unknown;
  let wake: (() => void) | undefined;
  stream.on('error', (e) => {
    failed ??= e;
    wake?.();
  });
  stream.on('drain', () => wake?.());
  try {
    for (const chunk of chunks) {
      if (failed) break;
      if (!stream.write(chunk) && !failed) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    }
  } catch (e) {
    // The rows could not be produced: abort the COPY so the connection (and its transaction's
    // rollback) is not left waiting for the rest of the data.
    stream.destroy(e as Error);
    throw e;
  }
  stream.end();
  try {
    await finished(stream);
  } catch (e) {
    failed ??= e;
  }
  if (failed) throw failed;
}

/**
 * Runs `statement` (a `COPY … TO STDOUT` in text format) on the connection of `db` and hands each
 * line (without its newline) to `onLine`. Same submittable trick as copyIn.
 */
export async function copyOut(db: Kysely<any>, statement: string, onLine: (line: string) => void): Promise<void> {
  const stream = pgCopy.to(statement);
  const q = CompiledQuery.raw('');
  await db.executeQuery({ ...q, sql: stream as unknown as string });
  const dec = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const s = rest + dec.write(chunk);
    let start = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
      onLine(s.slice(start, nl));
      start = nl + 1;
    }
    rest = s.slice(start);
  }
  rest += dec.end();
  if (rest) onLine(rest);
}

