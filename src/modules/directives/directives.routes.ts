import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import * as files from './attachments.service.js';
import { ATTACHMENT_MAX_MB } from './attachments.service.js';
import * as docs from './documents.service.js';
import * as feed from './ical.service.js';
import * as summary from './summary.service.js';
import * as tasks from './tasks.service.js';

type Params = { id: string; ext: string; token: string };

export function directiveRoutes(app: FastifyInstance, { ctx, anonymous }: RouteDeps) {
  app.post('/api/directives/parse', (req) => docs.parseText(ctx(req), req.body));
  app.get('/api/directives/issuers', (req) => docs.listIssuers(ctx(req)));
  app.get('/api/directives', (req) => docs.listDocuments(ctx(req), req.query));
  app.post('/api/directives', (req) => docs.createDocument(ctx(req), req.body));
  app.get<{ Params: Params }>('/api/directives/:id', (req) => docs.getDocument(ctx(req), req.params.id));
  app.patch<{ Params: Params }>('/api/directives/:id', (req) => docs.updateDocument(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>('/api/directives/:id/tasks', (req) => docs.addTask(ctx(req), req.params.id, req.body));

  // Files: one per multipart request, in a context of their own (the size limit is the service's).
  app.register(async (child) => {
    await child.register(multipart, { limits: { files: 1, fileSize: (ATTACHMENT_MAX_MB + 1) * 1024 * 1024, fields: 5, parts: 6 } });
    child.post('/api/directives/attachments', async (req) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      return files.upload(ctx(req), req.query, file && { fileName: file.filename, mime: file.mimetype, stream: file.file });
    });
  });
  app.get<{ Params: Params }>('/api/directives/attachments/:id', async (req, reply) => {
    const f = await files.download(ctx(req), req.params.id);
    reply.header('content-type', f.mime).header('content-disposition', f.disposition);
    return reply.send(f.content);
  });

  app.get('/api/tasks', (req) => tasks.listTasks(ctx(req), req.query));
  app.get('/api/tasks/summary', (req) => summary.getSummary(ctx(req), req.query));
  app.get('/api/tasks/summary.xlsx', async (req, reply) => {
    const f = await summary.summaryWorkbook(ctx(req), req.query);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', f.disposition);
    return reply.send(f.content);
  });
  app.get('/api/tasks/calendar', (req) => tasks.calendar(ctx(req), req.query));
  app.get('/api/tasks/feed', (req) => feed.feedLink(ctx(req), false));
  app.post('/api/tasks/feed', (req) => feed.feedLink(ctx(req), true));
  app.get<{ Params: Params }>('/api/tasks/:id', (req) => tasks.getTask(ctx(req), req.params.id));
  app.patch<{ Params: Params }>('/api/tasks/:id', (req) => tasks.updateTask(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>('/api/tasks/:id/actions', (req) => tasks.act(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>('/api/tasks/:id/extensions', (req) => tasks.requestExtension(ctx(req), req.params.id, req.body));
  app.post<{ Params: Params }>('/api/tasks/:id/extensions/:ext', (req) => tasks.decideExtension(ctx(req), req.params.id, req.params.ext, req.body));

  // The iCalendar feed: read by phone calendars, which carry no session; the token in the URL is the key.
  app.get<{ Params: Params }>('/ical/:token', async (req, reply) => {
    const body = await feed.calendarFeed(anonymous(req), req.params.token);
    reply.header('content-type', 'text/calendar; charset=utf-8');
    return reply.send(body);
  });
}
