// The reports module: narrative reports in the Nghị định 30 format: templates, drafts, finalising, batches.
import { defineModule } from '../../core/modules.js';
import { registerReportsCli } from './reports.cli.js';
import { ensureDefaultTemplates } from './templates.service.js';
import { messages } from './reports.messages.js';
import { reportRoutes } from './reports.routes.js';
import * as m0005 from './migrations/20261122_0005_reports.js';

export const reportsModule = defineModule({
  name: 'reports',
  messages,
  migrations: {
    '20261122_0005_reports': m0005,
  },
  routes: reportRoutes,
  cli: registerReportsCli,
  start: ensureDefaultTemplates,
});
