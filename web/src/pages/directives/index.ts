// The directives and tasks page areas (issue 13), their descriptors for web/src/modules.ts:
// "Nhiệm vụ" (/tasks: my tasks, one task, the follow-up summary at /tasks/summary) and "Văn bản chỉ
// đạo" (/directives: the documents, one document, a notice read into tasks at /directives/new). Both
// share this folder's code and the directives locale files.
import type { WebModule } from '../../webModule';

const locales = import.meta.glob('../../locales/directives.*.json', { import: 'default' });

export const tasksModule: WebModule = {
  key: 'tasks',
  path: '/tasks',
  label: { vi: 'Nhiệm vụ', en: 'Tasks' },
  permission: 'task:read',
  page: () => import('./TasksPage').then((m) => m.TasksPage),
  locales,
};

export const directivesModule: WebModule = {
  key: 'directives',
  path: '/directives',
  label: { vi: 'Văn bản chỉ đạo', en: 'Directives' },
  permission: 'task:read',
  page: () => import('./DirectivesPage').then((m) => m.DirectivesPage),
  locales,
};
