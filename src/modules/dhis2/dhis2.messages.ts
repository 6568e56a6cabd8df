// Server messages of the dhis2 module (vi, en), registered through the module descriptor (index.ts).
import type { Messages } from '../../core/i18n.js';

export const messages: Messages = {
  'dhis2.filter': { vi: 'Bộ lọc không được hỗ trợ: {filter}.', en: 'Unsupported filter: {filter}.' },
};
