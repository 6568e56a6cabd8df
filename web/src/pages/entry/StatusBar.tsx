// The form's sticky status bar (bottom of the viewport): save state, values waiting offline, the
// validation summary (click → first problem), previous / next problem, section picker on narrow
// screens, and the complete / uncomplete buttons.
import { ActionIcon, Badge, Button, Group, Paper, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface StatusBarProps {
  editable: boolean;
  online: boolean;
  saving: number;
  saveErrors: number;
  queued: number;
  valueCount: number;
  onSendNow: () => void;
  /** Validation has run at least once. */
  checked: boolean;
  validating: boolean;
  errors: number;
  warnings: number;
  outliers: number;
  stopCount: number;
  /** 1-based position of the focused cell among the problem cells, or null. */
  stopAt: number | null;
  onPrev: () => void;
  onNext: () => void;
  sectionPicker: ReactNode;
  actions: ReactNode;
}

export function StatusBar(p: StatusBarProps) {
  const { t } = useTranslation();
  const save: { state: string; text: string; color: string } = !p.editable
    ? { state: 'readOnly', text: t('entry.bar.readOnly'), color: 'dimmed' }
    : p.saving > 0
      ? { state: 'saving', text: t('entry.bar.saving'), color: 'blue.8' }
      : p.saveErrors > 0
        ? { state: 'error', text: t('entry.bar.saveErrors', { count: p.saveErrors }), color: 'red.8' }
        : p.queued > 0
          ? { state: 'queued', text: t('entry.bar.queued', { count: p.queued }), color: 'yellow.9' }
          : p.valueCount > 0
            ? { state: 'saved', text: `✓ ${t('entry.bar.allSaved')}`, color: 'green.8' }
            : { state: 'empty', text: t('entry.bar.nothingYet'), color: 'dimmed' };
  const problems = p.errors + p.warnings;
  return (
    <Paper
      withBorder
      shadow="md"
      px="sm"
      py={6}
      role="region"
      aria-label={t('entry.bar.region')}
      data-testid="status-bar"
      style={{ position: 'sticky', bottom: 0, zIndex: 50, minWidth: 0 }}
    >
      <Group gap="xs" wrap="wrap" justify="space-between" style={{ rowGap: 6 }}>
        <Group gap="xs" wrap="wrap" style={{ minWidth: 0, rowGap: 4 }}>
          <Text size="sm" fw={500} c={save.color} data-testid="save-state" data-state={save.state} aria-live="polite">
            {save.text}
          </Text>
          {!p.online && (
            <Badge color="yellow" variant="light" style={{ textTransform: 'none' }}>
              {t('entry.bar.offline')}
            </Badge>
          )}
          {p.queued > 0 && (
            <Group gap={4} wrap="nowrap" data-testid="outbox-count">
              <Badge color="yellow" variant="filled" style={{ textTransform: 'none' }}>
                ⏳ {p.queued}
              </Badge>
              {p.online && (
                <Button size="compact-xs" variant="light" onClick={p.onSendNow} data-testid="outbox-send">
                  {t('entry.offline.sendNow')}
                </Button>
              )}
            </Group>
          )}
          {p.validating && (
            <Text size="xs" c="dimmed">
              {t('entry.validation.running')}
            </Text>
          )}
          {p.checked && problems > 0 && (
            <UnstyledButton onClick={p.onNext} title={t('entry.bar.first')} data-testid="issue-summary" style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
              {p.errors > 0 && (
                <Badge color="red" variant="filled" style={{ textTransform: 'none', cursor: 'pointer' }} data-testid="count-errors">
                  {t('entry.bar.errors', { count: p.errors })}
                </Badge>
              )}
              {p.warnings > 0 && (
                <Badge color="orange" variant="filled" style={{ textTransform: 'none', cursor: 'pointer' }} data-testid="count-warnings">
                  {t('entry.bar.warnings', { count: p.warnings })}
                </Badge>
              )}
              {p.outliers > 0 && (
                <Badge color="orange" variant="light" style={{ textTransform: 'none', cursor: 'pointer' }} data-testid="count-outliers">
                  {t('entry.bar.outliers', { count: p.outliers })}
                </Badge>
              )}
            </UnstyledButton>
          )}
          {p.checked && problems === 0 && p.valueCount > 0 && (
            p.outliers > 0 ? (
              <UnstyledButton onClick={p.onNext} data-testid="violations-none" data-outliers={p.outliers}>
                <Text size="sm" c="orange.9">
                  {t('entry.bar.noErrorsOutliers', { count: p.outliers })}
                </Text>
              </UnstyledButton>
            ) : (
              <Text size="sm" c="green.8" data-testid="violations-none" data-outliers={0}>
                {t('entry.validation.none')}
              </Text>
            )
          )}
          {p.stopCount > 0 && (
            <Text size="xs" c="dimmed" data-testid="issue-position">
              {p.stopAt ?? '–'}/{p.stopCount}
            </Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0, flex: p.sectionPicker ? '1 1 220px' : undefined, justifyContent: 'flex-end' }}>
          {p.sectionPicker}
          {p.stopCount > 0 && (
            <>
              <ActionIcon variant="default" size="lg" onClick={p.onPrev} aria-label={t('entry.bar.prev')} title={t('entry.bar.prev')} data-testid="issue-prev" style={{ flex: 'none' }}>
                ↑
              </ActionIcon>
              <ActionIcon variant="default" size="lg" onClick={p.onNext} aria-label={t('entry.bar.next')} title={t('entry.bar.next')} data-testid="issue-next" style={{ flex: 'none' }}>
                ↓
              </ActionIcon>
            </>
          )}
          {p.actions}
        </Group>
      </Group>
    </Paper>
  );
}
