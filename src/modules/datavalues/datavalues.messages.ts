// Server messages of the datavalues module (vi, en), merged into lib/i18n.ts.
export const messages: Record<string, { vi: string; en: string }> = {};
