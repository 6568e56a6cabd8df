// /reports/templates — the report templates (any user may read them; metadata:write edits).
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDateTime } from '../../format';
import { Link, navigate } from '../../router';
import { ReportsNav } from './parts';
import { useTemplates } from './reportsApi';

export function TemplatesList() {
  const { t, i18n } = useTranslation();
  const canEdit = useCan('metadata:write');
  const templates = useTemplates();
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>{t('reports.templates.title')}</Title>
        <ReportsNav active="templates" />
      </Group>
      {canEdit && (
        <Group>
          <Button onClick={() => navigate('/reports/templates/new')} data-testid="templates-new">
            {t('reports.templates.new')}
          </Button>
        </Group>
      )}
      {templates.isLoading ? (
        <Loading />
      ) : templates.error ? (
        <ErrorAlert error={templates.error} testId="templates-error" />
      ) : (templates.data ?? []).length === 0 ? (
        <Text c="dimmed">{t('reports.templates.empty')}</Text>
      ) : (
        <Table striped highlightOnHover data-testid="templates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.templates.code')}</Table.Th>
              <Table.Th>{t('reports.templates.name')}</Table.Th>
              <Table.Th>{t('reports.templates.unitKind')}</Table.Th>
              <Table.Th>{t('reports.templates.periodKinds')}</Table.Th>
              <Table.Th ta="right">{t('reports.templates.version')}</Table.Th>
              <Table.Th ta="right">{t('reports.templates.freeBlocks')}</Table.Th>
              <Table.Th>{t('reports.templates.updated')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {templates.data!.map((x) => (
              <Table.Tr key={x.code} data-testid={`templates-row-${x.code}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/reports/templates/${encodeURIComponent(x.code)}`}>{x.code}</Anchor>
                </Table.Td>
                <Table.Td>{i18n.language === 'en' ? x.nameEn || x.name : x.name}</Table.Td>
                <Table.Td>{t(`reports.unitKind.${x.unitKind}`)}</Table.Td>
                <Table.Td>{x.periodKinds.map((k) => t(`reports.periodKind.${k}`)).join(', ')}</Table.Td>
                <Table.Td ta="right">{x.version}</Table.Td>
                <Table.Td ta="right">{x.freeBlocks}</Table.Td>
                <Table.Td>{formatDateTime(x.updatedAt)}</Table.Td>
                <Table.Td>{x.builtin && <Badge variant="light">{t('reports.templates.builtin')}</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
