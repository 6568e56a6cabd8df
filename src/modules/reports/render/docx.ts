// DOCX renderer of a resolved report, laid out as an administrative document of Nghị định 30/2020/NĐ-CP
// (Phụ lục I): A4 portrait, Times New Roman, header and closing as borderless two-column tables, page
// numbers centred in the top margin from page 2 on. It draws exactly the ReportDocument it is given.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { NATIONAL_MOTTO, NATIONAL_TITLE, type DocBlock, type ReportDocument, type Run, type TableColumn } from '../document.js';

// ---- Page geometry (twips: 1/20 pt; 1 mm = 1440 / 25.4 twips) ----------------------------------------
const mm = (value: number): number => Math.round((value * 1440) / 25.4);

export const PAGE = {
  width: 11906, // A4 210 mm
  height: 16838, // A4 297 mm
  top: mm(20),
  bottom: mm(20),
  left: mm(30),
  right: mm(15),
  header: mm(10),
  footer: mm(10),
} as const;
/** Width of the text between the margins (165 mm). */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const FONT = 'Times New Roman';
/** Half-points, as Word counts font sizes. */
const pt = (size: number): number => size * 2;
const BODY_SIZE = pt(14);
const FIRST_LINE_INDENT = 720; // 1.27 cm
const AFTER = 120; // 6 pt after paragraphs
const LINE = 276; // 1.15 lines
const BLACK = '000000';

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const THIN = { style: BorderStyle.SINGLE, size: 4, color: BLACK } as const;
const RULE = { style: BorderStyle.SINGLE, size: 6, color: BLACK, space: 1 } as const;

const HEADER_LEFT = Math.round(TEXT_WIDTH * 0.4);
const HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT;

// ---- Text helpers ------------------------------------------------------------------------------------

/** Characters XML 1.0 does not allow (Word refuses a file containing them); tabs and newlines stay. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function clean(text: string): string {
  return text.replace(INVALID_XML, '').replace(/\r\n?/g, '\n');
}

function upper(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}

interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
}

/** TextRuns for one piece of text; a newline inside it becomes a line break, a tab a tab. */
function textRuns(text: string, style: RunStyle): TextRun[] {
  const lines = clean(text).split('\n');
  return lines.map(
    (line, index) =>
      new TextRun({
        text: line.replace(/\t/g, ' '),
        bold: style.bold || undefined,
        italics: style.italic || undefined,
        size: style.size,
        break: index > 0 ? 1 : undefined,
      }),
  );
}

/** The document's runs with their marks; a placeholder for missing data is set in italics. */
function docRuns(runs: Run[], base: RunStyle = {}, transform: (text: string) => string = (t) => t): TextRun[] {
  return runs.flatMap((run) =>
    textRuns(transform(run.text), {
      bold: base.bold || run.bold,
      italic: base.italic || run.italic || run.missing,
      size: base.size,
    }),
  );
}

interface LineOptions extends RunStyle {
  alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
  after?: number;
  before?: number;
  keepNext?: boolean;
}

/** A compact paragraph (single spacing) for tables, the header and the closing. */
function line(text: string, options: LineOptions = {}): Paragraph {
  return new Paragraph({
    alignment: options.alignment ?? AlignmentType.CENTER,
    spacing: { before: options.before ?? 0, after: options.after ?? 0, line: 240, lineRule: LineRuleType.AUTO },
    indent: { firstLine: 0 },
    keepNext: options.keepNext,
    children: textRuns(text, options),
  });
}

/** A short centred horizontal rule of about `length` twips inside a space `width` twips wide. */
function rule(width: number, length: number, before = 0): Paragraph {
  const side = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    indent: { left: side, right: side, firstLine: 0 },
    border: { bottom: RULE },
    run: { size: 2 },
    children: [],
  });
}

const CELL_MARGINS = { top: 0, bottom: 0, left: 57, right: 57 };
const BORDERLESS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

/** A borderless two-column layout table (header and closing). */
function layoutTable(widths: [number, number], left: Paragraph[], right: Paragraph[]): Table {
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: CELL_MARGINS,
      verticalAlign: VerticalAlign.TOP,
      borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
      children: children.length ? children : [new Paragraph({})],
    });
  return new Table({
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERLESS,
    rows: [new TableRow({ cantSplit: true, children: [cell(left, widths[0]), cell(right, widths[1])] })],
  });
}

// ---- Parts of the document ---------------------------------------------------------------------------

function draftMark(): Paragraph {
  // A small box at the top left: the paragraph is narrowed by its right indent so the box hugs the text.
  const box = { style: BorderStyle.SINGLE, size: 8, color: BLACK, space: 2 } as const;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 120, line: 240, lineRule: LineRuleType.AUTO },
    indent: { left: 0, right: TEXT_WIDTH - 1700, firstLine: 0 },
    border: { top: box, bottom: box, left: box, right: box },
    children: [new TextRun({ text: 'DỰ THẢO', bold: true, size: pt(13) })],
  });
}

function headerTable(doc: ReportDocument): Table {
  const { parentBody, issuingBody, number, placeDate } = doc.header;
  const left: Paragraph[] = [];
  if (parentBody.trim()) left.push(line(upper(parentBody), { size: pt(13) }));
  left.push(line(upper(issuingBody), { size: pt(13), bold: true }));
  left.push(rule(HEADER_LEFT - 114, mm(25)));
  left.push(line(number, { size: pt(13), before: 120 }));

  const right: Paragraph[] = [
    line(upper(NATIONAL_TITLE), { size: pt(13), bold: true }),
    line(NATIONAL_MOTTO, { size: pt(14), bold: true }),
    // As long as the motto itself (about 6.3 cm at 14 pt bold).
    rule(HEADER_RIGHT - 114, mm(63)),
    line(placeDate, { size: pt(14), italic: true, before: 120 }),
  ];
  return layoutTable([HEADER_LEFT, HEADER_RIGHT], left, right);
}

function titleParagraphs(doc: ReportDocument): Paragraph[] {
  const out: Paragraph[] = [
    line(upper(doc.documentType), { size: BODY_SIZE, bold: true, before: 360, keepNext: true }),
  ];
  for (const summary of doc.summary) {
    out.push(line(summary, { size: BODY_SIZE, bold: true, keepNext: true }));
  }
  // Under the summary a short centred rule, 1/3 to 1/2 of the line (Phụ lục I).
  out.push(rule(TEXT_WIDTH, mm(45), 60)); // 3 pt clear of the summary's descenders
  out.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
  return out;
}

function heading(block: Extract<DocBlock, { kind: 'heading' }>): Paragraph {
  const common = {
    keepNext: true,
    keepLines: true,
    outlineLevel: block.level - 1,
    spacing: { before: block.level <= 2 ? 120 : 60, after: AFTER, line: LINE, lineRule: LineRuleType.AUTO },
  };
  if (block.level === 1) {
    return new Paragraph({
      ...common,
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      children: docRuns(block.runs, { bold: true }, upper),
    });
  }
  return new Paragraph({
    ...common,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    children: docRuns(block.runs, { bold: true, italic: block.level === 4 }),
  });
}

function paragraph(block: Extract<DocBlock, { kind: 'paragraph' }>): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: { before: 0, after: AFTER, line: LINE, lineRule: LineRuleType.AUTO },
    children: docRuns(block.runs),
  });
}

const TABLE_SIZE = pt(13);

/** Column widths: the label column takes what the number columns (at least 1.8 cm each) leave. */
function dataColumnWidths(columns: number): number[] {
  if (columns === 1) return [TEXT_WIDTH];
  const numberWidth = Math.max(mm(18), Math.min(mm(30), Math.floor((TEXT_WIDTH * 0.6) / (columns - 1))));
  const first = Math.max(mm(40), TEXT_WIDTH - numberWidth * (columns - 1));
  const rest = Math.floor((TEXT_WIDTH - first) / (columns - 1));
  const widths = [first, ...Array.from({ length: columns - 1 }, () => rest)];
  widths[0] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** Column widths from the block's own layout (relative weights), filling the text width. */
function layoutWidths(layout: readonly TableColumn[]): number[] {
  const weights = layout.map((c) => (Number.isFinite(c.width) && c.width > 0 ? c.width : 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (sum > 0 ? Math.floor((TEXT_WIDTH * w) / sum) : Math.floor(TEXT_WIDTH / layout.length)));
  widths[0] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function dataTable(block: Extract<DocBlock, { kind: 'table' }>): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const columns = Math.max(block.header.length, ...block.rows.map((row) => row.cells.length), 0);
  if (block.title?.trim()) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: FIRST_LINE_INDENT },
        spacing: { before: 60, after: 60, line: LINE, lineRule: LineRuleType.AUTO },
        keepNext: true,
        children: textRuns(block.title, { bold: true }),
      }),
    );
  }
  if (columns === 0) {
    // Nothing to lay out: say so rather than writing a table Word cannot open.
    out.push(line('Không có số liệu.', { italic: true, alignment: AlignmentType.CENTER, after: AFTER, size: BODY_SIZE }));
    return out;
  }
  const layout = block.columns?.length === columns ? block.columns : undefined;
  const widths = layout ? layoutWidths(layout) : dataColumnWidths(columns);
  const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
  const alignOf = (column: number) => (layout ? ALIGN[layout[column]!.align] : column === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT);
  const cell = (text: string, column: number, options: { bold?: boolean; header?: boolean; italic?: boolean; span?: number }) =>
    new TableCell({
      width: { size: widths.slice(column, column + (options.span ?? 1)).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnSpan: options.span,
      margins: { top: 40, bottom: 40, left: 85, right: 85 },
      verticalAlign: VerticalAlign.CENTER,
      children: [
        line(text, {
          size: TABLE_SIZE,
          bold: options.bold,
          italic: options.italic,
          alignment: options.header ? AlignmentType.CENTER : alignOf(column),
        }),
      ],
    });

  const rows: TableRow[] = [];
  if (block.header.length) {
    rows.push(
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: widths.map((_, c) => cell(block.header[c] ?? '', c, { bold: true, header: true })),
      }),
    );
  }
  for (const row of block.rows) {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: widths.map((_, c) => cell(row.cells[c] ?? '', c, { bold: row.total })),
      }),
    );
  }
  if (!block.rows.length) {
    rows.push(
      new TableRow({
        children: [
          new TableCell({
            columnSpan: columns,
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            margins: { top: 40, bottom: 40, left: 85, right: 85 },
            children: [line('Không có số liệu.', { size: TABLE_SIZE, italic: true })],
          }),
        ],
      }),
    );
  }
  out.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: {
        top: THIN,
        bottom: THIN,
        left: THIN,
        right: THIN,
        insideHorizontal: THIN,
        insideVertical: THIN,
      },
      rows,
    }),
  );
  // Word glues two consecutive tables together; a short gap after the table keeps them apart.
  out.push(new Paragraph({ spacing: { before: 0, after: 60, line: 240, lineRule: LineRuleType.AUTO }, run: { size: 12 }, children: [] }));
  return out;
}

function closingTable(doc: ReportDocument): Table {
  const left: Paragraph[] = [];
  if (doc.recipients.length) {
    left.push(line('Nơi nhận:', { size: pt(12), bold: true, italic: true, alignment: AlignmentType.LEFT }));
    for (const recipient of doc.recipients) {
      left.push(line(`- ${recipient}`, { size: pt(11), alignment: AlignmentType.LEFT }));
    }
  }
  const right: Paragraph[] = doc.signature.authority.map((text) => line(upper(text), { size: pt(14), bold: true }));
  for (let i = 0; i < 4; i++) right.push(line('', { size: pt(14) }));
  if (doc.signature.signer.trim()) right.push(line(doc.signature.signer, { size: pt(14), bold: true, before: 240 }));
  const leftWidth = Math.round(TEXT_WIDTH * 0.45);
  return layoutTable([leftWidth, TEXT_WIDTH - leftWidth], left, right);
}

function blocks(doc: ReportDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'heading') out.push(heading(block));
    else if (block.kind === 'paragraph') out.push(paragraph(block));
    else for (const t of dataTable(block)) out.push(t);
  }
  return out;
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 0 },
        indent: { firstLine: 0 },
        children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(14) })],
      }),
    ],
  });
}

// ---- Entry point -------------------------------------------------------------------------------------

/** The report as a .docx file (Nghị định 30/2020 layout). */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (doc.draft) children.push(draftMark());
  children.push(headerTable(doc));
  // Appended one by one: spreading a long report's blocks into push() would overflow the stack.
  for (const p of titleParagraphs(doc)) children.push(p);
  for (const b of blocks(doc)) children.push(b);
  // Some space between the text and the signature block.
  children.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
  children.push(closingTable(doc));

  const document = new Document({
    title: clean(doc.meta.title),
    subject: clean(doc.documentType),
    creator: 'soyte',
    lastModifiedBy: 'soyte',
    description: `${doc.meta.templateCode} ${doc.meta.unitCode} ${doc.meta.period}`,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: FONT, hAnsi: FONT, eastAsia: FONT, cs: FONT },
            size: BODY_SIZE,
            sizeComplexScript: BODY_SIZE,
            color: BLACK,
            language: { value: 'vi-VN', eastAsia: 'vi-VN' },
          },
          paragraph: {
            spacing: { before: 0, after: AFTER, line: LINE, lineRule: LineRuleType.AUTO },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: PAGE.header,
              footer: PAGE.footer,
            },
          },
        },
        headers: {
          default: pageNumberHeader(),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
