// The deadlines of my tasks as a calendar: a month grid on wide screens, a list by day on phones
// (GET /api/tasks/calendar?from&to).
import { ActionIcon, Anchor, Box, Button, Group, Paper, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDate, toIsoDate, today } from '../../format';
import { Link } from '../../router';
import { useCalendar, type CalendarEntry } from './directivesApi';
import { leadName, StateBadge, STATE_COLORS, useNarrow } from './parts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The days shown for a month: from the Monday of its first week to the Sunday of its last. */
function gridOf(year: number, month: number): string[] {
  const first = new Date(year, month - 1, 1);
  const start = new Date(first);
  start.setDate(1 - ((first.getDay() + 6) % 7));
  const last = new Date(year, month, 0);
  const end = new Date(last);
  end.setDate(last.getDate() + (6 - ((last.getDay() + 6) % 7)));
  const days: string[] = [];
  for (const d = new Date(start); d <= end; d.setDate(d.getDate() + 1)) days.push(toIsoDate(d));
  return days;
}

function colorOf(e: CalendarEntry): string {
  const s = e.task.state === 'inProgress' && e.task.dueSoon ? 'dueSoon' : e.task.state;
  return s ? STATE_COLORS[s] : 'gray';
}

export function TaskCalendar() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const now = today();
  const [ym, setYm] = useState(() => ({ year: Number(now.slice(0, 4)), month: Number(now.slice(5, 7)) }));
  const days = gridOf(ym.year, ym.month);
  const monthStart = `${ym.year}-${String(ym.month).padStart(2, '0')}-01`;
  const monthEnd = toIsoDate(new Date(ym.year, ym.month, 0));
  // Phones list the month itself; the grid also shows the neighbouring days of its first and last week.
  const from = narrow ? monthStart : days[0]!;
  const to = narrow ? monthEnd : days[days.length - 1]!;
  const cal = useCalendar(from, to);
  const byDay = new Map<string, CalendarEntry[]>();
  for (const e of cal.data ?? []) {
    const list = byDay.get(e.date) ?? [];
    list.push(e);
    byDay.set(e.date, list);
  }
  const move = (n: number) => setYm(({ year, month }) => {
    const d = new Date(year, month - 1 + n, 1);
    return { year: d.getFullYear(), month: d.getMonth() + 1 };
  });

  return (
    <Stack gap="sm" data-testid="tasks-calendar">
      <Group justify="space-between" wrap="nowrap">
        <ActionIcon variant="default" onClick={() => move(-1)} aria-label={t('directives.calendar.previous')} data-testid="calendar-prev">
          ‹
        </ActionIcon>
        <Text fw={600} data-testid="calendar-month">
          {t('directives.calendar.month', { month: ym.month, year: ym.year })}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" variant="subtle" onClick={() => setYm({ year: Number(now.slice(0, 4)), month: Number(now.slice(5, 7)) })} data-testid="calendar-today">
            {t('directives.calendar.today')}
          </Button>
          <ActionIcon variant="default" onClick={() => move(1)} aria-label={t('directives.calendar.next')} data-testid="calendar-next">
            ›
          </ActionIcon>
        </Group>
      </Group>
      {cal.error && <ErrorAlert error={cal.error} testId="calendar-error" />}
      {cal.isLoading ? (
        <Loading />
      ) : narrow ? (
        <DayList days={days.filter((d) => d >= monthStart && d <= monthEnd)} byDay={byDay} />
      ) : (
        <MonthGrid days={days} month={monthStart.slice(0, 7)} byDay={byDay} />
      )}
    </Stack>
  );
}

function MonthGrid({ days, month, byDay }: { days: string[]; month: string; byDay: Map<string, CalendarEntry[]> }) {
  const { t } = useTranslation();
  const now = today();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Box data-testid="calendar-grid">
      <SimpleGrid cols={7} spacing={0} verticalSpacing={0} style={{ borderTop: '1px solid var(--mantine-color-gray-3)', borderLeft: '1px solid var(--mantine-color-gray-3)' }}>
        {WEEKDAYS.map((w) => (
          <Text key={w} size="xs" fw={600} ta="center" py={4} bg="gray.0" style={{ borderRight: '1px solid var(--mantine-color-gray-3)', borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            {t(`directives.weekdayShort.${w}`)}
          </Text>
        ))}
        {days.map((d) => {
          const entries = byDay.get(d) ?? [];
          const shown = open === d ? entries : entries.slice(0, 3);
          return (
            <Box
              key={d}
              p={4}
              mih={96}
              miw={0}
              bg={d === now ? 'yellow.0' : d.slice(0, 7) !== month ? 'gray.0' : undefined}
              style={{ borderRight: '1px solid var(--mantine-color-gray-3)', borderBottom: '1px solid var(--mantine-color-gray-3)' }}
              data-testid={`calendar-day-${d}`}
            >
              <Text size="xs" c={d.slice(0, 7) !== month ? 'dimmed' : undefined} fw={d === now ? 700 : 400}>
                {Number(d.slice(8))}
              </Text>
              <Stack gap={2}>
                {shown.map((e) => (
                  <Anchor
                    key={e.task.id}
                    component={Link}
                    to={`/tasks/${e.task.id}`}
                    size="xs"
                    truncate="end"
                    title={`${leadName(e.task)}: ${e.task.content}`}
                    px={4}
                    c={`${colorOf(e)}.9`}
                    bg={`${colorOf(e)}.1`}
                    style={{ borderRadius: 4, display: 'block' }}
                    data-testid={`calendar-entry-${e.task.id}`}
                  >
                    {e.task.content}
                  </Anchor>
                ))}
                {entries.length > shown.length && (
                  <UnstyledButton onClick={() => setOpen(d)} fz="xs" c="blue" data-testid={`calendar-more-${d}`}>
                    {t('directives.calendar.more', { count: entries.length - shown.length, n: entries.length - shown.length })}
                  </UnstyledButton>
                )}
              </Stack>
            </Box>
          );
        })}
      </SimpleGrid>
    </Box>
  );
}

function DayList({ days, byDay }: { days: string[]; byDay: Map<string, CalendarEntry[]> }) {
  const { t } = useTranslation();
  const now = today();
  const withTasks = days.filter((d) => byDay.has(d));
  if (!withTasks.length) {
    return (
      <Text c="dimmed" data-testid="calendar-empty">
        {t('directives.calendar.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="calendar-list">
      {withTasks.map((d) => {
        const weekday = WEEKDAYS[(new Date(`${d}T00:00:00`).getDay() + 6) % 7]!;
        return (
          <Stack key={d} gap={4} data-testid={`calendar-day-${d}`}>
            <Text fw={600} size="sm" c={d === now ? 'orange.8' : undefined}>
              {t(`directives.weekday.${weekday}`)}, {formatDate(d)}
              {d === now ? ` — ${t('directives.calendar.today')}` : ''}
            </Text>
            {byDay.get(d)!.map((e) => (
              <Paper key={e.task.id} withBorder p="xs" radius="md" style={{ borderLeft: `4px solid var(--mantine-color-${colorOf(e)}-6)` }}>
                <Stack gap={4}>
                  <Anchor component={Link} to={`/tasks/${e.task.id}`} size="sm" lineClamp={3} data-testid={`calendar-entry-${e.task.id}`}>
                    {e.task.content}
                  </Anchor>
                  <Group gap={6} wrap="wrap">
                    <StateBadge task={e.task} />
                    <Text size="xs" c="dimmed">
                      {leadName(e.task)}
                    </Text>
                  </Group>
                </Stack>
              </Paper>
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}
