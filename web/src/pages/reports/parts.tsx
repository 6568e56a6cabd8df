// Small pieces shared by the report pages.
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth';
import { Link } from '../../router';
import type { ReportStatus } from './reportsApi';

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

