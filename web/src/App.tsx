import { Alert, AppShell, Burger, Button, Divider, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch } from 'wouter';
import { useLogout, useMe, useMeQuery } from './auth';
import { ErrorAlert, Loading } from './components/common';
import { LanguageSwitch } from './components/LanguageSwitch';
import { NotificationBell } from './components/NotificationBell';
import { PageBoundary } from './components/PageBoundary';
import { homeOf, webModules, type LoadedModule } from './modules';
import { LoginPage } from './pages/LoginPage';
import { linkClick, splitPath, usePath } from './router';

export function App() {
  const me = useMeQuery();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} />;
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
  const logout = useLogout();
  const may = useMay();
  const path = usePath();
  const [opened, { toggle, close }] = useDisclosure();

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} data-testid="burger" />
            <Text fw={700} size="lg" data-testid="app-name">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap" miw={0}>
            {/* On a phone the user's name and unit move into the menu: the header keeps one line. */}
            <UserLink testId="header" visibleFrom="sm" />
            <NotificationBell />
            <LanguageSwitch />
            <Button size="xs" variant="default" loading={logout.isPending} onClick={() => logout.mutate()} data-testid="logout">
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <UserLink testId="menu" hiddenFrom="sm" onClick={close} />
        <Divider hiddenFrom="sm" my="xs" />
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
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes />
      </AppShell.Main>
    </AppShell>
  );
}

/** The user's name and unit, a link to their account page. */
function UserLink({ testId, onClick, ...visibility }: { testId: string; onClick?: () => void; visibleFrom?: 'sm'; hiddenFrom?: 'sm' }) {
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
      p={visibility.hiddenFrom ? 'xs' : undefined}
      data-testid={`${testId}-account`}
      {...visibility}
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
  const home = homeOf(may);
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
