// One item or point can hold several tasks: "Trung tâm Y tế các huyện … rà soát …; Trung tâm Y tế TP. Hạ
// Long rà soát …, báo cáo Sở Y tế trước ngày 05/11/2022." (two leads, two tasks). A sentence (or ";"
// clause) that opens with its own subject starts a new task when the subject differs from the current
// task's; sentences without a subject go on with the task before. Words before the first subject make a
// task of their own when they ask for work ("Đẩy nhanh tiến độ … . Trung tâm Y tế các địa phương …").
import { findRoles, sentenceStart, type RoleFound } from './roles.js';
import type { UnitMention } from './units.js';

export interface Part {
  start: number;
  end: number;
  roles: RoleFound[];
}

/** Verbs and phrases that ask for work ("triển khai", "rà soát", "báo cáo" …). */
export const ASKS_FOR_WORK =
  /(?<!\p{L})(?:chỉ đạo|triển khai|xây dựng|rà soát|báo cáo|tham mưu|tăng cường|thực hiện|kiểm tra|hoàn thành|hoàn thiện|tiếp tục|nâng cao|tập trung|đẩy mạnh|đẩy nhanh|duy trì|củng cố|quan tâm|tích cực|khẩn trương|tổng hợp|tiến hành|giao|yêu cầu|đề nghị|phối hợp|chủ trì|nêu cao|chủ động|cụ thể hóa|cụ thể hoá|nghiên cứu|hướng dẫn|tổ chức|trình|có phương án|không ngừng|bảo đảm|đảm bảo|phấn đấu|lập|cập nhật|giải quyết)(?!\p{L})/iu;

/** The units' keys of a list of roles: to tell whether two sentences name the same lead. */
function leadKey(roles: RoleFound[]): string {
  const keys = roles
    .filter((r) => r.role === 'lead')
    .flatMap((r) => r.mentions.flatMap((m) => (m.units.length > 0 ? m.units.map((u) => u.id) : [`?${m.quote.toLowerCase()}`])));
  return [...new Set(keys)].sort().join('|');
}

/** The tasks' spans in text[from, to) and the roles in each. */
export function splitParts(text: string, mentions: UnitMention[], from: number, to: number): Part[] {
  const roles = findRoles(text, mentions, from, to);
  const parts: Part[] = [{ start: from, end: to, roles: [] }];
  for (const r of roles) {
    const current = parts[parts.length - 1]!;
    const at = sentenceStart(text, r.start, from);
    if (r.opensSentence && at > current.start && current.roles.some((x) => x.role === 'lead') && leadKey([r]) !== leadKey(current.roles)) {
      current.end = at;
      parts.push({ start: at, end: to, roles: [r] });
    } else if (r.opensSentence && at > current.start && !current.roles.some((x) => x.role === 'lead')) {
      // Words before the first subject: a task of their own if they ask for work, else the subject's preamble
      if (ASKS_FOR_WORK.test(text.slice(current.start, at))) {
        current.end = at;
        parts.push({ start: at, end: to, roles: [r] });
      } else current.roles.push(r);
    } else current.roles.push(r);
  }
  return parts.map((p) => trim(text, p));
}

function trim(text: string, p: Part): Part {
  let { start, end } = p;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return { ...p, start, end };
}
