// Facilities and investment (issue 15, point 8): the premises of stations and centres (land-use right,
// areas, year built, condition, renovation, photos, history) and the investment programmes with their
// projects (new builds, renovations, equipment packages), stages, capital, monthly disbursement,
// issues and the progress view; plus the register figures for analytics (figures.ts).
import { defineModule } from '../../core/modules.js';
import { facilityRoutes } from './facilities.routes.js';
import { messages } from './facilities.messages.js';
import { registerFacilityFigures } from './figures.js';
import * as m0011 from './migrations/20261206_0011_facilities.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'facility:read': true;
    'facility:write': true;
    'project:write': true;
  }
}

registerFacilityFigures();

export const facilitiesModule = defineModule({
  name: 'facilities',
  permissions: {
    'facility:read': ['system_admin', 'unit_admin', 'data_entry', 'approver', 'viewer'],
    'facility:write': ['system_admin', 'unit_admin'],
    'project:write': ['system_admin', 'unit_admin', 'data_entry'],
  },
  messages,
  migrations: { '20261206_0011_facilities': m0011 },
  routes: facilityRoutes,
});
