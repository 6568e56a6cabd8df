// HTTP for dashboards. Thin: the service does the work.
import type { FastifyInstance } from 'fastify';
import { pickLocale } from '../../core/i18n.js';
import type { RouteDeps } from '../../core/modules.js';
import * as svc from './dashboards.service.js';

export function dashboardRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  const locale = (req: { headers: Record<string, string | string[] | undefined> }) => pickLocale(req.headers['accept-language'] as string | undefined);
  const idOf = (req: { params: unknown }) => (req.params as { id: string }).id;
  app.get('/api/dashboards', (req) => svc.listDashboards(ctx(req), locale(req)));
  app.get('/api/dashboards/:id', (req) => svc.getDashboard(ctx(req), idOf(req), locale(req)));
  app.post('/api/dashboards', (req) => svc.createDashboard(ctx(req), req.body, locale(req)));
  app.post('/api/dashboards/:id/copy', (req) => svc.copyDashboard(ctx(req), idOf(req), req.body, locale(req)));
  app.put('/api/dashboards/:id', (req) => svc.updateDashboard(ctx(req), idOf(req), req.body, locale(req)));
  app.delete('/api/dashboards/:id', (req) => svc.deleteDashboard(ctx(req), idOf(req)));
}
