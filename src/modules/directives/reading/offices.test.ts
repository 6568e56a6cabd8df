import { describe, expect, it } from 'vitest';
import { demoUnits } from './demo-units.js';
import { DEPARTMENT_OFFICES, officeCode } from './offices.js';
import { findUnitMentions } from './units.js';

const units = demoUnits();
const found = (text: string, aliases: Record<string, string> = {}) =>
  findUnitMentions(text, units, { aliases }).map((m) => ({ quote: m.quote, codes: m.units.map((u) => u.code) }));
const codes = (text: string) => found(text).map((m) => m.codes);

describe('the department’s offices', () => {
  it('are a constant the org-unit seeding uses, coded after the department', () => {
    expect(DEPARTMENT_OFFICES.map((o) => o.suffix)).toEqual(['VP', 'KHTC', 'NVY', 'NVD', 'TCCB', 'TTRA', 'QLHN']);
    expect(new Set(DEPARTMENT_OFFICES.map((o) => o.suffix)).size).toBe(DEPARTMENT_OFFICES.length);
    for (const o of DEPARTMENT_OFFICES) expect(o.nameEn).toMatch(/\S/u);
    expect(officeCode('SYT38', 'KHTC')).toBe('SYT38_KHTC');
  });

  it('by name or alias, with or without tone marks, whatever the dash and the case of "Phòng"', () => {
    for (const text of ['Phòng Kế hoạch – Tài chính', 'Phòng Kế hoạch-Tài chính', 'phòng Kế hoạch tài chính', 'Phong Ke hoach - Tai chinh', 'Phòng KH-TC', 'Phòng KH–TC', 'Phòng KHTC', 'P.KHTC']) {
      expect(codes(`${text} chủ trì`), text).toEqual([['SYT38_KHTC']]);
    }
    expect(codes('Phòng Nghiệp vụ Y')).toEqual([['SYT38_NVY']]);
    expect(codes('Phòng NV Dược')).toEqual([['SYT38_NVD']]);
    expect(codes('Phòng Tổ chức cán bộ')).toEqual([['SYT38_TCCB']]);
    expect(codes('Thanh tra Sở Y tế')).toEqual([['SYT38_TTRA']]);
    expect(codes('Phòng Quản lý hành nghề y dược tư nhân')).toEqual([['SYT38_QLHN']]);
    expect(codes('Văn phòng Sở')).toEqual([['SYT38_VP']]);
  });

  it('in a list after a first office, without the word "Phòng" (seed 004)', () => {
    expect(found('giao phòng Kế hoạch tài chính, Nghiệp vụ y, Trung tâm Kiểm soát bệnh tật tỉnh tham mưu')).toEqual([
      { quote: 'phòng Kế hoạch tài chính', codes: ['SYT38_KHTC'] },
      { quote: 'Nghiệp vụ y', codes: ['SYT38_NVY'] },
      { quote: 'Trung tâm Kiểm soát bệnh tật tỉnh', codes: ['CDC38'] },
    ]);
  });

  it('not the work that bears the same words, nor other bodies’ offices', () => {
    expect(codes('thực hiện tốt công tác kế hoạch tài chính')).toEqual([]);
    expect(codes('nâng cao trình độ chuyên môn, nghiệp vụ y tế')).toEqual([]);
    expect(codes('Văn phòng Tỉnh ủy thông báo')).toEqual([]);
    expect(codes('mua sắm máy tính, thiết bị văn phòng')).toEqual([]);
    expect(codes('hoạt động thanh tra, kiểm tra chuyên ngành')).toEqual([]);
  });

  it('"…, Sở Y tế" after an office says whose office it is: no unit of its own', () => {
    expect(found('Phòng Kế hoạch-Tài chính, Sở Y tế hướng dẫn')).toEqual([{ quote: 'Phòng Kế hoạch-Tài chính, Sở Y tế', codes: ['SYT38_KHTC'] }]);
    expect(found('phối hợp Văn phòng, Phòng Nghiệp vụ, Sở Y tế và các đơn vị liên quan')).toEqual([
      { quote: 'Văn phòng', codes: ['SYT38_VP'] },
      { quote: 'Phòng Nghiệp vụ, Sở Y tế', codes: [] }, // Y or Dược? kept with its words
    ]);
  });

  it('collectives: all the offices', () => {
    const all = DEPARTMENT_OFFICES.map((o) => officeCode('SYT38', o.suffix));
    for (const text of ['các phòng chức năng', 'Các phòng chức năng thuộc Sở', 'Văn phòng và các phòng', 'phòng chuyên môn Sở', 'Các phòng Chuyên môn Sở Y tế']) {
      expect(codes(`Giao ${text} triển khai`), text).toEqual([all]);
    }
    // the district's "phòng, ban" are not the department's
    expect(codes('phối hợp với các phòng, ban, đơn vị tại địa phương')).toEqual([]);
  });
});

describe('the department, its sets, and bodies outside the tree', () => {
  it('"Sở Y tế", "SYT", "Sở Y tế Thanh Hóa" are the department', () => {
    expect(codes('báo cáo Sở Y tế trước ngày 05/11/2022')).toEqual([['SYT38']]);
    expect(codes('gửi SYT')).toEqual([['SYT38']]);
    expect(found('Sở Y tế Thanh Hóa')).toEqual([{ quote: 'Sở Y tế Thanh Hóa', codes: ['SYT38'] }]);
  });

  it('"các đơn vị trực thuộc" are the department’s units, its offices aside; "các đơn vị tuyến tỉnh" the province-level ones', () => {
    expect(codes('các đơn vị trực thuộc')).toEqual([['BVDK38', 'CDC38', 'TTYT380', 'TTYT381', 'TTYT382', 'TTYT399']]);
    expect(codes('Yêu cầu Trung tâm Kiểm soát bệnh tật tỉnh và các đơn vị tuyến tỉnh')).toEqual([['CDC38'], ['BVDK38', 'CDC38']]);
  });

  it('stations: all of them, or those of the centre the sentence names', () => {
    const all = ['TYT14755', 'TYT14764', 'TYT14830', 'TYT15877', 'TYT15961'];
    expect(codes('Các Trạm Y tế củng cố')).toEqual([all]);
    expect(codes('TYT các xã, phường')).toEqual([all]);
    expect(codes('Trung tâm Y tế huyện Hoằng Hóa chỉ đạo các Trạm Y tế')).toEqual([['TTYT399'], ['TYT15877', 'TYT15961']]);
    expect(codes('Trung tâm Y tế huyện Hoằng Hóa họp. Các Trạm Y tế củng cố')).toEqual([['TTYT399'], all]);
  });

  it('"Các Trung tâm Y tế, Trạm Y tế": "các" holds for both', () => {
    expect(codes('Các Trung tâm Y tế, Trạm Y tế tiến hành rà soát')).toEqual([
      ['TTYT380', 'TTYT381', 'TTYT382', 'TTYT399'],
      ['TYT14755', 'TYT14764', 'TYT14830', 'TYT15877', 'TYT15961'],
    ]);
  });

  it('named stations listed after one type word', () => {
    expect(codes('các TYT xã Hoằng Xuân, Hoằng Lộc thực hiện')).toEqual([['TYT15877'], ['TYT15961']]);
  });

  it('"PYT", "Phòng Y tế" (the district’s) are kept with their words and no unit', () => {
    expect(found('PYT các địa phương')).toEqual([{ quote: 'PYT các địa phương', codes: [] }]);
    expect(found('Các Phòng Y tế, Trạm Y tế khẩn trương')[0]).toEqual({ quote: 'Các Phòng Y tế', codes: [] });
  });

  it('an alias maps another province’s unit to a stand-in, however it is written', () => {
    const aliases = { 'TTYT TP. Hạ Long': 'u-ttyt380', 'Phòng Nghiệp vụ': 'u-syt38_nvy' };
    expect(found('Trung tâm Y tế TP. Hạ Long rà soát', aliases)).toEqual([{ quote: 'Trung tâm Y tế TP. Hạ Long', codes: ['TTYT380'] }]);
    expect(found('TTYT thành phố Hạ Long', aliases)[0]!.codes).toEqual(['TTYT380']);
    expect(found('Giao Phòng Nghiệp vụ chủ trì', aliases)).toEqual([{ quote: 'Phòng Nghiệp vụ', codes: ['SYT38_NVY'] }]);
    // without the alias: the words, no unit
    expect(found('Trung tâm Y tế TP. Hạ Long rà soát')).toEqual([{ quote: 'Trung tâm Y tế TP. Hạ Long', codes: [] }]);
  });
});
