// HTTP for report templates and reports. Thin: parse, call the service, shape the reply.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { pickLocale } from '../../core/i18n.js';
import type { RouteDeps } from '../../core/modules.js';
import * as batch from './batch.service.js';
import { documentReport } from './directive-report.js';
import { renderReport, type RenderedFile } from './render/index.js';
import { REPORT_FORMATS, VersionParam, type ReportFormat } from './reports.contract.js';
import * as reports from './reports.service.js';
import * as templates from './templates.service.js';

type Req = FastifyRequest;
const locale = (req: Req) => pickLocale(req.headers['accept-language'] as string | undefined);
const param = (req: Req, name: string) => (req.params as Record<string, string>)[name]!;
const query = (req: Req) => (req.query ?? {}) as Record<string, unknown>;

/** A version number from the path or query string (1 … 2,000,000,000), or undefined when absent. */
function versionOf(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const r = VersionParam.safeParse(value);
  if (!r.success) throw new AppError('VALIDATION_FAILED', undefined, { fields: { [field]: 'field.invalid' } });
  return r.data;
}

function formatOf(value: unknown): ReportFormat | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  throw new AppError('VALIDATION_FAILED', 'reports.badFormat', { fields: { format: 'field.invalid' } }, { format: String(value) });
}

function sendFile(reply: FastifyReply, file: RenderedFile, inline: boolean) {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export function reportRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  // Templates
  // The "Báo cáo kết quả thực hiện" of a directive (a document of the directives module): docx, pdf or html.
  app.get<{ Params: { id: string; format: string } }>('/api/directives/:id/report.:format', async (req, reply) => {
    const file = await documentReport(ctx(req), req.params.id, req.params.format);
    const disposition = file.contentType.startsWith('text/html') ? 'inline' : 'attachment';
    reply.header('content-type', file.contentType).header('content-disposition', `${disposition}; filename="${file.fileName}"`).header('cache-control', 'no-store');
    return reply.send(file.body);
  });
  app.get('/api/reportTemplates', (req) => templates.listTemplates(ctx(req)));
  app.post('/api/reportTemplates/validate', (req) => templates.validateTemplate(ctx(req), req.body, locale(req)));
  app.get('/api/reportTemplates/:code', (req) => templates.getTemplate(ctx(req), param(req, 'code'), versionOf(query(req).version, 'version')));
  app.get('/api/reportTemplates/:code/versions', (req) => templates.templateVersions(ctx(req), param(req, 'code')));
  app.get('/api/reportTemplates/:code/export', async (req, reply) => {
    const t = await templates.getTemplate(ctx(req), param(req, 'code'));
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${t.code}.v${t.version}.json"`)
      .send(JSON.stringify(t.definition, null, 2));
  });
  app.post('/api/reportTemplates', async (req, reply) => reply.status(201).send(await templates.createTemplate(ctx(req), req.body, locale(req))));
  app.put('/api/reportTemplates/:code', (req) =>
    templates.updateTemplate(ctx(req), param(req, 'code'), req.body, locale(req), versionOf(query(req).expectedVersion, 'expectedVersion')),
  );
  app.delete('/api/reportTemplates/:code', async (req, reply) => {
    await templates.deleteTemplate(ctx(req), param(req, 'code'));
    return reply.status(204).send();
  });

  // Reports
  app.get('/api/reports', (req) => reports.listReports(ctx(req), req.query));
  app.post('/api/reports', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const format = formatOf(query(req).format ?? body.format);
    const c = ctx(req);
    const { report, created } = await reports.openReport(c, body, locale(req));
    if (!format) return reply.status(created ? 201 : 200).send(report);
    return sendFile(reply, await renderReport(await reports.reportDocument(c, report.id), format, c.config), format === 'html');
  });
  app.post('/api/reports/batch', async (req, reply) => reply.status(202).send(await batch.startBatch(ctx(req), req.body, locale(req))));
  app.get('/api/reports/batch/:id', (req) => batch.batchStatus(ctx(req), param(req, 'id')));
  app.get('/api/reports/batch/:id/download', async (req, reply) => {
    const zip = await batch.batchZip(ctx(req), param(req, 'id'));
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="bao-cao-${param(req, 'id')}.zip"`).send(zip);
  });
  app.get('/api/reports/:id', (req) => reports.getReport(ctx(req), param(req, 'id'), locale(req)));
  app.put('/api/reports/:id', (req) => reports.saveReport(ctx(req), param(req, 'id'), req.body, locale(req)));
  app.get('/api/reports/:id/versions', (req) => reports.reportVersions(ctx(req), param(req, 'id')));
  app.get('/api/reports/:id/versions/:version', (req) => reports.reportVersion(ctx(req), param(req, 'id'), versionOf(param(req, 'version'), 'version')!));
  app.get('/api/reports/:id/document', async (req, reply) => {
    const format = formatOf(query(req).format) ?? 'docx';
    const c = ctx(req);
    return sendFile(reply, await renderReport(await reports.reportDocument(c, param(req, 'id')), format, c.config), format === 'html');
  });
  app.post('/api/reports/:id/finalise', (req) => reports.finaliseReport(ctx(req), param(req, 'id'), req.body ?? {}, locale(req)));
  app.post('/api/reports/:id/reopen', (req) => reports.reopenReport(ctx(req), param(req, 'id'), req.body, locale(req)));
  app.get('/api/reports/:id/differences', (req) => reports.reportDifferences(ctx(req), param(req, 'id')));
}
