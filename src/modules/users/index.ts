// The users module: users, roles, sessions, API tokens and authentication.
import { defineModule } from '../../core/modules.js';
import { registerUsersCli, serveAdmin } from './users.cli.js';
import { messages } from './users.messages.js';
import { userRoutes } from './users.routes.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'user:read': true;
    'user:write': true;
  }
}

export const usersModule = defineModule({
  name: 'users',
  messages,
  permissions: {
    'user:read': ['system_admin', 'unit_admin'],
    'user:write': ['system_admin', 'unit_admin'],
  },
  routes: userRoutes,
  cli: registerUsersCli,
  serve: serveAdmin,
});
