// A list of tasks: a table on wide screens, stacked cards on phones. Used by "my tasks", a document's
// tasks and the summary's drill-down.
import { Anchor, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '../../router';
import type { TaskItem } from './directivesApi';
import { Deadline, documentLabel, leadName, periodLabel, StateBadge, StatusBadge, useNarrow } from './parts';

export function TaskTable({ items, showDocument = true, cards = false, testId = 'task-list' }: { items: TaskItem[]; showDocument?: boolean; cards?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  if (narrow || cards) {
    return (
      <Stack gap="xs" data-testid={testId}>
        {items.map((task) => (
          <TaskCard key={task.id} task={task} showDocument={showDocument} />
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={0}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid={testId} style={{ tableLayout: 'auto' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('directives.col.content')}</Table.Th>
            <Table.Th w={200}>{t('directives.col.lead')}</Table.Th>
            <Table.Th w={190}>{t('directives.col.deadline')}</Table.Th>
            <Table.Th w={190}>{t('directives.col.state')}</Table.Th>
            {showDocument && <Table.Th w={170}>{t('directives.col.document')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((task) => (
            <Table.Tr key={task.id} data-testid={`task-item-${task.id}`} data-state={task.state ?? task.kind}>
              <Table.Td>
                <TaskTitle task={task} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{leadName(task)}</Text>
                {task.cooperating.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('directives.task.cooperatingShort', { names: task.cooperating.map((u) => u.name).join(', ') })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Deadline task={task} />
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <StateBadge task={task} />
                  {task.status !== 'done' && <StatusBadge status={task.status} />}
                </Stack>
              </Table.Td>
              {showDocument && (
                <Table.Td>
                  <Anchor component={Link} to={`/directives/${task.document.id}`} size="sm">
                    {documentLabel(task.document, t)}
                  </Anchor>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TaskTitle({ task }: { task: TaskItem }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={`/tasks/${task.id}`} size="sm" fw={500} lineClamp={3} style={{ overflowWrap: 'anywhere' }} data-testid={`task-link-${task.id}`}>
        {task.item ? `${task.item}. ` : ''}
        {task.content}
      </Anchor>
      {task.period && (
        <Text size="xs" c="dimmed">
          {t('directives.task.period', { period: periodLabel(task.period, t) })}
        </Text>
      )}
      {task.children && (
        <Text size="xs" c="dimmed">
          {t('directives.task.childrenDone', { done: task.children.done, total: task.children.total })}
        </Text>
      )}
      {task.progress > 0 && task.state !== 'doneOnTime' && task.state !== 'doneLate' && (
        <Progress value={task.progress} size="xs" maw={160} aria-label={t('directives.task.progress', { n: task.progress })} />
      )}
    </Stack>
  );
}

export function TaskCard({ task, showDocument = true }: { task: TaskItem; showDocument?: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`task-item-${task.id}`} data-state={task.state ?? task.kind}>
      <Stack gap={6}>
        <Group gap={6} wrap="wrap">
          <StateBadge task={task} />
          {task.status !== 'done' && <StatusBadge status={task.status} />}
        </Group>
        <TaskTitle task={task} />
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t('directives.col.lead')}:{' '}
          </Text>
          {leadName(task)}
        </Text>
        <Group gap={4} wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('directives.col.deadline')}:
          </Text>
          <Deadline task={task} />
        </Group>
        {showDocument && (
          <Anchor component={Link} to={`/directives/${task.document.id}`} size="xs">
            {documentLabel(task.document, t)}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
