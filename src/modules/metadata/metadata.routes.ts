import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pickLocale } from '../../core/i18n.js';
import type { RouteDeps } from '../../core/modules.js';
import { exportFromApi, importFromApi } from './metadata.package.js';
import * as svc from './metadata.service.js';

type T = { Params: { type: string } };
type TI = { Params: { type: string; id: string } };
type I = { Params: { id: string } };

const locale = (req: FastifyRequest) => pickLocale(req.headers['accept-language']);

export function metadataRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  // Packages.
  app.post('/api/metadata/import', (req) => importFromApi(ctx(req), req.body, req.query, { locale: locale(req) }));
  app.get('/api/metadata/export', async (req, reply) => {
    const pkg = await exportFromApi(ctx(req), req.query);
    const name = `${pkg.package?.code ?? 'metadata'}-${pkg.package?.version ?? ''}.json`.replace(/[^A-Za-z0-9_.\-]/g, '_');
    return reply.header('content-disposition', `attachment; filename="${name}"`).type('application/json; charset=utf-8').send(JSON.stringify(pkg, null, 2));
  });
  // DHIS2-compatible metadata import: importMode=VALIDATE (or dryRun=true) validates only.
  app.post('/api/metadata', (req) => importFromApi(ctx(req), req.body, req.query, { locale: locale(req), dhis2: true }));

  // Fixed sub-resources (registered before the generic /:type routes; static segments win anyway).
  app.get('/api/metadata/categoryOptionCombos', (req) => svc.optionCombos(ctx(req), req.query));
  app.get('/api/metadata/calendarDays', (req) => svc.listCalendarDays(ctx(req), req.query));
  app.post('/api/metadata/calendarDays', async (req, reply) => reply.status(201).send(await svc.saveCalendarDay(ctx(req), req.body)));
  app.put<I>('/api/metadata/calendarDays/:id', (req) => svc.saveCalendarDay(ctx(req), req.body, req.params.id));
  app.delete<I>('/api/metadata/calendarDays/:id', async (req, reply) => {
    await svc.removeCalendarDay(ctx(req), req.params.id);
    return reply.status(204).send();
  });
  app.get<I>('/api/metadata/dataSets/:id/orgUnits', (req) => svc.dataSetUnits(ctx(req), req.params.id));
  app.put<I>('/api/metadata/dataSets/:id/orgUnits', (req) => svc.setDataSetUnits(ctx(req), req.params.id, req.body));

  // Generic CRUD for the other types.
  app.get<T>('/api/metadata/:type', (req) => svc.list(ctx(req), req.params.type, req.query));
  app.post<T>('/api/metadata/:type', async (req, reply) => reply.status(201).send(await svc.create(ctx(req), req.params.type, req.body, locale(req))));
  app.get<TI>('/api/metadata/:type/:id', (req) => svc.get(ctx(req), req.params.type, req.params.id));
  app.put<TI>('/api/metadata/:type/:id', (req) => svc.update(ctx(req), req.params.type, req.params.id, req.body, locale(req)));
  app.delete<TI>('/api/metadata/:type/:id', async (req, reply) => {
    await svc.remove(ctx(req), req.params.type, req.params.id);
    return reply.status(204).send();
  });
}
