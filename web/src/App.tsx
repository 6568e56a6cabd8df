import { Alert, Anchor, AppShell, Burger, Button, Center, Divider, Group, NavLink, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch } from 'wouter';
import { isUnreachable } from './api';
import { useLogout, useMe, useMeQuery } from './auth';
import { ErrorAlert, Loading } from './components/common';
import { LanguageSwitch } from './components/LanguageSwitch';
import { NotificationBell } from './components/NotificationBell';
import { PageBoundary } from './components/PageBoundary';
import { formatDateTime } from './format';
import { homeOf, webModules, type LoadedModule } from './modules';
import { storedForms, type StoredForm } from './offline/formCache';
import { LoginPage } from './pages/LoginPage';
import { linkClick, splitPath, usePath } from './router';

export function App() {
  const me = useMeQuery();
  if (me.isPending) return <Loading />;
  if (me.isError) {
    if (isUnreachable(me.error)) return <Unreachable retry={() => void me.refetch()} retrying={me.isFetching} />;
    return <ErrorAlert error={me.error} />;
  }
  if (!me.data) return <LoginPage />;
  return <Shell />;
}

/** Whether the logged-in user holds `permission` (null: anyone logged in). */
function useMay(): (permission: string | null) => boolean {
  const me = useMe();
  return (permission) => permission === null || me.authorities.includes(permission);
}

const isUnder = (path: string, m: LoadedModule) => path === m.path || path.startsWith(`${m.path}/`);

function Shell() {
  const { t } = useTranslation();
  const may = useMay();
  const path = usePath();
  const [opened, { toggle, close }] = useDisclosure();
  // Below Mantine's "sm" (48em): the header keeps one line (burger, name, bell); the user, the
  // language switch and "Đăng xuất" move into the menu. Rendered in one place only (unique test ids).
  const phone = useMediaQuery('(max-width: 47.99em)', undefined, { getInitialValueInEffect: false }) ?? false;

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} data-testid="burger" />
            <Text fw={700} size="lg" data-testid="app-name" truncate="end">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap" miw={0}>
            {!phone && <UserLink testId="header" />}
            <NotificationBell />
            {!phone && <LanguageSwitch />}
            {!phone && <LogoutButton />}
          </Group>
        </Group>
      </AppShell.Header>
      {/* The menu scrolls when it is taller than the screen (a phone with every page area), so "Đăng xuất" stays reachable. */}
      <AppShell.Navbar p="xs" data-testid="navbar" style={{ overflowY: 'auto' }}>
        {phone && (
          <>
            <UserLink testId="menu" onClick={close} />
            <Group justify="space-between" wrap="nowrap" px="xs" pt="xs">
              <Text size="sm" c="dimmed">
                {t('nav.language')}
              </Text>
              <LanguageSwitch />
            </Group>
            <Divider my="xs" />
          </>
        )}
        {webModules
          .filter((m) => may(m.permission))
          .map((m) => (
            <NavLink
              key={m.key}
              component="a"
              href={m.path}
              label={t(`nav.${m.key}`)}
              active={isUnder(path, m)}
              onClick={(e) => {
                linkClick(m.path)(e);
                close();
              }}
              data-testid={`nav-${m.key}`}
            />
          ))}
        {phone && (
          <>
            <Divider my="xs" />
            <LogoutButton fullWidth />
          </>
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes />
      </AppShell.Main>
    </AppShell>
  );
}

function LogoutButton({ fullWidth }: { fullWidth?: boolean }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <Button
      size="xs"
      variant="default"
      fullWidth={fullWidth}
      loading={logout.isPending}
      onClick={() => logout.mutate()}
      data-testid="logout"
    >
      {t('nav.logout')}
    </Button>
  );
}

/**
 * The server cannot be reached and no user is known on this device: never a dead end. "Thử lại",
 * an automatic retry when the line returns (and every 15 s), and the forms stored on this device
 * (their address is kept: after logging in, the form opens).
 */
function Unreachable({ retry, retrying }: { retry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  const [forms, setForms] = useState<StoredForm[]>([]);
  const again = useRef(retry);
  again.current = retry;
  useEffect(() => {
    void storedForms().then(setForms);
    const onLine = () => again.current();
    const id = window.setInterval(() => {
      if (navigator.onLine !== false) again.current();
    }, 15_000);
    window.addEventListener('online', onLine);
    return () => {
      window.clearInterval(id);
      window.removeEventListener('online', onLine);
    };
  }, []);
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="lg" w="100%" maw={420} data-testid="unreachable">
        <Stack gap="sm">
          <Title order={3}>{t('offlineStart.title')}</Title>
          <Text size="sm">{t('offlineStart.text')}</Text>
          <Button onClick={retry} loading={retrying} data-testid="unreachable-retry">
            {t('offlineStart.retry')}
          </Button>
          {forms.length > 0 && (
            <Stack gap={4} data-testid="unreachable-forms">
              <Text fw={600} size="sm">
                {t('offlineStart.storedForms')}
              </Text>
              {forms.map((f) => {
                const to = `/entry?${new URLSearchParams({ ds: f.dataSet, ou: f.orgUnit, pe: f.period })}`;
                return (
                  <Anchor key={`${f.username}|${to}`} href={to} onClick={linkClick(to)} size="sm" data-testid="unreachable-form">
                    {[f.dataSetName ?? f.dataSet, f.unitName, f.period].filter(Boolean).join(' · ')} ({t('offlineStart.savedAt', { at: formatDateTime(f.savedAt) })})
                  </Anchor>
                );
              })}
              <Text size="xs" c="dimmed">
                {t('offlineStart.storedHint')}
              </Text>
            </Stack>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

/** The user's name and unit, a link to their account page. */
function UserLink({ testId, onClick }: { testId: string; onClick?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <UnstyledButton
      component="a"
      href="/account"
      onClick={(e) => {
        linkClick('/account')(e);
        onClick?.();
      }}
      title={t('nav.account')}
      miw={0}
      p={testId === 'menu' ? 'xs' : undefined}
      data-testid={`${testId}-account`}
    >
      <Text size="sm" fw={500} lh={1.2} truncate="end" maw={260} data-testid={`${testId}-user`}>
        {me.displayName || me.name || me.username}
      </Text>
      <Text size="xs" c="dimmed" lh={1.2} truncate="end" maw={260} data-testid={`${testId}-unit`}>
        {me.organisationUnits.map((u) => u.name).join(', ')}
      </Text>
    </UnstyledButton>
  );
}

/** One route per module (and the paths below it); "/" and "/login" lead to the user's first page. */
function Routes() {
  const may = useMay();
  const me = useMe();
  const home = homeOf(may, me.organisationUnits.length > 0);
  return (
    <Switch>
      {webModules.map((m) => (
        <Route key={m.key} path={`${m.path}/*?`}>
          {(params) => <ModulePage module={m} param={splitPath(params['*'] ?? '')[0] ?? null} allowed={may(m.permission)} />}
        </Route>
      ))}
      <Route path="/">
        <Redirect to={home} replace />
      </Route>
      <Route path="/login">
        <Redirect to={home} replace />
      </Route>
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}

function ModulePage({ module: m, param, allowed }: { module: LoadedModule; param: string | null; allowed: boolean }) {
  const { t } = useTranslation();
  if (!allowed) return <Alert color="red">{t('common.forbidden')}</Alert>;
  return (
    <PageBoundary key={m.key}>
      <Suspense fallback={<Loading />}>
        <m.Page param={param} />
      </Suspense>
    </PageBoundary>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <Alert color="gray">{t('common.notFound')}</Alert>;
}
