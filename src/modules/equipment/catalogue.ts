// The equipment catalogue soyte ships: category groups, categories (risk class and wear class by
// default, counted by quantity or not), the inspection and calibration intervals by category as dated
// configuration (DOMAIN.md, Equipment), and an example standard list for a commune station. All of it
// is data loaded into the database on start when missing, and editable there.
import type { RiskClass, ScheduleKind } from './equipment.contract.js';

export const CATEGORY_GROUPS: Record<string, { name: string; nameEn: string }> = {
  imaging: { name: 'Chẩn đoán hình ảnh, thăm dò chức năng', nameEn: 'Diagnostic imaging and function tests' },
  laboratory: { name: 'Xét nghiệm', nameEn: 'Laboratory' },
  emergency: { name: 'Cấp cứu, hồi sức', nameEn: 'Emergency and resuscitation' },
  examination: { name: 'Khám bệnh, đo lường', nameEn: 'Examination and measuring' },
  treatment: { name: 'Điều trị, phẫu thuật, phục hồi chức năng', nameEn: 'Treatment, surgery and rehabilitation' },
  maternal: { name: 'Sản, nhi', nameEn: 'Maternal and child health' },
  sterilisation: { name: 'Khử khuẩn, tiệt khuẩn', nameEn: 'Sterilisation' },
  cold_chain: { name: 'Dây chuyền lạnh, tiêm chủng', nameEn: 'Cold chain and immunisation' },
  office_it: { name: 'Văn phòng, công nghệ thông tin', nameEn: 'Office and IT' },
  furniture: { name: 'Giường, tủ, bàn ghế', nameEn: 'Beds and furniture' },
  vehicle: { name: 'Phương tiện vận tải', nameEn: 'Vehicles' },
  utilities: { name: 'Điện, nước, phụ trợ', nameEn: 'Power, water and support' },
};

export interface CatalogueCategory {
  code: string;
  group: keyof typeof CATEGORY_GROUPS;
  name: string;
  nameEn: string;
  riskClass: RiskClass | null;
  /** The row of the wear tables it follows (wear.rules.ts). */
  wearClass: 'medical' | 'office_it' | 'machinery' | 'vehicle' | 'furniture' | 'building' | 'other';
  /** Low-value tools counted by quantity rather than one row per item. */
  counted?: boolean;
}

const c = (
  code: string, group: CatalogueCategory['group'], name: string, nameEn: string,
  riskClass: RiskClass | null, wearClass: CatalogueCategory['wearClass'], counted = false,
): CatalogueCategory => ({ code, group, name, nameEn, riskClass, wearClass, counted });

export const CATEGORIES: readonly CatalogueCategory[] = [
  c('XRAY', 'imaging', 'Máy X-quang chẩn đoán', 'Diagnostic X-ray unit', 'C', 'medical'),
  c('XRAY_MOBILE', 'imaging', 'Máy X-quang di động', 'Mobile X-ray unit', 'C', 'medical'),
  c('CT', 'imaging', 'Máy chụp cắt lớp vi tính (CT)', 'CT scanner', 'C', 'medical'),
  c('ULTRASOUND', 'imaging', 'Máy siêu âm', 'Ultrasound scanner', 'B', 'medical'),
  c('ECG', 'imaging', 'Máy điện tim', 'Electrocardiograph', 'B', 'medical'),
  c('ENDOSCOPE', 'imaging', 'Hệ thống nội soi', 'Endoscopy system', 'B', 'medical'),
  c('LAB_BIOCHEM', 'laboratory', 'Máy xét nghiệm sinh hóa', 'Biochemistry analyser', 'B', 'medical'),
  c('LAB_HAEM', 'laboratory', 'Máy xét nghiệm huyết học', 'Haematology analyser', 'B', 'medical'),
  c('LAB_URINE', 'laboratory', 'Máy xét nghiệm nước tiểu', 'Urine analyser', 'A', 'medical'),
  c('GLUCOMETER', 'laboratory', 'Máy đo đường huyết', 'Blood glucose meter', 'B', 'medical', true),
  c('MICROSCOPE', 'laboratory', 'Kính hiển vi', 'Microscope', 'A', 'medical'),
  c('CENTRIFUGE', 'laboratory', 'Máy ly tâm', 'Centrifuge', 'A', 'medical'),
  c('LAB_BALANCE', 'laboratory', 'Cân phân tích', 'Laboratory balance', 'A', 'medical'),
  c('VENTILATOR', 'emergency', 'Máy thở', 'Ventilator', 'C', 'medical'),
  c('DEFIBRILLATOR', 'emergency', 'Máy sốc tim', 'Defibrillator', 'C', 'medical'),
  c('MONITOR', 'emergency', 'Máy theo dõi bệnh nhân (monitor)', 'Patient monitor', 'B', 'medical'),
  c('SUCTION', 'emergency', 'Máy hút dịch', 'Suction pump', 'B', 'medical'),
  c('OXYGEN', 'emergency', 'Máy tạo oxy, bình oxy', 'Oxygen concentrator or cylinder', 'B', 'medical'),
  c('AMBU', 'emergency', 'Bóng bóp cấp cứu', 'Manual resuscitator', 'A', 'medical', true),
  c('BP_METER', 'examination', 'Máy đo huyết áp', 'Blood-pressure meter', 'B', 'medical', true),
  c('THERMO_CONTACT', 'examination', 'Nhiệt kế điện tử tiếp xúc', 'Contact electronic thermometer', 'A', 'medical', true),
  c('THERMO_IR', 'examination', 'Nhiệt kế hồng ngoại', 'Infrared thermometer', 'A', 'medical', true),
  c('SCALE_PLATFORM', 'examination', 'Cân sức khỏe, cân bàn', 'Platform scale', 'A', 'medical', true),
  c('SCALE_INFANT', 'examination', 'Cân trẻ sơ sinh', 'Infant scale', 'A', 'medical', true),
  c('SCALE_SPRING', 'examination', 'Cân đồng hồ lò xo', 'Spring dial scale', 'A', 'medical', true),
  c('EXAM_KIT', 'examination', 'Bộ dụng cụ khám ngũ quan', 'ENT and eye examination kit', 'A', 'medical', true),
  c('STETHOSCOPE', 'examination', 'Ống nghe', 'Stethoscope', 'A', 'medical', true),
  c('ELECTROSURGICAL', 'treatment', 'Dao mổ điện', 'Electrosurgical unit', 'C', 'medical'),
  c('ANAESTHESIA', 'treatment', 'Máy gây mê kèm thở', 'Anaesthesia machine with ventilator', 'C', 'medical'),
  c('MINOR_SURGERY', 'treatment', 'Bộ dụng cụ tiểu phẫu', 'Minor surgery set', 'A', 'medical', true),
  c('DENTAL_CHAIR', 'treatment', 'Ghế răng', 'Dental chair', 'B', 'medical'),
  c('PHYSIO', 'treatment', 'Máy điều trị vật lý trị liệu', 'Physiotherapy unit', 'B', 'medical'),
  c('ACUPUNCTURE', 'treatment', 'Máy điện châm', 'Electro-acupuncture unit', 'B', 'medical', true),
  c('DELIVERY_BED', 'maternal', 'Bàn đẻ', 'Delivery table', 'A', 'medical'),
  c('GYN_TABLE', 'maternal', 'Bàn khám phụ khoa', 'Gynaecological examination table', 'A', 'medical'),
  c('FETAL_DOPPLER', 'maternal', 'Máy nghe tim thai', 'Fetal Doppler', 'B', 'medical'),
  c('INCUBATOR', 'maternal', 'Lồng ấp trẻ sơ sinh', 'Infant incubator', 'C', 'medical'),
  c('DELIVERY_KIT', 'maternal', 'Bộ dụng cụ đỡ đẻ', 'Delivery instrument set', 'A', 'medical', true),
  c('AUTOCLAVE', 'sterilisation', 'Nồi hấp tiệt trùng', 'Autoclave', 'B', 'medical'),
  c('DRY_STERILISER', 'sterilisation', 'Tủ sấy tiệt trùng', 'Dry-heat steriliser', 'A', 'medical'),
  c('VACCINE_FRIDGE', 'cold_chain', 'Tủ lạnh bảo quản vắc xin', 'Vaccine refrigerator', 'A', 'machinery'),
  c('COLD_BOX', 'cold_chain', 'Hòm lạnh, phích vắc xin', 'Cold box or vaccine carrier', 'A', 'machinery', true),
  c('COMPUTER', 'office_it', 'Máy vi tính', 'Computer', null, 'office_it'),
  c('PRINTER', 'office_it', 'Máy in', 'Printer', null, 'office_it'),
  c('PATIENT_BED', 'furniture', 'Giường bệnh', 'Patient bed', 'A', 'furniture', true),
  c('EXAM_TABLE', 'furniture', 'Giường, bàn khám bệnh', 'Examination couch', 'A', 'furniture'),
  c('MEDICINE_CABINET', 'furniture', 'Tủ thuốc', 'Medicine cabinet', null, 'furniture', true),
  c('AMBULANCE', 'vehicle', 'Xe cứu thương', 'Ambulance', null, 'vehicle'),
  c('GENERATOR', 'utilities', 'Máy phát điện', 'Generator', null, 'machinery'),
  c('WATER_FILTER', 'utilities', 'Máy lọc nước', 'Water purifier', null, 'machinery'),
  // For what the list does not name yet (an imported register's unusual items), until the Department adds a category.
  c('OTHER_MEDICAL', 'treatment', 'Thiết bị y tế khác', 'Other medical equipment', null, 'medical'),
  c('OTHER', 'utilities', 'Tài sản, thiết bị khác', 'Other assets', null, 'other'),
];

/**
 * Inspection and calibration intervals by category, dated: each row holds from its date on, until a
 * later row for the same category and kind. Sources (DOMAIN.md, Equipment): measuring instruments TT
 * 23/2013/TT-BKHCN as amended; radiation TTLT 13/2014 and the X-ray licence NĐ 142/2020; devices that
 * must be inspected TT 05/2022/TT-BYT (interval from the Ministry's procedures: 12 months here, edit
 * when a procedure says otherwise); preventive maintenance is the soyte default.
 */
export interface IntervalRule {
  from: string;
  category: string;
  kind: ScheduleKind;
  months: number;
  source: string;
}

const i = (category: string, kind: ScheduleKind, months: number, source: string, from = '2013-01-01'): IntervalRule => ({ from, category, kind, months, source });

export const INTERVAL_RULES: readonly IntervalRule[] = [
  i('BP_METER', 'kiem_dinh', 12, 'TT 23/2013/TT-BKHCN'),
  i('THERMO_CONTACT', 'kiem_dinh', 6, 'TT 23/2013/TT-BKHCN'),
  i('THERMO_IR', 'kiem_dinh', 12, 'TT 23/2013/TT-BKHCN'),
  i('ECG', 'kiem_dinh', 24, 'TT 23/2013/TT-BKHCN'),
  i('SCALE_SPRING', 'kiem_dinh', 24, 'TT 23/2013/TT-BKHCN'),
  i('SCALE_PLATFORM', 'kiem_dinh', 12, 'TT 23/2013/TT-BKHCN'),
  i('SCALE_INFANT', 'kiem_dinh', 12, 'TT 23/2013/TT-BKHCN'),
  i('LAB_BALANCE', 'kiem_dinh', 12, 'TT 23/2013/TT-BKHCN'),
  i('LAB_BIOCHEM', 'kiem_dinh', 12, 'TT 23/2013/TT-BKHCN (quang phổ)'),
  i('LAB_HAEM', 'hieu_chuan', 12, 'soyte'),
  i('CT', 'kiem_xa', 12, 'TTLT 13/2014/TTLT-BKHCN-BYT'),
  i('XRAY', 'kiem_xa', 24, 'TTLT 13/2014/TTLT-BKHCN-BYT'),
  i('XRAY_MOBILE', 'kiem_xa', 24, 'TTLT 13/2014/TTLT-BKHCN-BYT'),
  i('CT', 'xray_licence', 36, 'NĐ 142/2020/NĐ-CP', '2020-12-09'),
  i('XRAY', 'xray_licence', 36, 'NĐ 142/2020/NĐ-CP', '2020-12-09'),
  i('XRAY_MOBILE', 'xray_licence', 36, 'NĐ 142/2020/NĐ-CP', '2020-12-09'),
  i('VENTILATOR', 'kiem_dinh', 12, 'TT 05/2022/TT-BYT', '2022-08-01'),
  i('ANAESTHESIA', 'kiem_dinh', 12, 'TT 05/2022/TT-BYT', '2022-08-01'),
  i('ELECTROSURGICAL', 'kiem_dinh', 12, 'TT 05/2022/TT-BYT', '2022-08-01'),
  i('INCUBATOR', 'kiem_dinh', 12, 'TT 05/2022/TT-BYT', '2022-08-01'),
  i('DEFIBRILLATOR', 'kiem_dinh', 12, 'TT 05/2022/TT-BYT', '2022-08-01'),
  i('ULTRASOUND', 'maintenance', 12, 'soyte'),
  i('SUCTION', 'maintenance', 12, 'soyte'),
  i('MONITOR', 'hieu_chuan', 12, 'soyte'),
  i('AUTOCLAVE', 'maintenance', 6, 'soyte'),
  i('VACCINE_FRIDGE', 'maintenance', 12, 'soyte'),
  i('GENERATOR', 'maintenance', 6, 'soyte'),
];

/** The schedules a new asset of `category` gets, with the intervals in force on `date`. */
export function defaultSchedules(category: string, date: string, rules: readonly IntervalRule[] = INTERVAL_RULES): { kind: ScheduleKind; months: number }[] {
  const best = new Map<ScheduleKind, IntervalRule>();
  for (const r of rules) {
    if (r.category !== category || r.from > date) continue;
    const prev = best.get(r.kind);
    if (!prev || prev.from <= r.from) best.set(r.kind, r);
  }
  return [...best.values()].map((r) => ({ kind: r.kind, months: r.months }));
}

/**
 * An EXAMPLE standard list for a commune health station. No verified national list was found in our
 * sources (candidates: TT 08/2019/TT-BYT, TT 46/2025/TT-BYT, QĐ 1300 criterion 4): this list is what a
 * station typically needs to deliver its basic services, to be edited by the Department in the
 * "Danh mục chuẩn" page. Items marked essential count in "stations missing essential items".
 */
export interface StandardItem {
  code: string;
  name: string;
  nameEn: string;
  categories: string[];
  required: number;
  essential: boolean;
}

const s = (code: string, name: string, nameEn: string, categories: string[], required: number, essential = false): StandardItem => ({ code, name, nameEn, categories, required, essential });

export const STATION_STANDARD: readonly StandardItem[] = [
  s('BP_METER', 'Máy đo huyết áp', 'Blood-pressure meter', ['BP_METER'], 2, true),
  s('STETHOSCOPE', 'Ống nghe', 'Stethoscope', ['STETHOSCOPE'], 2, true),
  s('THERMOMETER', 'Nhiệt kế (điện tử hoặc hồng ngoại)', 'Thermometer', ['THERMO_CONTACT', 'THERMO_IR'], 2, true),
  s('SCALE_ADULT', 'Cân sức khỏe người lớn', 'Adult scale', ['SCALE_PLATFORM', 'SCALE_SPRING'], 1, true),
  s('SCALE_INFANT', 'Cân trẻ sơ sinh', 'Infant scale', ['SCALE_INFANT'], 1, true),
  s('GLUCOMETER', 'Máy đo đường huyết', 'Blood glucose meter', ['GLUCOMETER'], 1, true),
  s('AMBU', 'Bóng bóp cấp cứu (người lớn, trẻ em)', 'Manual resuscitator', ['AMBU'], 2, true),
  s('OXYGEN', 'Máy tạo oxy hoặc bình oxy', 'Oxygen', ['OXYGEN'], 1, true),
  s('SUCTION', 'Máy hút dịch', 'Suction pump', ['SUCTION'], 1, true),
  s('ECG', 'Máy điện tim', 'Electrocardiograph', ['ECG'], 1),
  s('ULTRASOUND', 'Máy siêu âm', 'Ultrasound scanner', ['ULTRASOUND'], 1),
  s('FETAL_DOPPLER', 'Máy nghe tim thai', 'Fetal Doppler', ['FETAL_DOPPLER'], 1),
  s('DELIVERY_BED', 'Bàn đẻ', 'Delivery table', ['DELIVERY_BED'], 1),
  s('DELIVERY_KIT', 'Bộ dụng cụ đỡ đẻ', 'Delivery instrument set', ['DELIVERY_KIT'], 2),
  s('GYN_TABLE', 'Bàn khám phụ khoa', 'Gynaecological examination table', ['GYN_TABLE'], 1),
  s('MINOR_SURGERY', 'Bộ dụng cụ tiểu phẫu', 'Minor surgery set', ['MINOR_SURGERY'], 1),
  s('EXAM_KIT', 'Bộ dụng cụ khám ngũ quan', 'ENT and eye examination kit', ['EXAM_KIT'], 1),
  s('AUTOCLAVE', 'Nồi hấp hoặc tủ sấy tiệt trùng', 'Autoclave or dry-heat steriliser', ['AUTOCLAVE', 'DRY_STERILISER'], 1, true),
  s('VACCINE_FRIDGE', 'Tủ lạnh bảo quản vắc xin', 'Vaccine refrigerator', ['VACCINE_FRIDGE'], 1, true),
  s('COLD_BOX', 'Hòm lạnh, phích vắc xin', 'Cold box or vaccine carrier', ['COLD_BOX'], 2, true),
  s('MICROSCOPE', 'Kính hiển vi', 'Microscope', ['MICROSCOPE'], 1),
  s('PATIENT_BED', 'Giường bệnh', 'Patient bed', ['PATIENT_BED'], 5),
  s('EXAM_TABLE', 'Giường khám bệnh', 'Examination couch', ['EXAM_TABLE'], 1),
  s('COMPUTER', 'Máy vi tính', 'Computer', ['COMPUTER'], 2),
  s('PRINTER', 'Máy in', 'Printer', ['PRINTER'], 1),
];
