// The dashboards module: dashboards.
import { defineModule } from '../../core/modules.js';
import { messages } from './dashboards.messages.js';
import { dashboardRoutes } from './dashboards.routes.js';
import * as m0004 from './migrations/20261122_0004_dashboards.js';

export const dashboardsModule = defineModule({
  name: 'dashboards',
  messages,
  migrations: {
    '20261122_0004_dashboards': m0004,
  },
  routes: dashboardRoutes,
});
