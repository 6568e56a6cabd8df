import type { FastifyInstance } from 'fastify';
import { setSessionCookie, SESSION_COOKIE } from '../../server/auth.js';
import type { AppDeps } from '../../server/deps.js';
import { login, logout } from './auth.service.js';
import * as svc from './users.service.js';

type P = { Params: { id: string } };

export function userRoutes(app: FastifyInstance, deps: AppDeps) {
  const { ctx, db, config } = deps;
  app.post(
    '/api/auth/login',
    { config: { rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const r = await login(db, config, (req.body ?? {}) as Record<string, unknown>);
      setSessionCookie(reply, r.token, config.sessionHours, config.secureCookies);
      return { user: await svc.me({ db, actor: r.actor }), csrfToken: r.csrfToken };
    },
  );
  app.post('/api/auth/logout', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
  app.get('/api/me', async (req) => ({ ...(await svc.me(ctx(req))), csrfToken: req.csrfToken ?? null }));
  app.get('/api/me/tokens', (req) => svc.listTokens(ctx(req)));
  app.post('/api/me/tokens', async (req, reply) => reply.status(201).send(await svc.createToken(ctx(req), req.body)));
  app.delete<P>('/api/me/tokens/:id', async (req, reply) => {
    await svc.revokeToken(ctx(req), req.params.id);
    return reply.status(204).send();
  });
  app.get('/api/roles', (req) => svc.listRoles(ctx(req)));
  app.get('/api/users', (req) => svc.listUsers(ctx(req), req.query));
  app.get<P>('/api/users/:id', (req) => svc.getUser(ctx(req), req.params.id));
  app.post('/api/users', async (req, reply) => reply.status(201).send(await svc.createUser(ctx(req), req.body)));
  app.patch<P>('/api/users/:id', (req) => svc.updateUser(ctx(req), req.params.id, req.body));
}
