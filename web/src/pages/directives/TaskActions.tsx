// The buttons of a task's actions (only those the answer's `actions` allows) and the small form each
// opens: a comment or a reason, progress with files (uploaded first, then their ids sent), the
// completion date, a new deadline. Every write sends the task's `version` (optimistic locking); the
// server's message is shown as it is (it speaks the request's language).
import { Button, Checkbox, CloseButton, Group, Input, Modal, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useMe } from '../../auth';
import { DateField, ErrorAlert } from '../../components/common';
import { today } from '../../format';
import { directiveKeys, directivesApi, uploadAttachment, type TaskAction, type TaskActionInput, type TaskDetail } from './directivesApi';
import { FilePick, formatSize, useNarrow } from './parts';

/** A button of the bar: the API's actions, with the extension decision split in two. */
type Kind = TaskAction | 'requestExtension' | 'approveExtension' | 'rejectExtension' | 'edit';

interface FormSpec {
  comment: 'required' | 'optional';
  progress?: boolean;
  files?: boolean;
  completedOn?: boolean;
  deadline?: boolean;
  color: string;
  variant: 'filled' | 'light' | 'default';
}

const SPEC: Record<Exclude<Kind, 'edit'>, FormSpec> = {
  accept: { comment: 'optional', color: 'blue', variant: 'filled' },
  refuse: { comment: 'required', color: 'red', variant: 'light' },
  progress: { comment: 'required', progress: true, files: true, color: 'blue', variant: 'light' },
  submit: { comment: 'required', files: true, color: 'green', variant: 'filled' },
  confirm: { comment: 'optional', completedOn: true, color: 'green', variant: 'filled' },
  return: { comment: 'required', color: 'orange', variant: 'light' },
  pause: { comment: 'required', color: 'gray', variant: 'light' },
  resume: { comment: 'optional', color: 'blue', variant: 'light' },
  withdraw: { comment: 'required', color: 'red', variant: 'light' },
  requestExtension: { comment: 'required', deadline: true, color: 'orange', variant: 'light' },
  approveExtension: { comment: 'optional', color: 'green', variant: 'light' },
  rejectExtension: { comment: 'optional', color: 'red', variant: 'light' },
};

/** The order of the bar: the usual next step first. */
const ORDER: Kind[] = [
  'accept', 'progress', 'submit', 'confirm', 'approveExtension', 'rejectExtension', 'requestExtension', 'return', 'refuse', 'pause', 'resume', 'withdraw', 'edit',
];

export function TaskActions({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [open, setOpen] = useState<Kind | null>(null);
  const allowed = new Set<Kind>();
  for (const a of task.actions) {
    if (a === 'decideExtension') {
      if (task.pendingExtension) {
        allowed.add('approveExtension');
        allowed.add('rejectExtension');
      }
    } else allowed.add(a);
  }
  const kinds = ORDER.filter((k) => allowed.has(k));
  if (!kinds.length) return null;
  return (
    <>
      <Group gap="xs" wrap="wrap" data-testid="task-actions">
        {kinds.map((k) => {
          const spec = k === 'edit' ? { color: 'gray', variant: 'default' as const } : SPEC[k];
          return (
            <Button key={k} size={narrow ? 'sm' : 'xs'} color={spec.color} variant={spec.variant} onClick={() => setOpen(k)} data-testid={`task-action-${k}`}>
              {t(`directives.action.${k}`)}
            </Button>
          );
        })}
      </Group>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? t(`directives.action.${open}`) : ''}
        size="lg"
        fullScreen={narrow}
        data-testid="action-modal"
      >
        {open === 'edit' ? <EditForm task={task} onDone={() => setOpen(null)} /> : open ? <ActionForm key={open} kind={open} task={task} onDone={() => setOpen(null)} /> : null}
      </Modal>
    </>
  );
}

function useRefresh(id: string) {
  const qc = useQueryClient();
  return async (conflict = false) => {
    if (conflict) await qc.invalidateQueries({ queryKey: directiveKeys.task(id) });
    else await qc.invalidateQueries({ queryKey: directiveKeys.all });
  };
}

function ActionForm({ kind, task, onDone }: { kind: Exclude<Kind, 'edit'>; task: TaskDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const refresh = useRefresh(task.id);
  const spec = SPEC[kind];
  const [comment, setComment] = useState('');
  const [progress, setProgress] = useState<number | string>(task.progress);
  const [files, setFiles] = useState<File[]>([]);
  const [completedOn, setCompletedOn] = useState(today());
  const [deadline, setDeadline] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [step, setStep] = useState<string | null>(null);

  const missing =
    (spec.comment === 'required' && !comment.trim()) || (spec.deadline && !deadline) || (spec.completedOn && !completedOn);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      // Files first: each upload answers the id the action then names.
      const ids: string[] = [];
      for (const [i, f] of files.entries()) {
        setStep(t('directives.action.uploading', { n: i + 1, total: files.length, name: f.name }));
        ids.push((await uploadAttachment(f, me.csrfToken, { task: task.id })).id);
      }
      setStep(null);
      const text = comment.trim();
      const version = task.version;
      if (kind === 'requestExtension') await directivesApi.requestExtension(task.id, deadline, text);
      else if (kind === 'approveExtension' || kind === 'rejectExtension') {
        await directivesApi.decideExtension(task.id, task.pendingExtension!.id, kind === 'approveExtension', text || null);
      } else {
        let input: TaskActionInput;
        if (kind === 'progress') input = { action: kind, version, comment: text, progress: progress === '' ? null : Number(progress), attachments: ids };
        else if (kind === 'submit') input = { action: kind, version, comment: text, attachments: ids };
        else if (kind === 'confirm') input = { action: kind, version, comment: text || null, completedOn };
        else if (kind === 'accept' || kind === 'resume') input = { action: kind, version, comment: text || null };
        else input = { action: kind, version, comment: text };
        await directivesApi.act(task.id, input);
      }
      await refresh();
      onDone();
    } catch (e) {
      setError(e);
      setStep(null);
      // Someone else changed the task meanwhile: show its new state (the form stays open with the text).
      if (e instanceof ApiError && e.status === 409) await refresh(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t(`directives.actionHint.${kind}`)}
      </Text>
      {spec.deadline && (
        <DateField label={t('directives.action.newDeadline')} required value={deadline} min={task.deadline ?? undefined} onChange={setDeadline} data-testid="action-deadline" />
      )}
      {spec.completedOn && (
        <DateField label={t('directives.action.completedOn')} required value={completedOn} max={today()} onChange={setCompletedOn} data-testid="action-completed-on" />
      )}
      {spec.progress && (
        <NumberInput label={t('directives.action.progressPercent')} min={0} max={100} suffix=" %" value={progress} onChange={setProgress} w={160} data-testid="action-progress" />
      )}
      <Textarea
        label={t(spec.comment === 'required' && kind !== 'progress' && kind !== 'submit' ? 'directives.action.reason' : 'directives.action.comment')}
        required={spec.comment === 'required'}
        autosize
        minRows={3}
        maxRows={10}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        data-testid="action-comment"
      />
      {spec.files && (
        <Input.Wrapper label={t('directives.action.files')} description={t('directives.action.filesHint')}>
          <Stack gap={4} mt={4}>
            <FilePick label={t('directives.action.chooseFiles')} multiple onFiles={(picked) => setFiles((old) => [...old, ...picked].slice(0, 20))} testId="action-files" />
            {files.map((f, i) => (
              <Group key={`${f.name}-${i}`} gap={4} wrap="nowrap">
                <Text size="sm" truncate="end" style={{ minWidth: 0 }}>
                  {f.name} <Text span size="xs" c="dimmed">({formatSize(f.size)})</Text>
                </Text>
                <CloseButton size="sm" onClick={() => setFiles((old) => old.filter((_, j) => j !== i))} aria-label={t('directives.action.removeFile')} />
              </Group>
            ))}
          </Stack>
        </Input.Wrapper>
      )}
      {step && <Text size="sm" c="dimmed" data-testid="action-step">{step}</Text>}
      <ErrorAlert error={error} testId="action-error" />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button color={spec.color} loading={busy} disabled={!!missing} onClick={() => void send()} data-testid="action-submit">
          {t(`directives.action.${kind}`)}
        </Button>
      </Group>
    </Stack>
  );
}

/** Changing what the task asks (the assigner): content, output, deadline, with a reason kept in the history. */
function EditForm({ task, onDone }: { task: TaskDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(task.id);
  const [content, setContent] = useState(task.content);
  const [output, setOutput] = useState(task.output ?? '');
  const [deadline, setDeadline] = useState(task.deadline ?? '');
  const [ongoing, setOngoing] = useState(task.ongoing);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await directivesApi.updateTask(task.id, {
        version: task.version,
        content: content.trim(),
        output: output.trim() || null,
        deadline: ongoing ? null : deadline || null,
        ongoing,
        reason: reason.trim() || null,
      });
      await refresh();
      onDone();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.status === 409) await refresh(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm">
      <Textarea label={t('directives.proposal.content')} required autosize minRows={3} value={content} onChange={(e) => setContent(e.currentTarget.value)} data-testid="edit-content" />
      <TextInput label={t('directives.task.output')} value={output} onChange={(e) => setOutput(e.currentTarget.value)} data-testid="edit-output" />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <DateField label={t('directives.col.deadline')} value={deadline} disabled={ongoing} onChange={setDeadline} data-testid="edit-deadline" />
        <Checkbox label={t('directives.proposal.ongoing')} checked={ongoing} onChange={(e) => setOngoing(e.currentTarget.checked)} mb={8} data-testid="edit-ongoing" />
      </Group>
      <Textarea label={t('directives.action.editReason')} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="edit-reason" />
      <ErrorAlert error={error} testId="action-error" />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button loading={busy} disabled={!content.trim()} onClick={() => void save()} data-testid="action-submit">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
