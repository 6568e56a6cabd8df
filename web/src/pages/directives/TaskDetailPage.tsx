// One task (/tasks/:id): what is asked, by whom, until when; its children (a fan-out) or occurrences
// (a series); its history with the files reported; and the actions the server allows the caller now.
import { Alert, Anchor, Blockquote, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDate, formatDateTime, formatLongDate } from '../../format';
import { Link } from '../../router';
import { TASK_STATUSES, useTask, type Extension, type TaskDetail, type TaskEvent } from './directivesApi';
import { AreaNav, Attachments, Deadline, documentLabel, leadName, periodLabel, StateBadge, StatusBadge, useNarrow } from './parts';
import { TaskActions } from './TaskActions';
import { TaskTable } from './TaskTable';
import { recurrenceText } from './recurrence';

export function TaskDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const task = useTask(id);
  return (
    <Stack gap="sm" data-testid="task-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Anchor component={Link} to="/tasks" size="sm" data-testid="task-back">
          ← {t('directives.tasks.title')}
        </Anchor>
        <AreaNav active="tasks" />
      </Group>
      {task.isLoading ? <Loading /> : task.error ? <ErrorAlert error={task.error} testId="task-error" /> : task.data ? <TaskView task={task.data} /> : null}
    </Stack>
  );
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0} miw={0} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

function TaskView({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const done = task.state === 'doneOnTime' || task.state === 'doneLate';
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Group gap={6} wrap="wrap">
          <StateBadge task={task} testId="task-state" />
          {task.kind === 'task' && <StatusBadge status={task.status} testId="task-status" />}
          {task.period && (
            <Text size="sm" c="dimmed">
              {periodLabel(task.period, t)}
            </Text>
          )}
        </Group>
        <Title order={4} style={{ overflowWrap: 'anywhere' }} data-testid="task-content">
          {task.item ? `${task.item}. ` : ''}
          {task.content}
        </Title>
        <Anchor component={Link} to={`/directives/${task.document.id}`} size="sm" data-testid="task-document">
          {documentLabel(task.document, t)}
          {task.document.title ? ` — ${task.document.title}` : ''}
        </Anchor>
      </Stack>

      {task.pendingExtension && (
        <Alert color="orange" p="sm" data-testid="task-pending-extension">
          <Text size="sm">
            {t('directives.extension.pending', { date: formatLongDate(task.pendingExtension.deadline) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('directives.extension.reason', { reason: task.pendingExtension.reason })}
          </Text>
        </Alert>
      )}

      <TaskActions task={task} />

      <Paper withBorder p="sm" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
          <Field label={t('directives.col.lead')} testId="task-lead">
            {leadName(task) || '—'}
          </Field>
          <Field label={t('directives.task.cooperating')} testId="task-cooperating">
            {task.cooperating.length ? task.cooperating.map((u) => u.name).join('; ') : '—'}
          </Field>
          <Field label={t('directives.task.assigner')}>{task.assignerUnit.name}</Field>
          <Field label={t('directives.col.deadline')} testId="task-deadline">
            <Deadline task={task} long testId="task-deadline-value" />
          </Field>
          {task.recurrence && <Field label={t('directives.task.recurrence')}>{recurrenceText(task.recurrence, t)}</Field>}
          {task.output && <Field label={t('directives.task.output')}>{task.output}</Field>}
          {task.kind === 'task' && (
            <Field label={t('directives.task.progressLabel')} testId="task-progress">
              <Group gap="xs" wrap="nowrap">
                <Progress value={done ? 100 : task.progress} w={140} color={done ? 'green' : 'blue'} />
                <Text size="sm">{done ? 100 : task.progress} %</Text>
              </Group>
            </Field>
          )}
          {task.completedOn && <Field label={t('directives.task.completedOn')}>{formatLongDate(task.completedOn)}</Field>}
        </SimpleGrid>
      </Paper>

      {task.quote && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('directives.task.quote')}
          </Text>
          <Blockquote p="sm" color="gray" data-testid="task-quote">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {task.quote}
            </Text>
          </Blockquote>
        </Stack>
      )}

      {task.children_.length > 0 && (
        <Stack gap={4} data-testid="task-children">
          <Text size="sm" fw={600}>
            {task.kind === 'series' ? t('directives.task.occurrences') : t('directives.task.children')}
            {task.children ? ` (${t('directives.task.childrenDone', { done: task.children.done, total: task.children.total })})` : ''}
          </Text>
          <TaskTable items={task.children_} showDocument={false} testId="task-children-list" />
        </Stack>
      )}

      {task.extensions.length > 0 && <Extensions list={task.extensions} />}

      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('directives.history.title')}
        </Text>
        {task.events.length ? <History events={task.events} /> : <Text size="sm" c="dimmed">{t('directives.history.empty')}</Text>}
      </Stack>
    </Stack>
  );
}

function Extensions({ list }: { list: Extension[] }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const statusText = (e: Extension) => t(`directives.extension.status.${e.status}`);
  if (narrow) {
    return (
      <Stack gap={4} data-testid="task-extensions">
        <Text size="sm" fw={600}>{t('directives.extension.title')}</Text>
        {list.map((e) => (
          <Paper key={e.id} withBorder p="xs" radius="md">
            <Text size="sm">
              {t('directives.extension.fromTo', { from: formatDate(e.previousDeadline) || '—', to: formatDate(e.requestedDeadline) })} — <b>{statusText(e)}</b>
            </Text>
            <Text size="xs" c="dimmed">{e.reason}</Text>
            {e.comment && <Text size="xs">{e.comment}</Text>}
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Stack gap={4} data-testid="task-extensions">
      <Text size="sm" fw={600}>{t('directives.extension.title')}</Text>
      <Table striped withTableBorder verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('directives.extension.requestedAt')}</Table.Th>
            <Table.Th>{t('directives.extension.previous')}</Table.Th>
            <Table.Th>{t('directives.extension.requested')}</Table.Th>
            <Table.Th>{t('directives.extension.reasonCol')}</Table.Th>
            <Table.Th>{t('directives.extension.decision')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                {formatDateTime(e.requestedAt)}
                {e.requestedBy ? <Text size="xs" c="dimmed">{e.requestedBy}</Text> : null}
              </Table.Td>
              <Table.Td>{formatDate(e.previousDeadline) || '—'}</Table.Td>
              <Table.Td>{formatDate(e.requestedDeadline)}</Table.Td>
              <Table.Td>{e.reason}</Table.Td>
              <Table.Td>
                {statusText(e)}
                {e.decidedAt ? <Text size="xs" c="dimmed">{[e.decidedBy, formatDateTime(e.decidedAt)].filter(Boolean).join(', ')}</Text> : null}
                {e.comment ? <Text size="xs">{e.comment}</Text> : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Known event names; others are shown by the status they led to. */
const EVENT_ACTIONS = new Set([
  'create', 'assign', 'accept', 'refuse', 'progress', 'submit', 'confirm', 'return', 'pause', 'resume', 'withdraw', 'edit', 'update',
  'requestExtension', 'approveExtension', 'rejectExtension', 'extensionRequested', 'extensionApproved', 'extensionRejected', 'reopen',
]);

function History({ events }: { events: TaskEvent[] }) {
  const { t } = useTranslation();
  const label = (e: TaskEvent) =>
    EVENT_ACTIONS.has(e.action)
      ? t(`directives.event.${e.action}`)
      : e.toStatus && (TASK_STATUSES as string[]).includes(e.toStatus)
        ? t('directives.event.toStatus', { status: t(`directives.status.${e.toStatus}`) })
        : t('directives.event.other');
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="task-history">
      {events.map((e) => (
        <Timeline.Item key={e.id} title={<Text size="sm" fw={500}>{label(e)}</Text>} data-testid={`task-event-${e.id}`} data-action={e.action}>
          <Text size="xs" c="dimmed">
            {[e.user, formatDateTime(e.at)].filter(Boolean).join(' · ')}
            {e.progress !== null && e.progress !== undefined ? ` · ${e.progress} %` : ''}
          </Text>
          {e.comment && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {e.comment}
            </Text>
          )}
          <Attachments files={e.attachments} testId={`task-event-files-${e.id}`} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
