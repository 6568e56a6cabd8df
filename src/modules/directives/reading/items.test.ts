import { describe, expect, it } from 'vitest';
import { seedText } from './seeds.test-helper.js';
import { cleanNoticeText, splitNotice, type TextNode } from './items.js';

const markers = (nodes: TextNode[]) => nodes.map((n) => n.marker);

describe('splitting a notice into sections, items and points', () => {
  const notice = [
    'THÔNG BÁO',
    '',
    'Kính gửi:',
    '- Các phòng chức năng Sở Y tế;',
    '- Trung tâm Y tế các huyện.',
    '',
    '1. Giao Phòng Kế hoạch Tài chính chủ trì, phối hợp Văn phòng:',
    '',
    '- Tiếp tục rà soát các quy định về trạm y tế và đầu tư xây dựng mới 56 trạm y tế xã, phường trên địa',
    '',
    'bàn tỉnh; đảm bảo đúng tiến độ.',
    '',
    '- Khẩn trương tham mưu trình UBND tỉnh các dự toán kinh phí.',
    '',
    '#### 2. **Về công nghệ thông tin**',
    '',
    'Các Trạm Y tế rà soát các phần mềm đang triển khai.',
    '',
    'Trên đây ý kiến chỉ đạo của Giám đốc Sở Y tế.',
    '',
    'Nơi nhận:',
    '- Như trên;',
    '- Lưu: VT.',
  ].join('\n');

  it('finds the items and their points; the addressees and the closing are not items', () => {
    const s = splitNotice(notice);
    expect(markers(s.nodes)).toEqual(['1', '2']);
    expect(markers(s.nodes[0]!.children)).toEqual(['-', '-']);
    expect(s.nodes[1]!.children).toEqual([]);
    expect(s.text.slice(s.preamble.start, s.preamble.end)).toContain('Kính gửi');
    expect(s.text.slice(s.closing)).toMatch(/^Trên đây/u);
  });

  it('joins a line broken in mid-sentence, removes Markdown marks, and keeps unmarked paragraphs with their item', () => {
    const s = splitNotice(notice);
    expect(s.nodes[0]!.children[0]!.text).toBe('- Tiếp tục rà soát các quy định về trạm y tế và đầu tư xây dựng mới 56 trạm y tế xã, phường trên địa bàn tỉnh; đảm bảo đúng tiến độ.');
    expect(s.nodes[1]!.text).toBe('2. Về công nghệ thông tin\n\nCác Trạm Y tế rà soát các phần mềm đang triển khai.');
    // Positions point into the cleaned text.
    const point = s.nodes[0]!.children[1]!;
    expect(s.text.slice(point.start, point.end)).toBe(point.text);
  });

  it('keeps a new sentence on its own line apart', () => {
    expect(cleanNoticeText('Dòng một.\nDòng hai.')).toBe('Dòng một.\n\nDòng hai.');
    expect(cleanNoticeText('trên địa\nbàn tỉnh')).toBe('trên địa bàn tỉnh');
  });

  it('a paragraph ending with "./." closes the text, unless it is an item', () => {
    const s = splitNotice('1. Giao Văn phòng Sở rà soát.\n\n2. Giao Thanh tra Sở kiểm tra./.\n\nNơi nhận:');
    expect(markers(s.nodes)).toEqual(['1', '2']);
    const t = splitNotice('1. Giao Văn phòng Sở rà soát.\n\nVăn phòng thông báo để các đơn vị biết, thực hiện./.\n\n- Như trên;');
    expect(t.nodes[0]!.text).toBe('1. Giao Văn phòng Sở rà soát.');
    expect(t.text.slice(t.closing)).toMatch(/^Văn phòng thông báo/u);
  });
});

describe('the seed notices', () => {
  const read = seedText;

  it.skipIf(!read('003_'))('seed 003: five items addressed to the offices; item 1 has four points, item 2 two', () => {
    const s = splitNotice(read('003_')!);
    expect(markers(s.nodes)).toEqual(['1', '2', '3', '4', '5']);
    expect(s.nodes.map((n) => n.children.length)).toEqual([4, 2, 0, 0, 0]);
    expect(s.nodes[4]!.text).toMatch(/^5\. Giao các bệnh viện tuyến tỉnh/u);
  });

  it.skipIf(!read('000_'))('seed 000: ten items, the closing after item 10', () => {
    const s = splitNotice(read('000_')!);
    expect(markers(s.nodes)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(s.nodes[4]!.children).toHaveLength(4);
    expect(s.text.slice(s.closing)).toMatch(/^Thừa lệnh/u);
  });

  it.skipIf(!read('002_'))('seed 002: the tasks of item 2 are its numbered points "1-" to "9-"; the request under "* Đối với …" is apart', () => {
    const s = splitNotice(read('002_')!);
    expect(markers(s.nodes)).toEqual(['1', '2', '*']);
    expect(markers(s.nodes[1]!.children)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // "chậm nhất ngày 8/10/2016" is the request's, not point 9's
    expect(s.nodes[1]!.children[8]!.text).not.toMatch(/8\/10\/2016/u);
    expect(s.nodes[2]!.text).toMatch(/^\* Đối với các kiến nghị[\s\S]*chậm nhất ngày 8\/10\/2016/u);
    // "Văn phòng Tỉnh ủy thông báo … biết, thực hiện./." closes the text
    expect(s.text.slice(s.closing)).toMatch(/^Văn phòng Tỉnh ủy thông báo/u);
  });

  it.skipIf(!read('004_'))('seed 004: three sections; the tasks are the ten items of section III', () => {
    const s = splitNotice(read('004_')!);
    expect(s.nodes.map((n) => `${n.kind} ${n.marker}`)).toEqual(['section I', 'section II', 'section III']);
    expect(markers(s.nodes[2]!.children)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(s.nodes[1]!.children).toHaveLength(7);
  });
});
