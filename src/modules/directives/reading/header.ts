// Reading a notice's header and signature (Nghị định 30/2020/NĐ-CP, Phụ lục I): what kind of document
// it is, its number ("Số: 272/TB-UBND"), its date ("Quảng Ninh, ngày 24 tháng 10 năm 2022"), who issues
// it, who signs it, and the meeting it concludes ("Ngày 22/10/2022, đồng chí … đã chủ trì Hội nghị …").
// Texts pasted from a PDF often lose the two-column header: then the issuer is read from the words
// "Kết luận của Giám đốc Sở Y tế", "Thừa lệnh Giám đốc Sở Y tế", "Trên đây … của Giám đốc Sở Y tế".
// Every finding keeps the words it came from and where they are in the text given.

export type DocumentKind = 'conclusion_notice' | 'official_letter' | 'plan' | 'directive' | 'decision' | 'oral';

export interface Found<T = string> {
  value: T;
  quote: string;
  start: number;
  end: number;
}

export interface MeetingFound {
  name: Found | null;
  date: Found | null;
  chair: Found | null;
}

export interface DocumentHeader {
  kind: Found<DocumentKind> | null;
  number: Found | null;
  /** YYYY-MM-DD; null when the header has no full date ("ngày tháng 7 năm 2020" of a draft). */
  date: Found | null;
  issuer: Found | null;
  signer: Found | null;
  /** The signing authority's lines: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG". */
  signerTitle: Found | null;
  meeting: MeetingFound | null;
}

const pad = (n: string) => n.padStart(2, '0');
const isoDate = (d: string, m: string, y: string): string | null => {
  const [dd, mm, yy] = [Number(d), Number(m), Number(y)];
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= last && yy >= 1900 ? `${y}-${pad(m)}-${pad(d)}` : null;
};
const found = <T>(value: T, text: string, start: number, end: number): Found<T> => ({ value, quote: text.slice(start, end), start, end });
/** The match's group `g` as a finding (its position computed from the match). */
function group(m: RegExpExecArray, g: number, text: string): Found | null {
  const s = m[g];
  if (s === undefined) return null;
  const start = m.index + m[0].indexOf(s);
  return found(s.trim(), text, start, start + s.trim().length);
}

/** A date written "24/10/2022" or "24 tháng 10 năm 2022" as YYYY-MM-DD. */
const DATE_WORDS = String.raw`(\d{1,2})\s*(?:\/|-|\.|\s+tháng\s+)(\d{1,2})\s*(?:\/|-|\.|\s+năm\s+)(\d{4})`;

/** Where the header ends: at the first numbered item or section, or 3,000 characters in. */
function headerEnd(text: string): number {
  const m = /\n\s*(?:[IVX]{1,4}|\d{1,2})[.)]\s+\S/u.exec(text);
  return Math.min(m ? m.index : text.length, 3000);
}

/** The header, the signature and the meeting of a notice. Positions refer to `text` as given. */
export function parseHeader(text: string): DocumentHeader {
  const head = text.slice(0, headerEnd(text));
  const number = findNumber(head, text);
  return {
    kind: findKind(head, text, number),
    number,
    date: findDate(head, text),
    issuer: findIssuer(head, text),
    ...findSignature(text),
    meeting: findMeeting(head, text),
  };
}

function findNumber(head: string, text: string): Found | null {
  const m = /Số\s*:\s*(\d*\s*\/\s*[\dA-ZĐ]+(?:[-–][\dA-ZĐ]+)*(?:\s*\/\s*[A-ZĐ-]+)?)/u.exec(head);
  if (!m) return null;
  const g = group(m, 1, text)!;
  return { ...g, value: g.value.replace(/\s+/gu, '') };
}

const TITLES: [RegExp, DocumentKind][] = [
  [/^CÔNG VĂN(?!\p{L})/u, 'official_letter'],
  [/^KẾ HOẠCH(?!\p{L})/u, 'plan'],
  [/^CHỈ THỊ(?!\p{L})/u, 'directive'],
  [/^QUYẾT ĐỊNH(?!\p{L})/u, 'decision'],
  [/^Ý KIẾN CHỈ ĐẠO(?!\p{L})/u, 'oral'],
];
const SYMBOLS: [RegExp, DocumentKind][] = [
  [/\/KH-/u, 'plan'],
  [/\/CT-/u, 'directive'],
  [/\/QĐ-/u, 'decision'],
];

function findKind(head: string, text: string, number: Found | null): Found<DocumentKind> | null {
  const lines = /(?:^|\n)[ \t*#]*(THÔNG BÁO|CÔNG VĂN|KẾ HOẠCH|CHỈ THỊ|QUYẾT ĐỊNH|Ý KIẾN CHỈ ĐẠO)(?=[\s*:]|$)/gu;
  for (let m = lines.exec(head); m; m = lines.exec(head)) {
    const title = group(m, 1, text)!;
    if (title.value === 'THÔNG BÁO') {
      // A notice "of conclusions" or "of the directions" given at a meeting
      const next = head.slice(title.end, title.end + 200);
      if (/kết luận|ý kiến chỉ đạo/iu.test(next)) return { ...title, value: 'conclusion_notice' };
      continue;
    }
    const kind = TITLES.find(([re]) => re.test(title.value))?.[1];
    if (kind) return { ...title, value: kind };
  }
  const vv = /(?:^|\n)[ \t*]*(V\/v)\s/u.exec(head);
  if (vv) return { ...group(vv, 1, text)!, value: 'official_letter' };
  if (number) {
    const kind = SYMBOLS.find(([re]) => re.test(number.value))?.[1];
    if (kind) return { ...number, value: kind };
    // "Số: 45/SYT-NVY": a letter's symbol names no kind of document
    if (/^\d*\/(?!TB-|BC-|TTr-|HD-)[A-ZĐ]+-/u.test(number.value)) return { ...number, value: 'official_letter' };
  }
  const oral = /chỉ đạo (?:trực tiếp|bằng lời|qua điện thoại)/iu.exec(head);
  return oral ? found('oral' as const, text, oral.index, oral.index + oral[0].length) : null;
}

function findDate(head: string, text: string): Found | null {
  // "Quảng Ninh, ngày 24 tháng 10 năm 2022", "Hà Nội, ngày 05/11/2022"
  const m =
    new RegExp(String.raw`(?:^|\n)[ \t*]*[\p{Lu}][\p{L} .]{1,40},\s*ngày\s+${DATE_WORDS}`, 'u').exec(head) ??
    // on the number's line ("Số: 3456/TB-SYT    Quảng Ninh, ngày 24 tháng 10 năm 2022")
    new RegExp(String.raw`\s[\p{Lu}][\p{L}.]*(?:[ \t]+[\p{L}.]+){0,3},\s*ngày\s+${DATE_WORDS}`, 'u').exec(head);
  if (!m) return null;
  const value = isoDate(m[1]!, m[2]!, m[3]!);
  const start = m.index + m[0].search(/\S/u);
  return value ? found(value, text, start, m.index + m[0].length) : null;
}

/** Issuing bodies as the header's left column writes them. */
const BODY = /^(?:UBND|ỦY BAN NHÂN DÂN|SỞ|TỈNH ỦY|THÀNH ỦY|BAN|BỘ|TRUNG TÂM|BỆNH VIỆN|HĐND|HỘI ĐỒNG NHÂN DÂN|VĂN PHÒNG|ĐẢNG ỦY|THƯỜNG TRỰC|CỤC|CHI CỤC)(?=\s|$)[^\n]*$/u;
const ROLE = String.raw`(?:đồng chí\s+)?(?:Phó\s+)?(?:Giám đốc|Chủ tịch|Bí thư|Trưởng|Thủ trưởng|Chánh Văn phòng)\s+`;

function findIssuer(head: string, text: string): Found | null {
  // 1. The header's issuing body: the last body line before "Số:" or the national motto, with the
  //    upper-case lines that go on with it ("ỦY BAN NHÂN DÂN" / "TỈNH THANH HÓA").
  const number = head.search(/Số\s*:/u);
  const stop = number >= 0 ? number : head.search(/CỘNG HÒA|CỘNG HOÀ/u);
  const lines = [...head.slice(0, stop < 0 ? 0 : stop).matchAll(/[^\n]+/gu)].map((l) => {
    // A two-column header pasted as rows: "UBND TỈNH QUẢNG NINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    const s = l[0].replace(/\*+/gu, '').replace(/\s*\|?\s*(?:CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP).*$/u, '').replace(/^\|\s*|\s*\|$/gu, '').trim();
    return { s, start: l.index! + l[0].indexOf(s) };
  });
  const upper = (s: string) => s !== '' && s === s.toUpperCase() && /\p{Lu}/u.test(s);
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!upper(lines[i]!.s) || !BODY.test(lines[i]!.s)) continue;
    let j = i;
    while (j + 1 < lines.length && upper(lines[j + 1]!.s) && !BODY.test(lines[j + 1]!.s)) j++;
    const last = lines[j]!;
    const value = lines.slice(i, j + 1).map((l) => l.s).join(' ');
    return { value, quote: text.slice(lines[i]!.start, last.start + last.s.length), start: lines[i]!.start, end: last.start + last.s.length };
  }
  // 2. Whose words the notice says it carries: "Thừa lệnh Giám đốc Sở Y tế", "Trên đây … của Giám đốc Sở Y tế"
  const closing = new RegExp(String.raw`(?:Thừa lệnh|TL\.)\s+${ROLE}([^,.\n]+)|Trên đây\s+(?:là\s+)?(?:ý kiến chỉ đạo|kết luận|ý kiến kết luận)\s+của\s+${ROLE}((?:[^\s,.]+\s?){1,5}?)(?=\s+(?:tại|về|đối với)\s|[,.\n])`, 'u').exec(text);
  if (closing) return group(closing, closing[1] ? 1 : 2, text);
  // 3. The title: "Kết luận của Giám đốc Sở Y tế", "KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY"
  const title = new RegExp(String.raw`(?:kết luận|ý kiến chỉ đạo)\s+của\s+(?:${ROLE})?((?:[^\s,.]+\s?){1,5}?)(?=\s+tại\s|\s*\n|[,.]|$)`, 'iu').exec(head);
  return title ? group(title, 1, text) : null;
}

const AUTHORITY = /^(?:(?:KT|TL|TM|TUQ|Q)\.\s*)?(?:PHÓ\s+)?(?:GIÁM ĐỐC|CHỦ TỊCH|CHÁNH VĂN PHÒNG|PHÓ CHÁNH VĂN PHÒNG|TRƯỞNG PHÒNG|THỦ TRƯỞNG|BÍ THƯ|UBND|ỦY BAN NHÂN DÂN|SỞ Y TẾ|BAN THƯỜNG VỤ|THƯỜNG TRỰC|TỈNH ỦY|HỘI ĐỒNG)[^\n]*$/u;
const PERSON = /^(?:\p{Lu}[\p{Ll}\p{Lu}]*)(?:\s+\p{Lu}[\p{Ll}\p{Lu}]*){1,4}$/u;

/** The signer: the name under the signing authority's lines, at the end of the text. */
function findSignature(text: string): { signer: Found | null; signerTitle: Found | null } {
  const lines = [...text.matchAll(/[^\n]+/gu)].slice(-14).map((m) => {
    const s = m[0].replace(/\*+/gu, '').replace(/\s*\((?:đã\s+)?ký[^)]*\)\s*$/iu, '').trim();
    return { s, start: m.index! + m[0].indexOf(s) };
  });
  for (let i = lines.length - 1; i >= 0; i--) {
    const { s, start } = lines[i]!;
    if (!PERSON.test(s) || AUTHORITY.test(s)) continue;
    // Above it: its authority (the seal's note "(đã ký)" may stand between)
    let j = i - 1;
    while (j >= 0 && /^\((?:đã )?ký/iu.test(lines[j]!.s)) j--;
    let k = j;
    while (k >= 0 && AUTHORITY.test(lines[k]!.s)) k--;
    if (k === j) continue;
    const first = lines[k + 1]!;
    const last = lines[j]!;
    return { signer: found(s, text, start, start + s.length), signerTitle: found(lines.slice(k + 1, j + 1).map((l) => l.s).join(' / '), text, first.start, last.start + last.s.length) };
  }
  return { signer: null, signerTitle: null };
}

function findMeeting(head: string, text: string): MeetingFound | null {
  // "Ngày 22/10/2022, đồng chí … - Giám đốc Sở Y tế đã chủ trì Hội nghị …." / "Sáng ngày 08/9/2016, đồng chí … đã có
  // buổi làm việc với Sở Y tế về …." / "Ngày 08 tháng 7 năm 2020, Sở Y tế Lai Châu tổ chức Hội nghị … tại Hội trường …"
  const said = new RegExp(
    String.raw`(?:(?:Sáng|Chiều|Tối)\s+)?[Nn]gày\s+${DATE_WORDS}\s*,\s*([^,.\n]{3,120}?)\s+(?:đã\s+)?(chủ trì|có|tổ chức|họp)\s+((?:cuộc họp|hội nghị|buổi làm việc|phiên họp|buổi|họp)\s[^\n]*?)(?=\s+tại\s+(?:hội trường|trụ sở|phòng họp)|\.(?:\s|$)|\n|$)`,
    'iu',
  ).exec(head);
  const title = new RegExp(String.raw`(?:kết luận|ý kiến chỉ đạo)\s+của\s+([^\n]{3,80}?)\s+tại\s+((?:cuộc họp|hội nghị|buổi làm việc|phiên họp)[^\n]*?)(?=\.\s|\.?\n|\.?$)`, 'iu').exec(head);
  if (!said && !title) return null;
  let meeting: MeetingFound = { name: null, date: null, chair: null };
  if (said) {
    const date = isoDate(said[1]!, said[2]!, said[3]!);
    const written = new RegExp(DATE_WORDS, 'u').exec(said[0])!;
    const dateStart = said.index + written.index;
    const chaired = /^(?:chủ trì|có)$/iu.test(said[5]!) || /^đồng chí\s/iu.test(said[4]!);
    const chair = group(said, 4, text);
    meeting = {
      name: group(said, 6, text),
      date: date ? found(date, text, dateStart, dateStart + written[0].length) : null,
      chair: chaired && chair ? { ...chair, value: chair.value.replace(/^đồng chí\s+/iu, '') } : null,
    };
  }
  if (title) {
    meeting.chair ??= group(title, 1, text);
    meeting.name ??= group(title, 2, text);
  }
  return meeting;
}
