// HTTP for analytics: DHIS2's GET /api/analytics (and .json), its CSV/XLSX exports, and soyte's
// /api/analytics/values (values with comparisons). Thin: the services do the work.
import type { FastifyInstance } from 'fastify';
import { pickLocale } from '../../core/i18n.js';
import type { RouteDeps } from '../../core/modules.js';
import * as svc from './analytics.service.js';
import { analyticsExport } from './export.service.js';
import { analyticsValues } from './values.service.js';

export function analyticsRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  for (const url of ['/api/analytics', '/api/analytics.json']) {
    app.get(url, (req) => svc.analyticsDhis2(ctx(req), req.query, pickLocale(req.headers['accept-language'])));
  }
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/analytics.${format}`, async (req, reply) => {
      const file = await analyticsExport(ctx(req), req.query, format, pickLocale(req.headers['accept-language']));
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      return reply.send(file.body);
    });
  }
  app.get('/api/analytics/values', (req) => analyticsValues(ctx(req), req.query, pickLocale(req.headers['accept-language'])));
}
