import { Alert, AppShell, Burger, Button, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useLogout, useMe, useMeQuery } from './auth';
import { ErrorAlert, Loading } from './components/common';
import { LanguageSwitch } from './components/LanguageSwitch';
import { AccountPage } from './pages/AccountPage';
import { ApprovalsPage } from './pages/approvals/ApprovalsPage';
import { AuditPage } from './pages/AuditPage';
import { DashboardsPage } from './pages/dashboards/DashboardsPage';
import { DataEntryPage } from './pages/entry/DataEntryPage';
import { ImportsPage } from './pages/imports/ImportsPage';
import { MetadataPage } from './pages/metadata/MetadataPage';
import { PivotPage } from './pages/pivot/PivotPage';
import { PlansPage } from './pages/plans/PlansPage';
import { ReportsPage } from './pages/reports/ReportsPage';
import { LoginPage } from './pages/LoginPage';
import { OrgUnitsPage } from './pages/OrgUnitsPage';
import { UsersPage } from './pages/UsersPage';
import { linkClick, navigate, useRoute } from './router';

export function App() {
  const me = useMeQuery();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (!me.data) return <LoginPage />;
  return <Shell />;
}

function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const canUsers = useCan('user:read');
  const canAudit = useCan('audit:read');
  const canData = useCan('data:read');
  const canWrite = useCan('data:write');
  const [opened, { toggle, close }] = useDisclosure();
  const [section = '', param] = useRoute();

  useEffect(() => {
    if (section === '' || section === 'login') navigate(canData ? '/dashboards' : '/orgunits', true);
  }, [section, canData]);

  const nav = [
    { to: '/dashboards', key: 'dashboards', label: t('nav.dashboards'), show: canData },
    { to: '/pivot', key: 'pivot', label: t('nav.pivot'), show: canData },
    { to: '/entry', key: 'entry', label: t('nav.entry'), show: canData },
    { to: '/approvals', key: 'approvals', label: t('nav.approvals'), show: canData },
    { to: '/plans', key: 'plans', label: t('nav.plans'), show: canData },
    { to: '/reports', key: 'reports', label: t('reports.nav'), show: canData },
    { to: '/imports', key: 'imports', label: t('nav.imports'), show: canWrite },
    { to: '/orgunits', key: 'orgunits', label: t('nav.orgunits'), show: true },
    { to: '/metadata', key: 'metadata', label: t('nav.metadata'), show: true },
    { to: '/users', key: 'users', label: t('nav.users'), show: canUsers },
    { to: '/audit', key: 'audit', label: t('nav.audit'), show: canAudit },
  ];

  let page;
  if (section === 'dashboards') page = canData ? <DashboardsPage id={param ?? null} /> : <Forbidden />;
  else if (section === 'pivot') page = canData ? <PivotPage /> : <Forbidden />;
  else if (section === 'entry') page = canData ? <DataEntryPage /> : <Forbidden />;
  else if (section === 'approvals') page = canData ? <ApprovalsPage /> : <Forbidden />;
  else if (section === 'plans') page = canData ? <PlansPage /> : <Forbidden />;
  else if (section === 'reports') page = <ReportsPage />;
  else if (section === 'imports') page = canWrite ? <ImportsPage /> : <Forbidden />;
  else if (section === 'metadata') page = <MetadataPage />;
  else if (section === 'users') page = canUsers ? <UsersPage /> : <Forbidden />;
  else if (section === 'audit') page = canAudit ? <AuditPage /> : <Forbidden />;
  else if (section === 'account') page = <AccountPage />;
  else if (section === 'orgunits' || section === '' || section === 'login') page = <OrgUnitsPage selectedId={param ?? null} />;
  else page = <Alert color="gray">{t('common.notFound')}</Alert>;

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" />
            <Text fw={700} size="lg" data-testid="app-name">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <UnstyledButton component="a" href="/account" onClick={linkClick('/account')} data-testid="header-account" title={t('nav.account')}>
              <Text size="sm" fw={500} lh={1.2} data-testid="header-user">
                {me.displayName || me.name || me.username}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2} data-testid="header-unit">
                {me.organisationUnits.map((u) => u.name).join(', ')}
              </Text>
            </UnstyledButton>
            <LanguageSwitch />
            <Button size="xs" variant="default" loading={logout.isPending} onClick={() => logout.mutate()} data-testid="logout">
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {nav
          .filter((n) => n.show)
          .map((n) => (
            <NavLink
              key={n.key}
              component="a"
              href={n.to}
              label={n.label}
              active={section === n.key || (n.key === 'orgunits' && section === '')}
              onClick={(e) => {
                linkClick(n.to)(e);
                close();
              }}
              data-testid={`nav-${n.key}`}
            />
          ))}
        <NavLink
          component="a"
          href="/account"
          label={t('nav.account')}
          active={section === 'account'}
          onClick={(e) => {
            linkClick('/account')(e);
            close();
          }}
          data-testid="nav-account"
        />
      </AppShell.Navbar>
      <AppShell.Main>{page}</AppShell.Main>
    </AppShell>
  );
}

function Forbidden() {
  const { t } = useTranslation();
  return <Alert color="red">{t('common.forbidden')}</Alert>;
}
