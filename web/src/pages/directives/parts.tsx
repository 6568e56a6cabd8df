// Small pieces shared by the directives and tasks pages: badges, deadlines, the links between the
// pages, the narrow-screen switch.
import { Anchor, Badge, Button, FileButton, Group, Text, type MantineColor } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatDate, formatLongDate, formatNumber, today } from '../../format';
import { currentLang } from '../../i18n';
import { Link } from '../../router';
export { useUnsavedGuard } from '../../router';
import { attachmentUrl, type AttachmentInfo, type DocumentKind, type DocumentSummaryCounts, type FollowUpState, type TaskItem, type TaskStatus } from './directivesApi';

const NARROW = '(max-width: 48em)';

/** True on a phone-sized screen (below Mantine's "sm"): tables become stacked cards. */
export function useNarrow(): boolean {
  const initial = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(NARROW).matches : false;
  return useMediaQuery(NARROW, initial, { getInitialValueInEffect: false }) ?? initial;
}

/** Links between the task pages: my tasks, the documents, the follow-up summary. */
export function AreaNav({ active }: { active: 'tasks' | 'directives' | 'summary' }) {
  const { t } = useTranslation();
  const items = [
    { key: 'tasks', to: '/tasks', label: t('directives.nav.tasks') },
    { key: 'directives', to: '/directives', label: t('directives.nav.documents') },
    { key: 'summary', to: '/tasks/summary', label: t('directives.nav.summary') },
  ] as const;
  return (
    <Group gap="md" wrap="wrap" data-testid="directives-nav">
      {items.map((i) =>
        i.key === active ? (
          <Text key={i.key} fw={600} data-testid={`dnav-${i.key}`} data-active="true">
            {i.label}
          </Text>
        ) : (
          <Anchor key={i.key} component={Link} to={i.to} data-testid={`dnav-${i.key}`}>
            {i.label}
          </Anchor>
        ),
      )}
    </Group>
  );
}

export const STATE_COLORS: Record<FollowUpState | 'dueSoon', MantineColor> = {
  doneOnTime: 'green',
  doneLate: 'lime',
  inProgress: 'blue',
  overdue: 'red',
  noDeadline: 'gray',
  dueSoon: 'orange',
};

/** Badges keep their whole words (a long state wraps instead of "Quá hạn chưa hoàn t…"). */
const WRAP = { root: { textTransform: 'none' as const, height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%' }, label: { whiteSpace: 'normal' as const, overflow: 'visible', textOverflow: 'clip', lineHeight: 1.3 } };

/** The follow-up state: "hoàn thành đúng hạn", "quá hạn chưa hoàn thành", "sắp đến hạn" … */
export function StateBadge({ task, testId }: { task: Pick<TaskItem, 'state' | 'dueSoon' | 'kind'>; testId?: string }) {
  const { t } = useTranslation();
  if (!task.state) {
    return (
      <Badge color="gray" variant="outline" styles={WRAP} data-testid={testId} data-state={task.kind}>
        {t(`directives.taskKind.${task.kind}`)}
      </Badge>
    );
  }
  const key = task.state === 'inProgress' && task.dueSoon ? 'dueSoon' : task.state;
  return (
    <Badge color={STATE_COLORS[key]} variant="light" styles={WRAP} data-testid={testId} data-state={key}>
      {t(`directives.state.${key}`)}
    </Badge>
  );
}

const STATUS_COLORS: Record<TaskStatus, MantineColor> = {
  assigned: 'cyan',
  accepted: 'blue',
  refused: 'red',
  in_progress: 'blue',
  submitted: 'violet',
  done: 'green',
  returned: 'orange',
  paused: 'gray',
  withdrawn: 'dark',
};

/** Where the task is in its life: "mới giao", "chờ xác nhận", "bị trả lại" … */
export function StatusBadge({ status, testId }: { status: TaskStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="outline" styles={WRAP} data-testid={testId} data-status={status}>
      {t(`directives.status.${status}`)}
    </Badge>
  );
}

/** Whole days from today to `date` (negative when past). */
export function daysFromToday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [ty, tm, td] = today().split('-').map(Number);
  return Math.round((Date.UTC(y!, m! - 1, d!) - Date.UTC(ty!, tm! - 1, td!)) / 86_400_000);
}

/** "còn 3 ngày", "hạn hôm nay", "quá hạn 5 ngày", "hoàn thành 03/11/2022" — or nothing. */
export function dueNote(task: Pick<TaskItem, 'deadline' | 'state' | 'daysOverdue' | 'completedOn' | 'status'>, t: (k: string, o?: Record<string, unknown>) => string): { text: string; color: MantineColor } | null {
  if (task.completedOn && (task.state === 'doneOnTime' || task.state === 'doneLate' || task.status === 'done')) {
    return { text: t('directives.due.completedOn', { date: formatDate(task.completedOn) }), color: task.state === 'doneLate' ? 'lime.8' : 'green.8' };
  }
  if (!task.deadline || task.status === 'withdrawn') return null;
  if (task.state === 'overdue' || (task.daysOverdue ?? 0) > 0) {
    const n = task.daysOverdue ?? Math.max(1, -daysFromToday(task.deadline));
    return { text: t('directives.due.overdue', { count: n, n: formatNumber(n) }), color: 'red.7' };
  }
  if (task.state === 'doneOnTime' || task.state === 'doneLate') return null;
  const left = daysFromToday(task.deadline);
  if (left === 0) return { text: t('directives.due.today'), color: 'orange.7' };
  if (left > 0) return { text: t('directives.due.left', { count: left, n: formatNumber(left) }), color: left <= 3 ? 'orange.7' : 'dimmed' };
  return { text: t('directives.due.overdue', { count: -left, n: formatNumber(-left) }), color: 'red.7' };
}

/** The deadline (the original one struck through when extended) and what it means today. */
export function Deadline({ task, long = false, testId }: { task: TaskItem; long?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const fmt = long ? formatLongDate : formatDate;
  if (!task.deadline) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {task.recurrence ? t('directives.deadline.recurring', { period: t(`directives.period.${task.recurrence.period}`) }) : t('directives.deadline.none')}
      </Text>
    );
  }
  const note = dueNote(task, t);
  const extended = task.originalDeadline && task.originalDeadline !== task.deadline;
  return (
    <Text size="sm" data-testid={testId} component="div">
      {extended && (
        <Text span td="line-through" c="dimmed" mr={6} data-testid={testId ? `${testId}-original` : undefined} title={t('directives.deadline.original')}>
          {fmt(task.originalDeadline)}
        </Text>
      )}
      <Text span fw={500}>
        {fmt(task.deadline)}
      </Text>
      {note && (
        <Text span c={note.color} size="sm" ml={6} data-testid={testId ? `${testId}-note` : undefined}>
          ({note.text})
        </Text>
      )}
    </Text>
  );
}

/** "Số 272/TB-UBND ngày 24/10/2022" or the kind when the document has no number. */
export function documentLabel(d: { kind: DocumentKind; number: string | null; date: string }, t: (k: string, o?: Record<string, unknown>) => string): string {
  return d.number
    ? t('directives.doc.numberDate', { number: d.number, date: formatDate(d.date) })
    : t('directives.doc.kindDate', { kind: t(`directives.kind.${d.kind}`), date: formatDate(d.date) });
}

/** The lead unit, or the collective label of a group. */
export function leadName(task: Pick<TaskItem, 'lead' | 'collective'>): string {
  return task.lead?.name ?? task.collective ?? '';
}

export function formatPercent(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return `${new Intl.NumberFormat(currentLang() === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 1 }).format(n)} %`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10)} KB`;
  return `${formatNumber(Math.round(bytes / (1024 * 102.4)) / 10)} MB`;
}

/** Download links of attachments. */
export function Attachments({ files, testId }: { files: AttachmentInfo[]; testId: string }) {
  if (!files.length) return null;
  return (
    <Group gap="xs" wrap="wrap" data-testid={testId}>
      {files.map((f) => (
        <Anchor key={f.id} href={attachmentUrl(f.id)} download={f.fileName} size="sm" data-testid={`attachment-${f.id}`} style={{ overflowWrap: 'anywhere' }}>
          {f.fileName} <Text span size="xs" c="dimmed">({formatSize(f.size)})</Text>
        </Anchor>
      ))}
    </Group>
  );
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** An occurrence's period in words: "Tháng 5/2024", "Quý II/2024", "6 tháng đầu năm 2024", "Năm 2024". */
export function periodLabel(period: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  let m = /^(\d{4})(\d{2})$/.exec(period);
  if (m) return t('directives.periodName.month', { month: Number(m[2]), year: m[1] });
  m = /^(\d{4})Q([1-4])$/.exec(period);
  if (m) return t('directives.periodName.quarter', { quarter: ROMAN[Number(m[2]) - 1], year: m[1] });
  m = /^(\d{4})S([12])$/.exec(period);
  if (m) return t(m[2] === '1' ? 'directives.periodName.half1' : 'directives.periodName.half2', { year: m[1] });
  m = /^(\d{4})(?:N9|NineMonths|M9)$/i.exec(period);
  if (m) return t('directives.periodName.nine', { year: m[1] });
  m = /^(\d{4})$/.exec(period);
  if (m) return t('directives.periodName.year', { year: m[1] });
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return formatDate(period);
  return period;
}


/** "12 nhiệm vụ: 5 hoàn thành đúng hạn, 1 hoàn thành quá hạn, 4 đang thực hiện, 2 quá hạn". */
export function Counts({ counts, testId }: { counts: DocumentSummaryCounts | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (!counts) return null;
  const keys = ['doneOnTime', 'doneLate', 'inProgress', 'overdue', 'noDeadline'] as const;
  return (
    <Group gap={4} wrap="wrap" data-testid={testId}>
      <Text size="xs" c="dimmed" mr={2}>
        {t('directives.counts.total', { count: counts.total, n: formatNumber(counts.total) })}
      </Text>
      {keys
        .filter((k) => counts[k] > 0)
        .map((k) => (
          <Badge key={k} size="sm" variant="light" color={STATE_COLORS[k]} style={{ textTransform: 'none' }} data-testid={testId ? `${testId}-${k}` : undefined}>
            {t(`directives.counts.${k}`, { n: formatNumber(counts[k]) })}
          </Badge>
        ))}
      {counts.dueSoon > 0 && (
        <Badge size="sm" variant="outline" color={STATE_COLORS.dueSoon} style={{ textTransform: 'none' }}>
          {t('directives.counts.dueSoon', { n: formatNumber(counts.dueSoon) })}
        </Badge>
      )}
    </Group>
  );
}

/**
 * A button that opens the file chooser (the browser's own input would speak the browser's language:
 * "Choose File"). The hidden input carries the test id, for Playwright's setInputFiles.
 */
export function FilePick({ label, onFiles, multiple = false, accept, disabled, testId }: { label: string; onFiles: (files: File[]) => void; multiple?: boolean; accept?: string; disabled?: boolean; testId: string }) {
  return (
    <FileButton
      multiple={multiple}
      accept={accept}
      disabled={disabled}
      onChange={(f: File | File[] | null) => onFiles(f === null ? [] : Array.isArray(f) ? f : [f])}
      inputProps={{ 'data-testid': testId } as Record<string, string>}
    >
      {(props) => (
        <Button {...props} size="xs" variant="default" disabled={disabled} data-testid={`${testId}-button`}>
          {label}
        </Button>
      )}
    </FileButton>
  );
}
