// The default metadata package "Báo cáo thống kê y tế cơ sở" (BCTK_YTCS): the figures of the monthly
// report of a district health centre and its commune stations (seed 001, Hoằng Hóa, May 2024) and the
// commune maternal and child health form. Built here in TypeScript so that it stays readable; the
// JSON the importer receives is `BCTK_YTCS_PACKAGE` (a `MetadataPackageInput`, see package.schema.ts).
//
// Conventions
// - Codes are readable: <AREA>_<WHAT>[_CUM]; `_CUM` marks cumulative counts (stocks, LAST).
// - Stocks (patients currently managed, staff, population, households, establishments, cumulative
//   records and doses) aggregate with LAST; flows (new cases, visits, doses in the month) with SUM.
// - Option codes are unique across categories (each category has its own prefix) so that every
//   generated option combo code (= option code for one-category combos) is unique too.
// - Two data sets: BCTK_TYT_THANG (commune stations) and BCTK_TTYT_THANG (district-only figures of
//   the health centre: its own staff, methadone facility, food establishments, articles, …).
//
// Seed note (COVID-19): seed 001 gives 509.591 doses in total and a breakdown whose seven figures add
// up to 526.604; the difference is exactly "mũi nhắc lại" (17.013). The dose category therefore holds
// the six additive doses (their sum is the seed's total) and "mũi nhắc lại" is a separate element that
// is shown but not added (COVID_BOOSTER_CUM).
import type { MetadataPackageInput } from '../package.schema.js';

type Agg = 'SUM' | 'LAST';
interface El {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  agg: Agg;
  combo?: string;
  zero?: boolean;
  valueType?: 'INTEGER_ZERO_OR_POSITIVE' | 'NUMBER';
  description?: string;
}

// ---------------------------------------------------------------- categories
interface Cat {
  code: string;
  name: string;
  nameEn: string;
  options: [code: string, name: string, nameEn: string][];
}

const CATEGORIES: Cat[] = [
  { code: 'SEX', name: 'Giới tính', nameEn: 'Sex', options: [['MALE', 'Nam', 'Male'], ['FEMALE', 'Nữ', 'Female']] },
  {
    code: 'COVID_DOSE', name: 'Mũi tiêm vắc xin COVID-19', nameEn: 'COVID-19 vaccine dose',
    options: [
      ['DOSE1', 'Mũi 1', 'Dose 1'],
      ['DOSE2', 'Mũi 2', 'Dose 2'],
      ['DOSE3', 'Mũi 3', 'Dose 3'],
      ['BOOSTER1', 'Mũi nhắc lại lần 1', 'Booster 1'],
      ['BOOSTER2', 'Mũi nhắc lại lần 2', 'Booster 2'],
      ['ADDITIONAL', 'Mũi bổ sung', 'Additional dose'],
    ],
  },
  {
    code: 'HR_EMPLOYMENT', name: 'Loại hình tuyển dụng', nameEn: 'Employment type',
    options: [['EMP_PERMANENT', 'Biên chế', 'Permanent'], ['EMP_CONTRACT', 'Hợp đồng', 'Contract']],
  },
  {
    code: 'HR_POSTGRAD_DEGREE', name: 'Trình độ trên đại học', nameEn: 'Postgraduate degree',
    options: [
      ['PG_DOCTORATE', 'Tiến sỹ', 'Doctorate'],
      ['PG_SPEC2', 'Chuyên khoa II', 'Specialist level II'],
      ['PG_MASTER', 'Thạc sỹ', 'Master'],
      ['PG_SPEC1', 'Chuyên khoa I', 'Specialist level I'],
    ],
  },
  {
    code: 'HR_UNIVERSITY_FIELD', name: 'Chuyên ngành đại học', nameEn: 'University field',
    options: [
      ['UNI_DOCTOR', 'Bác sỹ', 'Medical doctor'],
      ['UNI_NURSE', 'Điều dưỡng', 'Nurse'],
      ['UNI_PHARMACIST', 'Dược sỹ', 'Pharmacist'],
      ['UNI_PUBLIC_HEALTH', 'Y tế công cộng', 'Public health'],
      ['UNI_OTHER', 'Chuyên ngành khác', 'Other field'],
    ],
  },
  {
    code: 'HR_COLLEGE_FIELD', name: 'Chuyên ngành cao đẳng', nameEn: 'College field',
    options: [
      ['COL_NURSE', 'Điều dưỡng', 'Nurse'],
      ['COL_PHARMACIST', 'Dược sỹ', 'Pharmacist'],
      ['COL_LAB_TECH', 'Kỹ thuật viên xét nghiệm', 'Laboratory technician'],
      ['COL_ACCOUNTANT', 'Kế toán', 'Accountant'],
      ['COL_OTHER', 'Chuyên ngành khác', 'Other field'],
    ],
  },
  {
    code: 'HR_SECONDARY_FIELD', name: 'Chuyên ngành trung cấp', nameEn: 'Secondary-level field',
    options: [
      ['SEC_ASSISTANT_DOCTOR', 'Y sỹ đa khoa', 'Assistant doctor'],
      ['SEC_NURSE', 'Điều dưỡng', 'Nurse'],
      ['SEC_MIDWIFE', 'Hộ sinh', 'Midwife'],
      ['SEC_PHARMACIST', 'Dược sỹ', 'Pharmacist'],
      ['SEC_OTHER', 'Chuyên ngành khác', 'Other field'],
    ],
  },
  {
    code: 'HR_MMT_ROLE', name: 'Vị trí tại cơ sở điều trị Methadone', nameEn: 'Role at the methadone facility',
    options: [
      ['MMT_DOCTOR', 'Bác sỹ', 'Doctor'],
      ['MMT_NURSE', 'Điều dưỡng', 'Nurse'],
      ['MMT_PHARMACIST', 'Dược sỹ', 'Pharmacist'],
      ['MMT_COUNSELLOR', 'Tư vấn viên', 'Counsellor'],
      ['MMT_GUARD', 'Bảo vệ', 'Guard'],
      ['MMT_OTHER', 'Khác', 'Other'],
    ],
  },
  {
    code: 'HR_STATION_PROFESSION', name: 'Chức danh nghề nghiệp tại trạm', nameEn: 'Station staff profession',
    options: [
      ['PROF_DOCTOR', 'Bác sỹ', 'Doctor'],
      ['PROF_ASSISTANT_DOCTOR', 'Y sỹ', 'Assistant doctor'],
      ['PROF_MIDWIFE', 'Nữ hộ sinh', 'Midwife'],
      ['PROF_NURSE', 'Điều dưỡng', 'Nurse'],
      ['PROF_PHARMACIST', 'Dược sỹ', 'Pharmacist'],
      ['PROF_OTHER', 'Khác', 'Other'],
    ],
  },
  {
    code: 'GOITRE_TYPE', name: 'Loại bướu cổ', nameEn: 'Goitre type',
    options: [['GOITRE_ORDINARY', 'Bướu thường', 'Simple goitre'], ['GOITRE_BASEDOW', 'Bướu Basedow', 'Graves–Basedow goitre']],
  },
  {
    code: 'FP_METHOD', name: 'Biện pháp tránh thai', nameEn: 'Contraceptive method',
    options: [
      ['FP_PILL', 'Thuốc viên tránh thai', 'Pill'],
      ['FP_CONDOM', 'Bao cao su', 'Condom'],
      ['FP_IUD', 'Dụng cụ tử cung (đặt vòng)', 'IUD'],
      ['FP_INJECTABLE', 'Thuốc tiêm tránh thai', 'Injectable'],
      ['FP_IMPLANT', 'Thuốc cấy tránh thai', 'Implant'],
      ['FP_STERIL_FEMALE', 'Triệt sản nữ', 'Female sterilisation'],
      ['FP_STERIL_MALE', 'Triệt sản nam', 'Male sterilisation'],
      ['FP_OTHER', 'Biện pháp khác', 'Other method'],
    ],
  },
  {
    code: 'LAB_TEST_TYPE', name: 'Loại xét nghiệm', nameEn: 'Laboratory test type',
    options: [
      ['LAB_AFB', 'Xét nghiệm tìm AFB', 'AFB smear'],
      ['LAB_HIV', 'Xét nghiệm HIV', 'HIV test'],
      ['LAB_MALARIA', 'Xét nghiệm ký sinh trùng sốt rét', 'Malaria parasite test'],
      ['LAB_FOOD', 'Xét nghiệm vệ sinh an toàn thực phẩm', 'Food safety test'],
      ['LAB_OTHER', 'Xét nghiệm khác', 'Other test'],
    ],
  },
  {
    code: 'COMM_TOPIC', name: 'Chủ đề truyền thông', nameEn: 'Communication topic',
    options: [
      ['TOPIC_EPIDEMIC', 'Phòng chống dịch, bệnh', 'Epidemic and disease control'],
      ['TOPIC_FOOD_SAFETY', 'An toàn vệ sinh thực phẩm', 'Food safety'],
      ['TOPIC_SOCIAL_DISEASE', 'Các bệnh xã hội', 'Social diseases'],
      ['TOPIC_OTHER', 'Nội dung khác', 'Other topics'],
    ],
  },
  {
    code: 'DELIVERY_PLACE', name: 'Nơi đẻ', nameEn: 'Place of delivery',
    options: [
      ['PLACE_STATION', 'Tại trạm y tế', 'At the station'],
      ['PLACE_OTHER_FACILITY', 'Tại cơ sở y tế khác', 'At another health facility'],
      ['PLACE_OUTSIDE', 'Ngoài cơ sở y tế', 'Outside health facilities'],
    ],
  },
  {
    code: 'OBST_COMPLICATION', name: 'Tai biến sản khoa', nameEn: 'Obstetric complication',
    options: [
      ['OC_HAEMORRHAGE', 'Băng huyết', 'Haemorrhage'],
      ['OC_ECLAMPSIA', 'Sản giật', 'Eclampsia'],
      ['OC_NEONATAL_TETANUS', 'Uốn ván sơ sinh', 'Neonatal tetanus'],
      ['OC_UTERINE_RUPTURE', 'Vỡ tử cung', 'Uterine rupture'],
      ['OC_INFECTION', 'Nhiễm trùng', 'Infection'],
      ['OC_ABORTION', 'Tai biến do phá thai', 'Abortion complication'],
      ['OC_OTHER', 'Tai biến khác', 'Other complication'],
    ],
  },
];

/** One combo per category, same code. */
const COMBOS = CATEGORIES.map((c) => c.code);

// ---------------------------------------------------------------- data elements, by form section
const n = (code: string, name: string, nameEn: string, unit: string, agg: Agg, more: Partial<El> = {}): El => ({ code, name, nameEn, unit, agg, ...more });
const flow = (code: string, name: string, nameEn: string, unit: string, more: Partial<El> = {}) => n(code, name, nameEn, unit, 'SUM', more);
const stock = (code: string, name: string, nameEn: string, unit: string, more: Partial<El> = {}) => n(code, name, nameEn, unit, 'LAST', more);

interface Section {
  code: string;
  name: string;
  nameEn: string;
  elements: El[];
}

// Elements of the commune station's monthly form, in the order of the paper report.
const STATION_SECTIONS: Section[] = [
  {
    code: 'TYT_HR', name: 'Nhân lực trạm y tế', nameEn: 'Station staff',
    elements: [
      stock('HR_TYT_STAFF', 'Tổng số cán bộ biên chế của trạm', 'Permanent station staff, total', 'người'),
      stock('HR_TYT_STAFF_PROF', 'Cán bộ trạm theo chức danh', 'Station staff by profession', 'người', { combo: 'HR_STATION_PROFESSION' }),
    ],
  },
  {
    code: 'TYT_POP', name: 'Dân số và hộ gia đình', nameEn: 'Population and households',
    elements: [
      stock('POP_TOTAL', 'Dân số', 'Population', 'người', { description: 'Dân số trên địa bàn; dùng làm mẫu số và để phân bổ kế hoạch theo dân số.' }),
    ],
  },
  {
    code: 'TYT_CD', name: 'Phòng chống dịch, bệnh truyền nhiễm', nameEn: 'Communicable disease control',
    elements: [
      flow('CD_INFLUENZA', 'Cúm: số mắc mới', 'Influenza: new cases', 'ca'),
      flow('CD_DIARRHOEA', 'Tiêu chảy: số mắc mới', 'Diarrhoea: new cases', 'ca'),
      flow('CD_DYSENTERY', 'Lỵ (trực trùng, amip): số mắc mới', 'Dysentery: new cases', 'ca'),
      flow('CD_DENGUE', 'Sốt xuất huyết Dengue: số mắc mới', 'Dengue: new cases', 'ca'),
      flow('CD_HFMD', 'Tay chân miệng: số mắc mới', 'Hand, foot and mouth disease: new cases', 'ca'),
      flow('CD_CHICKENPOX', 'Thủy đậu: số mắc mới', 'Chickenpox: new cases', 'ca'),
      flow('CD_MUMPS', 'Quai bị: số mắc mới', 'Mumps: new cases', 'ca'),
      flow('CD_MEASLES', 'Sởi: số mắc mới', 'Measles: new cases', 'ca'),
      flow('CD_VIRAL_HEPATITIS', 'Viêm gan virus: số mắc mới', 'Viral hepatitis: new cases', 'ca'),
      flow('CD_DOG_BITES', 'Số người bị chó cắn phải tiêm phòng dại', 'Dog bites needing rabies vaccination', 'người'),
    ],
  },
  {
    code: 'TYT_COVID', name: 'Tiêm vắc xin phòng COVID-19', nameEn: 'COVID-19 vaccination',
    elements: [
      flow('COVID_DOSES', 'Số liều vắc xin COVID-19 tiêm trong tháng', 'COVID-19 vaccine doses given in the month', 'liều', { combo: 'COVID_DOSE' }),
      stock('COVID_DOSES_CUM', 'Số liều vắc xin COVID-19 lũy kế từ đầu chiến dịch', 'COVID-19 vaccine doses since the campaign began', 'liều', { combo: 'COVID_DOSE' }),
      stock('COVID_BOOSTER_CUM', 'Mũi nhắc lại (ghi riêng, không cộng vào tổng số mũi), lũy kế', 'Booster doses recorded separately (not added to the total), cumulative', 'liều', {
        description: 'Seed 001: the seven dose figures add up to 526.604; the total 509.591 excludes "mũi nhắc lại" (17.013), which is reported here.',
      }),
    ],
  },
  {
    code: 'TYT_EPI', name: 'Tiêm chủng mở rộng', nameEn: 'Expanded programme on immunisation',
    elements: [
      stock('EPI_TARGET_CHILDREN', 'Số trẻ trong độ tuổi tiêm chủng', 'Children in the immunisation age group', 'trẻ'),
      flow('EPI_FULL_U1', 'Số trẻ dưới 1 tuổi được tiêm chủng đầy đủ', 'Children under 1 fully immunised', 'trẻ'),
      flow('EPI_MEASLES2', 'Số trẻ được tiêm sởi mũi 2', 'Children given measles dose 2', 'trẻ'),
      flow('EPI_TT2_PREG', 'Số phụ nữ có thai được tiêm UV2+', 'Pregnant women given TT2+', 'người'),
      flow('EPI_NT_PROTECTED', 'Số trẻ sơ sinh được bảo vệ phòng uốn ván sơ sinh', 'Newborns protected against neonatal tetanus', 'trẻ'),
    ],
  },
  {
    code: 'TYT_MAL', name: 'Phòng chống sốt rét', nameEn: 'Malaria control',
    elements: [
      flow('MAL_SLIDES', 'Số lam máu xét nghiệm sốt rét', 'Malaria slides examined', 'lam'),
      flow('MAL_POSITIVE', 'Số lam có ký sinh trùng sốt rét', 'Malaria-positive slides', 'lam', { zero: true }),
    ],
  },
  {
    code: 'TYT_FOOD', name: 'Vệ sinh an toàn thực phẩm', nameEn: 'Food safety',
    elements: [flow('FS_POISONING_CASES', 'Số ca ngộ độc thực phẩm', 'Food poisoning cases', 'ca', { zero: true })],
  },
  {
    code: 'TYT_SAN', name: 'Vệ sinh môi trường', nameEn: 'Environmental sanitation',
    elements: [
      stock('SAN_HOUSEHOLDS', 'Tổng số hộ gia đình', 'Households', 'hộ'),
      stock('SAN_HH_LATRINE', 'Số hộ sử dụng nhà tiêu hợp vệ sinh', 'Households with a hygienic latrine', 'hộ'),
    ],
  },
  {
    code: 'TYT_INJ', name: 'Tai nạn thương tích, ngộ độc', nameEn: 'Injuries and poisoning',
    elements: [
      flow('INJ_CASES', 'Số ca tai nạn thương tích', 'Injury cases', 'ca'),
      flow('POIS_CHEM_CASES', 'Số ca ngộ độc thuốc, hóa chất, thuốc bảo vệ thực vật', 'Drug, chemical and pesticide poisoning cases', 'ca', { zero: true }),
    ],
  },
  {
    code: 'TYT_HIV', name: 'Phòng chống HIV/AIDS', nameEn: 'HIV/AIDS',
    elements: [
      stock('HIV_LIVING', 'Số người nhiễm HIV hiện mắc', 'People living with HIV', 'người'),
      stock('AIDS_LIVING', 'Số bệnh nhân AIDS hiện mắc', 'People living with AIDS', 'người'),
      flow('HIV_NEW', 'Số người nhiễm HIV mới phát hiện', 'New HIV infections detected', 'người', { zero: true }),
      flow('AIDS_DEATHS', 'Số bệnh nhân AIDS tử vong', 'AIDS deaths', 'người', { zero: true }),
    ],
  },
  {
    code: 'TYT_IOD', name: 'Phòng chống các rối loạn do thiếu I-ốt', nameEn: 'Iodine deficiency disorders',
    elements: [
      stock('IOD_GOITRE_MANAGED', 'Số bệnh nhân bướu cổ được quản lý', 'Goitre patients under management', 'người', { combo: 'GOITRE_TYPE' }),
      stock('IOD_SALT_HH_SURVEYED', 'Số hộ được giám sát muối i-ốt', 'Households surveyed for iodised salt', 'hộ'),
      stock('IOD_SALT_HH_ADEQUATE', 'Số hộ dùng muối i-ốt đủ tiêu chuẩn', 'Households using adequately iodised salt', 'hộ'),
    ],
  },
  {
    code: 'TYT_TB', name: 'Phòng chống lao', nameEn: 'Tuberculosis',
    elements: [
      flow('TB_NEW_ALL', 'Số bệnh nhân lao mọi thể mới phát hiện', 'New TB cases, all forms', 'người', { zero: true }),
      stock('TB_UNDER_TREATMENT', 'Số bệnh nhân lao đang điều trị', 'TB patients under treatment', 'người'),
      flow('TB_NEW_AFB', 'Số bệnh nhân lao phổi AFB(+) mới phát hiện', 'New smear-positive (AFB+) pulmonary TB cases', 'người', { zero: true }),
    ],
  },
  {
    code: 'TYT_MH', name: 'Bảo vệ sức khỏe tâm thần cộng đồng', nameEn: 'Community mental health',
    elements: [
      stock('MH_PROGRAMME', 'Xã triển khai chương trình sức khỏe tâm thần cộng đồng (1 = có)', 'Commune running the community mental health programme (1 = yes)', 'xã', { zero: true }),
      stock('MH_MANAGED', 'Số bệnh nhân tâm thần được quản lý', 'Mental health patients under management', 'người'),
      stock('MH_STABLE', 'Số bệnh nhân tâm thần điều trị ổn định', 'Mental health patients stable on treatment', 'người'),
      flow('MH_NEW', 'Số bệnh nhân tâm thần mới đưa vào quản lý', 'Mental health patients newly registered', 'người', { zero: true }),
    ],
  },
  {
    code: 'TYT_FP', name: 'Dân số - Kế hoạch hóa gia đình', nameEn: 'Population and family planning',
    elements: [
      flow('FP_BIRTHS', 'Số trẻ sinh ra theo giới tính', 'Births by sex', 'trẻ', { combo: 'SEX' }),
      flow('FP_BIRTHS_THIRD', 'Số trẻ sinh ra là con thứ 3 trở lên', 'Births of a third or higher-order child', 'trẻ'),
      flow('FP_USERS', 'Số người sử dụng biện pháp tránh thai', 'Contraceptive users', 'người', { combo: 'FP_METHOD' }),
    ],
  },
  {
    code: 'TYT_MAT', name: 'Chăm sóc sức khỏe bà mẹ', nameEn: 'Maternal health',
    elements: [
      stock('MCH_PREG_MANAGED', 'Số phụ nữ có thai được quản lý', 'Pregnant women under management', 'người'),
      stock('MCH_PREG_ADOLESCENT', 'Trong đó: vị thành niên', 'of which adolescents', 'người'),
      flow('MCH_PREG_NEW', 'Số phụ nữ có thai mới phát hiện', 'New pregnancies registered', 'người'),
      flow('MCH_ANC_VISITS', 'Tổng số lượt khám thai', 'Antenatal visits', 'lượt'),
      flow('MCH_ANC_URINE', 'Trong đó: được xét nghiệm protein niệu', 'of which with a urine protein test', 'lượt'),
      flow('MCH_DELIVERIES', 'Tổng số phụ nữ đẻ', 'Deliveries', 'người', { combo: 'DELIVERY_PLACE' }),
      flow('MCH_DELIV_ADOLESCENT', 'Đẻ: vị thành niên', 'Deliveries: adolescents', 'người'),
      flow('MCH_DELIV_ETHNIC', 'Đẻ: người dân tộc thiểu số', 'Deliveries: ethnic minority women', 'người'),
      flow('MCH_DELIV_ANC_MANAGED', 'Đẻ: được quản lý thai', 'Deliveries: with antenatal management', 'người'),
      flow('MCH_DELIV_TT_FULL', 'Đẻ: được tiêm phòng uốn ván đủ liều', 'Deliveries: fully tetanus-vaccinated', 'người'),
      flow('MCH_DELIV_ANC4', 'Đẻ: được khám thai ≥ 4 lần trong 3 thời kỳ', 'Deliveries: ≥ 4 antenatal visits in the 3 trimesters', 'người'),
      flow('MCH_ANC_VISITS_DELIVERED', 'Tổng số lần khám thai của các bà mẹ đẻ', 'Antenatal visits of the women who delivered', 'lần'),
      flow('MCH_DELIV_HEALTH_STAFF', 'Đẻ: được cán bộ y tế đỡ', 'Deliveries attended by health staff', 'người'),
      flow('MCH_DELIV_SKILLED', 'Đẻ: được cán bộ có kỹ năng đỡ', 'Deliveries attended by skilled attendants', 'người'),
      flow('MCH_TEST_HBV', 'Số phụ nữ mang thai/đẻ được xét nghiệm viêm gan B', 'Women tested for hepatitis B in pregnancy or labour', 'người'),
      flow('MCH_TEST_HBV_POS', 'Trong đó: dương tính viêm gan B', 'of which hepatitis B positive', 'người', { zero: true }),
      flow('MCH_TEST_SYPHILIS', 'Số phụ nữ mang thai/đẻ được xét nghiệm giang mai', 'Women tested for syphilis in pregnancy or labour', 'người'),
      flow('MCH_TEST_SYPHILIS_POS', 'Trong đó: dương tính giang mai', 'of which syphilis positive', 'người', { zero: true }),
      flow('MCH_TEST_HIV', 'Số phụ nữ mang thai/đẻ được xét nghiệm HIV', 'Women tested for HIV in pregnancy or labour', 'người'),
      flow('MCH_TEST_HIV_POS', 'Trong đó: dương tính HIV', 'of which HIV positive', 'người', { zero: true }),
      flow('MCH_TEST_GLUCOSE', 'Số phụ nữ mang thai được xét nghiệm đường huyết', 'Pregnant women given a blood glucose test', 'người'),
      flow('MCH_BIRTH_CERTIFICATES', 'Số giấy chứng sinh đã cấp', 'Birth certificates issued', 'giấy'),
      flow('MCH_PNC_1W', 'Chăm sóc sau sinh tại nhà: tuần đầu', 'Home postnatal care: first week', 'người'),
      flow('MCH_PNC_6W', 'Chăm sóc sau sinh tại nhà: từ tuần 2 đến hết 6 tuần', 'Home postnatal care: weeks 2 to 6', 'người'),
      flow('MCH_OBST_COMPLICATIONS', 'Số tai biến sản khoa', 'Obstetric complications', 'ca', { combo: 'OBST_COMPLICATION', zero: true }),
      flow('MCH_OBST_COMPL_DEATHS', 'Số tử vong do tai biến sản khoa', 'Deaths from obstetric complications', 'người', { combo: 'OBST_COMPLICATION', zero: true }),
      flow('MCH_MATERNAL_DEATHS', 'Số bà mẹ tử vong', 'Maternal deaths', 'người', { zero: true }),
      flow('MCH_MATERNAL_DEATHS_REVIEWED', 'Trong đó: được thẩm định', 'of which reviewed', 'người', { zero: true }),
    ],
  },
  {
    code: 'TYT_GYN', name: 'Phụ khoa, kế hoạch hóa gia đình và phá thai', nameEn: 'Gynaecology, family planning and abortion',
    elements: [
      flow('GYN_EXAMS', 'Số lượt khám phụ khoa', 'Gynaecological examinations', 'lượt'),
      flow('GYN_VIA_TESTS', 'Số người được sàng lọc VIA/VILI', 'Women screened with VIA/VILI', 'người'),
      flow('GYN_VIA_POSITIVE', 'VIA/VILI dương tính', 'VIA/VILI positive', 'người', { zero: true }),
      flow('GYN_VIA_SUSPICIOUS', 'VIA/VILI nghi ngờ', 'VIA/VILI suspicious', 'người', { zero: true }),
      flow('GYN_CYTOLOGY', 'Số mẫu xét nghiệm tế bào học', 'Cytology specimens', 'mẫu'),
      flow('GYN_HPV_TESTS', 'Số mẫu xét nghiệm HPV', 'HPV test specimens', 'mẫu'),
      flow('GYN_TREATMENTS', 'Số lượt chữa phụ khoa', 'Gynaecological treatments', 'lượt'),
      flow('GYN_HPV_VACCINE', 'Số liều vắc xin HPV đã tiêm', 'HPV vaccine doses given', 'liều'),
      flow('MCH_FP_NEW_USERS', 'Số người mới sử dụng biện pháp tránh thai', 'New contraceptive users', 'người', { combo: 'FP_METHOD' }),
      flow('FP_COMPLICATIONS', 'Số tai biến do sử dụng biện pháp tránh thai', 'Contraception complications', 'ca', { zero: true }),
      flow('MCH_ABORTIONS', 'Số ca phá thai', 'Abortions', 'ca'),
      flow('MCH_ABORTIONS_LE7W', 'Trong đó: thai ≤ 7 tuần', 'of which ≤ 7 weeks', 'ca'),
      flow('MCH_ABORTIONS_ADOLESCENT', 'Trong đó: vị thành niên', 'of which adolescents', 'ca'),
    ],
  },
  {
    code: 'TYT_CHILD', name: 'Chăm sóc sức khỏe trẻ em', nameEn: 'Child health',
    elements: [
      flow('MCH_LIVE_BIRTHS', 'Tổng số trẻ đẻ sống', 'Live births', 'trẻ'),
      flow('MCH_LIVE_BIRTHS_ETHNIC', 'Trong đó: trẻ dân tộc thiểu số', 'of which ethnic minority', 'trẻ'),
      flow('MCH_EENC_NORMAL', 'Trẻ được chăm sóc thiết yếu sớm: đẻ thường', 'Early essential newborn care: vaginal births', 'trẻ'),
      flow('MCH_EENC_CAESAREAN', 'Trẻ được chăm sóc thiết yếu sớm: đẻ mổ', 'Early essential newborn care: caesarean births', 'trẻ'),
      flow('MCH_KANGAROO', 'Trẻ được chăm sóc theo phương pháp Kangaroo', 'Kangaroo mother care', 'trẻ'),
      flow('MCH_PRETERM', 'Số trẻ đẻ non', 'Preterm births', 'trẻ'),
      flow('MCH_ASPHYXIA', 'Số trẻ bị ngạt', 'Birth asphyxia', 'trẻ'),
      flow('MCH_WEIGHED', 'Số trẻ sơ sinh được cân', 'Newborns weighed', 'trẻ'),
      flow('MCH_LBW', 'Số trẻ đẻ < 2500 gram', 'Newborns < 2,500 g', 'trẻ', { zero: true }),
      flow('MCH_HBW', 'Số trẻ đẻ > 4000 gram', 'Newborns > 4,000 g', 'trẻ'),
      flow('MCH_VITK1', 'Số trẻ sơ sinh được tiêm vitamin K1', 'Newborns given vitamin K1', 'trẻ'),
      flow('MCH_HEPB_24H', 'Số trẻ được tiêm vắc xin viêm gan B trong 24 giờ đầu', 'Hepatitis B birth dose within 24 h', 'trẻ'),
      flow('MCH_STILLBIRTHS', 'Số thai chết lưu ≥ 22 tuần', 'Stillbirths ≥ 22 weeks', 'trẻ', { zero: true }),
      flow('MCH_DEATHS_U7D', 'Số trẻ tử vong < 7 ngày', 'Deaths under 7 days', 'trẻ', { zero: true }),
      flow('MCH_DEATHS_U28D', 'Số trẻ tử vong < 28 ngày', 'Deaths under 28 days', 'trẻ', { zero: true }),
      flow('MCH_DEATHS_U1', 'Số trẻ tử vong < 1 tuổi', 'Deaths under 1 year', 'trẻ', { zero: true }),
      flow('MCH_DEATHS_U5', 'Số trẻ tử vong < 5 tuổi', 'Deaths under 5 years', 'trẻ', { zero: true }),
      flow('MCH_DEATHS_U5_ETHNIC', 'Trong đó: trẻ < 5 tuổi dân tộc thiểu số', 'of which ethnic minority', 'trẻ', { zero: true }),
    ],
  },
  {
    code: 'TYT_OPD', name: 'Khám, chữa bệnh tại trạm', nameEn: 'Curative care at the station',
    elements: [
      flow('OPD_VISITS', 'Tổng số lượt khám bệnh tại trạm', 'Outpatient visits at the station', 'lượt'),
      flow('OPD_VISITS_INSURED', 'Số lượt khám có thẻ bảo hiểm y tế', 'Outpatient visits with health insurance', 'lượt'),
      flow('OPD_REFERRALS', 'Số bệnh nhân chuyển tuyến', 'Referrals', 'người'),
      flow('OPD_REVENUE', 'Tổng số kinh phí thu được', 'Revenue', 'đồng'),
    ],
  },
  {
    code: 'TYT_IEC', name: 'Truyền thông giáo dục sức khỏe', nameEn: 'Health communication',
    elements: [flow('COMM_COUNSELLED', 'Số lượt người được tư vấn, giáo dục sức khỏe trực tiếp', 'People counselled in person', 'lượt')],
  },
  {
    code: 'TYT_D06', name: 'Đề án 06 và chuyển đổi số', nameEn: 'Project 06 and digital transformation',
    elements: [
      flow('D06_CHIP_CHECKINS', 'Số lượt KCB sử dụng CCCD gắn chip', 'Visits checked in with a chip citizen ID', 'lượt'),
      flow('D06_LOOKUP_OK', 'Trong đó: có thông tin BHYT trả về thành công', 'of which with a successful insurance look-up', 'lượt'),
      stock('EHR_CREATED_CUM', 'Số người đã được tạo lập hồ sơ sức khỏe điện tử (lũy kế)', 'People with an electronic health record (cumulative)', 'người'),
      stock('EHR_PART_B_CUM', 'Số hồ sơ sức khỏe điện tử đã có dữ liệu phần B', 'E-health records with part B data', 'hồ sơ'),
      stock('EHR_PART_C_CUM', 'Số hồ sơ sức khỏe điện tử đã có dữ liệu phần C', 'E-health records with part C data', 'hồ sơ'),
      stock('EHR_PART_D_CUM', 'Số hồ sơ sức khỏe điện tử đã có dữ liệu phần D', 'E-health records with part D data', 'hồ sơ'),
      flow('EPRESC_SENT', 'Số đơn thuốc điện tử liên thông thành công', 'E-prescriptions sent successfully', 'đơn'),
      flow('PAY_TOTAL', 'Số lượt thanh toán tại trạm', 'Payments at the station', 'lượt'),
      flow('PAY_CASHLESS', 'Trong đó: không dùng tiền mặt', 'of which cashless', 'lượt'),
    ],
  },
];

// District-only figures, reported by the health centre itself.
const CENTRE_SECTIONS: Section[] = [
  {
    code: 'TTYT_HR', name: 'Nhân lực Trung tâm Y tế', nameEn: 'Health centre staff',
    elements: [
      stock('HR_STAFF', 'Tổng số cán bộ Trung tâm', 'Centre staff, total', 'người', { combo: 'HR_EMPLOYMENT' }),
      stock('HR_STAFF_POSTGRAD', 'Trình độ trên đại học', 'Postgraduate', 'người', { combo: 'HR_POSTGRAD_DEGREE' }),
      stock('HR_STAFF_UNIVERSITY', 'Trình độ đại học', 'University', 'người', { combo: 'HR_UNIVERSITY_FIELD' }),
      stock('HR_STAFF_COLLEGE', 'Trình độ cao đẳng', 'College', 'người', { combo: 'HR_COLLEGE_FIELD' }),
      stock('HR_STAFF_SECONDARY', 'Trình độ trung cấp', 'Secondary level', 'người', { combo: 'HR_SECONDARY_FIELD' }),
      stock('HR_STAFF_DRIVER', 'Lái xe', 'Drivers', 'người'),
      stock('HR_STAFF_OTHER', 'Nhân viên khác (chưa qua đào tạo chuyên môn)', 'Other staff (no professional training)', 'người'),
      stock('HR_MMT_STAFF', 'Cán bộ cơ sở điều trị Methadone', 'Methadone facility staff', 'người', { combo: 'HR_EMPLOYMENT' }),
      stock('HR_MMT_STAFF_ROLE', 'Cán bộ cơ sở điều trị Methadone theo vị trí', 'Methadone facility staff by role', 'người', { combo: 'HR_MMT_ROLE' }),
    ],
  },
  {
    code: 'TTYT_IEC', name: 'Truyền thông giáo dục sức khỏe', nameEn: 'Health communication',
    elements: [flow('COMM_ARTICLES', 'Số bài viết truyền thông', 'Communication articles', 'bài', { combo: 'COMM_TOPIC' })],
  },
  {
    code: 'TTYT_FOOD', name: 'Vệ sinh an toàn thực phẩm', nameEn: 'Food safety',
    elements: [stock('FS_ESTABLISHMENTS', 'Số cơ sở kinh doanh, chế biến thực phẩm được quản lý', 'Food businesses under management', 'cơ sở')],
  },
  {
    code: 'TTYT_OH', name: 'Sức khỏe người lao động', nameEn: 'Occupational health',
    elements: [
      flow('OH_COMPANIES_INSPECTED', 'Số công ty được kiểm tra, giám sát vệ sinh an toàn lao động', 'Companies inspected for occupational safety', 'công ty'),
      flow('OH_WORKERS_EXAMINED', 'Số người lao động được khám sức khỏe', 'Workers examined', 'người'),
    ],
  },
  {
    code: 'TTYT_HIV', name: 'HIV/AIDS và điều trị Methadone', nameEn: 'HIV/AIDS and methadone treatment',
    elements: [
      stock('MMT_PATIENTS', 'Số bệnh nhân đang điều trị Methadone', 'Patients on methadone treatment', 'người'),
      flow('HIV_COUNSELLING', 'Số ca khám và tư vấn HIV', 'HIV examinations and counselling', 'ca'),
      flow('HIV_NEEDLES', 'Số bơm kim tiêm được cấp phát', 'Needles and syringes distributed', 'cái'),
      flow('HIV_CONDOMS', 'Số bao cao su được cấp phát', 'Condoms distributed', 'cái'),
    ],
  },
  {
    code: 'TTYT_TB', name: 'Phòng chống lao', nameEn: 'Tuberculosis',
    elements: [
      flow('TB_AFB_COHORT', 'Số bệnh nhân lao phổi AFB(+) được đánh giá kết quả điều trị', 'Smear-positive TB patients evaluated for treatment outcome', 'người'),
      flow('TB_AFB_CURED', 'Trong đó: điều trị khỏi', 'of which cured', 'người', { zero: true }),
      flow('PKDK_TB_INSURED_VISITS', 'Số lượt khám, cấp thuốc lao có BHYT tại PKĐK', 'Insured TB visits at the centre polyclinic', 'lượt'),
    ],
  },
  {
    code: 'TTYT_LAB', name: 'Xét nghiệm', nameEn: 'Laboratory',
    elements: [flow('LAB_TESTS', 'Số mẫu xét nghiệm', 'Laboratory tests', 'mẫu', { combo: 'LAB_TEST_TYPE' })],
  },
  {
    code: 'TTYT_D06', name: 'Đề án 06 tại Phòng khám đa khoa', nameEn: 'Project 06 at the polyclinic',
    elements: [], // D06_CHIP_CHECKINS and D06_LOOKUP_OK, shared with the station form (added below)
  },
];

const SHARED_IN_CENTRE = ['D06_CHIP_CHECKINS', 'D06_LOOKUP_OK'];

export const ALL_ELEMENTS: El[] = [...STATION_SECTIONS, ...CENTRE_SECTIONS].flatMap((s) => s.elements);

// ---------------------------------------------------------------- indicators
interface Ind {
  code: string;
  name: string;
  nameEn: string;
  type: 'PERCENT' | 'PER_1000' | 'PER_100000' | 'RATIO_100' | 'NUMBER';
  num: string;
  den: string;
  decimals: number;
  numD?: string;
  denD?: string;
}

const INDICATORS: Ind[] = [
  { code: 'IND_SEX_RATIO_BIRTH', name: 'Tỷ số giới tính khi sinh (số bé trai/100 bé gái)', nameEn: 'Sex ratio at birth (boys per 100 girls)', type: 'RATIO_100', num: '#{FP_BIRTHS.MALE}', den: '#{FP_BIRTHS.FEMALE}', decimals: 1, numD: 'Trẻ trai', denD: 'Trẻ gái' },
  { code: 'IND_THIRD_CHILD_PCT', name: 'Tỷ lệ sinh con thứ 3 trở lên (%)', nameEn: 'Third or higher-order births (%)', type: 'PERCENT', num: '#{FP_BIRTHS_THIRD}', den: '#{FP_BIRTHS}', decimals: 1 },
  { code: 'IND_LATRINE_PCT', name: 'Tỷ lệ hộ gia đình sử dụng nhà tiêu hợp vệ sinh (%)', nameEn: 'Households with a hygienic latrine (%)', type: 'PERCENT', num: '#{SAN_HH_LATRINE}', den: '#{SAN_HOUSEHOLDS}', decimals: 1 },
  { code: 'IND_EHR_COVERAGE', name: 'Tỷ lệ dân số được tạo lập hồ sơ sức khỏe điện tử (%)', nameEn: 'Population with an electronic health record (%)', type: 'PERCENT', num: '#{EHR_CREATED_CUM}', den: '#{POP_TOTAL}', decimals: 2 },
  { code: 'IND_EHR_PART_B_PCT', name: 'Tỷ lệ hồ sơ sức khỏe điện tử có dữ liệu phần B trên dân số (%)', nameEn: 'E-health records with part B, per population (%)', type: 'PERCENT', num: '#{EHR_PART_B_CUM}', den: '#{POP_TOTAL}', decimals: 2 },
  { code: 'IND_EHR_PART_C_PCT', name: 'Tỷ lệ hồ sơ sức khỏe điện tử có dữ liệu phần C trên dân số (%)', nameEn: 'E-health records with part C, per population (%)', type: 'PERCENT', num: '#{EHR_PART_C_CUM}', den: '#{POP_TOTAL}', decimals: 2 },
  { code: 'IND_EHR_PART_D_PCT', name: 'Tỷ lệ hồ sơ sức khỏe điện tử có dữ liệu phần D trên dân số (%)', nameEn: 'E-health records with part D, per population (%)', type: 'PERCENT', num: '#{EHR_PART_D_CUM}', den: '#{POP_TOTAL}', decimals: 2 },
  { code: 'IND_ANC_AVG_VISITS', name: 'Số lần khám thai trung bình của bà mẹ đẻ', nameEn: 'Average antenatal visits per delivery', type: 'NUMBER', num: '#{MCH_ANC_VISITS_DELIVERED}', den: '#{MCH_DELIVERIES}', decimals: 1 },
  { code: 'IND_ANC4_PCT', name: 'Tỷ lệ bà mẹ đẻ được khám thai ≥ 4 lần trong 3 thời kỳ (%)', nameEn: 'Deliveries with ≥ 4 antenatal visits (%)', type: 'PERCENT', num: '#{MCH_DELIV_ANC4}', den: '#{MCH_DELIVERIES}', decimals: 1 },
  { code: 'IND_FACILITY_DELIVERY_PCT', name: 'Tỷ lệ đẻ tại cơ sở y tế (%)', nameEn: 'Deliveries in health facilities (%)', type: 'PERCENT', num: '#{MCH_DELIVERIES.PLACE_STATION} + #{MCH_DELIVERIES.PLACE_OTHER_FACILITY}', den: '#{MCH_DELIVERIES}', decimals: 1 },
  { code: 'IND_SKILLED_BIRTH_PCT', name: 'Tỷ lệ đẻ được cán bộ có kỹ năng đỡ (%)', nameEn: 'Deliveries by skilled attendants (%)', type: 'PERCENT', num: '#{MCH_DELIV_SKILLED}', den: '#{MCH_DELIVERIES}', decimals: 1 },
  { code: 'IND_LBW_PCT', name: 'Tỷ lệ trẻ đẻ < 2500 gram trong số trẻ được cân (%)', nameEn: 'Low birth weight among newborns weighed (%)', type: 'PERCENT', num: '#{MCH_LBW}', den: '#{MCH_WEIGHED}', decimals: 1 },
  { code: 'IND_IMR', name: 'Tỷ suất tử vong trẻ < 1 tuổi (‰ trẻ đẻ sống)', nameEn: 'Infant mortality (per 1,000 live births)', type: 'PER_1000', num: '#{MCH_DEATHS_U1}', den: '#{MCH_LIVE_BIRTHS}', decimals: 1 },
  { code: 'IND_U5MR', name: 'Tỷ suất tử vong trẻ < 5 tuổi (‰ trẻ đẻ sống)', nameEn: 'Under-5 mortality (per 1,000 live births)', type: 'PER_1000', num: '#{MCH_DEATHS_U5}', den: '#{MCH_LIVE_BIRTHS}', decimals: 1 },
  { code: 'IND_EPI_FULL_COVERAGE', name: 'Tỷ lệ trẻ < 1 tuổi tiêm chủng đầy đủ trên số trẻ trong độ tuổi (%)', nameEn: 'Fully immunised under-1s per children in the age group (%)', type: 'PERCENT', num: '#{EPI_FULL_U1}', den: '#{EPI_TARGET_CHILDREN}', decimals: 1 },
  { code: 'IND_MALARIA_POSITIVITY', name: 'Tỷ lệ lam dương tính sốt rét (%)', nameEn: 'Malaria slide positivity (%)', type: 'PERCENT', num: '#{MAL_POSITIVE}', den: '#{MAL_SLIDES}', decimals: 1 },
  { code: 'IND_IODISED_SALT_PCT', name: 'Độ bao phủ muối i-ốt đủ tiêu chuẩn (%)', nameEn: 'Adequately iodised salt coverage (%)', type: 'PERCENT', num: '#{IOD_SALT_HH_ADEQUATE}', den: '#{IOD_SALT_HH_SURVEYED}', decimals: 0 },
  { code: 'IND_TB_AFB_CURE_RATE', name: 'Tỷ lệ bệnh nhân lao phổi AFB(+) được điều trị khỏi (%)', nameEn: 'Smear-positive TB cure rate (%)', type: 'PERCENT', num: '#{TB_AFB_CURED}', den: '#{TB_AFB_COHORT}', decimals: 1 },
  { code: 'IND_MH_STABLE_PCT', name: 'Tỷ lệ bệnh nhân tâm thần điều trị ổn định (%)', nameEn: 'Mental health patients stable (%)', type: 'PERCENT', num: '#{MH_STABLE}', den: '#{MH_MANAGED}', decimals: 1 },
  { code: 'IND_AIDS_SHARE_PCT', name: 'Tỷ lệ bệnh nhân AIDS trong số người nhiễm HIV hiện mắc (%)', nameEn: 'AIDS among people living with HIV (%)', type: 'PERCENT', num: '#{AIDS_LIVING}', den: '#{HIV_LIVING}', decimals: 1 },
  { code: 'IND_INSURED_VISITS_PCT', name: 'Tỷ lệ lượt khám có BHYT tại trạm (%)', nameEn: 'Insured share of station visits (%)', type: 'PERCENT', num: '#{OPD_VISITS_INSURED}', den: '#{OPD_VISITS}', decimals: 1 },
  { code: 'IND_REFERRAL_PCT', name: 'Tỷ lệ chuyển tuyến (%)', nameEn: 'Referral rate (%)', type: 'PERCENT', num: '#{OPD_REFERRALS}', den: '#{OPD_VISITS}', decimals: 1 },
  { code: 'IND_REVENUE_PER_VISIT', name: 'Kinh phí thu bình quân một lượt khám (đồng)', nameEn: 'Revenue per visit (VND)', type: 'NUMBER', num: '#{OPD_REVENUE}', den: '#{OPD_VISITS}', decimals: 0 },
  { code: 'IND_CASHLESS_PCT', name: 'Tỷ lệ thanh toán không dùng tiền mặt tại trạm (%)', nameEn: 'Cashless share of station payments (%)', type: 'PERCENT', num: '#{PAY_CASHLESS}', den: '#{PAY_TOTAL}', decimals: 1 },
  { code: 'IND_LOOKUP_OK_PCT', name: 'Tỷ lệ lượt KCB bằng CCCD gắn chip tra cứu BHYT thành công (%)', nameEn: 'Chip-ID check-ins with a successful insurance look-up (%)', type: 'PERCENT', num: '#{D06_LOOKUP_OK}', den: '#{D06_CHIP_CHECKINS}', decimals: 1 },
  { code: 'IND_INFLUENZA_INCIDENCE', name: 'Tỷ lệ mắc cúm trong tháng (/100.000 dân)', nameEn: 'Influenza incidence in the month (per 100,000)', type: 'PER_100000', num: '#{CD_INFLUENZA}', den: '#{POP_TOTAL}', decimals: 1 },
  { code: 'IND_DIARRHOEA_INCIDENCE', name: 'Tỷ lệ mắc tiêu chảy trong tháng (/100.000 dân)', nameEn: 'Diarrhoea incidence in the month (per 100,000)', type: 'PER_100000', num: '#{CD_DIARRHOEA}', den: '#{POP_TOTAL}', decimals: 1 },
  { code: 'IND_DOCTORS_PER_10000', name: 'Số bác sỹ trạm y tế trên 10.000 dân', nameEn: 'Station doctors per 10,000 population', type: 'NUMBER', num: '#{HR_TYT_STAFF_PROF.PROF_DOCTOR} * 10000', den: '#{POP_TOTAL}', decimals: 2 },
  { code: 'IND_CONTRACEPTIVE_MODERN_PCT', name: 'Tỷ lệ dùng biện pháp tránh thai hiện đại lâu dài (%)', nameEn: 'Long-acting methods among contraceptive users (%)', type: 'PERCENT', num: '#{FP_USERS.FP_IUD} + #{FP_USERS.FP_IMPLANT} + #{FP_USERS.FP_STERIL_FEMALE} + #{FP_USERS.FP_STERIL_MALE}', den: '#{FP_USERS}', decimals: 1 },
];

const INDICATOR_TYPES = [
  { code: 'PERCENT', name: 'Phần trăm', nameEn: 'Percentage', factor: 100, number: false },
  { code: 'PER_1000', name: 'Phần nghìn', nameEn: 'Per thousand', factor: 1000, number: false },
  { code: 'PER_100000', name: 'Trên 100.000', nameEn: 'Per 100,000', factor: 100000, number: false },
  { code: 'RATIO_100', name: 'Tỷ số trên 100', nameEn: 'Ratio per 100', factor: 100, number: false },
  { code: 'NUMBER', name: 'Số (không nhân hệ số)', nameEn: 'Number (factor 1)', factor: 1, number: true },
];

// ---------------------------------------------------------------- validation rules
type Op = 'equal_to' | 'less_than_or_equal_to' | 'greater_than_or_equal_to';
interface Rule {
  code: string;
  left: string;
  op: Op;
  right: string;
  importance: 'HIGH' | 'MEDIUM' | 'LOW';
  message: string;
  messageEn: string;
  /** Skip the rule when any side has no value (the default skips only when both sides are empty). */
  skipIfAny?: boolean;
}

const le = (code: string, left: string, right: string, importance: Rule['importance'], message: string, messageEn: string, more: Partial<Rule> = {}): Rule =>
  ({ code, left, op: 'less_than_or_equal_to', right, importance, message, messageEn, ...more });

const RULES: Rule[] = [
  // staffing
  { code: 'VR_HR_STAFF_BY_LEVEL', left: '#{HR_STAFF_POSTGRAD} + #{HR_STAFF_UNIVERSITY} + #{HR_STAFF_COLLEGE} + #{HR_STAFF_SECONDARY} + #{HR_STAFF_DRIVER} + #{HR_STAFF_OTHER}', op: 'equal_to', right: '#{HR_STAFF}', importance: 'MEDIUM',
    message: 'Tổng cán bộ theo trình độ (trên đại học + đại học + cao đẳng + trung cấp + lái xe + khác) phải bằng tổng số cán bộ Trung tâm', messageEn: 'Staff by qualification must add up to the centre staff total' },
  { code: 'VR_HR_MMT_BY_ROLE', left: '#{HR_MMT_STAFF_ROLE}', op: 'equal_to', right: '#{HR_MMT_STAFF}', importance: 'MEDIUM',
    message: 'Cán bộ cơ sở Methadone theo vị trí phải bằng tổng số cán bộ cơ sở', messageEn: 'Methadone facility staff by role must add up to its total' },
  { code: 'VR_HR_TYT_PROF', left: '#{HR_TYT_STAFF_PROF}', op: 'equal_to', right: '#{HR_TYT_STAFF}', importance: 'MEDIUM',
    message: 'Cán bộ trạm theo chức danh (bác sỹ + y sỹ + nữ hộ sinh + điều dưỡng + dược sỹ + khác) phải bằng tổng số cán bộ của trạm', messageEn: 'Station staff by profession must add up to the station staff total' },
  // COVID-19
  { code: 'VR_COVID_CUM_GE_MONTH', left: '#{COVID_DOSES_CUM}', op: 'greater_than_or_equal_to', right: '#{COVID_DOSES}', importance: 'HIGH',
    message: 'Số liều lũy kế phải lớn hơn hoặc bằng số liều tiêm trong tháng', messageEn: 'Cumulative doses must be at least the doses given in the month' },
  ...CATEGORIES.find((c) => c.code === 'COVID_DOSE')!.options.map(([d, vi, en]): Rule => ({
    code: `VR_COVID_CUM_GE_MONTH_${d}`, left: `#{COVID_DOSES_CUM.${d}}`, op: 'greater_than_or_equal_to', right: `#{COVID_DOSES.${d}}`, importance: 'MEDIUM',
    message: `Số liều lũy kế (${vi.toLowerCase()}) phải lớn hơn hoặc bằng số liều tiêm trong tháng`, messageEn: `Cumulative doses (${en.toLowerCase()}) must be at least the doses given in the month`,
  })),
  le('VR_COVID_DOSE2_LE_DOSE1', '#{COVID_DOSES_CUM.DOSE2}', '#{COVID_DOSES_CUM.DOSE1} * 1.05', 'LOW', 'Số mũi 2 lũy kế vượt quá số mũi 1 lũy kế: kiểm tra lại', 'Cumulative dose 2 exceeds dose 1: please check'),
  // immunisation
  le('VR_EPI_FULL_LE_TARGET', '#{EPI_FULL_U1}', '#{EPI_TARGET_CHILDREN}', 'MEDIUM', 'Số trẻ tiêm chủng đầy đủ trong tháng vượt số trẻ trong độ tuổi tiêm chủng', 'Fully immunised children exceed the children in the age group'),
  le('VR_EPI_MEASLES2_LE_TARGET', '#{EPI_MEASLES2}', '#{EPI_TARGET_CHILDREN}', 'MEDIUM', 'Số trẻ tiêm sởi mũi 2 trong tháng vượt số trẻ trong độ tuổi tiêm chủng', 'Measles dose 2 in the month exceeds the children in the age group'),
  le('VR_EPI_TT2_LE_PREG', '#{EPI_TT2_PREG}', '#{MCH_PREG_MANAGED}', 'MEDIUM', 'Số phụ nữ có thai tiêm UV2+ vượt số phụ nữ có thai được quản lý', 'TT2+ pregnant women exceed pregnant women under management', { skipIfAny: true }),
  // malaria, sanitation, iodine
  le('VR_MAL_POS_LE_SLIDES', '#{MAL_POSITIVE}', '#{MAL_SLIDES}', 'HIGH', 'Số lam dương tính không được vượt số lam xét nghiệm', 'Positive slides cannot exceed slides examined'),
  le('VR_SAN_LATRINE_LE_HH', '#{SAN_HH_LATRINE}', '#{SAN_HOUSEHOLDS}', 'HIGH', 'Số hộ có nhà tiêu hợp vệ sinh không được vượt tổng số hộ', 'Households with a hygienic latrine cannot exceed households'),
  le('VR_IOD_ADEQUATE_LE_SURVEYED', '#{IOD_SALT_HH_ADEQUATE}', '#{IOD_SALT_HH_SURVEYED}', 'HIGH', 'Số hộ dùng muối i-ốt đạt chuẩn không được vượt số hộ được giám sát', 'Households with adequate iodised salt cannot exceed households surveyed'),
  // HIV, TB, mental health
  le('VR_AIDS_LE_HIV', '#{AIDS_LIVING}', '#{HIV_LIVING}', 'HIGH', 'Số bệnh nhân AIDS hiện mắc không được vượt số người nhiễm HIV hiện mắc', 'People living with AIDS cannot exceed people living with HIV'),
  le('VR_HIV_NEW_LE_LIVING', '#{HIV_NEW}', '#{HIV_LIVING}', 'MEDIUM', 'Số nhiễm HIV mới vượt số người nhiễm HIV hiện mắc', 'New HIV infections exceed people living with HIV'),
  le('VR_TB_AFB_LE_ALL', '#{TB_NEW_AFB}', '#{TB_NEW_ALL}', 'HIGH', 'Số lao phổi AFB(+) mới không được vượt số lao mọi thể mới', 'New AFB+ cases cannot exceed new TB cases of all forms'),
  le('VR_TB_NEW_LE_TREATED', '#{TB_NEW_ALL}', '#{TB_UNDER_TREATMENT}', 'MEDIUM', 'Bệnh nhân lao mới phát hiện phải có trong số đang điều trị', 'New TB cases should be counted among patients under treatment'),
  le('VR_TB_CURED_LE_COHORT', '#{TB_AFB_CURED}', '#{TB_AFB_COHORT}', 'HIGH', 'Số bệnh nhân khỏi không được vượt số bệnh nhân được đánh giá', 'Cured patients cannot exceed patients evaluated'),
  le('VR_MH_STABLE_LE_MANAGED', '#{MH_STABLE}', '#{MH_MANAGED}', 'HIGH', 'Số bệnh nhân tâm thần ổn định không được vượt số bệnh nhân được quản lý', 'Stable mental health patients cannot exceed patients under management'),
  le('VR_MH_NEW_LE_MANAGED', '#{MH_NEW}', '#{MH_MANAGED}', 'MEDIUM', 'Bệnh nhân tâm thần mới phải có trong số được quản lý', 'New mental health patients should be counted among those under management'),
  // population and family planning
  { code: 'VR_BIRTHS_BY_SEX', left: '#{FP_BIRTHS.MALE} + #{FP_BIRTHS.FEMALE}', op: 'equal_to', right: '#{MCH_LIVE_BIRTHS}', importance: 'HIGH',
    message: 'Số trẻ trai + trẻ gái phải bằng tổng số trẻ đẻ sống', messageEn: 'Boys + girls must equal live births' },
  le('VR_THIRD_LE_BIRTHS', '#{FP_BIRTHS_THIRD}', '#{FP_BIRTHS}', 'HIGH', 'Số trẻ là con thứ 3 trở lên không được vượt tổng số trẻ sinh', 'Third or higher-order births cannot exceed births'),
  le('VR_FP_NEW_LE_USERS', '#{MCH_FP_NEW_USERS}', '#{FP_USERS}', 'MEDIUM', 'Số người mới sử dụng biện pháp tránh thai vượt tổng số người sử dụng', 'New contraceptive users exceed users'),
  // maternal health
  le('VR_PREG_ADOLESCENT', '#{MCH_PREG_ADOLESCENT}', '#{MCH_PREG_MANAGED}', 'HIGH', 'Số phụ nữ có thai vị thành niên không được vượt tổng số phụ nữ có thai', 'Adolescent pregnancies cannot exceed pregnant women'),
  le('VR_PREG_NEW_LE_MANAGED', '#{MCH_PREG_NEW}', '#{MCH_PREG_MANAGED}', 'MEDIUM', 'Phụ nữ có thai mới phát hiện phải có trong số phụ nữ có thai được quản lý', 'Newly found pregnancies should be counted among pregnant women under management'),
  le('VR_PNC_1W_LE_DELIV', '#{MCH_PNC_1W}', '#{MCH_DELIVERIES}', 'MEDIUM', 'Số bà mẹ được chăm sóc sau sinh tuần đầu vượt số bà mẹ đẻ trong tháng', 'Postnatal care in the first week exceeds deliveries in the month'),
  le('VR_ANC_URINE', '#{MCH_ANC_URINE}', '#{MCH_ANC_VISITS}', 'HIGH', 'Số lượt xét nghiệm protein niệu không được vượt số lượt khám thai', 'Urine protein tests cannot exceed antenatal visits'),
  ...([
    ['ADOLESCENT', 'vị thành niên', 'adolescent'],
    ['ETHNIC', 'dân tộc thiểu số', 'ethnic minority'],
    ['ANC_MANAGED', 'được quản lý thai', 'with antenatal management'],
    ['TT_FULL', 'tiêm phòng uốn ván đủ liều', 'fully tetanus-vaccinated'],
    ['ANC4', 'khám thai ≥ 4 lần', 'with ≥ 4 antenatal visits'],
    ['HEALTH_STAFF', 'được cán bộ y tế đỡ', 'attended by health staff'],
  ] as const).map(([k, vi, en]) => le(`VR_DELIV_${k}`, `#{MCH_DELIV_${k}}`, '#{MCH_DELIVERIES}', 'HIGH', `Số bà mẹ đẻ ${vi} không được vượt tổng số bà mẹ đẻ`, `Deliveries ${en} cannot exceed deliveries`)),
  le('VR_DELIV_SKILLED', '#{MCH_DELIV_SKILLED}', '#{MCH_DELIV_HEALTH_STAFF}', 'MEDIUM', 'Số ca đẻ được cán bộ có kỹ năng đỡ vượt số ca được cán bộ y tế đỡ', 'Skilled attendance exceeds attendance by health staff'),
  le('VR_DELIV_VS_BIRTHS', '#{MCH_DELIVERIES}', '#{MCH_LIVE_BIRTHS} + #{MCH_STILLBIRTHS}', 'LOW', 'Số bà mẹ đẻ lớn hơn số trẻ đẻ sống và thai chết lưu: kiểm tra lại', 'Deliveries exceed live births plus stillbirths: please check'),
  le('VR_HBV_POS', '#{MCH_TEST_HBV_POS}', '#{MCH_TEST_HBV}', 'HIGH', 'Số dương tính viêm gan B không được vượt số được xét nghiệm', 'Hepatitis B positives cannot exceed tests'),
  le('VR_SYPHILIS_POS', '#{MCH_TEST_SYPHILIS_POS}', '#{MCH_TEST_SYPHILIS}', 'HIGH', 'Số dương tính giang mai không được vượt số được xét nghiệm', 'Syphilis positives cannot exceed tests'),
  le('VR_HIV_PREG_POS', '#{MCH_TEST_HIV_POS}', '#{MCH_TEST_HIV}', 'HIGH', 'Số dương tính HIV không được vượt số được xét nghiệm', 'HIV positives cannot exceed tests'),
  le('VR_OBST_DEATHS', '#{MCH_OBST_COMPL_DEATHS}', '#{MCH_OBST_COMPLICATIONS}', 'MEDIUM', 'Số tử vong do tai biến sản khoa vượt số tai biến', 'Deaths from complications exceed complications'),
  le('VR_MATERNAL_REVIEWED', '#{MCH_MATERNAL_DEATHS_REVIEWED}', '#{MCH_MATERNAL_DEATHS}', 'HIGH', 'Số ca tử vong mẹ được thẩm định không được vượt số tử vong mẹ', 'Reviewed maternal deaths cannot exceed maternal deaths'),
  // gynaecology and abortion
  le('VR_VIA_RESULTS', '#{GYN_VIA_POSITIVE} + #{GYN_VIA_SUSPICIOUS}', '#{GYN_VIA_TESTS}', 'HIGH', 'Số VIA/VILI dương tính và nghi ngờ không được vượt số được sàng lọc', 'VIA/VILI positive and suspicious cannot exceed women screened'),
  le('VR_GYN_TREAT_LE_EXAMS', '#{GYN_TREATMENTS}', '#{GYN_EXAMS}', 'MEDIUM', 'Số lượt chữa phụ khoa vượt số lượt khám phụ khoa', 'Gynaecological treatments exceed examinations'),
  le('VR_ABORTION_LE7W', '#{MCH_ABORTIONS_LE7W}', '#{MCH_ABORTIONS}', 'HIGH', 'Số ca phá thai ≤ 7 tuần không được vượt tổng số ca phá thai', 'Abortions ≤ 7 weeks cannot exceed abortions'),
  le('VR_ABORTION_ADOLESCENT', '#{MCH_ABORTIONS_ADOLESCENT}', '#{MCH_ABORTIONS}', 'HIGH', 'Số ca phá thai vị thành niên không được vượt tổng số ca phá thai', 'Adolescent abortions cannot exceed abortions'),
  // child health
  ...([
    ['ETHNIC', 'MCH_LIVE_BIRTHS_ETHNIC', 'Trẻ đẻ sống dân tộc thiểu số', 'Ethnic minority live births'],
    ['EENC', 'MCH_EENC_NORMAL} + #{MCH_EENC_CAESAREAN', 'Trẻ được chăm sóc thiết yếu sớm', 'Early essential newborn care'],
    ['KANGAROO', 'MCH_KANGAROO', 'Trẻ được chăm sóc Kangaroo', 'Kangaroo care'],
    ['PRETERM', 'MCH_PRETERM', 'Trẻ đẻ non', 'Preterm births'],
    ['ASPHYXIA', 'MCH_ASPHYXIA', 'Trẻ bị ngạt', 'Asphyxia'],
    ['WEIGHED', 'MCH_WEIGHED', 'Trẻ được cân', 'Newborns weighed'],
    ['LBW', 'MCH_LBW', 'Trẻ đẻ < 2500 gram', 'Newborns < 2,500 g'],
    ['VITK1', 'MCH_VITK1', 'Trẻ được tiêm vitamin K1', 'Vitamin K1'],
    ['HEPB24', 'MCH_HEPB_24H', 'Trẻ được tiêm viêm gan B sơ sinh', 'Hepatitis B birth dose'],
  ] as const).map(([k, expr, vi, en]) => le(`VR_BIRTHS_${k}`, `#{${expr}}`, '#{MCH_LIVE_BIRTHS}', 'HIGH', `${vi} không được vượt tổng số trẻ đẻ sống`, `${en} cannot exceed live births`)),
  le('VR_WEIGHT_CLASSES', '#{MCH_LBW} + #{MCH_HBW}', '#{MCH_WEIGHED}', 'HIGH', 'Trẻ < 2500 g và > 4000 g không được vượt số trẻ được cân', 'Newborns < 2,500 g and > 4,000 g cannot exceed newborns weighed'),
  le('VR_DEATHS_7D_28D', '#{MCH_DEATHS_U7D}', '#{MCH_DEATHS_U28D}', 'HIGH', 'Tử vong < 7 ngày không được vượt tử vong < 28 ngày', 'Deaths under 7 days cannot exceed deaths under 28 days'),
  le('VR_DEATHS_28D_1Y', '#{MCH_DEATHS_U28D}', '#{MCH_DEATHS_U1}', 'HIGH', 'Tử vong < 28 ngày không được vượt tử vong < 1 tuổi', 'Deaths under 28 days cannot exceed deaths under 1 year'),
  le('VR_DEATHS_1Y_5Y', '#{MCH_DEATHS_U1}', '#{MCH_DEATHS_U5}', 'HIGH', 'Tử vong < 1 tuổi không được vượt tử vong < 5 tuổi', 'Deaths under 1 year cannot exceed deaths under 5 years'),
  le('VR_DEATHS_U5_ETHNIC', '#{MCH_DEATHS_U5_ETHNIC}', '#{MCH_DEATHS_U5}', 'HIGH', 'Tử vong < 5 tuổi dân tộc thiểu số không được vượt tổng tử vong < 5 tuổi', 'Ethnic minority under-5 deaths cannot exceed under-5 deaths'),
  // curative care and Project 06
  le('VR_OPD_INSURED', '#{OPD_VISITS_INSURED}', '#{OPD_VISITS}', 'HIGH', 'Số lượt khám có BHYT không được vượt tổng số lượt khám', 'Insured visits cannot exceed visits'),
  le('VR_OPD_REFERRALS', '#{OPD_REFERRALS}', '#{OPD_VISITS}', 'HIGH', 'Số bệnh nhân chuyển tuyến không được vượt số lượt khám', 'Referrals cannot exceed visits'),
  le('VR_PAY_LE_VISITS', '#{PAY_TOTAL}', '#{OPD_VISITS}', 'MEDIUM', 'Số lượt thanh toán vượt số lượt khám tại trạm', 'Payments exceed station visits', { skipIfAny: true }),
  le('VR_PAY_CASHLESS', '#{PAY_CASHLESS}', '#{PAY_TOTAL}', 'HIGH', 'Số lượt thanh toán không dùng tiền mặt không được vượt tổng số lượt thanh toán', 'Cashless payments cannot exceed payments'),
  le('VR_D06_LOOKUP', '#{D06_LOOKUP_OK}', '#{D06_CHIP_CHECKINS}', 'HIGH', 'Số lượt tra cứu BHYT thành công không được vượt số lượt dùng CCCD gắn chip', 'Successful look-ups cannot exceed chip-ID check-ins'),
  le('VR_EPRESC_LE_VISITS', '#{EPRESC_SENT}', '#{OPD_VISITS}', 'MEDIUM', 'Số đơn thuốc điện tử vượt số lượt khám tại trạm', 'E-prescriptions exceed station visits', { skipIfAny: true }),
  le('VR_EHR_PART_B', '#{EHR_PART_B_CUM}', '#{EHR_CREATED_CUM}', 'HIGH', 'Số hồ sơ có phần B không được vượt số hồ sơ đã tạo lập', 'Records with part B cannot exceed records created'),
  le('VR_EHR_PART_C', '#{EHR_PART_C_CUM}', '#{EHR_CREATED_CUM}', 'HIGH', 'Số hồ sơ có phần C không được vượt số hồ sơ đã tạo lập', 'Records with part C cannot exceed records created'),
  le('VR_EHR_PART_D', '#{EHR_PART_D_CUM}', '#{EHR_CREATED_CUM}', 'HIGH', 'Số hồ sơ có phần D không được vượt số hồ sơ đã tạo lập', 'Records with part D cannot exceed records created'),
  le('VR_EHR_LE_POP', '#{EHR_CREATED_CUM}', '#{POP_TOTAL}', 'MEDIUM', 'Số người có hồ sơ sức khỏe điện tử vượt dân số: kiểm tra lại dân số', 'People with an e-health record exceed the population: check the population', { skipIfAny: true }),
];

// ---------------------------------------------------------------- assembly
function dataSet(code: string, name: string, nameEn: string, kinds: string[], deadline: number, sections: Section[], extra: Record<string, string[]> = {}) {
  return {
    code,
    name,
    nameEn,
    periodType: 'Monthly' as const,
    deadlineWorkingDays: deadline,
    entryGraceDays: 30,
    orgUnitKinds: kinds,
    sections: sections.map((s) => ({ code: s.code, name: s.name, nameEn: s.nameEn, dataElements: [...s.elements.map((e) => e.code), ...(extra[s.code] ?? [])] })),
  };
}

export const STATION_DATA_SET = 'BCTK_TYT_THANG';
export const CENTRE_DATA_SET = 'BCTK_TTYT_THANG';

export const BCTK_YTCS_PACKAGE: MetadataPackageInput = {
  package: {
    code: 'BCTK_YTCS',
    name: 'Báo cáo thống kê y tế cơ sở',
    version: '1',
    description: 'Báo cáo tháng của trạm y tế xã và trung tâm y tế huyện (mẫu theo báo cáo tháng 5/2024 của TTYT Hoằng Hóa) và biểu sức khỏe bà mẹ, trẻ em tuyến xã.',
  },
  categoryOptions: CATEGORIES.flatMap((c) => c.options.map(([code, name, nameEn]) => ({ code, name, nameEn }))),
  categories: CATEGORIES.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, options: c.options.map((o) => o[0]) })),
  categoryCombos: CATEGORIES.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, categories: [c.code] })),
  dataElements: ALL_ELEMENTS.map((e) => ({
    code: e.code,
    name: e.name,
    nameEn: e.nameEn,
    shortName: e.name.length <= 50 ? e.name : undefined,
    description: e.description,
    valueType: e.valueType ?? 'INTEGER_ZERO_OR_POSITIVE',
    aggregationType: e.agg,
    zeroIsSignificant: e.zero ?? false,
    categoryCombo: e.combo ?? 'default',
    unit: e.unit,
  })),
  dataSets: [
    dataSet(STATION_DATA_SET, 'Báo cáo thống kê y tế tháng - Trạm Y tế xã', 'Monthly health statistics - commune health station', ['station'], 5, STATION_SECTIONS),
    dataSet(CENTRE_DATA_SET, 'Báo cáo thống kê y tế tháng - Trung tâm Y tế', 'Monthly health statistics - district health centre', ['health_centre'], 15, CENTRE_SECTIONS, { TTYT_D06: SHARED_IN_CENTRE }),
  ],
  indicatorTypes: INDICATOR_TYPES,
  indicators: INDICATORS.map((i) => ({
    code: i.code,
    name: i.name,
    nameEn: i.nameEn,
    indicatorType: i.type,
    numerator: i.num,
    numeratorDescription: i.numD,
    denominator: i.den,
    denominatorDescription: i.denD,
    decimals: i.decimals,
  })),
  constants: [],
  validationRules: RULES.map((r) => ({
    code: r.code,
    name: r.message,
    nameEn: r.messageEn,
    importance: r.importance,
    periodType: 'Monthly' as const,
    leftSide: { expression: r.left, missingValueStrategy: r.skipIfAny ? 'SKIP_IF_ANY_VALUE_MISSING' as const : 'SKIP_IF_ALL_VALUES_MISSING' as const },
    operator: r.op,
    rightSide: { expression: r.right, missingValueStrategy: r.skipIfAny ? 'SKIP_IF_ANY_VALUE_MISSING' as const : 'SKIP_IF_ALL_VALUES_MISSING' as const },
    message: r.message,
    messageEn: r.messageEn,
  })),
};

export { COMBOS };
