// "Nhập văn bản chỉ đạo" (/directives/new), the heart of issue 13: paste a conclusion notice (or
// upload its DOCX/PDF), let soyte read it (POST /api/directives/parse), review side by side — the text
// with what was recognised highlighted on the left, the header and the proposed tasks as editable
// cards on the right — and assign (POST /api/directives). Nothing is written before "Xác nhận".
import { Alert, Anchor, Autocomplete, Button, Grid, Group, Input, List, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth';
import { ApiError } from '../../api';
import { DateField, ErrorAlert } from '../../components/common';
import { formatNumber } from '../../format';
import { Link, navigate } from '../../router';
import { DOCUMENT_KINDS, directivesApi, uploadAttachment, useIssuers, type DocumentKind, type ParseResult } from './directivesApi';
import { HighlightedText } from './HighlightedText';
import { AreaNav, FilePick, formatSize, useNarrow, useUnsavedGuard } from './parts';
import { draftFromProposal, draftProblems, draftToInput, emptyDraft, splitByPeriod, TaskDraftCard, type TaskDraft } from './TaskDraft';

interface Header {
  kind: DocumentKind | '';
  number: string;
  date: string;
  issuer: string;
  signer: string;
  title: string;
  meetingName: string;
  meetingDate: string;
  meetingChair: string;
}

const EMPTY_HEADER: Header = { kind: 'conclusion_notice', number: '', date: '', issuer: '', signer: '', title: '', meetingName: '', meetingDate: '', meetingChair: '' };

function headerFrom(doc: ParseResult['document']): Header {
  return {
    kind: doc.kind ?? 'conclusion_notice',
    number: doc.number ?? '',
    date: doc.date ?? '',
    issuer: doc.issuer ?? '',
    signer: doc.signer ?? '',
    title: doc.title ?? '',
    meetingName: doc.meeting?.name ?? '',
    meetingDate: doc.meeting?.date ?? '',
    meetingChair: doc.meeting?.chair ?? '',
  };
}

export function NewDocumentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const narrow = useNarrow();
  const [text, setText] = useState('');
  const [parsed, setParsed] = useState<ParseResult | null>(null);
  /** 'write': the textarea; 'review': the highlighted text (after reading). */
  const [mode, setMode] = useState<'write' | 'review'>('write');
  /** The right-hand side is open (after reading, or to type a document by hand). */
  const [reviewing, setReviewing] = useState(false);
  const [header, setHeader] = useState<Header>(EMPTY_HEADER);
  const [drafts, setDrafts] = useState<TaskDraft[]>([]);
  const [focus, setFocus] = useState<{ start: number; end: number; seq: number } | null>(null);
  /** Source files read for their text: kept with the document once it exists. */
  const [files, setFiles] = useState<{ file: File; id: string }[]>([]);
  const [uploadNote, setUploadNote] = useState<string | null>(null);
  const [busy, setBusy] = useState<'parse' | 'upload' | 'save' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  useUnsavedGuard(!saved && (text.trim() !== '' || drafts.length > 0), t('directives.create.unsaved'));

  async function read() {
    if (!text.trim()) return;
    if (drafts.length && !window.confirm(t('directives.create.replaceConfirm'))) return;
    setBusy('parse');
    setError(null);
    try {
      const result = await directivesApi.parse(text);
      setParsed(result);
      setHeader(headerFrom(result.document));
      setDrafts(result.tasks.map(draftFromProposal));
      setProblems([]);
      setMode('review');
      setReviewing(true);
      setFocus(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function onFile(file: File) {
    setError(null);
    setUploadNote(null);
    if (/\.txt$/i.test(file.name)) {
      setText(await file.text());
      setMode('write');
      return;
    }
    setBusy('upload');
    try {
      const info = await uploadAttachment(file, me.csrfToken);
      setFiles((f) => [...f, { file, id: info.id }]);
      if (info.text && info.text.trim()) {
        setText(info.text);
        setMode('write');
        setUploadNote(t('directives.create.fileRead', { name: info.fileName }));
      } else {
        setUploadNote(t('directives.create.fileNoText', { name: info.fileName }));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const setDraft = (i: number, d: TaskDraft) => setDrafts((all) => all.map((x, j) => (j === i ? d : x)));
  const showQuote = (d: TaskDraft) => {
    if (!parsed || d.quoteStart === null || d.quoteEnd === null) return;
    setMode('review');
    setFocus((f) => ({ start: d.quoteStart!, end: d.quoteEnd!, seq: (f?.seq ?? 0) + 1 }));
  };
  /** A click in the text opens the card of the task whose quote holds it. */
  const pick = (offset: number) => {
    const i = drafts.findIndex((d) => d.quoteStart !== null && d.quoteEnd !== null && offset >= d.quoteStart && offset < d.quoteEnd);
    if (i < 0) return;
    document.getElementById(`proposal-card-${i}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    showQuote(drafts[i]!);
  };

  async function confirm() {
    const list: string[] = [];
    if (!header.kind) list.push(t('directives.problem.noKind'));
    if (!header.date) list.push(t('directives.problem.noDate'));
    if (!header.issuer.trim()) list.push(t('directives.problem.noIssuer'));
    drafts.forEach((d, i) => list.push(...draftProblems(d, i + 1, t)));
    setProblems(list);
    if (list.length) return;
    if (!drafts.length && !window.confirm(t('directives.create.noTasksConfirm'))) return;
    setBusy('save');
    setError(null);
    try {
      const doc = await directivesApi.create({
        kind: header.kind as DocumentKind,
        number: header.number.trim() || null,
        date: header.date,
        issuer: header.issuer.trim(),
        signer: header.signer.trim() || null,
        title: header.title.trim() || null,
        meetingName: header.meetingName.trim() || null,
        meetingDate: header.meetingDate || null,
        meetingChair: header.meetingChair.trim() || null,
        body: parsed?.text ?? text,
        tasks: drafts.map(draftToInput),
        // The source files uploaded above go with the document.
        attachments: files.map((f) => f.id),
      });
      setSaved(true);
      navigate(`/directives/${doc.id}`, false, true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const unitCount = new Set(drafts.flatMap((d) => d.lead.map((u) => u.id))).size;
  const saveError = error ? saveMessage(error, t) : null;

  const left = (
    <Stack gap="xs">
      {mode === 'write' || !parsed ? (
        <>
          <Textarea
            label={t('directives.create.textLabel')}
            description={t('directives.create.textHint')}
            placeholder={t('directives.create.textPlaceholder')}
            autosize
            minRows={narrow ? 10 : 18}
            maxRows={narrow ? 18 : 32}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="directive-text"
          />
          <Input.Wrapper label={t('directives.create.fileLabel')} description={t('directives.create.fileHint')}>
            <Group gap="xs" mt={4} wrap="wrap">
              <FilePick
                label={t('directives.create.chooseFile')}
                accept=".docx,.pdf,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
                onFiles={(f) => f[0] && void onFile(f[0])}
                disabled={busy !== null}
                testId="directive-file"
              />
              {busy === 'upload' && <Text size="sm" c="dimmed">{t('directives.create.uploading')}</Text>}
            </Group>
          </Input.Wrapper>
          {uploadNote && <Text size="sm" c="dimmed" data-testid="directive-file-note">{uploadNote}</Text>}
        </>
      ) : (
        <>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" fw={600}>
              {t('directives.create.recognised')}
            </Text>
            <Button size="compact-sm" variant="subtle" onClick={() => setMode('write')} data-testid="directive-edit-text">
              {t('directives.create.editText')}
            </Button>
          </Group>
          <HighlightedText text={parsed.text} spans={parsed.highlights} focus={focus} onPick={pick} maxHeight={narrow ? '60vh' : 'calc(100vh - 210px)'} />
        </>
      )}
      {files.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="directive-files">
          {t('directives.create.filesKept')}: {files.map(({ file: f }) => `${f.name} (${formatSize(f.size)})`).join(', ')}
        </Text>
      )}
      <Group gap="xs" wrap="wrap">
        <Button onClick={() => void read()} loading={busy === 'parse'} disabled={!text.trim() || busy !== null} data-testid="directive-parse">
          {parsed ? t('directives.create.parseAgain') : t('directives.create.parse')}
        </Button>
        {!reviewing && (
          <Button variant="subtle" onClick={() => setReviewing(true)} data-testid="directive-manual">
            {t('directives.create.manual')}
          </Button>
        )}
      </Group>
    </Stack>
  );

  const right = (
    <Stack gap="sm">
      <HeaderForm header={header} onChange={setHeader} />
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={5}>
          {t('directives.create.tasksTitle', { count: drafts.length, n: drafts.length })}
        </Title>
        {parsed && (
          <Text size="xs" c="dimmed">
            {t('directives.create.quoteHint')}
          </Text>
        )}
      </Group>
      {drafts.map((d, i) => (
        <TaskDraftCard
          key={d.key}
          draft={d}
          index={i}
          onChange={(nd) => setDraft(i, nd)}
          onRemove={() => setDrafts((all) => all.filter((_, j) => j !== i))}
          onQuote={parsed && d.quoteStart !== null ? () => showQuote(d) : undefined}
          onSplit={() => setDrafts((all) => [...all.slice(0, i), ...splitByPeriod(d), ...all.slice(i + 1)])}
        />
      ))}
      <Button variant="light" onClick={() => setDrafts((all) => [...all, emptyDraft()])} data-testid="proposal-add">
        {t('directives.create.addTask')}
      </Button>
      {problems.length > 0 && (
        <Alert color="orange" title={t('directives.create.problemsTitle')} data-testid="directive-problems">
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {saveError && (
        <Alert color="red" title={t('common.error')} data-testid="directive-error">
          {saveError}
        </Alert>
      )}
      <Paper withBorder p="sm" radius="md" bg="gray.0">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm">{t('directives.create.confirmSummary', { tasks: formatNumber(drafts.length), units: formatNumber(unitCount) })}</Text>
          <Button color="green" onClick={() => void confirm()} loading={busy === 'save'} disabled={busy !== null && busy !== 'save'} data-testid="directive-confirm">
            {t('directives.create.confirm')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );

  return (
    <Stack gap="sm" data-testid="directive-new-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0}>
          <Anchor component={Link} to="/directives" size="sm">
            ← {t('directives.documents.title')}
          </Anchor>
          <Title order={3}>{t('directives.create.title')}</Title>
        </Stack>
        <AreaNav active="directives" />
      </Group>
      {!reviewing && <Text size="sm" c="dimmed">{t('directives.create.intro')}</Text>}
      {!saveError && error ? <ErrorAlert error={error} testId="directive-parse-error" /> : null}
      {reviewing ? (
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <div style={narrow ? undefined : { position: 'sticky', top: 'calc(var(--app-shell-header-height, 56px) + 8px)' }}>{left}</div>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>{right}</Grid.Col>
        </Grid>
      ) : (
        left
      )}
    </Stack>
  );
}

function HeaderForm({ header, onChange }: { header: Header; onChange: (h: Header) => void }) {
  const { t } = useTranslation();
  const issuers = useIssuers();
  const set = (patch: Partial<Header>) => onChange({ ...header, ...patch });
  const suggestions = [...new Set((issuers.data ?? []).map((i) => i.name))];
  return (
    <Paper withBorder p="sm" radius="md" data-testid="directive-header">
      <Stack gap="xs">
        <Title order={5}>{t('directives.create.headerTitle')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
          <NativeSelect
            label={t('directives.doc.kindLabel')}
            required
            value={header.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as DocumentKind })}
            data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`directives.kind.${k}`) }))}
            data-testid="doc-kind"
          />
          <TextInput label={t('directives.doc.number')} placeholder={t('directives.doc.numberPlaceholder')} value={header.number} onChange={(e) => set({ number: e.currentTarget.value })} data-testid="doc-number" />
          <DateField label={t('directives.doc.date')} required value={header.date} onChange={(date) => set({ date })} data-testid="doc-date" />
          <Autocomplete
            label={t('directives.doc.issuer')}
            required
            placeholder={t('directives.doc.issuerPlaceholder')}
            data={suggestions}
            value={header.issuer}
            onChange={(issuer) => set({ issuer })}
            limit={12}
            data-testid="doc-issuer"
          />
          <TextInput label={t('directives.doc.signer')} value={header.signer} onChange={(e) => set({ signer: e.currentTarget.value })} data-testid="doc-signer" />
          <TextInput label={t('directives.doc.meetingChair')} value={header.meetingChair} onChange={(e) => set({ meetingChair: e.currentTarget.value })} data-testid="doc-meeting-chair" />
        </SimpleGrid>
        <Textarea label={t('directives.doc.title')} autosize minRows={1} maxRows={4} value={header.title} onChange={(e) => set({ title: e.currentTarget.value })} data-testid="doc-title" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
          <TextInput label={t('directives.doc.meetingName')} value={header.meetingName} onChange={(e) => set({ meetingName: e.currentTarget.value })} data-testid="doc-meeting-name" />
          <DateField label={t('directives.doc.meetingDate')} value={header.meetingDate} onChange={(meetingDate) => set({ meetingDate })} data-testid="doc-meeting-date" />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

const HEADER_FIELDS: Record<string, string> = {
  kind: 'kindLabel', number: 'number', date: 'date', issuer: 'issuer', signer: 'signer', title: 'title',
  meetingName: 'meetingName', meetingDate: 'meetingDate', meetingChair: 'meetingChair',
};

/** The server's refusal in words: "Nhiệm vụ 4: …" instead of a field path such as tasks.3.deadline. */
function saveMessage(error: unknown, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const lines: string[] = [];
  for (const [field, message] of Object.entries(error.fields)) {
    const task = /^tasks\.(\d+)(?:\.|$)/.exec(field);
    if (task) lines.push(t('directives.problem.task', { n: Number(task[1]) + 1, message }));
    else if (HEADER_FIELDS[field]) lines.push(`${t(`directives.doc.${HEADER_FIELDS[field]}`)}: ${message}`);
    else lines.push(message);
  }
  return lines.length ? lines.join(' ') : error.message;
}
