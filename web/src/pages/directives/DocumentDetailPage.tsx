// One document (/directives/:id): its header (kind, number, date, issuer, signer, meeting), its text
// and files, its tasks with their states, the follow-up of its tasks as an Excel workbook, and — for
// the office that follows it up — a task added by hand.
import { Alert, Anchor, Button, Group, List, Modal, Paper, SimpleGrid, Spoiler, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth';
import { ErrorAlert, Loading, splitError } from '../../components/common';
import { formatLongDate } from '../../format';
import { Link } from '../../router';
import { directiveKeys, directivesApi, summaryXlsxUrl, uploadAttachment, useDocument, type DocumentDetail } from './directivesApi';
import { AreaNav, Attachments, Counts, FilePick, useNarrow } from './parts';
import { draftProblems, draftToInput, emptyDraft, TaskDraftCard, type TaskDraft } from './TaskDraft';
import { TaskTable } from './TaskTable';

export function DocumentDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const doc = useDocument(id);
  return (
    <Stack gap="sm" data-testid="directive-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Anchor component={Link} to="/directives" size="sm" data-testid="directive-back">
          ← {t('directives.documents.title')}
        </Anchor>
        <AreaNav active="directives" />
      </Group>
      {doc.isLoading ? <Loading /> : doc.error ? <ErrorAlert error={doc.error} testId="directive-error" /> : doc.data ? <DocumentView doc={doc.data} /> : null}
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

function DocumentView({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const heading = doc.number ? t('directives.doc.heading', { kind: t(`directives.kind.${doc.kind}`), number: doc.number }) : t(`directives.kind.${doc.kind}`);
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={3} style={{ overflowWrap: 'anywhere' }} data-testid="directive-heading">
          {heading}
        </Title>
        <Text size="sm" c="dimmed">
          {t('directives.doc.issuedOn', { date: formatLongDate(doc.date) })}
        </Text>
        {doc.title && (
          <Text fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="directive-title">
            {doc.title}
          </Text>
        )}
      </Stack>

      <Paper withBorder p="sm" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
          <Field label={t('directives.doc.issuer')}>{doc.issuer.name}</Field>
          <Field label={t('directives.doc.signer')}>{doc.signer ?? '—'}</Field>
          <Field label={t('directives.doc.assigner')}>{doc.assignerUnit.name}</Field>
          {(doc.meetingName || doc.meetingDate || doc.meetingChair) && (
            <Field label={t('directives.doc.meeting')}>
              {[doc.meetingName, doc.meetingDate ? formatLongDate(doc.meetingDate) : null, doc.meetingChair ? t('directives.doc.chairedBy', { name: doc.meetingChair }) : null]
                .filter(Boolean)
                .join(', ')}
            </Field>
          )}
        </SimpleGrid>
      </Paper>

      {doc.body && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>{t('directives.doc.body')}</Text>
          <Paper withBorder p="sm" radius="md">
            <Spoiler maxHeight={180} showLabel={t('directives.doc.showAll')} hideLabel={t('directives.doc.showLess')} data-testid="directive-body">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {doc.body}
              </Text>
            </Spoiler>
          </Paper>
        </Stack>
      )}
      {(doc.attachments.length > 0 || doc.canManage) && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>{t('directives.doc.attachments')}</Text>
          <Attachments files={doc.attachments} testId="directive-attachments" />
          {doc.canManage && <AddFile documentId={doc.id} />}
        </Stack>
      )}

      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={5}>{t('directives.doc.tasks')}</Title>
          <Group gap="xs" wrap="wrap">
            <Button component={Link} to={`/tasks/summary?document=${encodeURIComponent(doc.id)}`} variant="default" size="xs" data-testid="directive-summary">
              {t('directives.nav.summary')}
            </Button>
            <Button component="a" href={summaryXlsxUrl({ groupBy: 'unit', document: doc.id })} download variant="default" size="xs" data-testid="directive-xlsx">
              {t('directives.doc.excel')}
            </Button>
            {doc.canManage && (
              <Button component="a" href={`/api/directives/${encodeURIComponent(doc.id)}/report.docx`} download variant="default" size="xs" data-testid="directive-report">
                {t('directives.doc.report')}
              </Button>
            )}
            {doc.canManage && (
              <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="directive-add-task">
                {t('directives.doc.addTask')}
              </Button>
            )}
          </Group>
        </Group>
        <Counts counts={doc.counts} testId="directive-counts" />
        {doc.tasks.length ? (
          <TaskTable items={doc.tasks} showDocument={false} testId="directive-tasks" />
        ) : (
          <Text size="sm" c="dimmed">{t('directives.doc.noTasks')}</Text>
        )}
      </Stack>
      {adding && <AddTask doc={doc} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

/** Attaching a file to the document (the office that follows it up). */
function AddFile({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function onFile(file: File) {
    setBusy(true);
    setError(null);
    try {
      await uploadAttachment(file, me.csrfToken, { document: documentId });
      await qc.invalidateQueries({ queryKey: directiveKeys.document(documentId) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <FilePick label={t('directives.doc.attachFile')} onFiles={(f) => f[0] && void onFile(f[0])} disabled={busy} testId="directive-add-file" />
        {busy && <Text size="xs" c="dimmed">{t('directives.create.uploading')}</Text>}
      </Group>
      <ErrorAlert error={error} testId="directive-add-file-error" />
    </Stack>
  );
}

function AddTask({ doc, onClose }: { doc: DocumentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<TaskDraft>(emptyDraft);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    const list = draftProblems(draft, 1, t);
    setProblems(list);
    if (list.length) return;
    setBusy(true);
    setError(null);
    try {
      await directivesApi.addTask(doc.id, draftToInput(draft));
      await qc.invalidateQueries({ queryKey: directiveKeys.all });
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const message = error ? splitError(error, []).general : null;
  return (
    <Modal opened onClose={onClose} title={t('directives.doc.addTask')} size="xl" fullScreen={narrow} data-testid="directive-add-modal">
      <Stack gap="sm">
        <TaskDraftCard draft={draft} index={0} onChange={setDraft} testPrefix="newtask" />
        {problems.length > 0 && (
          <Alert color="orange" p="xs">
            <List size="sm">
              {problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {message && (
          <Alert color="red" title={t('common.error')} data-testid="directive-add-error">
            {message}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void save()} data-testid="directive-add-save">
            {t('directives.doc.assign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
