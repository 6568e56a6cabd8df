// BC_TYT_THANG: the monthly report of a commune health station, in the same format as the health
// centre's (seed 001) but shorter: the station's own figures (data set BCTK_TYT_THANG) with
// comparisons against the same month last year and the annual plan, then three free blocks
// (difficulties, tasks, proposals) that the centre reads and the province consolidates by key.
//
// Station figures are small and often zero; zeros of most elements are not stored, so a figure may
// read "chưa có số liệu". Sentences therefore put a figure that may be missing after a colon
// ("Số ca ngộ độc thực phẩm: 2"), never before a unit ("chưa có số liệu ca"), and the rarer diseases
// go into a table.
import type { TemplateDefinitionInput } from '../template.schema.js';

type Block = TemplateDefinitionInput['blocks'][number];
const h = (level: 1 | 2 | 3 | 4, text: string): Block => ({ type: 'heading', level, text });
const t = (...lines: string[]): Block => ({ type: 'text', text: lines.join('\n') });

export const BC_TYT_THANG: TemplateDefinitionInput = {
  code: 'BC_TYT_THANG',
  name: 'Báo cáo tháng của Trạm Y tế',
  nameEn: 'Monthly report of a commune health station',
  description:
    'Báo cáo kết quả thực hiện công tác y tế tháng và phương hướng nhiệm vụ tháng sau của Trạm Y tế xã, phường: số liệu từ báo cáo thống kê của trạm, so sánh với cùng kỳ và kế hoạch năm; khó khăn, nhiệm vụ, kiến nghị do trạm nhập.',
  unitKind: 'station',
  periodKinds: ['Monthly'],
  header: {
    parentBody: '{{parent upper=yes}}',
    issuingBody: '{{unit upper=yes}}',
    numberPattern: '{number}/BC-TYT',
    place: '{{place}}',
    documentType: 'BÁO CÁO',
    summary: 'Kết quả thực hiện công tác y tế {{period}}\nvà phương hướng nhiệm vụ {{period of=next}}',
  },
  blocks: [
    h(2, 'I. KẾT QUẢ THỰC HIỆN CÔNG TÁC Y TẾ {{period style=title}}'),

    h(3, '1. Công tác phòng chống dịch, bệnh'),
    t(
      '- Số mắc cúm trong tháng: {{value CD_INFLUENZA unit="ca"}}, {{vsLastYear CD_INFLUENZA unit="ca"}}; cộng dồn từ đầu năm: {{ytd CD_INFLUENZA unit="ca"}}.',
      '- Số mắc tiêu chảy trong tháng: {{value CD_DIARRHOEA unit="ca"}}, {{vsLastYear CD_DIARRHOEA unit="ca"}}; cộng dồn từ đầu năm: {{ytd CD_DIARRHOEA unit="ca"}}.',
      '- Các bệnh truyền nhiễm khác trong tháng như bảng sau:',
    ),
    {
      type: 'table',
      title: 'Tình hình mắc một số bệnh truyền nhiễm',
      rows: 'items',
      items: [
        { item: 'CD_DYSENTERY', label: 'Lỵ (trực trùng, amip)' },
        { item: 'CD_DENGUE', label: 'Sốt xuất huyết Dengue' },
        { item: 'CD_HFMD', label: 'Tay chân miệng' },
        { item: 'CD_CHICKENPOX', label: 'Thủy đậu' },
        { item: 'CD_MUMPS', label: 'Quai bị' },
        { item: 'CD_MEASLES', label: 'Sởi' },
        { item: 'CD_VIRAL_HEPATITIS', label: 'Viêm gan virus' },
        { item: 'CD_DOG_BITES', label: 'Chó cắn phải tiêm phòng dại' },
      ],
      columns: [
        { label: 'Trong tháng', measure: 'value' },
        { label: 'Cộng dồn từ đầu năm', measure: 'ytd' },
        { label: 'Cùng kỳ năm trước', measure: 'lastYear' },
        { label: 'Tăng (+), giảm (-)', measure: 'changeLastYear' },
      ],
    },
    t(
      '- Tiêm vắc xin phòng COVID-19: số liều tiêm trong tháng: {{value COVID_DOSES}}; tính đến ngày {{periodEnd}} tổng số mũi tiêm trên địa bàn {{value COVID_DOSES_CUM before="là" unit="liều"}} (Mũi 1: {{value COVID_DOSES_CUM.DOSE1}}; Mũi 2: {{value COVID_DOSES_CUM.DOSE2}}; Mũi 3: {{value COVID_DOSES_CUM.DOSE3}}; Mũi nhắc lại lần 1: {{value COVID_DOSES_CUM.BOOSTER1}}; Mũi nhắc lại lần 2: {{value COVID_DOSES_CUM.BOOSTER2}}; Mũi bổ sung: {{value COVID_DOSES_CUM.ADDITIONAL}}).',
    ),

    h(3, '2. Công tác tiêm chủng mở rộng'),
    t(
      '- Tổng số trẻ trong độ tuổi tiêm chủng: {{value EPI_TARGET_CHILDREN unit="trẻ"}}.',
      '- Số trẻ dưới 1 tuổi được tiêm chủng đầy đủ trong tháng: {{value EPI_FULL_U1}}, {{ofPlan EPI_FULL_U1 basis=period}}; cộng dồn từ đầu năm: {{ytd EPI_FULL_U1}}, {{ofPlan EPI_FULL_U1 basis=ytd unit="năm"}}, {{vsLastYear EPI_FULL_U1 unit="trẻ" basis=ytd}}.',
      '- Số trẻ được tiêm sởi mũi 2 trong tháng: {{value EPI_MEASLES2}}, {{ofPlan EPI_MEASLES2 basis=period}}; cộng dồn từ đầu năm: {{ytd EPI_MEASLES2}}, {{ofPlan EPI_MEASLES2 basis=ytd unit="năm"}}.',
      '- Số phụ nữ có thai được tiêm UV2+ trong tháng: {{value EPI_TT2_PREG}}, {{ofPlan EPI_TT2_PREG basis=period}}; cộng dồn từ đầu năm: {{ytd EPI_TT2_PREG}}, {{ofPlan EPI_TT2_PREG basis=ytd unit="năm"}}.',
      '- Số trẻ sơ sinh được bảo vệ phòng uốn ván sơ sinh trong tháng: {{value EPI_NT_PROTECTED}}, {{ofPlan EPI_NT_PROTECTED basis=period}}; cộng dồn từ đầu năm: {{ytd EPI_NT_PROTECTED}}, {{ofPlan EPI_NT_PROTECTED basis=ytd unit="năm"}}.',
    ),

    h(3, '3. Công tác chăm sóc sức khỏe bà mẹ, trẻ em'),
    t(
      '- Số phụ nữ có thai được quản lý: {{value MCH_PREG_MANAGED}}; số phụ nữ có thai mới phát hiện trong tháng: {{value MCH_PREG_NEW}}; tổng số lượt khám thai: {{value MCH_ANC_VISITS}}.',
      '- Số phụ nữ đẻ trong tháng: {{value MCH_DELIVERIES}}; số bà mẹ đẻ được khám thai ≥ 4 lần trong 3 thời kỳ: {{value MCH_DELIV_ANC4}} ({{value IND_ANC4_PCT decimals=1 unit="%"}}), {{ofPlan MCH_DELIV_ANC4 basis=ytd unit="năm"}}; số lần khám thai trung bình: {{value IND_ANC_AVG_VISITS decimals=1 unit="lần"}}.',
      '- Chăm sóc sau sinh tại nhà trong tuần đầu: {{value MCH_PNC_1W}}; từ tuần 2 đến hết 6 tuần: {{value MCH_PNC_6W}}.',
      '- Tổng số trẻ đẻ sống: {{value MCH_LIVE_BIRTHS}}; số trẻ đẻ < 2500 gram: {{value MCH_LBW}}.',
      '- Số trẻ tử vong dưới 5 tuổi: {{value MCH_DEATHS_U5}}; số bà mẹ tử vong: {{value MCH_MATERNAL_DEATHS}}.',
    ),

    h(3, '4. Công tác Dân số - Kế hoạch hóa gia đình'),
    t(
      '- Tổng số trẻ sinh trong tháng: {{value FP_BIRTHS}} (*trẻ nam {{value FP_BIRTHS.MALE}}, trẻ gái {{value FP_BIRTHS.FEMALE}}*), {{vsLastYear FP_BIRTHS unit="trẻ" parts="FP_BIRTHS.MALE,FP_BIRTHS.FEMALE"}}.',
      '- Tỷ số giới tính khi sinh (số trẻ trai/100 trẻ gái): {{value IND_SEX_RATIO_BIRTH decimals=0 round=floor}}.',
      '- Số trẻ sinh ra là con thứ 3 trở lên: {{value FP_BIRTHS_THIRD}}, {{vsLastYear FP_BIRTHS_THIRD unit="trẻ"}}.',
      '- Tổng số người sử dụng biện pháp tránh thai: {{value FP_USERS}}; số người mới sử dụng trong tháng: {{value MCH_FP_NEW_USERS}}.',
    ),

    h(3, '5. Các chương trình y tế khác'),
    t(
      '- Phòng chống sốt rét: số lam máu xét nghiệm: {{value MAL_SLIDES}}; số lam có ký sinh trùng sốt rét: {{value MAL_POSITIVE zero="không có"}}.',
      '- Vệ sinh an toàn thực phẩm: số ca ngộ độc thực phẩm: {{value FS_POISONING_CASES zero="không có"}}.',
      '- Vệ sinh môi trường: tỷ lệ hộ gia đình sử dụng nhà tiêu hợp vệ sinh: {{value IND_LATRINE_PCT decimals=1 unit="%"}}.',
      '- Tai nạn thương tích: {{value INJ_CASES unit="ca"}}. Ngộ độc thuốc, hóa chất, thuốc bảo vệ thực vật: {{value POIS_CHEM_CASES zero="Không có ca ngộ độc thuốc, hóa chất, thuốc bảo vệ thực vật"}}.',
      '- Phòng chống HIV/AIDS: số người nhiễm HIV hiện mắc: {{value HIV_LIVING}}; số bệnh nhân AIDS hiện mắc: {{value AIDS_LIVING}}; số người nhiễm HIV mới phát hiện: {{value HIV_NEW}}; số bệnh nhân AIDS tử vong: {{value AIDS_DEATHS}}.',
      '- Phòng chống lao: số bệnh nhân lao mọi thể mới phát hiện: {{value TB_NEW_ALL}}; số bệnh nhân lao đang điều trị: {{value TB_UNDER_TREATMENT}}.',
      '- Sức khỏe tâm thần: số bệnh nhân tâm thần được quản lý: {{value MH_MANAGED}}, điều trị ổn định: {{value MH_STABLE}}; bệnh nhân mới đưa vào quản lý: {{value MH_NEW zero="không có"}}.',
      '- Phòng chống các rối loạn do thiếu I-ốt: số bệnh nhân bướu cổ được quản lý: {{value IOD_GOITRE_MANAGED}}; độ bao phủ muối i-ốt đủ tiêu chuẩn: {{value IND_IODISED_SALT_PCT decimals=0 unit="%"}}.',
    ),

    h(3, '6. Công tác khám, chữa bệnh'),
    t(
      '- Tổng số lượt khám bệnh tại trạm: {{value OPD_VISITS unit="lượt"}}, {{vsLastYear OPD_VISITS unit="lượt"}}; cộng dồn từ đầu năm: {{ytd OPD_VISITS unit="lượt"}}, {{ofPlan OPD_VISITS basis=ytd unit="năm"}}.',
      '- Số lượt khám có thẻ bảo hiểm y tế: {{value OPD_VISITS_INSURED unit="lượt"}} ({{value IND_INSURED_VISITS_PCT decimals=1 unit="%"}}); số bệnh nhân chuyển tuyến: {{value OPD_REFERRALS}}; tổng số kinh phí thu được: {{value OPD_REVENUE unit="đồng"}}.',
    ),

    h(3, '7. Công tác truyền thông giáo dục sức khỏe'),
    t('- Số lượt người được tư vấn, giáo dục sức khỏe trực tiếp: {{value COMM_COUNSELLED unit="lượt"}}.'),

    h(3, '8. Đề án 06 và chuyển đổi số'),
    t(
      '- Số lượt khám chữa bệnh sử dụng CCCD gắn chíp: {{value D06_CHIP_CHECKINS unit="lượt"}}, trong đó có thông tin bảo hiểm trả về thành công: {{value D06_LOOKUP_OK unit="lượt"}}.',
      '- Tính đến ngày {{periodEnd}} tổng số nhân khẩu đã được tạo lập Hồ sơ sức khỏe điện tử {{value EHR_CREATED_CUM before="là"}} {{value IND_EHR_COVERAGE decimals=2 before="đạt" unit="%"}} dân số.',
      '- Số đơn thuốc điện tử liên thông thành công: {{value EPRESC_SENT}}.',
      '- Tổng số lượt thanh toán tại trạm: {{value PAY_TOTAL unit="lượt"}}, trong đó không dùng tiền mặt: {{value PAY_CASHLESS unit="lượt"}} ({{value IND_CASHLESS_PCT decimals=1 unit="%"}}).',
    ),

    h(2, 'II. KHÓ KHĂN, TỒN TẠI'),
    {
      type: 'free',
      key: 'difficulties',
      label: 'Khó khăn, tồn tại',
      hint: 'Khó khăn, vướng mắc, tồn tại của trạm trong tháng, mỗi ý một dòng bắt đầu bằng "- " (Trung tâm Y tế và Sở Y tế tổng hợp mục này).',
    },
    h(2, 'III. PHƯƠNG HƯỚNG NHIỆM VỤ {{period of=next style=title}}'),
    {
      type: 'free',
      key: 'tasks',
      label: 'Phương hướng nhiệm vụ tháng sau',
      hint: 'Các nhiệm vụ trọng tâm của trạm trong tháng sau.',
      default: [
        '- Tăng cường giám sát, phát hiện sớm và báo cáo kịp thời các bệnh truyền nhiễm trên địa bàn.',
        '- Thực hiện tiêm chủng mở rộng an toàn, đầy đủ, đúng lịch; bảo đảm tiến độ kế hoạch năm.',
        '- Quản lý thai nghén, chăm sóc sức khỏe bà mẹ, trẻ em; thực hiện các chỉ tiêu Dân số - Kế hoạch hóa gia đình.',
        '- Duy trì khám chữa bệnh bằng CCCD gắn chíp, cập nhật Hồ sơ sức khỏe điện tử, liên thông đơn thuốc và thanh toán không dùng tiền mặt.',
        '- Báo cáo thống kê đầy đủ, đúng hạn.',
      ].join('\n'),
    },
    h(2, 'IV. KIẾN NGHỊ, ĐỀ XUẤT'),
    {
      type: 'free',
      key: 'proposals',
      label: 'Kiến nghị, đề xuất',
      hint: 'Kiến nghị, đề xuất với Trung tâm Y tế và chính quyền địa phương, mỗi ý một dòng bắt đầu bằng "- " (Trung tâm Y tế và Sở Y tế tổng hợp mục này).',
    },
    t('Trên đây là báo cáo kết quả thực hiện công tác y tế {{period}} và phương hướng nhiệm vụ {{period of=next}} của {{unit}}./.'),
  ],
  signature: { authority: ['TRƯỞNG TRẠM'], signer: '' },
  recipients: ['Trung tâm Y tế (B/c)', 'Đảng ủy, UBND xã, phường (B/c)', 'Lưu: TYT'],
};
