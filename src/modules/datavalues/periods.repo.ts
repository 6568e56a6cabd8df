// Period rows: data values refer to periods by a small integer id, created on first use.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { parsePeriod } from '../../lib/periods.js';

/** Ids of the given ISO periods, creating missing rows. Unknown ids must be rejected by the caller first. */
export async function ensurePeriods(db: Kysely<DB>, isos: Iterable<string>): Promise<Map<string, number>> {
  const wanted = [...new Set(isos)];
  const out = new Map<string, number>();
  if (wanted.length === 0) return out;
  // Most periods exist already: look them up first, insert only the missing ones.
  const known = await db.selectFrom('period').select(['id', 'iso']).where('iso', 'in', wanted).execute();
  for (const r of known) out.set(r.iso, r.id);
  if (known.length === wanted.length) return out;
  const rows = wanted.filter((iso) => !out.has(iso)).map((iso) => {
    const p = parsePeriod(iso);
    if (!p) throw new Error(`not an ISO period: ${iso}`);
    return { iso: p.iso, period_type: p.type, start_date: p.start, end_date: p.end };
  });
  await db.insertInto('period').values(rows).onConflict((oc) => oc.column('iso').doNothing()).execute();
  const found = await db.selectFrom('period').select(['id', 'iso']).where('iso', 'in', wanted).execute();
  for (const r of found) out.set(r.iso, r.id);
  return out;
}

export async function ensurePeriod(db: Kysely<DB>, iso: string): Promise<number> {
  return (await ensurePeriods(db, [iso])).get(iso)!;
}

