// The HTML renderer: a standalone A4 page in the Nghị định 30/2020 layout that escapes everything it is
// given (report texts are typed by users) and marks figures for the app's difference highlighting.
import { describe, expect, it } from 'vitest';
import { NATIONAL_MOTTO, NATIONAL_TITLE } from '../document.js';
import { escapeHtml, renderHtml } from './html.js';
import { sampleDocument } from './sample.test-helper.js';

/** The inner HTML of the first element with this class (no nested element of the same tag assumed). */
function section(html: string, tag: string, cls: string): string {
  const match = new RegExp(`<${tag} class="[^"]*\\b${cls}\\b[^"]*"[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  expect(match, `<${tag} class="${cls}">`).not.toBeNull();
  return match![1];
}

describe('renderHtml', () => {
  it('is a standalone page: doctype, UTF-8, inline CSS, no external resources, no scripts', () => {
    const html = renderHtml(sampleDocument());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Báo cáo tháng 5 năm 2024</title>');
    expect(html).toMatch(/<style>[\s\S]*<\/style>/);
    expect(html).not.toMatch(/<link\b|<script\b|<img\b|@import|url\(|https?:\/\//i);
  });

  it('escapes every text: a <script> typed into a free block comes out as text', () => {
    const evil = '<script>alert("x")</script> & \'quoted\'';
    const doc = sampleDocument({
      header: { parentBody: 'SỞ Y TẾ <b>', issuingBody: 'TTYT "A"', number: 'Số: 1/BC-TTYT', placeDate: 'Hoằng Hóa, ngày 10 tháng 6 năm 2024' },
      summary: ['<img src=x onerror=alert(1)>'],
      blocks: [
        { kind: 'paragraph', source: 'free', runs: [{ text: evil, figure: 'value:"X"<y>' }] },
        { kind: 'table', title: '<i>t</i>', header: ['<th>'], rows: [{ cells: ['</td>'] }] },
      ],
      recipients: ['<u>Lưu</u>'],
      signature: { authority: ['<s>'], signer: '</table>' },
      meta: { ...sampleDocument().meta, title: '</title><script>x</script>' },
    });
    const html = renderHtml(doc);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
    expect(html).toContain('data-figure="value:&quot;X&quot;&lt;y&gt;"');
    expect(html).toContain('SỞ Y TẾ &lt;B&gt;');
    expect(html).toContain('TTYT &quot;A&quot;');
    expect(html).toContain('&lt;i&gt;t&lt;/i&gt;');
    expect(html).toContain('<th>&lt;th&gt;</th>');
    expect(html).toContain('<td>&lt;/td&gt;</td>');
    expect(html).toContain('- &lt;u&gt;Lưu&lt;/u&gt;');
    expect(html).toContain('&lt;/table&gt;');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>');
    expect(escapeHtml('a\u0000b\u0007c\td')).toBe('abc\td');
  });

  it('lays out the header as a borderless 40/60 two-column table with the national title and motto', () => {
    const html = renderHtml(sampleDocument());
    const header = section(html, 'table', 'doc-header');
    const [row1, row2] = header.split('</tr>');
    const [left, right] = row1.split('<td class="right">');
    expect(left).toContain('<td class="left">');
    expect(left).toContain('<span class="line parent-body">SỞ Y TẾ THANH HÓA</span>');
    expect(left).toContain('<span class="line issuing-body">TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA</span>');
    expect(left).toContain('<span class="rule issuing">');
    expect(right).toContain(`<span class="line national-title nowrap">${NATIONAL_TITLE}</span>`);
    expect(right).toContain(`<span class="line motto nowrap"><span>${NATIONAL_MOTTO}</span></span>`);
    // Number and place-and-date on one row, so they share a baseline.
    expect(row2).toContain('<span class="line number">Số: 12/BC-TTYT</span>');
    expect(row2).toContain('<span class="line place-date">Hoằng Hóa, ngày 10 tháng 6 năm 2024</span>');
    expect(html).toMatch(/\.doc-header td\.left \{ width: 40%; \}/);
    expect(html).toMatch(/\.doc-header td\.right \{ width: 60%; \}/);
    expect(html).toMatch(/table\.layout td \{ border: none;/);
    expect(html).toMatch(/\.doc-header \.motto > span \{[^}]*border-bottom: 1px solid #000/);
    expect(html).toMatch(/\.doc-header \.place-date \{[^}]*font-style: italic/);
    // Upper case is applied to the text itself (PDF text and copy-paste read the same).
    const lower = renderHtml(sampleDocument({ header: { ...sampleDocument().header, issuingBody: 'Trung tâm Y tế huyện Hoằng Hóa' } }));
    expect(lower).toContain('TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA');
  });

  it('marks a draft with "DỰ THẢO" above the header, and only a draft', () => {
    const draft = renderHtml(sampleDocument({ draft: true }));
    expect(draft).toContain('<div class="draft-mark"');
    expect(draft.indexOf('DỰ THẢO')).toBeLessThan(draft.indexOf('class="layout doc-header"'));
    expect(renderHtml(sampleDocument())).not.toContain('DỰ THẢO');
    expect(renderHtml(sampleDocument({ draft: true }), { lang: 'en' })).toContain('title="Draft, not issued yet"');
  });

  it('puts data-figure on the runs that show figures, and marks missing data', () => {
    const html = renderHtml(sampleDocument());
    expect(html).toContain('<span data-figure="value:EPI_FULL_U1:current">307</span>');
    expect(html).toContain('<span data-figure="pctPlan:EPI_FULL_U1:period">đạt 8,7 % kế hoạch</span>');
    expect(html).toContain('<span data-figure="value:COVID_DOSES.BOOSTER2:current"><b>42</b></span>');
    expect(html).toContain('<span data-figure="value:COVID_DOSES_CUM:current">509.591</span>');
    expect(html).toMatch(/<span class="missing" title="[^"]+" data-figure="value:CD_DENGUE:current">chưa có số liệu<\/span>/);
    expect(html).toContain('<i>nhắc lại lần 2</i>');
    // Yellow only on screen: the printed document has no background.
    expect(html).toMatch(/@media screen \{[\s\S]*\.missing \{ background: #fff3b0; \}[\s\S]*\}\s*@media print/);
    expect(html).toMatch(/^\.missing \{ font-style: italic; \}$/m);
  });

  it('sets the A4 page, margins, fonts, body text and page numbers from page 2 in CSS', () => {
    const html = renderHtml(sampleDocument());
    expect(html).toMatch(/@page \{\s*size: A4;\s*margin: 20mm 15mm 20mm 30mm;/);
    expect(html).toMatch(/@top-center \{\s*content: counter\(page\);/);
    expect(html).toMatch(/@page :first \{\s*@top-center \{ content: none; \}/);
    expect(html).toContain('font-family: "Times New Roman", "Liberation Serif"');
    expect(html).toMatch(/body \{[^}]*font-size: 14pt;[^}]*line-height: 1\.2;/);
    expect(html).toMatch(/\.body p, \.body \.heading \{[^}]*text-align: justify;[^}]*text-indent: 1\.27cm;[^}]*margin: 0 0 6pt;/);
    // On screen: a white A4 sheet with a shadow on grey; in print the sheet is the page itself.
    expect(html).toMatch(/@media screen \{[\s\S]*html \{ background: #d9d9d9; \}[\s\S]*width: 210mm;[\s\S]*box-shadow:/);
    expect(html).toMatch(/@media print \{[\s\S]*\.sheet \{ width: auto;[^}]*box-shadow: none; \}/);
    // Blocks that must not be split across pages.
    expect(html).toMatch(/table\.layout \{[^}]*page-break-inside: avoid;/);
    expect(html).toMatch(/table\.data tr \{ page-break-inside: avoid;/);
  });

  it('draws headings, tables and the closing block as the official format asks', () => {
    const html = renderHtml(sampleDocument());
    expect(html).toContain('<p class="title">BÁO CÁO</p>');
    expect(html).toContain('<p class="summary">Kết quả thực hiện công tác y tế tháng 05</p>');
    expect(html).toContain('<p class="heading h1" role="heading" aria-level="1">PHẦN THỨ NHẤT</p>');
    expect(html).toContain('<p class="heading h4" role="heading" aria-level="4">6.1. Công tác tiêm chủng mở rộng</p>');
    expect(html).toMatch(/\.body \.heading\.h4 \{ font-style: italic; \}/);
    expect(html).toMatch(/\.body \.heading\.h1 \{ text-align: center;/);
    // The data table: bold header, numbers right-aligned, total row bold.
    const table = section(html, 'table', 'data');
    expect(table).toContain('<thead><tr><th>Chỉ tiêu</th><th>Kế hoạch năm</th>');
    expect(table).toContain('<tr class="total"><td>Tổng cộng</td><td>7.000</td><td>550</td><td>2.681</td><td>38,3</td></tr>');
    expect(html).toMatch(/table\.data td \{ text-align: right; \}/);
    expect(html).toMatch(/table\.data tr\.total td \{ font-weight: bold; \}/);
    // Closing: Nơi nhận on the left, authority and signer on the right.
    const closing = section(html, 'table', 'closing');
    expect(closing).toContain('<div class="recipients-label">Nơi nhận:</div>');
    expect(closing).toContain('<div class="recipient">- Lưu: VT, HCTH.</div>');
    expect(closing).toMatch(/<div class="authority">KT\. GIÁM ĐỐC<\/div><div class="authority">PHÓ GIÁM ĐỐC<\/div><div class="signature-space"><\/div><div class="signer">Lê Trọng Tiến<\/div>/);
    expect(html).toMatch(/\.recipients-label \{ font-size: 12pt; font-weight: bold; font-style: italic;/);
    expect(html).toMatch(/\.recipient \{ font-size: 11pt;/);
  });

  it('a table with its own layout (a list of tasks): column widths and alignment', () => {
    const html = renderHtml(
      sampleDocument({
        blocks: [
          {
            kind: 'table',
            header: ['STT', 'Nội dung nhiệm vụ', 'Thời hạn'],
            rows: [{ cells: ['1', 'Rà soát hợp đồng', '05/11/2022'] }],
            columns: [{ width: 1, align: 'center' }, { width: 3, align: 'left' }, { width: 1, align: 'center' }],
          },
        ],
      }),
    );
    const table = section(html, 'table', 'data');
    expect(table).toContain('<colgroup><col style="width: 20.00%"><col style="width: 60.00%"><col style="width: 20.00%"></colgroup>');
    expect(table).toContain('<tr><td class="al-center">1</td><td class="al-left">Rà soát hợp đồng</td><td class="al-center">05/11/2022</td></tr>');
    expect(html).toMatch(/table\.data td\.al-center \{ text-align: center; \}/);
  });

  it('keeps the spaces of an unnumbered "Số:" line and handles empty tables and line breaks', () => {
    const doc = sampleDocument({
      header: { ...sampleDocument().header, number: 'Số:      /BC-TTYT' },
      blocks: [
        { kind: 'table', header: [], rows: [] },
        { kind: 'table', header: ['A', 'B'], rows: [] },
        { kind: 'paragraph', runs: [{ text: 'dòng 1\ndòng 2' }] },
      ],
      recipients: [],
    });
    const html = renderHtml(doc);
    expect(html).toContain('<span class="line number">Số:      /BC-TTYT</span>');
    expect(html).toMatch(/\.doc-header \.number \{ white-space: pre-wrap;/);
    expect(html).toContain('<td class="empty" colspan="2">Không có số liệu.</td>');
    expect(html).toContain('<i>Không có số liệu.</i>');
    expect(html).toContain('<p>dòng 1<br>dòng 2</p>');
    expect(html).not.toContain('Nơi nhận:');
  });
});
