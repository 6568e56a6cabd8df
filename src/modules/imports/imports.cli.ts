// `soyte import FILE`: the same import path as POST /api/dataValueSets, from a file on disk, with a
// progress bar and the summary printed. Runs as the system, or as a user (their scope and role).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CliDeps } from '../../core/modules.js';
import { cliProgressReporter } from '../../lib/progress.js';
import type { Ctx } from '../../core/context.js';
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

export function registerImportsCli(program: Command, deps: CliDeps) {
  program
    .command('import')
    .description('import data values: DHIS2 dataValueSets JSON or CSV, or a filled Excel template (same checks as the API)')
    .argument('<file>', 'the file (.json, .csv or .xlsx)')
    .option('--format <format>', 'json | csv | xlsx (default: from the file name)')
    .option('--dry-run', 'check and count only; write nothing')
    .option('--atomic', 'all or nothing: write nothing if any row is refused')
    .option('--id-scheme <scheme>', 'identifiers in the file: uid | code | auto', 'uid')
    .option('--strategy <strategy>', 'CREATE_AND_UPDATE | CREATE | UPDATE | DELETE', 'CREATE_AND_UPDATE')
    .option('--user <username>', 'import as this user (their scope and role); default: the system')
    .action(async (file: string, o: ImportCliOptions) => {
      if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
      await deps.withContext((ctx) => runImport(ctx, file, o), { user: o.user });
    });
}

/** Imports a file as the context's actor, printing progress and the summary. */
export async function runImport(ctx: Ctx, file: string, o: ImportCliOptions, out: NodeJS.WriteStream = process.stdout): Promise<ImportSummary> {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  const format = formatOf(file, o.format);
  const size = fs.statSync(file).size;
  out.write(`Reading ${file} (${(size / 1048576).toFixed(1)} MB, ${format})…\n`);
  const buf = fs.readFileSync(file);
  let set: ParsedSet;
  let cells: string[] | undefined;
  if (format === 'json') set = parseJsonSet(buf);
  else if (format === 'csv') set = parseCsvSet(buf);
  else {
    const r = await readTemplate(buf, { maxInflatedBytes: ctx.config.upload.maxInflatedBytes });
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

