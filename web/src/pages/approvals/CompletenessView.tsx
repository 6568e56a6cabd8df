// Completeness and timeliness of a data set for a unit's subtree over a period range, with exports.
import { Alert, Button, Group, Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Id } from '../../api';
import { ErrorAlert, Loading } from '../../components/common';
import { formatNumber, today } from '../../format';
import { periodLabel, recentPeriods } from '../entry/periods';
import type { CompletenessCounts, CompletenessReport } from '../../../../src/modules/workflow/workflow.contract.js';

/** Counts of one unit (or one period) over the range. */
interface Line {
  orgUnit: { id: Id; code: string; name: string };
  expected: number;
  reported: number;
  onTime: number;
  late: number;
  missing: number;
  reportedRate: number | null;
  onTimeRate: number | null;
}

/** The counts a line adds up. */
type Counts = Pick<CompletenessCounts, 'expected' | 'reported' | 'onTime' | 'late' | 'missing'>;

const rate = (n: number, d: number) => (d ? (n / d) * 100 : null);

function sumUp(orgUnit: Line['orgUnit'], items: Counts[]): Line {
  const c = { expected: 0, reported: 0, onTime: 0, late: 0, missing: 0 };
  for (const i of items) {
    c.expected += i.expected;
    c.reported += i.reported;
    c.onTime += i.onTime;
    c.late += i.late;
    c.missing += i.missing;
  }
  return { orgUnit, ...c, reportedRate: rate(c.reported, c.expected), onTimeRate: rate(c.onTime, c.expected) };
}

/** Per unit over all periods of the range (units in the server's order), the grand total, and per period. */
function linesOf(rep: CompletenessReport): { rows: Line[]; total: Line | null; byPeriod: Line[] } {
  const groups = new Map<string, { ou: Line['orgUnit']; items: Counts[] }>();
  for (const r of rep.rows) {
    const k = String(r.orgUnit.id);
    const g = groups.get(k) ?? { ou: r.orgUnit, items: [] };
    g.items.push(r);
    groups.set(k, g);
  }
  const rows = [...groups.values()].map((g) => sumUp(g.ou, g.items));
  const totals = rep.totals;
  const total = totals.length ? sumUp({ id: '', code: '', name: '' }, totals) : rows.length ? sumUp({ id: '', code: '', name: '' }, rows) : null;
  const byPeriod = totals.map((tt) => sumUp({ id: tt.period, code: tt.period, name: periodLabel(tt.period) }, [tt]));
  return { rows, total, byPeriod };
}

function pct(v: number | null): string {
  if (v === null) return '—';
  return `${new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 1 }).format(v)} %`;
}

export function CompletenessView(props: { dataSet: string; periodType: string; orgUnit: Id }) {
  const { t } = useTranslation();
  const periods = useMemo(() => recentPeriods(props.periodType, today(), 36), [props.periodType]);
  const [end, setEnd] = useState<string | null>(periods[1]?.iso ?? periods[0]!.iso);
  const [start, setStart] = useState<string | null>(periods[Math.min(periods.length - 1, props.periodType === 'Monthly' ? 6 : 2)]!.iso);
  const options = periods.map((p) => ({ value: p.iso, label: periodLabel(p.iso) }));
  const query = { dataSet: props.dataSet, orgUnit: String(props.orgUnit), startPeriod: start ?? '', endPeriod: end ?? '' };
  const q = useQuery({
    queryKey: ['approvals', 'completeness', query],
    queryFn: () => api.get<CompletenessReport>('/api/completeness', { ...query, format: 'json' }),
    enabled: !!start && !!end && start <= end,
  });
  const href = (format: string) => `/api/completeness?${new URLSearchParams({ ...query, format })}`;
  const { rows, total: sum, byPeriod } = q.data ? linesOf(q.data) : { rows: [], total: null, byPeriod: [] };

  return (
    <>
      <Group align="flex-end" gap="sm" mb="sm">
        <Select label={t('approvals.completeness.from')} data={options} value={start} onChange={setStart} searchable data-testid="completeness-start" />
        <Select label={t('approvals.completeness.to')} data={options} value={end} onChange={setEnd} searchable data-testid="completeness-end" />
        <Button component="a" href={href('csv')} variant="default" download data-testid="completeness-csv">
          {t('approvals.completeness.csv')}
        </Button>
        <Button component="a" href={href('xlsx')} variant="default" download data-testid="completeness-xlsx">
          {t('approvals.completeness.xlsx')}
        </Button>
      </Group>
      {start && end && start > end && <Alert color="yellow">{t('approvals.completeness.badRange')}</Alert>}
      {q.isPending && q.fetchStatus !== 'idle' && <Loading />}
      {q.isError && <ErrorAlert error={q.error} testId="completeness-error" />}
      {q.data !== undefined && rows.length === 0 && <Text c="dimmed">{t('approvals.completeness.empty')}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="completeness-table">
            <Head first={t('approvals.col.unit')} />
            <Table.Tbody>
              {rows.map((r) => (
                <LineRow key={String(r.orgUnit.id) || r.orgUnit.code} r={r} label={r.orgUnit.name} testId={`completeness-row-${r.orgUnit.code}`} />
              ))}
              {sum && <LineRow r={sum} label={t('approvals.completeness.total')} bold testId="completeness-total" />}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {byPeriod.length > 1 && (
        <>
          <Text fw={600} size="sm" mt="md" mb={4}>
            {t('approvals.completeness.byPeriod')}
          </Text>
          <Table.ScrollContainer minWidth={800}>
            <Table striped data-testid="completeness-periods">
              <Head first={t('entry.pick.period')} />
              <Table.Tbody>
                {byPeriod.map((r) => (
                  <LineRow key={String(r.orgUnit.id)} r={r} label={r.orgUnit.name} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </>
  );
}

function Head({ first }: { first: string }) {
  const { t } = useTranslation();
  const right = { textAlign: 'right' as const };
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{first}</Table.Th>
        <Table.Th style={right}>{t('approvals.completeness.expected')}</Table.Th>
        <Table.Th style={right}>{t('approvals.completeness.reported')}</Table.Th>
        <Table.Th style={right}>{t('approvals.completeness.onTime')}</Table.Th>
        <Table.Th style={right}>{t('approvals.completeness.late')}</Table.Th>
        <Table.Th style={right}>{t('approvals.completeness.missing')}</Table.Th>
        <Table.Th style={right}>{t('approvals.completeness.reportedRate')}</Table.Th>
        <Table.Th style={right}>{t('approvals.completeness.onTimeRate')}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

function LineRow({ r, label, bold, testId }: { r: Line; label: string; bold?: boolean; testId?: string }) {
  const style = { textAlign: 'right' as const, fontWeight: bold ? 700 : undefined };
  return (
    <Table.Tr data-testid={testId}>
      <Table.Td style={{ fontWeight: bold ? 700 : undefined }}>{label}</Table.Td>
      <Table.Td style={style}>{formatNumber(r.expected)}</Table.Td>
      <Table.Td style={style}>{formatNumber(r.reported)}</Table.Td>
      <Table.Td style={style}>{formatNumber(r.onTime)}</Table.Td>
      <Table.Td style={style}>{formatNumber(r.late)}</Table.Td>
      <Table.Td style={style}>{formatNumber(r.missing)}</Table.Td>
      <Table.Td style={style}>{pct(r.reportedRate)}</Table.Td>
      <Table.Td style={style}>{pct(r.onTimeRate)}</Table.Td>
    </Table.Tr>
  );
}
