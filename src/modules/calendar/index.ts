// The calendar module: the working-day calendar (Vietnamese public holidays, compensatory days).
import { defineModule } from '../../core/modules.js';

export const calendarModule = defineModule({
  name: 'calendar',
});
