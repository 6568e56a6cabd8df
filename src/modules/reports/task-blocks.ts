// Tasks (the directives module's follow-up) as a report writes them: the list of tasks with their
// lead units, deadlines and results; the counts per unit in the four states of Vietnamese government
// follow-up (plus "không thời hạn"); the one-sentence summary of the counts. Pure: the tasks come in
// the BuildContext (read by reports.service.ts) or from a document's report (directive-report.ts).
import type { DocumentSummaryCounts, FollowUpState, TaskItem } from '../directives/directives.contract.js';
import { parseRange, periodLabel } from '../../lib/periods.js';
import type { DocBlock, Figure, Run, TableColumn } from './document.js';
import { formatNumber } from './numbers.js';
import type { TaskSource, TaskWhen } from './template.schema.js';

/** The tasks a block shows, as the directives module gives them (tasksForReport). */
export interface TaskSet {
  tasks: TaskItem[];
  counts: DocumentSummaryCounts;
  /** Per child unit of the report's unit (source 'led'): tasks led by the child or a unit below it. */
  byUnit: { unit: { id: string; code: string; name: string }; counts: DocumentSummaryCounts }[];
  /** More tasks than listed: `tasks` holds the first ones by deadline. */
  truncated: boolean;
}

export type TaskSetKey = `${TaskSource}:${TaskWhen}`;
export const taskSetKey = (source: TaskSource, when: TaskWhen): TaskSetKey => `${source}:${when}`;

/** The follow-up states as Vietnamese reports name them. */
export const STATE_VI: Record<FollowUpState, string> = {
  doneOnTime: 'hoàn thành đúng hạn',
  doneLate: 'hoàn thành quá hạn',
  inProgress: 'đang thực hiện trong hạn',
  overdue: 'quá hạn chưa hoàn thành',
  noDeadline: 'không thời hạn',
};

export const NO_TASKS = 'Không có nhiệm vụ trong kỳ.';
export const NO_DEADLINE = 'Không thời hạn';

const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** "2026-03-05" → "05/03/2026". */
export function shortDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** "15/12/2026", "15/12/2026 (gia hạn từ 30/11/2026)" or "Không thời hạn". */
export function deadlineText(t: Pick<TaskItem, 'deadline' | 'originalDeadline'>): string {
  if (!t.deadline) return NO_DEADLINE;
  if (t.originalDeadline && t.originalDeadline !== t.deadline) return `${shortDate(t.deadline)} (gia hạn từ ${shortDate(t.originalDeadline)})`;
  return shortDate(t.deadline);
}

/** The result column: the state, when it was finished, how late it is. */
export function resultText(t: Pick<TaskItem, 'state' | 'status' | 'completedOn' | 'daysOverdue'>): string {
  const waiting = t.status === 'submitted' ? '; đã báo cáo, chờ xác nhận' : '';
  const done = t.completedOn ? `hoàn thành ngày ${shortDate(t.completedOn)}` : '';
  switch (t.state) {
    case 'doneOnTime':
      return upperFirst(STATE_VI.doneOnTime) + (done ? ` (${done})` : '');
    case 'doneLate': {
      const late = t.daysOverdue ? `chậm ${formatNumber(t.daysOverdue)} ngày` : '';
      const detail = [done, late].filter(Boolean).join(', ');
      return upperFirst(STATE_VI.doneLate) + (detail ? ` (${detail})` : '');
    }
    case 'inProgress':
      return upperFirst(STATE_VI.inProgress) + (waiting ? ` (${waiting.slice(2)})` : '');
    case 'overdue':
      return `${upperFirst(STATE_VI.overdue)} (quá hạn ${formatNumber(t.daysOverdue ?? 0)} ngày${waiting})`;
    case 'noDeadline':
      return `${upperFirst(STATE_VI.noDeadline)} (đang thực hiện${waiting})`;
    default:
      return '';
  }
}

/** The task's content; an occurrence of a recurring task names its period. */
export function taskContent(t: Pick<TaskItem, 'content' | 'period'>): string {
  const range = t.period ? parseRange(t.period) : null;
  return range ? `${t.content} (kỳ ${periodLabel(range)})` : t.content;
}

export const TASK_LIST_HEADER = ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn', 'Kết quả'];
const TASK_LIST_COLUMNS: TableColumn[] = [
  { width: 6, align: 'center' },
  { width: 38, align: 'left' },
  { width: 19, align: 'left' },
  { width: 15, align: 'center' },
  { width: 22, align: 'left' },
];

/** One row per task: STT, content, lead unit, deadline, result. */
export function taskListTable(tasks: readonly TaskItem[], title?: string): Extract<DocBlock, { kind: 'table' }> {
  return {
    kind: 'table',
    ...(title ? { title } : {}),
    header: TASK_LIST_HEADER,
    rows: tasks.map((t, i) => ({ cells: [String(i + 1), taskContent(t), t.lead?.name ?? t.collective ?? '', deadlineText(t), resultText(t)] })),
    columns: TASK_LIST_COLUMNS,
  };
}

export const TASK_SUMMARY_HEADER = [
  'Đơn vị',
  'Tổng số',
  'Hoàn thành đúng hạn',
  'Hoàn thành quá hạn',
  'Đang thực hiện trong hạn',
  'Quá hạn chưa hoàn thành',
  'Không thời hạn',
];
const TASK_SUMMARY_COLUMNS: TableColumn[] = [{ width: 28, align: 'left' }, ...Array.from({ length: 6 }, () => ({ width: 12, align: 'right' as const }))];
const COUNT_FIELDS = ['total', 'doneOnTime', 'doneLate', 'inProgress', 'overdue', 'noDeadline'] as const;

export const emptyCounts = (): DocumentSummaryCounts => ({ total: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, noDeadline: 0, dueSoon: 0 });

function add(a: DocumentSummaryCounts, b: DocumentSummaryCounts): DocumentSummaryCounts {
  return {
    total: a.total + b.total, doneOnTime: a.doneOnTime + b.doneOnTime, doneLate: a.doneLate + b.doneLate, inProgress: a.inProgress + b.inProgress,
    overdue: a.overdue + b.overdue, noDeadline: a.noDeadline + b.noDeadline, dueSoon: a.dueSoon + b.dueSoon,
  };
}

/** Counts of a list of tasks (groups and series, which have no state, are not counted). */
export function countTasks(tasks: readonly TaskItem[]): DocumentSummaryCounts {
  const c = emptyCounts();
  for (const t of tasks) {
    if (!t.state) continue;
    c.total++;
    c[t.state]++;
    if (t.dueSoon) c.dueSoon++;
  }
  return c;
}

/** Counts per lead unit, by the unit's name. */
export function countsByLead(tasks: readonly TaskItem[]): { name: string; counts: DocumentSummaryCounts }[] {
  const by = new Map<string, TaskItem[]>();
  for (const t of tasks) {
    const name = t.lead?.name ?? t.collective ?? '';
    by.set(name, [...(by.get(name) ?? []), t]);
  }
  return [...by.entries()].map(([name, list]) => ({ name, counts: countTasks(list) })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/**
 * The counts per unit of a task set: per child unit for tasks led below the report's unit in its
 * period (with a row for the unit's own tasks when it leads some itself); otherwise per lead unit.
 */
export function summaryRows(set: TaskSet, source: TaskSource, when: TaskWhen, unitName: string): { name: string; counts: DocumentSummaryCounts }[] {
  // byUnit counts every task without a deadline: it matches the list only for the report's period.
  if (source !== 'led' || when !== 'period') return countsByLead(set.tasks);
  const rows = set.byUnit.filter((u) => u.counts.total > 0).map((u) => ({ name: u.unit.name, counts: u.counts }));
  if (!set.truncated) {
    const below = rows.reduce((a, r) => add(a, r.counts), emptyCounts());
    const own = Object.fromEntries(COUNT_FIELDS.map((k) => [k, set.counts[k] - below[k]])) as Record<(typeof COUNT_FIELDS)[number], number>;
    if (own.total > 0 && COUNT_FIELDS.every((k) => own[k] >= 0)) rows.unshift({ name: unitName, counts: { ...own, dueSoon: 0 } });
  }
  return rows;
}

/** Counts per unit with a total row. */
export function taskSummaryTable(rows: readonly { name: string; counts: DocumentSummaryCounts }[], title?: string): Extract<DocBlock, { kind: 'table' }> {
  const total = rows.reduce((a, r) => add(a, r.counts), emptyCounts());
  const cells = (name: string, c: DocumentSummaryCounts) => [name, ...COUNT_FIELDS.map((k) => formatNumber(c[k]))];
  return {
    kind: 'table',
    ...(title ? { title } : {}),
    header: TASK_SUMMARY_HEADER,
    rows: [...rows.map((r) => ({ cells: cells(r.name, r.counts) })), { cells: cells('Tổng cộng', total), total: true }],
    columns: TASK_SUMMARY_COLUMNS,
  };
}

const COUNT_LABEL: Record<(typeof COUNT_FIELDS)[number], string> = {
  total: 'tổng số nhiệm vụ',
  doneOnTime: STATE_VI.doneOnTime,
  doneLate: STATE_VI.doneLate,
  inProgress: STATE_VI.inProgress,
  overdue: STATE_VI.overdue,
  noDeadline: STATE_VI.noDeadline,
};

/**
 * "Tổng số 12 nhiệm vụ; đã hoàn thành đúng hạn 5 (41,7 %), hoàn thành quá hạn 2; đang thực hiện
 * trong hạn 3; quá hạn chưa hoàn thành 1; không thời hạn 1." With `figures`, each number is a figure
 * keyed `${figures.prefix}:${state}` (frozen with a final report, compared in the differences).
 */
export function countsRuns(c: DocumentSummaryCounts, figures?: { prefix: string; label: string }): { runs: Run[]; figures: Figure[] } {
  const out: Figure[] = [];
  const n = (k: (typeof COUNT_FIELDS)[number]): Run => {
    const text = formatNumber(c[k]);
    if (!figures) return { text };
    const key = `${figures.prefix}:${k}`;
    out.push({ key, label: `${figures.label} — ${COUNT_LABEL[k]}`, value: c[k], text });
    return { text, figure: key };
  };
  const pct = c.total > 0 ? formatNumber((c.doneOnTime / c.total) * 100, 1) : '0';
  const runs: Run[] = [
    { text: 'Tổng số ' }, n('total'), { text: ' nhiệm vụ; đã hoàn thành đúng hạn ' }, n('doneOnTime'), { text: ` (${pct} %), hoàn thành quá hạn ` }, n('doneLate'),
    { text: '; đang thực hiện trong hạn ' }, n('inProgress'), { text: '; quá hạn chưa hoàn thành ' }, n('overdue'), { text: '; không thời hạn ' }, n('noDeadline'), { text: '.' },
  ];
  return { runs, figures: out };
}

/** The sentence of countsRuns as plain text. */
export function countsSentence(c: DocumentSummaryCounts): string {
  return countsRuns(c).runs.map((r) => r.text).join('');
}

/** "Không có nhiệm vụ trong kỳ." (italic, marked missing). */
export function noTasksParagraph(text = NO_TASKS): Extract<DocBlock, { kind: 'paragraph' }> {
  return { kind: 'paragraph', runs: [{ text, italic: true, missing: true }] };
}
