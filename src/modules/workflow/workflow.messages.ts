// Server messages of the workflow module (vi, en), merged into lib/i18n.ts.
export const messages: Record<string, { vi: string; en: string }> = {};
