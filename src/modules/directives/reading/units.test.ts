import { describe, expect, it } from 'vitest';
import { findUnitMentions, type UnitEntry } from './units.js';

// A small province in the shape of the demo's tree.
const units: UnitEntry[] = [
  { id: 'syt', code: 'SYT38', name: 'Sở Y tế Thanh Hóa', kind: 'department', parentId: null },
  { id: 'hh', code: 'TTYT399', name: 'Trung tâm Y tế huyện Hoằng Hóa', kind: 'health_centre', parentId: 'syt' },
  { id: 'tp', code: 'TTYT380', name: 'Trung tâm Y tế thành phố Thanh Hóa', kind: 'health_centre', parentId: 'syt' },
  { id: 'ss', code: 'TTYT382', name: 'Trung tâm Y tế thành phố Sầm Sơn', kind: 'health_centre', parentId: 'syt' },
  { id: 'kh', code: 'SYT38_KHTC', name: 'Phòng Kế hoạch – Tài chính', kind: 'office', parentId: 'syt' },
  { id: 'bv', code: 'BVDK38', name: 'Bệnh viện Đa khoa tỉnh Thanh Hóa', kind: 'hospital', parentId: 'syt' },
  { id: 'cdc', code: 'CDC38', name: 'Trung tâm Kiểm soát bệnh tật tỉnh Thanh Hóa', kind: 'cdc', parentId: 'syt' },
  { id: 'hx', code: 'TYT15877', name: 'Trạm Y tế xã Hoằng Xuân', kind: 'station', parentId: 'hh' },
  { id: 'hl', code: 'TYT15961', name: 'Trạm Y tế xã Hoằng Lộc', kind: 'station', parentId: 'hh' },
];

const codes = (text: string) => findUnitMentions(text, units).map((m) => ({ quote: m.quote, collective: m.collective, codes: m.units.map((u) => u.code) }));

describe('units named in a notice', () => {
  it('by name, with or without tone marks, with the usual abbreviations', () => {
    expect(codes('Giao Trung tâm Y tế huyện Hoằng Hóa chủ trì')).toEqual([{ quote: 'Trung tâm Y tế huyện Hoằng Hóa', collective: false, codes: ['TTYT399'] }]);
    expect(codes('TTYT TP. Thanh Hoá báo cáo')).toEqual([{ quote: 'TTYT TP. Thanh Hoá', collective: false, codes: ['TTYT380'] }]);
    expect(codes('Tram y te xa Hoang Xuan').map((m) => m.codes)).toEqual([['TYT15877']]); // typed without tone marks
    expect(codes('đầu tư xây dựng mới 56 trạm y tế xã, phường')).toEqual([]); // a common noun, not a unit
    expect(codes('TYT xã Hoằng Lộc và Trạm Y tế xã Hoằng Xuân phối hợp').map((m) => m.codes)).toEqual([['TYT15961'], ['TYT15877']]);
    expect(codes('BVĐK tỉnh Thanh Hóa').map((m) => m.codes)).toEqual([['BVDK38']]);
  });

  it('a unit of another province is kept with its words and no unit', () => {
    expect(codes('Trung tâm Y tế TP. Cẩm Phả hoàn thiện đề án')).toEqual([{ quote: 'Trung tâm Y tế TP. Cẩm Phả', collective: false, codes: [] }]);
  });

  it('collective phrases become their sets', () => {
    expect(codes('Yêu cầu Giám đốc các Trung tâm Y tế: có phương án')).toEqual([
      { quote: 'Giám đốc các Trung tâm Y tế', collective: true, codes: ['TTYT399', 'TTYT380', 'TTYT382'] },
    ]);
    expect(codes('Trung tâm Y tế các huyện/thị xã/thành phố rà soát lại')[0]).toMatchObject({ quote: 'Trung tâm Y tế các huyện/thị xã/thành phố', collective: true });
    expect(codes('Các Trạm Y tế củng cố')[0]).toMatchObject({ collective: true, codes: ['TYT15877', 'TYT15961'] });
    // the department's offices are not among "các đơn vị trực thuộc"
    expect(codes('Đề nghị các đơn vị trực thuộc')[0]!.codes).toEqual(['TTYT399', 'TTYT380', 'TTYT382', 'BVDK38', 'CDC38']);
    expect(codes('Giao các bệnh viện tuyến tỉnh (đa khoa, chuyên khoa)')[0]).toMatchObject({ quote: 'các bệnh viện tuyến tỉnh', codes: ['BVDK38'] });
  });

  it('a name never runs on into the next paragraph, and "quan tâm" is no district', () => {
    expect(codes('cho các Trạm Y tế\n\nYêu cầu')).toEqual([{ quote: 'các Trạm Y tế', collective: true, codes: ['TYT15877', 'TYT15961'] }]);
    expect(codes('Giám đốc các Trung tâm Y tế quan tâm chỉ đạo')[0]!.quote).toBe('Giám đốc các Trung tâm Y tế');
  });

  it('keeps where the words are', () => {
    const text = 'Giao TTYT TP. Thanh Hóa chủ trì, phối hợp các Trạm Y tế';
    for (const m of findUnitMentions(text, units)) expect(text.slice(m.start, m.end)).toBe(m.quote);
  });
});
