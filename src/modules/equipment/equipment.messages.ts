// Server messages of the equipment register (vi, en), registered through the module descriptor.
// The other parts of the module (care, stock, import) keep theirs in their own *.messages.ts files.
export const messages: Record<string, { vi: string; en: string }> = {
  'notFound.asset': { vi: 'Không tìm thấy thiết bị {id}.', en: 'Asset {id} not found.' },
  'notFound.file': { vi: 'Không tìm thấy tệp {id}.', en: 'File {id} not found.' },
  'notFound.category': { vi: 'Không có loại thiết bị {id} trong danh mục.', en: 'Category {id} is not in the catalogue.' },
  'notFound.standard': { vi: 'Không có danh mục chuẩn {id}.', en: 'No standard list {id}.' },
  'equipment.unknownCategory': { vi: 'Loại thiết bị không có trong danh mục.', en: 'This category is not in the catalogue.' },
  'equipment.acquiredInFuture': { vi: 'Ngày đưa vào sử dụng không được sau hôm nay.', en: 'The acquisition date cannot be in the future.' },
  'equipment.notCounted': {
    vi: 'Loại thiết bị này được quản lý từng chiếc; số lượng phải là 1.',
    en: 'Items of this category are registered one by one; the quantity must be 1.',
  },
  'equipment.tagTaken': { vi: 'Mã thiết bị đã được dùng cho thiết bị khác.', en: 'This tag is already used by another asset.' },
  'equipment.staleAsset': { vi: 'Thiết bị vừa được người khác cập nhật; hãy tải lại.', en: 'The asset was just changed by someone else; reload it.' },
  'equipment.assetGone': { vi: 'Thiết bị đã thanh lý hoặc điều chuyển; không sửa được nữa.', en: 'The asset was disposed of or transferred; it can no longer be changed.' },
  'equipment.statusLocked': {
    vi: 'Thiết bị đang ở trạng thái không đổi trực tiếp được (đang sửa, khóa do không đạt kiểm định, chờ thanh lý …).',
    en: 'The asset is in a state that cannot be changed directly ({status}).',
  },
  'equipment.fileMissing': { vi: 'Hãy chọn một tệp.', en: 'Choose a file.' },
  'equipment.fileEmpty': { vi: 'Tệp rỗng.', en: 'The file is empty.' },
  'equipment.notAPhoto': { vi: 'Ảnh phải là tệp JPEG, PNG, WebP, GIF hoặc HEIC.', en: 'A photo must be a JPEG, PNG, WebP, GIF or HEIC file.' },
  'equipment.fileTooLarge': { vi: 'Tệp lớn quá {max} MB.', en: 'The file is larger than {max} MB.' },
  'equipment.assetFilesFull': { vi: 'Tổng dung lượng tệp của thiết bị vượt quá {max} MB.', en: 'The files of this asset exceed {max} MB in total.' },
};
