// Assembles the HTTP server: plugins, authentication, input checks, error mapping, the modules'
// routes (looping over src/modules/index.ts) and the web app.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Config } from '../core/config.js';
import { ANONYMOUS_ACTOR, Ctx, SYSTEM_ACTOR, type Store } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { pickLocale } from '../core/i18n.js';
import { checkInput } from '../core/input.js';
import { installModules, type ModuleDescriptor, type RouteDeps } from '../core/modules.js';
import { modules as allModules } from '../modules/index.js';
import { authenticate, FailureLimiter, limited } from './auth.js';
import { sendError } from './errors.js';
import { healthRepo } from './health.repo.js';
import { WorkerJobs } from './workers.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

declare module 'fastify' {
  interface FastifyRequest {
    ctx?: Ctx;
  }
  interface FastifyInstance {
    /** Every route of the API (method and URL pattern), in the order the modules registered them. */
    apiRoutes: { method: string; url: string }[];
  }
}

export interface AppOptions {
  store: Store;
  config: Config;
  webDist?: string;
  modules?: readonly ModuleDescriptor[];
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { store, config } = opts;
  const modules = opts.modules ?? allModules;
  installModules(modules);
  const system = new Ctx(SYSTEM_ACTOR, store, config);
  for (const m of modules) await m.start?.(system);

  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: config.trustProxy === false ? false : config.trustProxy,
    // A request that lasts longer than this is cut (its client gets nothing), so sockets cannot pile up.
    requestTimeout: 120_000,
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
    },
  });
  await app.register(rateLimit, { global: false });
  // JSON answers and anything else compressible; the web app's files are precompressed at build.
  // Brotli at quality 4 (its default, 11, costs ~100 ms of CPU for a 130 kB form: measured by
  // bench/load) compresses nearly as well as 11 for answers this size, at ~1 ms.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });

  app.setErrorHandler((err, req, reply) => sendError(reply, req, err));
  const apiRoutes: { method: string; url: string }[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/')) return;
    for (const method of [r.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: r.url });
  });

  const limiter = new FailureLimiter(config.loginRatePerMinute, 60_000);
  app.addHook('onRequest', async (req) => {
    const base = new Ctx(ANONYMOUS_ACTOR, store, config, pickLocale(req.headers['accept-language']));
    req.ctx = base;
    if (req.url.startsWith('/api/') && req.url !== '/api/health') {
      const actor = await authenticate(req, base, limiter);
      if (actor) req.ctx = base.as(actor);
    }
  });
  // Every string of the query, the path and a JSON body is checked once, before any route sees it.
  app.addHook('preValidation', async (req) => {
    checkInput(req.params, 'params');
    checkInput(req.query, 'query');
    if (req.body !== undefined && !Buffer.isBuffer(req.body)) checkInput(req.body, 'body');
  });

  const jobs = new WorkerJobs({ maxJobs: config.jobs.max, queueMs: 30_000, heapMb: config.jobs.heapMb });
  app.addHook('onClose', () => jobs.close());
  const deps: RouteDeps = {
    config,
    ctx(req: FastifyRequest) {
      const ctx = req.ctx;
      if (!ctx || ctx.actor === ANONYMOUS_ACTOR) throw new AppError('UNAUTHENTICATED');
      return ctx;
    },
    anonymous(req: FastifyRequest) {
      return req.ctx ?? new Ctx(ANONYMOUS_ACTOR, store, config, pickLocale(req.headers['accept-language']));
    },
    authAttempt: (req, attempt) => limited(limiter, req.ip, attempt),
    inWorker: (ctx, job, input) => jobs.run(ctx, job, input),
  };
  app.get('/api/health', async () => {
    await system.use(healthRepo).ping();
    return { status: 'ok', database: store.kind };
  });
  for (const m of modules) m.routes?.(app, deps);

  await serveWeb(app, opts.webDist ?? WEB_DIST);
  return app;
}

/**
 * The single-page app: hashed assets (Vite's /assets/name-hash.js) are cached for a year, anything
 * else (index.html, the service worker) is revalidated on every visit; precompressed .br/.gz files are
 * served when the browser accepts them.
 */
async function serveWeb(app: FastifyInstance, webDist: string) {
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders(reply, file) {
        const immutable = file.startsWith(path.join(webDist, 'assets') + path.sep);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return sendError(reply, req, new AppError('NOT_FOUND', 'notFound.route', undefined, { id: req.url.split('?')[0] }));
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html'); // client-side routes of the single-page app
  });
}
