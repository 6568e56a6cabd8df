// The metadata module: reporting metadata: categories, data elements, data sets, indicators, validation rules, the calendar, packages.
import { defineModule } from '../../core/modules.js';
import { messages } from './metadata.messages.js';
import { metadataRoutes } from './metadata.routes.js';
import * as m0002 from './migrations/20261122_0002_reporting.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'metadata:write': true;
  }
}

export const metadataModule = defineModule({
  name: 'metadata',
  permissions: {
    'metadata:write': ['system_admin'],
  },
  messages,
  migrations: {
    '20261122_0002_reporting': m0002,
  },
  routes: metadataRoutes,
});
