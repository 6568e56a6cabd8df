import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import * as completeness from './completeness.service.js';
import * as todo from './todo.service.js';
import * as svc from './workflow.service.js';

export function workflowRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  app.post('/api/forms/complete', (req) => svc.complete(ctx(req), req.body));
  app.post('/api/forms/uncomplete', (req) => svc.uncomplete(ctx(req), req.body));
  app.post('/api/forms/approve', (req) => svc.approve(ctx(req), req.body));
  app.post('/api/forms/return', (req) => svc.returnForm(ctx(req), req.body));
  app.post('/api/forms/reopen', (req) => svc.reopen(ctx(req), req.body));
  app.get('/api/forms/status', (req) => svc.formStatuses(ctx(req), req.query));
  app.get('/api/forms/events', (req) => svc.events(ctx(req), req.query));
  app.get('/api/forms/todo', (req) => todo.todo(ctx(req), req.query));
  app.get('/api/completeness', async (req, reply) => {
    const { format, report } = await completeness.completenessReport(ctx(req), req.query);
    if (format === 'json') return report;
    const ext = format;
    const body = format === 'csv' ? completeness.toCsv(report) : await completeness.toXlsx(report);
    reply.header(
      'content-type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    reply.header('content-disposition', `attachment; filename="${completeness.fileName(report, ext)}"`);
    return reply.send(body);
  });
}
