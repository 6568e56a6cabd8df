// The analytics module: analytics on live data: DHIS2 /api/analytics, exports, values with comparisons.
import { defineModule } from '../../core/modules.js';
import { messages } from './analytics.messages.js';
import { analyticsRoutes } from './analytics.routes.js';
import * as m0003 from './migrations/20261122_0003_analytics.js';

export const analyticsModule = defineModule({
  name: 'analytics',
  messages,
  migrations: {
    '20261122_0003_analytics': m0003,
  },
  routes: analyticsRoutes,
});
