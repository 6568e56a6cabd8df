// HTTP for analytics: DHIS2's GET /api/analytics (and .json), its CSV/XLSX exports, and soyte's
// /api/analytics/values (values with comparisons), and the catalogue of register figures
// (/api/analytics/figures). Thin: the services do the work.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pickLocale } from '../../core/i18n.js';
import type { RouteDeps } from '../../core/modules.js';
import * as svc from './analytics.service.js';
import { dhis2JsonChunks } from './dhis2-response.js';
import type { ExportJobInput } from './export.job.js';
import { TimeSlicer } from './slices.js';
import { analyticsValues } from './values.service.js';

/** The export job (a worker thread builds the file). */
const EXPORT_JOB = new URL('./export.job.ts', import.meta.url);

export function analyticsRoutes(app: FastifyInstance, { ctx, inWorker }: RouteDeps) {
  for (const url of ['/api/analytics', '/api/analytics.json']) {
    app.get(url, async (req, reply) => {
      const slicer = new TimeSlicer();
      const res = await svc.analyticsDhis2(ctx(req), req.query, pickLocale(req.headers['accept-language']), { slicer });
      // Written while it is sent (a large answer is never stringified in one go).
      return reply.type('application/json; charset=utf-8').send(Readable.from(dhis2JsonChunks(res, slicer)));
    });
  }
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/analytics.${format}`, async (req, reply) => {
      const input: ExportJobInput = { query: req.query, format, locale: pickLocale(req.headers['accept-language']) };
      const file = await inWorker(ctx(req), EXPORT_JOB, input);
      reply.header('content-type', file.meta.contentType);
      reply.header('content-disposition', `attachment; filename="${file.meta.fileName}"`);
      return reply.send(file.body); // a stream: written while it is sent
    });
  }
  app.get('/api/analytics/figures', (req) => svc.listFigures(ctx(req), pickLocale(req.headers['accept-language'])));
  app.get('/api/analytics/values', (req) => analyticsValues(ctx(req), req.query, pickLocale(req.headers['accept-language'])));
}
