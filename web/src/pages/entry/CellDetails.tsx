// A cell's details: comment and follow-up flag (editable), and the value's history from the audit trail.
import { Alert, Badge, Button, Checkbox, Drawer, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api';
import { useCan } from '../../auth';
import { formatDateTime } from '../../format';
import { saveValue } from '../../offline';
import type { CellState } from './Cell';
import { entryKeys, useHistory } from './entryApi';
import type { EntryForm, FormElement, HistoryItem, OptionCombo, SavedComment, SavedValue } from '../../../../src/modules/datavalues/datavalues.contract.js';
import { formatValue } from './values';

export function CellDetails(props: {
  element: FormElement;
  coc: OptionCombo;
  form: EntryForm;
  state: CellState;
  editable: boolean;
  label: string;
  onClose: () => void;
  onSaved: (r: SavedValue, extra: { comment: string | null; followUp: boolean }) => void;
  onQueued: (extra: { comment: string | null; followUp: boolean }) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { element: el, coc, form, state } = props;
  const [comment, setComment] = useState(state.comment ?? '');
  const [followUp, setFollowUp] = useState(state.followUp);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [queued, setQueued] = useState(false);
  // A reviewer (data:approve) may flag a value for follow-up even on a read-only form.
  const canApprove = useCan('data:approve');
  const canFlag = !props.editable && canApprove && state.saved !== null;
  const history = useHistory(el.id, coc.id, form.orgUnit.id, form.period.iso, true);

  const saveFlag = async () => {
    setError(null);
    setSaving(true);
    try {
      const r = await request<SavedComment>('PUT', '/api/dataEntry/comment', {
        body: { dataElement: el.id, categoryOptionCombo: coc.id, orgUnit: form.orgUnit.id, period: form.period.iso, followUp },
      });
      props.onSaved({ value: r.value, lastUpdated: r.lastUpdated, storedBy: r.storedBy, conflict: null }, { comment: r.comment, followUp: r.followUp });
      props.onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const save = async () => {
    setError(null);
    setSaving(true);
    const extra = { comment: comment.trim() || null, followUp };
    const outcome = await saveValue(
      {
        dataElement: el.id,
        categoryOptionCombo: coc.id,
        orgUnit: form.orgUnit.id,
        period: form.period.iso,
        value: state.shown,
        comment: extra.comment,
        followUp,
        baseLastUpdated: state.lastUpdated,
      },
      props.label,
    );
    setSaving(false);
    if (outcome.status === 'saved') {
      props.onSaved(outcome.result, extra);
      void qc.invalidateQueries({ queryKey: entryKeys.history(el.id, coc.id, form.orgUnit.id, form.period.iso) });
      props.onClose();
    } else if (outcome.status === 'queued') {
      props.onQueued(extra);
      setQueued(true);
    } else setError(outcome.error.message);
  };

  return (
    <Drawer opened onClose={props.onClose} position="right" size="md" title={t('entry.details.title')} data-testid="cell-details">
      <Stack>
        <div>
          <Text fw={600}>{props.label}</Text>
          <Text size="sm" c="dimmed">
            {el.code}
            {coc.code && coc.code !== 'default' ? ` · ${coc.code}` : ''}
          </Text>
        </div>
        <Text size="sm">
          {t('entry.details.value')}: <b>{formatValue(state.shown, el.valueType) || '—'}</b>
          {state.storedBy && (
            <Text span c="dimmed" size="xs">
              {' '}
              ({t('entry.details.storedBy')}: {state.storedBy}
              {state.lastUpdated ? `, ${formatDateTime(state.lastUpdated)}` : ''})
            </Text>
          )}
        </Text>
        <Textarea
          label={t('entry.details.comment')}
          autosize
          minRows={2}
          value={comment}
          readOnly={!props.editable}
          onChange={(e) => setComment(e.currentTarget.value)}
          data-testid="details-comment"
        />
        <Checkbox
          label={t('entry.details.followUp')}
          checked={followUp}
          disabled={!props.editable && !canFlag}
          onChange={(e) => setFollowUp(e.currentTarget.checked)}
          data-testid="details-followup"
        />
        {error && <Alert color="red">{error}</Alert>}
        {queued && <Alert color="yellow">{t('entry.cell.queued')}</Alert>}
        {(props.editable || canFlag) && (
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void (props.editable ? save() : saveFlag())} loading={saving} data-testid="details-save">
              {t('common.save')}
            </Button>
          </Group>
        )}
        <Text fw={600} size="sm">
          {t('entry.details.history')}
        </Text>
        {history.isPending && <Text size="sm">…</Text>}
        {history.isError && (
          <Text size="sm" c="dimmed">
            {(history.error as Error).message}
          </Text>
        )}
        {history.data && history.data.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('entry.details.noHistory')}
          </Text>
        )}
        {history.data && history.data.length > 0 && (
          <Table fz="xs" striped data-testid="details-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('entry.details.when')}</Table.Th>
                <Table.Th>{t('entry.details.who')}</Table.Th>
                <Table.Th>{t('entry.details.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.map((h, i) => (
                <HistoryLine key={i} h={h} valueType={el.valueType} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Drawer>
  );
}

function HistoryLine({ h, valueType }: { h: HistoryItem; valueType: string }) {
  const { t } = useTranslation();
  const at = h.created;
  const who = h.modifiedBy ?? '';
  const type = h.auditType;
  const prev = h.previousValue;
  const value = h.value;
  return (
    <Table.Tr>
      <Table.Td>{formatDateTime(at)}</Table.Td>
      <Table.Td>{who}</Table.Td>
      <Table.Td>
        {type === 'DELETE'
          ? t('entry.details.deleted', { value: formatValue(prev ?? value, valueType) })
          : prev !== null
            ? `${formatValue(prev, valueType)} → ${formatValue(value, valueType)}`
            : formatValue(value, valueType)}
        {h.comment ? ` (${h.comment})` : ''}
        {h.source && h.source !== 'form' && (
          <Badge size="xs" ml={4} variant="light">
            {t(`entry.details.source.${h.source}`, { defaultValue: String(h.source) })}
          </Badge>
        )}
        {h.conflict && (
          <Badge size="xs" ml={4} color="orange" variant="light">
            {t('entry.details.conflict')}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
