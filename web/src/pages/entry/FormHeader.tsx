// The top of an entry form: title, state, deadlines, and the last word on it — a returned form
// says why, by whom and when, before anything else — plus the approver's buttons.
import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EntryForm, FormEvent } from '../../../../src/modules/datavalues/datavalues.contract.js';
import { formatDate, formatDateTime } from '../../format';
import type { LocalName } from './formModel';
import { periodLabel } from './periods';
import { reasonText, StateBadge } from './status';
import { WorkflowButtons } from './WorkflowButtons';

/** The event to show at the top: why a returned form came back, else the latest event if it has a comment. */
export function lastNote(form: Pick<EntryForm, 'status' | 'events'>): FormEvent | null {
  const events = form.events ?? [];
  if (form.status.state === 'returned') {
    const back = [...events].reverse().find((e) => e.action === 'return' || e.action === 'reopen');
    if (back) return back;
  }
  const last = events[events.length - 1];
  return last?.comment ? last : null;
}

export function FormHeader(props: {
  form: EntryForm;
  localName: LocalName;
  valueCount: number;
  editable: boolean;
  readOnly: boolean;
  canWrite: boolean;
  approverActions: boolean;
  onWorkflowDone: () => void;
  actionError: string | null;
  onCloseError: () => void;
}) {
  const { t } = useTranslation();
  const { form } = props;
  const status = form.status;
  const note = lastNote(form);
  // Someone who only views or approves the form cannot "uncomplete" it: tell them what they can do.
  const viewer = props.readOnly || !props.canWrite;
  const reason = viewer && status.state === 'completed' ? t('entry.reason.completedForApprover') : reasonText(status.reason, status.closesOn);
  const returned = status.state === 'returned' && note && (note.action === 'return' || note.action === 'reopen');
  return (
    <Paper withBorder p="sm" data-testid="form-status">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Title order={4} data-testid="form-title" style={{ overflowWrap: 'anywhere' }}>
            {props.localName(form.dataSet)} — {form.orgUnit.name} — {periodLabel(form.period.iso)}
          </Title>
          <Group gap="xs" style={{ rowGap: 2 }}>
            <StateBadge state={status.state} valueCount={props.valueCount} onTime={status.onTime} testId="form-state" />
            {status.deadline && (
              <Text size="sm" data-testid="form-deadline">
                {t('entry.status.deadline', { date: formatDate(status.deadline) })}
              </Text>
            )}
            {status.closesOn && (
              <Text size="sm" c="dimmed">
                {t('entry.status.closesOn', { date: formatDate(status.closesOn) })}
              </Text>
            )}
            {status.completedAt && (
              <Text size="sm" c="dimmed">
                {t('entry.status.completedBy', { user: status.completedBy ?? '', at: formatDateTime(status.completedAt) })}
                {status.onTime === true ? ` — ${t('entry.status.onTime')}` : status.onTime === false ? ` — ${t('entry.status.late')}` : ''}
              </Text>
            )}
            {status.approvedAt && (
              <Text size="sm" c="dimmed">
                {t('entry.status.approvedBy', { user: status.approvedBy ?? '', at: formatDateTime(status.approvedAt) })}
              </Text>
            )}
          </Group>
        </Stack>
        {props.approverActions && (
          <WorkflowButtons
            dataSet={form.dataSet.id}
            orgUnit={form.orgUnit.id}
            orgUnitCode={form.orgUnit.code}
            period={form.period.iso}
            state={status.state}
            actions={status.actions}
            size="sm"
            onDone={props.onWorkflowDone}
          />
        )}
      </Group>
      {note && (
        <Alert
          color={returned ? (note.action === 'return' ? 'red' : 'orange') : 'gray'}
          variant={returned ? 'filled' : 'light'}
          mt="xs"
          p="xs"
          data-testid="form-last-comment"
          data-action={note.action}
        >
          <Text size="sm" fw={returned ? 700 : 400} style={{ overflowWrap: 'anywhere' }}>
            {t(`entry.lastEvent.${note.action}`, { comment: note.comment ?? '' })}
            <Text span size="sm" fw={400}>
              {' — '}
              {t('entry.lastEvent.by', { who: note.username ?? '', when: formatDateTime(note.at) })}
            </Text>
          </Text>
        </Alert>
      )}
      {!note && status.comment && (
        <Text size="sm" mt={4} data-testid="form-comment">
          {t('entry.status.comment')}: {status.comment}
        </Text>
      )}
      {!props.editable && (
        <Alert color={status.state === 'approved' ? 'green' : 'gray'} mt="xs" p="xs" data-testid="form-readonly">
          {reason ?? (props.readOnly || !props.canWrite ? t('entry.reason.readOnly') : t('entry.reason.locked'))}
        </Alert>
      )}
      {props.actionError && (
        <Alert color="red" mt="xs" p="xs" data-testid="form-action-error" withCloseButton onClose={props.onCloseError}>
          {props.actionError}
        </Alert>
      )}
    </Paper>
  );
}
