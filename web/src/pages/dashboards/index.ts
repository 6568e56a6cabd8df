// The dashboards page area (its descriptor for web/src/modules.ts): /dashboards/<id> opens one. Map
// items use the geo strings.
import { createElement } from 'react';
import type { PageProps, WebModule } from '../../webModule';

export const dashboardsModule: WebModule = {
  key: 'dashboards',
  path: '/dashboards',
  label: { vi: 'Bảng điều khiển', en: 'Dashboards' },
  permission: 'data:read',
  page: () => import('./DashboardsPage').then((m) => ({ param }: PageProps) => createElement(m.DashboardsPage, { id: param })),
  locales: import.meta.glob('../../locales/{dashboards,geo}.*.json', { import: 'default' }),
};
