// The demo register: a plausible equipment register for every open station and health centre of the
// demo province, generated from seeded randomness (stable between runs): the station's standard kit
// (some items missing, some lots short), the centre's imaging, laboratory, emergency and theatre
// equipment, computers and an ambulance; ages from 2008 on, with the 2023 equipment packages of the
// investment programme (funding "dự án"); realistic costs; statuses that age with the asset (in use,
// idle, broken, in repair, waiting for liquidation, locked after a failed inspection, disposed);
// inspection schedules from the catalogue with their history (a few overdue); open work orders for
// the broken ones and a year of finished repairs.
import type { Ctx } from '../../core/context.js';
import { addDays } from '../../lib/calendar.js';
import { addMonths, todayVn } from '../../lib/dates.js';
import { uid } from '../../lib/uid.js';
import { rng, type Rng } from '../demo/random.js';
import { assetSearchKey, derivedColumns, ensureDefaultCatalogue } from './assets.service.js';
import { CATEGORIES, defaultSchedules, STATION_STANDARD } from './catalogue.js';
import type { AssetStatus, FundingSource, ScheduleKind } from './equipment.contract.js';
import * as repo from './equipment-demo.repo.js';
import type { WearClass } from './wear.rules.js';

const CATEGORY = new Map(CATEGORIES.map((c) => [c.code, c]));

/** Unit cost range by category, in millions of đồng. */
const PRICE: Record<string, [number, number]> = {
  XRAY: [900, 2500], XRAY_MOBILE: [600, 1200], CT: [8000, 15000], ULTRASOUND: [250, 900], ECG: [25, 80], ENDOSCOPE: [500, 1500],
  LAB_BIOCHEM: [300, 900], LAB_HAEM: [250, 600], LAB_URINE: [30, 80], GLUCOMETER: [0.8, 1.5], MICROSCOPE: [15, 60], CENTRIFUGE: [15, 40],
  LAB_BALANCE: [20, 50], VENTILATOR: [400, 900], DEFIBRILLATOR: [150, 350], MONITOR: [60, 200], SUCTION: [12, 35], OXYGEN: [12, 30],
  AMBU: [0.6, 1.5], BP_METER: [0.5, 1.5], THERMO_CONTACT: [0.1, 0.3], THERMO_IR: [0.6, 1.5], SCALE_PLATFORM: [1, 3], SCALE_INFANT: [1, 4],
  SCALE_SPRING: [0.3, 0.8], EXAM_KIT: [3, 9], STETHOSCOPE: [0.3, 1.2], ELECTROSURGICAL: [150, 400], ANAESTHESIA: [800, 1800],
  MINOR_SURGERY: [4, 9], DENTAL_CHAIR: [150, 400], PHYSIO: [40, 150], ACUPUNCTURE: [2, 5], DELIVERY_BED: [15, 45], GYN_TABLE: [12, 35],
  FETAL_DOPPLER: [6, 15], INCUBATOR: [150, 400], DELIVERY_KIT: [3, 8], AUTOCLAVE: [40, 250], DRY_STERILISER: [15, 40],
  VACCINE_FRIDGE: [20, 60], COLD_BOX: [1, 3], COMPUTER: [12, 25], PRINTER: [4, 12], PATIENT_BED: [3, 8], EXAM_TABLE: [5, 15],
  MEDICINE_CABINET: [3, 8], AMBULANCE: [900, 1600], GENERATOR: [50, 300], WATER_FILTER: [8, 30],
};

const MAKES: Record<string, [string, string][]> = {
  XRAY: [['Shimadzu', 'Nhật Bản'], ['Fujifilm', 'Nhật Bản'], ['DRGEM', 'Hàn Quốc']],
  XRAY_MOBILE: [['Shimadzu', 'Nhật Bản'], ['DRGEM', 'Hàn Quốc']],
  ULTRASOUND: [['GE Healthcare', 'Mỹ'], ['Mindray', 'Trung Quốc'], ['SonoScape', 'Trung Quốc'], ['Samsung Medison', 'Hàn Quốc']],
  ECG: [['Nihon Kohden', 'Nhật Bản'], ['Fukuda Denshi', 'Nhật Bản'], ['Edan', 'Trung Quốc']],
  LAB_BIOCHEM: [['Mindray', 'Trung Quốc'], ['Erba', 'Cộng hòa Séc'], ['Hitachi', 'Nhật Bản']],
  LAB_HAEM: [['Sysmex', 'Nhật Bản'], ['Mindray', 'Trung Quốc'], ['Nihon Kohden', 'Nhật Bản']],
  BP_METER: [['Omron', 'Nhật Bản'], ['ALPK2', 'Nhật Bản'], ['Yamasu', 'Nhật Bản']],
  MONITOR: [['Nihon Kohden', 'Nhật Bản'], ['Mindray', 'Trung Quốc'], ['Philips', 'Hà Lan']],
  VENTILATOR: [['Dräger', 'Đức'], ['Hamilton', 'Thụy Sĩ'], ['Mindray', 'Trung Quốc']],
  COMPUTER: [['Dell', 'Trung Quốc'], ['HP', 'Trung Quốc'], ['Lenovo', 'Trung Quốc']],
  PRINTER: [['Canon', 'Việt Nam'], ['HP', 'Việt Nam'], ['Brother', 'Việt Nam']],
  AMBULANCE: [['Ford Transit', 'Việt Nam'], ['Hyundai Solati', 'Việt Nam'], ['Toyota Hiace', 'Việt Nam']],
  VACCINE_FRIDGE: [['Vestfrost', 'Đan Mạch'], ['Haier', 'Trung Quốc'], ['Dometic', 'Thụy Điển']],
  AUTOCLAVE: [['Tuttnauer', 'Israel'], ['Sturdy', 'Đài Loan'], ['Hirayama', 'Nhật Bản']],
  SUCTION: [['Yuwell', 'Trung Quốc'], ['Gima', 'Ý'], ['Thomas', 'Đức']],
};
const DEFAULT_MAKES: [string, string][] = [['Việt Nhật', 'Việt Nam'], ['Yuwell', 'Trung Quốc'], ['Gima', 'Ý'], ['Medisana', 'Đức']];
const SUPPLIERS = ['Công ty TNHH Thiết bị y tế Hà Thành', 'Công ty CP Dược – Vật tư y tế Thanh Hóa', 'Công ty TNHH Trang thiết bị y tế Minh Khoa', 'Công ty CP Thiết bị y tế Việt Đức', 'Trung tâm Cung ứng thiết bị y tế tỉnh'];

const STATION_ROOMS: Record<string, string> = {
  BP_METER: 'Phòng khám bệnh', STETHOSCOPE: 'Phòng khám bệnh', THERMOMETER: 'Phòng khám bệnh', SCALE_ADULT: 'Phòng khám bệnh', EXAM_KIT: 'Phòng khám bệnh',
  EXAM_TABLE: 'Phòng khám bệnh', ECG: 'Phòng khám bệnh', ULTRASOUND: 'Phòng khám bệnh', GLUCOMETER: 'Phòng xét nghiệm', MICROSCOPE: 'Phòng xét nghiệm',
  SCALE_INFANT: 'Phòng tiêm chủng', VACCINE_FRIDGE: 'Phòng tiêm chủng', COLD_BOX: 'Phòng tiêm chủng', AMBU: 'Phòng cấp cứu', OXYGEN: 'Phòng cấp cứu',
  SUCTION: 'Phòng cấp cứu', MINOR_SURGERY: 'Phòng tiểu phẫu', AUTOCLAVE: 'Phòng tiệt trùng', FETAL_DOPPLER: 'Phòng đẻ', DELIVERY_BED: 'Phòng đẻ',
  DELIVERY_KIT: 'Phòng đẻ', GYN_TABLE: 'Phòng khám phụ khoa', PATIENT_BED: 'Phòng lưu bệnh nhân', COMPUTER: 'Phòng hành chính', PRINTER: 'Phòng hành chính',
};

/** A centre's equipment: category, [min, max] items (a counted category: one lot of that quantity), room. */
const CENTRE_KIT: [string, number, number, string][] = [
  ['XRAY', 1, 2, 'Khoa Chẩn đoán hình ảnh'], ['XRAY_MOBILE', 0, 1, 'Khoa Chẩn đoán hình ảnh'], ['ULTRASOUND', 2, 4, 'Khoa Chẩn đoán hình ảnh'],
  ['ECG', 2, 4, 'Khoa Khám bệnh'], ['ENDOSCOPE', 0, 1, 'Khoa Khám bệnh'], ['LAB_BIOCHEM', 1, 2, 'Khoa Xét nghiệm'], ['LAB_HAEM', 1, 2, 'Khoa Xét nghiệm'],
  ['LAB_URINE', 1, 1, 'Khoa Xét nghiệm'], ['MICROSCOPE', 2, 4, 'Khoa Xét nghiệm'], ['CENTRIFUGE', 1, 3, 'Khoa Xét nghiệm'], ['LAB_BALANCE', 0, 1, 'Khoa Xét nghiệm'],
  ['VENTILATOR', 1, 4, 'Khoa Hồi sức cấp cứu'], ['DEFIBRILLATOR', 1, 2, 'Khoa Hồi sức cấp cứu'], ['MONITOR', 4, 10, 'Khoa Hồi sức cấp cứu'],
  ['SUCTION', 3, 6, 'Khoa Hồi sức cấp cứu'], ['OXYGEN', 4, 8, 'Khoa Hồi sức cấp cứu'], ['AMBU', 6, 12, 'Khoa Hồi sức cấp cứu'],
  ['ELECTROSURGICAL', 1, 2, 'Khoa Ngoại – Gây mê hồi sức'], ['ANAESTHESIA', 0, 1, 'Khoa Ngoại – Gây mê hồi sức'], ['MINOR_SURGERY', 4, 10, 'Khoa Ngoại – Gây mê hồi sức'],
  ['DENTAL_CHAIR', 1, 2, 'Khoa Liên chuyên khoa'], ['EXAM_KIT', 3, 8, 'Khoa Liên chuyên khoa'], ['PHYSIO', 2, 4, 'Khoa Y học cổ truyền – Phục hồi chức năng'],
  ['ACUPUNCTURE', 5, 15, 'Khoa Y học cổ truyền – Phục hồi chức năng'], ['DELIVERY_BED', 2, 3, 'Khoa Sản'], ['GYN_TABLE', 1, 2, 'Khoa Sản'],
  ['FETAL_DOPPLER', 2, 4, 'Khoa Sản'], ['INCUBATOR', 1, 2, 'Khoa Sản'], ['DELIVERY_KIT', 4, 10, 'Khoa Sản'], ['AUTOCLAVE', 1, 2, 'Khoa Kiểm soát nhiễm khuẩn'],
  ['DRY_STERILISER', 1, 2, 'Khoa Kiểm soát nhiễm khuẩn'], ['VACCINE_FRIDGE', 1, 3, 'Khoa Kiểm soát bệnh tật'], ['COLD_BOX', 4, 10, 'Khoa Kiểm soát bệnh tật'],
  ['BP_METER', 10, 25, 'Khoa Khám bệnh'], ['THERMO_IR', 5, 15, 'Khoa Khám bệnh'], ['STETHOSCOPE', 10, 25, 'Khoa Khám bệnh'], ['SCALE_PLATFORM', 3, 6, 'Khoa Khám bệnh'],
  ['GLUCOMETER', 3, 8, 'Khoa Khám bệnh'], ['PATIENT_BED', 60, 160, 'Các khoa lâm sàng'], ['EXAM_TABLE', 4, 10, 'Khoa Khám bệnh'],
  ['MEDICINE_CABINET', 10, 25, 'Khoa Dược'], ['COMPUTER', 20, 45, 'Các khoa, phòng'], ['PRINTER', 8, 16, 'Các khoa, phòng'], ['AMBULANCE', 1, 3, 'Tổ xe'],
  ['GENERATOR', 1, 1, 'Phòng Hành chính – Quản trị'], ['WATER_FILTER', 1, 3, 'Các khoa, phòng'],
];

export interface DemoUnit {
  id: string;
  code: string;
  kind: string;
}

interface Gen {
  assets: repo.DemoAsset[];
  schedules: repo.DemoSchedule[];
  inspections: repo.DemoInspection[];
  workOrders: repo.DemoWorkOrder[];
  locks: { asset_id: string; schedule_id: string; locked_on: string }[];
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r.u() * xs.length)]!;
const between = (r: Rng, a: number, b: number) => a + Math.floor(r.u() * (b - a + 1));
const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (y: number, r: Rng) => `${y}-${pad(between(r, 1, 12))}-${pad(between(r, 1, 28))}`;

/** When it was bought: recent years weigh more; 2023 brings the equipment packages to some units. */
function acquiredYear(r: Rng, thisYear: number, packaged: boolean): number {
  if (packaged && r.u() < 0.35) return 2023 + (r.u() < 0.4 ? 1 : 0);
  const span = thisYear - 2008;
  return Math.min(thisYear, 2008 + Math.floor(span * Math.sqrt(r.u())));
}

/** A status that ages with the asset. */
function statusOf(r: Rng, age: number, inspected: boolean): AssetStatus {
  const x = r.u();
  const old = age >= 10 ? 2 : age >= 6 ? 1.3 : 0.6;
  if (x < 0.035 * old) return 'broken';
  if (x < 0.05 * old) return 'in_repair';
  if (x < 0.1 * old) return 'idle';
  if (age >= 10 && x < 0.13 * old) return 'pending_disposal';
  if (age >= 12 && x < 0.16 * old) return 'disposed';
  if (inspected && x > 0.992) return 'locked';
  return 'in_use';
}

function generateUnit(u: DemoUnit, today: string, out: Gen) {
  const r = rng(`equipment:${u.code}`);
  const thisYear = Number(today.slice(0, 4));
  const packaged = r.u() < 0.4;
  let n = 0;
  const add = (category: string, quantity: number, room: string, name?: string) => {
    const k = CATEGORY.get(category)!;
    const y = acquiredYear(r, thisYear, packaged);
    let acquired = isoDay(y, r);
    if (acquired > today) acquired = today;
    const [lo, hi] = PRICE[category] ?? [1, 10];
    const cost = Math.round((lo + (hi - lo) * r.u()) * 1_000_000 / 10_000) * 10_000;
    const [make, origin] = pick(r, MAKES[category] ?? DEFAULT_MAKES);
    const schedules = defaultSchedules(category, acquired);
    const status = statusOf(r, thisYear - y, schedules.some((s) => s.kind !== 'maintenance'));
    const id = uid();
    n++;
    const since = status === 'in_use' ? acquired : addDays(today, -between(r, 3, 200));
    const tag = `${u.code}-${String(n).padStart(4, '0')}`;
    const model = `${make.split(' ')[0]!.slice(0, 3).toUpperCase()}-${between(r, 100, 990)}`;
    const serial = k.counted ? null : `${category.slice(0, 2)}${y}${between(r, 10000, 99999)}`;
    out.assets.push({
      id, tag, org_unit_id: u.id, room, category_code: category, name: name ?? k.name,
      risk_class: k.riskClass, make, model, serial, search_key: assetSearchKey({ name: name ?? k.name, tag, serial, model }), year_made: Math.max(2005, y - between(r, 0, 1)),
      origin, supplier: pick(r, SUPPLIERS), acquired, cost, funding: fundingOf(r, y, packaged), warranty_until: k.counted ? null : addMonths(acquired, 12 * between(r, 1, 3)),
      accessories: null, quantity, life_years: null, ...derivedColumns(cost, acquired, null, k.wearClass as WearClass),
      status, status_since: since > today ? today : since < acquired ? acquired : since, notes: null,
    });
    if (status === 'disposed') return;
    for (const s of schedules) scheduleFor(r, id, s.kind, s.months, acquired, status, today, out);
    workOrdersFor(r, id, u.id, status, since, today, out);
  };
  if (u.kind === 'station') {
    for (const s of STATION_STANDARD) {
      if (r.u() < (s.essential ? 0.08 : 0.22)) continue; // missing at this station
      const category = s.categories[0]!;
      const k = CATEGORY.get(category)!;
      const qty = Math.max(1, s.required + (r.u() < 0.25 ? -1 : r.u() < 0.2 ? 1 : 0));
      const room = STATION_ROOMS[s.code] ?? 'Phòng khám bệnh';
      if (k.counted) add(category, qty, room, s.name);
      else for (let i = 0; i < qty; i++) add(category, 1, room);
    }
  } else {
    for (const [category, lo, hi, room] of CENTRE_KIT) {
      const qty = between(r, lo, hi);
      if (!qty) continue;
      if (CATEGORY.get(category)!.counted) add(category, qty, room);
      else for (let i = 0; i < qty; i++) add(category, 1, room);
    }
  }
}

function fundingOf(r: Rng, year: number, packaged: boolean): FundingSource {
  if (packaged && (year === 2023 || year === 2024) && r.u() < 0.7) return 'du_an';
  const x = r.u();
  return x < 0.78 ? 'ngan_sach' : x < 0.88 ? 'xa_hoi_hoa' : x < 0.96 ? 'vien_tro' : 'khac';
}

/** The schedule and its past inspections: mostly on time, about one in ten overdue. */
function scheduleFor(r: Rng, assetId: string, kind: ScheduleKind, months: number, acquired: string, status: AssetStatus, today: string, out: Gen) {
  const id = uid();
  let last: string | null = null;
  let failed = false;
  let d = addMonths(acquired, months);
  const overdue = r.u() < 0.1;
  const history: string[] = [];
  while (d <= today) {
    history.push(d);
    d = addMonths(d, months);
  }
  // An overdue schedule skipped its latest round.
  if (overdue && history.length > 1) history.pop();
  for (const [i, done] of history.entries()) {
    const isLast = i === history.length - 1;
    const fail = status === 'locked' && isLast && kind !== 'maintenance';
    if (kind !== 'maintenance') {
      out.inspections.push({
        id: uid(), schedule_id: id, asset_id: assetId, done_on: done, result: fail ? 'fail' : 'pass',
        certificate: `${between(r, 100, 9999)}/${done.slice(0, 4)}/KĐ`, body: pick(r, ['Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Thanh Hóa', 'Viện Trang thiết bị và Công trình y tế', 'Trung tâm Kiểm định – Hiệu chuẩn 3']),
        next_due: addMonths(done, months), note: fail ? 'Sai số vượt giới hạn cho phép' : null,
      });
    }
    last = done;
    failed = fail;
  }
  // A locked asset failed its latest inspection: the schedule says so and the lock remembers the schedule.
  if (failed && last && !out.locks.some((l) => l.asset_id === assetId)) out.locks.push({ asset_id: assetId, schedule_id: id, locked_on: last });
  out.schedules.push({
    id, asset_id: assetId, kind, interval_months: months, last_done: last, next_due: last ? addMonths(last, months) : addMonths(acquired, months),
    last_result: last && kind !== 'maintenance' ? (failed ? 'fail' : 'pass') : null,
  });
}

function workOrdersFor(r: Rng, assetId: string, unitId: string, status: AssetStatus, since: string, today: string, out: Gen) {
  if (status === 'broken' || status === 'in_repair') {
    const reported = `${since}T08:${pad(between(r, 0, 59))}:00+07:00`;
    const st = status === 'in_repair' ? 'in_repair' : r.u() < 0.5 ? 'reported' : 'assigned';
    out.workOrders.push({
      id: uid(), asset_id: assetId, org_unit_id: unitId, kind: 'corrective', status: st, fault: pick(r, FAULTS), reported_at: reported,
      assignee: st === 'reported' ? null : pick(r, ASSIGNEES), assigned_at: st === 'reported' ? null : reported, started_at: st === 'in_repair' ? reported : null,
      finished_at: null, cost: null, parts: null, outcome: null,
    });
  }
  // A year of finished repairs (for the mean time to repair).
  if (r.u() < 0.08) {
    const start = addDays(today, -between(r, 20, 360));
    const days = Math.max(1, Math.round(3 + 40 * r.u() * r.u()));
    const end = addDays(start, days) > today ? today : addDays(start, days);
    out.workOrders.push({
      id: uid(), asset_id: assetId, org_unit_id: unitId, kind: 'corrective', status: 'done', fault: pick(r, FAULTS), reported_at: `${start}T09:00:00+07:00`,
      assignee: pick(r, ASSIGNEES), assigned_at: `${start}T14:00:00+07:00`, started_at: `${addDays(start, 1)}T08:00:00+07:00`, finished_at: `${end}T16:00:00+07:00`,
      cost: between(r, 2, 60) * 100_000, parts: pick(r, PARTS), outcome: 'repaired',
    });
  }
}

const FAULTS = ['Máy không lên nguồn', 'Màn hình không hiển thị', 'Kết quả đo sai lệch', 'Máy kêu to, rung khi chạy', 'Hỏng bộ phận cấp nguồn', 'Rò rỉ, không giữ được áp', 'Đầu dò bị nứt', 'Không in được kết quả'];
const ASSIGNEES = ['Tổ Vật tư – Thiết bị y tế TTYT', 'Kỹ sư Nguyễn Văn Hải', 'Công ty bảo hành theo hợp đồng', 'Kỹ thuật viên Lê Thị Thu'];
const PARTS = ['Thay bo mạch nguồn', 'Thay gioăng, van', 'Thay pin, sạc', 'Hiệu chỉnh lại, vệ sinh', 'Thay cáp đầu dò', 'Thay quạt làm mát'];

/** Generates and writes the register of every open station and centre (unless one is already there). */
export async function loadDemoEquipment(ctx: Ctx, today = todayVn()): Promise<{ assets: number; schedules: number; inspections: number; workOrders: number }> {
  const db = ctx.use(repo);
  if (await db.hasAssets()) return { assets: 0, schedules: 0, inspections: 0, workOrders: 0 };
  // On a first start the demo is loaded before the modules' start-up work: the catalogue first.
  await ensureDefaultCatalogue(ctx);
  const units = await db.openUnits(today, ['station', 'health_centre']);
  const out: Gen = { assets: [], schedules: [], inspections: [], workOrders: [], locks: [] };
  for (const u of units) generateUnit(u, today, out);
  await ctx.transaction(async (tx) => {
    const w = tx.use(repo);
    await w.insertAssets(out.assets);
    await w.insertCreateEvents(out.assets.map((a) => a.id));
    await w.insertSchedules(out.schedules);
    await w.insertInspections(out.inspections);
    await w.insertWorkOrders(out.workOrders);
    await w.insertLocks(out.locks);
  });
  return { assets: out.assets.length, schedules: out.schedules.length, inspections: out.inspections.length, workOrders: out.workOrders.length };
}
