// /approvals: the forms of a unit's children for a data set and period (state, approve / return /
// reopen, open a child's form read-only), and completeness / timeliness over a period range.
import { Alert, Button, Drawer, Group, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Id } from '../../api';
import { useCan, useMe } from '../../auth';
import { OuPicker, type OuChoice } from '../../components/OuPicker';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDate, formatDateTime, formatNumber, today } from '../../format';
import { useDataSets } from '../entry/entryApi';
import { FormView } from '../entry/FormView';
import { periodLabel, recentPeriods } from '../entry/periods';
import { displayState, StateBadge } from '../entry/status';
import type { UnitFormStatus } from '../../../../src/modules/workflow/workflow.contract.js';
import { WorkflowButtons } from '../entry/WorkflowButtons';
import { CompletenessView } from './CompletenessView';

export function ApprovalsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const home = me.organisationUnits[0] ?? null;
  const [unit, setUnit] = useState<OuChoice | null>(home ? { id: home.id, label: home.name } : null);
  const [ds, setDs] = useState<string | null>(() => new URLSearchParams(location.search).get('ds'));
  const [pe, setPe] = useState<string | null>(() => new URLSearchParams(location.search).get('pe'));
  const [tab, setTab] = useState<string | null>('status');
  const dataSets = useDataSets(unit?.id ?? null, true);
  const list = dataSets.data?.data ?? [];
  const current = list.find((d) => d.code === ds || String(d.id) === ds) ?? null;
  useEffect(() => {
    // An approver's first interest is the forms of the units below, not their own unit's form.
    if (dataSets.data && !current && list.length) setDs((list.find((d) => d.own === false) ?? list[0]!).code);
  }, [dataSets.data, current, list]);
  const periods = useMemo(() => recentPeriods(current?.periodType ?? 'Monthly', today(), 36), [current?.periodType]);
  useEffect(() => {
    if (current && (!pe || !periods.some((p) => p.iso === pe))) setPe(periods[1]?.iso ?? periods[0]!.iso);
  }, [current, pe, periods]);
  const name = (o: { name: string; nameEn?: string | null }) => (i18n.language === 'en' ? o.nameEn || o.name : o.name);

  return (
    <Stack gap="sm">
      <Title order={3}>{t('approvals.title')}</Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ minWidth: 320 }}>
          <OuPicker label={t('approvals.pick.unit')} value={unit} onChange={setUnit} testId="approvals-unit" />
        </div>
        <Select
          label={t('entry.pick.dataSet')}
          style={{ minWidth: 280 }}
          data={list.map((d) => ({ value: d.code, label: name(d) }))}
          value={current?.code ?? null}
          onChange={setDs}
          disabled={!list.length}
          placeholder={t('entry.pick.noDataSet')}
          data-testid="approvals-dataset"
        />
        {tab === 'status' && (
          <Select
            label={t('entry.pick.period')}
            style={{ minWidth: 200 }}
            data={periods.map((p) => ({ value: p.iso, label: periodLabel(p.iso) }))}
            value={pe}
            onChange={setPe}
            searchable
            data-testid="approvals-period"
          />
        )}
      </Group>
      {dataSets.data && !list.length && unit && <Alert color="gray">{t('approvals.noDataSet')}</Alert>}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="status" data-testid="approvals-tab-status">
            {t('approvals.tabs.status')}
          </Tabs.Tab>
          <Tabs.Tab value="completeness" data-testid="approvals-tab-completeness">
            {t('approvals.tabs.completeness')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="status" pt="sm">
          {current && unit && pe && <StatusTable dataSet={current.code} orgUnit={unit.id} period={pe} />}
        </Tabs.Panel>
        <Tabs.Panel value="completeness" pt="sm">
          {current && unit && <CompletenessView dataSet={current.code} periodType={current.periodType} orgUnit={unit.id} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function StatusTable(props: { dataSet: string; orgUnit: Id; period: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canApprove = useCan('data:approve');
  const [open, setOpen] = useState<UnitFormStatus | null>(null);
  const q = useQuery({
    queryKey: ['approvals', 'status', props.dataSet, String(props.orgUnit), props.period],
    queryFn: () => api.get<UnitFormStatus[]>('/api/forms/status', { dataSet: props.dataSet, orgUnit: props.orgUnit, period: props.period }),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['approvals'] });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} testId="approvals-error" />;
  const rows = q.data;
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const d = displayState(r.state, r.valueCount, r.onTime);
    counts[d] = (counts[d] ?? 0) + 1;
  }
  const done = rows.filter((r) => r.state === 'completed' || r.state === 'approved').length;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Stat label={t('approvals.summary.units')} value={rows.length} />
        <Stat label={t('approvals.summary.reported')} value={done} testId="approvals-reported" />
        <Stat label={t('approvals.summary.approved')} value={counts.approved ?? 0} />
        <Stat label={t('approvals.summary.missing')} value={(counts.empty ?? 0) + (counts.inProgress ?? 0) + (counts.returned ?? 0)} />
      </SimpleGrid>
      {rows.length === 0 ? (
        <Alert color="gray">{t('approvals.noChildren')}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover data-testid="approvals-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('approvals.col.unit')}</Table.Th>
                <Table.Th style={{ minWidth: 200 }}>{t('approvals.col.state')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('approvals.col.values')}</Table.Th>
                <Table.Th>{t('approvals.col.completed')}</Table.Th>
                <Table.Th>{t('approvals.col.deadline')}</Table.Th>
                <Table.Th>{t('approvals.col.approved')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={String(r.orgUnit.id)} data-testid={`approvals-row-${r.orgUnit.code}`}>
                  <Table.Td>{r.orgUnit.name}</Table.Td>
                  <Table.Td>
                    <StateBadge state={r.state} valueCount={r.valueCount} onTime={r.onTime} testId={`approvals-state-${r.orgUnit.code}`} />
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatNumber(r.valueCount ?? 0)}</Table.Td>
                  <Table.Td>
                    {r.completedAt ? (
                      <Text size="sm">
                        {formatDateTime(r.completedAt)}
                        {r.completedBy ? ` — ${r.completedBy}` : ''}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{formatDate(r.deadline ?? null)}</Table.Td>
                  <Table.Td>
                    {r.approvedAt ? (
                      <Text size="sm">
                        {formatDateTime(r.approvedAt)}
                        {r.approvedBy ? ` — ${r.approvedBy}` : ''}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" justify="flex-end">
                      <Button size="xs" variant="default" onClick={() => setOpen(r)} data-testid={`open-${r.orgUnit.code}`}>
                        {t('approvals.actions.view')}
                      </Button>
                      {canApprove && !r.self && (
                        <WorkflowButtons
                          dataSet={props.dataSet}
                          orgUnit={r.orgUnit.id}
                          orgUnitCode={r.orgUnit.code}
                          period={props.period}
                          state={r.state}
                          onDone={refresh}
                        />
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="85%" title={open?.orgUnit.name} data-testid="approvals-form">
        {open && <ApproverNote row={open} canApprove={canApprove} />}
        {open && <FormView key={String(open.orgUnit.id)} dataSet={props.dataSet} orgUnit={open.orgUnit.id} period={props.period} readOnly showApproverActions onChanged={refresh} />}
      </Drawer>
    </Stack>
  );
}

/**
 * What the approver can do with a child's form, in the approver's own terms ("Duyệt" / "Trả lại" /
 * "Mở lại"); a form not yet sent is "waiting for the unit" — never the unit's own "Hoàn thành" button.
 */
function ApproverNote({ row, canApprove }: { row: UnitFormStatus; canApprove: boolean }) {
  const { t } = useTranslation();
  const key = !canApprove ? 'viewOnly' : row.state === 'completed' ? 'completed' : row.state === 'approved' ? 'approved' : row.state === 'returned' ? 'returned' : 'open';
  return (
    <Alert color={key === 'completed' ? 'blue' : 'gray'} mb="sm" data-testid="approvals-drawer-note" data-state={row.state}>
      {t(`approvals.drawer.${key}`, { unit: row.orgUnit.name })}
    </Alert>
  );
}

export function Stat(props: { label: string; value: number | string; testId?: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text fw={700} size="lg" data-testid={props.testId}>
        {typeof props.value === 'number' ? formatNumber(props.value) : props.value}
      </Text>
    </Paper>
  );
}
