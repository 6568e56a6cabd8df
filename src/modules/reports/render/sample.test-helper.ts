// A resolved report shaped like seed 001, for the renderers' tests (no database needed).
import type { ReportDocument } from '../document.js';

export function sampleDocument(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    header: {
      parentBody: 'SỞ Y TẾ THANH HÓA',
      issuingBody: 'TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA',
      number: 'Số: 12/BC-TTYT',
      placeDate: 'Hoằng Hóa, ngày 10 tháng 6 năm 2024',
    },
    documentType: 'BÁO CÁO',
    summary: ['Kết quả thực hiện công tác y tế tháng 05', 'và phương hướng nhiệm vụ tháng 06 năm 2024'],
    blocks: [
      { kind: 'heading', level: 1, runs: [{ text: 'PHẦN THỨ NHẤT' }] },
      { kind: 'heading', level: 1, runs: [{ text: 'ĐẶC ĐIỂM TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN' }] },
      { kind: 'heading', level: 2, runs: [{ text: 'I. ĐẶC ĐIỂM TÌNH HÌNH' }] },
      { kind: 'heading', level: 3, runs: [{ text: '1. Đặc điểm chung' }] },
      {
        kind: 'paragraph',
        source: 'free',
        runs: [{ text: 'Hoằng Hóa là một huyện đồng bằng ven biển có diện tích 203 km² với dân số trên 23 vạn dân.' }],
      },
      { kind: 'heading', level: 2, runs: [{ text: 'II. KẾT QUẢ THỰC HIỆN CÔNG TÁC Y TẾ THÁNG 5 NĂM 2024' }] },
      { kind: 'heading', level: 4, runs: [{ text: '6.1. Công tác tiêm chủng mở rộng' }] },
      {
        kind: 'paragraph',
        runs: [
          { text: '- Số trẻ dưới 1 tuổi được tiêm chủng đầy đủ là ' },
          { text: '307', figure: 'value:EPI_FULL_U1:current' },
          { text: ' trẻ ' },
          { text: 'đạt 8,7 % kế hoạch', figure: 'pctPlan:EPI_FULL_U1:period' },
          { text: '.' },
        ],
      },
      {
        kind: 'paragraph',
        runs: [
          { text: 'Trong tháng 5 triển khai tiêm vắc xin phòng Covid-19: Tổng số ' },
          { text: '42', bold: true, figure: 'value:COVID_DOSES.BOOSTER2:current' },
          { text: ' liều (' },
          { text: 'nhắc lại lần 2', italic: true },
          { text: '). Tính đến ngày 31/5/2024 tổng số mũi tiêm trong huyện là ' },
          { text: '509.591', figure: 'value:COVID_DOSES_CUM:current' },
          { text: ' liều.' },
        ],
      },
      {
        kind: 'paragraph',
        runs: [{ text: '- Số ca sốt xuất huyết: ' }, { text: 'chưa có số liệu', missing: true, figure: 'value:CD_DENGUE:current' }, { text: '.' }],
      },
      {
        kind: 'table',
        title: 'Một số chỉ tiêu chính',
        header: ['Chỉ tiêu', 'Kế hoạch năm', 'Thực hiện tháng', 'Lũy kế', '% KH'],
        rows: [
          { cells: ['Trẻ < 1 tuổi tiêm chủng đầy đủ', '3.529', '307', '1.480', '41,9'] },
          { cells: ['Tiêm sởi mũi 2', '3.471', '243', '1.201', '34,6'] },
          { cells: ['Tổng cộng', '7.000', '550', '2.681', '38,3'], total: true },
        ],
      },
      { kind: 'heading', level: 2, runs: [{ text: 'III. KIẾN NGHỊ' }] },
      {
        kind: 'paragraph',
        source: 'free',
        runs: [{ text: '- Đề nghị các cấp, các ngành hỗ trợ kinh phí tu sửa các trạm Y tế đã xuống cấp./.' }],
      },
    ],
    recipients: ['Văn phòng Sở Y tế (B/c);', 'VP Huyện ủy, UBND huyện (B/c);', 'Các khoa, phòng và trạm Y tế (Th/h);', 'Lưu: VT, HCTH.'],
    signature: { authority: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], signer: 'Lê Trọng Tiến' },
    draft: false,
    meta: { title: 'Báo cáo tháng 5 năm 2024', unitCode: 'TTYT399', period: '202405', templateCode: 'BC_TTYT_THANG', generatedAt: '2024-06-10T08:00:00+07:00' },
    ...overrides,
  };
}
