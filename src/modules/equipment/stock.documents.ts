// The documents of stocktaking and transfer: the stocktaking record "Biên bản kiểm kê tài sản" (DOCX in
// the Nghị định 30/2020 layout, and the same in Excel) and the handover minutes of a transfer "Biên bản
// bàn giao, tiếp nhận tài sản" (the layout of form 01/TSC-BBGN: parties, the asset with its cost,
// residual value and condition, the reason, signatures). The DOCX files are ReportDocuments drawn by
// the reports module's renderer, so they look like every other document soyte writes.
import ExcelJS from 'exceljs';
import type { Ctx } from '../../core/context.js';
import { parse } from '../../core/input.js';
import { todayVn } from '../../lib/dates.js';
import { formatDateVn, placeDateLine } from '../../lib/periods.vi.js';
import { audit } from '../audit/audit.service.js';
import type { DocBlock, ReportDocument, TableColumn } from '../reports/document.js';
import { formatNumber } from '../reports/numbers.js';
import { unitHeading } from '../reports/reports.service.js';
import * as disposal from './disposal.service.js';
import { StocktakeRecordQuery, type Signer, type StockCondition } from './stock.contract.js';
import * as stocktake from './stocktake.service.js';
import type { RecordData, RecordLine } from './stocktake.service.js';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface DocumentFile {
  content: Buffer;
  fileName: string;
  contentType: string;
}

// The DOCX writer is loaded on first use (the docx library takes seconds to load).
const renderDocx = async (doc: ReportDocument) => (await import('../reports/render/docx.js')).renderDocx(doc);

const n = (v: number) => formatNumber(v, 0);
const signed = (v: number) => (v > 0 ? `+${n(v)}` : n(v));
const dmy = (date: string) => date.split('-').reverse().map((x, i) => (i < 2 ? String(Number(x)) : x)).join('/');
const BLANK = '\u00a0'.repeat(6);

const CONDITION: Record<StockCondition, string> = { good: 'Tốt', broken: 'Hỏng', idle: 'Không sử dụng' };

function conditionText(l: RecordLine): string {
  if (l.outcome === 'missing') return 'Không tìm thấy';
  if (l.outcome === 'unmarked') return 'Chưa kiểm';
  const c = l.condition ? CONDITION[l.condition] : '';
  return l.outcome === 'surplus' ? `Thừa${c ? ` (${c.toLowerCase()})` : ''}` : c;
}

// ------------------------------------------------------------------ the stocktaking record

const RECORD_HEADER = ['STT', 'Mã tài sản', 'Tên tài sản', 'SL sổ sách', 'SL thực tế', 'Chênh lệch', 'Tình trạng', 'Nguyên giá (đồng)', 'Giá trị còn lại (đồng)'];
const RECORD_COLUMNS: TableColumn[] = [
  { width: 5, align: 'center' }, { width: 13, align: 'left' }, { width: 24, align: 'left' }, { width: 7, align: 'right' }, { width: 7, align: 'right' },
  { width: 8, align: 'right' }, { width: 11, align: 'left' }, { width: 13, align: 'right' }, { width: 13, align: 'right' },
];

interface Totals {
  book: number;
  counted: number;
  cost: number;
  residual: number;
}

function addUp(lines: readonly RecordLine[]): Totals {
  const t: Totals = { book: 0, counted: 0, cost: 0, residual: 0 };
  for (const l of lines) {
    t.book += l.bookQuantity;
    t.counted += l.counted;
    t.cost += l.cost ?? 0;
    t.residual += l.residual ?? 0;
  }
  return t;
}

function groupByUnit(d: RecordData): { unit: { id: string; code: string; name: string }; lines: RecordLine[] }[] {
  const groups = new Map<string, { unit: { id: string; code: string; name: string }; lines: RecordLine[] }>();
  for (const u of d.units) groups.set(u.org_unit_id, { unit: { id: u.org_unit_id, code: u.code, name: u.name }, lines: [] });
  for (const l of d.lines) groups.get(l.unit.id)?.lines.push(l);
  return [...groups.values()];
}

function signersOf(d: RecordData): { unit: string; signers: Signer[] }[] {
  return d.units.filter((u) => u.signers?.length).map((u) => ({ unit: u.name, signers: u.signers ?? [] }));
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

export async function stocktakeRecordDocument(ctx: Ctx, d: RecordData): Promise<ReportDocument> {
  const today = todayVn();
  const heading = await unitHeading(ctx, d.unit.id, today);
  const blocks: DocBlock[] = [];
  const para = (text: string) => blocks.push({ kind: 'paragraph', runs: [{ text }] });
  const head = (level: 2 | 3, text: string) => blocks.push({ kind: 'heading', level, runs: [{ text }] });
  let part = 0;

  para(`Đợt kiểm kê: ${d.stocktake.name}. Phạm vi: ${d.root.name} và các đơn vị trực thuộc.`);
  para('Số lượng theo sổ sách là số lượng trên sổ theo dõi tài sản khi kiểm kê; giá trị còn lại tính theo quy định về hao mòn tài sản cố định tại thời điểm kiểm kê.');

  head(2, `${ROMAN[part++]}. THÀNH PHẦN THAM GIA KIỂM KÊ`);
  const signers = signersOf(d);
  if (!signers.length) para('Chưa có đơn vị xác nhận kết quả kiểm kê.');
  for (const s of signers) {
    if (signers.length > 1 || d.units.length > 1) blocks.push({ kind: 'paragraph', runs: [{ text: `${s.unit}:`, bold: true }] });
    for (const x of s.signers) para(`- Ông/bà ${x.name}, ${x.role}.`);
  }

  head(2, `${ROMAN[part++]}. KẾT QUẢ KIỂM KÊ`);
  const groups = groupByUnit(d);
  let stt = 0;
  for (const [i, g] of groups.entries()) {
    if (groups.length > 1 || d.unit.id !== g.unit.id) head(3, `${i + 1}. ${g.unit.name}`);
    const rows = g.lines.map((l) => ({
      cells: [
        String(++stt), l.tag, l.name, l.outcome === 'surplus' ? '' : n(l.bookQuantity), n(l.counted), signed(l.counted - l.bookQuantity), conditionText(l),
        l.cost == null ? '' : n(l.cost), l.residual == null ? '' : n(l.residual),
      ],
    }));
    const t = addUp(g.lines);
    rows.push({ cells: ['', '', 'Cộng', n(t.book), n(t.counted), signed(t.counted - t.book), '', n(t.cost), n(t.residual)], total: true } as (typeof rows)[number]);
    blocks.push({ kind: 'table', header: RECORD_HEADER, rows, columns: RECORD_COLUMNS });
  }
  const all = addUp(d.lines);
  if (groups.length > 1) {
    para(`Tổng cộng: số lượng theo sổ sách ${n(all.book)}, thực tế ${n(all.counted)} (chênh lệch ${signed(all.counted - all.book)}); nguyên giá ${n(all.cost)} đồng; giá trị còn lại ${n(all.residual)} đồng.`);
  }

  head(2, `${ROMAN[part++]}. CHÊNH LỆCH GIỮA SỔ SÁCH VÀ THỰC TẾ`);
  const count = (k: string) => d.differences.filter((x) => x.kind === k).length;
  const unmarked = d.lines.filter((l) => l.outcome === 'unmarked').length;
  para(
    `Tài sản thiếu (không tìm thấy): ${n(count('missing'))}; tài sản thừa (chưa có trong sổ): ${n(count('surplus'))}; ` +
      `tình trạng khác sổ sách: ${n(count('condition'))}; số lượng khác sổ sách: ${n(count('quantity'))}` +
      `${unmarked ? `; chưa kiểm: ${n(unmarked)}` : ''}.`,
  );
  if (d.differences.length) {
    const kind: Record<string, string> = { missing: 'Thiếu', surplus: 'Thừa', condition: 'Tình trạng', quantity: 'Số lượng' };
    blocks.push({
      kind: 'table',
      header: ['STT', 'Đơn vị', 'Tài sản', 'Chênh lệch', 'Sổ sách', 'Thực tế'],
      columns: [{ width: 5, align: 'center' }, { width: 20, align: 'left' }, { width: 30, align: 'left' }, { width: 12, align: 'left' }, { width: 14, align: 'left' }, { width: 14, align: 'left' }],
      rows: d.differences.map((x, i) => ({
        cells: [
          String(i + 1), x.orgUnit.name, `${x.asset ? `${x.asset.tag} ` : ''}${x.description}`, kind[x.kind]!,
          x.kind === 'condition' ? CONDITION[x.expected!] : x.kind === 'surplus' ? '0' : n(x.bookQuantity),
          x.kind === 'condition' ? CONDITION[x.condition!] : n(x.counted),
        ],
      })),
    });
  }
  head(2, `${ROMAN[part++]}. Ý KIẾN, KIẾN NGHỊ`);
  para('Đề nghị xử lý tài sản thiếu, thừa và tài sản hỏng, không sử dụng theo quy định về quản lý, sử dụng tài sản công.');

  // The signers of each unit sign beside one another; the head of the unit signs the record.
  const flat = signers.flatMap((s) => s.signers);
  if (flat.length) {
    for (let i = 0; i < flat.length; i += 3) {
      const part3 = flat.slice(i, i + 3);
      blocks.push({
        kind: 'table',
        header: part3.map((x) => x.role.toLocaleUpperCase('vi-VN')),
        columns: part3.map(() => ({ width: 1, align: 'center' as const })),
        rows: [{ cells: part3.map(() => '(Ký, ghi rõ họ tên)\n\n\n') }, { cells: part3.map((x) => x.name), total: true }],
      });
    }
  }
  return {
    header: { parentBody: heading.parentName, issuingBody: heading.name, number: `Số:${BLANK}/BB-KK`, placeDate: placeDateLine(heading.place, today) },
    documentType: 'BIÊN BẢN',
    summary: ['Kiểm kê tài sản', `Thời điểm kiểm kê: ${dmy(d.stocktake.as_of)}`],
    blocks,
    recipients: ['Như thành phần tham gia;', 'Lưu: VT, KT.'],
    signature: { authority: ['THỦ TRƯỞNG ĐƠN VỊ'], signer: '' },
    draft: d.stocktake.status !== 'closed' && d.units.some((u) => !u.confirmed_at && u.held > 0),
    meta: { title: `Biên bản kiểm kê tài sản — ${d.stocktake.name}`, unitCode: d.unit.code, period: d.stocktake.as_of, templateCode: 'BB_KIEM_KE', generatedAt: new Date().toISOString() },
  };
}

const fileBase = (d: RecordData) => `Bien ban kiem ke ${d.unit.code} ${d.stocktake.as_of}`;

export async function stocktakeRecordDocx(ctx: Ctx, id: string, query: unknown): Promise<DocumentFile> {
  const d = await stocktake.recordData(ctx, id, parseUnit(query));
  const content = await renderDocx(await stocktakeRecordDocument(ctx, d));
  await audit(ctx, { action: 'equipment.stocktakeRecord', entityType: 'equipment_stocktake', entityId: id, entityCode: d.unit.code, details: { format: 'docx' } });
  return { content, fileName: `${fileBase(d)}.docx`, contentType: DOCX };
}

function parseUnit(query: unknown): string | undefined {
  return parse(StocktakeRecordQuery, query).orgUnit;
}

export async function stocktakeRecordXlsx(ctx: Ctx, id: string, query: unknown): Promise<DocumentFile> {
  const d = await stocktake.recordData(ctx, id, parseUnit(query));
  const en = ctx.locale === 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'soyte';
  const money = '#,##0';
  const ws = wb.addWorksheet(en ? 'Stocktaking' : 'Kiểm kê');
  ws.addRow([en ? 'STOCKTAKING RECORD' : 'BIÊN BẢN KIỂM KÊ TÀI SẢN']).font = { bold: true, size: 13 };
  ws.addRow([`${d.stocktake.name} — ${d.unit.name} — ${en ? 'as of' : 'thời điểm kiểm kê'} ${dmy(d.stocktake.as_of)}`]);
  ws.addRow([]);
  const cols = [
    { h: en ? 'No.' : 'STT', w: 6 }, { h: en ? 'Unit' : 'Đơn vị', w: 32 }, { h: en ? 'Tag' : 'Mã tài sản', w: 18 }, { h: en ? 'Asset' : 'Tên tài sản', w: 36 },
    { h: en ? 'Book quantity' : 'SL sổ sách', w: 11 }, { h: en ? 'Counted' : 'SL thực tế', w: 11 }, { h: en ? 'Difference' : 'Chênh lệch', w: 11 },
    { h: en ? 'Condition' : 'Tình trạng', w: 18 }, { h: en ? 'Cost (VND)' : 'Nguyên giá (đồng)', w: 18 }, { h: en ? 'Residual (VND)' : 'Giá trị còn lại (đồng)', w: 20 },
    { h: en ? 'Note' : 'Ghi chú', w: 30 },
  ];
  ws.addRow(cols.map((c) => c.h)).font = { bold: true };
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.w));
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  d.lines.forEach((l, i) => {
    const row = ws.addRow([
      i + 1, l.unit.name, l.tag, l.name, l.outcome === 'surplus' ? 0 : l.bookQuantity, l.counted, l.counted - l.bookQuantity, conditionText(l), l.cost, l.residual, l.note,
    ]);
    row.getCell(9).numFmt = money;
    row.getCell(10).numFmt = money;
  });
  const t = addUp(d.lines);
  const total = ws.addRow(['', en ? 'Total' : 'Tổng cộng', '', '', t.book, t.counted, t.counted - t.book, '', t.cost, t.residual, '']);
  total.font = { bold: true };
  total.getCell(9).numFmt = money;
  total.getCell(10).numFmt = money;

  const diff = wb.addWorksheet(en ? 'Differences' : 'Chênh lệch');
  const kind: Record<string, string> = en
    ? { missing: 'Missing', surplus: 'Surplus', condition: 'Condition', quantity: 'Quantity' }
    : { missing: 'Thiếu', surplus: 'Thừa', condition: 'Tình trạng', quantity: 'Số lượng' };
  diff.addRow([en ? 'Unit' : 'Đơn vị', en ? 'Difference' : 'Chênh lệch', en ? 'Tag' : 'Mã tài sản', en ? 'Asset' : 'Tài sản', en ? 'Book' : 'Sổ sách', en ? 'Counted' : 'Thực tế', en ? 'Applied' : 'Đã cập nhật sổ']).font = { bold: true };
  [30, 14, 18, 36, 16, 16, 16].forEach((w, i) => (diff.getColumn(i + 1).width = w));
  for (const x of d.differences) {
    diff.addRow([
      x.orgUnit.name, kind[x.kind], x.asset?.tag ?? '', x.description,
      x.kind === 'condition' ? CONDITION[x.expected!] : x.bookQuantity, x.kind === 'condition' ? CONDITION[x.condition!] : x.counted,
      x.appliedAt ? dmy(x.appliedAt.slice(0, 10)) : '',
    ]);
  }
  const sig = wb.addWorksheet(en ? 'Signatures' : 'Ký xác nhận');
  sig.addRow([en ? 'Unit' : 'Đơn vị', en ? 'Confirmed' : 'Ngày xác nhận', en ? 'Role' : 'Chức danh', en ? 'Name' : 'Họ tên']).font = { bold: true };
  [32, 16, 24, 28].forEach((w, i) => (sig.getColumn(i + 1).width = w));
  for (const u of d.units) {
    const date = u.confirmed_at ? dmy(new Date(u.confirmed_at).toISOString().slice(0, 10)) : en ? 'not confirmed' : 'chưa xác nhận';
    if (!u.signers?.length) sig.addRow([u.name, date, '', '']);
    for (const s of u.signers ?? []) sig.addRow([u.name, date, s.role, s.name]);
  }
  await audit(ctx, { action: 'equipment.stocktakeRecord', entityType: 'equipment_stocktake', entityId: id, entityCode: d.unit.code, details: { format: 'xlsx' } });
  return { content: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${fileBase(d)}.xlsx`, contentType: XLSX };
}

// ------------------------------------------------------------------ the handover minutes (01/TSC-BBGN)

const DOTS = '……………………';

const REASON: Record<string, string> = {
  idle: 'Tài sản không sử dụng, ít sử dụng tại đơn vị giao; đơn vị nhận còn thiếu theo danh mục tiêu chuẩn',
  other: 'Khác',
};

const STATUS_CONDITION: Record<string, string> = {
  in_use: 'Đang sử dụng bình thường',
  idle: 'Còn sử dụng được, hiện không sử dụng',
  broken: 'Hỏng',
};

export async function handoverMinutesDocument(ctx: Ctx, id: string): Promise<ReportDocument> {
  const m = await disposal.minutesData(ctx, id);
  const p = m.proposal;
  const today = todayVn();
  const heading = await unitHeading(ctx, m.fromBooks.id, today);
  const blocks: DocBlock[] = [];
  const para = (text: string, bold = false) => blocks.push({ kind: 'paragraph', runs: [{ text, bold }] });
  const head = (text: string) => blocks.push({ kind: 'heading', level: 3, runs: [{ text }] });
  para(
    `Căn cứ Quyết định số ${p.decisionNo ?? '…'}${p.decidedAt ? ` ngày ${dmy(p.decidedAt.slice(0, 10))}` : ''} của ${m.decidedBy.name} về việc điều chuyển tài sản;`,
  );
  para(`Hôm nay, ${formatDateVn(today)}, tại ${p.fromUnit.name}, chúng tôi gồm:`);
  head('A. Đại diện bên giao');
  para(`Đơn vị: ${p.fromUnit.name}${m.fromBooks.id !== p.fromUnit.id ? ` (đơn vị kế toán: ${m.fromBooks.name})` : ''}.`);
  para(`Ông/bà: ${DOTS}     Chức vụ: ${DOTS}`);
  head('B. Đại diện bên nhận');
  para(`Đơn vị: ${p.toUnit!.name}${m.toBooks.id !== p.toUnit!.id ? ` (đơn vị kế toán: ${m.toBooks.name})` : ''}.`);
  para(`Ông/bà: ${DOTS}     Chức vụ: ${DOTS}`);
  head('C. Đại diện đơn vị chứng kiến (nếu có)');
  para(`Đơn vị: ${m.decidedBy.name}.`);
  para(`Ông/bà: ${DOTS}     Chức vụ: ${DOTS}`);
  para('Thống nhất bàn giao, tiếp nhận tài sản như sau:');
  head('1. Danh mục tài sản bàn giao, tiếp nhận');
  const a = m.asset;
  const description = [a.name, a.make, a.model, a.serial ? `số sê-ri ${a.serial}` : null].filter(Boolean).join(', ');
  blocks.push({
    kind: 'table',
    header: ['STT', 'Danh mục tài sản', 'Mã tài sản', 'Số lượng', 'Nguyên giá (đồng)', 'Giá trị còn lại (đồng)', 'Tình trạng'],
    columns: [{ width: 5, align: 'center' }, { width: 28, align: 'left' }, { width: 14, align: 'left' }, { width: 8, align: 'right' }, { width: 15, align: 'right' }, { width: 15, align: 'right' }, { width: 15, align: 'left' }],
    rows: [
      { cells: ['1', description, a.tag, n(a.quantity), n(Number(a.cost) * a.quantity), n(p.residual), STATUS_CONDITION[a.status] ?? ''] },
      { cells: ['', 'Cộng', '', n(a.quantity), n(Number(a.cost) * a.quantity), n(p.residual), ''], total: true },
    ],
  });
  para(`Năm đưa vào sử dụng: ${a.acquired.slice(0, 4)}. Giá trị còn lại tính đến ngày ${dmy(p.createdAt.slice(0, 10))}.`);
  head('2. Lý do điều chuyển');
  para(`${REASON[p.reason] ?? p.reason}${p.note ? `: ${p.note}` : ''}.`);
  head('3. Hồ sơ, tài liệu kèm theo');
  para(`Hồ sơ của tài sản (lý lịch thiết bị, tài liệu kỹ thuật, phụ kiện kèm theo${a.accessories ? `: ${a.accessories}` : ''}).`);
  head('4. Ý kiến của các bên giao, nhận');
  para(`${DOTS}${DOTS}${DOTS}`);
  para('Biên bản được lập thành 04 bản có giá trị pháp lý như nhau, mỗi bên giữ 02 bản.');
  blocks.push({
    kind: 'table',
    header: ['ĐẠI DIỆN BÊN NHẬN', 'ĐẠI DIỆN BÊN GIAO', 'ĐẠI DIỆN ĐƠN VỊ CHỨNG KIẾN'],
    columns: [{ width: 1, align: 'center' }, { width: 1, align: 'center' }, { width: 1, align: 'center' }],
    rows: [
      { cells: ['(Ký, ghi rõ họ tên, đóng dấu)\n\n\n', '(Ký, ghi rõ họ tên, đóng dấu)\n\n\n', '(Ký, ghi rõ họ tên, đóng dấu)\n\n\n'] },
    ],
  });
  return {
    header: { parentBody: heading.parentName, issuingBody: heading.name, number: `Số:${BLANK}/BBGN`, placeDate: placeDateLine(heading.place, today) },
    documentType: 'BIÊN BẢN',
    summary: ['Bàn giao, tiếp nhận tài sản', '(Mẫu số 01/TSC-BBGN)'],
    blocks,
    recipients: [],
    signature: { authority: [], signer: '' },
    draft: false,
    meta: { title: `Biên bản bàn giao, tiếp nhận tài sản ${a.tag}`, unitCode: p.fromUnit.code, period: today, templateCode: '01_TSC_BBGN', generatedAt: new Date().toISOString() },
  };
}

export async function handoverMinutesDocx(ctx: Ctx, id: string): Promise<DocumentFile> {
  const doc = await handoverMinutesDocument(ctx, id);
  const content = await renderDocx(doc);
  await audit(ctx, { action: 'equipment.handoverMinutes', entityType: 'equipment_proposal', entityId: id, entityCode: doc.meta.unitCode });
  return { content, fileName: `Bien ban ban giao ${doc.meta.title.split(' ').pop()}.docx`, contentType: DOCX };
}
