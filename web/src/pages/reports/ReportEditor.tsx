// /reports/:id — the report editor: the free-text blocks, number / issue date / signer and the draft
// save on the left; the live A4 preview (the server's HTML rendering) on the right; download, finalise
// (figures frozen), reopen, the differences of a final report against live data, and the versions.
import {
  Alert, Anchor, Button, Grid, Group, Modal, Paper, Stack, Table, Text, Textarea, TextInput, Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useCan } from '../../auth';
import { DateField, ErrorAlert, Loading } from '../../components/common';
import { formatDateTime, formatNumber } from '../../format';
import { Link } from '../../router';
import { StatusBadge } from './parts';
import {
  reportKeys, reportsApi, useDifferences, useReport, useReportVersions, whoName, type Report,
} from './reportsApi';

export function ReportEditor({ id }: { id: string }) {
  const { t } = useTranslation();
  const report = useReport(id);
  if (report.isLoading) return <Loading />;
  if (report.error) return (
    <Stack gap="sm">
      <Anchor component={Link} to="/reports">← {t('reports.back')}</Anchor>
      <ErrorAlert error={report.error} testId="report-error" />
    </Stack>
  );
  return <Editor report={report.data!} />;
}

function Editor({ report }: { report: Report }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canWrite = useCan('data:write');
  const final = report.status === 'final';
  const readOnly = final || !canWrite;
  const [texts, setTexts] = useState<Record<string, string>>(() => ({ ...report.texts }));
  const [number, setNumber] = useState(report.number ?? '');
  const [issuedOn, setIssuedOn] = useState(report.issuedOn ?? '');
  const [signer, setSigner] = useState(report.signer ?? '');
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirmFinal, setConfirmFinal] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');

  // A save, a reload or a status change starts again from the server's copy.
  useEffect(() => {
    setTexts({ ...report.texts });
    setNumber(report.number ?? '');
    setIssuedOn(report.issuedOn ?? '');
    setSigner(report.signer ?? '');
  }, [report.version, report.status]);

  const dirty =
    number !== (report.number ?? '') ||
    issuedOn !== (report.issuedOn ?? '') ||
    signer !== (report.signer ?? '') ||
    report.freeBlocks.some((b) => (texts[b.key] ?? '') !== (report.texts[b.key] ?? ''));

  // Leaving the page with unsaved text asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const key = reportKeys.one(String(report.id));
  const refreshAll = async (next?: Report) => {
    if (next && typeof next === 'object' && 'version' in next) qc.setQueryData(key, next);
    else await qc.invalidateQueries({ queryKey: key });
    await qc.invalidateQueries({ queryKey: reportKeys.versions(String(report.id)) });
    await qc.invalidateQueries({ queryKey: reportKeys.differences(String(report.id)) });
    await qc.invalidateQueries({ queryKey: ['reports', 'list'] });
  };

  async function run(fn: () => Promise<Report | undefined>, after?: () => void) {
    setBusy(true);
    setError(null);
    setConflict(false);
    setSaved(false);
    try {
      const next = await fn();
      after?.();
      await refreshAll(next);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && !final) setConflict(true);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(
      () =>
        reportsApi.save(report.id, {
          texts: Object.fromEntries(report.freeBlocks.map((b) => [b.key, texts[b.key] ?? ''])),
          number: number.trim() || null,
          issuedOn: issuedOn || null,
          signer: signer.trim() || null,
          version: report.version,
        }),
      () => setSaved(true),
    );

  const reload = async () => {
    setConflict(false);
    setError(null);
    await qc.invalidateQueries({ queryKey: key });
  };

  return (
    <Stack gap="sm" data-testid="report-editor" data-status={report.status} data-version={report.version}>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Anchor component={Link} to="/reports" size="sm">← {t('reports.back')}</Anchor>
          <Group gap="sm">
            <Title order={3} data-testid="report-title">
              {report.template.name} — {report.orgUnit.name} — {report.period.name}
            </Title>
            <StatusBadge status={report.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('reports.editor.meta', {
              version: report.version,
              at: formatDateTime(report.updatedAt),
              by: whoName(report.updatedBy) || '—',
              template: `${report.template.code} v${report.template.version}`,
            })}
            {final && report.finalisedAt
              ? ` · ${t('reports.editor.finalisedMeta', { at: formatDateTime(report.finalisedAt), by: whoName(report.finalisedBy) || '—' })}`
              : ''}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button component="a" href={reportsApi.documentUrl(report.id, 'docx')} download variant="default" data-testid="report-download-docx">
            {t('reports.editor.downloadDocx')}
          </Button>
          <Button component="a" href={reportsApi.documentUrl(report.id, 'pdf')} download variant="default" data-testid="report-download-pdf">
            {t('reports.editor.downloadPdf')}
          </Button>
          {canWrite && !final && (
            <Button color="green" onClick={() => setConfirmFinal(true)} disabled={busy} data-testid="report-finalise">
              {t('reports.editor.finalise')}
            </Button>
          )}
          {canWrite && final && (
            <Button color="orange" variant="light" onClick={() => setReopening(true)} disabled={busy} data-testid="report-reopen">
              {t('reports.editor.reopen')}
            </Button>
          )}
        </Group>
      </Group>

      {conflict ? (
        <Alert color="orange" title={t('reports.editor.conflictTitle')} data-testid="report-conflict">
          <Stack gap="xs">
            <Text size="sm">{error instanceof Error ? error.message : ''}</Text>
            <Text size="sm">{t('reports.editor.conflictText')}</Text>
            <Group>
              <Button size="xs" onClick={reload} data-testid="report-reload">{t('reports.editor.reload')}</Button>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <ErrorAlert error={error} testId="report-save-error" />
      )}
      {(report.warnings ?? []).map((w, i) => (
        <Alert key={i} color="yellow" data-testid="report-warning">{w.message}</Alert>
      ))}
      {final && <Alert color="green" data-testid="report-final-note">{t('reports.editor.finalNote')}</Alert>}
      {!final && !canWrite && <Alert color="gray">{t('reports.editor.readOnly')}</Alert>}

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="sm">
            <Paper withBorder p="sm">
              <Stack gap="xs">
                <Group grow align="flex-start">
                  <TextInput
                    label={t('reports.editor.number')}
                    description={t('reports.editor.numberHint')}
                    value={number}
                    onChange={(e) => setNumber(e.currentTarget.value)}
                    readOnly={readOnly}
                    data-testid="report-number"
                  />
                  <DateField
                    label={t('reports.editor.issuedOn')}
                    description={t('reports.editor.issuedOnHint')}
                    value={issuedOn}
                    onChange={setIssuedOn}
                    readOnly={readOnly}
                    data-testid="report-issued-on"
                  />
                </Group>
                <TextInput
                  label={t('reports.editor.signer')}
                  value={signer}
                  onChange={(e) => setSigner(e.currentTarget.value)}
                  readOnly={readOnly}
                  data-testid="report-signer"
                />
              </Stack>
            </Paper>
            {report.freeBlocks.length === 0 && <Text c="dimmed" size="sm">{t('reports.editor.noFreeBlocks')}</Text>}
            {report.freeBlocks.map((b) => (
              <Textarea
                key={b.key}
                label={b.label}
                description={b.hint ?? undefined}
                autosize
                minRows={3}
                maxRows={20}
                value={texts[b.key] ?? ''}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setTexts((cur) => ({ ...cur, [b.key]: v }));
                }}
                readOnly={readOnly}
                data-testid={`report-free-${b.key}`}
              />
            ))}
            {!readOnly && (
              <Group>
                <Button onClick={save} loading={busy} disabled={!dirty} data-testid="report-save">
                  {t('reports.editor.save')}
                </Button>
                {dirty && <Text size="sm" c="orange">{t('reports.editor.unsaved')}</Text>}
                {saved && !dirty && <Text size="sm" c="green" data-testid="report-saved">{t('reports.editor.saved')}</Text>}
              </Group>
            )}
            {final && <Differences id={String(report.id)} />}
            <Versions id={String(report.id)} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {/* The preview stays in view while the free blocks scroll past. */}
          <div style={{ position: 'sticky', top: 72 }}>
            <Preview report={report} />
          </div>
        </Grid.Col>
      </Grid>

      <Modal opened={confirmFinal} onClose={() => setConfirmFinal(false)} title={t('reports.editor.finaliseTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('reports.editor.finaliseText')}</Text>
          {dirty && <Alert color="orange">{t('reports.editor.finaliseUnsaved')}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmFinal(false)}>{t('common.cancel')}</Button>
            <Button
              color="green"
              loading={busy}
              onClick={() => run(() => reportsApi.finalise(report.id, report.version), () => setConfirmFinal(false))}
              data-testid="report-finalise-confirm"
            >
              {t('reports.editor.finalise')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={reopening} onClose={() => setReopening(false)} title={t('reports.editor.reopenTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('reports.editor.reopenText')}</Text>
          <Textarea
            label={t('reports.editor.reason')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="report-reopen-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReopening(false)}>{t('common.cancel')}</Button>
            <Button
              color="orange"
              loading={busy}
              disabled={!reason.trim()}
              onClick={() => run(() => reportsApi.reopen(report.id, reason.trim()), () => setReopening(false))}
              data-testid="report-reopen-confirm"
            >
              {t('reports.editor.reopen')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** The server's HTML rendering of the report, fetched afresh for every version and status. */
function Preview({ report }: { report: Report }) {
  const { t } = useTranslation();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setError(null);
    fetch(reportsApi.documentUrl(report.id, 'html'), { credentials: 'same-origin', cache: 'no-store' })
      .then(async (res) => {
        const body = await res.text();
        if (cancelled) return;
        if (!res.ok) {
          let message = t('errors.http', { status: res.status });
          try {
            message = (JSON.parse(body) as { error?: { message?: string } }).error?.message || message;
          } catch {
            /* not JSON: keep the status message */
          }
          setError(message);
        } else setHtml(body);
      })
      .catch(() => !cancelled && setError(t('errors.network')));
    return () => {
      cancelled = true;
    };
  }, [report.id, report.version, report.status, tick]);

  return (
    <Paper withBorder p={0} style={{ overflow: 'hidden' }}>
      <Group justify="space-between" px="sm" py={6} bg="var(--mantine-color-gray-light)">
        <Text size="sm" fw={600}>{t('reports.editor.preview')}</Text>
        <Button size="compact-xs" variant="subtle" onClick={() => setTick((n) => n + 1)} data-testid="report-preview-refresh">
          {t('reports.editor.refreshPreview')}
        </Button>
      </Group>
      {error && <Alert color="red" m="sm" data-testid="report-preview-error">{error}</Alert>}
      {html === null && !error ? (
        <Loading />
      ) : (
        <iframe
          title={t('reports.editor.preview')}
          srcDoc={html ?? ''}
          sandbox=""
          data-testid="report-preview"
          data-version={report.version}
          style={{ width: '100%', height: 'calc(100vh - 130px)', minHeight: 600, border: 0, background: '#e9ecef' }}
        />
      )}
    </Paper>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; value?: unknown };
    if (typeof o.text === 'string') return o.text;
    if (typeof o.value === 'number') return formatNumber(o.value);
    return JSON.stringify(v);
  }
  return String(v);
}

function Differences({ id }: { id: string }) {
  const { t } = useTranslation();
  const diff = useDifferences(id, true);
  return (
    <Paper withBorder p="sm" data-testid="report-differences">
      <Text fw={600} mb="xs">{t('reports.editor.differences')}</Text>
      {diff.isLoading ? (
        <Loading />
      ) : diff.error ? (
        <ErrorAlert error={diff.error} />
      ) : diff.data!.differences.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="report-no-differences">{t('reports.editor.noDifferences')}</Text>
      ) : (
        <Table striped data-testid="report-differences-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.editor.diffLabel')}</Table.Th>
              <Table.Th ta="right">{t('reports.editor.diffFrozen')}</Table.Th>
              <Table.Th ta="right">{t('reports.editor.diffLive')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {diff.data!.differences.map((d) => (
              <Table.Tr key={d.key}>
                <Table.Td>{d.label}</Table.Td>
                <Table.Td ta="right">{show(d.frozen)}</Table.Td>
                <Table.Td ta="right">{show(d.live)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function Versions({ id }: { id: string }) {
  const { t } = useTranslation();
  const versions = useReportVersions(id);
  return (
    <Paper withBorder p="sm" data-testid="report-versions">
      <Text fw={600} mb="xs">{t('reports.editor.versions')}</Text>
      {versions.isLoading ? (
        <Loading />
      ) : versions.error ? (
        <ErrorAlert error={versions.error} />
      ) : (versions.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">{t('reports.editor.noVersions')}</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {[...versions.data!].sort((a, b) => b.version - a.version).map((v) => (
              <Table.Tr key={v.version}>
                <Table.Td>{t('reports.editor.versionN', { n: v.version })}</Table.Td>
                <Table.Td>{formatDateTime(v.savedAt)}</Table.Td>
                <Table.Td>{whoName(v.savedBy)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
