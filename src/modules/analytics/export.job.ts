// The analytics export as a worker job (RouteDeps.inWorker): the file is built in a worker thread,
// whose heap takes the hundreds of megabytes a 500,000-cell export allocates.
import type { Ctx } from '../../core/context.js';
import type { WorkerJobResult } from '../../core/modules.js';
import type { PeriodLocale } from '../../lib/periods.js';
import { analyticsExport, type ExportFormat } from './export.service.js';

export interface ExportJobInput {
  query: unknown;
  format: ExportFormat;
  locale: PeriodLocale;
}

export default async function exportJob(ctx: Ctx, input: ExportJobInput): Promise<WorkerJobResult> {
  const file = await analyticsExport(ctx, input.query, input.format, input.locale);
  return { meta: { fileName: file.fileName, contentType: file.contentType }, body: file.body };
}
