// HTTP for the geo module: GeoJSON of org units for choropleth maps. Thin: the service does the work.
import type { FastifyInstance } from 'fastify';
import { pickLocale } from '../../core/i18n.js';
import type { RouteDeps } from '../../core/modules.js';
import * as svc from './geo.service.js';

export function geoRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.get('/api/geo/orgUnits', async (req, reply) => {
    const body = await svc.orgUnitGeometry(ctx(req), req.query, pickLocale(req.headers['accept-language']));
    // Scope-dependent: only the user's own browser may keep it, briefly (the structure changes rarely).
    return reply.header('cache-control', 'private, max-age=300').header('vary', 'Accept-Language, Cookie, Authorization')
      .type('application/geo+json; charset=utf-8').send(body);
  });
}
