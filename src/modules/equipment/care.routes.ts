// Routes of equipment care (thin: the services check access and parse input). Loading this file also
// registers the care's hook on new assets (their default schedules), its daily notices and its
// analytics figures.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import { FILE_MAX_MB, type UploadedFile } from './assets.service.js';
import './care.notices.js';
import './figures.service.js';
import * as inspections from './inspections.service.js';
import * as kpi from './kpi.service.js';
import * as maintenance from './maintenance.service.js';

type Params = { id: string };

async function oneFile(req: FastifyRequest): Promise<UploadedFile | undefined> {
  const file = req.isMultipart() ? await req.file() : undefined;
  return file && { fileName: file.filename, mime: file.mimetype, stream: file.file };
}

export function careRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.get<{ Params: Params }>('/api/equipment/assets/:id/care', (req) => inspections.careOf(ctx(req), req.params.id));
  app.post<{ Params: Params }>('/api/equipment/assets/:id/schedules', async (req, reply) =>
    reply.code(201).send(await inspections.addSchedule(ctx(req), req.params.id, req.body)));
  app.patch<{ Params: Params }>('/api/equipment/schedules/:id', (req) => inspections.updateSchedule(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>('/api/equipment/schedules/:id/inspections', async (req, reply) =>
    reply.code(201).send(await inspections.recordInspection(ctx(req), req.params.id, req.body)));
  app.get('/api/equipment/inspections/due', (req) => inspections.dueList(ctx(req), req.query));

  app.get('/api/equipment/work-orders', (req) => maintenance.listWorkOrders(ctx(req), req.query));
  app.get<{ Params: Params }>('/api/equipment/work-orders/:id', (req) => maintenance.getWorkOrder(ctx(req), req.params.id));
  app.post<{ Params: Params }>('/api/equipment/work-orders/:id/actions', (req) => maintenance.act(ctx(req), req.params.id, req.body));
  app.get<{ Params: Params }>('/api/equipment/assets/:id/work-orders', (req) => maintenance.assetWorkOrders(ctx(req), req.params.id, req.query));
  app.post<{ Params: Params }>('/api/equipment/assets/:id/work-orders', async (req, reply) =>
    reply.code(201).send(await maintenance.reportBreakdown(ctx(req), req.params.id, req.body)));
  app.post<{ Params: Params }>('/api/equipment/schedules/:id/work-orders', async (req, reply) =>
    reply.code(201).send(await maintenance.createPreventive(ctx(req), req.params.id, req.body)));

  app.get('/api/equipment/kpi', (req) => kpi.kpi(ctx(req), req.query));

  // Files: one per multipart request, in a context of their own (the size limits are the service's).
  app.register(async (child) => {
    await child.register(multipart, { limits: { files: 1, fileSize: (FILE_MAX_MB + 1) * 1024 * 1024, fields: 5, parts: 6 } });
    child.post<{ Params: Params }>('/api/equipment/inspections/:id/file', async (req, reply) =>
      reply.code(201).send(await inspections.attachCertificate(ctx(req), req.params.id, await oneFile(req))));
    child.post<{ Params: Params }>('/api/equipment/work-orders/:id/photos', async (req, reply) =>
      reply.code(201).send(await maintenance.addPhoto(ctx(req), req.params.id, await oneFile(req))));
  });
}
