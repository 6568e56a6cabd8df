// The workflow module: the form workflow (complete, approve, return, reopen), completeness, and the
// notices of returned forms and of deadlines that are near.
import { defineModule } from '../../core/modules.js';
import { registerDailyJob } from '../notifications/notifications.service.js';
import { formDueSoonJob } from './reminders.service.js';
import { messages } from './workflow.messages.js';
import { workflowRoutes } from './workflow.routes.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'data:approve': true;
  }
}

// Reminders of forms whose deadline is near (issue 13 §5), once a day.
registerDailyJob('form.dueSoon', formDueSoonJob);

export const workflowModule = defineModule({
  name: 'workflow',
  permissions: {
    'data:approve': ['system_admin', 'approver'],
  },
  messages,
  routes: workflowRoutes,
});
