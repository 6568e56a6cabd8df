// Server messages of the workflow module (vi, en), registered through the module descriptor (index.ts).
export const messages: Record<string, { vi: string; en: string }> = {
  'workflow.blockingViolations': {
    vi: 'Không thể hoàn thành: số liệu còn {count} lỗi bắt buộc phải sửa.',
    en: 'Cannot complete: {count} blocking validation error(s) must be fixed.',
  },
  'workflow.warningsNeedComment': {
    vi: 'Số liệu có {count} cảnh báo; hãy giải thích trong phần ghi chú để hoàn thành.',
    en: 'There are {count} validation warning(s); add a comment explaining them to complete.',
  },
  'workflow.alreadyCompleted': { vi: 'Biểu mẫu đã được hoàn thành.', en: 'The form is already completed.' },
  'workflow.alreadyApproved': { vi: 'Biểu mẫu đã được phê duyệt.', en: 'The form is already approved.' },
  'workflow.notCompleted': { vi: 'Biểu mẫu chưa được hoàn thành.', en: 'The form is not completed.' },
  'workflow.uncompleteExpired': {
    vi: 'Đã hết hạn nhập liệu (ngày {date}) nên không thể hủy hoàn thành; đề nghị đơn vị cấp trên trả lại biểu mẫu để sửa.',
    en: 'Data entry closed on {date}, so the form cannot be uncompleted; ask the parent unit to return it for correction.',
  },
  'workflow.notApproved': { vi: 'Biểu mẫu chưa được phê duyệt.', en: 'The form is not approved.' },
  'workflow.approvedUseReopen': {
    vi: 'Biểu mẫu đã phê duyệt; hãy dùng “Mở lại” kèm lý do.',
    en: 'The form is approved; reopen it with a reason instead.',
  },
  'workflow.notParentLevel': {
    vi: 'Chỉ đơn vị cấp trên mới được phê duyệt hoặc trả lại biểu mẫu này.',
    en: 'Only the parent level may approve or return this form.',
  },
  'workflow.notCompleter': {
    vi: 'Bạn không có quyền hủy hoàn thành biểu mẫu này.',
    en: 'You may not uncomplete this form.',
  },
  'workflow.periodType': {
    vi: 'Kỳ báo cáo không đúng loại kỳ của biểu mẫu.',
    en: 'The period does not match the data set’s period type.',
  },
  'workflow.tooManyPeriods': { vi: 'Khoảng thời gian quá dài (tối đa {max} kỳ).', en: 'Too many periods (at most {max}).' },
};
