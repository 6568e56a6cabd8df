// BC_SYT_6THANG: the Department of Health's review of 6 months, 9 months or the year, following seed
// 004 (Lai Châu, 6 months of 2020): I. results against the plan (tables and sentences such as "tăng
// 24 ca so với cùng kỳ", "đạt 105 % kế hoạch"), opened by the reporting completeness of the units and
// the overall judgement ("Hầu hết các chỉ tiêu đạt và vượt kế hoạch; các chỉ tiêu đạt thấp: …"), the
// methadone patients against their plan, with the health centres side by side; II. shortcomings,
// and the centres' own difficulties and proposals pulled from their reports (seed 003 asks the
// department to consolidate them), with the follow-up of the tasks the units were given (led below the
// Department, deadlines in the period: counts and a table per unit); III. tasks for the next period,
// with the tasks already assigned whose deadlines fall in it (lead units and deadlines).
//
// Nothing in it names a province: the header reads the unit's parent and the unit itself.
import type { TemplateDefinitionInput } from '../template.schema.js';

type Block = TemplateDefinitionInput['blocks'][number];
const h = (level: 1 | 2 | 3 | 4, text: string): Block => ({ type: 'heading', level, text });
const t = (...lines: string[]): Block => ({ type: 'text', text: lines.join('\n') });

export const BC_SYT_6THANG: TemplateDefinitionInput = {
  code: 'BC_SYT_6THANG',
  name: 'Báo cáo sơ kết, tổng kết công tác y tế của Sở Y tế',
  nameEn: 'Department of Health review (quarter, 6 months, 9 months, year)',
  description:
    'Báo cáo kết quả thực hiện công tác y tế 6 tháng, 9 tháng, năm của Sở Y tế: kết quả so với kế hoạch và cùng kỳ, kết quả theo từng Trung tâm Y tế, tồn tại, tổng hợp khó khăn và kiến nghị của các đơn vị, nhiệm vụ kỳ tới.',
  unitKind: 'province',
  periodKinds: ['Quarterly', 'SixMonthly', 'NineMonths', 'Yearly'],
  header: {
    parentBody: '{{parent upper=yes}}',
    issuingBody: '{{unit upper=yes}}',
    numberPattern: '{number}/BC-SYT',
    place: '{{place}}',
    documentType: 'BÁO CÁO',
    summary: 'Kết quả thực hiện công tác y tế {{period}}\nvà phương hướng, nhiệm vụ {{period of=next}}',
  },
  blocks: [
    h(2, 'I. KẾT QUẢ THỰC HIỆN CÔNG TÁC Y TẾ {{period style=title}}'),
    t('Số liệu tổng hợp từ báo cáo thống kê của các đơn vị trực thuộc và các trạm y tế trên địa bàn, tính đến ngày {{periodEnd}}. {{completeness}}'),

    h(3, '1. Kết quả thực hiện các chỉ tiêu kế hoạch'),
    t('{{planJudgement items="EPI_FULL_U1,EPI_MEASLES2,EPI_TT2_PREG,EPI_NT_PROTECTED,MCH_DELIV_ANC4,OPD_VISITS"}}'),
    {
      type: 'table',
      title: 'Kết quả thực hiện các chỉ tiêu kế hoạch năm',
      rows: 'items',
      items: [
        { item: 'EPI_FULL_U1', label: 'Trẻ dưới 1 tuổi được tiêm chủng đầy đủ' },
        { item: 'EPI_MEASLES2', label: 'Trẻ được tiêm sởi mũi 2' },
        { item: 'EPI_TT2_PREG', label: 'Phụ nữ có thai được tiêm UV2+' },
        { item: 'EPI_NT_PROTECTED', label: 'Trẻ sơ sinh được bảo vệ phòng uốn ván' },
        { item: 'MCH_DELIV_ANC4', label: 'Bà mẹ đẻ được khám thai ≥ 4 lần trong 3 thời kỳ' },
        { item: 'OPD_VISITS', label: 'Lượt khám bệnh tại trạm y tế' },
      ],
      columns: [
        { label: 'Kế hoạch năm', measure: 'target' },
        { label: 'Thực hiện', measure: 'value' },
        { label: '% kế hoạch năm', measure: 'pctPlan', basis: 'period', decimals: 1 },
        { label: 'Cùng kỳ năm trước', measure: 'lastYear' },
        { label: 'So với cùng kỳ', measure: 'changePct', decimals: 1 },
      ],
    },
    t(
      '- Tiêm chủng mở rộng: số trẻ dưới 1 tuổi được tiêm chủng đầy đủ {{value EPI_FULL_U1 before="là" unit="trẻ"}}, {{ofPlan EPI_FULL_U1 basis=period}}, {{vsLastYear EPI_FULL_U1 unit="trẻ"}}; số trẻ được tiêm sởi mũi 2 {{value EPI_MEASLES2 before="là" unit="trẻ"}}, {{ofPlan EPI_MEASLES2 basis=period}}; số phụ nữ có thai được tiêm UV2+ {{value EPI_TT2_PREG before="là" unit="người"}}, {{ofPlan EPI_TT2_PREG basis=period}}; số trẻ sơ sinh được bảo vệ phòng uốn ván {{value EPI_NT_PROTECTED before="là" unit="trẻ"}}, {{ofPlan EPI_NT_PROTECTED basis=period}}.',
      '- Khám, chữa bệnh tại trạm y tế: {{value OPD_VISITS unit="lượt khám"}}, {{ofPlan OPD_VISITS basis=period}}, {{vsLastYear OPD_VISITS unit="lượt"}}; trong đó {{value OPD_VISITS_INSURED unit="lượt"}} có thẻ bảo hiểm y tế ({{value IND_INSURED_VISITS_PCT decimals=1 unit="%"}}); chuyển tuyến {{value OPD_REFERRALS unit="người"}}.',
      '- Chăm sóc sức khỏe bà mẹ, trẻ em: số bà mẹ đẻ được khám thai ≥ 4 lần trong 3 thời kỳ {{value MCH_DELIV_ANC4 before="là" unit="người"}} ({{value IND_ANC4_PCT decimals=1 unit="%"}} số bà mẹ đẻ), {{ofPlan MCH_DELIV_ANC4 basis=period}}; tổng số trẻ đẻ sống {{value MCH_LIVE_BIRTHS before="là" unit="trẻ"}}, {{vsLastYear MCH_LIVE_BIRTHS unit="trẻ"}}; số trẻ tử vong dưới 5 tuổi {{value MCH_DEATHS_U5 before="là" unit="trẻ"}}, {{vsLastYear MCH_DEATHS_U5 unit="trẻ"}}.',
    ),

    h(3, '2. Phòng chống dịch bệnh và các chương trình mục tiêu'),
    t(
      '- Phòng chống dịch bệnh: số mắc cúm {{value CD_INFLUENZA before="là" unit="ca"}}, {{vsLastYear CD_INFLUENZA unit="ca"}}; tiêu chảy {{value CD_DIARRHOEA unit="ca"}}, {{vsLastYear CD_DIARRHOEA unit="ca"}}; sốt xuất huyết Dengue {{value CD_DENGUE unit="ca"}}, {{vsLastYear CD_DENGUE unit="ca"}}; tay chân miệng {{value CD_HFMD unit="ca"}}, {{vsLastYear CD_HFMD unit="ca"}}.',
      '- Phòng chống sốt rét: xét nghiệm {{value MAL_SLIDES unit="lam máu"}}, số lam có ký sinh trùng sốt rét {{value MAL_POSITIVE zero="không có"}}, {{vsLastYear MAL_POSITIVE unit="ca"}}.',
      '- Phòng chống lao: số bệnh nhân lao mọi thể mới phát hiện {{value TB_NEW_ALL before="là" unit="người"}}, {{vsLastYear TB_NEW_ALL unit="người"}}; tỷ lệ bệnh nhân lao phổi AFB(+) được điều trị khỏi {{value IND_TB_AFB_CURE_RATE decimals=1 unit="%"}}.',
      '- Phòng chống HIV/AIDS: số người nhiễm HIV hiện mắc {{value HIV_LIVING before="là" unit="người"}}; số người nhiễm HIV mới phát hiện {{value HIV_NEW before="là" unit="người"}}, {{vsLastYear HIV_NEW unit="người"}}; số bệnh nhân đang điều trị Methadone {{value MMT_PATIENTS before="là" unit="người"}}, {{ofPlan MMT_PATIENTS basis=period}}.',
      '- Dân số - Kế hoạch hóa gia đình: số trẻ sinh ra {{value FP_BIRTHS before="là" unit="trẻ" parts="FP_BIRTHS.MALE,FP_BIRTHS.FEMALE"}}, {{vsLastYear FP_BIRTHS unit="trẻ" parts="FP_BIRTHS.MALE,FP_BIRTHS.FEMALE"}}; tỷ số giới tính khi sinh {{value IND_SEX_RATIO_BIRTH decimals=0 round=floor unit="/100"}}; tỷ lệ sinh con thứ 3 trở lên {{value IND_THIRD_CHILD_PCT decimals=1 unit="%"}}; số người sử dụng biện pháp tránh thai {{value FP_USERS before="là" unit="người"}}.',
      '- Vệ sinh môi trường, an toàn thực phẩm: tỷ lệ hộ gia đình sử dụng nhà tiêu hợp vệ sinh {{value IND_LATRINE_PCT decimals=1 before="đạt" unit="%"}}; số ca ngộ độc thực phẩm {{value FS_POISONING_CASES zero="không có"}}, {{vsLastYear FS_POISONING_CASES unit="ca"}}.',
      '- Chuyển đổi số, Đề án 06: tính đến ngày {{periodEnd}} có {{value EHR_CREATED_CUM unit="người"}} được tạo lập Hồ sơ sức khỏe điện tử, {{value IND_EHR_COVERAGE decimals=2 before="đạt" unit="%"}} dân số; {{value D06_CHIP_CHECKINS unit="lượt"}} khám chữa bệnh sử dụng CCCD gắn chíp ({{value IND_LOOKUP_OK_PCT decimals=1 unit="%"}} tra cứu bảo hiểm thành công); {{value EPRESC_SENT unit="đơn thuốc điện tử"}} được liên thông; tỷ lệ thanh toán không dùng tiền mặt tại trạm y tế {{value IND_CASHLESS_PCT decimals=1 unit="%"}}.',
    ),
    {
      type: 'table',
      title: 'Một số chỉ số chủ yếu so với cùng kỳ',
      rows: 'items',
      items: [
        { item: 'CD_INFLUENZA', label: 'Số mắc cúm (ca)' },
        { item: 'CD_DIARRHOEA', label: 'Số mắc tiêu chảy (ca)' },
        { item: 'CD_DENGUE', label: 'Số mắc sốt xuất huyết Dengue (ca)' },
        { item: 'CD_HFMD', label: 'Số mắc tay chân miệng (ca)' },
        { item: 'MAL_POSITIVE', label: 'Lam có ký sinh trùng sốt rét' },
        { item: 'TB_NEW_ALL', label: 'Bệnh nhân lao mới phát hiện' },
        { item: 'HIV_NEW', label: 'Người nhiễm HIV mới phát hiện' },
        { item: 'FP_BIRTHS', label: 'Số trẻ sinh ra' },
        { item: 'IND_SEX_RATIO_BIRTH', label: 'Tỷ số giới tính khi sinh (trai/100 gái)' },
        { item: 'IND_THIRD_CHILD_PCT', label: 'Tỷ lệ sinh con thứ 3 trở lên (%)' },
        { item: 'MCH_DEATHS_U5', label: 'Trẻ tử vong dưới 5 tuổi' },
        { item: 'IND_LATRINE_PCT', label: 'Hộ sử dụng nhà tiêu hợp vệ sinh (%)' },
        { item: 'IND_EHR_COVERAGE', label: 'Dân số có hồ sơ sức khỏe điện tử (%)' },
        { item: 'IND_CASHLESS_PCT', label: 'Thanh toán không dùng tiền mặt tại trạm (%)' },
      ],
      columns: [
        { label: 'Thực hiện', measure: 'value' },
        { label: 'Cùng kỳ năm trước', measure: 'lastYear' },
        { label: 'Tăng (+), giảm (-)', measure: 'changeLastYear' },
        { label: 'So với cùng kỳ', measure: 'changePct', decimals: 1 },
      ],
    },

    h(3, '3. Kết quả theo đơn vị'),
    {
      type: 'table',
      title: 'Một số chỉ tiêu chủ yếu theo đơn vị',
      rows: 'subunits',
      columns: [
        { label: 'Trẻ < 1 tuổi tiêm chủng đầy đủ', item: 'EPI_FULL_U1', measure: 'value' },
        { label: '% kế hoạch năm', item: 'EPI_FULL_U1', measure: 'pctPlan', basis: 'period', decimals: 1 },
        { label: 'Lượt khám tại trạm y tế', item: 'OPD_VISITS', measure: 'value' },
        { label: 'Trẻ đẻ sống', item: 'MCH_LIVE_BIRTHS', measure: 'value' },
        { label: 'Hồ sơ sức khỏe điện tử (% dân số)', item: 'IND_EHR_COVERAGE', measure: 'value', decimals: 2 },
      ],
      total: true,
    },

    h(2, 'II. TỒN TẠI, HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC'),
    h(3, '1. Kết quả thực hiện các nhiệm vụ được giao'),
    { type: 'tasks', view: 'counts', source: 'led', when: 'period' },
    { type: 'tasks', title: 'Kết quả thực hiện nhiệm vụ theo đơn vị', view: 'summary', source: 'led', when: 'period' },
    h(3, '2. Tồn tại, hạn chế'),
    {
      type: 'free',
      key: 'shortcomings',
      label: 'Tồn tại, hạn chế',
      hint: 'Những tồn tại, hạn chế, thách thức của ngành trong kỳ.',
      default: [
        '1. Nhu cầu chăm sóc sức khỏe của nhân dân ngày càng tăng cao, mô hình bệnh tật thay đổi; một số bệnh truyền nhiễm có xu hướng quay trở lại; các bệnh không lây nhiễm, tai nạn thương tích có chiều hướng tăng; xuất hiện các yếu tố ảnh hưởng xấu đến sức khỏe nhân dân như môi trường, biến đổi khí hậu, lối sống.',
        '2. Ứng dụng công nghệ thông tin trong khám, chữa bệnh bảo hiểm y tế còn nhiều bất cập và hạn chế: trình độ sử dụng công nghệ thông tin của cán bộ y tế còn yếu, đặc biệt tại tuyến y tế cơ sở.',
        '3. Về nhân lực: thiếu bác sỹ và bác sỹ có trình độ chuyên môn cao, đặc biệt tại tuyến y tế cơ sở nên chưa đáp ứng được yêu cầu và nhiệm vụ trong tình hình mới.',
        '4. Công tác truyền thông đến vùng khó khăn còn hạn chế; việc truyền thông trực tiếp tại cộng đồng và vận động nhân dân hiệu quả chưa cao.',
      ].join('\n'),
    },
    h(3, '3. Khó khăn, vướng mắc của các đơn vị'),
    { type: 'consolidated', key: 'difficulties', label: 'Khó khăn, vướng mắc của các đơn vị' },
    h(3, '4. Kiến nghị, đề xuất của các đơn vị'),
    { type: 'consolidated', key: 'proposals', label: 'Kiến nghị, đề xuất của các đơn vị' },

    h(2, 'III. NHIỆM VỤ TRỌNG TÂM {{period of=next style=title}}'),
    {
      type: 'free',
      key: 'tasks',
      label: 'Nhiệm vụ trọng tâm kỳ tới',
      hint: 'Các nhiệm vụ trọng tâm của ngành trong kỳ tới, giao cho phòng, đơn vị cụ thể.',
      default: [
        '1. Tiếp tục thực hiện tốt công tác phòng chống dịch bệnh trên địa bàn toàn tỉnh; giám sát, phát hiện sớm, xử lý kịp thời, không để dịch lan rộng.',
        '2. Tập trung thực hiện và hoàn thành các chỉ tiêu kế hoạch được giao trong năm {{year}}, đặc biệt là các chỉ tiêu đạt thấp.',
        '3. Tiếp tục nâng cao chất lượng khám, chữa bệnh tại các tuyến; tích cực triển khai có chất lượng các dịch vụ kỹ thuật mới; đào tạo, chuyển giao kỹ thuật cho tuyến y tế cơ sở.',
        '4. Đẩy mạnh chuyển đổi số và thực hiện Đề án 06: tạo lập, cập nhật Hồ sơ sức khỏe điện tử, liên thông đơn thuốc điện tử, thanh toán không dùng tiền mặt.',
        '5. Tích cực thực hiện công tác cải cách hành chính; tăng cường kiểm tra, giám sát hỗ trợ đối với tất cả các lĩnh vực trong ngành y tế.',
        '6. Nâng cao vai trò quản lý tài chính của lãnh đạo các đơn vị trong ngành, thực hiện tốt công tác kế hoạch tài chính, bảo đảm công tác thu, chi ngân sách.',
      ].join('\n'),
    },
    { type: 'tasks', title: 'Các nhiệm vụ đã giao có thời hạn trong {{period of=next}}', view: 'list', source: 'assigned', when: 'next' },
    t('Trên đây là báo cáo kết quả thực hiện công tác y tế {{period}} và phương hướng, nhiệm vụ {{period of=next}} của {{unit}}./.'),
  ],
  signature: { authority: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], signer: '' },
  recipients: [
    'UBND tỉnh (để báo cáo)',
    'Bộ Y tế (để báo cáo)',
    'Ban Giám đốc Sở Y tế',
    'Các phòng chức năng Sở (để thực hiện)',
    'Các đơn vị trực thuộc Sở (để thực hiện)',
    'Lưu: VT, KHTC',
  ],
};
