// The narrative reports page area (its descriptor for web/src/modules.ts): the list, one report, the
// templates and the batch page, told apart by ReportsPage from the path.
import type { WebModule } from '../../webModule';

export const reportsModule: WebModule = {
  key: 'reports',
  path: '/reports',
  label: { vi: 'Báo cáo', en: 'Reports' },
  permission: 'data:read',
  page: () => import('./ReportsPage').then((m) => m.ReportsPage),
  locales: import.meta.glob('../../locales/reports.*.json', { import: 'default' }),
};
