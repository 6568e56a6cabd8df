// Server-side messages (errors, CLI, documents). The API answers in the caller's language
// (Accept-Language), Vietnamese by default. The kernel's own messages are here; every module brings its
// own through its descriptor (`messages`), registered by the module registry (core/modules.ts).

import { periodMessages } from '../lib/periods.vi.js';

export type Locale = 'vi' | 'en';

const coreMessages: Messages = {
  'workers.busy': {
    vi: 'Máy chủ đang xuất nhiều tệp lớn cùng lúc. Hãy thử lại sau khoảng {seconds} giây.',
    en: 'The server is writing several large files at once. Try again in about {seconds} seconds.',
  },
  'workers.outOfMemory': {
    vi: 'Yêu cầu quá lớn để xử lý một lần; hãy chọn ít chỉ tiêu, kỳ hoặc đơn vị hơn.',
    en: 'The request is too large to process at once; choose fewer data items, periods or units.',
  },
  VALIDATION_FAILED: { vi: 'Dữ liệu không hợp lệ.', en: 'The request is not valid.' },
  UNAUTHENTICATED: { vi: 'Bạn cần đăng nhập.', en: 'Authentication is required.' },
  INVALID_CREDENTIALS: {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa do đăng nhập sai nhiều lần.',
    en: 'Wrong username or password, or the account is locked after too many failed logins.',
  },
  ACCOUNT_LOCKED: {
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau {minutes} phút.',
    en: 'The account is locked after too many failed logins. Try again in {minutes} minutes.',
  },
  CSRF_FAILED: {
    vi: 'Phiên làm việc không hợp lệ, hãy tải lại trang.',
    en: 'Missing or wrong CSRF token; reload the page.',
  },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  OUT_OF_SCOPE: {
    vi: 'Đơn vị này nằm ngoài phạm vi quản lý của bạn.',
    en: 'This organisation unit is outside your scope.',
  },
  NOT_FOUND: { vi: 'Không tìm thấy.', en: 'Not found.' },
  CONFLICT: { vi: 'Thao tác xung đột với dữ liệu hiện có.', en: 'The request conflicts with existing data.' },
  QUERY_TOO_LARGE: {
    vi: 'Yêu cầu quá lớn. Hãy thu hẹp phạm vi (ít chỉ tiêu, ít kỳ hoặc ít đơn vị hơn).',
    en: 'The request is too large. Narrow it (fewer data items, periods or units).',
  },
  PAYLOAD_TOO_LARGE: { vi: 'Tệp hoặc dữ liệu gửi lên quá lớn.', en: 'The upload is too large.' },
  RATE_LIMITED: { vi: 'Quá nhiều yêu cầu, hãy thử lại sau ít phút.', en: 'Too many requests; try again later.' },
  BUSY: { vi: 'Máy chủ đang bận, hãy thử lại sau ít phút.', en: 'The server is busy; try again in a few minutes.' },
  UNSUPPORTED: { vi: 'Yêu cầu chưa được hỗ trợ.', en: 'This request is not supported.' },
  INTERNAL: { vi: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị.', en: 'Internal error. Try again or contact the administrator.' },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  'notFound.orgUnit': { vi: 'Không tìm thấy đơn vị {id}.', en: 'Organisation unit {id} not found.' },
  'notFound.route': { vi: 'Không có địa chỉ {id}.', en: 'No such endpoint: {id}.' },
  'field.required': { vi: 'Bắt buộc nhập.', en: 'Required.' },
  'field.invalid': { vi: 'Giá trị không hợp lệ.', en: 'Invalid value.' },
  'field.date': { vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD).', en: 'Invalid date (use YYYY-MM-DD).' },
  'field.badCharacters': {
    vi: 'Có ký tự không hợp lệ (ký tự rỗng hoặc lỗi mã hóa).',
    en: 'Contains a character that cannot be stored (NUL or broken Unicode).',
  },
  'input.badCharacters': {
    vi: 'Dữ liệu gửi lên có ký tự không hợp lệ (ký tự rỗng hoặc lỗi mã hóa).',
    en: 'Field {field} contains a character that cannot be stored (NUL or a lone surrogate).',
  },
  'field.tooShort': { vi: 'Quá ngắn.', en: 'Too short.' },
  'field.tooLong': { vi: 'Quá dài.', en: 'Too long.' },
  'field.tooSmall': { vi: 'Nhỏ hơn mức cho phép.', en: 'Below the smallest allowed value.' },
  'field.tooLarge': { vi: 'Lớn hơn mức cho phép.', en: 'Above the largest allowed value.' },
};

export type Messages = Record<string, { vi: string; en: string }>;

const messages: Messages = { ...coreMessages, ...periodMessages };

/** Adds a module's messages to the catalogue. A key defined twice with another text is a programming error. */
export function registerMessages(add: Messages, owner = 'module'): void {
  for (const [key, text] of Object.entries(add)) {
    const had = messages[key];
    if (had && (had.vi !== text.vi || had.en !== text.en)) throw new Error(`Message ${key} of ${owner} is already defined differently`);
    messages[key] = text;
  }
}

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'vi';
  for (const part of acceptLanguage.split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}

export function translate(key: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const entry = hasMessage(key) ? messages[key] : undefined;
  if (!entry) return key;
  return entry[locale].replace(/\{(\w+)\}/g, (m, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m));
}

export function hasMessage(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(messages, key);
}
