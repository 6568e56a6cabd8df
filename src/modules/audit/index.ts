// The audit module: the audit trail.
import { defineModule } from '../../core/modules.js';
import { auditRoutes } from './audit.routes.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'audit:read': true;
  }
}

export const auditModule = defineModule({
  name: 'audit',
  permissions: {
    'audit:read': ['system_admin', 'unit_admin'],
  },
  routes: auditRoutes,
});
