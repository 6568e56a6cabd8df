// The equipment page area (issue 15), its descriptor for web/src/modules.ts: "Thiết bị" (/equipment:
// the register of a unit, one asset, a scanned label's address /equipment/tag/<TAG>, the Excel import,
// the missing list and the standard lists).
import type { WebModule } from '../../webModule';

export const equipmentModule: WebModule = {
  key: 'equipment',
  path: '/equipment',
  label: { vi: 'Thiết bị', en: 'Equipment' },
  permission: 'equipment:read',
  page: () => import('./EquipmentPage').then((m) => m.EquipmentPage),
  locales: import.meta.glob('../../locales/equipment.*.json', { import: 'default' }),
};
