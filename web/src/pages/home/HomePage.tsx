// /home, "Việc cần làm": the forms that need the data-entry user — returned for correction (with the
// reason, who and when), overdue, to enter — as cards (a phone is the usual screen), each opening the form.
import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDate, formatDateTime } from '../../format';
import { linkClick } from '../../router';
import { entryLink, useTodo, type TodoItem } from './todoApi';

export function HomePage() {
  const { t } = useTranslation();
  const todo = useTodo();
  if (todo.isPending) return <Loading />;
  if (todo.isError) return <ErrorAlert error={todo.error} testId="todo-error" />;
  const items = todo.data.data;
  // The current period (not ended) comes last, apart: it is entered as the month goes, not yet due.
  const groups: { key: 'returned' | 'overdue' | 'due' | 'current'; items: TodoItem[] }[] = [
    { key: 'returned', items: items.filter((i) => i.state === 'returned') },
    { key: 'overdue', items: items.filter((i) => i.state !== 'returned' && i.overdue) },
    { key: 'due', items: items.filter((i) => i.state !== 'returned' && !i.overdue && !i.ongoing) },
    { key: 'current', items: items.filter((i) => i.state !== 'returned' && !i.overdue && i.ongoing) },
  ];
  return (
    <Stack gap="md" maw={720} data-testid="todo-page">
      <div>
        <Title order={3}>{t('home.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('home.intro')}
        </Text>
      </div>
      {todo.data.offline && (
        <Alert color="yellow" p="xs" data-testid="todo-offline">
          {t('home.offline', { at: formatDateTime(todo.data.savedAt) })}
        </Alert>
      )}
      {items.length === 0 && (
        <Alert color="green" data-testid="todo-empty">
          {t('home.none')}
        </Alert>
      )}
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <Stack key={g.key} gap="xs" data-testid={`todo-group-${g.key}`}>
            <Text fw={700} c={g.key === 'returned' || g.key === 'overdue' ? 'red.8' : undefined}>
              {t(`home.${g.key}`)} ({g.items.length})
            </Text>
            {g.items.map((i) => (
              <TodoCard key={`${i.dataSet.id}|${i.orgUnit.id}|${i.period}`} item={i} />
            ))}
          </Stack>
        ))}
    </Stack>
  );
}

function TodoCard({ item }: { item: TodoItem }) {
  const { t, i18n } = useTranslation();
  const to = entryLink(item);
  const name = i18n.language === 'en' ? item.dataSet.nameEn || item.dataSet.name : item.dataSet.name;
  return (
    <Card withBorder padding="sm" data-testid="todo-item" data-state={item.state} data-period={item.period} data-dataset={item.dataSet.code}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Anchor href={to} onClick={linkClick(to)} fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="todo-link">
            {name}
          </Anchor>
          <Badge color={item.state === 'returned' ? 'red' : item.overdue ? 'orange' : 'blue'} variant="light" style={{ flexShrink: 0 }}>
            {t(`home.state.${item.state}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {item.periodName} · {item.orgUnit.name}
        </Text>
        <Text size="sm" c={item.overdue ? 'red.8' : 'dimmed'} data-testid="todo-deadline">
          {item.overdue ? t('home.overdueSince', { date: formatDate(item.deadline) }) : t('home.deadline', { date: formatDate(item.deadline) })}
          {item.closesOn ? ` · ${t('home.closesOn', { date: formatDate(item.closesOn) })}` : ''}
        </Text>
        {item.returned && (
          <Alert color="red" p="xs" data-testid="todo-returned">
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="todo-reason">
              {t('home.reason', { reason: item.returned.reason ?? '—' })}
            </Text>
            <Text size="xs" data-testid="todo-returned-by">
              {t('home.returnedBy', { by: item.returned.by ?? '—', at: formatDateTime(item.returned.at) })}
            </Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
