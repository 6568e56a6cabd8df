// Server messages of the geo module (vi, en), registered through the module descriptor (index.ts).
export const messages: Record<string, { vi: string; en: string }> = {
  'geo.parentRequired': {
    vi: 'Hãy chọn đơn vị cấp trên (tham số parent).',
    en: 'Choose the parent unit (parameter parent).',
  },
  'geo.levelAboveParent': {
    vi: 'Cấp đơn vị cần vẽ ({level}) không được cao hơn cấp của đơn vị cấp trên ({parentLevel}).',
    en: 'The level to draw ({level}) cannot be above the parent unit’s level ({parentLevel}).',
  },
};
