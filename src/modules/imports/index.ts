// The imports module: data value imports and exports (DHIS2 dataValueSets JSON/CSV, Excel templates).
import { defineModule } from '../../core/modules.js';
import { registerImportsCli } from './imports.cli.js';
import { messages } from './imports.messages.js';
import { importRoutes } from './imports.routes.js';

export const importsModule = defineModule({
  name: 'imports',
  messages,
  routes: importRoutes,
  cli: registerImportsCli,
});
