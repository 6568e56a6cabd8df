// The dhis2 module: the DHIS2-compatible metadata API (organisationUnits, dataElements …, system/info).
import { defineModule } from '../../core/modules.js';
import { messages } from './dhis2.messages.js';
import { dhis2Routes } from './dhis2.routes.js';

export const dhis2Module = defineModule({
  name: 'dhis2',
  messages,
  routes: dhis2Routes,
});
