// Server messages of the plans module (vi, en), registered through the module descriptor (index.ts).
export const messages: Record<string, { vi: string; en: string }> = {
  'plan.targetNotFound': { vi: 'Không tìm thấy chỉ tiêu hoặc chỉ số {target}.', en: 'Data element or indicator {target} not found.' },
  'plan.cocNotInCombo': {
    vi: 'Phân tổ không thuộc chỉ tiêu này.',
    en: 'The category option combo does not belong to this data element.',
  },
  'plan.cocForIndicator': { vi: 'Chỉ số không có phân tổ.', en: 'An indicator target has no category option combo.' },
  'plan.ownTarget': {
    vi: 'Bạn không thể sửa kế hoạch của chính đơn vị mình (do cấp trên giao); chỉ sửa được kế hoạch của đơn vị cấp dưới.',
    en: 'You cannot change your own unit’s target (set by the level above); only units below yours.',
  },
  'plan.duplicateTarget': { vi: 'Một chỉ tiêu được nhập hai lần.', en: 'A target is listed twice.' },
  'plan.asOfOutsideYear': { vi: 'Ngày tham chiếu phải thuộc năm kế hoạch.', en: 'The reference date must lie in the plan year.' },
  'plan.noChildren': { vi: 'Đơn vị {unit} không có đơn vị trực thuộc để phân bổ.', en: 'Unit {unit} has no child units to distribute to.' },
  'plan.notChild': { vi: 'Đơn vị không trực thuộc đơn vị đang phân bổ.', en: 'Not a child unit of the distributing unit.' },
  'plan.manualValuesRequired': { vi: 'Hãy nhập kế hoạch cho các đơn vị trực thuộc.', en: 'Enter the children’s targets.' },
  'plan.noParentTarget': {
    vi: 'Đơn vị {unit} chưa có kế hoạch năm cho {target}; hãy nhập kế hoạch trước khi phân bổ.',
    en: 'Unit {unit} has no annual target for {target}; set it before distributing.',
  },
  'plan.indicatorNotDistributable': {
    vi: 'Kế hoạch của chỉ số (tỷ lệ) không cộng dồn được nên chỉ phân bổ thủ công.',
    en: 'Indicator (rate) targets do not add up; distribute them by hand.',
  },
  'plan.noLastYearData': {
    vi: 'Không có số liệu năm {year} của {target} ở các đơn vị trực thuộc để tính tỷ trọng.',
    en: 'No {year} values of {target} in the child units to compute shares from.',
  },
  'plan.populationElementMissing': {
    vi: 'Chưa có chỉ tiêu dân số {code} trong danh mục.',
    en: 'The population data element {code} does not exist.',
  },
  'plan.populationMissing': {
    vi: 'Thiếu số liệu dân số năm {year} của: {units}.',
    en: 'Population figures for {year} are missing for: {units}.',
  },
  'plan.periodNotMonthly': { vi: 'Kỳ báo cáo phải là một tháng (ví dụ 202405).', en: 'The period must be a month (e.g. 202405).' },
  'plan.periodOutsideYear': { vi: 'Tháng báo cáo phải thuộc năm kế hoạch.', en: 'The month must lie in the plan year.' },
};
