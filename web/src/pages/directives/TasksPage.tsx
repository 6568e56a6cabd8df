// "Nhiệm vụ" (issue 13, views): /tasks (my unit's tasks by tab, or those I assigned; a list or a
// calendar), /tasks/summary (the follow-up summary) and /tasks/:id (one task and its actions).
import { Badge, Button, Group, Pagination, SegmentedControl, Stack, Switch, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../components/common';
import { formatNumber } from '../../format';
import { Link, useRoute } from '../../router';
import { TASK_TABS, useTasks, type TaskQuery, type TaskTab, type TaskView } from './directivesApi';
import { FeedButton } from './FeedButton';
import { AreaNav } from './parts';
import { SummaryPage } from './SummaryPage';
import { TaskCalendar } from './TaskCalendar';
import { TaskDetailPage } from './TaskDetailPage';
import { TaskTable } from './TaskTable';

export function TasksPage() {
  const [, sub] = useRoute();
  if (sub === 'summary') return <SummaryPage />;
  if (sub) return <TaskDetailPage key={sub} id={sub} />;
  return <MyTasks />;
}

const PAGE_SIZE = 50;
/** The `state` filter of each tab (the API's TasksQuery). */
const TAB_STATE: Record<TaskTab, TaskQuery['state']> = { toDo: 'toDo', dueSoon: 'dueSoon', overdue: 'overdue', waiting: 'waiting', all: undefined };
const TAB_COLOR: Record<TaskTab, string> = { toDo: 'blue', dueSoon: 'orange', overdue: 'red', waiting: 'violet', all: 'gray' };

function initial() {
  const q = new URLSearchParams(location.search);
  const tab = q.get('tab');
  return {
    view: (q.get('view') === 'assigned' ? 'assigned' : 'mine') as TaskView,
    tab: (TASK_TABS as readonly string[]).includes(tab ?? '') ? (tab as TaskTab) : 'toDo',
    mode: q.get('mode') === 'calendar' ? ('calendar' as const) : ('list' as const),
  };
}

function MyTasks() {
  const { t } = useTranslation();
  const [start] = useState(initial);
  const [view, setView] = useState<TaskView>(start.view);
  const [tab, setTab] = useState<TaskTab>(start.tab);
  const [mode, setMode] = useState<'list' | 'calendar'>(start.mode);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);

  // The address keeps the choices, so a reload or a shared link opens the same list.
  useEffect(() => {
    const p = new URLSearchParams();
    if (view !== 'mine') p.set('view', view);
    if (tab !== 'toDo') p.set('tab', tab);
    if (mode !== 'list') p.set('mode', mode);
    const url = `/tasks${p.toString() ? `?${p}` : ''}`;
    if (location.pathname + location.search !== url) history.replaceState(null, '', url);
  }, [view, tab, mode]);
  useEffect(() => setPage(1), [view, tab, q]);

  const list = useTasks({ view, state: TAB_STATE[tab], q, page, pageSize: PAGE_SIZE }, mode === 'list');
  // The counts of the tabs (one row each: the server answers the total).
  const counts = {
    toDo: useTasks({ view, state: 'toDo', pageSize: 1 }, mode === 'list'),
    dueSoon: useTasks({ view, state: 'dueSoon', pageSize: 1 }, mode === 'list'),
    overdue: useTasks({ view, state: 'overdue', pageSize: 1 }, mode === 'list'),
    waiting: useTasks({ view, state: 'waiting', pageSize: 1 }, mode === 'list'),
  } as Partial<Record<TaskTab, ReturnType<typeof useTasks>>>;
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="sm" data-testid="tasks-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('directives.tasks.title')}</Title>
        <AreaNav active="tasks" />
      </Group>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="md" wrap="wrap">
          <Switch
            label={t('directives.tasks.assignedByMe')}
            checked={view === 'assigned'}
            onChange={(e) => setView(e.currentTarget.checked ? 'assigned' : 'mine')}
            data-testid="tasks-assigned-switch"
          />
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(v) => setMode(v as 'list' | 'calendar')}
            data={[
              { value: 'list', label: t('directives.tasks.modeList') },
              { value: 'calendar', label: t('directives.tasks.modeCalendar') },
            ]}
            data-testid="tasks-mode"
          />
        </Group>
        <Group gap="xs" wrap="wrap">
          <FeedButton />
          <Button component={Link} to="/tasks/summary" variant="default" size="xs" data-testid="tasks-to-summary">
            {t('directives.nav.summary')}
          </Button>
        </Group>
      </Group>

      {mode === 'calendar' ? (
        <TaskCalendar />
      ) : (
        <>
          <Tabs value={tab} onChange={(v) => v && setTab(v as TaskTab)} keepMounted={false}>
            <Tabs.List data-testid="tasks-tabs">
              {TASK_TABS.map((k) => {
                const n = counts[k]?.data?.total;
                return (
                  <Tabs.Tab
                    key={k}
                    value={k}
                    data-testid={`tasks-tab-${k}`}
                    rightSection={
                      n ? (
                        <Badge size="sm" variant={k === 'overdue' ? 'filled' : 'light'} color={TAB_COLOR[k]} data-testid={`tasks-count-${k}`}>
                          {formatNumber(n)}
                        </Badge>
                      ) : null
                    }
                  >
                    {t(`directives.tab.${k}`)}
                  </Tabs.Tab>
                );
              })}
            </Tabs.List>
          </Tabs>
          <TextInput
            placeholder={t('directives.tasks.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maw={420}
            data-testid="tasks-search"
          />
          {list.isLoading ? (
            <Loading />
          ) : list.error ? (
            <ErrorAlert error={list.error} testId="tasks-error" />
          ) : !list.data?.items.length ? (
            <Text c="dimmed" data-testid="tasks-empty">
              {t(`directives.tasks.empty.${tab}`)}
            </Text>
          ) : (
            <>
              <Text size="sm" c="dimmed" data-testid="tasks-total">
                {t('directives.tasks.total', { count: total, n: formatNumber(total) })}
              </Text>
              <TaskTable items={list.data.items} />
              {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" data-testid="tasks-pages" />}
            </>
          )}
        </>
      )}
    </Stack>
  );
}
