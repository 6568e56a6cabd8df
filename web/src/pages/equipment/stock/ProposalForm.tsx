// A liquidation (thanh lý) or transfer (điều chuyển) proposal of one asset, for the asset page and the
// idle list:  <ProposalForm assetId={a.id} onDone={(p) => …} />  (`toUnit`: a receiving unit offered).
// Says who will decide (the unit keeping the books, or the Department above the configured value).
import { Button, Card, Group, NumberInput, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, splitError } from '../../../components/common';
import { OuPicker, type OuChoice } from '../../../components/OuPicker';
import { formatNumber } from '../../../format';
import { money } from '../parts';
import { LIQUIDATION_REASONS, stockApi, stockKeys, TRANSFER_REASONS, useProposalRules, type Proposal, type ProposalKind } from './stockApi';

export function ProposalForm({
  assetId,
  assetCost,
  kind: initialKind = 'liquidation',
  toUnit: initialTo = null,
  onDone,
  onCancel,
}: {
  assetId: string;
  /** The asset's cost (đồng), to say who decides a liquidation. */
  assetCost?: number;
  kind?: ProposalKind;
  toUnit?: OuChoice | null;
  onDone?: (p: Proposal) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const rules = useProposalRules();
  const [kind, setKind] = useState<ProposalKind>(initialKind);
  const [reason, setReason] = useState<string>(initialKind === 'transfer' ? 'idle' : 'fully_worn');
  const [repairEstimate, setRepairEstimate] = useState<number | string>('');
  const [toUnit, setToUnit] = useState<OuChoice | null>(initialTo);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { fields, general } = splitError(error, ['reason', 'repairEstimate', 'toUnit', 'note']);
  const reasons = kind === 'liquidation' ? LIQUIDATION_REASONS : TRANSFER_REASONS;
  const switchKind = (k: ProposalKind) => {
    setKind(k);
    setReason(k === 'transfer' ? 'idle' : 'fully_worn');
    setError(null);
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body =
        kind === 'liquidation'
          ? { kind, asset: assetId, reason, repairEstimate: reason === 'repair_costly' && repairEstimate !== '' ? Number(repairEstimate) : null, note: note.trim() || null }
          : { kind, asset: assetId, toUnit: toUnit ? String(toUnit.id) : '', reason, note: note.trim() || null };
      const p = await stockApi.createProposal(body);
      void qc.invalidateQueries({ queryKey: stockKeys.all });
      onDone?.(p);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const decider =
    kind === 'liquidation' && rules.data && assetCost !== undefined
      ? assetCost >= rules.data.decisionLimit
        ? t('equipment.stock.prop.decidedHigher', { limit: money(rules.data.decisionLimit) })
        : t('equipment.stock.prop.decidedUnit', { limit: money(rules.data.decisionLimit) })
      : kind === 'transfer'
        ? t('equipment.stock.prop.transferDecider')
        : null;

  return (
    <Card withBorder padding="sm" data-testid="proposal-form">
      <Stack gap="xs">
        <SegmentedControl
          fullWidth
          value={kind}
          onChange={(v) => switchKind(v as ProposalKind)}
          data={[
            { value: 'liquidation', label: t('equipment.stock.prop.kind.liquidation') },
            { value: 'transfer', label: t('equipment.stock.prop.kind.transfer') },
          ]}
          data-testid="proposal-kind"
        />
        {kind === 'transfer' && (
          <OuPicker label={t('equipment.stock.prop.toUnit')} required value={toUnit} onChange={setToUnit} error={fields.toUnit} testId="proposal-to-unit" />
        )}
        <Select
          label={t('equipment.stock.prop.reason')}
          data={reasons.map((r) => ({ value: r, label: t(`equipment.stock.prop.reasons.${r}`) }))}
          value={reason}
          onChange={(v) => setReason(v ?? reasons[0]!)}
          allowDeselect={false}
          error={fields.reason}
          data-testid="proposal-reason"
        />
        {kind === 'liquidation' && reason === 'repair_costly' && (
          <NumberInput
            label={t('equipment.stock.prop.repairEstimate')}
            description={rules.data ? t('equipment.stock.prop.repairShare', { pct: formatNumber(rules.data.repairSharePct) }) : undefined}
            required
            min={0}
            allowDecimal={false}
            thousandSeparator="."
            decimalSeparator=","
            value={repairEstimate}
            onChange={setRepairEstimate}
            error={fields.repairEstimate}
            data-testid="proposal-estimate"
          />
        )}
        <Textarea
          label={t('equipment.care.note')}
          required={reason === 'other'}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fields.note}
          data-testid="proposal-note"
        />
        {decider && (
          <Text size="xs" c="dimmed">
            {decider}
          </Text>
        )}
        <ErrorAlert error={general} testId="proposal-error" />
        <Group gap="xs">
          <Button onClick={() => void submit()} loading={busy} disabled={kind === 'transfer' && !toUnit} data-testid="proposal-submit">
            {t('equipment.stock.prop.submit')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t('equipment.common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
