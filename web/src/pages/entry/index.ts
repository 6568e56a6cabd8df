// The data-entry page area (its descriptor for web/src/modules.ts). The workflow buttons of a form
// use the approvals strings.
import type { WebModule } from '../../webModule';

export const entryModule: WebModule = {
  key: 'entry',
  path: '/entry',
  label: { vi: 'Nhập liệu', en: 'Data entry' },
  permission: 'data:read',
  page: () => import('./DataEntryPage').then((m) => m.DataEntryPage),
  locales: import.meta.glob('../../locales/{entry,approvals}.*.json', { import: 'default' }),
};
