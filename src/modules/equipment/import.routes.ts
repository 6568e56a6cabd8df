// HTTP of the register import and the QR labels. The upload (one .xlsx, multipart field "file") lives
// in its own encapsulated context with its size limit; the service checks the workbook.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { RouteDeps } from '../../core/modules.js';
import { IMPORT_MAX_MB } from './import.contract.js';
import * as imports from './import.service.js';
import { labelsPage } from './labels.service.js';

type Params = { token: string };

/** The address the app is reached at: the configured public address, else the request's own. */
function originOf(req: FastifyRequest, configured: string | undefined): string {
  return configured ?? `${req.protocol}://${req.host}`;
}

export function importRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.register(async (child) => {
    await child.register(multipart, { limits: { files: 1, fileSize: IMPORT_MAX_MB * 1024 * 1024, fields: 5, parts: 6 } });
    child.post('/api/equipment/import/preview', async (req) => {
      const c = ctx(req);
      const file = req.isMultipart() ? await req.file() : undefined;
      let content: Buffer | undefined;
      if (file) {
        content = await file.toBuffer().catch((e: { statusCode?: number }) => {
          if (e.statusCode === 413) throw new AppError('PAYLOAD_TOO_LARGE', 'equipment.import.fileTooLarge', { maxMb: IMPORT_MAX_MB }, { max: IMPORT_MAX_MB });
          throw new AppError('VALIDATION_FAILED', 'equipment.import.unreadable', { reason: 'MALFORMED_MULTIPART' });
        });
      }
      return imports.previewImport(c, req.query, file && content ? { fileName: file.filename, content } : undefined);
    });
  });
  app.post('/api/equipment/import/confirm', (req) => imports.confirmImport(ctx(req), req.body));
  app.get<{ Params: Params }>('/api/equipment/import/:token', (req) => imports.importProgress(ctx(req), req.params.token));

  app.get('/api/equipment/labels', async (req, reply) => {
    const c = ctx(req);
    const html = await labelsPage(c, req.query, originOf(req, c.config.publicUrl));
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
}
