// "Tổng quan thiết bị" (/equipment/kpi): a unit (default the user's) and one row per child unit, each
// over its subtree: assets, % functional (a bar), broken, in repair, locked, idle, inspections overdue
// and due within 30 days, fully worn, open work orders, mean days to repair. A row opens that unit
// (a station: its register). A table on a desktop, cards on a phone.
import { Anchor, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { ErrorAlert, Loading } from '../../../components/common';
import { OuPicker } from '../../../components/OuPicker';
import { formatDate, formatNumber } from '../../../format';
import { linkClick, navigate } from '../../../router';
import { AreaNav, useNarrow } from '../parts';
import { useKpi, type KpiRow } from './careApi';
import { useUnitParam, withUnit } from './careParts';

const pct = (n: number | null) => (n === null ? '–' : `${formatNumber(n)} %`);
const num = (n: number) => formatNumber(n);

/** Where a row leads: a station's register, else the same overview one level down. */
const rowTarget = (r: KpiRow) => withUnit(r.orgUnit.kind === 'station' ? '/equipment' : '/equipment/kpi', r.orgUnit);

function Bar({ value }: { value: number | null }) {
  if (value === null) return <Text size="sm" c="dimmed">–</Text>;
  const color = value >= 90 ? 'green' : value >= 75 ? 'yellow' : 'red';
  return (
    <Group gap={6} wrap="nowrap" data-testid="kpi-functional" data-value={value}>
      <Progress value={value} color={color} w={70} size="md" aria-label={pct(value)} />
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {pct(value)}
      </Text>
    </Group>
  );
}

const COLUMNS = ['broken', 'inRepair', 'locked', 'idle', 'inspectionsOverdue', 'inspectionsDue30', 'fullyWorn', 'openWorkOrders'] as const;

/** The unit is in the address: opening a row is a new page (the back button returns one level up). */
export function KpiPage() {
  const search = useSearch();
  return <KpiView key={search} />;
}

function KpiView() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [unit, setUnit] = useUnitParam();
  const kpi = useKpi(unit ? String(unit.id) : undefined);
  const open = (r: KpiRow) => navigate(rowTarget(r));

  return (
    <Stack gap="sm" data-testid="kpi-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3}>{t('equipment.care.kpi.title')}</Title>
        <AreaNav active="kpi" />
      </Group>
      <div style={{ maxWidth: 480 }}>
        <OuPicker label={t('equipment.care.unit')} value={unit} onChange={setUnit} testId="kpi-unit" />
      </div>
      {kpi.isPending ? (
        <Loading />
      ) : kpi.isError ? (
        <ErrorAlert error={kpi.error} />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('equipment.care.kpi.asOf', { date: formatDate(kpi.data.date) })}
          </Text>
          {narrow ? (
            <Stack gap="xs" data-testid="kpi-cards">
              <KpiCard r={kpi.data.unit} total />
              {kpi.data.children.map((r) => (
                <KpiCard key={r.orgUnit.id} r={r} onOpen={() => open(r)} />
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={1100}>
              <Table striped highlightOnHover withTableBorder data-testid="kpi-table" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('equipment.care.kpi.unit')}</Table.Th>
                    <Table.Th ta="right">{t('equipment.care.kpi.assets')}</Table.Th>
                    <Table.Th>{t('equipment.care.kpi.functionalPct')}</Table.Th>
                    {COLUMNS.map((c) => (
                      <Table.Th key={c} ta="right">
                        {t(`equipment.care.kpi.${c}`)}
                      </Table.Th>
                    ))}
                    <Table.Th ta="right">{t('equipment.care.kpi.meanRepairDays')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <KpiTableRow r={kpi.data.unit} total />
                  {kpi.data.children.map((r) => (
                    <KpiTableRow key={r.orgUnit.id} r={r} onOpen={() => open(r)} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {kpi.data.children.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('equipment.care.kpi.noChildren')}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

function KpiTableRow({ r, total, onOpen }: { r: KpiRow; total?: boolean; onOpen?: () => void }) {
  const { t } = useTranslation();
  const to = rowTarget(r);
  return (
    <Table.Tr
      data-testid={total ? 'kpi-total' : 'kpi-row'}
      data-unit={r.orgUnit.code}
      fw={total ? 700 : undefined}
      style={onOpen ? { cursor: 'pointer' } : undefined}
      onClick={onOpen}
    >
      <Table.Td>
        {onOpen ? (
          <Anchor
            href={to}
            onClick={(e) => {
              e.stopPropagation();
              if (e.button === 0 && !e.metaKey && !e.ctrlKey) {
                e.preventDefault();
                onOpen();
              }
            }}
            size="sm"
          >
            {r.orgUnit.name}
          </Anchor>
        ) : (
          <>
            {r.orgUnit.name}
            <Text span size="xs" c="dimmed">{` (${t('equipment.care.kpi.total')})`}</Text>
          </>
        )}
      </Table.Td>
      <Table.Td ta="right" data-testid="kpi-assets">
        {num(r.items)}
      </Table.Td>
      <Table.Td>
        <Bar value={r.functionalPct} />
      </Table.Td>
      {COLUMNS.map((c) => (
        <Table.Td key={c} ta="right" c={r[c] > 0 && (c === 'broken' || c === 'locked' || c === 'inspectionsOverdue') ? 'red' : undefined} data-testid={`kpi-${c}`}>
          {num(r[c])}
        </Table.Td>
      ))}
      <Table.Td ta="right">{r.meanRepairDays === null ? '–' : formatNumber(r.meanRepairDays)}</Table.Td>
    </Table.Tr>
  );
}

function KpiCard({ r, total, onOpen }: { r: KpiRow; total?: boolean; onOpen?: () => void }) {
  const { t } = useTranslation();
  const to = rowTarget(r);
  const body = (
    <>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Text fw={total ? 700 : 600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          {r.orgUnit.name}
          {total ? ` (${t('equipment.care.kpi.total')})` : ''}
        </Text>
        <Bar value={r.functionalPct} />
      </Group>
      <SimpleGrid cols={3} spacing={4} verticalSpacing={2} mt={4}>
        <Stat label={t('equipment.care.kpi.assets')} value={r.items} />
        {COLUMNS.map((c) => (
          <Stat key={c} label={t(`equipment.care.kpi.${c}`)} value={r[c]} alert={c === 'broken' || c === 'locked' || c === 'inspectionsOverdue'} />
        ))}
      </SimpleGrid>
      {r.meanRepairDays !== null && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('equipment.care.kpi.meanRepairDays')}: {formatNumber(r.meanRepairDays)}
        </Text>
      )}
    </>
  );
  return onOpen ? (
    <Card
      withBorder
      padding="sm"
      component="a"
      href={to}
      onClick={(e) => {
        if (r.orgUnit.kind === 'station') return linkClick(to)(e);
        e.preventDefault();
        onOpen();
      }}
      data-testid="kpi-card"
      data-unit={r.orgUnit.code}
    >
      {body}
    </Card>
  ) : (
    <Card withBorder padding="sm" bg="var(--mantine-color-gray-0)" data-testid="kpi-card-total" data-unit={r.orgUnit.code}>
      {body}
    </Card>
  );
}

function Stat({ label, value, alert }: { label: string; value: number; alert?: boolean }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" lh={1.2} style={{ overflowWrap: 'anywhere' }}>
        {label}
      </Text>
      <Text size="sm" fw={600} c={alert && value > 0 ? 'red' : undefined}>
        {num(value)}
      </Text>
    </div>
  );
}
