// The plans module: annual plans (targets) and % of plan.
import { defineModule } from '../../core/modules.js';
import { messages } from './plans.messages.js';
import { planRoutes } from './plans.routes.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'plan:write': true;
  }
}

export const plansModule = defineModule({
  name: 'plans',
  permissions: {
    'plan:write': ['system_admin', 'unit_admin'],
  },
  messages,
  routes: planRoutes,
});
