// BC_TTYT_THANG: the monthly report of a district health centre, following seed 001 (Hoằng Hóa,
// May 2024) section by section. Every figure of seed section II (and of I.4 staffing) is computed
// from data with the seed's wording; the parts only people can write are free blocks: a new draft
// takes the unit's own latest final report's texts, else (Hoằng Hóa only) the seed's text, else empty. seed001.expected.ts lists the figures
// the generated TTYT399 / 202405 report must contain.
//
// Deliberate departures from the seed's text, all outside the figures' wording:
// - numbers and percentages are vi-VN with a space before "%": "92,3 %", "3.521" (the seed: "92.3%",
//   "3521"); "% kế hoạch" comes from ofPlan ("đạt 8,7 % kế hoạch");
// - obvious typos fixed: "Methanode" → "Methadone", "Bajodow" → "Basedow", "bảo lụt" → "bão lụt",
//   "KHHGD" → "KHHGĐ", "Kế toán; 01" → "Kế toán 01", "phần C là … đạt 96,43" gets its "%";
// - "trong huyện" in computed sentences reads "trên địa bàn" (centres of towns and cities use it too);
// - the seed's "(nhắc lại lần 2)" after the month's COVID-19 doses names the figure:
//   "(nhắc lại lần 2: 42 liều)", and the methadone facility's staff "(hợp đồng lao động: 02)";
// - "không có trường hợp nào có ký sinh trùng sốt rét" is written "không có trường hợp có …" so that a
//   non-zero month reads "3 trường hợp có …";
// - a few same-period comparisons ("tăng 24 ca so với cùng kỳ") are added as separate sentences.
import type { TemplateDefinitionInput } from '../template.schema.js';

type Block = TemplateDefinitionInput['blocks'][number];
const h = (level: 1 | 2 | 3 | 4, text: string): Block => ({ type: 'heading', level, text });
const t = (...lines: string[]): Block => ({ type: 'text', text: lines.join('\n') });
/** The unit seed 001 was written by (Trung tâm Y tế huyện Hoằng Hóa): its words are its own. */
export const SEED001_UNIT = 'TTYT399';
// A free block starts from the unit's own previous report; seed 001's text is Hoằng Hóa's starting
// point only. Other centres start empty, with the hint (their words are never another district's).
const free = (key: string, label: string, hint: string, ...lines: string[]): Block => ({
  type: 'free',
  key,
  label,
  hint,
  unitDefaults: [{ unit: SEED001_UNIT, text: lines.join('\n') }],
});

export const BC_TTYT_THANG: TemplateDefinitionInput = {
  code: 'BC_TTYT_THANG',
  name: 'Báo cáo tháng của Trung tâm Y tế',
  nameEn: 'Monthly report of a district health centre',
  description:
    'Báo cáo kết quả thực hiện công tác y tế tháng và phương hướng nhiệm vụ tháng sau của Trung tâm Y tế huyện (theo mẫu báo cáo tháng 5/2024 của TTYT Hoằng Hóa). Số liệu lấy từ báo cáo thống kê của Trung tâm và các trạm y tế; các phần nhận định, tồn tại, nhiệm vụ, kiến nghị do đơn vị nhập.',
  unitKind: 'centre',
  periodKinds: ['Monthly'],
  header: {
    parentBody: '{{parent upper=yes}}',
    issuingBody: '{{unit upper=yes}}',
    numberPattern: '{number}/BC-TTYT',
    place: '{{place}}',
    documentType: 'BÁO CÁO',
    summary: 'Kết quả thực hiện công tác y tế {{period}}\nvà phương hướng nhiệm vụ {{period of=next}}',
  },
  blocks: [
    h(1, 'PHẦN THỨ NHẤT'),
    h(1, 'ĐẶC ĐIỂM TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN'),

    // ------------------------------------------------------------ I. characteristics
    h(2, 'I. ĐẶC ĐIỂM TÌNH HÌNH'),
    h(3, '1. Đặc điểm chung'),
    free(
      'characteristics',
      'Đặc điểm chung',
      'Đặc điểm địa lý, dân số, kinh tế - xã hội của địa bàn ảnh hưởng đến công tác y tế.',
      '{{place}} có dân số {{value POP_TOTAL unit="người"}}, với {{subunitCount}} trạm y tế xã, phường, thị trấn trực thuộc Trung tâm. Vấn đề vệ sinh môi trường, việc xử lý chất thải còn nhiều bất cập, một số bệnh truyền nhiễm thuộc nhóm B xuất hiện quanh năm đó là những yếu tố thuận lợi tạo điều kiện cho bệnh dịch phát sinh. Bên cạnh đó cơ sở vật chất trang thiết bị vật tư phục vụ công tác chăm sóc sức khoẻ nhân dân chưa đáp ứng được nhu cầu chung.',
    ),
    h(3, '2. Thuận lợi'),
    free(
      'advantages',
      'Thuận lợi',
      'Những thuận lợi trong tháng.',
      '- Được sự quan tâm chỉ đạo trực tiếp của {{parent}}, các cơ sở Y tế tuyến tỉnh.',
      '- Được sự quan tâm chỉ đạo của Huyện ủy, UBND huyện, sự phối kết hợp giúp đỡ của các ban, ngành, đoàn thể trong huyện, Bệnh viện đa khoa huyện và UBND các xã, thị trấn.',
      '- Cán bộ, viên chức toàn Trung tâm với quyết tâm khắc phục khó khăn, chủ động bám sát nhiệm vụ được giao luôn nỗ lực phấn đấu khắc phục mọi khó khăn hoàn thành tốt các nhiệm vụ được giao.',
    ),
    h(3, '3. Khó khăn'),
    free(
      'difficulties',
      'Khó khăn',
      'Khó khăn, vướng mắc của đơn vị (Sở Y tế tổng hợp mục này từ báo cáo của các Trung tâm Y tế).',
      '- Kinh tế - Xã hội phát triển theo hướng Công Nghiệp và dịch vụ Du Lịch đi kèm theo đó là dân di cư biến động gia tăng ảnh hưởng đến công tác phòng chống dịch, bệnh cũng như công tác tiêm chủng mở rộng và chăm sóc sức khoẻ nhân dân nói chung.',
      '- Thời tiết diễn biến phức tạp, ảnh hưởng không tốt đến sức khoẻ của người dân đặc biệt là người già và trẻ em.',
      '- Công tác vệ sinh môi trường, an toàn thực phẩm còn nhiều bất cập. Nhận thức của một bộ phận dân cư về bảo vệ sức khoẻ còn hạn chế.',
    ),
    h(3, '4. Cơ cấu nhân lực'),
    t(
      '**- Tại Trung tâm Y tế huyện.**',
      '+ Tổng số cán bộ là: {{value HR_STAFF}} (biên chế: {{value HR_STAFF.EMP_PERMANENT}}; hợp đồng: {{value HR_STAFF.EMP_CONTRACT pad=2}}). Trong đó:',
      'Trên đại học: {{value HR_STAFF_POSTGRAD pad=2 unit="cán bộ"}} (Thạc sỹ {{value HR_STAFF_POSTGRAD.PG_MASTER pad=2}}; Bác sỹ CKI {{value HR_STAFF_POSTGRAD.PG_SPEC1 pad=2}}{{rest HR_STAFF_POSTGRAD minus="HR_STAFF_POSTGRAD.PG_MASTER,HR_STAFF_POSTGRAD.PG_SPEC1" before="; khác" pad=2}}).',
      'Đại học: {{value HR_STAFF_UNIVERSITY}} (Bác sỹ {{value HR_STAFF_UNIVERSITY.UNI_DOCTOR pad=2}}; Điều dưỡng {{value HR_STAFF_UNIVERSITY.UNI_NURSE pad=2}}; Dược {{value HR_STAFF_UNIVERSITY.UNI_PHARMACIST pad=2}}; YTCC {{value HR_STAFF_UNIVERSITY.UNI_PUBLIC_HEALTH pad=2}}; Chuyên ngành khác {{value HR_STAFF_UNIVERSITY.UNI_OTHER pad=2}}).',
      'Cao đẳng: {{value HR_STAFF_COLLEGE unit="cán bộ"}} (Điều dưỡng {{value HR_STAFF_COLLEGE.COL_NURSE pad=2}}; Kế toán {{value HR_STAFF_COLLEGE.COL_ACCOUNTANT pad=2}}; Dược sỹ {{value HR_STAFF_COLLEGE.COL_PHARMACIST pad=2}}; KTV xét nghiệm: {{value HR_STAFF_COLLEGE.COL_LAB_TECH pad=2}}{{rest HR_STAFF_COLLEGE minus="HR_STAFF_COLLEGE.COL_NURSE,HR_STAFF_COLLEGE.COL_ACCOUNTANT,HR_STAFF_COLLEGE.COL_PHARMACIST,HR_STAFF_COLLEGE.COL_LAB_TECH" before="; khác" pad=2}}).',
      'Trung cấp: {{value HR_STAFF_SECONDARY unit="cán bộ"}} (Y sỹ đa khoa {{value HR_STAFF_SECONDARY.SEC_ASSISTANT_DOCTOR}}{{rest HR_STAFF_SECONDARY minus="HR_STAFF_SECONDARY.SEC_ASSISTANT_DOCTOR" before="; khác"}}).',
      'Lái xe: {{value HR_STAFF_DRIVER pad=2}}.',
      '**- Tại cơ sở điều trị Methadone.**',
      'Tổng số cán bộ là: {{value HR_MMT_STAFF pad=2}} (hợp đồng lao động: {{value HR_MMT_STAFF.EMP_CONTRACT pad=2}}). Trong đó: Dược sỹ: {{value HR_MMT_STAFF_ROLE.MMT_PHARMACIST pad=2}}; Bảo vệ: {{value HR_MMT_STAFF_ROLE.MMT_GUARD pad=2}}.',
      '**- Tại trạm Y tế xã, thị trấn.**',
      'Hiện tại tổng số cán bộ biên chế là: {{value HR_TYT_STAFF unit="cán bộ"}}. Trong đó: Bác sỹ: {{value HR_TYT_STAFF_PROF.PROF_DOCTOR}}; Y sỹ: {{value HR_TYT_STAFF_PROF.PROF_ASSISTANT_DOCTOR}}; Nữ hộ sinh: {{value HR_TYT_STAFF_PROF.PROF_MIDWIFE}}; Điều Dưỡng: {{value HR_TYT_STAFF_PROF.PROF_NURSE}}{{rest HR_TYT_STAFF_PROF minus="HR_TYT_STAFF_PROF.PROF_DOCTOR,HR_TYT_STAFF_PROF.PROF_ASSISTANT_DOCTOR,HR_TYT_STAFF_PROF.PROF_MIDWIFE,HR_TYT_STAFF_PROF.PROF_NURSE" before="; khác:"}}.',
    ),

    // ------------------------------------------------------------ II. results
    h(2, 'II. KẾT QUẢ THỰC HIỆN CÔNG TÁC Y TẾ {{period style=title}}'),
    // The stations that have not reported, named (nothing when all did).
    t('{{completeness only=missing}}'),
    h(3, '1. Công tác lãnh đạo, chỉ đạo'),
    free(
      'leadership',
      'Công tác lãnh đạo, chỉ đạo',
      'Các nội dung lãnh đạo, chỉ đạo trong tháng.',
      '- Lãnh đạo Trung tâm thường xuyên quán triệt đầy đủ các nghị quyết, các văn bản chỉ đạo của Huyện uỷ, HĐND, UBND huyện, Sở y tế. Tăng cường phối hợp với các cấp, các ngành, các tổ chức chính trị xã hội để triển khai kịp thời các nhiệm vụ. Chỉ đạo, xử lý những sai sót chuyên môn kỹ thuật, mất đoàn kết nội bộ, tiêu cực; tập trung thực hiện việc chấp hành kỷ luật lao động, đạo đức người thầy thuốc, quy tắc ứng xử, phòng chống dịch, an toàn vệ sinh thực phẩm.',
      '- Chỉ đạo Trạm Y tế các xã, thị trấn triển khai thực hiện chuẩn Quốc gia về Y tế xã giai đoạn đến năm 2030 theo Quyết định 1300/QĐ-BYT ngày 09/3/2023 của Bộ Y tế.',
      '- Chỉ đạo, giám sát trạm Y tế các xã, thị trấn triển khai thực hiện các nhiệm vụ thuộc đề án 06 về phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số Quốc gia giai đoạn 2020-2025, tầm nhìn 2030; thực hiện chỉnh trang cảnh quan cơ sở y tế Xanh – Sạch – Đẹp và việc thực hiện các nhiệm vụ của Sở Y tế giao.',
      '- Chỉ đạo trạm Y tế các xã, thị trấn tăng cường công tác giám sát các bệnh dịch, thường trực cấp cứu, nâng cao y đức ngành y, thực hiện tốt quy tắc ứng xử, quản lý tài chính, quy chế dân chủ, quy chế chuyên môn, thực hiện tốt các phong trào thi đua do Giám đốc Sở Y tế phát động.',
    ),

    h(3, '2. Công tác phòng chống dịch, bệnh'),
    free(
      'epidemicControl',
      'Công tác phòng chống dịch, bệnh',
      'Các hoạt động phòng chống dịch trong tháng (số mắc bệnh truyền nhiễm được lấy từ số liệu, ở đoạn sau).',
      '- Thực hiện sự chỉ đạo của Sở Y tế, các đơn vị y tế tuyến tỉnh và Uỷ ban nhân dân huyện. Đơn vị đã tham gia phối hợp với Ban chỉ đạo phòng chống dịch huyện và các đơn vị có liên quan tổ chức kiểm tra, giám sát các đối tượng đi từ vùng dịch về; Thực hiện giám sát, điều tra côn trùng tại các xã, thị trấn.',
    ),
    t(
      'Một số bệnh truyền nhiễm nhóm B xuất hiện có khả năng gây thành dịch như: Bệnh cúm thường {{value CD_INFLUENZA before="là" unit="bệnh nhân"}}, tiêu chảy {{value CD_DIARRHOEA before="là" unit="bệnh nhân"}}. Số mắc cúm {{vsLastYear CD_INFLUENZA unit="ca"}}; số mắc tiêu chảy {{vsLastYear CD_DIARRHOEA unit="ca"}}.',
      '**- Tiêm vắc xin phòng Covid-19:**',
      'Trong tháng triển khai tiêm vắc xin phòng Covid-19: Tổng số {{value COVID_DOSES unit="liều"}} (*nhắc lại lần 2: {{value COVID_DOSES.BOOSTER2 unit="liều"}}*). Tính đến ngày {{periodEnd}} tổng số mũi tiêm trên địa bàn {{value COVID_DOSES_CUM before="là" unit="liều"}}. Trong đó: Mũi 1: {{value COVID_DOSES_CUM.DOSE1 unit="liều"}}; Mũi 2: {{value COVID_DOSES_CUM.DOSE2 unit="liều"}}; Mũi 3: {{value COVID_DOSES_CUM.DOSE3 unit="liều"}}; Mũi nhắc lại: {{value COVID_BOOSTER_CUM}}; Mũi nhắc lại lần 1: {{value COVID_DOSES_CUM.BOOSTER1}}; Mũi nhắc lại lần 2: {{value COVID_DOSES_CUM.BOOSTER2 unit="liều"}}; Mũi bổ sung: {{value COVID_DOSES_CUM.ADDITIONAL unit="liều"}}.',
    ),

    h(3, '3. Công tác chuẩn Quốc gia về y tế xã'),
    free(
      'communeStandards',
      'Công tác chuẩn Quốc gia về y tế xã',
      'Tiến độ thực hiện Bộ tiêu chí quốc gia về y tế xã.',
      '- Chỉ đạo, hướng dẫn Trạm Y tế các xã, phường, thị trấn thực hiện Bộ tiêu chí quốc gia về y tế xã giai đoạn đến năm 2030 theo Quyết định số 1300/QĐ-BYT ngày 09/3/2023 của Bộ Y tế; tổ chức thẩm định và tham mưu công nhận các xã đạt Bộ tiêu chí quốc gia về y tế theo kế hoạch năm {{year}}.',
    ),

    h(3, '4. Công tác phòng chống thảm họa, bão lụt'),
    free(
      'disasterPreparedness',
      'Công tác phòng chống thảm họa, bão lụt',
      'Chuẩn bị phòng chống thiên tai, thảm họa.',
      'Thực hiện chỉ đạo của Sở y tế và Ban chỉ đạo phòng chống thảm họa bão lụt của huyện. Thành lập ban chỉ huy và các tổ đội, phân công nhiệm vụ cho từng đồng chí, chuẩn bị đầy đủ nhân lực, vật lực, các phương tiện vật tư trang thiết bị cần thiết, thuốc hoá chất theo phương châm 4 tại chỗ để sẵn sàng ứng phó kịp thời nhằm hạn chế thấp nhất thiệt hại khi có thiên tai thảm họa xảy ra.',
    ),

    h(3, '5. Công tác Truyền thông giáo dục sức khoẻ'),
    t(
      '- Phối hợp với Đài truyền thanh huyện phát các tin bài viết có nội dung tuyên truyền về công tác y tế đồng thời phát các tin, bài trên hệ thống tại Trung tâm. Số bài viết truyền thông {{value COMM_ARTICLES before="là" unit="bài"}}, Trong đó: Về phòng chống dịch, bệnh {{value COMM_ARTICLES.TOPIC_EPIDEMIC before="là" unit="bài"}}, về An toàn vệ sinh thực phẩm {{value COMM_ARTICLES.TOPIC_FOOD_SAFETY before="là" unit="bài"}}, về các bệnh xã hội {{value COMM_ARTICLES.TOPIC_SOCIAL_DISEASE before="là" unit="bài"}}, tuyên truyền về nội dung khác {{value COMM_ARTICLES.TOPIC_OTHER before="là" unit="bài"}}.',
      '- Số lượt người được tư vấn và giáo dục sức khoẻ trực tiếp {{value COMM_COUNSELLED before="là" unit="lượt"}}.',
    ),

    h(3, '6. Thực hiện các chương trình mục tiêu Quốc gia về y tế'),
    h(4, '6.1. Công tác tiêm chủng mở rộng'),
    t(
      'Thực hiện tiêm đúng, tiêm đủ các loại vắc xin phòng bệnh cho các đối tượng được xác định.',
      '- Tổng số trẻ trong độ tuổi tiêm chủng {{value EPI_TARGET_CHILDREN before="là" unit="trẻ"}}.',
      '- Số trẻ dưới 1 tuổi được tiêm chủng đầy đủ {{value EPI_FULL_U1 before="là" unit="trẻ"}} {{ofPlan EPI_FULL_U1 basis=period}}.',
      '- Số trẻ tiêm sởi mũi 2 {{value EPI_MEASLES2 before="là" unit="trẻ"}} {{ofPlan EPI_MEASLES2 basis=period}}.',
      '- Số phụ nữ có thai được tiêm UV2+ {{value EPI_TT2_PREG before="là"}} {{ofPlan EPI_TT2_PREG basis=period}}.',
      '- Số trẻ được bảo vệ UVSS {{value EPI_NT_PROTECTED before="là" unit="trẻ"}} {{ofPlan EPI_NT_PROTECTED basis=period}}.',
      '- Cộng dồn từ đầu năm, số trẻ dưới 1 tuổi được tiêm chủng đầy đủ {{ytd EPI_FULL_U1 before="là" unit="trẻ"}}, {{ofPlan EPI_FULL_U1 basis=ytd unit="năm"}}.',
    ),
    h(4, '6.2. Công tác phòng chống sốt rét'),
    t(
      'Chủ động giám sát Vectơ, vệ sinh môi trường trên địa bàn huyện, tổng số lam xét nghiệm {{value MAL_SLIDES before="là" unit="lam"}}, {{value MAL_POSITIVE zero="không có" unit="trường hợp"}} có ký sinh trùng sốt rét.',
    ),
    h(4, '6.3. Công tác vệ sinh an toàn thực phẩm'),
    t(
      '- Thực hiện sự chỉ đạo của Giám đốc sở y tế, Chi cục vệ sinh an toàn thực phẩm đơn vị đã phối hợp với các đơn vị liên quan quản lý các cơ sở kinh doanh, chế biến thực phẩm: Tổng số cơ sở kinh doanh, chế biến thực phẩm {{value FS_ESTABLISHMENTS before="là"}}.',
      '- Thực hiện công tác giám sát ngộ độc thực phẩm, tổng số ca mắc trong tháng {{value FS_POISONING_CASES before="là" unit="ca"}}.',
    ),
    h(4, '6.4. Công tác vệ sinh môi trường'),
    t(
      '- Phối hợp với các cấp, các ngành, đoàn thể tổ chức tuyên truyền vận động nhân dân thực hiện tốt công tác vệ sinh môi trường, sử dụng nguồn nước hợp vệ sinh. Nâng tỷ lệ số nhà sử dụng nhà tiêu hợp vệ sinh, đến nay tỷ lệ số nhà sử dụng nhà tiêu hợp vệ sinh {{value IND_LATRINE_PCT decimals=1 before="đạt" unit="%"}}.',
    ),
    h(4, '6.5. Về công tác quản lý sức khoẻ người lao động'),
    t(
      '- Phối hợp với đơn vị liên quan thực hiện kiểm tra, giám sát vệ sinh an toàn lao động {{value OH_COMPANIES_INSPECTED before="tại" pad=2 unit="công ty"}}.',
      '- Thực hiện khám và cấp giấy chứng nhận sức khỏe cho người lao động với số người được khám {{value OH_WORKERS_EXAMINED before="là" unit="người"}}.',
    ),
    h(4, '6.6. Về tình hình tai nạn thương tích, ngộ độc thuốc, HCBV thực vật'),
    t(
      '- Tình hình tai nạn thương tích: Giám sát phát hiện {{value INJ_CASES unit="ca"}}.',
      '- Tình hình ngộ độc thuốc, hóa chất, thuốc bảo vệ thực vật: {{value POIS_CHEM_CASES zero="Không có ca ngộ độc thuốc, hóa chất, thuốc bảo vệ thực vật"}}.',
    ),
    h(4, '6.7. Công tác phòng chống HIV/AIDS'),
    t(
      '- Tổng số bệnh nhân HIV hiện mắc {{value HIV_LIVING before="là" unit="bệnh nhân"}}, số bệnh nhân AIDS hiện mắc {{value AIDS_LIVING before="là" unit="bệnh nhân"}}. Số bệnh nhân điều trị Methadone {{value MMT_PATIENTS before="là" unit="bệnh nhân"}}.',
      '- Số bệnh nhân HIV mới trong tháng {{value HIV_NEW before="là" unit="bệnh nhân"}}. Số bệnh nhân AIDS tử vong trong tháng {{value AIDS_DEATHS before="là" unit="bệnh nhân"}}.',
      '- Số ca khám và tư vấn {{value HIV_COUNSELLING before="là" unit="ca"}}, số bơm kim tiêm được cấp phát {{value HIV_NEEDLES before="là" unit="cái"}}, số bao cao su được cấp phát {{value HIV_CONDOMS unit="cái"}}.',
    ),
    h(4, '6.8. Công tác phòng chống các bệnh do thiếu Iốt'),
    t(
      '- Tổng số bệnh nhân Bướu cổ được quản lý {{value IOD_GOITRE_MANAGED before="là" unit="bệnh nhân"}}, trong đó bướu thường {{value IOD_GOITRE_MANAGED.GOITRE_ORDINARY before="là" unit="bệnh nhân"}}, bướu Basedow {{value IOD_GOITRE_MANAGED.GOITRE_BASEDOW before="là" unit="bệnh nhân"}}.',
      '- Độ phủ muối Iốt trên địa bàn toàn huyện {{value IND_IODISED_SALT_PCT decimals=0 before="là" unit="%"}}.',
    ),
    h(4, '6.9. Công tác phòng chống lao và bệnh phổi'),
    t(
      '- Số bệnh nhân lao mọi thể mới phát hiện {{value TB_NEW_ALL pad=2 before="là" unit="bệnh nhân"}}.',
      '- Tổng số bệnh nhân lao các thể đang điều trị {{value TB_UNDER_TREATMENT before="là" unit="bệnh nhân"}}.',
      '- Số bệnh nhân Lao AFB mới phát hiện {{value TB_NEW_AFB before="là" unit="bệnh nhân"}}.',
      '- Tỷ lệ bệnh nhân lao phổi AFB (+) được điều trị khỏi {{value IND_TB_AFB_CURE_RATE decimals=1 before="là" unit="%"}}.',
    ),
    h(4, '6.10. Công tác quản lý và điều trị bệnh tâm thần'),
    t(
      '- Số xã triển khai chương trình phòng chống bệnh tâm thần cộng đồng {{value MH_PROGRAMME before="là" unit="xã"}}.',
      '- Số bệnh nhân tâm thần được quản lý {{value MH_MANAGED before="là" unit="bệnh nhân"}}.',
      '- Số bệnh nhân được điều trị ổn định {{value MH_STABLE before="là" unit="bệnh nhân"}}.',
      '- {{value MH_NEW zero="Không có" unit="bệnh nhân"}} mới được đưa vào quản lý.',
    ),
    h(4, '6.11. Công tác Dân số - Kế hoạch hoá gia đình'),
    t(
      '- Duy trì thực hiện các nhiệm vụ chuyên môn kỹ thuật, truyền thông giáo dục về Dân số - Kế hoạch hoá gia đình trên địa bàn huyện, thực hiện các chương trình mục tiêu về công tác Dân số-Y tế, các Đề án năm {{year}} tại các xã, thị trấn.',
      '- Tổng số trẻ sinh {{value FP_BIRTHS before="là" unit="trẻ" parts="FP_BIRTHS.MALE,FP_BIRTHS.FEMALE"}} (*trẻ nam {{value FP_BIRTHS.MALE}}, trẻ gái {{value FP_BIRTHS.FEMALE}}*). Tỷ số giới tính nam/nữ {{value IND_SEX_RATIO_BIRTH decimals=0 round=floor before="là" unit="/100"}}. Số trẻ sinh {{vsLastYear FP_BIRTHS unit="trẻ" parts="FP_BIRTHS.MALE,FP_BIRTHS.FEMALE"}}.',
      '- Trẻ sinh ra là con thứ 3 {{value FP_BIRTHS_THIRD before="là" unit="trẻ"}}.',
      '- Tổng số người sử dụng biện pháp KHHGĐ {{value FP_USERS before="là" unit="người"}}. Trong đó: Dùng thuốc viên tránh thai {{value FP_USERS.FP_PILL before="là" unit="người"}}, dùng bao cao su {{value FP_USERS.FP_CONDOM before="là" unit="người"}}. Đặt vòng tránh thai {{value FP_USERS.FP_IUD pad=2 before="là" unit="người"}}.',
    ),
    h(4, '6.12. Công tác chăm sóc sức khoẻ sinh sản'),
    t(
      '- Số phụ nữ khám thai 4 lần/3 kỳ {{value MCH_DELIV_ANC4 before="là" unit="người"}}.',
      '- Số lần khám thai trung bình {{value IND_ANC_AVG_VISITS decimals=1 before="là" unit="lần"}}.',
      '- Số tử vong trẻ < 5 tuổi {{value MCH_DEATHS_U5 before="là" unit="trẻ"}}.',
      '- Số trẻ đẻ < 2500 gr {{value MCH_LBW pad=2 before="là" unit="trẻ"}}.',
      '- Tổng số trẻ đẻ sống {{value MCH_LIVE_BIRTHS before="là" unit="trẻ"}}.',
    ),
    h(4, '6.13. Công tác xét nghiệm'),
    t(
      '- Xét nghiệm tìm AFB {{value LAB_TESTS.LAB_AFB before="là" unit="mẫu"}}.',
      '- Xét nghiệm HIV {{value LAB_TESTS.LAB_HIV before="là" unit="mẫu"}}.',
      '- Xét nghiệm KSTSR {{value LAB_TESTS.LAB_MALARIA before="là" unit="mẫu"}}.',
      '- Xét nghiệm VSATTP {{value LAB_TESTS.LAB_FOOD before="là" unit="mẫu"}}.',
      '- Xét nghiệm khác {{value LAB_TESTS.LAB_OTHER before="là" unit="mẫu"}}.',
    ),
    h(4, '6.14. Công tác khám, chữa bệnh'),
    t(
      '**- Tại PKĐK - Trung tâm Y tế.**',
      'Tổ chức khám và cấp thuốc điều trị cho bệnh nhân Lao bảo hiểm y tế với tổng số {{value PKDK_TB_INSURED_VISITS unit="lượt bệnh nhân"}}.',
      '**- Tại Trạm y tế các xã, thị trấn.**',
      'Trong tháng tổng số lượt bệnh nhân đến khám tại các trạm y tế xã, thị trấn {{value OPD_VISITS before="là" unit="lượt"}}. Tổng số lượt bệnh nhân khám có thẻ bảo hiểm y tế: {{value OPD_VISITS_INSURED unit="lượt"}}. Tổng số bệnh nhân chuyển tuyến: {{value OPD_REFERRALS unit="người"}}. Tổng số kinh phí thu được: {{value OPD_REVENUE unit="đ"}}.',
      'Số lượt khám tại trạm {{vsLastYear OPD_VISITS unit="lượt"}}; cộng dồn từ đầu năm {{ytd OPD_VISITS unit="lượt"}}, {{ofPlan OPD_VISITS unit="năm"}}.',
    ),

    h(3, '7. Công tác tổ chức cán bộ'),
    free(
      'staffOrganisation',
      'Công tác tổ chức cán bộ',
      'Bổ nhiệm, tuyển dụng, điều động, đào tạo cán bộ trong tháng.',
      '- Phối hợp thực hiện quy trình bổ nhiệm lại Giám đốc, Phó giám đốc',
      '- Xây dựng kế hoạch bổ nhiệm, bổ nhiệm lại trưởng phó khoa phòng, trưởng trạm y tế các xã, thị trấn.',
      '- Tiếp tục hoàn thiện các nội dung trong công tác tổ chức cán bộ.',
    ),

    h(3, '8. Các hoạt động khác'),
    h(4, '8.1. Triển khai thực hiện các nhiệm vụ thuộc Đề án 06 về phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số Quốc gia giai đoạn 2022-2025, tầm nhìn 2030'),
    free(
      'project06',
      'Đề án 06: các hoạt động',
      'Các hoạt động chuyển đổi số, Đề án 06 trong tháng (số lượt, số hồ sơ được lấy từ số liệu, ở đoạn sau).',
      'Phối hợp với đơn vị, bộ phận có liên quan thực hiện các nhiệm vụ chuyển đổi số và thực hiện Đề án 06 như: Duy trì thực hiện tốt mô hình điểm “Khám chữa bệnh sử dụng thẻ Căn cước công dân gắn chíp điện tử và ứng dụng VNNeID”; Tạo lập hồ sơ sức khỏe toàn dân; liên thông đơn thuốc và gửi đơn thuốc bằng hình thức điện tử; liên thông dữ liệu giấy chứng sinh, giấy báo tử lên cổng giám định, triển khai thanh toán không dùng tiền mặt.',
      'Thực hiện kế hoạch của Ủy ban nhân dân về lập hồ sơ sức khỏe điện tử toàn dân và về triển khai thanh toán không dùng tiền mặt tại Trạm Y tế các xã, phường, thị trấn.',
    ),
    t(
      '- Duy trì mô hình điểm “Khám chữa bệnh sử dụng thẻ Căn cước công dân gắn chíp điện tử và ứng dụng VNNeID” tại PKĐK và Trạm y tế các xã, thị trấn. Tổng số lượt KCB sử dụng CCCD gắn chíp {{value D06_CHIP_CHECKINS before="là" unit="lượt"}}, trong đó số lượt sử dụng CCCD gắn chíp có thông tin bảo hiểm trả về thành công {{value D06_LOOKUP_OK before="là" unit="lượt"}}.',
      '- Công tác tạo lập Hồ sơ sức khỏe điện tử toàn dân: Giám sát và đôn đốc trạm Y tế các xã, thị trấn duy trì tốt việc tạo lập Hồ sơ sức khỏe điện tử cho người dân trên địa bàn. Tính đến ngày {{periodEnd}} tổng số nhân khẩu đã được tạo lập Hồ sơ sức khỏe điện tử {{value EHR_CREATED_CUM before="là"}} {{value IND_EHR_COVERAGE decimals=2 before="đạt" unit="%"}}; Số bộ HSSK đã có dữ liệu phần B {{value EHR_PART_B_CUM before="là"}} {{value IND_EHR_PART_B_PCT decimals=2 before="đạt" unit="%"}}; Số bộ HSSK đã có dữ liệu phần C {{value EHR_PART_C_CUM before="là"}} {{value IND_EHR_PART_C_PCT decimals=2 before="đạt" unit="%"}}; Số bộ HSSK đã có dữ liệu phần D {{value EHR_PART_D_CUM before="là"}} {{value IND_EHR_PART_D_PCT decimals=2 before="đạt" unit="%"}}.',
      '- Liên thông đơn thuốc và gửi đơn thuốc bằng hình thức điện tử: Giám sát và đôn đốc trạm Y tế các xã, thị trấn thực hiện việc liên thông đơn thuốc và gửi đơn thuốc bằng hình thức điện tử. Tổng số lượt đơn thuốc được liên thông thành công {{value EPRESC_SENT before="là" unit="lượt"}}.',
      '- Triển khai thanh toán không dùng tiền mặt tại Trạm Y tế các xã, thị trấn: Đơn vị đã đôn đốc Trạm Y tế các xã, thị trấn tăng cường công tác tuyên truyền, khuyến khích người dân thanh toán chi phí bằng hình thức không dùng tiền mặt khi đến khám chữa bệnh tại trạm. Trong tháng tổng số lượt thanh toán tại Trạm Y tế các xã, thị trấn {{value PAY_TOTAL before="là" unit="lượt"}}, trong đó thanh toán bằng hình thức không dùng tiền mặt {{value PAY_CASHLESS before="là" unit="lượt"}}. Tỷ lệ thanh toán không dùng tiền mặt {{value IND_CASHLESS_PCT decimals=1 before="đạt" unit="%"}}.',
    ),
    h(4, '8.2. Công tác chỉnh trang cảnh quan, xây dựng cơ sở y tế Xanh – Sạch – Đẹp'),
    free(
      'greenCleanBeautiful',
      'Cơ sở y tế Xanh – Sạch – Đẹp',
      'Kết quả chỉnh trang cảnh quan, xây dựng cơ sở y tế Xanh – Sạch – Đẹp.',
      'Thực hiện chỉ đạo, đôn đốc trạm Y tế các xã, thị trấn duy trì thực hiện tốt công tác chỉnh trang cảnh quan, xây dựng cơ sở y tế Xanh – Sạch – Đẹp.',
    ),
    h(4, '8.3. Thực hiện các nhiệm vụ của Sở Y tế tại Kế hoạch hoạt động đầu năm'),
    free(
      'departmentTasks',
      'Nhiệm vụ Sở Y tế giao',
      'Kết quả thực hiện các nhiệm vụ của Sở Y tế tại Kế hoạch hoạt động đầu năm.',
      'Căn cứ Kế hoạch của ngành Y tế, ngay từ đầu năm đơn vị đã xây dựng Kế hoạch nhằm triển khai thực hiện tốt các nhiệm vụ của ngành Y tế.',
    ),

    h(3, '9. Công tác tài chính, hậu cần'),
    free(
      'finance',
      'Công tác tài chính, hậu cần',
      'Tình hình tài chính, hậu cần của đơn vị.',
      '- Ngay từ đầu năm, đơn vị đã xây dựng kế hoạch chi tiêu nội bộ dựa trên cơ sở ngân sách nhà nước cấp thông qua Đại hội công nhân viên chức, các cuộc họp cán bộ, viên chức toàn đơn vị một cách công khai để mọi người cùng biết tham khảo đóng góp ý kiến. Đơn vị đã chi trả lương, phụ cấp các chế độ chính sách quyền lợi cho cán bộ công chức đầy đủ kịp thời. Thực hiện nghiêm chỉnh luật tài chính kế toán, luật phòng chống tham nhũng lãng phí. Tiết kiệm các nguồn chi, nghiêm túc thực hiện nghị Quyết của chính phủ về tiết kiệm chi tiêu công.',
    ),
    h(3, '10. Các hoạt động đoàn thể'),
    free(
      'unions',
      'Các hoạt động đoàn thể',
      'Hoạt động của Công đoàn, Đoàn thanh niên.',
      'Công đoàn, Đoàn thanh niên là những tổ chức chính trị xã hội thường xuyên phối hợp với chính quyền tổ chức cho cán bộ, viên chức, đoàn viên học tập đường lối chính sách của Đảng, nhà nước. Tổ chức các hoạt động, phong trào thể dục thể thao, thăm hỏi động viên kịp thời lúc ốm đau.',
    ),

    // ------------------------------------------------------------ III. shortcomings
    h(2, 'III. Tồn tại, hạn chế và nguyên nhân'),
    h(3, '1. Tồn tại, hạn chế'),
    free(
      'shortcomings',
      'Tồn tại, hạn chế',
      'Những tồn tại, hạn chế trong tháng.',
      '- Triển khai thực hiện các nhiệm vụ thuộc đề án 06 về phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số Quốc gia giai đoạn 2022-2025, tầm nhìn 2030: Trình độ chuyên môn của viên chức trong đơn vị chưa đồng đều, một số cán bộ kỹ năng sử dụng máy tính, phần mềm, ứng dụng còn hạn chế và chưa có cán bộ chuyên trách về công nghệ thông tin, chủ yếu là kiêm nhiệm, chưa được đào tạo chuyên ngành về công nghệ thông tin nên còn gặp khó khăn trong triển khai; Số lượng và chất lượng trang thiết bị hiện đang sử dụng còn hạn chế, chưa đáp ứng được trong quá trình thực hiện; Kinh phí thực hiện cho công tác chuyển đổi số còn hạn chế; Hình thức thanh toán không dùng tiền mặt hiện tại thực hiện chưa có hiệu quả do thói quen của người dân sử dụng các dịch vụ, ứng dụng thanh toán không dùng tiền mặt còn rất hạn chế.',
      '- Công tác kiểm tra giám sát chưa được thường xuyên, đôi lúc chưa được chặt chẽ, chấp hành chưa nghiêm các quy định như ngày giờ công lao động.',
      '- Công tác phối kết hợp chưa thực sự đồng bộ, tính chủ động chưa cao, hiệu quả công việc còn hạn chế, hoạt động của các đoàn thể chưa nổi bật.',
      '- Công tác Vệ sinh an toàn thực phẩm, vệ sinh môi trường và xử lý chất thải còn gặp vướng mắc.',
      '- Chất lượng nguồn nhân lực tại các trạm y tế còn hạn chế, cơ cấu cán bộ còn thiếu như: Hộ sinh, Dược sỹ, Y học cổ truyền.',
      '- Ý thức, trách nhiệm của một số cán bộ, viên chức chưa cao, chưa đi sâu, đi sát trong công việc được giao, tác phong làm việc chưa thật sự khoa học và đổi mới.',
    ),
    h(3, '2. Nguyên nhân'),
    free(
      'causes',
      'Nguyên nhân',
      'Nguyên nhân khách quan và chủ quan của các tồn tại.',
      '**- Khách quan:**',
      '- Nhân lực, trình độ công nghệ thông tin, trang thiết bị và kinh phí phục vụ cho công tác chuyển đổi số còn hạn chế.',
      '- Địa bàn rộng, thời tiết diễn biến phức tạp, công tác vệ sinh môi trường, VS ATTP, vệ sinh lao động, y tế học đường còn nhiều bất cập.',
      '- Điều kiện trang thiết bị một số bộ phận còn thiếu, xuống cấp làm ảnh hưởng đến việc thực hiện chỉ tiêu kế hoạch đề ra.',
      '**- Chủ quan:**',
      'Nhận thức của một số cán bộ viên chức còn hạn chế về chuyên môn, nghiệp vụ, chưa sâu, sát với công việc được giao phó, tác phong làm việc không khoa học, chưa thật sự đổi mới trong cách làm. Một số trưởng trạm y tế xã, thị trấn, trưởng, phó các khoa/phòng trình độ chuyên môn, nghiệp vụ và năng lực quản lý điều hành tổ chức thực hiện công việc còn hạn chế, thiếu nhiệt tình, thiếu tính chủ động sáng tạo.',
    ),

    // ------------------------------------------------------------ Part II: next month
    h(1, 'PHẦN II'),
    h(1, 'PHƯƠNG HƯỚNG NHIỆM VỤ {{period of=next style=title}}'),
    h(2, 'I. MỤC TIÊU'),
    free(
      'targets',
      'Mục tiêu',
      'Các mục tiêu của tháng sau.',
      '1. Giảm tỷ lệ mắc bệnh tật và tử vong, kiểm soát tốt dịch bệnh, các bệnh không lây nhiễm, nâng cao chất lượng dịch vụ khám chữa bệnh. Tiếp tục và duy trì cơ sở y tế Xanh – Sạch – Đẹp.',
      '2. Chỉ đạo, giám sát việc triển khai thực hiện các nhiệm vụ thuộc Đề án 06 về phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số Quốc gia giai đoạn 2022-2025, tầm nhìn 2030 đạt hiệu quả cao cũng như thực hiện tốt Kế hoạch số 236/KH-UBND ngày 09/11/2020 của UBND tỉnh về lập Hồ sơ sức khỏe điện tử toàn dân; đảm bảo dân số trong huyện được tạo lập Hồ sơ sức khỏe điện tử và được cập nhật, bổ sung thông tin thường xuyên.',
      '3. Đẩy mạnh cải cách hành chính, tiếp tục xiết chặt kỷ luật, kỷ cương, nâng cao năng lực lãnh đạo, quản lý, điều hành của người đứng đầu.',
      '4. Nâng cao chất lượng nguồn nhân lực nhất là nhân lực y tế xã, phát triển hệ thống theo hướng hiện đại, hướng tới mọi người dân được cung cấp các dịch vụ y tế cơ bản.',
      '5. Chỉ đạo, hỗ trợ các Trạm Y tế xã, thị trấn thực hiện Bộ tiêu chí Quốc gia về y tế xã giai đoạn đến năm 2030 theo dự kiến, cũng như thực hiện tốt các chương trình mục tiêu Quốc gia về y tế.',
      '6. Thực hiện tốt các nhiệm vụ được giao tại kế hoạch hành động năm {{year}} của {{parent}} về thực hiện Nghị quyết của Chính phủ, Nghị quyết của Tỉnh ủy, HĐND tỉnh về nhiệm vụ phát triển kinh tế - xã hội năm {{year}}.',
      '7. Tham mưu cho UBND huyện về công tác PCD bệnh, không để dịch xảy ra trên diện rộng, khống chế và dập tắt dịch trong thời gian ngắn nhất và đạt hiệu quả cao; Công tác VSATTP, không để xảy ra các vụ ngộ độc thực phẩm từ 30 người trở lên.',
      '8. Đảm bảo tiêm chủng an toàn, không để xảy ra sự cố do chủ quan của hệ thống y tế. Tỷ lệ tiêm chủng đầy đủ cho trẻ em đạt hiệu quả cao.',
      '9. Cập nhật, thống kê, báo cáo định kỳ và đột xuất theo yêu cầu về tình hình hoạt động của các cơ sở hành nghề y, dược tư nhân, các cơ sở sản xuất, kinh doanh dịch vụ hóa chất diệt khuẩn, diệt côn trùng trong gia dụng và y tế trên địa bàn huyện.',
      '10. Triển khai thực hiện chỉ thị 08/CT-BYT ngày 29/7/2019 của Bộ Y tế về giảm thiểu chất thải nhựa trong y tế. Cơ sở y tế Xanh - Sạch - Đẹp đạt ≥ 85 điểm, trên 70% số nhà vệ sinh tại cơ sở y tế đạt ≥ 4 điểm, số nhà vệ sinh còn lại phải đạt ≥ 3 điểm.',
      '11. 92% số hộ gia đình đảm bảo không có lăng quăng, bọ gậy tại các xã được kiểm tra, giám sát.',
      '12. 100% các trạm Y tế xã, thị trấn thực hiện quản lý và có danh sách theo dõi và các bệnh không lây nhiễm như đái tháo đường, tăng huyết áp.',
      '13. Thực hiện chế độ báo cáo định kỳ, đột xuất đầy đủ, đảm bảo chất lượng. Thực hiện và duy trì thường xuyên phần mềm báo cáo thống kê y tế theo Thông tư 37/2019/TT-BYT ngày 30/12/2019.',
      '14. Số trạm y tế xã, thị trấn có Bác sỹ đạt tỷ lệ 100%, trạm y tế phải thực hiện được 80% danh mục kỹ thuật thuộc gói dịch vụ y tế cơ bản theo Thông tư 37/2017/TT-BYT. Triển khai nâng cao chất lượng hoạt động của trạm Y tế theo nguyên lý y học gia đình.',
    ),
    h(2, 'II. NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN {{period of=next style=title}}'),
    h(3, '1. Nhiệm vụ'),
    free(
      'tasks',
      'Nhiệm vụ',
      'Các nhiệm vụ trọng tâm của tháng sau.',
      '1. Tăng cường công tác phòng chống dịch chủ động, thường xuyên kiểm tra giám sát phát hiện và báo cáo dịch kịp thời. Nếu có dịch xảy ra, kiên quyết khống chế dập tắt dịch trong thời gian ngắn nhất, không để dịch lan rộng, không để bệnh nhân tử vong do thiếu tinh thần trách nhiệm.',
      '2. Tăng cường công tác chỉ đạo, thường xuyên giám sát việc triển khai thực hiện các nhiệm vụ thuộc Đề án 06 về phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số Quốc gia giai đoạn 2022-2025, tầm nhìn 2030.',
      '3. Duy trì thực hiện tốt Kế hoạch số 236/KH-UBND ngày 09/11/2020 của UBND tỉnh về lập Hồ sơ sức khỏe điện tử toàn dân; đảm bảo dân số trong huyện được tạo lập Hồ sơ sức khỏe điện tử và được cập nhật, bổ sung thông tin thường xuyên.',
      '4. Tổ chức đào tạo, bồi dưỡng về chuyên môn nghiệp vụ, kỹ năng, kỹ thuật ở mọi lĩnh vực nhằm nâng cao trình độ, năng lực thực hành cho cán bộ viên chức toàn Trung tâm.',
      '5. Đẩy mạnh ứng dụng công nghệ trong chẩn đoán và điều trị bệnh. Thực hiện theo thông tư 39 về khám và quản lý các bệnh không lây nhiễm tại Trạm y tế xã và tiến tới thực hiện trạm y tế theo hướng phòng khám Bác sĩ gia đình.',
      '6. Phấn đấu giảm nhanh tỷ lệ sinh con thứ 3 trở lên đối với một số xã có mức sinh và tỷ lệ sinh con thứ 3 trở lên cao.',
      '7. Phát triển nguồn nhân lực y tế, xây dựng đội ngũ nhân viên y tế có cơ cấu hợp lý, đủ trình độ năng lực thực hiện nhiệm vụ.',
      '8. Thực hiện tốt quy tắc ứng xử, nâng cao đạo đức nghề nghiệp.',
      '9. Thực hiện tốt các chương trình mục tiêu quốc gia.',
      '10. Phát triển hệ thống thông tin y tế, tăng cường và nâng cao hiệu quả công tác truyền thông - giáo dục sức khoẻ.',
      '11. Chủ động thực hiện kiểm tra, giám sát, tăng cường quản lý hoạt động các trạm Y tế trên địa bàn.',
      '12. Tăng cường sự phối hợp giữa Trung tâm Y tế, trạm Y tế với các cấp, các ngành có liên quan trong triển khai thực hiện nhiệm vụ.',
    ),
    h(3, '2. Giải pháp thực hiện'),
    free(
      'solutions',
      'Giải pháp thực hiện',
      'Các giải pháp để thực hiện nhiệm vụ.',
      '1. Tăng cường sự lãnh đạo của cấp uỷ Chi bộ, phát huy vai trò tiên phong gương mẫu của mỗi cán bộ Đảng viên. Kết hợp chặt chẽ vai trò của đoàn thể quần chúng. Thực hiện tốt quy chế dân chủ ở cơ sở, động viên mỗi cá nhân phấn đấu hoàn thành tốt nhiệm vụ góp phần thực hiện thắng lợi nhiệm vụ, chỉ tiêu đã đề ra.',
      '2. Tăng cường sự quan tâm lãnh đạo, chỉ đạo của các cấp ủy Đảng, chính quyền các cấp; sự ủng hộ của các tổ chức xã hội và những người có uy tín trong cộng đồng; sự đồng thuận của toàn xã hội để thực hiện có hiệu quả, phấn đấu hoàn thành và vượt các chỉ tiêu về giảm sinh, giảm tỷ lệ sinh con thứ 3 trở lên, tỷ số mất cân bằng giới tính khi sinh, các chỉ tiêu KHHGĐ.',
      '3. Chủ động giám sát, phát hiện và thông báo kịp thời các bệnh dịch xuất hiện và có biện pháp xử lý khống chế dập tắt dịch không để dịch lan rộng; chuẩn bị đầy đủ vật tư, hoá chất thuốc men, nhân lực, vật lực đảm bảo cho công tác phòng, chống dịch bệnh.',
      '4. Kiện toàn và phát triển nguồn nhân lực, rà soát bố trí cán bộ phù hợp với cơ cấu năng lực thực hiện nhiệm vụ. Từng bước nâng cao chất lượng hoạt động của cán bộ chuyên môn đặc biệt là cán bộ lãnh đạo của Trung tâm và các bộ phận. Kết hợp với đào tạo tập huấn chuyên môn, nghiệp vụ.',
      '5. Tăng cường trang thiết bị y tế, khai thác và nâng cao hiệu suất sử dụng, tranh thủ mọi nguồn lực trong đó có sự hợp tác quốc tế, đẩy mạnh công tác nghiên cứu khoa học phát huy sáng kiến cải tiến gắn liền với thực tiễn công tác.',
      '6. Bám sát và hướng dẫn chuyên môn cho y tế cơ sở từng bước nâng cao năng lực thực hiện nhiệm vụ và thực hiện quy chế chuyên môn cho mạng lưới y tế cơ sở dần đi vào nề nếp có hiệu quả tốt.',
      '7. Đẩy mạnh các hoạt động truyền thông giáo dục sức khoẻ cho cả tuyến huyện, xã, thị trấn. Coi đây là nhiệm vụ hàng đầu trong sự nghiệp bảo vệ chăm sóc và nâng cao sức khoẻ nhân dân.',
      '8. Xúc tiến hoàn thiện việc xây dựng, nâng cấp một số trạm Y tế xã và từng bước cải thiện điều kiện làm việc của viên chức.',
      '9. Đẩy mạnh công tác thi đua khen thưởng, tạo không khí phấn khởi, đoàn kết trong đơn vị, xây dựng điển hình tiên tiến để không ngừng thúc đẩy các hoạt động của đơn vị.',
      '10. Hướng dẫn, hỗ trợ các Trạm Y tế xã, thị trấn thực hiện Bộ tiêu chí Quốc gia về y tế xã giai đoạn đến năm 2030 cũng như thực hiện tốt các chương trình mục tiêu Quốc gia về y tế.',
      '11. Tranh thủ sự quan tâm của {{parent}}, sự quan tâm chỉ đạo của Huyện uỷ, HĐND huyện, UBND huyện. Sự phối kết hợp với các đơn vị y tế trong huyện và các đoàn thể, đơn vị khác; tăng cường xã hội hóa công tác y tế là những điều kiện quan trọng để đơn vị hoàn thành nhiệm vụ bảo vệ chăm sóc và nâng cao sức khoẻ của nhân dân.',
    ),
    h(2, 'III. KIẾN NGHỊ'),
    free(
      'proposals',
      'Kiến nghị',
      'Kiến nghị, đề xuất với cấp trên (Sở Y tế tổng hợp mục này từ báo cáo của các Trung tâm Y tế). Kết thúc văn bản bằng "./.".',
      '- Đề nghị các cấp, các ngành có liên quan hàng năm hỗ trợ kinh phí để tu sửa, cải tạo các trạm Y tế đã xuống cấp và mua bổ sung các vật tư trang thiết bị phục vụ cho các hoạt động của đơn vị.',
      '- Đề nghị Sở Y tế tham mưu cho UBND tỉnh bố trí phân bổ thêm nguồn ngân sách hỗ trợ để có kinh phí đầu tư hạ tầng thiết bị Công nghệ thông tin phục vụ cho việc thực hiện các nhiệm vụ thuộc Đề án 06 về phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số Quốc gia giai đoạn 2022-2025, tầm nhìn 2030.',
      '- Phát huy những thành tích đã đạt được, cán bộ viên chức toàn Trung tâm đoàn kết một lòng khắc phục mọi khó khăn, hoàn thành xuất sắc các chỉ tiêu Kế hoạch năm {{year}} đề ra, thực hiện tốt công tác chăm sóc và bảo vệ sức khoẻ nhân dân trên địa bàn toàn huyện./.',
    ),
  ],
  signature: { authority: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], signer: '' },
  recipients: ['Văn phòng Sở Y tế (B/c)', 'VP Huyện uỷ, UBND huyện (B/c)', 'Các khoa, phòng và trạm Y tế (Th/h)', 'Lưu: VT, HCTH'],
};
