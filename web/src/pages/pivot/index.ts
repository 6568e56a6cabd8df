// The pivot table page area (its descriptor for web/src/modules.ts). Its map view uses the geo strings.
import type { WebModule } from '../../webModule';

export const pivotModule: WebModule = {
  key: 'pivot',
  path: '/pivot',
  label: { vi: 'Bảng tổng hợp', en: 'Pivot table' },
  permission: 'data:read',
  page: () => import('./PivotPage').then((m) => m.PivotPage),
  locales: import.meta.glob('../../locales/{pivot,geo}.*.json', { import: 'default' }),
};
