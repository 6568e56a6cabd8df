import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { listAudit } from './audit.service.js';

export function auditRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  app.get('/api/audit', (req) => listAudit(ctx(req), req.query));
}
