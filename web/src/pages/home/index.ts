// The "Việc cần làm" page area (its descriptor for web/src/modules.ts): the landing page of a
// data-entry user — the forms that need them (due, overdue, returned with the reason).
import type { WebModule } from '../../webModule';

export const homeModule: WebModule = {
  key: 'home',
  path: '/home',
  label: { vi: 'Việc cần làm', en: 'To do' },
  permission: 'data:write',
  page: () => import('./HomePage').then((m) => m.HomePage),
  locales: import.meta.glob('../../locales/{home,entry}.*.json', { import: 'default' }),
};
