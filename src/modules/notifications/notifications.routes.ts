import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import * as svc from './notifications.service.js';

export function notificationRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.get('/api/notifications', (req) => svc.list(ctx(req), req.query));
  app.post('/api/notifications/read', (req) => svc.markReadInput(ctx(req), req.body));
}
