// The directives module's contract: inputs of its API (zod, validated by the server) and its answers
// (types, imported by the web app). Pure: no server code.
//
// A document (a conclusion notice, an official letter …) holds tasks. A task is led by one unit, with
// cooperating units; a fan-out task ("các Trung tâm Y tế") is a group whose children are one task per
// unit; a recurring task is a series whose occurrences (one per period) are tasks of their own. Only
// tasks (not groups, not series) are counted in the follow-up.
import { z } from 'zod';
import { isoDate, nonEmpty, paging, ref, wholeNumber, type Ref } from '../../core/fields.js';

export const DOCUMENT_KINDS = ['conclusion_notice', 'official_letter', 'plan', 'directive', 'decision', 'oral'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const RECURRENCE_PERIODS = ['MONTHLY', 'QUARTERLY', 'SIXMONTHLY', 'NINEMONTHS', 'YEARLY'] as const;
export type RecurrencePeriod = (typeof RECURRENCE_PERIODS)[number];

/** Where a task is in its life. */
export const TASK_STATUSES = ['assigned', 'accepted', 'refused', 'in_progress', 'submitted', 'done', 'returned', 'paused', 'withdrawn'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** How the follow-up reports a task (Vietnamese government follow-up): exclusive buckets. */
export const FOLLOW_UP_STATES = ['doneOnTime', 'doneLate', 'inProgress', 'overdue', 'noDeadline'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

export type TaskKind = 'task' | 'group' | 'series';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullish().transform((v) => (v ? v : null));

export const Recurrence = z
  .object({
    period: z.enum(RECURRENCE_PERIODS),
    /** Due on this day of the period's last month (1–31; a shorter month uses its last day) … */
    day: wholeNumber(1, 31).nullish(),
    /** … or this many working days after the period ends (the working-day calendar of soyte). */
    workingDaysAfter: wholeNumber(0, 60).nullish(),
    /** First period that is due (its start date); the default is the period holding the document's date. */
    from: isoDate.nullish(),
    /** No occurrence after this date. */
    until: isoDate.nullish(),
  })
  .refine((r) => !(r.day && r.workingDaysAfter != null), { message: 'directive.recurrenceDayOrWorkingDays', path: ['day'] });
export type Recurrence = z.infer<typeof Recurrence>;

export const TaskInput = z.object({
  item: optionalText(20),
  content: nonEmpty(4000),
  quote: optionalText(8000),
  output: optionalText(1000),
  /** One unit leads; several lead units (a collective phrase) make a group with one task per unit. */
  lead: z.array(ref).min(1).max(2000),
  cooperating: z.array(ref).max(200).default([]),
  /** Label of the group when `lead` has several units, e.g. "Các Trung tâm Y tế". */
  collective: optionalText(200),
  deadline: isoDate.nullish().transform((v) => v ?? null),
  ongoing: z.boolean().default(false),
  recurrence: Recurrence.nullish().transform((v) => v ?? null),
});
export type TaskInput = z.infer<typeof TaskInput>;

export const DocumentHeader = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  number: optionalText(60),
  date: isoDate,
  /** The issuing body: an id of the issuer register, or its name (added to the register when new). */
  issuer: nonEmpty(300),
  signer: optionalText(200),
  title: optionalText(1000),
  meetingName: optionalText(500),
  meetingDate: isoDate.nullish().transform((v) => v ?? null),
  meetingChair: optionalText(200),
  /** The unit that follows the document up (assigns its tasks): defaults to the user's unit. */
  assignerUnit: ref.nullish(),
  body: text(500_000).default(''),
});

/** Tasks one document may create (a collective lead counts one per unit): all provinces' stations twice over. */
export const MAX_DOCUMENT_TASKS = 5_000;

export const CreateDocumentInput = DocumentHeader.extend({
  tasks: z.array(TaskInput).max(500).default([]),
  /** Files the user uploaded while writing the document (its DOCX/PDF), joined to it. */
  attachments: z.array(ref).max(20).default([]),
}).refine((d) => d.tasks.reduce((n, t) => n + t.lead.length, 0) <= MAX_DOCUMENT_TASKS, { message: 'directive.tooManyTasks', path: ['tasks'] });
export type CreateDocumentInput = z.infer<typeof CreateDocumentInput>;

export const UpdateDocumentInput = DocumentHeader.partial().extend({ version: wholeNumber(1, 1_000_000_000) });

export const MAX_PARSE_CHARS = 60_000;

export const ParseInput = z.object({
  /** A notice is a few pages (seed 000: 13,000 characters); reading is kept well under a second. */
  text: z.string().min(1, 'directive.textEmpty').max(MAX_PARSE_CHARS, 'directive.textTooLong'),
  /** The document's date when the text does not say it (dates without a year are taken from it). */
  date: isoDate.nullish(),
});

export const DocumentsQuery = z.object({
  q: text(200).optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...paging(50, 200),
});

export const TASK_VIEWS = ['mine', 'assigned', 'all'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];
export const TasksQuery = z.object({
  /** mine: led or cooperated by my unit (and its subtree); assigned: of documents my unit follows up. */
  view: z.enum(TASK_VIEWS).default('mine'),
  state: z.enum([...FOLLOW_UP_STATES, 'dueSoon', 'toDo', 'waiting', 'open'] as const).optional(),
  document: ref.optional(),
  unit: ref.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: text(200).optional(),
  ...paging(50, 500),
});

export const SummaryQuery = z.object({
  groupBy: z.enum(['unit', 'document']).default('unit'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  document: ref.optional(),
  /** Group by the children of this unit (the actor's unit by default): rows roll up their subtrees. */
  parent: ref.optional(),
});

/** The queries as the web app sends them. */
export type TasksQueryInput = z.input<typeof TasksQuery>;
export type SummaryQueryInput = z.input<typeof SummaryQuery>;

const version = wholeNumber(1, 1_000_000_000);
const reason = nonEmpty(2000);

export const TaskActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), version, comment: optionalText(2000) }),
  z.object({ action: z.literal('refuse'), version, comment: reason }),
  z.object({ action: z.literal('progress'), version, comment: nonEmpty(4000), progress: wholeNumber(0, 100).nullish(), attachments: z.array(ref).max(20).default([]) }),
  z.object({ action: z.literal('submit'), version, comment: nonEmpty(4000), attachments: z.array(ref).max(20).default([]) }),
  z.object({ action: z.literal('confirm'), version, comment: optionalText(2000), completedOn: isoDate.nullish() }),
  z.object({ action: z.literal('return'), version, comment: reason }),
  z.object({ action: z.literal('pause'), version, comment: reason }),
  z.object({ action: z.literal('resume'), version, comment: optionalText(2000) }),
  z.object({ action: z.literal('withdraw'), version, comment: reason }),
]);
export type TaskActionInput = z.infer<typeof TaskActionInput>;
export type TaskAction = TaskActionInput['action'];

export const ExtensionRequestInput = z.object({ deadline: isoDate, reason });
export const ExtensionDecisionInput = z.object({ approve: z.boolean(), comment: optionalText(2000) });

export const UpdateTaskInput = z.object({
  version,
  item: optionalText(20).optional(),
  content: nonEmpty(4000).optional(),
  output: optionalText(1000).optional(),
  lead: ref.optional(),
  cooperating: z.array(ref).max(200).optional(),
  deadline: isoDate.nullish(),
  ongoing: z.boolean().optional(),
  reason: optionalText(2000),
});

export const CalendarQuery = z.object({ from: isoDate, to: isoDate });

// ---------------------------------------------------------------------------------------------
// Answers

export interface UnitRef extends Ref {}

export interface ParsedUnit {
  id: string | null;
  code: string | null;
  name: string;
}

/** `POST /api/directives/parse`: proposals, nothing written. */
export interface ParseResult {
  document: {
    kind: DocumentKind | null;
    number: string | null;
    date: string | null;
    issuer: string | null;
    signer: string | null;
    title: string | null;
    meeting: { name: string | null; date: string | null; chair: string | null } | null;
  };
  tasks: {
    item: string | null;
    content: string;
    quote: string;
    quoteStart: number;
    quoteEnd: number;
    lead: ParsedUnit[];
    cooperating: ParsedUnit[];
    collective: string | null;
    deadline: string | null;
    deadlineQuote: string | null;
    ongoing: boolean;
    recurrence: null | { period: RecurrencePeriod; periods: RecurrencePeriod[]; day: number | null; quote: string };
    output: string | null;
  }[];
  /** Spans of the text that were recognised, for highlighting (offsets in `text`). */
  highlights: { start: number; end: number; kind: string }[];
  /** The text the offsets refer to (the pasted text, cleaned). */
  text: string;
}

export interface Issuer {
  id: string;
  name: string;
  unit: UnitRef | null;
}

export interface DocumentSummaryCounts {
  total: number;
  doneOnTime: number;
  doneLate: number;
  inProgress: number;
  overdue: number;
  noDeadline: number;
  dueSoon: number;
}

export interface DocumentItem {
  id: string;
  kind: DocumentKind;
  number: string | null;
  date: string;
  issuer: Issuer;
  signer: string | null;
  title: string | null;
  assignerUnit: UnitRef;
  counts: DocumentSummaryCounts;
}

export interface AttachmentInfo {
  id: string;
  fileName: string;
  size: number;
  sha256: string;
  mime: string;
  hasText: boolean;
  createdAt: string;
}

export interface DocumentDetail extends DocumentItem {
  meetingName: string | null;
  meetingDate: string | null;
  meetingChair: string | null;
  body: string;
  version: number;
  attachments: AttachmentInfo[];
  tasks: TaskItem[];
  /** What the caller may do: edit the document, confirm/return/extend its tasks. */
  canManage: boolean;
}

export interface TaskItem {
  id: string;
  kind: TaskKind;
  document: { id: string; kind: DocumentKind; number: string | null; date: string; title: string | null };
  parentId: string | null;
  seriesId: string | null;
  period: string | null;
  item: string | null;
  content: string;
  output: string | null;
  lead: UnitRef | null;
  collective: string | null;
  cooperating: UnitRef[];
  assignerUnit: UnitRef;
  status: TaskStatus;
  /** The follow-up bucket (null for groups and series). */
  state: FollowUpState | null;
  dueSoon: boolean;
  deadline: string | null;
  originalDeadline: string | null;
  ongoing: boolean;
  recurrence: Recurrence | null;
  progress: number;
  completedOn: string | null;
  daysOverdue: number | null;
  /** Children (group) or occurrences (series): counts by state. */
  children: { total: number; done: number } | null;
  pendingExtension: { id: string; deadline: string; reason: string } | null;
  version: number;
}

export interface TaskEvent {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string | null;
  progress: number | null;
  user: string | null;
  at: string;
  attachments: AttachmentInfo[];
}

export interface Extension {
  id: string;
  previousDeadline: string | null;
  requestedDeadline: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
}

export interface TaskDetail extends TaskItem {
  quote: string | null;
  events: TaskEvent[];
  extensions: Extension[];
  children_: TaskItem[];
  /** Actions the caller may take now. */
  actions: (TaskAction | 'requestExtension' | 'decideExtension' | 'edit')[];
}

export interface TaskList {
  total: number;
  items: TaskItem[];
}

/** `GET /api/tasks/summary`: counts per unit or per document within the caller's scope. */
export interface SummaryRow extends DocumentSummaryCounts {
  unit?: UnitRef;
  document?: { id: string; kind: DocumentKind; number: string | null; date: string; title: string | null };
  /** Share of finished tasks finished on time (0–100, one decimal); null when none is finished. */
  onTimeRate: number | null;
  /** Average days late of tasks finished late or overdue; null when none. */
  averageDaysLate: number | null;
}

export interface Summary {
  from: string | null;
  to: string | null;
  today: string;
  dueSoonDays: number;
  rows: SummaryRow[];
  total: SummaryRow;
}

/** `GET/POST /api/tasks/feed`: whether the user has a calendar feed; its address only when just made. */
export interface FeedLink {
  exists: boolean;
  url: string | null;
}

export interface CalendarEntry {
  date: string;
  task: TaskItem;
}
