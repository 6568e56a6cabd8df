// /notifications: the caller's notices, newest first, all or only unread ones, page after page;
// mark one or all read; each links to what it is about.
import { Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationList } from '../../../../src/modules/notifications/notifications.contract.js';
import { api } from '../../api';
import { ErrorAlert, Loading } from '../../components/common';
import { NOTIFICATIONS_KEY, NotificationRow, useMarkRead } from '../../components/NotificationBell';

const PAGE = 30;

export function NotificationsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const markRead = useMarkRead();
  const list = useInfiniteQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'page', filter],
    queryFn: ({ pageParam }) =>
      api.get<NotificationList>('/api/notifications', { limit: PAGE, unread: filter === 'unread' ? 1 : undefined, before: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.notifications.length < PAGE ? null : last.notifications.at(-1)!.id),
  });
  const notices = list.data?.pages.flatMap((p) => p.notifications) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;

  return (
    <Stack gap="sm" maw={820}>
      <Title order={3}>{t('notifications.title')}</Title>
      <Group justify="space-between" gap="xs">
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v as 'all' | 'unread')}
          data={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: t('notifications.unread', { count: unread }) },
          ]}
          data-testid="notifications-filter"
        />
        <Button size="xs" variant="default" disabled={unread === 0} loading={markRead.isPending} onClick={() => markRead.mutate({ all: true })} data-testid="notifications-read-all">
          {t('bell.markAllRead')}
        </Button>
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : notices.length === 0 ? (
        <Text c="dimmed" data-testid="notifications-empty">
          {filter === 'unread' ? t('notifications.noneUnread') : t('bell.empty')}
        </Text>
      ) : (
        <Card withBorder p={0} data-testid="notifications-list">
          {notices.map((n, i) => (
            <div key={n.id} style={i ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}>
              <NotificationRow n={n} />
            </div>
          ))}
        </Card>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="notifications-more">
          {t('notifications.more')}
        </Button>
      )}
    </Stack>
  );
}
