// Server-side messages (errors, CLI). The API answers in the caller's language (Accept-Language), vi by default.

import { messages as analyticsMessages } from '../modules/analytics/analytics.messages.js';
import { messages as dashboardMessages } from '../modules/dashboards/dashboards.messages.js';
import { messages as geoMessages } from '../modules/geo/geo.messages.js';
import { messages as datavalueMessages } from '../modules/datavalues/datavalues.messages.js';
import { messages as importMessages } from '../modules/imports/imports.messages.js';
import { messages as metadataMessages } from '../modules/metadata/metadata.messages.js';
import { messages as planMessages } from '../modules/plans/plans.messages.js';
import { messages as reportMessages } from '../modules/reports/reports.messages.js';
import { messages as workflowMessages } from '../modules/workflow/workflow.messages.js';
import { periodMessages } from './periods.vi.js';

export type Locale = 'vi' | 'en';

const coreMessages: Record<string, { vi: string; en: string }> = {
  VALIDATION_FAILED: { vi: 'Dữ liệu không hợp lệ.', en: 'The request is not valid.' },
  UNAUTHENTICATED: { vi: 'Bạn cần đăng nhập.', en: 'Authentication is required.' },
  INVALID_CREDENTIALS: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
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
  RATE_LIMITED: { vi: 'Quá nhiều yêu cầu, hãy thử lại sau ít phút.', en: 'Too many requests; try again later.' },
  UNSUPPORTED: { vi: 'Yêu cầu chưa được hỗ trợ.', en: 'This request is not supported.' },
  INTERNAL: { vi: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị.', en: 'Internal error. Try again or contact the administrator.' },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  'notFound.orgUnit': { vi: 'Không tìm thấy đơn vị {id}.', en: 'Organisation unit {id} not found.' },
  'notFound.user': { vi: 'Không tìm thấy người dùng {id}.', en: 'User {id} not found.' },
  'notFound.token': { vi: 'Không tìm thấy mã truy cập {id}.', en: 'API token {id} not found.' },
  'notFound.route': { vi: 'Không có địa chỉ {id}.', en: 'No such endpoint: {id}.' },
  'field.required': { vi: 'Bắt buộc nhập.', en: 'Required.' },
  'field.invalid': { vi: 'Giá trị không hợp lệ.', en: 'Invalid value.' },
  'field.date': { vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD).', en: 'Invalid date (use YYYY-MM-DD).' },
  'field.tooShort': { vi: 'Quá ngắn.', en: 'Too short.' },
  'field.tooLong': { vi: 'Quá dài.', en: 'Too long.' },
  'field.passwordWeak': {
    vi: 'Mật khẩu cần ít nhất 8 ký tự, gồm chữ và số.',
    en: 'The password needs at least 8 characters with letters and digits.',
  },
  'field.unknownRole': { vi: 'Vai trò không tồn tại.', en: 'Unknown role.' },
  'field.unknownKind': { vi: 'Loại đơn vị không hợp lệ.', en: 'Unknown unit kind.' },
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
  'orgUnit.codeTaken': { vi: 'Mã đơn vị {code} đã tồn tại.', en: 'Organisation unit code {code} already exists.' },
  'orgUnit.notOpen': {
    vi: 'Đơn vị {code} không hoạt động vào ngày {date}.',
    en: 'Organisation unit {code} is not open on {date}.',
  },
  'orgUnit.cycle': {
    vi: 'Không thể chuyển đơn vị vào chính đơn vị con của nó.',
    en: 'A unit cannot be moved under itself or one of its descendants.',
  },
  'orgUnit.beforeLastChange': {
    vi: 'Ngày hiệu lực phải sau lần thay đổi gần nhất của đơn vị ({date}).',
    en: 'The effective date must be after the unit’s last change ({date}).',
  },
  'orgUnit.hasOpenChildren': {
    vi: 'Đơn vị còn {count} đơn vị con đang hoạt động; hãy chuyển hoặc đóng chúng trước.',
    en: 'The unit still has {count} open child units; move or close them first.',
  },
  'orgUnit.sameName': { vi: 'Tên mới trùng tên hiện tại.', en: 'The new name equals the current one.' },
  'orgUnit.sameParent': { vi: 'Đơn vị đã thuộc đơn vị cấp trên này.', en: 'The unit already has this parent.' },
  'orgUnit.linkTwice': {
    vi: 'Đơn vị {code} đã có liên kết kế thừa tới đơn vị này.',
    en: 'Unit {code} is already linked to this successor.',
  },
  'orgUnit.weights': {
    vi: 'Tổng tỷ trọng chia tách phải bằng 1.',
    en: 'The weights of a split must add up to 1.',
  },
  'orgUnit.rootOnlyAdmin': {
    vi: 'Chỉ quản trị hệ thống mới tạo được đơn vị gốc.',
    en: 'Only a system administrator can create a root unit.',
  },
  'dhis2.filter': { vi: 'Bộ lọc không được hỗ trợ: {filter}.', en: 'Unsupported filter: {filter}.' },
};

const messages: Record<string, { vi: string; en: string }> = {
  ...coreMessages,
  ...periodMessages,
  ...metadataMessages,
  ...datavalueMessages,
  ...workflowMessages,
  ...planMessages,
  ...importMessages,
  ...analyticsMessages,
  ...dashboardMessages,
  ...geoMessages,
  ...reportMessages,
};

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
  const entry = messages[key];
  if (!entry) return key;
  return entry[locale].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function hasMessage(key: string): boolean {
  return key in messages;
}
