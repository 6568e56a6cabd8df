// Two notices that are not seeds, written for the reading in the styles real notices use (a Department's
// letter to its units with lettered points; a People's Committee notice with a heading per addressee),
// with their expected lists written by hand before the reading was run on them: figures on words the
// rules were not tuned to. Thanh Hóa's own units, so no stand-ins.
import { DEMO } from '../demo-units.js';
import type { ExpectedTask } from './types.js';

export const SAMPLE_LETTER = `SỞ Y TẾ THANH HÓA
Số: 1234/SYT-NVY
V/v triển khai công tác phòng chống sốt xuất huyết năm 2023

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Thanh Hóa, ngày 12 tháng 9 năm 2023

Kính gửi:
- Các đơn vị trực thuộc Sở Y tế;
- Các phòng chức năng thuộc Sở.

Trước tình hình dịch sốt xuất huyết diễn biến phức tạp, Giám đốc Sở Y tế yêu cầu:

1. Trung tâm Kiểm soát bệnh tật tỉnh chủ trì, phối hợp với Trung tâm Y tế các huyện, thị xã, thành phố:

a) Tổ chức giám sát chặt chẽ ca bệnh, xử lý triệt để ổ dịch trong quý III/2023.

b) Báo cáo tình hình dịch về Sở Y tế (qua Phòng Nghiệp vụ Y) trước ngày 20 hàng tháng.

2. Phòng KH-TC chủ trì, phối hợp Văn phòng Sở tham mưu bố trí kinh phí phòng chống dịch, hoàn thành trong tháng 10.

3. Bệnh viện Đa khoa tỉnh bảo đảm thuốc, vật tư, giường bệnh; tiếp nhận điều trị bệnh nhân nặng. Thường xuyên cập nhật phác đồ điều trị.

4. TTYT huyện Hoằng Hóa phối hợp với UBND huyện tổ chức chiến dịch diệt bọ gậy tại các xã trọng điểm, hoàn thành trước 30/9; các TYT xã Hoằng Xuân, Hoằng Lộc thực hiện phun hóa chất theo chỉ đạo của Trung tâm.

5. Thanh tra Sở phối hợp Phòng Nghiệp vụ Dược kiểm tra việc cung ứng thuốc, hóa chất phòng chống dịch trong tháng 11/2023.

6. Đề nghị Phòng Y tế các huyện, thị xã, thành phố tham mưu UBND cùng cấp chỉ đạo các xã ra quân vệ sinh môi trường.

7. Các Trạm Y tế tăng cường truyền thông phòng chống sốt xuất huyết; định kỳ hằng tuần báo cáo số ca mắc về Trung tâm Y tế.

Nhận được công văn này, đề nghị Thủ trưởng các đơn vị khẩn trương triển khai thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT, NVY.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Lê Văn Sáu
`;

export const SAMPLE_LETTER_TASKS: ExpectedTask[] = [
  { item: '1.a', what: 'CDC with the centres: surveillance, outbreaks, in Q3', lead: [DEMO.cdc], cooperating: DEMO.centres, deadline: '2023-09-30' },
  { item: '1.b', what: 'CDC: monthly report by the 20th', lead: [DEMO.cdc], cooperating: DEMO.centres, deadline: null, recurrence: ['MONTHLY'] },
  { item: '2', what: 'KH-TC with the Office: epidemic budget, in October', lead: [DEMO.office('KHTC')], cooperating: [DEMO.office('VP')], deadline: '2023-10-31' },
  { item: '3', what: 'provincial hospital: drugs, beds, severe cases; treatment protocol kept up to date', lead: DEMO.hospitals, cooperating: [], deadline: null, ongoing: true },
  { item: '4', what: 'Hoằng Hóa centre: larvae campaign by 30/9', lead: ['TTYT399'], cooperating: [], deadline: '2023-09-30' },
  { item: '4', what: 'Hoằng Xuân and Hoằng Lộc stations: spraying', lead: ['TYT15877', 'TYT15961'], cooperating: [], deadline: null },
  { item: '5', what: 'Inspectorate with the pharmaceutical office: supplies, in November', lead: [DEMO.office('TTRA')], cooperating: [DEMO.office('NVD')], deadline: '2023-11-30' },
  { item: '6', what: 'district health offices: sanitation campaign', lead: ['ext:Phòng Y tế'], cooperating: [], deadline: null },
  { item: '7', what: 'stations: communication; weekly case reports', lead: DEMO.stations, cooperating: [], deadline: null },
];

export const SAMPLE_NOTICE = `ỦY BAN NHÂN DÂN
TỈNH THANH HÓA

Số: 315/TB-UBND

Thanh Hóa, ngày 05 tháng 12 năm 2023

THÔNG BÁO
Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về công tác y tế cơ sở

Ngày 01/12/2023, đồng chí Đầu Thanh Tùng - Phó Chủ tịch UBND tỉnh chủ trì cuộc họp về công tác y tế cơ sở. Tham dự có lãnh đạo Sở Y tế, Sở Tài chính, Sở Nội vụ và UBND các huyện. Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau:

I. ĐÁNH GIÁ CHUNG

Năm 2023, ngành y tế đã hoàn thành cơ bản các chỉ tiêu; các Trạm Y tế đã được củng cố.

II. NHIỆM VỤ THỜI GIAN TỚI

1. Sở Y tế:

- Chủ trì, phối hợp với Sở Tài chính rà soát nhu cầu trang thiết bị của các Trạm Y tế, báo cáo UBND tỉnh trước ngày 15/01/2024.

- Chỉ đạo các Trung tâm Y tế hoàn thành việc cấp chứng chỉ hành nghề cho nhân viên trạm trong quý I/2024.

2. Giao Sở Nội vụ phối hợp Sở Y tế hướng dẫn tuyển dụng bác sĩ về trạm y tế xã, hoàn thành trước tháng 3/2024.

3. Trung tâm Y tế thị xã Bỉm Sơn, Trung tâm Y tế thành phố Sầm Sơn: hoàn thiện hồ sơ sửa chữa trạm y tế xuống cấp trong tháng 12.

4. Yêu cầu các đơn vị trực thuộc Sở Y tế triển khai thanh toán không dùng tiền mặt; định kỳ hằng quý báo cáo kết quả về Sở Y tế.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.

Nơi nhận:
- Sở Y tế;
- Lưu: VT.

TL. CHỦ TỊCH
KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG

Nguyễn Thị Hoa
`;

const SYT = [DEMO.department];

export const SAMPLE_NOTICE_TASKS: ExpectedTask[] = [
  { item: 'II.1.1', what: 'Department with Finance: station equipment needs, report by 15/01/2024', lead: SYT, cooperating: [], deadline: '2024-01-15' },
  { item: 'II.1.2', what: 'Department: have the centres finish practising certificates in Q1 2024', lead: SYT, cooperating: [], deadline: '2024-03-31' },
  // Led by the Home Affairs department (outside the sector's tree: not counted), with the Department
  { item: 'II.2', what: 'Home Affairs with the Department: recruiting doctors, before March 2024', lead: [], cooperating: SYT, deadline: '2024-02-29' },
  { item: 'II.3', what: 'Bỉm Sơn and Sầm Sơn centres: repair dossiers in December', lead: ['TTYT381', 'TTYT382'], cooperating: [], deadline: '2023-12-31' },
  {
    item: 'II.4',
    what: 'the Department’s units: cashless payment; quarterly report',
    lead: [...DEMO.hospitals, DEMO.cdc, ...DEMO.centres],
    cooperating: [],
    deadline: null,
    recurrence: ['QUARTERLY'],
  },
];
