// `soyte report` and `soyte report-batch`: the same generation as POST /api/reports and
// POST /api/reports/batch, written to files. Runs as the system, or as a user (their scope and role).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CliDeps } from '../../core/modules.js';
import { translate } from '../../core/i18n.js';
import { cliProgressReporter } from '../../lib/progress.js';
import type { Ctx } from '../../core/context.js';
import { runBatch, zipOf } from './batch.service.js';
import { closePdfBrowser } from './render/pdf.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from './render/index.js';
import { openReport, reportDocument } from './reports.service.js';
import { ensureDefaultTemplates } from './templates.service.js';

export interface ReportCliOptions {
  template: string;
  org: string;
  period: string;
  format?: string;
  out?: string;
  user?: string;
}

export interface BatchCliOptions {
  template: string;
  period: string;
  parent?: string;
  format?: string;
  out: string;
  user?: string;
}

export function registerReportsCli(program: Command, deps: CliDeps) {
  program
    .command('report')
    .description('write the report of a unit and period (opens or creates its draft): DOCX, PDF or HTML')
    .requiredOption('--template <code>', 'report template, e.g. BC_TTYT_THANG')
    .requiredOption('--org <code>', 'organisation unit, e.g. TTYT399')
    .requiredOption('--period <period>', 'e.g. 202405, 2024Q2, 2024S1, 2024N9, 2024')
    .option('--format <format>', 'docx | pdf | html (default: from --out, else docx)')
    .option('--out <file>', 'output file (default: <template>_<unit>_<period>.<format>)')
    .option('--user <username>', 'generate as this user (their scope and role); default: the system')
    .action(async (o: ReportCliOptions) => {
      await deps.withContext((ctx) => runReport(ctx, o), { user: o.user });
    });

  program
    .command('report-batch')
    .description("write the report of every unit of the template's kind inside a unit (e.g. every health centre), with progress")
    .requiredOption('--template <code>', 'report template, e.g. BC_TTYT_THANG')
    .requiredOption('--period <period>', 'e.g. 202405')
    .requiredOption('--out <dir|file.zip>', 'a folder, or a .zip file')
    .option('--parent <code>', 'the unit whose units get a report (default: the province)')
    .option('--format <format>', 'docx | pdf', 'docx')
    .option('--user <username>', 'generate as this user (their scope and role); default: the system')
    .action(async (o: BatchCliOptions) => {
      await deps.withContext((ctx) => runReportBatch(ctx, o), { user: o.user });
    });
}

function formatOf(value: string | undefined, file?: string): ReportFormat {
  const f = (value ?? (file ? path.extname(file).slice(1) : 'docx')).toLowerCase();
  if ((REPORT_FORMATS as readonly string[]).includes(f)) return f as ReportFormat;
  throw new Error(`Unknown format "${f}": use --format docx|pdf|html.`);
}

export async function runReport(ctx: Ctx, o: ReportCliOptions, out: NodeJS.WriteStream = process.stdout): Promise<string> {
  const format = formatOf(o.format, o.out);
  await ensureDefaultTemplates(ctx);
  const t0 = performance.now();
  try {
    const { report, created } = await openReport(ctx, { template: o.template, orgUnit: o.org, period: o.period });
    for (const w of report.warnings) out.write(`warning: ${translate(`reports.warning.${w.code === 'NO_DATA' ? 'noData' : w.code}`, 'en')}\n`);
    const file = await renderReport(await reportDocument(ctx, report.id), format, ctx.config);
    const target = o.out ?? file.fileName;
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fs.writeFileSync(target, file.body);
    out.write(
      `${created ? 'Created the draft' : `Opened the ${report.status === 'final' ? 'final report' : 'draft'}`} ${report.template.code} · ${report.orgUnit.code} · ${report.period.id} (id ${report.id}); ` +
        `wrote ${target} (${(file.body.length / 1024).toFixed(0)} kB) in ${Math.round(performance.now() - t0)} ms.\n`,
    );
    return target;
  } finally {
    if (format === 'pdf') await closePdfBrowser();
  }
}

export async function runReportBatch(ctx: Ctx, o: BatchCliOptions, out: NodeJS.WriteStream = process.stdout) {
  const format = formatOf(o.format);
  if (format === 'html') throw new Error('A batch writes docx or pdf.');
  await ensureDefaultTemplates(ctx);
  const t0 = performance.now();
  const p = cliProgressReporter(out);
  try {
    const r = await runBatch(ctx, { template: o.template, period: o.period, parent: o.parent, format }, (s) => p.report('reports', s.done, s.total), 'en');
    p.done();
    const zip = o.out.endsWith('.zip');
    if (zip) {
      fs.mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
      fs.writeFileSync(o.out, await zipOf(r.files));
    } else {
      fs.mkdirSync(o.out, { recursive: true });
      for (const f of r.files) fs.writeFileSync(path.join(o.out, f.name), f.body);
    }
    out.write(`${r.files.length} reports written to ${o.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s.\n`);
    for (const e of r.errors) out.write(`  ${e.orgUnit}: ${e.message}\n`);
    return r;
  } finally {
    p.done();
    if (format === 'pdf') await closePdfBrowser();
  }
}
