// The import/export page area (its descriptor for web/src/modules.ts).
import type { WebModule } from '../../webModule';

export const importsModule: WebModule = {
  key: 'imports',
  path: '/imports',
  label: { vi: 'Nhập/xuất dữ liệu', en: 'Import/export' },
  permission: 'data:write',
  page: () => import('./ImportsPage').then((m) => m.ImportsPage),
  locales: import.meta.glob('../../locales/imports.*.json', { import: 'default' }),
};
