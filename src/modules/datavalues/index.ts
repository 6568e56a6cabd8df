// The datavalues module: data entry: forms, values, comments, history, validation.
import { defineModule } from '../../core/modules.js';
import { messages } from './datavalues.messages.js';
import { dataValueRoutes } from './datavalues.routes.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'data:read': true;
    'data:write': true;
  }
}

export const datavaluesModule = defineModule({
  name: 'datavalues',
  permissions: {
    'data:read': ['system_admin', 'unit_admin', 'data_entry', 'approver', 'viewer'],
    'data:write': ['system_admin', 'unit_admin', 'data_entry'],
  },
  messages,
  routes: dataValueRoutes,
});
