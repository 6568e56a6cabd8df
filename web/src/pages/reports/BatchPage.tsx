// /reports/batch — one report for every sub-unit of a parent (default: the user's unit) for a template
// and period, generated on the server with progress polled every 500 ms; at the end the ZIP of the
// DOCX files and links to each report.
import { Alert, Anchor, Button, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../auth';
import { ErrorAlert } from '../../components/common';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { formatNumber } from '../../format';
import { Link, navigate } from '../../router';
import { PeriodPicker, defaultPeriod, periodId, type PeriodChoice } from './PeriodPicker';
import { ReportsNav, TemplateSelect } from './parts';
import { downloadFile, reportsApi, useBatch, useReports, useTemplates, type BatchState } from './reportsApi';

function jobFromUrl(): string | null {
  return new URLSearchParams(location.search).get('job');
}

export function BatchPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = useCan('data:write');
  const templates = useTemplates();
  const home = me.organisationUnits[0] ?? null;
  const [template, setTemplate] = useState('');
  const [parent, setParent] = useState<OuChoice | null>(home ? { id: home.id, label: home.name } : null);
  const [period, setPeriod] = useState<PeriodChoice>(() => defaultPeriod());
  const [job, setJob] = useState<string | null>(jobFromUrl);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const chosen = (templates.data ?? []).find((x) => x.code === template) ?? null;
  const batch = useBatch(job);

  async function start() {
    if (!template) return;
    setBusy(true);
    setError(null);
    try {
      const res = await reportsApi.startBatch({ template, period: periodId(period), parent: parent ? String(parent.id) : undefined });
      const id = res.id;
      setJob(id);
      // Keep the job in the address so a reload still shows it.
      navigate(`/reports/batch?job=${encodeURIComponent(id)}`, true, true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const running = batch.data?.state === 'running' || (!!job && batch.isLoading);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>{t('reports.batch.title')}</Title>
        <ReportsNav active="batch" />
      </Group>
      <Text size="sm" c="dimmed">{t('reports.batch.intro')}</Text>
      {!canWrite && <Alert color="gray">{t('reports.batch.noWrite')}</Alert>}
      <Paper withBorder p="sm">
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TemplateSelect templates={templates.data} value={template} onChange={setTemplate} testId="batch-template" />
            <PeriodPicker kinds={chosen?.periodKinds ?? []} value={period} onChange={setPeriod} testPrefix="batch-period" />
            <div style={{ minWidth: 320 }}>
              <OuPicker label={t('reports.batch.parent')} value={parent} onChange={setParent} testId="batch-parent" />
            </div>
          </Group>
          {templates.error && <ErrorAlert error={templates.error} />}
          <ErrorAlert error={error} testId="batch-error" />
          <Group>
            <Button onClick={start} loading={busy} disabled={!template || !canWrite || running} data-testid="batch-start">
              {t('reports.batch.start')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {job && batch.error && <ErrorAlert error={batch.error} testId="batch-poll-error" />}
      {job && batch.data && <BatchProgress state={batch.data} />}
    </Stack>
  );
}

function BatchProgress({ state }: { state: BatchState }) {
  const { t } = useTranslation();
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  // Fetched rather than linked, so an error reply (an expired session, say) is shown, not saved as the ZIP.
  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      await downloadFile(reportsApi.batchDownloadUrl(state.id), `bao-cao-${state.id}.zip`);
    } catch (e) {
      setDownloadError(e);
    } finally {
      setDownloading(false);
    }
  };
  const pct = state.total > 0 ? (state.done / state.total) * 100 : state.state === 'running' ? 0 : 100;
  const color = state.state === 'failed' ? 'red' : state.state === 'done' ? (state.errors.length ? 'orange' : 'green') : 'blue';
  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <div data-testid="batch-progress" data-state={state.state} data-done={state.done} data-total={state.total}>
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={600}>{t(`reports.batch.state.${state.state}`)}</Text>
            <Text size="sm" data-testid="batch-count">
              {t('reports.batch.count', { done: formatNumber(state.done), total: formatNumber(state.total) })}
            </Text>
          </Group>
          <Progress value={pct} color={color} size="lg" animated={state.state === 'running'} />
          {state.state === 'running' && state.current ? (
            <Text size="sm" c="dimmed" mt={4} data-testid="batch-current">
              {t('reports.batch.current', { unit: state.current })}
            </Text>
          ) : null}
        </div>
        {state.state === 'failed' && state.error && <Alert color="red" data-testid="batch-failed">{state.error}</Alert>}
        {state.errors.length > 0 && (
          <Alert color="red" title={t('reports.batch.errors', { count: state.errors.length })} data-testid="batch-errors">
            <List size="sm">
              {state.errors.map((e, i) => (
                <List.Item key={i}>
                  <b>{e.orgUnit}</b>: {e.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {state.state !== 'running' && state.reports.length > 0 && (
          <>
            <Group>
              <Button onClick={() => void download()} loading={downloading} data-testid="batch-download">
                {t('reports.batch.download')}
              </Button>
            </Group>
            <ErrorAlert error={downloadError} testId="batch-download-error" />
            <BatchReports entries={state.reports.map((r) => ({ id: r.id, unit: r.orgUnit }))} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Links to the batch's reports, named by their unit when the list API knows them. */
function BatchReports({ entries }: { entries: { id: string; unit: string }[] }) {
  const { t } = useTranslation();
  const all = useReports({});
  const byId = new Map((all.data ?? []).map((r) => [r.id, r]));
  return (
    <Stack gap={4} data-testid="batch-reports">
      <Text size="sm" fw={600}>{t('reports.batch.reports', { count: entries.length })}</Text>
      <Group gap="md">
        {entries.map(({ id, unit }) => {
          const r = byId.get(id);
          return (
            <Anchor key={id} component={Link} to={`/reports/${id}`} size="sm" data-testid={`batch-report-${id}`}>
              {r ? r.orgUnit.name : unit || t('reports.batch.reportN', { id })}
            </Anchor>
          );
        })}
      </Group>
    </Stack>
  );
}
