// Small pieces shared by the report pages.
import { Anchor, Badge, Group, NativeSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth';
import { Link } from '../../router';
import type { ReportStatus, TemplateSummary } from './reportsApi';

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
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('reports.create.template')}
      data={[{ value: '', label: t('reports.create.chooseTemplate') }, ...(templates ?? []).map((x) => ({ value: x.code, label: `${x.name} (${x.code})` }))]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid={testId}
    />
  );
}
