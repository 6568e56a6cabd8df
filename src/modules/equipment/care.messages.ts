// Server messages of equipment care (vi, en): errors of schedules, inspections and work orders, and
// the texts of its notices (notification.<kind>.title / .body), registered through the module
// descriptor. Notice params: asset ("tag – name"), what (the kind of schedule), date (due), days,
// unit (the holding unit), fault, outcome.
export const messages: Record<string, { vi: string; en: string }> = {
  'notFound.schedule': { vi: 'Không tìm thấy lịch kiểm định, bảo dưỡng {id}.', en: 'Schedule {id} not found.' },
  'notFound.inspection': { vi: 'Không tìm thấy lần kiểm định {id}.', en: 'Inspection {id} not found.' },
  'notFound.workOrder': { vi: 'Không tìm thấy phiếu sửa chữa {id}.', en: 'Work order {id} not found.' },
  'equipment.scheduleExists': { vi: 'Thiết bị đã có lịch loại này; hãy sửa lịch đó.', en: 'The asset already has a schedule of this kind; edit it instead.' },
  'equipment.dateInFuture': { vi: 'Ngày không được sau hôm nay.', en: 'The date cannot be in the future.' },
  'equipment.validUntilBeforeDone': { vi: 'Ngày hết hiệu lực phải sau ngày kiểm định.', en: 'The certificate must be valid after the inspection date.' },
  'equipment.fileNotOfAsset': { vi: 'Tệp không thuộc thiết bị này.', en: 'The file does not belong to this asset.' },
  'equipment.cannotReport': {
    vi: 'Không báo hỏng được thiết bị ở trạng thái này (đang sửa, chờ thanh lý, đã thanh lý hoặc điều chuyển).',
    en: 'A breakdown cannot be reported for an asset in this state ({status}).',
  },
  'equipment.workOrderOpen': { vi: 'Thiết bị đã có phiếu báo hỏng đang xử lý.', en: 'The asset already has an open breakdown work order.' },
  'equipment.workOrderClosed': { vi: 'Phiếu sửa chữa đã kết thúc.', en: 'The work order is closed.' },
  'equipment.workOrderStep': { vi: 'Phiếu sửa chữa đang ở bước không thực hiện được thao tác này.', en: 'This step is not possible while the work order is {status}.' },
  'equipment.staleWorkOrder': { vi: 'Phiếu sửa chữa vừa được người khác cập nhật; hãy tải lại.', en: 'The work order was just changed by someone else; reload it.' },
  'equipment.notMaintenance': { vi: 'Phiếu bảo dưỡng chỉ lập từ lịch bảo dưỡng định kỳ.', en: 'Preventive work orders come from maintenance schedules.' },

  'notification.equipment.inspectionDue.title': { vi: 'Sắp đến hạn {what}: {asset}', en: '{what} due soon: {asset}' },
  'notification.equipment.inspectionDue.body': { vi: '{unit}: đến hạn ngày {date}, còn {days} ngày.', en: '{unit}: due {date}, in {days} day(s).' },
  'notification.equipment.inspectionOverdue.title': { vi: 'Quá hạn {what}: {asset}', en: '{what} overdue: {asset}' },
  'notification.equipment.inspectionOverdue.body': { vi: '{unit}: hạn ngày {date}, đã quá {days} ngày.', en: '{unit}: was due {date}, {days} day(s) overdue.' },
  'notification.equipment.breakdown.title': { vi: 'Báo hỏng thiết bị: {asset}', en: 'Breakdown reported: {asset}' },
  'notification.equipment.breakdown.body': { vi: 'Mô tả: {fault}', en: 'Fault: {fault}' },
  'notification.equipment.workOrderDone.title': { vi: 'Đã xử lý phiếu sửa chữa: {asset}', en: 'Work order done: {asset}' },
  'notification.equipment.workOrderDone.body': { vi: 'Kết quả: {outcome}.', en: 'Outcome: {outcome}.' },
};
