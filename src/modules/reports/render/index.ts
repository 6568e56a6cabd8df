// One resolved report → a file: DOCX (docx.ts), the HTML page (html.ts, the preview and the PDF's
// source) or PDF (pdf.ts, printed by headless Chromium).
import type { Config } from '../../../core/config.js';
import type { ReportDocument } from '../document.js';
import type { ReportFormat } from '../reports.contract.js';
import { renderHtml } from './html.js';

export { REPORT_FORMATS, type ReportFormat } from '../reports.contract.js';

export interface RenderedFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

/** "BC_TTYT_THANG_TTYT399_202405.docx" */
export function fileNameOf(doc: ReportDocument, format: ReportFormat): string {
  return `${doc.meta.templateCode}_${doc.meta.unitCode}_${doc.meta.period}.${format}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

// The DOCX and PDF writers are loaded on first use: their libraries (docx, playwright-core) take
// seconds to load, which the server's start, the CLI and every test process would otherwise pay.
const docx = async (doc: ReportDocument) => (await import('./docx.js')).renderDocx(doc);
const pdf = async (doc: ReportDocument, chromiumPath: string) => (await import('./pdf.js')).renderPdf(doc, chromiumPath);

/** The settings rendering reads: where Chromium is (PDF). */
export type RenderConfig = Pick<Config, 'chromiumPath'>;

export async function renderReport(doc: ReportDocument, format: ReportFormat, config: RenderConfig): Promise<RenderedFile> {
  const body = format === 'docx' ? await docx(doc) : format === 'pdf' ? await pdf(doc, config.chromiumPath) : Buffer.from(renderHtml(doc), 'utf8');
  return { body, contentType: CONTENT_TYPES[format], fileName: fileNameOf(doc, format) };
}
