// The notifications module: the notification centre shared by all of soyte (a bell with the
// caller's notices, email delivery when SMTP is configured) and the daily jobs that compute
// reminders. Other modules call `notify` and `registerDailyJob` (notifications.service.ts).
import { defineModule } from '../../core/modules.js';
import * as m0007 from './migrations/20261206_0007_notifications.js';
import { cleanupJob } from './cleanup.service.js';
import { startMailer } from './mail.service.js';
import { messages } from './notifications.messages.js';
import { notificationRoutes } from './notifications.routes.js';
import { registerDailyJob, startDailyJobs } from './scheduler.service.js';

registerDailyJob('notifications.cleanup', cleanupJob);

export const notificationsModule = defineModule({
  name: 'notifications',
  messages,
  migrations: {
    '20261206_0007_notifications': m0007,
  },
  routes: notificationRoutes,
  // `soyte start` only: the daily jobs and the mail sender run in the background of the server.
  async serve(ctx) {
    const warn = (line: string) => console.error(`soyte: ${line}`);
    startDailyJobs(ctx, warn);
    startMailer(ctx, warn);
    if (!ctx.config.smtp) return [];
    const { hostname, port } = new URL(ctx.config.smtp.url);
    return [`Notifications are also sent by email through ${hostname}${port ? `:${port}` : ''}.`];
  },
});
