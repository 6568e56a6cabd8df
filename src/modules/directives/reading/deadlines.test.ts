import { describe, expect, it } from 'vitest';
import { seedText } from './seeds.test-helper.js';
import { findDeadline, findRecurrence, findTaskDeadline } from './deadlines.js';

const at = (text: string, docDate: string) => {
  const f = findDeadline(text, docDate);
  return f && { date: f.date, precision: f.precision, quote: f.quote };
};

describe('deadlines as the seed notices write them', () => {
  it('a day named after "trước ngày" or "chậm nhất ngày" is the last day (seeds 000 and 002)', () => {
    expect(at('rà soát, thống nhất đầu mối ký hợp đồng KCB BHYT ban đầu cho các Trạm Y tế, báo cáo Sở Y tế trước ngày 05/11/2022.', '2022-10-21')).toEqual({
      date: '2022-11-05',
      precision: 'day',
      quote: 'trước ngày 05/11/2022',
    });
    expect(at('gửi báo cáo về Sở Y tế chậm nhất ngày 8/10/2016.', '2016-09-28')?.date).toBe('2016-10-08');
    expect(at('xây dựng Kế hoạch, Chương trình hành động, hoàn thành trước ngày 28/10/2022', '2022-10-21')?.date).toBe('2022-10-28');
  });

  it('"trước tháng 10/2020" means by the end of September (seed 004)', () => {
    expect(at('Hoàn thành trước tháng 10/2020 (giao phòng Kế hoạch – Tài chính)', '2020-07-20')).toEqual({
      date: '2020-09-30',
      precision: 'month',
      quote: 'Hoàn thành trước tháng 10/2020',
    });
    expect(at('trước tháng 01/2021', '2020-07-20')?.date).toBe('2020-12-31');
  });

  it('a day without a year takes the document’s year, or the next one when it is already past', () => {
    expect(at('báo cáo trước 28/10', '2022-10-21')?.date).toBe('2022-10-28');
    expect(at('báo cáo trước ngày 15/01', '2022-12-20')?.date).toBe('2023-01-15');
    expect(at('chậm nhất là ngày 5 tháng 11 năm 2022', '2022-10-01')?.date).toBe('2022-11-05');
  });

  it('months, quarters, halves and years end on their last day', () => {
    expect(at('triển khai trong tháng 12', '2022-10-21')).toMatchObject({ date: '2022-12-31', precision: 'month' });
    expect(at('trong tháng 2/2024', '2023-11-01')?.date).toBe('2024-02-29');
    expect(at('hoàn thành trong quý III/2023', '2023-05-02')).toMatchObject({ date: '2023-09-30', precision: 'quarter' });
    expect(at('trong quý 4 năm 2023', '2023-05-02')?.date).toBe('2023-12-31');
    expect(at('NHIỆM VỤ TRONG QUÝ IV/2023', '2023-05-02')?.date).toBe('2023-12-31'); // IV, not I
    expect(at('trong quý II', '2023-05-02')?.date).toBe('2023-06-30');
    expect(at('trong 6 tháng đầu năm 2024', '2023-12-01')).toMatchObject({ date: '2024-06-30', precision: 'half' });
    expect(at('hoàn thành trong năm 2023', '2023-02-01')).toMatchObject({ date: '2023-12-31', precision: 'year' });
  });

  it('"thường xuyên" is an ongoing task; a date elsewhere in the words wins over it', () => {
    expect(at('Thường xuyên kiểm tra, giám sát', '2022-10-21')).toMatchObject({ date: null, precision: 'ongoing' });
    expect(at('thường xuyên theo dõi và báo cáo trước ngày 05/11/2022', '2022-10-21')?.date).toBe('2022-11-05');
    expect(at('Tăng cường kiểm tra, giám sát thường xuyên', '2022-10-21')?.precision).toBe('ongoing');
    // Recurrent spending and an assessment are no ongoing tasks (seeds 000 and 002).
    expect(at('rà soát kỹ kinh phí chi thường xuyên năm 2023 đảm bảo đủ thực hiện', '2022-10-21')).toBeNull();
    expect(at('phòng chống dịch bệnh có nơi, có lúc chưa thường xuyên', '2016-09-30')).toBeNull();
  });

  it('finds nothing in words without a deadline, and refuses impossible days', () => {
    expect(at('Tiếp tục rà soát các quy định của Bộ Y tế theo Văn bản số 13520/UBND-KTNS ngày 02/11/2021', '2022-07-20')).toBeNull();
    expect(at('trước ngày 31/02/2023', '2023-01-01')).toBeNull();
    expect(at('trong đó F1: 43 trường hợp', '2020-07-20')).toBeNull();
  });

  it('"đến hết 31/12/2022" is a target by that day (seed 000)', () => {
    expect(at('Duy trì tiêm chủng, phân đầu đến hết 31/12/2022 sẽ có thêm khoảng 140.000 mũi tiêm', '2022-10-22')).toEqual({
      date: '2022-12-31',
      precision: 'day',
      quote: 'đến hết 31/12/2022',
    });
  });

  it('a forecast is no deadline: "dự kiến sửa chữa … trong năm 2023" (seed 000)', () => {
    const text = 'Đẩy nhanh tiến độ hoàn thiện hồ sơ. Theo đó, dự kiến sửa chữa 117 trạm y tế trong năm 2023, lập dự án xây mới 30 Trạm Y tế.';
    expect(findDeadline(text, '2022-10-22')?.date).toBe('2023-12-31'); // the words alone
    expect(findTaskDeadline(text, '2022-10-22')).toBeNull(); // as a task's deadline
    const later = 'Dự kiến sửa chữa trong năm 2023. Báo cáo Sở Y tế trước ngày 05/11/2022.';
    const f = findTaskDeadline(later, '2022-10-22')!;
    expect(f.date).toBe('2022-11-05');
    expect(later.slice(f.start, f.end)).toBe('trước ngày 05/11/2022');
  });

  it('the brief’s samples: "trong quý III/2023", "trong tháng 12", "trước 28/10"', () => {
    expect(findTaskDeadline('hoàn thành trong quý III/2023', '2023-05-02')).toMatchObject({ date: '2023-09-30', precision: 'quarter' });
    expect(findTaskDeadline('triển khai trong tháng 12', '2023-12-05')).toMatchObject({ date: '2023-12-31', precision: 'month' });
    expect(findTaskDeadline('báo cáo trước 28/10', '2022-10-22')).toMatchObject({ date: '2022-10-28', precision: 'day' });
  });

  it('keeps where the words are, so the reviewer sees them highlighted', () => {
    const text = 'Giao TTYT TP. Hạ Long báo cáo Sở Y tế trước ngày 05/11/2022.';
    const f = findDeadline(text, '2022-10-21')!;
    expect(text.slice(f.start, f.end)).toBe('trước ngày 05/11/2022');
  });
});

describe('recurring obligations', () => {
  it('"Định kỳ hàng tháng, quý, 6 tháng, 9 tháng, năm báo cáo" asks for five periods (seed 003)', () => {
    const r = findRecurrence('Định kỳ hàng tháng, quý, 6 tháng, 9 tháng, năm báo cáo tình hình hoạt động toàn diện của đơn vị');
    expect(r?.periods).toEqual(['MONTHLY', 'QUARTERLY', 'SIXMONTHLY', 'NINEMONTHS', 'YEARLY']);
    expect(r?.dayOfPeriod).toBeNull();
  });

  it('one period, with the day each occurrence is due', () => {
    expect(findRecurrence('báo cáo hằng quý về Sở Y tế')?.periods).toEqual(['QUARTERLY']);
    const r = findRecurrence('gửi báo cáo trước ngày 20 hàng tháng');
    expect(r).toMatchObject({ periods: ['MONTHLY'], dayOfPeriod: 20, quote: 'trước ngày 20 hàng tháng' });
    expect(findRecurrence('báo cáo 6 tháng và năm')).toBeNull(); // no "định kỳ" or "hàng": a one-off report
    expect(findRecurrence('định kỳ 6 tháng và năm báo cáo')?.periods).toEqual(['SIXMONTHLY', 'YEARLY']);
  });
});

describe('the seed notices', () => {
  const read = seedText;

  it.skipIf(!read('003_'))('seed 003: the recurring report of item 5 is found in the whole text', () => {
    const r = findRecurrence(read('003_')!)!;
    expect(r.periods).toEqual(['MONTHLY', 'QUARTERLY', 'SIXMONTHLY', 'NINEMONTHS', 'YEARLY']);
  });

  it.skipIf(!read('000_'))('seed 000: both dated deadlines are found, in order, with their words', () => {
    const text = read('000_')!;
    const found: string[] = [];
    for (let from = 0; ; ) {
      const f = findDeadline(text.slice(from), '2022-10-21');
      if (!f || f.date === null) break;
      found.push(f.date);
      from += f.end;
    }
    expect(found).toEqual(expect.arrayContaining(['2022-11-05', '2022-10-28']));
  });
});
