// The plans page area (its descriptor for web/src/modules.ts).
import type { WebModule } from '../../webModule';

export const plansModule: WebModule = {
  key: 'plans',
  path: '/plans',
  label: { vi: 'Kế hoạch', en: 'Plans' },
  permission: 'data:read',
  page: () => import('./PlansPage').then((m) => m.PlansPage),
  locales: import.meta.glob('../../locales/plans.*.json', { import: 'default' }),
};
