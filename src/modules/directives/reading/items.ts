// Splitting a notice's text into what it asks: sections ("III. MỘT SỐ NỘI DUNG CẦN …"), numbered items
// ("1. Giao Phòng Kế hoạch Tài chính chủ trì …") and their points ("- Tiếp tục rà soát …", "a) …",
// "1- …", "+ …"), and unnumbered headings after them ("* Đối với các kiến nghị, đề xuất …:", an item of its
// own with the marker "*"). The addressees before the first item ("Kính gửi: - …") and the closing ("Trên
// đây …", "… thông báo … để … biết, thực hiện./.", "Nơi nhận: - …", the signature) are not items. Texts pasted from a PDF or a converted DOCX carry their
// artefacts: lines broken in mid-sentence (joined again when the next line goes on in lower case) and
// Markdown marks (`##`, `**`), which are removed. Positions refer to the cleaned text, which the
// reviewer sees with the findings highlighted.

export interface TextNode {
  kind: 'section' | 'item' | 'point';
  /** As written: "III", "1", "a", "-", "*". */
  marker: string;
  /** The node's own words (its first paragraph and the paragraphs that follow it before a child). */
  text: string;
  start: number;
  end: number;
  children: TextNode[];
}

export interface SplitNotice {
  /** The cleaned text the positions refer to. */
  text: string;
  /** Everything before the first section or item (title, addressees, preamble). */
  preamble: { start: number; end: number };
  /** Sections and items at the top, in order. */
  nodes: TextNode[];
  /** Where the closing begins ("Trên đây …", "Nơi nhận:", the signature); the text's end if none. */
  closing: number;
}

const SECTION = /^([IVX]{1,4})[.)]\s+\S/u;
const ITEM = /^(\d{1,2})[.)]\s+\S/u;
const LETTER = /^([a-zđ])\)\s+\S/u;
/** "1- Tập trung …": numbered points inside an item (seed 002). */
const NUMBERED_POINT = /^(\d{1,2})\s*-\s+\S/u;
const BULLET = /^([-+•–])\s+\S/u;
/** "* Đối với các kiến nghị, đề xuất …:": an unnumbered heading of its own, after the numbered items (seed 002). */
const STAR_HEADING = /^(\*)\s+\S/u;
/** The text of a notice ends with "./." (Nghị định 30/2020): a paragraph ending so closes it. */
const LAST_WORDS = /\.\/\.\s*$/u;
/** Paragraphs where the closing starts. */
const CLOSING = /^(?:Trên đây|Nơi nhận|Thừa lệnh|TL\.|KT\.|TM\.|Q\.\s*GIÁM ĐỐC|GIÁM ĐỐC$)/iu;

/** Removes Markdown marks, keeps one blank line between paragraphs, joins lines broken mid-sentence. */
export function cleanNoticeText(raw: string): string {
  const lines = raw
    .normalize('NFC')
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((l) =>
      l
        .replace(/^\s*#{1,6}\s*/u, '')
        .replace(/\*\*|__/gu, '')
        .replace(/(^|\s)\*(\S[^*]*?)\*(?=\s|[.,;:]|$)/gu, '$1$2')
        .replace(/[ \t]+/gu, ' ')
        .trim(),
    );
  const paragraphs: string[] = [];
  for (const line of lines) {
    if (line === '') continue;
    const prev = paragraphs[paragraphs.length - 1];
    // A line that goes on in lower case after one that did not end a sentence: a broken line.
    const continues = prev !== undefined && !/[.;:!?]$/u.test(prev) && /^[a-zà-ỹđ(]/u.test(line) && !BULLET.test(line) && !LETTER.test(line);
    if (continues) paragraphs[paragraphs.length - 1] = `${prev} ${line}`;
    else paragraphs.push(line);
  }
  return paragraphs.join('\n\n');
}

/** The sections, items and points of a notice. */
export function splitNotice(raw: string): SplitNotice {
  const text = cleanNoticeText(raw);
  const paras: { s: string; start: number; end: number }[] = [];
  for (let pos = 0; pos < text.length; ) {
    const next = text.indexOf('\n\n', pos);
    const end = next < 0 ? text.length : next;
    paras.push({ s: text.slice(pos, end), start: pos, end });
    pos = end + 2;
  }

  const nodes: TextNode[] = [];
  let section: TextNode | null = null;
  let item: TextNode | null = null;
  let last: TextNode | null = null;
  let firstStart = -1;
  let closing = text.length;
  const open = (kind: TextNode['kind'], marker: string, p: { s: string; start: number; end: number }): TextNode => {
    if (firstStart < 0) firstStart = p.start;
    return { kind, marker, text: p.s, start: p.start, end: p.end, children: [] };
  };

  for (const p of paras) {
    if (firstStart >= 0 && CLOSING.test(p.s)) {
      closing = p.start;
      break;
    }
    let m: RegExpExecArray | null;
    const marked = SECTION.test(p.s) || ITEM.test(p.s) || STAR_HEADING.test(p.s) || LETTER.test(p.s) || NUMBERED_POINT.test(p.s) || BULLET.test(p.s);
    if (firstStart >= 0 && !marked && LAST_WORDS.test(p.s)) {
      // "Văn phòng Tỉnh ủy thông báo ý kiến kết luận … để … biết, thực hiện./."
      closing = p.start;
      break;
    }
    if ((m = SECTION.exec(p.s))) {
      section = open('section', m[1]!, p);
      nodes.push(section);
      item = null;
      last = section;
    } else if ((m = ITEM.exec(p.s)) || (m = STAR_HEADING.exec(p.s))) {
      item = open('item', m[1]!, p);
      (section ? section.children : nodes).push(item);
      last = item;
    } else if (firstStart >= 0 && ((m = LETTER.exec(p.s)) || (m = NUMBERED_POINT.exec(p.s)) || (m = BULLET.exec(p.s)))) {
      const point = open('point', m[1]!, p);
      (item ?? section)?.children.push(point);
      last = point;
    } else if (last) {
      // A paragraph without a marker belongs to what precedes it.
      last.text += `\n\n${p.s}`;
      last.end = p.end;
    }
  }
  // A parent's span covers its children.
  const close = (n: TextNode): number => {
    for (const c of n.children) n.end = Math.max(n.end, close(c));
    return n.end;
  };
  nodes.forEach(close);
  return { text, preamble: { start: 0, end: firstStart < 0 ? closing : firstStart }, nodes, closing };
}
