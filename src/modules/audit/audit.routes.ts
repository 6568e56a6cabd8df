import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import { listAudit } from './audit.service.js';

export function auditRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.get('/api/audit', (req) => listAudit(ctx(req), req.query));
}
