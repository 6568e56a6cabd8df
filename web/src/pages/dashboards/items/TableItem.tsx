// Table item: the values of the data items by unit (and period) from GET /api/analytics, or the
// reporting rates of the units (reported / on time / expected) from GET /api/analytics/values.
import { Anchor, ScrollArea, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../../components/common';
import { formatNumber } from '../../../format';
import { fetchValues, itemKey } from '../dashboardApi';
import { useItemData } from '../itemData';
import type { TablePicture } from '../png';
import type { DashboardItem } from '../../../../../src/modules/dashboards/dashboards.contract.js';
import type { DashContext } from '../dashContext';
import type { ItemHandle } from './handle';
import { pct } from './KpiItem';
import { CompletenessNote, NoValue, completenessLabel, type Completeness } from '../../../components/Completeness';

interface Grid {
  headers: string[];
  numeric: boolean[];
  rows: { key: string; unitId: string | null; cells: string[]; completeness?: Completeness | null }[];
  subtitle?: string;
}

export function TableItem(props: { item: DashboardItem; ctx: DashContext; handle: MutableRefObject<ItemHandle>; title: string }) {
  return props.item.show === 'reporting' ? <ReportingTable {...props} /> : <ValuesTable {...props} />;
}

function useGridPicture(handle: MutableRefObject<ItemHandle>, title: string, grid: Grid | null) {
  const { t } = useTranslation();
  useEffect(() => {
    handle.current.picture = (): TablePicture | null =>
      grid
        ? {
            title,
            subtitle: grid.subtitle,
            headers: grid.headers,
            // An incomplete total carries its note into the picture and the CSV as well.
            rows: grid.rows.map((r) => (r.completeness ? [`${r.cells[0]} (${completenessLabel(t, r.completeness)})`, ...r.cells.slice(1)] : r.cells)),
            numeric: grid.numeric,
          }
        : null;
    return () => {
      handle.current.picture = undefined;
    };
  });
}

function ValuesTable({ item, ctx, handle, title }: { item: DashboardItem; ctx: DashContext; handle: MutableRefObject<ItemHandle>; title: string }) {
  const { t } = useTranslation();
  const q = useItemData(item, ctx);
  const grid = useMemo<Grid | null>(() => {
    const d = q.data;
    if (!d) return null;
    const showPe = d.periods.length > 1;
    const headers = [t('dashboards.table.unit'), ...(showPe ? [t('dashboards.table.period')] : []), ...d.items.map((i) => i.name)];
    const rows = d.units.flatMap((u) =>
      d.periods.map((pe) => ({
        key: `${u.id}|${pe.id}`,
        unitId: d.units.length > 1 ? u.id : null,
        completeness: d.items.map((dx) => d.completeness(dx.id, pe.id, u.id)).find((c) => c && c.reported < c.expected) ?? null,
        cells: [
          u.name,
          ...(showPe ? [pe.label] : []),
          ...d.items.map((dx) => {
            const v = d.value(dx.id, pe.id, u.id);
            return v === null ? '—' : formatNumber(v);
          }),
        ],
      })),
    );
    const numeric = headers.map((_, i) => i >= (showPe ? 2 : 1));
    return { headers, numeric, rows, subtitle: `${ctx.unit.name}${showPe ? '' : ` — ${d.periods[0]?.label ?? ''}`}` };
  }, [q.data, t, ctx.unit.name]);
  useGridPicture(handle, title, grid);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  return <GridTable grid={grid!} ctx={ctx} testId={`table-${item.id}`} />;
}

function ReportingTable({ item, ctx, handle, title }: { item: DashboardItem; ctx: DashContext; handle: MutableRefObject<ItemHandle>; title: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: itemKey('reporting', item, ctx), queryFn: () => fetchValues(item, ctx, ['reporting']) });
  const grid = useMemo<Grid | null>(() => {
    if (!q.data) return null;
    const units = new Map(q.data.orgUnits.map((u) => [u.id, u]));
    const rows = (q.data.reporting ?? []).map((r) => ({
      key: `${r.ou}|${r.dataSet}`,
      unitId: q.data.orgUnits.length > 1 ? r.ou : null,
      cells: [
        units.get(r.ou)?.name ?? r.ou,
        r.dataSetName,
        formatNumber(r.expected),
        formatNumber(r.reported),
        formatNumber(r.onTime),
        pct(r.reportingRate),
        pct(r.onTimeRate),
      ],
    }));
    const headers = ['unit', 'dataSet', 'expected', 'reported', 'onTime', 'reportingRate', 'onTimeRate'].map((k) => t(`dashboards.reporting.${k}`));
    return { headers, numeric: headers.map((_, i) => i >= 2), rows, subtitle: `${ctx.unit.name} — ${q.data.period.name}` };
  }, [q.data, t, ctx.unit.name]);
  useGridPicture(handle, title, grid);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  return <GridTable grid={grid!} ctx={ctx} testId={`table-${item.id}`} />;
}

function GridTable({ grid, ctx, testId }: { grid: Grid; ctx: DashContext; testId: string }) {
  const { t } = useTranslation();
  if (grid.rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId} data-rows={0}>
        {t('dashboards.noData')}
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah={340} type="auto">
      <Table striped highlightOnHover stickyHeader fz="sm" data-testid={testId} data-rows={grid.rows.length}>
        <Table.Thead>
          <Table.Tr>
            {grid.headers.map((h, i) => (
              <Table.Th key={i} ta={grid.numeric[i] ? 'right' : 'left'}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.rows.map((r) => (
            <Table.Tr key={r.key}>
              {r.cells.map((c, i) => (
                <Table.Td key={i} ta={grid.numeric[i] ? 'right' : 'left'}>
                  {i === 0 && r.unitId ? (
                    <Anchor component="button" type="button" size="sm" onClick={() => ctx.onDrill(r.unitId!)} data-testid={`drill-${r.unitId}`}>
                      {c}
                    </Anchor>
                  ) : grid.numeric[i] && c === '—' ? (
                    <NoValue />
                  ) : (
                    c
                  )}
                  {i === 0 && r.completeness && (
                    <>
                      {' '}
                      <CompletenessNote c={r.completeness} testId={`completeness-${r.key}`} />
                    </>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
