// The modules of soyte, in the order their routes and start-up work are registered. A new module is
// its folder (with its descriptor, index.ts) plus one line here and one in web/src/modules.ts.
import type { ModuleDescriptor } from '../core/modules.js';
import { analyticsModule } from './analytics/index.js';
import { auditModule } from './audit/index.js';
import { calendarModule } from './calendar/index.js';
import { dashboardsModule } from './dashboards/index.js';
import { datavaluesModule } from './datavalues/index.js';
import { demoModule } from './demo/index.js';
import { dhis2Module } from './dhis2/index.js';
import { directivesModule } from './directives/index.js';
import { equipmentModule } from './equipment/index.js';
import { facilitiesModule } from './facilities/index.js';
import { geoModule } from './geo/index.js';
import { importsModule } from './imports/index.js';
import { metadataModule } from './metadata/index.js';
import { notificationsModule } from './notifications/index.js';
import { orgunitsModule } from './orgunits/index.js';
import { plansModule } from './plans/index.js';
import { reportsModule } from './reports/index.js';
import { usersModule } from './users/index.js';
import { workflowModule } from './workflow/index.js';

export const modules: readonly ModuleDescriptor[] = [
  usersModule,
  orgunitsModule,
  auditModule,
  notificationsModule,
  calendarModule,
  metadataModule,
  datavaluesModule,
  workflowModule,
  plansModule,
  importsModule,
  analyticsModule,
  dashboardsModule,
  geoModule,
  reportsModule,
  dhis2Module,
  directivesModule,
  facilitiesModule,
  equipmentModule,
  demoModule,
];
