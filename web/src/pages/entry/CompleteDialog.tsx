// Asked before completing: the warnings that need an explanation (comment required) and the values
// outside the unit's usual range, each with a link to its cell, in one dialog.
import { Anchor, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Violation } from '../../../../src/modules/datavalues/datavalues.contract.js';
import { violationText } from './IssueNotes';

export interface OutlierLine {
  id: string;
  testKey: string;
  label: string;
  value: string;
  range: string;
}

export function CompleteDialog(props: {
  violations: Violation[];
  outliers: OutlierLine[];
  busy: boolean;
  onCancel: () => void;
  onConfirm: (comment: string | undefined) => void;
  onGo: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const needsComment = props.violations.length > 0;
  return (
    <Modal
      opened
      onClose={props.onCancel}
      title={needsComment ? t('entry.complete.warningsTitle') : t('entry.outliers.title')}
      size="lg"
      data-testid="complete-dialog"
    >
      <Stack>
        {needsComment && (
          <>
            <Text size="sm">{t('entry.complete.warningsText')}</Text>
            <Stack gap={2}>
              {props.violations.map((v, i) => (
                <Text key={i} size="sm" c="orange.9">
                  • {violationText(v)}
                </Text>
              ))}
            </Stack>
          </>
        )}
        {props.outliers.length > 0 && (
          <Stack gap={4} data-testid="outlier-list">
            {needsComment && (
              <Text size="sm" fw={600}>
                {t('entry.outliers.title')}
              </Text>
            )}
            <Text size="sm">{t('entry.outliers.text', { count: props.outliers.length })}</Text>
            {props.outliers.map((o) => (
              <Group key={o.id} gap="xs" wrap="wrap" data-testid={`outlier-${o.testKey}`} style={{ rowGap: 0 }}>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {o.label}:
                </Text>
                <Text size="sm">
                  <b>{o.value}</b> ({t('entry.outliers.usual')} {o.range})
                </Text>
                <Anchor component="button" type="button" size="sm" onClick={() => props.onGo(o.id)} data-testid={`outlier-go-${o.testKey}`}>
                  {t('entry.outliers.go')}
                </Anchor>
              </Group>
            ))}
          </Stack>
        )}
        {needsComment && (
          <Textarea
            label={t('entry.complete.comment')}
            required
            autosize
            minRows={3}
            data-autofocus
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            data-testid="complete-comment"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel} data-testid="complete-cancel">
            {t('entry.outliers.back')}
          </Button>
          <Button
            loading={props.busy}
            disabled={needsComment && !comment.trim()}
            onClick={() => props.onConfirm(needsComment ? comment.trim() : undefined)}
            data-testid="complete-confirm"
          >
            {props.outliers.length > 0 && !needsComment ? t('entry.outliers.confirm') : t('entry.actions.complete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
