// Small pieces shared by the report pages.
import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth';
import { Link } from '../../router';
export { useUnsavedGuard } from '../../router';
import { templateName, type ReportStatus, type TemplateSummary } from './reportsApi';

export function StatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'final' ? 'green' : 'gray'} variant="light" data-testid="report-status" data-status={status}>
      {t(`reports.status.${status}`)}
    </Badge>
  );
}

/** Links between the report pages. */
export function ReportsNav({ active }: { active: 'list' | 'templates' | 'batch' }) {
  const { t } = useTranslation();
  const canWrite = useCan('data:write');
  const items = [
    { key: 'list', to: '/reports', label: t('reports.tabs.list'), show: true },
    { key: 'templates', to: '/reports/templates', label: t('reports.tabs.templates'), show: true },
    { key: 'batch', to: '/reports/batch', label: t('reports.tabs.batch'), show: canWrite },
  ];
  return (
    <Group gap="md">
      {items
        .filter((i) => i.show)
        .map((i) =>
          i.key === active ? (
            <Text key={i.key} fw={600}>{i.label}</Text>
          ) : (
            <Anchor key={i.key} component={Link} to={i.to} data-testid={`reports-tab-${i.key}`}>
              {i.label}
            </Anchor>
          ),
        )}
    </Group>
  );
}


/** The template to generate a report with ("Mẫu báo cáo"). */
export function TemplateSelect({ templates, value, onChange, testId }: { templates: TemplateSummary[] | undefined; value: string; onChange: (code: string) => void; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      label={t('reports.create.template')}
      data={[{ value: '', label: t('reports.create.chooseTemplate') }, ...(templates ?? []).map((x) => ({ value: x.code, label: templateName(x, i18n.language) }))]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid={testId}
    />
  );
}


/** The action bar of an editor: stays at the top of the content (under the app header) while scrolling. */
export function StickyBar({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div
      data-testid={testId}
      style={{
        position: 'sticky',
        top: 'var(--app-shell-header-height, 56px)',
        zIndex: 20,
        background: 'var(--mantine-color-body)',
        borderBottom: '1px solid var(--mantine-color-default-border)',
        padding: '6px 0',
      }}
    >
      {children}
    </div>
  );
}

/** Keeps a rendering error in an editor (a malformed template, say) from blanking the whole page. */
export class EditorBoundary extends Component<{ children: ReactNode; back: string; backLabel: string }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('report editor failed', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return <BoundaryMessage error={this.state.error} back={this.props.back} backLabel={this.props.backLabel} onRetry={() => this.setState({ error: null })} />;
  }
}

function BoundaryMessage({ error, back, backLabel, onRetry }: { error: Error; back: string; backLabel: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={back}>← {backLabel}</Anchor>
      <Alert color="red" title={t('reports.crash.title')} data-testid="reports-crash">
        <Stack gap="xs">
          <Text size="sm">{t('reports.crash.text')}</Text>
          <Text size="xs" c="dimmed" ff="monospace">{error.message}</Text>
          <Group>
            <Button size="xs" variant="default" onClick={onRetry}>{t('reports.crash.retry')}</Button>
            <Button size="xs" variant="default" onClick={() => location.reload()}>{t('reports.crash.reloadPage')}</Button>
          </Group>
        </Stack>
      </Alert>
    </Stack>
  );
}
