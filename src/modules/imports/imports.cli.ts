// `soyte import FILE`: the same import path as POST /api/dataValueSets, from a file on disk, with a
// progress bar and the summary printed. Runs as the system, or as a user (their scope and role).
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { cliProgressReporter } from '../../lib/progress.js';
import { actorFor } from '../users/auth.service.js';
import { SYSTEM_ACTOR, type Ctx } from '../users/access.js';
import { importDataValues, parseImportOptions, type ImportSummary } from './imports.service.js';
import { parseCsvSet, parseJsonSet, type ParsedSet } from './parse.js';
import { readTemplate } from './xlsx.js';

export interface ImportCliOptions {
  format?: string;
  dryRun?: boolean;
  atomic?: boolean;
  idScheme?: string;
  strategy?: string;
  user?: string;
}

function formatOf(file: string, forced?: string): 'json' | 'csv' | 'xlsx' {
  const f = (forced ?? path.extname(file).slice(1)).toLowerCase();
  if (f === 'json' || f === 'csv' || f === 'xlsx') return f;
  throw new Error(`Unknown format "${f}": use --format json|csv|xlsx.`);
}

export async function runImport(db: Kysely<DB>, file: string, o: ImportCliOptions, out: NodeJS.WriteStream = process.stdout): Promise<ImportSummary> {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  const format = formatOf(file, o.format);
  let ctx: Ctx = { db, actor: SYSTEM_ACTOR };
  if (o.user) {
    const u = await db.selectFrom('app_user').select(['id', 'username', 'org_unit_id', 'disabled']).where('username', '=', o.user).executeTakeFirst();
    if (!u || u.disabled) throw new Error(`No active user "${o.user}".`);
    ctx = { db, actor: await actorFor(db, u) };
  }
  const size = fs.statSync(file).size;
  out.write(`Reading ${file} (${(size / 1048576).toFixed(1)} MB, ${format})…\n`);
  const buf = fs.readFileSync(file);
  let set: ParsedSet;
  let cells: string[] | undefined;
  if (format === 'json') set = parseJsonSet(buf);
  else if (format === 'csv') set = parseCsvSet(buf);
  else {
    const r = await readTemplate(buf);
    set = r;
    cells = r.cells;
  }
  out.write(`${set.rows.length.toLocaleString('vi-VN')} values; importing as ${ctx.actor.username}${o.dryRun ? ' (dry run)' : ''}…\n`);
  const p = cliProgressReporter(out);
  const options = parseImportOptions(
    { idScheme: o.idScheme ?? 'uid', dryRun: o.dryRun ? 'true' : 'false', atomic: o.atomic ? 'true' : 'false', importStrategy: o.strategy ?? 'CREATE_AND_UPDATE' },
    { locale: 'en', progress: p.report, label: path.basename(file) },
  );
  let summary: ImportSummary;
  try {
    summary = await importDataValues(ctx, set, options);
  } finally {
    p.done();
  }
  const c = summary.importCount;
  out.write(`\n${summary.status}: ${summary.description}\n`);
  out.write(`  imported ${c.imported}, updated ${c.updated}, deleted ${c.deleted}, ignored ${c.ignored}  (${summary.seconds ?? 0} s)\n`);
  const shown = summary.conflicts.slice(0, 30);
  for (const k of shown) {
    const where = cells ? k.indexes.map((i) => cells![i]) : set.lines ? k.indexes.map((i) => `line ${set.lines![i]}`) : k.indexes.map((i) => `#${i}`);
    const list = where.slice(0, 8).join(', ') + (where.length > 8 ? ` … (+${where.length - 8})` : '');
    out.write(`  [${k.errorCode}] ${k.value}  — ${list}\n`);
  }
  if (summary.conflicts.length > shown.length) out.write(`  … ${summary.conflicts.length - shown.length} more conflicts\n`);
  if (summary.status === 'ERROR') process.exitCode = 1;
  return summary;
}

