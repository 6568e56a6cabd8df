// Equipment (issue 15): the register of each unit's equipment with its history, files and value
// (wear by the dated rules), inspection and calibration schedules with the lock of a failed
// inspection, maintenance work orders, stocktaking, liquidation and transfer, the missing list
// against the standard lists, Excel import and QR labels, and the figures dashboards read.
import { defineModule } from '../../core/modules.js';
import { ensureDefaultCatalogue } from './assets.service.js';
import { messages as careMessages } from './care.messages.js';
import { careRoutes } from './care.routes.js';
import { messages } from './equipment.messages.js';
import { equipmentRoutes } from './equipment.routes.js';
import { messages as importMessages } from './import.messages.js';
import { importRoutes } from './import.routes.js';
import * as m0008 from './migrations/20261206_0008_equipment.js';
import * as m0009 from './migrations/20261206_0009_equipment_care.js';
import * as m0010 from './migrations/20261206_0010_equipment_stock.js';
import { messages as stockMessages } from './stock.messages.js';
import { stockRoutes } from './stock.routes.js';

declare module '../../core/context.js' {
  interface PermissionRegistry {
    'equipment:read': true;
    'equipment:report': true;
    'equipment:manage': true;
    'equipment:decide': true;
    'equipment:standard': true;
  }
}

export const equipmentModule = defineModule({
  name: 'equipment',
  permissions: {
    'equipment:read': ['system_admin', 'unit_admin', 'data_entry', 'approver', 'viewer'],
    // A station's nurse reports breakdowns, adds photos and confirms the stocktaking of her unit.
    'equipment:report': ['system_admin', 'unit_admin', 'data_entry', 'approver'],
    // The centre's managers keep the register of their units.
    'equipment:manage': ['system_admin', 'unit_admin'],
    // Liquidation and transfer decisions, by the unit or the higher body by value (configuration).
    'equipment:decide': ['system_admin', 'unit_admin', 'approver'],
    // The standard lists, province-wide: users whose scope holds the Department.
    'equipment:standard': ['system_admin', 'unit_admin'],
  },
  messages: { ...messages, ...importMessages, ...stockMessages, ...careMessages },
  migrations: {
    '20261206_0008_equipment': m0008,
    '20261206_0009_equipment_care': m0009,
    '20261206_0010_equipment_stock': m0010,
  },
  routes(app, deps) {
    equipmentRoutes(app, deps);
    importRoutes(app, deps);
    stockRoutes(app, deps);
    careRoutes(app, deps);
  },
  async start(ctx) {
    await ensureDefaultCatalogue(ctx);
  },
});
