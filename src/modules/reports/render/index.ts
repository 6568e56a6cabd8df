// One resolved report → a file: DOCX (docx.ts), the HTML page (html.ts, the preview and the PDF's
// source) or PDF (pdf.ts, printed by headless Chromium).
import type { ReportDocument } from '../document.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { renderPdf } from './pdf.js';

export type ReportFormat = 'docx' | 'pdf' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['docx', 'pdf', 'html'];

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

export async function renderReport(doc: ReportDocument, format: ReportFormat): Promise<RenderedFile> {
  const body = format === 'docx' ? await renderDocx(doc) : format === 'pdf' ? await renderPdf(doc) : Buffer.from(renderHtml(doc), 'utf8');
  return { body, contentType: CONTENT_TYPES[format], fileName: fileNameOf(doc, format) };
}
