// Who leads a task and who cooperates, from where the units stand in the sentence:
//   "Giao X chủ trì, phối hợp Y …", "X chủ trì, phối hợp với Y", "Yêu cầu X …", "Đề nghị X …", "X: …",
//   "X, Y khẩn trương …" (the subject), "(giao X, Y tham mưu)"           → X (and Y) lead
//   "… phối hợp (với) Y", "… cùng với Y"                                   → Y cooperates
//   "báo cáo Sở Y tế", "chỉ đạo các Trạm Y tế", "cho các Trạm Y tế", "của các đơn vị trực thuộc",
//   "các Trạm Y tế đã triển khai …" (what was done)                         → neither
// Units joined by commas, "và" or "cùng" (a parenthesis between them aside) share one role.
import type { UnitMention } from './units.js';

export type Role = 'lead' | 'cooperating';

export interface RoleFound {
  mentions: UnitMention[];
  role: Role;
  /** The units open their sentence (or clause after ";"): a new subject, which may start a new task. */
  opensSentence: boolean;
  /** Where the list of units is. */
  start: number;
  end: number;
}

const JOINER = /^[\s,]*(?:(?:và|cùng|hoặc)\s+)?(?:các\s+)?$/u;
/** Words allowed before a subject at the start of its sentence: a marker, "Giao", "Yêu cầu", "Giám đốc"… */
const OPENING = /^\s*(?:[-+•–*]\s*|\d{1,2}\s*[.)-]\s*|\(\d{1,2}\)\s*|[a-zđ]\)\s*|[IVX]{1,4}\.\s*)*(?:(?:đồng thời|trong đó|riêng|đối với|theo đó|tiếp đó)\s*,?\s*)?(?:(?:giao(?:\s+cho)?|yêu cầu|đề nghị)\s+)?(?:(?:các\s+)?(?:đồng chí\s+)?(?:giám đốc|thủ trưởng|lãnh đạo|trưởng)\s+)?(?:các\s+)?$/iu;
/** "… , đề nghị các Giám đốc …", "(giao phòng …": a request inside a sentence. */
const ASKED = /(?:^|[\s,(])(?:giao(?:\s+cho)?|yêu cầu|đề nghị)\s+(?:(?:các\s+)?(?:đồng chí\s+)?(?:giám đốc|thủ trưởng|lãnh đạo|trưởng)\s+)?(?:các\s+)?$/iu;
const PARTNERED = /(?:phối hợp|phối kết hợp|cùng với|với sự tham gia của)(?:\s+(?:chặt chẽ|với|cùng|các|giữa))*\s*$/iu;
/** After the subject: the words tell what was done or what is, not what to do. */
const DESCRIBED = /^\s*(?:đã|được|vẫn|còn|chưa|đều|cũng đã|đang)\s/iu;
/** "Giám đốc Sở Y tế kết luận / giao …": the department speaking assigns, it does not take the task. */
const SPEAKS = /^\s*(?:đã\s+)?(?:kết luận|có ý kiến|chỉ đạo|giao|yêu cầu|đề nghị|thống nhất)(?!\p{L})/iu;
const DEPARTMENT = /^(?:Sở Y tế|SYT)/iu;

/** "TP. Hạ Long", "TX. Nghi Sơn": a dot that ends no sentence. */
const ABBREVIATION = /(?:^|[\s(])(?:TP|TX|Tp|Tx|P|Q|TT|BS|ThS|TS|Đ\/c|v\.v|St)\.$/u;

/** Where the clause holding `pos` starts (after ". ", ";", ":", "(", ")" or a paragraph break), not before `from`. */
export function clauseStart(text: string, pos: number, from: number, marks = /[.;:()\n]/u): number {
  for (let i = pos - 1; i >= from; i--) {
    const c = text[i]!;
    if (!marks.test(c)) continue;
    // "TP. Hạ Long", "3.059": no sentence ends there
    if (c === '.' && (ABBREVIATION.test(text.slice(Math.max(from, i - 5), i + 1)) || /\d/u.test(text[i + 1] ?? ''))) continue;
    return i + 1;
  }
  return from;
}

/** Where the sentence (or ";"-clause, or paragraph) holding `pos` starts. */
export const sentenceStart = (text: string, pos: number, from: number) => clauseStart(text, pos, from, /[.;\n]/u);

/** Mentions next to each other ("X, Y và Z") as lists. */
function lists(text: string, mentions: UnitMention[]): UnitMention[][] {
  const out: UnitMention[][] = [];
  for (const m of mentions) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && JOINER.test(text.slice(prev.end, m.start).replace(/\([^)]*\)/gu, ''))) last.push(m);
    else out.push([m]);
  }
  return out;
}

/** The roles of the units named in text[from, to), by where they stand. */
export function findRoles(text: string, mentions: UnitMention[], from: number, to: number): RoleFound[] {
  const inside = mentions.filter((m) => m.start >= from && m.end <= to);
  const out: RoleFound[] = [];
  for (const list of lists(text, inside)) {
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const before = text.slice(clauseStart(text, first.start, from), first.start);
    const sentence = text.slice(sentenceStart(text, first.start, from), first.start);
    const after = text.slice(last.end, Math.min(to, last.end + 20));
    let role: Role | null = null;
    const speaks = list.length === 1 && DEPARTMENT.test(first.quote) && SPEAKS.test(after);
    if (PARTNERED.test(before)) role = 'cooperating';
    else if ((OPENING.test(before) || ASKED.test(before)) && !DESCRIBED.test(after) && !speaks) role = 'lead';
    if (!role) continue;
    // A type word alone ("Trung tâm Y tế") counts only as a subject or a partner, never in a longer list
    const kept = list.filter((m) => !m.bare || list.length === 1 || role === 'cooperating' || OPENING.test(before));
    out.push({ mentions: kept, role, opensSentence: role === 'lead' && OPENING.test(sentence), start: first.start, end: last.end });
  }
  return out;
}
