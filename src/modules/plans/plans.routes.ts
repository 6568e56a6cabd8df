import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import * as svc from './plans.service.js';

export function planRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.get('/api/plans', (req) => svc.getPlans(ctx(req), req.query));
  app.put('/api/plans', (req) => svc.setTargets(ctx(req), req.body));
  app.post('/api/plans/distribute', (req) => svc.distribute(ctx(req), req.body));
  app.get('/api/plans/check', (req) => svc.checkSums(ctx(req), req.query));
  app.get('/api/plans/options', (req) => svc.planOptions(ctx(req)));
  app.get('/api/plans/progress', (req) => svc.planProgress(ctx(req), req.query as Parameters<typeof svc.planProgress>[1]));
}
