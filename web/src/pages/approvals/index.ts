// The approvals page area (its descriptor for web/src/modules.ts). It shows data-entry forms, so it
// needs the entry strings too.
import type { WebModule } from '../../webModule';

export const approvalsModule: WebModule = {
  key: 'approvals',
  path: '/approvals',
  label: { vi: 'Duyệt báo cáo', en: 'Approvals' },
  permission: 'data:read',
  page: () => import('./ApprovalsPage').then((m) => m.ApprovalsPage),
  locales: import.meta.glob('../../locales/{approvals,entry}.*.json', { import: 'default' }),
};
