// A task's expected output, when its words say what to deliver and to whom: "báo cáo Sở Y tế", "báo
// cáo kết quả cho Thường trực Tỉnh ủy", "báo cáo các khó khăn, bất cập … về Sở Y tế", "kiến nghị, đề xuất
// … về Sở Y tế (qua phòng Kế hoạch Tài chính)". Long phrases are shortened in the middle ("báo cáo tình
// hình hoạt động … về Sở Y tế"); the span covers all the words.

export interface OutputFound {
  value: string;
  quote: string;
  start: number;
  end: number;
}

const RECIPIENT = String.raw`(?:Sở Y tế|SYT|Ban Thường vụ Tỉnh ủy|Thường trực Tỉnh ủy|Tỉnh ủy|Thường trực HĐND tỉnh|HĐND tỉnh|Hội đồng nhân dân tỉnh|UBND tỉnh|Ủy ban nhân dân tỉnh|Bộ Y tế|Ban Giám đốc Sở(?: Y tế)?|Giám đốc Sở(?: Y tế)?|Thủ tướng Chính phủ|Chính phủ)`;
const VIA = String.raw`(?:\s*\((?:qua|thông qua)\s[^)]{1,60}\))?`;
/** "báo cáo Sở Y tế"; "báo cáo … về/cho/lên Sở Y tế"; "kiến nghị, đề xuất … về Sở Y tế". */
const OUTPUT = new RegExp(
  String.raw`(?<!\p{L})([Bb]áo cáo|[Kk]iến nghị, đề xuất|[Kk]iến nghị|[Đđ]ề xuất)((?:\s+(?:[^.\n]|\.(?!\s*\p{Lu}|\s*$)){0,300}?)??)(?:\s+(?:về|cho|lên|gửi|gửi về|tới)\s+|(?<=báo cáo)\s+)${RECIPIENT}(?!\p{L})${VIA}`,
  'u', // not 'i': \p{Lu} must stay upper case
);

const MAX = 90;
/** The recipient and the word before it, at the phrase's end. */
const TAIL = new RegExp(String.raw`(?:\s+(?:về|cho|lên|gửi về|gửi|tới))?\s+${RECIPIENT}${VIA}$`, 'u');

/** The first phrase of `text` that names a deliverable and its recipient. */
export function findOutput(text: string): OutputFound | null {
  const m = OUTPUT.exec(text);
  if (!m) return null;
  // The nearest "báo cáo" before the recipient is the deliverable ("… đề xuất phê duyệt …; … báo cáo Sở Y tế")
  const gap = `${m[1]}${m[2]}`;
  const reports = [...gap.matchAll(/(?<!\p{L})báo cáo(?!\p{L})/giu)];
  const others = [...gap.matchAll(/(?<!\p{L})(?:kiến nghị|đề xuất)(?!\p{L})/giu)];
  const from = (reports.length > 0 ? reports[reports.length - 1]! : others[others.length - 1]!).index!;
  const start = m.index + from;
  const quote = m[0].slice(from);
  const end = start + quote.length;
  if (quote.length <= MAX) return { value: quote, quote, start, end };
  const tail = TAIL.exec(quote)?.[0] ?? quote.slice(-40);
  const head = quote.slice(0, 45).replace(/\s+\S*$/u, '');
  return { value: `${head} …${tail.replace(/^\s+/u, ' ')}`, quote, start, end };
}
