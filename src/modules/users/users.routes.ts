// HTTP of users, sessions, tokens and roles. Thin: parse, call the service, shape the reply.
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/modules.js';
import { SESSION_COOKIE, setSessionCookie } from '../../server/auth.js';
import { login, logout } from './auth.service.js';
import type { LoginResult } from './users.contract.js';
import * as svc from './users.service.js';

type P = { Params: { id: string } };

export function userRoutes(app: FastifyInstance, { ctx, anonymous, authAttempt, config }: RouteDeps) {
  app.post(
    '/api/auth/login',
    { config: { rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } } },
    async (req, reply): Promise<LoginResult> => {
      const c = anonymous(req);
      const r = await authAttempt(req, () => login(c, req.body));
      setSessionCookie(req, reply, r.token, config);
      return { user: await svc.me(c.as(r.actor)), csrfToken: r.csrfToken };
    },
  );
  app.post('/api/auth/logout', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(anonymous(req), token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
  app.get('/api/me', async (req) => ({ ...(await svc.me(ctx(req))), csrfToken: req.csrfToken ?? null }));
  app.post('/api/me/password', (req) => authAttempt(req, () => svc.changeOwnPassword(ctx(req), req.body, req.cookies[SESSION_COOKIE])));
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
