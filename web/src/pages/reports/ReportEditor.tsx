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
import { EditorBoundary, StatusBadge, StickyBar, useUnsavedGuard } from './parts';
import {
  downloadFile, reportKeys, reportsApi, useDifferences, useReport, useReportVersions, textOf, type Report,
} from './reportsApi';

export function ReportEditor({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <EditorBoundary back="/reports" backLabel={t('reports.back')}>
      <ReportLoader id={id} />
    </EditorBoundary>
  );
}

function ReportLoader({ id }: { id: string }) {
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

type Format = 'docx' | 'pdf';
type Dialog = 'finalise' | 'reopen' | null;
const REASON_MIN = 3;
const NUMBER_MAX = 20;
const SIGNER_MAX = 100;

/** An error shown inside a dialog: the message and, for a conflict, "Tải lại". */
function DialogError({ error, onReload, testId }: { error: unknown; onReload: () => void; testId: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <Alert color={conflict ? 'orange' : 'red'} title={t('common.error')} data-testid={testId} data-conflict={conflict || undefined}>
      <Stack gap="xs">
        <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>
        {conflict && <Text size="sm">{t('reports.editor.dialogConflict')}</Text>}
        <Group>
          <Button size="xs" onClick={onReload} data-testid={`${testId}-reload`}>{t('reports.editor.reload')}</Button>
        </Group>
      </Stack>
    </Alert>
  );
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
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dialogError, setDialogError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const [downloading, setDownloading] = useState<Format | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [askDownload, setAskDownload] = useState<Format | null>(null);

  // A save, a reload or a status change starts again from the server's copy.
  useEffect(() => {
    setTexts({ ...report.texts });
    setNumber(report.number ?? '');
    setIssuedOn(report.issuedOn ?? '');
    setSigner(report.signer ?? '');
  }, [report.version, report.status]);

  const dirty =
    !readOnly &&
    (number !== (report.number ?? '') ||
      issuedOn !== (report.issuedOn ?? '') ||
      signer !== (report.signer ?? '') ||
      report.freeBlocks.some((b) => textOf(texts, b.key) !== textOf(report.texts, b.key)));

  // Leaving the page (tab, link, menu, back) with unsaved text asks first.
  useUnsavedGuard(dirty, t('reports.editor.leaveUnsaved'));

  const fieldErrors = error instanceof ApiError ? error.fields : {};

  const key = reportKeys.one(String(report.id));
  const refreshAll = async (next?: Report) => {
    if (next && typeof next === 'object' && 'version' in next) qc.setQueryData(key, next);
    else await qc.invalidateQueries({ queryKey: key });
    await qc.invalidateQueries({ queryKey: reportKeys.versions(String(report.id)) });
    await qc.invalidateQueries({ queryKey: reportKeys.differences(String(report.id)) });
    await qc.invalidateQueries({ queryKey: ['reports', 'list'] });
  };

  /** Runs a change; its error goes to the page, or into the open dialog. True when it worked. */
  async function run(fn: () => Promise<Report | undefined>, opts: { after?: () => void; inDialog?: boolean } = {}): Promise<boolean> {
    setBusy(true);
    setError(null);
    setDialogError(null);
    setConflict(false);
    setSaved(false);
    try {
      const next = await fn();
      opts.after?.();
      await refreshAll(next);
      return true;
    } catch (e) {
      if (opts.inDialog) setDialogError(e);
      else {
        if (e instanceof ApiError && e.status === 409 && !final) setConflict(true);
        setError(e);
      }
      return false;
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(
      () =>
        reportsApi.save(report.id, {
          texts: Object.fromEntries(report.freeBlocks.map((b) => [b.key, textOf(texts, b.key)])),
          number: number.trim() || null,
          issuedOn: issuedOn || null,
          signer: signer.trim() || null,
          version: report.version,
        }),
      { after: () => setSaved(true) },
    );

  const reload = async () => {
    setConflict(false);
    setError(null);
    setDialogError(null);
    setDialog(null);
    await refreshAll();
  };

  const openDialog = (d: Dialog) => {
    setDialogError(null);
    setReason('');
    setDialog(d);
  };

  async function download(format: Format) {
    setAskDownload(null);
    setDownloading(format);
    setDownloadError(null);
    try {
      await downloadFile(reportsApi.documentUrl(report.id, format), `bao-cao-${report.id}.${format}`);
    } catch (e) {
      setDownloadError(e);
    } finally {
      setDownloading(null);
    }
  }
  // With unsaved changes the file would be the last saved version: say so first.
  const askOrDownload = (format: Format) => (dirty ? setAskDownload(format) : void download(format));

  const reasonShort = reason.trim().length < REASON_MIN;
  const year = /^\d{4}/.exec(report.period.id)?.[0] ?? '';

  return (
    <Stack gap="sm" data-testid="report-editor" data-status={report.status} data-version={report.version} data-dirty={dirty || undefined}>
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
            by: report.updatedBy || '—',
            template: report.template.name,
            templateVersion: report.template.version,
          })}
          {final && report.finalisedAt
            ? ` · ${t('reports.editor.finalisedMeta', { at: formatDateTime(report.finalisedAt), by: report.finalisedBy || '—' })}`
            : ''}
        </Text>
      </Stack>

      <StickyBar testId="report-actions">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            {!readOnly && (
              <Button onClick={() => void save()} loading={busy} disabled={!dirty} data-testid="report-save">
                {t('reports.editor.save')}
              </Button>
            )}
            {dirty && <Text size="sm" c="orange" data-testid="report-unsaved">{t('reports.editor.unsaved')}</Text>}
            {saved && !dirty && <Text size="sm" c="green" data-testid="report-saved">{t('reports.editor.saved')}</Text>}
          </Group>
          <Group gap="xs">
            <Button variant="default" onClick={() => askOrDownload('docx')} loading={downloading === 'docx'} data-testid="report-download-docx">
              {t('reports.editor.downloadDocx')}
            </Button>
            <Button variant="default" onClick={() => askOrDownload('pdf')} loading={downloading === 'pdf'} data-testid="report-download-pdf">
              {t('reports.editor.downloadPdf')}
            </Button>
            {canWrite && !final && (
              <Button color="green" onClick={() => openDialog('finalise')} disabled={busy} data-testid="report-finalise">
                {t('reports.editor.finalise')}
              </Button>
            )}
            {canWrite && final && (
              <Button color="orange" variant="light" onClick={() => openDialog('reopen')} disabled={busy} data-testid="report-reopen">
                {t('reports.editor.reopen')}
              </Button>
            )}
          </Group>
        </Group>
      </StickyBar>

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
      {downloadError ? (
        <Alert color="red" title={t('reports.editor.downloadFailed')} withCloseButton onClose={() => setDownloadError(null)} data-testid="report-download-error">
          {downloadError instanceof Error ? downloadError.message : String(downloadError)}
        </Alert>
      ) : null}
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
                    description={t('reports.editor.numberHint', { max: NUMBER_MAX })}
                    value={number}
                    maxLength={NUMBER_MAX}
                    onChange={(e) => setNumber(e.currentTarget.value)}
                    readOnly={readOnly}
                    error={fieldErrors.number}
                    data-testid="report-number"
                  />
                  <DateField
                    label={t('reports.editor.issuedOn')}
                    description={t('reports.editor.issuedOnHint', { year })}
                    value={issuedOn}
                    onChange={setIssuedOn}
                    readOnly={readOnly}
                    error={fieldErrors.issuedOn}
                    data-testid="report-issued-on"
                  />
                </Group>
                <TextInput
                  label={t('reports.editor.signer')}
                  description={t('reports.editor.signerHint', { max: SIGNER_MAX })}
                  value={signer}
                  maxLength={SIGNER_MAX}
                  onChange={(e) => setSigner(e.currentTarget.value)}
                  readOnly={readOnly}
                  error={fieldErrors.signer}
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
                value={textOf(texts, b.key)}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setTexts((cur) => ({ ...cur, [b.key]: v }));
                }}
                readOnly={readOnly}
                error={fieldErrors[`texts.${b.key}`]}
                data-testid={`report-free-${b.key}`}
              />
            ))}
            {final && <Differences id={String(report.id)} />}
            <Versions id={String(report.id)} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {/* The preview stays in view (under the action bar) while the free blocks scroll past. */}
          <div style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 56px) + 64px)' }}>
            <Preview report={report} />
          </div>
        </Grid.Col>
      </Grid>

      <Modal opened={dialog === 'finalise'} onClose={() => setDialog(null)} title={t('reports.editor.finaliseTitle')}>
        <Stack gap="sm" data-testid="report-finalise-dialog">
          <Text size="sm">{t('reports.editor.finaliseText')}</Text>
          {dirty && <Alert color="orange">{t('reports.editor.finaliseUnsaved')}</Alert>}
          <DialogError error={dialogError} onReload={reload} testId="report-finalise-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>{t('common.cancel')}</Button>
            <Button
              color="green"
              loading={busy}
              onClick={() => void run(() => reportsApi.finalise(report.id, report.version), { after: () => setDialog(null), inDialog: true })}
              data-testid="report-finalise-confirm"
            >
              {t('reports.editor.finalise')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={dialog === 'reopen'} onClose={() => setDialog(null)} title={t('reports.editor.reopenTitle')}>
        <Stack gap="sm" data-testid="report-reopen-dialog">
          <Text size="sm">{t('reports.editor.reopenText')}</Text>
          <Textarea
            label={t('reports.editor.reason')}
            description={t('reports.editor.reasonHint', { min: REASON_MIN })}
            required
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reason.trim() && reasonShort ? t('reports.editor.reasonShort', { min: REASON_MIN }) : undefined}
            data-testid="report-reopen-reason"
          />
          <DialogError error={dialogError} onReload={reload} testId="report-reopen-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>{t('common.cancel')}</Button>
            <Button
              color="orange"
              loading={busy}
              disabled={reasonShort}
              onClick={() => void run(() => reportsApi.reopen(report.id, reason.trim()), { after: () => setDialog(null), inDialog: true })}
              data-testid="report-reopen-confirm"
            >
              {t('reports.editor.reopen')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={askDownload !== null} onClose={() => setAskDownload(null)} title={t('reports.editor.downloadUnsavedTitle')}>
        <Stack gap="sm" data-testid="report-download-ask">
          <Text size="sm">{t('reports.editor.downloadUnsaved')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAskDownload(null)}>{t('common.cancel')}</Button>
            <Button variant="default" onClick={() => askDownload && void download(askDownload)} data-testid="report-download-saved">
              {t('reports.editor.downloadSavedVersion')}
            </Button>
            <Button
              loading={busy}
              onClick={async () => {
                const format = askDownload;
                setAskDownload(null);
                if (format && (await save())) await download(format);
              }}
              data-testid="report-save-download"
            >
              {t('reports.editor.saveThenDownload')}
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
          style={{ width: '100%', height: 'calc(100vh - 200px)', minHeight: 600, border: 0, background: '#e9ecef' }}
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
                <Table.Td>{v.savedBy ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
