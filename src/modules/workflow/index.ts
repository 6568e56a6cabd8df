// The workflow module: the form workflow (complete, approve, return, reopen) and completeness.
import { defineModule } from '../../core/modules.js';
import { messages } from './workflow.messages.js';
import { workflowRoutes } from './workflow.routes.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'data:approve': true;
  }
}

export const workflowModule = defineModule({
  name: 'workflow',
  permissions: {
    'data:approve': ['system_admin', 'approver'],
  },
  messages,
  routes: workflowRoutes,
});
