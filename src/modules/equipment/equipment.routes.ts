import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import { contentDisposition } from '../../lib/files.js';
import * as assets from './assets.service.js';
import { FILE_MAX_MB } from './assets.service.js';
import * as missing from './missing.service.js';

type Params = { id: string; file: string; kind: string; code: string; tag: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function equipmentRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.get('/api/equipment/categories', (req) => assets.listCategories(ctx(req)));
  app.get('/api/equipment/assets', (req) => assets.listAssets(ctx(req), req.query));
  app.post('/api/equipment/assets', async (req, reply) => reply.code(201).send(await assets.createAsset(ctx(req), req.body)));
  app.get<{ Params: Params }>('/api/equipment/tags/:tag', (req) => assets.getAssetByTag(ctx(req), req.params.tag));
  app.get<{ Params: Params }>('/api/equipment/assets/:id', (req) => assets.getAsset(ctx(req), req.params.id));
  app.patch<{ Params: Params }>('/api/equipment/assets/:id', (req) => assets.updateAsset(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>('/api/equipment/assets/:id/status', (req) => assets.setStatus(ctx(req), req.params.id, req.body));
  app.get<{ Params: Params }>('/api/equipment/assets/:id/value', (req) => assets.assetValue(ctx(req), req.params.id, req.query));

  // Files: one per multipart request, in a context of their own (the size limits are the service's).
  app.register(async (child) => {
    await child.register(multipart, { limits: { files: 1, fileSize: (FILE_MAX_MB + 1) * 1024 * 1024, fields: 5, parts: 6 } });
    child.post<{ Params: Params }>('/api/equipment/assets/:id/files', async (req, reply) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      const r = await assets.uploadFile(ctx(req), req.params.id, req.query, file && { fileName: file.filename, mime: file.mimetype, stream: file.file });
      return reply.code(201).send(r);
    });
  });
  app.get<{ Params: Params }>('/api/equipment/assets/:id/files/:file', async (req, reply) => {
    const f = await assets.downloadFile(ctx(req), req.params.id, req.params.file);
    reply.header('content-type', f.mime).header('content-disposition', f.disposition);
    return reply.send(f.content);
  });

  app.get('/api/equipment/missing', (req) => missing.missingList(ctx(req), req.query));
  app.get('/api/equipment/missing.xlsx', async (req, reply) => {
    const f = await missing.procurementWorkbook(ctx(req), req.query);
    reply.header('content-type', XLSX).header('content-disposition', contentDisposition(f.fileName));
    return reply.send(f.content);
  });
  app.get<{ Params: Params }>('/api/equipment/standards/:kind', (req) => missing.getStandard(ctx(req), req.params.kind));
  app.put('/api/equipment/standards', (req) => missing.putStandardItem(ctx(req), req.body));
  app.delete<{ Params: Params }>('/api/equipment/standards/:kind/:code', (req) => missing.deleteStandardItem(ctx(req), req.params.kind, req.params.code));
}
