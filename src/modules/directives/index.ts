// Directives and tasks (issue 13): documents (conclusion notices, official letters, plans …) read
// into tasks for named units with deadlines and recurrences, followed to completion: the lifecycle,
// extensions, the follow-up summary, the iCalendar feed, and the daily reminders.
import { defineModule } from '../../core/modules.js';
import { registerDailyJob } from '../notifications/notifications.service.js';
import { directiveRoutes } from './directives.routes.js';
import { messages } from './directives.messages.js';
import * as m0006 from './migrations/20261206_0006_directives.js';
import { dailyReminders } from './notices.js';
import { extendSeries } from './tasks.service.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'task:read': true;
    'task:work': true;
    'directive:write': true;
  }
}

export const directivesModule = defineModule({
  name: 'directives',
  permissions: {
    'task:read': ['system_admin', 'unit_admin', 'data_entry', 'approver', 'viewer'],
    'task:work': ['system_admin', 'unit_admin', 'data_entry', 'approver'],
    'directive:write': ['system_admin', 'unit_admin'],
  },
  messages,
  migrations: { '20261206_0006_directives': m0006 },
  routes: directiveRoutes,
  async start() {
    // Occurrences of recurring tasks are made when their period begins; reminders once a day.
    registerDailyJob('task.occurrences', (ctx, day) => extendSeries(ctx, day));
    registerDailyJob('task.reminders', dailyReminders);
  },
});
