// Server messages of the users module (vi, en), registered through the module descriptor (index.ts).
import type { Messages } from '../../core/i18n.js';

export const messages: Messages = {
  'notFound.user': { vi: 'Không tìm thấy người dùng {id}.', en: 'User {id} not found.' },
  'notFound.token': { vi: 'Không tìm thấy mã truy cập {id}.', en: 'API token {id} not found.' },
  'password.tooShort': { vi: 'Mật khẩu cần ít nhất {min} ký tự.', en: 'The password needs at least {min} characters.' },
  'password.tooLong': { vi: 'Mật khẩu quá dài (tối đa 200 ký tự).', en: 'The password is too long (200 characters at most).' },
  'password.repetitive': {
    vi: 'Mật khẩu quá đơn giản (lặp lại ít ký tự). Hãy dùng một cụm từ dài hơn.',
    en: 'The password is too simple (a few repeated characters). Use a longer phrase.',
  },
  'password.common': {
    vi: 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.',
    en: 'This password is too common and easy to guess. Choose another one.',
  },
  'password.personal': {
    vi: 'Mật khẩu không được chứa tên đăng nhập hoặc mã đơn vị.',
    en: 'The password must not contain the username or the unit code.',
  },
  'password.wrongCurrent': { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  'password.same': { vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.', en: 'The new password must differ from the current one.' },
  'field.unknownRole': { vi: 'Vai trò không tồn tại.', en: 'Unknown role.' },
  'user.usernameTaken': { vi: 'Tên đăng nhập đã được dùng.', en: 'The username is already taken.' },
  'user.roleTooHigh': {
    vi: 'Bạn không thể cấp vai trò cao hơn quyền của mình.',
    en: 'You cannot grant a role with permissions you do not have.',
  },
  'user.globalScope': {
    vi: 'Chỉ quản trị hệ thống mới có phạm vi toàn hệ thống; hãy chọn đơn vị.',
    en: 'Only system administrators may have no unit; choose a unit.',
  },
  'user.selfLockout': {
    vi: 'Bạn không thể tự khóa hoặc tự bỏ quyền quản trị của mình.',
    en: 'You cannot disable yourself or remove your own administrator role.',
  },
};
