// Server messages of the metadata module (vi, en), registered through the module descriptor (index.ts).
export const messages: Record<string, { vi: string; en: string }> = {
  'notFound.metadata': { vi: 'Không tìm thấy {id}.', en: '{id} not found.' },
  'metadata.type': { vi: 'Loại danh mục không hợp lệ: {type}.', en: 'Unknown metadata type: {type}.' },
  'metadata.codeTaken': { vi: 'Mã {code} đã được dùng.', en: 'Code {code} is already used.' },
  'metadata.codeChars': {
    vi: 'Mã chỉ gồm chữ không dấu, chữ số, gạch dưới (_) và gạch ngang (-).',
    en: 'A code may only contain letters A–Z, digits, underscores (_) and hyphens (-).',
  },
  'metadata.reservedCode': {
    vi: 'Không dùng được mã này (trùng tên thuộc tính dành riêng của hệ thống, như constructor hay __proto__).',
    en: 'This code is reserved (a built-in property name such as constructor or __proto__).',
  },
  'metadata.duplicateCode': { vi: 'Mã {code} xuất hiện nhiều lần trong gói.', en: 'Code {code} appears more than once in the package.' },
  'metadata.idCodeMismatch': {
    vi: 'Mã định danh {id} thuộc đối tượng {other}, nhưng mã {code} thuộc đối tượng khác.',
    en: 'uid {id} belongs to {other} but code {code} belongs to another object.',
  },
  'metadata.inUse': { vi: 'Không thể xóa {code}: đang được dùng bởi {by}.', en: 'Cannot delete {code}: it is used by {by}.' },
  'metadata.cocHasData': {
    vi: 'Không thể bỏ tổ hợp phân tổ {code} ({name}) của {combo} vì đã có số liệu nhập theo tổ hợp này.',
    en: 'Cannot remove option combo {code} ({name}) of {combo}: data values exist for it.',
  },
  'metadata.defaultReadOnly': { vi: 'Không thể sửa hoặc xóa danh mục mặc định (default).', en: 'The built-in default objects cannot be changed or deleted.' },
  'metadata.duplicateRef': { vi: '{ref} được khai báo hai lần.', en: '{ref} is listed twice.' },
  'metadata.optionInTwoCategories': {
    vi: 'Phương án {ref} có ở nhiều nhóm phân tổ của cùng tổ hợp.',
    en: 'Option {ref} belongs to more than one category of the combo.',
  },
  'metadata.unknown.categoryOption': { vi: 'Không có phương án phân tổ {ref}.', en: 'Unknown category option {ref}.' },
  'metadata.unknown.category': { vi: 'Không có nhóm phân tổ {ref}.', en: 'Unknown category {ref}.' },
  'metadata.unknown.categoryCombo': { vi: 'Không có tổ hợp phân tổ {ref}.', en: 'Unknown category combo {ref}.' },
  'metadata.unknown.dataElement': { vi: 'Không có phần tử dữ liệu {ref}.', en: 'Unknown data element {ref}.' },
  'metadata.unknown.indicatorType': { vi: 'Không có loại chỉ số {ref}.', en: 'Unknown indicator type {ref}.' },
  'metadata.unknown.groupSet': { vi: 'Không có nhóm phân loại đơn vị {ref}.', en: 'Unknown organisation unit group set {ref}.' },
  'metadata.deComboHasData': {
    vi: 'Không thể đổi tổ hợp phân tổ của {code} vì đã có số liệu.',
    en: 'Cannot change the category combo of {code}: it has data values.',
  },
  'metadata.unknown.orgUnitKind': { vi: 'Loại đơn vị không hợp lệ: {ref}.', en: 'Unknown unit kind {ref}.' },
  'metadata.unknown.orgUnit': { vi: 'Không có đơn vị {ref}.', en: 'Unknown organisation unit {ref}.' },
  'metadata.expr.syntax': { vi: 'Biểu thức sai: {detail} (vị trí {pos}).', en: 'Invalid expression: {detail} (position {pos}).' },
  'metadata.expr.unknownDataElement': { vi: 'Không có phần tử dữ liệu {ref} (vị trí {pos}).', en: 'Unknown data element {ref} (position {pos}).' },
  'metadata.expr.unknownOptionCombo': {
    vi: 'Phần tử dữ liệu {de} không có tổ hợp phân tổ {ref} (vị trí {pos}).',
    en: 'Data element {de} has no option combo {ref} (position {pos}).',
  },
  'metadata.expr.tooDeep': {
    vi: 'Biểu thức lồng nhau quá {max} cấp (vị trí {pos}).',
    en: 'The expression nests more than {max} levels deep (position {pos}).',
  },
  'metadata.tooManyOptionCombos': {
    vi: 'Tổ hợp phân tổ {code} sinh ra quá {max} tổ hợp phương án; hãy bớt nhóm hoặc phương án phân tổ.',
    en: 'Category combo {code} would generate more than {max} option combos; use fewer categories or options.',
  },
  'metadata.expr.unknownConstant': { vi: 'Không có hằng số {ref} (vị trí {pos}).', en: 'Unknown constant {ref} (position {pos}).' },
  'metadata.unknown.orgUnitPlain': { vi: 'Không có đơn vị này.', en: 'No such organisation unit.' },
  'metadata.unitClosedPlain': {
    vi: 'Đơn vị không hoạt động trong suốt khoảng thời gian này.',
    en: 'The unit is not open over the whole range.',
  },
  'metadata.duplicateAssignment': { vi: 'Đơn vị được phân công hai lần cùng ngày bắt đầu.', en: 'The unit is assigned twice from the same date.' },
  'metadata.dayTaken': { vi: 'Ngày này đã có trong lịch.', en: 'This day is already in the calendar.' },
  'metadata.offOnWeekend': { vi: 'Ngày nghỉ bù phải là ngày trong tuần.', en: 'A compensatory day off must be a weekday.' },
  'metadata.dateRange': { vi: 'Ngày kết thúc phải sau ngày bắt đầu.', en: 'The end date must be after the start date.' },
  'metadata.unitClosed': {
    vi: 'Đơn vị {code} không hoạt động trong khoảng thời gian này.',
    en: 'Unit {code} is not open during this period.',
  },
  'metadata.badPackage': { vi: 'Tệp không phải là gói danh mục (JSON object).', en: 'The file is not a metadata package (a JSON object).' },
  // Warnings of the package import.
  'metadata.warn.derivedCode': {
    vi: '{type} "{name}" ({id}) không có mã; dùng mã {code}.',
    en: '{type} "{name}" ({id}) has no code; using {code}.',
  },
  'metadata.warn.sanitizedCode': {
    vi: 'Mã "{original}" của {type} có ký tự không hợp lệ; dùng mã {code}.',
    en: 'Code "{original}" of {type} has invalid characters; using {code}.',
  },
  'metadata.warn.unsupportedExpression': {
    vi: 'Bỏ qua {type} {code}: biểu thức dùng cú pháp chưa hỗ trợ ({detail}).',
    en: 'Ignored {type} {code}: its expression uses syntax soyte does not support ({detail}).',
  },
  'metadata.warn.unsupportedPeriodType': {
    vi: 'Bỏ qua {type} {code}: kỳ báo cáo {value} chưa hỗ trợ.',
    en: 'Ignored {type} {code}: period type {value} is not supported.',
  },
  'metadata.warn.unsupportedValueType': {
    vi: 'Bỏ qua phần tử dữ liệu {code}: kiểu giá trị {value} chưa hỗ trợ.',
    en: 'Ignored data element {code}: value type {value} is not supported.',
  },
  'metadata.warn.trackerElement': {
    vi: 'Bỏ qua phần tử dữ liệu {code}: thuộc chương trình theo dõi cá thể (tracker).',
    en: 'Ignored data element {code}: it is a tracker data element.',
  },
  'metadata.warn.aggregationMapped': {
    vi: 'Phần tử dữ liệu {code}: kiểu tổng hợp {value} được đổi thành {mapped}.',
    en: 'Data element {code}: aggregation type {value} mapped to {mapped}.',
  },
  'metadata.warn.unitNotFound': { vi: 'Bộ báo cáo/nhóm {code}: không có đơn vị {ref}, bỏ qua.', en: '{code}: organisation unit {ref} not found, skipped.' },
  'metadata.warn.uidMismatch': {
    vi: '{type} {code} đã có với mã định danh {existing}; giữ mã định danh cũ thay cho {id}.',
    en: '{type} {code} already exists with uid {existing}; keeping it instead of {id}.',
  },
  'metadata.warn.codeClash': {
    vi: '{type} {code} trùng mã với một đối tượng khác nghĩa đã có; nhập thành đối tượng riêng với mã {newCode}.',
    en: '{type} {code} has the code of a different existing object; imported separately as {newCode}.',
  },
  'metadata.warn.cocCode': {
    vi: 'Mã tổ hợp {key} đã dùng cho tổ hợp phân tổ khác; tổ hợp của {combo} dùng mã {code}.',
    en: 'Option combo code {key} is used by another combo; the one of {combo} gets code {code}.',
  },
  'metadata.warn.elementCombo': {
    vi: 'Bộ báo cáo {code}: bỏ qua tổ hợp phân tổ riêng của phần tử {de} trong bộ (dùng tổ hợp của phần tử).',
    en: 'Data set {code}: ignored the data-set-specific category combo of {de} (the element’s own combo is used).',
  },
  'metadata.warn.skippedTypes': {
    vi: 'Các loại đối tượng DHIS2 không nhập: {types}.',
    en: 'DHIS2 object types not imported: {types}.',
  },
};
