// Server messages of the datavalues module (vi, en), registered through the module descriptor (index.ts).
export const messages: Record<string, { vi: string; en: string }> = {
  'notFound.dataSet': { vi: 'Không tìm thấy bộ biểu mẫu {id}.', en: 'Data set {id} not found.' },
  'notFound.dataElement': { vi: 'Không tìm thấy chỉ tiêu {id}.', en: 'Data element {id} not found.' },
  'notFound.categoryOptionCombo': { vi: 'Không tìm thấy phân tổ {id}.', en: 'Category option combo {id} not found.' },
  'notFound.period': { vi: 'Kỳ báo cáo {id} không hợp lệ.', en: 'Invalid period {id}.' },
  'field.period': { vi: 'Kỳ báo cáo không hợp lệ (ví dụ 202405, 2024Q2, 2024).', en: 'Invalid period (e.g. 202405, 2024Q2, 2024).' },

  'dataValue.type.empty': { vi: 'Chưa nhập giá trị.', en: 'The value is empty.' },
  'dataValue.type.tooLong': { vi: 'Nội dung dài quá {max} ký tự.', en: 'The text is longer than {max} characters.' },
  'dataValue.type.number': { vi: 'Giá trị phải là số (ví dụ 12 hoặc 1,5).', en: 'The value must be a number (e.g. 12 or 1.5).' },
  'dataValue.type.integer': { vi: 'Giá trị phải là số nguyên.', en: 'The value must be a whole number.' },
  'dataValue.type.integerPositive': { vi: 'Giá trị phải là số nguyên dương.', en: 'The value must be a positive whole number.' },
  'dataValue.type.integerZeroOrPositive': {
    vi: 'Giá trị phải là số nguyên không âm (0, 1, 2 …).',
    en: 'The value must be a whole number, zero or more.',
  },
  'dataValue.type.integerNegative': { vi: 'Giá trị phải là số nguyên âm.', en: 'The value must be a negative whole number.' },
  'dataValue.type.percentage': { vi: 'Tỷ lệ phần trăm phải từ 0 đến 100.', en: 'A percentage must be between 0 and 100.' },
  'dataValue.type.unitInterval': { vi: 'Giá trị phải từ 0 đến 1.', en: 'The value must be between 0 and 1.' },
  'dataValue.type.boolean': { vi: 'Giá trị phải là Có hoặc Không.', en: 'The value must be yes or no.' },
  'dataValue.type.trueOnly': { vi: 'Chỉ được đánh dấu Có.', en: 'Only “yes” can be entered.' },
  'dataValue.type.date': { vi: 'Ngày không hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy).', en: 'Invalid date (YYYY-MM-DD or dd/mm/yyyy).' },
  'dataValue.type.unknown': { vi: 'Kiểu dữ liệu {type} không được hỗ trợ.', en: 'Unsupported value type {type}.' },

  'dataValue.window.future': { vi: 'Chưa đến kỳ báo cáo này, không thể nhập số liệu.', en: 'This period is in the future; data cannot be entered yet.' },
  'dataValue.window.expired': {
    vi: 'Đã hết thời hạn nhập số liệu cho kỳ này (đóng ngày {closesOn}).',
    en: 'Data entry for this period has closed (closed on {closesOn}).',
  },
  'dataValue.window.notYetOpen': { vi: 'Kỳ báo cáo chưa mở.', en: 'The period is not open yet.' },
  'dataValue.window.completed': {
    vi: 'Biểu mẫu đã hoàn thành; hãy hủy hoàn thành để sửa.',
    en: 'The form is completed; uncomplete it to make changes.',
  },
  'dataValue.window.approved': { vi: 'Biểu mẫu đã được phê duyệt và khóa.', en: 'The form is approved and locked.' },
  'dataValue.window.notAssigned': {
    vi: 'Đơn vị không được giao báo cáo chỉ tiêu này.',
    en: 'The unit does not report this data element.',
  },
  'dataValue.window.unitClosed': {
    vi: 'Đơn vị không hoạt động hoặc không được giao báo cáo trong kỳ này.',
    en: 'The unit is closed or not assigned this form in this period.',
  },
  'dataValue.window.wrongPeriodType': {
    vi: 'Loại kỳ báo cáo không đúng với biểu mẫu.',
    en: 'The period type does not match the data set.',
  },
  'dataValue.cocNotInCombo': {
    vi: 'Phân tổ không thuộc chỉ tiêu này.',
    en: 'The category option combo does not belong to the data element.',
  },
  'dataValue.commentNeedsValue': {
    vi: 'Hãy nhập giá trị trước khi ghi chú.',
    en: 'Enter a value before adding a comment.',
  },
  'dataValue.elementNotInDataSet': {
    vi: 'Chỉ tiêu không thuộc biểu mẫu này.',
    en: 'The data element is not part of this data set.',
  },
};
