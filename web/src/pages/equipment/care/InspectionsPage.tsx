// "Kiểm định, hiệu chuẩn đến hạn" (/equipment/inspections): the due and overdue inspections and
// calibrations of a unit's subtree (overdue first, "quá hạn N ngày", "còn N ngày"); a manager records
// one from the list (date, pass/fail, certificate, body, file).
import { Alert, Anchor, Button, Card, Group, Modal, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth';
import { ErrorAlert, Loading } from '../../../components/common';
import { OuPicker } from '../../../components/OuPicker';
import { formatDate, formatNumber } from '../../../format';
import { Link } from '../../../router';
import { AreaNav, StatusBadge, useNarrow } from '../parts';
import { useDue, type DueItem } from './careApi';
import { DaysText, useUnitParam } from './careParts';
import { InspectionForm } from './InspectionForm';

const KINDS = ['kiem_dinh', 'hieu_chuan', 'kiem_chuan', 'kiem_xa', 'xray_licence', 'maintenance'] as const;

export function InspectionsPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const manage = useCan('equipment:manage');
  const [unit, setUnit] = useUnitParam();
  const [within, setWithin] = useState('30');
  const [kind, setKind] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState<DueItem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => setPage(1), [unit?.id, within, kind]);
  const due = useDue({ orgUnit: unit ? String(unit.id) : undefined, within: Number(within), kind: kind ?? undefined, page });
  const items = due.data?.items ?? [];
  const pager = due.data?.pager;
  const kindName = (k: string) => t(`equipment.scheduleKind.${k}`);

  return (
    <Stack gap="sm" data-testid="inspections-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('equipment.care.insp.title')}</Title>
        <AreaNav active="inspections" />
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <OuPicker label={t('equipment.care.unit')} value={unit} onChange={setUnit} testId="insp-unit" />
        </div>
        <Select
          style={{ flex: '1 1 160px' }}
          label={t('equipment.care.insp.within')}
          data={['0', '30', '60', '90', '180'].map((d) => ({ value: d, label: d === '0' ? t('equipment.care.insp.onlyOverdue') : t('equipment.care.insp.withinDays', { count: Number(d) }) }))}
          value={within}
          onChange={(v) => setWithin(v ?? '30')}
          allowDeselect={false}
          data-testid="insp-within"
        />
        <Select
          style={{ flex: '1 1 180px' }}
          label={t('equipment.care.insp.kind')}
          clearable
          placeholder={t('equipment.care.insp.allKinds')}
          data={KINDS.map((k) => ({ value: k, label: kindName(k) }))}
          value={kind}
          onChange={setKind}
        />
      </Group>
      {done && (
        <Alert color="green" withCloseButton onClose={() => setDone(null)} data-testid="insp-done">
          {done}
        </Alert>
      )}
      {pager && (
        <Text size="sm" c="dimmed" data-testid="insp-total">
          {t('equipment.care.insp.total', { n: formatNumber(pager.total), overdue: formatNumber(items.filter((i) => i.overdue).length) })}
        </Text>
      )}
      {!unit ? (
        <Text c="dimmed">{t('equipment.care.pickUnit')}</Text>
      ) : due.isPending ? (
        <Loading />
      ) : due.isError ? (
        <ErrorAlert error={due.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed" data-testid="insp-empty">
          {t('equipment.care.insp.empty')}
        </Text>
      ) : narrow ? (
        <Stack gap="xs">
          {items.map((i) => (
            <Card key={i.scheduleId} withBorder padding="sm" data-testid="insp-card" data-overdue={i.overdue}>
              <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                <Anchor component={Link} to={`/equipment/assets/${i.asset.id}`} fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {i.asset.name}
                </Anchor>
                <StatusBadge status={i.asset.status} />
              </Group>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {[i.asset.tag, i.orgUnit.name].join(' · ')}
              </Text>
              <Text size="sm">
                {kindName(i.kind)}: {formatDate(i.nextDue)} (<DaysText days={i.days} />)
              </Text>
              {manage && (
                <Button size="xs" mt={6} variant="light" onClick={() => setRecording(i)} data-testid="insp-record">
                  {t('equipment.care.insp.record')}
                </Button>
              )}
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid="insp-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('equipment.field.tag')}</Table.Th>
                <Table.Th>{t('equipment.field.name')}</Table.Th>
                <Table.Th>{t('equipment.field.orgUnit')}</Table.Th>
                <Table.Th>{t('equipment.care.insp.kind')}</Table.Th>
                <Table.Th>{t('equipment.care.insp.lastDone')}</Table.Th>
                <Table.Th>{t('equipment.care.insp.nextDue')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.scheduleId} data-testid="insp-row" data-overdue={i.overdue}>
                  <Table.Td ff="monospace">{i.asset.tag}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/equipment/assets/${i.asset.id}`}>
                      {i.asset.name}
                    </Anchor>{' '}
                    {i.asset.status !== 'in_use' && <StatusBadge status={i.asset.status} />}
                  </Table.Td>
                  <Table.Td>{i.orgUnit.name}</Table.Td>
                  <Table.Td>
                    {kindName(i.kind)}
                    <Text size="xs" c="dimmed">
                      {t('equipment.care.insp.every', { count: i.intervalMonths })}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(i.lastDone) || '–'}</Table.Td>
                  <Table.Td>
                    {formatDate(i.nextDue)} <DaysText days={i.days} />
                  </Table.Td>
                  <Table.Td>
                    {manage && (
                      <Button size="xs" variant="light" onClick={() => setRecording(i)} data-testid="insp-record">
                        {t('equipment.care.insp.record')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pager && pager.pageCount > 1 && <Pagination total={pager.pageCount} value={page} onChange={setPage} size="sm" />}
      <Modal opened={!!recording} onClose={() => setRecording(null)} title={t('equipment.care.insp.record')} fullScreen={narrow}>
        {recording && (
          <InspectionForm
            scheduleId={recording.scheduleId}
            kindName={kindName(recording.kind)}
            assetName={`${recording.asset.name} (${recording.asset.tag})`}
            onCancel={() => setRecording(null)}
            onDone={(r) => {
              setDone(t(r.result === 'pass' ? 'equipment.care.insp.savedPass' : 'equipment.care.insp.savedFail', { name: recording.asset.name }));
              setRecording(null);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
