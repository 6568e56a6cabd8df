import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import * as svc from './datavalues.service.js';

export function dataValueRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.get('/api/dataEntry/dataSets', (req) => svc.listDataSets(ctx(req), req.query));
  app.get('/api/dataEntry/form', (req) => svc.getForm(ctx(req), req.query));
  app.put('/api/dataEntry/value', (req) => svc.saveValue(ctx(req), req.body));
  app.put('/api/dataEntry/comment', (req) => svc.saveComment(ctx(req), req.body));
  app.get('/api/dataEntry/history', (req) => svc.history(ctx(req), req.query));
  app.post('/api/dataEntry/validate', (req) => svc.validate(ctx(req), req.body));
}
