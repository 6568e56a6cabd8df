// Reading a pasted notice into the proposals the reviewer checks (POST /api/directives/parse): the
// document's header, and one task per item, point or lead, each with its lead and cooperating units, its
// deadline, recurrence and expected output, and the words each came from, so the page can highlight them.
//
// Which items are tasks: the leaves of the tree (items without points, points) that ask for work — a
// lead, a deadline, a recurrence, or a verb such as "triển khai", "rà soát", "báo cáo" — outside the parts
// that assess ("Đánh giá tình hình …", "Kết quả đạt được …", "Tồn tại, hạn chế …"). What a heading says
// holds for what is under it: its lead and partners ("1. Giao Phòng Kế hoạch Tài chính chủ trì, phối hợp
// Văn phòng …:" for its bullets) and its deadline ("III. … TRONG 6 THÁNG CUỐI NĂM 2020"), unless the
// item says otherwise. A notice written to one body ("buổi làm việc với Sở Y tế") gives its tasks to that
// body when they name no other; otherwise a task naming no unit has no lead (the reviewer chooses).
import { findRecurrence, findTaskDeadline, type DeadlineFound, type RecurrencePeriod } from './deadlines.js';
import { parseHeader, type DocumentHeader, type DocumentKind } from './header.js';
import { splitNotice, type TextNode } from './items.js';
import { findOutput } from './output.js';
import { ASKS_FOR_WORK, splitParts, type Part } from './parts.js';
import { findRoles, type Role, type RoleFound } from './roles.js';
import { findUnitMentions, type UnitEntry, type UnitMention } from './units.js';

export interface ParseOptions {
  /** The org tree's units (the department's offices among them, kind 'office'). */
  units: UnitEntry[];
  /** The document's date (YYYY-MM-DD): completes dates written without a year. */
  docDate?: string;
  /** Phrases naming a unit of the tree by another name: phrase → unit id. */
  aliases?: Readonly<Record<string, string>>;
}

export interface TaskUnit {
  /** null: named in the text, matching no unit of the tree. */
  id: string | null;
  code: string | null;
  name: string;
}

export interface UnitQuote {
  quote: string;
  start: number;
  end: number;
  role: Role;
  /** From the item's heading, a parent, or the notice's addressee rather than the task's own words. */
  inherited: boolean;
  units: TaskUnit[];
}

export interface ProposedTask {
  item: string;
  content: string;
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  lead: TaskUnit[];
  cooperating: TaskUnit[];
  deadline: string | null;
  deadlinePrecision: DeadlineFound['precision'] | null;
  deadlineQuote: string | null;
  /** Whose words the deadline is: the task's, or its heading's ("TRONG 6 THÁNG CUỐI NĂM 2020"). */
  deadlineFrom: 'task' | 'heading' | null;
  ongoing: boolean;
  recurrence: null | { period: RecurrencePeriod; periods: RecurrencePeriod[]; dayOfPeriod: number | null; quote: string };
  output: string | null;
  unitQuotes: UnitQuote[];
}

export type HighlightKind = 'number' | 'date' | 'issuer' | 'signer' | 'item' | 'unit' | 'deadline' | 'recurrence' | 'output';

export interface Highlight {
  start: number;
  end: number;
  kind: HighlightKind;
  /** What it is: the item's label, the unit's role, "meeting" for the meeting's date … */
  label?: string;
}

export interface ParsedNotice {
  /** The cleaned text every position refers to. */
  text: string;
  document: {
    kind: DocumentKind | null;
    number: string | null;
    date: string | null;
    issuer: string | null;
    signer: string | null;
    meeting: { name: string | null; date: string | null; chair: string | null } | null;
  };
  header: DocumentHeader;
  /** The date used to complete dates without a year. */
  docDate: string;
  tasks: ProposedTask[];
  highlights: Highlight[];
}

/** What a heading passes on to what is under it. */
interface Context {
  label: string[];
  roles: { lead: UnitQuote[]; cooperating: UnitQuote[] };
  deadline: DeadlineFound | null;
  deadlineOffset: number;
  /** Under a heading that assesses ("Kết quả đạt được", "Tồn tại, hạn chế"): no tasks. */
  assesses: boolean;
}

/** Headings of parts that assess rather than ask: "Đánh giá tình hình …", "Kết quả đạt được", "Tồn tại, hạn chế". */
const ASSESSES = /^(?:(?:một số|những|các|tóm tắt|đánh giá)\s+)*(?:kết quả|tồn tại|hạn chế|khó khăn|thách thức|tình hình|ưu điểm|nhược điểm|nguyên nhân|đánh giá|thuận lợi)/iu;
const MARKER = /^(?:[IVX]{1,4}[.)]|\d{1,2}[.)]|\d{1,2}\s*-|[a-zđ]\)|[-+•–*])\s*/u;
const withoutMarker = (s: string) => s.replace(MARKER, '');

/** The proposals read from a notice's text. */
export function parseNotice(raw: string, options: ParseOptions): ParsedNotice {
  const split = splitNotice(raw);
  const { text } = split;
  const header = parseHeader(text);
  const docDate = options.docDate ?? header.date?.value ?? header.meeting?.date?.value ?? latestDate(text.slice(0, split.preamble.end)) ?? new Date().toISOString().slice(0, 10);
  const mentions = findUnitMentions(text, options.units, { aliases: options.aliases ?? {} });
  const reader = new Reader(text, mentions, docDate, addressee(text, mentions, split.preamble.end));
  const root: Context = { label: [], roles: { lead: [], cooperating: [] }, deadline: null, deadlineOffset: 0, assesses: false };
  split.nodes.forEach((n, i, all) => reader.walk(n, i, all, root));
  return {
    text,
    document: {
      kind: header.kind?.value ?? null,
      number: header.number?.value ?? null,
      date: header.date?.value ?? null,
      issuer: header.issuer?.value ?? null,
      signer: header.signer?.value ?? null,
      meeting: header.meeting && { name: header.meeting.name?.value ?? null, date: header.meeting.date?.value ?? null, chair: header.meeting.chair?.value ?? null },
    },
    header,
    docDate,
    tasks: reader.tasks,
    highlights: highlights(header, reader),
  };
}

class Reader {
  readonly tasks: ProposedTask[] = [];
  readonly itemMarks: Highlight[] = [];
  /** The tasks' deadlines, recurrences and outputs in the text. */
  readonly spans: Highlight[] = [];

  constructor(
    private readonly text: string,
    private readonly mentions: UnitMention[],
    private readonly docDate: string,
    private readonly defaultLead: UnitQuote | null,
  ) {}

  walk(node: TextNode, index: number, siblings: TextNode[], ctx: Context): void {
    const own = { start: node.start, end: node.start + node.text.length };
    const firstEnd = node.text.indexOf('\n\n') < 0 ? own.end : node.start + node.text.indexOf('\n\n');
    const first = this.text.slice(node.start, firstEnd);
    const label = [...ctx.label, labelOf(node, index, siblings)];
    this.itemMarks.push({ start: node.start, end: node.start + (MARKER.exec(node.text)?.[0].trimEnd().length ?? 0), kind: 'item', label: label.join('.') });
    // A heading: the first paragraph of a node with children, or one that ends without a full stop
    const isHeading = node.children.length > 0 || (firstEnd < own.end && !/[.;]$/u.test(first.trim()));
    const heading = isHeading ? { start: node.start, end: node.children.length > 0 ? own.end : firstEnd } : null;
    const assesses = ASSESSES.test(withoutMarker(first));
    const inner = heading ? this.context(heading, firstEnd, ctx, label, ctx.assesses || assesses) : { ...ctx, label };
    if (node.children.length > 0) {
      node.children.forEach((c, i, all) => this.walk(c, i, all, inner));
      return;
    }
    if (ctx.assesses) return;
    const body = { start: heading ? heading.end : own.start, end: own.end };
    for (const part of splitParts(this.text, this.mentions, body.start, body.end)) {
      const task = this.task(part, label.join('.'), inner, assesses);
      if (task) this.tasks.push(task);
    }
  }

  /** What a heading passes on: its units (or its parent's) and its deadline (or its parent's). */
  private context(heading: { start: number; end: number }, firstEnd: number, ctx: Context, label: string[], assesses: boolean): Context {
    const roles = this.quotes(findRoles(this.text, this.mentions, heading.start, heading.end), true);
    const lead = roles.filter((q) => q.role === 'lead');
    const deadline = findTaskDeadline(this.text.slice(heading.start, firstEnd), this.docDate);
    return {
      label,
      assesses,
      roles: lead.length > 0 ? { lead, cooperating: roles.filter((q) => q.role === 'cooperating') } : { lead: ctx.roles.lead, cooperating: [...ctx.roles.cooperating, ...roles.filter((q) => q.role === 'cooperating')] },
      deadline: deadline?.date ? deadline : ctx.deadline,
      deadlineOffset: deadline?.date ? heading.start : ctx.deadlineOffset,
    };
  }

  /** The task of a part of a leaf's words, or null when they ask for nothing (an assessment, what was done). */
  private task(part: Part, item: string, ctx: Context, assesses: boolean): ProposedTask | null {
    const words = this.text.slice(part.start, part.end);
    const own = this.quotes(part.roles, false);
    const ownLead = own.filter((q) => q.role === 'lead');
    const deadline = findTaskDeadline(words, this.docDate);
    const recurrence = findRecurrence(words);
    const asks = ownLead.length > 0 || deadline?.date || recurrence;
    if (/^\s*(?:[-+•–]\s*)?Đã\s/u.test(withoutMarker(words)) || (assesses && !asks)) return null;
    if (!asks && !deadline && !ASKS_FOR_WORK.test(words)) return null;

    const inherited = ownLead.length > 0 ? [] : ctx.roles.lead.length > 0 ? [...ctx.roles.lead, ...ctx.roles.cooperating] : this.defaultLead ? [this.defaultLead] : [];
    const unitQuotes = [...inherited, ...own];
    const lead = unique(unitQuotes.filter((q) => q.role === 'lead').flatMap((q) => q.units));
    const leadIds = new Set(lead.map(keyOf));
    const cooperating = unique(unitQuotes.filter((q) => q.role === 'cooperating').flatMap((q) => q.units)).filter((u) => !leadIds.has(keyOf(u)));
    const fromHeading = !deadline && !recurrence && ctx.deadline ? ctx.deadline : null;
    const used = deadline ?? fromHeading;
    const output = findOutput(words);
    const at = (f: { start: number; end: number } | null, kind: HighlightKind, base = part.start) => f && this.spans.push({ start: base + f.start, end: base + f.end, kind });
    at(deadline, 'deadline');
    at(fromHeading, 'deadline', ctx.deadlineOffset);
    at(recurrence, 'recurrence');
    at(output, 'output');
    return {
      item,
      content: withoutMarker(words).replace(/\s+/gu, ' ').trim(),
      quote: words,
      quoteStart: part.start,
      quoteEnd: part.end,
      lead,
      cooperating,
      deadline: used?.date ?? null,
      deadlinePrecision: used?.precision ?? null,
      deadlineQuote: used?.quote ?? null,
      deadlineFrom: deadline ? 'task' : fromHeading ? 'heading' : null,
      ongoing: used?.precision === 'ongoing',
      recurrence: recurrence && { period: recurrence.periods[0]!, periods: recurrence.periods, dayOfPeriod: recurrence.dayOfPeriod, quote: recurrence.quote },
      output: output?.value ?? null,
      unitQuotes,
    };
  }

  private quotes(roles: RoleFound[], inherited: boolean): UnitQuote[] {
    return roles.map((r) => ({
      quote: this.text.slice(r.start, r.end),
      start: r.start,
      end: r.end,
      role: r.role,
      inherited,
      units: r.mentions.flatMap(unitsOf),
    }));
  }
}

/** The units a mention means; its words alone (id null) when it matches none. */
const unitsOf = (m: UnitMention): TaskUnit[] => (m.units.length > 0 ? m.units.map((u) => ({ ...u })) : [{ id: null, code: null, name: m.quote }]);
const keyOf = (u: TaskUnit) => u.id ?? `?${u.name.toLowerCase()}`;
function unique(units: TaskUnit[]): TaskUnit[] {
  const seen = new Set<string>();
  return units.filter((u) => !seen.has(keyOf(u)) && seen.add(keyOf(u)));
}

/** "4.1" for the first bullet of item 4, "2.9" for point "9-" of item 2, "III.5". */
function labelOf(node: TextNode, index: number, siblings: TextNode[]): string {
  if (node.kind !== 'point' || !/^[-+•–]$/u.test(node.marker)) return node.marker;
  return String(siblings.slice(0, index + 1).filter((s) => s.kind === 'point').length);
}

/** The body the notice is written to: "buổi làm việc với Sở Y tế", or a single "Kính gửi: …". */
function addressee(text: string, mentions: UnitMention[], preambleEnd: number): UnitQuote | null {
  const quote = (m: UnitMention): UnitQuote => ({ quote: m.quote, start: m.start, end: m.end, role: 'lead', inherited: true, units: m.units.map((u) => ({ ...u })) });
  const before = mentions.filter((m) => m.end <= preambleEnd && m.units.length > 0 && !m.bare);
  const met = before.find((m) => /làm việc với\s*$/iu.test(text.slice(Math.max(0, m.start - 20), m.start)));
  if (met) return quote(met);
  const to = /Kính gửi\s*:([^\n]*(?:\n\n?[-+•–][^\n]*)*)/u.exec(text.slice(0, preambleEnd));
  if (!to) return null;
  const listed = before.filter((m) => m.start >= to.index && m.end <= to.index + to[0].length);
  return listed.length === 1 && !listed[0]!.collective ? quote(listed[0]!) : null;
}

/** The latest full date written in `s` (a letter's preamble cites earlier documents). */
function latestDate(s: string): string | null {
  let best: string | null = null;
  for (const m of s.matchAll(/(?<!\d)(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/gu)) {
    const d = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    if (!best || d > best) best = d;
  }
  return best;
}

function highlights(header: DocumentHeader, { tasks, itemMarks, spans }: Reader): Highlight[] {
  const out: Highlight[] = [];
  const put = (f: { start: number; end: number } | null, kind: HighlightKind, label?: string) => {
    if (f) out.push(label ? { start: f.start, end: f.end, kind, label } : { start: f.start, end: f.end, kind });
  };
  put(header.number, 'number');
  put(header.date, 'date');
  put(header.meeting?.date ?? null, 'date', 'meeting');
  put(header.issuer, 'issuer');
  put(header.signer, 'signer');
  for (const i of itemMarks) if (i.end > i.start) out.push(i);
  for (const t of tasks) for (const q of t.unitQuotes) put(q, 'unit', q.role);
  out.push(...spans);
  const seen = new Set<string>();
  return out
    .filter((h) => {
      const k = `${h.start}:${h.end}:${h.kind}`;
      return !seen.has(k) && seen.add(k);
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
}
