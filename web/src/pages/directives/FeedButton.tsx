// The link of the user's deadline feed (iCalendar), for a phone's or a computer's calendar.
// GET /api/tasks/feed says whether a link exists; its address is shown once, when it is made
// (POST /api/tasks/feed), and making a new one stops the old one.
import { Alert, Button, CopyButton, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../components/common';
import { directiveKeys, directivesApi } from './directivesApi';
import { useNarrow } from './parts';

const absolute = (url: string) => new URL(url, location.origin).toString();
/** The same link for one-tap subscription on phones (webcal: opens the calendar app). */
const webcal = (url: string) => absolute(url).replace(/^https?:/, 'webcal:');

export function FeedButton() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button size="xs" variant="default" onClick={open} data-testid="tasks-feed-open">
        {t('directives.feed.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('directives.feed.title')} size="lg" fullScreen={narrow} data-testid="tasks-feed-modal">
        {opened && <FeedLink />}
      </Modal>
    </>
  );
}

function FeedLink() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const state = useQuery({ queryKey: directiveKeys.feed, queryFn: () => directivesApi.feed(false), retry: false });
  const make = useMutation({
    mutationFn: () => directivesApi.feed(true),
    onSuccess: (data) => qc.setQueryData(directiveKeys.feed, data),
  });
  const made = make.data?.url ?? state.data?.url ?? null;
  const url = made ? absolute(made) : null;
  const exists = !!state.data?.exists || !!url;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('directives.feed.intro')}</Text>
      {state.isLoading && <Loading />}
      <ErrorAlert error={state.error ?? make.error} testId="tasks-feed-error" />
      {url ? (
        <>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput label={t('directives.feed.link')} value={url} readOnly onFocus={(e) => e.currentTarget.select()} style={{ flex: 1, minWidth: 0 }} data-testid="tasks-feed-url" />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : undefined} onClick={copy} data-testid="tasks-feed-copy">
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="dimmed">{t('directives.feed.shownOnce')}</Text>
          <Group gap="xs">
            <Button component="a" href={webcal(url)} variant="light" size="xs" data-testid="tasks-feed-subscribe">
              {t('directives.feed.subscribe')}
            </Button>
          </Group>
        </>
      ) : (
        state.data && (
          <Group gap="xs" wrap="wrap">
            {exists && <Text size="sm" c="dimmed" data-testid="tasks-feed-exists">{t('directives.feed.exists')}</Text>}
            {!exists && (
              <Button loading={make.isPending} onClick={() => make.mutate()} data-testid="tasks-feed-make">
                {t('directives.feed.make')}
              </Button>
            )}
          </Group>
        )
      )}
      <Text size="sm" fw={600}>{t('directives.feed.howTitle')}</Text>
      <List size="sm" spacing={4}>
        <List.Item>{t('directives.feed.howIphone')}</List.Item>
        <List.Item>{t('directives.feed.howAndroid')}</List.Item>
        <List.Item>{t('directives.feed.howOutlook')}</List.Item>
      </List>
      <Alert color="yellow" p="xs">
        <Text size="sm">{t('directives.feed.secret')}</Text>
      </Alert>
      {exists && (
        <Group justify="flex-end">
          <Button variant="default" color="red" loading={make.isPending} onClick={() => window.confirm(t('directives.feed.renewConfirm')) && make.mutate()} data-testid="tasks-feed-renew">
            {t('directives.feed.renew')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
