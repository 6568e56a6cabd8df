// Every figure of seed 001 section II (and I.4 staffing) as the BC_TTYT_THANG report of TTYT399 for
// 202405 prints it on the demo data: each `text` must occur (as a substring) in the report's plain
// text, marks removed. Figures that would be ambiguous alone ("0", "25") carry a few words of context.
//
// Where the printed text differs from the seed's, on purpose:
// - vi-VN numbers and a space before "%": the seed writes "5.6%" and "92.3%" with a dot (we print
//   "5,6 %" and "92,3 %"), "3521" without a separator (we print "3.521"), "8,7%" without the space;
// - IND_EHR_PART_D_PCT is 99,27 on the demo data, not the seed's 99,28: with the population that
//   gives 99,35 % (239.715) no population gives both (see src/modules/demo/seed001.ts);
// - typos fixed in the template: "Basedow" (seed "Bajodow"), "Kế toán 01" (seed "Kế toán; 01"),
//   "KHHGĐ" (seed "KHHGD"), "Methadone" (seed "Methanode");
// - sentences whose figure the seed did not name: "(nhắc lại lần 2: 42 liều)" (seed "(nhắc lại lần
//   2)"), "(hợp đồng lao động: 02)" (seed "(Hợp đồng lao động)"), "không có trường hợp có ký sinh
//   trùng sốt rét" (seed "… trường hợp nào …"), "tổng số mũi tiêm trên địa bàn" (seed "trong huyện");
// - one sentence, one way of writing numbers: "Bác sỹ 05; Điều dưỡng 06" (seed "Bác sỹ 5; Điều dưỡng 06").
export const SEED001_FIGURES: { label: string; text: string }[] = [
  // I.4 staffing: the centre
  { label: 'centre staff total, permanent, contract', text: 'Tổng số cán bộ là: 51 (biên chế: 50; hợp đồng: 01)' },
  { label: 'postgraduate staff', text: 'Trên đại học: 07 cán bộ (Thạc sỹ 02; Bác sỹ CKI 05)' },
  { label: 'university staff', text: 'Đại học: 22 (Bác sỹ 05; Điều dưỡng 06; Dược 01; YTCC 03; Chuyên ngành khác 07)' },
  { label: 'college staff', text: 'Cao đẳng: 10 cán bộ (Điều dưỡng 05; Kế toán 01; Dược sỹ 02; KTV xét nghiệm: 02)' },
  { label: 'secondary-level staff', text: 'Trung cấp: 11 cán bộ (Y sỹ đa khoa 11)' },
  { label: 'drivers', text: 'Lái xe: 01' },
  // the methadone facility
  { label: 'methadone facility staff', text: 'Tổng số cán bộ là: 02 (hợp đồng lao động: 02)' },
  { label: 'methadone facility roles', text: 'Dược sỹ: 01; Bảo vệ: 01' },
  // the stations
  { label: 'station staff', text: 'tổng số cán bộ biên chế là: 187 cán bộ' },
  { label: 'station staff by profession', text: 'Bác sỹ: 39; Y sỹ: 102; Nữ hộ sinh: 15; Điều Dưỡng: 31' },

  // II.2 communicable diseases
  { label: 'influenza', text: 'Bệnh cúm thường là 235 bệnh nhân' },
  { label: 'diarrhoea', text: 'tiêu chảy là 140 bệnh nhân' },
  // COVID-19
  { label: 'COVID doses in the month', text: 'Tổng số 42 liều' },
  { label: 'COVID booster 2 in the month', text: 'nhắc lại lần 2: 42 liều' },
  { label: 'COVID cut-off date', text: 'Tính đến ngày 31/5/2024 tổng số mũi tiêm' },
  { label: 'COVID total', text: 'tổng số mũi tiêm trên địa bàn là 509.591 liều' },
  { label: 'COVID dose 1', text: 'Mũi 1: 157.422 liều' },
  { label: 'COVID dose 2', text: 'Mũi 2: 157.561 liều' },
  { label: 'COVID dose 3', text: 'Mũi 3: 36.724 liều' },
  { label: 'COVID booster (not in the total)', text: 'Mũi nhắc lại: 17.013' },
  { label: 'COVID booster 1', text: 'Mũi nhắc lại lần 1: 103.236' },
  { label: 'COVID booster 2', text: 'Mũi nhắc lại lần 2: 38.317 liều' },
  { label: 'COVID additional dose', text: 'Mũi bổ sung: 16.331 liều' },

  // II.5 communication
  { label: 'articles total', text: 'Số bài viết truyền thông là 194 bài' },
  { label: 'articles on epidemics', text: 'Về phòng chống dịch, bệnh là 53 bài' },
  { label: 'articles on food safety', text: 'về An toàn vệ sinh thực phẩm là 25 bài' },
  { label: 'articles on social diseases', text: 'về các bệnh xã hội là 63 bài' },
  { label: 'articles on other topics', text: 'tuyên truyền về nội dung khác là 53 bài' },
  { label: 'people counselled', text: 'giáo dục sức khoẻ trực tiếp là 2.822 lượt' },

  // 6.1 immunisation ("đạt X % kế hoạch" = May ÷ the 2024 target)
  { label: 'children in the immunisation age group (seed "3521")', text: 'Tổng số trẻ trong độ tuổi tiêm chủng là 3.521 trẻ' },
  { label: 'full immunisation', text: 'tiêm chủng đầy đủ là 307 trẻ' },
  { label: 'full immunisation % of plan', text: 'là 307 trẻ đạt 8,7 % kế hoạch' },
  { label: 'measles dose 2 and % of plan', text: 'Số trẻ tiêm sởi mũi 2 là 243 trẻ đạt 7,0 % kế hoạch' },
  { label: 'TT2+ and % of plan (seed "5.6%")', text: 'được tiêm UV2+ là 203 đạt 5,6 % kế hoạch' },
  { label: 'neonatal tetanus protection and % of plan', text: 'bảo vệ UVSS là 280 trẻ đạt 7,9 % kế hoạch' },
  // 6.2 malaria
  { label: 'malaria slides', text: 'lam xét nghiệm là 25 lam' },
  { label: 'malaria positives (none)', text: 'không có trường hợp có ký sinh trùng sốt rét' },
  // 6.3 food safety
  { label: 'food establishments', text: 'Tổng số cơ sở kinh doanh, chế biến thực phẩm là 610' },
  { label: 'food poisoning cases', text: 'tổng số ca mắc trong tháng là 82 ca' },
  // 6.4 sanitation
  { label: 'hygienic latrines % (seed "92.3%")', text: 'nhà tiêu hợp vệ sinh đạt 92,3 %' },
  // 6.5 occupational health
  { label: 'companies inspected', text: 'tại 02 công ty' },
  { label: 'workers examined', text: 'số người được khám là 114 người' },
  // 6.6 injuries and poisoning
  { label: 'injuries', text: 'Giám sát phát hiện 77 ca' },
  { label: 'drug and chemical poisoning (none)', text: 'thuốc bảo vệ thực vật: Không có ca ngộ độc thuốc, hóa chất, thuốc bảo vệ thực vật' },
  // 6.7 HIV/AIDS
  { label: 'people living with HIV', text: 'HIV hiện mắc là 268 bệnh nhân' },
  { label: 'people living with AIDS', text: 'AIDS hiện mắc là 63 bệnh nhân' },
  { label: 'methadone patients', text: 'điều trị Methadone là 110 bệnh nhân' },
  { label: 'new HIV infections', text: 'HIV mới trong tháng là 0 bệnh nhân' },
  { label: 'AIDS deaths', text: 'AIDS tử vong trong tháng là 0 bệnh nhân' },
  { label: 'HIV counselling', text: 'Số ca khám và tư vấn là 50 ca' },
  { label: 'needles', text: 'bơm kim tiêm được cấp phát là 6.000 cái' },
  { label: 'condoms', text: 'bao cao su được cấp phát 1.440 cái' },
  // 6.8 iodine
  { label: 'goitre patients', text: 'Bướu cổ được quản lý là 335 bệnh nhân' },
  { label: 'simple goitre', text: 'bướu thường là 303 bệnh nhân' },
  { label: 'Basedow goitre (seed "Bajodow")', text: 'bướu Basedow là 32 bệnh nhân' },
  { label: 'iodised salt coverage', text: 'trên địa bàn toàn huyện là 98 %' },
  // 6.9 tuberculosis
  { label: 'new TB cases', text: 'lao mọi thể mới phát hiện là 01 bệnh nhân' },
  { label: 'TB under treatment', text: 'đang điều trị là 16 bệnh nhân' },
  { label: 'new AFB+ TB', text: 'Lao AFB mới phát hiện là 0 bệnh nhân' },
  { label: 'TB cure rate', text: 'được điều trị khỏi là 7,7 %' },
  // 6.10 mental health
  { label: 'communes in the mental health programme', text: 'tâm thần cộng đồng là 31 xã' },
  { label: 'mental health patients managed', text: 'tâm thần được quản lý là 1.196 bệnh nhân' },
  { label: 'mental health patients stable', text: 'điều trị ổn định là 1.196 bệnh nhân' },
  { label: 'new mental health patients (none)', text: 'Không có bệnh nhân mới được đưa vào quản lý' },
  // 6.11 population and family planning
  { label: 'births', text: 'Tổng số trẻ sinh là 258 trẻ' },
  { label: 'births by sex', text: 'trẻ nam 140, trẻ gái 118' },
  { label: 'sex ratio', text: 'Tỷ số giới tính nam/nữ là 118/100' },
  { label: 'third child', text: 'con thứ 3 là 56 trẻ' },
  { label: 'contraceptive users', text: 'biện pháp KHHGĐ là 2.726 người' },
  { label: 'pill users', text: 'thuốc viên tránh thai là 1.380 người' },
  { label: 'condom users', text: 'dùng bao cao su là 1.344 người' },
  { label: 'IUD users', text: 'Đặt vòng tránh thai là 02 người' },
  // 6.12 reproductive health
  { label: 'deliveries with 4 antenatal visits', text: 'khám thai 4 lần/3 kỳ là 255 người' },
  { label: 'average antenatal visits', text: 'khám thai trung bình là 3,2 lần' },
  { label: 'under-5 deaths', text: 'tử vong trẻ < 5 tuổi là 0 trẻ' },
  { label: 'low birth weight', text: 'trẻ đẻ < 2500 gr là 08 trẻ' },
  { label: 'live births', text: 'Tổng số trẻ đẻ sống là 258 trẻ' },
  // 6.13 laboratory
  { label: 'AFB tests', text: 'Xét nghiệm tìm AFB là 103 mẫu' },
  { label: 'HIV tests', text: 'Xét nghiệm HIV là 43 mẫu' },
  { label: 'malaria tests', text: 'Xét nghiệm KSTSR là 25 mẫu' },
  { label: 'food safety tests', text: 'Xét nghiệm VSATTP là 10 mẫu' },
  { label: 'other tests', text: 'Xét nghiệm khác là 31 mẫu' },
  // 6.14 curative care
  { label: 'insured TB visits at the polyclinic', text: 'với tổng số 10 lượt bệnh nhân' },
  { label: 'visits', text: 'xã, thị trấn là 7.954 lượt' },
  { label: 'insured visits', text: 'có thẻ bảo hiểm y tế: 2.529 lượt' },
  { label: 'referrals', text: 'Tổng số bệnh nhân chuyển tuyến: 82 người' },
  { label: 'revenue', text: 'Tổng số kinh phí thu được: 49.875.000đ' },
  // 8.1 Project 06
  { label: 'chip-ID check-ins', text: 'sử dụng CCCD gắn chíp là 1.924 lượt' },
  { label: 'successful insurance look-ups', text: 'trả về thành công là 1.721 lượt' },
  { label: 'EHR cut-off date', text: 'Tính đến ngày 31/5/2024 tổng số nhân khẩu' },
  { label: 'EHR', text: 'Hồ sơ sức khỏe điện tử là 238.168' },
  { label: 'EHR %', text: '238.168 đạt 99,35 %' },
  { label: 'EHR part B and %', text: 'phần B là 238.017 đạt 99,29 %' },
  { label: 'EHR part C and %', text: 'phần C là 231.149 đạt 96,43 %' },
  { label: 'EHR part D and % (seed 99,28; 99,27 on the demo data)', text: 'phần D là 237.976 đạt 99,27 %' },
  { label: 'e-prescriptions', text: 'liên thông thành công là 2.414 lượt' },
  { label: 'payments at the stations', text: 'Trạm Y tế các xã, thị trấn là 853 lượt' },
  { label: 'cashless payments', text: 'không dùng tiền mặt là 354 lượt' },
];
