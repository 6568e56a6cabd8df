// Server messages of the metadata module (vi, en), merged into lib/i18n.ts.
export const messages: Record<string, { vi: string; en: string }> = {};
