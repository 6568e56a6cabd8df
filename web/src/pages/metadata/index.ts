// The metadata page area (its descriptor for web/src/modules.ts). Everyone may look; changes need
// metadata:write, checked by the page and the server.
import type { WebModule } from '../../webModule';

export const metadataModule: WebModule = {
  key: 'metadata',
  path: '/metadata',
  label: { vi: 'Danh mục', en: 'Metadata' },
  permission: null,
  page: () => import('./MetadataPage').then((m) => m.MetadataPage),
  locales: import.meta.glob('../../locales/metadata.*.json', { import: 'default' }),
};
