// Map item: the units below the dashboard unit coloured by one data item (ChoroplethMap, bundled
// GeoJSON, today's structure); clicking a unit drills down to it.
import { useQuery } from '@tanstack/react-query';
import { useMemo, type MutableRefObject } from 'react';
import { ChoroplethMap } from '../../../components/ChoroplethMap';
import type { ECharts } from '../../../components/EChart';
import { ErrorAlert, Loading } from '../../../components/common';
import { fetchValues, itemKey, rowLevel } from '../dashboardApi';
import type { DashboardItem } from '../../../../../src/modules/dashboards/dashboards.contract.js';
import type { DashContext } from '../dashContext';
import type { ItemHandle } from './handle';

export function MapItem({ item, ctx, handle }: { item: DashboardItem; ctx: DashContext; handle: MutableRefObject<ItemHandle> }) {
  const q = useQuery({ queryKey: itemKey('values', item, ctx), queryFn: () => fetchValues(item, ctx, []) });
  const values = useMemo(() => {
    const out: Record<string, number | null> = {};
    for (const r of q.data?.rows ?? []) {
      if (r.value !== null) out[r.ou] = (out[r.ou] ?? 0) + r.value;
      else if (!(r.ou in out)) out[r.ou] = null;
    }
    return out;
  }, [q.data]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const level = rowLevel(item, ctx) ?? ctx.unit.level + 1;
  return (
    <ChoroplethMap
      parent={ctx.unit.id}
      level={level}
      values={values}
      label={q.data.items[0]?.name}
      height={360}
      onUnitClick={ctx.onDrill}
      onReady={(chart: ECharts | null) => {
        handle.current.png = chart ? () => chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) : undefined;
      }}
    />
  );
}
