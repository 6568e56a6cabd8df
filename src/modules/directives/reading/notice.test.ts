import { describe, expect, it } from 'vitest';
import { demoUnits } from './demo-units.js';
import { standinAliases } from './expected/standins.js';
import { parseNotice, type ProposedTask } from './notice.js';
import { findOutput } from './output.js';
import { seedText } from './seeds.test-helper.js';

const units = demoUnits();
const CENTRES = ['TTYT380', 'TTYT381', 'TTYT382', 'TTYT399'];
const codes = (l: ProposedTask['lead']) => l.map((u) => u.code ?? `?${u.name}`);
const brief = (t: ProposedTask) => ({ item: t.item, lead: codes(t.lead), cooperating: codes(t.cooperating), deadline: t.deadline });
const parse = (text: string, docDate = '2023-09-12') => parseNotice(text, { units, docDate });

describe('reading a notice into proposed tasks', () => {
  it('points inherit their item’s lead and partners; each point is a task', () => {
    const r = parse(['1. Giao Phòng KH-TC chủ trì, phối hợp Văn phòng Sở:', '', 'a) Rà soát dự toán kinh phí trong quý III/2023.', '', 'b) Tham mưu bố trí vốn trong tháng 12.'].join('\n'));
    expect(r.tasks.map(brief)).toEqual([
      { item: '1.a', lead: ['SYT38_KHTC'], cooperating: ['SYT38_VP'], deadline: '2023-09-30' },
      { item: '1.b', lead: ['SYT38_KHTC'], cooperating: ['SYT38_VP'], deadline: '2023-12-31' },
    ]);
    const a = r.tasks[0]!;
    expect(a.content).toBe('Rà soát dự toán kinh phí trong quý III/2023.');
    expect(r.text.slice(a.quoteStart, a.quoteEnd)).toBe(a.quote);
    expect(a.unitQuotes.map((q) => [q.quote, q.role, q.inherited])).toEqual([
      ['Phòng KH-TC', 'lead', true],
      ['Văn phòng Sở', 'cooperating', true],
    ]);
    expect(a).toMatchObject({ deadlinePrecision: 'quarter', deadlineQuote: 'trong quý III/2023', deadlineFrom: 'task' });
  });

  it('a paragraph naming two leads makes two tasks, each with its own deadline', () => {
    const r = parse(
      '4. Về chuyên môn\n\n- Trung tâm Y tế các huyện/thị xã/thành phố rà soát danh mục kỹ thuật (nếu cần); Trung tâm Y tế huyện Hoằng Hóa rà soát hợp đồng, báo cáo Sở Y tế trước 28/10.',
      '2022-10-22',
    );
    expect(r.tasks.map(brief)).toEqual([
      { item: '4.1', lead: CENTRES, cooperating: [], deadline: null },
      { item: '4.1', lead: ['TTYT399'], cooperating: [], deadline: '2022-10-28' },
    ]);
    expect(r.tasks[1]!.output).toBe('báo cáo Sở Y tế');
  });

  it('sentences that go on with the same subject stay one task', () => {
    const r = parse('10. Yêu cầu Giám đốc các Trung tâm Y tế chỉ đạo xây dựng kế hoạch. Các Trung tâm Y tế hoàn thành và báo cáo Sở Y tế trước ngày 28/10/2022.');
    expect(r.tasks.map(brief)).toEqual([{ item: '10', lead: CENTRES, cooperating: [], deadline: '2022-10-28' }]);
  });

  it('a section heading’s deadline holds for its items unless an item says otherwise', () => {
    const r = parse(
      ['I. KẾT QUẢ ĐẠT ĐƯỢC', '', '- Các Trạm Y tế đã triển khai tốt công tác tiêm chủng.', '', 'II. NHIỆM VỤ TRONG QUÝ IV/2023', '', '1. Tiếp tục triển khai tiêm chủng.', '', '2. Hoàn thành kiểm kê thiết bị trước ngày 15/11/2023.'].join('\n'),
    );
    expect(r.tasks.map((t) => [t.item, t.deadline, t.deadlineFrom])).toEqual([
      ['II.1', '2023-12-31', 'heading'],
      ['II.2', '2023-11-15', 'task'],
    ]);
  });

  it('assessments are no tasks: "Kết quả đạt được", "Tồn tại, hạn chế", what was done', () => {
    const r = parse(['1. Tồn tại, hạn chế: nhân lực còn thiếu, cần tăng cường đào tạo.', '', '2. Đã hoàn thành 95% kế hoạch tiêm chủng.', '', '3. Tăng cường kiểm tra an toàn thực phẩm.'].join('\n'));
    expect(r.tasks.map((t) => t.item)).toEqual(['3']);
    // an item that opens like an assessment but names who is to act is a task
    const s = parse('2. Tình hình dịch còn phức tạp, yêu cầu Trung tâm Kiểm soát bệnh tật tỉnh báo cáo hằng tuần.');
    expect(s.tasks.map(brief)).toEqual([{ item: '2', lead: ['CDC38'], cooperating: [], deadline: null }]);
  });

  it('no unit named: no lead (the reviewer chooses); an unknown unit keeps its words with id null', () => {
    const r = parse('1. Tăng cường kiểm tra, giám sát thường xuyên.\n\n2. Trung tâm Y tế TP. Cẩm Phả hoàn thiện đề án.');
    expect(r.tasks[0]).toMatchObject({ lead: [], cooperating: [], deadline: null, ongoing: true, deadlinePrecision: 'ongoing' });
    expect(r.tasks[1]!.lead).toEqual([{ id: null, code: null, name: 'Trung tâm Y tế TP. Cẩm Phả' }]);
    const mapped = parseNotice('2. Trung tâm Y tế TP. Cẩm Phả hoàn thiện đề án.', { units, docDate: '2022-10-22', aliases: standinAliases(units) });
    expect(codes(mapped.tasks[0]!.lead)).toEqual(['TTYT382']);
  });

  it('a collective is expanded; a recurring report has its periods and no deadline', () => {
    const r = parse('5. Giao các đơn vị trực thuộc: định kỳ hàng tháng, quý báo cáo tình hình hoạt động về Sở Y tế trước ngày 20 hàng tháng.');
    const t = r.tasks[0]!;
    expect(codes(t.lead)).toEqual(['BVDK38', 'CDC38', ...CENTRES]);
    expect(t.recurrence).toMatchObject({ period: 'MONTHLY', periods: ['MONTHLY', 'QUARTERLY'], dayOfPeriod: 20 });
    expect(t.recurrence!.quote).toMatch(/^định kỳ hàng tháng, quý .* trước ngày 20 hàng tháng$/u);
    expect(t.deadline).toBeNull();
    expect(t.output).toBe('báo cáo tình hình hoạt động về Sở Y tế');
  });

  it('a notice written to one body gives it the tasks that name no other', () => {
    const r = parse('Chiều ngày 05/9/2023, đồng chí Bí thư Tỉnh ủy đã có buổi làm việc với Sở Y tế về công tác y tế.\n\n1. Tập trung rà soát quy hoạch ngành.\n\n2. Giao Phòng KH-TC tham mưu dự toán.');
    expect(r.tasks.map(brief)).toEqual([
      { item: '1', lead: ['SYT38'], cooperating: [], deadline: null },
      { item: '2', lead: ['SYT38_KHTC'], cooperating: [], deadline: null },
    ]);
    expect(r.tasks[0]!.unitQuotes[0]).toMatchObject({ quote: 'Sở Y tế', inherited: true });
    expect(r.docDate).toBe('2023-09-12'); // given; else the meeting's
    expect(parseNotice('Chiều ngày 05/9/2023, đồng chí … đã có buổi làm việc với Sở Y tế.\n\n1. Rà soát trước 28/10.', { units }).tasks[0]!.deadline).toBe('2023-10-28');
  });

  it('highlights point at their words', () => {
    const text = ['Số: 12/TB-SYT', 'Thanh Hóa, ngày 12 tháng 9 năm 2023', '', '1. Phòng KH-TC chủ trì, phối hợp Văn phòng Sở báo cáo Sở Y tế trước ngày 30/9/2023.', '', 'GIÁM ĐỐC', '', 'Nguyễn Văn An'].join('\n');
    const r = parse(text);
    const shown = r.highlights.map((h) => [h.kind, r.text.slice(h.start, h.end)]);
    expect(shown).toEqual([
      ['number', '12/TB-SYT'],
      ['date', 'Thanh Hóa, ngày 12 tháng 9 năm 2023'],
      ['item', '1.'],
      ['unit', 'Phòng KH-TC'],
      ['unit', 'Văn phòng Sở'],
      ['output', 'báo cáo Sở Y tế'],
      ['deadline', 'trước ngày 30/9/2023'],
      ['signer', 'Nguyễn Văn An'],
    ]);
    expect(r.document).toMatchObject({ number: '12/TB-SYT', date: '2023-09-12', signer: 'Nguyễn Văn An' });
  });
});

describe('the expected output', () => {
  it('"báo cáo … về/cho Sở Y tế", shortened in the middle when long', () => {
    expect(findOutput('tập hợp kiến nghị; chậm nhất ngày 8/10/2016, báo cáo kết quả cho Thường trực Tỉnh ủy, để theo dõi')?.value).toBe('báo cáo kết quả cho Thường trực Tỉnh ủy');
    expect(findOutput('rà soát, đề xuất phê duyệt danh mục kỹ thuật, báo cáo Sở Y tế trình UBND tỉnh')?.value).toBe('báo cáo Sở Y tế');
    const long = findOutput('năm báo cáo tình hình hoạt động toàn diện của đơn vị; trong đó, cần nêu rõ những khó khăn, tồn tại về nhân lực, thiết bị... và kiến nghị, đề xuất giải pháp về Sở Y tế (qua phòng Kế hoạch Tài chính) để tổng hợp')!;
    expect(long.value).toBe('báo cáo tình hình hoạt động toàn diện của … về Sở Y tế (qua phòng Kế hoạch Tài chính)');
    expect(findOutput('Tăng cường kiểm tra, giám sát')).toBeNull();
  });
});

describe('the seed notices', () => {
  const read = (p: string) => seedText(p);
  const seed = (p: string) => parseNotice(read(p)!, { units, aliases: standinAliases(units) });

  it.skipIf(!read('002_'))('seed 002: "chậm nhất ngày 8/10/2016" is the separate request’s, not point 2.9’s', () => {
    const r = seed('002_');
    expect(r.tasks.find((t) => t.item === '2.9')!.deadline).toBeNull();
    expect(r.tasks.find((t) => t.item === '*')).toMatchObject({ deadline: '2016-10-08', output: 'báo cáo kết quả cho Thường trực Tỉnh ủy' });
    expect(r.tasks.some((t) => t.item.startsWith('1.'))).toBe(false); // the assessment of item 1
  });

  it.skipIf(!read('004_'))('seed 004: no tasks from sections I and II; section III’s ten by the end of 2020, item 5 before October', () => {
    const r = seed('004_');
    expect(r.tasks.map((t) => t.item)).toEqual(['III.1', 'III.2', 'III.3', 'III.4', 'III.5', 'III.6', 'III.7', 'III.8', 'III.9', 'III.10']);
    expect(r.tasks.filter((t) => t.deadline === '2020-12-31')).toHaveLength(9);
    expect(r.tasks[4]).toMatchObject({ deadline: '2020-09-30', deadlineQuote: 'Hoàn thành trước tháng 10/2020' });
  });

  it.skipIf(!read('000_'))('seed 000: "TTYT TP. Hạ Long: … báo cáo Sở Y tế trước 05/11/2022"; "Giám đốc các Trung tâm Y tế: … trước 28/10/2022"', () => {
    const r = seed('000_');
    const haLong = r.tasks.find((t) => t.deadline === '2022-11-05')!;
    expect(haLong).toMatchObject({ item: '4.1', output: 'báo cáo Sở Y tế' });
    expect(haLong.unitQuotes[0]!.quote).toBe('Trung tâm Y tế TP. Hạ Long');
    expect(codes(r.tasks.find((t) => t.deadline === '2022-10-28')!.lead)).toEqual(CENTRES);
    for (const h of r.highlights) expect(h.end).toBeGreaterThan(h.start);
  });
});
