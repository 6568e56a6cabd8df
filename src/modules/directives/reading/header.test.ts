import { describe, expect, it } from 'vitest';
import { parseHeader, type Found } from './header.js';
import { cleanNoticeText } from './items.js';
import { seedText } from './seeds.test-helper.js';

const value = <T>(f: Found<T> | null) => f?.value ?? null;
/** Every finding's words are where it says. */
function placed(text: string, h: ReturnType<typeof parseHeader>) {
  const all = [h.kind, h.number, h.date, h.issuer, h.signer, h.signerTitle, h.meeting?.name ?? null, h.meeting?.date ?? null, h.meeting?.chair ?? null];
  for (const f of all) if (f) expect(text.slice(f.start, f.end)).toBe(f.quote);
}

describe('the header of a notice', () => {
  const full = [
    'UBND TỈNH QUẢNG NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'SỞ Y TẾ Độc lập - Tự do - Hạnh phúc',
    'Số: 272/TB-SYT',
    'Quảng Ninh, ngày 24 tháng 10 năm 2022',
    '',
    'THÔNG BÁO',
    'Kết luận của Giám đốc Sở Y tế tại Hội nghị sơ kết công tác y tế 9 tháng',
    '',
    'Ngày 22/10/2022, đồng chí Nguyễn Trọng Diện - Giám đốc Sở Y tế đã chủ trì Hội nghị sơ kết công tác y tế 9 tháng đầu năm 2022. Cùng dự có …',
    '',
    '1. Giao Phòng KH-TC rà soát.',
    '',
    'Nơi nhận:',
    '- Lưu: VT.',
    '',
    'KT. GIÁM ĐỐC',
    'PHÓ GIÁM ĐỐC',
    '',
    'Nguyễn Tiên Hưng',
  ].join('\n');

  it('kind, number, date, issuer and signer, each with its words', () => {
    const h = parseHeader(full);
    expect({ kind: value(h.kind), number: value(h.number), date: value(h.date), issuer: value(h.issuer), signer: value(h.signer) }).toEqual({
      kind: 'conclusion_notice',
      number: '272/TB-SYT',
      date: '2022-10-24',
      issuer: 'SỞ Y TẾ',
      signer: 'Nguyễn Tiên Hưng',
    });
    expect(h.date!.quote).toBe('Quảng Ninh, ngày 24 tháng 10 năm 2022');
    expect(value(h.signerTitle)).toBe('KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC');
    placed(full, h);
  });

  it('the meeting: its name, date and chair', () => {
    const m = parseHeader(full).meeting!;
    expect({ name: value(m.name), date: value(m.date), chair: value(m.chair) }).toEqual({
      name: 'Hội nghị sơ kết công tác y tế 9 tháng đầu năm 2022',
      date: '2022-10-22',
      chair: 'Nguyễn Trọng Diện - Giám đốc Sở Y tế',
    });
  });

  it('kinds by title or symbol; a letter by its "V/v" or its symbol', () => {
    const kind = (t: string) => value(parseHeader(t).kind);
    expect(kind('KẾ HOẠCH\nTriển khai tiêm chủng năm 2023')).toBe('plan');
    expect(kind('CHỈ THỊ\nVề tăng cường phòng chống dịch')).toBe('directive');
    expect(kind('QUYẾT ĐỊNH\nVề việc giao chỉ tiêu')).toBe('decision');
    expect(kind('Số: 45/SYT-NVY\nV/v báo cáo số liệu tiêm chủng')).toBe('official_letter');
    expect(kind('Số: 45/SYT-NVY\nKính gửi: các đơn vị')).toBe('official_letter');
    expect(kind('Số: 12/KH-SYT')).toBe('plan');
    expect(kind('Giám đốc chỉ đạo trực tiếp tại buổi giao ban')).toBe('oral');
    expect(kind('THÔNG BÁO\nLịch nghỉ Tết')).toBeNull();
    expect(kind('Kính gửi: các đơn vị')).toBeNull();
  });

  it('a draft without a day has no date; the header’s two lines make one issuer', () => {
    expect(parseHeader('Số: /TB-SYT\n\nLai châu, ngày tháng 7 năm 2020').date).toBeNull();
    expect(value(parseHeader('Số: /TB-SYT').number)).toBe('/TB-SYT');
    expect(value(parseHeader('ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\n\nSố: 315/TB-UBND').issuer)).toBe('ỦY BAN NHÂN DÂN TỈNH THANH HÓA');
  });

  const seeds: [string, object][] = [
    ['000_', { kind: 'conclusion_notice', number: null, date: null, issuer: 'Sở Y tế', signer: 'Vũ Thị Mai', meetingDate: '2022-10-22' }],
    ['002_', { kind: 'conclusion_notice', number: null, date: null, issuer: 'THƯỜNG TRỰC TỈNH ỦY', signer: 'Lê Tấn Lai', meetingDate: '2016-09-08' }],
    ['003_', { kind: 'official_letter', number: null, date: null, issuer: 'Sở Y tế', signer: 'Lê Quang Trung', meetingDate: null }],
    ['004_', { kind: 'conclusion_notice', number: '/TB-SYT', date: null, issuer: 'Sở Y tế', signer: 'Nguyễn Văn Đồi', meetingDate: '2020-07-08' }],
  ];
  for (const [prefix, want] of seeds) {
    it.skipIf(!seedText(prefix))(`seed ${prefix}: pasted without its two-column header, the words still tell`, () => {
      const text = cleanNoticeText(seedText(prefix)!);
      const h = parseHeader(text);
      expect({ kind: value(h.kind), number: value(h.number), date: value(h.date), issuer: value(h.issuer), signer: value(h.signer), meetingDate: value(h.meeting?.date ?? null) }).toEqual(want);
      placed(text, h);
    });
  }

  it.skipIf(!seedText('003_'))('seed 003: the number of the notice it implements (272/TB-UBND) is not its own', () => {
    const h = parseHeader(cleanNoticeText(seedText('003_')!));
    expect(h.number).toBeNull();
    expect(value(h.meeting!.chair)).toBe('Phó Chủ tịch UBND tỉnh Nguyễn Sơn Hùng');
  });
});
