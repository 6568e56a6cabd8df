// The "Báo cáo kết quả thực hiện" of a document: what became of each task of a conclusion notice (or
// an official letter, a plan …), written by the unit that follows the document up, in the Nghị định
// 30/2020 format, as DOCX, PDF or HTML (this module's renderers). Reading needs task:read and
// the document's assigner unit in scope (documentForReport checks both).
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { formatDateVn } from '../../lib/periods.js';
import type { DocBlock, ReportDocument } from './document.js';
import { formatNumber } from './numbers.js';
import { renderReport } from './render/index.js';
import { REPORT_FORMATS, type ReportFormat } from './reports.contract.js';
import { unitHeading } from './reports.service.js';
import { countsRuns, noTasksParagraph, shortDate, taskContent, taskListTable } from './task-blocks.js';
import type { DocumentKind, DocumentSummaryCounts, TaskItem } from '../directives/directives.contract.js';
import { documentForReport } from '../directives/report-data.service.js';

/** How a report names a document of each kind: "Thông báo kết luận số 186/TB-SYT …". */
export const KIND_NAME: Record<DocumentKind, string> = {
  conclusion_notice: 'Thông báo kết luận',
  official_letter: 'Công văn',
  plan: 'Kế hoạch',
  directive: 'Chỉ thị',
  decision: 'Quyết định',
  oral: 'ý kiến chỉ đạo',
};

/** The symbol after "BC-" in the number line, by the kind of the reporting unit. */
function symbolOf(kind: string, code: string): string {
  switch (kind) {
    case 'health_centre':
      return 'TTYT';
    case 'station':
      return 'TYT';
    case 'hospital':
      return 'BV';
    case 'cdc':
      return 'KSBT';
    case 'office':
      // SYT38_KHTC → KHTC
      return code.includes('_') ? code.slice(code.lastIndexOf('_') + 1) : code;
    default:
      return 'SYT';
  }
}

/** Who signs for the unit: the director, the head of a station, of an office. */
function authorityOf(kind: string, name: string): string {
  if (kind === 'station') return 'TRƯỞNG TRẠM';
  if (kind === 'office') {
    if (/^Văn phòng/i.test(name)) return 'CHÁNH VĂN PHÒNG';
    if (/^Thanh tra/i.test(name)) return 'CHÁNH THANH TRA';
    return 'TRƯỞNG PHÒNG';
  }
  return 'GIÁM ĐỐC';
}

const upperVi = (s: string) => s.toLocaleUpperCase('vi');
const BLANK_NUMBER = '\u00a0'.repeat(6);

export interface DocumentReportInput {
  document: {
    id: string;
    kind: DocumentKind;
    number: string | null;
    issued_on: string;
    title: string | null;
    issuer_name: string;
    issuer_unit_id: string | null;
    assigner_unit_id: string;
  };
  tasks: TaskItem[];
  counts: DocumentSummaryCounts;
  today: string;
  /** The assigner unit as it heads a document (reports' unitHeading). */
  assigner: { code: string; kind: string; name: string; parentName: string; place: string };
}

/** "Thông báo kết luận số 186/TB-SYT ngày 24/10/2022" (no number: "ý kiến chỉ đạo ngày …"). */
export function documentName(d: Pick<DocumentReportInput['document'], 'kind' | 'number' | 'issued_on'>): string {
  return `${KIND_NAME[d.kind]}${d.number ? ` số ${d.number}` : ''} ngày ${shortDate(d.issued_on)}`;
}

/** Tasks in the order of the document's items ("1", "2", "2.1", "10"), then by lead unit and deadline. */
function inItemOrder(tasks: readonly TaskItem[]): TaskItem[] {
  const byItem = (a: TaskItem, b: TaskItem) =>
    a.item === b.item ? 0 : a.item === null ? 1 : b.item === null ? -1 : a.item.localeCompare(b.item, 'vi', { numeric: true });
  return [...tasks].sort(
    (a, b) => byItem(a, b) || (a.lead?.name ?? '').localeCompare(b.lead?.name ?? '', 'vi') || (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'),
  );
}

/** The report as a resolved document (pure). */
export function buildDocumentReport(input: DocumentReportInput): ReportDocument {
  const { document: d, counts, today, assigner } = input;
  const tasks = inItemOrder(input.tasks);
  const name = documentName(d);
  const fullName = `${name} của ${d.issuer_name}`;
  const summary = `Kết quả thực hiện ${fullName}`;
  const sameBody = d.issuer_unit_id === d.assigner_unit_id || d.issuer_name.trim().toLowerCase() === assigner.name.trim().toLowerCase();
  const p = (text: string, extra: Partial<Extract<DocBlock, { kind: 'paragraph' }>> = {}): DocBlock => ({ kind: 'paragraph', runs: [{ text }], ...extra });
  const h = (text: string): DocBlock => ({ kind: 'heading', level: 2, runs: [{ text }] });

  const blocks: DocBlock[] = [
    p(`Thực hiện ${fullName}${d.title ? ` (${d.title.trim().replace(/[.;:,]+$/, '')})` : ''}, ${assigner.name} báo cáo kết quả thực hiện đến ngày ${shortDate(today)} như sau:`),
    h('I. KẾT QUẢ THỰC HIỆN'),
  ];
  if (counts.total === 0) blocks.push(noTasksParagraph('Văn bản chưa có nhiệm vụ nào được giao.'));
  else blocks.push({ kind: 'paragraph', runs: countsRuns(counts).runs }, taskListTable(tasks, 'Kết quả thực hiện từng nhiệm vụ'));

  blocks.push(h('II. TỒN TẠI, VƯỚNG MẮC'));
  const overdue = tasks.filter((t) => t.state === 'overdue').sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0));
  if (!overdue.length) blocks.push(p('Không có nhiệm vụ quá hạn.'));
  else {
    blocks.push(p(`Còn ${formatNumber(overdue.length)} nhiệm vụ quá hạn chưa hoàn thành:`));
    for (const t of overdue) {
      const lead = t.lead?.name ?? t.collective ?? 'chưa rõ đơn vị chủ trì';
      blocks.push(p(`- ${taskContent(t).replace(/[.;:,]+$/, '')} (${lead}): quá hạn ${formatNumber(t.daysOverdue ?? 0)} ngày (thời hạn ${shortDate(t.deadline!)}).`));
    }
  }

  blocks.push(h('III. ĐỀ XUẤT, KIẾN NGHỊ'));
  const open = counts.inProgress + counts.overdue + counts.noDeadline;
  if (counts.total === 0) {
    blocks.push(p('Không có đề xuất, kiến nghị.'));
  } else if (overdue.length) {
    blocks.push(p(`Đề nghị các đơn vị chủ trì khẩn trương hoàn thành các nhiệm vụ quá hạn; tiếp tục triển khai các nhiệm vụ đang thực hiện, bảo đảm đúng thời hạn, chất lượng và báo cáo kết quả về ${assigner.name} theo quy định.`));
  } else if (open > 0) {
    blocks.push(p(`Đề nghị các đơn vị chủ trì tiếp tục triển khai các nhiệm vụ đang thực hiện, bảo đảm đúng thời hạn, chất lượng và báo cáo kết quả về ${assigner.name} theo quy định.`));
  } else {
    blocks.push(p(`Các nhiệm vụ được giao đã hoàn thành; đề nghị ${sameBody ? 'lãnh đạo' : d.issuer_name} xem xét, ghi nhận kết quả thực hiện.`));
  }
  blocks.push(p(`Trên đây là báo cáo kết quả thực hiện ${name} của ${assigner.name}${sameBody ? '' : `, kính báo cáo ${d.issuer_name} xem xét`}./.`));

  const recipients = [`${sameBody ? 'Ban Giám đốc' : d.issuer_name} (b/c);`, 'Lưu: VT.'];
  return {
    header: {
      parentBody: upperVi(assigner.parentName),
      issuingBody: upperVi(assigner.name),
      number: `Số: ${BLANK_NUMBER}/BC-${symbolOf(assigner.kind, assigner.code)}`,
      placeDate: `${assigner.place}, ${formatDateVn(today)}`,
    },
    documentType: 'BÁO CÁO',
    summary: [summary],
    blocks,
    recipients,
    signature: { authority: [authorityOf(assigner.kind, assigner.name)], signer: '' },
    draft: false,
    meta: { title: `Báo cáo ${summary.charAt(0).toLocaleLowerCase('vi')}${summary.slice(1)}`, unitCode: assigner.code, period: today.replace(/-/g, ''), templateCode: 'BC_KQTH', generatedAt: new Date().toISOString() },
  };
}

function formatOf(value: string): ReportFormat {
  if ((REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  throw new AppError('VALIDATION_FAILED', 'reports.badFormat', { fields: { format: 'field.invalid' } }, { format: value });
}

/**
 * `GET /api/directives/:id/report.:format`: the report of a document's tasks as of today, as a file
 * ("BC_KQTH_186_TB-SYT_20261206.docx").
 */
export async function documentReport(ctx: Ctx, documentId: string, format: ReportFormat | (string & {})): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const f = formatOf(format);
  const data = await documentForReport(ctx, documentId);
  const assigner = await unitHeading(ctx, data.document.assigner_unit_id, data.today);
  const doc = buildDocumentReport({ ...data, assigner });
  const file = await renderReport(doc, f, ctx.config);
  const fileName = `BC_KQTH_${data.document.number ?? data.document.id}_${doc.meta.period}.${f}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  return { body: file.body, contentType: file.contentType, fileName };
}

/** The route's reply: the file, inline for HTML, as an attachment otherwise. */
