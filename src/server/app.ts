// Assembles the HTTP server: plugins, authentication, error mapping, routes, the web app.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DatabaseKind } from '../db/connection.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { analyticsRoutes } from '../modules/analytics/analytics.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { dashboardRoutes } from '../modules/dashboards/dashboards.routes.js';
import { dataValueRoutes } from '../modules/datavalues/datavalues.routes.js';
import { dhis2Routes } from '../modules/dhis2/dhis2.routes.js';
import { geoRoutes } from '../modules/geo/geo.routes.js';
import { importRoutes } from '../modules/imports/imports.routes.js';
import { metadataRoutes } from '../modules/metadata/metadata.routes.js';
import { planRoutes } from '../modules/plans/plans.routes.js';
import { reportRoutes } from '../modules/reports/reports.routes.js';
import { ensureDefaultTemplates } from '../modules/reports/templates.service.js';
import { workflowRoutes } from '../modules/workflow/workflow.routes.js';
import { orgUnitRoutes } from '../modules/orgunits/orgunits.routes.js';
import { userRoutes } from '../modules/users/users.routes.js';
import { authenticate, ctxOf } from './auth.js';
import type { AppDeps } from './deps.js';
import { sendError } from './errors.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function buildApp(opts: { db: Kysely<DB>; dbKind: DatabaseKind; config: Config; webDist?: string }): Promise<FastifyInstance> {
  const { db, config } = opts;
  await ensureDefaultTemplates(db);
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: true,
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
    },
  });
  await app.register(rateLimit, { global: false });

  app.setErrorHandler((err, req, reply) => sendError(reply, req, err));
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/') && req.url !== '/api/health') await authenticate(req, db, config);
  });

  const deps: AppDeps = { db, dbKind: opts.dbKind, config, ctx: (req) => ctxOf(req, db) };
  app.get('/api/health', async () => {
    await db.selectFrom('app_setting').select('key').limit(1).execute();
    return { status: 'ok', database: opts.dbKind };
  });
  userRoutes(app, deps);
  orgUnitRoutes(app, deps);
  auditRoutes(app, deps);
  dhis2Routes(app, deps);
  metadataRoutes(app, deps);
  dataValueRoutes(app, deps);
  workflowRoutes(app, deps);
  planRoutes(app, deps);
  importRoutes(app, deps);
  analyticsRoutes(app, deps);
  dashboardRoutes(app, deps);
  geoRoutes(app, deps);
  reportRoutes(app, deps);

  const webDist = opts.webDist ?? WEB_DIST;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return sendError(reply, req, new AppError('NOT_FOUND', 'notFound.route', undefined, { id: req.url.split('?')[0] }));
    }
    return reply.sendFile('index.html'); // client-side routes of the single-page app
  });
  return app;
}
