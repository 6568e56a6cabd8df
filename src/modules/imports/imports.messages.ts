// Server messages of the imports module (vi, en), registered through the module descriptor (index.ts).
export const messages: Record<string, { vi: string; en: string }> = {
  'imports.malformed.json': {
    vi: 'Tệp JSON không đúng cú pháp (vị trí {position}).',
    en: 'The JSON is malformed (at position {position}).',
  },
  'imports.malformed.notObject': {
    vi: 'Nội dung phải là một đối tượng dataValueSet.',
    en: 'The body must be a dataValueSet object.',
  },
  'imports.malformed.noDataValues': {
    vi: 'Thiếu mảng "dataValues".',
    en: 'The "dataValues" array is missing.',
  },
  'imports.malformed.csv': {
    vi: 'Tệp CSV không đúng định dạng (dòng {line}).',
    en: 'The CSV is malformed (line {line}).',
  },
  'imports.malformed.csvHeader': {
    vi: 'Dòng tiêu đề CSV phải có cột dataelement và value.',
    en: 'The CSV header must have the columns dataelement and value.',
  },
  'imports.malformed.csvBinary': {
    vi: 'Tệp không phải văn bản CSV.',
    en: 'The file is not CSV text.',
  },
  'imports.malformed.xlsx': {
    vi: 'Không đọc được tệp Excel (.xlsx).',
    en: 'The Excel file (.xlsx) cannot be read.',
  },
  'imports.malformed.xlsxTemplate': {
    vi: 'Tệp Excel không phải biểu mẫu nhập của soyte (thiếu trang mã ẩn).',
    en: 'The Excel file is not a soyte template (the hidden code sheet is missing).',
  },
  'imports.malformed.empty': { vi: 'Không có nội dung.', en: 'The request body is empty.' },
  'imports.malformed.multipart': {
    vi: 'Nội dung multipart/form-data bị hỏng; hãy chọn lại tệp và gửi lại.',
    en: 'The multipart/form-data body is malformed; choose the file again and resend it.',
  },
  'imports.malformed.noFile': {
    vi: 'Không có tệp nào trong biểu mẫu gửi lên.',
    en: 'The form data contains no file.',
  },
  'imports.zip.broken': {
    vi: 'Tệp Excel (.xlsx) bị hỏng hoặc không phải tệp .xlsx; hãy lưu lại tệp bằng Excel rồi tải lên lại.',
    en: 'The Excel file (.xlsx) is damaged or not an .xlsx file; save it again in Excel and upload it again.',
  },
  'imports.zip.unsupported': {
    vi: 'Tệp Excel dùng định dạng nén không được hỗ trợ ({problem}); hãy lưu lại dưới dạng .xlsx thông thường (không đặt mật khẩu).',
    en: 'The Excel file uses an unsupported zip feature ({problem}); save it as a plain .xlsx (without a password).',
  },
  'imports.zip.sizeMismatch': {
    vi: 'Tệp Excel bị hỏng hoặc giả mạo: phần "{entry}" giải nén ra khác kích thước khai báo. Không đọc tệp này.',
    en: 'The Excel file is damaged or forged: entry "{entry}" does not inflate to its declared size. The file was not read.',
  },
  'imports.zip.entries': {
    vi: 'Tệp Excel có quá nhiều thành phần ({count}, tối đa {max}).',
    en: 'The Excel file has too many entries ({count}; at most {max}).',
  },
  'imports.zip.entryTooLarge': {
    vi: 'Tệp Excel quá lớn khi giải nén: phần "{entry}" chiếm {size} MB (tối đa {max} MB). Hãy dùng biểu mẫu tải từ soyte hoặc chia nhỏ dữ liệu.',
    en: 'The Excel file is too large once inflated: entry "{entry}" holds {size} MB (at most {max} MB). Use a template downloaded from soyte or split the data.',
  },
  'imports.zip.tooLarge': {
    vi: 'Tệp Excel quá lớn khi giải nén ({size} MB, tối đa {max} MB). Hãy chia nhỏ dữ liệu hoặc dùng CSV.',
    en: 'The Excel file is too large once inflated ({size} MB; at most {max} MB). Split the data or use CSV.',
  },
  'imports.zip.ratio': {
    vi: 'Tệp Excel bị từ chối: phần "{entry}" nén bất thường ({ratio} lần, tối đa {max} lần) — dấu hiệu của tệp "bom nén".',
    en: 'The Excel file was refused: entry "{entry}" is compressed {ratio} times (at most {max}), the mark of a zip bomb.',
  },
  'imports.xlsx.tooManyCells': {
    vi: 'Tệp Excel có quá nhiều ô có dữ liệu (tối đa {max}). Hãy dùng biểu mẫu tải từ soyte hoặc CSV.',
    en: 'The Excel file has too many filled cells (at most {max}). Use a template downloaded from soyte, or CSV.',
  },
  'imports.upload.oneAtATime': {
    vi: 'Bạn đang có một tệp khác đang được xử lý. Hãy chờ tệp đó xong rồi gửi tiếp.',
    en: 'Another of your uploads is still being processed. Wait for it to finish, then send this one.',
  },
  'imports.upload.busy': {
    vi: 'Máy chủ đang xử lý nhiều tệp lớn cùng lúc. Hãy thử lại sau khoảng {seconds} giây.',
    en: 'The server is reading many large uploads at once. Try again in about {seconds} seconds.',
  },
  'imports.upload.oneFile': {
    vi: 'Mỗi lần chỉ gửi một tệp.',
    en: 'Send one file at a time.',
  },
  'imports.unsupportedMedia': {
    vi: 'Định dạng {type} không được hỗ trợ; dùng JSON, CSV hoặc Excel.',
    en: 'Content type {type} is not supported; use JSON, CSV or Excel.',
  },
  'imports.payloadTooLarge': {
    vi: 'Tệp quá lớn (tối đa {max} MB mỗi lần gửi). Hãy chia nhỏ tệp hoặc dùng lệnh "soyte import" trên máy chủ.',
    en: 'The file is too large (at most {max} MB per request). Split it or use "soyte import" on the server.',
  },
  'imports.export.needDataSet': {
    vi: 'Cần chọn bộ dữ liệu (dataSet) hoặc phần tử dữ liệu (dataElement).',
    en: 'Give a data set (dataSet) or data elements (dataElement).',
  },
  'imports.export.needPeriod': {
    vi: 'Cần kỳ báo cáo (period) hoặc khoảng ngày (startDate, endDate).',
    en: 'Give periods (period) or a date range (startDate, endDate).',
  },
  'imports.export.needOrgUnit': { vi: 'Cần chọn đơn vị (orgUnit).', en: 'Give an organisation unit (orgUnit).' },
  'imports.export.badPeriod': { vi: 'Kỳ báo cáo không hợp lệ: {period}.', en: 'Invalid period: {period}.' },
  'imports.export.tooMany': {
    vi: 'Yêu cầu xuất quá nhiều giá trị ({count}); hãy thu hẹp phạm vi (ít bộ dữ liệu, ít kỳ hoặc ít đơn vị hơn).',
    en: 'Too many values requested ({count}); narrow the request (fewer data sets, periods or units).',
  },

  'imports.conflict.malformed.notObject': { vi: 'Dòng không phải là một đối tượng giá trị.', en: 'The row is not a data value object.' },
  'imports.conflict.malformed.columns': { vi: 'Dòng thiếu cột.', en: 'The row has too few columns.' },
  'imports.conflict.malformed.value': {
    vi: 'Giá trị phải là số, chữ hoặc đúng/sai, không phải đối tượng hay danh sách.',
    en: 'The value must be a number, text or boolean, not an object or a list.',
  },
  'imports.conflict.malformed.field': {
    vi: 'Mã phần tử, kỳ, đơn vị, ghi chú hoặc cờ của dòng phải là chữ hoặc số, không phải đối tượng hay danh sách.',
    en: 'The row\'s element, period, unit, comment or flags must be text or numbers, not objects or lists.',
  },
  'imports.conflict.badCharacters': {
    vi: 'Trường {field} có ký tự không lưu được (ký tự rỗng NUL hoặc lỗi mã hóa Unicode); dòng này không được nhập.',
    en: 'Field {field} contains a character that cannot be stored (NUL or broken Unicode); the row was not imported.',
  },
  'imports.conflict.missing': { vi: 'Thiếu {field}.', en: '{field} is missing.' },
  'imports.conflict.dataElement.unknown': {
    vi: 'Không tìm thấy phần tử dữ liệu {object}.',
    en: 'Data element not found: {object}.',
  },
  'imports.conflict.dataElement.ambiguous': {
    vi: 'Mã {object} trùng với nhiều phần tử dữ liệu (theo uid và theo mã).',
    en: 'Identifier {object} is ambiguous: it is the uid of one data element and the code of another.',
  },
  'imports.conflict.orgUnit.unknown': { vi: 'Không tìm thấy đơn vị {object}.', en: 'Organisation unit not found: {object}.' },
  'imports.conflict.orgUnit.ambiguous': {
    vi: 'Mã {object} trùng với nhiều đơn vị.',
    en: 'Identifier {object} is ambiguous between organisation units.',
  },
  'imports.conflict.period': { vi: 'Kỳ báo cáo không hợp lệ: {object}.', en: 'Invalid period: {object}.' },
  'imports.conflict.coc.unknown': {
    vi: 'Không tìm thấy tổ hợp phân tổ {object}.',
    en: 'Category option combo not found: {object}.',
  },
  'imports.conflict.coc.ambiguous': {
    vi: 'Mã tổ hợp phân tổ {object} không rõ ràng.',
    en: 'Category option combo identifier {object} is ambiguous.',
  },
  'imports.conflict.aoc.unknown': {
    vi: 'Không tìm thấy tổ hợp thuộc tính {object}.',
    en: 'Attribute option combo not found: {object}.',
  },
  'imports.conflict.aoc.ambiguous': {
    vi: 'Mã tổ hợp thuộc tính {object} không rõ ràng.',
    en: 'Attribute option combo identifier {object} is ambiguous.',
  },
  'imports.conflict.cocNotOfElement': {
    vi: 'Tổ hợp phân tổ {object} không thuộc phân tổ của phần tử {element}.',
    en: 'Category option combo {object} is not part of the category combo of data element {element}.',
  },
  'imports.conflict.aocNotAttribute': {
    vi: 'Tổ hợp {object} không phải tổ hợp thuộc tính.',
    en: 'Option combo {object} is not an attribute option combo.',
  },
  'imports.conflict.empty': { vi: 'Giá trị trống ({object}).', en: 'The value is empty ({object}).' },
  'imports.conflict.valueType': {
    vi: 'Giá trị "{object}" của {element} không hợp lệ: {reason}',
    en: 'Value "{object}" of {element} is not valid: {reason}',
  },
  'imports.conflict.unitClosed': {
    vi: 'Đơn vị {object} không hoạt động trong kỳ {period}.',
    en: 'Organisation unit {object} is not open in period {period}.',
  },
  'imports.conflict.outOfScope': {
    vi: 'Đơn vị {object} nằm ngoài phạm vi quản lý của bạn.',
    en: 'Organisation unit {object} is outside your scope.',
  },
  'imports.conflict.future': {
    vi: 'Kỳ {period} chưa đến; không thể nhập số liệu cho kỳ tương lai.',
    en: 'Period {period} is in the future.',
  },
  'imports.conflict.expired': {
    vi: 'Đã hết hạn nhập số liệu kỳ {period} (hạn cuối {deadline}).',
    en: 'Data entry for period {period} closed on {deadline}.',
  },
  'imports.conflict.completed': {
    vi: 'Báo cáo của {unit} kỳ {period} đã hoàn thành; cần trả lại hoặc mở lại trước khi sửa.',
    en: 'The form of {unit} for {period} is completed; it must be returned or reopened first.',
  },
  'imports.conflict.approved': {
    vi: 'Báo cáo của {unit} kỳ {period} đã được duyệt và khóa.',
    en: 'The form of {unit} for {period} is approved and locked.',
  },
  'imports.conflict.notAssigned': {
    vi: 'Phần tử {element} không thuộc bộ dữ liệu nào được giao cho {unit} trong kỳ {period}.',
    en: 'Data element {element} is in no data set assigned to {unit} for {period}.',
  },
  'imports.conflict.periodType': {
    vi: 'Kỳ {period} không đúng loại kỳ của bộ dữ liệu chứa {element}.',
    en: 'Period {period} does not match the period type of the data set of {element}.',
  },
  'imports.conflict.duplicate': {
    vi: 'Dòng trùng với dòng {first} (cùng phần tử, đơn vị, kỳ, phân tổ); bỏ qua.',
    en: 'Duplicate of row {first} (same element, unit, period, combo); ignored.',
  },
  'imports.conflict.duplicateDiffers': {
    vi: 'Cùng một ô có nhiều giá trị khác nhau trong tệp (dòng đầu: {first}); không nhập ô này.',
    en: 'The same cell appears with different values (first at row {first}); none of them is imported.',
  },

  'imports.formsChanged': {
    vi: 'Trong lúc nhập, một biểu mẫu liên quan vừa được hoàn thành hoặc phê duyệt; không có số liệu nào được ghi. Hãy nhập lại.',
    en: 'A form concerned was completed or approved while importing; nothing was written. Import again.',
  },
  'imports.complete.incomplete': {
    vi: 'Có completeDate nhưng thiếu dataSet, orgUnit hoặc period ở đầu tệp: biểu mẫu chưa được hoàn thành.',
    en: 'completeDate needs the payload’s dataSet, orgUnit and period: the form was not completed.',
  },
  'imports.complete.refused': {
    vi: 'Đã nhập số liệu nhưng chưa hoàn thành biểu mẫu: {reason}',
    en: 'The values were imported but the form was not completed: {reason}',
  },
  'imports.summary.success': { vi: 'Nhập dữ liệu thành công.', en: 'Import process completed successfully.' },
  'imports.summary.warning': {
    vi: 'Đã nhập dữ liệu; một số dòng bị từ chối.',
    en: 'Import completed; some rows were refused.',
  },
  'imports.summary.error': { vi: 'Không nhập được dòng nào.', en: 'Nothing was imported.' },
  'imports.summary.atomic': {
    vi: 'Chế độ "tất cả hoặc không": có dòng lỗi nên không nhập dòng nào.',
    en: 'Atomic import: some rows were refused, so nothing was imported.',
  },
  'imports.summary.dryRun': {
    vi: 'Chạy thử: không ghi dữ liệu. Số liệu cho biết kết quả nếu nhập thật.',
    en: 'Dry run: nothing was written; the counts show what an import would do.',
  },
  'imports.xlsx.title': { vi: 'Báo cáo {period} — {unit}', en: 'Report {period} — {unit}' },
};
