// HTML renderer of a resolved report: a complete standalone page (no external resources) laid out as an
// administrative document of Nghị định 30/2020/NĐ-CP (Phụ lục I). It is both the in-app preview (on
// screen: a white A4 sheet on a grey background) and the source of the PDF (print media: @page A4 with
// the official margins and page numbers centred in the top margin from page 2 on). It draws exactly the
// ReportDocument it is given, like the DOCX renderer, so the outputs cannot disagree.
import { NATIONAL_MOTTO, NATIONAL_TITLE, type DocBlock, type ReportDocument, type Run } from '../document.js';

export interface HtmlOptions {
  /** Language of the screen-only hints (tooltips); the document itself is always Vietnamese. */
  lang?: 'vi' | 'en';
}

const HINTS = {
  vi: { missing: 'Chưa có số liệu cho kỳ báo cáo', draft: 'Bản dự thảo, chưa ban hành' },
  en: { missing: 'No data for the report period', draft: 'Draft, not issued yet' },
} as const;

// ---- Escaping ----------------------------------------------------------------------------------------

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Control characters have no place in a document (and some are invalid in HTML); tabs and newlines stay.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Escapes text for element content and (double-quoted) attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(CONTROL, '')
    .replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Escaped text; line breaks typed inside a text become <br>. */
function text(value: unknown): string {
  return escapeHtml(value).replace(/\r\n?|\n/g, '<br>');
}

const upper = (value: string): string => value.toLocaleUpperCase('vi-VN');

// ---- Style sheet -------------------------------------------------------------------------------------

const FONT = '"Times New Roman", "Liberation Serif", "Tinos", serif';

const CSS = `
@page {
  size: A4;
  margin: 20mm 15mm 20mm 30mm;
  @top-center {
    content: counter(page);
    font-family: ${FONT};
    font-size: 14pt;
    vertical-align: middle;
  }
}
@page :first {
  @top-center { content: none; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: ${FONT};
  font-size: 14pt;
  line-height: 1.2;
  color: #000;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
p { margin: 0; }
.sheet { background: #fff; }
.draft-mark {
  display: inline-block;
  border: 1.5px solid #000;
  padding: 1pt 8pt;
  margin: 0 0 6pt;
  font-size: 13pt;
  font-weight: bold;
  letter-spacing: 0.5pt;
}
table.layout {
  width: 100%;
  border-collapse: collapse;
  table-layout: fixed;
  page-break-inside: avoid;
  break-inside: avoid;
}
table.layout td { border: none; padding: 0; vertical-align: top; text-align: center; }
.doc-header td.left { width: 40%; }
.doc-header td.right { width: 60%; }
.doc-header tr.meta td { vertical-align: baseline; }
.doc-header .line { display: block; font-size: 13pt; line-height: 1.15; }
.doc-header .issuing-body, .doc-header .national-title { font-weight: bold; }
.doc-header .motto { font-size: 14pt; font-weight: bold; }
.doc-header .motto > span { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1pt; }
.doc-header .nowrap { white-space: nowrap; }
.doc-header .number { white-space: pre-wrap; padding-top: 6pt; }
.doc-header .place-date { font-size: 14pt; font-style: italic; padding-top: 6pt; }
.rule { display: block; height: 0; margin: 2pt auto 0; border-top: 1px solid #000; }
.rule.issuing { width: 25mm; }
.rule.summary { width: 45mm; margin-top: 5pt; }
.title { margin-top: 18pt; text-align: center; font-weight: bold; }
.summary { text-align: center; font-weight: bold; }
.body { margin-top: 12pt; }
.body p, .body .heading {
  text-align: justify;
  text-indent: 1.27cm;
  margin: 0 0 6pt;
  orphans: 2;
  widows: 2;
}
.body .heading { font-weight: bold; page-break-after: avoid; break-after: avoid-page; page-break-inside: avoid; break-inside: avoid; }
.body .heading.h1 { text-align: center; text-indent: 0; text-transform: none; }
.body .heading.h2 { margin-top: 3pt; }
.body .heading.h4 { font-style: italic; }
.body .table-title { font-weight: bold; margin: 3pt 0 3pt; page-break-after: avoid; break-after: avoid-page; }
table.data {
  width: 100%;
  border-collapse: collapse;
  margin: 0 0 9pt;
  font-size: 13pt;
  line-height: 1.15;
}
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
table.data th { font-weight: bold; text-align: center; }
table.data td { text-align: right; }
table.data td:first-child { text-align: left; }
table.data tr { page-break-inside: avoid; break-inside: avoid; }
table.data tr.total td { font-weight: bold; }
table.data td.empty { text-align: center; font-style: italic; }
table.data td.al-left { text-align: left; }
table.data td.al-center { text-align: center; }
table.data td.al-right { text-align: right; }
.missing { font-style: italic; }
.closing { margin-top: 12pt; }
.closing td.left { width: 45%; text-align: left; }
.closing td.right { width: 55%; }
.recipients-label { font-size: 12pt; font-weight: bold; font-style: italic; line-height: 1.15; }
.recipient { font-size: 11pt; line-height: 1.15; }
.authority { font-weight: bold; line-height: 1.2; }
.signature-space { height: 25mm; }
.signer { font-weight: bold; }

@media screen {
  html { background: #d9d9d9; }
  body { padding: 12mm 0; }
  .sheet {
    width: 210mm;
    min-height: 297mm;
    margin: 0 auto;
    padding: 20mm 15mm 20mm 30mm;
    box-shadow: 0 2px 10px rgba(0, 0, 0, 0.35);
  }
  .missing { background: #fff3b0; }
  [data-figure].highlight { background: #ffd8a8; outline: 1px solid #f08c00; }
}
@media print {
  html, body { background: #fff; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
`;

// ---- Parts of the document ---------------------------------------------------------------------------

function runHtml(run: Run, hints: (typeof HINTS)[keyof typeof HINTS]): string {
  let html = text(run.text);
  if (run.bold) html = `<b>${html}</b>`;
  if (run.italic) html = `<i>${html}</i>`;
  const attrs: string[] = [];
  const classes: string[] = [];
  if (run.missing) {
    classes.push('missing');
    attrs.push(`title="${escapeHtml(hints.missing)}"`);
  }
  if (run.figure) attrs.push(`data-figure="${escapeHtml(run.figure)}"`);
  if (classes.length) attrs.unshift(`class="${classes.join(' ')}"`);
  return attrs.length ? `<span ${attrs.join(' ')}>${html}</span>` : html;
}

function runsHtml(runs: Run[], hints: (typeof HINTS)[keyof typeof HINTS], transform?: (s: string) => string): string {
  return runs.map((run) => runHtml(transform ? { ...run, text: transform(run.text) } : run, hints)).join('');
}

function headerHtml(doc: ReportDocument): string {
  const { parentBody, issuingBody, number, placeDate } = doc.header;
  const left: string[] = [];
  if (parentBody.trim()) left.push(`<span class="line parent-body">${text(upper(parentBody))}</span>`);
  left.push(`<span class="line issuing-body">${text(upper(issuingBody))}</span>`);
  left.push('<span class="rule issuing"></span>');
  const right = [
    `<span class="line national-title nowrap">${escapeHtml(upper(NATIONAL_TITLE))}</span>`,
    `<span class="line motto nowrap"><span>${escapeHtml(NATIONAL_MOTTO)}</span></span>`,
  ];
  // Two rows so that the number and the place-and-date lines share a baseline.
  return `<table class="layout doc-header" role="presentation">
<tr><td class="left">${left.join('')}</td><td class="right">${right.join('')}</td></tr>
<tr class="meta"><td class="left"><span class="line number">${text(number)}</span></td><td class="right"><span class="line place-date">${text(placeDate)}</span></td></tr>
</table>`;
}

function titleHtml(doc: ReportDocument): string {
  const parts = [`<p class="title">${text(upper(doc.documentType))}</p>`];
  for (const line of doc.summary) parts.push(`<p class="summary">${text(line)}</p>`);
  if (doc.summary.length) parts.push('<span class="rule summary"></span>');
  return parts.join('\n');
}

function blockHtml(block: DocBlock, hints: (typeof HINTS)[keyof typeof HINTS]): string {
  if (block.kind === 'heading') {
    const content = runsHtml(block.runs, hints, block.level === 1 ? upper : undefined);
    return `<p class="heading h${block.level}" role="heading" aria-level="${block.level}">${content}</p>`;
  }
  if (block.kind === 'paragraph') {
    const source = block.source ? ` data-source="${escapeHtml(block.source)}"` : '';
    return `<p${source}>${runsHtml(block.runs, hints)}</p>`;
  }
  const parts: string[] = [];
  if (block.title?.trim()) parts.push(`<p class="table-title">${text(block.title)}</p>`);
  const columns = Math.max(block.header.length, ...block.rows.map((row) => row.cells.length), 0);
  if (columns === 0) {
    parts.push('<p class="missing-table"><i>Không có số liệu.</i></p>');
    return parts.join('\n');
  }
  const layout = block.columns?.length === columns ? block.columns : undefined;
  const cls = (tag: 'th' | 'td', c: number) => (layout && tag === 'td' ? ` class="al-${layout[c]!.align}"` : '');
  const cells = (values: string[], tag: 'th' | 'td') =>
    Array.from({ length: columns }, (_, c) => `<${tag}${cls(tag, c)}>${text(values[c] ?? '')}</${tag}>`).join('');
  const rows: string[] = [];
  if (layout) {
    const weights = layout.map((c) => (Number.isFinite(c.width) && c.width > 0 ? c.width : 0));
    const sum = weights.reduce((a, b) => a + b, 0);
    const pct = (w: number) => (sum > 0 ? (w * 100) / sum : 100 / columns).toFixed(2);
    rows.push(`<colgroup>${weights.map((w) => `<col style="width: ${pct(w)}%">`).join('')}</colgroup>`);
  }
  if (block.header.length) rows.push(`<thead><tr>${cells(block.header, 'th')}</tr></thead>`);
  const body = block.rows.map((row) => `<tr${row.total ? ' class="total"' : ''}>${cells(row.cells, 'td')}</tr>`);
  if (!body.length) body.push(`<tr><td class="empty" colspan="${columns}">Không có số liệu.</td></tr>`);
  rows.push(`<tbody>${body.join('')}</tbody>`);
  parts.push(`<table class="data">${rows.join('')}</table>`);
  return parts.join('\n');
}

function closingHtml(doc: ReportDocument): string {
  const left: string[] = [];
  if (doc.recipients.length) {
    left.push('<div class="recipients-label">Nơi nhận:</div>');
    for (const recipient of doc.recipients) left.push(`<div class="recipient">- ${text(recipient)}</div>`);
  }
  const right: string[] = doc.signature.authority.map((line) => `<div class="authority">${text(upper(line))}</div>`);
  right.push('<div class="signature-space"></div>');
  if (doc.signature.signer.trim()) right.push(`<div class="signer">${text(doc.signature.signer)}</div>`);
  return `<table class="layout closing" role="presentation">
<tr><td class="left">${left.join('')}</td><td class="right">${right.join('')}</td></tr>
</table>`;
}

// ---- Entry point -------------------------------------------------------------------------------------

/** The report as a standalone HTML page: the in-app A4 preview and the source of the PDF. */
export function renderHtml(doc: ReportDocument, opts: HtmlOptions = {}): string {
  const hints = HINTS[opts.lang === 'en' ? 'en' : 'vi'];
  const body: string[] = [];
  if (doc.draft) body.push(`<div class="draft-mark" title="${escapeHtml(hints.draft)}">DỰ THẢO</div>`);
  body.push(headerHtml(doc));
  body.push(titleHtml(doc));
  body.push(`<div class="body">\n${doc.blocks.map((block) => blockHtml(block, hints)).join('\n')}\n</div>`);
  body.push(closingHtml(doc));
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="soyte">
<meta name="soyte:template" content="${escapeHtml(doc.meta.templateCode)}">
<meta name="soyte:unit" content="${escapeHtml(doc.meta.unitCode)}">
<meta name="soyte:period" content="${escapeHtml(doc.meta.period)}">
<title>${escapeHtml(doc.meta.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main class="sheet${doc.draft ? ' draft' : ''}">
${body.join('\n')}
</main>
</body>
</html>
`;
}
