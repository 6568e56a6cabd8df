// The bell of the app header: the caller's unread count (asked every 60 s while the page is visible,
// and when the window gets the focus back), a drop-down with the latest notices, mark read, and a
// link to /notifications. Part of the shell: small, no page code.
import { ActionIcon, Anchor, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarkReadInput, MarkReadResult, NotificationItem, NotificationList } from '../../../src/modules/notifications/notifications.contract.js';
import { api } from '../api';
import { formatDateTime } from '../format';
import { linkClick } from '../router';

export const NOTIFICATIONS_KEY = ['notifications'] as const;
const BELL_KEY = [...NOTIFICATIONS_KEY, 'bell'] as const;
const POLL_MS = 60_000;

/** Marks notices read (ids or all) and refreshes the bell and the list. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkReadInput) => api.post<MarkReadResult>('/api/notifications/read', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const bell = useQuery({
    queryKey: BELL_KEY,
    queryFn: () => api.get<NotificationList>('/api/notifications', { limit: 8 }),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: 'always',
  });
  const markRead = useMarkRead();
  const unread = bell.data?.unread ?? 0;
  const list = bell.data?.notifications ?? [];

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" shadow="md" width="min(380px, calc(100vw - 16px))" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} disabled={unread === 0} size={16} color="red" offset={6} data-testid="bell-count">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread ? t('bell.unread', { count: unread }) : t('bell.label')}
            title={unread ? t('bell.unread', { count: unread }) : t('bell.label')}
            data-testid="bell"
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="bell-dropdown">
        <Group justify="space-between" px="sm" py={8} wrap="nowrap">
          <Text fw={600}>{t('bell.title')}</Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" loading={markRead.isPending} onClick={() => markRead.mutate({ all: true })} data-testid="bell-read-all">
              {t('bell.markAllRead')}
            </Button>
          )}
        </Group>
        <Divider />
        <ScrollArea.Autosize mah="min(420px, 60vh)" type="auto">
          {bell.isError && !bell.data ? (
            <Text size="sm" c="red" p="sm">
              {t('bell.failed')}
            </Text>
          ) : list.length === 0 ? (
            <Text size="sm" c="dimmed" p="sm">
              {t('bell.empty')}
            </Text>
          ) : (
            list.map((n) => <NotificationRow key={n.id} n={n} compact onOpen={() => setOpened(false)} />)
          )}
        </ScrollArea.Autosize>
        <Divider />
        <Anchor href="/notifications" size="sm" display="block" px="sm" py={8} onClick={(e) => { linkClick('/notifications')(e); setOpened(false); }} data-testid="bell-all">
          {t('bell.seeAll')}
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}

/** One notice: its title (bold while unread) and text, when, and a link to what it is about. */
export function NotificationRow({ n, compact = false, onOpen }: { n: NotificationItem; compact?: boolean; onOpen?: () => void }) {
  const { t } = useTranslation();
  const markRead = useMarkRead();
  const unread = n.readAt === null;
  const open = (e: MouseEvent) => {
    if (unread) markRead.mutate({ ids: [n.id] });
    if (n.link) linkClick(n.link)(e);
    onOpen?.();
  };
  const content = (
    <Stack gap={2} miw={0}>
      <Text size="sm" fw={unread ? 700 : 400} lineClamp={compact ? 2 : undefined} style={{ overflowWrap: 'anywhere' }}>
        {unread && (
          <Text span c="blue" mr={6} aria-label={t('bell.unreadMark')}>
            ●
          </Text>
        )}
        {n.title}
      </Text>
      {n.body && (
        <Text size="xs" c="dimmed" lineClamp={compact ? 2 : undefined} style={{ overflowWrap: 'anywhere' }}>
          {n.body}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {formatDateTime(n.createdAt)}
      </Text>
    </Stack>
  );
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" px="sm" py={8} bg={unread ? 'var(--mantine-color-blue-light)' : undefined} data-testid="notification" data-unread={unread}>
      {n.link ? (
        <UnstyledButton component="a" href={n.link} onClick={open} style={{ flex: 1, minWidth: 0 }}>
          {content}
        </UnstyledButton>
      ) : (
        <div style={{ flex: 1, minWidth: 0 }}>{content}</div>
      )}
      {unread && !compact && (
        <Button size="compact-xs" variant="default" onClick={() => markRead.mutate({ ids: [n.id] })} data-testid="notification-read">
          {t('bell.markRead')}
        </Button>
      )}
    </Group>
  );
}

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M10 5a2 2 0 1 1 4 0a7 7 0 0 1 4 6v3a4 4 0 0 0 2 3h-16a4 4 0 0 0 2 -3v-3a7 7 0 0 1 4 -6" />
      <path d="M9 17v1a3 3 0 0 0 6 0v-1" />
    </svg>
  );
}
