// The facilities and investment page area (issue 15, point 8): "Cơ sở vật chất" at /facilities — the
// premises of the units in scope (/facilities, one unit at /facilities/unit/:id), the investment
// programmes (/facilities/programmes, one programme's progress at /facilities/programmes/:id) and one
// project (/facilities/projects/:id).
import type { WebModule } from '../../webModule';

export const facilitiesModule: WebModule = {
  key: 'facilities',
  path: '/facilities',
  label: { vi: 'Cơ sở vật chất', en: 'Facilities' },
  permission: 'facility:read',
  page: () => import('./FacilitiesPage').then((m) => m.FacilitiesPage),
  locales: import.meta.glob('../../locales/facilities.*.json', { import: 'default' }),
};
