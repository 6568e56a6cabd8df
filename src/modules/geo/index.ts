// The geo module: boundaries of the units for maps.
import { defineModule } from '../../core/modules.js';
import { messages } from './geo.messages.js';
import { geoRoutes } from './geo.routes.js';

export const geoModule = defineModule({
  name: 'geo',
  messages,
  routes: geoRoutes,
});
