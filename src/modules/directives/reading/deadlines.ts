// Reading a task's deadline and recurrence from the words of a conclusion notice, as Vietnamese
// administrative texts write them (seeds 000, 002, 003, 004 and DOMAIN.md):
//   "báo cáo Sở Y tế trước ngày 05/11/2022"         → 2022-11-05 (the day named is the last day)
//   "chậm nhất ngày 8/10/2016"                      → 2016-10-08
//   "Hoàn thành trước tháng 10/2020"                → 2020-09-30 (before the month: its eve)
//   "trước 28/10"                                   → 28/10 of the document's year (or the next one
//                                                     when that day is already past on the document's date)
//   "trong tháng 12", "trong quý III/2023", "trong 6 tháng đầu năm 2024", "trong năm 2023"
//                                                   → the last day of that month, quarter, half or year
//   "phấn đấu đến hết 31/12/2022 …"                  → 2022-12-31 (a target by that day)
//   "thường xuyên"                                  → no deadline: an ongoing task
//   "dự kiến sửa chữa … trong năm 2023"             → a forecast, no deadline (findTaskDeadline)
//   "Định kỳ hàng tháng, quý, 6 tháng, 9 tháng, năm báo cáo …" → recurring, one occurrence per period
// Rule-based and explainable: every finding keeps the words it came from and where they are.

export interface DeadlineFound {
  /** The last day (YYYY-MM-DD); null for an ongoing task ("thường xuyên"). */
  date: string | null;
  /** How precise the words were: a day, or the end of a month, quarter, half-year or year. */
  precision: 'day' | 'month' | 'quarter' | 'half' | 'year' | 'ongoing';
  /** The words it came from, and where they are in the text. */
  quote: string;
  start: number;
  end: number;
}

export type RecurrencePeriod = 'MONTHLY' | 'QUARTERLY' | 'SIXMONTHLY' | 'NINEMONTHS' | 'YEARLY';

export interface RecurrenceFound {
  /** Each period the text asks for (a report "hàng tháng, quý, 6 tháng, 9 tháng, năm" asks for five). */
  periods: RecurrencePeriod[];
  /** "trước ngày 20 hàng tháng": the day of the period by which each occurrence is due. */
  dayOfPeriod: number | null;
  quote: string;
  start: number;
  end: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A real calendar day of the years soyte stores, or null. */
function day(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m))) return null;
  return iso(y, m, d);
}

const endOfMonth = (y: number, m: number) => day(y, m, lastDayOfMonth(y, m));

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const quarterNumber = (s: string): number | null => {
  const q = /^\d$/.test(s) ? Number(s) : ROMAN[s.toLowerCase()];
  return q !== undefined && q >= 1 && q <= 4 ? q : null;
};

/** A year written with 2 digits ("/22") is of this century. */
const fullYear = (s: string) => (s.length === 2 ? 2000 + Number(s) : Number(s));

// Words that make a date a deadline. Longest first, so "chậm nhất là ngày" wins over "ngày".
// "đến hết 31/12/2022": a target to reach by that day (seed 000).
const BEFORE = String.raw`(?:hoàn thành\s+)?(?:trước|chậm nhất(?:\s+là)?|muộn nhất(?:\s+là)?|hạn chót(?:\s+là)?|hạn(?:\s+là)?|không quá|xong trước|đến hết|tới hết)`;
const DAY_NUM = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?`;
const DAY_WORDS = String.raw`(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?`;

interface Rule {
  re: RegExp;
  read(m: RegExpExecArray, docYear: number, docDate: string): Omit<DeadlineFound, 'quote' | 'start' | 'end'> | null;
}

/** A day without a year: the document's year, or the next one when the day is already past. */
function dayOfDocument(d: number, m: number, y: string | undefined, docYear: number, docDate: string): string | null {
  if (y) return day(fullYear(y), m, d);
  const same = day(docYear, m, d);
  if (same && same >= docDate) return same;
  return day(docYear + 1, m, d);
}

const RULES: Rule[] = [
  {
    // "trước ngày 05/11/2022", "chậm nhất ngày 8/10/2016", "trước 28/10", "trước ngày 5 tháng 11 năm 2022"
    re: new RegExp(String.raw`${BEFORE}\s+(?:(?:ngày|ngầy)\s+)?(?:${DAY_NUM}|${DAY_WORDS})`, 'giu'),
    read(m, docYear, docDate) {
      const [d, mo, y] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
      const date = dayOfDocument(Number(d), Number(mo), y, docYear, docDate);
      return date ? { date, precision: 'day' } : null;
    },
  },
  {
    // "trước tháng 10/2020", "trước tháng 10 năm 2020": the month named is already late
    re: /(?:hoàn thành\s+)?trước\s+tháng\s+(\d{1,2})(?:\s*(?:[/.-]|năm)\s*(\d{4}))?/giu,
    read(m, docYear) {
      const month = Number(m[1]);
      const year = m[2] ? Number(m[2]) : docYear;
      if (month < 1 || month > 12) return null;
      const date = month === 1 ? endOfMonth(year - 1, 12) : endOfMonth(year, month - 1);
      return date ? { date, precision: 'month' } : null;
    },
  },
  {
    // "trong tháng 12", "trong tháng 12/2022", "trong tháng 12 năm 2022"
    re: /trong\s+tháng\s+(\d{1,2})(?:\s*(?:[/.-]|năm)\s*(\d{4}))?(?!\s*(?:đầu|cuối|tháng))/giu,
    read(m, docYear) {
      const date = endOfMonth(m[2] ? Number(m[2]) : docYear, Number(m[1]));
      return date ? { date, precision: 'month' } : null;
    },
  },
  {
    // "trong quý III/2023", "trong quý 3 năm 2023", "trước hết quý IV"
    re: /(?:trong|hết|trước\s+hết|trước)\s+quý\s+(IV|I{1,3}|[1-4])(?![a-z])(?:\s*(?:[/.-]|năm)\s*(\d{4}))?/giu,
    read(m, docYear) {
      const q = quarterNumber(m[1]!);
      if (!q) return null;
      const before = /^trước\s+quý/iu.test(m[0]);
      const year = m[2] ? Number(m[2]) : docYear;
      const date = before ? (q === 1 ? endOfMonth(year - 1, 12) : endOfMonth(year, (q - 1) * 3)) : endOfMonth(year, q * 3);
      return date ? { date, precision: 'quarter' } : null;
    },
  },
  {
    // "trong 6 tháng đầu năm 2024" → 30/6; "trong 6 tháng cuối năm 2024" → 31/12
    re: /trong\s+(?:06|6)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?/giu,
    read(m, docYear) {
      const year = m[2] ? Number(m[2]) : docYear;
      const date = m[1]!.toLowerCase() === 'đầu' ? endOfMonth(year, 6) : endOfMonth(year, 12);
      return date ? { date, precision: 'half' } : null;
    },
  },
  {
    // "trong năm 2023", "hoàn thành trong năm", "trước 31/12" is a day (first rule)
    re: /(?:hoàn thành\s+)?trong\s+năm(?:\s+(\d{4}))?(?!\s*(?:học|tài chính))/giu,
    read(m, docYear) {
      const date = endOfMonth(m[1] ? Number(m[1]) : docYear, 12);
      return date ? { date, precision: 'year' } : null;
    },
  },
  {
    // Not "kinh phí chi thường xuyên" (recurrent spending) nor "chưa thường xuyên" (an assessment).
    re: /(?<!(?:chi|chưa|phí)\s+)thường\s+xuyên/giu,
    read: () => ({ date: null, precision: 'ongoing' }),
  },
];

/**
 * The deadline written in `text` (a task's words), read against the document's date (YYYY-MM-DD):
 * the first phrase that names one, by its place in the text. Null when the words give none.
 */
export function findDeadline(text: string, documentDate: string): DeadlineFound | null {
  const s = text.normalize('NFC');
  const docYear = Number(documentDate.slice(0, 4));
  let best: DeadlineFound | null = null;
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(s); m; m = rule.re.exec(s)) {
      const found = rule.read(m, docYear, documentDate);
      if (!found) continue;
      // A dated deadline beats "thường xuyên" wherever it stands; otherwise the earliest phrase wins.
      const better = !best || (best.date === null && found.date !== null) || ((best.date === null) === (found.date === null) && m.index < best.start);
      if (better) best = { ...found, quote: m[0], start: m.index, end: m.index + m[0].length };
      break; // the rule's first phrase
    }
  }
  return best;
}

const PERIOD_WORDS: [RegExp, RecurrencePeriod][] = [
  [/^(?:0?9)\s*tháng$/u, 'NINEMONTHS'],
  [/^(?:0?6)\s*tháng$|^nửa\s+năm$|^sáu\s+tháng$/u, 'SIXMONTHLY'],
  [/^tháng$/u, 'MONTHLY'],
  [/^quý$/u, 'QUARTERLY'],
  [/^năm$/u, 'YEARLY'],
];

/**
 * A recurring obligation ("Định kỳ hàng tháng, quý, 6 tháng, 9 tháng, năm báo cáo …", "báo cáo hằng
 * quý", "trước ngày 20 hàng tháng"): the periods it names, in the order written.
 */
export function findRecurrence(text: string): RecurrenceFound | null {
  const s = text.normalize('NFC');
  // "hàng/hằng/mỗi" or "định kỳ", then a list of period words joined by commas, "và", "hoặc".
  const re =
    /(?:định\s+kỳ\s+)?(?:hàng|hằng|mỗi)\s+((?:(?:0?[69]\s*tháng|tháng|quý|năm|nửa\s+năm|sáu\s+tháng)(?:\s*(?:,|và|hoặc|\/)\s*)?)+)|định\s+kỳ\s+((?:(?:0?[69]\s*tháng|tháng|quý|năm)(?:\s*(?:,|và|hoặc|\/)\s*)?)+)/giu;
  const m = re.exec(s);
  if (!m) return null;
  const list = (m[1] ?? m[2] ?? '').toLowerCase();
  const periods: RecurrencePeriod[] = [];
  for (const part of list.split(/\s*[,/]\s*|\s+(?:và|hoặc)\s+/u)) {
    const word = part.trim().replace(/\s+/gu, ' ');
    const hit = PERIOD_WORDS.find(([r]) => r.test(word));
    if (hit && !periods.includes(hit[1])) periods.push(hit[1]);
  }
  if (periods.length === 0) return null;
  const due = /(?:trước|chậm nhất|vào)\s+ngày\s+(\d{1,2})\s+(?:hàng|hằng|mỗi)\s+(?:tháng|quý)/iu.exec(s);
  const start = due && due.index < m.index ? due.index : m.index;
  const end = Math.max(m.index + m[0].trimEnd().length, due ? due.index + due[0].length : 0);
  return { periods, dayOfPeriod: due ? Number(due[1]) : null, quote: s.slice(start, end), start, end };
}

/** Words that make what follows a forecast or a plan's horizon, not a deadline. */
const FORECAST = /(?:dự kiến|dự báo)[^.;:]*$/iu;

/**
 * The deadline of a task's words: as findDeadline, passing over the phrases of a forecast ("dự kiến
 * sửa chữa 117 trạm y tế … trong năm 2023" says when the repairs are planned, not when the task is due).
 */
export function findTaskDeadline(text: string, documentDate: string): DeadlineFound | null {
  const s = text.normalize('NFC');
  for (let from = 0; from < s.length; ) {
    const f = findDeadline(s.slice(from), documentDate);
    if (!f) return null;
    const found = { ...f, start: f.start + from, end: f.end + from };
    if (!FORECAST.test(s.slice(0, found.start))) return found;
    from = found.end;
  }
  return null;
}
