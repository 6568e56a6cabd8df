import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import * as photos from './photos.service.js';
import { PHOTO_MAX_MB } from './photos.service.js';
import * as premises from './premises.service.js';
import * as projects from './projects.service.js';

type Params = { unit: string; id: string; stage: string; month: string; issue: string };

export function facilityRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.get('/api/facilities/premises', (req) => premises.listPremises(ctx(req), req.query));
  app.get<{ Params: Params }>('/api/facilities/premises/:unit', (req) => premises.getPremises(ctx(req), req.params.unit));
  app.put<{ Params: Params }>('/api/facilities/premises/:unit', (req) => premises.updatePremises(ctx(req), req.params.unit, req.body));
  app.get<{ Params: Params }>('/api/facilities/premises/:unit/history', (req) => premises.premisesHistory(ctx(req), req.params.unit));

  app.get('/api/facilities/programmes', (req) => projects.listProgrammes(ctx(req), req.query));
  app.post('/api/facilities/programmes', (req) => projects.createProgramme(ctx(req), req.body));
  app.get<{ Params: Params }>('/api/facilities/programmes/:id', (req) => projects.getProgramme(ctx(req), req.params.id));
  app.patch<{ Params: Params }>('/api/facilities/programmes/:id', (req) => projects.updateProgramme(ctx(req), req.params.id, req.body));
  app.get<{ Params: Params }>('/api/facilities/programmes/:id/progress', (req) => projects.programmeProgress(ctx(req), req.params.id, req.query));
  app.get<{ Params: Params }>('/api/facilities/programmes/:id/units', (req) => projects.candidateUnits(ctx(req), req.params.id, req.query));
  app.post<{ Params: Params }>('/api/facilities/programmes/:id/projects', (req) => projects.createProject(ctx(req), req.params.id, req.body));

  app.get('/api/facilities/projects', (req) => projects.listProjects(ctx(req), req.query));
  app.get<{ Params: Params }>('/api/facilities/projects/:id', (req) => projects.getProject(ctx(req), req.params.id));
  app.patch<{ Params: Params }>('/api/facilities/projects/:id', (req) => projects.updateProject(ctx(req), req.params.id, req.body));
  app.put<{ Params: Params }>('/api/facilities/projects/:id/stages/:stage', (req) => projects.setStage(ctx(req), req.params.id, req.params.stage, req.body));
  app.put<{ Params: Params }>('/api/facilities/projects/:id/months/:month', (req) => projects.setMonth(ctx(req), req.params.id, req.params.month, req.body));
  app.post<{ Params: Params }>('/api/facilities/projects/:id/issues', (req) => projects.addIssue(ctx(req), req.params.id, req.body));
  app.patch<{ Params: Params }>('/api/facilities/projects/:id/issues/:issue', (req) => projects.updateIssue(ctx(req), req.params.id, req.params.issue, req.body));

  // Photos: one per multipart request, in a context of their own (the size limit is the service's).
  app.register(async (child) => {
    await child.register(multipart, { limits: { files: 1, fileSize: (PHOTO_MAX_MB + 1) * 1024 * 1024, fields: 5, parts: 6 } });
    child.post('/api/facilities/photos', async (req) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      return photos.upload(ctx(req), req.query, file && { fileName: file.filename, mime: file.mimetype, stream: file.file });
    });
  });
  app.get<{ Params: Params }>('/api/facilities/photos/:id', async (req, reply) => {
    const f = await photos.download(ctx(req), req.params.id);
    reply.header('content-type', f.mime).header('content-disposition', f.disposition).header('x-content-type-options', 'nosniff');
    return reply.send(f.content);
  });
  app.delete<{ Params: Params }>('/api/facilities/photos/:id', (req) => photos.remove(ctx(req), req.params.id));
}
