import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import * as svc from './orgunits.service.js';

type P = { Params: { id: string } };

export function orgUnitRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.get('/api/orgunits/roots', (req) => svc.roots(ctx(req), req.query));
  app.get('/api/orgunits/search', (req) => svc.search(ctx(req), req.query));
  app.get('/api/orgunit-levels', (req) => svc.listLevels(ctx(req)));
  app.get('/api/orgunit-groups', (req) => svc.listGroups(ctx(req)));
  app.get<P>('/api/orgunits/:id', (req) => svc.details(ctx(req), req.params.id, req.query));
  app.get<P>('/api/orgunits/:id/children', (req) => svc.children(ctx(req), req.params.id, req.query));
  app.post('/api/orgunits', async (req, reply) => reply.status(201).send(await svc.create(ctx(req), req.body)));
  app.post('/api/orgunits/merge', (req) => svc.merge(ctx(req), req.body));
  app.post<P>('/api/orgunits/:id/rename', (req) => svc.rename(ctx(req), req.params.id, req.body));
  app.post<P>('/api/orgunits/:id/move', (req) => svc.move(ctx(req), req.params.id, req.body));
  app.post<P>('/api/orgunits/:id/close', (req) => svc.close(ctx(req), req.params.id, req.body));
  app.post<P>('/api/orgunits/:id/split', (req) => svc.split(ctx(req), req.params.id, req.body));
}
