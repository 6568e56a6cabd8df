// The care panel of one asset (for the asset page): its schedules (inspections, calibrations,
// maintenance) with their next due dates, the inspection history with certificates, and its work
// orders; a manager records an inspection or opens a preventive work order from a schedule.
//   <AssetCare assetId={a.id} />
import { Alert, Anchor, Button, Card, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../../components/common';
import { formatDate, formatDateTime } from '../../../format';
import { Link, navigate } from '../../../router';
import { fileUrl } from '../equipmentApi';
import { DueText, useNarrow } from '../parts';
import { careApi, careKeys, useAssetCare, useAssetWorkOrders, type Schedule } from './careApi';
import { WorkOrderBadge } from './careParts';
import { InspectionForm } from './InspectionForm';

export function AssetCare({ assetId, assetName }: { assetId: string; assetName?: string }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const qc = useQueryClient();
  const care = useAssetCare(assetId);
  const orders = useAssetWorkOrders(assetId);
  const [recording, setRecording] = useState<Schedule | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (care.isPending) return <Loading />;
  if (care.isError) return <ErrorAlert error={care.error} />;
  const c = care.data;
  const kindName = (k: string) => t(`equipment.scheduleKind.${k}`);
  const schedules = [...c.schedules].sort((x, y) => Number(y.active) - Number(x.active) || (x.nextDue ?? '9') .localeCompare(y.nextDue ?? '9'));

  const preventive = async (s: Schedule) => {
    setBusy(s.id);
    setError(null);
    try {
      const w = await careApi.preventive(s.id, {});
      void qc.invalidateQueries({ queryKey: careKeys.all });
      navigate(`/equipment/work-orders/${w.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="sm" data-testid="asset-care">
      {c.locked && (
        <Alert color="red" data-testid="care-locked">
          {t('equipment.care.asset.locked')}
        </Alert>
      )}
      <Card withBorder padding="sm">
        <Text fw={600} mb={4}>
          {t('equipment.care.asset.schedules')}
        </Text>
        {schedules.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('equipment.care.asset.noSchedules')}
          </Text>
        ) : (
          <Stack gap="xs" data-testid="care-schedules">
            {schedules.map((s) => (
              <Group key={s.id} justify="space-between" wrap="wrap" gap="xs" data-testid="care-schedule" data-kind={s.kind} style={{ opacity: s.active ? 1 : 0.6 }}>
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500}>
                    {kindName(s.kind)}
                    {s.lastResult === 'fail' && (
                      <Text span c="red" size="sm">{` · ${t('equipment.care.insp.failed')}`}</Text>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('equipment.care.insp.every', { count: s.intervalMonths })}
                    {s.lastDone ? ` · ${t('equipment.care.asset.lastDone', { date: formatDate(s.lastDone) })}` : ` · ${t('equipment.care.asset.noneRecorded')}`}
                    {!s.active ? ` · ${t('equipment.care.asset.inactive')}` : ''}
                  </Text>
                  {s.active && s.nextDue && <DueText date={s.nextDue} prefix={t('equipment.care.insp.nextDue')} />}
                </div>
                {c.can.manage && s.active && (
                  <Group gap={4}>
                    <Button size="xs" variant="light" onClick={() => setRecording(s)} data-testid="care-record">
                      {t(s.kind === 'maintenance' ? 'equipment.care.asset.recordMaintenance' : 'equipment.care.insp.record')}
                    </Button>
                    {s.kind === 'maintenance' && (
                      <Button size="xs" variant="default" loading={busy === s.id} onClick={() => void preventive(s)} data-testid="care-preventive">
                        {t('equipment.care.asset.preventive')}
                      </Button>
                    )}
                  </Group>
                )}
              </Group>
            ))}
          </Stack>
        )}
        <ErrorAlert error={error} />
      </Card>

      <Card withBorder padding="sm">
        <Text fw={600} mb={4}>
          {t('equipment.care.asset.history')}
        </Text>
        {c.inspections.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('equipment.care.asset.noInspections')}
          </Text>
        ) : narrow ? (
          <Stack gap="xs" data-testid="care-inspections">
            {c.inspections.map((i) => (
              <div key={i.id} data-testid="care-inspection">
                <Text size="sm" fw={500}>
                  {formatDate(i.doneOn)} · {kindName(i.kind)} ·{' '}
                  <Text span c={i.result === 'pass' ? 'green' : 'red'} size="sm" fw={600}>
                    {t(`equipment.care.insp.${i.result}`)}
                  </Text>
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[i.certificate && t('equipment.care.asset.certNo', { no: i.certificate }), i.body, i.nextDue && t('equipment.care.asset.validTo', { date: formatDate(i.nextDue) })]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                {i.file && (
                  <Anchor href={fileUrl(assetId, i.file.id)} size="xs" target="_blank" rel="noopener">
                    {i.file.fileName}
                  </Anchor>
                )}
              </div>
            ))}
          </Stack>
        ) : (
          <Table fz="sm" data-testid="care-inspections">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('equipment.care.insp.doneOn')}</Table.Th>
                <Table.Th>{t('equipment.care.insp.kind')}</Table.Th>
                <Table.Th>{t('equipment.care.insp.result')}</Table.Th>
                <Table.Th>{t('equipment.care.insp.certificate')}</Table.Th>
                <Table.Th>{t('equipment.care.insp.body')}</Table.Th>
                <Table.Th>{t('equipment.care.insp.nextDue')}</Table.Th>
                <Table.Th>{t('equipment.care.insp.file')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.inspections.map((i) => (
                <Table.Tr key={i.id} data-testid="care-inspection">
                  <Table.Td>{formatDate(i.doneOn)}</Table.Td>
                  <Table.Td>{kindName(i.kind)}</Table.Td>
                  <Table.Td c={i.result === 'pass' ? 'green' : 'red'} fw={600}>
                    {t(`equipment.care.insp.${i.result}`)}
                  </Table.Td>
                  <Table.Td>{i.certificate}</Table.Td>
                  <Table.Td>{i.body}</Table.Td>
                  <Table.Td>{formatDate(i.nextDue)}</Table.Td>
                  <Table.Td>
                    {i.file && (
                      <Anchor href={fileUrl(assetId, i.file.id)} size="sm" target="_blank" rel="noopener">
                        {i.file.fileName}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      <Card withBorder padding="sm">
        <Text fw={600} mb={4}>
          {t('equipment.care.asset.workOrders')}
        </Text>
        {orders.isPending ? (
          <Loading />
        ) : orders.isError ? (
          <ErrorAlert error={orders.error} />
        ) : orders.data.workOrders.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('equipment.care.asset.noWorkOrders')}
          </Text>
        ) : (
          <Stack gap="xs" data-testid="care-work-orders">
            {orders.data.workOrders.map((w) => (
              <Group key={w.id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start" data-testid="care-work-order">
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/equipment/work-orders/${w.id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {w.fault || t(w.kind === 'preventive' ? 'equipment.care.wo.preventiveTitle' : 'equipment.care.wo.correctiveTitle')}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(w.reportedAt)}
                    {w.outcome ? ` · ${t(`equipment.care.wo.outcomes.${w.outcome}`)}` : ''}
                  </Text>
                </div>
                <WorkOrderBadge status={w.status} />
              </Group>
            ))}
          </Stack>
        )}
      </Card>

      <Modal opened={!!recording} onClose={() => setRecording(null)} title={t('equipment.care.insp.record')} fullScreen={narrow}>
        {recording && (
          <InspectionForm
            scheduleId={recording.id}
            kindName={kindName(recording.kind)}
            assetName={assetName ?? ''}
            onCancel={() => setRecording(null)}
            onDone={() => setRecording(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
