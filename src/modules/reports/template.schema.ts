// A report template is data: the document's header, an ordered outline of blocks, the closing, the
// recipients and the signature block. Texts may hold expressions in double braces ("{{value
// CD_INFLUENZA}}", see expressions.ts) and the inline marks **bold** and *italic*.
//
// This file is the shape only (zod); what the codes refer to is checked by templates.service.ts
// (validateTemplate), which reports every problem with its place ("blocks[12].text, vị trí 5").
import { z } from 'zod';

/** Period kinds a template can be generated for (PeriodRange kinds of lib/periods.ts). */
export const REPORT_PERIOD_KINDS = ['Monthly', 'Quarterly', 'SixMonthly', 'NineMonths', 'Yearly'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

/** The kind of unit a template is written for (as dashboards' level kinds). */
export const UNIT_KINDS = ['province', 'centre', 'station'] as const;
export type TemplateUnitKind = (typeof UNIT_KINDS)[number];

const text = (max = 4000) => z.string().max(max);
const code = z
  .string()
  .trim()
  .min(2)
  .max(50)
  .regex(/^[A-Z0-9_]+$/, 'reports.template.badCode');
const key = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[a-z][a-zA-Z0-9_]*$/, 'reports.template.badKey');

/** What a table column shows (see expressions.ts for the same measures as functions). */
export const MEASURES = ['value', 'ytd', 'lastYear', 'lastYearYtd', 'previous', 'target', 'pctPlan', 'changeLastYear', 'changePct'] as const;
export type Measure = (typeof MEASURES)[number];

const column = z.object({
  label: text(200),
  /** Required when the table's rows are sub-units; not allowed when the rows are items. */
  item: z.string().trim().max(120).optional(),
  measure: z.enum(MEASURES).default('value'),
  /** For pctPlan: the period's value or the year to date against the annual target (default ytd). */
  basis: z.enum(['period', 'ytd']).optional(),
  decimals: z.number().int().min(0).max(4).optional(),
});

const headingBlock = z.object({
  type: z.literal('heading'),
  /** 1 = part (centred, bold, upper case), 2 = I., II. (bold), 3 = 1., 2. (bold), 4 = 6.1. (bold italic). */
  level: z.number().int().min(1).max(4),
  text: text(500),
});

const textBlock = z.object({
  type: z.literal('text'),
  /** One paragraph per line. */
  text: text(),
});

const freeBlock = z.object({
  type: z.literal('free'),
  /** Names the text across reports: a parent's consolidated block pulls the sub-units' text by key. */
  key,
  label: text(200),
  /** Guidance shown in the editor. */
  hint: text(500).optional(),
  /**
   * Text a new draft starts with when its unit has no earlier final report of the template (may hold
   * expressions, evaluated when the draft is created). Keep it free of any one unit's own words.
   */
  default: text().optional(),
  /** A unit's own starting text (by unit code), instead of `default`: the words belong to that unit alone. */
  unitDefaults: z.array(z.object({ unit: text(50), text: text() }).strict()).max(50).optional(),
});

const consolidatedBlock = z.object({
  type: z.literal('consolidated'),
  /** The free-block key pulled from the sub-units' reports of the same period. */
  key,
  /** The editor's name for the block (not printed: put a heading before it). */
  label: text(200).optional(),
});

const tableBlock = z.object({
  type: z.literal('table'),
  title: text(300).optional(),
  rows: z.enum(['items', 'subunits']),
  /** Rows when rows = 'items': a data element (CODE or CODE.OPTION) or an indicator code, with an optional label. */
  items: z.array(z.object({ item: z.string().trim().min(1).max(120), label: text(200).optional() })).max(100).optional(),
  columns: z.array(column).min(1).max(12),
  /** rows = 'subunits': add a total row for the report's unit (default true). */
  total: z.boolean().optional(),
});

/** What a tasks block shows (directives' tasks, the follow-up of documents). */
export const TASK_BLOCK_VIEWS = ['list', 'summary', 'counts'] as const;
export const TASK_BLOCK_SOURCES = ['led', 'assigned'] as const;
export const TASK_BLOCK_WHEN = ['period', 'next'] as const;

const tasksBlock = z.object({
  type: z.literal('tasks'),
  /** Above the table (list, summary); may hold expressions ("… trong {{period of=next}}"). */
  title: text(300).optional(),
  /** list: one row per task; summary: counts per sub-unit with a total row; counts: one sentence. */
  view: z.enum(TASK_BLOCK_VIEWS),
  /** led: tasks led by the report's unit or a unit below it; assigned: tasks the report's unit assigned. */
  source: z.enum(TASK_BLOCK_SOURCES),
  /** period: deadlines in the report's period (and open tasks without a deadline); next: deadlines in the next period. */
  when: z.enum(TASK_BLOCK_WHEN),
});

export const blockSchema = z.discriminatedUnion('type', [headingBlock, textBlock, freeBlock, consolidatedBlock, tableBlock, tasksBlock]);
export type TemplateBlock = z.infer<typeof blockSchema>;
export type BlockType = TemplateBlock['type'];
export type TableBlock = Extract<TemplateBlock, { type: 'table' }>;
export type TasksBlock = Extract<TemplateBlock, { type: 'tasks' }>;
export type TaskSource = TasksBlock['source'];
export type TaskWhen = TasksBlock['when'];

export const templateDefinitionSchema = z.object({
  code,
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).optional(),
  description: text(1000).optional(),
  unitKind: z.enum(UNIT_KINDS),
  periodKinds: z.array(z.enum(REPORT_PERIOD_KINDS)).min(1),
  header: z.object({
    /** Left column, first line (upper case): "SỞ Y TẾ THANH HÓA" or "{{parent upper=yes}}". */
    parentBody: text(300),
    /** Left column, second line (upper case, bold): "TRUNG TÂM Y TẾ HUYỆN HOẰNG HÓA" or "{{unit upper=yes}}". */
    issuingBody: text(300),
    /** The number line after "Số: ": "{number}/BC-TTYT" ({number} is the report's number, blank until it has one). */
    numberPattern: text(100),
    /** The place in the place-and-date line: "Hoằng Hóa" or "{{place}}". */
    place: text(100),
    /** "BÁO CÁO" */
    documentType: text(100),
    /** The summary under the title, one line per line. */
    summary: text(1000),
  }),
  blocks: z.array(blockSchema).min(1).max(1000),
  signature: z.object({
    /** Lines above the signature: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]. */
    authority: z.array(text(100)).min(1).max(4),
    /** Default signer's name (each report may set its own). */
    signer: text(100).default(''),
  }),
  /** Nơi nhận entries without the leading "- " ("Văn phòng Sở Y tế (B/c)", …, "Lưu: VT, HCTH"). */
  recipients: z.array(text(300)).max(30),
});

export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;
export type TemplateDefinitionInput = z.input<typeof templateDefinitionSchema>;
