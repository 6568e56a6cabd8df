// Narrative reports (issue 5): /reports (the list and "Tạo báo cáo"), /reports/:id (the editor),
// /reports/templates[/:code] (templates) and /reports/batch (batch generation for the sub-units).
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OuDetails } from '../../api';
import { useCan, useMe } from '../../auth';
import { ErrorAlert, Loading } from '../../components/common';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { formatDateTime } from '../../format';
import { Link, navigate, useRoute } from '../../router';
import { BatchPage } from './BatchPage';
import { PeriodPicker, defaultPeriod, periodId, type PeriodChoice } from './PeriodPicker';
import { readPeriodText } from './periodText';
import { ReportEditor } from './ReportEditor';
import {
  isPeriodId, reportsApi, templateName, unitKindOf, useReports, useTemplates, type ReportSummary,
} from './reportsApi';
import { TemplateEditor } from './TemplateEditor';
import { TemplatesList } from './TemplatesList';
import { ReportsNav, StatusBadge, TemplateSelect } from './parts';

export function ReportsPage() {
  const { t } = useTranslation();
  const canData = useCan('data:read');
  const [, sub, code] = useRoute();
  // Templates are readable by any user; reports need data:read.
  if (sub === 'templates') return code ? <TemplateEditor key={code} code={code} /> : <TemplatesList />;
  if (!canData) return <Alert color="red">{t('common.forbidden')}</Alert>;
  if (sub === 'batch') return <BatchPage />;
  if (sub) return <ReportEditor key={sub} id={sub} />;
  return <ReportsList />;
}

function ReportsList() {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('data:write');
  const templates = useTemplates();
  const [template, setTemplate] = useState('');
  const [status, setStatus] = useState('');
  const [periodText, setPeriodText] = useState('');
  const [periodDebounced] = useDebouncedValue(periodText.trim(), 300);
  const read = readPeriodText(periodDebounced);
  const periodTyped = read && isPeriodId(read) ? read : null;
  const periodBad = periodDebounced !== '' && periodTyped === null;
  const [unit, setUnit] = useState<OuChoice | null>(null);
  const [creating, setCreating] = useState(false);
  const query: Record<string, string> = {};
  if (template) query.template = template;
  if (status) query.status = status;
  if (unit) query.orgUnit = String(unit.id);
  // Every filter is applied by the server (the list is capped at the newest 500 rows).
  if (periodTyped && !periodBad) query.period = periodTyped;
  const reports = useReports(query);
  const rows = reports.data ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>{t('reports.title')}</Title>
        <ReportsNav active="list" />
      </Group>
      {canWrite && !creating && (
        <Group>
          <Button onClick={() => setCreating(true)} data-testid="reports-new">
            {t('reports.create.open')}
          </Button>
        </Group>
      )}
      {creating && <CreateReport onCancel={() => setCreating(false)} />}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label={t('reports.filter.template')}
          data={[{ value: '', label: t('reports.filter.all') }, ...(templates.data ?? []).map((x) => ({ value: x.code, label: templateName(x, i18n.language) }))]}
          value={template}
          onChange={(e) => setTemplate(e.currentTarget.value)}
          data-testid="reports-filter-template"
        />
        <TextInput
          label={t('reports.filter.period')}
          placeholder={t('reports.filter.periodPlaceholder')}
          title={t('reports.filter.periodHint')}
          value={periodText}
          onChange={(e) => setPeriodText(e.currentTarget.value)}
          error={periodBad ? t('reports.filter.periodBad') : undefined}
          w={200}
          data-testid="reports-filter-period"
        />
        <NativeSelect
          label={t('reports.filter.status')}
          data={[
            { value: '', label: t('reports.filter.all') },
            { value: 'draft', label: t('reports.status.draft') },
            { value: 'final', label: t('reports.status.final') },
          ]}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data-testid="reports-filter-status"
        />
        <div style={{ minWidth: 300 }}>
          <OuPicker label={t('reports.filter.unit')} value={unit} onChange={setUnit} testId="reports-filter-unit" />
        </div>
      </Group>
      {reports.isLoading ? (
        <Loading />
      ) : reports.error ? (
        <ErrorAlert error={reports.error} testId="reports-error" />
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="reports-empty">{t('reports.empty')}</Text>
      ) : (
        <ReportTable rows={rows} />
      )}
    </Stack>
  );
}

export function ReportTable({ rows }: { rows: ReportSummary[] }) {
  const { t } = useTranslation();
  return (
    <Table striped highlightOnHover data-testid="reports-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reports.col.unit')}</Table.Th>
          <Table.Th>{t('reports.col.period')}</Table.Th>
          <Table.Th>{t('reports.col.template')}</Table.Th>
          <Table.Th>{t('reports.col.status')}</Table.Th>
          <Table.Th>{t('reports.col.updated')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={String(r.id)} data-testid={`reports-row-${r.id}`}>
            <Table.Td>
              <Anchor component={Link} to={`/reports/${r.id}`}>{r.orgUnit.name}</Anchor>
            </Table.Td>
            <Table.Td>{r.period.name}</Table.Td>
            <Table.Td>{r.template.name}</Table.Td>
            <Table.Td><StatusBadge status={r.status} /></Table.Td>
            <Table.Td>
              {formatDateTime(r.updatedAt)}
              {r.updatedBy ? <Text span c="dimmed" size="sm"> · {r.updatedBy}</Text> : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The unit's kind (department, health_centre, station…), or null while unknown. */
function useUnitKind(unit: OuChoice | null) {
  const q = useQuery({
    queryKey: ['reports', 'unitKind', unit ? String(unit.id) : ''],
    queryFn: () => api.get<OuDetails>(`/api/orgunits/${encodeURIComponent(String(unit!.id))}`),
    enabled: !!unit,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return unit && q.data ? q.data.kind : null;
}

function CreateReport({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const templates = useTemplates();
  const home = me.organisationUnits[0] ?? null;
  const [template, setTemplate] = useState('');
  const [unit, setUnit] = useState<OuChoice | null>(home ? { id: home.id, label: home.name } : null);
  const [period, setPeriod] = useState<PeriodChoice>(() => defaultPeriod());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Once the unit's kind is known only its templates are offered (a station gets station templates);
  // a unit of another kind (hospital, CDC) or one not yet known sees them all.
  const unitKind = unitKindOf(useUnitKind(unit));
  const all = templates.data ?? [];
  const fitting = unitKind ? all.filter((x) => x.unitKind === unitKind) : all;
  const offered = fitting.length ? fitting : all;
  const chosen = offered.find((x) => x.code === template) ?? null;
  useEffect(() => {
    if (template && templates.data && !offered.some((x) => x.code === template)) setTemplate('');
  }, [template, unitKind, templates.data]);

  async function create() {
    if (!template || !unit) return;
    setBusy(true);
    setError(null);
    try {
      const report = await reportsApi.create({ template, orgUnit: String(unit.id), period: periodId(period) });
      navigate(`/reports/${report.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm" data-testid="reports-create-form">
      <Stack gap="sm">
        <Text fw={600}>{t('reports.create.title')}</Text>
        {templates.error && <ErrorAlert error={templates.error} />}
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TemplateSelect templates={offered} value={template} onChange={setTemplate} testId="reports-template" />
          <div style={{ minWidth: 320 }}>
            <OuPicker label={t('reports.create.unit')} value={unit} onChange={setUnit} testId="reports-unit" required />
          </div>
          <PeriodPicker kinds={chosen?.periodKinds ?? []} value={period} onChange={setPeriod} testPrefix="reports-period" />
        </Group>
        {chosen && (
          <Text size="sm" c="dimmed">
            {t('reports.create.templateInfo', { kind: t(`reports.unitKind.${chosen.unitKind}`), count: chosen.freeBlocks })}
          </Text>
        )}
        <ErrorAlert error={error} testId="reports-create-error" />
        {unitKind && fitting.length > 0 && fitting.length < all.length && (
          <Text size="xs" c="dimmed" data-testid="reports-template-filtered">
            {t('reports.create.templatesFor', { kind: t(`reports.unitKind.${unitKind}`) })}
          </Text>
        )}
        <Group>
          <Button onClick={create} loading={busy} disabled={!template || !unit} data-testid="reports-create">
            {t('reports.create.submit')}
          </Button>
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
