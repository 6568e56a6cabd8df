// Server messages of the orgunits module (vi, en), registered through the module descriptor (index.ts).
import type { Messages } from '../../core/i18n.js';

export const messages: Messages = {
  'field.unknownKind': { vi: 'Loại đơn vị không hợp lệ.', en: 'Unknown unit kind.' },
  'orgUnit.codeTaken': { vi: 'Mã đơn vị {code} đã tồn tại.', en: 'Organisation unit code {code} already exists.' },
  'orgUnit.notOpen': {
    vi: 'Đơn vị {code} không hoạt động vào ngày {date}.',
    en: 'Organisation unit {code} is not open on {date}.',
  },
  'orgUnit.intoDescendant': {
    vi: 'Không thể sáp nhập {code} vào {successor}: {successor} là đơn vị trực thuộc {code}.',
    en: 'Cannot merge {code} into {successor}: {successor} lies inside {code}.',
  },
  'orgUnit.levelsDiffer': {
    vi: 'Không thể sáp nhập hoặc chia tách {code} vào {successor}: hai đơn vị không cùng cấp.',
    en: 'Cannot merge or split {code} into {successor}: the units are not on the same level.',
  },
  'orgUnit.levelMismatch': {
    vi: 'Đơn vị {code} không thể đặt ở cấp {level} (loại đơn vị này không thuộc cấp đó).',
    en: 'Unit {code} cannot sit on level {level}: its kind does not belong there.',
  },
  'orgUnit.wouldCorrupt': {
    vi: 'Thay đổi bị từ chối: cây đơn vị sẽ bị hỏng (đơn vị {code} không còn thuộc cây từ ngày {date}).',
    en: 'Change refused: it would break the tree (unit {code} would no longer hang in the tree from {date}).',
  },
  'orgUnit.farFuture': {
    vi: 'Ngày hiệu lực {date} quá xa (hơn {days} ngày tới). Hãy kiểm tra lại ngày, hoặc xác nhận thay đổi trong tương lai xa.',
    en: 'The effective date {date} is more than {days} days ahead. Check it, or confirm with future: true.',
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
};
