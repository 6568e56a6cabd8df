// Server messages of the notification centre (vi, en): the texts of each kind of notice and of the
// emails. A notice's text is `notification.<kind>.title` (and `.body` when defined) filled with the
// notice's params; the params each kind expects are listed beside it. A module adding a kind brings
// its own two messages (through its descriptor's `messages`).
export const messages: Record<string, { vi: string; en: string }> = {
  // Tasks (directives). Params: task (the task's content, short), unit, deadline, days, reason, decision.
  // A placeholder without a value is left empty; a body whose placeholders are all empty is left out.
  'notification.task.assigned.title': { vi: 'Nhiệm vụ mới: {task}', en: 'New task: {task}' },
  'notification.task.assigned.body': { vi: 'Giao cho {unit}. Hạn hoàn thành: {deadline}.', en: 'Assigned to {unit}. Due: {deadline}.' },
  'notification.task.dueSoon.title': { vi: 'Sắp đến hạn: {task}', en: 'Due soon: {task}' },
  'notification.task.dueSoon.body': {
    vi: '{unit}: hạn hoàn thành {deadline}, còn {days} ngày làm việc.',
    en: '{unit}: due {deadline}, {days} working day(s) left.',
  },
  'notification.task.overdue.title': { vi: 'Quá hạn: {task}', en: 'Overdue: {task}' },
  'notification.task.overdue.body': {
    vi: '{unit}: hạn hoàn thành {deadline}, đã quá hạn {days} ngày.',
    en: '{unit}: was due {deadline}, {days} day(s) overdue.',
  },
  'notification.task.extensionDecided.title': { vi: 'Đề nghị gia hạn {decision}: {task}', en: 'Extension request {decision}: {task}' },
  'notification.task.extensionDecided.body': { vi: 'Hạn hoàn thành: {deadline}.', en: 'Due: {deadline}.' },
  'notification.task.submitted.title': { vi: 'Kết quả chờ xác nhận: {task}', en: 'Result awaiting confirmation: {task}' },
  'notification.task.submitted.body': { vi: '{unit} đã báo cáo kết quả thực hiện.', en: '{unit} has reported the result.' },
  'notification.task.confirmed.title': { vi: 'Nhiệm vụ được xác nhận hoàn thành: {task}', en: 'Task confirmed as done: {task}' },
  'notification.task.returned.title': { vi: 'Nhiệm vụ bị trả lại: {task}', en: 'Task sent back: {task}' },
  'notification.task.returned.body': { vi: 'Lý do: {reason}', en: 'Reason: {reason}' },
  'notification.task.refused.title': { vi: 'Đơn vị không nhận nhiệm vụ: {task}', en: 'Task refused: {task}' },
  'notification.task.refused.body': { vi: 'Lý do: {reason}', en: 'Reason: {reason}' },
  'notification.task.extensionRequested.title': { vi: 'Đề nghị gia hạn: {task}', en: 'Extension requested: {task}' },
  'notification.task.extensionRequested.body': { vi: 'Đề nghị hạn mới: {deadline}. Lý do: {reason}', en: 'New date asked: {deadline}. Reason: {reason}' },
  'notification.task.withdrawn.title': { vi: 'Nhiệm vụ được thu hồi: {task}', en: 'Task withdrawn: {task}' },
  'notification.task.withdrawn.body': { vi: 'Lý do: {reason}', en: 'Reason: {reason}' },

  // Reporting (workflow). Params: dataSet, period, unit, by, reason, deadline, left.
  'notification.form.returned.title': { vi: 'Báo cáo bị trả lại: {dataSet} {period}', en: 'Form returned: {dataSet}, {period}' },
  'notification.form.returned.body': {
    vi: '{unit}: {by} trả lại để sửa. Lý do: {reason}',
    en: '{unit}: returned by {by} for correction. Reason: {reason}',
  },
  'notification.form.dueSoon.title': { vi: 'Sắp đến hạn nộp: {dataSet} {period}', en: 'Due soon: {dataSet}, {period}' },
  'notification.form.dueSoon.body': {
    vi: '{unit}: hạn nộp {deadline} ({left}); biểu mẫu chưa hoàn thành.',
    en: '{unit}: due {deadline} ({left}); the form is not completed yet.',
  },

  // Emails.
  'notification.email.open': { vi: 'Xem chi tiết: {url}', en: 'Open: {url}' },
  'notification.email.openApp': { vi: 'Mở soyte để xem chi tiết.', en: 'Open soyte for the details.' },
  'notification.email.footer': {
    vi: 'Thư gửi tự động từ soyte, xin đừng trả lời thư này. Tất cả thông báo của bạn: {url}',
    en: 'Sent automatically by soyte; please do not reply. All your notifications: {url}',
  },
  'notification.email.footerNoUrl': {
    vi: 'Thư gửi tự động từ soyte, xin đừng trả lời thư này.',
    en: 'Sent automatically by soyte; please do not reply.',
  },
};
