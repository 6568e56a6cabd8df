import { describe, expect, it } from 'vitest';
import { demoUnits } from './demo-units.js';
import { findRoles } from './roles.js';
import { findUnitMentions } from './units.js';

const units = demoUnits();
const CENTRES = ['TTYT380', 'TTYT381', 'TTYT382', 'TTYT399'];
const STATIONS = ['TYT14755', 'TYT14764', 'TYT14830', 'TYT15877', 'TYT15961'];

/** The codes that lead and cooperate in `text`. */
function roles(text: string) {
  const found = findRoles(text, findUnitMentions(text, units), 0, text.length);
  const of = (role: string) => found.filter((r) => r.role === role).flatMap((r) => r.mentions.flatMap((m) => (m.units.length ? m.units.map((u) => u.code) : [`?${m.quote}`])));
  return { lead: of('lead'), cooperating: of('cooperating') };
}

describe('lead and cooperating units', () => {
  it('"X chủ trì, phối hợp Y": X leads, Y cooperates', () => {
    expect(roles('Phòng KH-TC chủ trì, phối hợp Văn phòng Sở rà soát dự toán')).toEqual({ lead: ['SYT38_KHTC'], cooperating: ['SYT38_VP'] });
    expect(roles('1. Giao Phòng Kế hoạch Tài chính chủ trì, phối hợp Văn phòng, Phòng Nghiệp vụ Y, Sở Y tế và các đơn vị liên quan:')).toEqual({
      lead: ['SYT38_KHTC'],
      cooperating: ['SYT38_VP', 'SYT38_NVY'],
    });
  });

  it('"Giao X phối hợp với Y", "Y phối hợp với X": the subject leads', () => {
    expect(roles('Giao Trung tâm Kiểm soát bệnh tật phối hợp với Trung tâm Y tế có chương trình đánh giá')).toEqual({ lead: ['CDC38'], cooperating: CENTRES });
    expect(roles('Thanh tra Sở phối hợp với Phòng Nghiệp vụ Dược kiểm tra')).toEqual({ lead: ['SYT38_TTRA'], cooperating: ['SYT38_NVD'] });
  });

  it('"Yêu cầu X", "Đề nghị X", "X: …" and a subject list open the sentence', () => {
    expect(roles('Yêu cầu Giám đốc các Trung tâm Y tế: (1) Có phương án bố trí nhân lực').lead).toEqual(CENTRES);
    expect(roles('Đề nghị Sở Y tế tập hợp các kiến nghị').lead).toEqual(['SYT38']);
    expect(roles('3. Trung tâm Y tế thị xã Bỉm Sơn, Trung tâm Y tế thành phố Sầm Sơn: hoàn thiện hồ sơ').lead).toEqual(['TTYT381', 'TTYT382']);
    expect(roles('- Các Phòng Y tế, Trạm Y tế khẩn trương rà soát').lead).toEqual(['?Các Phòng Y tế', ...STATIONS]);
    expect(roles('Giao các bệnh viện tuyến tỉnh (đa khoa, chuyên khoa) và Trung tâm Y tế các huyện, thành phố: Định kỳ báo cáo').lead).toEqual([
      'BVDK38',
      ...CENTRES,
    ]);
  });

  it('a request inside a sentence: "(giao X, Y tham mưu)", ", đề nghị các Giám đốc …"', () => {
    expect(roles('Hoàn thành trước tháng 10/2020 (giao phòng Kế hoạch tài chính, Nghiệp vụ y, Trung tâm Kiểm soát bệnh tật tỉnh tham mưu).').lead).toEqual([
      'SYT38_KHTC',
      'SYT38_NVY',
      'CDC38',
    ]);
    expect(roles('Trong thời gian chờ đợi, đề nghị các Giám đốc các Trung tâm Y tế quan tâm đời sống').lead).toEqual(CENTRES);
  });

  it('objects, recipients, places and what was done are neither', () => {
    expect(roles('Giám đốc các Trung tâm Y tế rà soát, chỉ đạo các Trạm Y tế thực hiện; báo cáo về Sở Y tế')).toEqual({ lead: CENTRES, cooperating: [] });
    expect(roles('Phòng Kế hoạch-Tài chính, Sở Y tế hướng dẫn Trung tâm Y tế các huyện/thị xã/thành phố mua sắm')).toEqual({ lead: ['SYT38_KHTC'], cooperating: [] });
    expect(roles('tập hợp các kiến nghị của các đơn vị trực thuộc ngành y tế')).toEqual({ lead: [], cooperating: [] });
    expect(roles('Sau 09 tháng tiếp nhận, các Trạm Y tế đã triển khai đầy đủ các nhiệm vụ')).toEqual({ lead: [], cooperating: [] });
    expect(roles('Các Trạm Y tế đã được củng cố.')).toEqual({ lead: [], cooperating: [] });
    expect(roles('về Sở Y tế (qua phòng Kế hoạch Tài chính) để tổng hợp')).toEqual({ lead: [], cooperating: [] });
    // the department speaking assigns: "Giám đốc Sở Y tế giao Phòng NVY …"
    expect(roles('Giám đốc Sở Y tế giao Phòng Nghiệp vụ Y tổng hợp số liệu')).toEqual({ lead: ['SYT38_NVY'], cooperating: [] });
    // a bare type word is no unit as an object
    expect(roles('bố trí trụ sở cho Trung tâm Y tế, phòng khám đa khoa và Trạm Y tế')).toEqual({ lead: [], cooperating: [] });
  });
});
