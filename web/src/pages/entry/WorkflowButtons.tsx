// Approver actions on a form: approve and return a completed form (return needs a comment), reopen an
// approved one (reason required). When the server says what the caller may do (`actions`), only
// those buttons show.
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Id } from '../../api';
import type { FormActions } from '../../../../src/modules/datavalues/datavalues.contract.js';
import type { FormState } from '../../../../src/modules/workflow/workflow.contract.js';

type Action = 'approve' | 'return' | 'reopen';

export function WorkflowButtons(props: {
  dataSet: Id;
  orgUnit: Id;
  orgUnitCode: string;
  period: string;
  state: FormState;
  /** What the server allows the caller now; absent: decided by the state alone. */
  actions?: Partial<FormActions>;
  size?: 'xs' | 'sm';
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const run = useMutation({
    mutationFn: ({ action, comment }: { action: Action; comment?: string }) => {
      const key = { dataSet: props.dataSet, orgUnit: props.orgUnit, period: props.period };
      if (action === 'approve') return api.post('/api/forms/approve', { ...key, comment: comment || undefined });
      if (action === 'return') return api.post('/api/forms/return', { ...key, comment });
      return api.post('/api/forms/reopen', { ...key, reason: comment });
    },
    onSuccess: () => {
      setDialog(null);
      setText('');
      props.onDone();
    },
  });
  const open = (a: Action) => {
    run.reset();
    setText('');
    setMissing(false);
    setDialog(a);
  };
  const confirm = () => {
    const comment = text.trim();
    if ((dialog === 'return' || dialog === 'reopen') && !comment) {
      setMissing(true);
      return;
    }
    run.mutate({ action: dialog!, comment });
  };
  const tid = (a: string) => `${a}-${props.orgUnitCode}`;
  const size = props.size ?? 'xs';
  const allowed = (a: Action) => props.actions?.[a] ?? true;
  // Approve and return act on a completed form; an approved one can only be reopened.
  const canApprove = props.state === 'completed' && allowed('approve');
  const canReturn = props.state === 'completed' && allowed('return');
  const canReopen = props.state === 'approved' && allowed('reopen');
  return (
    <>
      <Group gap={6} wrap="nowrap">
        {canApprove && (
          <Button size={size} color="green" onClick={() => open('approve')} title={t('entry.workflow.approveHint')} data-testid={tid('approve')}>
            {t('approvals.actions.approve')}
          </Button>
        )}
        {canReturn && (
          <Button size={size} color="red" variant="light" onClick={() => open('return')} title={t('entry.workflow.returnHint')} data-testid={tid('return')}>
            {t('approvals.actions.return')}
          </Button>
        )}
        {canReopen && (
          <Button size={size} variant="default" onClick={() => open('reopen')} title={t('entry.workflow.reopenHint')} data-testid={tid('reopen')}>
            {t('approvals.actions.reopen')}
          </Button>
        )}
      </Group>
      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog ? t(`approvals.dialog.${dialog}Title`) : ''}>
        <Stack>
          {dialog && (
            <Text size="sm" c="dimmed">
              {t(`entry.workflow.${dialog}Hint`)}
            </Text>
          )}
          <Textarea
            label={dialog === 'reopen' ? t('approvals.dialog.reason') : t('approvals.dialog.comment')}
            required={dialog !== 'approve'}
            autosize
            minRows={3}
            data-autofocus
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('approvals.dialog.required') : undefined}
            data-testid="workflow-comment"
          />
          {run.error && (
            <Alert color="red" data-testid="workflow-error">
              {(run.error as Error).message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button loading={run.isPending} onClick={confirm} color={dialog === 'return' ? 'red' : 'green'} data-testid="workflow-confirm">
              {dialog ? t(`approvals.actions.${dialog}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
