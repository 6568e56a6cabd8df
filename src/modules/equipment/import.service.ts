// Excel import of a unit's existing equipment register (issue 15, point 10).
//
// Preview (nothing written): the workbook is checked as a zip (sizes before inflating, real sizes
// while inflating: ../imports/zip.ts) and read; the header row is looked for among the first rows of
// each sheet; its cells are matched to the register's fields by Vietnamese names as centres write them,
// accents, case and punctuation ignored ("Tên thiết bị"/"Tên tài sản", "Số hiệu", "Ký hiệu"/"Model",
// "Nguyên giá"/"Giá trị"/"Đơn giá" …); every row is checked and answered as a row to write, a row
// already in the register ("đã có"), or a row with its reasons. The preview is kept on the server for
// IMPORT_TTL_MINUTES under a token bound to the user.
//
// Confirm: writes the preview's new rows in ONE transaction through assets.service addAsset (so
// access, tags, history and audit are the register's own), each also leaving an "import" entry in the
// asset's history with a key of the row; a row refused meanwhile (a tag taken since) is reported, the
// others are written. A re-upload of the same file finds every row already there: by tag, by serial in
// the same unit, or by the key of an earlier import of the same row.
//
// Category: the "Loại"/"Nhóm" column when there is one (a category's code or name, or a group), else
// guessed from the name: each category has keywords (its catalogue name and the usual Vietnamese names,
// CATEGORY_KEYWORDS below); the LONGEST keyword found as whole words in the name wins, so "Máy X-quang
// di động" is a mobile X-ray, "Bàn khám phụ khoa" a gynaecological table, "Nhiệt kế hồng ngoại" an
// infrared thermometer. No keyword: the row is refused with a reason asking for the "Loại" column.
//
// Unit: the "Đơn vị sử dụng" column, by code or name (accents ignored; "TYT Hoằng Xuân" finds "Trạm Y
// tế xã Hoằng Xuân") among the units of the subtree the import is made for, each checked with the
// kernel (equipment:manage today); an empty cell means the import's unit. A "Khoa, phòng" column whose
// value is not a unit is kept as the room.
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { canAccess, requireActorUser, requirePermission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, validation } from '../../core/errors.js';
import { translate } from '../../core/i18n.js';
import { cleanText, parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { searchKey } from '../../lib/text.js';
import { checkDeclaredSizes, readZipDirectory, verifyZip } from '../imports/zip.js';
import { xlsxZipLimits, XLSX_LIMITS } from '../imports/xlsx.js';
import { addAsset, listCategories, recordEvent, ruleFor, unitFor } from './assets.service.js';
import { MAX_COST, type AssetStatus, type Category, type CreateAssetInput, type FundingSource } from './equipment.contract.js';
import {
  IMPORT_MAX_MB, IMPORT_MAX_ROWS, IMPORT_TTL_MINUTES, ImportConfirmInput, ImportPreviewQuery,
  type ImportColumn, type ImportField, type ImportPreview, type ImportProgress, type ImportResult, type ImportRow, type ImportRowError,
} from './import.contract.js';
import * as repo from './import.repo.js';
import type { ImportUnit } from './import.repo.js';

/** Rows searched for the header, in each sheet; sheets searched. */
const HEADER_SEARCH_ROWS = 20;
const MAX_SHEETS = 10;
/** A row of a counted quantity of a category registered one by one is split up to this many assets. */
const MAX_SPLIT = 50;

// ------------------------------------------------------------------ text helpers

/** Accents, case and punctuation ignored: "Nguyên giá (đồng)" → "nguyen gia dong". */
export function norm(s: string): string {
  return searchKey(s).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A cell's value as text (rich text, formulas' results, hyperlinks' text), trimmed; '' when empty. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
    if ('error' in v) return '';
  }
  return '';
}

/** A cell's raw value: numbers and dates kept, formulas' results, everything else as text. */
type Raw = number | Date | string;
function cellRaw(v: ExcelJS.CellValue): Raw {
  if (typeof v === 'number' || v instanceof Date) return v;
  if (v && typeof v === 'object' && 'result' in v) {
    const r = (v as { result?: ExcelJS.CellValue }).result;
    if (typeof r === 'number' || r instanceof Date) return r;
  }
  return cleanText(cellText(v));
}

// ------------------------------------------------------------------ columns

/**
 * Header names by field, normalised. A header equal to a name scores 3, one that begins with it 2, one
 * that contains it as whole words 1 (names of two words or more only); the best field wins.
 */
const ALIASES: Record<ImportField | 'stt' | 'total' | 'ignore', string[]> = {
  name: ['ten thiet bi', 'ten tai san', 'ten trang thiet bi', 'ten may', 'ten thiet bi dung cu', 'ten tai san thiet bi', 'ten', 'ten hang hoa', 'ten danh muc', 'danh muc', 'thiet bi', 'ten tai san co dinh', 'ten ccdc', 'ten cong cu dung cu'],
  tag: ['ma', 'so hieu', 'ma tai san', 'ma thiet bi', 'so hieu tai san', 'ma so', 'ma ts', 'ma tb', 'ma quan ly', 'so the', 'so the tai san', 'ma so tai san'],
  model: ['ky hieu', 'model', 'ky ma hieu', 'ky hieu model', 'model ky hieu', 'ma hieu', 'kieu'],
  serial: ['so serial', 'so may', 'serial', 'so seri', 'seri', 's n', 'sn', 'so khung', 'serial number', 'so serial so may'],
  make: ['hang san xuat', 'hang sx', 'hang', 'nha san xuat', 'hang sx nuoc sx'],
  origin: ['nuoc san xuat', 'xuat xu', 'nuoc sx', 'noi san xuat', 'nguon goc xuat xu', 'nuoc'],
  yearMade: ['nam san xuat', 'nam sx'],
  acquired: [
    'nam su dung', 'ngay dua vao su dung', 'nam dua vao su dung', 'ngay su dung', 'thoi gian dua vao su dung', 'ngay mua', 'nam mua', 'ngay nhap',
    'nam trang bi', 'ngay tiep nhan', 'nam bat dau su dung', 'thoi diem dua vao su dung', 'ngay ban giao', 'nam cap', 'nam dua vao sd', 'nam sd',
  ],
  cost: ['nguyen gia', 'gia tri', 'don gia', 'gia mua', 'gia tri nguyen gia', 'gia', 'nguyen gia don vi'],
  total: ['thanh tien', 'tong gia tri', 'tong nguyen gia', 'tong tien'],
  quantity: ['so luong', 'sl', 'so luong cai'],
  orgUnit: ['don vi su dung', 'don vi', 'co so', 'tram y te', 'don vi quan ly', 'ten don vi', 'ma don vi', 'khoa phong', 'don vi khoa phong'],
  room: ['phong', 'vi tri', 'noi dat', 'noi su dung', 'vi tri dat', 'phong su dung', 'noi lap dat', 'khoa', 'bo phan su dung', 'bo phan'],
  status: ['tinh trang', 'tinh trang su dung', 'hien trang', 'tinh trang ky thuat', 'trang thai', 'tinh trang hien tai', 'chat luong'],
  funding: ['nguon von', 'nguon kinh phi', 'nguon hinh thanh', 'nguon von mua sam'],
  category: ['loai', 'nhom', 'loai thiet bi', 'nhom thiet bi', 'phan loai', 'chung loai', 'loai tai san', 'nhom tai san'],
  supplier: ['nha cung cap', 'don vi cung cap', 'nha cung ung', 'don vi cung ung'],
  notes: ['ghi chu'],
  stt: ['stt', 'so tt', 'tt', 'so thu tu'],
  // Columns that look like others and must not be taken for them.
  ignore: ['don vi tinh', 'dvt', 'gia tri con lai', 'con lai', 'hao mon', 'khau hao', 'ty le', 'gia tri hao mon'],
};
/** A unit column under these names may hold a ward or room instead of a unit. */
const ROOMISH_UNIT_HEADERS = ['khoa phong', 'don vi khoa phong'];

type ColumnField = keyof typeof ALIASES;

function headerScore(h: string, alias: string): number {
  if (h === alias) return 3;
  if (h.startsWith(`${alias} `)) return 2;
  if (alias.includes(' ') && ` ${h} `.includes(` ${alias} `)) return 1;
  return 0;
}

/** The field a header cell names, with its score (0: none). */
function fieldOf(header: string): { field: ColumnField; score: number } | null {
  const h = norm(header);
  if (!h) return null;
  if (ALIASES.ignore.some((a) => headerScore(h, a) > 0)) return { field: 'ignore', score: 3 };
  let best: { field: ColumnField; score: number } | null = null;
  for (const [field, aliases] of Object.entries(ALIASES) as [ColumnField, string[]][]) {
    if (field === 'ignore') continue;
    for (const a of aliases) {
      const s = headerScore(h, a);
      if (s > (best?.score ?? 0)) best = { field, score: s };
    }
  }
  return best;
}

interface Mapping {
  /** Column number (1-based) by field. */
  byField: Map<ColumnField, number>;
  columns: ImportColumn[];
  roomishUnit: boolean;
}

function mapHeader(cells: { col: number; text: string }[]): Mapping {
  const scored = cells.map((c) => ({ ...c, m: fieldOf(c.text) })).filter((c) => c.text);
  const byField = new Map<ColumnField, number>();
  const bestScore = new Map<ColumnField, number>();
  // Best score first; on a tie the leftmost column.
  for (const c of [...scored].sort((a, b) => (b.m?.score ?? 0) - (a.m?.score ?? 0) || a.col - b.col)) {
    if (!c.m || c.m.field === 'ignore' || byField.has(c.m.field)) continue;
    byField.set(c.m.field, c.col);
    bestScore.set(c.m.field, c.m.score);
  }
  // "Khoa, phòng" beside a real unit column is the room.
  const unitCol = byField.get('orgUnit');
  const unitHeader = unitCol ? norm(cells.find((c) => c.col === unitCol)!.text) : '';
  let roomishUnit = ROOMISH_UNIT_HEADERS.includes(unitHeader);
  if (roomishUnit && !byField.has('room')) {
    const other = scored.find((c) => c.col !== unitCol && c.m?.field === 'orgUnit');
    if (other) {
      byField.set('room', unitCol!);
      byField.set('orgUnit', other.col);
      roomishUnit = false;
    }
  }
  const fieldByCol = new Map([...byField].map(([f, c]) => [c, f]));
  const columns = scored.map((c) => {
    const f = fieldByCol.get(c.col);
    return { column: columnLetter(c.col), header: c.text, field: f && f !== 'stt' && f !== 'total' ? (f as ImportField) : null };
  });
  return { byField, columns, roomishUnit };
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

// ------------------------------------------------------------------ values

/** "150.000.000", "150,000,000 đ", "150000000", 150000000, "1,5 triệu" → whole đồng; null when it is no amount. */
export function parseMoney(v: Raw): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? Math.round(v) : null;
  if (v instanceof Date) return null;
  let s = searchKey(v).replace(/\s*(vnd|dong|d)\.?$/, '').trim();
  let factor = 1;
  const f = /^(.*?)\s*(trieu|tr|ty|ti)\.?$/.exec(s);
  if (f) {
    factor = f[2] === 'ty' || f[2] === 'ti' ? 1_000_000_000 : 1_000_000;
    s = f[1]!;
  }
  s = s.replace(/\s+/g, '');
  if (/^\d+$/.test(s)) return Number(s) * factor;
  // Thousands in groups of three, one separator kind: 150.000.000 or 150,000,000.
  if (factor === 1 && (/^\d{1,3}(\.\d{3})+$/.test(s) || /^\d{1,3}(,\d{3})+$/.test(s))) return Number(s.replace(/[.,]/g, ''));
  // Thousands and decimals: 1.500.000,50 (vi) or 1,500,000.50 (en).
  let m = /^(\d{1,3}(?:\.\d{3})+),(\d{1,2})$/.exec(s) ?? /^(\d{1,3}(?:,\d{3})+)\.(\d{1,2})$/.exec(s);
  if (m) return Math.round(Number(`${m[1]!.replace(/[.,]/g, '')}.${m[2]}`) * factor);
  // A decimal: "1,5" (triệu) or "1500000.00".
  m = /^(\d+)[.,](\d+)$/.exec(s);
  if (m && (factor > 1 || m[2]!.length <= 2)) return Math.round(Number(`${m[1]}.${m[2]}`) * factor);
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const validDate = (y: number, m: number, d: number) => {
  const x = new Date(Date.UTC(y, m - 1, d));
  return y >= 1950 && y <= 2100 && x.getUTCFullYear() === y && x.getUTCMonth() === m - 1 && x.getUTCDate() === d;
};

/** A date cell: dd/mm/yyyy (or - .), mm/yyyy, yyyy-mm-dd, an Excel date or serial, or a bare year. */
export function parseWhen(v: Raw): { date: string; yearOnly: boolean } | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return { date: v.toISOString().slice(0, 10), yearOnly: false };
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1950 && v <= 2100) return { date: `${v}-01-01`, yearOnly: true };
    if (v >= 18264 && v <= 73051) {
      // An Excel serial day (1950–2100), counted from 1899-12-30.
      const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000);
      return { date: d.toISOString().slice(0, 10), yearOnly: false };
    }
    return null;
  }
  const s = v.trim().replace(/\s+/g, '');
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (m) {
    let y = Number(m[3]);
    if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
    const [d, mo] = [Number(m[1]), Number(m[2])];
    return validDate(y, mo, d) ? { date: `${y}-${pad(mo)}-${pad(d)}`, yearOnly: false } : null;
  }
  m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDate(y, mo, d) ? { date: `${y}-${pad(mo)}-${pad(d)}`, yearOnly: false } : null;
  }
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    return validDate(y, mo, 1) ? { date: `${y}-${pad(mo)}-01`, yearOnly: false } : null;
  }
  m = /^(?:nam)?(\d{4})$/.exec(norm(s).replace(/ /g, ''));
  if (m && validDate(Number(m[1]), 1, 1)) return { date: `${m[1]}-01-01`, yearOnly: true };
  return null;
}

function parseYear(v: Raw): number | null {
  if (v instanceof Date) return v.getUTCFullYear();
  const n = typeof v === 'number' ? v : /^\d{4}$/.test(v.trim()) ? Number(v.trim()) : parseWhen(v)?.date ? Number(parseWhen(v)!.date.slice(0, 4)) : NaN;
  return Number.isInteger(n) && n >= 1950 && n <= 2100 ? n : null;
}

function parseQuantity(v: Raw): number | null {
  if (v === '') return 1;
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 100_000 ? v : null;
  if (v instanceof Date) return null;
  const m = /^(\d{1,6})(\s*[a-zà-ỹđ ]*)?$/i.exec(v.trim());
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 100_000 ? n : null;
}

/** Vietnamese status words → the register's status; 'disposed' is refused; undefined: not understood. */
const STATUS_WORDS: [string, AssetStatus | 'disposed'][] = [
  ['da thanh ly', 'disposed'],
  ['cho thanh ly', 'pending_disposal'],
  ['de nghi thanh ly', 'pending_disposal'],
  ['thanh ly', 'pending_disposal'],
  ['dang sua', 'in_repair'],
  ['dang sua chua', 'in_repair'],
  ['khong dat kiem dinh', 'locked'],
  ['khong su dung', 'idle'],
  ['it su dung', 'idle'],
  ['chua su dung', 'idle'],
  ['khong dung', 'idle'],
  ['hong', 'broken'],
  ['hu hong', 'broken'],
  ['hu', 'broken'],
  ['khong hoat dong', 'broken'],
  ['dang su dung', 'in_use'],
  ['su dung tot', 'in_use'],
  ['hoat dong tot', 'in_use'],
  ['hoat dong', 'in_use'],
  ['tot', 'in_use'],
  ['binh thuong', 'in_use'],
  ['con su dung', 'in_use'],
  ['su dung duoc', 'in_use'],
  ['con tot', 'in_use'],
  ['kha', 'in_use'],
  ['trung binh', 'in_use'],
  ['moi', 'in_use'],
];

function parseStatus(text: string): AssetStatus | 'disposed' | undefined {
  const s = norm(text);
  if (!s) return 'in_use';
  // The longest phrase found wins ("không hoạt động" before "hoạt động", "đã thanh lý" before "thanh lý").
  let best: [string, AssetStatus | 'disposed'] | undefined;
  for (const w of STATUS_WORDS) if (` ${s} `.includes(` ${w[0]} `) && (!best || w[0].length > best[0].length)) best = w;
  return best?.[1];
}

function parseFunding(text: string): FundingSource {
  const s = norm(text);
  if (!s) return 'ngan_sach';
  if (/\b(ngan sach|nsnn|nsdp|ns|nstw|su nghiep)\b/.test(s)) return 'ngan_sach';
  if (/\b(xa hoi hoa|xhh)\b/.test(s)) return 'xa_hoi_hoa';
  if (/\b(vien tro|tai tro|tang|bieu tang|oda)\b/.test(s)) return 'vien_tro';
  if (/\b(du an|chuong trinh)\b/.test(s)) return 'du_an';
  return 'khac';
}

// ------------------------------------------------------------------ categories

/** Usual Vietnamese names of the catalogue's categories (normalised), besides the catalogue's own names. */
export const CATEGORY_KEYWORDS: Record<string, string[]> = {
  XRAY: ['x quang', 'xquang', 'x ray', 'chup x quang'],
  XRAY_MOBILE: ['x quang di dong', 'xquang di dong', 'x quang xach tay'],
  CT: ['cat lop', 'cat lop vi tinh', 'ct scanner', 'chup ct', 'may ct'],
  ULTRASOUND: ['sieu am', 'sieu am mau', 'sieu am tong quat'],
  ECG: ['dien tim', 'dien tam do', 'ecg', 'ekg'],
  ENDOSCOPE: ['noi soi'],
  LAB_BIOCHEM: ['sinh hoa'],
  LAB_HAEM: ['huyet hoc', 'dem te bao mau', 'phan tich te bao mau'],
  LAB_URINE: ['nuoc tieu'],
  GLUCOMETER: ['duong huyet', 'duong mau', 'do duong mau'],
  MICROSCOPE: ['hien vi'],
  CENTRIFUGE: ['ly tam'],
  LAB_BALANCE: ['can phan tich', 'can ky thuat'],
  VENTILATOR: ['may tho', 'tho may'],
  DEFIBRILLATOR: ['soc tim', 'soc dien', 'khu rung'],
  MONITOR: ['monitor', 'theo doi benh nhan'],
  SUCTION: ['hut dich', 'hut dom', 'hut nhot', 'may hut'],
  OXYGEN: ['oxy', 'oxi', 'tao oxy', 'binh oxy', 'binh oxi'],
  AMBU: ['bong bop', 'ambu'],
  BP_METER: ['huyet ap', 'do huyet ap', 'huyet ap ke'],
  THERMO_CONTACT: ['nhiet ke', 'nhiet ke dien tu', 'nhiet ke thuy ngan'],
  THERMO_IR: ['nhiet ke hong ngoai', 'nhiet ke do tran'],
  SCALE_PLATFORM: ['can suc khoe', 'can ban', 'can nguoi lon', 'can dien tu'],
  SCALE_INFANT: ['can tre so sinh', 'can so sinh', 'can tre em', 'can tre'],
  SCALE_SPRING: ['can dong ho', 'can lo xo', 'can dong ho lo xo'],
  EXAM_KIT: ['kham ngu quan', 'bo kham ngu quan', 'den soi tai'],
  STETHOSCOPE: ['ong nghe'],
  ELECTROSURGICAL: ['dao mo dien', 'dao dien'],
  ANAESTHESIA: ['gay me', 'may gay me'],
  MINOR_SURGERY: ['tieu phau', 'bo tieu phau', 'dung cu tieu phau'],
  DENTAL_CHAIR: ['ghe rang', 'ghe nha khoa'],
  PHYSIO: ['vat ly tri lieu', 'song ngan', 'dien xung', 'keo gian cot song', 'den hong ngoai'],
  ACUPUNCTURE: ['dien cham', 'may dien cham'],
  DELIVERY_BED: ['ban de', 'giuong de'],
  GYN_TABLE: ['kham phu khoa', 'ban kham phu khoa', 'ban kham san'],
  FETAL_DOPPLER: ['tim thai', 'doppler tim thai', 'nghe tim thai'],
  INCUBATOR: ['long ap', 'long ap tre so sinh'],
  DELIVERY_KIT: ['do de', 'bo do de', 'dung cu do de'],
  AUTOCLAVE: ['noi hap', 'hap tiet trung', 'autoclave', 'noi hap uot'],
  DRY_STERILISER: ['tu say', 'say kho', 'tu say tiet trung'],
  VACCINE_FRIDGE: ['tu lanh', 'tu lanh vac xin', 'tu bao quan vac xin', 'tu lanh bao quan vac xin'],
  COLD_BOX: ['hom lanh', 'phich vac xin', 'phich lanh', 'hop lanh'],
  COMPUTER: ['may tinh', 'may vi tinh', 'laptop', 'may tinh xach tay', 'may tinh de ban', 'bo may vi tinh'],
  PRINTER: ['may in'],
  PATIENT_BED: ['giuong benh', 'giuong benh nhan', 'giuong nam', 'giuong inox'],
  EXAM_TABLE: ['giuong kham', 'ban kham', 'ban kham benh'],
  MEDICINE_CABINET: ['tu thuoc', 'tu dung thuoc'],
  AMBULANCE: ['xe cuu thuong', 'o to cuu thuong', 'xe o to cuu thuong'],
  GENERATOR: ['may phat dien'],
  WATER_FILTER: ['loc nuoc', 'may loc nuoc'],
};

interface CategoryIndex {
  categories: Category[];
  byCode: Map<string, Category>;
  keywords: { code: string; k: string }[];
  groups: { code: string; name: string }[];
}

async function categoryIndex(ctx: Ctx): Promise<CategoryIndex> {
  const { categories, groups } = await listCategories(ctx.inLocale('vi'));
  const keywords: { code: string; k: string }[] = [];
  for (const c of categories) {
    for (const k of new Set([norm(c.name), ...(CATEGORY_KEYWORDS[c.code] ?? [])])) if (k) keywords.push({ code: c.code, k });
  }
  return { categories, byCode: new Map(categories.map((c) => [c.code, c])), keywords, groups };
}

/** The category whose longest keyword appears in `name` as whole words (within `group` when given). */
export function guessCategory(idx: CategoryIndex, name: string, group?: string): Category | null {
  const n = ` ${norm(name)} `;
  let best: { code: string; len: number } | null = null;
  for (const { code, k } of idx.keywords) {
    if (group && idx.byCode.get(code)?.group !== group) continue;
    if (n.includes(` ${k} `) && k.length > (best?.len ?? 0)) best = { code, len: k.length };
  }
  return best ? idx.byCode.get(best.code)! : null;
}

/** A "Loại"/"Nhóm" cell: a category (by code or name) or a group (by code or name). */
function categoryCell(idx: CategoryIndex, text: string): { category?: Category; group?: string } | null {
  const s = norm(text);
  if (!s) return {};
  const byCode = idx.byCode.get(text.trim().toUpperCase());
  if (byCode) return { category: byCode };
  const exact = idx.categories.find((c) => norm(c.name) === s);
  if (exact) return { category: exact };
  const group = idx.groups.find((g) => g.code === text.trim().toLowerCase() || norm(g.name) === s || norm(g.name).startsWith(`${s} `));
  if (group) return { group: group.code };
  const guess = guessCategory(idx, text);
  return guess ? { category: guess } : null;
}

// ------------------------------------------------------------------ units

const UNIT_PREFIXES = /^(tram y te|tram yt|tyt|trung tam y te|ttyt|phong kham da khoa khu vuc|pkdkkv|benh vien|bv)\s+(xa|phuong|thi tran|huyen|thi xa|thanh pho|tp|khu vuc)?\s*/;
const core = (s: string) => norm(s).replace(UNIT_PREFIXES, '').trim();

interface UnitResolver {
  resolve(text: string): Promise<{ unit: ImportUnit } | { reason: string; params: Record<string, string> }>;
}

function unitResolver(ctx: Ctx, root: ImportUnit, units: ImportUnit[], today: string): UnitResolver {
  const open = (u: ImportUnit) => !u.closed_date || u.closed_date > today;
  const managed = new Map<string, Promise<boolean>>();
  const mayManage = (u: ImportUnit) => {
    let p = managed.get(u.id);
    if (!p) managed.set(u.id, (p = canAccess(ctx, ruleFor(u.id, 'manage', today))));
    return p;
  };
  const pick = (list: ImportUnit[]) => {
    const live = list.filter(open);
    const l = live.length ? live : list;
    return l.length === 1 ? l[0] : l.length > 1 ? 'ambiguous' : undefined;
  };
  return {
    async resolve(text) {
      const value = text.trim();
      if (!value) return (await mayManage(root)) ? { unit: root } : { reason: 'unitNotManaged', params: { value: root.name } };
      const s = norm(value);
      const found =
        pick(units.filter((u) => u.code.toLowerCase() === value.toLowerCase())) ??
        pick(units.filter((u) => norm(u.name) === s || (u.short_name && norm(u.short_name) === s))) ??
        pick(units.filter((u) => core(u.name) === core(value) && core(value).length > 0));
      if (found === 'ambiguous') return { reason: 'unitAmbiguous', params: { value } };
      if (!found) {
        const elsewhere = await ctx.use(repo).unitsByCodes([value]);
        return { reason: elsewhere.length ? 'unitOutOfScope' : 'unknownUnit', params: { value } };
      }
      if (!(await mayManage(found))) return { reason: 'unitNotManaged', params: { value: found.name } };
      return { unit: found };
    },
  };
}

// ------------------------------------------------------------------ reading the workbook

interface SheetRows {
  sheet: string;
  headerRow: number;
  mapping: Mapping;
  rows: { row: number; cells: Map<ColumnField, Raw> }[];
}

async function readRegister(buffer: Buffer, maxInflatedBytes: number): Promise<SheetRows> {
  if (buffer.length < 4 || buffer[0] !== 0x50 || buffer[1] !== 0x4b) throw new AppError('VALIDATION_FAILED', 'equipment.import.notXlsx', { reason: 'NOT_XLSX' });
  const entries = readZipDirectory(buffer, XLSX_LIMITS.maxEntries);
  checkDeclaredSizes(entries, xlsxZipLimits(maxInflatedBytes));
  await verifyZip(buffer, entries);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'equipment.import.unreadable', { reason: 'MALFORMED_XLSX' });
  }
  let best: { ws: ExcelJS.Worksheet; row: number; mapping: Mapping; score: number } | null = null;
  for (const ws of wb.worksheets.slice(0, MAX_SHEETS)) {
    if (ws.state !== 'visible') continue;
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
      const cells: { col: number; text: string }[] = [];
      ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
        cells.push({ col, text: cleanText(cellText(cell.value)).slice(0, 200) });
      });
      const mapping = mapHeader(cells);
      const fields = [...mapping.byField.keys()].filter((f) => f !== 'stt');
      if (!mapping.byField.has('name') || fields.length < 2) continue;
      if (!best || fields.length > best.score) best = { ws, row: r, mapping, score: fields.length };
    }
  }
  if (!best) throw new AppError('VALIDATION_FAILED', 'equipment.import.noHeader', { reason: 'NO_HEADER' }, { rows: HEADER_SEARCH_ROWS });
  const { ws, row: headerRow, mapping } = best;
  const rows: SheetRows['rows'] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const cells = new Map<ColumnField, Raw>();
    for (const [field, col] of mapping.byField) cells.set(field, cellRaw(row.getCell(col).value));
    if ([...cells.values()].every((v) => v === '')) continue;
    rows.push({ row: r, cells });
    if (rows.length > IMPORT_MAX_ROWS + 50) break;
  }
  return { sheet: ws.name, headerRow, mapping, rows };
}

/** Rows that are no assets: the column numbers under the header, section headings, totals. */
function isNoise(cells: Map<ColumnField, Raw>): boolean {
  const values = [...cells.values()].filter((v) => v !== '');
  if (values.every((v) => (typeof v === 'number' && Number.isInteger(v) && v < 100) || (typeof v === 'string' && /^\(?\d{1,2}\)?$/.test(v)))) return true;
  const name = norm(String(cells.get('name') ?? ''));
  if (/^(tong cong|cong|tong so|tong|cong tong)\b/.test(name)) return true;
  const filled = [...cells.entries()].filter(([f, v]) => v !== '' && f !== 'name' && f !== 'stt');
  const stt = cells.get('stt') ?? '';
  if (name && !filled.length && !(typeof stt === 'number' || /^\d+$/.test(String(stt).trim()))) return true;
  return false;
}

// ------------------------------------------------------------------ previews kept for their confirmation

interface PlannedRow {
  row: number;
  input: CreateAssetInput;
  key: string;
  view: ImportRow;
}

interface Stored {
  token: string;
  user: string;
  fileName: string;
  sha256: string;
  root: string;
  expires: number;
  state: 'preview' | 'writing';
  done: number;
  planned: PlannedRow[];
  errors: ImportRowError[];
}

/**
 * Previews waiting for their confirmation, in this server's memory (a restart drops them: the user
 * uploads again, nothing was written). At most MAX_PER_USER per user and MAX_STORED in all.
 */
const stored = new Map<string, Stored>();
const MAX_PER_USER = 3;
const MAX_STORED = 200;

function sweep(now = Date.now()) {
  for (const [k, s] of stored) if (s.expires < now && s.state !== 'writing') stored.delete(k);
}

function keep(s: Stored) {
  sweep();
  const mine = [...stored.values()].filter((x) => x.user === s.user && x.state !== 'writing').sort((a, b) => a.expires - b.expires);
  while (mine.length >= MAX_PER_USER) stored.delete(mine.shift()!.token);
  if (stored.size >= MAX_STORED) {
    const oldest = [...stored.values()].filter((x) => x.state !== 'writing').sort((a, b) => a.expires - b.expires)[0];
    if (oldest) stored.delete(oldest.token);
  }
  stored.set(s.token, s);
}

function storedFor(ctx: Ctx, token: string): Stored {
  sweep();
  const s = stored.get(token);
  if (!s || s.user !== ctx.actor.id) throw new AppError('NOT_FOUND', 'equipment.import.expired', { id: token });
  return s;
}

// ------------------------------------------------------------------ preview

export interface UploadedWorkbook {
  fileName: string;
  content: Buffer;
}

const FIELD_MAX: Partial<Record<ColumnField, number>> = { tag: 60, room: 120, name: 300, make: 120, model: 120, serial: 120, origin: 120, supplier: 300, notes: 4000 };
const FIELD_LABEL: Record<string, string> = { tag: 'Mã', room: 'Khoa, phòng', name: 'Tên thiết bị', make: 'Hãng sản xuất', model: 'Ký hiệu', serial: 'Số serial', origin: 'Nước sản xuất', supplier: 'Nhà cung cấp', notes: 'Ghi chú' };

export async function previewImport(ctx: Ctx, query: unknown, file: UploadedWorkbook | undefined): Promise<ImportPreview> {
  const q = parse(ImportPreviewQuery, query);
  const user = requireActorUser(ctx);
  requirePermission(ctx, 'equipment:manage');
  const today = todayVn();
  const rootInfo = await unitFor(ctx, q.orgUnit, 'manage', today);
  if (!file || !file.content.length) throw validation({ file: 'equipment.fileMissing' });
  if (file.content.length > IMPORT_MAX_MB * 1024 * 1024) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'equipment.import.fileTooLarge', { maxMb: IMPORT_MAX_MB }, { max: IMPORT_MAX_MB });
  }
  const sheet = await readRegister(file.content, Math.min(ctx.config.upload.maxInflatedBytes, 100 * 1024 * 1024));
  const dataRows = sheet.rows.filter((r) => !isNoise(r.cells));
  if (dataRows.length > IMPORT_MAX_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', 'equipment.import.tooManyRows', { maxRows: IMPORT_MAX_ROWS }, { max: IMPORT_MAX_ROWS });
  if (!dataRows.length) throw new AppError('VALIDATION_FAILED', 'equipment.import.nothing', { reason: 'NO_ROWS' });

  const r = ctx.use(repo);
  const units = await r.unitsBelow(rootInfo.id, today);
  const root = units.find((u) => u.id === rootInfo.id)!;
  const resolver = unitResolver(ctx, root, units, today);
  const idx = await categoryIndex(ctx);
  const t = (key: string, params: Record<string, string | number> = {}) => translate(`equipment.import.row.${key}`, ctx.locale, params);

  const planned: PlannedRow[] = [];
  const errors: ImportRowError[] = [];
  const tagsSeen = new Map<string, number>();
  const serialsSeen = new Map<string, number>();
  const occurrences = new Map<string, number>();

  for (const { row, cells } of dataRows) {
    const get = (f: ColumnField): Raw => cells.get(f) ?? '';
    const text = (f: ColumnField) => {
      const v = get(f);
      return typeof v === 'string' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    };
    const reasons: string[] = [];
    const warnings: string[] = [];
    const name = text('name');
    if (!name) reasons.push(t('noName'));
    for (const [f, max] of Object.entries(FIELD_MAX) as [ColumnField, number][]) {
      if (text(f).length > max) reasons.push(t('tooLong', { field: FIELD_LABEL[f] ?? f, max }));
    }

    let quantity = parseQuantity(get('quantity'));
    if (quantity === null) reasons.push(t('badQuantity', { value: text('quantity') }));

    let cost: number | null = null;
    if (get('cost') !== '') {
      cost = parseMoney(get('cost'));
      if (cost === null) reasons.push(t('badCost', { value: text('cost') }));
    } else if (get('total') !== '') {
      const total = parseMoney(get('total'));
      if (total === null) reasons.push(t('badCost', { value: text('total') }));
      else {
        cost = Math.round(total / (quantity ?? 1));
        if ((quantity ?? 1) > 1) warnings.push(t('costFromTotal'));
      }
    } else {
      cost = 0;
      warnings.push(t('noCost'));
    }
    if (cost !== null && cost > MAX_COST) reasons.push(t('costTooLarge', { value: text('cost') }));

    let yearMade: number | null = null;
    if (get('yearMade') !== '') {
      yearMade = parseYear(get('yearMade'));
      if (yearMade === null) reasons.push(t('badYear', { value: text('yearMade') }));
    }
    let acquired: string | null = null;
    if (get('acquired') !== '') {
      const w = parseWhen(get('acquired'));
      if (!w) reasons.push(t('badDate', { value: text('acquired') }));
      else {
        acquired = w.date;
        if (w.yearOnly) warnings.push(t('yearOnly', { date: `01/01/${w.date.slice(0, 4)}` }));
      }
    } else if (yearMade) {
      acquired = `${yearMade}-01-01`;
      warnings.push(t('dateFromYearMade', { date: `01/01/${yearMade}` }));
    } else reasons.push(t('noDate'));
    if (acquired && acquired > today) reasons.push(t('futureDate', { date: acquired.split('-').reverse().join('/') }));

    const status = parseStatus(text('status'));
    if (status === undefined) reasons.push(t('unknownStatus', { value: text('status') }));
    if (status === 'disposed') reasons.push(t('disposed'));

    let category: Category | null = null;
    let guessed = true;
    const cat = get('category') !== '' ? categoryCell(idx, text('category')) : {};
    if (cat === null) reasons.push(t('unknownCategoryValue', { value: text('category') }));
    else if (cat.category) {
      category = cat.category;
      guessed = false;
    } else if (name) {
      category = guessCategory(idx, name, cat.group);
      if (!category) reasons.push(t('unknownCategory'));
    }

    let room = text('room') || null;
    let unit: ImportUnit | null = null;
    const u = await resolver.resolve(text('orgUnit'));
    if ('unit' in u) unit = u.unit;
    else if (sheet.mapping.roomishUnit && u.reason === 'unknownUnit' && !room) {
      // A "Khoa, phòng" column with a ward's name: the room, in the import's unit.
      room = text('orgUnit').slice(0, 120);
      warnings.push(t('unitAsRoom', { value: text('orgUnit') }));
      const r0 = await resolver.resolve('');
      if ('unit' in r0) unit = r0.unit;
      else reasons.push(t(r0.reason, r0.params));
    } else reasons.push(t(u.reason, u.params));

    const tag = text('tag') || null;
    const serial = text('serial') || null;
    if (tag) {
      const prev = tagsSeen.get(tag.toLowerCase());
      if (prev) reasons.push(t('duplicateTag', { value: tag, row: prev }));
      else tagsSeen.set(tag.toLowerCase(), row);
    }
    if (serial && unit) {
      const k = `${unit.id}|${serial.toLowerCase()}`;
      const prev = serialsSeen.get(k);
      if (prev) reasons.push(t('duplicateSerial', { value: serial, row: prev }));
      else serialsSeen.set(k, row);
    }

    // A category registered one by one with a quantity: split into single assets.
    let copies = 1;
    if (category && quantity && quantity > 1 && !category.counted) {
      if (tag || serial) reasons.push(t('splitWithId', { n: quantity }));
      else if (quantity > MAX_SPLIT) reasons.push(t('splitTooMany', { n: quantity }));
      else {
        copies = quantity;
        quantity = 1;
        warnings.push(t('split', { n: copies }));
      }
    }

    if (reasons.length || !unit || !category || quantity === null || cost === null || !acquired || !status || status === 'disposed') {
      errors.push({ row, name: name || null, reasons });
      continue;
    }
    const input: CreateAssetInput = {
      tag, orgUnit: unit.id, room, category: category.code, name: name.slice(0, 300), riskClass: null,
      make: text('make') || null, model: text('model') || null, serial, yearMade, origin: text('origin') || null, supplier: text('supplier') || null,
      acquired, cost, funding: parseFunding(text('funding')), warrantyUntil: null, accessories: null, quantity, lifeYears: null,
      notes: text('notes') || null, status,
    };
    for (let i = 0; i < copies; i++) {
      const base = JSON.stringify([unit.id, norm(name), input.model, serial, acquired, cost, tag, room, quantity]);
      const n = (occurrences.get(base) ?? 0) + 1;
      occurrences.set(base, n);
      const key = crypto.createHash('sha256').update(`${base}#${n}`).digest('hex').slice(0, 32);
      planned.push({
        row, input, key,
        view: {
          row, name: input.name, tag, category: category.code, categoryName: category.name, categoryGuessed: guessed,
          orgUnit: { id: unit.id, code: unit.code, name: unit.name }, room, make: input.make, model: input.model, serial, origin: input.origin,
          yearMade, acquired, cost, quantity, status, funding: input.funding, existing: null, warnings,
        },
      });
    }
  }
  await markExisting(ctx, planned);

  const token = crypto.randomBytes(18).toString('base64url');
  const expires = Date.now() + IMPORT_TTL_MINUTES * 60_000;
  keep({
    token, user, fileName: cleanText(file.fileName || 'so-thiet-bi.xlsx').slice(0, 200), sha256: crypto.createHash('sha256').update(file.content).digest('hex'),
    root: root.id, expires, state: 'preview', done: 0, planned, errors,
  });
  const existing = planned.filter((p) => p.view.existing).length;
  return {
    token, fileName: file.fileName, sheet: sheet.sheet, headerRow: sheet.headerRow, columns: sheet.mapping.columns,
    orgUnit: { id: root.id, code: root.code, name: root.name },
    rows: planned.map((p) => p.view), errors,
    counts: { rows: planned.length + errors.length, new: planned.length - existing, existing, errors: errors.length },
    expiresAt: new Date(expires).toISOString(),
  };
}

/** Marks the rows already in the register: same tag, same serial in the same unit, or imported before. */
async function markExisting(ctx: Ctx, planned: PlannedRow[]) {
  const r = ctx.use(repo);
  const [byTag, bySerial, byKey] = await Promise.all([
    r.assetsByTags(planned.flatMap((p) => (p.input.tag ? [p.input.tag] : []))),
    r.assetsBySerials(planned.flatMap((p) => (p.input.serial ? [{ unitId: p.input.orgUnit, serial: p.input.serial }] : []))),
    r.assetsByImportKeys(planned.map((p) => p.key)),
  ]);
  for (const p of planned) {
    const tag = p.input.tag ? byTag.get(p.input.tag.toLowerCase()) : undefined;
    const serial = p.input.serial ? bySerial.get(`${p.input.orgUnit}|${p.input.serial.toLowerCase()}`) : undefined;
    const key = byKey.get(p.key);
    p.view.existing = tag ? { ...tag, reason: 'tag' } : serial ? { ...serial, reason: 'serial' } : key ? { ...key, reason: 'imported' } : null;
  }
}

// ------------------------------------------------------------------ confirm

export function importProgress(ctx: Ctx, token: string): ImportProgress {
  requirePermission(ctx, 'equipment:manage');
  const s = storedFor(ctx, token);
  return { token, state: s.state, done: s.done, total: s.planned.length };
}

function reasonsOf(ctx: Ctx, e: AppError): string[] {
  const fields = Object.values(e.details?.fields ?? {}).map((k) => translate(String(k), ctx.locale, e.params));
  return fields.length ? fields : [translate(e.messageKey ?? e.code, ctx.locale, e.params)];
}

export async function confirmImport(ctx: Ctx, input: unknown): Promise<ImportResult> {
  const { token } = parse(ImportConfirmInput, input);
  requirePermission(ctx, 'equipment:manage');
  const s = storedFor(ctx, token);
  if (s.state === 'writing') throw conflict('equipment.import.running');
  s.state = 'writing';
  s.done = 0;
  try {
    const result = await ctx.transaction(async (tx) => {
      const out: ImportResult = { written: [], existing: [], refused: [...s.errors] };
      // Written meanwhile (another upload, another user): looked up again inside the transaction.
      await markExisting(tx, s.planned);
      const refusedRows = new Set<number>();
      for (const p of s.planned) {
        s.done++;
        if (refusedRows.has(p.row)) continue;
        if (p.view.existing) {
          out.existing.push({ row: p.row, id: p.view.existing.id, tag: p.view.existing.tag, name: p.view.name });
          continue;
        }
        try {
          const a = await addAsset(tx, p.input);
          await recordEvent(tx, a.id, a.tag, {
            action: 'import', after: { key: p.key, file: s.fileName, sha256: s.sha256, row: p.row },
            note: translate('equipment.import.eventNote', tx.locale, { file: s.fileName, row: p.row }),
          });
          out.written.push({ row: p.row, id: a.id, tag: a.tag, name: a.name });
        } catch (e) {
          if (!(e instanceof AppError) || !['VALIDATION_FAILED', 'NOT_FOUND', 'OUT_OF_SCOPE', 'FORBIDDEN'].includes(e.code)) throw e;
          refusedRows.add(p.row);
          out.refused.push({ row: p.row, name: p.view.name, reasons: reasonsOf(tx, e) });
        }
      }
      out.refused.sort((a, b) => a.row - b.row);
      return out;
    });
    stored.delete(token);
    return result;
  } catch (e) {
    s.state = 'preview';
    throw e;
  }
}
