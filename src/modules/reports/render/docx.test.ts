// The DOCX renderer: open the file back and check what a reader of an administrative document relies on
// (Nghị định 30/2020 layout, texts in order with their marks, page numbers from page 2, signer).
import { mkdirSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { DocBlock, ReportDocument } from '../document.js';
import { renderDocx } from './docx.js';
import { sampleDocument } from './sample.test-helper.js';

interface Opened {
  files: string[];
  document: string;
  styles: string;
  core: string;
  rels: string;
  part: (name: string) => Promise<string>;
}

async function open(buffer: Buffer): Promise<Opened> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`missing part ${name}`);
    return file.async('string');
  };
  return {
    files: Object.keys(zip.files),
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    core: await read('docProps/core.xml'),
    rels: await read('word/_rels/document.xml.rels'),
    part: read,
  };
}

const decode = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The paragraphs of a part, each with its XML and its plain text. */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?(?:\/>|>.*?<\/w:p>)/gs)].map((m) => ({
    xml: m[0],
    text: decode([...m[0].matchAll(/<w:t(?:\s[^>]*)?>(.*?)<\/w:t>/gs)].map((t) => t[1]).join('')),
  }));
}

/** The runs whose text is exactly `text`, with their run properties. */
function runsWithText(xml: string, text: string): string[] {
  return [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)]
    .filter((m) => [...m[1].matchAll(/<w:t(?:\s[^>]*)?>(.*?)<\/w:t>/gs)].map((t) => decode(t[1])).join('') === text)
    .map((m) => m[1].match(/<w:rPr>.*?<\/w:rPr>/s)?.[0] ?? '');
}

function runProps(xml: string, text: string): string {
  const found = runsWithText(xml, text);
  expect(found.length, `a run "${text}"`).toBeGreaterThan(0);
  return found[0];
}

const isBold = (rPr: string) => /<w:b\/>/.test(rPr);
const isItalic = (rPr: string) => /<w:i\/>/.test(rPr);

/** The top-level tables of the body, in order (tables are not nested in these documents). */
function tables(xml: string): string[] {
  return [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((m) => m[0]);
}

/** Well-formed XML: balanced tags, no raw control characters, entities only where XML allows them. */
function expectWellFormed(xml: string) {
  // eslint-disable-next-line no-control-regex
  expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)).toBe(false);
  expect(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(xml)).toBe(false);
  const stack: string[] = [];
  for (const tag of xml.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (tag[0].startsWith('<?')) continue;
    const [, closing, name, selfClosing] = tag;
    if (selfClosing) continue;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
}

/** Table and cell borders all "none" (paragraph borders, used for the short rules, do not count). */
function expectBorderless(table: string) {
  const borders = [...table.matchAll(/<w:(?:tblBorders|tcBorders)>(.*?)<\/w:(?:tblBorders|tcBorders)>/gs)].map((m) => m[1]);
  expect(borders.length).toBeGreaterThanOrEqual(1);
  for (const set of borders) {
    const sides = [...set.matchAll(/<w:(\w+) w:val="(\w+)"/g)];
    expect(sides.length).toBeGreaterThanOrEqual(4);
    for (const side of sides) expect(side[2], `border ${side[1]}`).toMatch(/^(none|nil)$/);
  }
  expect(table).toContain('<w:insideV w:val="none"');
}

function expectInOrder(haystack: string, needles: string[]) {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from);
    expect(at, `"${needle}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

describe('renderDocx', () => {
  it('lays out the sample report as an administrative document (Nghị định 30/2020)', async () => {
    const doc = sampleDocument();
    const buffer = await renderDocx(doc);
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/report-sample.docx', buffer);
    const file = await open(buffer);
    expectWellFormed(file.document);

    // A4 portrait; margins 20/20/30/15 mm; page numbers only from page 2.
    expect(file.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"( w:orient="portrait")?\/>/);
    const margins = file.document.match(/<w:pgMar [^>]*\/>/)?.[0] ?? '';
    expect(margins).toContain('w:top="1134"');
    expect(margins).toContain('w:bottom="1134"');
    expect(margins).toContain('w:left="1701"');
    expect(margins).toContain('w:right="850"');
    expect(file.document).toContain('<w:titlePg/>');

    // Times New Roman, black, 14 pt by default for every script.
    const defaults = file.styles.match(/<w:rPrDefault>.*?<\/w:rPrDefault>/s)?.[0] ?? '';
    for (const attr of ['w:ascii', 'w:hAnsi', 'w:eastAsia', 'w:cs']) expect(defaults).toContain(`${attr}="Times New Roman"`);
    expect(defaults).toContain('<w:sz w:val="28"/>');
    expect(defaults).toContain('<w:color w:val="000000"/>');
    expect(file.styles + file.document).not.toMatch(/w:(ascii|hAnsi)="(?!Times New Roman)[^"]+"/);

    // The default header carries the PAGE field at 14 pt; the first-page header carries none.
    const headerRefs = [...file.document.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"\/>/g)];
    const target = (id: string) => file.rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))?.[1] ?? file.rels.match(new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`))?.[1];
    const headers = Object.fromEntries(await Promise.all(headerRefs.map(async (m) => [m[1], await file.part(`word/${target(m[2])}`)] as const)));
    expect(Object.keys(headers).sort()).toEqual(['default', 'first']);
    expect(headers.default).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(headers.default).toContain('<w:jc w:val="center"/>');
    expect(headers.default).toContain('<w:sz w:val="28"/>');
    expect(headers.first).not.toContain('PAGE');

    // Header: borderless two-column table, about 40 % / 60 % of the text width.
    const [header, data, closing] = tables(file.document);
    const grid = [...header.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(2);
    expect(grid[0] / (grid[0] + grid[1])).toBeCloseTo(0.4, 1);
    expect(grid[0] + grid[1]).toBe(11906 - 1701 - 850);
    expectBorderless(header);
    const headerCells = [...header.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((m) => paragraphs(m[0]));
    expect(headerCells.map((cell) => cell.map((p) => p.text).filter(Boolean))).toEqual([
      ['SỞ Y TẾ THANH HÓA', 'TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA', 'Số: 12/BC-TTYT'],
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hoằng Hóa, ngày 10 tháng 6 năm 2024'],
    ]);
    for (const cell of headerCells) for (const p of cell) expect(p.xml).toContain('<w:jc w:val="center"/>');
    expect(isBold(runProps(header, 'SỞ Y TẾ THANH HÓA'))).toBe(false);
    expect(runProps(header, 'SỞ Y TẾ THANH HÓA')).toContain('<w:sz w:val="26"/>');
    expect(isBold(runProps(header, 'TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA'))).toBe(true);
    expect(isBold(runProps(header, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'))).toBe(true);
    expect(runProps(header, 'Độc lập - Tự do - Hạnh phúc')).toMatch(/<w:b\/>.*<w:sz w:val="28"\/>/s);
    expect(isItalic(runProps(header, 'Hoằng Hóa, ngày 10 tháng 6 năm 2024'))).toBe(true);
    // Two short rules: under the issuing body and under the motto (bottom-bordered empty paragraphs).
    const rules = headerCells.map((cell) => cell.filter((p) => /<w:pBdr><w:bottom w:val="single"/.test(p.xml)));
    expect(rules.map((r) => r.length)).toEqual([1, 1]);
    expect(headerCells[0].findIndex((p) => p === rules[0][0])).toBe(2);
    expect(headerCells[1].findIndex((p) => p === rules[1][0])).toBe(2);

    // All the texts, in order, with the Vietnamese diacritics intact, and the "./." ending.
    const body = paragraphs(file.document).map((p) => p.text).join('\n');
    expectInOrder(body, [
      'SỞ Y TẾ THANH HÓA',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'BÁO CÁO',
      'Kết quả thực hiện công tác y tế tháng 05',
      'và phương hướng nhiệm vụ tháng 06 năm 2024',
      'PHẦN THỨ NHẤT',
      'ĐẶC ĐIỂM TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN',
      'I. ĐẶC ĐIỂM TÌNH HÌNH',
      '1. Đặc điểm chung',
      'Hoằng Hóa là một huyện đồng bằng ven biển có diện tích 203 km² với dân số trên 23 vạn dân.',
      'II. KẾT QUẢ THỰC HIỆN CÔNG TÁC Y TẾ THÁNG 5 NĂM 2024',
      '6.1. Công tác tiêm chủng mở rộng',
      '- Số trẻ dưới 1 tuổi được tiêm chủng đầy đủ là 307 trẻ đạt 8,7 % kế hoạch.',
      'Tổng số 42 liều (nhắc lại lần 2). Tính đến ngày 31/5/2024 tổng số mũi tiêm trong huyện là 509.591 liều.',
      '- Số ca sốt xuất huyết: chưa có số liệu.',
      'Một số chỉ tiêu chính',
      'Chỉ tiêu',
      'Tổng cộng',
      'III. KIẾN NGHỊ',
      'tu sửa các trạm Y tế đã xuống cấp./.',
      'Nơi nhận:',
      '- Văn phòng Sở Y tế (B/c);',
      '- Lưu: VT, HCTH.',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Lê Trọng Tiến',
    ]);
    expect(body).not.toContain('DỰ THẢO');

    // Title and summary: bold, centred, 14 pt.
    const all = paragraphs(file.document);
    const title = all.find((p) => p.text === 'BÁO CÁO')!;
    expect(title.xml).toContain('<w:jc w:val="center"/>');
    expect(isBold(runProps(title.xml, 'BÁO CÁO'))).toBe(true);
    const summary = all.find((p) => p.text === 'Kết quả thực hiện công tác y tế tháng 05')!;
    expect(summary.xml).toContain('<w:jc w:val="center"/>');
    expect(isBold(runProps(summary.xml, 'Kết quả thực hiện công tác y tế tháng 05'))).toBe(true);

    // Headings: level 1 centred bold; 2 and 3 bold; 4 bold italic; all kept with the next paragraph.
    const h1 = all.find((p) => p.text === 'PHẦN THỨ NHẤT')!;
    expect(h1.xml).toContain('<w:jc w:val="center"/>');
    expect(h1.xml).toContain('<w:keepNext/>');
    expect(isBold(runProps(h1.xml, 'PHẦN THỨ NHẤT'))).toBe(true);
    for (const text of ['I. ĐẶC ĐIỂM TÌNH HÌNH', '1. Đặc điểm chung']) {
      const p = all.find((x) => x.text === text)!;
      expect(p.xml).toContain('<w:keepNext/>');
      expect(p.xml).toContain('w:firstLine="720"');
      expect(isBold(runProps(p.xml, text))).toBe(true);
      expect(isItalic(runProps(p.xml, text))).toBe(false);
    }
    const h4 = runProps(file.document, '6.1. Công tác tiêm chủng mở rộng');
    expect(isBold(h4) && isItalic(h4)).toBe(true);

    // Body paragraphs: justified, first-line indent 1.27 cm, ≥ 6 pt after, ~1.15 line spacing.
    const body1 = all.find((p) => p.text.startsWith('Hoằng Hóa là một huyện'))!;
    expect(body1.xml).toContain('<w:jc w:val="both"/>');
    expect(body1.xml).toContain('w:firstLine="720"');
    expect(Number(body1.xml.match(/w:after="(\d+)"/)?.[1])).toBeGreaterThanOrEqual(120);
    expect(body1.xml).toContain('w:line="276"');

    // Marks of the runs: bold figure, italic words, the missing-data placeholder in italics, plain figures.
    expect(isBold(runProps(file.document, '42'))).toBe(true);
    expect(isItalic(runProps(file.document, 'nhắc lại lần 2'))).toBe(true);
    expect(isItalic(runProps(file.document, 'chưa có số liệu'))).toBe(true);
    expect(isBold(runProps(file.document, '509.591'))).toBe(false);
    expect(isItalic(runProps(file.document, '509.591'))).toBe(false);

    // Data table: full width, bordered, header bold centred, labels left, numbers right, total bold.
    const dataGrid = [...data.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(dataGrid).toHaveLength(5);
    expect(dataGrid.reduce((a, b) => a + b, 0)).toBe(11906 - 1701 - 850);
    expect(data).toMatch(/<w:tblBorders><w:top w:val="single"/);
    expect(data).toContain('<w:insideV w:val="single"');
    const rows = [...data.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((m) => [...m[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((c) => c[0]));
    expect(rows).toHaveLength(4);
    expect(rows[0][1]).toContain('<w:jc w:val="center"/>');
    expect(isBold(runProps(rows[0][1], 'Kế hoạch năm'))).toBe(true);
    expect(rows[1][0]).toContain('<w:jc w:val="left"/>');
    expect(rows[1][2]).toContain('<w:jc w:val="right"/>');
    expect(isBold(runProps(rows[1][2], '307'))).toBe(false);
    expect(runProps(rows[1][2], '307')).toContain('<w:sz w:val="26"/>');
    expect(isBold(runProps(rows[3][0], 'Tổng cộng'))).toBe(true);
    expect(isBold(runProps(rows[3][3], '2.681'))).toBe(true);
    expect(data).toContain('<w:tblHeader/>');
    const tableTitle = all.find((p) => p.text === 'Một số chỉ tiêu chính')!;
    expect(isBold(runProps(tableTitle.xml, 'Một số chỉ tiêu chính'))).toBe(true);

    // Closing: borderless two columns; recipients on the left, authority and signer on the right.
    expectBorderless(closing);
    const [left, right] = [...closing.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((m) => m[0]);
    const noiNhan = runProps(left, 'Nơi nhận:');
    expect(isBold(noiNhan) && isItalic(noiNhan)).toBe(true);
    expect(noiNhan).toContain('<w:sz w:val="24"/>');
    expect(paragraphs(left).map((p) => p.text)).toEqual(['Nơi nhận:', ...doc.recipients.map((r) => `- ${r}`)]);
    expect(runProps(left, '- Lưu: VT, HCTH.')).toContain('<w:sz w:val="22"/>');
    const rightTexts = paragraphs(right).map((p) => p.text);
    expect(rightTexts[0]).toBe('KT. GIÁM ĐỐC');
    expect(rightTexts[1]).toBe('PHÓ GIÁM ĐỐC');
    expect(rightTexts.at(-1)).toBe('Lê Trọng Tiến');
    expect(rightTexts.slice(2, -1).every((t) => t === '')).toBe(true);
    expect(rightTexts.length - 3).toBeGreaterThanOrEqual(4);
    expect(isBold(runProps(right, 'KT. GIÁM ĐỐC'))).toBe(true);
    expect(isBold(runProps(right, 'Lê Trọng Tiến'))).toBe(true);
    for (const p of paragraphs(right)) expect(p.xml).toContain('<w:jc w:val="center"/>');

    // Document properties.
    expect(file.core).toContain('<dc:title>Báo cáo tháng 5 năm 2024</dc:title>');
    expect(file.core).toContain('<dc:creator>soyte</dc:creator>');
  });

  it('marks a draft with a bold "DỰ THẢO" above the header', async () => {
    const file = await open(await renderDocx(sampleDocument({ draft: true })));
    const all = paragraphs(file.document);
    expect(all[0].text).toBe('DỰ THẢO');
    expect(isBold(runProps(all[0].xml, 'DỰ THẢO'))).toBe(true);
    expect(all[0].xml).toMatch(/<w:pBdr><w:top w:val="single"/);
    // It comes before the header table.
    expect(file.document.indexOf('DỰ THẢO')).toBeLessThan(file.document.indexOf('<w:tbl>'));
  });

  it('keeps odd content readable: empty tables, long and multi-line text, XML-special characters', async () => {
    const long = 'Trạm Y tế xã Hoằng Lộc tiếp tục triển khai công tác khám chữa bệnh. '.repeat(120);
    const blocks: DocBlock[] = [
      { kind: 'table', title: 'Bảng trống', header: ['Chỉ tiêu', 'Số liệu'], rows: [] },
      { kind: 'table', header: [], rows: [] },
      { kind: 'table', header: ['A', 'B'], rows: [{ cells: ['Chỉ một ô'] }, { cells: ['x', '1', 'thừa'] }] },
      { kind: 'paragraph', source: 'free', runs: [{ text: long }] },
      { kind: 'paragraph', source: 'free', runs: [{ text: 'Dòng một\nDòng hai & <ba> "bốn"\u0007 kết thúc./.' }] },
    ];
    const doc: ReportDocument = sampleDocument({
      blocks,
      summary: [],
      recipients: [],
      header: { parentBody: '', issuingBody: 'Trạm Y tế xã Hoằng Lộc', number: 'Số:      /BC-TYT', placeDate: 'Hoằng Lộc, ngày 05 tháng 02 năm 2025' },
      signature: { authority: ['Trưởng trạm'], signer: '' },
    });
    const file = await open(await renderDocx(doc));
    expectWellFormed(file.document);
    const texts = paragraphs(file.document).map((p) => p.text);
    // Upper case where the format wants it, whatever was typed.
    expect(texts).toContain('TRẠM Y TẾ XÃ HOẰNG LỘC');
    expect(texts).toContain('TRƯỞNG TRẠM');
    // The blank number keeps its spaces for the hand-written number.
    expect(file.document).toContain('<w:t xml:space="preserve">Số:      /BC-TYT</w:t>');
    // An empty table says so (inside the table when it has columns, as a line when it has none).
    expect(texts.filter((t) => t === 'Không có số liệu.')).toHaveLength(2);
    const all = tables(file.document);
    expect(all).toHaveLength(4); // header, two data tables (the one without columns is a line), closing
    const [, first, second] = all;
    expect(first).toContain('Không có số liệu.');
    expect(first).toContain('<w:gridSpan w:val="2"/>');
    expect(second).toContain('Chỉ một ô');
    // Rows are padded or widened to the widest row, so every row has the same number of cells.
    expect([...second.matchAll(/<w:gridCol /g)]).toHaveLength(3);
    for (const row of second.matchAll(/<w:tr>.*?<\/w:tr>/gs)) expect([...row[0].matchAll(/<w:tc>/g)]).toHaveLength(3);
    expect(texts.join('\n')).toContain(long.trim());
    // A newline becomes a line break, special characters are escaped, control characters dropped.
    expect(file.document).toMatch(/Dòng một<\/w:t><\/w:r><w:r><w:br\/><w:t xml:space="preserve">Dòng hai &amp; &lt;ba&gt; &quot;bốn&quot; kết thúc\.\/\./);
    // No recipients: no "Nơi nhận:" line; no signer: no empty bold name.
    expect(texts).not.toContain('Nơi nhận:');
  });

  it('a table with its own layout (a list of tasks): widths by weight, alignment per column', async () => {
    const doc = sampleDocument({
      blocks: [
        {
          kind: 'table',
          header: ['STT', 'Nội dung nhiệm vụ', 'Thời hạn'],
          rows: [{ cells: ['1', 'Rà soát hợp đồng', '05/11/2022'] }],
          columns: [{ width: 1, align: 'center' }, { width: 3, align: 'left' }, { width: 1, align: 'center' }],
        },
      ],
    });
    const file = await open(await renderDocx(doc));
    const [, data] = tables(file.document);
    const grid = [...data!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const width = 11906 - 1701 - 850;
    expect(grid.reduce((a, b) => a + b, 0)).toBe(width);
    expect(Math.abs(grid[1]! - 3 * grid[2]!)).toBeLessThanOrEqual(3);
    const [, row] = [...data!.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((m) => [...m[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((c) => c[0]));
    expect(row![0]).toContain('<w:jc w:val="center"/>');
    expect(row![1]).toContain('<w:jc w:val="left"/>');
    expect(row![2]).toContain('<w:jc w:val="center"/>');
  });

  it('renders a report of about 200 paragraphs well under 200 ms', async () => {
    const base = sampleDocument();
    const blocks: DocBlock[] = [];
    for (let i = 0; i < 20; i++) {
      blocks.push({ kind: 'heading', level: 3, runs: [{ text: `${i + 1}. Mục ${i + 1}` }] });
      for (let j = 0; j < 9; j++) {
        blocks.push({
          kind: 'paragraph',
          runs: [
            { text: '- Tổng số lượt khám bệnh trong tháng là ' },
            { text: '12.345', figure: 'value:X:current' },
            { text: ' lượt, ' },
            { text: 'tăng 1.234 lượt so với cùng kỳ', bold: true },
            { text: '; lũy kế ' },
            { text: 'chưa có số liệu', missing: true },
            { text: '.' },
          ],
        });
      }
      if (i % 5 === 0) blocks.push(base.blocks.find((b) => b.kind === 'table')!);
    }
    const doc = sampleDocument({ blocks });
    await renderDocx(doc); // warm up the module and the JIT
    const times: number[] = [];
    for (let k = 0; k < 3; k++) {
      const start = performance.now();
      const buffer = await renderDocx(doc);
      times.push(performance.now() - start);
      expect(buffer.length).toBeGreaterThan(5000);
    }
    expect(Math.min(...times)).toBeLessThan(200);
  });
});
