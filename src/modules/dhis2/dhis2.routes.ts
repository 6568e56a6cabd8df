import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import * as svc from './dhis2.service.js';
import { DHIS2_METADATA_COLLECTIONS, getFromCollection, listCollection } from './dhis2.metadata.js';

type Q = { Querystring: Record<string, unknown> };

export function dhis2Routes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.get<Q>('/api/organisationUnits', (req) => svc.organisationUnits(ctx(req), req.query));
  app.get<Q & { Params: { id: string } }>('/api/organisationUnits/:id', (req) => svc.organisationUnit(ctx(req), req.params.id, req.query));
  // Metadata collections (dataElements, dataSets, indicators, categoryCombos, categoryOptionCombos, validationRules).
  for (const c of DHIS2_METADATA_COLLECTIONS) {
    app.get<Q>(`/api/${c}`, (req) => listCollection(ctx(req), c, req.query));
    app.get<Q & { Params: { id: string } }>(`/api/${c}/:id`, (req) => getFromCollection(ctx(req), c, req.params.id, req.query));
  }
  app.get('/api/system/info', (req) => svc.systemInfo(ctx(req)));
}
