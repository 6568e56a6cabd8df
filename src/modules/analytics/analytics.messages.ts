// Server messages of the analytics module (vi, en), registered through the module descriptor (index.ts).
// Period errors (period.*) come from lib/periods.vi.ts.
export const messages: Record<string, { vi: string; en: string }> = {
  'analytics.paramUnsupported': {
    vi: 'Tham số {param} chưa được soyte hỗ trợ trong /api/analytics.',
    en: 'Parameter {param} is not supported by soyte’s /api/analytics.',
  },
  'analytics.repeatedParam': { vi: 'Tham số {param} bị lặp lại.', en: 'Parameter {param} is given more than once.' },
  'analytics.badBoolean': {
    vi: 'Tham số {param} phải là true hoặc false (nhận được "{value}").',
    en: 'Parameter {param} must be true or false, not "{value}".',
  },
  'analytics.idSchemeUnsupported': {
    vi: '{param}={value} chưa được hỗ trợ; dùng UID hoặc CODE (outputIdScheme còn nhận NAME).',
    en: '{param}={value} is not supported; use UID or CODE (outputIdScheme also accepts NAME).',
  },
  'analytics.idSchemeConflict': { vi: 'idScheme và inputIdScheme mâu thuẫn nhau.', en: 'idScheme and inputIdScheme disagree.' },
  'analytics.ambiguousRef': {
    vi: '"{item}" vừa là mã định danh (uid) của một mục vừa là mã (code) của mục khác; hãy thêm idScheme=UID hoặc idScheme=CODE.',
    en: '"{item}" is the uid of one item and the code of another; add idScheme=UID or idScheme=CODE.',
  },
  'analytics.itemNotFound': { vi: 'Không tìm thấy mục "{item}" của chiều {dimension}.', en: 'No {dimension} item "{item}".' },
  'analytics.malformedDimension': {
    vi: '{param}={value} sai cú pháp (ví dụ đúng: dx:A;B).',
    en: '{param}={value} is malformed (expected e.g. dx:A;B).',
  },
  'analytics.dimensionUnsupported': {
    vi: 'Chiều {dimension} chưa được hỗ trợ (chỉ hỗ trợ dx, pe, ou và co).',
    en: 'Dimension {dimension} is not supported (only dx, pe, ou and co).',
  },
  'analytics.dimensionRepeated': { vi: 'Chiều {dimension} được khai báo hai lần.', en: 'Dimension {dimension} is given more than once.' },
  'analytics.dimensionEmpty': { vi: 'Chiều {dimension} cần có các mục ({dimension}:A;B).', en: 'Dimension {dimension} needs items ({dimension}:A;B).' },
  'analytics.dxRequired': { vi: 'Cần chọn dữ liệu (dimension=dx:…).', en: 'A dx dimension or filter is required (dimension=dx:…).' },
  'analytics.peRequired': { vi: 'Cần chọn kỳ báo cáo (dimension=pe:…).', en: 'A pe dimension or filter is required (dimension=pe:…).' },
  'analytics.ouRequired': { vi: 'Cần chọn đơn vị (dimension=ou:…).', en: 'An ou dimension or filter is required (dimension=ou:…).' },
  'analytics.dxItemUnsupported': {
    vi: 'Mục dữ liệu {item} chưa được hỗ trợ (chỉ hỗ trợ chỉ tiêu, chỉ tiêu.phân tổ, chỉ tiêu.* và chỉ số).',
    en: 'Data item {item} is not supported (only data elements, DE.COC, DE.* and indicators).',
  },
  'analytics.operandOfIndicator': { vi: '{item}: chỉ chỉ tiêu dữ liệu mới có phân tổ.', en: '{item}: only a data element can have an option combo.' },
  'analytics.ouItemUnsupported': { vi: 'Mục đơn vị {item} chưa được hỗ trợ.', en: 'Org unit item {item} is not supported.' },
  'analytics.noUserOrgUnit': {
    vi: 'USER_ORGUNIT cần người dùng thuộc một đơn vị; hãy chọn đơn vị cụ thể.',
    en: 'USER_ORGUNIT needs a user attached to an org unit; name the unit instead.',
  },
  'analytics.groupWithinUnit': {
    vi: 'Chưa hỗ trợ lọc nhóm đơn vị (OU_GROUP-…) trong một đơn vị cụ thể.',
    en: 'OU_GROUP-… together with org units (a group inside a unit) is not supported.',
  },
  'analytics.filterPeriodsNotContiguous': {
    vi: 'Các kỳ trong bộ lọc ({periods}) phải liền nhau, không chồng lấn.',
    en: 'Several filter periods ({periods}) must follow each other without gaps or overlaps.',
  },
  'analytics.filterMultipleData': {
    vi: 'Chưa hỗ trợ bộ lọc dx gồm nhiều mục dữ liệu (cộng các chỉ tiêu khác nhau).',
    en: 'A dx filter with several data items (summing different data) is not supported.',
  },
  'analytics.coFilterUnsupported': {
    vi: 'Chưa hỗ trợ filter=co; hãy dùng chỉ tiêu.phân tổ trong dx.',
    en: 'filter=co is not supported; use DE.COC items in dx.',
  },
  'analytics.coWithIndicator': { vi: 'Không dùng được dimension=co với chỉ số.', en: 'dimension=co cannot be used with indicators.' },
  'analytics.coWithFigure': {
    vi: 'Không dùng được dimension=co với số liệu từ sổ quản lý (không có phân tổ).',
    en: 'dimension=co cannot be used with register figures (they have no option combos).',
  },
  'analytics.coWithOperand': {
    vi: 'Không dùng được dimension=co cùng với chỉ tiêu.phân tổ hoặc chỉ tiêu.*.',
    en: 'dimension=co cannot be combined with DE.COC or DE.* items.',
  },
  'analytics.badDisplayProperty': {
    vi: 'displayProperty phải là NAME hoặc SHORTNAME (nhận được "{value}").',
    en: 'displayProperty must be NAME or SHORTNAME, not "{value}".',
  },
  'analytics.badStructure': {
    vi: 'structure phải là current hoặc historical (nhận được "{value}").',
    en: 'structure must be current or historical, not "{value}".',
  },
  'analytics.badAsOf': { vi: 'asOf phải là ngày dạng YYYY-MM-DD (nhận được "{value}").', en: 'asOf must be a date YYYY-MM-DD, not "{value}".' },
  'notFound.indicator': { vi: 'Không tìm thấy chỉ số {id}.', en: 'Indicator {id} not found.' },
  'notFound.figure': { vi: 'Không tìm thấy số liệu từ sổ quản lý {id}.', en: 'Register figure {id} not found.' },
  'notFound.constant': { vi: 'Không tìm thấy hằng số {id}.', en: 'Constant {id} not found.' },
  'notFound.orgUnitGroup': { vi: 'Không tìm thấy nhóm đơn vị {id}.', en: 'Organisation unit group {id} not found.' },
  // GET /api/analytics/values and the CSV/XLSX exports (values.service.ts, export.service.ts)
  'analytics.values.badOuMode': {
    vi: 'ouMode phải là self, children hoặc level-N (N từ 1 đến 20).',
    en: 'ouMode must be self, children or level-N (N from 1 to 20).',
  },
  'analytics.values.badStructure': { vi: 'structure phải là historical hoặc current.', en: 'structure must be historical or current.' },
  'analytics.values.badCompare': {
    vi: 'So sánh "{value}" không hợp lệ; dùng lastYear, previous, ytd, plan, reporting.',
    en: 'Comparison "{value}" is not valid; use lastYear, previous, ytd, plan, reporting.',
  },
  'analytics.values.onePeriod': {
    vi: 'Kỳ {period} gồm nhiều kỳ không liền nhau; hãy chọn một kỳ (ví dụ 202405, 2024Q2, 2024YTD05).',
    en: 'Period {period} gives several periods that do not follow each other; pick one (e.g. 202405, 2024Q2, 2024YTD05).',
  },
  'analytics.values.wildcard': {
    vi: 'Mục {item}: chưa hỗ trợ chỉ tiêu.* ở đây; hãy chọn chỉ tiêu hoặc chỉ tiêu.phân tổ.',
    en: 'Item {item}: DE.* is not supported here; name the data element or DE.COC.',
  },
  'analytics.values.tooManyItems': { vi: 'Chọn tối đa {max} mục dữ liệu.', en: 'At most {max} data items.' },
  // QUERY_TOO_LARGE (409): the size is estimated before the query runs (engine.ts requireWithinLimit).
  'analytics.queryTooLarge': {
    vi: 'Yêu cầu cần tính {cells} ô ({dataItems} mục dữ liệu × {periods} kỳ × {orgUnits} đơn vị), vượt giới hạn {limit} ô. Hãy thu hẹp: chọn ít chỉ tiêu hơn, ít kỳ hơn (hoặc một kỳ dài thay cho nhiều tháng), hoặc một cấp đơn vị cao hơn / ít đơn vị hơn.',
    en: 'This request needs {cells} cells ({dataItems} data items × {periods} periods × {orgUnits} organisation units), above the limit of {limit}. Narrow it: fewer data items, fewer periods (or one long period instead of many months), or a higher level / fewer organisation units.',
  },
  'analytics.exportTooLarge': {
    vi: 'Tệp xuất cần {cells} ô ({dataItems} mục dữ liệu × {periods} kỳ × {orgUnits} đơn vị), vượt giới hạn {limit} ô cho một tệp. Hãy thu hẹp: chọn ít chỉ tiêu hơn, ít kỳ hơn, hoặc một cấp đơn vị cao hơn / ít đơn vị hơn, rồi xuất thành nhiều tệp.',
    en: 'This export needs {cells} cells ({dataItems} data items × {periods} periods × {orgUnits} organisation units), above the limit of {limit} for one file. Narrow it: fewer data items, fewer periods, or a higher level / fewer organisation units, and export in several files.',
  },
  'analytics.badParams': {
    vi: 'Tham số của /api/analytics không hợp lệ ({field}): quá dài hoặc lặp lại quá nhiều lần.',
    en: 'A parameter of /api/analytics is not valid ({field}): too long or repeated too often.',
  },
};
