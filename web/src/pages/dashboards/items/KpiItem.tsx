// KPI tile over GET /api/analytics/values: the value of the dashboard unit for the period, the annual
// target with "% kế hoạch" (year to date ÷ annual target), and "so với cùng kỳ" / "so với kỳ trước"
// with ▲/▼ arrows in colour. A period whose reporting is below the threshold shows "5/8 trạm đã báo cáo"
// beside its total and no arrow or % of plan ("Chưa so sánh — số liệu chưa đủ"): a partial total is
// never shown as a drop.
import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../../components/common';
import { comparable, completenessLabel, CompletenessNote } from '../../../components/Completeness';
import { formatNumber } from '../../../format';
import { fetchValues, itemKey } from '../dashboardApi';
import type { Change } from '../../../../../src/modules/analytics/analytics.contract.js';
import type { DashboardItem } from '../../../../../src/modules/dashboards/dashboards.contract.js';
import type { DashContext } from '../dashContext';
import type { ItemHandle } from './handle';

export const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${formatNumber(Math.round(n * 10) / 10)} %`);

function arrow(change: Change | null): { text: string; color: string; dir: 'up' | 'down' | 'flat' | 'none' } {
  if (!change) return { text: '—', color: 'dimmed', dir: 'none' };
  const dir = change.abs > 0 ? 'up' : change.abs < 0 ? 'down' : 'flat';
  const symbol = dir === 'up' ? '▲' : dir === 'down' ? '▼' : '■';
  const size = change.percent !== null ? pct(Math.abs(change.percent)) : formatNumber(Math.abs(change.abs));
  return { text: `${symbol} ${size}`, color: dir === 'up' ? 'teal.7' : dir === 'down' ? 'red.7' : 'gray.7', dir };
}

export function KpiItem({ item, ctx, handle, title }: { item: DashboardItem; ctx: DashContext; handle: MutableRefObject<ItemHandle>; title: string }) {
  const { t } = useTranslation();
  const compare = item.compare ?? ['plan', 'lastYear'];
  const wanted = [...new Set([...compare, ...(compare.includes('plan') ? ['ytd'] : [])])];
  const q = useQuery({ queryKey: itemKey('values', { ...item, compare }, ctx), queryFn: () => fetchValues(item, ctx, wanted) });
  const row = q.data?.rows[0] ?? null;
  // Below the completeness threshold: comparisons withheld (the total itself is still shown, with its note).
  const honest = comparable(row?.completeness);
  const withheld = t('geo.completeness.withheld');

  useEffect(() => {
    handle.current.picture = () => {
      if (!q.data) return null;
      const lines: string[][] = [[t('dashboards.kpi.value'), row?.value !== null && row?.value !== undefined ? formatNumber(row.value) : t('dashboards.noData')]];
      if (row?.completeness && row.completeness.reported < row.completeness.expected) lines.push(['', completenessLabel(t, row.completeness)]);
      if (compare.includes('plan')) {
        lines.push([t('dashboards.kpi.target'), row?.plan ? formatNumber(row.plan.target) : '—']);
        lines.push([t('dashboards.kpi.ofPlan'), honest ? pct(row?.plan?.ytdPercent) : withheld]);
      }
      if (compare.includes('lastYear')) lines.push([t('dashboards.kpi.vsLastYear'), honest ? arrow(row?.changeLastYear ?? null).text : withheld]);
      if (compare.includes('previous')) lines.push([t('dashboards.kpi.vsPrevious'), honest ? arrow(row?.changePrevious ?? null).text : withheld]);
      return { title, subtitle: `${ctx.unit.name} — ${q.data.period.name}`, headers: [], rows: lines, numeric: [false, true] };
    };
    return () => {
      handle.current.picture = undefined;
    };
  });

  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const data = q.data;
  const ly = arrow(row?.changeLastYear ?? null);
  const prev = arrow(row?.changePrevious ?? null);
  const held = (what: string) => (
    <Text span c="orange.8" fw={600} size="sm" data-testid={`kpi-withheld-${what}-${item.id}`}>
      {withheld}
    </Text>
  );
  return (
    <Stack gap={4} data-testid={`kpi-${item.id}`}>
      <Text fz={32} fw={700} lh={1.1} data-testid={`kpi-value-${item.id}`} data-value={row?.value ?? ''}>
        {row?.value !== null && row?.value !== undefined ? formatNumber(row.value) : '—'}
      </Text>
      <Group gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed">
          {data.period.name}
        </Text>
        <CompletenessNote c={row?.completeness} testId={`kpi-completeness-${item.id}`} />
      </Group>
      {compare.includes('plan') && (
        <Group gap="xs" justify="space-between" data-testid={`kpi-plan-${item.id}`}>
          <Text size="sm">
            {t('dashboards.kpi.target')}: <b>{row?.plan ? formatNumber(row.plan.target) : '—'}</b>
          </Text>
          <Text size="sm" title={t('dashboards.kpi.ofPlanHint', { ytd: row?.ytd !== null && row?.ytd !== undefined ? formatNumber(row.ytd) : '—' })}>
            {t('dashboards.kpi.ofPlan')}: {honest ? <b data-testid={`kpi-ofplan-${item.id}`}>{pct(row?.plan?.ytdPercent)}</b> : held('plan')}
          </Text>
        </Group>
      )}
      {compare.includes('lastYear') && (
        <Text size="sm" data-testid={`kpi-lastyear-${item.id}`} data-direction={honest ? ly.dir : 'withheld'}>
          {t('dashboards.kpi.vsLastYear')}:{' '}
          {honest ? (
            <Text span c={ly.color} fw={600}>
              {ly.text}
            </Text>
          ) : (
            held('lastyear')
          )}
          {honest && row?.lastYear !== null && row?.lastYear !== undefined && (
            <Text span size="xs" c="dimmed">
              {' '}
              ({data.lastYearPeriod?.name}: {formatNumber(row.lastYear)})
            </Text>
          )}
        </Text>
      )}
      {compare.includes('previous') && (
        <Text size="sm" data-testid={`kpi-previous-${item.id}`} data-direction={honest ? prev.dir : 'withheld'}>
          {t('dashboards.kpi.vsPrevious')}:{' '}
          {honest ? (
            <Text span c={prev.color} fw={600}>
              {prev.text}
            </Text>
          ) : (
            held('previous')
          )}
        </Text>
      )}
    </Stack>
  );
}
