// `soyte report` and `soyte report-batch`: the same generation as POST /api/reports and
// POST /api/reports/batch, written to files. Runs as the system, or as a user (their scope and role).
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { translate } from '../../lib/i18n.js';
import { cliProgressReporter } from '../../lib/progress.js';
import { actorFor } from '../users/auth.service.js';
import { SYSTEM_ACTOR, type Ctx } from '../users/access.js';
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

async function ctxFor(db: Kysely<DB>, username?: string): Promise<Ctx> {
  await ensureDefaultTemplates(db);
  if (!username) return { db, actor: SYSTEM_ACTOR };
  const u = await db.selectFrom('app_user').select(['id', 'username', 'org_unit_id', 'disabled']).where('username', '=', username).executeTakeFirst();
  if (!u || u.disabled) throw new Error(`No active user "${username}".`);
  return { db, actor: await actorFor(db, u) };
}

function formatOf(value: string | undefined, file?: string): ReportFormat {
  const f = (value ?? (file ? path.extname(file).slice(1) : 'docx')).toLowerCase();
  if ((REPORT_FORMATS as readonly string[]).includes(f)) return f as ReportFormat;
  throw new Error(`Unknown format "${f}": use --format docx|pdf|html.`);
}

export async function runReport(db: Kysely<DB>, o: ReportCliOptions, out: NodeJS.WriteStream = process.stdout): Promise<string> {
  const format = formatOf(o.format, o.out);
  const ctx = await ctxFor(db, o.user);
  const t0 = performance.now();
  try {
    const { report, created } = await openReport(ctx, { template: o.template, orgUnit: o.org, period: o.period });
    for (const w of report.warnings) out.write(`warning: ${translate(`reports.warning.${w.code === 'NO_DATA' ? 'noData' : w.code}`, 'en')}\n`);
    const file = await renderReport(await reportDocument(ctx, report.id), format);
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

export async function runReportBatch(db: Kysely<DB>, o: BatchCliOptions, out: NodeJS.WriteStream = process.stdout) {
  const format = formatOf(o.format);
  if (format === 'html') throw new Error('A batch writes docx or pdf.');
  const ctx = await ctxFor(db, o.user);
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
