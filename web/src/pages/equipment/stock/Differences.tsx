// The differences of a stocktaking campaign, or of one of its units: missing, surplus, another
// condition or quantity than the register's; a manager applies one to the register ("Áp dụng") once
// the unit has confirmed.
import { Alert, Anchor, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth';
import { ErrorAlert, Loading } from '../../../components/common';
import { formatDate, formatNumber } from '../../../format';
import { Link } from '../../../router';
import { StatusBadge, useNarrow } from '../parts';
import { stockApi, stockKeys, useDifferences, type StocktakeDifference } from './stockApi';

/** The differences of the campaign (or of one unit): "Áp dụng" writes one into the register. */
export function DifferencesTable({ id, unit }: { id: string; unit?: string }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const manage = useCan('equipment:manage');
  const qc = useQueryClient();
  const diffs = useDifferences(id, unit);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (diffs.isPending) return <Loading />;
  if (diffs.isError) return <ErrorAlert error={diffs.error} />;
  const apply = async (d: StocktakeDifference) => {
    if (!d.asset) return;
    setBusy(d.lineId);
    setError(null);
    try {
      await stockApi.apply(id, d.asset.id, d.asset.version);
      await qc.invalidateQueries({ queryKey: stockKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const confirmed = (unitId: string) => !diffs.data.unconfirmed.some((u) => u.id === unitId);
  const condition = (c: string | null) => (c ? t(`equipment.stock.condition.${c}`) : '');
  const what = (d: StocktakeDifference) =>
    d.kind === 'missing'
      ? t('equipment.stock.diff.missingText')
      : d.kind === 'surplus'
        ? t('equipment.stock.diff.surplusText', { n: formatNumber(d.counted), condition: condition(d.condition) })
        : d.kind === 'condition'
          ? t('equipment.stock.diff.conditionText', { expected: condition(d.expected), seen: condition(d.condition) })
          : t('equipment.stock.diff.quantityText', { book: formatNumber(d.bookQuantity), counted: formatNumber(d.counted) });
  const applyText = (d: StocktakeDifference) =>
    [d.apply?.status && t(`equipment.status.${d.apply.status}`), d.apply?.quantity !== undefined && t('equipment.stock.diff.qty', { n: formatNumber(d.apply.quantity) })]
      .filter(Boolean)
      .join(', ');
  const action = (d: StocktakeDifference) =>
    d.appliedAt ? (
      <Text size="sm" c="green">
        {t('equipment.stock.diff.applied', { date: formatDate(d.appliedAt) })}
      </Text>
    ) : d.apply && manage && confirmed(d.orgUnit.id) ? (
      <Button size="compact-xs" variant="light" loading={busy === d.lineId} onClick={() => void apply(d)} data-testid="diff-apply" title={applyText(d)}>
        {t('equipment.stock.diff.apply')}
      </Button>
    ) : d.apply ? (
      <Text size="xs" c="dimmed">
        {t('equipment.stock.diff.proposed', { change: applyText(d) })}
      </Text>
    ) : null;

  return (
    <Stack gap="xs" data-testid="differences">
      <Title order={4}>{t('equipment.stock.differences')}</Title>
      {diffs.data.unconfirmed.length > 0 && (
        <Text size="sm" c="orange">
          {t('equipment.stock.unconfirmed', { units: diffs.data.unconfirmed.map((u) => u.name).join(', ') })}
        </Text>
      )}
      <ErrorAlert error={error} />
      {diffs.data.differences.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('equipment.stock.noDifferences')}
        </Text>
      ) : narrow ? (
        <Stack gap="xs">
          {diffs.data.differences.map((d) => (
            <Card key={d.lineId} withBorder padding="xs" data-testid="diff-row" data-kind={d.kind}>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {d.description}
                {d.asset ? ` · ${d.asset.tag}` : ''}
              </Text>
              <Text size="sm">
                {t(`equipment.stock.diff.kind.${d.kind}`)}: {what(d)}
              </Text>
              {d.note && (
                <Text size="xs" c="dimmed">
                  {d.note}
                </Text>
              )}
              {action(d)}
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="diff-table" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('equipment.field.orgUnit')}</Table.Th>
                <Table.Th>{t('equipment.field.tag')}</Table.Th>
                <Table.Th>{t('equipment.field.name')}</Table.Th>
                <Table.Th>{t('equipment.stock.diff.kindLabel')}</Table.Th>
                <Table.Th>{t('equipment.stock.diff.detail')}</Table.Th>
                <Table.Th>{t('equipment.care.note')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diffs.data.differences.map((d) => (
                <Table.Tr key={d.lineId} data-testid="diff-row" data-kind={d.kind}>
                  <Table.Td>{d.orgUnit.name}</Table.Td>
                  <Table.Td ff="monospace">{d.asset?.tag ?? ''}</Table.Td>
                  <Table.Td>
                    {d.asset ? (
                      <Anchor component={Link} to={`/equipment/assets/${d.asset.id}`} size="sm">
                        {d.description}
                      </Anchor>
                    ) : (
                      d.description
                    )}{' '}
                    {d.asset && <StatusBadge status={d.asset.status} />}
                  </Table.Td>
                  <Table.Td>{t(`equipment.stock.diff.kind.${d.kind}`)}</Table.Td>
                  <Table.Td>{what(d)}</Table.Td>
                  <Table.Td>{d.note}</Table.Td>
                  <Table.Td>{action(d)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {diffs.data.differences.some((d) => d.apply && !d.appliedAt) && !manage && (
        <Alert color="gray" p="xs">
          {t('equipment.stock.diff.managerApplies')}
        </Alert>
      )}
    </Stack>
  );
}
