// HTTP for analytics: DHIS2's GET /api/analytics (and .json). Thin: the service does the work.
import type { FastifyInstance } from 'fastify';
import { pickLocale } from '../../lib/i18n.js';
import type { AppDeps } from '../../server/deps.js';
import * as svc from './analytics.service.js';

export function analyticsRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  for (const url of ['/api/analytics', '/api/analytics.json']) {
    app.get(url, (req) => svc.analyticsDhis2(ctx(req), req.query, pickLocale(req.headers['accept-language'])));
  }
}
