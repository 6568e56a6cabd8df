import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import * as svc from './dhis2.service.js';

type Q = { Querystring: Record<string, unknown> };

export function dhis2Routes(app: FastifyInstance, { ctx, dbKind }: AppDeps) {
  app.get<Q>('/api/organisationUnits', (req) => svc.organisationUnits(ctx(req), req.query));
  app.get<Q & { Params: { id: string } }>('/api/organisationUnits/:id', (req) => svc.organisationUnit(ctx(req), req.params.id, req.query));
  app.get('/api/system/info', (req) => {
    ctx(req);
    return svc.systemInfo(dbKind);
  });
}
