// The notifications page area (its descriptor for web/src/modules.ts): every notice of the caller.
// The bell of the header (components/NotificationBell.tsx) is part of the shell.
import type { WebModule } from '../../webModule';

export const notificationsModule: WebModule = {
  key: 'notifications',
  path: '/notifications',
  label: { vi: 'Thông báo', en: 'Notifications' },
  permission: null,
  page: () => import('./NotificationsPage').then((m) => m.NotificationsPage),
  locales: import.meta.glob('../../locales/notifications.*.json', { import: 'default' }),
};
