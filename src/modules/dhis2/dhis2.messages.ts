// Server messages of the dhis2 module (vi, en), registered through the module descriptor (index.ts).
import type { Messages } from '../../core/i18n.js';

export const messages: Messages = {
  'dhis2.filter': { vi: 'Bộ lọc không được hỗ trợ: {filter}.', en: 'Unsupported filter: {filter}.' },
  'dhis2.filter.syntax': {
    vi: 'Bộ lọc {filter} sai cú pháp: cần dạng thuộc_tính:phép_so_sánh:giá_trị (ví dụ code:eq:TTYT399).',
    en: 'Filter {filter} is malformed: use property:operator:value (e.g. code:eq:TTYT399).',
  },
  'dhis2.filter.noValue': { vi: 'Bộ lọc {filter} thiếu giá trị để so sánh.', en: 'Filter {filter} has no value to compare with.' },
  'dhis2.filter.list': {
    vi: 'Bộ lọc {filter}: danh sách giá trị phải đặt trong ngoặc vuông, ví dụ id:in:[a,b].',
    en: 'Filter {filter}: the list of values must be in square brackets, e.g. id:in:[a,b].',
  },
  'dhis2.filter.emptyList': { vi: 'Bộ lọc {filter}: danh sách giá trị rỗng.', en: 'Filter {filter}: the list of values is empty.' },
  'dhis2.filter.longList': {
    vi: 'Bộ lọc {filter}: danh sách có quá {max} giá trị; hãy chia thành nhiều yêu cầu.',
    en: 'Filter {filter}: the list has more than {max} values; split the request.',
  },
  'dhis2.fields.syntax': { vi: 'Tham số fields không hợp lệ: {fields}.', en: 'Invalid fields parameter: {fields}.' },
  'dhis2.fields.brackets': {
    vi: 'Tham số fields có ngoặc không khớp: {fields}.',
    en: 'The fields parameter has unbalanced brackets: {fields}.',
  },
  'dhis2.fields.deep': {
    vi: 'Tham số fields lồng nhau quá {max} cấp: {fields}.',
    en: 'The fields parameter nests more than {max} levels: {fields}.',
  },
};
